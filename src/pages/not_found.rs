use crate::i18n::{use_i18n, Key};
use crate::route::Route;
use yew::prelude::*;
use yew_router::prelude::*;

#[component]
pub fn NotFound() -> Html {
    let i18n = use_i18n();
    let navigator = use_navigator();
    // A button rather than yew-router's generic `Link`, which costs kilobytes of wasm for
    // one use.
    let onclick = Callback::from(move |_: MouseEvent| {
        if let Some(nav) = &navigator {
            nav.push(&Route::Today);
        }
    });
    html! {
        <section class="screen">
            <h1>{ i18n.t(Key::NotFoundTitle) }</h1>
            <p class="intro">{ i18n.t(Key::NotFoundBody) }</p>
            <button class="primary" {onclick}>{ i18n.t(Key::BackToToday) }</button>
        </section>
    }
}
