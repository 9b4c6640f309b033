//! `POST /api/v1/sync/push`: mutations applied in order, each with its processed record, in
//! one transaction per batch under the sequence lock (so concurrent resends of a batch see
//! each other's processed records and answer `duplicate`). A rejected mutation is recorded
//! with its reason and the batch goes on; a database outage rolls the whole batch back and
//! answers 503, and the client retries.
//!
//! **One bad mutation is refused alone.** Its args are validated before anything is written
//! (the core's rules, dates in range, no NUL characters). If the database still refuses
//! something a mutation writes (a constraint, a value it cannot hold), or the code applying
//! it panics, only that mutation is `rejected`: each batch of a group commit runs under a
//! savepoint, and a batch that failed so is rolled back and applied again with a savepoint
//! per mutation ([`Failure`]). Idempotency keys (mutation ids) are scoped per user.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use tuoke_core::activity::{ActivityLogArgs, NoteAddArgs};
use tuoke_core::args::{
    ApprovalDecideArgs, ConcessionAddArgs, ObjectionAddArgs, ProspectShareArgs, QuizSubmitArgs,
    QuoteSubmitArgs,
};
use tuoke_core::cadence::{business_date, moved_last_contact};
use tuoke_core::contract::{MutationKind, MutationName};
use tuoke_core::grading::{history_entry, GradeHistoryEntry, GradeView};
use tuoke_core::negotiation::{quote_total, validate_concession, warnings_for_next};
use tuoke_core::record::{
    ActivityRecord, ApprovalKind, ApprovalStatus, ConcessionRecord, EntityRecord, NoteRecord,
    ObjectionRecord, QuizAttemptRecord, QuoteRecord,
};
use tuoke_core::stage::{
    decide_approval, request_move, soft_gate_warnings, MoveOutcome, StageMoveArgs,
};
use tuoke_core::types::Stage;
use tuoke_core::validate::{apply_patch, create_prospect, parse_put_args, PatchError};
use tuoke_sync::protocol::{Mutation, MutationResult, MutationStatus, PushRequest};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::Db;
use crate::domain::Role;
use crate::extract::from_value;
use std::collections::{HashMap, HashSet};

use futures::FutureExt;

use crate::repo::sql::{is_refusal, Arg, Tx};
use crate::repo::{approvals, attachments, processed, prospects, records, shares, users};
use crate::sync::records::{
    insert_prospect, insert_record, load_approval, load_prospect, prospect_dedup_key,
    set_quote_status, supersede_stage_approvals, touch_prospect, visible_prospect, HistoryRow,
    NewProspect, ProspectRow,
};
use crate::sync::visibility::works_deals;
use crate::sync::{Seq, WriteLock, Writer};

enum Outcome {
    Applied(Vec<String>),
    Pending(Refusal, Vec<String>),
    Rejected(Refusal),
}

use Outcome::{Applied, Pending, Rejected};

/// Why a mutation was refused, or waits: a stable code (what the phone translates), the field
/// it is about, and a reason in English (logs, older clients).
struct Refusal {
    code: String,
    field: Option<String>,
    reason: String,
}

impl Refusal {
    fn new(code: &str, field: Option<&str>, reason: impl Into<String>) -> Self {
        Refusal {
            code: code.to_owned(),
            field: field.map(str::to_owned),
            reason: reason.into(),
        }
    }

    /// A rule of the core by its code (stage moves, approvals): the code is the reason.
    fn rule(code: &str) -> Self {
        Refusal::new(code, None, code)
    }

    /// Args that do not parse: `invalid`, naming the field when serde's path does.
    fn invalid_args(message: String) -> Self {
        let field = message
            .split_once(": ")
            .map(|(path, _)| path)
            .filter(|path| !path.contains(' '))
            .map(str::to_owned);
        Refusal {
            code: "invalid".to_owned(),
            field,
            reason: message,
        }
    }
}

impl From<PatchError> for Refusal {
    fn from(e: PatchError) -> Self {
        Refusal {
            code: e.problem.code().to_owned(),
            reason: e.to_string(),
            field: Some(e.field),
        }
    }
}

/// Parses a mutation's args, or returns its rejection (naming the field) from the handler.
macro_rules! args_or_reject {
    ($args:expr) => {
        match from_value($args) {
            Ok(a) => a,
            Err(e) => return Ok(Rejected(Refusal::invalid_args(e))),
        }
    };
}

fn applied() -> Outcome {
    Applied(Vec::new())
}

/// Applies a batch as `user` in its own transaction. Returns one result per mutation, in order.
pub async fn push(
    db: &Db,
    lock: &WriteLock,
    user: &AuthUser,
    request: &PushRequest,
) -> Result<Vec<MutationResult>, sqlx::Error> {
    let mut all = run_group(db, lock, &[(user, request)]).await?;
    Ok(all.pop().unwrap_or_default())
}

/// A processed mutation's first answer: status, reason, code and field.
type Processed = (
    MutationStatus,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Why applying a mutation, or a batch, did not finish.
#[derive(Debug)]
enum Failure {
    /// The mutation's own data made the database refuse a statement ([`is_refusal`]), or the
    /// code applying it panicked: refuse that mutation alone (the `String` says why, for the
    /// log).
    Refused(String),
    /// The database is unavailable: the whole group fails with 503 and clients retry.
    Outage(sqlx::Error),
}

impl From<sqlx::Error> for Failure {
    fn from(e: sqlx::Error) -> Self {
        if is_refusal(&e) {
            Failure::Refused(e.to_string())
        } else {
            Failure::Outage(e)
        }
    }
}

/// Runs the application of one mutation, turning a panic into [`Failure::Refused`] so that a
/// bug met by one change cannot take the push queue (and every other user's sync) down.
async fn guarded(
    apply: impl std::future::Future<Output = Result<Outcome, sqlx::Error>>,
) -> Result<Outcome, Failure> {
    match std::panic::AssertUnwindSafe(apply).catch_unwind().await {
        Ok(result) => result.map_err(Failure::from),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Failure::Refused(format!("panicked: {what}")))
        }
    }
}

/// The reason a mutation refused by [`Failure::Refused`] gets (the details go to the log only).
const STORAGE_REFUSED: &str =
    "storage_refused: the server could not store this change; it was refused and logged";

/// Applies one client's batch inside the writer's transaction. Processed records are looked
/// up and written once per batch (in chunks) rather than once per mutation.
///
/// `careful` applies each mutation under its own savepoint (see [`Failure`]); the fast path
/// does not, and fails the whole batch with [`Failure::Refused`] instead, for the caller to
/// roll back and apply again carefully.
async fn apply_batch(
    w: &mut Writer,
    user: &AuthUser,
    request: &PushRequest,
    careful: bool,
) -> Result<Vec<MutationResult>, Failure> {
    let now = Utc::now();
    let ids: Vec<String> = request.mutations.iter().map(|m| m.id.to_string()).collect();
    // What each mutation id of this user answered the first time: (status, reason, code, field).
    let mut seen: HashMap<String, Processed> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows = processed::of_user(&mut w.tx, &user.id, chunk)
            .await
            .map_err(Failure::from)?;
        for (id, status, reason, code, field) in rows {
            // Written by this server only: another status is a damaged database.
            let status = MutationStatus::parse(&status).ok_or_else(|| {
                Failure::Outage(sqlx::Error::Decode(
                    format!("corrupt processed mutation {id}: status {status:?}").into(),
                ))
            })?;
            seen.insert(id, (status, reason, code, field));
        }
    }
    // Prospects that `prospect.put`s of this batch would create: one look-up for the batch
    // instead of one per mutation (a rep's first sync creates hundreds).
    let put_ids: Vec<String> = request
        .mutations
        .iter()
        .filter(|m| m.kind() == Some(MutationKind::ProspectPut))
        .filter_map(|m| m.args.get("id").and_then(Value::as_str))
        .filter_map(|id| Uuid::parse_str(id).ok())
        .map(|id| id.to_string())
        .collect();
    let mut absent: HashSet<String> = put_ids.iter().cloned().collect();
    for chunk in put_ids.chunks(CHUNK) {
        let rows = prospects::existing(&mut w.tx, chunk)
            .await
            .map_err(Failure::from)?;
        for id in rows {
            absent.remove(&id);
        }
    }
    let mut results = Vec::with_capacity(request.mutations.len());
    let mut processed: Vec<Vec<Arg>> = Vec::new();
    let mut workable = HashSet::new();
    for (m, id) in request.mutations.iter().zip(&ids) {
        if let Some((status, reason, code, field)) = seen.get(id) {
            results.push(MutationResult {
                id: m.id,
                status: MutationStatus::Duplicate,
                reason: reason.clone(),
                code: code.clone(),
                field: field.clone(),
                warnings: Vec::new(),
                original_status: Some(*status),
            });
            continue;
        }
        let outcome = if careful {
            // Each mutation under its own savepoint: one the database refuses is undone and
            // refused alone, the others stay.
            w.tx.savepoint("mutation").await?;
            let history = w.history.len();
            match apply_one(w, &mut workable, &mut absent, user, now, id, m).await {
                Ok(outcome) => {
                    w.tx.release("mutation").await?;
                    outcome
                }
                Err(Failure::Refused(why)) => {
                    tracing::error!(user = %user.username, mutation = %id, name = %truncate(m.name.as_str(), 100), %why, "mutation refused by the database");
                    w.tx.rollback_to("mutation").await?;
                    w.history.truncate(history);
                    // What it made workable may have been undone with it.
                    workable.clear();
                    Rejected(Refusal::new("storage_refused", None, STORAGE_REFUSED))
                }
                Err(outage) => return Err(outage),
            }
        } else {
            apply_one(w, &mut workable, &mut absent, user, now, id, m).await?
        };
        let (status, refusal, warnings) = match outcome {
            Applied(w) => (MutationStatus::Applied, None, w),
            Pending(r, w) => (MutationStatus::PendingApproval, Some(r), w),
            Rejected(r) => (MutationStatus::Rejected, Some(r), Vec::new()),
        };
        let (reason, code, field) = match refusal {
            Some(r) => (Some(r.reason), Some(r.code), r.field),
            None => (None, None, None),
        };
        seen.insert(
            id.clone(),
            (status, reason.clone(), code.clone(), field.clone()),
        );
        processed.push(processed::row(
            id,
            request.client_id.to_string(),
            &user.id,
            storable(&truncate(m.name.as_str(), 100)),
            status.as_str(),
            reason.as_deref().map(storable),
            (!warnings.is_empty())
                .then(|| serde_json::to_string(&warnings).ok())
                .flatten(),
            now,
            code.clone(),
            field.as_deref().map(storable),
        ));
        results.push(MutationResult {
            id: m.id,
            status,
            reason,
            code,
            field,
            warnings,
            original_status: None,
        });
    }
    for chunk in processed.chunks(CHUNK / 10) {
        processed::insert(&mut w.tx, chunk).await?;
    }
    Ok(results)
}

/// Applies one mutation in the writer's transaction (see [`Ctx`]).
async fn apply_one(
    w: &mut Writer,
    workable: &mut HashSet<String>,
    absent: &mut HashSet<String>,
    user: &AuthUser,
    now: DateTime<Utc>,
    id: &str,
    m: &Mutation,
) -> Result<Outcome, Failure> {
    let mut ctx = Ctx {
        workable,
        absent,
        tx: &mut w.tx,
        seq: &mut w.seq,
        history: &mut w.history,
        user,
        now,
        mutation_id: id,
    };
    guarded(ctx.apply(&m.name, &m.args)).await
}

/// Statement parameters per chunk (well under SQLite's and PostgreSQL's limits).
const CHUNK: usize = 400;

/// Group commit: pushes that arrive while a transaction is running are applied together in
/// the next one, each batch in arrival order and each still all-or-nothing with its processed
/// records. One commit then serves many clients, which is what keeps latency low with
/// hundreds of devices syncing at once. If the group's transaction fails, every push in it
/// gets the error (503) and its client retries; nothing of the group is applied.
#[derive(Clone)]
pub struct PushQueue {
    jobs: tokio::sync::mpsc::UnboundedSender<Job>,
}

struct Job {
    user: AuthUser,
    request: PushRequest,
    reply: tokio::sync::oneshot::Sender<Result<Vec<MutationResult>, String>>,
}

/// Most mutations applied in one group transaction.
const GROUP_MUTATIONS: usize = 2_000;

impl PushQueue {
    /// Starts the writer task (on the current tokio runtime).
    pub fn start(db: Db, lock: WriteLock) -> PushQueue {
        let (jobs, mut rx) = tokio::sync::mpsc::unbounded_channel::<Job>();
        tokio::spawn(async move {
            while let Some(first) = rx.recv().await {
                let mut group = vec![first];
                let mut size = group[0].request.mutations.len();
                while size < GROUP_MUTATIONS {
                    match rx.try_recv() {
                        Ok(job) => {
                            size += job.request.mutations.len();
                            group.push(job);
                        }
                        Err(_) => break,
                    }
                }
                let batches: Vec<(&AuthUser, &PushRequest)> =
                    group.iter().map(|j| (&j.user, &j.request)).collect();
                // Mutations are applied under `guarded`; this catches anything else, so that
                // the queue (every user's sync) outlives a bug.
                let outcome = std::panic::AssertUnwindSafe(run_group(&db, &lock, &batches))
                    .catch_unwind()
                    .await
                    .unwrap_or_else(|_| {
                        Err(sqlx::Error::Protocol("the push group panicked".into()))
                    });
                drop(batches);
                match outcome {
                    Ok(all) => {
                        for (job, results) in group.into_iter().zip(all) {
                            let _ = job.reply.send(Ok(results));
                        }
                    }
                    Err(e) => {
                        tracing::error!(error = %e, pushes = group.len(), "push group failed");
                        for job in group {
                            let _ = job.reply.send(Err(e.to_string()));
                        }
                    }
                }
            }
        });
        PushQueue { jobs }
    }

    /// Queues a push and waits for its results. The push is applied even if the caller stops
    /// waiting (a dropped connection): the client's retry then answers `duplicate`.
    pub async fn push(
        &self,
        user: AuthUser,
        request: PushRequest,
    ) -> Result<Vec<MutationResult>, String> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.jobs
            .send(Job {
                user,
                request,
                reply,
            })
            .map_err(|_| "the push queue has stopped".to_owned())?;
        answer
            .await
            .unwrap_or_else(|_| Err("the push queue has stopped".to_owned()))
    }
}

/// Applies the batches of a group commit in one transaction, each under a savepoint: a batch
/// with a mutation the database refuses (or that panics) is rolled back and applied again one
/// mutation at a time, so that only that mutation is refused and the rest of the group
/// commits. Only an outage fails the group.
async fn run_group(
    db: &Db,
    lock: &WriteLock,
    group: &[(&AuthUser, &PushRequest)],
) -> Result<Vec<Vec<MutationResult>>, sqlx::Error> {
    let mut w = Writer::begin(db, lock).await?;
    let mut all = Vec::with_capacity(group.len());
    for (user, request) in group {
        w.tx.savepoint("batch").await?;
        let history = w.history.len();
        let results = match apply_batch(&mut w, user, request, false).await {
            Ok(results) => results,
            Err(Failure::Outage(e)) => return Err(e),
            Err(Failure::Refused(why)) => {
                tracing::warn!(user = %user.username, %why, "a batch failed in the database; applying it one mutation at a time");
                w.tx.rollback_to("batch").await?;
                w.history.truncate(history);
                w.tx.savepoint("batch").await?;
                match apply_batch(&mut w, user, request, true).await {
                    Ok(results) => results,
                    Err(Failure::Outage(e)) => return Err(e),
                    // Not a mutation's fault (they each ran under a savepoint): the batch's
                    // processed records could not be written. Fail the group; it is retried.
                    Err(Failure::Refused(why)) => return Err(sqlx::Error::Protocol(why)),
                }
            }
        };
        w.tx.release("batch").await?;
        all.push(results);
    }
    w.commit().await?;
    Ok(all)
}

/// Client text as the processed record keeps it: PostgreSQL cannot store NUL in text (and a
/// processed record that cannot be written would fail its whole group, again and again).
fn storable(s: &str) -> String {
    s.replace('\0', "\u{FFFD}")
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

struct Ctx<'a> {
    /// Prospects the caller may work on, found so far in this batch (only grows within a
    /// batch: one user's mutations can make a prospect visible, never hide it from them).
    workable: &'a mut std::collections::HashSet<String>,
    /// Prospect ids known not to exist yet (taken out once created).
    absent: &'a mut std::collections::HashSet<String>,
    tx: &'a mut Tx,
    seq: &'a mut Seq,
    history: &'a mut Vec<Vec<Arg>>,
    user: &'a AuthUser,
    now: DateTime<Utc>,
    mutation_id: &'a str,
}

fn taken(id: &str) -> Outcome {
    Rejected(Refusal::new(
        "id_taken",
        Some("id"),
        format!("id: {id} is already used by another record"),
    ))
}

fn not_visible(field: &str, id: impl std::fmt::Display) -> Outcome {
    Rejected(Refusal::new(
        "not_visible",
        Some(field),
        format!("{field}: no prospect {id} that you may work on"),
    ))
}

/// The path of the first string (or key) in `value` that contains a NUL character.
fn nul_in(value: &Value) -> Option<String> {
    // Iterative: the JSON parser already bounds nesting, but a stack of our own costs nothing.
    let mut stack: Vec<(String, &Value)> = vec![("args".to_owned(), value)];
    while let Some((path, v)) = stack.pop() {
        match v {
            Value::String(s) if s.contains('\0') => return Some(path),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    stack.push((format!("{path}[{i}]"), item));
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    if k.contains('\0') {
                        return Some(path);
                    }
                    stack.push((format!("{path}.{}", truncate(k, 40)), item));
                }
            }
            _ => {}
        }
    }
    None
}

/// A value the core made, as JSON (its types always serialise; a failure is a bug, and the
/// mutation is refused alone like any storage failure).
fn to_json<T: Serialize>(v: &T) -> Result<Value, sqlx::Error> {
    serde_json::to_value(v).map_err(encode_error)
}

fn encode_error(e: serde_json::Error) -> sqlx::Error {
    sqlx::Error::Encode(e.to_string().into())
}

/// The refusal of a mutation name the server does not know (that mutation alone).
fn unknown_mutation(name: &MutationName) -> Refusal {
    Refusal::new(
        "unknown_mutation",
        Some("name"),
        format!(
            "name: unknown mutation {:?} (known: {})",
            truncate(name.as_str(), 100),
            MutationKind::NAMES.join(", ")
        ),
    )
}

fn code_of<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

impl Ctx<'_> {
    async fn apply(&mut self, name: &MutationName, args: &Value) -> Result<Outcome, sqlx::Error> {
        if let Some(path) = nul_in(args) {
            // PostgreSQL cannot store NUL in text, SQLite can: refuse it on both, up front.
            return Ok(Rejected(Refusal::new(
                "nul_character",
                Some(&path),
                format!("{path}: text must not contain NUL characters"),
            )));
        }
        let Some(kind) = name.known() else {
            return Ok(Rejected(unknown_mutation(name)));
        };
        match kind {
            MutationKind::ProspectPut => self.prospect_put(args).await,
            MutationKind::NoteAdd => self.note_add(args).await,
            MutationKind::ActivityLog => self.activity_log(args).await,
            MutationKind::StageMove => self.stage_move(args).await,
            MutationKind::ApprovalDecide => self.approval_decide(args).await,
            MutationKind::QuoteSubmit => self.quote_submit(args).await,
            MutationKind::ConcessionAdd => self.concession_add(args).await,
            MutationKind::ObjectionAdd => self.objection_add(args).await,
            MutationKind::QuizSubmit => self.quiz_submit(args).await,
            MutationKind::ProspectShare => self.prospect_share(args).await,
        }
    }

    /// Whether the caller may work on the deal of prospect `id` (cached per batch).
    async fn can_work_on(&mut self, id: Uuid) -> Result<bool, sqlx::Error> {
        let key = id.to_string();
        if self.workable.contains(&key) {
            return Ok(true);
        }
        let ok = self.deal(id).await?.is_some();
        if ok {
            self.workable.insert(key);
        }
        Ok(ok)
    }

    /// The prospect `id` if the caller may work on its deal (not the assistant).
    async fn deal(&mut self, id: Uuid) -> Result<Option<ProspectRow>, sqlx::Error> {
        if !works_deals(self.user.role) {
            return Ok(None);
        }
        visible_prospect(self.tx, self.user, &id.to_string()).await
    }

    /// The prospect `id` if the caller owns it, else the rejection (`what` the owner alone
    /// may do, e.g. "share it").
    async fn owned_deal(
        &mut self,
        id: Uuid,
        what: &str,
    ) -> Result<Result<ProspectRow, Outcome>, sqlx::Error> {
        Ok(match self.deal(id).await? {
            None => Err(not_visible("prospect_id", id)),
            Some(row) if row.owner_id.as_deref() == Some(self.user.id.as_str()) => Ok(row),
            Some(_) => Err(Rejected(Refusal::new(
                "not_owner",
                Some("prospect_id"),
                format!("prospect_id: only the prospect's owner may {what}"),
            ))),
        })
    }

    /// Queues a field-history row (written at commit, see [`Writer::history`]).
    fn history(&mut self, prospect_id: &str, field: &str, old: &Value, new: &Value) {
        let row = HistoryRow {
            prospect_id,
            field,
            old,
            new,
            user: &self.user.id,
            now: self.now,
            mutation_id: Some(self.mutation_id),
        };
        self.history.push(row.args());
    }

    async fn prospect_put(&mut self, args: &Value) -> Result<Outcome, sqlx::Error> {
        let put = match parse_put_args(args) {
            Ok(put) => put,
            Err(e) => return Ok(Rejected(e.into())),
        };
        let id = put.id.to_string();
        let today = business_date(self.now);
        let existing = if self.absent.remove(&id) {
            None
        } else {
            load_prospect(self.tx, &id).await?
        };
        let Some(row) = existing else {
            let prospect = match create_prospect(&put.patch) {
                Ok(p) => p,
                Err(e) => return Ok(Rejected(e.into())),
            };
            // The assistant's prospects are leads for the lists, owned by nobody yet.
            let assistant = self.user.role == Role::Assistant;
            let new = NewProspect {
                id: &id,
                owner_id: (!assistant).then_some(self.user.id.as_str()),
                lead_list: assistant,
                prospect: &prospect,
                created_by: &self.user.id,
                now: self.now,
            };
            insert_prospect(self.tx, self.seq, new).await?;
            let grade = GradeView::of(&prospect, today);
            if let Some(entry) = history_entry(None, &grade, self.now) {
                self.history(&id, "grade", &Value::Null, &to_json(&entry)?);
                self.set_grade_history(&id, &[entry]).await?;
            }
            return Ok(applied());
        };
        let own = row.owner_id.as_deref() == Some(self.user.id.as_str());
        if !own && visible_prospect(self.tx, self.user, &id).await?.is_none() {
            return Ok(not_visible("id", &id));
        }
        let mut prospect = row.prospect()?;
        let before = GradeView::of(&prospect, today);
        let changes = match apply_patch(&mut prospect, &put.patch) {
            Ok(changes) => changes,
            Err(e) => return Ok(Rejected(e.into())),
        };
        if changes.is_empty() {
            return Ok(applied());
        }
        let data = serde_json::to_string(&prospect)
            .map_err(|e| sqlx::Error::Decode(e.to_string().into()))?;
        let key = prospect_dedup_key(&prospect);
        prospects::set_data(self.tx, &id, data, key, self.now, self.seq.take()).await?;
        for change in &changes {
            self.history(&id, &change.field, &change.old, &change.new);
        }
        let after = GradeView::of(&prospect, today);
        if let Some(entry) = history_entry(Some(&before), &after, self.now) {
            self.history(&id, "grade", &to_json(&before.value)?, &to_json(&entry)?);
            let mut grades = row.grade_history()?;
            grades.push(entry);
            self.set_grade_history(&id, &grades).await?;
        }
        Ok(applied())
    }

    /// Stores a prospect's grade history (the row's seq is already this mutation's).
    async fn set_grade_history(
        &mut self,
        id: &str,
        entries: &[GradeHistoryEntry],
    ) -> Result<(), sqlx::Error> {
        let text = serde_json::to_string(entries).map_err(encode_error)?;
        prospects::set_grade_history(self.tx, id, text).await
    }

    async fn note_add(&mut self, args: &Value) -> Result<Outcome, sqlx::Error> {
        let a: NoteAddArgs = args_or_reject!(args);
        if let Err(e) = a.validate(self.now) {
            return Ok(Rejected(e.into()));
        }
        // A visit, call or meeting note is a contact like a logged activity (SPEC §6): its
        // prospect is read once, for the visibility check and for its last contact.
        let contact_of = if a.kind.contact().is_some() {
            match self.deal(a.prospect_id).await? {
                Some(row) => Some(row),
                None => return Ok(not_visible("prospect_id", a.prospect_id)),
            }
        } else if self.can_work_on(a.prospect_id).await? {
            None
        } else {
            return Ok(not_visible("prospect_id", a.prospect_id));
        };
        let id = a.id.to_string();
        for (i, att) in a.attachment_ids.iter().enumerate() {
            let att = att.to_string();
            let uploader = attachments::uploader(self.tx, &att).await?;
            if uploader.is_some_and(|u| u != self.user.id) {
                return Ok(Rejected(Refusal::new(
                    "attachment_taken",
                    Some(&format!("attachment_ids[{i}]")),
                    format!("attachment_ids[{i}]: attachment {att} was uploaded by another user"),
                )));
            }
            let linked = attachments::note_of(self.tx, &att).await?;
            if linked.is_some() {
                return Ok(Rejected(Refusal::new(
                    "attachment_taken",
                    Some(&format!("attachment_ids[{i}]")),
                    format!("attachment_ids[{i}]: attachment {att} belongs to another note"),
                )));
            }
        }
        let note = NoteRecord::new(a, Some(self.user.id.clone()), self.now);
        if !insert_record(self.tx, self.seq, &note, &self.user.id, self.now).await? {
            return Ok(taken(&id));
        }
        for att in &note.attachment_ids {
            attachments::link_to_note(self.tx, &id, &att.to_string(), &self.user.id).await?;
        }
        if let (Some(row), Some(contact)) = (contact_of, note.contact()) {
            self.contacted(&row, contact.at).await?;
        }
        Ok(applied())
    }

    /// A contact at `at` moves the prospect's last contact, which drives the next contact due
    /// (core cadence, computed on pull).
    async fn contacted(&mut self, row: &ProspectRow, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
        if let Some(day) = moved_last_contact(row.last_contact(), at) {
            prospects::set_last_contact(self.tx, &row.id, day, self.now, self.seq.take()).await?;
        }
        Ok(())
    }

    async fn activity_log(&mut self, args: &Value) -> Result<Outcome, sqlx::Error> {
        let a: ActivityLogArgs = args_or_reject!(args);
        if let Err(e) = a.validate(self.now) {
            return Ok(Rejected(e.into()));
        }
        let Some(row) = self.deal(a.prospect_id).await? else {
            return Ok(not_visible("prospect_id", a.prospect_id));
        };
        let id = a.id.to_string();
        let activity = ActivityRecord::new(a, Some(self.user.id.clone()), self.now);
        if !insert_record(self.tx, self.seq, &activity, &self.user.id, self.now).await? {
            return Ok(taken(&id));
        }
        self.contacted(&row, activity.at).await?;
        Ok(applied())
    }

    async fn stage_move(&mut self, args: &Value) -> Result<Outcome, sqlx::Error> {
        let a: StageMoveArgs = args_or_reject!(args);
        let row = match self.owned_deal(a.prospect_id, "move its stage").await? {
            Ok(row) => row,
            Err(refusal) => return Ok(refusal),
        };
        let from = row.stage()?;
        let prospect = row.prospect()?;
        let warnings: Vec<String> = soft_gate_warnings(&prospect, from, a.to)
            .iter()
            .map(code_of)
            .collect();
        match request_move(from, a.to, a.reason.as_deref()) {
            MoveOutcome::Applied { stage, .. } => {
                self.set_stage(&row, from, stage, a.reason.as_deref())
                    .await?;
                Ok(Applied(warnings))
            }
            MoveOutcome::PendingApproval { to, rule } => {
                let Some(manager) = self.user.manager_id.clone() else {
                    return Ok(Rejected(Refusal::new(
                        "no_manager",
                        None,
                        format!("{}: you have no manager to approve this move", rule.code()),
                    )));
                };
                supersede_stage_approvals(self.tx, self.seq, &row.id, self.now).await?;
                approvals::insert(
                    self.tx,
                    approvals::Insert {
                        id: &Uuid::now_v7().to_string(),
                        kind: ApprovalKind::StageMove,
                        prospect_id: &row.id,
                        requested_by: &self.user.id,
                        approver_id: &manager,
                        to_stage: Some(to),
                        quote_id: None,
                        rule: Some(rule.code()),
                        reason: a.reason.as_deref(),
                        now: self.now,
                        seq: self.seq.take(),
                    },
                )
                .await?;
                prospects::set_pending_stage(self.tx, &row.id, to).await?;
                touch_prospect(self.tx, self.seq, &row.id, self.now).await?;
                Ok(Pending(Refusal::rule(rule.code()), warnings))
            }
            MoveOutcome::Rejected { rule } => Ok(Rejected(Refusal::rule(rule.code()))),
        }
    }

    /// Applies a stage change (clearing any pending request) with the reason given for it
    /// (shown with the stage, e.g. why the deal was lost) and records it in the history.
    async fn set_stage(
        &mut self,
        row: &ProspectRow,
        from: Stage,
        to: Stage,
        reason: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        supersede_stage_approvals(self.tx, self.seq, &row.id, self.now).await?;
        let reason = reason
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned);
        prospects::set_stage(self.tx, &row.id, to, reason).await?;
        touch_prospect(self.tx, self.seq, &row.id, self.now).await?;
        self.history(&row.id, "stage", &to_json(&from)?, &to_json(&to)?);
        Ok(())
    }

    async fn approval_decide(&mut self, args: &Value) -> Result<Outcome, sqlx::Error> {
        let a: ApprovalDecideArgs = args_or_reject!(args);
        let id = a.approval_id.to_string();
        let Some(approval) = load_approval(self.tx, &id).await? else {
            return Ok(Rejected(Refusal::new(
                "not_found",
                Some("approval_id"),
                format!("approval_id: no approval {id}"),
            )));
        };
        if approval.approver_id != self.user.id {
            return Ok(Rejected(Refusal::new(
                "not_approver",
                Some("approval_id"),
                "approval_id: only the requester's manager may decide it",
            )));
        }
        let status = approval.status()?;
        if status != ApprovalStatus::Pending {
            return Ok(Rejected(Refusal::new(
                "already_decided",
                Some("approval_id"),
                format!("approval_id: already {status}"),
            )));
        }
        let Some(row) = load_prospect(self.tx, &approval.prospect_id).await? else {
            return Ok(Rejected(Refusal::new(
                "not_found",
                Some("approval_id"),
                "approval_id: its prospect is gone",
            )));
        };
        let decided = ApprovalStatus::decided(a.approve);
        match approval.kind()? {
            ApprovalKind::StageMove => {
                let current = row.stage()?;
                let to = match approval.to_stage.as_deref() {
                    Some(s) => crate::sync::records::parse_stage(s)?,
                    None => {
                        return Ok(Rejected(Refusal::new(
                            "invalid",
                            Some("approval_id"),
                            "approval_id: no requested stage",
                        )))
                    }
                };
                if a.approve {
                    match decide_approval(current, to, true) {
                        Ok(stage) if stage != current => {
                            self.set_stage(&row, current, stage, approval.reason.as_deref())
                                .await?
                        }
                        Ok(_) => {}
                        Err(rule) => return Ok(Rejected(Refusal::rule(rule.code()))),
                    }
                } else if row.pending_stage.as_deref() == Some(to.code()) {
                    prospects::clear_pending_stage(self.tx, &row.id).await?;
                    touch_prospect(self.tx, self.seq, &row.id, self.now).await?;
                }
            }
            ApprovalKind::Quote => {
                if let Some(quote_id) = &approval.quote_id {
                    set_quote_status(self.tx, self.seq, quote_id, decided).await?;
                }
            }
        }
        let seq = self.seq.take();
        approvals::decide(
            self.tx,
            &id,
            decided,
            &self.user.id,
            a.comment,
            self.now,
            seq,
        )
        .await?;
        Ok(applied())
    }

    async fn quote_submit(&mut self, args: &Value) -> Result<Outcome, sqlx::Error> {
        let a: QuoteSubmitArgs = args_or_reject!(args);
        let total = match quote_total(&a.quote) {
            Ok(t) => t,
            Err(e) => {
                return Ok(Rejected(Refusal::new(
                    "invalid_quote",
                    Some("quote"),
                    format!("quote: {e}"),
                )))
            }
        };
        let Some(row) = self.deal(a.prospect_id).await? else {
            return Ok(not_visible("prospect_id", a.prospect_id));
        };
        let prospect_id = a.prospect_id.to_string();
        // The deal's manager decides: the owner's, also when a colleague it is shared with
        // quotes (so whoever decides can see the prospect and the quote); never the
        // submitter themself (a manager quoting on their team's deal asks their own manager).
        let owners_manager = match &row.owner_id {
            Some(owner) => users::manager_of(self.tx, owner).await?,
            None => None,
        };
        let manager = owners_manager
            .filter(|m| *m != self.user.id)
            .or_else(|| self.user.manager_id.clone());
        let Some(manager) = manager else {
            return Ok(Rejected(Refusal::new(
                "no_manager",
                None,
                "quote_needs_approval: no manager to approve this formal quote (neither the owner's manager nor yours)",
            )));
        };
        let id = a.id.to_string();
        let approval_id = Uuid::now_v7();
        let quote =
            QuoteRecord::submitted(a, Some(self.user.id.clone()), Some(approval_id), self.now);
        debug_assert_eq!(quote.total, Some(total));
        if !insert_record(self.tx, self.seq, &quote, &self.user.id, self.now).await? {
            return Ok(taken(&id));
        }
        approvals::insert(
            self.tx,
            approvals::Insert {
                id: &approval_id.to_string(),
                kind: ApprovalKind::Quote,
                prospect_id: &prospect_id,
                requested_by: &self.user.id,
                approver_id: &manager,
                to_stage: None,
                quote_id: Some(&id),
                rule: Some("quote_needs_approval"),
                reason: quote.note.as_deref(),
                now: self.now,
                seq: self.seq.take(),
            },
        )
        .await?;
        Ok(Pending(Refusal::rule("quote_needs_approval"), Vec::new()))
    }

    async fn concession_add(&mut self, args: &Value) -> Result<Outcome, sqlx::Error> {
        let a: ConcessionAddArgs = args_or_reject!(args);
        if let Err(e) = validate_concession(&a.concession) {
            return Ok(Rejected(Refusal::new(
                "invalid_concession",
                Some("concession"),
                format!("concession: {e}"),
            )));
        }
        if !self.can_work_on(a.prospect_id).await? {
            return Ok(not_visible("prospect_id", a.prospect_id));
        }
        let prospect_id = a.prospect_id.to_string();
        let id = a.id.to_string();
        let log = records::all_of(self.tx, &prospect_id, ConcessionRecord::ENTITY.as_str()).await?;
        let log: Vec<_> = log
            .iter()
            .filter_map(|d| serde_json::from_str::<ConcessionRecord>(d).ok())
            .map(|entry| entry.concession)
            .collect();
        let latest_quote =
            records::latest_of(self.tx, &prospect_id, QuoteRecord::ENTITY.as_str()).await?;
        let quote_total_cny = latest_quote
            .and_then(|d| serde_json::from_str::<QuoteRecord>(&d).ok())
            .and_then(|quote| quote.total)
            .map(|total| total.total_cny);
        let codes = warnings_for_next(&log, &a.concession, quote_total_cny);
        let warnings: Vec<String> = codes.iter().map(code_of).collect();
        let entry = ConcessionRecord::new(a, Some(self.user.id.clone()), Some(codes), self.now);
        if !insert_record(self.tx, self.seq, &entry, &self.user.id, self.now).await? {
            return Ok(taken(&id));
        }
        Ok(Applied(warnings))
    }

    async fn objection_add(&mut self, args: &Value) -> Result<Outcome, sqlx::Error> {
        let a: ObjectionAddArgs = args_or_reject!(args);
        if !self.can_work_on(a.prospect_id).await? {
            return Ok(not_visible("prospect_id", a.prospect_id));
        }
        let id = a.id.to_string();
        let objection = ObjectionRecord::new(a, Some(self.user.id.clone()), self.now);
        if !insert_record(self.tx, self.seq, &objection, &self.user.id, self.now).await? {
            return Ok(taken(&id));
        }
        Ok(applied())
    }

    async fn prospect_share(&mut self, args: &Value) -> Result<Outcome, sqlx::Error> {
        let a: ProspectShareArgs = args_or_reject!(args);
        let row = match self.owned_deal(a.prospect_id, "share it").await? {
            Ok(row) => row,
            Err(refusal) => return Ok(refusal),
        };
        let target = users::id_and_role(self.tx, &a.username.trim().to_ascii_lowercase()).await?;
        let Some((target, _)) = target.filter(|(_, role)| role == "rep" || role == "manager")
        else {
            return Ok(Rejected(Refusal::new(
                "no_such_user",
                Some("username"),
                format!(
                    "username: no rep or manager {:?}",
                    truncate(&a.username, 40)
                ),
            )));
        };
        let existing = shares::is_shared(self.tx, &row.id, &target).await?;
        if existing == a.shared {
            return Ok(applied());
        }
        let viewers = crate::sync::leads::owner_viewers(self.tx, row.owner_id.as_deref()).await?;
        let mut gained = std::collections::BTreeSet::new();
        let mut gone = std::collections::BTreeSet::new();
        if a.shared {
            shares::insert(self.tx, &row.id, &target).await?;
            gained.insert(target.clone());
        } else {
            shares::delete(self.tx, &row.id, &target).await?;
            if !viewers.contains(&target) {
                gone.insert(target.clone());
            }
        }
        touch_prospect(self.tx, self.seq, &row.id, self.now).await?;
        crate::sync::leads::reveal_and_hide(
            self.tx,
            self.seq,
            &row.id,
            row.version + 1,
            &gained,
            &gone,
        )
        .await?;
        let value = |shared| {
            let change = ShareChange {
                shared,
                user_id: &target,
            };
            serde_json::to_value(change).unwrap_or(Value::Null)
        };
        self.history(&row.id, "shared_with", &value(!a.shared), &value(a.shared));
        Ok(applied())
    }

    async fn quiz_submit(&mut self, args: &Value) -> Result<Outcome, sqlx::Error> {
        let a: QuizSubmitArgs = args_or_reject!(args);
        if let Err(e) = a.validate(self.now) {
            return Ok(Rejected(e.into()));
        }
        let id = a.id.to_string();
        let attempt =
            QuizAttemptRecord::submitted(a, Some(self.user.id.clone()), self.now).graded();
        if !insert_record(self.tx, self.seq, &attempt, &self.user.id, self.now).await? {
            return Ok(taken(&id));
        }
        Ok(applied())
    }
}

/// A `shared_with` field-history value: whether `user_id` saw the prospect through a share.
/// The fields are in the order the stored JSON has them (alphabetical, as it was written
/// before this type existed).
#[derive(Serialize)]
struct ShareChange<'a> {
    shared: bool,
    user_id: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_share_change_is_stored_as_it_always_was() {
        let value = serde_json::to_value(ShareChange {
            shared: true,
            user_id: "u2",
        })
        .unwrap();
        assert_eq!(value.to_string(), r#"{"shared":true,"user_id":"u2"}"#);
        assert_eq!(value, json!({"user_id": "u2", "shared": true}));
    }

    #[tokio::test]
    async fn a_mutation_that_panics_is_refused_not_propagated() {
        let outcome = guarded(async {
            let limits: Vec<u8> = Vec::new();
            // A bug met by one change: an index out of bounds.
            let _ = limits[usize::from(limits.is_empty())];
            Ok(applied())
        })
        .await;
        match outcome {
            Err(Failure::Refused(why)) => assert!(why.contains("panicked"), "{why}"),
            other => panic!("expected a refusal, got {:?}", other.map(|_| ())),
        }
    }

    #[tokio::test]
    async fn a_database_outage_is_not_a_refusal() {
        let outcome = guarded(async { Err(sqlx::Error::PoolTimedOut) }).await;
        assert!(matches!(outcome, Err(Failure::Outage(_))));
    }

    #[test]
    fn nul_characters_are_found_in_nested_strings_and_keys() {
        assert_eq!(
            nul_in(&json!({"a": ["ok", {"b": "x\u{0}"}]})).as_deref(),
            Some("args.a[1].b")
        );
        assert_eq!(nul_in(&json!({"k\u{0}": 1})).as_deref(), Some("args"));
        assert_eq!(nul_in(&json!({"a": "清洁", "n": 1})), None);
    }

    #[test]
    fn an_unknown_mutation_is_refused_by_its_name_with_every_known_name_listed() {
        let r = unknown_mutation(&MutationName::parse("teleport"));
        assert_eq!(
            (r.code.as_str(), r.field.as_deref()),
            ("unknown_mutation", Some("name"))
        );
        assert_eq!(
            r.reason,
            "name: unknown mutation \"teleport\" (known: prospect.put, note.add, activity.log, \
             stage.move, approval.decide, quote.submit, concession.add, objection.add, \
             quiz.submit, prospect.share)"
        );
    }
}
