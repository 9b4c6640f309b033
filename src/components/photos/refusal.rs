//! Why the server refused a photo, as a code the phone translates (never the server's
//! English text).

use crate::i18n::{CaptureKey, I18n};

/// Why a photo was refused for good.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhotoRefusal {
    /// Over the server's (or a proxy's) body limit.
    TooLarge,
    /// The team's photo storage is full.
    QuotaFull,
    /// Not an image the server accepts.
    NotAnImage,
    /// Another photo with the same id is already on the server.
    Conflict,
    /// A code (or bare HTTP status) this app has no text for.
    Other(String),
}

impl PhotoRefusal {
    /// The refusal the sync driver stored: `"STATUS CODE"` or `"STATUS"`; older versions kept
    /// `"message (STATUS CODE)"` or `"HTTP STATUS"`, read the same way.
    pub fn of_stored(stored: &str) -> PhotoRefusal {
        let inner = stored
            .trim()
            .strip_suffix(')')
            .and_then(|s| s.rsplit_once('(').map(|(_, tail)| tail))
            .unwrap_or(stored);
        let inner = inner.trim().trim_start_matches("HTTP").trim();
        let mut words = inner.split_whitespace();
        let status = words.next().unwrap_or("");
        let code = words.next().unwrap_or("");
        match (code, status) {
            ("payload_too_large", _) | ("", "413") => PhotoRefusal::TooLarge,
            ("attachment_quota_exceeded", _) => PhotoRefusal::QuotaFull,
            ("unsupported_media_type" | "invalid_image", _) | ("", "415") => {
                PhotoRefusal::NotAnImage
            }
            ("conflict", _) | ("", "409") => PhotoRefusal::Conflict,
            ("", "") => PhotoRefusal::Other("—".to_owned()),
            ("", status) => PhotoRefusal::Other(status.to_owned()),
            (code, _) => PhotoRefusal::Other(code.to_owned()),
        }
    }

    /// What happened to photo number `n` and what to do next.
    pub fn text(&self, i18n: &I18n, n: usize) -> String {
        let n = n.to_string();
        let (key, code) = match self {
            PhotoRefusal::TooLarge => (CaptureKey::PhotoRefusedTooLarge, ""),
            PhotoRefusal::QuotaFull => (CaptureKey::PhotoRefusedQuota, ""),
            PhotoRefusal::NotAnImage => (CaptureKey::PhotoRefusedNotImage, ""),
            PhotoRefusal::Conflict => (CaptureKey::PhotoRefusedConflict, ""),
            PhotoRefusal::Other(code) => (CaptureKey::PhotoRefused, code.as_str()),
        };
        i18n.fmt(key, &[("n", n.as_str()), ("code", code)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_stored_refusal_reads_as_its_code_in_the_new_and_the_old_forms() {
        let read = PhotoRefusal::of_stored;
        assert_eq!(read("413 payload_too_large"), PhotoRefusal::TooLarge);
        assert_eq!(
            read("body over the limit (413 payload_too_large)"),
            PhotoRefusal::TooLarge
        );
        assert_eq!(read("HTTP 413"), PhotoRefusal::TooLarge);
        assert_eq!(read("413"), PhotoRefusal::TooLarge);
        assert_eq!(
            read("413 attachment_quota_exceeded"),
            PhotoRefusal::QuotaFull
        );
        assert_eq!(read("400 invalid_image"), PhotoRefusal::NotAnImage);
        assert_eq!(read("415"), PhotoRefusal::NotAnImage);
        assert_eq!(read("409 conflict"), PhotoRefusal::Conflict);
        assert_eq!(
            read("bad (400 invalid_path)"),
            PhotoRefusal::Other("invalid_path".into())
        );
        assert_eq!(read("HTTP 410"), PhotoRefusal::Other("410".into()));
        assert_eq!(read(""), PhotoRefusal::Other("—".into()));
    }

    #[test]
    fn a_refusal_shows_no_server_text_and_says_what_to_do_in_chinese() {
        let i18n = I18n::in_lang(Lang::ZhHans);
        let refusals = [
            PhotoRefusal::TooLarge,
            PhotoRefusal::QuotaFull,
            PhotoRefusal::NotAnImage,
            PhotoRefusal::Conflict,
            PhotoRefusal::of_stored("body over the limit (400 weird_code)"),
        ];
        for r in refusals {
            let text = r.text(&i18n, 2);
            assert!(text.starts_with("第 2 张照片"), "{text}");
            assert!(text.contains('请'), "says what to do: {text}");
            assert!(!text.contains("body over"), "{text}");
        }
    }
}
