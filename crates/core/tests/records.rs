//! The pulled records keep the exact JSON shape the server has always sent: a sample written
//! as the server wrote it reads into the record type and writes back unchanged, and each
//! record built from its mutation's args is that sample.

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use tuoke_core::activity::{ActivityKind, ActivityLogArgs, NoteAddArgs, NoteKind};
use tuoke_core::args::{ConcessionAddArgs, ObjectionAddArgs, QuizSubmitArgs, QuoteSubmitArgs};
use tuoke_core::contract::Entity;
use tuoke_core::negotiation::{
    quote_total, Concession, ConcessionWarningCode, QuoteInput, QuoteLine,
};
use tuoke_core::playbook::ObjectionId;
use tuoke_core::quiz::{draw, grade_attempt, QuizAnswer};
use tuoke_core::record::{
    ActivityRecord, ApprovalKind, ApprovalRecord, ApprovalStatus, ConcessionRecord, EntityRecord,
    NoteRecord, ObjectionRecord, QuizAttemptRecord, QuoteRecord,
};
use uuid::Uuid;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// `sample` reads as an `R` and writes back exactly as it was.
fn same_shape<R: EntityRecord + std::fmt::Debug>(sample: Value) -> R {
    let record: R = serde_json::from_value(sample.clone()).expect("the sample reads");
    assert_eq!(serde_json::to_value(&record).unwrap(), sample, "{record:?}");
    record
}

fn value<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap()
}

fn back<T: DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).unwrap()
}

#[test]
fn a_note_has_the_servers_shape_and_is_built_from_its_args() {
    let now = at("2026-03-02T08:00:00Z");
    let args = NoteAddArgs {
        id: id(1),
        prospect_id: id(2),
        body: "拜访王总".into(),
        kind: NoteKind::Visit,
        taken_at: at("2026-03-02T07:30:00Z"),
        attachment_ids: vec![id(9)],
    };
    let sample = json!({
        "id": args.id, "prospect_id": args.prospect_id, "author_id": "u1", "body": args.body,
        "kind": args.kind, "taken_at": args.taken_at, "attachment_ids": args.attachment_ids,
        "created_at": now,
    });
    let read: NoteRecord = same_shape(sample.clone());
    assert_eq!(read, NoteRecord::new(args.clone(), Some("u1".into()), now));
    // Without attachments the list is still there, empty.
    let plain = NoteAddArgs {
        attachment_ids: vec![],
        ..args
    };
    assert_eq!(
        value(&NoteRecord::new(plain, None, now))["attachment_ids"],
        json!([])
    );
    assert_eq!(NoteRecord::ENTITY, Entity::Note);
}

#[test]
fn an_activity_has_the_servers_shape_and_is_built_from_its_args() {
    let now = at("2026-03-02T08:00:00Z");
    let args = ActivityLogArgs {
        id: id(1),
        prospect_id: id(2),
        kind: ActivityKind::PhoneCall,
        at: at("2026-03-01T09:00:00Z"),
        summary: "约了演示".into(),
    };
    let sample = json!({
        "id": args.id, "prospect_id": args.prospect_id, "author_id": "u1", "kind": args.kind,
        "at": args.at, "summary": args.summary, "created_at": now,
    });
    let read: ActivityRecord = same_shape(sample);
    assert_eq!(read, ActivityRecord::new(args, Some("u1".into()), now));
}

fn quote_args() -> QuoteSubmitArgs {
    QuoteSubmitArgs {
        id: id(1),
        prospect_id: id(2),
        quote: QuoteInput {
            lines: vec![QuoteLine {
                module: "财务".into(),
                list_price_cny: 50_000,
                qty: 2,
            }],
            consultant_days: 10,
            day_rate_cny: 3_000,
            discount_bp: 500,
        },
        note: None,
    }
}

#[test]
fn a_quote_has_the_servers_shape_with_its_total_and_approval() {
    let now = at("2026-03-02T08:00:00Z");
    let args = quote_args();
    let total = quote_total(&args.quote).unwrap();
    let sample = json!({
        "id": args.id, "prospect_id": args.prospect_id, "author_id": "u1", "quote": args.quote,
        "note": args.note, "total": total, "status": "pending", "approval_id": id(7),
        "created_at": now,
    });
    let read: QuoteRecord = same_shape(sample);
    assert_eq!(
        read,
        QuoteRecord::submitted(args.clone(), Some("u1".into()), Some(id(7)), now)
    );
    // The phone's pending copy has no approval yet: the key is absent, not null.
    let local = value(&QuoteRecord::submitted(args, None, None, now));
    assert!(local.get("approval_id").is_none());
    assert_eq!(local["author_id"], Value::Null);
    assert_eq!(local["note"], Value::Null);
    // A decided quote.
    let mut decided = back::<QuoteRecord>(local);
    decided.status = ApprovalStatus::Approved;
    assert_eq!(value(&decided)["status"], "approved");
}

#[test]
fn a_quote_that_cannot_be_computed_has_a_null_total() {
    let mut args = quote_args();
    args.quote.lines.clear();
    let r = QuoteRecord::submitted(args, None, None, at("2026-03-02T08:00:00Z"));
    assert_eq!(r.total, None);
    assert_eq!(value(&r)["total"], Value::Null);
}

#[test]
fn a_concession_has_the_servers_shape_with_its_warnings() {
    let now = at("2026-03-02T08:00:00Z");
    let args = ConcessionAddArgs {
        id: id(1),
        prospect_id: id(2),
        concession: Concession {
            amount_cny: Some(5_000),
            ..Concession::default()
        },
    };
    let sample = json!({
        "id": args.id, "prospect_id": args.prospect_id, "author_id": "u1",
        "concession": args.concession, "warnings": ["nothing_in_return"], "created_at": now,
    });
    let read: ConcessionRecord = same_shape(sample);
    let warnings = vec![ConcessionWarningCode::NothingInReturn];
    assert_eq!(
        read,
        ConcessionRecord::new(args.clone(), Some("u1".into()), Some(warnings), now)
    );
    // No warnings is an empty list on the server, and no key at all on the phone.
    let none = ConcessionRecord::new(args.clone(), Some("u1".into()), Some(vec![]), now);
    assert_eq!(value(&none)["warnings"], json!([]));
    assert!(value(&ConcessionRecord::new(args, None, None, now))
        .get("warnings")
        .is_none());
}

#[test]
fn an_objection_has_the_servers_shape() {
    let now = at("2026-03-02T08:00:00Z");
    let args = ObjectionAddArgs {
        id: id(1),
        prospect_id: id(2),
        objection: ObjectionId::TooExpensive,
        note: Some("预算不够".into()),
        resolved: false,
    };
    let sample = json!({
        "id": args.id, "prospect_id": args.prospect_id, "author_id": "u1",
        "objection": args.objection, "note": args.note, "resolved": args.resolved,
        "created_at": now,
    });
    let read: ObjectionRecord = same_shape(sample);
    assert_eq!(read, ObjectionRecord::new(args, Some("u1".into()), now));
}

#[test]
fn a_graded_quiz_attempt_has_the_servers_shape_and_the_phones_copy_has_no_score() {
    let now = at("2026-03-02T08:00:00Z");
    let drawn = draw(42);
    let args = QuizSubmitArgs {
        id: id(1),
        seed: 42,
        answers: vec![QuizAnswer {
            question_id: drawn[0],
            selected: vec![0],
        }],
        started_at: at("2026-03-02T07:30:00Z"),
        submitted_at: at("2026-03-02T07:50:00Z"),
    };
    let result = grade_attempt(&drawn, &args.answers, args.started_at, args.submitted_at);
    let sample = json!({
        "id": args.id, "user_id": "u1", "seed": args.seed, "drawn": drawn,
        "answers": args.answers, "score": result.score, "within_time": result.within_time,
        "started_at": args.started_at, "submitted_at": args.submitted_at, "created_at": now,
    });
    let read: QuizAttemptRecord = same_shape(sample);
    let submitted = QuizAttemptRecord::submitted(args, Some("u1".into()), now);
    assert_eq!(read, submitted.clone().graded());
    let local = value(&submitted);
    for key in ["drawn", "score", "within_time"] {
        assert!(local.get(key).is_none(), "{key}");
    }
    assert_eq!(back::<QuizAttemptRecord>(local), submitted);
}

#[test]
fn an_approval_has_the_servers_shape_nulls_included() {
    let sample = json!({
        "id": id(1), "kind": "stage_move", "prospect_id": id(2), "requested_by": "rep1",
        "approver_id": "mgr1", "to": "quote", "quote_id": null, "rule": "no_skip",
        "reason": null, "status": "pending", "decided_by": null, "comment": null,
        "created_at": "2026-03-02T08:00:00Z", "decided_at": null,
    });
    let read: ApprovalRecord = same_shape(sample);
    assert_eq!(read.kind, ApprovalKind::StageMove);
    let quote = json!({
        "id": id(3), "kind": "quote", "prospect_id": id(2), "requested_by": "rep1",
        "approver_id": "mgr1", "to": null, "quote_id": id(4), "rule": "quote_needs_approval",
        "reason": "急单", "status": "rejected", "decided_by": "mgr1", "comment": "太低",
        "created_at": "2026-03-02T08:00:00Z", "decided_at": "2026-03-02T09:00:00.500Z",
    });
    let read: ApprovalRecord = same_shape(quote);
    assert_eq!(read.status, ApprovalStatus::Rejected);
    assert_eq!(ApprovalStatus::decided(true), ApprovalStatus::Approved);
    assert!(serde_json::from_value::<ApprovalRecord>(json!({"kind": "nope"})).is_err());
}

#[test]
fn a_prospect_carries_the_servers_additions_and_a_null_owner_when_unassigned() {
    use tuoke_core::cadence::CadenceConfig;
    use tuoke_core::grading::{history_entry, GradeView};
    use tuoke_core::record::{ProspectRecord, RecordMeta};
    use tuoke_core::types::{Prospect, Stage};

    let created = at("2026-01-05T08:00:00Z");
    let today = "2026-03-02".parse().unwrap();
    let prospect = Prospect::named("华强电子");
    let entry = history_entry(None, &GradeView::of(&prospect, today), created);
    let meta = RecordMeta {
        stage: Stage::Lost,
        stage_reason: Some("价格".into()),
        lead_list: true,
        grade_history: entry.into_iter().collect(),
        ..RecordMeta::new(id(1), None, created)
    };
    let last_contact = Some("2026-02-27".parse().unwrap());
    let record = ProspectRecord::build(
        meta,
        prospect,
        last_contact,
        today,
        &CadenceConfig::default(),
    );
    let v = value(&record);
    assert_eq!(v["owner_id"], Value::Null);
    assert_eq!(v["lead_list"], json!(true));
    assert_eq!(v["last_contact"], json!("2026-02-27"));
    assert_eq!(v["stage_reason"], json!("价格"));
    assert_eq!(v["status"], json!("lost"));
    assert!(v["grade_history"].is_array());
    assert_eq!(back::<ProspectRecord>(v.clone()), record);
    // A record from before the additions (or a sparse test sample) still reads.
    let mut old = v;
    for key in ["lead_list", "last_contact", "grade_history", "stage_reason"] {
        old.as_object_mut().unwrap().remove(key);
    }
    let read = back::<ProspectRecord>(old);
    assert!(!read.lead_list && read.grade_history.is_empty() && read.last_contact.is_none());
}

#[test]
fn a_prospect_reads_the_same_from_json_text_and_from_a_value_ignoring_unknown_keys_and_refusing_a_broken_one(
) {
    use tuoke_core::cadence::CadenceConfig;
    use tuoke_core::record::{ProspectRecord, RecordMeta};
    use tuoke_core::types::Prospect;

    let created = at("2026-01-05T08:00:00Z");
    let record = ProspectRecord::build(
        RecordMeta::new(id(2), Some("rep1".into()), created),
        Prospect::named("精工机械"),
        None,
        "2026-03-02".parse().unwrap(),
        &CadenceConfig::default(),
    );
    // Read from JSON text (the server, the wire) it is the same record as from a `Value`.
    let text = serde_json::to_string(&record).unwrap();
    assert_eq!(
        serde_json::from_str::<ProspectRecord>(&text).unwrap(),
        record
    );
    // Keys neither part knows are ignored, as the flattened record ignored them.
    let mut extra = value(&record);
    extra["from_a_newer_server"] = json!({"x": 1});
    assert_eq!(back::<ProspectRecord>(extra), record);
    // A record missing a required field of either part, or of the wrong type, does not read.
    for (key, broken) in [
        ("stage", None),
        ("company", None),
        ("created_at", Some(json!("yesterday"))),
        ("industry", Some(json!("bakery"))),
    ] {
        let mut v = value(&record);
        match broken {
            Some(bad) => v[key] = bad,
            None => drop(v.as_object_mut().unwrap().remove(key)),
        }
        assert!(
            serde_json::from_value::<ProspectRecord>(v).is_err(),
            "{key}"
        );
    }
    assert!(serde_json::from_value::<ProspectRecord>(json!([1, 2])).is_err());
}
