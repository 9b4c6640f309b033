//! Serde round-trips against JSON literals written exactly as API.md shows them.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Value};
use tuoke_core::cadence::CadenceConfig;
use tuoke_core::fit::{FitStatus, TargetFit};
use tuoke_core::grading::GradeView;
use tuoke_core::record::{ProspectRecord, RecordMeta};
use tuoke_core::types::{
    GradeOverride, Industry, LeadSource, Level, Prospect, Qualification, Schedule, Stage, Status,
};
use tuoke_core::validate::{parse_patch, parse_put_args};
use uuid::Uuid;

fn roundtrip<T: serde::Serialize + serde::de::DeserializeOwned>(v: Value) -> Value {
    let t: T = serde_json::from_value(v).expect("deserialises");
    serde_json::to_value(&t).expect("serialises")
}

#[test]
fn qualification_shape_round_trips() {
    let v = json!({"objective_need":true,"subjective_need":true,"determination":"high",
        "feasibility_started":true,"dissatisfaction":"none","selection_started":false});
    assert_eq!(roundtrip::<Qualification>(v.clone()), v);
}

#[test]
fn levels_are_spelled_high_mid_low_none() {
    for (l, s) in [
        (Level::High, "high"),
        (Level::Mid, "mid"),
        (Level::Low, "low"),
        (Level::None, "none"),
    ] {
        assert_eq!(serde_json::to_value(l).unwrap(), json!(s));
        assert_eq!(l.code(), s);
    }
}

#[test]
fn stage_names_match_api() {
    let names: Vec<Value> = Stage::ALL
        .iter()
        .map(|s| serde_json::to_value(s).unwrap())
        .collect();
    assert_eq!(
        names,
        json!([
            "lead",
            "first_visit",
            "exchange",
            "demo",
            "quote",
            "objections",
            "negotiation",
            "signed",
            "lost"
        ])
        .as_array()
        .unwrap()
        .clone()
    );
    for s in Stage::ALL {
        assert_eq!(serde_json::to_value(s).unwrap(), json!(s.code()));
    }
}

#[test]
fn industries_match_api() {
    let v = serde_json::to_value(Industry::ALL).unwrap();
    assert_eq!(
        v,
        json!([
            "electronics",
            "electrical_machinery",
            "electrical_appliances",
            "machinery",
            "hardware",
            "tools",
            "transport_equipment",
            "other"
        ])
    );
}

#[test]
fn sources_match_api() {
    let v = serde_json::to_value(LeadSource::ALL).unwrap();
    assert_eq!(
        v,
        json!([
            "event",
            "telemarketing",
            "call_in",
            "customer_referral",
            "personal_referral",
            "upgrade",
            "other"
        ])
    );
}

#[test]
fn status_spelling_matches_api() {
    assert_eq!(
        serde_json::to_value([Status::Open, Status::Won, Status::Lost]).unwrap(),
        json!(["open", "won", "lost"])
    );
}

#[test]
fn schedule_dates_are_yyyy_mm_dd() {
    let v = json!({"selection_start":"2025-04-01","selection_end":"2025-05-15",
        "vendor_decision":"2025-06-01","contract":"2025-06-30",
        "implementation_start":"2025-07-15","go_live":"2026-01-01"});
    assert_eq!(roundtrip::<Schedule>(v.clone()), v);
    let s: Schedule = serde_json::from_value(v).unwrap();
    assert_eq!(s.contract, NaiveDate::from_ymd_opt(2025, 6, 30));
}

#[test]
fn grade_override_shape() {
    let v = json!({"grade":"A","reason":"…"});
    assert_eq!(roundtrip::<GradeOverride>(v.clone()), v);
}

#[test]
fn put_args_example_parses() {
    let args = json!({"id":"0190f5c2-7a4e-7c3b-9a8e-2b1c4d5e6f70","patch":{
        "company":"东莞精密五金有限公司","industry":"hardware","annual_revenue_cny":120000000,
        "annual_profit_cny":9000000,"employees":450,"products":"精密冲压件","region":"东莞",
        "source":"event","informatized":false,"current_system":"Excel",
        "qualification":{"objective_need":true,"subjective_need":true,"determination":"high",
            "feasibility_started":true,"dissatisfaction":"none","selection_started":false},
        "schedule":{"selection_start":"2025-04-01","contract":"2025-08-01"},
        "budget":{"budgeted":true,"amount_cny":600000,"covers":"software"},
        "requirement":{"motivation":"growth","modules":["MRP","finance"]},
        "decision":{"initiator":"boss","decision_makers":["boss","CFO"]},
        "competition":{"competitors":["X","Y"],"leader":"X"},
        "evaluation":{"factors":["software","service"],"most_valued":"service"},
        "contacts":[{"name":"王总","role":"boss","title":"总经理","phone":"13800000000"}],
        "grade_override":{"grade":"A","reason":"…"}}});
    let put = parse_put_args(&args).unwrap();
    assert_eq!(put.patch.industry, Some(Some(Industry::Hardware)));
    assert_eq!(put.patch.annual_revenue_cny, Some(Some(120_000_000)));
    // And the patch serialises back to the same fields.
    assert_eq!(serde_json::to_value(&put.patch).unwrap(), args["patch"]);
}

#[test]
fn grade_override_null_is_distinct_from_absent() {
    let p = parse_patch(&json!({"grade_override":null})).unwrap();
    assert_eq!(p.grade_override, Some(None));
    assert_eq!(
        serde_json::to_value(&p).unwrap(),
        json!({"grade_override":null})
    );
    let p = parse_patch(&json!({})).unwrap();
    assert_eq!(p.grade_override, None);
    assert_eq!(serde_json::to_value(&p).unwrap(), json!({}));
}

#[test]
fn target_fit_shape() {
    let v = json!({"status":"unknown","reasons":["revenue_missing"]});
    let t: TargetFit = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(t.status, FitStatus::Unknown);
    assert_eq!(serde_json::to_value(&t).unwrap(), v);
    assert_eq!(serde_json::to_value(FitStatus::In).unwrap(), json!("in"));
}

fn sample_record() -> ProspectRecord {
    let mut p = Prospect::named("Acme Electronics");
    p.industry = Some(Industry::Electronics);
    p.annual_revenue_cny = Some(80_000_000);
    p.annual_profit_cny = Some(6_000_000);
    p.informatized = Some(false);
    p.qualification = Qualification {
        objective_need: Some(true),
        subjective_need: Some(true),
        determination: Some(Level::High),
        feasibility_started: Some(true),
        dissatisfaction: None,
        selection_started: Some(true),
    };
    let created: DateTime<Utc> = "2025-03-01T08:00:00Z".parse().unwrap();
    ProspectRecord::build(
        RecordMeta {
            stage: Stage::FirstVisit,
            ..RecordMeta::new(
                Uuid::parse_str("0190f5c2-7a4e-7c3b-9a8e-2b1c4d5e6f70").unwrap(),
                Some("rep1".into()),
                created,
            )
        },
        p,
        Some(NaiveDate::from_ymd_opt(2025, 3, 5).unwrap()),
        NaiveDate::from_ymd_opt(2025, 3, 10).unwrap(),
        &CadenceConfig::default(),
    )
}

#[test]
fn pulled_record_has_every_api_field() {
    let v = serde_json::to_value(sample_record()).unwrap();
    for k in [
        "id",
        "owner_id",
        "company",
        "industry",
        "annual_revenue_cny",
        "annual_profit_cny",
        "informatized",
        "qualification",
        "schedule",
        "budget",
        "requirement",
        "decision",
        "competition",
        "evaluation",
        "contacts",
        "grade_override",
        "stage",
        "status",
        "pending_stage",
        "created_at",
        "updated_at",
        "next_contact_due",
        "target_fit",
        "grade",
    ] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
    assert_eq!(v["stage"], json!("first_visit"));
    assert_eq!(v["status"], json!("open"));
    assert_eq!(v["pending_stage"], Value::Null);
    assert_eq!(v["grade_override"], Value::Null);
    assert_eq!(v["next_contact_due"], json!("2025-03-12"));
    assert_eq!(v["target_fit"], json!({"status":"in","reasons":[]}));
    assert_eq!(v["created_at"], json!("2025-03-01T08:00:00Z"));
}

#[test]
fn pulled_grade_has_api_keys() {
    let v = serde_json::to_value(sample_record()).unwrap();
    let g = &v["grade"];
    assert_eq!(g["value"], json!("A"));
    assert_eq!(g["computed"], json!("A"));
    assert_eq!(g["needs_confirmation"], json!(false));
    assert_eq!(g["overridden"], json!(false));
    assert_eq!(g["explanation"].as_array().unwrap().len(), 5);
    let ungraded = GradeView::of(
        &Prospect::named("x"),
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
    );
    let u = serde_json::to_value(ungraded).unwrap();
    assert_eq!(u["value"], Value::Null);
    assert_eq!(u["computed"], Value::Null);
    assert_eq!(
        u["missing"],
        json!([
            "informatized",
            "objective_need",
            "subjective_need",
            "determination",
            "selection_started"
        ])
    );
}

#[test]
fn pulled_record_round_trips() {
    let r = sample_record();
    let v = serde_json::to_value(&r).unwrap();
    let back: ProspectRecord = serde_json::from_value(v).unwrap();
    assert_eq!(back, r);
}

#[test]
fn signed_record_is_won_without_next_contact() {
    let mut r = sample_record();
    let meta = RecordMeta {
        stage: Stage::Signed,
        ..RecordMeta::new(r.id, r.owner_id.clone(), r.created_at)
    };
    r = ProspectRecord::build(
        meta,
        r.prospect,
        None,
        NaiveDate::from_ymd_opt(2025, 3, 10).unwrap(),
        &CadenceConfig::default(),
    );
    assert_eq!(r.status, Status::Won);
    assert_eq!(r.next_contact_due, None);
}

#[test]
fn stage_move_args_shape() {
    use tuoke_core::stage::StageMoveArgs;
    let v =
        json!({"prospect_id":"0190f5c2-7a4e-7c3b-9a8e-2b1c4d5e6f70","to":"lost","reason":"price"});
    let a: StageMoveArgs = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(a.to, Stage::Lost);
    assert_eq!(serde_json::to_value(&a).unwrap(), v);
    assert!(serde_json::from_value::<StageMoveArgs>(
        json!({"prospect_id":"0190f5c2-7a4e-7c3b-9a8e-2b1c4d5e6f70","to":"won"})
    )
    .is_err());
}

#[test]
fn note_and_activity_args_shapes() {
    use tuoke_core::activity::{ActivityKind, ActivityLogArgs, NoteAddArgs, NoteKind};
    let n = json!({"id":"0190f5c2-7a4e-7c3b-9a8e-2b1c4d5e6f71","prospect_id":"0190f5c2-7a4e-7c3b-9a8e-2b1c4d5e6f70",
        "body":"met the boss","kind":"visit","taken_at":"2025-03-10T02:00:00Z"});
    let a: NoteAddArgs = serde_json::from_value(n.clone()).unwrap();
    assert_eq!(a.kind, NoteKind::Visit);
    assert_eq!(serde_json::to_value(&a).unwrap(), n);
    let v = json!({"id":"0190f5c2-7a4e-7c3b-9a8e-2b1c4d5e6f72","prospect_id":"0190f5c2-7a4e-7c3b-9a8e-2b1c4d5e6f70",
        "kind":"holiday_card","at":"2025-03-10T02:00:00Z","summary":"sent card"});
    let a: ActivityLogArgs = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(a.kind, ActivityKind::HolidayCard);
    assert_eq!(serde_json::to_value(&a).unwrap(), v);
}

#[test]
fn record_gives_its_agenda_input() {
    let r = sample_record();
    let a = r.agenda_input(None);
    assert_eq!(a.grade, Some(tuoke_core::types::Grade::A));
    assert_eq!(a.created, NaiveDate::from_ymd_opt(2025, 3, 1).unwrap());
}
