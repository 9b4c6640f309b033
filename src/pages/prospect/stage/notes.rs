//! Where the deal stands beyond its stage: a gated move waiting for the manager (or the
//! manager's latest decision), and a lost or won deal.

use tuoke_core::record::{ApprovalRecord, ApprovalStatus};
use tuoke_core::types::{Stage, Status};
use yew::prelude::*;

use super::model::{relevant_decision, stage_name, Ask, SUPERSEDED};
use crate::i18n::{I18n, StageKey};
use crate::services::time::{self, Style};

/// Where a gated move stands on a deal at `current`: waiting (sent or not yet), or the
/// manager's latest decision on the deal's stage-move `approvals` (oldest first) while it
/// is still relevant ([`relevant_decision`]).
pub(super) fn approval_note(
    i18n: &I18n,
    current: Stage,
    pending: Option<Stage>,
    approvals: &[ApprovalRecord],
) -> Html {
    if let Some(to) = pending {
        let sent = approvals
            .iter()
            .rev()
            .find(|a| a.status == ApprovalStatus::Pending && a.to == Some(to));
        html! {
            <div class="notice warn stage-pending" role="status" data-testid="stage-pending" data-stage={to.code()}>
                <p>{ i18n.fmt(StageKey::PendingApproval, &[("stage", stage_name(i18n, to))]) }</p>
                <p class="hint">{ match sent.map(|a| a.created_at) {
                    Some(at) => i18n.fmt(StageKey::PendingSince, &[("t", time::local(at, Style::Relative).as_str())]),
                    None => i18n.t(StageKey::PendingNotSent).to_owned(),
                } }</p>
            </div>
        }
    } else if let Some(a) = relevant_decision(current, approvals) {
        let approved = a.status == ApprovalStatus::Approved;
        let to = a.to.map_or("", |s| stage_name(i18n, s));
        let comment = a
            .comment
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        html! {
            <div class={classes!("notice", if approved { "ok" } else { "warn" }, "stage-outcome")}
                role="status" data-testid="stage-approval-outcome" data-status={a.status.as_str()}>
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
    }
}

/// A lost deal (with the reason it was lost, and reopening for its `owner`) or a won one.
pub(super) fn outcome(
    i18n: &I18n,
    status: Status,
    reason: Option<String>,
    owner: bool,
    busy: bool,
    on_ask: &Callback<Ask>,
) -> Html {
    match status {
        Status::Lost => {
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
                                disabled={busy} onclick={on_ask.reform(|_: MouseEvent| Ask::Reopen)}>{ i18n.t(StageKey::Reopen) }</button>
                        </div>
                    }
                </div>
            }
        }
        Status::Won => {
            html! { <p class="notice ok" data-testid="stage-won">{ i18n.t(StageKey::WonState) }</p> }
        }
        Status::Open => html! {},
    }
}
