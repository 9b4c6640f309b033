//! Negotiation (SPEC §8): the concession log rules and the formal quote total.
//!
//! Decisions:
//! - **Concessions** are recorded either in CNY (`amount_cny`) or in basis points of the
//!   quote (`percent_bp`, 100 bp = 1 %), exactly one of the two. Two entries are compared
//!   in their common unit; a CNY entry and a percentage entry are compared in CNY when the
//!   quote total is known, and not compared otherwise.
//! - **Quote discount** is in basis points (0..=10 000). The discount in CNY is
//!   `subtotal × bp / 10 000` rounded to the nearest yuan, halves up; all maths is integer
//!   (i128 inside, checked), so the PWA and the server always agree to the yuan.
//! - Every formal quote needs the manager's approval ([`QUOTE_NEEDS_APPROVAL`]).

use serde::{Deserialize, Serialize};

/// SPEC §8: every formal quote needs the manager's review and signature before it is issued.
pub const QUOTE_NEEDS_APPROVAL: bool = true;

/// One entry of the concession log.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concession {
    /// Amount conceded in CNY.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_cny: Option<i64>,
    /// Amount conceded in basis points of the quote (100 = 1 %).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_bp: Option<u32>,
    /// What the customer gave in return ("every give gets something back").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_return: Option<String>,
    /// Free note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Why a concession entry is invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ConcessionError {
    /// Neither an amount nor a percentage.
    #[error("a concession needs amount_cny or percent_bp")]
    NoAmount,
    /// Both an amount and a percentage.
    #[error("a concession has either amount_cny or percent_bp, not both")]
    BothAmounts,
    /// A negative or zero amount.
    #[error("a concession must be positive")]
    NotPositive,
    /// More than 100 %.
    #[error("a concession cannot exceed 100 %")]
    PercentOutOfRange,
}

/// Validate one concession entry.
pub fn validate_concession(c: &Concession) -> Result<(), ConcessionError> {
    match (c.amount_cny, c.percent_bp) {
        (None, None) => Err(ConcessionError::NoAmount),
        (Some(_), Some(_)) => Err(ConcessionError::BothAmounts),
        (Some(a), None) if a <= 0 => Err(ConcessionError::NotPositive),
        (None, Some(0)) => Err(ConcessionError::NotPositive),
        (None, Some(bp)) if bp > 10_000 => Err(ConcessionError::PercentOutOfRange),
        _ => Ok(()),
    }
}

/// Concession-log warning codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConcessionWarningCode {
    /// Larger than the previous concession (each should be smaller than the last).
    LargerThanPrevious,
    /// Nothing recorded in return.
    NothingInReturn,
}

/// A warning on one log entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ConcessionWarning {
    /// Index of the entry in the log.
    pub index: usize,
    /// The warning.
    pub code: ConcessionWarningCode,
}

fn round_div(num: i128, den: i128) -> i128 {
    // Non-negative operands: halves round up.
    (num + den / 2) / den
}

/// Whether `next` is larger than `prev`; `None` when they cannot be compared.
pub fn larger_than(
    prev: &Concession,
    next: &Concession,
    quote_total_cny: Option<i64>,
) -> Option<bool> {
    let cny = |c: &Concession| -> Option<i128> {
        c.amount_cny.map(i128::from).or_else(|| {
            let base = i128::from(quote_total_cny?);
            Some(round_div(base * i128::from(c.percent_bp?), 10_000))
        })
    };
    match (prev.percent_bp, next.percent_bp) {
        (Some(a), Some(b)) => Some(b > a),
        _ => Some(cny(next)? > cny(prev)?),
    }
}

/// Warnings for `next` if appended to `log` (use before adding an entry).
pub fn warnings_for_next(
    log: &[Concession],
    next: &Concession,
    quote_total_cny: Option<i64>,
) -> Vec<ConcessionWarningCode> {
    let mut out = Vec::new();
    if let Some(prev) = log.last() {
        if larger_than(prev, next, quote_total_cny) == Some(true) {
            out.push(ConcessionWarningCode::LargerThanPrevious);
        }
    }
    if next
        .in_return
        .as_deref()
        .is_none_or(|s| s.trim().is_empty())
    {
        out.push(ConcessionWarningCode::NothingInReturn);
    }
    out
}

/// All warnings of a concession log, in order.
pub fn check_concessions(
    log: &[Concession],
    quote_total_cny: Option<i64>,
) -> Vec<ConcessionWarning> {
    (0..log.len())
        .flat_map(|i| {
            warnings_for_next(&log[..i], &log[i], quote_total_cny)
                .into_iter()
                .map(move |code| ConcessionWarning { index: i, code })
        })
        .collect()
}

/// A quote line: a module at its list price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteLine {
    /// Module name.
    pub module: String,
    /// List price per unit in CNY.
    pub list_price_cny: i64,
    /// Quantity (licences).
    pub qty: u32,
}

/// The input of a formal quote (also the `quote.submit` args shape, with `prospect_id`
/// added by the caller).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteInput {
    /// Module lines.
    pub lines: Vec<QuoteLine>,
    /// Consultant days.
    #[serde(default)]
    pub consultant_days: u32,
    /// Consultant day rate in CNY.
    #[serde(default)]
    pub day_rate_cny: i64,
    /// Discount in basis points (100 = 1 %), 0..=10 000.
    #[serde(default)]
    pub discount_bp: u32,
}

/// A computed quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteTotal {
    /// Σ list price × qty.
    pub lines_cny: i64,
    /// Consultant days × day rate.
    pub consultant_cny: i64,
    /// lines + consultant.
    pub subtotal_cny: i64,
    /// Discount in CNY (rounded half up).
    pub discount_cny: i64,
    /// subtotal − discount.
    pub total_cny: i64,
    /// Always true: a formal quote needs the manager's approval.
    pub needs_approval: bool,
}

/// Why a quote cannot be computed (`line` is the index into `lines`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum QuoteError {
    /// No module lines.
    #[error("a quote needs at least one module line")]
    NoLines,
    /// A line without a module name.
    #[error("line {line}: module name is empty")]
    EmptyModule {
        /// Line index.
        line: usize,
    },
    /// A negative list price.
    #[error("line {line}: list price is negative")]
    NegativePrice {
        /// Line index.
        line: usize,
    },
    /// A zero quantity.
    #[error("line {line}: quantity is zero")]
    ZeroQuantity {
        /// Line index.
        line: usize,
    },
    /// A negative day rate.
    #[error("day rate is negative")]
    NegativeDayRate,
    /// Discount above 100 %.
    #[error("discount {discount_bp} bp is above 10000")]
    DiscountOutOfRange {
        /// The offending discount.
        discount_bp: u32,
    },
    /// An amount too large to represent.
    #[error("amount overflow")]
    Overflow,
}

/// Compute a quote: lines, consultant days × day rate, discount.
pub fn quote_total(q: &QuoteInput) -> Result<QuoteTotal, QuoteError> {
    if q.lines.is_empty() {
        return Err(QuoteError::NoLines);
    }
    let mut lines: i128 = 0;
    for (i, l) in q.lines.iter().enumerate() {
        if l.module.trim().is_empty() {
            return Err(QuoteError::EmptyModule { line: i });
        }
        if l.list_price_cny < 0 {
            return Err(QuoteError::NegativePrice { line: i });
        }
        if l.qty == 0 {
            return Err(QuoteError::ZeroQuantity { line: i });
        }
        lines += i128::from(l.list_price_cny) * i128::from(l.qty);
    }
    if q.day_rate_cny < 0 {
        return Err(QuoteError::NegativeDayRate);
    }
    if q.discount_bp > 10_000 {
        return Err(QuoteError::DiscountOutOfRange {
            discount_bp: q.discount_bp,
        });
    }
    let consultant = i128::from(q.consultant_days) * i128::from(q.day_rate_cny);
    let subtotal = lines + consultant;
    let discount = round_div(subtotal * i128::from(q.discount_bp), 10_000);
    let fit = |x: i128| i64::try_from(x).map_err(|_| QuoteError::Overflow);
    Ok(QuoteTotal {
        lines_cny: fit(lines)?,
        consultant_cny: fit(consultant)?,
        subtotal_cny: fit(subtotal)?,
        discount_cny: fit(discount)?,
        total_cny: fit(subtotal - discount)?,
        needs_approval: QUOTE_NEEDS_APPROVAL,
    })
}
