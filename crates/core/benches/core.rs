//! Benchmarks: grade 10,000 prospects; build the agenda for 10,000 prospects.
//! Run with `cargo bench -p tuoke-core`.

use chrono::{Days, NaiveDate};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use tuoke_core::cadence::{agenda, AgendaInput, CadenceConfig};
use tuoke_core::grading::grade_prospect;
use tuoke_core::types::{Grade, Level, Prospect, Qualification, Status};
use uuid::Uuid;

const N: usize = 10_000;

/// Deterministic spread of answers over the whole input space (including missing ones).
fn prospects(today: NaiveDate) -> Vec<Prospect> {
    let b = |i: usize, k: usize| match (i / k) % 3 {
        0 => None,
        1 => Some(true),
        _ => Some(false),
    };
    let l = |i: usize, k: usize| match (i / k) % 5 {
        0 => None,
        1 => Some(Level::High),
        2 => Some(Level::Mid),
        3 => Some(Level::Low),
        _ => Some(Level::None),
    };
    (0..N)
        .map(|i| {
            let mut p = Prospect::named(format!("Company {i}"));
            p.informatized = [None, Some(false), Some(true)][i % 3];
            p.qualification = Qualification {
                objective_need: b(i, 1).or(Some(true)),
                subjective_need: b(i, 3),
                determination: l(i, 9),
                feasibility_started: b(i, 45),
                dissatisfaction: l(i, 135),
                selection_started: b(i, 675),
            };
            p.schedule.contract = (i % 4 != 0).then(|| today + Days::new((i % 500) as u64));
            p
        })
        .collect()
}

fn agenda_inputs(today: NaiveDate) -> Vec<AgendaInput> {
    (0..N)
        .map(|i| AgendaInput {
            id: Uuid::from_u128(i as u128),
            grade: [
                Some(Grade::A),
                Some(Grade::B),
                Some(Grade::C),
                Some(Grade::D),
                None,
            ][i % 5],
            status: [
                Status::Open,
                Status::Open,
                Status::Open,
                Status::Won,
                Status::Lost,
            ][i % 7 % 5],
            created: today - Days::new(200),
            last_contact: (i % 6 != 0).then(|| today - Days::new((i % 120) as u64)),
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2025, 3, 10).unwrap();
    let ps = prospects(today);
    c.bench_function("grade_10000_prospects", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for p in &ps {
                n += grade_prospect(black_box(p), today).computed.is_some() as usize;
            }
            n
        })
    });
    let items = agenda_inputs(today);
    let cfg = CadenceConfig::default();
    c.bench_function("agenda_10000_prospects", |b| {
        b.iter(|| agenda(black_box(&items), today, &cfg))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
