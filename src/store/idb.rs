//! [`IdbStore`]: the sync engine's [`Store`] on IndexedDB, plus the field photos (v2).
//!
//! Every write method runs as one `readwrite` transaction over the object stores it touches.
//! Inside it only requests of that transaction are awaited (a foreign await would let the
//! browser auto-commit the transaction half-way). The method then waits for the transaction's
//! `complete` event (it commits by itself once its last request is done), so `Ok` means
//! committed. Any failure inside the body aborts the transaction, so a failed write leaves
//! nothing behind. (`IDBTransaction.commit()` would save no measurable time here and is
//! missing before Safari 15.)

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use futures::future::try_join_all;
use rexie::{KeyRange, Rexie, Transaction, TransactionMode};
use tuoke_sync::protocol::{Change, Mutation};
use tuoke_sync::store::{
    Ack, OutboxEntry, PullBatch, Record, RejectedMutation, Session, Store, SyncState,
};
use tuoke_sync::summary::ProspectSummary;
use uuid::Uuid;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::cache::{OutboxCache, OutboxDelta};
use super::rows::{self, Attachment, OutboxRow, RecordRows, RejectedRow, StoredAttachment};
use super::schema::{self, *};
use super::summaries;
use super::upgrade::wait_for_upgrade;
use super::StoreError;

type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The PWA's local database. Cheap to clone: clones share one connection (each tab opens its
/// own; IndexedDB serialises their `readwrite` transactions).
///
/// [`Store::outbox`] answers from an in-memory copy of the outbox, shared by the clones and
/// kept up to date by their writes (see `cache.rs`). Writes of another connection (another
/// tab, or a store opened separately) do not reach it: call [`IdbStore::forget_cache`] when
/// they may have happened.
#[derive(Debug, Clone)]
pub struct IdbStore {
    db: Rc<Rexie>,
    outbox_cache: Rc<OutboxCache>,
    /// Fault injection for tests: the next this-many writes abort their transaction after
    /// making all their requests, instead of committing.
    abort_writes: Rc<Cell<usize>>,
}

impl IdbStore {
    /// The app's database name.
    pub const DEFAULT_NAME: &'static str = "tuoke";

    /// Opens (creating or upgrading to [`schema::CURRENT_VERSION`]) the database `name`.
    ///
    /// If another tab still has an older version open, the upgrade waits until it closes: its
    /// connection closes itself on `versionchange` and its writes then fail with
    /// [`StoreError::Closed`].
    pub async fn open(name: &str) -> Result<IdbStore> {
        IdbStore::open_reporting_blocked(name, || ()).await
    }

    /// Opens like [`IdbStore::open`], calling `blocked` when the upgrade has to wait for
    /// another tab that keeps an older version open and does not let go (the open completes
    /// once that tab closes).
    pub async fn open_reporting_blocked(
        name: &str,
        blocked: impl FnOnce() + 'static,
    ) -> Result<IdbStore> {
        wait_for_upgrade(name, CURRENT_VERSION, blocked).await?;
        let db = schema::builder(name, CURRENT_VERSION)
            .build()
            .await
            .map_err(StoreError::on_open)?;
        summaries::ensure_derived(&db).await?;
        Ok(IdbStore {
            db: Rc::new(db),
            outbox_cache: Rc::default(),
            abort_writes: Rc::default(),
        })
    }

    /// The database name.
    pub fn name(&self) -> String {
        self.db.name()
    }

    /// The schema version on disk (after [`IdbStore::open`]: [`schema::CURRENT_VERSION`]).
    pub fn version(&self) -> Result<u32> {
        Ok(self.db.version()?)
    }

    /// The object stores of the open database.
    pub fn store_names(&self) -> Vec<String> {
        self.db.store_names()
    }

    /// Closes the connection if this is its last handle (clones share it).
    pub fn close(self) {
        if let Ok(db) = Rc::try_unwrap(self.db) {
            db.close();
        }
    }

    /// Forgets the in-memory copy of the outbox: the next [`Store::outbox`] reads IndexedDB.
    /// Call it when another connection (another tab) may have written the outbox.
    pub fn forget_cache(&self) {
        self.outbox_cache.forget();
    }

    /// Makes the next `n` writes of this handle (and its clones) fail with
    /// [`StoreError::Aborted`]: each makes all its requests, then aborts its transaction. For
    /// tests of atomicity, like `MemoryStore::fail_next_writes`.
    pub fn abort_next_writes(&self, n: usize) {
        self.abort_writes.set(n);
    }

    fn begin(&self, stores: &[&str], mode: TransactionMode) -> Result<Transaction> {
        Ok(self.db.transaction(stores, mode)?)
    }

    /// Ends a write transaction: waits for `complete` when `body` succeeded, aborts it
    /// otherwise.
    async fn finish<T>(&self, tx: Transaction, body: Result<T>) -> Result<T> {
        let value = match body {
            Ok(value) => value,
            Err(err) => {
                // Already aborting when a request failed; then this is a no-op error.
                let _ = tx.abort().await;
                return Err(err);
            }
        };
        if self.abort_writes.get() > 0 {
            self.abort_writes.set(self.abort_writes.get() - 1);
            let _ = tx.abort().await;
            return Err(StoreError::Aborted("injected abort".into()));
        }
        match tx.done().await {
            Ok(rexie::TransactionResult::Committed) => Ok(value),
            // The browser's reason is on the transaction, which rexie does not expose: a
            // commit refused for lack of space is recognised by how little space is left.
            Ok(rexie::TransactionResult::Aborted) if storage_nearly_full().await => {
                Err(StoreError::QuotaExceeded)
            }
            Ok(rexie::TransactionResult::Aborted) => Err(StoreError::Aborted(
                "the browser aborted the transaction".into(),
            )),
            Err(err) => Err(err.into()),
        }
    }

    async fn read_one<T: serde::de::DeserializeOwned>(
        &self,
        store: &'static str,
        key: JsValue,
    ) -> Result<Option<T>> {
        let tx = self.begin(&[store], TransactionMode::ReadOnly)?;
        match tx.store(store)?.get(key).await? {
            Some(value) if !value.is_undefined() => Ok(Some(rows::from_js(store, value)?)),
            _ => Ok(None),
        }
    }

    async fn read_all(&self, store: &'static str, range: Option<KeyRange>) -> Result<Vec<JsValue>> {
        let tx = self.begin(&[store], TransactionMode::ReadOnly)?;
        Ok(tx.store(store)?.get_all(range, None).await?)
    }

    /// Stores (adds or replaces) a photo, in one transaction.
    pub async fn put_attachment(&self, attachment: &Attachment) -> Result<()> {
        let tx = self.begin(&[ATTACHMENTS], TransactionMode::ReadWrite)?;
        let body = async {
            let row = rows::attachment_to_js(attachment)?;
            tx.store(ATTACHMENTS)?.put(&row, None).await?;
            Ok(())
        }
        .await;
        self.finish(tx, body).await
    }

    /// One photo.
    pub async fn attachment(&self, id: Uuid) -> Result<Option<Attachment>> {
        let tx = self.begin(&[ATTACHMENTS], TransactionMode::ReadOnly)?;
        match tx.store(ATTACHMENTS)?.get(id.to_string().into()).await? {
            Some(row) if !row.is_undefined() => Ok(Some(rows::attachment_from_js(&row)?)),
            _ => Ok(None),
        }
    }

    /// The photos of a prospect.
    pub async fn attachments_of_prospect(&self, prospect_id: &str) -> Result<Vec<Attachment>> {
        self.attachments_by(ATTACHMENTS_BY_PROSPECT, &prospect_id.into())
            .await
    }

    /// The photos not uploaded yet.
    pub async fn pending_uploads(&self) -> Result<Vec<Attachment>> {
        self.attachments_by(ATTACHMENTS_PENDING_UPLOAD, &JsValue::from(1))
            .await
    }

    async fn attachments_by(&self, index: &str, key: &JsValue) -> Result<Vec<Attachment>> {
        let tx = self.begin(&[ATTACHMENTS], TransactionMode::ReadOnly)?;
        let range = KeyRange::only(key).map_err(rexie::Error::from)?;
        let rows = tx
            .store(ATTACHMENTS)?
            .index(index)?
            .get_all(Some(range), None)
            .await?;
        rows.iter().map(rows::attachment_from_js).collect()
    }

    /// Marks a photo uploaded (it leaves [`IdbStore::pending_uploads`]). Unknown ids are
    /// ignored.
    pub async fn mark_uploaded(&self, id: Uuid) -> Result<()> {
        let tx = self.begin(&[ATTACHMENTS], TransactionMode::ReadWrite)?;
        let body = async {
            let store = tx.store(ATTACHMENTS)?;
            if let Some(row) = store.get(id.to_string().into()).await? {
                if !row.is_undefined() {
                    let mut attachment = rows::attachment_from_js(&row)?;
                    attachment.uploaded = true;
                    store
                        .put(&rows::attachment_to_js(&attachment)?, None)
                        .await?;
                }
            }
            Ok(())
        }
        .await;
        self.finish(tx, body).await
    }
}

impl IdbStore {
    /// Removes a photo (taken for a draft that was discarded). Unknown ids are ignored.
    pub async fn delete_attachment(&self, id: Uuid) -> Result<()> {
        let tx = self.begin(&[ATTACHMENTS], TransactionMode::ReadWrite)?;
        let body = async {
            tx.store(ATTACHMENTS)?.delete(id.to_string().into()).await?;
            Ok(())
        }
        .await;
        self.finish(tx, body).await
    }

    /// Records that the server refused a photo for good (a 4xx other than 401/408/429): it
    /// leaves [`IdbStore::pending_uploads`] so it is not retried forever, and keeps the
    /// reason for the rep to read. Unknown ids are ignored.
    pub async fn refuse_upload(&self, id: Uuid, reason: &str) -> Result<()> {
        let tx = self.begin(&[ATTACHMENTS], TransactionMode::ReadWrite)?;
        let body = async {
            let store = tx.store(ATTACHMENTS)?;
            if let Some(row) = store.get(id.to_string().into()).await? {
                if !row.is_undefined() {
                    rows::set_upload_error(&row, reason)?;
                    store.put(&row, None).await?;
                }
            }
            Ok(())
        }
        .await;
        self.finish(tx, body).await
    }

    /// The photos of a prospect, each with the reason the server refused it, if it did.
    pub async fn stored_attachments_of_prospect(
        &self,
        prospect_id: &str,
    ) -> Result<Vec<StoredAttachment>> {
        let tx = self.begin(&[ATTACHMENTS], TransactionMode::ReadOnly)?;
        let range = KeyRange::only(&prospect_id.into()).map_err(rexie::Error::from)?;
        let rows = tx
            .store(ATTACHMENTS)?
            .index(ATTACHMENTS_BY_PROSPECT)?
            .get_all(Some(range), None)
            .await?;
        rows.iter()
            .map(|row| {
                let mut attachment = rows::attachment_from_js(row)?;
                let upload_error = rows::upload_error(row);
                // A refused row is out of the upload index, which alone would read as uploaded.
                attachment.uploaded &= upload_error.is_none();
                Ok(StoredAttachment {
                    attachment,
                    upload_error,
                })
            })
            .collect()
    }
}

/// Deletes the database `name` (logout, tests). Open connections of this page close
/// themselves; the future waits for those of other tabs.
pub async fn delete_database(name: &str) -> Result<()> {
    Ok(Rexie::delete(name).await?)
}

/// Whether this origin has (almost) no storage left: less than a tenth of its quota.
async fn storage_nearly_full() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(promise) = window.navigator().storage().estimate() else {
        return false;
    };
    let Ok(estimate) = JsFuture::from(promise).await else {
        return false;
    };
    let estimate = web_sys::StorageEstimate::from(estimate);
    match (estimate.get_usage(), estimate.get_quota()) {
        (Some(usage), Some(quota)) => quota - usage < quota / 10.0,
        _ => false,
    }
}

fn single_row_key() -> JsValue {
    SINGLE_ROW_KEY.into()
}

/// The outbox row of a mutation id, through the unique index.
async fn outbox_row(tx: &Transaction, id: Uuid) -> Result<Option<OutboxRow>> {
    let row = tx
        .store(OUTBOX)?
        .index(OUTBOX_BY_MUTATION_ID)?
        .get(id.to_string().into())
        .await?;
    match row {
        Some(row) if !row.is_undefined() => Ok(Some(rows::from_js(OUTBOX, row)?)),
        _ => Ok(None),
    }
}

/// Applies pulled changes to `records` or `staging`. Only the last change of a key counts
/// (they are in order), so the puts are independent and go out together, without a round trip
/// each; the rest is done in the batch's order.
async fn apply_changes(tx: &Transaction, target: &'static str, changes: &[Change]) -> Result<()> {
    let mut last: HashMap<(&str, &str), usize> = HashMap::with_capacity(changes.len());
    for (i, change) in changes.iter().enumerate() {
        last.insert((change.entity.as_str(), change.id.as_str()), i);
    }
    let store = tx.store(target)?;
    let rows = RecordRows::new();
    let mut puts = Vec::with_capacity(last.len());
    let mut summaries = Vec::new();
    for (i, change) in changes.iter().enumerate() {
        if last[&(change.entity.as_str(), change.id.as_str())] != i {
            continue;
        }
        if change.entity == "prospect" {
            let summary = change
                .data
                .as_ref()
                .map(|data| ProspectSummary::from_record(&change.id, data));
            summaries.push((change.id.as_str(), summary));
        }
        match &change.data {
            Some(data) => {
                let row = rows.to_js(&change.entity, &change.id, change.version, data)?;
                puts.push((row, None));
            }
            None => {
                store
                    .delete(rows::record_key(&change.entity, &change.id))
                    .await?
            }
        }
    }
    store.put_all(puts.into_iter()).await?;
    summaries::apply(tx, target, summaries).await
}

fn new_sync_state(client_id: Uuid) -> SyncState {
    SyncState {
        client_id,
        cursor: 0,
        refetching: false,
        last_synced_at: None,
    }
}

async fn get_sync_state(tx: &Transaction) -> Result<Option<SyncState>> {
    match tx.store(SYNC_STATE)?.get(single_row_key()).await? {
        Some(value) if !value.is_undefined() => Ok(Some(rows::from_js(SYNC_STATE, value)?)),
        _ => Ok(None),
    }
}

async fn put_sync_state(tx: &Transaction, state: &SyncState) -> Result<()> {
    tx.store(SYNC_STATE)?
        .put(&rows::to_js(state)?, Some(&single_row_key()))
        .await?;
    Ok(())
}

async fn record_push_results_in(
    tx: &Transaction,
    acks: &[Ack],
    at: DateTime<Utc>,
) -> Result<OutboxDelta> {
    let outbox = tx.store(OUTBOX)?;
    let rejected = tx.store(REJECTED)?;
    let mut delta = OutboxDelta::default();
    // All requests of a step are issued at once (IndexedDB runs them in order within the
    // transaction): a push answer of 1,000 entries is two round trips, not 2,000.
    let ids = acks.iter().map(|ack| match ack {
        Ack::Accepted { id, .. } | Ack::Rejected { id, .. } => *id,
    });
    let found = try_join_all(ids.map(|id| outbox_row(tx, id))).await?;
    let (mut puts, mut deletes, mut moved_rows) = (Vec::new(), Vec::new(), Vec::new());
    for (ack, row) in acks.iter().zip(found) {
        let Some(mut row) = row else { continue };
        match ack {
            Ack::Accepted { status, .. } => {
                row.acked = Some(*status);
                puts.push(rows::to_js(&row)?);
                match row.seq {
                    Some(seq) => delta.acked.push((seq, *status)),
                    None => delta.unknown = true,
                }
            }
            Ack::Rejected { reason, code, .. } => {
                let seq = row.seq()?;
                deletes.push(JsValue::from(seq as f64));
                delta.removed.push(seq);
                let moved = RejectedRow {
                    id: row.id,
                    seq,
                    mutation: row.mutation,
                    reason: reason.clone(),
                    code: code.clone(),
                    rejected_at: at,
                };
                moved_rows.push(rows::to_js(&moved)?);
            }
        }
    }
    try_join_all(puts.iter().map(|row| outbox.put(row, None))).await?;
    try_join_all(deletes.into_iter().map(|key| outbox.delete(key))).await?;
    try_join_all(moved_rows.iter().map(|row| rejected.put(row, None))).await?;
    Ok(delta)
}

async fn apply_pull_in(tx: &Transaction, batch: &PullBatch) -> Result<OutboxDelta> {
    // Like the reference store: a pull before `init_sync_state` still keeps its cursor.
    let mut state = get_sync_state(tx)
        .await?
        .unwrap_or_else(|| new_sync_state(Uuid::nil()));
    if state.refetching {
        apply_changes(tx, STAGING, &batch.changes).await?;
        if batch.complete {
            let records = tx.store(RECORDS)?;
            let staging = tx.store(STAGING)?;
            records.clear().await?;
            let fetched = staging.get_all(None, None).await?;
            records
                .put_all(fetched.into_iter().map(|row| (row, None)))
                .await?;
            staging.clear().await?;
            summaries::promote_staging(tx).await?;
            state.refetching = false;
        }
    } else {
        apply_changes(tx, RECORDS, &batch.changes).await?;
    }
    state.cursor = batch.cursor;
    if batch.complete {
        state.last_synced_at = Some(batch.at);
    }
    put_sync_state(tx, &state).await?;
    let outbox = tx.store(OUTBOX)?;
    let mut delta = OutboxDelta::default();
    for id in &batch.drop_acked {
        if let Some(row) = outbox_row(tx, *id).await? {
            if row.acked.is_some() {
                let seq = row.seq()?;
                outbox.delete(JsValue::from(seq as f64)).await?;
                delta.removed.push(seq);
            }
        }
    }
    Ok(delta)
}

/// Adds `mutation` to the outbox unless its id is there already.
async fn enqueue_in(tx: &Transaction, mutation: Mutation) -> Result<OutboxDelta> {
    let outbox = tx.store(OUTBOX)?;
    let key = KeyRange::only(&mutation.id.to_string().into()).map_err(rexie::Error::from)?;
    let mut delta = OutboxDelta::default();
    if outbox
        .index(OUTBOX_BY_MUTATION_ID)?
        .count(Some(key))
        .await?
        == 0
    {
        let seq = outbox
            .add(&rows::to_js(&OutboxRow::new(&mutation)?)?, None)
            .await?;
        // The request's result is the key the store generated.
        match seq.as_f64() {
            Some(seq) if seq >= 1.0 && seq.fract() == 0.0 => {
                delta.added = Some(OutboxEntry {
                    seq: seq as u64,
                    mutation,
                    acked: None,
                })
            }
            _ => delta.unknown = true,
        }
    }
    Ok(delta)
}

impl Store for IdbStore {
    type Error = StoreError;

    async fn sync_state(&self) -> Result<Option<SyncState>> {
        self.read_one(SYNC_STATE, single_row_key()).await
    }

    async fn outbox(&self) -> Result<Vec<OutboxEntry>> {
        // A transaction without requests costs no round trip; it fails like any read once the
        // connection is closed (another tab upgraded or deleted the database), so the cache
        // never outlives it.
        if let Err(err) = self.begin(&[OUTBOX], TransactionMode::ReadOnly) {
            self.outbox_cache.forget();
            return Err(err);
        }
        if let Some(entries) = self.outbox_cache.get() {
            return Ok(entries);
        }
        let epoch = self.outbox_cache.epoch();
        // Key order is `seq` order.
        let entries = self
            .read_all(OUTBOX, None)
            .await?
            .into_iter()
            .map(|row| rows::from_js::<OutboxRow>(OUTBOX, row)?.into_entry())
            .collect::<Result<Vec<_>>>()?;
        self.outbox_cache.fill(epoch, &entries);
        Ok(entries)
    }

    async fn rejected(&self) -> Result<Vec<RejectedMutation>> {
        let mut rows = self
            .read_all(REJECTED, None)
            .await?
            .into_iter()
            .map(|row| rows::from_js::<RejectedRow>(REJECTED, row))
            .collect::<Result<Vec<_>>>()?;
        rows.sort_by_key(|r| (r.rejected_at, r.seq));
        rows.into_iter().map(RejectedRow::into_rejected).collect()
    }

    async fn records(&self, entity: &str) -> Result<Vec<Record>> {
        let (lower, upper) = rows::entity_bounds(entity);
        let range = KeyRange::bound(&lower, &upper, None, None).map_err(rexie::Error::from)?;
        let rows = RecordRows::new();
        self.read_all(RECORDS, Some(range))
            .await?
            .iter()
            .map(|row| rows.read(RECORDS, row))
            .collect()
    }

    async fn record(&self, entity: &str, id: &str) -> Result<Option<Record>> {
        let tx = self.begin(&[RECORDS], TransactionMode::ReadOnly)?;
        match tx.store(RECORDS)?.get(rows::record_key(entity, id)).await? {
            Some(row) if !row.is_undefined() => Ok(Some(RecordRows::new().read(RECORDS, &row)?)),
            _ => Ok(None),
        }
    }

    async fn session(&self) -> Result<Option<Session>> {
        self.read_one(SESSION, single_row_key()).await
    }

    async fn prospect_summaries(&self) -> Result<Vec<ProspectSummary>> {
        let tx = self.begin(&[SUMMARIES], TransactionMode::ReadOnly)?;
        summaries::read(&tx, RECORDS).await
    }

    async fn records_of_prospect(&self, entity: &str, prospect_id: &str) -> Result<Vec<Record>> {
        let tx = self.begin(&[RECORDS], TransactionMode::ReadOnly)?;
        let key =
            KeyRange::only(&rows::deal_key(entity, prospect_id)).map_err(rexie::Error::from)?;
        let rows = RecordRows::new();
        tx.store(RECORDS)?
            .index(RECORDS_BY_PROSPECT)?
            .get_all(Some(key), None)
            .await?
            .iter()
            .map(|row| rows.read(RECORDS, row))
            .collect()
    }

    async fn init_sync_state(&mut self, client_id: Uuid) -> Result<SyncState> {
        let tx = self.begin(&[SYNC_STATE], TransactionMode::ReadWrite)?;
        let body = async {
            if let Some(state) = get_sync_state(&tx).await? {
                return Ok(state);
            }
            let state = new_sync_state(client_id);
            put_sync_state(&tx, &state).await?;
            Ok(state)
        }
        .await;
        self.finish(tx, body).await
    }

    async fn enqueue(&mut self, mutation: Mutation) -> Result<()> {
        let result = async {
            let tx = self.begin(&[OUTBOX], TransactionMode::ReadWrite)?;
            let body = enqueue_in(&tx, mutation).await;
            self.finish(tx, body).await
        }
        .await;
        self.outbox_cache.settle(result)
    }

    async fn record_push_results(&mut self, acks: &[Ack], at: DateTime<Utc>) -> Result<()> {
        let result = async {
            let tx = self.begin(&[OUTBOX, REJECTED], TransactionMode::ReadWrite)?;
            let body = record_push_results_in(&tx, acks, at).await;
            self.finish(tx, body).await
        }
        .await;
        self.outbox_cache.settle(result)
    }

    async fn apply_pull(&mut self, batch: &PullBatch) -> Result<()> {
        let result = async {
            let tx = self.begin(
                &[SYNC_STATE, RECORDS, STAGING, OUTBOX, SUMMARIES],
                TransactionMode::ReadWrite,
            )?;
            let body = apply_pull_in(&tx, batch).await;
            self.finish(tx, body).await
        }
        .await;
        self.outbox_cache.settle(result)
    }

    async fn start_refetch(&mut self) -> Result<()> {
        let tx = self.begin(
            &[STAGING, SYNC_STATE, SUMMARIES],
            TransactionMode::ReadWrite,
        )?;
        let body = async {
            tx.store(STAGING)?.clear().await?;
            summaries::clear(&tx, STAGING).await?;
            if let Some(mut state) = get_sync_state(&tx).await? {
                state.cursor = 0;
                state.refetching = true;
                put_sync_state(&tx, &state).await?;
            }
            Ok(())
        }
        .await;
        self.finish(tx, body).await
    }

    async fn dismiss_rejected(&mut self, id: Uuid) -> Result<()> {
        let tx = self.begin(&[REJECTED], TransactionMode::ReadWrite)?;
        let body = async {
            tx.store(REJECTED)?.delete(id.to_string().into()).await?;
            Ok(())
        }
        .await;
        self.finish(tx, body).await
    }

    async fn set_session(&mut self, session: Option<Session>) -> Result<()> {
        let tx = self.begin(&[SESSION], TransactionMode::ReadWrite)?;
        let body = async {
            let store = tx.store(SESSION)?;
            match &session {
                Some(session) => {
                    store
                        .put(&rows::to_js(session)?, Some(&single_row_key()))
                        .await?;
                }
                None => store.delete(single_row_key()).await?,
            }
            Ok(())
        }
        .await;
        self.finish(tx, body).await
    }
}
