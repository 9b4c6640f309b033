//! Dates and instants from outside are checked at the boundary (years 2000–2100, events at
//! most a day ahead of the receiver's clock), and the business-day conversion never panics.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use tuoke_core::activity::{ActivityLogArgs, NoteAddArgs};
use tuoke_core::args::QuizSubmitArgs;
use tuoke_core::cadence::business_date;
use tuoke_core::validate::{parse_patch, Problem};

fn now() -> DateTime<Utc> {
    "2026-12-03T08:00:00Z".parse().unwrap()
}

#[test]
fn a_schedule_date_beyond_2100_is_refused_with_its_field_named() {
    let e = parse_patch(&json!({"schedule": {"contract": "9999-01-01"}})).unwrap_err();
    assert_eq!(e.field, "schedule.contract");
    assert_eq!(e.problem, Problem::DateOutOfRange);
    let e = parse_patch(&json!({"schedule": {"go_live": "1999-12-31"}})).unwrap_err();
    assert_eq!(e.field, "schedule.go_live");
    assert!(parse_patch(&json!({"schedule": {"contract": "2027-03-01"}})).is_ok());
}

#[test]
fn an_activity_at_the_end_of_time_is_refused_not_converted() {
    let args: ActivityLogArgs = serde_json::from_value(json!({
        "id": "0190f7a4-0000-7000-8000-000000000001",
        "prospect_id": "0190f7a4-0000-7000-8000-000000000002",
        "kind": "visit",
        "at": "+262142-12-31T23:59:59Z",
    }))
    .unwrap();
    let e = args.validate(now()).unwrap_err();
    assert_eq!(
        (e.field.as_str(), e.problem),
        ("at", Problem::DateOutOfRange)
    );
    // The conversion the rules use does not panic on it either.
    assert_eq!(
        business_date(args.at),
        NaiveDate::from_ymd_opt(262142, 12, 31).unwrap()
    );
}

#[test]
fn an_activity_next_week_is_in_the_future() {
    let args: ActivityLogArgs = serde_json::from_value(json!({
        "id": "0190f7a4-0000-7000-8000-000000000001",
        "prospect_id": "0190f7a4-0000-7000-8000-000000000002",
        "kind": "phone_call",
        "at": "2026-12-10T08:00:00Z",
    }))
    .unwrap();
    assert_eq!(args.validate(now()).unwrap_err().problem, Problem::InFuture);
}

fn note(taken_at: &str, attachments: &[&str]) -> NoteAddArgs {
    serde_json::from_value(json!({
        "id": "0190f7a4-0000-7000-8000-000000000001",
        "prospect_id": "0190f7a4-0000-7000-8000-000000000002",
        "body": "拜访了生产经理",
        "kind": "visit",
        "taken_at": taken_at,
        "attachment_ids": attachments,
    }))
    .unwrap()
}

#[test]
fn a_note_listing_the_same_attachment_twice_is_refused_before_writing() {
    let a = "0190f7a4-0000-7000-8000-0000000000aa";
    let b = "0190f7a4-0000-7000-8000-0000000000bb";
    assert!(note("2026-12-03T07:00:00Z", &[a, b])
        .validate(now())
        .is_ok());
    let e = note("2026-12-03T07:00:00Z", &[a, b, a])
        .validate(now())
        .unwrap_err();
    assert_eq!(
        (e.field.as_str(), e.problem),
        ("attachment_ids[2]", Problem::Repeated)
    );
}

#[test]
fn a_note_taken_in_year_9999_is_refused() {
    let e = note("9999-12-31T00:00:00Z", &[])
        .validate(now())
        .unwrap_err();
    assert_eq!(
        (e.field.as_str(), e.problem),
        ("taken_at", Problem::DateOutOfRange)
    );
}

#[test]
fn a_quiz_submitted_in_the_far_future_is_refused() {
    let args: QuizSubmitArgs = serde_json::from_value(json!({
        "id": "0190f7a4-0000-7000-8000-000000000001",
        "seed": 7,
        "answers": [],
        "started_at": "2026-12-03T07:00:00Z",
        "submitted_at": "2126-12-03T07:00:00Z",
    }))
    .unwrap();
    let e = args.validate(now()).unwrap_err();
    assert_eq!(
        (e.field.as_str(), e.problem),
        ("submitted_at", Problem::DateOutOfRange)
    );
}
