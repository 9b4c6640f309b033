//! Plausibility of a figure as typed in a form: the core's check ([`tuoke_core::plausible`])
//! on the parsed value, shown by [`super::Field`] under its input as a warning.

use tuoke_core::plausible::{check, Figures, WarningCode};

use super::draft::Kind;
use super::money::{parse_int, parse_money};

/// The core's warning about the figure typed in `name`, if it is far outside what a
/// manufacturing prospect has (revenue, headcount, …). A warning, never an error: the value
/// is kept and saves.
pub fn plausibility(name: &str, kind: Kind, text: &str) -> Option<WarningCode> {
    let value = match kind {
        Kind::Int => parse_int(text.trim())?,
        Kind::Money => parse_money(text.trim())?,
        _ => return None,
    };
    check(&Figures::one(name, value)).first().map(|w| w.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_implausible_revenue_or_headcount_as_typed_is_warned_about_and_a_normal_one_is_not() {
        assert_eq!(
            plausibility("annual_revenue_cny", Kind::Money, "99,999,999亿"),
            Some(WarningCode::RevenueTooHigh)
        );
        assert_eq!(
            plausibility("employees", Kind::Int, "999,999,999"),
            Some(WarningCode::EmployeesTooMany)
        );
        assert_eq!(
            plausibility("annual_revenue_cny", Kind::Money, "1.2亿"),
            None
        );
        assert_eq!(plausibility("employees", Kind::Int, "abc"), None);
        assert_eq!(plausibility("products", Kind::Text, "999999999"), None);
    }
}
