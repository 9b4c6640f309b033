//! Target-market fit (SPEC §2): manufacturing in seven industries, annual revenue
//! RMB 30 M – 500 M, annual profit ≥ RMB 5 M.
//!
//! **Decision**: bounds are inclusive. When any criterion fails the status is `out` and the
//! reasons list the failures first, then any missing data; when nothing fails but data is
//! missing the status is `unknown` with the missing fields; otherwise `in` with no reasons.
//! Out-of-target prospects are still kept: this is information, never a filter.

use serde::{Deserialize, Serialize};

use crate::types::{Industry, Prospect};

/// Target-market criteria; [`TargetMarket::default`] is SPEC §2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetMarket {
    /// Lowest annual revenue in CNY (inclusive).
    pub min_revenue_cny: i64,
    /// Highest annual revenue in CNY (inclusive).
    pub max_revenue_cny: i64,
    /// Lowest annual profit in CNY (inclusive).
    pub min_profit_cny: i64,
    /// Industries in the target.
    pub industries: Vec<Industry>,
}

impl Default for TargetMarket {
    fn default() -> Self {
        TargetMarket {
            min_revenue_cny: 30_000_000,
            max_revenue_cny: 500_000_000,
            min_profit_cny: 5_000_000,
            industries: Industry::ALL
                .iter()
                .copied()
                .filter(|i| *i != Industry::Other)
                .collect(),
        }
    }
}

/// Fit status, serialised `in|out|unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FitStatus {
    /// In the target market.
    In,
    /// Outside it.
    Out,
    /// Not enough data.
    Unknown,
}

/// Why a prospect is out or unknown (snake_case codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FitReason {
    /// Industry not among the target industries.
    IndustryNotTarget,
    /// Revenue below the range.
    RevenueBelowRange,
    /// Revenue above the range.
    RevenueAboveRange,
    /// Profit below the minimum.
    ProfitBelowMinimum,
    /// Industry not recorded.
    IndustryMissing,
    /// Revenue not recorded.
    RevenueMissing,
    /// Profit not recorded.
    ProfitMissing,
}

/// The `target_fit` part of a pulled record: `{"status":"in|out|unknown","reasons":[…]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetFit {
    /// Status.
    pub status: FitStatus,
    /// Reasons (empty when in).
    pub reasons: Vec<FitReason>,
}

/// Check a prospect against the target market.
pub fn check(p: &Prospect, market: &TargetMarket) -> TargetFit {
    let mut fails = Vec::new();
    let mut missing = Vec::new();
    match p.industry {
        None => missing.push(FitReason::IndustryMissing),
        Some(i) if !market.industries.contains(&i) => fails.push(FitReason::IndustryNotTarget),
        Some(_) => {}
    }
    match p.annual_revenue_cny {
        None => missing.push(FitReason::RevenueMissing),
        Some(r) if r < market.min_revenue_cny => fails.push(FitReason::RevenueBelowRange),
        Some(r) if r > market.max_revenue_cny => fails.push(FitReason::RevenueAboveRange),
        Some(_) => {}
    }
    match p.annual_profit_cny {
        None => missing.push(FitReason::ProfitMissing),
        Some(x) if x < market.min_profit_cny => fails.push(FitReason::ProfitBelowMinimum),
        Some(_) => {}
    }
    let status = if !fails.is_empty() {
        FitStatus::Out
    } else if !missing.is_empty() {
        FitStatus::Unknown
    } else {
        FitStatus::In
    };
    fails.extend(missing);
    TargetFit {
        status,
        reasons: fails,
    }
}

/// [`check`] against the SPEC §2 market.
pub fn target_fit(p: &Prospect) -> TargetFit {
    check(p, &TargetMarket::default())
}
