//! The sync screen: what is waiting, when the phone last synced, what failed and why, the
//! changes the server refused (with its reasons), "sync now" and sign-out.

use tuoke_sync::engine::{Activity, SyncError, SyncStatus};
use yew::prelude::*;

use crate::components::SignOut;
use crate::hooks::use_sync;
use crate::i18n::{failure, refusal, storage, use_i18n, I18n, Key};
use crate::services::time::{self, Style};
use crate::sync::Failure;

/// One line saying where syncing stands.
pub fn status_line(i18n: &I18n, status: &SyncStatus) -> String {
    match &status.activity {
        Activity::Pushing | Activity::Pulling { .. } => i18n.t(Key::SyncSyncing).to_owned(),
        Activity::Retrying { at } if status.online => i18n.fmt(
            Key::SyncRetrying,
            &[("t", time::local(*at, Style::Relative).as_str())],
        ),
        _ if !status.online && status.pending > 0 => i18n.t(Key::SyncOfflineWaiting).to_owned(),
        _ if status.pending > 0 => i18n.fmt(
            Key::SyncPending,
            &[("n", status.pending.to_string().as_str())],
        ),
        _ => i18n.t(Key::SyncAllSynced).to_owned(),
    }
}

/// The last error in words: what happened and what to do next, never the browser's or the
/// server's own words (their detail stays in the engine's state and the console).
pub fn error_text(i18n: &I18n, error: &SyncError) -> String {
    match (error, Failure::of_sync(error)) {
        (SyncError::AuthRequired, _) => i18n.t(Key::ReloginNotice).to_owned(),
        (_, Some(failure)) => {
            let what = failure::text(i18n, failure);
            i18n.fmt(Key::SyncErrorKept, &[("m", what.as_str())])
        }
        // The store's error text starts with its code: translated, never shown as it is.
        (SyncError::Storage { message }, None) => storage::sync_paused(i18n, message),
        (_, None) => i18n.t(Key::SyncErrorProtocol).to_owned(),
    }
}

#[component]
pub fn SyncPage() -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let status = sync.state.status.clone();

    let sync_now = {
        let handle = sync.handle.clone();
        Callback::from(move |_| handle.sync_now())
    };
    let relogin = {
        let handle = sync.handle.clone();
        Callback::from(move |_| handle.ask_relogin(true))
    };

    let summary = match &status {
        Some(status) => html! {
            <div class="card" data-testid="sync-summary">
                <p class="sync-line" role="status" aria-live="polite">{ status_line(&i18n, status) }</p>
                <p class="hint" data-testid="sync-last">{
                    match status.last_synced_at {
                        Some(at) => i18n.fmt(Key::SyncLast, &[("t", time::local(at, Style::Relative).as_str())]),
                        None => i18n.t(Key::SyncNever).to_owned(),
                    }
                }</p>
                if let Some(error) = &status.last_error {
                    <p class="error" role="alert" data-testid="sync-error"
                       data-code={Failure::of_sync(error).map(|f| format!("{f:?}"))}>{ error_text(&i18n, error) }</p>
                    if *error == SyncError::AuthRequired {
                        <button class="primary" onclick={relogin}>{ i18n.t(Key::Relogin) }</button>
                    }
                }
                <div class="actions">
                    <button class="secondary" onclick={sync_now} data-testid="sync-now">{ i18n.t(Key::SyncNow) }</button>
                </div>
            </div>
        },
        None => html! { <p class="hint">{ i18n.t(Key::Loading) }</p> },
    };

    let rejected = status
        .as_ref()
        .map(|s| s.rejected.clone())
        .unwrap_or_default();
    let rejected = (!rejected.is_empty()).then(|| {
        html! {
            <section class="card" aria-labelledby="rejected-title" data-testid="sync-rejected">
                <h2 id="rejected-title">{ i18n.t(Key::SyncRejectedTitle) }</h2>
                <p class="hint">{ i18n.t(Key::SyncRejectedHint) }</p>
                <ul class="rejected">
                    { for rejected.iter().map(|r| {
                        let id = r.mutation.id;
                        let handle = sync.handle.clone();
                        let dismiss = Callback::from(move |_| handle.dismiss(id));
                        html! {
                            <li key={id.to_string()} data-code={r.code.clone().unwrap_or_default()}>
                                <strong>{ i18n.t(refusal::change(&r.mutation.name)) }</strong>
                                <p class="reason">{ refusal::reason(&i18n, r.code.as_deref()) }</p>
                                <button class="secondary" onclick={dismiss}>{ i18n.t(Key::Dismiss) }</button>
                            </li>
                        }
                    }) }
                </ul>
            </section>
        }
    });

    html! {
        <section class="screen" aria-labelledby="sync-title">
            <h1 id="sync-title">{ i18n.t(Key::SyncTitle) }</h1>
            { summary }
            { for rejected }
            <section class="card">
                <SignOut testid="logout" />
            </section>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn zh() -> I18n {
        I18n::in_lang(Lang::ZhHans)
    }

    #[test]
    fn sync_errors_say_what_to_do_without_the_browsers_or_servers_english() {
        let network = error_text(
            &zh(),
            &SyncError::Network {
                message: "TypeError: Failed to fetch".into(),
            },
        );
        assert!(network.contains("请检查网络"), "{network}");
        let busy = error_text(
            &zh(),
            &SyncError::Server {
                status: 503,
                code: Some("database_unavailable".into()),
                message: Some("the push was not applied; retry later".into()),
            },
        );
        assert!(busy.starts_with("服务器暂时繁忙"), "{busy}");
        let failed = error_text(
            &zh(),
            &SyncError::Server {
                status: 500,
                code: Some("internal_error".into()),
                message: Some("internal server error".into()),
            },
        );
        assert!(failed.contains("代码 500"), "{failed}");
        let portal = error_text(
            &zh(),
            &SyncError::Server {
                status: 200,
                code: Some("invalid_response".into()),
                message: Some("expected value at line 1 column 1".into()),
            },
        );
        assert!(portal.contains("Wi-Fi"), "{portal}");
        assert!(!portal.contains("200"), "{portal}");
        let timeout = error_text(
            &zh(),
            &SyncError::Network {
                message: "request timed out".into(),
            },
        );
        assert!(timeout.contains("太久没有回应"), "{timeout}");
        let protocol = error_text(
            &zh(),
            &SyncError::Protocol {
                message: "push answer has no result for the mutations sent".into(),
            },
        );
        let storage = error_text(
            &zh(),
            &SyncError::Storage {
                message: "quota_exceeded".into(),
            },
        );
        assert!(storage.contains("空间已满"), "{storage}");
        for text in [network, busy, failed, portal, timeout, protocol, storage] {
            // "Wi-Fi" is what Chinese speakers write too.
            let rest = text.replace("Wi-Fi", "");
            assert!(
                !rest.chars().any(|c| c.is_ascii_alphabetic()),
                "English left in {text}"
            );
        }
    }
}
