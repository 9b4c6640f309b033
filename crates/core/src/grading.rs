//! Grading A/B/C/D (SPEC §5): the two tables as data and the deterministic, explained
//! algorithm.
//!
//! "Today" is always a parameter; nothing here reads a clock.
//!
//! **Decision (contract-date months)**: a contract date `d` is "within N months" of `today`
//! when `d <= today + N calendar months` (chrono month arithmetic, clamped to the month's
//! last day). So [`months_until`] is the smallest whole number of months that reaches `d`
//! (a ceiling), and a date today or in the past counts as 0 months (→ A). ≤ 3 → A, 4–6 → B,
//! 7–12 → C, later → D; see [`contract_grade`].
//!
//! **Decision (step 1 explanation)**: when objective necessity is N the explanation holds the
//! single `objective_need` item, expected `[false]`, matched — no table row is consulted.
//!
//! **Decision (informatized unknown)**: ungraded, `missing` = `informatized` followed by the
//! missing answers both tables need (objective, subjective, determination, selection started).

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::types::{Grade, GradeOverride, Level, Prospect, Qualification};

/// A grading criterion (and `informatized`, which picks the table). Serialised in
/// snake_case, equal to the [`Qualification`] field names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// Whether the prospect is informatized (chooses the table).
    Informatized,
    /// Objective necessity.
    ObjectiveNeed,
    /// Subjective necessity.
    SubjectiveNeed,
    /// Dissatisfaction with the current system (informatized table).
    Dissatisfaction,
    /// Determination (to informatize / to switch).
    Determination,
    /// Feasibility study started (not-informatized table).
    FeasibilityStarted,
    /// Selection started.
    SelectionStarted,
}

/// An answer value: Y/N or a [`Level`]. Serialised untagged (`true` / `"mid"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    /// Y/N.
    Bool(bool),
    /// high/mid/low/none.
    Level(Level),
}

/// One cell of a grading table: the set of accepted answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Accepted Y/N answers.
    Bool(&'static [bool]),
    /// Accepted levels.
    Level(&'static [Level]),
}

impl Cell {
    /// Whether `answer` is accepted by this cell.
    pub fn accepts(&self, answer: Answer) -> bool {
        match (self, answer) {
            (Cell::Bool(ok), Answer::Bool(b)) => ok.contains(&b),
            (Cell::Level(ok), Answer::Level(l)) => ok.contains(&l),
            _ => false,
        }
    }

    /// The accepted answers, for explanations.
    pub fn expected(&self) -> Vec<Answer> {
        match self {
            Cell::Bool(ok) => ok.iter().map(|b| Answer::Bool(*b)).collect(),
            Cell::Level(ok) => ok.iter().map(|l| Answer::Level(*l)).collect(),
        }
    }
}

/// One row of a grading table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// The grade this row gives.
    pub grade: Grade,
    /// The five cells, in the table's column order.
    pub cells: [(Criterion, Cell); 5],
}

const Y: &[bool] = &[true];
const N: &[bool] = &[false];
const YN: &[bool] = &[true, false];
const H: &[Level] = &[Level::High];
const HM: &[Level] = &[Level::High, Level::Mid];
const ML: &[Level] = &[Level::Mid, Level::Low];
const LN: &[Level] = &[Level::Low, Level::None];

use Cell::{Bool as B, Level as L};
use Criterion as K;

/// A table from its five columns and, per grade, the five cells in column order (the layout
/// of SPEC §5's tables).
const fn rows(columns: [Criterion; 5], grades: [(Grade, [Cell; 5]); 4]) -> [Row; 4] {
    let mut table = [Row {
        grade: Grade::A,
        cells: [(Criterion::Informatized, B(Y)); 5],
    }; 4];
    let mut r = 0;
    while r < 4 {
        table[r].grade = grades[r].0;
        let mut c = 0;
        while c < 5 {
            table[r].cells[c] = (columns[c], grades[r].1[c]);
            c += 1;
        }
        r += 1;
    }
    table
}

/// SPEC §5 table "Not informatized (未信息化)": objective, subjective, determination,
/// feasibility study started, selection started. Note row D has subjective **N**.
#[rustfmt::skip]
pub const NOT_INFORMATIZED: [Row; 4] = rows(
    [K::ObjectiveNeed, K::SubjectiveNeed, K::Determination, K::FeasibilityStarted, K::SelectionStarted],
    [
        (Grade::A, [B(Y), B(Y), L(H),  B(Y),  B(Y)]),
        (Grade::B, [B(Y), B(Y), L(HM), B(YN), B(N)]),
        (Grade::C, [B(Y), B(Y), L(ML), B(YN), B(N)]),
        (Grade::D, [B(Y), B(N), L(LN), B(N),  B(N)]),
    ],
);

/// SPEC §5 table "Informatized (已信息化)": objective, subjective, dissatisfaction with the
/// current system, determination to switch, selection started. Row D has subjective **Y**.
#[rustfmt::skip]
pub const INFORMATIZED: [Row; 4] = rows(
    [K::ObjectiveNeed, K::SubjectiveNeed, K::Dissatisfaction, K::Determination, K::SelectionStarted],
    [
        (Grade::A, [B(Y), B(Y), L(H),  L(H),  B(Y)]),
        (Grade::B, [B(Y), B(Y), L(HM), L(HM), B(N)]),
        (Grade::C, [B(Y), B(Y), L(ML), L(ML), B(N)]),
        (Grade::D, [B(Y), B(Y), L(LN), L(LN), B(N)]),
    ],
);

/// The table for an informatized (`true`) or not-informatized (`false`) prospect.
pub fn table(informatized: bool) -> &'static [Row; 4] {
    if informatized {
        &INFORMATIZED
    } else {
        &NOT_INFORMATIZED
    }
}

/// The five criteria a table needs, in column order.
pub fn criteria(informatized: bool) -> [Criterion; 5] {
    table(informatized)[0].cells.map(|(c, _)| c)
}

/// The questions to ask a prospect: the criteria of its table, or, while it is not known
/// whether it is informatized, those both tables need (in column order).
pub fn questions(informatized: Option<bool>) -> Vec<Criterion> {
    match informatized {
        Some(informatized) => criteria(informatized).to_vec(),
        None => {
            let other = criteria(true);
            criteria(false)
                .into_iter()
                .filter(|c| other.contains(c))
                .collect()
        }
    }
}

/// The recorded answer for a criterion (`None` when missing; always `None` for
/// [`Criterion::Informatized`], which is not part of the qualification).
pub fn answer_of(q: &Qualification, c: Criterion) -> Option<Answer> {
    match c {
        Criterion::Informatized => None,
        Criterion::ObjectiveNeed => q.objective_need.map(Answer::Bool),
        Criterion::SubjectiveNeed => q.subjective_need.map(Answer::Bool),
        Criterion::Dissatisfaction => q.dissatisfaction.map(Answer::Level),
        Criterion::Determination => q.determination.map(Answer::Level),
        Criterion::FeasibilityStarted => q.feasibility_started.map(Answer::Bool),
        Criterion::SelectionStarted => q.selection_started.map(Answer::Bool),
    }
}

/// How the computed grade was reached. Serialised in snake_case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GradeBasis {
    /// Step 1: objective necessity N → D.
    NoObjectiveNeed,
    /// Required answers missing: no grade.
    Ungraded,
    /// Step 2: exactly one row matched.
    SingleRow,
    /// Step 3: several rows matched; the contract date picked one of them.
    ContractDate,
    /// Step 3: several rows matched; the lower one was taken (needs confirmation).
    LowerCandidate,
    /// Step 4: no row matched; the closest row was taken (needs confirmation).
    ClosestRow,
}

/// One line of the explanation: a criterion, the answer, what the chosen row expects and
/// whether it matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExplanationItem {
    /// The criterion.
    pub criterion: Criterion,
    /// The recorded answer.
    pub answer: Option<Answer>,
    /// The answers the chosen row accepts.
    pub expected: Vec<Answer>,
    /// Whether the answer is among `expected`.
    pub matched: bool,
}

/// The outcome of [`grade`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeResult {
    /// The computed grade, `None` when ungraded.
    pub computed: Option<Grade>,
    /// How it was reached.
    pub basis: GradeBasis,
    /// The rep should confirm this grade (steps 3 and 4).
    pub needs_confirmation: bool,
    /// Grades of all fully matching rows (empty for steps 1 and 4 and when ungraded).
    pub candidates: Vec<Grade>,
    /// The grade the expected contract date points to, when a date is recorded and
    /// several rows matched.
    pub contract_grade: Option<Grade>,
    /// Missing answers (only when ungraded).
    pub missing: Vec<Criterion>,
    /// Every criterion of the chosen row with the answer and whether it matched.
    pub explanation: Vec<ExplanationItem>,
}

impl GradeResult {
    /// The criteria that did not match the chosen row (non-empty only for step 4).
    pub fn mismatches(&self) -> Vec<Criterion> {
        self.explanation
            .iter()
            .filter(|e| !e.matched)
            .map(|e| e.criterion)
            .collect()
    }
}

/// `today + n` calendar months, saturating at the far future.
fn add_months(today: NaiveDate, n: u32) -> NaiveDate {
    today
        .checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

/// Whole months from `today` until `date`, rounded up: the smallest `m >= 0` with
/// `date <= today + m months`. A date today or earlier is 0.
pub fn months_until(today: NaiveDate, date: NaiveDate) -> u32 {
    use chrono::Datelike;
    if date <= today {
        return 0;
    }
    let diff = (date.year() - today.year()) * 12 + date.month() as i32 - today.month() as i32;
    let mut m = diff.max(0) as u32;
    while add_months(today, m) < date {
        m += 1;
    }
    while m > 0 && add_months(today, m - 1) >= date {
        m -= 1;
    }
    m
}

/// The grade an expected contract date points to: ≤ 3 months → A, 4–6 → B, 7–12 → C,
/// later → D (see the module's decision on counting months).
pub fn contract_grade(today: NaiveDate, contract: NaiveDate) -> Grade {
    match months_until(today, contract) {
        0..=3 => Grade::A,
        4..=6 => Grade::B,
        7..=12 => Grade::C,
        _ => Grade::D,
    }
}

fn explain(row: &Row, q: &Qualification) -> Vec<ExplanationItem> {
    row.cells
        .iter()
        .map(|(c, cell)| {
            let answer = answer_of(q, *c);
            ExplanationItem {
                criterion: *c,
                answer,
                expected: cell.expected(),
                matched: answer.is_some_and(|a| cell.accepts(a)),
            }
        })
        .collect()
}

fn mismatch_count(row: &Row, q: &Qualification) -> usize {
    row.cells
        .iter()
        .filter(|(c, cell)| !answer_of(q, *c).is_some_and(|a| cell.accepts(a)))
        .count()
}

/// Grade from the answers, the informatized flag and the expected contract date
/// (SPEC §5 algorithm, steps 1–4). Total and deterministic for every input.
pub fn grade(
    q: &Qualification,
    informatized: Option<bool>,
    contract: Option<NaiveDate>,
    today: NaiveDate,
) -> GradeResult {
    let mut result = GradeResult {
        computed: None,
        basis: GradeBasis::Ungraded,
        needs_confirmation: false,
        candidates: Vec::new(),
        contract_grade: None,
        missing: Vec::new(),
        explanation: Vec::new(),
    };

    // Step 1: no objective necessity → D, whatever else is (not) known.
    if q.objective_need == Some(false) {
        result.computed = Some(Grade::D);
        result.basis = GradeBasis::NoObjectiveNeed;
        result.explanation.push(ExplanationItem {
            criterion: Criterion::ObjectiveNeed,
            answer: Some(Answer::Bool(false)),
            expected: vec![Answer::Bool(false)],
            matched: true,
        });
        return result;
    }

    let Some(informatized) = informatized else {
        result.missing.push(Criterion::Informatized);
        for c in questions(None) {
            if answer_of(q, c).is_none() {
                result.missing.push(c);
            }
        }
        return result;
    };

    let rows = table(informatized);
    result.missing = rows[0]
        .cells
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| answer_of(q, *c).is_none())
        .collect();
    if !result.missing.is_empty() {
        return result;
    }

    // Step 2: rows whose every cell matches.
    let counts = rows.map(|r| mismatch_count(&r, q));
    let matching: Vec<&Row> = rows
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n == 0)
        .map(|(r, _)| r)
        .collect();

    let chosen: &Row = match matching.as_slice() {
        [one] => {
            result.basis = GradeBasis::SingleRow;
            one
        }
        [] => {
            // Step 4: fewest mismatches; on a tie the lower grade (later in the table).
            result.basis = GradeBasis::ClosestRow;
            result.needs_confirmation = true;
            let best = counts.iter().copied().min().unwrap_or(0);
            rows.iter()
                .zip(counts)
                .filter(|(_, n)| *n == best)
                .map(|(r, _)| r)
                .next_back()
                .unwrap_or(&rows[3])
        }
        several => {
            // Step 3: the contract date decides if it points to a candidate.
            result.candidates = several.iter().map(|r| r.grade).collect();
            result.contract_grade = contract.map(|d| contract_grade(today, d));
            match result
                .contract_grade
                .and_then(|g| several.iter().find(|r| r.grade == g))
            {
                Some(row) => {
                    result.basis = GradeBasis::ContractDate;
                    row
                }
                None => {
                    result.basis = GradeBasis::LowerCandidate;
                    result.needs_confirmation = true;
                    several[several.len() - 1]
                }
            }
        }
    };
    result.computed = Some(chosen.grade);
    result.explanation = explain(chosen, q);
    result
}

/// [`grade`] applied to a prospect's own answers, flag and contract date.
pub fn grade_prospect(p: &Prospect, today: NaiveDate) -> GradeResult {
    grade(&p.qualification, p.informatized, p.schedule.contract, today)
}

/// The `grade` part of a pulled prospect record (API.md): `value` is the override when there
/// is one, else the computed grade. Extra fields beyond API.md carry the full reasoning.
///
/// **Decision**: `needs_confirmation` always describes the *computed* grade, also when
/// overridden, so the reviewer still sees that the answers were ambiguous.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeView {
    /// Effective grade.
    pub value: Option<Grade>,
    /// Computed grade.
    pub computed: Option<Grade>,
    /// The computed grade needs the rep's confirmation.
    pub needs_confirmation: bool,
    /// An override is in force.
    pub overridden: bool,
    /// The override's reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
    /// How the computed grade was reached.
    pub basis: GradeBasis,
    /// Missing answers (ungraded).
    #[serde(default)]
    pub missing: Vec<Criterion>,
    /// Fully matching rows (step 3).
    #[serde(default)]
    pub candidates: Vec<Grade>,
    /// Grade indicated by the contract date (step 3).
    #[serde(default)]
    pub contract_grade: Option<Grade>,
    /// Per-criterion explanation.
    pub explanation: Vec<ExplanationItem>,
}

impl GradeView {
    /// Combine a computed result with the rep's override.
    pub fn new(result: GradeResult, grade_override: Option<&GradeOverride>) -> Self {
        GradeView {
            value: grade_override.map(|o| o.grade).or(result.computed),
            computed: result.computed,
            needs_confirmation: result.needs_confirmation,
            overridden: grade_override.is_some(),
            override_reason: grade_override.map(|o| o.reason.clone()),
            basis: result.basis,
            missing: result.missing,
            candidates: result.candidates,
            contract_grade: result.contract_grade,
            explanation: result.explanation,
        }
    }

    /// Grade a prospect and apply its override.
    pub fn of(p: &Prospect, today: NaiveDate) -> Self {
        GradeView::new(grade_prospect(p, today), p.grade_override.as_ref())
    }
}

/// One grade-history entry (SPEC §5 step 5): kept so B→A upgrades can be reviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeHistoryEntry {
    /// When the change happened (a parameter, never read from a clock here).
    pub at: DateTime<Utc>,
    /// Effective grade before.
    pub from: Option<Grade>,
    /// Effective grade after.
    pub to: Option<Grade>,
    /// Computed grade after.
    pub computed: Option<Grade>,
    /// Whether the new grade is an override.
    pub overridden: bool,
    /// The override reason, when overridden.
    pub reason: Option<String>,
}

impl GradeHistoryEntry {
    /// True when the effective grade improved (e.g. B → A, or ungraded → any grade is not
    /// counted).
    pub fn is_upgrade(&self) -> bool {
        matches!((self.from, self.to), (Some(f), Some(t)) if t < f)
    }
}

/// Decide whether going from `prev` (None for a new prospect) to `next` is a grade change to
/// record.
///
/// **Decision**: an entry is produced when the effective grade (`value`) changes, or when an
/// override is set or removed (even with the same value); a change of the computed grade
/// hidden under an unchanged override is not a grade change.
pub fn history_entry(
    prev: Option<&GradeView>,
    next: &GradeView,
    at: DateTime<Utc>,
) -> Option<GradeHistoryEntry> {
    grade_change(prev.map(|p| (p.value, p.overridden)), next, at)
}

/// The entry a change to `next` will add to a grade history whose newest entry is `last`
/// (None: an empty history), by the rule of [`history_entry`]: what a phone shows, marked as
/// pending, until the server has recorded the change.
pub fn history_entry_after(
    last: Option<&GradeHistoryEntry>,
    next: &GradeView,
    at: DateTime<Utc>,
) -> Option<GradeHistoryEntry> {
    grade_change(last.map(|e| (e.to, e.overridden)), next, at)
}

/// The rule of [`history_entry`], from the effective grade before and whether it was an
/// override.
fn grade_change(
    before: Option<(Option<Grade>, bool)>,
    next: &GradeView,
    at: DateTime<Utc>,
) -> Option<GradeHistoryEntry> {
    let (from, was_overridden) = before.unwrap_or((None, false));
    if from == next.value && was_overridden == next.overridden {
        return None;
    }
    Some(GradeHistoryEntry {
        at,
        from,
        to: next.value,
        computed: next.computed,
        overridden: next.overridden,
        reason: next.override_reason.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_until_is_a_ceiling_on_calendar_months() {
        let today = d(2025, 1, 15);
        assert_eq!(months_until(today, d(2024, 12, 1)), 0);
        assert_eq!(months_until(today, today), 0);
        assert_eq!(months_until(today, d(2025, 1, 16)), 1);
        assert_eq!(months_until(today, d(2025, 2, 15)), 1);
        assert_eq!(months_until(today, d(2025, 2, 16)), 2);
        assert_eq!(months_until(today, d(2025, 4, 15)), 3);
        assert_eq!(months_until(today, d(2025, 4, 16)), 4);
        assert_eq!(months_until(today, d(2026, 1, 15)), 12);
        assert_eq!(months_until(today, d(2026, 1, 16)), 13);
    }

    #[test]
    fn months_until_clamps_month_ends() {
        let today = d(2025, 1, 31);
        assert_eq!(months_until(today, d(2025, 2, 28)), 1);
        assert_eq!(months_until(today, d(2025, 3, 1)), 2);
    }

    #[test]
    fn criteria_follow_table_columns() {
        assert_eq!(
            criteria(false),
            [
                K::ObjectiveNeed,
                K::SubjectiveNeed,
                K::Determination,
                K::FeasibilityStarted,
                K::SelectionStarted
            ]
        );
        assert_eq!(
            criteria(true),
            [
                K::ObjectiveNeed,
                K::SubjectiveNeed,
                K::Dissatisfaction,
                K::Determination,
                K::SelectionStarted
            ]
        );
    }

    #[test]
    fn until_informatized_is_known_the_questions_are_those_both_tables_need() {
        assert_eq!(
            questions(None),
            [
                K::ObjectiveNeed,
                K::SubjectiveNeed,
                K::Determination,
                K::SelectionStarted
            ]
        );
        assert_eq!(questions(Some(true)), criteria(true));
        assert_eq!(questions(Some(false)), criteria(false));
    }

    #[test]
    fn history_records_value_and_override_changes_only() {
        let at = DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap();
        let mut q = Qualification {
            objective_need: Some(true),
            subjective_need: Some(true),
            determination: Some(Level::High),
            feasibility_started: Some(true),
            selection_started: Some(false),
            dissatisfaction: None,
        };
        let today = d(2025, 1, 1);
        let b = GradeView::new(grade(&q, Some(false), None, today), None);
        assert_eq!(b.value, Some(Grade::B));
        assert!(history_entry(Some(&b), &b, at).is_none());
        q.selection_started = Some(true);
        let a = GradeView::new(grade(&q, Some(false), None, today), None);
        let e = history_entry(Some(&b), &a, at).unwrap();
        assert!(e.is_upgrade());
        assert_eq!((e.from, e.to), (Some(Grade::B), Some(Grade::A)));
        let o = GradeOverride {
            grade: Grade::A,
            reason: "boss confirmed".into(),
        };
        let a_over = GradeView::new(grade(&q, Some(false), None, today), Some(&o));
        let e = history_entry(Some(&a), &a_over, at).unwrap();
        assert!(e.overridden && !e.is_upgrade());
        assert_eq!(e.reason.as_deref(), Some("boss confirmed"));
        let first = history_entry(None, &a, at).unwrap();
        assert_eq!(first.from, None);
    }

    #[test]
    fn the_entry_after_a_history_follows_its_newest_entry() {
        let at = DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap();
        let view = |value: Option<Grade>, reason: Option<&str>| {
            let o = reason.map(|r| GradeOverride {
                grade: value.unwrap_or(Grade::D),
                reason: r.into(),
            });
            let mut v = GradeView::new(
                grade(&Qualification::default(), None, None, d(2025, 1, 1)),
                o.as_ref(),
            );
            v.value = value;
            v
        };
        let last = history_entry(None, &view(Some(Grade::B), None), at).unwrap();
        // Same grade, no override: no entry.
        assert!(history_entry_after(Some(&last), &view(Some(Grade::B), None), at).is_none());
        // B → A: an upgrade from the newest entry's grade.
        let e = history_entry_after(Some(&last), &view(Some(Grade::A), None), at).unwrap();
        assert_eq!((e.from, e.to), (Some(Grade::B), Some(Grade::A)));
        assert!(e.is_upgrade());
        // An override to the same letter is a change, with its reason.
        let e = history_entry_after(Some(&last), &view(Some(Grade::B), Some("boss")), at).unwrap();
        assert!(e.overridden && e.reason.as_deref() == Some("boss"));
        // An empty history: a first grade comes from "ungraded"; still ungraded adds nothing.
        assert_eq!(
            history_entry_after(None, &view(Some(Grade::D), None), at).map(|e| e.from),
            Some(None)
        );
        assert!(history_entry_after(None, &view(None, None), at).is_none());
    }
}
