//! More: a settings-style list — training (quiz, playbooks), sync, language, about, sign out.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::LanguageSelect;
use crate::i18n::{use_i18n, Key};
use crate::sync::use_sync;

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
    let confirm = use_state(|| false);
    let status = sync.state.status.as_ref();
    let pending = status.map_or(0, |s| s.pending);
    let sync_detail = status.map(|s| crate::pages::sync::status_line(&i18n, s));
    let who = sync
        .state
        .session
        .as_ref()
        .map(|s| format!("{} ({})", s.display_name, s.username))
        .unwrap_or_default();

    let logout = {
        let (handle, confirm) = (sync.handle.clone(), confirm.clone());
        Callback::from(move |_: MouseEvent| {
            if *confirm {
                let handle = handle.clone();
                wasm_bindgen_futures::spawn_local(async move { handle.logout().await });
            } else {
                confirm.set(true);
            }
        })
    };
    let cancel = {
        let confirm = confirm.clone();
        Callback::from(move |_: MouseEvent| confirm.set(false))
    };

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
                    <p class="more-title">{ i18n.fmt(Key::SignedInAs, &[("u", who.as_str())]) }</p>
                    if *confirm {
                        <p class="error" role="alert" data-testid="more-logout-warning">{
                            if pending > 0 {
                                i18n.fmt(Key::LogoutConfirm, &[("n", pending.to_string().as_str())])
                            } else {
                                i18n.t(Key::LogoutClean).to_owned()
                            }
                        }</p>
                        <div class="actions">
                            <button class="secondary" onclick={cancel}>{ i18n.t(Key::Cancel) }</button>
                            <button class="danger" onclick={logout} data-testid="more-logout-confirm">{ i18n.t(Key::LogoutAnyway) }</button>
                        </div>
                    } else {
                        <div class="actions">
                            <button class="secondary" onclick={logout} data-testid="more-logout">{ i18n.t(Key::Logout) }</button>
                        </div>
                    }
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
