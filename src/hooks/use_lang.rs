//! The UI language as this phone keeps it.

use yew::prelude::*;

use crate::i18n::{I18n, Lang};
use crate::services::{document, prefs};

/// The language saved on this phone (zh-Hans when none is saved or storage is unusable) and a
/// way to change it, saved at once; `<html lang>` follows it.
#[hook]
pub fn use_saved_lang() -> I18n {
    let lang = use_state(|| prefs::lang().get().unwrap_or_default());
    use_effect_with(*lang, |lang| document::set_lang(lang.tag()));
    let set_lang = {
        let lang = lang.clone();
        Callback::from(move |next: Lang| {
            // A failure (private mode, full storage) only loses the preference: logged,
            // not shown.
            if !prefs::lang().set(&next) {
                web_sys::console::warn_1(&"could not save the language preference".into());
            }
            lang.set(next);
        })
    };
    I18n {
        lang: *lang,
        set_lang,
    }
}
