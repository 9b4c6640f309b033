//! The local view the UI shows: the confirmed server state with every outbox entry
//! (unanswered, or answered but not yet pulled) re-applied on top, in outbox order, so the
//! rep always sees their own latest edits, offline or not.
//!
//! Overlays use the core's rules, like the server: `prospect.put` patches through
//! [`tuoke_core::validate::apply_patch`] and the derived parts (grade, fit, next contact) are
//! recomputed; `stage.move` uses [`tuoke_core::stage::request_move`] (so a NO* move shows as
//! `pending_stage`); appended records (notes, activities, quotes, …) appear with `pending`
//! set. An overlay the core refuses is skipped: the server will reject the mutation too, and
//! the rep will see its reason in the status.
//!
//! Pure functions only; the caller passes the records the overlays may touch (a prospect
//! edit on a prospect not passed in is skipped, not invented).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Map, Value};
use tuoke_core::activity::{ActivityLogArgs, NoteAddArgs};
use tuoke_core::args::{
    ApprovalDecideArgs, ConcessionAddArgs, ObjectionAddArgs, QuizSubmitArgs, QuoteSubmitArgs,
};
use tuoke_core::cadence::{business_date, CadenceConfig};
use tuoke_core::negotiation::quote_total;
use tuoke_core::record::{derive, ProspectRecord, RecordMeta};
use tuoke_core::stage::{request_move, MoveOutcome, StageMoveArgs};
use tuoke_core::types::{Prospect, Stage, Status};
use tuoke_core::validate::{apply_patch, create_prospect, parse_put_args};

pub use crate::model::{field, text};
use crate::protocol::{names, Mutation};
use crate::store::{OutboxEntry, Record, Store};

/// Entities the engine syncs (the server may add more; unknown ones are kept as pulled).
pub const ENTITIES: [&str; 8] = [
    "prospect",
    "note",
    "activity",
    "approval",
    "quote",
    "concession",
    "objection",
    "quiz_attempt",
];

/// What the overlays need to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewContext {
    /// The logged-in user's id (owner/author of local records), if known.
    pub me: Option<String>,
    /// Today, for the derived grade and next contact.
    pub today: NaiveDate,
}

/// One record of the local view.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewRecord {
    /// Entity.
    pub entity: String,
    /// Record id.
    pub id: String,
    /// The record (confirmed JSON with local changes applied).
    pub data: Value,
    /// Local changes not yet confirmed by a pull are part of it.
    pub pending: bool,
}

/// The merged view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LocalView {
    records: BTreeMap<(String, String), ViewRecord>,
}

impl LocalView {
    /// Builds the view from confirmed records and the outbox (in `seq` order).
    pub fn build(
        confirmed: impl IntoIterator<Item = Record>,
        outbox: &[OutboxEntry],
        ctx: &ViewContext,
    ) -> LocalView {
        let mut view = LocalView {
            records: confirmed
                .into_iter()
                .map(|r| {
                    let key = (r.entity.clone(), r.id.clone());
                    let record = ViewRecord {
                        entity: r.entity,
                        id: r.id,
                        data: r.data,
                        pending: false,
                    };
                    (key, record)
                })
                .collect(),
        };
        for entry in outbox {
            view.overlay(&entry.mutation, ctx);
        }
        view
    }

    /// Reads the confirmed records of `entities` ([`ENTITIES`] for all) and the outbox from
    /// `store` and builds the view.
    pub async fn load<S: Store>(
        store: &S,
        entities: &[&str],
        ctx: &ViewContext,
    ) -> Result<LocalView, S::Error> {
        let mut confirmed = Vec::new();
        for entity in entities {
            confirmed.extend(store.records(entity).await?);
        }
        let outbox = store.outbox().await?;
        Ok(LocalView::build(confirmed, &outbox, ctx))
    }

    /// One record.
    pub fn get(&self, entity: &str, id: &str) -> Option<&ViewRecord> {
        self.records.get(&(entity.to_owned(), id.to_owned()))
    }

    /// Every record of an entity, by id.
    pub fn entity(&self, entity: &str) -> impl Iterator<Item = &ViewRecord> + '_ {
        let entity = entity.to_owned();
        self.records.values().filter(move |r| r.entity == entity)
    }

    /// Every record of an entity belonging to a prospect (`prospect_id`).
    pub fn of_prospect(
        &self,
        entity: &str,
        prospect_id: &str,
    ) -> impl Iterator<Item = &ViewRecord> + '_ {
        let prospect_id = prospect_id.to_owned();
        self.entity(entity).filter(move |r| {
            r.data.get("prospect_id").and_then(Value::as_str) == Some(prospect_id.as_str())
        })
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// No records at all.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The view as plain `(entity, id) → JSON`, e.g. to compare with the server's state.
    pub fn to_map(&self) -> BTreeMap<(String, String), Value> {
        self.records
            .iter()
            .map(|(k, r)| (k.clone(), r.data.clone()))
            .collect()
    }

    fn overlay(&mut self, m: &Mutation, ctx: &ViewContext) {
        let me = ctx.me.as_deref().map_or(Value::Null, |u| json!(u));
        match m.name.as_str() {
            names::PROSPECT_PUT => self.put(m, ctx),
            names::STAGE_MOVE => self.stage_move(m, ctx),
            names::NOTE_ADD => {
                if let Ok(a) = serde_json::from_value::<NoteAddArgs>(m.args.clone()) {
                    let data = json!({
                        "id": a.id, "prospect_id": a.prospect_id, "author_id": me,
                        "body": a.body, "kind": a.kind, "taken_at": a.taken_at,
                        "attachment_ids": a.attachment_ids, "created_at": m.at,
                    });
                    self.append("note", a.id.to_string(), data);
                }
            }
            names::ACTIVITY_LOG => {
                if let Ok(a) = serde_json::from_value::<ActivityLogArgs>(m.args.clone()) {
                    let data = json!({
                        "id": a.id, "prospect_id": a.prospect_id, "author_id": me,
                        "kind": a.kind, "at": a.at, "summary": a.summary, "created_at": m.at,
                    });
                    if self.append("activity", a.id.to_string(), data) {
                        self.contacted(&a.prospect_id.to_string(), a.at, ctx);
                    }
                }
            }
            names::QUOTE_SUBMIT => {
                if let Ok(a) = serde_json::from_value::<QuoteSubmitArgs>(m.args.clone()) {
                    let data = json!({
                        "id": a.id, "prospect_id": a.prospect_id, "author_id": me,
                        "quote": a.quote, "note": a.note, "total": quote_total(&a.quote).ok(),
                        "status": "pending", "created_at": m.at,
                    });
                    self.append("quote", a.id.to_string(), data);
                }
            }
            names::CONCESSION_ADD => {
                if let Ok(a) = serde_json::from_value::<ConcessionAddArgs>(m.args.clone()) {
                    let data = json!({
                        "id": a.id, "prospect_id": a.prospect_id, "author_id": me,
                        "concession": a.concession, "created_at": m.at,
                    });
                    self.append("concession", a.id.to_string(), data);
                }
            }
            names::OBJECTION_ADD => {
                if let Ok(a) = serde_json::from_value::<ObjectionAddArgs>(m.args.clone()) {
                    let data = json!({
                        "id": a.id, "prospect_id": a.prospect_id, "author_id": me,
                        "objection": a.objection, "note": a.note, "resolved": a.resolved,
                        "created_at": m.at,
                    });
                    self.append("objection", a.id.to_string(), data);
                }
            }
            names::QUIZ_SUBMIT => {
                if let Ok(a) = serde_json::from_value::<QuizSubmitArgs>(m.args.clone()) {
                    let data = json!({
                        "id": a.id, "user_id": me, "seed": a.seed, "answers": a.answers,
                        "started_at": a.started_at, "submitted_at": a.submitted_at,
                        "created_at": m.at,
                    });
                    self.append("quiz_attempt", a.id.to_string(), data);
                }
            }
            names::APPROVAL_DECIDE => {
                if let Ok(a) = serde_json::from_value::<ApprovalDecideArgs>(m.args.clone()) {
                    if let Some(r) = self.get_mut("approval", &a.approval_id.to_string()) {
                        if r.data.get("status").and_then(Value::as_str) == Some("pending") {
                            let status = if a.approve { "approved" } else { "rejected" };
                            set(&mut r.data, "status", json!(status));
                            set(&mut r.data, "decided_by", me);
                            set(&mut r.data, "comment", json!(a.comment));
                            set(&mut r.data, "decided_at", json!(m.at));
                            r.pending = true;
                        }
                    }
                }
            }
            // prospect.share and names the view does not know change nothing visible.
            _ => {}
        }
    }

    fn get_mut(&mut self, entity: &str, id: &str) -> Option<&mut ViewRecord> {
        self.records.get_mut(&(entity.to_owned(), id.to_owned()))
    }

    /// Adds an appended record unless the server's copy is already there.
    fn append(&mut self, entity: &str, id: String, data: Value) -> bool {
        let key = (entity.to_owned(), id.clone());
        if self.records.contains_key(&key) {
            return false;
        }
        let record = ViewRecord {
            entity: entity.to_owned(),
            id,
            data,
            pending: true,
        };
        self.records.insert(key, record);
        true
    }

    fn put(&mut self, m: &Mutation, ctx: &ViewContext) {
        let Ok(put) = parse_put_args(&m.args) else {
            return;
        };
        let id = put.id.to_string();
        if let Some(r) = self.get_mut("prospect", &id) {
            let Ok(mut prospect) = serde_json::from_value::<Prospect>(r.data.clone()) else {
                return;
            };
            if apply_patch(&mut prospect, &put.patch).is_err() {
                return;
            }
            let Ok(Value::Object(fields)) = serde_json::to_value(&prospect) else {
                return;
            };
            if let Some(patched) = m.args.get("patch").and_then(Value::as_object) {
                for name in patched.keys() {
                    match (fields.get(name), r.data.as_object_mut()) {
                        (Some(value), _) => set(&mut r.data, name, value.clone()),
                        // Cleared: absent, as the server serialises an empty optional field.
                        (None, Some(map)) => {
                            map.remove(name);
                        }
                        (None, None) => {}
                    }
                }
            }
            refresh_derived(&mut r.data, ctx.today);
            r.pending = true;
            return;
        }
        if put.patch.company.is_none() {
            return;
        }
        let Ok(prospect) = create_prospect(&put.patch) else {
            return;
        };
        let meta = RecordMeta::new(put.id, ctx.me.clone(), m.at);
        let record =
            ProspectRecord::build(meta, prospect, None, ctx.today, &CadenceConfig::default());
        let Ok(data) = serde_json::to_value(record) else {
            return;
        };
        self.append("prospect", id, data);
    }

    fn stage_move(&mut self, m: &Mutation, ctx: &ViewContext) {
        let Ok(a) = serde_json::from_value::<StageMoveArgs>(m.args.clone()) else {
            return;
        };
        let Some(r) = self.get_mut("prospect", &a.prospect_id.to_string()) else {
            return;
        };
        let Some(from) = field::<Stage>(&r.data, "stage") else {
            return;
        };
        match request_move(from, a.to, a.reason.as_deref()) {
            MoveOutcome::Applied { stage, status, .. } => {
                let reason = a.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
                set(&mut r.data, "stage", json!(stage));
                set(&mut r.data, "status", json!(status));
                set(&mut r.data, "pending_stage", Value::Null);
                set(&mut r.data, "stage_reason", json!(reason));
            }
            MoveOutcome::PendingApproval { to, .. } => {
                set(&mut r.data, "pending_stage", json!(to));
            }
            MoveOutcome::Rejected { .. } => return,
        }
        refresh_derived(&mut r.data, ctx.today);
        r.pending = true;
    }

    /// An activity moves the prospect's last contact (and so its next contact due).
    fn contacted(&mut self, prospect_id: &str, at: DateTime<Utc>, ctx: &ViewContext) {
        let Some(r) = self.get_mut("prospect", prospect_id) else {
            return;
        };
        let day = business_date(at);
        if field::<NaiveDate>(&r.data, "last_contact").is_none_or(|last| day > last) {
            set(&mut r.data, "last_contact", json!(day));
            refresh_derived(&mut r.data, ctx.today);
            r.pending = true;
        }
    }
}

fn set(data: &mut Value, key: &str, value: Value) {
    if let Value::Object(map) = data {
        map.insert(key.to_owned(), value);
    } else {
        let mut map = Map::new();
        map.insert(key.to_owned(), value);
        *data = Value::Object(map);
    }
}

/// Recomputes grade, target fit and next contact with the core, as the server would.
fn refresh_derived(data: &mut Value, today: NaiveDate) {
    let Ok(prospect) = serde_json::from_value::<Prospect>(data.clone()) else {
        return;
    };
    let status = field::<Status>(data, "status").unwrap_or(Status::Open);
    let created = field::<DateTime<Utc>>(data, "created_at").map_or(today, business_date);
    let last_contact = field::<NaiveDate>(data, "last_contact");
    let d = derive(
        &prospect,
        status,
        created,
        last_contact,
        today,
        &CadenceConfig::default(),
    );
    set(data, "grade", json!(d.grade));
    set(data, "target_fit", json!(d.target_fit));
    set(data, "next_contact_due", json!(d.next_contact_due));
}
