//! Test support: a simulated server with API.md push/pull semantics in memory, and a small
//! driver that runs an engine against it with a simulated clock.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde_json::{json, Value};
use tuoke_core::activity::{NoteAddArgs, NoteKind};
use tuoke_core::cadence::CadenceConfig;
use tuoke_core::record::{ProspectRecord, RecordMeta};
use tuoke_core::stage::{request_move, MoveOutcome, StageMoveArgs};
use tuoke_core::types::{Prospect, Stage};
use tuoke_core::validate::{apply_patch, create_prospect, parse_put_args, PutArgs};
use tuoke_sync::engine::{Config, Effect, Engine, Event, RequestId, TransportError};
use tuoke_sync::protocol::{
    ApiError, Change, Mutation, MutationResult, MutationStatus, PullResponse, PushRequest,
    PushResponse, RESET_REQUIRED,
};
use tuoke_sync::store::{block_on_ready, MemoryStore, Store};
use tuoke_sync::view::{LocalView, ViewContext};

#[allow(unused_imports)]
pub use tuoke_core::contract::{Entity, EntityName, MutationKind};
use uuid::Uuid;

pub const ME: &str = "user-1";

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

pub fn t0() -> DateTime<Utc> {
    "2026-03-02T08:00:00Z".parse().unwrap()
}

pub fn ctx() -> ViewContext {
    ViewContext {
        me: Some(ME.into()),
        today: today(),
    }
}

struct ServerProspect {
    prospect: Prospect,
    meta: RecordMeta,
    last_contact: Option<chrono::NaiveDate>,
}

#[derive(Clone)]
struct Row {
    version: i64,
    seq: i64,
    data: Option<Value>,
}

/// API.md semantics in memory: dedup by mutation id, in-order batches, a seq cursor, paging
/// with `has_more`, `reset_required`, rejections with reasons.
#[derive(Default)]
pub struct SimServer {
    pub seq: i64,
    rows: BTreeMap<(String, String), Row>,
    prospects: HashMap<Uuid, ServerProspect>,
    processed: HashMap<Uuid, (MutationStatus, Option<String>)>,
    /// How often each mutation's effects were applied (must end at most 1).
    pub applications: HashMap<Uuid, usize>,
    /// First-processing order of mutation ids.
    pub order: Vec<Uuid>,
    /// Answer the next pull from a cursor > 0 with `409 reset_required`.
    pub reset_next_pull: bool,
    /// Answer the next N requests with 503 (nothing applied).
    pub fail_next: usize,
    pub pushes: usize,
    pub pulls: usize,
}

impl SimServer {
    pub fn new() -> Self {
        Self::default()
    }

    /// The server's processed status and reason for a mutation.
    pub fn processed(&self, id: Uuid) -> Option<&(MutationStatus, Option<String>)> {
        self.processed.get(&id)
    }

    pub fn push(&mut self, req: &PushRequest) -> Result<PushResponse, TransportError> {
        self.pushes += 1;
        if self.fail_next > 0 {
            self.fail_next -= 1;
            return Err(unavailable());
        }
        let mut results = Vec::new();
        for m in &req.mutations {
            if let Some((status, reason)) = self.processed.get(&m.id) {
                results.push(MutationResult {
                    id: m.id,
                    status: MutationStatus::Duplicate,
                    reason: reason.clone(),
                    code: None,
                    field: None,
                    warnings: Vec::new(),
                    original_status: Some(*status),
                });
                continue;
            }
            let (status, reason) = match self.apply(m) {
                Ok(status) => {
                    *self.applications.entry(m.id).or_default() += 1;
                    status
                }
                Err(reason) => (MutationStatus::Rejected, Some(reason)),
            };
            self.order.push(m.id);
            self.processed.insert(m.id, (status, reason.clone()));
            results.push(MutationResult {
                id: m.id,
                status,
                reason,
                code: None,
                field: None,
                warnings: Vec::new(),
                original_status: None,
            });
        }
        Ok(PushResponse { results })
    }

    pub fn pull(&mut self, since: i64, limit: u32) -> Result<PullResponse, TransportError> {
        self.pulls += 1;
        if self.fail_next > 0 {
            self.fail_next -= 1;
            return Err(unavailable());
        }
        // Any server can serve 0, so a requested reset answers only a later cursor.
        if (self.reset_next_pull && since > 0) || since > self.seq {
            self.reset_next_pull = false;
            return Err(TransportError::Status {
                status: 409,
                error: Some(ApiError {
                    code: RESET_REQUIRED.into(),
                    message: "refetch from 0".into(),
                }),
            });
        }
        let mut rows: Vec<(&(String, String), &Row)> =
            self.rows.iter().filter(|(_, r)| r.seq > since).collect();
        rows.sort_by_key(|(_, r)| r.seq);
        let has_more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let cursor = match rows.last() {
            Some((_, r)) if has_more => r.seq,
            _ => self.seq,
        };
        let changes = rows
            .into_iter()
            .map(|((entity, id), r)| Change {
                entity: entity.as_str().into(),
                id: id.clone(),
                version: r.version,
                data: r.data.clone(),
            })
            .collect();
        Ok(PullResponse {
            cursor,
            has_more,
            changes,
        })
    }

    /// Every live record, as a client that pulled everything should hold it.
    pub fn state(&self) -> BTreeMap<(EntityName, String), Value> {
        self.rows
            .iter()
            .filter_map(|((e, id), r)| r.data.clone().map(|d| ((e.as_str().into(), id.clone()), d)))
            .collect()
    }

    /// A record disappears from the caller's view (tombstone).
    pub fn hide(&mut self, entity: &str, id: &str) {
        self.store(entity, id.to_owned(), None);
    }

    /// The database is replaced by an older backup: the sequence goes back and everything
    /// after `keep_seq` is gone (so a client's cursor is now ahead: `reset_required`).
    pub fn restore_backup(&mut self, keep_seq: i64) {
        self.rows.retain(|_, r| r.seq <= keep_seq);
        self.prospects
            .retain(|id, _| self.rows.contains_key(&("prospect".into(), id.to_string())));
        self.seq = keep_seq;
    }

    fn write(&mut self, entity: &str, id: String, data: Value) {
        self.store(entity, id, Some(data));
    }

    /// A new version of a row (a tombstone when `data` is `None`) at the next seq.
    fn store(&mut self, entity: &str, id: String, data: Option<Value>) {
        self.seq += 1;
        let key = (entity.to_owned(), id);
        let version = self.rows.get(&key).map_or(1, |r| r.version + 1);
        let row = Row {
            version,
            seq: self.seq,
            data,
        };
        self.rows.insert(key, row);
    }

    fn render(&mut self, id: Uuid) {
        let p = &self.prospects[&id];
        let record = ProspectRecord::build(
            p.meta.clone(),
            p.prospect.clone(),
            p.last_contact,
            today(),
            &CadenceConfig::default(),
        );
        let data = serde_json::to_value(record).unwrap();
        self.write("prospect", id.to_string(), data);
    }

    fn visible(&self, id: Uuid) -> bool {
        self.rows
            .get(&("prospect".to_owned(), id.to_string()))
            .is_some_and(|r| r.data.is_some())
    }

    fn apply(&mut self, m: &Mutation) -> Result<(MutationStatus, Option<String>), String> {
        let applied = Ok((MutationStatus::Applied, None));
        match m.name.as_str() {
            "prospect.put" => {
                let put = parse_put_args(&m.args).map_err(|e| e.to_string())?;
                if let Some(p) = self.prospects.get_mut(&put.id) {
                    apply_patch(&mut p.prospect, &put.patch).map_err(|e| e.to_string())?;
                    p.meta.updated_at = m.at.expect("the client dates its mutations");
                } else {
                    let prospect = create_prospect(&put.patch).map_err(|e| e.to_string())?;
                    let at = m.at.expect("the client dates its mutations");
                    let meta = RecordMeta::new(put.id, Some(ME.into()), at);
                    self.prospects.insert(
                        put.id,
                        ServerProspect {
                            prospect,
                            meta,
                            last_contact: None,
                        },
                    );
                }
                self.render(put.id);
                applied
            }
            "note.add" => {
                let a: NoteAddArgs =
                    serde_json::from_value(m.args.clone()).map_err(|e| e.to_string())?;
                if a.body.trim().is_empty() {
                    return Err("body: must not be empty".into());
                }
                if !self.visible(a.prospect_id) {
                    return Err(format!("prospect_id: no prospect {}", a.prospect_id));
                }
                let data = json!({
                    "id": a.id, "prospect_id": a.prospect_id, "author_id": ME,
                    "body": a.body, "kind": a.kind, "taken_at": a.taken_at,
                    "attachment_ids": a.attachment_ids, "created_at": m.at,
                });
                self.write("note", a.id.to_string(), data);
                // A visit, call or meeting note is a contact, as on the server.
                if a.kind.contact().is_some() {
                    let p = self.prospects.get_mut(&a.prospect_id).expect("visible");
                    if let Some(day) =
                        tuoke_core::cadence::moved_last_contact(p.last_contact, a.taken_at)
                    {
                        p.last_contact = Some(day);
                        self.render(a.prospect_id);
                    }
                }
                applied
            }
            "stage.move" => {
                let a: StageMoveArgs =
                    serde_json::from_value(m.args.clone()).map_err(|e| e.to_string())?;
                let Some(p) = self.prospects.get_mut(&a.prospect_id) else {
                    return Err("prospect_id: no prospect".into());
                };
                let result = match request_move(p.meta.stage, a.to, a.reason.as_deref()) {
                    MoveOutcome::Applied { stage, .. } => {
                        p.meta.stage = stage;
                        p.meta.pending_stage = None;
                        applied
                    }
                    MoveOutcome::PendingApproval { to, rule } => {
                        p.meta.pending_stage = Some(to);
                        Ok((MutationStatus::PendingApproval, Some(rule.code().into())))
                    }
                    MoveOutcome::Rejected { rule } => return Err(rule.code().into()),
                };
                self.render(a.prospect_id);
                result
            }
            other => Err(format!("name: unknown mutation {other:?}")),
        }
    }
}

fn unavailable() -> TransportError {
    TransportError::Status {
        status: 503,
        error: Some(ApiError {
            code: "unavailable".into(),
            message: "try again".into(),
        }),
    }
}

/// Deterministic ids: `id(n)`.
pub fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

pub fn put_new(mutation: u128, prospect: u128, company: &str, at: DateTime<Utc>) -> Mutation {
    let args = PutArgs {
        id: id(prospect),
        patch: serde_json::from_value(json!({ "company": company })).unwrap(),
    };
    Mutation::prospect_put(id(mutation), &args, at)
}

pub fn put_patch(mutation: u128, prospect: u128, patch: Value, at: DateTime<Utc>) -> Mutation {
    let args = PutArgs {
        id: id(prospect),
        patch: serde_json::from_value(patch).unwrap(),
    };
    Mutation::prospect_put(id(mutation), &args, at)
}

pub fn note(mutation: u128, note: u128, prospect: u128, body: &str, at: DateTime<Utc>) -> Mutation {
    let args = NoteAddArgs {
        id: id(note),
        prospect_id: id(prospect),
        body: body.into(),
        kind: NoteKind::Visit,
        taken_at: at,
        attachment_ids: Vec::new(),
    };
    Mutation::note_add(id(mutation), &args, at)
}

pub fn stage_move(mutation: u128, prospect: u128, to: Stage, at: DateTime<Utc>) -> Mutation {
    let args = StageMoveArgs {
        prospect_id: id(prospect),
        to,
        reason: None,
    };
    Mutation::stage_move(id(mutation), &args, at)
}

/// A request the engine sent and the test has not answered yet.
#[derive(Debug, Clone)]
pub enum Sent {
    Push(RequestId, PushRequest),
    Pull(RequestId, i64, u32),
}

/// An engine over a [`MemoryStore`], a simulated clock and the requests it sent.
pub struct Harness {
    pub engine: Engine<MemoryStore>,
    pub now: DateTime<Utc>,
    pub sent: Vec<Sent>,
    pub wake_at: Option<DateTime<Utc>>,
    pub notes: Vec<tuoke_sync::engine::SyncStatus>,
    pub cfg: Config,
}

impl Harness {
    pub fn new(cfg: Config) -> Self {
        Self::over(MemoryStore::new(), cfg)
    }

    pub fn over(store: MemoryStore, cfg: Config) -> Self {
        Harness {
            engine: Engine::new(store, cfg.clone(), id(0xC11E), 42),
            now: t0(),
            sent: Vec::new(),
            wake_at: None,
            notes: Vec::new(),
            cfg,
        }
    }

    pub fn absorb(&mut self, effects: Vec<Effect>) {
        for e in effects {
            match e {
                Effect::SendPush { request, body } => self.sent.push(Sent::Push(request, body)),
                Effect::SendPull {
                    request,
                    since,
                    limit,
                } => self.sent.push(Sent::Pull(request, since, limit)),
                Effect::ScheduleWake { at } => self.wake_at = Some(at),
                Effect::Notify(s) => self.notes.push(s),
            }
        }
    }

    pub fn handle(&mut self, event: Event) {
        let fx = block_on_ready(self.engine.handle(event, self.now));
        self.absorb(fx);
    }

    pub fn enqueue(&mut self, m: Mutation) -> bool {
        match block_on_ready(self.engine.enqueue(m, self.now)) {
            Ok(fx) => {
                self.absorb(fx);
                true
            }
            Err(_) => false,
        }
    }

    /// Takes the oldest unanswered request.
    pub fn next_sent(&mut self) -> Option<Sent> {
        (!self.sent.is_empty()).then(|| self.sent.remove(0))
    }

    /// Answers the oldest request from the server, normally.
    pub fn deliver(&mut self, server: &mut SimServer) -> bool {
        let Some(sent) = self.next_sent() else {
            return false;
        };
        let event = answer(server, &sent);
        self.handle(event);
        true
    }

    /// Answers every request, including those the answers trigger.
    pub fn deliver_all(&mut self, server: &mut SimServer) {
        let mut guard = 0;
        while self.deliver(server) {
            guard += 1;
            assert!(guard < 10_000, "sync does not settle");
        }
    }

    /// Moves the clock to the scheduled wake (if any) and fires it.
    pub fn fire_wake(&mut self) -> bool {
        let Some(at) = self.wake_at.take() else {
            return false;
        };
        self.now = self.now.max(at);
        self.handle(Event::Wake);
        true
    }

    pub fn advance(&mut self, by: TimeDelta) {
        self.now += by;
    }

    pub fn store(&self) -> &MemoryStore {
        self.engine.store()
    }

    pub fn view(&self) -> LocalView {
        block_on_ready(self.engine.local_view(Entity::ALL, &ctx())).unwrap()
    }

    pub fn confirmed(&self) -> BTreeMap<(EntityName, String), Value> {
        self.store()
            .data()
            .records
            .iter()
            .map(|(k, r)| (k.clone(), r.data.clone()))
            .collect()
    }

    /// Simulates a crash: a new engine over what the store committed, then `Start`.
    pub fn crash_and_restart(&mut self) {
        let data = self.store().data().clone();
        self.engine = Engine::new(MemoryStore::from_data(data), self.cfg.clone(), id(0xBAD), 7);
        self.sent.clear();
        self.wake_at = None;
        self.handle(Event::Start);
    }

    pub fn pending(&self) -> usize {
        block_on_ready(self.store().outbox()).unwrap().len()
    }
}

/// The server's answer to a request, as the event the engine expects.
pub fn answer(server: &mut SimServer, sent: &Sent) -> Event {
    match sent {
        Sent::Push(request, body) => Event::PushDone {
            request: *request,
            result: server.push(body),
        },
        Sent::Pull(request, since, limit) => Event::PullDone {
            request: *request,
            result: server.pull(*since, *limit),
        },
    }
}

/// A lost answer.
pub fn lost(sent: &Sent) -> Event {
    let result = Err(TransportError::Network("connection reset".into()));
    match sent {
        Sent::Push(request, _) => Event::PushDone {
            request: *request,
            result: result.map(|()| unreachable!()),
        },
        Sent::Pull(request, ..) => Event::PullDone {
            request: *request,
            result: result.map(|()| unreachable!()),
        },
    }
}
