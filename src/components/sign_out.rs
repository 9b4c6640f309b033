//! Who is signed in, and signing out with a warning first (unsynced changes are lost, the
//! phone's customer data is removed). Shared by the More and Sync screens.

use yew::prelude::*;

use crate::hooks::use_sync;
use crate::i18n::{use_i18n, Key};

#[derive(Properties, PartialEq)]
pub struct SignOutProps {
    /// Test id of the sign-out button; the warning and the confirm button get `-warning` and
    /// `-confirm` after it.
    pub testid: &'static str,
    /// Class of the "signed in as" line.
    #[prop_or_default]
    pub title_class: Classes,
}

/// "Signed in as …" and the sign-out button, which asks once before it signs out.
#[component]
pub fn SignOut(props: &SignOutProps) -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let confirm = use_state(|| false);
    let pending = sync.state.status.as_ref().map_or(0, |s| s.pending);
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
    let testid = props.testid;

    html! {
        <>
            <p class={props.title_class.clone()}>{ i18n.fmt(Key::SignedInAs, &[("u", who.as_str())]) }</p>
            if *confirm {
                <p class="error" role="alert" data-testid={format!("{testid}-warning")}>{
                    if pending > 0 {
                        i18n.fmt(Key::LogoutConfirm, &[("n", pending.to_string().as_str())])
                    } else {
                        i18n.t(Key::LogoutClean).to_owned()
                    }
                }</p>
                <div class="actions">
                    <button class="secondary" onclick={cancel}>{ i18n.t(Key::Cancel) }</button>
                    <button class="danger" onclick={logout} data-testid={format!("{testid}-confirm")}>{ i18n.t(Key::LogoutAnyway) }</button>
                </div>
            } else {
                <div class="actions">
                    <button class="secondary" onclick={logout} data-testid={testid}>{ i18n.t(Key::Logout) }</button>
                </div>
            }
        </>
    }
}
