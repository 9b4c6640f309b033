//! Where a next contact stands (SPEC §6): how many days it is overdue or away, and the day's
//! agenda built from due dates the core has already computed.
//!
//! A prospect's next contact due is derived once, by [`crate::cadence::next_contact_due`]
//! (the server when it builds a record, the phone's local view when it re-applies a change).
//! Lists that only hold that date (the phone's prospect summaries) place it here instead of
//! reconstructing the facts it was computed from; [`crate::cadence::agenda`] places the dates
//! it computes the same way.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::types::Grade;

/// One prospect on the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaEntry {
    /// Prospect id.
    pub id: Uuid,
    /// Effective grade.
    pub grade: Option<Grade>,
    /// Due date.
    pub due: NaiveDate,
    /// Days past due (0 when due today).
    pub days_overdue: u32,
}

/// Counts for one grade (`grade: null` = ungraded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeCounts {
    /// The grade.
    pub grade: Option<Grade>,
    /// Due today.
    pub due_today: u32,
    /// Overdue.
    pub overdue: u32,
}

/// The agenda for one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    /// The day.
    pub today: NaiveDate,
    /// Due today, by grade (A first, ungraded last), then id.
    pub due_today: Vec<AgendaEntry>,
    /// Overdue, most overdue first, then grade, then id.
    pub overdue: Vec<AgendaEntry>,
    /// Counts for A, B, C, D and ungraded, in that order.
    pub per_grade: Vec<GradeCounts>,
}

/// Where a due date stands relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueIn {
    /// Past due by this many days (at least 1).
    Overdue(u32),
    /// Due today.
    Today,
    /// Due in this many days (at least 1).
    Later(u32),
}

impl DueIn {
    /// Days past due: 0 when due today or later.
    pub fn days_overdue(self) -> u32 {
        match self {
            DueIn::Overdue(days) => days,
            DueIn::Today | DueIn::Later(_) => 0,
        }
    }

    /// Due today or overdue: on the day's agenda.
    pub fn is_due(self) -> bool {
        !matches!(self, DueIn::Later(_))
    }
}

/// Where `due` stands on `today`, in whole calendar days (never panics, whatever the dates).
pub fn due_in(due: NaiveDate, today: NaiveDate) -> DueIn {
    let days = today.signed_duration_since(due).num_days();
    let whole = |d: i64| u32::try_from(d.unsigned_abs()).unwrap_or(u32::MAX);
    match days {
        0 => DueIn::Today,
        d if d > 0 => DueIn::Overdue(whole(d)),
        d => DueIn::Later(whole(d)),
    }
}

/// One open prospect's next contact due, as the core computed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueContact {
    /// Prospect id.
    pub id: Uuid,
    /// Effective grade.
    pub grade: Option<Grade>,
    /// Next contact due.
    pub due: NaiveDate,
}

fn grade_key(g: Option<Grade>) -> usize {
    g.map_or(4, Grade::index)
}

/// The agenda for `today` of contacts whose due dates are known: those due today (by grade, A
/// first, ungraded last, then id) and those overdue (most overdue first, then grade, then id),
/// with the counts per grade. Contacts due later are left out.
pub fn agenda_of_due(items: impl IntoIterator<Item = DueContact>, today: NaiveDate) -> Agenda {
    let mut due_today = Vec::new();
    let mut overdue = Vec::new();
    let mut counts = [(0u32, 0u32); 5];
    for it in items {
        let when = due_in(it.due, today);
        if !when.is_due() {
            continue;
        }
        let entry = AgendaEntry {
            id: it.id,
            grade: it.grade,
            due: it.due,
            days_overdue: when.days_overdue(),
        };
        let k = grade_key(it.grade);
        if when == DueIn::Today {
            counts[k].0 += 1;
            due_today.push(entry);
        } else {
            counts[k].1 += 1;
            overdue.push(entry);
        }
    }
    due_today.sort_unstable_by_key(|e| (grade_key(e.grade), e.id));
    overdue.sort_unstable_by_key(|e| (std::cmp::Reverse(e.days_overdue), grade_key(e.grade), e.id));
    let grades = [
        Some(Grade::A),
        Some(Grade::B),
        Some(Grade::C),
        Some(Grade::D),
        None,
    ];
    Agenda {
        today,
        due_today,
        overdue,
        per_grade: grades
            .iter()
            .zip(counts)
            .map(|(g, (t, o))| GradeCounts {
                grade: *g,
                due_today: t,
                overdue: o,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_due_date_is_overdue_today_or_later_by_whole_days() {
        let today = d(2026, 3, 2);
        assert_eq!(due_in(d(2026, 2, 27), today), DueIn::Overdue(3));
        assert_eq!(due_in(today, today), DueIn::Today);
        assert_eq!(due_in(d(2026, 3, 3), today), DueIn::Later(1));
        assert_eq!(due_in(d(2026, 2, 27), today).days_overdue(), 3);
        assert_eq!(DueIn::Later(5).days_overdue(), 0);
        assert!(DueIn::Today.is_due() && DueIn::Overdue(1).is_due());
        assert!(!DueIn::Later(1).is_due());
    }

    #[test]
    fn the_widest_dates_are_counted_without_panicking() {
        assert!(
            matches!(due_in(NaiveDate::MIN, NaiveDate::MAX), DueIn::Overdue(n) if n > 190_000_000)
        );
        assert!(
            matches!(due_in(NaiveDate::MAX, NaiveDate::MIN), DueIn::Later(n) if n > 190_000_000)
        );
    }

    #[test]
    fn the_agenda_of_due_dates_keeps_what_is_due_most_overdue_first() {
        let today = d(2026, 3, 2);
        let c = |n: u128, grade, due| DueContact {
            id: Uuid::from_u128(n),
            grade,
            due,
        };
        let a = agenda_of_due(
            [
                c(1, Some(Grade::C), today),
                c(2, Some(Grade::A), today),
                c(3, Some(Grade::B), d(2026, 3, 1)),
                c(4, None, d(2026, 2, 20)),
                c(5, Some(Grade::A), d(2026, 3, 9)),
            ],
            today,
        );
        let ids = |list: &[AgendaEntry]| list.iter().map(|e| e.id.as_u128()).collect::<Vec<_>>();
        assert_eq!(ids(&a.due_today), [2, 1]);
        assert_eq!(ids(&a.overdue), [4, 3]);
        assert_eq!(a.overdue[0].days_overdue, 10);
        assert_eq!(a.per_grade[0].due_today, 1);
        assert_eq!(a.per_grade[4].overdue, 1);
    }
}
