//! The app shell: routes, the status bar, the update prompt and the bottom tab bar.

use crate::components::{StatusBar, TabBar, UpdateBanner};
use crate::hooks::use_sw_update;
use crate::i18n::{use_i18n, I18nProvider, Key};
use crate::pages;
use yew::prelude::*;
use yew_router::prelude::*;

/// Every screen of the app. URLs are built from this enum only.
#[derive(Debug, Clone, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Today,
    #[at("/prospects")]
    Prospects,
    #[at("/capture")]
    Capture,
    #[at("/pipeline")]
    Pipeline,
    #[at("/more")]
    More,
    #[not_found]
    #[at("/404")]
    NotFound,
}

fn switch(route: Route) -> Html {
    match route {
        Route::Today => html! { <pages::Today /> },
        Route::Prospects => html! { <pages::Prospects /> },
        Route::Capture => html! { <pages::Capture /> },
        Route::Pipeline => html! { <pages::Pipeline /> },
        Route::More => html! { <pages::More /> },
        Route::NotFound => html! { <pages::NotFound /> },
    }
}

/// The root component.
#[component]
pub fn App() -> Html {
    html! {
        <I18nProvider>
            <BrowserRouter>
                <Shell />
            </BrowserRouter>
        </I18nProvider>
    }
}

#[component]
fn Shell() -> Html {
    let i18n = use_i18n();
    let update = use_sw_update();
    html! {
        <div class="shell">
            <a class="skip-link" href="#main">{ i18n.t(Key::SkipToContent) }</a>
            <StatusBar />
            <UpdateBanner {update} />
            <main id="main" tabindex="-1">
                <Switch<Route> render={switch} />
            </main>
            <TabBar />
        </div>
    }
}
