//! Logging a contact from Today (`activity.log`): method and an optional summary.

use chrono::NaiveDate;
use tuoke_core::activity::{ActivityKind, ActivityLogArgs};
use tuoke_core::cadence::{next_contact_due, CadenceConfig};
use tuoke_core::types::Status;
use tuoke_sync::protocol::Mutation;
use tuoke_sync::summary::ProspectSummary;
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::hooks::use_focus_on_mount;
use crate::hooks::use_sync;
use crate::i18n::{use_i18n, TodayKey};
use crate::pages::shared::{code_of, save_error_text};
use crate::services::ids::new_id;
use crate::services::time::now;

#[derive(Properties, PartialEq)]
pub struct LogFormProps {
    pub summary: ProspectSummary,
    pub today: NaiveDate,
    pub on_cancel: Callback<()>,
    pub on_logged: Callback<String>,
}

/// Logs a contact (`activity.log`): method and an optional summary.
#[component]
pub fn LogForm(props: &LogFormProps) -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    // The first field takes the focus, so a keyboard or screen-reader user lands in the form.
    let kind = use_focus_on_mount();
    let summary = use_node_ref();
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (kind, summary, busy, error) =
            (kind.clone(), summary.clone(), busy.clone(), error.clone());
        let (handle, i18n, on_logged) =
            (sync.handle.clone(), i18n.clone(), props.on_logged.clone());
        let s = props.summary.clone();
        let today = props.today;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let Ok(prospect_id) = Uuid::parse_str(&s.id) else {
                return;
            };
            let method = kind
                .cast::<HtmlSelectElement>()
                .and_then(|k| serde_json::from_value(serde_json::Value::String(k.value())).ok())
                .unwrap_or(ActivityKind::PhoneCall);
            let text = summary
                .cast::<HtmlInputElement>()
                .map(|i| i.value().trim().to_owned())
                .unwrap_or_default();
            let at = now();
            let args = ActivityLogArgs {
                id: new_id(at),
                prospect_id,
                kind: method,
                at,
                summary: text,
            };
            let mutation = Mutation::activity_log(new_id(at), &args, at);
            let next = next_contact_due(
                &CadenceConfig::default(),
                s.grade,
                Status::Open,
                today,
                Some(today),
            )
            .map(|d| d.to_string())
            .unwrap_or_default();
            let done = i18n.fmt(TodayKey::Logged, &[("c", s.company.as_str()), ("d", &next)]);
            busy.set(true);
            error.set(None);
            let (handle, i18n, busy, error, on_logged) = (
                handle.clone(),
                i18n.clone(),
                busy.clone(),
                error.clone(),
                on_logged.clone(),
            );
            spawn_local(async move {
                match handle.save(vec![mutation]).await {
                    Ok(()) => on_logged.emit(done),
                    Err(e) => error.set(Some(save_error_text(&i18n, &e))),
                }
                busy.set(false);
            });
        })
    };
    let id = &props.summary.id;
    let kind_id = format!("log-kind-{id}");
    let summary_id = format!("log-summary-{id}");
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <form class="log-form" {onsubmit} novalidate=true data-testid="log-form">
            <label class="field-label" for={kind_id.clone()}>{ i18n.t(TodayKey::LogMethod) }</label>
            <select id={kind_id} ref={kind} data-testid="log-kind">
                { for ActivityKind::ALL.iter().map(|k| {
                    let code = code_of(k);
                    html! { <option key={code.clone()} value={code}>{ k.label().get(i18n.lang) }</option> }
                }) }
            </select>
            <label class="field-label" for={summary_id.clone()}>{ i18n.t(TodayKey::LogSummary) }</label>
            <input id={summary_id} ref={summary} placeholder={i18n.t(TodayKey::LogSummaryHint)} data-testid="log-summary" />
            if let Some(e) = (*error).clone() {
                <p class="error" role="alert">{ e }</p>
            }
            <div class="actions">
                <button type="button" class="secondary" onclick={cancel}>{ i18n.t(TodayKey::Cancel) }</button>
                <button type="submit" class="primary" disabled={*busy} data-testid="log-save">
                    { if *busy { i18n.t(TodayKey::Saving) } else { i18n.t(TodayKey::Save) } }
                </button>
            </div>
        </form>
    }
}
