//! The one translation layer of the UI.
//!
//! Components ask for a message key and get text in the current [`Lang`]; no component holds
//! literal UI text. Keys are grouped in catalogues, one per area of the app (the shell's
//! [`Key`], and one module per screen group), each declared with [`catalog!`]: the key and its
//! three translations sit on one line, so a key without all three does not compile, and
//! [`every_text`] lets tests check every key of every catalogue.

/// Declares a message catalogue: an enum of keys, `ALL`, and each key's text in zh-Hans,
/// zh-Hant and en (in that order).
macro_rules! catalog {
    ($(#[$meta:meta])* pub enum $name:ident {
        $($key:ident => [$hans:expr, $hant:expr, $en:expr $(,)?]),* $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($key),* }

        impl $name {
            /// Every key, for completeness tests.
            pub const ALL: &'static [$name] = &[$($name::$key),*];
        }

        impl $crate::i18n::translate::Message for $name {
            #[allow(unreachable_code, unused_variables)] // an empty catalogue
            fn text(self, lang: $crate::i18n::translate::Lang) -> &'static str {
                let texts: [&'static str; 3] = match self { $($name::$key => [$hans, $hant, $en]),* };
                texts[$crate::i18n::translate::lang_index(lang)]
            }
        }
    };
}

mod capture;
mod catalog;
mod content;
mod deal;
pub mod failure;
mod labels;
mod list;
mod profile;
mod quiz;
mod quote;
pub mod refusal;
mod stage;
pub mod storage;
mod today;
mod translate;

pub use capture::CaptureKey;
pub use catalog::Key;
pub use content::ContentKey;
pub use deal::DealKey;
pub use labels::LabelKey;
pub use list::ListKey;
pub use profile::ProfileKey;
pub use quiz::QuizKey;
pub use quote::QuoteKey;
pub use refusal::RefusalKey;
pub use stage::StageKey;
pub use storage::StorageKey;
pub use today::TodayKey;

pub use translate::{
    fill, lang_index, t, use_i18n, I18n, I18nProvider, I18nProviderProps, Lang, Message,
};

/// Every key of every catalogue with its three texts (`[zh-Hans, zh-Hant, en]`).
pub fn every_text() -> Vec<(String, [&'static str; 3])> {
    fn of<M: Message>(all: &[M]) -> impl Iterator<Item = (String, [&'static str; 3])> + '_ {
        all.iter().map(|m| {
            let catalogue = std::any::type_name::<M>().rsplit("::").next().unwrap_or("");
            (
                format!("{catalogue}::{m:?}"),
                Lang::ALL.map(|lang| m.text(lang)),
            )
        })
    }
    let mut texts = Vec::new();
    texts.extend(of(Key::ALL));
    texts.extend(of(LabelKey::ALL));
    texts.extend(of(TodayKey::ALL));
    texts.extend(of(ListKey::ALL));
    texts.extend(of(ProfileKey::ALL));
    texts.extend(of(StageKey::ALL));
    texts.extend(of(CaptureKey::ALL));
    texts.extend(of(QuizKey::ALL));
    texts.extend(of(QuoteKey::ALL));
    texts.extend(of(DealKey::ALL));
    texts.extend(of(ContentKey::ALL));
    texts.extend(of(RefusalKey::ALL));
    texts.extend(of(StorageKey::ALL));
    texts
}

/// The language's own name, shown in the picker (never translated).
pub fn endonym(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhHans => "简体中文",
        Lang::ZhHant => "繁體中文",
        Lang::En => "English",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_nonempty_text_in_every_language() {
        for (key, texts) in every_text() {
            for (lang, text) in Lang::ALL.iter().zip(texts) {
                assert!(!text.trim().is_empty(), "{key} has no {} text", lang.tag());
            }
        }
    }

    #[test]
    fn chinese_variants_differ_from_english_for_every_key() {
        // A key whose zh text equals its en text was almost certainly never translated.
        for (key, [hans, hant, en]) in every_text() {
            assert_ne!(hans, en, "{key}");
            assert_ne!(hant, en, "{key}");
        }
    }

    #[test]
    fn placeholders_agree_across_languages() {
        // `{n}` in one language and not in another would show a raw brace or drop a number.
        let names = |text: &str| {
            let mut names: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
                .collect();
            names.sort();
            names
        };
        for (key, [hans, hant, en]) in every_text() {
            assert_eq!(names(hans), names(en), "{key}");
            assert_eq!(names(hant), names(en), "{key}");
        }
    }

    #[test]
    fn traditional_chinese_uses_taiwan_wording_in_the_ui_and_the_core_content() {
        use tuoke_core::activity::ActivityKind;
        use tuoke_core::{playbook, quiz};
        // Mainland words and their Taiwan forms (the Taiwan form is what the text should say).
        const MAINLAND: [(&str, &str); 17] = [
            ("老板", "老闆"),
            ("信息", "資訊"),
            ("軟件", "軟體"),
            ("硬件", "硬體"),
            ("質量", "品質"),
            ("視頻", "影片"),
            ("默認", "預設"),
            ("網絡", "網路"),
            ("服務器", "伺服器"),
            ("登錄", "登入"),
            ("數據", "資料"),
            ("保存", "儲存"),
            ("審批", "核准"),
            ("合同", "合約"),
            ("優先級", "優先順序"),
            ("聯繫", "聯絡"),
            ("用戶", "使用者"),
        ];
        let mut texts: Vec<(String, &str)> = every_text()
            .into_iter()
            .map(|(key, [_, hant, _])| (key, hant))
            .collect();
        let core = playbook::all_texts()
            .into_iter()
            .chain(
                quiz::BANK
                    .iter()
                    .flat_map(|q| std::iter::once(q.prompt).chain(q.options.iter().copied())),
            )
            .chain(ActivityKind::ALL.iter().map(|k| k.label()));
        texts.extend(core.map(|t| (t.en.to_owned(), t.zh_hant)));
        for (key, hant) in texts {
            for (mainland, taiwan) in MAINLAND {
                assert!(
                    !hant.contains(mainland),
                    "{key}: {hant:?} says {mainland}, Taiwan says {taiwan}"
                );
            }
        }
    }

    #[test]
    fn language_tags_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_tag("fr"), None);
    }

    #[test]
    fn default_language_is_simplified_chinese() {
        assert_eq!(Lang::default(), Lang::ZhHans);
    }
}
