//! The sync wire format of API.md (`POST /api/v1/sync/push`, `GET /api/v1/sync/pull`, the
//! error body) as serde types, and typed constructors for every mutation the server knows.
//!
//! This module owns shapes only: it performs no I/O and makes no ids (mutation and record ids
//! are the caller's, so nothing here needs a random source).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tuoke_core::activity::{ActivityLogArgs, NoteAddArgs};
use tuoke_core::args::{
    ApprovalDecideArgs, ConcessionAddArgs, ObjectionAddArgs, ProspectShareArgs, QuizSubmitArgs,
    QuoteSubmitArgs,
};
use tuoke_core::stage::StageMoveArgs;
use tuoke_core::validate::PutArgs;
use uuid::Uuid;

/// Body of `POST /api/v1/sync/push`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    /// This installation's id (kept in the store's sync state).
    pub client_id: Uuid,
    /// The mutations, applied by the server in this order.
    pub mutations: Vec<Mutation>,
}

/// One client mutation. Its `id` makes it idempotent: resending it answers `duplicate`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mutation {
    /// Mutation id (not the id of the record it creates).
    pub id: Uuid,
    /// Mutation name, e.g. `prospect.put` (see [`names`]).
    pub name: String,
    /// The args, in the shape of the mutation's `tuoke_core` args type.
    pub args: Value,
    /// When the rep made the change.
    pub at: DateTime<Utc>,
}

/// Every mutation name the server knows (API.md plus `crates/server` additions).
pub mod names {
    /// Create or patch a prospect.
    pub const PROSPECT_PUT: &str = "prospect.put";
    /// Append a note.
    pub const NOTE_ADD: &str = "note.add";
    /// Log a contact activity.
    pub const ACTIVITY_LOG: &str = "activity.log";
    /// Request a stage move.
    pub const STAGE_MOVE: &str = "stage.move";
    /// A manager decides an approval.
    pub const APPROVAL_DECIDE: &str = "approval.decide";
    /// Submit a formal quote.
    pub const QUOTE_SUBMIT: &str = "quote.submit";
    /// Add a concession-log entry.
    pub const CONCESSION_ADD: &str = "concession.add";
    /// Record an objection.
    pub const OBJECTION_ADD: &str = "objection.add";
    /// Submit a quiz attempt.
    pub const QUIZ_SUBMIT: &str = "quiz.submit";
    /// Share a prospect with a colleague (server addition).
    pub const PROSPECT_SHARE: &str = "prospect.share";
}

impl Mutation {
    /// A mutation with already-serialised args. Prefer the typed constructors.
    pub fn new(id: Uuid, name: &str, args: Value, at: DateTime<Utc>) -> Mutation {
        Mutation {
            id,
            name: name.to_owned(),
            args,
            at,
        }
    }

    fn typed<T: Serialize>(id: Uuid, name: &str, args: &T, at: DateTime<Utc>) -> Mutation {
        // The core's args types are plain data (strings, numbers, enums, maps with string
        // keys), which always serialise; Null would only ever be seen by the server as a
        // rejected mutation, never as a lost one.
        let args = serde_json::to_value(args).unwrap_or(Value::Null);
        Mutation::new(id, name, args, at)
    }

    /// `prospect.put`: create the prospect or patch the named fields.
    pub fn prospect_put(id: Uuid, args: &PutArgs, at: DateTime<Utc>) -> Mutation {
        Mutation::typed(id, names::PROSPECT_PUT, args, at)
    }

    /// `note.add` (append-only).
    pub fn note_add(id: Uuid, args: &NoteAddArgs, at: DateTime<Utc>) -> Mutation {
        Mutation::typed(id, names::NOTE_ADD, args, at)
    }

    /// `activity.log`.
    pub fn activity_log(id: Uuid, args: &ActivityLogArgs, at: DateTime<Utc>) -> Mutation {
        Mutation::typed(id, names::ACTIVITY_LOG, args, at)
    }

    /// `stage.move`.
    pub fn stage_move(id: Uuid, args: &StageMoveArgs, at: DateTime<Utc>) -> Mutation {
        Mutation::typed(id, names::STAGE_MOVE, args, at)
    }

    /// `approval.decide`.
    pub fn approval_decide(id: Uuid, args: &ApprovalDecideArgs, at: DateTime<Utc>) -> Mutation {
        Mutation::typed(id, names::APPROVAL_DECIDE, args, at)
    }

    /// `quote.submit`.
    pub fn quote_submit(id: Uuid, args: &QuoteSubmitArgs, at: DateTime<Utc>) -> Mutation {
        Mutation::typed(id, names::QUOTE_SUBMIT, args, at)
    }

    /// `concession.add`.
    pub fn concession_add(id: Uuid, args: &ConcessionAddArgs, at: DateTime<Utc>) -> Mutation {
        Mutation::typed(id, names::CONCESSION_ADD, args, at)
    }

    /// `objection.add`.
    pub fn objection_add(id: Uuid, args: &ObjectionAddArgs, at: DateTime<Utc>) -> Mutation {
        Mutation::typed(id, names::OBJECTION_ADD, args, at)
    }

    /// `quiz.submit`.
    pub fn quiz_submit(id: Uuid, args: &QuizSubmitArgs, at: DateTime<Utc>) -> Mutation {
        Mutation::typed(id, names::QUIZ_SUBMIT, args, at)
    }

    /// `prospect.share`.
    pub fn prospect_share(id: Uuid, args: &ProspectShareArgs, at: DateTime<Utc>) -> Mutation {
        Mutation::typed(id, names::PROSPECT_SHARE, args, at)
    }
}

/// Body of a `200` push answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushResponse {
    /// One result per mutation, in order.
    pub results: Vec<MutationResult>,
}

/// What the server did with one mutation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MutationStatus {
    /// Applied now.
    Applied,
    /// Already processed earlier (a resend); see `original_status`.
    Duplicate,
    /// Stored as a request awaiting a manager's approval.
    PendingApproval,
    /// Refused; `reason` says why. Processed: it will not block the outbox.
    Rejected,
}

/// One entry of [`PushResponse::results`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MutationResult {
    /// The mutation id.
    pub id: Uuid,
    /// What happened.
    pub status: MutationStatus,
    /// Why it was rejected or is pending (a field and its problem, or a rule code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// When rejected or pending: the stable code to translate (server addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The field the code is about (server addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Soft warnings (server addition).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// For `duplicate`: what the first processing answered (server addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_status: Option<MutationStatus>,
}

impl MutationResult {
    /// The status that counts for the client: a `duplicate` of a rejected mutation is a
    /// rejection (its first answer was lost), anything else processed is accepted.
    pub fn effective_status(&self) -> MutationStatus {
        match (self.status, self.original_status) {
            (MutationStatus::Duplicate, Some(original)) => original,
            (status, _) => status,
        }
    }
}

/// Body of a `200` pull answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    /// The cursor to pull from next.
    pub cursor: i64,
    /// More changes are waiting: pull again from `cursor`.
    pub has_more: bool,
    /// The changes, oldest first.
    pub changes: Vec<Change>,
}

/// One changed record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// `prospect`, `note`, `activity`, `approval`, `quote`, `concession`, `objection`,
    /// `quiz_attempt` (kept as a string: the server may add entities).
    pub entity: String,
    /// Record id.
    pub id: String,
    /// Record version.
    pub version: i64,
    /// The record, or `None` when it left the caller's view.
    pub data: Option<Value>,
}

/// The error body of a 4xx/5xx answer: `{"error":{"code","message"}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The error.
    pub error: ApiError,
}

/// The error inside an [`ErrorBody`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// Snake-case code, e.g. [`RESET_REQUIRED`].
    pub code: String,
    /// Human-readable message.
    #[serde(default)]
    pub message: String,
}

/// The pull error code (HTTP 409) asking the client to refetch from cursor 0.
pub const RESET_REQUIRED: &str = "reset_required";

/// Push at most this many mutations per request by default.
pub const DEFAULT_PUSH_BATCH: usize = 100;

/// Pull page size by default (the server's own default is 500, its maximum 5000).
pub const DEFAULT_PULL_LIMIT: u32 = 500;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn push_response_parses_server_additions_and_duplicate_of_rejection_counts_as_rejected() {
        let body = json!({"results": [
            {"id": "00000000-0000-0000-0000-000000000001", "status": "applied",
             "warnings": ["nothing_in_return"]},
            {"id": "00000000-0000-0000-0000-000000000002", "status": "duplicate",
             "reason": "company: required", "original_status": "rejected"},
            {"id": "00000000-0000-0000-0000-000000000003", "status": "pending_approval",
             "reason": "no_skip"}
        ]});
        let r: PushResponse = serde_json::from_value(body).unwrap();
        assert_eq!(r.results[0].effective_status(), MutationStatus::Applied);
        assert_eq!(r.results[1].effective_status(), MutationStatus::Rejected);
        assert_eq!(
            r.results[2].effective_status(),
            MutationStatus::PendingApproval
        );
    }

    #[test]
    fn typed_constructor_serialises_core_args_in_the_api_shape() {
        let at: DateTime<Utc> = "2026-01-02T03:04:05Z".parse().unwrap();
        let args = NoteAddArgs {
            id: Uuid::from_u128(7),
            prospect_id: Uuid::from_u128(8),
            body: "拜访".into(),
            kind: tuoke_core::activity::NoteKind::Visit,
            taken_at: at,
            attachment_ids: Vec::new(),
        };
        let m = Mutation::note_add(Uuid::from_u128(1), &args, at);
        let wire = serde_json::to_value(&m).unwrap();
        assert_eq!(wire["name"], "note.add");
        assert_eq!(wire["args"]["kind"], "visit");
        assert_eq!(wire["at"], "2026-01-02T03:04:05Z");
        let back: NoteAddArgs = serde_json::from_value(wire["args"].clone()).unwrap();
        assert_eq!(back, args);
    }

    #[test]
    fn error_body_with_reset_required_parses() {
        let e: ErrorBody =
            serde_json::from_str(r#"{"error":{"code":"reset_required","message":"x"}}"#).unwrap();
        assert_eq!(e.error.code, RESET_REQUIRED);
    }
}
