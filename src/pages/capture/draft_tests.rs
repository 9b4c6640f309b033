use super::*;

#[test]
fn a_plain_note_is_just_its_text() {
    let draft = Draft {
        body: "  老板对库存很感兴趣  ".into(),
        ..Draft::default()
    };
    assert_eq!(
        draft.note_body(Template::FirstVisit, Lang::ZhHans, 0),
        "老板对库存很感兴趣"
    );
    assert_eq!(Draft::default().note_body(Template::Plain, Lang::En, 0), "");
}

#[test]
fn ticked_items_go_into_the_body_as_a_list_of_every_item() {
    let mut draft = Draft {
        body: "Met the boss".into(),
        ..Draft::default()
    };
    draft.ticks.insert("ki_budget".into());
    let body = draft.note_body(Template::FirstVisit, Lang::En, 0);
    assert!(body.starts_with("Met the boss\n\n【"), "{body}");
    assert!(body.contains("☑ Budget"), "{body}");
    assert!(body.contains("☐ Schedule"), "{body}");
    // Ticks of another template are not reported.
    assert!(!draft.note_body(Template::Demo, Lang::En, 0).contains('☐'));
}

#[test]
fn the_agenda_reports_the_time_spent_per_item_and_in_total() {
    let mut draft = Draft::default();
    draft.agenda.start(0);
    draft.agenda.next(12 * 60_000);
    draft.agenda.pause(12 * 60_000 + 5 * 60_000);
    let body = draft.note_body(Template::Exchange, Lang::En, 10 * 3_600_000);
    assert!(body.contains("Company introduction"), "{body}");
    assert!(body.contains("10–15"), "{body}");
    assert!(body.contains("12"), "{body}");
    assert!(body.contains("17"), "{body}");
}

#[test]
fn a_correction_names_the_note_it_corrects() {
    let draft = Draft {
        body: "实际是 300 人".into(),
        corrects: Some(Correction {
            note_id: "n1".into(),
            taken_at: "2026-03-02T08:00:00Z".parse().unwrap(),
        }),
        ..Draft::default()
    };
    let body = draft.note_body(Template::Plain, Lang::ZhHans, 0);
    assert!(body.contains("更正"), "{body}");
    assert!(body.ends_with("实际是 300 人"), "{body}");
}

#[test]
fn minutes_round_and_a_started_item_counts() {
    assert_eq!(minutes(0), 0);
    assert_eq!(minutes(5_000), 1);
    assert_eq!(minutes(89_000), 1);
    assert_eq!(minutes(91_000), 2);
    assert_eq!(planned(10, 15), "10–15");
    assert_eq!(planned(30, 30), "30");
}

#[test]
fn a_note_moved_to_an_existing_prospect_keeps_everything_typed() {
    let mut new = Draft {
        company: "深圳华强电子有限公司".into(),
        contact: "王总".into(),
        body: "门口见到了采购经理".into(),
        kind: Some(tuoke_core::activity::NoteKind::Call),
        photos: vec![uuid::Uuid::nil()],
        ..Draft::default()
    };
    new.ticks.insert("ki_budget".into());
    let note = new.take_note();
    // The new prospect's fields stay where they were; the note leaves them.
    assert_eq!(
        (new.company.as_str(), new.contact.as_str()),
        ("深圳华强电子有限公司", "王总")
    );
    assert!(new.body.is_empty() && new.ticks.is_empty() && new.photos.is_empty());
    let mut existing = Draft {
        body: "上次的草稿".into(),
        ..Draft::default()
    };
    existing.add_note(note);
    assert_eq!(existing.body, "上次的草稿\n\n门口见到了采购经理");
    assert_eq!(existing.kind, Some(tuoke_core::activity::NoteKind::Call));
    assert!(existing.ticks.contains("ki_budget"));
    assert_eq!(existing.photos, vec![uuid::Uuid::nil()]);
    let mut empty = Draft::default();
    empty.add_note(Draft {
        body: "只有这句".into(),
        ..Draft::default()
    });
    assert_eq!(empty.body, "只有这句");
}
