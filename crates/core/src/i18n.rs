//! Languages and translated static text.
//!
//! The core returns codes (enums) for everything computed; only shipped content
//! (playbooks, quiz, key-information questions, labels) carries text, always in all three
//! UI languages so the PWA can work offline.

use serde::{Deserialize, Serialize};

/// A UI language (SPEC §1). zh-Hans is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese (default).
    #[default]
    #[serde(rename = "zh-Hans")]
    ZhHans,
    /// Traditional Chinese.
    #[serde(rename = "zh-Hant")]
    ZhHant,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Every language.
    pub const ALL: [Lang; 3] = [Lang::ZhHans, Lang::ZhHant, Lang::En];

    /// The BCP 47 tag (`zh-Hans`, `zh-Hant`, `en`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::En => "en",
        }
    }

    /// Parse a BCP 47 tag leniently (`zh-CN`, `zh-TW`, `zh-HK`, `en-US` …); unknown → `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let t = tag.trim().to_ascii_lowercase();
        if t.starts_with("zh-hant") || t == "zh-tw" || t == "zh-hk" || t == "zh-mo" {
            Some(Lang::ZhHant)
        } else if t.starts_with("zh") {
            Some(Lang::ZhHans)
        } else if t.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// One piece of shipped text in all three languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Text {
    /// Simplified Chinese.
    pub zh_hans: &'static str,
    /// Traditional Chinese.
    pub zh_hant: &'static str,
    /// English.
    pub en: &'static str,
}

impl Text {
    /// Build a text (usable in `const` tables).
    pub const fn new(zh_hans: &'static str, zh_hant: &'static str, en: &'static str) -> Self {
        Text {
            zh_hans,
            zh_hant,
            en,
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::ZhHans => self.zh_hans,
            Lang::ZhHant => self.zh_hant,
            Lang::En => self.en,
        }
    }

    /// True when all three languages are present and non-blank.
    pub fn is_complete(&self) -> bool {
        Lang::ALL.iter().all(|l| !self.get(*l).trim().is_empty())
    }
}

/// Shorthand for [`Text::new`] in content tables.
macro_rules! t {
    ($hans:expr, $hant:expr, $en:expr $(,)?) => {
        $crate::i18n::Text::new($hans, $hant, $en)
    };
}
pub(crate) use t;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_returns_each_language() {
        let x = t!("简", "簡", "simple");
        assert_eq!(x.get(Lang::ZhHans), "简");
        assert_eq!(x.get(Lang::ZhHant), "簡");
        assert_eq!(x.get(Lang::En), "simple");
        assert!(x.is_complete());
        assert!(!t!("", "a", "b").is_complete());
    }

    #[test]
    fn tags_parse_leniently() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::ZhHans));
        assert_eq!(Lang::from_tag("zh-TW"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_tag("zh-Hant-HK"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::default(), Lang::ZhHans);
        for l in Lang::ALL {
            assert_eq!(Lang::from_tag(l.tag()), Some(l));
        }
    }
}
