//! `prospect.put` patches: parsing with the offending field named, validation, and the
//! overwritten-value list used for field history.

use serde_json::{json, Value};
use tuoke_core::types::{Grade, GradeOverride, Industry, Prospect};
use tuoke_core::validate::{
    apply_patch, create_prospect, parse_patch, parse_put_args, validate_prospect, PatchError,
    Problem, ProspectPatch, PATCH_FIELDS,
};

fn err(v: Value) -> PatchError {
    parse_patch(&v).unwrap_err()
}

#[test]
fn unknown_field_is_rejected_by_name() {
    let e = err(json!({"company":"A","colour":"red"}));
    assert_eq!(e.field, "colour");
    assert_eq!(e.problem, Problem::UnknownField);
}

#[test]
fn wrong_type_names_the_field() {
    let e = err(json!({"annual_revenue_cny":"lots"}));
    assert_eq!(e.field, "annual_revenue_cny");
    assert!(matches!(e.problem, Problem::Invalid { .. }));
}

#[test]
fn fractional_money_is_rejected() {
    assert_eq!(
        err(json!({"annual_revenue_cny":1.5})).field,
        "annual_revenue_cny"
    );
}

#[test]
fn bad_enum_spelling_names_the_field() {
    assert_eq!(err(json!({"industry":"textiles"})).field, "industry");
    assert_eq!(err(json!({"source":"cold_call"})).field, "source");
}

#[test]
fn unknown_nested_field_names_the_parent() {
    let e = err(json!({"qualification":{"objective_need":true,"urgency":"high"}}));
    assert_eq!(e.field, "qualification");
    let Problem::Invalid { message } = e.problem else {
        panic!()
    };
    assert!(message.contains("urgency"));
}

#[test]
fn bad_level_in_qualification_is_rejected() {
    assert_eq!(
        err(json!({"qualification":{"determination":"very_high"}})).field,
        "qualification"
    );
}

#[test]
fn patch_must_be_an_object() {
    assert_eq!(err(json!([1, 2])).problem, Problem::NotAnObject);
}

#[test]
fn company_cannot_be_null_or_blank() {
    assert_eq!(err(json!({"company":null})).problem, Problem::Required);
    let e = err(json!({"company":"  "}));
    assert_eq!((e.field.as_str(), e.problem), ("company", Problem::Empty));
}

#[test]
fn negative_revenue_and_employees_are_rejected() {
    assert_eq!(
        err(json!({"annual_revenue_cny":-1})),
        PatchError::new("annual_revenue_cny", Problem::Negative)
    );
    assert_eq!(err(json!({"employees":-3})).field, "employees");
    assert_eq!(err(json!({"item_codes":-3})).field, "item_codes");
}

#[test]
fn negative_profit_is_a_loss_and_allowed() {
    let p = parse_patch(&json!({"annual_profit_cny":-2000000})).unwrap();
    assert_eq!(p.annual_profit_cny, Some(Some(-2_000_000)));
}

#[test]
fn negative_budget_amount_names_the_nested_field() {
    assert_eq!(
        err(json!({"budget":{"budgeted":true,"amount_cny":-5}})).field,
        "budget.amount_cny"
    );
}

#[test]
fn contact_without_name_is_rejected() {
    assert_eq!(
        err(json!({"contacts":[{"name":"Wang"},{"name":" ","phone":"1"}]})).field,
        "contacts[1].name"
    );
    assert_eq!(err(json!({"contacts":[{"phone":"1"}]})).field, "contacts");
}

#[test]
fn grade_override_requires_a_reason() {
    let e = err(json!({"grade_override":{"grade":"A","reason":""}}));
    assert_eq!(e.field, "grade_override.reason");
    assert_eq!(e.problem, Problem::Required);
    assert_eq!(
        err(json!({"grade_override":{"grade":"A"}})).field,
        "grade_override"
    );
    assert_eq!(
        err(json!({"grade_override":{"grade":"E","reason":"x"}})).field,
        "grade_override"
    );
}

#[test]
fn create_requires_company() {
    let patch = parse_patch(&json!({"industry":"tools"})).unwrap();
    assert_eq!(
        create_prospect(&patch).unwrap_err(),
        PatchError::new("company", Problem::Required)
    );
    let patch = parse_patch(&json!({"company":"Acme","industry":"tools"})).unwrap();
    let p = create_prospect(&patch).unwrap();
    assert_eq!(p.company, "Acme");
    assert_eq!(p.industry, Some(Industry::Tools));
}

#[test]
fn apply_returns_overwritten_values() {
    let mut p = Prospect::named("Acme");
    p.annual_revenue_cny = Some(10);
    let patch =
        parse_patch(&json!({"annual_revenue_cny":20,"company":"Acme","region":"Suzhou"})).unwrap();
    let changes = apply_patch(&mut p, &patch).unwrap();
    let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, vec!["annual_revenue_cny", "region"]);
    assert_eq!(changes[0].old, json!(10));
    assert_eq!(changes[0].new, json!(20));
    assert_eq!(changes[1].old, Value::Null);
    assert_eq!(p.region.as_deref(), Some("Suzhou"));
}

#[test]
fn null_clears_optional_fields_and_resets_objects() {
    let mut p = Prospect::named("Acme");
    p.region = Some("Suzhou".into());
    p.budget.budgeted = Some(true);
    p.grade_override = Some(GradeOverride {
        grade: Grade::B,
        reason: "r".into(),
    });
    let patch = parse_patch(&json!({"region":null,"budget":null,"grade_override":null})).unwrap();
    let changes = apply_patch(&mut p, &patch).unwrap();
    assert_eq!(changes.len(), 3);
    assert_eq!(p.region, None);
    assert_eq!(p.budget, Default::default());
    assert_eq!(p.grade_override, None);
    assert_eq!(changes[2].old, json!({"grade":"B","reason":"r"}));
}

#[test]
fn absent_grade_override_leaves_it_alone() {
    let mut p = Prospect::named("Acme");
    p.grade_override = Some(GradeOverride {
        grade: Grade::B,
        reason: "r".into(),
    });
    let patch = parse_patch(&json!({"region":"x"})).unwrap();
    apply_patch(&mut p, &patch).unwrap();
    assert!(p.grade_override.is_some());
}

#[test]
fn unchanged_values_produce_no_history() {
    let mut p = Prospect::named("Acme");
    p.employees = Some(100);
    let patch = parse_patch(&json!({"employees":100})).unwrap();
    assert!(apply_patch(&mut p, &patch).unwrap().is_empty());
}

#[test]
fn invalid_patch_changes_nothing() {
    let mut p = Prospect::named("Acme");
    let patch = ProspectPatch {
        region: Some(Some("x".into())),
        employees: Some(Some(-1)),
        ..ProspectPatch::default()
    };
    assert!(apply_patch(&mut p, &patch).is_err());
    assert_eq!(p, Prospect::named("Acme"));
}

#[test]
fn put_args_need_id_and_patch() {
    assert_eq!(
        parse_put_args(&json!({"patch":{}})).unwrap_err().field,
        "id"
    );
    assert_eq!(
        parse_put_args(&json!({"id":"not-a-uuid","patch":{}}))
            .unwrap_err()
            .field,
        "id"
    );
    assert_eq!(
        parse_put_args(&json!({"id":"0190f5c2-7a4e-7c3b-9a8e-2b1c4d5e6f70"}))
            .unwrap_err()
            .field,
        "patch"
    );
    assert_eq!(
        parse_put_args(&json!({"id":"0190f5c2-7a4e-7c3b-9a8e-2b1c4d5e6f70","patch":{},"x":1}))
            .unwrap_err()
            .field,
        "x"
    );
}

#[test]
fn every_patch_field_is_accepted_with_null_except_company() {
    for f in PATCH_FIELDS.iter().filter(|f| **f != "company") {
        let mut m = serde_json::Map::new();
        m.insert((*f).to_string(), Value::Null);
        assert!(parse_patch(&Value::Object(m)).is_ok(), "{f}");
    }
}

#[test]
fn spec_profile_items_are_patchable() {
    let patch = parse_patch(
        &json!({"iso9000":"in_progress","bpr":true,"relocation_expansion":false,
        "major_investment":true,"item_codes":12000,"address":"1 Road","db_preference":"SQL Server",
        "os_preference":"Windows","hardware_preference":"Dell","current_vendor":"X"}),
    )
    .unwrap();
    let mut p = Prospect::named("Acme");
    assert_eq!(apply_patch(&mut p, &patch).unwrap().len(), 10);
    assert_eq!(p.item_codes, Some(12000));
}

#[test]
fn validate_prospect_checks_the_whole_record() {
    assert_eq!(
        validate_prospect(&Prospect::default()).unwrap_err().field,
        "company"
    );
    assert!(validate_prospect(&Prospect::named("Acme")).is_ok());
    let mut p = Prospect::named("Acme");
    p.budget.affordable_cny = Some(-1);
    assert_eq!(
        validate_prospect(&p).unwrap_err().field,
        "budget.affordable_cny"
    );
}

#[test]
fn patch_error_serialises_with_code() {
    let e = PatchError::new("employees", Problem::Negative);
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        json!({"field":"employees","problem":{"code":"negative"}})
    );
    assert_eq!(e.to_string(), "employees: must not be negative");
}

#[test]
fn every_problem_code_is_its_serialised_tag() {
    let all = [
        Problem::NotAnObject,
        Problem::UnknownField,
        Problem::Invalid {
            message: String::new(),
        },
        Problem::Required,
        Problem::Empty,
        Problem::Negative,
        Problem::DateOutOfRange,
        Problem::InFuture,
        Problem::Repeated,
    ];
    for problem in all {
        let tag = serde_json::to_value(&problem).unwrap()["code"].clone();
        assert_eq!(tag, problem.code(), "{problem:?}");
    }
}
