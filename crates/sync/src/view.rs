//! The local view the UI shows: the confirmed server state with every outbox entry
//! (unanswered, or answered but not yet pulled) re-applied on top, in outbox order, so the
//! rep always sees their own latest edits, offline or not.
//!
//! Overlays use the core's rules, like the server: `prospect.put` patches through
//! [`tuoke_core::validate::apply_patch`] and the derived parts (grade, fit, next contact) are
//! recomputed; `stage.move` uses [`tuoke_core::stage::request_move`] (so a NO* move shows as
//! `pending_stage`); appended records (notes, activities, quotes, …) are the core's record
//! types ([`tuoke_core::record`]), built as the server builds them, and appear with `pending`
//! set. An overlay the core refuses is skipped: the server will reject the mutation too, and
//! the rep will see its reason in the status.
//!
//! Pure functions only; the caller passes the records the overlays may touch (a prospect
//! edit on a prospect not passed in is skipped, not invented).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use tuoke_core::cadence::{business_date, moved_last_contact, CadenceConfig};
use tuoke_core::contract::{Entity, EntityName, MutationKind};
use tuoke_core::record::{
    derive, ActivityRecord, ApprovalStatus, ConcessionRecord, EntityRecord, NoteRecord,
    ObjectionRecord, ProspectRecord, QuizAttemptRecord, QuoteRecord, RecordMeta,
};
use tuoke_core::stage::{request_move, MoveOutcome, StageMoveArgs};
use tuoke_core::types::{Prospect, Stage, Status};
use tuoke_core::validate::{apply_patch, create_prospect, parse_put_args};

pub use crate::model::{field, text};
use crate::protocol::Mutation;
use crate::store::{OutboxEntry, Record, Store};

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
    pub entity: EntityName,
    /// Record id.
    pub id: String,
    /// The record (confirmed JSON with local changes applied).
    pub data: Value,
    /// Local changes not yet confirmed by a pull are part of it.
    pub pending: bool,
}

impl ViewRecord {
    /// The record as the core's type of its entity (`None`: another entity, or a shape this
    /// version cannot read, from a newer server or damaged storage; a screen says so in
    /// words, never the parser's).
    pub fn typed<T: EntityRecord>(&self) -> Option<T> {
        if self.entity != T::ENTITY {
            return None;
        }
        serde_json::from_value(self.data.clone()).ok()
    }
}

/// The merged view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LocalView {
    records: BTreeMap<(EntityName, String), ViewRecord>,
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

    /// Reads the confirmed records of `entities` ([`Entity::ALL`] for all) and the outbox
    /// from `store` and builds the view.
    pub async fn load<S: Store>(
        store: &S,
        entities: &[Entity],
        ctx: &ViewContext,
    ) -> Result<LocalView, S::Error> {
        let mut confirmed = Vec::new();
        for &entity in entities {
            confirmed.extend(store.records(entity).await?);
        }
        let outbox = store.outbox().await?;
        Ok(LocalView::build(confirmed, &outbox, ctx))
    }

    /// One record.
    pub fn get(&self, entity: Entity, id: &str) -> Option<&ViewRecord> {
        self.records.get(&(entity.into(), id.to_owned()))
    }

    /// Every record of an entity, by id.
    pub fn entity(&self, entity: Entity) -> impl Iterator<Item = &ViewRecord> + '_ {
        self.records.values().filter(move |r| r.entity == entity)
    }

    /// Every record of an entity belonging to a prospect (`prospect_id`).
    pub fn of_prospect(
        &self,
        entity: Entity,
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
    pub fn to_map(&self) -> BTreeMap<(EntityName, String), Value> {
        self.records
            .iter()
            .map(|(k, r)| (k.clone(), r.data.clone()))
            .collect()
    }

    fn overlay(&mut self, m: &Mutation, ctx: &ViewContext) {
        // A name this client does not know changes nothing visible (the server judges it).
        let Some(kind) = m.kind() else {
            return;
        };
        // Every mutation this client makes carries its time (the constructors set it); the
        // records it adds are dated by it.
        let Some(at) = m.at else {
            return;
        };
        let me = ctx.me.clone();
        match kind {
            MutationKind::ProspectPut => self.put(m, at, ctx),
            MutationKind::StageMove => self.stage_move(m, ctx),
            MutationKind::NoteAdd => {
                if let Some(a) = args(m) {
                    let record = NoteRecord::new(a, me, at);
                    if self.append(&record) {
                        if let Some(contact) = record.contact() {
                            self.contacted(&contact.prospect_id.to_string(), contact.at, ctx);
                        }
                    }
                }
            }
            MutationKind::ActivityLog => {
                if let Some(a) = args(m) {
                    let record = ActivityRecord::new(a, me, at);
                    if self.append(&record) {
                        self.contacted(&record.prospect_id.to_string(), record.at, ctx);
                    }
                }
            }
            MutationKind::QuoteSubmit => {
                if let Some(a) = args(m) {
                    // Its approval is the server's to create.
                    self.append(&QuoteRecord::submitted(a, me, None, at));
                }
            }
            MutationKind::ConcessionAdd => {
                if let Some(a) = args(m) {
                    // The log's warnings are the server's to judge (it has the whole log).
                    self.append(&ConcessionRecord::new(a, me, None, at));
                }
            }
            MutationKind::ObjectionAdd => {
                if let Some(a) = args(m) {
                    self.append(&ObjectionRecord::new(a, me, at));
                }
            }
            MutationKind::QuizSubmit => {
                if let Some(a) = args(m) {
                    // Graded by the server; the quiz screen grades its own copy.
                    self.append(&QuizAttemptRecord::submitted(a, me, at));
                }
            }
            MutationKind::ApprovalDecide => {
                let Some(a) = args::<tuoke_core::args::ApprovalDecideArgs>(m) else {
                    return;
                };
                let Some(r) = self.get_mut(Entity::Approval, &a.approval_id.to_string()) else {
                    return;
                };
                if field::<ApprovalStatus>(&r.data, "status") == Some(ApprovalStatus::Pending) {
                    set(&mut r.data, "status", &ApprovalStatus::decided(a.approve));
                    set(&mut r.data, "decided_by", &me);
                    set(&mut r.data, "comment", &a.comment);
                    set(&mut r.data, "decided_at", &at);
                    r.pending = true;
                }
            }
            // Sharing changes nothing the view shows.
            MutationKind::ProspectShare => {}
        }
    }

    fn get_mut(&mut self, entity: Entity, id: &str) -> Option<&mut ViewRecord> {
        self.records.get_mut(&(entity.into(), id.to_owned()))
    }

    /// Adds a record the rep made unless the server's copy is already there.
    fn append<R: EntityRecord>(&mut self, record: &R) -> bool {
        let key = (R::ENTITY.into(), record.id().to_string());
        if self.records.contains_key(&key) {
            return false;
        }
        // The core's record types are plain data, which always serialises.
        let Ok(data) = serde_json::to_value(record) else {
            return false;
        };
        let record = ViewRecord {
            entity: key.0.clone(),
            id: key.1.clone(),
            data,
            pending: true,
        };
        self.records.insert(key, record);
        true
    }

    fn put(&mut self, m: &Mutation, at: DateTime<Utc>, ctx: &ViewContext) {
        let Ok(put) = parse_put_args(&m.args) else {
            return;
        };
        let id = put.id.to_string();
        if let Some(r) = self.get_mut(Entity::Prospect, &id) {
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
                        (Some(value), _) => set(&mut r.data, name, value),
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
        let meta = RecordMeta::new(put.id, ctx.me.clone(), at);
        let record =
            ProspectRecord::build(meta, prospect, None, ctx.today, &CadenceConfig::default());
        self.append(&record);
    }

    fn stage_move(&mut self, m: &Mutation, ctx: &ViewContext) {
        let Ok(a) = serde_json::from_value::<StageMoveArgs>(m.args.clone()) else {
            return;
        };
        let Some(r) = self.get_mut(Entity::Prospect, &a.prospect_id.to_string()) else {
            return;
        };
        let Some(from) = field::<Stage>(&r.data, "stage") else {
            return;
        };
        match request_move(from, a.to, a.reason.as_deref()) {
            MoveOutcome::Applied { stage, status, .. } => {
                let reason = a.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
                set(&mut r.data, "stage", &stage);
                set(&mut r.data, "status", &status);
                set(&mut r.data, "pending_stage", &None::<Stage>);
                set(&mut r.data, "stage_reason", &reason);
            }
            MoveOutcome::PendingApproval { to, .. } => {
                set(&mut r.data, "pending_stage", &to);
            }
            MoveOutcome::Rejected { .. } => return,
        }
        refresh_derived(&mut r.data, ctx.today);
        r.pending = true;
    }

    /// A contact (an activity; a visit, call or meeting note) moves the prospect's last
    /// contact (and so its next contact due).
    fn contacted(&mut self, prospect_id: &str, at: DateTime<Utc>, ctx: &ViewContext) {
        let Some(r) = self.get_mut(Entity::Prospect, prospect_id) else {
            return;
        };
        if let Some(day) = moved_last_contact(field::<NaiveDate>(&r.data, "last_contact"), at) {
            set(&mut r.data, "last_contact", &day);
            refresh_derived(&mut r.data, ctx.today);
            r.pending = true;
        }
    }
}

/// The args of `m`, if they read as the core's args type `T`.
fn args<T: DeserializeOwned>(m: &Mutation) -> Option<T> {
    serde_json::from_value(m.args.clone()).ok()
}

/// Sets field `key` of a record's JSON to `value` (plain data, which always serialises).
fn set<T: Serialize + ?Sized>(data: &mut Value, key: &str, value: &T) {
    let value = serde_json::to_value(value).unwrap_or(Value::Null);
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
    set(data, "grade", &d.grade);
    set(data, "target_fit", &d.target_fit);
    set(data, "next_contact_due", &d.next_contact_due);
}
