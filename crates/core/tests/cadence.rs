//! SPEC §6 cadence, agenda and monthly plan.

mod common;

use chrono::{Days, NaiveDate};
use common::d;
use tuoke_core::activity::{ActivityKind, NoteKind};
use tuoke_core::cadence::{
    agenda, monthly_plan, moved_last_contact, next_contact_due, AgendaInput, CadenceConfig,
    LoggedWork, WorkType, MONTHLY_NORM,
};
use tuoke_core::record::NoteRecord;
use tuoke_core::types::{Grade, Status};
use uuid::Uuid;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn item(n: u128, grade: Option<Grade>, last: Option<NaiveDate>) -> AgendaInput {
    AgendaInput {
        id: id(n),
        grade,
        status: Status::Open,
        created: d(2025, 1, 1),
        last_contact: last,
    }
}

#[test]
fn default_cadence_is_7_14_30_90() {
    let c = CadenceConfig::default();
    assert_eq!(
        Grade::ALL.map(|g| c.interval_days(Some(g))),
        [7, 14, 30, 90]
    );
    assert_eq!(c.interval_days(None), 14);
}

#[test]
fn next_due_is_last_contact_plus_interval() {
    let c = CadenceConfig::default();
    let last = d(2025, 3, 1);
    for (g, days) in [
        (Grade::A, 7),
        (Grade::B, 14),
        (Grade::C, 30),
        (Grade::D, 90),
    ] {
        assert_eq!(
            next_contact_due(&c, Some(g), Status::Open, d(2025, 1, 1), Some(last)),
            Some(last + Days::new(days))
        );
    }
}

#[test]
fn never_contacted_counts_from_creation() {
    let c = CadenceConfig::default();
    assert_eq!(
        next_contact_due(&c, Some(Grade::A), Status::Open, d(2025, 1, 1), None),
        Some(d(2025, 1, 8))
    );
}

#[test]
fn won_and_lost_have_no_next_contact() {
    let c = CadenceConfig::default();
    for s in [Status::Won, Status::Lost] {
        assert_eq!(
            next_contact_due(&c, Some(Grade::A), s, d(2025, 1, 1), None),
            None
        );
    }
}

#[test]
fn cadence_is_configurable() {
    let c = CadenceConfig {
        a: 3,
        ..CadenceConfig::default()
    };
    assert_eq!(
        next_contact_due(&c, Some(Grade::A), Status::Open, d(2025, 1, 1), None),
        Some(d(2025, 1, 4))
    );
}

#[test]
fn agenda_splits_due_today_and_overdue() {
    let today = d(2025, 3, 10);
    let items = vec![
        item(1, Some(Grade::A), Some(d(2025, 3, 3))), // due today
        item(2, Some(Grade::A), Some(d(2025, 3, 1))), // 2 days overdue
        item(3, Some(Grade::B), Some(d(2025, 2, 1))), // 23 days overdue
        item(4, Some(Grade::C), Some(d(2025, 3, 5))), // not due
        item(5, None, Some(d(2025, 2, 24))),          // ungraded, due today
    ];
    let a = agenda(&items, today, &CadenceConfig::default());
    assert_eq!(
        a.due_today.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![id(1), id(5)]
    );
    assert_eq!(
        a.overdue
            .iter()
            .map(|e| (e.id, e.days_overdue))
            .collect::<Vec<_>>(),
        vec![(id(3), 23), (id(2), 2)]
    );
    assert_eq!(a.per_grade[0].due_today, 1);
    assert_eq!(a.per_grade[0].overdue, 1);
    assert_eq!(a.per_grade[1].overdue, 1);
    assert_eq!(a.per_grade[4].grade, None);
    assert_eq!(a.per_grade[4].due_today, 1);
}

#[test]
fn agenda_excludes_won_and_lost() {
    let mut won = item(1, Some(Grade::A), Some(d(2024, 1, 1)));
    won.status = Status::Won;
    let mut lost = item(2, Some(Grade::A), Some(d(2024, 1, 1)));
    lost.status = Status::Lost;
    let a = agenda(&[won, lost], d(2025, 3, 10), &CadenceConfig::default());
    assert!(a.due_today.is_empty() && a.overdue.is_empty());
}

#[test]
fn overdue_ties_sort_by_grade_then_id() {
    let items = vec![
        item(9, Some(Grade::B), Some(d(2025, 2, 20))), // due 3/6
        item(8, Some(Grade::A), Some(d(2025, 2, 27))), // due 3/6
        item(7, Some(Grade::A), Some(d(2025, 2, 27))), // due 3/6
    ];
    let a = agenda(&items, d(2025, 3, 10), &CadenceConfig::default());
    assert_eq!(
        a.overdue.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![id(7), id(8), id(9)]
    );
}

#[test]
fn monthly_norm_is_8_12_24_40_accounts_and_10_4_4_2_days() {
    assert_eq!(MONTHLY_NORM.map(|n| n.accounts), [8, 12, 24, 40]);
    assert_eq!(MONTHLY_NORM.map(|n| n.days), [10, 4, 4, 2]);
}

#[test]
fn monthly_plan_compares_portfolio_and_days_with_norm() {
    let portfolio = [
        Some(Grade::A),
        Some(Grade::A),
        Some(Grade::B),
        Some(Grade::D),
        None,
    ];
    let logged = [
        LoggedWork {
            date: d(2025, 3, 3),
            grade: Some(Grade::A),
        },
        LoggedWork {
            date: d(2025, 3, 3),
            grade: Some(Grade::A),
        }, // same day counts once
        LoggedWork {
            date: d(2025, 3, 4),
            grade: Some(Grade::A),
        },
        LoggedWork {
            date: d(2025, 3, 4),
            grade: Some(Grade::C),
        },
        LoggedWork {
            date: d(2025, 2, 28),
            grade: Some(Grade::C),
        }, // other month
        LoggedWork {
            date: d(2025, 3, 5),
            grade: None,
        },
    ];
    let plan = monthly_plan(&portfolio, &logged, 2025, 3);
    let r = &plan.rows;
    assert_eq!(r[0].work, WorkType::WorkA);
    assert_eq!((r[0].actual_accounts, r[0].actual_days), (2, 2));
    assert_eq!((r[0].accounts_gap, r[0].days_gap), (-6, -8));
    assert_eq!((r[1].actual_accounts, r[1].actual_days), (1, 0));
    assert_eq!((r[2].actual_accounts, r[2].actual_days), (0, 1));
    assert_eq!((r[3].actual_accounts, r[3].actual_days), (2, 1));
}

#[test]
fn d_and_ungraded_count_as_developing_new_prospects() {
    assert_eq!(WorkType::for_grade(Some(Grade::D)), WorkType::DevelopNew);
    assert_eq!(WorkType::for_grade(None), WorkType::DevelopNew);
    assert_eq!(WorkType::for_grade(Some(Grade::B)), WorkType::MaintainB);
}

#[test]
fn visit_call_and_meeting_notes_are_contacts_of_their_kind_and_other_notes_are_not() {
    assert_eq!(NoteKind::Visit.contact(), Some(ActivityKind::Visit));
    assert_eq!(NoteKind::Meeting.contact(), Some(ActivityKind::Visit));
    assert_eq!(NoteKind::Call.contact(), Some(ActivityKind::PhoneCall));
    assert_eq!(NoteKind::Other.contact(), None);
}

#[test]
fn a_visit_note_is_a_contact_at_the_time_it_was_taken() {
    let taken: chrono::DateTime<chrono::Utc> = "2026-03-04T02:00:00Z".parse().unwrap();
    let note = |kind| NoteRecord {
        id: id(1),
        prospect_id: id(2),
        author_id: Some("rep".into()),
        body: "拜访".into(),
        kind,
        taken_at: taken,
        attachment_ids: Vec::new(),
        created_at: "2026-03-05T02:00:00Z".parse().unwrap(),
    };
    let visit = note(NoteKind::Visit);
    let contact = visit.contact().expect("a visit note is a contact");
    assert_eq!(contact.prospect_id, id(2));
    assert_eq!(contact.author_id, Some("rep"));
    assert_eq!(contact.kind, ActivityKind::Visit);
    assert_eq!(contact.at, taken);
    assert_eq!(note(NoteKind::Other).contact(), None);
}

#[test]
fn a_contact_moves_the_last_contact_only_forward_by_business_day() {
    // 2026-03-03T17:00Z is 2026-03-04 01:00 in China.
    let at = "2026-03-03T17:00:00Z".parse().unwrap();
    assert_eq!(moved_last_contact(None, at), Some(d(2026, 3, 4)));
    assert_eq!(
        moved_last_contact(Some(d(2026, 3, 1)), at),
        Some(d(2026, 3, 4))
    );
    assert_eq!(moved_last_contact(Some(d(2026, 3, 4)), at), None);
    assert_eq!(moved_last_contact(Some(d(2026, 3, 9)), at), None);
}
