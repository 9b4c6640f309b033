//! The IndexedDB store (`tuoke::store`) in headless Chromium.
//!
//! `scenarios` is the `Store` contract written once, generic over the trait; every scenario
//! runs against `MemoryStore` (the reference, also natively) and against `IdbStore` on a fresh
//! database, so the two cannot drift apart. The rest is what only IndexedDB has: the upgrade
//! from schema version 1, transactions that abort, two connections racing, reopening.
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver \
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test -p tuoke --target wasm32-unknown-unknown --test store
//! ```

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use tuoke_core::contract::{Entity, MutationKind};
use tuoke_sync::protocol::{Change, Mutation, MutationStatus};
use tuoke_sync::store::{Ack, PullBatch, Record, Session, Store, SyncState};
use tuoke_sync::summary::ProspectSummary;
use uuid::Uuid;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn at() -> DateTime<Utc> {
    "2026-03-02T08:00:00Z".parse().unwrap()
}

fn later() -> DateTime<Utc> {
    "2026-03-02T09:30:00Z".parse().unwrap()
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn mutation(n: u128) -> Mutation {
    let args = json!({"id": id(1000 + n), "prospect_id": id(7), "body": format!("visit {n}"),
                      "kind": "visit", "taken_at": at()});
    Mutation::new(id(n), MutationKind::NoteAdd, args, at())
}

fn change(entity: &str, id: &str, version: i64, data: Option<Value>) -> Change {
    Change {
        entity: entity.into(),
        id: id.into(),
        version,
        data,
    }
}

fn prospect(id: &str, data: Value) -> Change {
    change("prospect", id, 1, Some(data))
}

fn batch(changes: Vec<Change>, cursor: i64, complete: bool, drop: &[u128]) -> PullBatch {
    PullBatch {
        changes,
        cursor,
        complete,
        drop_acked: drop.iter().map(|n| id(*n)).collect(),
        at: at(),
    }
}

fn session() -> Session {
    Session {
        token: "t0k3n".into(),
        user_id: id(5).to_string(),
        username: "rep1".into(),
        display_name: "王芳".into(),
        role: "rep".into(),
    }
}

/// The contract of `Store`: the behaviour the engine relies on, for any implementation.
mod scenarios {
    use super::*;

    fn ids(outbox: &[tuoke_sync::store::OutboxEntry]) -> Vec<u128> {
        outbox.iter().map(|e| e.mutation.id.as_u128()).collect()
    }

    pub async fn enqueueing_the_same_mutation_twice_keeps_one_entry_in_seq_order<S: Store>(
        s: &mut S,
    ) {
        for n in [1, 2, 1, 3] {
            s.enqueue(mutation(n)).await.unwrap();
        }
        let outbox = s.outbox().await.unwrap();
        assert_eq!(ids(&outbox), vec![1, 2, 3]);
        assert!(outbox.windows(2).all(|w| w[0].seq < w[1].seq));
        assert!(outbox.iter().all(|e| e.acked.is_none()));
        assert_eq!(outbox[1].mutation, mutation(2), "the mutation round-trips");
    }

    pub async fn push_results_mark_accepted_entries_and_move_rejected_ones_with_their_reason<
        S: Store,
    >(
        s: &mut S,
    ) {
        for n in [1, 2, 3, 4] {
            s.enqueue(mutation(n)).await.unwrap();
        }
        let acks = [
            Ack::Accepted {
                id: id(1),
                status: MutationStatus::Applied,
            },
            Ack::Rejected {
                id: id(2),
                reason: "body: must not be empty".into(),
                code: Some("empty".into()),
            },
            Ack::Accepted {
                id: id(3),
                status: MutationStatus::PendingApproval,
            },
            // Not in the outbox: ignored.
            Ack::Accepted {
                id: id(99),
                status: MutationStatus::Duplicate,
            },
            Ack::Rejected {
                id: id(98),
                reason: "ignored".into(),
                code: None,
            },
        ];
        s.record_push_results(&acks, at()).await.unwrap();
        let outbox = s.outbox().await.unwrap();
        assert_eq!(ids(&outbox), vec![1, 3, 4]);
        let acked: Vec<_> = outbox.iter().map(|e| e.acked).collect();
        assert_eq!(
            acked,
            vec![
                Some(MutationStatus::Applied),
                Some(MutationStatus::PendingApproval),
                None
            ]
        );
        let rejected = s.rejected().await.unwrap();
        assert_eq!(rejected.len(), 1);
        assert_eq!(rejected[0].mutation, mutation(2));
        assert_eq!(rejected[0].reason, "body: must not be empty");
        assert_eq!(rejected[0].rejected_at, at());
    }

    pub async fn rejections_are_listed_oldest_first_until_dismissed<S: Store>(s: &mut S) {
        for n in [1, 2, 3] {
            s.enqueue(mutation(n)).await.unwrap();
        }
        let reject = |n: u128| Ack::Rejected {
            id: id(n),
            reason: format!("reason {n}"),
            code: None,
        };
        s.record_push_results(&[reject(3)], at()).await.unwrap();
        s.record_push_results(&[reject(1), reject(2)], later())
            .await
            .unwrap();
        let reasons = |r: Vec<tuoke_sync::store::RejectedMutation>| -> Vec<String> {
            r.into_iter().map(|r| r.reason).collect()
        };
        assert_eq!(
            reasons(s.rejected().await.unwrap()),
            ["reason 3", "reason 1", "reason 2"]
        );
        s.dismiss_rejected(id(1)).await.unwrap();
        s.dismiss_rejected(id(42)).await.unwrap();
        assert_eq!(
            reasons(s.rejected().await.unwrap()),
            ["reason 3", "reason 2"]
        );
        assert!(s.outbox().await.unwrap().is_empty());
    }

    pub async fn a_pull_applies_changes_moves_the_cursor_and_drops_only_acknowledged_entries<
        S: Store,
    >(
        s: &mut S,
    ) {
        s.init_sync_state(id(1)).await.unwrap();
        for n in [1, 2] {
            s.enqueue(mutation(n)).await.unwrap();
        }
        let ack = Ack::Accepted {
            id: id(1),
            status: MutationStatus::Applied,
        };
        s.record_push_results(&[ack], at()).await.unwrap();

        // A first page: records and cursor, but not yet a completed sync.
        let page = batch(
            vec![
                prospect("a", json!({"company": "华为"})),
                prospect("b", json!({"company": "B"})),
            ],
            3,
            false,
            &[],
        );
        s.apply_pull(&page).await.unwrap();
        let state = s.sync_state().await.unwrap().unwrap();
        assert_eq!((state.cursor, state.last_synced_at), (3, None));
        assert_eq!(ids(&s.outbox().await.unwrap()), vec![1, 2]);

        // The last page drops the acknowledged entry; the unacknowledged one stays.
        let last = batch(
            vec![change(
                "prospect",
                "a",
                2,
                Some(json!({"company": "华为技术"})),
            )],
            5,
            true,
            &[1, 2],
        );
        s.apply_pull(&last).await.unwrap();
        let state = s.sync_state().await.unwrap().unwrap();
        assert_eq!((state.cursor, state.last_synced_at), (5, Some(at())));
        assert_eq!(state.client_id, id(1));
        assert_eq!(ids(&s.outbox().await.unwrap()), vec![2]);
        let a = s.record(Entity::Prospect, "a").await.unwrap().unwrap();
        assert_eq!((a.version, a.data), (2, json!({"company": "华为技术"})));
        assert_eq!(s.records(Entity::Prospect).await.unwrap().len(), 2);
    }

    pub async fn a_tombstone_deletes_the_confirmed_record<S: Store>(s: &mut S) {
        s.init_sync_state(id(1)).await.unwrap();
        let page = batch(
            vec![prospect("a", json!(1)), prospect("b", json!(2))],
            1,
            true,
            &[],
        );
        s.apply_pull(&page).await.unwrap();
        // In one batch the last change of a record wins.
        let page = batch(
            vec![
                change("prospect", "a", 2, None),
                change("prospect", "b", 2, None),
                change("prospect", "b", 3, Some(json!(3))),
            ],
            2,
            true,
            &[],
        );
        s.apply_pull(&page).await.unwrap();
        assert_eq!(s.record(Entity::Prospect, "a").await.unwrap(), None);
        let b = s.records(Entity::Prospect).await.unwrap();
        assert_eq!(b.len(), 1);
        assert_eq!((b[0].id.as_str(), b[0].version), ("b", 3));
    }

    pub async fn records_of_an_entity_are_exactly_that_entitys_and_round_trip_their_data<
        S: Store,
    >(
        s: &mut S,
    ) {
        s.init_sync_state(id(1)).await.unwrap();
        let data = json!({"company": "华为", "employees": 9_007_199_254_740_993_i64,
                          "contacts": [{"name": "李雷", "phone": null}], "informatized": true});
        let page = batch(
            vec![
                prospect("p2", data.clone()),
                prospect("p1", json!({})),
                change("note", "n1", 1, Some(json!({"body": "x"}))),
                change("notes", "n2", 1, Some(json!({}))),
                change("approval", "x", 1, Some(json!({}))),
            ],
            1,
            true,
            &[],
        );
        s.apply_pull(&page).await.unwrap();
        let prospects = s.records(Entity::Prospect).await.unwrap();
        let ids: Vec<_> = prospects.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["p1", "p2"], "one entity, in id order");
        assert_eq!(prospects[1].data, data, "big integers and unicode intact");
        let notes = s.records(Entity::Note).await.unwrap();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].entity, Entity::Note);
        assert!(s.records(Entity::Quote).await.unwrap().is_empty());
        assert_eq!(s.record(Entity::Note, "p1").await.unwrap(), None);
    }

    pub async fn a_refetch_fills_staging_and_replaces_the_confirmed_state_only_when_complete<
        S: Store,
    >(
        s: &mut S,
    ) {
        s.init_sync_state(id(1)).await.unwrap();
        s.enqueue(mutation(1)).await.unwrap();
        let old = vec![prospect("a", json!(1)), prospect("b", json!(2))];
        s.apply_pull(&batch(old, 9, true, &[])).await.unwrap();

        s.start_refetch().await.unwrap();
        let state = s.sync_state().await.unwrap().unwrap();
        assert_eq!((state.cursor, state.refetching), (0, true));
        s.apply_pull(&batch(vec![prospect("a", json!(3))], 1, false, &[]))
            .await
            .unwrap();
        assert_eq!(
            s.records(Entity::Prospect).await.unwrap().len(),
            2,
            "old state readable mid-refetch"
        );
        assert_eq!(
            s.record(Entity::Prospect, "a").await.unwrap().unwrap().data,
            json!(1)
        );

        s.apply_pull(&batch(vec![prospect("c", json!(4))], 2, true, &[]))
            .await
            .unwrap();
        let records: Vec<_> = s
            .records(Entity::Prospect)
            .await
            .unwrap()
            .into_iter()
            .map(|r| (r.id, r.data))
            .collect();
        assert_eq!(
            records,
            vec![("a".to_string(), json!(3)), ("c".to_string(), json!(4))]
        );
        let state = s.sync_state().await.unwrap().unwrap();
        assert_eq!(
            (state.cursor, state.refetching, state.last_synced_at),
            (2, false, Some(at()))
        );
        assert_eq!(s.outbox().await.unwrap().len(), 1, "outbox untouched");

        // Staging was emptied: the next refetch starts from nothing.
        s.start_refetch().await.unwrap();
        s.apply_pull(&batch(vec![], 1, true, &[])).await.unwrap();
        assert!(s.records(Entity::Prospect).await.unwrap().is_empty());
    }

    pub async fn init_sync_state_creates_it_once_and_keeps_it<S: Store>(s: &mut S) {
        assert_eq!(s.sync_state().await.unwrap(), None);
        let first = s.init_sync_state(id(1)).await.unwrap();
        let expected = SyncState {
            client_id: id(1),
            cursor: 0,
            refetching: false,
            last_synced_at: None,
        };
        assert_eq!(first, expected);
        s.apply_pull(&batch(vec![], 7, true, &[])).await.unwrap();
        let again = s.init_sync_state(id(2)).await.unwrap();
        assert_eq!((again.client_id, again.cursor), (id(1), 7));
        assert_eq!(s.sync_state().await.unwrap(), Some(again));
    }

    /// What `prospect_summaries` must equal: the summaries of the confirmed prospects.
    async fn derived_summaries<S: Store>(s: &S) -> Vec<ProspectSummary> {
        let mut expected: Vec<ProspectSummary> = s
            .records(Entity::Prospect)
            .await
            .unwrap()
            .iter()
            .filter_map(ProspectSummary::of_record)
            .collect();
        expected.sort_by(|a, b| a.id.cmp(&b.id));
        expected
    }

    fn listed(company: &str, stage: &str) -> Value {
        json!({"company": company, "stage": stage, "status": "open",
               "contacts": [{"name": "王总", "phone": "0755-1"}],
               "grade": {"value": "B", "needs_confirmation": false}})
    }

    pub async fn prospect_summaries_follow_pulls_tombstones_and_refetches<S: Store>(s: &mut S) {
        s.init_sync_state(id(1)).await.unwrap();
        assert!(s.prospect_summaries().await.unwrap().is_empty());
        let many: Vec<Change> = (0..300)
            .map(|i| prospect(&format!("p{i:03}"), listed(&format!("厂 {i}"), "lead")))
            .collect();
        s.apply_pull(&batch(many, 1, true, &[])).await.unwrap();
        let after_first = s.prospect_summaries().await.unwrap();
        assert_eq!(after_first.len(), 300);
        assert_eq!(after_first, derived_summaries(s).await);

        // An edit, a tombstone and a note (not a prospect) in one page.
        let page = vec![
            prospect("p007", listed("改名厂", "demo")),
            change("prospect", "p008", 2, None),
            change(
                "note",
                "n1",
                1,
                Some(json!({"prospect_id": "p007", "body": "x"})),
            ),
        ];
        s.apply_pull(&batch(page, 2, true, &[])).await.unwrap();
        let summaries = s.prospect_summaries().await.unwrap();
        assert_eq!(summaries.len(), 299);
        assert_eq!(summaries, derived_summaries(s).await);
        let edited = summaries.iter().find(|x| x.id == "p007").unwrap();
        assert_eq!(edited.company, "改名厂");

        // A refetch keeps the old summaries readable until it completes, then replaces them.
        s.start_refetch().await.unwrap();
        s.apply_pull(&batch(
            vec![prospect("p001", listed("重取厂", "quote"))],
            3,
            false,
            &[],
        ))
        .await
        .unwrap();
        assert_eq!(s.prospect_summaries().await.unwrap().len(), 299);
        s.apply_pull(&batch(
            vec![prospect("p002", listed("乙", "lead"))],
            4,
            true,
            &[],
        ))
        .await
        .unwrap();
        let refetched = s.prospect_summaries().await.unwrap();
        let companies: Vec<&str> = refetched.iter().map(|x| x.company.as_str()).collect();
        assert_eq!(companies, ["重取厂", "乙"]);
        assert_eq!(refetched, derived_summaries(s).await);
    }

    pub async fn records_of_a_prospect_are_exactly_its_deal_records<S: Store>(s: &mut S) {
        s.init_sync_state(id(1)).await.unwrap();
        let page = vec![
            prospect("p1", json!({"company": "甲"})),
            prospect("p2", json!({"company": "乙"})),
            change(
                "note",
                "n1",
                1,
                Some(json!({"prospect_id": "p1", "body": "a"})),
            ),
            change(
                "note",
                "n2",
                1,
                Some(json!({"prospect_id": "p2", "body": "b"})),
            ),
            change(
                "note",
                "n3",
                1,
                Some(json!({"prospect_id": "p1", "body": "c"})),
            ),
            change(
                "activity",
                "a1",
                1,
                Some(json!({"prospect_id": "p1", "kind": "phone_call"})),
            ),
            change("quiz_attempt", "q1", 1, Some(json!({"score": 90}))),
        ];
        s.apply_pull(&batch(page, 1, true, &[])).await.unwrap();
        let ids = |records: Vec<Record>| {
            let mut ids: Vec<String> = records.into_iter().map(|r| r.id).collect();
            ids.sort();
            ids
        };
        assert_eq!(
            ids(s.records_of_prospect(Entity::Note, "p1").await.unwrap()),
            ["n1", "n3"]
        );
        assert_eq!(
            ids(s.records_of_prospect(Entity::Activity, "p1").await.unwrap()),
            ["a1"]
        );
        assert!(s
            .records_of_prospect(Entity::Activity, "p2")
            .await
            .unwrap()
            .is_empty());
        // A note moved to another prospect (or deleted) leaves the first one's list.
        let moved = vec![
            change(
                "note",
                "n1",
                2,
                Some(json!({"prospect_id": "p2", "body": "a"})),
            ),
            change("note", "n3", 2, None),
        ];
        s.apply_pull(&batch(moved, 2, true, &[])).await.unwrap();
        assert!(s
            .records_of_prospect(Entity::Note, "p1")
            .await
            .unwrap()
            .is_empty());
        assert_eq!(
            ids(s.records_of_prospect(Entity::Note, "p2").await.unwrap()),
            ["n1", "n2"]
        );
    }

    pub async fn the_session_is_stored_replaced_and_cleared<S: Store>(s: &mut S) {
        assert_eq!(s.session().await.unwrap(), None);
        s.set_session(Some(session())).await.unwrap();
        assert_eq!(s.session().await.unwrap(), Some(session()));
        let other = Session {
            token: "other".into(),
            ..session()
        };
        s.set_session(Some(other.clone())).await.unwrap();
        assert_eq!(s.session().await.unwrap(), Some(other));
        s.set_session(None).await.unwrap();
        assert_eq!(s.session().await.unwrap(), None);
    }

    pub async fn the_price_list_is_kept_with_its_lines_until_replaced<S: Store>(s: &mut S) {
        assert_eq!(s.price_list().await.unwrap(), None);
        let v1 = tuoke_sync::protocol::PriceListResponse {
            price_list: tuoke_core::pricing::demo_price_list().with_version(1),
            set_by: None,
            set_by_username: None,
            set_at: at(),
        };
        s.set_price_list(v1.clone()).await.unwrap();
        let kept = s.price_list().await.unwrap().unwrap();
        assert_eq!(kept, v1);
        assert!(kept.price_list.modules.len() >= 9);
        let v2 = tuoke_sync::protocol::PriceListResponse {
            price_list: tuoke_core::pricing::demo_price_list().with_version(2),
            set_by: Some("m1".into()),
            set_by_username: Some("manager1".into()),
            set_at: later(),
        };
        s.set_price_list(v2.clone()).await.unwrap();
        assert_eq!(s.price_list().await.unwrap(), Some(v2));
        // Kept apart from the session: signing in again does not drop it.
        s.set_session(Some(session())).await.unwrap();
        assert_eq!(
            s.price_list().await.unwrap().map(|l| l.price_list.version),
            Some(2)
        );
    }
}

/// Runs every scenario against `MemoryStore` (natively and in the browser) and `IdbStore`.
macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod memory {
            use tuoke_sync::store::{block_on_ready, MemoryStore};
            $(
                #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
                #[cfg_attr(not(target_arch = "wasm32"), test)]
                fn $name() {
                    block_on_ready(super::scenarios::$name(&mut MemoryStore::new()));
                }
            )*
        }

        #[cfg(target_arch = "wasm32")]
        mod indexeddb {
            $(
                #[wasm_bindgen_test::wasm_bindgen_test]
                async fn $name() {
                    let db = super::browser::TestDb::new(stringify!($name)).await;
                    super::scenarios::$name(&mut db.store.clone()).await;
                    db.delete().await;
                }
            )*
        }
    };
}

contract!(
    enqueueing_the_same_mutation_twice_keeps_one_entry_in_seq_order,
    push_results_mark_accepted_entries_and_move_rejected_ones_with_their_reason,
    rejections_are_listed_oldest_first_until_dismissed,
    a_pull_applies_changes_moves_the_cursor_and_drops_only_acknowledged_entries,
    a_tombstone_deletes_the_confirmed_record,
    records_of_an_entity_are_exactly_that_entitys_and_round_trip_their_data,
    a_refetch_fills_staging_and_replaces_the_confirmed_state_only_when_complete,
    init_sync_state_creates_it_once_and_keeps_it,
    the_session_is_stored_replaced_and_cleared,
    the_price_list_is_kept_with_its_lines_until_replaced,
    prospect_summaries_follow_pulls_tombstones_and_refetches,
    records_of_a_prospect_are_exactly_its_deal_records,
);

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::*;
    use std::future::{poll_fn, Future};
    use std::pin::pin;
    use std::task::Poll;
    use tuoke::store::schema::{self, SINGLE_ROW_KEY};
    use tuoke::store::{delete_database, Attachment, IdbStore, StoreError};
    use tuoke_sync::store::{OutboxEntry, Record, RejectedMutation};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// Polls two futures together (the two writes must be in flight at the same time).
    async fn join<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
        let (mut a, mut b) = (pin!(a), pin!(b));
        let (mut ra, mut rb) = (None, None);
        poll_fn(|cx| {
            if ra.is_none() {
                if let Poll::Ready(v) = a.as_mut().poll(cx) {
                    ra = Some(v);
                }
            }
            if rb.is_none() {
                if let Poll::Ready(v) = b.as_mut().poll(cx) {
                    rb = Some(v);
                }
            }
            match (ra.take(), rb.take()) {
                (Some(x), Some(y)) => Poll::Ready((x, y)),
                (x, y) => {
                    (ra, rb) = (x, y);
                    Poll::Pending
                }
            }
        })
        .await
    }

    /// A fresh database with a unique name, deleted at the end of the test.
    pub struct TestDb {
        pub name: String,
        pub store: IdbStore,
    }

    impl TestDb {
        pub async fn new(label: &str) -> TestDb {
            let name = unique_name(label);
            let store = IdbStore::open(&name).await.unwrap();
            TestDb { name, store }
        }

        pub async fn delete(self) {
            self.store.close();
            delete_database(&self.name).await.unwrap();
        }
    }

    fn unique_name(label: &str) -> String {
        let n = (js_sys::Math::random() * 1e15) as u64;
        format!("tuoke-test-{label}-{n}")
    }

    /// Everything the `Store` trait can read.
    #[derive(Debug, PartialEq)]
    struct Snapshot {
        sync_state: Option<SyncState>,
        outbox: Vec<OutboxEntry>,
        rejected: Vec<RejectedMutation>,
        prospects: Vec<Record>,
        session: Option<Session>,
    }

    async fn snapshot(s: &IdbStore) -> Snapshot {
        Snapshot {
            sync_state: s.sync_state().await.unwrap(),
            outbox: s.outbox().await.unwrap(),
            rejected: s.rejected().await.unwrap(),
            prospects: s.records(Entity::Prospect).await.unwrap(),
            session: s.session().await.unwrap(),
        }
    }

    /// A store with some of everything: two outbox entries (the first acknowledged), a
    /// rejection, confirmed records, a session.
    async fn populated(label: &str) -> TestDb {
        let db = TestDb::new(label).await;
        let mut s = db.store.clone();
        s.init_sync_state(id(1)).await.unwrap();
        for n in [1, 2, 3] {
            s.enqueue(mutation(n)).await.unwrap();
        }
        let acks = [
            Ack::Accepted {
                id: id(1),
                status: MutationStatus::Applied,
            },
            Ack::Rejected {
                id: id(3),
                reason: "no".into(),
                code: None,
            },
        ];
        s.record_push_results(&acks, at()).await.unwrap();
        let page = batch(
            vec![
                prospect("a", json!({"company": "A"})),
                prospect("b", json!({})),
            ],
            4,
            true,
            &[],
        );
        s.apply_pull(&page).await.unwrap();
        s.set_session(Some(session())).await.unwrap();
        db
    }

    fn photo(n: u128, uploaded: bool) -> Attachment {
        Attachment {
            id: id(n),
            prospect_id: "a".into(),
            note_id: n.is_multiple_of(2).then(|| id(1000 + n).to_string()),
            content_type: "image/jpeg".into(),
            bytes: (0..=255).cycle().take(3000 + n as usize).collect(),
            uploaded,
            created_at: at(),
        }
    }

    fn js(value: Value) -> JsValue {
        use serde::Serialize;
        value
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .unwrap()
    }

    #[wasm_bindgen_test]
    async fn a_version_1_database_upgrades_to_the_current_schema_keeping_all_its_data() {
        let name = unique_name("v1");
        // What a version-1 build left on the phone, row by row in its on-disk format.
        let v1 = schema::builder(&name, 1).build().await.unwrap();
        assert!(!v1.store_names().contains(&schema::ATTACHMENTS.to_string()));
        let stores = [
            schema::RECORDS,
            schema::OUTBOX,
            schema::REJECTED,
            schema::SYNC_STATE,
            schema::SESSION,
        ];
        let tx = v1
            .transaction(&stores, rexie::TransactionMode::ReadWrite)
            .unwrap();
        let records = tx.store(schema::RECORDS).unwrap();
        for (entity, rid, data) in [
            ("prospect", "p1", r#"{"company":"华为","employees":12000}"#),
            ("prospect", "p2", r#"{"company":"B"}"#),
            ("note", "n1", r#"{"body":"first visit"}"#),
        ] {
            let row = json!({"entity": entity, "id": rid, "version": 3, "data": data});
            records.put(&js(row), None).await.unwrap();
        }
        let outbox = tx.store(schema::OUTBOX).unwrap();
        for (n, acked) in [(1, json!("applied")), (2, Value::Null)] {
            let text = serde_json::to_string(&mutation(n)).unwrap();
            let row = json!({"id": id(n), "mutation": text, "acked": acked});
            outbox.add(&js(row), None).await.unwrap();
        }
        let rejected_row = json!({"id": id(3), "seq": 3,
            "mutation": serde_json::to_string(&mutation(3)).unwrap(),
            "reason": "body: must not be empty", "rejected_at": "2026-03-02T08:00:00Z"});
        tx.store(schema::REJECTED)
            .unwrap()
            .put(&js(rejected_row), None)
            .await
            .unwrap();
        let state = json!({"client_id": id(9), "cursor": 42, "refetching": false,
                           "last_synced_at": "2026-03-02T08:00:00Z"});
        tx.store(schema::SYNC_STATE)
            .unwrap()
            .put(&js(state), Some(&SINGLE_ROW_KEY.into()))
            .await
            .unwrap();
        tx.store(schema::SESSION)
            .unwrap()
            .put(&js(json!(session())), Some(&SINGLE_ROW_KEY.into()))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        v1.close();

        let mut s = IdbStore::open(&name).await.unwrap();
        assert_eq!(s.version().unwrap(), schema::CURRENT_VERSION);
        assert!(s.store_names().contains(&schema::ATTACHMENTS.to_string()));

        let prospects = s.records(Entity::Prospect).await.unwrap();
        assert_eq!(prospects.len(), 2);
        assert_eq!(
            prospects[0].data,
            json!({"company": "华为", "employees": 12000})
        );
        assert_eq!(s.records(Entity::Note).await.unwrap().len(), 1);
        let outbox = s.outbox().await.unwrap();
        let entries: Vec<_> = outbox
            .iter()
            .map(|e| (e.seq, e.mutation.clone(), e.acked))
            .collect();
        assert_eq!(
            entries,
            vec![
                (1, mutation(1), Some(MutationStatus::Applied)),
                (2, mutation(2), None)
            ]
        );
        let rejected = s.rejected().await.unwrap();
        assert_eq!(rejected.len(), 1);
        assert_eq!(rejected[0].mutation, mutation(3));
        let state = s.sync_state().await.unwrap().unwrap();
        assert_eq!(
            (state.client_id, state.cursor, state.last_synced_at),
            (id(9), 42, Some(at()))
        );
        assert_eq!(s.session().await.unwrap(), Some(session()));

        // The upgraded database keeps working: the outbox continues its sequence...
        s.enqueue(mutation(4)).await.unwrap();
        assert_eq!(s.outbox().await.unwrap()[2].seq, 3);
        // ...and v2's attachments store and its indexes are there.
        s.put_attachment(&photo(1, false)).await.unwrap();
        s.put_attachment(&photo(2, true)).await.unwrap();
        assert_eq!(s.attachment(id(1)).await.unwrap(), Some(photo(1, false)));
        assert_eq!(s.pending_uploads().await.unwrap(), vec![photo(1, false)]);
        assert_eq!(s.attachments_of_prospect("a").await.unwrap().len(), 2);
        s.mark_uploaded(id(1)).await.unwrap();
        assert!(s.pending_uploads().await.unwrap().is_empty());
        assert_eq!(s.attachment(id(1)).await.unwrap(), Some(photo(1, true)));

        s.close();
        delete_database(&name).await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn a_version_2_database_gets_prospect_summaries_and_the_deal_index_on_upgrade() {
        let name = unique_name("v2");
        let v2 = schema::builder(&name, 2).build().await.unwrap();
        let tx = v2
            .transaction(&[schema::RECORDS], rexie::TransactionMode::ReadWrite)
            .unwrap();
        let records = tx.store(schema::RECORDS).unwrap();
        // v2 rows: no `prospect_id` property, whatever the data says.
        for (entity, rid, data) in [
            (
                "prospect",
                "p1",
                r#"{"company":"华为","stage":"demo","status":"open"}"#,
            ),
            ("prospect", "p2", r#"{"company":"B"}"#),
            ("note", "n1", r#"{"prospect_id":"p1","body":"first visit"}"#),
            ("note", "n2", r#"{"prospect_id":"p2","body":"call"}"#),
        ] {
            let row = json!({"entity": entity, "id": rid, "version": 3, "data": data});
            records.put(&js(row), None).await.unwrap();
        }
        tx.commit().await.unwrap();
        v2.close();

        let s = IdbStore::open(&name).await.unwrap();
        let summaries = s.prospect_summaries().await.unwrap();
        let companies: Vec<(&str, &str)> = summaries
            .iter()
            .map(|x| (x.id.as_str(), x.company.as_str()))
            .collect();
        assert_eq!(companies, [("p1", "华为"), ("p2", "B")]);
        assert_eq!(summaries[0].stage, tuoke_core::types::Stage::Demo);
        let notes = s.records_of_prospect(Entity::Note, "p1").await.unwrap();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].id, "n1");
        // The rebuild ran once: reopening finds the marker and changes nothing.
        s.close();
        let s = IdbStore::open(&name).await.unwrap();
        assert_eq!(s.prospect_summaries().await.unwrap(), summaries);
        s.close();
        delete_database(&name).await.unwrap();
    }

    /// Waits (bounded, never a fixed sleep) until `cond` holds; whether it did.
    async fn eventually(cond: impl Fn() -> bool) -> bool {
        for _ in 0..2000 {
            if cond() {
                return true;
            }
            gloo::timers::future::TimeoutFuture::new(5).await;
        }
        cond()
    }

    #[wasm_bindgen_test]
    async fn an_upgrade_held_back_by_another_tab_says_so_and_completes_once_that_tab_closes() {
        let name = unique_name("blocked");
        let older = schema::CURRENT_VERSION - 1;
        schema::builder(&name, older).build().await.unwrap().close();
        // Another tab of an old build, whose connection ignores `versionchange`.
        let held = idb::Factory::new()
            .unwrap()
            .open(&name, Some(older))
            .unwrap()
            .await
            .unwrap();
        let blocked = std::rc::Rc::new(std::cell::Cell::new(false));
        let flag = blocked.clone();
        let opening = IdbStore::open_reporting_blocked(&name, move || flag.set(true));
        let release = async {
            let said = eventually(|| blocked.get()).await;
            held.close();
            said
        };
        let (store, said) = join(opening, release).await;
        assert!(said, "the blocked upgrade was not reported");
        let store = store.unwrap();
        assert_eq!(store.version().unwrap(), schema::CURRENT_VERSION);
        assert_eq!(
            store.store_names().len(),
            schema::stores_at(schema::CURRENT_VERSION).count()
        );
        store.close();
        delete_database(&name).await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn opening_next_to_a_tab_of_the_same_version_reports_nothing() {
        let db = TestDb::new("not-blocked").await;
        let blocked = std::rc::Rc::new(std::cell::Cell::new(false));
        let flag = blocked.clone();
        let second = IdbStore::open_reporting_blocked(&db.name, move || flag.set(true))
            .await
            .unwrap();
        assert!(!blocked.get());
        second.close();
        db.delete().await;
    }

    #[wasm_bindgen_test]
    async fn opening_a_database_of_a_newer_app_version_fails_with_version_too_new() {
        let name = unique_name("newer");
        let newer = schema::builder(&name, schema::CURRENT_VERSION + 1)
            .build()
            .await
            .unwrap();
        newer.close();
        let err = IdbStore::open(&name).await.unwrap_err();
        assert!(matches!(err, StoreError::VersionTooNew(_)), "{err:?}");
        delete_database(&name).await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn an_aborted_write_changes_nothing_and_the_retry_succeeds() {
        let db = populated("aborted").await;
        let mut s = db.store.clone();
        let before = snapshot(&s).await;

        // Each write makes all its requests, then its transaction aborts.
        let pull = batch(
            vec![
                prospect("a", json!({"company": "changed"})),
                change("prospect", "b", 2, None),
                prospect("c", json!({})),
            ],
            9,
            true,
            &[1],
        );
        s.abort_next_writes(5);
        let aborted = [
            s.apply_pull(&pull).await,
            s.enqueue(mutation(7)).await,
            s.record_push_results(
                &[Ack::Rejected {
                    id: id(2),
                    reason: "x".into(),
                    code: None,
                }],
                at(),
            )
            .await,
            s.start_refetch().await,
            s.set_session(None).await,
        ];
        for result in aborted {
            assert!(matches!(result, Err(StoreError::Aborted(_))), "{result:?}");
        }
        assert_eq!(snapshot(&s).await, before);

        s.apply_pull(&pull).await.unwrap();
        let after = snapshot(&s).await;
        assert_eq!(after.sync_state.unwrap().cursor, 9);
        let prospects: Vec<_> = after.prospects.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(prospects, ["a", "c"]);
        let outbox: Vec<_> = after.outbox.iter().map(|e| e.mutation.id).collect();
        assert_eq!(outbox, [id(2)]);
        db.delete().await;
    }

    #[wasm_bindgen_test]
    async fn a_write_failing_half_way_rolls_back_what_it_already_wrote() {
        let db = populated("halfway").await;
        let mut s = db.store.clone();
        let before = snapshot(&s).await;
        // The delete of `a` is written, then `b`'s version cannot be stored (not a safe
        // JavaScript integer): the whole pull must be rolled back, `a` included.
        let pull = batch(
            vec![
                change("prospect", "a", 2, None),
                change("prospect", "b", i64::MAX, Some(json!({}))),
            ],
            9,
            true,
            &[1],
        );
        let err = s.apply_pull(&pull).await.unwrap_err();
        assert!(matches!(err, StoreError::Idb(_)), "{err:?}");
        assert_eq!(snapshot(&s).await, before);
        db.delete().await;
    }

    #[wasm_bindgen_test]
    async fn two_connections_enqueueing_at_once_both_land_with_distinct_seqs() {
        let db = TestDb::new("race").await;
        let (mut a, mut b) = (db.store.clone(), IdbStore::open(&db.name).await.unwrap());
        let (ra, rb) = join(a.enqueue(mutation(1)), b.enqueue(mutation(2))).await;
        ra.unwrap();
        rb.unwrap();
        // The same mutation from both at once is still one entry.
        let (ra, rb) = join(a.enqueue(mutation(3)), b.enqueue(mutation(3))).await;
        ra.unwrap();
        rb.unwrap();
        for store in [&a, &b] {
            let outbox = store.outbox().await.unwrap();
            let mut ids: Vec<_> = outbox.iter().map(|e| e.mutation.id.as_u128()).collect();
            ids.sort();
            assert_eq!(ids, [1, 2, 3]);
            let mut seqs: Vec<_> = outbox.iter().map(|e| e.seq).collect();
            seqs.dedup();
            assert_eq!(seqs.len(), 3, "distinct seqs: {seqs:?}");
        }
        b.close();
        db.delete().await;
    }

    /// The outbox as a connection of its own reads it from IndexedDB.
    async fn fresh_outbox(name: &str) -> Vec<OutboxEntry> {
        let fresh = IdbStore::open(name).await.unwrap();
        let outbox = fresh.outbox().await.unwrap();
        fresh.close();
        outbox
    }

    #[wasm_bindgen_test]
    async fn the_cached_outbox_stays_equal_to_a_fresh_read_through_every_kind_of_write() {
        let db = TestDb::new("cache").await;
        let mut s = db.store.clone();
        let clone = db.store.clone();
        s.init_sync_state(id(1)).await.unwrap();
        assert!(s.outbox().await.unwrap().is_empty(), "fills the cache");

        macro_rules! same {
            ($what:expr) => {{
                let cached = s.outbox().await.unwrap();
                assert_eq!(cached, fresh_outbox(&db.name).await, "after {}", $what);
                assert_eq!(clone.outbox().await.unwrap(), cached, "clones share it");
                cached
            }};
        }

        for n in [1, 2, 3, 4, 5, 2] {
            s.enqueue(mutation(n)).await.unwrap();
        }
        assert_eq!(same!("enqueue").len(), 5);

        let acks = [
            Ack::Accepted {
                id: id(1),
                status: MutationStatus::Applied,
            },
            Ack::Rejected {
                id: id(3),
                reason: "no".into(),
                code: None,
            },
            Ack::Accepted {
                id: id(4),
                status: MutationStatus::PendingApproval,
            },
            Ack::Accepted {
                id: id(99),
                status: MutationStatus::Duplicate,
            },
        ];
        s.record_push_results(&acks, at()).await.unwrap();
        same!("record_push_results");

        // Drops 1 (acknowledged), keeps 2 and 5 (not acknowledged), 3 is gone already.
        s.apply_pull(&batch(vec![prospect("a", json!({}))], 3, true, &[1, 2, 3]))
            .await
            .unwrap();
        let outbox = same!("apply_pull");
        let ids: Vec<_> = outbox.iter().map(|e| e.mutation.id.as_u128()).collect();
        assert_eq!(ids, [2, 4, 5]);

        // Writes that fail leave a cache equal to the database.
        s.abort_next_writes(3);
        assert!(s.enqueue(mutation(6)).await.is_err());
        same!("an aborted enqueue");
        let ack = Ack::Rejected {
            id: id(2),
            reason: "x".into(),
            code: None,
        };
        assert!(s.record_push_results(&[ack], at()).await.is_err());
        same!("aborted push results");
        assert!(s.apply_pull(&batch(vec![], 4, true, &[4])).await.is_err());
        same!("an aborted pull");
        let half_way = batch(
            vec![change("prospect", "b", i64::MAX, Some(json!({})))],
            4,
            true,
            &[4],
        );
        assert!(s.apply_pull(&half_way).await.is_err());
        same!("a pull failing half-way");

        // And keeps following the writes after a failure.
        s.enqueue(mutation(6)).await.unwrap();
        s.apply_pull(&batch(vec![], 4, true, &[4])).await.unwrap();
        let outbox = same!("writes after a failure");
        let ids: Vec<_> = outbox.iter().map(|e| e.mutation.id.as_u128()).collect();
        assert_eq!(ids, [2, 5, 6]);
        assert!(outbox.windows(2).all(|w| w[0].seq < w[1].seq));

        // Another connection's write reaches this one's cache only once it is forgotten.
        let mut other = IdbStore::open(&db.name).await.unwrap();
        other.enqueue(mutation(7)).await.unwrap();
        assert_eq!(s.outbox().await.unwrap(), outbox, "answered from the cache");
        clone.forget_cache();
        let outbox = same!("forget_cache");
        assert_eq!(outbox.last().unwrap().mutation, mutation(7));
        other.close();
        db.delete().await;
    }

    #[wasm_bindgen_test]
    async fn everything_survives_closing_and_reopening_the_database() {
        let db = populated("reopen").await;
        db.store.put_attachment(&photo(2, false)).await.unwrap();
        let before = snapshot(&db.store).await;
        assert_eq!(before.outbox.len(), 2);
        assert_eq!(before.rejected.len(), 1);
        let name = db.name.clone();
        db.store.close();

        let reopened = IdbStore::open(&name).await.unwrap();
        assert_eq!(snapshot(&reopened).await, before);
        assert_eq!(
            reopened.pending_uploads().await.unwrap(),
            vec![photo(2, false)]
        );
        reopened.close();
        delete_database(&name).await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn a_closed_connection_reports_closed() {
        let db = TestDb::new("closed").await;
        let name = db.name.clone();
        let mut s = db.store;
        let held = s.clone();
        // Deleting the database makes every open connection close itself (versionchange).
        delete_database(&name).await.unwrap();
        let err = s.enqueue(mutation(1)).await.unwrap_err();
        assert!(matches!(err, StoreError::Closed), "{err:?}");
        drop(held);
    }
}

/// A record may carry any instant chrono reads (one stored before the server checked dates,
/// or sent by a buggy server): everything the phone computes from a pull must survive it.
#[cfg(target_arch = "wasm32")]
mod out_of_range_dates {
    use super::browser::TestDb;
    use super::*;
    use chrono::{FixedOffset, NaiveDate};
    use tuoke::i18n::{I18n, Lang};
    use tuoke::pages::today::approval::approvals;
    use tuoke::pages::today::model::{due_groups, logged_work, portfolio};
    use tuoke::services::time::{self, Style, PLACEHOLDER};
    use tuoke_core::cadence::monthly_plan;
    use tuoke_sync::engine::{Activity, SyncStatus};
    use tuoke_sync::summary::{load_prospect, ProspectList};
    use tuoke_sync::view::{LocalView, ViewContext};
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The last instant chrono can hold, to the second.
    const END: &str = "+262142-12-31T23:59:59Z";
    /// The first one.
    const START: &str = "-262143-01-01T00:00:00Z";
    /// An instant in range, for comparison.
    const NORMAL: &str = "2026-03-02T04:00:00Z";

    fn instant(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    /// What the server sends: a prospect created at the end of time whose dates are out of
    /// range, two more whose due dates are at either end, and deal records at both ends.
    fn pulled(me: &str) -> Vec<Change> {
        let prospect = |n: u128, due: &str, last: Option<&str>| {
            let mut data = json!({
                "id": id(n), "company": format!("厂 {n}"), "owner_id": me,
                "stage": "first_visit", "status": "open", "pending_stage": null,
                "created_at": END, "updated_at": END, "next_contact_due": due,
                "target_fit": {"status": "in", "reasons": []},
                "grade": {"value": "B", "computed": "B", "needs_confirmation": false,
                          "overridden": false, "explanation": []}
            });
            if let Some(last) = last {
                data["last_contact"] = json!(last);
            }
            change("prospect", &id(n).to_string(), 1, Some(data))
        };
        let p = id(7);
        vec![
            prospect(7, "+262142-12-31", Some("-262143-01-01")),
            prospect(8, "-262143-01-01", None),
            prospect(9, "+262142-12-31", None),
            change(
                "activity",
                &id(20).to_string(),
                1,
                Some(json!({"id": id(20), "prospect_id": p, "author_id": me,
                            "kind": "visit", "at": END, "summary": "拜访",
                            "created_at": END})),
            ),
            change(
                "activity",
                &id(21).to_string(),
                1,
                Some(json!({"id": id(21), "prospect_id": p, "author_id": me,
                            "kind": "phone_call", "at": START, "summary": "电话",
                            "created_at": START})),
            ),
            change(
                "activity",
                &id(22).to_string(),
                1,
                Some(json!({"id": id(22), "prospect_id": p, "author_id": me,
                            "kind": "phone_call", "at": NORMAL, "summary": "电话",
                            "created_at": NORMAL})),
            ),
            change(
                "note",
                &id(30).to_string(),
                1,
                Some(json!({"id": id(30), "prospect_id": p, "body": "很久以前",
                            "kind": "visit", "taken_at": START})),
            ),
            change(
                "note",
                &id(31).to_string(),
                1,
                Some(json!({"id": id(31), "prospect_id": p, "body": "很久以后",
                            "kind": "visit", "taken_at": END, "created_at": END})),
            ),
            // No time at all: the timeline places it at the first instant.
            change(
                "note",
                &id(32).to_string(),
                1,
                Some(json!({"id": id(32), "prospect_id": p, "body": "无时间"})),
            ),
            change(
                "approval",
                &id(40).to_string(),
                1,
                Some(json!({"id": id(40), "kind": "stage_move", "prospect_id": p,
                            "requested_by": me, "approver_id": "boss", "to": "exchange",
                            "status": "approved", "created_at": START, "decided_at": END})),
            ),
        ]
    }

    #[wasm_bindgen_test]
    async fn pulled_records_with_out_of_range_dates_show_a_placeholder_and_nothing_panics() {
        let db = TestDb::new("out-of-range").await;
        let mut s = db.store.clone();
        let me = id(5).to_string();
        s.init_sync_state(id(1)).await.unwrap();
        // A phone clock gone wrong as well: the pull completes "at" the end of time.
        let page = PullBatch {
            at: instant(END),
            ..batch(pulled(&me), 1, true, &[])
        };
        s.apply_pull(&page).await.unwrap();
        // Local changes on the odd prospect make the view recompute its derived fields.
        let p = id(7).to_string();
        let log = json!({"id": id(23), "prospect_id": p, "kind": "phone_call",
                         "at": "2026-03-02T07:00:00Z", "summary": "电话"});
        s.enqueue(Mutation::new(id(60), MutationKind::ActivityLog, log, at()))
            .await
            .unwrap();
        let put = json!({"id": p, "patch": {"products": "电机"}});
        s.enqueue(Mutation::new(id(61), MutationKind::ProspectPut, put, at()))
            .await
            .unwrap();

        let today: NaiveDate = "2026-03-02".parse().unwrap();
        let ctx = ViewContext {
            me: Some(me.clone()),
            today,
        };
        let i18n = I18n {
            lang: Lang::En,
            set_lang: yew::Callback::noop(),
        };

        // The prospect list (summaries stored in IndexedDB, the outbox on top) and what the
        // lists show of each.
        let list = ProspectList::load(&s, &ctx).await.unwrap();
        assert_eq!(list.prospects.len(), 3);
        let far = list.get(&id(9).to_string()).unwrap();
        assert_eq!(far.updated_at, Some(instant(END)), "stored and read back");
        assert_eq!(far.next_contact_due, Some(NaiveDate::MAX));
        for summary in &list.prospects {
            let _ =
                tuoke::components::prospect_row::due_text(&i18n, summary.next_contact_due, today);
            if let Some(at) = summary.updated_at {
                assert_eq!(time::local(at, Style::DateTime), PLACEHOLDER);
            }
        }

        // Today: the agenda, the month's plan, the approvals.
        let view = LocalView::load(&s, Entity::ALL, &ctx).await.unwrap();
        let groups = due_groups(&list.prospects, &me, today);
        let due: Vec<NaiveDate> = groups
            .iter()
            .flat_map(|g| g.entries.iter().map(|(_, e)| e.due))
            .collect();
        assert!(due.iter().all(|d| *d <= today), "{due:?}");
        let logged = logged_work(view.entity(Entity::Activity), &list.prospects, &me);
        assert_eq!(logged.len(), 4, "three pulled, one logged here");
        let plan = monthly_plan(&portfolio(&list.prospects, &me), &logged, 2026, 3);
        assert_eq!(plan.rows.iter().map(|r| r.actual_days).sum::<u32>(), 1);
        let (_, mine) = approvals(view.entity(Entity::Approval), &me, at());
        assert_eq!(mine.len(), 1);
        let record = mine[0].record().expect("a pulled approval");
        for at in [Some(record.created_at), record.decided_at]
            .into_iter()
            .flatten()
        {
            assert_eq!(time::local(at, Style::Relative), PLACEHOLDER);
        }

        // The prospect's timeline: only the two contacts in range show a time.
        let deal = load_prospect(&s, &p, Entity::ALL, &ctx).await.unwrap();
        let entries = tuoke::pages::timeline(&deal, &p);
        assert_eq!(entries.len(), 7);
        let shown: Vec<(String, String)> =
            entries.iter().map(|e| (e.id.clone(), e.when())).collect();
        for (entry_id, when) in &shown {
            let in_range = [id(22).to_string(), id(23).to_string()].contains(entry_id);
            assert_eq!(when == PLACEHOLDER, !in_range, "{shown:?}");
        }
        assert!(shown.contains(&(
            id(22).to_string(),
            time::local(instant(NORMAL), Style::DateTime)
        )));
        // In every time zone, whatever the browser's, and in every style.
        let zones = [-12, -8, 0, 8, 14].map(|h| FixedOffset::east_opt(h * 3600).unwrap());
        let styles = [
            Style::Clock,
            Style::DayTime,
            Style::DateTime,
            Style::Relative,
            Style::Input,
        ];
        for entry in &entries {
            for zone in zones {
                for style in styles {
                    let text = time::in_offset(entry.at, zone, today, style);
                    let expected = match style {
                        Style::Input => "",
                        _ => PLACEHOLDER,
                    };
                    assert_eq!(text == expected, entry.when() == PLACEHOLDER);
                }
            }
            assert_eq!(
                time::local(entry.at, Style::Input).is_empty(),
                entry.when() == PLACEHOLDER
            );
        }

        // The sync screen: when the phone last synced, and when it retries.
        let last = s.sync_state().await.unwrap().unwrap().last_synced_at;
        assert_eq!(last, Some(instant(END)));
        let status = SyncStatus {
            online: true,
            activity: Activity::Retrying { at: instant(END) },
            pending: 0,
            last_synced_at: last,
            last_error: None,
            rejected: vec![],
        };
        assert_eq!(time::local(last.unwrap(), Style::Relative), PLACEHOLDER);
        let line = tuoke::pages::sync::status_line(&i18n, &status);
        assert!(line.contains(PLACEHOLDER), "{line}");
        db.delete().await;
    }
}
