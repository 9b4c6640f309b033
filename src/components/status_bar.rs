use crate::hooks::use_online;
use crate::i18n::{use_i18n, Key};
use yew::prelude::*;

/// The top bar: app name and the online/offline indicator, always visible.
#[component]
pub fn StatusBar() -> Html {
    let i18n = use_i18n();
    let online = use_online();
    let (class, key) = if online {
        ("net online", Key::StatusOnline)
    } else {
        ("net offline", Key::StatusOffline)
    };
    html! {
        <header class="status-bar">
            <span class="brand">{ i18n.t(Key::AppName) }</span>
            <span {class} role="status" aria-live="polite" data-testid="net-status"
                  title={(!online).then(|| i18n.t(Key::StatusOfflineHint))}>
                <span class="dot" aria-hidden="true"></span>
                { i18n.t(key) }
            </span>
        </header>
    }
}
