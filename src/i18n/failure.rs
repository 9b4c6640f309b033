//! A failed request to the team's server in words: what happened and what to do next, for
//! each [`Failure`] code (never the browser's "Failed to fetch" or the server's English).

use super::catalog::Key;
use super::translate::I18n;
use crate::sync::failure::Failure;

/// What happened and what to do next.
pub fn text(i18n: &I18n, failure: Failure) -> String {
    match failure {
        Failure::Unreachable => i18n.t(Key::FailUnreachable).to_owned(),
        Failure::Timeout => i18n.t(Key::FailTimeout).to_owned(),
        Failure::Busy => i18n.t(Key::FailBusy).to_owned(),
        Failure::Server(status) => i18n.fmt(Key::FailServer, &[("m", status.to_string().as_str())]),
        Failure::Unauthorized => i18n.t(Key::FailUnauthorized).to_owned(),
        Failure::Refused(status) => {
            i18n.fmt(Key::FailRefused, &[("m", status.to_string().as_str())])
        }
        Failure::BadResponse => i18n.t(Key::FailBadResponse).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::translate::Lang;

    const ALL: [Failure; 7] = [
        Failure::Unreachable,
        Failure::Timeout,
        Failure::Busy,
        Failure::Server(502),
        Failure::Unauthorized,
        Failure::Refused(404),
        Failure::BadResponse,
    ];

    #[test]
    fn every_failure_reads_as_chinese_with_no_english_left() {
        for lang in [Lang::ZhHans, Lang::ZhHant] {
            for failure in ALL {
                let text = text(&I18n::in_lang(lang), failure);
                // "Wi-Fi" is what Chinese speakers write too.
                let rest = text.replace("Wi-Fi", "");
                assert!(
                    !rest.chars().any(|c| c.is_ascii_alphabetic()),
                    "English left in {text}"
                );
            }
        }
    }

    #[test]
    fn every_failure_says_something_different_and_quotes_its_status() {
        let i18n = I18n::in_lang(Lang::En);
        let texts: Vec<String> = ALL.iter().map(|f| text(&i18n, *f)).collect();
        for (i, a) in texts.iter().enumerate() {
            for b in &texts[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert!(texts[3].contains("502"), "{}", texts[3]);
        assert!(texts[5].contains("404"), "{}", texts[5]);
    }
}
