//! The phone's local storage behind a trait: confirmed server state, the outbox of local
//! changes, rejected mutations, the sync state (cursor, client id) and the session.
//!
//! **Atomicity.** Every write method of [`Store`] is one transaction: it either happens
//! completely or not at all (IndexedDB: one `readwrite` transaction over the object stores it
//! names, resolved on `complete`). The engine relies on this for "nothing is lost":
//! - [`Store::enqueue`]: a local change *is* its outbox entry, written in one call. The pending
//!   change is not stored a second time: the local view ([`crate::view`]) re-applies the outbox
//!   on top of the confirmed state, so the two can never disagree.
//! - [`Store::record_push_results`]: every acknowledgement of one push answer in one call.
//! - [`Store::apply_pull`]: the pulled changes, the new cursor and the dropping of the
//!   acknowledged outbox entries in one call.
//!
//! **Async.** Methods return futures so that an IndexedDB implementation can await its
//! transaction; they need no runtime and no `Send`. [`MemoryStore`]'s futures are always ready
//! ([`block_on_ready`] drives them natively).
//!
//! Object stores an IndexedDB implementation needs: `records` (key `[entity, id]`), `staging`
//! (same shape, for a refetch), `outbox` (key: auto-increment `seq`, index on mutation id),
//! `rejected` (key: mutation id), `sync_state` and `session` (single rows).

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tuoke_core::contract::{Entity, EntityName};
use uuid::Uuid;

use crate::model::ProspectSummary;
pub use crate::model::Record;
use crate::protocol::{Change, Mutation, MutationStatus, PriceListResponse, UserInfo};

/// Sync bookkeeping, one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncState {
    /// This installation's id, sent with every push.
    pub client_id: Uuid,
    /// The server cursor: everything up to it is in the confirmed state.
    pub cursor: i64,
    /// A refetch from 0 is under way (after `reset_required`): pulled pages go to staging and
    /// replace the confirmed state only when the last page is in.
    pub refetching: bool,
    /// When a sync last completed.
    pub last_synced_at: Option<DateTime<Utc>>,
}

/// One outbox entry: a local change waiting to reach the server, or acknowledged by it and
/// waiting for the pull that brings its effects (it stays in the local view until then, so
/// the rep's edit never flickers away).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// Local order (auto-increment); the outbox is pushed in this order.
    pub seq: u64,
    /// The mutation.
    pub mutation: Mutation,
    /// The server's answer once known (`applied`, `duplicate` or `pending_approval`).
    pub acked: Option<MutationStatus>,
}

/// A mutation the server refused: out of the outbox, kept until the rep dismisses it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RejectedMutation {
    /// The mutation as it was sent.
    pub mutation: Mutation,
    /// The server's reason (a field and its problem, or a rule code), in English.
    pub reason: String,
    /// The server's stable code, which the phone translates (`None` from older servers).
    pub code: Option<String>,
    /// When the rejection was received.
    pub rejected_at: DateTime<Utc>,
}

/// The logged-in session (written by the login screen, read by the driver).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Bearer token.
    pub token: String,
    /// User id.
    pub user_id: String,
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role (`rep`, `manager`, `assistant`, `admin`).
    pub role: String,
}

/// What the server answered for one outbox entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ack {
    /// Processed (`applied`, `duplicate` or `pending_approval`): the entry stays in the
    /// outbox, marked, until the next complete pull drops it.
    Accepted {
        /// Mutation id.
        id: Uuid,
        /// The server's status.
        status: MutationStatus,
    },
    /// Refused: the entry moves from the outbox to the rejected list.
    Rejected {
        /// Mutation id.
        id: Uuid,
        /// The server's reason (English, for logs).
        reason: String,
        /// The server's stable code, which the phone translates (`None` from older servers).
        code: Option<String>,
    },
}

/// One pulled page to apply.
#[derive(Debug, Clone, PartialEq)]
pub struct PullBatch {
    /// The changes, oldest first (`data: None` deletes the record).
    pub changes: Vec<Change>,
    /// The new cursor.
    pub cursor: i64,
    /// Last page of this pull (`has_more` was false).
    pub complete: bool,
    /// Acknowledged outbox entries whose effects this pull has brought: dropped in the same
    /// transaction. Entries not acknowledged are never dropped, whatever this says.
    pub drop_acked: Vec<Uuid>,
    /// When the page arrived (becomes `last_synced_at` when `complete`).
    pub at: DateTime<Utc>,
}

/// The phone's storage. Every write method is atomic (see the module docs); reads see only
/// committed writes.
pub trait Store {
    /// A storage failure (quota, aborted transaction, …).
    type Error: std::error::Error + 'static;

    /// The sync state, if initialised.
    fn sync_state(&self) -> impl Future<Output = Result<Option<SyncState>, Self::Error>>;
    /// The outbox, in `seq` order.
    fn outbox(&self) -> impl Future<Output = Result<Vec<OutboxEntry>, Self::Error>>;
    /// Rejected mutations not yet dismissed, oldest first.
    fn rejected(&self) -> impl Future<Output = Result<Vec<RejectedMutation>, Self::Error>>;
    /// Every confirmed record of an entity.
    fn records(&self, entity: Entity) -> impl Future<Output = Result<Vec<Record>, Self::Error>>;
    /// One confirmed record.
    fn record(
        &self,
        entity: Entity,
        id: &str,
    ) -> impl Future<Output = Result<Option<Record>, Self::Error>>;
    /// The session, if logged in.
    fn session(&self) -> impl Future<Output = Result<Option<Session>, Self::Error>>;
    /// The list summary of every confirmed prospect, by id. A store may keep them up to date
    /// as it applies pulls instead of deriving them from every full record, as this does.
    fn prospect_summaries(
        &self,
    ) -> impl Future<Output = Result<Vec<ProspectSummary>, Self::Error>> {
        async {
            let mut summaries: Vec<ProspectSummary> = self
                .records(Entity::Prospect)
                .await?
                .iter()
                .filter_map(ProspectSummary::of_record)
                .collect();
            summaries.sort_by(|a, b| a.id.cmp(&b.id));
            Ok(summaries)
        }
    }
    /// The confirmed records of `entity` whose `prospect_id` is `prospect_id`. A store may
    /// index them instead of filtering every record, as this does.
    fn records_of_prospect(
        &self,
        entity: Entity,
        prospect_id: &str,
    ) -> impl Future<Output = Result<Vec<Record>, Self::Error>> {
        async move {
            Ok(self
                .records(entity)
                .await?
                .into_iter()
                .filter(|r| r.data.get("prospect_id").and_then(Value::as_str) == Some(prospect_id))
                .collect())
        }
    }

    /// Atomic: returns the sync state, creating it with `client_id` and cursor 0 if absent.
    fn init_sync_state(
        &mut self,
        client_id: Uuid,
    ) -> impl Future<Output = Result<SyncState, Self::Error>>;
    /// Atomic: appends a local change to the outbox with the next `seq`. Enqueueing a
    /// mutation id already in the outbox does nothing.
    fn enqueue(&mut self, mutation: Mutation) -> impl Future<Output = Result<(), Self::Error>>;
    /// Atomic: marks accepted entries, moves rejected ones to the rejected list (with
    /// `at`). Ids not in the outbox are ignored.
    fn record_push_results(
        &mut self,
        acks: &[Ack],
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<(), Self::Error>>;
    /// Atomic: applies the changes (to staging while refetching; a complete refetch replaces
    /// the confirmed state with staging), sets the cursor, drops the listed acknowledged
    /// outbox entries and, when complete, sets `last_synced_at`.
    fn apply_pull(&mut self, batch: &PullBatch) -> impl Future<Output = Result<(), Self::Error>>;
    /// Atomic: starts a refetch from 0 (`reset_required`): cursor 0, `refetching`, empty
    /// staging. The confirmed state stays readable and the outbox is untouched.
    fn start_refetch(&mut self) -> impl Future<Output = Result<(), Self::Error>>;
    /// Atomic: removes a rejected mutation the rep has seen.
    fn dismiss_rejected(&mut self, id: Uuid) -> impl Future<Output = Result<(), Self::Error>>;
    /// Atomic: stores or clears the session.
    fn set_session(
        &mut self,
        session: Option<Session>,
    ) -> impl Future<Output = Result<(), Self::Error>>;
    /// The colleagues the user may name, as last fetched (`GET /api/v1/team`); empty if never.
    fn team(&self) -> impl Future<Output = Result<Vec<UserInfo>, Self::Error>>;
    /// Atomic: replaces the cached team.
    fn set_team(&mut self, users: Vec<UserInfo>) -> impl Future<Output = Result<(), Self::Error>>;
    /// The team's price list as last fetched (`GET /api/v1/price-list`); `None` if never
    /// (or the server has none). Quotes are built from it offline.
    fn price_list(&self) -> impl Future<Output = Result<Option<PriceListResponse>, Self::Error>>;
    /// Atomic: replaces the cached price list.
    fn set_price_list(
        &mut self,
        list: PriceListResponse,
    ) -> impl Future<Output = Result<(), Self::Error>>;
}

/// Drives a future that never waits (such as [`MemoryStore`]'s, or an engine over one) to
/// completion. Panics if it does wait: that would need a real executor.
pub fn block_on_ready<F: Future>(future: F) -> F::Output {
    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }
    let waker = Waker::from(Arc::new(Noop));
    let mut cx = Context::from_waker(&waker);
    match pin!(future).poll(&mut cx) {
        Poll::Ready(out) => out,
        Poll::Pending => panic!("block_on_ready: the future is waiting on I/O"),
    }
}

/// A failure of [`MemoryStore`] (only ever injected).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MemoryError {
    /// A write failed on purpose ([`MemoryStore::fail_next_writes`]); nothing was written.
    #[error("injected storage failure")]
    Injected,
}

/// Everything a [`MemoryStore`] holds: what survives a crash.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemoryData {
    /// Sync state.
    pub sync_state: Option<SyncState>,
    /// Confirmed records by `(entity, id)`.
    pub records: BTreeMap<(EntityName, String), Record>,
    /// Refetch staging by `(entity, id)`.
    pub staging: BTreeMap<(EntityName, String), Record>,
    /// Outbox, in `seq` order.
    pub outbox: Vec<OutboxEntry>,
    /// Next outbox `seq`.
    pub next_seq: u64,
    /// Rejected mutations.
    pub rejected: Vec<RejectedMutation>,
    /// Session.
    pub session: Option<Session>,
    /// The cached team directory.
    pub team: Vec<UserInfo>,
    /// The cached price list.
    pub price_list: Option<PriceListResponse>,
}

/// In-memory [`Store`] for native tests, with injectable write failures. Each write works on
/// a copy and commits it only on success, so a failed write changes nothing; a crash is
/// simulated by building a new engine over [`MemoryStore::data`] (all committed state).
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    data: MemoryData,
    fail_writes: usize,
    writes: u64,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A store holding `data` (e.g. what survived a crash).
    pub fn from_data(data: MemoryData) -> Self {
        MemoryStore {
            data,
            ..Self::default()
        }
    }

    /// The committed state.
    pub fn data(&self) -> &MemoryData {
        &self.data
    }

    /// Makes the next `n` writes fail with [`MemoryError::Injected`], writing nothing.
    pub fn fail_next_writes(&mut self, n: usize) {
        self.fail_writes = n;
    }

    /// Number of writes committed so far.
    pub fn committed_writes(&self) -> u64 {
        self.writes
    }

    fn write<T>(&mut self, f: impl FnOnce(&mut MemoryData) -> T) -> Result<T, MemoryError> {
        if self.fail_writes > 0 {
            self.fail_writes -= 1;
            return Err(MemoryError::Injected);
        }
        let mut copy = self.data.clone();
        let out = f(&mut copy);
        self.data = copy;
        self.writes += 1;
        Ok(out)
    }
}

fn apply_changes(target: &mut BTreeMap<(EntityName, String), Record>, changes: &[Change]) {
    for c in changes {
        let key = (c.entity.clone(), c.id.clone());
        match &c.data {
            Some(data) => {
                target.insert(
                    key,
                    Record {
                        entity: c.entity.clone(),
                        id: c.id.clone(),
                        version: c.version,
                        data: data.clone(),
                    },
                );
            }
            None => {
                target.remove(&key);
            }
        }
    }
}

impl Store for MemoryStore {
    type Error = MemoryError;

    async fn sync_state(&self) -> Result<Option<SyncState>, MemoryError> {
        Ok(self.data.sync_state.clone())
    }

    async fn outbox(&self) -> Result<Vec<OutboxEntry>, MemoryError> {
        Ok(self.data.outbox.clone())
    }

    async fn rejected(&self) -> Result<Vec<RejectedMutation>, MemoryError> {
        Ok(self.data.rejected.clone())
    }

    async fn records(&self, entity: Entity) -> Result<Vec<Record>, MemoryError> {
        Ok(self
            .data
            .records
            .values()
            .filter(|r| r.entity == entity)
            .cloned()
            .collect())
    }

    async fn record(&self, entity: Entity, id: &str) -> Result<Option<Record>, MemoryError> {
        Ok(self
            .data
            .records
            .get(&(entity.into(), id.to_owned()))
            .cloned())
    }

    async fn session(&self) -> Result<Option<Session>, MemoryError> {
        Ok(self.data.session.clone())
    }

    async fn init_sync_state(&mut self, client_id: Uuid) -> Result<SyncState, MemoryError> {
        if let Some(state) = &self.data.sync_state {
            return Ok(state.clone());
        }
        self.write(|d| {
            d.sync_state
                .get_or_insert(SyncState {
                    client_id,
                    cursor: 0,
                    refetching: false,
                    last_synced_at: None,
                })
                .clone()
        })
    }

    async fn enqueue(&mut self, mutation: Mutation) -> Result<(), MemoryError> {
        self.write(|d| {
            if d.outbox.iter().any(|e| e.mutation.id == mutation.id) {
                return;
            }
            d.next_seq += 1;
            d.outbox.push(OutboxEntry {
                seq: d.next_seq,
                mutation,
                acked: None,
            });
        })
    }

    async fn record_push_results(
        &mut self,
        acks: &[Ack],
        at: DateTime<Utc>,
    ) -> Result<(), MemoryError> {
        self.write(|d| {
            for ack in acks {
                match ack {
                    Ack::Accepted { id, status } => {
                        if let Some(e) = d.outbox.iter_mut().find(|e| e.mutation.id == *id) {
                            e.acked = Some(*status);
                        }
                    }
                    Ack::Rejected { id, reason, code } => {
                        if let Some(i) = d.outbox.iter().position(|e| e.mutation.id == *id) {
                            let entry = d.outbox.remove(i);
                            d.rejected.push(RejectedMutation {
                                mutation: entry.mutation,
                                reason: reason.clone(),
                                code: code.clone(),
                                rejected_at: at,
                            });
                        }
                    }
                }
            }
        })
    }

    async fn apply_pull(&mut self, batch: &PullBatch) -> Result<(), MemoryError> {
        self.write(|d| {
            let state = d.sync_state.get_or_insert(SyncState {
                client_id: Uuid::nil(),
                cursor: 0,
                refetching: false,
                last_synced_at: None,
            });
            if state.refetching {
                apply_changes(&mut d.staging, &batch.changes);
                if batch.complete {
                    d.records = std::mem::take(&mut d.staging);
                    state.refetching = false;
                }
            } else {
                apply_changes(&mut d.records, &batch.changes);
            }
            state.cursor = batch.cursor;
            if batch.complete {
                state.last_synced_at = Some(batch.at);
            }
            d.outbox
                .retain(|e| e.acked.is_none() || !batch.drop_acked.contains(&e.mutation.id));
        })
    }

    async fn start_refetch(&mut self) -> Result<(), MemoryError> {
        self.write(|d| {
            d.staging.clear();
            if let Some(state) = &mut d.sync_state {
                state.cursor = 0;
                state.refetching = true;
            }
        })
    }

    async fn dismiss_rejected(&mut self, id: Uuid) -> Result<(), MemoryError> {
        self.write(|d| d.rejected.retain(|r| r.mutation.id != id))
    }

    async fn set_session(&mut self, session: Option<Session>) -> Result<(), MemoryError> {
        self.write(|d| d.session = session)
    }

    async fn team(&self) -> Result<Vec<UserInfo>, MemoryError> {
        Ok(self.data.team.clone())
    }

    async fn set_team(&mut self, users: Vec<UserInfo>) -> Result<(), MemoryError> {
        self.write(|d| d.team = users)
    }

    async fn price_list(&self) -> Result<Option<PriceListResponse>, MemoryError> {
        Ok(self.data.price_list.clone())
    }

    async fn set_price_list(&mut self, list: PriceListResponse) -> Result<(), MemoryError> {
        self.write(|d| d.price_list = Some(list))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use tuoke_core::contract::MutationKind;

    fn at() -> DateTime<Utc> {
        "2026-03-02T08:00:00Z".parse().unwrap()
    }

    fn mutation(n: u128) -> Mutation {
        Mutation::new(Uuid::from_u128(n), MutationKind::NoteAdd, json!({}), at())
    }

    fn change(id: &str, data: Option<Value>) -> Change {
        Change {
            entity: Entity::Prospect.into(),
            id: id.into(),
            version: 1,
            data,
        }
    }

    fn batch(changes: Vec<Change>, cursor: i64, complete: bool, drop: &[u128]) -> PullBatch {
        PullBatch {
            changes,
            cursor,
            complete,
            drop_acked: drop.iter().map(|n| Uuid::from_u128(*n)).collect(),
            at: at(),
        }
    }

    /// The outbox's mutation ids, in order.
    fn outbox_ids(s: &MemoryStore) -> Vec<u128> {
        s.data()
            .outbox
            .iter()
            .map(|e| e.mutation.id.as_u128())
            .collect()
    }

    #[test]
    fn a_failed_write_changes_nothing_and_the_next_write_succeeds() {
        let mut s = MemoryStore::new();
        block_on_ready(s.init_sync_state(Uuid::from_u128(1))).unwrap();
        block_on_ready(s.enqueue(mutation(1))).unwrap();
        let before = s.data().clone();
        s.fail_next_writes(1);
        let pull = batch(vec![change("p", Some(json!({})))], 5, true, &[1]);
        assert_eq!(
            block_on_ready(s.apply_pull(&pull)),
            Err(MemoryError::Injected)
        );
        assert_eq!(s.data(), &before);
        block_on_ready(s.apply_pull(&pull)).unwrap();
        assert_eq!(s.data().sync_state.as_ref().unwrap().cursor, 5);
    }

    #[test]
    fn enqueueing_the_same_mutation_twice_keeps_one_entry_in_order() {
        let mut s = MemoryStore::new();
        for n in [1, 2, 1, 3] {
            block_on_ready(s.enqueue(mutation(n))).unwrap();
        }
        assert_eq!(outbox_ids(&s), vec![1, 2, 3]);
    }

    #[test]
    fn a_pull_drops_only_acknowledged_entries() {
        let mut s = MemoryStore::new();
        block_on_ready(s.init_sync_state(Uuid::from_u128(1))).unwrap();
        block_on_ready(s.enqueue(mutation(1))).unwrap();
        block_on_ready(s.enqueue(mutation(2))).unwrap();
        let ack = Ack::Accepted {
            id: Uuid::from_u128(1),
            status: MutationStatus::Applied,
        };
        block_on_ready(s.record_push_results(&[ack], at())).unwrap();
        block_on_ready(s.apply_pull(&batch(vec![], 3, true, &[1, 2]))).unwrap();
        assert_eq!(outbox_ids(&s), vec![2]);
    }

    #[test]
    fn a_rejection_moves_the_entry_to_the_rejected_list_with_its_reason() {
        let mut s = MemoryStore::new();
        block_on_ready(s.enqueue(mutation(1))).unwrap();
        let ack = Ack::Rejected {
            id: Uuid::from_u128(1),
            reason: "body: must not be empty".into(),
            code: Some("empty".into()),
        };
        block_on_ready(s.record_push_results(&[ack], at())).unwrap();
        assert!(s.data().outbox.is_empty());
        assert_eq!(s.data().rejected[0].reason, "body: must not be empty");
        block_on_ready(s.dismiss_rejected(Uuid::from_u128(1))).unwrap();
        assert!(s.data().rejected.is_empty());
    }

    #[test]
    fn a_refetch_fills_staging_and_replaces_the_confirmed_state_only_when_complete() {
        let mut s = MemoryStore::new();
        block_on_ready(s.init_sync_state(Uuid::from_u128(1))).unwrap();
        let old = vec![change("a", Some(json!(1))), change("b", Some(json!(2)))];
        block_on_ready(s.apply_pull(&batch(old, 9, true, &[]))).unwrap();
        block_on_ready(s.start_refetch()).unwrap();
        block_on_ready(s.apply_pull(&batch(vec![change("a", Some(json!(3)))], 1, false, &[])))
            .unwrap();
        assert_eq!(s.data().records.len(), 2, "old state readable mid-refetch");
        block_on_ready(s.apply_pull(&batch(vec![], 2, true, &[]))).unwrap();
        let records: Vec<_> = s.data().records.values().map(|r| r.data.clone()).collect();
        assert_eq!(records, vec![json!(3)]);
        assert!(!s.data().sync_state.as_ref().unwrap().refetching);
    }

    #[test]
    fn a_tombstone_deletes_the_confirmed_record() {
        let mut s = MemoryStore::new();
        block_on_ready(s.init_sync_state(Uuid::from_u128(1))).unwrap();
        block_on_ready(s.apply_pull(&batch(vec![change("a", Some(json!(1)))], 1, true, &[])))
            .unwrap();
        block_on_ready(s.apply_pull(&batch(vec![change("a", None)], 2, true, &[]))).unwrap();
        assert!(s.data().records.is_empty());
    }

    #[test]
    fn the_team_is_kept_until_replaced() {
        let mut store = MemoryStore::new();
        assert!(block_on_ready(store.team()).unwrap().is_empty());
        let user = UserInfo {
            id: "u1".into(),
            username: "rep1".into(),
            display_name: "王小明".into(),
            role: "rep".into(),
            manager_id: None,
            territory: None,
        };
        block_on_ready(store.set_team(vec![user.clone()])).unwrap();
        let crashed = MemoryStore::from_data(store.data().clone());
        assert_eq!(block_on_ready(crashed.team()).unwrap(), vec![user]);
    }

    #[test]
    fn the_price_list_is_kept_until_replaced_and_a_failed_write_keeps_the_old_one() {
        let mut store = MemoryStore::new();
        assert_eq!(block_on_ready(store.price_list()).unwrap(), None);
        let mut list = PriceListResponse {
            price_list: tuoke_core::pricing::demo_price_list().with_version(1),
            set_by: None,
            set_by_username: None,
            set_at: "2026-12-01T08:00:00Z".parse().unwrap(),
        };
        block_on_ready(store.set_price_list(list.clone())).unwrap();
        let v1 = list.clone();
        list.price_list.version += 1;
        store.fail_next_writes(1);
        assert!(block_on_ready(store.set_price_list(list.clone())).is_err());
        let crashed = MemoryStore::from_data(store.data().clone());
        assert_eq!(block_on_ready(crashed.price_list()).unwrap(), Some(v1));
        block_on_ready(store.set_price_list(list.clone())).unwrap();
        assert_eq!(block_on_ready(store.price_list()).unwrap(), Some(list));
    }
}
