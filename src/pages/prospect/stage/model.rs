//! What the stage section reads of the deal and what the rep may ask for.

use tuoke_core::contract::Entity;
use tuoke_core::record::{ApprovalKind, ApprovalRecord, ApprovalStatus};
use tuoke_core::stage::{move_kind, verdict, MoveKind, Rule, Verdict};
use tuoke_core::types::Stage;
use tuoke_sync::view::LocalView;

use crate::i18n::{I18n, LabelKey};

/// The comment the server writes on a request replaced by a later stage move (a server
/// constant, not a manager's words: shown translated).
pub(super) const SUPERSEDED: &str = "superseded by a later stage move";

/// What the rep asked to do, waiting for confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ask {
    /// Move to a pipeline stage (allowed or gated).
    Move(Stage),
    /// Mark the deal as lost (a reason is required).
    Lost,
    /// Return a lost prospect to the lead list.
    Reopen,
}

impl Ask {
    pub(super) fn target(self) -> Stage {
        match self {
            Ask::Move(stage) => stage,
            Ask::Lost => Stage::Lost,
            Ask::Reopen => Stage::Lead,
        }
    }
}

/// How one stage of the bar looks from the current stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cell {
    Current,
    /// The stage a request waits for approval to reach.
    Waiting,
    Allowed(MoveKind),
    NeedsApproval(Rule),
    Forbidden(Rule),
}

impl Cell {
    pub(super) fn of(current: Stage, pending: Option<Stage>, to: Stage) -> Cell {
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

    pub(super) fn code(self) -> &'static str {
        match self {
            Cell::Current => "current",
            Cell::Waiting => "waiting",
            Cell::Allowed(_) => "allowed",
            Cell::NeedsApproval(_) => "approval",
            Cell::Forbidden(_) => "forbidden",
        }
    }

    pub(super) fn actionable(self) -> bool {
        matches!(self, Cell::Allowed(_) | Cell::NeedsApproval(_))
    }
}

/// The prospect's stage-move approvals, oldest first.
pub(super) fn stage_approvals(deal: &LocalView, id: &str) -> Vec<ApprovalRecord> {
    let mut approvals: Vec<ApprovalRecord> = deal
        .of_prospect(Entity::Approval, id)
        .filter_map(|r| serde_json::from_value::<ApprovalRecord>(r.data.clone()).ok())
        .filter(|a| a.kind == ApprovalKind::StageMove)
        .collect();
    approvals.sort_by_key(|a| a.created_at);
    approvals
}

/// The manager's decision the section shows for a deal at `current`: the latest of the
/// stage-move `approvals` (oldest first), while it still tells where the deal stands. An
/// approval stays while the deal has not gone past the stage it approved (not applied yet,
/// or the deal just moved there by it); a rejection while the deal is still before the
/// stage asked for. Once the deal has moved past it (approved to the exchange, now signed)
/// or is lost, the decision is history, not status.
pub(super) fn relevant_decision(
    current: Stage,
    approvals: &[ApprovalRecord],
) -> Option<&ApprovalRecord> {
    let a = approvals.last()?;
    let (now, asked) = (current.ordinal()?, a.to?.ordinal()?);
    let relevant = match a.status {
        ApprovalStatus::Pending => false,
        ApprovalStatus::Approved => now <= asked,
        ApprovalStatus::Rejected => now < asked,
    };
    relevant.then_some(a)
}

pub(super) fn stage_name(i18n: &I18n, stage: Stage) -> &'static str {
    i18n.t(LabelKey::stage(stage))
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn decided(to: Stage, status: ApprovalStatus) -> ApprovalRecord {
        let at = "2026-03-02T08:00:00Z".parse().unwrap();
        ApprovalRecord {
            id: Uuid::from_u128(1),
            kind: ApprovalKind::StageMove,
            prospect_id: Uuid::from_u128(2),
            requested_by: "rep1".into(),
            approver_id: "manager1".into(),
            to: Some(to),
            quote_id: None,
            rule: None,
            reason: None,
            status,
            decided_by: Some("manager1".into()),
            comment: None,
            created_at: at,
            decided_at: Some(at),
        }
    }

    #[test]
    fn an_approval_shows_until_the_deal_moves_past_the_stage_it_approved() {
        let approved = [decided(Stage::Exchange, ApprovalStatus::Approved)];
        // Decided on the manager's phone, not applied yet; then applied by the sync.
        assert!(relevant_decision(Stage::Lead, &approved).is_some());
        assert!(relevant_decision(Stage::Exchange, &approved).is_some());
        // The deal went on to the demo, then signed: the old approval is history.
        assert!(relevant_decision(Stage::Demo, &approved).is_none());
        assert!(relevant_decision(Stage::Signed, &approved).is_none());
        assert!(relevant_decision(Stage::Lost, &approved).is_none());
    }

    #[test]
    fn a_rejection_shows_only_while_the_deal_is_before_the_stage_asked_for() {
        let rejected = [decided(Stage::Demo, ApprovalStatus::Rejected)];
        assert!(relevant_decision(Stage::Lead, &rejected).is_some());
        assert!(relevant_decision(Stage::Demo, &rejected).is_none());
        assert!(relevant_decision(Stage::Signed, &rejected).is_none());
        let pending = [decided(Stage::Demo, ApprovalStatus::Pending)];
        assert!(relevant_decision(Stage::Lead, &pending).is_none());
    }
}
