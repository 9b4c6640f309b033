//! The app shell: routes, the status bar, the update prompt and the bottom tab bar.

use crate::components::{StatusBar, TabBar, UpdateBanner};
use crate::hooks::{
    use_after_first_screen, use_saved_lang, use_sw_update, use_sync, use_top_on_navigate,
};
use crate::i18n::{use_i18n, I18nProvider, Key};
use crate::pages;
use crate::route::Route;
use crate::sync::{Phase, SyncProvider};
use yew::prelude::*;
use yew_router::prelude::*;

fn switch(route: Route) -> Html {
    match (&route, pages::Chunk::of(&route)) {
        (Route::Today, _) => html! { <pages::Today /> },
        // Every other screen's code is split off the main module and loads on first use
        // (pages::lazy). Keyed by chunk: another chunk's screen starts from its own state.
        (_, Some(chunk)) => html! { <pages::LazyScreen key={chunk as usize} {chunk} {route} /> },
        (_, None) => html! { <pages::NotFound /> },
    }
}

/// The root component.
#[component]
pub fn App() -> Html {
    let i18n = use_saved_lang();
    html! {
        <I18nProvider {i18n}>
            <SyncProvider>
                <BrowserRouter>
                    <Shell />
                </BrowserRouter>
            </SyncProvider>
        </I18nProvider>
    }
}

/// How long after the first screen the other screens' code starts loading.
const PREFETCH_DELAY_MS: u32 = 300;

#[component]
fn Shell() -> Html {
    let i18n = use_i18n();
    let update = use_sw_update();
    let sync = use_sync();
    use_top_on_navigate();
    // Until the local database is open and someone is signed in, there is nothing to show
    // but that; afterwards everything renders from the phone's data, online or not.
    let body = match &sync.state.phase {
        Phase::Opening => html! { <p class="hint" role="status">{ i18n.t(Key::Opening) }</p> },
        Phase::Failed(error) => html! {
            <p class="error" role="alert" data-testid="storage-failed" data-code={error.code()}>
                { crate::i18n::storage::not_opened(&i18n, *error) }
            </p>
        },
        Phase::Ready if sync.state.session.is_none() => html! { <pages::Login /> },
        Phase::Ready if sync.state.relogin => html! { <pages::Login relogin=true /> },
        Phase::Ready => html! { <Switch<Route> render={switch} /> },
    };
    let signed_in = sync.state.phase == Phase::Ready && sync.state.session.is_some();
    // Once the first screen is up (sign-in or Today), the other screens' code loads in the
    // background, so that they open at once, also if the signal drops right after signing in
    // on a first visit (the service worker precaches them for later launches).
    let first_screen = sync.state.phase == Phase::Ready;
    use_after_first_screen(first_screen, PREFETCH_DELAY_MS, pages::lazy::prefetch_all);
    html! {
        <div class="shell">
            <a class="skip-link" href="#main">{ i18n.t(Key::SkipToContent) }</a>
            <StatusBar />
            <UpdateBanner {update} />
            <main id="main" tabindex="-1">
                { body }
            </main>
            if signed_in {
                <TabBar />
            }
        </div>
    }
}
