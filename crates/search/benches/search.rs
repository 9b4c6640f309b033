//! Search as you type over 10,000 prospects, keystroke by keystroke: each keystroke makes a
//! new selection from the previous one, as the Prospects screen does. Native figures; the
//! phone's (wasm, CPU slowed 4×) come from tests/e2e/bench/prospects.mjs.
//!
//! `cargo bench -p tuoke-search`

use std::rc::Rc;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use tuoke_search::{sample, terms, Filters, SearchIndex, Selection, Sort};

fn keystrokes(c: &mut Criterion) {
    let list = sample::prospects(10_000);
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
