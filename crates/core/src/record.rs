//! The records as pulled (API.md "pull", `crates/server/README.md` "Pulled records"), one
//! type per [`Entity`]: the prospect with its derived parts `grade`, `target_fit`,
//! `next_contact_due` (computed here so the server and the PWA agree), and the records of a
//! deal. The server stores and sends these; the phone's local view builds the same ones for
//! changes the server has not confirmed yet.
//!
//! **Decisions**:
//! - User ids (`owner_id`, `author_id`, …) are opaque strings (the core never interprets
//!   them). An author is `null` only in the phone's own view before it knows who is signed in.
//! - Fields only the server can know (a quote's `approval_id`, a graded attempt's score, a
//!   concession's warnings) are absent, not null, in records the phone builds; the server's
//!   records always carry them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::activity::{ActivityKind, ActivityLogArgs, NoteAddArgs, NoteKind};
use crate::args::{ConcessionAddArgs, ObjectionAddArgs, QuizSubmitArgs, QuoteSubmitArgs};
use crate::cadence::{business_date, next_contact_due, AgendaInput, CadenceConfig};
use crate::contract::Entity;
use crate::fit::{target_fit, TargetFit};
use crate::grading::{GradeHistoryEntry, GradeView};
use crate::negotiation::{quote_total, Concession, ConcessionWarningCode, QuoteInput, QuoteTotal};
use crate::playbook::ObjectionId;
use crate::quiz::{draw, grade_attempt, QuestionId, QuizAnswer, Score};
use crate::types::{Prospect, Stage, Status};
use crate::vocabulary;

/// A record type as pulled: its entity is known from the type.
pub trait EntityRecord: Serialize + DeserializeOwned {
    /// The `entity` of its pulled changes.
    const ENTITY: Entity;
    /// The record's id.
    fn id(&self) -> Uuid;
    /// The prospect whose deal it belongs to (`None`: a prospect itself, a quiz attempt).
    fn prospect_id(&self) -> Option<Uuid>;
}

/// Implements [`EntityRecord`] for a record with `id` and `prospect_id` fields.
macro_rules! deal_record {
    ($record:ty, $entity:expr) => {
        impl EntityRecord for $record {
            const ENTITY: Entity = $entity;
            fn id(&self) -> Uuid {
                self.id
            }
            fn prospect_id(&self) -> Option<Uuid> {
                Some(self.prospect_id)
            }
        }
    };
}

/// The derived parts of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Derived {
    /// Grade (computed, override, explanation).
    pub grade: GradeView,
    /// Target-market fit.
    pub target_fit: TargetFit,
    /// Next contact due (null for won/lost).
    pub next_contact_due: Option<NaiveDate>,
}

/// Compute the derived parts. `created` is the creation date, `last_contact` the date of
/// the latest logged activity, `today` the reference day.
pub fn derive(
    p: &Prospect,
    status: Status,
    created: NaiveDate,
    last_contact: Option<NaiveDate>,
    today: NaiveDate,
    cfg: &CadenceConfig,
) -> Derived {
    let grade = GradeView::of(p, today);
    let next = next_contact_due(cfg, grade.value, status, created, last_contact);
    Derived {
        grade,
        target_fit: target_fit(p),
        next_contact_due: next,
    }
}

/// Server-owned facts about a prospect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordMeta {
    /// Prospect id.
    pub id: Uuid,
    /// Owner (user id); `None` for a lead not assigned yet.
    pub owner_id: Option<String>,
    /// Current stage.
    pub stage: Stage,
    /// Stage awaiting approval, if any.
    pub pending_stage: Option<Stage>,
    /// The reason given for the move to the current stage (why it was lost, …).
    pub stage_reason: Option<String>,
    /// Imported from a lead list (or created by the marketing assistant).
    pub lead_list: bool,
    /// The grade changes, oldest first.
    pub grade_history: Vec<GradeHistoryEntry>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last update time.
    pub updated_at: DateTime<Utc>,
}

impl RecordMeta {
    /// A prospect just created by `owner_id` at `at`: stage `lead`, nothing pending, no
    /// history.
    pub fn new(id: Uuid, owner_id: Option<String>, at: DateTime<Utc>) -> Self {
        RecordMeta {
            id,
            owner_id,
            stage: Stage::Lead,
            pending_stage: None,
            stage_reason: None,
            lead_list: false,
            grade_history: Vec::new(),
            created_at: at,
            updated_at: at,
        }
    }
}

/// A prospect as pulled (`entity: "prospect"`). Read with its own `Deserialize` (below), not
/// a derived one: see [`ProspectRecordOwn`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProspectRecord {
    /// Prospect id.
    pub id: Uuid,
    /// Owner (user id); null for a lead not assigned yet.
    pub owner_id: Option<String>,
    /// The editable fields, flattened into the record.
    #[serde(flatten)]
    pub prospect: Prospect,
    /// Stage.
    pub stage: Stage,
    /// Status, derived from the stage.
    pub status: Status,
    /// Stage awaiting approval, or null.
    pub pending_stage: Option<Stage>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last update time.
    pub updated_at: DateTime<Utc>,
    /// Next contact due.
    pub next_contact_due: Option<NaiveDate>,
    /// Target-market fit.
    pub target_fit: TargetFit,
    /// Grade.
    pub grade: GradeView,
    /// Imported from a lead list (server addition).
    #[serde(default)]
    pub lead_list: bool,
    /// Date of the latest logged contact (server addition).
    #[serde(default)]
    pub last_contact: Option<NaiveDate>,
    /// The grade changes, oldest first (server addition).
    #[serde(default)]
    pub grade_history: Vec<GradeHistoryEntry>,
    /// The reason given for the move to the current stage (server addition).
    #[serde(default)]
    pub stage_reason: Option<String>,
}

/// The fields of a [`ProspectRecord`] besides the editable ones, as they are read.
///
/// A derived `Deserialize` of `#[serde(flatten)]` buffers the object in serde's private
/// `Content` tree and reads every editable field through it: a third reader of each field
/// type in the wasm (besides JSON text and `serde_json::Value`), about 60 KB before
/// wasm-opt. Instead the object is read once as JSON, then as a [`Prospect`] and as these
/// fields (each ignores the other's keys; no key is in both). Building the record from them
/// names every field, so a field added to [`ProspectRecord`] and not here does not compile.
#[derive(Deserialize)]
struct ProspectRecordOwn {
    id: Uuid,
    owner_id: Option<String>,
    stage: Stage,
    status: Status,
    pending_stage: Option<Stage>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    next_contact_due: Option<NaiveDate>,
    target_fit: TargetFit,
    grade: GradeView,
    #[serde(default)]
    lead_list: bool,
    #[serde(default)]
    last_contact: Option<NaiveDate>,
    #[serde(default)]
    grade_history: Vec<GradeHistoryEntry>,
    #[serde(default)]
    stage_reason: Option<String>,
}

impl<'de> Deserialize<'de> for ProspectRecord {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let object = serde_json::Value::deserialize(deserializer)?;
        if !object.is_object() {
            return Err(D::Error::custom("a prospect record is a JSON object"));
        }
        let prospect: Prospect =
            serde_json::from_value(object.clone()).map_err(D::Error::custom)?;
        let own: ProspectRecordOwn = serde_json::from_value(object).map_err(D::Error::custom)?;
        Ok(ProspectRecord {
            id: own.id,
            owner_id: own.owner_id,
            prospect,
            stage: own.stage,
            status: own.status,
            pending_stage: own.pending_stage,
            created_at: own.created_at,
            updated_at: own.updated_at,
            next_contact_due: own.next_contact_due,
            target_fit: own.target_fit,
            grade: own.grade,
            lead_list: own.lead_list,
            last_contact: own.last_contact,
            grade_history: own.grade_history,
            stage_reason: own.stage_reason,
        })
    }
}

impl EntityRecord for ProspectRecord {
    const ENTITY: Entity = Entity::Prospect;
    fn id(&self) -> Uuid {
        self.id
    }
    fn prospect_id(&self) -> Option<Uuid> {
        None
    }
}

impl ProspectRecord {
    /// The agenda facts of this record (`last_contact`: date of the latest activity).
    pub fn agenda_input(&self, last_contact: Option<NaiveDate>) -> AgendaInput {
        AgendaInput {
            id: self.id,
            grade: self.grade.value,
            status: self.status,
            created: business_date(self.created_at),
            last_contact,
        }
    }

    /// Build the pulled record with freshly derived parts.
    pub fn build(
        meta: RecordMeta,
        prospect: Prospect,
        last_contact: Option<NaiveDate>,
        today: NaiveDate,
        cfg: &CadenceConfig,
    ) -> Self {
        let status = meta.stage.status();
        let d = derive(
            &prospect,
            status,
            business_date(meta.created_at),
            last_contact,
            today,
            cfg,
        );
        ProspectRecord {
            id: meta.id,
            owner_id: meta.owner_id,
            prospect,
            stage: meta.stage,
            status,
            pending_stage: meta.pending_stage,
            created_at: meta.created_at,
            updated_at: meta.updated_at,
            next_contact_due: d.next_contact_due,
            target_fit: d.target_fit,
            grade: d.grade,
            lead_list: meta.lead_list,
            last_contact,
            grade_history: meta.grade_history,
            stage_reason: meta.stage_reason,
        }
    }
}

/// A note as pulled (`entity: "note"`, from `note.add`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteRecord {
    /// Note id.
    pub id: Uuid,
    /// The prospect.
    pub prospect_id: Uuid,
    /// Who wrote it.
    pub author_id: Option<String>,
    /// Text.
    pub body: String,
    /// Kind.
    pub kind: NoteKind,
    /// When the note was taken.
    pub taken_at: DateTime<Utc>,
    /// Attached images.
    #[serde(default)]
    pub attachment_ids: Vec<Uuid>,
    /// When it was stored (the phone: when it was written).
    pub created_at: DateTime<Utc>,
}

impl NoteRecord {
    /// The note `args` add, by `author_id`, at `created_at`.
    pub fn new(args: NoteAddArgs, author_id: Option<String>, created_at: DateTime<Utc>) -> Self {
        NoteRecord {
            id: args.id,
            prospect_id: args.prospect_id,
            author_id,
            body: args.body,
            kind: args.kind,
            taken_at: args.taken_at,
            attachment_ids: args.attachment_ids,
            created_at,
        }
    }
}

deal_record!(NoteRecord, Entity::Note);

/// A contact with a prospect (SPEC §6), whichever record noted it: a logged activity, or a
/// visit, call or meeting note ([`NoteKind::contact`]). Contacts move the prospect's last
/// contact (and so its next contact due) and count as days of work in the monthly plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact<'a> {
    /// The prospect.
    pub prospect_id: Uuid,
    /// Who made it.
    pub author_id: Option<&'a str>,
    /// Contact method.
    pub kind: ActivityKind,
    /// When it happened.
    pub at: DateTime<Utc>,
}

impl NoteRecord {
    /// The contact this note records, if its kind is one (a visit, call or meeting).
    pub fn contact(&self) -> Option<Contact<'_>> {
        Some(Contact {
            prospect_id: self.prospect_id,
            author_id: self.author_id.as_deref(),
            kind: self.kind.contact()?,
            at: self.taken_at,
        })
    }
}

/// A logged contact as pulled (`entity: "activity"`, from `activity.log`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityRecord {
    /// Activity id.
    pub id: Uuid,
    /// The prospect.
    pub prospect_id: Uuid,
    /// Who logged it.
    pub author_id: Option<String>,
    /// Contact method.
    pub kind: ActivityKind,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Summary.
    pub summary: String,
    /// When it was stored.
    pub created_at: DateTime<Utc>,
}

impl ActivityRecord {
    /// The contact `args` log, by `author_id`, at `created_at`.
    pub fn new(
        args: ActivityLogArgs,
        author_id: Option<String>,
        created_at: DateTime<Utc>,
    ) -> Self {
        ActivityRecord {
            id: args.id,
            prospect_id: args.prospect_id,
            author_id,
            kind: args.kind,
            at: args.at,
            summary: args.summary,
            created_at,
        }
    }

    /// The contact this activity records (every logged activity is one).
    pub fn contact(&self) -> Contact<'_> {
        Contact {
            prospect_id: self.prospect_id,
            author_id: self.author_id.as_deref(),
            kind: self.kind,
            at: self.at,
        }
    }
}

deal_record!(ActivityRecord, Entity::Activity);

vocabulary! {
    /// What an approval is for.
    pub enum ApprovalKind("approval kind") {
        /// A stage move that needs the manager (a NO* move).
        StageMove => "stage_move",
        /// A formal quote.
        Quote => "quote",
    }
}

vocabulary! {
    /// Where an approval (and the quote waiting on one) stands.
    pub enum ApprovalStatus("approval status") {
        /// Waiting for the manager.
        Pending => "pending",
        /// Approved.
        Approved => "approved",
        /// Rejected (also: superseded, or cancelled by a transfer).
        Rejected => "rejected",
    }
}

impl ApprovalStatus {
    /// The status a manager's decision sets.
    pub fn decided(approve: bool) -> Self {
        if approve {
            ApprovalStatus::Approved
        } else {
            ApprovalStatus::Rejected
        }
    }
}

/// An approval as pulled (`entity: "approval"`; API.md "Approval record as pulled", plus
/// `approver_id`, `rule` and `quote_id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalRecord {
    /// Approval id.
    pub id: Uuid,
    /// What it is for.
    pub kind: ApprovalKind,
    /// The prospect.
    pub prospect_id: Uuid,
    /// Who asked.
    pub requested_by: String,
    /// The manager who decides.
    pub approver_id: String,
    /// The requested stage (stage moves).
    pub to: Option<Stage>,
    /// The quote waiting on it (quotes).
    pub quote_id: Option<Uuid>,
    /// The rule that asked for it (a stage rule's code, or `quote_needs_approval`).
    pub rule: Option<String>,
    /// The requester's reason.
    pub reason: Option<String>,
    /// Where it stands.
    pub status: ApprovalStatus,
    /// Who decided.
    pub decided_by: Option<String>,
    /// The decider's comment.
    pub comment: Option<String>,
    /// When it was asked for.
    pub created_at: DateTime<Utc>,
    /// When it was decided.
    pub decided_at: Option<DateTime<Utc>>,
}

deal_record!(ApprovalRecord, Entity::Approval);

/// A formal quote as pulled (`entity: "quote"`, from `quote.submit`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// Quote id.
    pub id: Uuid,
    /// The prospect.
    pub prospect_id: Uuid,
    /// Who submitted it.
    pub author_id: Option<String>,
    /// Lines, consultant days, day rate, discount.
    pub quote: QuoteInput,
    /// Note for the manager.
    pub note: Option<String>,
    /// The core's total (null if the quote cannot be computed; the server refuses those).
    pub total: Option<QuoteTotal>,
    /// Pending until the manager decides.
    pub status: ApprovalStatus,
    /// The approval it waits on (known to the server only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_id: Option<Uuid>,
    /// When it was stored.
    pub created_at: DateTime<Utc>,
}

impl QuoteRecord {
    /// The pending quote `args` submit, by `author_id`, waiting on `approval_id`, with the
    /// core's total.
    pub fn submitted(
        args: QuoteSubmitArgs,
        author_id: Option<String>,
        approval_id: Option<Uuid>,
        created_at: DateTime<Utc>,
    ) -> Self {
        QuoteRecord {
            id: args.id,
            prospect_id: args.prospect_id,
            author_id,
            total: quote_total(&args.quote).ok(),
            quote: args.quote,
            note: args.note,
            status: ApprovalStatus::Pending,
            approval_id,
            created_at,
        }
    }
}

deal_record!(QuoteRecord, Entity::Quote);

/// A concession-log entry as pulled (`entity: "concession"`, from `concession.add`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcessionRecord {
    /// Entry id.
    pub id: Uuid,
    /// The prospect.
    pub prospect_id: Uuid,
    /// Who logged it.
    pub author_id: Option<String>,
    /// The concession.
    pub concession: Concession,
    /// The log's warnings when it was added (known to the server only: it has the whole log).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warnings: Option<Vec<ConcessionWarningCode>>,
    /// When it was stored.
    pub created_at: DateTime<Utc>,
}

impl ConcessionRecord {
    /// The entry `args` add, by `author_id`, with the log's `warnings` if known.
    pub fn new(
        args: ConcessionAddArgs,
        author_id: Option<String>,
        warnings: Option<Vec<ConcessionWarningCode>>,
        created_at: DateTime<Utc>,
    ) -> Self {
        ConcessionRecord {
            id: args.id,
            prospect_id: args.prospect_id,
            author_id,
            concession: args.concession,
            warnings,
            created_at,
        }
    }
}

deal_record!(ConcessionRecord, Entity::Concession);

/// An objection as pulled (`entity: "objection"`, from `objection.add`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionRecord {
    /// Entry id.
    pub id: Uuid,
    /// The prospect.
    pub prospect_id: Uuid,
    /// Who recorded it.
    pub author_id: Option<String>,
    /// Which of the playbook's common objections.
    pub objection: ObjectionId,
    /// What was said or done about it.
    pub note: Option<String>,
    /// Whether it has been resolved.
    pub resolved: bool,
    /// When it was stored.
    pub created_at: DateTime<Utc>,
}

impl ObjectionRecord {
    /// The objection `args` record, by `author_id`.
    pub fn new(
        args: ObjectionAddArgs,
        author_id: Option<String>,
        created_at: DateTime<Utc>,
    ) -> Self {
        ObjectionRecord {
            id: args.id,
            prospect_id: args.prospect_id,
            author_id,
            objection: args.objection,
            note: args.note,
            resolved: args.resolved,
            created_at,
        }
    }
}

deal_record!(ObjectionRecord, Entity::Objection);

/// A quiz attempt as pulled (`entity: "quiz_attempt"`, from `quiz.submit`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizAttemptRecord {
    /// Attempt id.
    pub id: Uuid,
    /// Who took it.
    pub user_id: Option<String>,
    /// The seed the questions were drawn with.
    pub seed: u64,
    /// The questions drawn from `seed` (graded attempts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drawn: Option<Vec<QuestionId>>,
    /// The answers.
    pub answers: Vec<QuizAnswer>,
    /// The score (graded attempts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    /// Submitted within the time limit (graded attempts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_time: Option<bool>,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it was submitted.
    pub submitted_at: DateTime<Utc>,
    /// When it was stored.
    pub created_at: DateTime<Utc>,
}

impl QuizAttemptRecord {
    /// The attempt `args` submit, by `user_id`, not graded yet.
    pub fn submitted(
        args: QuizSubmitArgs,
        user_id: Option<String>,
        created_at: DateTime<Utc>,
    ) -> Self {
        QuizAttemptRecord {
            id: args.id,
            user_id,
            seed: args.seed,
            drawn: None,
            answers: args.answers,
            score: None,
            within_time: None,
            started_at: args.started_at,
            submitted_at: args.submitted_at,
            created_at,
        }
    }

    /// The attempt graded: its questions drawn from its seed, its answers scored and its
    /// time limit applied ([`crate::quiz::grade_attempt`]).
    pub fn graded(mut self) -> Self {
        let drawn = draw(self.seed);
        let result = grade_attempt(&drawn, &self.answers, self.started_at, self.submitted_at);
        self.drawn = Some(drawn);
        self.score = Some(result.score);
        self.within_time = Some(result.within_time);
        self
    }
}

impl EntityRecord for QuizAttemptRecord {
    const ENTITY: Entity = Entity::QuizAttempt;
    fn id(&self) -> Uuid {
        self.id
    }
    fn prospect_id(&self) -> Option<Uuid> {
        None
    }
}
