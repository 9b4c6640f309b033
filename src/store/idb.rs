//! [`IdbStore`]: the sync engine's [`Store`] on IndexedDB (`store_impl.rs`, its write
//! transactions' bodies in `writes.rs`), plus the field photos (v2, `attachments.rs`).
//!
//! Every write method runs as one `readwrite` transaction over the object stores it touches.
//! Inside it only requests of that transaction are awaited (a foreign await would let the
//! browser auto-commit the transaction half-way). The method then waits for the transaction's
//! `complete` event (it commits by itself once its last request is done), so `Ok` means
//! committed. Any failure inside the body aborts the transaction, so a failed write leaves
//! nothing behind. (`IDBTransaction.commit()` would save no measurable time here and is
//! missing before Safari 15.)

use std::cell::Cell;
use std::rc::Rc;

use rexie::{KeyRange, Rexie, Transaction, TransactionMode};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

#[cfg(doc)]
use tuoke_sync::store::Store;

use super::cache::OutboxCache;
use super::error::StoreError;
use super::rows;
use super::schema::{self, *};
use super::summaries;
use super::upgrade::wait_for_upgrade;

pub(super) type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The PWA's local database. Cheap to clone: clones share one connection (each tab opens its
/// own; IndexedDB serialises their `readwrite` transactions).
///
/// [`Store::outbox`] answers from an in-memory copy of the outbox, shared by the clones and
/// kept up to date by their writes (see `cache.rs`). Writes of another connection (another
/// tab, or a store opened separately) do not reach it: call [`IdbStore::forget_cache`] when
/// they may have happened.
#[derive(Debug, Clone)]
pub struct IdbStore {
    pub(super) db: Rc<Rexie>,
    pub(super) outbox_cache: Rc<OutboxCache>,
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

    pub(super) fn begin(&self, stores: &[&str], mode: TransactionMode) -> Result<Transaction> {
        Ok(self.db.transaction(stores, mode)?)
    }

    /// Ends a write transaction: waits for `complete` when `body` succeeded, aborts it
    /// otherwise.
    pub(super) async fn finish<T>(&self, tx: Transaction, body: Result<T>) -> Result<T> {
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

    pub(super) async fn read_one<T: serde::de::DeserializeOwned>(
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

    pub(super) async fn read_all(
        &self,
        store: &'static str,
        range: Option<KeyRange>,
    ) -> Result<Vec<JsValue>> {
        let tx = self.begin(&[store], TransactionMode::ReadOnly)?;
        Ok(tx.store(store)?.get_all(range, None).await?)
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

pub(super) fn single_row_key() -> JsValue {
    SINGLE_ROW_KEY.into()
}
