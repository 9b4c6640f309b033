//! The app shell: routes, the status bar, the update prompt and the bottom tab bar.

use crate::components::{StatusBar, TabBar, UpdateBanner};
use crate::hooks::{use_saved_lang, use_sw_update, use_sync, use_top_on_navigate};
use crate::i18n::{use_i18n, I18nProvider, Key};
use crate::pages;
use crate::route::{Route, Section};
use crate::sync::{Phase, SyncProvider};
use yew::prelude::*;
use yew_router::prelude::*;

fn switch(route: Route) -> Html {
    match route {
        Route::Today => html! { <pages::Today /> },
        Route::Prospects => html! { <pages::Prospects /> },
        Route::Prospect { id } => {
            html! { <pages::ProspectPage {id} section={Section::Overview} /> }
        }
        Route::ProspectSection { id, section } => html! { <pages::ProspectPage {id} {section} /> },
        Route::Capture => html! { <pages::Capture /> },
        Route::CaptureNew => html! { <pages::Capture new=true /> },
        Route::CaptureFor { prospect } => html! { <pages::Capture prospect={Some(prospect)} /> },
        Route::Playbooks => html! { <pages::Playbooks /> },
        Route::Playbook { topic } => html! { <pages::PlaybookPage {topic} /> },
        Route::Quiz => html! { <pages::Quiz /> },
        Route::Pipeline => html! { <pages::Pipeline /> },
        Route::More => html! { <pages::More /> },
        Route::Sync => html! { <pages::SyncPage /> },
        Route::NotFound => html! { <pages::NotFound /> },
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
