//! More: a settings-style list — training (quiz, playbooks), sync, language, about, sign out.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{LanguageSelect, SignOut};
use crate::hooks::use_sync;
use crate::i18n::{use_i18n, Key};
use crate::route::Route;

#[derive(Properties, PartialEq)]
struct RowProps {
    to: Route,
    title: &'static str,
    #[prop_or_default]
    detail: Option<String>,
    testid: &'static str,
}

/// One tappable row leading to a screen.
#[component]
fn Row(props: &RowProps) -> Html {
    let navigator = use_navigator();
    let onclick = {
        let to = props.to.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            if let Some(nav) = &navigator {
                nav.push(&to);
            }
        })
    };
    html! {
        <li>
            <a class="more-row" href={props.to.to_path()} {onclick} data-testid={props.testid}>
                <span class="more-text">
                    <span class="more-title">{ props.title }</span>
                    if let Some(d) = &props.detail {
                        <span class="more-detail">{ d.clone() }</span>
                    }
                </span>
                <span class="more-chevron" aria-hidden="true">{ "›" }</span>
            </a>
        </li>
    }
}

#[component]
pub fn More() -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let sync_detail = sync
        .state
        .status
        .as_ref()
        .map(|s| crate::pages::sync::status_line(&i18n, s));

    html! {
        <section class="screen more" aria-labelledby="more-title">
            <h1 id="more-title">{ i18n.t(Key::TabMore) }</h1>
            <p class="intro">{ i18n.t(Key::MoreIntro) }</p>

            <h2 class="more-group">{ i18n.t(Key::MoreTraining) }</h2>
            <ul class="more-list card">
                <Row to={Route::Quiz} title={i18n.t(Key::MoreQuiz)} detail={Some(i18n.t(Key::MoreQuizDetail).to_owned())} testid="more-quiz" />
                <Row to={Route::Playbooks} title={i18n.t(Key::MorePlaybooks)} detail={Some(i18n.t(Key::MorePlaybooksDetail).to_owned())} testid="more-playbooks" />
            </ul>

            <h2 class="more-group">{ i18n.t(Key::MoreDataAndAccount) }</h2>
            <ul class="more-list card">
                <Row to={Route::Sync} title={i18n.t(Key::SyncTitle)} detail={sync_detail} testid="more-sync" />
                <li class="more-item">
                    <SignOut testid="more-logout" title_class="more-title" />
                </li>
            </ul>

            <h2 class="more-group">{ i18n.t(Key::MoreSettings) }</h2>
            <div class="more-list card more-item">
                <LanguageSelect />
                <p class="hint">{ i18n.t(Key::LanguageHint) }</p>
            </div>

            <h2 class="more-group">{ i18n.t(Key::About) }</h2>
            <div class="more-list card more-item" data-testid="more-about">
                <p><strong>{ i18n.t(Key::AppName) }</strong>{ " · " }{ i18n.t(Key::AppTagline) }</p>
                <p class="hint">{ i18n.t(Key::MoreAboutText) }</p>
                <p class="hint">{ i18n.t(Key::Version) }{ " " }{ env!("CARGO_PKG_VERSION") }</p>
            </div>
        </section>
    }
}
