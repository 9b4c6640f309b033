//! Phone numbers as links: the one `tel:` builder of the app.

/// A `tel:` link for a phone number as it was typed: the digits (full-width ones too, as a
/// Chinese keyboard may type them), a leading `+`, and `*`, `#` and `,` (service codes, a
/// pause before an extension). Spaces, dashes, dots, brackets and anything else are dropped,
/// so every dialer reads the same number.
pub fn href(phone: &str) -> String {
    let mut number = String::with_capacity(phone.len());
    for c in phone.chars().map(half_width) {
        match c {
            '0'..='9' | '*' | '#' | ',' => number.push(c),
            '+' if number.is_empty() => number.push(c),
            _ => {}
        }
    }
    format!("tel:{number}")
}

/// A full-width digit or plus sign as its ASCII self; any other character unchanged.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' | '＋' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::href;

    #[test]
    fn spaces_and_dashes_are_stripped() {
        assert_eq!(href("0755-8300 0001"), "tel:075583000001");
        assert_eq!(href(" 138 0013 8000 "), "tel:13800138000");
        assert_eq!(href("138.0013.8000"), "tel:13800138000");
    }

    #[test]
    fn a_leading_plus_is_kept_and_brackets_dropped() {
        assert_eq!(href("+86 (20) 1234-5678"), "tel:+862012345678");
        assert_eq!(
            href("86+20"),
            "tel:8620",
            "a plus inside a number is no country code"
        );
    }

    #[test]
    fn full_width_digits_become_ascii() {
        assert_eq!(
            href("＋８６ １３８－００１３－８０００"),
            "tel:+8613800138000"
        );
    }

    #[test]
    fn service_codes_and_extension_pauses_are_kept() {
        assert_eq!(href("*123#"), "tel:*123#");
        assert_eq!(href("0755-8300 0001,802"), "tel:075583000001,802");
    }

    #[test]
    fn words_are_dropped() {
        assert_eq!(href("王总 13800138000（手机）"), "tel:13800138000");
        assert_eq!(href(""), "tel:");
    }
}
