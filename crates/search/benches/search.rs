//! Search as you type over 10,000 prospects, keystroke by keystroke: each keystroke makes a
//! new selection from the previous one, as the Prospects screen does. Native figures; the
//! phone's (wasm, CPU slowed 4×) come from tests/e2e/bench/prospects.mjs.
//!
//! `cargo bench -p tuoke-search`

use std::rc::Rc;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use tuoke_core::types::{Stage, Status};
use tuoke_search::{terms, Filters, SearchIndex, Selection, Sort};
use tuoke_sync::summary::ProspectSummary;

/// The prospects of the end-to-end benchmark (tests/e2e/bench/prospects.mjs).
fn prospects(n: usize) -> Vec<ProspectSummary> {
    (0..n)
        .map(|i| ProspectSummary {
            id: format!("{i:05}"),
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
            next_contact_due: None,
            last_contact: None,
            owner_id: "u1".into(),
            updated_at: None,
            pending: false,
        })
        .collect()
}

fn keystrokes(c: &mut Criterion) {
    let list = prospects(10_000);
    let index = Rc::new(SearchIndex::new(&list, Sort::Due));
    c.bench_function("index 10,000 prospects", |b| {
        b.iter(|| SearchIndex::new(&list, Sort::Due))
    });
    for query in ["精工", "0755-83", "有限公司 12"] {
        let mut typed = String::new();
        let mut previous = Selection::new(&list, &index, Filters::default(), vec![], None);
        for ch in query.chars() {
            typed.push(ch);
            c.bench_function(&format!("keystroke {typed:?}"), |b| {
                b.iter_batched(
                    || terms(&typed),
                    |terms| {
                        Selection::new(&list, &index, Filters::default(), terms, Some(&previous))
                    },
                    BatchSize::SmallInput,
                )
            });
            previous = Selection::new(
                &list,
                &index,
                Filters::default(),
                terms(&typed),
                Some(&previous),
            );
        }
    }
}

criterion_group!(benches, keystrokes);
criterion_main!(benches);
