//! The prospect's stage section (SPEC §7): the stage bar with the core's verdict for every
//! move (allowed / needs the manager's approval / forbidden, with the rule), confirmation with
//! the soft-gate warnings, gated moves waiting for the manager (and the latest decision), lost
//! with a reason, reopen, and links to the playbooks.
//!
//! Every rule comes from `tuoke_core::stage`; this module only shows verdicts and queues
//! `stage.move`. The server keeps no reason for an applied move, so a reason the rep gives
//! (always for lost) is also appended as a note: it stays readable on every device.

mod bar;
mod dialog;
mod model;
mod notes;

use tuoke_core::contract::Entity;
use tuoke_core::record::ProspectRecord;
use tuoke_core::stage::{move_kind, verdict, MoveKind, StageMoveArgs, Verdict};
use tuoke_core::types::{Stage, Status};
use tuoke_sync::protocol::Mutation;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;
use yew_router::prelude::*;

use super::section::SectionProps;
use crate::hooks::{use_modal, use_sync, use_toast, Notice, Tone};
use crate::i18n::{use_i18n, StageKey};
use crate::route::Route;
use crate::services::ids;
use crate::services::time::now;
use bar::stage_bar;
use dialog::DialogView;
use model::{stage_approvals, stage_name, Ask};
use notes::{approval_note, outcome};

#[component]
pub fn StageSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let ask = use_state(|| None::<Ask>);
    let dialog_error = use_state(|| None::<String>);
    let toast = use_toast();
    let busy = use_state(|| false);
    let dialog = use_node_ref();
    let reason = use_node_ref();

    // The modal follows `ask`: opened on a choice (its form, and so the reason, made anew),
    // closed after saving or cancelling.
    use_modal(&dialog, ask.is_some());

    let Some(view) = props.deal.get(Entity::Prospect, &props.id) else {
        return html! {};
    };
    // A record this version cannot read (a newer server's shape, damaged storage): say what
    // to do, never the parser's English.
    let Ok(record) = serde_json::from_value::<ProspectRecord>(view.data.clone()) else {
        return html! {
            <p class="card error" role="alert" data-testid="stage-unreadable">
                { i18n.t(StageKey::RecordUnreadable) }
            </p>
        };
    };
    let current = record.stage;
    let pending = record.pending_stage;
    let me = sync.state.user_id();
    let owner = me.is_none() || me == record.owner_id;
    let status = current.status();
    let approvals = stage_approvals(&props.deal, &props.id);

    let on_ask = {
        let (ask, dialog_error, toast) = (ask.clone(), dialog_error.clone(), toast.clone());
        Callback::from(move |a: Ask| {
            dialog_error.set(None);
            toast.clear();
            ask.set(Some(a));
        })
    };
    let on_close = {
        let ask = ask.clone();
        Callback::from(move |_: Event| ask.set(None))
    };
    let on_cancel = {
        let ask = ask.clone();
        Callback::from(move |_: MouseEvent| ask.set(None))
    };

    let on_confirm = {
        let (ask, dialog_error, toast, busy) = (
            ask.clone(),
            dialog_error.clone(),
            toast.clone(),
            busy.clone(),
        );
        let (reason, i18n, handle) = (reason.clone(), i18n.clone(), sync.handle.clone());
        let prospect_id = record.id;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(a) = *ask else { return };
            if *busy {
                return;
            }
            let text = reason
                .cast::<HtmlTextAreaElement>()
                .map(|r| r.value().trim().to_owned())
                .unwrap_or_default();
            let to = a.target();
            if a == Ask::Lost && text.is_empty() {
                dialog_error.set(Some(i18n.t(StageKey::LostReasonRequired).to_owned()));
                if let Some(r) = reason.cast::<HtmlTextAreaElement>() {
                    let _ = r.focus();
                }
                return;
            }
            let given = (!text.is_empty()).then_some(text);
            // The data may have changed since the dialog opened (a pull): judge again.
            let judged = verdict(current, to, given.as_deref());
            if let Verdict::Forbidden { rule } = judged {
                dialog_error.set(Some(i18n.t(StageKey::rule(rule)).to_owned()));
                return;
            }
            let at = now();
            let args = StageMoveArgs {
                prospect_id,
                to,
                reason: given.clone(),
            };
            // The reason travels with the move: the server keeps it as the prospect's
            // `stage_reason` (the local view shows it at once).
            let mutations = vec![Mutation::stage_move(ids::new_id(at), &args, at)];
            let done = match (judged, move_kind(current, to)) {
                (Verdict::NeedsApproval { .. }, _) => i18n.t(StageKey::RequestSaved).to_owned(),
                (_, MoveKind::Lost) => i18n.t(StageKey::MarkedLost).to_owned(),
                (_, MoveKind::Reopen) => i18n.t(StageKey::Reopened).to_owned(),
                (_, MoveKind::Back) => {
                    i18n.fmt(StageKey::MovedBackTo, &[("stage", stage_name(&i18n, to))])
                }
                _ => i18n.fmt(StageKey::MovedTo, &[("stage", stage_name(&i18n, to))]),
            };
            busy.set(true);
            let (ask, dialog_error, toast, busy, i18n, handle) = (
                ask.clone(),
                dialog_error.clone(),
                toast.clone(),
                busy.clone(),
                i18n.clone(),
                handle.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match handle.save(mutations).await {
                    Ok(()) => {
                        toast.show(Notice::brief(Tone::Neutral, done, "stage-message"));
                        ask.set(None);
                    }
                    Err(e) => {
                        dialog_error.set(Some(crate::pages::shared::save_error_text(&i18n, &e)));
                    }
                }
                busy.set(false);
            });
        })
    };

    let dialog_form = ask.map(|a| {
        DialogView::of(&i18n, a, current, pending, &record.prospect).form(
            &i18n,
            reason.clone(),
            (*dialog_error).clone(),
            *busy,
            on_confirm.clone(),
            on_cancel.clone(),
        )
    });

    html! {
        <div class="stage-section" data-testid="stage-section">
            <div class="card stage-current" data-testid="stage-current" data-stage={current.code()}>
                <p class="hint">{ i18n.t(StageKey::CurrentStage) }</p>
                <p class="stage-current-name">
                    <strong>{ stage_name(&i18n, current) }</strong>
                </p>
                { approval_note(&i18n, current, pending, &approvals) }
                { outcome(&i18n, status, record.stage_reason.clone(), owner, *busy, &on_ask) }
                if !owner {
                    <p class="hint" data-testid="stage-not-owner">{ i18n.t(StageKey::NotOwner) }</p>
                }
                <div class="stage-links">
                    <Link<Route> to={Route::Playbook { topic: current.code().to_owned() }} classes="button secondary">
                        <span data-testid="stage-playbook-link">{ i18n.fmt(StageKey::StagePlaybookLink, &[("stage", stage_name(&i18n, current))]) }</span>
                    </Link<Route>>
                    <Link<Route> to={Route::Playbook { topic: Stage::Objections.code().to_owned() }} classes="button secondary">
                        <span data-testid="objection-playbook-link">{ i18n.t(StageKey::ObjectionPlaybookLink) }</span>
                    </Link<Route>>
                </div>
            </div>
            <h2 id="stage-bar-title">{ i18n.t(StageKey::StageBarTitle) }</h2>
            { stage_bar(&i18n, current, pending, owner, *busy, &on_ask) }
            if owner && status == Status::Open {
                <div class="actions stage-lost-action">
                    <button type="button" class="secondary danger-outline" data-testid="stage-mark-lost"
                        disabled={*busy} onclick={on_ask.reform(|_: MouseEvent| Ask::Lost)}>{ i18n.t(StageKey::MarkLost) }</button>
                </div>
            }
            <dialog ref={dialog} class="sheet" onclose={on_close} aria-labelledby="stage-dialog-title" data-testid="stage-dialog">
                { for dialog_form }
            </dialog>
        </div>
    }
}
