//! Search as you type in WebAssembly, in headless Chromium: each keystroke of the Prospects
//! benchmark's queries (tests/e2e/bench/prospects.mjs) over 10,000 prospects, without the
//! page around it. Prints numbers, asserts only correctness (timings depend on the machine):
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver \
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test --release -p tuoke --target wasm32-unknown-unknown --test search_bench -- --nocapture
//! ```
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use chrono::NaiveDate;
use tuoke_core::types::{Stage, Status};
use tuoke_search::{terms, Filters, SearchIndex, Selection, Sort};
use tuoke_sync::summary::ProspectSummary;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PROSPECTS: usize = 10_000;
const RUNS: usize = 15;
const QUERIES: [&str; 5] = ["精工", "王经理", "0755-83", "伺服电机", "有限公司 12"];

fn now_ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

fn print(line: String) {
    web_sys::console::log_1(&line.into());
}

/// The prospects of the end-to-end benchmark, as the phone holds them: in the order of their
/// random ids, with next contacts spread over the months (so the list's order by next contact
/// is not the order they are stored in).
fn prospects() -> Vec<ProspectSummary> {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut random = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut list: Vec<ProspectSummary> = (0..PROSPECTS)
        .map(|i| ProspectSummary {
            id: format!("{:016x}", random()),
            company: format!(
                "{}{}制造有限公司 {i}",
                ["深圳", "东莞", "苏州", "宁波"][i % 4],
                ["精工", "华强", "恒力", "海天"][i % 4]
            ),
            products: [
                "PCB 组件",
                "伺服电机",
                "五金冲压件",
                "数控机床",
                "电源模块",
                "电动工具",
            ][i % 6]
                .into(),
            contacts: vec![(
                ["王经理", "李总", "张工", "陈厂长", "刘主任", "赵会计"][i % 6].into(),
                format!("0755-83{i:06}"),
            )],
            region: "华南".into(),
            grade: None,
            needs_confirmation: false,
            stage: Stage::Lead,
            status: Status::Open,
            pending_stage: None,
            fit: None,
            source: None,
            next_contact_due: NaiveDate::from_ymd_opt(2026, 1, 1)
                .map(|d| d + chrono::Duration::days((random() % 300) as i64)),
            last_contact: None,
            owner_id: "u1".into(),
            updated_at: None,
            pending: false,
        })
        .collect();
    list.sort_by(|a, b| a.id.cmp(&b.id));
    list
}

#[wasm_bindgen_test]
fn search_keystrokes() {
    let list = prospects();
    let t0 = now_ms();
    let index = Rc::new(SearchIndex::new(&list, Sort::Due));
    print(format!("index: {:.2} ms", now_ms() - t0));
    // Between a rep's keystrokes the phone lays out and paints the screen: the search starts
    // with its data out of the processor's caches. Writing over a buffer larger than them
    // before each timed keystroke does the same.
    let mut evict = vec![0u8; 48 << 20];
    let mut cold = || {
        for i in (0..evict.len()).step_by(64) {
            evict[i] = evict[i].wrapping_add(1);
        }
        std::hint::black_box(&evict);
    };
    for query in QUERIES {
        let mut typed = String::new();
        for ch in query.chars() {
            typed.push(ch);
            let mut times = Vec::with_capacity(RUNS);
            let mut found = 0;
            for _ in 0..RUNS {
                // The selection of the keystroke before, as the screen has it.
                let mut previous = Selection::new(&list, &index, Filters::default(), vec![], None);
                let shorter: String = typed.chars().take(typed.chars().count() - 1).collect();
                if !shorter.is_empty() {
                    previous = Selection::new(
                        &list,
                        &index,
                        Filters::default(),
                        terms(&shorter),
                        Some(&previous),
                    );
                }
                cold();
                let t = now_ms();
                let selection = Selection::new(
                    &list,
                    &index,
                    Filters::default(),
                    terms(&typed),
                    Some(&previous),
                );
                times.push(now_ms() - t);
                found = selection.len();
            }
            times.sort_by(f64::total_cmp);
            assert!(found <= PROSPECTS);
            print(format!(
                "keystroke {typed:?}: median {:.3} ms ({found} found)",
                times[RUNS / 2]
            ));
        }
    }
}
