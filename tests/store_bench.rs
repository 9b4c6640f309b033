//! Timings of the IndexedDB store in headless Chromium. Prints numbers, asserts only
//! correctness (timings depend on the machine):
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver \
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test -p tuoke --target wasm32-unknown-unknown --test store_bench -- --nocapture
//! ```
//! (add `--release` for optimised wasm, closer to the shipped app).
#![cfg(target_arch = "wasm32")]

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use tuoke::store::{delete_database, IdbStore};
use tuoke_core::activity::{NoteAddArgs, NoteKind};
use tuoke_core::contract::{Entity, MutationKind};
use tuoke_sync::protocol::{Change, Mutation};
use tuoke_sync::store::{PullBatch, Store};
use tuoke_sync::summary::ProspectList;
use tuoke_sync::view::ViewContext;
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ENQUEUE_RUNS: usize = 200;
const PROSPECTS: usize = 10_000;
const LOAD_RUNS: usize = 5;

fn now_ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

fn at() -> DateTime<Utc> {
    "2026-03-02T08:00:00Z".parse().unwrap()
}

fn print(line: String) {
    web_sys::console::log_1(&line.into());
}

/// The `q`-quantile (nearest rank) of sorted samples.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

async fn fresh(label: &str) -> (String, IdbStore) {
    let name = format!(
        "tuoke-bench-{label}-{}",
        (js_sys::Math::random() * 1e15) as u64
    );
    let store = IdbStore::open(&name).await.unwrap();
    (name, store)
}

/// A prospect as pulled, about 1 KB of JSON like the server's (API.md's fields).
fn prospect(i: usize) -> Value {
    json!({
        "id": Uuid::from_u128(i as u128), "company": format!("深圳华强电子有限公司 {i}"),
        "industry": "electronics", "annual_revenue_cny": 120_000_000 + i, "annual_profit_cny": 9_000_000,
        "employees": 450, "products": "PCB 组件, 电源模块", "region": "华南", "source": "event",
        "informatized": i.is_multiple_of(2), "current_system": "自建系统",
        "qualification": {"objective_need": true, "subjective_need": true, "determination": "high",
            "feasibility_started": true, "dissatisfaction": "mid", "selection_started": false},
        "schedule": {"selection_start": "2026-04-01", "selection_end": "2026-05-15",
            "vendor_decision": "2026-06-01", "contract": "2026-06-20"},
        "contacts": [{"name": "王总", "role": "boss", "phone": "0755-83000001"},
                     {"name": "李工", "role": "it", "phone": "0755-83000002"}],
        "owner_id": Uuid::from_u128(77), "stage": "first_visit", "status": "open",
        "pending_stage": null, "created_at": "2026-01-05T08:00:00Z",
        "updated_at": "2026-03-01T10:30:00Z", "next_contact_due": "2026-03-09",
        "target_fit": {"status": "in", "reasons": ["industry", "revenue"]},
        "grade": {"value": "B", "computed": "B", "needs_confirmation": false, "overridden": false,
            "explanation": ["objective_need", "subjective_need", "determination:high"]}
    })
}

#[wasm_bindgen_test]
async fn enqueue_of_a_note_from_call_to_commit() {
    let (name, mut store) = fresh("enqueue").await;
    let mut samples = Vec::with_capacity(ENQUEUE_RUNS);
    for i in 0..ENQUEUE_RUNS {
        let args = NoteAddArgs {
            id: Uuid::from_u128(10_000 + i as u128),
            prospect_id: Uuid::from_u128(7),
            body: "拜访了王总，确认了预算和选型时间表。".into(),
            kind: NoteKind::Visit,
            taken_at: at(),
            attachment_ids: Vec::new(),
        };
        let mutation = Mutation::note_add(Uuid::from_u128(i as u128), &args, at());
        let start = now_ms();
        store.enqueue(mutation).await.unwrap();
        samples.push(now_ms() - start);
    }
    assert_eq!(store.outbox().await.unwrap().len(), ENQUEUE_RUNS);
    samples.sort_by(f64::total_cmp);
    print(format!(
        "enqueue note.add ({ENQUEUE_RUNS} runs, call to transaction complete): \
         p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        quantile(&samples, 0.5),
        quantile(&samples, 0.95),
        samples[samples.len() - 1],
    ));
    store.close();
    delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn loading_10000_prospects() {
    let (name, mut store) = fresh("load").await;
    store.init_sync_state(Uuid::from_u128(1)).await.unwrap();
    // The pages the app pulls (src/sync/driver.rs: pull_limit).
    let page = 2_000;
    let start = now_ms();
    for first in (0..PROSPECTS).step_by(page) {
        let changes = (first..(first + page).min(PROSPECTS))
            .map(|i| Change {
                entity: "prospect".into(),
                id: Uuid::from_u128(i as u128).to_string(),
                version: 1,
                data: Some(prospect(i)),
            })
            .collect();
        let batch = PullBatch {
            changes,
            cursor: (first + page) as i64,
            complete: first + page >= PROSPECTS,
            drop_acked: Vec::new(),
            at: at(),
        };
        store.apply_pull(&batch).await.unwrap();
    }
    let write_ms = now_ms() - start;
    // A few other records, so that the load has to pick the entity out.
    let others = (0..500)
        .map(|i| Change {
            entity: "note".into(),
            id: i.to_string(),
            version: 1,
            data: Some(json!({"body": "n"})),
        })
        .collect();
    let batch = PullBatch {
        changes: others,
        cursor: 1_000_000,
        complete: true,
        drop_acked: Vec::new(),
        at: at(),
    };
    store.apply_pull(&batch).await.unwrap();

    // What the app loads at start: the list (summaries, plus the outbox's prospects in full).
    // Ten prospects with local edits waiting in the outbox, as after a morning offline.
    for i in 0..10u128 {
        let args = json!({"id": Uuid::from_u128(i * 97), "patch": {"products": "伺服电机"}});
        let m = Mutation::new(
            Uuid::from_u128(500_000 + i),
            MutationKind::ProspectPut,
            args,
            at(),
        );
        store.enqueue(m).await.unwrap();
    }
    let ctx = ViewContext {
        me: Some(Uuid::from_u128(77).to_string()),
        today: "2026-03-02".parse().unwrap(),
    };
    let mut list_samples = Vec::with_capacity(LOAD_RUNS);
    for _ in 0..LOAD_RUNS {
        store.forget_cache();
        let start = now_ms();
        let list = ProspectList::load(&store, &ctx).await.unwrap();
        list_samples.push(now_ms() - start);
        assert_eq!(list.prospects.len(), PROSPECTS);
        assert_eq!(list.prospects.iter().filter(|p| p.pending).count(), 10);
    }
    // The full records, for comparison (the prospect screen reads one by key instead).
    let mut samples = Vec::with_capacity(LOAD_RUNS);
    for _ in 0..LOAD_RUNS {
        let start = now_ms();
        let records = store.records(Entity::Prospect).await.unwrap();
        samples.push(now_ms() - start);
        assert_eq!(records.len(), PROSPECTS);
    }
    let bytes = prospect(PROSPECTS / 2).to_string().len();
    samples.sort_by(f64::total_cmp);
    list_samples.sort_by(f64::total_cmp);
    print(format!(
        "write {PROSPECTS} prospects (~{bytes} B of JSON each) with apply_pull in pages of \
         {page}: {write_ms:.0} ms"
    ));
    print(format!(
        "load the list of {PROSPECTS} prospects at start (ProspectList::load: summaries + \
         10 pending edits, {LOAD_RUNS} runs): median {:.0} ms, min {:.0} ms, max {:.0} ms",
        quantile(&list_samples, 0.5),
        list_samples[0],
        list_samples[list_samples.len() - 1],
    ));
    print(format!(
        "load {PROSPECTS} full prospect records (records(\"prospect\"), {LOAD_RUNS} runs): \
         median {:.0} ms, min {:.0} ms, max {:.0} ms",
        quantile(&samples, 0.5),
        samples[0],
        samples[samples.len() - 1],
    ));
    store.close();
    delete_database(&name).await.unwrap();
}
