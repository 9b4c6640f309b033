//! What the stage section reads of the deal and what the rep may ask for.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use tuoke_core::contract::Entity;
use tuoke_core::stage::{move_kind, verdict, MoveKind, Rule, Verdict};
use tuoke_core::types::{Prospect, Stage};
use tuoke_sync::view::LocalView;
use uuid::Uuid;

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

/// What this section needs of the prospect record (only these fields must parse: an owner
/// may be null, e.g. a lead not assigned yet).
#[derive(Debug, Clone, Deserialize)]
pub(super) struct StageFacts {
    pub(super) id: Uuid,
    pub(super) stage: Stage,
    #[serde(default)]
    pub(super) pending_stage: Option<Stage>,
    #[serde(default)]
    pub(super) owner_id: Option<String>,
    #[serde(flatten)]
    pub(super) prospect: Prospect,
}

/// A stage-move approval as pulled (API.md "Approval record as pulled").
#[derive(Debug, Clone, Deserialize)]
pub(super) struct Approval {
    pub(super) kind: String,
    #[serde(default)]
    pub(super) to: Option<Stage>,
    pub(super) status: String,
    #[serde(default)]
    pub(super) comment: Option<String>,
    #[serde(default)]
    pub(super) created_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub(super) decided_at: Option<DateTime<Utc>>,
}

/// The prospect's stage-move approvals, oldest first.
pub(super) fn stage_approvals(deal: &LocalView, id: &str) -> Vec<Approval> {
    let mut approvals: Vec<Approval> = deal
        .of_prospect(Entity::Approval, id)
        .filter_map(|r| serde_json::from_value::<Approval>(r.data.clone()).ok())
        .filter(|a| a.kind == "stage_move")
        .collect();
    approvals.sort_by_key(|a| a.created_at);
    approvals
}

/// Why the deal is in its stage (the reason given with the move, e.g. why it was lost).
pub(super) fn stage_reason(deal: &LocalView, id: &str) -> Option<String> {
    deal.get(Entity::Prospect, id)?
        .data
        .get("stage_reason")?
        .as_str()
        .map(str::to_owned)
}

pub(super) fn stage_name(i18n: &I18n, stage: Stage) -> &'static str {
    i18n.t(LabelKey::stage(stage))
}
