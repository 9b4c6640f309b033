//! The translation machinery every catalogue and component uses: the [`Message`] trait a
//! catalogue implements, the [`I18n`] context handed down the component tree, and the
//! placeholder filler. It imports no catalogue, so catalogues can use it.

use yew::prelude::*;

/// The UI languages are the core's, so shipped content (playbooks, quiz) and UI text agree.
pub use tuoke_core::i18n::Lang;

/// A key of some catalogue.
pub trait Message: Copy + std::fmt::Debug + 'static {
    /// Its text in `lang`.
    fn text(self, lang: Lang) -> &'static str;
}

/// Position of `lang` in a catalogue line.
pub const fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::ZhHans => 0,
        Lang::ZhHant => 1,
        Lang::En => 2,
    }
}

/// Returns the text for `key` in `lang`.
pub fn t<M: Message>(lang: Lang, key: M) -> &'static str {
    key.text(lang)
}

/// The i18n context handed down the component tree.
#[derive(Clone, PartialEq)]
pub struct I18n {
    pub lang: Lang,
    pub set_lang: Callback<Lang>,
}

impl I18n {
    /// Text for `key` in the current language.
    pub fn t<M: Message>(&self, key: M) -> &'static str {
        t(self.lang, key)
    }

    /// Text for `key` with its `{name}` placeholders filled from `args`.
    pub fn fmt<M: Message>(&self, key: M, args: &[(&str, &str)]) -> String {
        fill(self.t(key), args)
    }
}

#[cfg(test)]
impl I18n {
    /// A context fixed to `lang`, for tests of the texts components show.
    pub fn in_lang(lang: Lang) -> I18n {
        I18n {
            lang,
            set_lang: Callback::noop(),
        }
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
    /// The language and how to change it (the app keeps it: `hooks::use_saved_lang`).
    pub i18n: I18n,
    pub children: Html,
}

/// Hands the language down the component tree.
#[component]
pub fn I18nProvider(props: &I18nProviderProps) -> Html {
    html! {
        <ContextProvider<I18n> context={props.i18n.clone()}>
            { props.children.clone() }
        </ContextProvider<I18n>>
    }
}
