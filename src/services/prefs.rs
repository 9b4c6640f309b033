//! Device-local preferences (the UI language), kept in `localStorage`.

use crate::i18n::Lang;
use gloo::storage::{LocalStorage, Storage};

const LANG_KEY: &str = "tuoke.lang";

/// The saved UI language, or the default (zh-Hans) when none is saved or storage is unusable.
pub fn load_lang() -> Lang {
    LocalStorage::get::<String>(LANG_KEY)
        .ok()
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

/// Saves the UI language. A failure (private mode, full storage) only loses the preference,
/// so it is logged, not shown.
pub fn save_lang(lang: Lang) {
    if let Err(err) = LocalStorage::set(LANG_KEY, lang.tag()) {
        gloo::console::warn!(format!("could not save the language preference: {err}"));
    }
}

/// Keeps `<html lang>` in step with the UI language (screen readers and fonts use it).
pub fn apply_lang(lang: Lang) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
}
