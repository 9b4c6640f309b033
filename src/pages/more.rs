use crate::components::{LanguageSelect, Placeholder};
use crate::i18n::{use_i18n, Key};
use yew::prelude::*;

/// Settings (language), about, and what else will live here.
#[component]
pub fn More() -> Html {
    let i18n = use_i18n();
    html! {
        <Placeholder title={Key::TabMore} intro={Key::MoreIntro} planned={Key::MorePlanned}>
            <div class="card">
                <LanguageSelect />
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
