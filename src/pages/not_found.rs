use crate::app::Route;
use crate::i18n::{use_i18n, Key};
use yew::prelude::*;
use yew_router::prelude::*;

#[component]
pub fn NotFound() -> Html {
    let i18n = use_i18n();
    html! {
        <section class="screen">
            <h1>{ i18n.t(Key::NotFoundTitle) }</h1>
            <p class="intro">{ i18n.t(Key::NotFoundBody) }</p>
            <Link<Route> to={Route::Today} classes="button primary">{ i18n.t(Key::BackToToday) }</Link<Route>>
        </section>
    }
}
