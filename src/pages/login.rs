//! Sign-in: the first screen on a new phone, and again when a session expired (the outbox
//! is kept; only the same user may continue it).

use tuoke_sync::store::Session;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::LanguageSelect;
use crate::hooks::use_sync;
use crate::i18n::{failure, use_i18n, Key};
use crate::sync::transport::{self, LoginError};

#[derive(Properties, PartialEq)]
pub struct LoginProps {
    /// Shown for an expired session: explains that unsynced changes are kept, offers cancel.
    #[prop_or_default]
    pub relogin: bool,
}

#[component]
pub fn Login(props: &LoginProps) -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let username = use_node_ref();
    let password = use_node_ref();
    let previous = sync.state.session.as_ref().map(|s| s.username.clone());

    // Signing in again after an expiry: the username is known (set once, not controlled, so
    // a re-render never clears what the rep typed).
    {
        let (username, previous) = (username.clone(), previous.clone());
        use_effect_with((), move |_| {
            if let (Some(input), Some(name)) = (username.cast::<HtmlInputElement>(), previous) {
                if input.value().is_empty() {
                    input.set_value(&name);
                }
            }
        });
    }
    let onsubmit = {
        let (busy, error, username, password) = (
            busy.clone(),
            error.clone(),
            username.clone(),
            password.clone(),
        );
        let (i18n, handle) = (i18n.clone(), sync.handle.clone());
        let pending = sync.state.status.as_ref().map_or(0, |s| s.pending);
        let previous = previous.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let value = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let (user, pass) = (value(&username).trim().to_lowercase(), value(&password));
            if user.is_empty() || pass.is_empty() {
                error.set(Some(i18n.t(Key::LoginFieldsRequired).to_owned()));
                return;
            }
            // Unsynced changes belong to the user who made them: never push them as another.
            if let Some(prev) = previous.as_ref().filter(|p| **p != user && pending > 0) {
                let n = pending.to_string();
                error.set(Some(i18n.fmt(
                    Key::LoginOtherUser,
                    &[("n", n.as_str()), ("u", prev.as_str())],
                )));
                return;
            }
            busy.set(true);
            error.set(None);
            let (busy, error, i18n, handle) =
                (busy.clone(), error.clone(), i18n.clone(), handle.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let message = match transport::login(&user, &pass).await {
                    Ok(ok) => {
                        let session = Session {
                            token: ok.token,
                            user_id: ok.user.id,
                            username: ok.user.username,
                            display_name: ok.user.display_name,
                            role: ok.user.role,
                        };
                        match handle.logged_in(session).await {
                            Ok(()) => None,
                            Err(e) => Some(crate::pages::shared::save_error_text(&i18n, &e)),
                        }
                    }
                    Err(LoginError::Credentials) => Some(i18n.t(Key::LoginWrong).to_owned()),
                    Err(LoginError::TooMany(s)) => {
                        let s = s.unwrap_or(60).to_string();
                        Some(i18n.fmt(Key::LoginTooMany, &[("s", s.as_str())]))
                    }
                    Err(LoginError::Failed(f)) => {
                        let m = failure::text(&i18n, f);
                        Some(i18n.fmt(Key::LoginFailed, &[("m", m.as_str())]))
                    }
                };
                busy.set(false);
                error.set(message);
            });
        })
    };
    let cancel = {
        let handle = sync.handle.clone();
        Callback::from(move |_| handle.ask_relogin(false))
    };
    html! {
        <section class="screen login" aria-labelledby="login-title">
            <h1 id="login-title">{ i18n.t(Key::LoginTitle) }</h1>
            if props.relogin {
                <p class="notice warn" role="status">{ i18n.t(Key::ReloginNotice) }</p>
            } else {
                <p class="intro">{ i18n.t(Key::LoginIntro) }</p>
            }
            <form class="card form" {onsubmit} novalidate=true>
                <label class="field-label" for="login-username">{ i18n.t(Key::Username) }</label>
                <input id="login-username" ref={username} name="username" autocomplete="username"
                       autocapitalize="none" spellcheck="false"
                       data-testid="login-username" />
                <label class="field-label" for="login-password">{ i18n.t(Key::Password) }</label>
                <input id="login-password" ref={password} name="password" type="password"
                       autocomplete="current-password" data-testid="login-password" />
                if let Some(message) = (*error).clone() {
                    <p class="error" role="alert" data-testid="login-error">{ message }</p>
                }
                <div class="actions">
                    if props.relogin {
                        <button type="button" class="secondary" onclick={cancel}>{ i18n.t(Key::Cancel) }</button>
                    }
                    <button type="submit" class="primary" disabled={*busy} data-testid="login-submit">
                        { if *busy { i18n.t(Key::LoginBusy) } else { i18n.t(Key::LoginSubmit) } }
                    </button>
                </div>
            </form>
            <div class="card">
                <LanguageSelect />
            </div>
        </section>
    }
}
