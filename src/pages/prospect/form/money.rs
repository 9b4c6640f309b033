//! Money in CNY and whole numbers: as typed (thousands separators, 万 / 亿 / M) and as a
//! rep reads them in each language.

use yew::prelude::*;

use crate::i18n::{I18n, Lang, ProfileKey};

fn strip_separators(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '_' | '\u{a0}' | '\''))
        .collect()
}

/// A whole number, thousands separators allowed.
pub fn parse_int(text: &str) -> Option<i64> {
    strip_separators(text.trim()).parse().ok()
}

/// An amount in whole CNY: `120000000`, `120,000,000`, `1.2亿`, `4500万`, `120M`, `¥ 3000`,
/// `3000元`. A fraction of a yuan is refused.
pub fn parse_money(text: &str) -> Option<i64> {
    let t = strip_separators(text.trim());
    let t = t.trim_start_matches(['¥', '￥']);
    let t = t.strip_suffix("元").unwrap_or(t);
    let t = t
        .strip_prefix("CNY")
        .or_else(|| t.strip_prefix("RMB"))
        .unwrap_or(t);
    let (number, scale): (&str, i64) = if let Some(n) = t.strip_suffix(['亿', '億']) {
        (n, 100_000_000)
    } else if let Some(n) = t.strip_suffix(['万', '萬']) {
        (n, 10_000)
    } else if let Some(n) = t.strip_suffix(['M', 'm']) {
        (n, 1_000_000)
    } else if let Some(n) = t.strip_suffix(['K', 'k']) {
        (n, 1_000)
    } else {
        (t, 1)
    };
    let (negative, number) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let mut value: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    value = value.checked_mul(scale)?;
    let mut unit = scale;
    for digit in fraction.chars() {
        let d = i64::from(digit.to_digit(10)?);
        if unit % 10 != 0 {
            // More decimals than the scale allows: a fraction of a yuan.
            if d != 0 {
                return None;
            }
            continue;
        }
        unit /= 10;
        value = value.checked_add(d * unit)?;
    }
    Some(if negative { -value } else { value })
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn trim_decimal(x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

/// An amount as a rep reads it: `1.2 亿元` / `4,500 万元` in Chinese, `CNY 120 M` in English,
/// small amounts in full.
pub fn format_money(i18n: &I18n, cny: i64) -> String {
    let sign = if cny < 0 { "-" } else { "" };
    let abs = cny.unsigned_abs();
    let (key, n) = match i18n.lang {
        Lang::ZhHans | Lang::ZhHant if abs >= 100_000_000 => {
            (ProfileKey::MoneyBig, trim_decimal(abs as f64 / 1e8, 2))
        }
        Lang::ZhHans | Lang::ZhHant if abs >= 10_000 => {
            let wan = abs as f64 / 1e4;
            let n = if wan >= 1000.0 {
                group_thousands(wan.round() as u64)
            } else {
                trim_decimal(wan, 1)
            };
            (ProfileKey::MoneyMid, n)
        }
        Lang::En if abs >= 1_000_000_000 => {
            (ProfileKey::MoneyBig, trim_decimal(abs as f64 / 1e9, 2))
        }
        Lang::En if abs >= 1_000_000 => (ProfileKey::MoneyMid, trim_decimal(abs as f64 / 1e6, 1)),
        _ => (ProfileKey::MoneySmall, group_thousands(abs)),
    };
    i18n.fmt(key, &[("n", &format!("{sign}{n}"))])
}

/// The amount in full, with thousands separators (`¥120,000,000`).
pub fn full_money(cny: i64) -> String {
    let sign = if cny < 0 { "-" } else { "" };
    format!("{sign}¥{}", group_thousands(cny.unsigned_abs()))
}

/// A whole number with thousands separators.
pub fn format_int(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", group_thousands(n.unsigned_abs()))
}

/// An amount as read (`1.2 亿元`) with the exact figure beside it.
pub fn money_html(i18n: &I18n, n: i64) -> Html {
    html! {
        <>
            { format_money(i18n, n) }
            <span class="exact">{ full_money(n) }</span>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn money_accepts_plain_grouped_and_chinese_units() {
        assert_eq!(parse_money("120000000"), Some(120_000_000));
        assert_eq!(parse_money("120,000,000"), Some(120_000_000));
        assert_eq!(parse_money("1.2亿"), Some(120_000_000));
        assert_eq!(parse_money("1.2 億"), Some(120_000_000));
        assert_eq!(parse_money("4500万"), Some(45_000_000));
        assert_eq!(parse_money("0.35亿"), Some(35_000_000));
        assert_eq!(parse_money("120M"), Some(120_000_000));
        assert_eq!(parse_money("¥3000元"), Some(3_000));
        assert_eq!(parse_money("-500万"), Some(-5_000_000));
        assert_eq!(parse_money("1.23456789亿"), Some(123_456_789));
    }

    #[test]
    fn money_refuses_fractions_of_a_yuan_and_words() {
        assert_eq!(parse_money("12.5"), None);
        assert_eq!(parse_money("1.234567891亿"), None);
        assert_eq!(parse_money("abc"), None);
        assert_eq!(parse_money("亿"), None);
        assert_eq!(parse_money("1e6"), None);
        assert_eq!(parse_money("99999999999999999999"), None);
    }

    fn i18n(lang: Lang) -> I18n {
        I18n {
            lang,
            set_lang: Callback::noop(),
        }
    }

    #[test]
    fn amounts_read_in_the_units_of_each_language() {
        let (hans, hant, en) = (i18n(Lang::ZhHans), i18n(Lang::ZhHant), i18n(Lang::En));
        assert_eq!(format_money(&hans, 120_000_000), "1.2 亿元");
        assert_eq!(format_money(&hant, 120_000_000), "1.2 億元");
        assert_eq!(format_money(&en, 120_000_000), "CNY 120 M");
        assert_eq!(format_money(&hans, 45_000_000), "4,500 万元");
        assert_eq!(format_money(&hans, 800_000), "80 万元");
        assert_eq!(format_money(&en, 800_000), "CNY 800,000");
        assert_eq!(format_money(&en, 2_500_000_000), "CNY 2.5 B");
        assert_eq!(format_money(&hans, -5_000_000), "-500 万元");
        assert_eq!(format_money(&hans, 3_000), "3,000 元");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(full_money(120_000_000), "¥120,000,000");
        assert_eq!(full_money(-5_000), "-¥5,000");
        assert_eq!(format_int(999), "999");
    }
}
