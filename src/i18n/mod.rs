//! The one translation layer of the UI.
//!
//! Components ask for a [`Key`] and get text in the current [`Lang`]; no component holds
//! literal UI text. The catalogue is an exhaustive `match`, so adding a key without all three
//! translations does not compile, and a test checks that no translation is empty.

mod catalog;

pub use catalog::Key;

use yew::prelude::*;

/// The UI languages are the core's, so shipped content (playbooks, quiz) and UI text agree.
pub use tuoke_core::i18n::Lang;

/// The language's own name, shown in the picker (never translated).
pub fn endonym(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhHans => "简体中文",
        Lang::ZhHant => "繁體中文",
        Lang::En => "English",
    }
}

/// Returns the text for `key` in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    catalog::text(key, lang)
}

/// The i18n context handed down the component tree.
#[derive(Clone, PartialEq)]
pub struct I18n {
    pub lang: Lang,
    pub set_lang: Callback<Lang>,
}

impl I18n {
    /// Text for `key` in the current language.
    pub fn t(&self, key: Key) -> &'static str {
        t(self.lang, key)
    }

    /// Text for `key` with its `{name}` placeholders filled from `args`.
    pub fn fmt(&self, key: Key, args: &[(&str, &str)]) -> String {
        fill(self.t(key), args)
    }
}

/// Replaces each `{name}` in `template` with its value from `args`.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    args.iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// The current language and a way to change it.
#[hook]
pub fn use_i18n() -> I18n {
    use_context::<I18n>().expect("I18nProvider is missing above this component")
}

#[derive(Properties, PartialEq)]
pub struct I18nProviderProps {
    pub children: Html,
}

/// Holds the chosen language, persists it and keeps `<html lang>` in step.
#[component]
pub fn I18nProvider(props: &I18nProviderProps) -> Html {
    let lang = use_state(crate::services::prefs::load_lang);
    {
        let lang = *lang;
        use_effect_with(lang, move |lang| {
            crate::services::prefs::apply_lang(*lang);
        });
    }
    let set_lang = {
        let lang = lang.clone();
        Callback::from(move |next: Lang| {
            crate::services::prefs::save_lang(next);
            lang.set(next);
        })
    };
    let ctx = I18n {
        lang: *lang,
        set_lang,
    };
    html! {
        <ContextProvider<I18n> context={ctx}>
            { props.children.clone() }
        </ContextProvider<I18n>>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_nonempty_text_in_every_language() {
        for key in Key::ALL {
            for lang in Lang::ALL {
                assert!(
                    !t(lang, *key).trim().is_empty(),
                    "{key:?} has no {} text",
                    lang.tag()
                );
            }
        }
    }

    #[test]
    fn chinese_variants_differ_from_english_for_every_key() {
        // A key whose zh text equals its en text was almost certainly never translated.
        for key in Key::ALL {
            assert_ne!(t(Lang::ZhHans, *key), t(Lang::En, *key), "{key:?}");
            assert_ne!(t(Lang::ZhHant, *key), t(Lang::En, *key), "{key:?}");
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
