use crate::components::Placeholder;
use crate::i18n::{endonym, use_i18n, Key, Lang};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Settings (language), about, and what else will live here.
#[component]
pub fn More() -> Html {
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
        <Placeholder title={Key::TabMore} intro={Key::MoreIntro} planned={Key::MorePlanned}>
            <div class="card">
                <label for="lang-select" class="field-label">{ i18n.t(Key::Language) }</label>
                <select id="lang-select" data-testid="lang-select" {onchange}>
                    for lang in Lang::ALL {
                        <option value={lang.tag()} selected={lang == i18n.lang} lang={lang.tag()}>
                            { endonym(lang) }
                        </option>
                    }
                </select>
                <p class="hint">{ i18n.t(Key::LanguageHint) }</p>
            </div>
            <div class="card">
                <h2>{ i18n.t(Key::About) }</h2>
                <p>{ i18n.t(Key::AppTagline) }</p>
                <p class="hint">{ i18n.t(Key::Version) }{ " " }{ env!("CARGO_PKG_VERSION") }</p>
            </div>
        </Placeholder>
    }
}
