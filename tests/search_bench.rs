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

use tuoke_search::{sample, terms, Filters, SearchIndex, Selection, Sort};
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

#[wasm_bindgen_test]
fn search_keystrokes() {
    let list = sample::prospects(PROSPECTS);
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
