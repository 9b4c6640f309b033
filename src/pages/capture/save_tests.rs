use super::*;
use crate::i18n::Lang;
use serde_json::json;
use tuoke_core::validate::parse_put_args;

fn zh() -> I18n {
    I18n::in_lang(Lang::ZhHans)
}

fn at() -> DateTime<Utc> {
    "2026-03-02T08:00:00Z".parse().unwrap()
}

fn new_draft(company: &str, contact: &str, phone: &str, body: &str) -> Draft {
    Draft {
        company: company.into(),
        contact: contact.into(),
        phone: phone.into(),
        body: body.into(),
        new_id: Some(Uuid::from_u128(7)),
        ..Draft::default()
    }
}

/// Ids 100, 101, … in the order the plan asks for them.
fn ids() -> impl FnMut() -> Uuid {
    let mut n = 99;
    move || {
        n += 1;
        Uuid::from_u128(n)
    }
}

fn plan_at(
    target: &Target,
    draft: &Draft,
    at: DateTime<Utc>,
) -> Result<Plan, BTreeMap<Field, String>> {
    let note = NoteShape {
        template: Template::Plain,
        kind: NoteKind::Visit,
    };
    plan(&zh(), target, draft, note, at, &mut ids())
}

fn plan_new(draft: &Draft) -> Result<Plan, BTreeMap<Field, String>> {
    plan_at(&Target::New, draft, at())
}

#[test]
fn a_new_prospect_without_a_company_is_refused_at_the_company_field_and_nothing_is_planned() {
    let errors = plan_new(&new_draft("  ", "", "", "门口见到了采购经理")).unwrap_err();
    assert_eq!(
        errors.into_iter().collect::<Vec<_>>(),
        [(Field::Company, "请填写公司名称。".to_owned())]
    );
}

#[test]
fn a_phone_without_a_contact_name_is_refused_at_the_contact_field() {
    let errors = plan_new(&new_draft("精工", "", "0757-1", "")).unwrap_err();
    assert_eq!(
        errors.get(&Field::Contact).map(String::as_str),
        Some("填写电话时请同时填写联系人姓名。")
    );
    // Both problems at once, each at its field.
    let errors = plan_new(&new_draft("", "", "0757-1", "")).unwrap_err();
    assert_eq!(
        errors.keys().copied().collect::<Vec<_>>(),
        [Field::Company, Field::Contact]
    );
}

#[test]
fn a_valid_new_prospect_is_created_with_its_contact_then_the_note_as_the_server_reads_them() {
    let plan = plan_new(&new_draft(
        " 佛山模具厂 ",
        " 陈经理 ",
        " 0757-2 ",
        "见了采购",
    ))
    .unwrap();
    assert_eq!(plan.prospect_id, Uuid::from_u128(7));
    let names: Vec<_> = plan.mutations.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["prospect.put", "note.add"]);
    // What the server parses: the core's own reading of the args.
    let put = parse_put_args(&plan.mutations[0].args).unwrap();
    assert_eq!(put.id, Uuid::from_u128(7));
    let prospect = create_prospect(&put.patch).unwrap();
    assert_eq!(prospect.company, "佛山模具厂");
    assert_eq!(prospect.contacts[0].name, "陈经理");
    assert_eq!(prospect.contacts[0].phone.as_deref(), Some("0757-2"));
    let note: NoteAddArgs = serde_json::from_value(plan.mutations[1].args.clone()).unwrap();
    assert_eq!(
        (note.id, note.prospect_id, note.body.as_str()),
        (plan.note_id, plan.prospect_id, "见了采购")
    );
    assert_eq!(
        plan.mutations[0].args["patch"],
        json!({"company": "佛山模具厂", "contacts": [{"name": "陈经理", "phone": "0757-2"}]})
    );
}

#[test]
fn a_new_prospect_alone_is_saved_but_an_existing_one_needs_a_note() {
    let alone = plan_new(&new_draft("精工", "", "", "")).unwrap();
    assert_eq!(alone.mutations.len(), 1);
    let target = Target::Prospect(Uuid::from_u128(1).to_string());
    let errors = plan_at(&target, &Draft::default(), at()).unwrap_err();
    assert_eq!(
        errors.get(&Field::Note).map(String::as_str),
        Some("请填写笔记内容。")
    );
}

#[test]
fn a_phone_clock_outside_the_years_the_server_accepts_is_refused_at_the_note_saying_to_check_it() {
    let target = Target::Prospect(Uuid::from_u128(1).to_string());
    let draft = Draft {
        body: "拜访".into(),
        ..Draft::default()
    };
    let wrong_clock: DateTime<Utc> = "2150-01-01T00:00:00Z".parse().unwrap();
    let errors = plan_at(&target, &draft, wrong_clock).unwrap_err();
    let text = &errors[&Field::Note];
    assert!(text.contains("请检查手机的日期和时间"), "{text}");
}

#[test]
fn the_same_photo_twice_is_refused_at_the_photos() {
    let target = Target::Prospect(Uuid::from_u128(1).to_string());
    let photo = Uuid::from_u128(9);
    let draft = Draft {
        photos: vec![photo, photo],
        ..Draft::default()
    };
    let errors = plan_at(&target, &draft, at()).unwrap_err();
    assert_eq!(errors.keys().copied().collect::<Vec<_>>(), [Field::Photos]);
}
