//! Plausibility of a prospect's figures: values far outside what a manufacturing prospect
//! has are warned about, never refused (the rep may know better, and what was typed is kept).
//!
//! **Decisions** (thresholds, generous on purpose: only a slip of a unit or a digit should
//! trip them):
//! - Annual revenue above 1 trillion CNY (1 万亿; China's largest manufacturers stay below
//!   it) or, when given, below 100,000 CNY (10 万: most likely typed in 万 or 亿 by mistake).
//! - Headcount above 500,000 (the largest manufacturing employers in China).
//! - Item codes (品號數) above 10 million.
//! - Annual profit above the revenue, or a loss larger than the revenue.
//! - Revenue per employee above 100 million CNY (one of the two is mistyped).

use serde::{Deserialize, Serialize};

use crate::types::Prospect;

/// Revenue above this is implausible (CNY).
pub const MAX_REVENUE_CNY: i64 = 1_000_000_000_000;
/// A positive revenue below this is implausible (CNY).
pub const MIN_REVENUE_CNY: i64 = 100_000;
/// Headcount above this is implausible.
pub const MAX_EMPLOYEES: i64 = 500_000;
/// Item codes above this are implausible.
pub const MAX_ITEM_CODES: i64 = 10_000_000;
/// Revenue per employee above this is implausible (CNY).
pub const MAX_REVENUE_PER_EMPLOYEE_CNY: i64 = 100_000_000;

/// Why a figure looks wrong. Serialised snake_case; translated by the PWA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// Revenue above [`MAX_REVENUE_CNY`].
    RevenueTooHigh,
    /// Revenue below [`MIN_REVENUE_CNY`].
    RevenueTooLow,
    /// Headcount above [`MAX_EMPLOYEES`].
    EmployeesTooMany,
    /// Item codes above [`MAX_ITEM_CODES`].
    ItemCodesTooMany,
    /// Profit above revenue.
    ProfitAboveRevenue,
    /// A loss larger than the revenue.
    LossAboveRevenue,
    /// Revenue per employee above [`MAX_REVENUE_PER_EMPLOYEE_CNY`].
    RevenuePerEmployeeTooHigh,
}

impl WarningCode {
    /// The code's string form.
    pub fn code(self) -> &'static str {
        match self {
            WarningCode::RevenueTooHigh => "revenue_too_high",
            WarningCode::RevenueTooLow => "revenue_too_low",
            WarningCode::EmployeesTooMany => "employees_too_many",
            WarningCode::ItemCodesTooMany => "item_codes_too_many",
            WarningCode::ProfitAboveRevenue => "profit_above_revenue",
            WarningCode::LossAboveRevenue => "loss_above_revenue",
            WarningCode::RevenuePerEmployeeTooHigh => "revenue_per_employee_too_high",
        }
    }
}

/// One warning: the patch field it is shown under and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// The prospect field (`annual_revenue_cny`, `employees`, …).
    pub field: &'static str,
    /// Why.
    pub code: WarningCode,
}

/// The figures checked; any may be unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Figures {
    /// Annual revenue in CNY.
    pub annual_revenue_cny: Option<i64>,
    /// Annual profit in CNY.
    pub annual_profit_cny: Option<i64>,
    /// Headcount.
    pub employees: Option<i64>,
    /// Item codes.
    pub item_codes: Option<i64>,
}

impl Figures {
    /// The figures of a prospect.
    pub fn of(p: &Prospect) -> Self {
        Figures {
            annual_revenue_cny: p.annual_revenue_cny,
            annual_profit_cny: p.annual_profit_cny,
            employees: p.employees,
            item_codes: p.item_codes,
        }
    }

    /// Only `value` in `field` (one of the fields above; any other field gives no figures).
    pub fn one(field: &str, value: i64) -> Self {
        let mut f = Figures::default();
        match field {
            "annual_revenue_cny" => f.annual_revenue_cny = Some(value),
            "annual_profit_cny" => f.annual_profit_cny = Some(value),
            "employees" => f.employees = Some(value),
            "item_codes" => f.item_codes = Some(value),
            _ => {}
        }
        f
    }
}

/// The warnings about `f`, in field order (revenue, profit, employees, item codes). Empty
/// when nothing looks wrong.
pub fn check(f: &Figures) -> Vec<Warning> {
    let mut out = Vec::new();
    let mut warn = |field, code| out.push(Warning { field, code });
    if let Some(r) = f.annual_revenue_cny {
        if r > MAX_REVENUE_CNY {
            warn("annual_revenue_cny", WarningCode::RevenueTooHigh);
        } else if r > 0 && r < MIN_REVENUE_CNY {
            warn("annual_revenue_cny", WarningCode::RevenueTooLow);
        }
    }
    if let (Some(r), Some(p)) = (f.annual_revenue_cny, f.annual_profit_cny) {
        if r >= 0 && p > r {
            warn("annual_profit_cny", WarningCode::ProfitAboveRevenue);
        } else if r >= 0 && p < 0 && p.unsigned_abs() > r.unsigned_abs() {
            warn("annual_profit_cny", WarningCode::LossAboveRevenue);
        }
    }
    if let Some(e) = f.employees {
        if e > MAX_EMPLOYEES {
            warn("employees", WarningCode::EmployeesTooMany);
        } else if let Some(r) = f.annual_revenue_cny.filter(|_| e > 0) {
            if r / e > MAX_REVENUE_PER_EMPLOYEE_CNY {
                warn("employees", WarningCode::RevenuePerEmployeeTooHigh);
            }
        }
    }
    if f.item_codes.is_some_and(|n| n > MAX_ITEM_CODES) {
        warn("item_codes", WarningCode::ItemCodesTooMany);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(f: Figures) -> Vec<WarningCode> {
        check(&f).into_iter().map(|w| w.code).collect()
    }

    #[test]
    fn a_typical_manufacturer_raises_no_warning() {
        let f = Figures {
            annual_revenue_cny: Some(120_000_000),
            annual_profit_cny: Some(9_000_000),
            employees: Some(450),
            item_codes: Some(20_000),
        };
        assert!(check(&f).is_empty());
        assert!(check(&Figures::default()).is_empty());
    }

    #[test]
    fn revenue_of_99_999_999_yi_is_warned_about_under_the_revenue() {
        let w = check(&Figures::one(
            "annual_revenue_cny",
            99_999_999 * 100_000_000,
        ));
        assert_eq!(
            w,
            vec![Warning {
                field: "annual_revenue_cny",
                code: WarningCode::RevenueTooHigh
            }]
        );
    }

    #[test]
    fn a_billion_employees_are_warned_about_under_the_headcount() {
        assert_eq!(
            check(&Figures::one("employees", 999_999_999)),
            vec![Warning {
                field: "employees",
                code: WarningCode::EmployeesTooMany
            }]
        );
        assert!(check(&Figures::one("employees", MAX_EMPLOYEES)).is_empty());
    }

    #[test]
    fn a_revenue_typed_in_the_wrong_unit_is_too_low_but_zero_or_unknown_is_not() {
        assert_eq!(
            codes(Figures::one("annual_revenue_cny", 5_000)),
            [WarningCode::RevenueTooLow]
        );
        assert!(codes(Figures::one("annual_revenue_cny", 0)).is_empty());
        assert!(codes(Figures::one("annual_revenue_cny", MIN_REVENUE_CNY)).is_empty());
    }

    #[test]
    fn profit_above_revenue_or_a_loss_larger_than_it_is_warned_about_under_the_profit() {
        let f = |r, p| Figures {
            annual_revenue_cny: Some(r),
            annual_profit_cny: Some(p),
            ..Figures::default()
        };
        assert_eq!(
            check(&f(10_000_000, 20_000_000))[0],
            Warning {
                field: "annual_profit_cny",
                code: WarningCode::ProfitAboveRevenue
            }
        );
        assert_eq!(
            codes(f(10_000_000, -20_000_000)),
            [WarningCode::LossAboveRevenue]
        );
        assert!(codes(f(10_000_000, -2_000_000)).is_empty());
    }

    #[test]
    fn revenue_per_employee_far_above_any_factory_is_warned_about_under_the_headcount() {
        let f = Figures {
            annual_revenue_cny: Some(500_000_000_000),
            employees: Some(3),
            ..Figures::default()
        };
        assert_eq!(codes(f), [WarningCode::RevenuePerEmployeeTooHigh]);
    }

    #[test]
    fn too_many_item_codes_are_warned_about_and_extreme_values_never_panic() {
        assert_eq!(
            codes(Figures::one("item_codes", MAX_ITEM_CODES + 1)),
            [WarningCode::ItemCodesTooMany]
        );
        let f = Figures {
            annual_revenue_cny: Some(i64::MIN),
            annual_profit_cny: Some(i64::MIN),
            employees: Some(i64::MIN),
            item_codes: Some(i64::MIN),
        };
        let _ = check(&f);
        let f = Figures {
            annual_revenue_cny: Some(i64::MAX),
            annual_profit_cny: Some(i64::MAX),
            employees: Some(1),
            item_codes: Some(i64::MAX),
        };
        assert!(!check(&f).is_empty());
    }

    #[test]
    fn figures_of_an_unknown_field_are_empty() {
        assert_eq!(Figures::one("company", 5), Figures::default());
    }
}
