//! Sync: the change sequence, visibility, push (mutations) and pull, transfers and lead lists.
//!
//! Every business rule comes from `tuoke-core`; this module only stores its results.
//!
//! **Change sequence.** Every synced row (prospects, records, approvals, tombstones) carries
//! `seq`, the number of its latest change. Writers serialise on the single `sync_seq` row: the
//! first statement of every write transaction is an `UPDATE` of that row, which takes its
//! write lock (PostgreSQL row lock; SQLite's database write lock) until commit. Numbers are
//! handed out under that lock and the new high-water mark is written back before commit, so
//! seq order is commit order: when a reader sees `sync_seq.value = M`, every change ≤ M is
//! committed and no later commit can receive a number ≤ M. A pull therefore reads rows with
//! `since < seq ≤ M` and never skips a change. An in-process mutex ([`WriteLock`]) queues
//! writers fairly in front of the database lock (SQLite would otherwise poll while busy).

pub mod leads;
pub mod pull;
pub mod push;
pub mod records;
mod seq;
pub mod visibility;

pub use seq::Seq;

use std::sync::Arc;

use crate::db::Db;
use crate::repo::sql::{Arg, Tx};

/// Serialises this process's writers (see the module docs).
pub type WriteLock = Arc<tokio::sync::Mutex<()>>;

/// A write transaction holding the sequence lock.
pub struct Writer {
    _guard: tokio::sync::OwnedMutexGuard<()>,
    pub tx: Tx,
    pub seq: Seq,
    /// Field-history rows ([`records::HistoryRow::args`]) written in bulk at commit: history is
    /// append-only and never read back inside a write transaction.
    pub history: Vec<Vec<Arg>>,
}

impl Writer {
    pub async fn begin(db: &Db, lock: &WriteLock) -> Result<Writer, sqlx::Error> {
        let guard = Arc::clone(lock).lock_owned().await;
        let mut tx = Tx::begin(db).await?;
        let seq = Seq::lock(&mut tx).await?;
        Ok(Writer {
            _guard: guard,
            tx,
            seq,
            history: Vec::new(),
        })
    }

    pub async fn commit(mut self) -> Result<(), sqlx::Error> {
        records::insert_history(&mut self.tx, std::mem::take(&mut self.history)).await?;
        self.seq.store(&mut self.tx).await?;
        self.tx.commit().await
    }
}

/// The current high-water mark of the change sequence.
pub async fn current_seq(tx: &mut Tx) -> Result<i64, sqlx::Error> {
    crate::repo::seq::current(tx).await
}
