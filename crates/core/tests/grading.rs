//! SPEC §5 grading: every table row, every tie and no-match path, ungraded cases,
//! overrides, and an exhaustive check of the whole input space against a plain reading of
//! the tables as written in `docs/spec.md`.

mod common;

use chrono::{Days, Months, NaiveDate};
use common::{d, inf, ni, today};
use tuoke_core::grading::{
    contract_grade, grade, Answer, Criterion, GradeBasis, GradeView, INFORMATIZED, NOT_INFORMATIZED,
};
use tuoke_core::types::{Grade, GradeOverride, Level, Prospect, Qualification};

use Level::{High as H, Low as L, Mid as M, None as X};

fn months(n: u32) -> NaiveDate {
    today().checked_add_months(Months::new(n)).unwrap()
}

/// A contract date that points to `g` (2, 5, 9, 18 months ahead).
fn date_for(g: Grade) -> NaiveDate {
    months([2, 5, 9, 18][g.index()])
}

// ---- every row of the not-informatized table, every accepted combination --------------

fn check_row_combos(informatized: bool, row: usize) {
    let r = if informatized {
        &INFORMATIZED[row]
    } else {
        &NOT_INFORMATIZED[row]
    };
    let expected: Vec<Vec<Answer>> = r.cells.iter().map(|(_, c)| c.expected()).collect();
    let mut combos = vec![Qualification::default()];
    for ((crit, _), values) in r.cells.iter().zip(&expected) {
        let mut next = Vec::new();
        for q in &combos {
            for v in values {
                let mut q = *q;
                match (crit, v) {
                    (Criterion::ObjectiveNeed, Answer::Bool(b)) => q.objective_need = Some(*b),
                    (Criterion::SubjectiveNeed, Answer::Bool(b)) => q.subjective_need = Some(*b),
                    (Criterion::FeasibilityStarted, Answer::Bool(b)) => {
                        q.feasibility_started = Some(*b)
                    }
                    (Criterion::SelectionStarted, Answer::Bool(b)) => {
                        q.selection_started = Some(*b)
                    }
                    (Criterion::Determination, Answer::Level(l)) => q.determination = Some(*l),
                    (Criterion::Dissatisfaction, Answer::Level(l)) => q.dissatisfaction = Some(*l),
                    other => panic!("unexpected cell {other:?}"),
                }
                next.push(q);
            }
        }
        combos = next;
    }
    assert!(!combos.is_empty());
    for q in combos {
        let res = grade(&q, Some(informatized), Some(date_for(r.grade)), today());
        assert_eq!(res.computed, Some(r.grade), "{q:?}");
        assert!(!res.needs_confirmation, "{q:?}");
        assert!(res.explanation.iter().all(|e| e.matched), "{q:?}");
        assert_eq!(res.explanation.len(), 5);
    }
}

#[test]
fn not_informatized_row_a_matches_yes_yes_high_feasibility_and_selection_started() {
    let r = grade(&ni(true, true, H, true, true), Some(false), None, today());
    assert_eq!(r.computed, Some(Grade::A));
    assert_eq!(r.basis, GradeBasis::SingleRow);
    assert!(!r.needs_confirmation);
    check_row_combos(false, 0);
}

#[test]
fn not_informatized_row_b_matches_high_or_mid_any_feasibility_no_selection() {
    let r = grade(&ni(true, true, H, false, false), Some(false), None, today());
    assert_eq!(r.computed, Some(Grade::B));
    assert_eq!(r.basis, GradeBasis::SingleRow);
    let r = grade(&ni(true, true, H, true, false), Some(false), None, today());
    assert_eq!(r.computed, Some(Grade::B));
    check_row_combos(false, 1);
}

#[test]
fn not_informatized_row_c_matches_mid_or_low_any_feasibility_no_selection() {
    let r = grade(&ni(true, true, L, true, false), Some(false), None, today());
    assert_eq!(r.computed, Some(Grade::C));
    assert_eq!(r.basis, GradeBasis::SingleRow);
    check_row_combos(false, 2);
}

#[test]
fn not_informatized_row_d_matches_no_subjective_need_low_or_none() {
    let r = grade(
        &ni(true, false, X, false, false),
        Some(false),
        None,
        today(),
    );
    assert_eq!(r.computed, Some(Grade::D));
    assert_eq!(r.basis, GradeBasis::SingleRow);
    let r = grade(
        &ni(true, false, L, false, false),
        Some(false),
        None,
        today(),
    );
    assert_eq!(r.computed, Some(Grade::D));
    check_row_combos(false, 3);
}

#[test]
fn informatized_row_a_matches_high_dissatisfaction_high_determination_selection_started() {
    let r = grade(&inf(true, true, H, H, true), Some(true), None, today());
    assert_eq!(r.computed, Some(Grade::A));
    assert_eq!(r.basis, GradeBasis::SingleRow);
    check_row_combos(true, 0);
}

#[test]
fn informatized_row_b_matches_high_mid_dissatisfaction() {
    let r = grade(&inf(true, true, H, M, false), Some(true), None, today());
    assert_eq!(r.computed, Some(Grade::B));
    assert_eq!(r.basis, GradeBasis::SingleRow);
    let r = grade(&inf(true, true, M, H, false), Some(true), None, today());
    assert_eq!(r.computed, Some(Grade::B));
    check_row_combos(true, 1);
}

#[test]
fn informatized_row_c_matches_mid_low_dissatisfaction_and_determination() {
    let r = grade(&inf(true, true, L, M, false), Some(true), None, today());
    assert_eq!(r.computed, Some(Grade::C));
    assert_eq!(r.basis, GradeBasis::SingleRow);
    check_row_combos(true, 2);
}

#[test]
fn informatized_row_d_matches_low_or_none_with_subjective_yes() {
    let r = grade(&inf(true, true, X, X, false), Some(true), None, today());
    assert_eq!(r.computed, Some(Grade::D));
    assert_eq!(r.basis, GradeBasis::SingleRow);
    let r = grade(&inf(true, true, L, X, false), Some(true), None, today());
    assert_eq!(r.computed, Some(Grade::D));
    check_row_combos(true, 3);
}

#[test]
fn row_d_subjective_differs_between_tables() {
    assert_eq!(
        grade(&ni(true, true, X, false, false), Some(false), None, today()).basis,
        GradeBasis::ClosestRow
    );
    assert_eq!(
        grade(&inf(true, false, X, X, false), Some(true), None, today()).basis,
        GradeBasis::ClosestRow
    );
}

// ---- step 1 and ungraded ------------------------------------------------------------

#[test]
fn objective_necessity_no_is_d_even_with_everything_else_missing() {
    let q = Qualification {
        objective_need: Some(false),
        ..Qualification::default()
    };
    for informatized in [None, Some(false), Some(true)] {
        let r = grade(&q, informatized, None, today());
        assert_eq!(r.computed, Some(Grade::D));
        assert_eq!(r.basis, GradeBasis::NoObjectiveNeed);
        assert!(!r.needs_confirmation);
        assert!(r.missing.is_empty());
        assert_eq!(r.explanation.len(), 1);
        assert_eq!(r.explanation[0].criterion, Criterion::ObjectiveNeed);
        assert_eq!(r.explanation[0].answer, Some(Answer::Bool(false)));
        assert!(r.explanation[0].matched);
    }
}

#[test]
fn objective_necessity_no_overrides_answers_that_would_give_a() {
    let r = grade(&ni(false, true, H, true, true), Some(false), None, today());
    assert_eq!(r.computed, Some(Grade::D));
}

#[test]
fn unknown_informatized_is_ungraded_with_informatized_missing() {
    let r = grade(&ni(true, true, H, true, true), None, None, today());
    assert_eq!(r.computed, None);
    assert_eq!(r.basis, GradeBasis::Ungraded);
    assert_eq!(r.missing, vec![Criterion::Informatized]);
}

#[test]
fn unknown_informatized_also_lists_common_missing_answers() {
    let r = grade(&Qualification::default(), None, None, today());
    assert_eq!(
        r.missing,
        vec![
            Criterion::Informatized,
            Criterion::ObjectiveNeed,
            Criterion::SubjectiveNeed,
            Criterion::Determination,
            Criterion::SelectionStarted
        ]
    );
}

#[test]
fn missing_answers_give_ungraded_with_the_list_in_column_order() {
    let mut q = ni(true, true, H, true, true);
    q.feasibility_started = None;
    q.subjective_need = None;
    let r = grade(&q, Some(false), None, today());
    assert_eq!(r.computed, None);
    assert_eq!(
        r.missing,
        vec![Criterion::SubjectiveNeed, Criterion::FeasibilityStarted]
    );
    assert!(r.explanation.is_empty());
}

#[test]
fn informatized_needs_dissatisfaction_not_feasibility() {
    let mut q = inf(true, true, H, H, true);
    q.dissatisfaction = None;
    q.feasibility_started = None;
    let r = grade(&q, Some(true), None, today());
    assert_eq!(r.missing, vec![Criterion::Dissatisfaction]);
    let q = ni(true, true, H, true, true);
    let r = grade(&q, Some(true), None, today());
    assert_eq!(r.missing, vec![Criterion::Dissatisfaction]);
}

#[test]
fn not_informatized_ignores_dissatisfaction() {
    let mut q = ni(true, true, H, true, true);
    q.dissatisfaction = Some(X);
    assert_eq!(
        grade(&q, Some(false), None, today()).computed,
        Some(Grade::A)
    );
}

// ---- step 3: several rows ---------------------------------------------------------------

#[test]
fn mid_determination_without_contract_date_takes_lower_candidate_flagged() {
    let r = grade(&ni(true, true, M, true, false), Some(false), None, today());
    assert_eq!(r.candidates, vec![Grade::B, Grade::C]);
    assert_eq!(r.computed, Some(Grade::C));
    assert_eq!(r.basis, GradeBasis::LowerCandidate);
    assert!(r.needs_confirmation);
    assert_eq!(r.contract_grade, None);
}

#[test]
fn mid_determination_with_contract_in_five_months_is_b() {
    let r = grade(
        &ni(true, true, M, false, false),
        Some(false),
        Some(months(5)),
        today(),
    );
    assert_eq!(r.computed, Some(Grade::B));
    assert_eq!(r.basis, GradeBasis::ContractDate);
    assert_eq!(r.contract_grade, Some(Grade::B));
    assert!(!r.needs_confirmation);
}

#[test]
fn mid_determination_with_contract_in_nine_months_is_c_unflagged() {
    let r = grade(
        &ni(true, true, M, false, false),
        Some(false),
        Some(months(9)),
        today(),
    );
    assert_eq!(r.computed, Some(Grade::C));
    assert_eq!(r.basis, GradeBasis::ContractDate);
    assert!(!r.needs_confirmation);
}

#[test]
fn contract_date_pointing_outside_candidates_takes_lower_flagged() {
    for date in [months(1), months(20)] {
        let r = grade(
            &ni(true, true, M, false, false),
            Some(false),
            Some(date),
            today(),
        );
        assert_eq!(r.computed, Some(Grade::C));
        assert_eq!(r.basis, GradeBasis::LowerCandidate);
        assert!(r.needs_confirmation);
        assert!(r.contract_grade.is_some());
    }
}

#[test]
fn informatized_mid_mid_is_a_b_c_tie() {
    let r = grade(&inf(true, true, M, M, false), Some(true), None, today());
    assert_eq!(r.candidates, vec![Grade::B, Grade::C]);
    assert_eq!(r.computed, Some(Grade::C));
    assert!(r.needs_confirmation);
    let r = grade(
        &inf(true, true, M, M, false),
        Some(true),
        Some(months(4)),
        today(),
    );
    assert_eq!(r.computed, Some(Grade::B));
    assert!(!r.needs_confirmation);
}

#[test]
fn informatized_low_low_is_a_c_d_tie_resolved_by_date() {
    let q = inf(true, true, L, L, false);
    let r = grade(&q, Some(true), None, today());
    assert_eq!(r.candidates, vec![Grade::C, Grade::D]);
    assert_eq!(r.computed, Some(Grade::D));
    assert!(r.needs_confirmation);
    let r = grade(&q, Some(true), Some(months(30)), today());
    assert_eq!(r.computed, Some(Grade::D));
    assert_eq!(r.basis, GradeBasis::ContractDate);
    let r = grade(&q, Some(true), Some(months(12)), today());
    assert_eq!(r.computed, Some(Grade::C));
    assert!(!r.needs_confirmation);
}

#[test]
fn contract_date_in_the_past_counts_as_a() {
    assert_eq!(contract_grade(today(), d(2024, 1, 1)), Grade::A);
    assert_eq!(contract_grade(today(), today()), Grade::A);
}

#[test]
fn contract_grade_boundaries_are_inclusive_month_ends() {
    let day = Days::new(1);
    assert_eq!(contract_grade(today(), months(3)), Grade::A);
    assert_eq!(contract_grade(today(), months(3) + day), Grade::B);
    assert_eq!(contract_grade(today(), months(6)), Grade::B);
    assert_eq!(contract_grade(today(), months(6) + day), Grade::C);
    assert_eq!(contract_grade(today(), months(12)), Grade::C);
    assert_eq!(contract_grade(today(), months(12) + day), Grade::D);
}

// ---- step 4: no row -----------------------------------------------------------------

#[test]
fn selection_started_with_low_determination_takes_lower_of_tied_closest_rows() {
    // A and C both miss one cell: the lower grade, C, wins the tie.
    let r = grade(&ni(true, true, L, true, true), Some(false), None, today());
    assert_eq!(r.computed, Some(Grade::C));
    assert_eq!(r.basis, GradeBasis::ClosestRow);
    assert!(r.needs_confirmation);
    assert_eq!(r.mismatches(), vec![Criterion::SelectionStarted]);
    assert!(r.candidates.is_empty());
}

#[test]
fn no_match_picks_row_with_fewest_mismatches() {
    // subjective N with high determination: B misses only subjective.
    let r = grade(&ni(true, false, H, true, false), Some(false), None, today());
    assert_eq!(r.computed, Some(Grade::B));
    assert_eq!(r.basis, GradeBasis::ClosestRow);
    assert_eq!(r.mismatches(), vec![Criterion::SubjectiveNeed]);
}

#[test]
fn informatized_without_subjective_need_matches_no_row() {
    let r = grade(&inf(true, false, H, H, true), Some(true), None, today());
    assert_eq!(r.computed, Some(Grade::A));
    assert_eq!(r.basis, GradeBasis::ClosestRow);
    assert!(r.needs_confirmation);
    assert_eq!(r.mismatches(), vec![Criterion::SubjectiveNeed]);
}

#[test]
fn no_match_ignores_the_contract_date() {
    let a = grade(&ni(true, true, L, true, true), Some(false), None, today());
    let b = grade(
        &ni(true, true, L, true, true),
        Some(false),
        Some(months(1)),
        today(),
    );
    assert_eq!(a.computed, b.computed);
    assert_eq!(b.contract_grade, None);
}

#[test]
fn no_match_explanation_lists_every_mismatch() {
    // informatized: dissatisfaction high, determination none, selection started.
    let r = grade(&inf(true, true, H, X, true), Some(true), None, today());
    // A misses determination (1); B misses det + selection (2); D misses diss + selection.
    assert_eq!(r.computed, Some(Grade::A));
    assert_eq!(r.mismatches(), vec![Criterion::Determination]);
    let det = r
        .explanation
        .iter()
        .find(|e| e.criterion == Criterion::Determination)
        .unwrap();
    assert_eq!(det.answer, Some(Answer::Level(X)));
    assert_eq!(det.expected, vec![Answer::Level(H)]);
    assert!(!det.matched);
}

// ---- explanation, override --------------------------------------------------------------

#[test]
fn explanation_lists_every_criterion_answer_and_expected_cells() {
    let r = grade(
        &ni(true, true, M, true, false),
        Some(false),
        Some(months(5)),
        today(),
    );
    let crits: Vec<Criterion> = r.explanation.iter().map(|e| e.criterion).collect();
    assert_eq!(
        crits,
        vec![
            Criterion::ObjectiveNeed,
            Criterion::SubjectiveNeed,
            Criterion::Determination,
            Criterion::FeasibilityStarted,
            Criterion::SelectionStarted
        ]
    );
    let det = &r.explanation[2];
    assert_eq!(det.expected, vec![Answer::Level(H), Answer::Level(M)]);
    assert_eq!(det.answer, Some(Answer::Level(M)));
    let json = serde_json::to_value(det).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"criterion":"determination","answer":"mid","expected":["high","mid"],"matched":true})
    );
}

#[test]
fn override_keeps_computed_grade_beside_it() {
    let mut p = Prospect::named("Acme");
    p.informatized = Some(false);
    p.qualification = ni(true, true, H, false, false);
    p.grade_override = Some(GradeOverride {
        grade: Grade::A,
        reason: "Boss promised to sign in May".into(),
    });
    let v = GradeView::of(&p, today());
    assert_eq!(v.value, Some(Grade::A));
    assert_eq!(v.computed, Some(Grade::B));
    assert!(v.overridden);
    assert_eq!(
        v.override_reason.as_deref(),
        Some("Boss promised to sign in May")
    );
}

#[test]
fn override_gives_a_value_even_when_ungraded() {
    let mut p = Prospect::named("Acme");
    p.grade_override = Some(GradeOverride {
        grade: Grade::C,
        reason: "gut feeling".into(),
    });
    let v = GradeView::of(&p, today());
    assert_eq!(v.value, Some(Grade::C));
    assert_eq!(v.computed, None);
    assert_eq!(v.basis, GradeBasis::Ungraded);
}

#[test]
fn no_override_value_equals_computed() {
    let mut p = Prospect::named("Acme");
    p.informatized = Some(true);
    p.qualification = inf(true, true, H, H, true);
    let v = GradeView::of(&p, today());
    assert_eq!(v.value, Some(Grade::A));
    assert_eq!(v.value, v.computed);
    assert!(!v.overridden);
}

// ---- exhaustive property check against a plain table reading ------------------------------

/// The tables exactly as `docs/spec.md` prints them.
const SPEC_NOT_INFORMATIZED: &str = "
A | Y | Y | high | Y | Y
B | Y | Y | high or mid | Y or N | N
C | Y | Y | mid or low | Y or N | N
D | Y | N | low or none | N | N";
const SPEC_INFORMATIZED: &str = "
A | Y | Y | high | high | Y
B | Y | Y | high or mid | high or mid | N
C | Y | Y | mid or low | mid or low | N
D | Y | Y | low or none | low or none | N";

fn yn(b: bool) -> &'static str {
    if b {
        "Y"
    } else {
        "N"
    }
}

/// Straightforward reading of SPEC §5, independent of the crate's tables.
fn reference(
    q: &Qualification,
    informatized: Option<bool>,
    contract: Option<NaiveDate>,
    today: NaiveDate,
) -> (Option<Grade>, bool) {
    if q.objective_need == Some(false) {
        return (Some(Grade::D), false);
    }
    let Some(informatized) = informatized else {
        return (None, false);
    };
    let answers: Vec<Option<String>> = if informatized {
        vec![
            q.objective_need.map(|b| yn(b).to_string()),
            q.subjective_need.map(|b| yn(b).to_string()),
            q.dissatisfaction.map(|l| l.code().to_string()),
            q.determination.map(|l| l.code().to_string()),
            q.selection_started.map(|b| yn(b).to_string()),
        ]
    } else {
        vec![
            q.objective_need.map(|b| yn(b).to_string()),
            q.subjective_need.map(|b| yn(b).to_string()),
            q.determination.map(|l| l.code().to_string()),
            q.feasibility_started.map(|b| yn(b).to_string()),
            q.selection_started.map(|b| yn(b).to_string()),
        ]
    };
    if answers.iter().any(Option::is_none) {
        return (None, false);
    }
    let text = if informatized {
        SPEC_INFORMATIZED
    } else {
        SPEC_NOT_INFORMATIZED
    };
    let mut rows: Vec<(Grade, usize)> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let g = match cells[0] {
            "A" => Grade::A,
            "B" => Grade::B,
            "C" => Grade::C,
            _ => Grade::D,
        };
        let misses = cells[1..]
            .iter()
            .zip(&answers)
            .filter(|(cell, a)| !cell.split(" or ").any(|v| Some(v) == a.as_deref()))
            .count();
        rows.push((g, misses));
    }
    let matching: Vec<Grade> = rows.iter().filter(|r| r.1 == 0).map(|r| r.0).collect();
    match matching.len() {
        1 => (Some(matching[0]), false),
        0 => {
            let best = rows.iter().map(|r| r.1).min().unwrap();
            let lower = rows.iter().filter(|r| r.1 == best).map(|r| r.0).max();
            (lower, true)
        }
        _ => {
            let by_date = contract.map(|c| {
                let within = |n| c <= today.checked_add_months(Months::new(n)).unwrap();
                if within(3) {
                    Grade::A
                } else if within(6) {
                    Grade::B
                } else if within(12) {
                    Grade::C
                } else {
                    Grade::D
                }
            });
            match by_date {
                Some(g) if matching.contains(&g) => (Some(g), false),
                _ => (matching.iter().copied().max(), true),
            }
        }
    }
}

fn bools() -> [Option<bool>; 3] {
    [None, Some(true), Some(false)]
}

fn levels() -> [Option<Level>; 5] {
    [None, Some(H), Some(M), Some(L), Some(X)]
}

fn contract_dates(today: NaiveDate) -> Vec<Option<NaiveDate>> {
    let m = |n| today.checked_add_months(Months::new(n)).unwrap();
    let one = Days::new(1);
    vec![
        None,
        Some(today - Days::new(40)),
        Some(today),
        Some(today + one),
        Some(m(3)),
        Some(m(3) + one),
        Some(m(6)),
        Some(m(6) + one),
        Some(m(12)),
        Some(m(12) + one),
        Some(m(30)),
    ]
}

#[test]
fn exhaustive_input_space_is_defined_deterministic_and_matches_the_spec_tables() {
    let mut checked = 0usize;
    let mut full_answer_combos = [0usize; 2];
    for today in [
        d(2025, 3, 10),
        d(2024, 1, 31),
        d(2024, 2, 29),
        d(2025, 12, 31),
    ] {
        let dates = contract_dates(today);
        for informatized in [None, Some(false), Some(true)] {
            for o in bools() {
                for s in bools() {
                    for det in levels() {
                        for x in bools() {
                            for diss in levels() {
                                for sel in bools() {
                                    let q = Qualification {
                                        objective_need: o,
                                        subjective_need: s,
                                        determination: det,
                                        feasibility_started: x,
                                        dissatisfaction: diss,
                                        selection_started: sel,
                                    };
                                    for c in &dates {
                                        let r1 = grade(&q, informatized, *c, today);
                                        let r2 = grade(&q, informatized, *c, today);
                                        assert_eq!(r1, r2, "deterministic");
                                        let (g, flag) = reference(&q, informatized, *c, today);
                                        assert_eq!(r1.computed, g, "{q:?} {informatized:?} {c:?}");
                                        assert_eq!(r1.needs_confirmation, flag, "{q:?} {c:?}");
                                        // Defined: either a grade or the missing answers.
                                        assert_eq!(r1.computed.is_none(), !r1.missing.is_empty());
                                        if r1.computed.is_some()
                                            && r1.basis != GradeBasis::NoObjectiveNeed
                                        {
                                            assert_eq!(r1.explanation.len(), 5);
                                            let mism = r1.mismatches().len();
                                            assert_eq!(
                                                mism == 0,
                                                r1.basis != GradeBasis::ClosestRow
                                            );
                                        }
                                        checked += 1;
                                    }
                                    let complete = o.is_some()
                                        && s.is_some()
                                        && det.is_some()
                                        && sel.is_some()
                                        && match informatized {
                                            Some(true) => diss.is_some() && x.is_none(),
                                            Some(false) => x.is_some() && diss.is_none(),
                                            None => false,
                                        };
                                    if complete && today == d(2025, 3, 10) {
                                        full_answer_combos
                                            [usize::from(informatized == Some(true))] += 1;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    // 2×2×4×2×2 and 2×2×4×4×2 complete answer combinations were all visited.
    assert_eq!(full_answer_combos, [64, 128]);
    assert_eq!(checked, 4 * 3 * 2025 * 11);
}
