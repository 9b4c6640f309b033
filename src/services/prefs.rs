//! Device-local preferences (the UI language), kept in `localStorage`.
//!
//! Plain `web_sys::Storage` rather than a serde-based wrapper: a language tag is a string, and
//! the app shell's size budget is tight.

use crate::i18n::Lang;

const LANG_KEY: &str = "tuoke.lang";

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// The saved UI language, or the default (zh-Hans) when none is saved or storage is unusable.
pub fn load_lang() -> Lang {
    storage()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

/// Saves the UI language. A failure (private mode, full storage) only loses the preference,
/// so it is logged, not shown.
pub fn save_lang(lang: Lang) {
    let saved = storage().is_some_and(|s| s.set_item(LANG_KEY, lang.tag()).is_ok());
    if !saved {
        web_sys::console::warn_1(&"could not save the language preference".into());
    }
}

/// Keeps `<html lang>` in step with the UI language (screen readers and fonts use it).
pub fn apply_lang(lang: Lang) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
}
