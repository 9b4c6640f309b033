//! Logging a contact (`activity.log`) with any of the deck's contact methods; the local view
//! then moves the next contact due by the core's cadence.

use std::rc::Rc;

use chrono::NaiveDate;
use tuoke_core::activity::{ActivityKind, ActivityLogArgs};
use tuoke_core::types::from_code;
use tuoke_sync::protocol::Mutation;
use tuoke_sync::view::LocalView;
use uuid::Uuid;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::model::{next_due, parse_input, FUTURE_SLACK_SECONDS};
use crate::hooks::{use_sync, use_toast, Notice, Tone};
use crate::i18n::{use_i18n, StageKey};
use crate::pages::shared::code_of;
use crate::services::ids;
use crate::services::time::{self, now, Style};

#[derive(Properties, PartialEq)]
pub(super) struct LogContactProps {
    /// The prospect id.
    pub(super) id: String,
    /// The deal as shown when the form is sent.
    pub(super) deal: Rc<LocalView>,
    /// A save of the section is under way.
    pub(super) busy: UseStateHandle<bool>,
    /// A contact was logged: the next contact due before it, and the deal it was read from.
    pub(super) on_logged: Callback<(Option<NaiveDate>, Rc<LocalView>)>,
}

/// The log-a-contact form; its errors show in it, a success in the toast.
#[component]
pub(super) fn LogContact(props: &LogContactProps) -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let toast = use_toast();
    let message = use_state(|| None::<String>);
    let (kind, when, summary) = (use_node_ref(), use_node_ref(), use_node_ref());

    // The form starts at a phone call, now (inputs with `value=` would be reset on re-render;
    // and Yew inserts options last to first, which would leave the last one selected).
    {
        let (kind, when) = (kind.clone(), when.clone());
        use_effect_with((), move |_| {
            if let Some(select) = kind.cast::<HtmlSelectElement>() {
                select.set_value(&code_of(ActivityKind::PhoneCall));
            }
            if let Some(input) = when.cast::<HtmlInputElement>() {
                input.set_value(&time::local(now(), Style::Input));
            }
        });
    }

    let on_log = {
        let (busy, message, toast, on_logged) = (
            props.busy.clone(),
            message.clone(),
            toast.clone(),
            props.on_logged.clone(),
        );
        let (kind, when, summary) = (kind.clone(), when.clone(), summary.clone());
        let (i18n, handle, deal) = (i18n.clone(), sync.handle.clone(), props.deal.clone());
        let prospect_id = Uuid::parse_str(&props.id).ok();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(prospect_id) = prospect_id else {
                return;
            };
            if *busy {
                return;
            }
            let code = kind
                .cast::<HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            let Some(method) = from_code::<ActivityKind>(&code) else {
                return;
            };
            let at = match when
                .cast::<HtmlInputElement>()
                .and_then(|i| parse_input(&i.value()))
            {
                Some(at) => at,
                None => {
                    message.set(Some(i18n.t(StageKey::WhenRequired).to_owned()));
                    return;
                }
            };
            let saved_at = now();
            if (at - saved_at).num_seconds() > FUTURE_SLACK_SECONDS {
                message.set(Some(i18n.t(StageKey::WhenInFuture).to_owned()));
                return;
            }
            let args = ActivityLogArgs {
                id: ids::new_id(saved_at),
                prospect_id,
                kind: method,
                at,
                summary: summary
                    .cast::<HtmlTextAreaElement>()
                    .map(|t| t.value().trim().to_owned())
                    .unwrap_or_default(),
            };
            let mutation = Mutation::activity_log(ids::new_id(saved_at), &args, saved_at);
            let before = next_due(&deal, &prospect_id.to_string());
            message.set(None);
            busy.set(true);
            let (busy, message, toast, on_logged, i18n, handle, deal) = (
                busy.clone(),
                message.clone(),
                toast.clone(),
                on_logged.clone(),
                i18n.clone(),
                handle.clone(),
                deal.clone(),
            );
            let (when, summary) = (when.clone(), summary.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match handle.save(vec![mutation]).await {
                    Ok(()) => {
                        if let Some(t) = summary.cast::<HtmlTextAreaElement>() {
                            t.set_value("");
                        }
                        if let Some(i) = when.cast::<HtmlInputElement>() {
                            i.set_value(&time::local(now(), Style::Input));
                        }
                        on_logged.emit((before, deal));
                        toast.show(Notice::brief(
                            Tone::Neutral,
                            i18n.t(StageKey::ContactLogged),
                            "activity-toast",
                        ));
                    }
                    Err(e) => message.set(Some(crate::pages::shared::save_error_text(&i18n, &e))),
                }
                busy.set(false);
            });
        })
    };

    html! {
        <form class="card form log-contact" onsubmit={on_log} novalidate=true data-testid="log-contact-form" aria-labelledby="log-contact-title">
            <h2 id="log-contact-title">{ i18n.t(StageKey::LogContactTitle) }</h2>
            <label class="field-label" for="contact-kind">{ i18n.t(StageKey::ContactMethod) }</label>
            <select id="contact-kind" ref={kind} data-testid="contact-kind">
                { for ActivityKind::ALL.into_iter().map(|k| {
                    let code = code_of(k);
                    html! { <option key={code.clone()} value={code}>{ k.label().get(i18n.lang) }</option> }
                }) }
            </select>
            <label class="field-label" for="contact-when">{ i18n.t(StageKey::ContactWhen) }</label>
            <input id="contact-when" ref={when} type="datetime-local" required=true data-testid="contact-when" />
            <label class="field-label" for="contact-summary">{ i18n.t(StageKey::ContactSummary) }</label>
            <textarea id="contact-summary" ref={summary} rows="2" placeholder={i18n.t(StageKey::ContactSummaryHint)} data-testid="contact-summary" />
            if let Some(text) = (*message).clone() {
                <p class="error" role="alert" data-testid="activity-error">{ text }</p>
            }
            <div class="actions">
                <button type="submit" class="primary" disabled={*props.busy} data-testid="contact-save">{ i18n.t(StageKey::LogContactSave) }</button>
            </div>
        </form>
    }
}
