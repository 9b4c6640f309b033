use yew::prelude::*;
use yew_router::prelude::*;

use crate::hooks::{use_online, use_sync};
use crate::i18n::{use_i18n, Key};
use crate::route::Route;
use crate::services::time::{self, Style};
use crate::sync::Connection;

/// The top bar: app name, the connection pill and the sync state (unsynced changes,
/// syncing, errors), always visible; the sync state opens the sync screen. The connection
/// pill says whether the team's server is reached (the last request's outcome), not only
/// whether the browser believes it has a network.
#[component]
pub fn StatusBar() -> Html {
    let i18n = use_i18n();
    let online = use_online();
    let sync = use_sync();
    let connection = Connection::of(online, sync.state.reach);
    let (class, key, hint) = match connection {
        Connection::Online => ("net online", Key::StatusOnline, None),
        Connection::Connecting => ("net online", Key::StatusConnecting, None),
        Connection::Offline => (
            "net offline",
            Key::StatusOffline,
            Some(Key::StatusOfflineHint),
        ),
        Connection::Unreachable => (
            "net offline",
            Key::StatusUnreachable,
            Some(Key::StatusUnreachableHint),
        ),
    };
    let signed_in = sync.state.session.is_some();
    let sync_pill = sync
        .state
        .status
        .as_ref()
        .filter(|_| signed_in)
        .map(|status| {
            let pending = status.pending;
            let failed = status.last_error.is_some() || !status.rejected.is_empty();
            let busy = matches!(
                status.activity,
                tuoke_sync::engine::Activity::Pushing
                    | tuoke_sync::engine::Activity::Pulling { .. }
            );
            let text = if busy {
                i18n.t(Key::SyncSyncing).to_owned()
            } else if pending > 0 {
                i18n.fmt(Key::SyncPending, &[("n", pending.to_string().as_str())])
            } else if let Some(at) = status.last_synced_at {
                let at = time::local(at, Style::Relative);
                i18n.fmt(Key::SyncedAt, &[("t", at.as_str())])
            } else {
                i18n.t(Key::SyncAllSynced).to_owned()
            };
            let class = classes!(
                "sync-pill",
                failed.then_some("failed"),
                (pending > 0).then_some("pending")
            );
            html! {
                <Link<Route> to={Route::Sync} classes={class}>
                    <span data-testid="sync-status" data-pending={pending.to_string()}>
                        { if failed { "⚠ " } else { "" } }{ text }
                    </span>
                </Link<Route>>
            }
        });
    html! {
        <header class="status-bar">
            <span class="brand">{ i18n.t(Key::AppName) }</span>
            <span class="bar-right">
                { for sync_pill }
                <span {class} role="status" aria-live="polite" data-testid="net-status"
                      data-state={connection.name()} title={hint.map(|k| i18n.t(k))}>
                    <span class="dot" aria-hidden="true"></span>
                    { i18n.t(key) }
                </span>
            </span>
        </header>
    }
}
