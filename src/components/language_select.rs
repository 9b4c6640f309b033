use crate::i18n::{endonym, use_i18n, Key, Lang};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The UI language picker (on the login screen and under More).
#[component]
pub fn LanguageSelect() -> Html {
    let i18n = use_i18n();
    let onchange = {
        let set_lang = i18n.set_lang.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(lang) = Lang::from_tag(&select.value()) {
                set_lang.emit(lang);
            }
        })
    };
    html! {
        <>
            <label for="lang-select" class="field-label">{ i18n.t(Key::Language) }</label>
            <select id="lang-select" data-testid="lang-select" {onchange}>
                for lang in Lang::ALL {
                    <option value={lang.tag()} selected={lang == i18n.lang} lang={lang.tag()}>
                        { endonym(lang) }
                    </option>
                }
            </select>
        </>
    }
}
