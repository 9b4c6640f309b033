//! The prospect record as pulled (API.md "Prospect record as pulled"): the editable fields
//! plus server-owned fields and the derived parts `grade`, `target_fit`, `next_contact_due`,
//! computed here so the server and the PWA agree.
//!
//! **Decision**: `owner_id` is an opaque string (the core never interprets user ids).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::cadence::{business_date, next_contact_due, AgendaInput, CadenceConfig};
use crate::fit::{target_fit, TargetFit};
use crate::grading::GradeView;
use crate::types::{Prospect, Stage, Status};

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
    /// Owner (user id).
    pub owner_id: String,
    /// Current stage.
    pub stage: Stage,
    /// Stage awaiting approval, if any.
    pub pending_stage: Option<Stage>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last update time.
    pub updated_at: DateTime<Utc>,
}

/// A prospect as pulled (`entity: "prospect"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProspectRecord {
    /// Prospect id.
    pub id: Uuid,
    /// Owner (user id).
    pub owner_id: String,
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
        }
    }
}
