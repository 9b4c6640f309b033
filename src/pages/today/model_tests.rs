use super::*;
use serde_json::json;

fn summary(n: u128, company: &str, grade: Option<Grade>, due: &str) -> ProspectSummary {
    let data = json!({
        "company": company, "owner_id": "me", "stage": "first_visit", "status": "open",
        "next_contact_due": due,
        "grade": {"value": grade, "computed": grade, "needs_confirmation": false,
                  "overridden": false, "explanation": []},
    });
    ProspectSummary::from_record(&Uuid::from_u128(n).to_string(), &data)
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn the_agenda_places_each_prospect_at_its_records_due_date() {
    // Contacted on 03-01 as a B, the record says due 03-02 (e.g. its grade was A when the
    // server derived it): the record's date is placed as it is, never recomputed here.
    let mut s = summary(1, "甲", Some(Grade::B), "2026-03-02");
    s.last_contact = Some(day("2026-03-01"));
    let groups = due_groups(std::slice::from_ref(&s), "me", day("2026-03-04"));
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].entries[0].1.due, day("2026-03-02"));
    assert_eq!(groups[0].entries[0].1.days_overdue, 2);
    // Won and lost prospects have no due date: never on the agenda.
    let mut won = summary(2, "乙", Some(Grade::A), "2026-03-02");
    won.status = Status::Won;
    won.next_contact_due = None;
    assert!(due_groups(&[won], "me", day("2026-03-04")).is_empty());
}

#[test]
fn due_contacts_are_grouped_per_grade_most_overdue_first_and_only_the_users_own() {
    let mut list = vec![
        summary(1, "A 今天", Some(Grade::A), "2026-03-02"),
        summary(2, "A 逾期三天", Some(Grade::A), "2026-02-27"),
        summary(3, "C 逾期一天", Some(Grade::C), "2026-03-01"),
        summary(4, "未分级 今天", None, "2026-03-02"),
        summary(5, "B 明天", Some(Grade::B), "2026-03-03"),
        summary(6, "别人的", Some(Grade::A), "2026-02-01"),
    ];
    list[5].owner_id = "someone else".into();
    list.sort_by(|a, b| a.id.cmp(&b.id));
    let groups = due_groups(&list, "me", day("2026-03-02"));
    type Shown<'a> = Vec<(Option<Grade>, Vec<(&'a str, u32)>)>;
    let shown: Shown = groups
        .iter()
        .map(|g| {
            (
                g.grade,
                g.entries
                    .iter()
                    .map(|(i, e)| (list[*i].company.as_str(), e.days_overdue))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (Some(Grade::A), vec![("A 逾期三天", 3), ("A 今天", 0)]),
            (Some(Grade::C), vec![("C 逾期一天", 1)]),
            (None, vec![("未分级 今天", 0)]),
        ]
    );
    assert_eq!(due_counts(&groups), (2, 2));
}

#[test]
fn a_logged_contact_moves_the_prospect_off_the_agenda() {
    let mut s = summary(1, "甲", Some(Grade::A), "2026-03-02");
    assert_eq!(
        due_groups(std::slice::from_ref(&s), "me", day("2026-03-02")).len(),
        1
    );
    // What the local view does after `activity.log` today.
    s.last_contact = Some(day("2026-03-02"));
    s.next_contact_due = Some(day("2026-03-09"));
    assert!(due_groups(&[s], "me", day("2026-03-02")).is_empty());
}

#[test]
fn logged_work_counts_the_users_activities_with_their_prospects_grade() {
    let list = vec![summary(1, "甲", Some(Grade::B), "2026-03-02")];
    let record = |author: &str, at: &str| ViewRecord {
        entity: "activity".into(),
        id: "x".into(),
        data: json!({"id": Uuid::from_u128(7), "prospect_id": Uuid::from_u128(1).to_string(),
                     "author_id": author, "kind": "phone_call", "at": at, "summary": "电话",
                     "created_at": at}),
        pending: false,
    };
    let records = [
        record("me", "2026-03-02T04:00:00Z"),
        record("other", "2026-03-03T04:00:00Z"),
    ];
    let work = logged_work(records.iter(), &list, "me");
    assert_eq!(work.len(), 1);
    assert_eq!(work[0].grade, Some(Grade::B));
    assert_eq!(portfolio(&list, "me"), [Some(Grade::B)]);
    assert!(portfolio(&list, "other").is_empty());
}

#[test]
fn logged_work_counts_visit_notes_as_contacts_and_a_day_once() {
    let list = vec![summary(1, "甲", Some(Grade::A), "2026-03-09")];
    let note = |n: u128, kind: &str, at: &str| ViewRecord {
        entity: "note".into(),
        id: Uuid::from_u128(n).to_string(),
        data: json!({"id": Uuid::from_u128(n), "prospect_id": Uuid::from_u128(1).to_string(),
                     "author_id": "me", "body": "拜访", "kind": kind, "taken_at": at,
                     "attachment_ids": [], "created_at": at}),
        pending: true,
    };
    let activity = ViewRecord {
        entity: "activity".into(),
        id: "a".into(),
        data: json!({"id": Uuid::from_u128(9), "prospect_id": Uuid::from_u128(1).to_string(),
                     "author_id": "me", "kind": "visit", "at": "2026-03-02T08:00:00Z",
                     "summary": "", "created_at": "2026-03-02T08:00:00Z"}),
        pending: false,
    };
    let records = [
        note(2, "visit", "2026-03-02T04:00:00Z"),
        note(3, "other", "2026-03-03T04:00:00Z"),
        note(4, "call", "2026-03-04T04:00:00Z"),
        activity,
    ];
    let work = logged_work(records.iter(), &list, "me");
    assert_eq!(
        work.len(),
        3,
        "the visit and call notes and the activity; not the other note"
    );
    assert!(work.iter().all(|w| w.grade == Some(Grade::A)));
    let plan = tuoke_core::cadence::monthly_plan(&portfolio(&list, "me"), &work, 2026, 3);
    assert_eq!(
        plan.rows[0].actual_days, 2,
        "03-02 (note and activity) and 03-04"
    );
}
