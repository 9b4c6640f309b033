//! The prospect's stage section (SPEC §7): the stage bar with the core's verdict for every
//! move (allowed / needs the manager's approval / forbidden, with the rule), confirmation with
//! the soft-gate warnings, gated moves waiting for the manager (and the latest decision), lost
//! with a reason, reopen, and links to the playbooks.
//!
//! Every rule comes from `tuoke_core::stage`; this module only shows verdicts and queues
//! `stage.move`. The server keeps no reason for an applied move, so a reason the rep gives
//! (always for lost) is also appended as a note: it stays readable on every device.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use tuoke_core::stage::{
    move_kind, soft_gate_warnings, verdict, MoveKind, Rule, StageMoveArgs, Verdict, Warning,
};
use tuoke_core::types::{Prospect, Stage, Status};
use tuoke_sync::protocol::Mutation;
use tuoke_sync::view::LocalView;
use uuid::Uuid;
use web_sys::{HtmlDialogElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew_router::prelude::*;

use super::SectionProps;
use crate::hooks::{use_sync, use_toast, Notice, Tone};
use crate::i18n::{use_i18n, I18n, LabelKey, StageKey};
use crate::route::Route;
use crate::services::ids;
use crate::services::time::{self, now, Style};

/// The comment the server writes on a request replaced by a later stage move (a server
/// constant, not a manager's words: shown translated).
const SUPERSEDED: &str = "superseded by a later stage move";

/// What the rep asked to do, waiting for confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ask {
    /// Move to a pipeline stage (allowed or gated).
    Move(Stage),
    /// Mark the deal as lost (a reason is required).
    Lost,
    /// Return a lost prospect to the lead list.
    Reopen,
}

impl Ask {
    fn target(self) -> Stage {
        match self {
            Ask::Move(stage) => stage,
            Ask::Lost => Stage::Lost,
            Ask::Reopen => Stage::Lead,
        }
    }
}

/// What the confirmation sheet says.
struct DialogView {
    title: String,
    hint: Option<&'static str>,
    /// The rule gating the move.
    rule: Option<&'static str>,
    /// The pending request this move replaces.
    replaces: Option<String>,
    warnings: Vec<Warning>,
    /// The reason's label.
    label: &'static str,
    confirm: StageKey,
    /// The reason is required (lost).
    required: bool,
    /// The move needs the manager's approval (the reason goes to the manager).
    gated: bool,
}

/// How one stage of the bar looks from the current stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Current,
    /// The stage a request waits for approval to reach.
    Waiting,
    Allowed(MoveKind),
    NeedsApproval(Rule),
    Forbidden(Rule),
}

impl Cell {
    fn of(current: Stage, pending: Option<Stage>, to: Stage) -> Cell {
        if to == current {
            return Cell::Current;
        }
        if pending == Some(to) {
            return Cell::Waiting;
        }
        match verdict(current, to, None) {
            Verdict::Allowed => Cell::Allowed(move_kind(current, to)),
            Verdict::NeedsApproval { rule } => Cell::NeedsApproval(rule),
            Verdict::Forbidden { rule } => Cell::Forbidden(rule),
        }
    }

    fn code(self) -> &'static str {
        match self {
            Cell::Current => "current",
            Cell::Waiting => "waiting",
            Cell::Allowed(_) => "allowed",
            Cell::NeedsApproval(_) => "approval",
            Cell::Forbidden(_) => "forbidden",
        }
    }

    fn actionable(self) -> bool {
        matches!(self, Cell::Allowed(_) | Cell::NeedsApproval(_))
    }
}

/// What this section needs of the prospect record (only these fields must parse: an owner
/// may be null, e.g. a lead not assigned yet).
#[derive(Debug, Clone, Deserialize)]
struct StageFacts {
    id: Uuid,
    stage: Stage,
    #[serde(default)]
    pending_stage: Option<Stage>,
    #[serde(default)]
    owner_id: Option<String>,
    #[serde(flatten)]
    prospect: Prospect,
}

/// A stage-move approval as pulled (API.md "Approval record as pulled").
#[derive(Debug, Clone, Deserialize)]
struct Approval {
    kind: String,
    #[serde(default)]
    to: Option<Stage>,
    status: String,
    #[serde(default)]
    comment: Option<String>,
    #[serde(default)]
    created_at: Option<DateTime<Utc>>,
    #[serde(default)]
    decided_at: Option<DateTime<Utc>>,
}

/// The prospect's stage-move approvals, oldest first.
fn stage_approvals(deal: &LocalView, id: &str) -> Vec<Approval> {
    let mut approvals: Vec<Approval> = deal
        .of_prospect("approval", id)
        .filter_map(|r| serde_json::from_value::<Approval>(r.data.clone()).ok())
        .filter(|a| a.kind == "stage_move")
        .collect();
    approvals.sort_by_key(|a| a.created_at);
    approvals
}

/// Why the deal is in its stage (the reason given with the move, e.g. why it was lost).
fn stage_reason(deal: &LocalView, id: &str) -> Option<String> {
    deal.get("prospect", id)?
        .data
        .get("stage_reason")?
        .as_str()
        .map(str::to_owned)
}

fn stage_name(i18n: &I18n, stage: Stage) -> &'static str {
    i18n.t(LabelKey::stage(stage))
}

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

    // The modal follows `ask`: opened on a choice, closed after saving or cancelling.
    {
        let (dialog, reason) = (dialog.clone(), reason.clone());
        use_effect_with(*ask, move |ask| {
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                if ask.is_some() && !d.open() {
                    if let Some(r) = reason.cast::<HtmlTextAreaElement>() {
                        r.set_value("");
                    }
                    let _ = d.show_modal();
                } else if ask.is_none() && d.open() {
                    d.close();
                }
            }
        });
    }

    let Some(view) = props.deal.get("prospect", &props.id) else {
        return html! {};
    };
    let record = match serde_json::from_value::<StageFacts>(view.data.clone()) {
        Ok(r) => r,
        Err(e) => {
            return html! {
                <p class="card error" role="alert" data-testid="stage-unreadable">
                    { i18n.fmt(StageKey::RecordUnreadable, &[("m", e.to_string().as_str())]) }
                </p>
            }
        }
    };
    let current = record.stage;
    let pending = record.pending_stage;
    let me = sync.state.user_id();
    let owner = me.is_none() || me == record.owner_id;
    let status = current.status();
    let approvals = stage_approvals(&props.deal, &props.id);

    let open_ask = {
        let (ask, dialog_error, toast) = (ask.clone(), dialog_error.clone(), toast.clone());
        move |a: Ask| {
            let (ask, dialog_error, toast) = (ask.clone(), dialog_error.clone(), toast.clone());
            Callback::from(move |_: MouseEvent| {
                dialog_error.set(None);
                toast.clear();
                ask.set(Some(a));
            })
        }
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
                        dialog_error.set(Some(crate::pages::save_error_text(&i18n, &e)));
                    }
                }
                busy.set(false);
            });
        })
    };

    let status_rule = match status {
        Status::Lost => Some(Rule::ReopenOnlyToLead),
        Status::Won => Some(Rule::WonIsFinal),
        Status::Open => None,
    };
    // The bar: the pipeline, plus lost when the deal is lost.
    let mut stages: Vec<Stage> = Stage::PIPELINE.to_vec();
    if current == Stage::Lost {
        stages.push(Stage::Lost);
    }
    let rows = stages.into_iter().map(|s| {
        let cell = Cell::of(current, pending, s);
        let name = stage_name(&i18n, s);
        // A rule that holds for the whole deal (lost, won) is explained once, in the card.
        let (badge, explain) = match cell {
            Cell::Forbidden(rule) if status_rule == Some(rule) => {
                (i18n.t(StageKey::VerdictForbidden), None)
            }
            Cell::Current => (i18n.t(StageKey::CurrentStage), None),
            Cell::Waiting => (i18n.t(StageKey::VerdictWaiting), None),
            Cell::Allowed(MoveKind::Back) => (i18n.t(StageKey::VerdictBack), None),
            Cell::Allowed(MoveKind::Reopen) => (i18n.t(StageKey::VerdictReopen), None),
            Cell::Allowed(_) => (i18n.t(StageKey::VerdictAllowed), None),
            Cell::NeedsApproval(rule) => (
                i18n.t(StageKey::VerdictNeedsApproval),
                Some(i18n.t(StageKey::rule(rule))),
            ),
            Cell::Forbidden(rule) => (
                i18n.t(StageKey::VerdictForbidden),
                Some(i18n.t(StageKey::rule(rule))),
            ),
        };
        let number = s.ordinal().map_or_else(|| "×".to_owned(), |n| n.to_string());
        let content = html! {
            <>
                <span class="stage-marker" aria-hidden="true">{ number }</span>
                <span class="stage-text">
                    <span class="stage-name">{ name }</span>
                    <span class={classes!("stage-verdict", cell.code())}>{ badge }</span>
                    if let Some(explain) = explain {
                        <span class="stage-rule" data-testid={format!("stage-rule-{}", s.code())}>{ explain }</span>
                    }
                </span>
            </>
        };
        let class = classes!("stage-row", cell.code());
        let testid = format!("stage-row-{}", s.code());
        let item = if cell.actionable() && owner {
            let ask = if s == Stage::Lead && current == Stage::Lost {
                Ask::Reopen
            } else {
                Ask::Move(s)
            };
            html! {
                <button type="button" {class} data-testid={testid} data-verdict={cell.code()}
                    disabled={*busy} onclick={open_ask(ask)}>{ content }</button>
            }
        } else {
            html! { <div {class} data-testid={testid} data-verdict={cell.code()}>{ content }</div> }
        };
        html! {
            <li key={s.code()} aria-current={(cell == Cell::Current).then_some("step")}>{ item }</li>
        }
    });

    // Where a gated move stands: waiting (sent or not yet), or the manager's latest decision.
    let approval_note = if let Some(to) = pending {
        let sent = approvals
            .iter()
            .rev()
            .find(|a| a.status == "pending" && a.to == Some(to));
        html! {
            <div class="notice warn stage-pending" role="status" data-testid="stage-pending" data-stage={to.code()}>
                <p>{ i18n.fmt(StageKey::PendingApproval, &[("stage", stage_name(&i18n, to))]) }</p>
                <p class="hint">{ match sent.and_then(|a| a.created_at) {
                    Some(at) => i18n.fmt(StageKey::PendingSince, &[("t", time::local(at, Style::Relative).as_str())]),
                    None => i18n.t(StageKey::PendingNotSent).to_owned(),
                } }</p>
            </div>
        }
    } else if let Some(a) = approvals.last().filter(|a| a.status != "pending") {
        let approved = a.status == "approved";
        let to = a.to.map_or("", |s| stage_name(&i18n, s));
        let comment = a
            .comment
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        html! {
            <div class={classes!("notice", if approved { "ok" } else { "warn" }, "stage-outcome")}
                role="status" data-testid="stage-approval-outcome" data-status={a.status.clone()}>
                <p>{ i18n.fmt(if approved { StageKey::ApprovalApproved } else { StageKey::ApprovalRejected }, &[("stage", to)]) }</p>
                if let Some(c) = comment {
                    <p class="hint">{
                        if c == SUPERSEDED {
                            i18n.t(StageKey::ApprovalSuperseded).to_owned()
                        } else {
                            i18n.fmt(StageKey::ApprovalComment, &[("c", c)])
                        }
                    }</p>
                }
                if let Some(at) = a.decided_at {
                    <p class="hint">{ i18n.fmt(StageKey::ApprovalDecidedAt, &[("t", time::local(at, Style::Relative).as_str())]) }</p>
                }
            </div>
        }
    } else {
        html! {}
    };

    let outcome = match status {
        Status::Lost => {
            let reason = stage_reason(&props.deal, &props.id);
            html! {
                <div class="stage-lost" data-testid="stage-lost">
                    <p>{ i18n.t(StageKey::LostState) }</p>
                    <p class="hint">{ i18n.t(StageKey::RuleReopenOnlyToLead) }</p>
                    <p class="hint" data-testid="stage-lost-reason">{ match reason {
                        Some(r) => i18n.fmt(StageKey::LostReasonShown, &[("r", r.as_str())]),
                        None => i18n.t(StageKey::LostReasonUnknown).to_owned(),
                    } }</p>
                    if owner {
                        <div class="actions">
                            <button type="button" class="primary" data-testid="stage-reopen"
                                disabled={*busy} onclick={open_ask(Ask::Reopen)}>{ i18n.t(StageKey::Reopen) }</button>
                        </div>
                    }
                </div>
            }
        }
        Status::Won => {
            html! { <p class="notice ok" data-testid="stage-won">{ i18n.t(StageKey::WonState) }</p> }
        }
        Status::Open => html! {},
    };

    let dialog_body = ask.map(|a| {
        let to = a.target();
        // Whether the move is gated; a move to lost is judged as if its reason were given.
        let judged = verdict(current, to, Some("reason"));
        let gated = matches!(judged, Verdict::NeedsApproval { .. });
        let title = match a {
            Ask::Lost => i18n.t(StageKey::MarkLostTitle).to_owned(),
            Ask::Reopen => i18n.t(StageKey::ReopenTitle).to_owned(),
            Ask::Move(s) if gated => i18n.fmt(
                StageKey::ConfirmRequestTitle,
                &[("stage", stage_name(&i18n, s))],
            ),
            Ask::Move(s) if move_kind(current, s) == MoveKind::Back => i18n.fmt(
                StageKey::ConfirmBackTitle,
                &[("stage", stage_name(&i18n, s))],
            ),
            Ask::Move(s) => i18n.fmt(
                StageKey::ConfirmMoveTitle,
                &[("stage", stage_name(&i18n, s))],
            ),
        };
        let hint = match a {
            Ask::Lost => Some(i18n.t(StageKey::MarkLostHint)),
            Ask::Reopen => Some(i18n.t(StageKey::ReopenHint)),
            Ask::Move(_) if gated => Some(i18n.t(StageKey::ConfirmRequestHint)),
            Ask::Move(_) => None,
        };
        let rule = match judged {
            Verdict::NeedsApproval { rule } => Some(i18n.t(StageKey::rule(rule))),
            _ => None,
        };
        let replaces = pending.filter(|p| *p != to).map(|p| {
            i18n.fmt(
                StageKey::ConfirmReplacesPending,
                &[("stage", stage_name(&i18n, p))],
            )
        });
        let warnings = soft_gate_warnings(&record.prospect, current, to);
        let label = match a {
            Ask::Lost => i18n.t(StageKey::LostReason),
            _ if gated => i18n.t(StageKey::ReasonForManager),
            _ => i18n.t(StageKey::ReasonOptional),
        };
        let confirm = if gated {
            StageKey::SendRequest
        } else if a == Ask::Lost {
            StageKey::MarkLost
        } else {
            StageKey::Confirm
        };
        DialogView {
            title,
            hint,
            rule,
            replaces,
            warnings,
            label,
            confirm,
            required: a == Ask::Lost,
            gated,
        }
    });

    html! {
        <div class="stage-section" data-testid="stage-section">
            <div class="card stage-current" data-testid="stage-current" data-stage={current.code()}>
                <p class="hint">{ i18n.t(StageKey::CurrentStage) }</p>
                <p class="stage-current-name">
                    <strong>{ stage_name(&i18n, current) }</strong>
                </p>
                { approval_note }
                { outcome }
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
            <ol class="stage-bar" aria-labelledby="stage-bar-title" data-testid="stage-bar">
                { for rows }
            </ol>
            if owner && status == Status::Open {
                <div class="actions stage-lost-action">
                    <button type="button" class="secondary danger-outline" data-testid="stage-mark-lost"
                        disabled={*busy} onclick={open_ask(Ask::Lost)}>{ i18n.t(StageKey::MarkLost) }</button>
                </div>
            }
            <dialog ref={dialog} class="sheet" onclose={on_close} aria-labelledby="stage-dialog-title" data-testid="stage-dialog">
                if let Some(DialogView { title, hint, rule, replaces, warnings, label, confirm, required, gated }) = dialog_body {
                    <form class="form" onsubmit={on_confirm} novalidate=true>
                        <h2 id="stage-dialog-title">{ title }</h2>
                        if let Some(rule) = rule {
                            <p class="stage-rule">{ rule }</p>
                        }
                        if let Some(hint) = hint {
                            <p class="hint">{ hint }</p>
                        }
                        if let Some(replaces) = replaces {
                            <p class="notice warn">{ replaces }</p>
                        }
                        if !warnings.is_empty() {
                            <div class="notice warn" data-testid="stage-dialog-warnings">
                                <p>{ i18n.t(StageKey::WarningsTitle) }</p>
                                <ul class="stage-warnings">
                                    { for warnings.iter().map(|w| html! {
                                        <li data-testid="stage-warning">{ i18n.t(StageKey::warning(*w)) }</li>
                                    }) }
                                </ul>
                            </div>
                        }
                        <label class="field-label" for="stage-reason">{ label }</label>
                        // The modal focuses the reason only when it is required: an optional
                        // one would pop the keyboard up for nothing.
                        <textarea id="stage-reason" ref={reason.clone()} rows="3" required={required}
                            autofocus={required}
                            aria-invalid={(required && dialog_error.is_some()).then_some("true")}
                            aria-describedby={dialog_error.is_some().then_some("stage-dialog-error")}
                            placeholder={required.then(|| i18n.t(StageKey::LostReasonHint))}
                            data-testid="stage-dialog-reason" />
                        if !gated {
                            <p class="hint">{ i18n.t(StageKey::ReasonKeptAsNote) }</p>
                        }
                        if let Some(err) = (*dialog_error).clone() {
                            <p class="error" role="alert" id="stage-dialog-error" data-testid="stage-dialog-error">{ err }</p>
                        }
                        <div class="actions">
                            <button type="button" class="secondary" onclick={on_cancel} data-testid="stage-dialog-cancel">{ i18n.t(crate::i18n::Key::Cancel) }</button>
                            <button type="submit" class={if required { "danger" } else { "primary" }} disabled={*busy}
                                autofocus={!required} data-testid="stage-dialog-confirm">
                                { if *busy { i18n.t(StageKey::Saving) } else { i18n.t(confirm) } }
                            </button>
                        </div>
                    </form>
                }
            </dialog>
        </div>
    }
}
