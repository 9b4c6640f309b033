//! Args of the project's own mutations (API.md leaves their shapes to the project):
//! `approval.decide`, `quote.submit`, `concession.add`, `objection.add`, `quiz.submit`.
//! Shared by the PWA (which queues them) and the server (which parses and applies them).
//! Every struct refuses unknown fields, so a typo is reported with the field named.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::negotiation::{Concession, QuoteInput};
use crate::playbook::ObjectionId;
use crate::quiz::QuizAnswer;
use crate::time::check_event_time;
use crate::validate::PatchError;

/// `approval.decide`: the requester's manager approves or rejects a pending approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovalDecideArgs {
    /// The approval.
    pub approval_id: Uuid,
    /// Approve (true) or reject (false).
    pub approve: bool,
    /// The manager's comment.
    #[serde(default)]
    pub comment: Option<String>,
}

/// `quote.submit`: a formal quote for a prospect; it always needs the manager's approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteSubmitArgs {
    /// Quote id.
    pub id: Uuid,
    /// The prospect.
    pub prospect_id: Uuid,
    /// Lines, consultant days, day rate, discount.
    pub quote: QuoteInput,
    /// Free note for the manager.
    #[serde(default)]
    pub note: Option<String>,
}

/// `concession.add`: one entry of a prospect's concession log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConcessionAddArgs {
    /// Entry id.
    pub id: Uuid,
    /// The prospect.
    pub prospect_id: Uuid,
    /// The concession.
    pub concession: Concession,
}

/// `objection.add`: a customer objection met during the deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectionAddArgs {
    /// Entry id.
    pub id: Uuid,
    /// The prospect.
    pub prospect_id: Uuid,
    /// Which of the playbook's common objections.
    pub objection: ObjectionId,
    /// What was said or done about it.
    #[serde(default)]
    pub note: Option<String>,
    /// Whether it has been resolved.
    #[serde(default)]
    pub resolved: bool,
}

/// `quiz.submit`: a finished quiz attempt; the questions are those drawn from `seed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizSubmitArgs {
    /// Attempt id.
    pub id: Uuid,
    /// The seed the questions were drawn with ([`crate::quiz::draw`]).
    pub seed: u64,
    /// The answers.
    pub answers: Vec<QuizAnswer>,
    /// When the attempt started.
    pub started_at: DateTime<Utc>,
    /// When it was submitted.
    pub submitted_at: DateTime<Utc>,
}

impl QuizSubmitArgs {
    /// Both times must have happened (`now` is the receiver's clock).
    pub fn validate(&self, now: DateTime<Utc>) -> Result<(), PatchError> {
        check_event_time(self.started_at, now)
            .map_err(|p| PatchError::new("started_at", p.into()))?;
        check_event_time(self.submitted_at, now)
            .map_err(|p| PatchError::new("submitted_at", p.into()))
    }
}

/// `prospect.share`: the owner shares a prospect with another rep or manager (who then sees it
/// and its records), or stops sharing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProspectShareArgs {
    /// The prospect.
    pub prospect_id: Uuid,
    /// Username of the colleague.
    pub username: String,
    /// Share (true) or stop sharing (false).
    pub shared: bool,
}
