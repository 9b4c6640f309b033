//! The write-through cache of the outbox that [`super::IdbStore::outbox`] answers from.
//!
//! The sync engine reads the whole outbox at every step; parsing every row's mutation each
//! time made draining 10,000 queued changes take ~40 s. The cache holds the outbox as last read
//! or committed **through this connection** (clones share it; separately opened stores each
//! have their own):
//! - it is filled by a full read, and only if no outbox write finished (or
//!   [`OutboxCache::forget`] ran) while that read was under way — otherwise the read may
//!   predate that write;
//! - a write updates it only after its transaction committed, with exactly what the
//!   transaction did ([`OutboxDelta`], in `seq` terms); a failed write empties it;
//! - an update that does not fit the cached entries (a `seq` to mark or remove that is not
//!   there: another tab changed the outbox) empties it rather than guess.
//!
//! Other tabs write the same database: whoever learns of their writes (the app's
//! BroadcastChannel) calls [`super::IdbStore::forget_cache`].

use std::cell::{Cell, RefCell};
use std::fmt;

use tuoke_sync::protocol::MutationStatus;
use tuoke_sync::store::OutboxEntry;

use super::error::StoreError;

/// The cached outbox, in `seq` order, or `None` when it must be read again.
#[derive(Default)]
pub(crate) struct OutboxCache {
    entries: RefCell<Option<Vec<OutboxEntry>>>,
    /// Bumped whenever an outbox write finishes (committed or not) and by `forget`: a read
    /// that started under an older epoch is not installed.
    epoch: Cell<u64>,
}

impl fmt::Debug for OutboxCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let len = self.entries.borrow().as_ref().map(Vec::len);
        f.debug_struct("OutboxCache")
            .field("entries", &len)
            .field("epoch", &self.epoch.get())
            .finish()
    }
}

impl OutboxCache {
    /// A copy of the cached outbox, if valid.
    pub fn get(&self) -> Option<Vec<OutboxEntry>> {
        self.entries.borrow().clone()
    }

    /// The epoch to hand back to [`OutboxCache::fill`] once a full read is done.
    pub fn epoch(&self) -> u64 {
        self.epoch.get()
    }

    /// Installs a full read that started at `epoch`, unless a write finished since.
    pub fn fill(&self, epoch: u64, entries: &[OutboxEntry]) {
        if self.epoch.get() == epoch {
            *self.entries.borrow_mut() = Some(entries.to_vec());
        }
    }

    /// Drops the cached outbox: the next read goes to IndexedDB.
    pub fn forget(&self) {
        self.epoch.set(self.epoch.get().wrapping_add(1));
        *self.entries.borrow_mut() = None;
    }

    /// Settles an outbox write: applies what it committed, or forgets everything if it failed.
    pub fn settle(&self, result: Result<OutboxDelta, StoreError>) -> Result<(), StoreError> {
        match result {
            Ok(delta) => {
                self.commit(delta);
                Ok(())
            }
            Err(err) => {
                self.forget();
                Err(err)
            }
        }
    }

    fn commit(&self, delta: OutboxDelta) {
        self.epoch.set(self.epoch.get().wrapping_add(1));
        let mut slot = self.entries.borrow_mut();
        if let Some(entries) = slot.as_mut() {
            if !delta.apply(entries) {
                *slot = None;
            }
        }
    }
}

/// What one committed transaction did to the outbox.
#[derive(Debug, Default)]
pub(crate) struct OutboxDelta {
    /// A row added (with the `seq` IndexedDB assigned).
    pub added: Option<OutboxEntry>,
    /// Rows whose `acked` was set.
    pub acked: Vec<(u64, MutationStatus)>,
    /// Rows deleted.
    pub removed: Vec<u64>,
    /// The transaction changed the outbox in a way not described here: forget the cache.
    pub unknown: bool,
}

impl OutboxDelta {
    /// Applies the delta to `entries` (sorted by `seq`); `false` if they turn out not to be
    /// what was committed before this write (the caller then forgets them).
    fn apply(self, entries: &mut Vec<OutboxEntry>) -> bool {
        if self.unknown {
            return false;
        }
        let find =
            |entries: &[OutboxEntry], seq: u64| entries.binary_search_by_key(&seq, |e| e.seq);
        if let Some(entry) = self.added {
            match find(entries, entry.seq) {
                // Already read back by a full read that saw this write.
                Ok(i) if entries[i].mutation.id == entry.mutation.id => {}
                Ok(_) => return false,
                Err(i) => entries.insert(i, entry),
            }
        }
        for (seq, status) in self.acked {
            match find(entries, seq) {
                Ok(i) => entries[i].acked = Some(status),
                Err(_) => return false,
            }
        }
        if !self.removed.is_empty() {
            let mut removed = self.removed;
            removed.sort_unstable();
            if removed.iter().any(|seq| find(entries, *seq).is_err()) {
                return false;
            }
            // One pass: a pull can drop hundreds of entries out of thousands.
            entries.retain(|e| removed.binary_search(&e.seq).is_err());
        }
        true
    }
}
