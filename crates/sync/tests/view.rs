//! The local view: confirmed records with pending local changes re-applied, by the core's
//! rules, so it shows what the server will compute.

mod common;

use chrono::{DateTime, TimeDelta, Utc};
use common::*;
use serde_json::{json, Value};
use tuoke_core::activity::{ActivityKind, ActivityLogArgs, NoteAddArgs, NoteKind};
use tuoke_core::record::{NoteRecord, ProspectRecord};
use tuoke_core::types::Stage;
use tuoke_sync::protocol::{Mutation, PushRequest};
use tuoke_sync::store::{OutboxEntry, Record};
use tuoke_sync::view::LocalView;

fn push(server: &mut SimServer, mutations: Vec<Mutation>) {
    server
        .push(&PushRequest {
            client_id: id(9),
            mutations,
        })
        .unwrap();
}

fn records(server: &SimServer) -> Vec<Record> {
    server
        .state()
        .into_iter()
        .map(|((entity, id), data)| Record {
            entity,
            id,
            version: 1,
            data,
        })
        .collect()
}

fn outbox(mutations: Vec<Mutation>) -> Vec<OutboxEntry> {
    mutations
        .into_iter()
        .enumerate()
        .map(|(i, mutation)| OutboxEntry {
            seq: i as u64 + 1,
            mutation,
            acked: None,
        })
        .collect()
}

fn without_updated_at(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("updated_at");
    v
}

fn prospect(view: &LocalView, n: u128) -> Value {
    view.get(Entity::Prospect, &id(n).to_string())
        .unwrap()
        .data
        .clone()
}

/// Whether prospect `n` shows local changes.
fn pending(view: &LocalView, n: u128) -> bool {
    view.get(Entity::Prospect, &id(n).to_string())
        .unwrap()
        .pending
}

#[test]
fn pending_patch_shows_the_edit_with_the_grade_the_server_will_compute() {
    let mut server = SimServer::new();
    push(&mut server, vec![put_new(1, 100, "东莞精密", t0())]);
    let confirmed = records(&server);
    let edit = put_patch(
        2,
        100,
        json!({
            "informatized": false,
            "employees": 300,
            "industry": "electronics",
            "qualification": {"objective_need": true, "subjective_need": true,
                              "determination": "high", "feasibility_started": true,
                              "selection_started": true},
        }),
        t0(),
    );
    let view = LocalView::build(confirmed, &outbox(vec![edit.clone()]), &ctx());
    let local = view.get(Entity::Prospect, &id(100).to_string()).unwrap();
    assert!(local.pending);
    assert_eq!(local.data["employees"], 300);
    push(&mut server, vec![edit]);
    let server_side = server.state()[&(Entity::Prospect.into(), id(100).to_string())].clone();
    assert_ne!(
        server_side["grade"]["value"],
        Value::Null,
        "the patch grades it"
    );
    assert_eq!(
        without_updated_at(local.data.clone()),
        without_updated_at(server_side)
    );
}

#[test]
fn prospect_created_offline_appears_owned_by_me_at_stage_lead_like_the_server_makes_it() {
    let mut server = SimServer::new();
    let create = put_new(1, 100, "佛山五金", t0());
    let view = LocalView::build(Vec::new(), &outbox(vec![create.clone()]), &ctx());
    let local = view.get(Entity::Prospect, &id(100).to_string()).unwrap();
    assert!(local.pending);
    push(&mut server, vec![create]);
    assert_eq!(
        local.data,
        server.state()[&(Entity::Prospect.into(), id(100).to_string())]
    );
}

#[test]
fn later_local_edits_win_over_earlier_ones() {
    let mut server = SimServer::new();
    push(&mut server, vec![put_new(1, 100, "A", t0())]);
    let edits = vec![
        put_patch(2, 100, json!({"region": "华南"}), t0()),
        put_patch(3, 100, json!({"region": "华东", "products": "PCB"}), t0()),
        put_patch(4, 100, json!({"products": null}), t0()),
    ];
    let view = LocalView::build(records(&server), &outbox(edits.clone()), &ctx());
    let p = prospect(&view, 100);
    assert_eq!(p["region"], "华东");
    assert_eq!(p.get("products"), None);
    push(&mut server, edits);
    let server_side = server.state()[&(Entity::Prospect.into(), id(100).to_string())].clone();
    assert_eq!(without_updated_at(p), without_updated_at(server_side));
}

#[test]
fn pending_note_is_listed_under_its_prospect_and_marked_pending() {
    let mut server = SimServer::new();
    push(
        &mut server,
        vec![put_new(1, 100, "A", t0()), note(2, 200, 100, "old", t0())],
    );
    let view = LocalView::build(
        records(&server),
        &outbox(vec![note(3, 201, 100, "新笔记", t0())]),
        &ctx(),
    );
    let notes: Vec<_> = view
        .of_prospect(Entity::Note, &id(100).to_string())
        .collect();
    assert_eq!(notes.len(), 2);
    let new = notes.iter().find(|n| n.pending).unwrap();
    assert_eq!(new.data["body"], "新笔记");
    assert_eq!(new.data["author_id"], ME);
    assert!(!pending(&view, 100));
}

#[test]
fn a_record_reads_as_its_entitys_core_type_and_only_as_that() {
    let view = LocalView::build(
        Vec::new(),
        &outbox(vec![
            put_new(1, 100, "佛山五金", t0()),
            note(2, 200, 100, "新笔记", t0()),
        ]),
        &ctx(),
    );
    let p = view.get(Entity::Prospect, &id(100).to_string()).unwrap();
    let typed = p.typed::<ProspectRecord>().unwrap();
    assert_eq!(typed.prospect.company, "佛山五金");
    assert_eq!(typed.stage, Stage::Lead);
    assert!(
        p.typed::<NoteRecord>().is_none(),
        "a prospect is not a note"
    );
    let n = view.get(Entity::Note, &id(200).to_string()).unwrap();
    assert_eq!(n.typed::<NoteRecord>().unwrap().body, "新笔记");
    // A shape this version cannot read is `None`, not a panic or a half record.
    let mut broken = p.clone();
    broken.data["stage"] = json!("no_such_stage");
    assert!(broken.typed::<ProspectRecord>().is_none());
}

#[test]
fn stage_moves_show_what_the_core_rules_decide() {
    let mut server = SimServer::new();
    push(
        &mut server,
        vec![
            put_new(1, 100, "ok move", t0()),
            put_new(2, 101, "needs approval", t0()),
            put_new(3, 102, "forbidden", t0()),
        ],
    );
    let moves = vec![
        stage_move(4, 100, Stage::FirstVisit, t0()),
        stage_move(5, 101, Stage::Exchange, t0()),
        stage_move(6, 102, Stage::Signed, t0()),
    ];
    let view = LocalView::build(records(&server), &outbox(moves), &ctx());
    let stages = |n| {
        let p = prospect(&view, n);
        (p["stage"].clone(), p["pending_stage"].clone())
    };
    assert_eq!(stages(100), (json!("first_visit"), Value::Null));
    assert_eq!(stages(101), (json!("lead"), json!("exchange")));
    assert_eq!(stages(102), (json!("lead"), Value::Null));
    assert!(!pending(&view, 102));
}

#[test]
fn edit_of_a_prospect_not_passed_in_is_skipped_not_invented() {
    let edit = put_patch(1, 100, json!({"region": "华南"}), t0());
    let view = LocalView::build(Vec::new(), &outbox(vec![edit]), &ctx());
    assert!(view.is_empty());
}

#[test]
fn an_edit_the_core_refuses_is_not_shown() {
    let mut server = SimServer::new();
    push(&mut server, vec![put_new(1, 100, "A", t0())]);
    let bad = Mutation::new(
        id(2),
        MutationKind::ProspectPut,
        json!({"id": id(100), "patch": {"employees": -5}}),
        t0(),
    );
    let view = LocalView::build(records(&server), &outbox(vec![bad]), &ctx());
    assert_eq!(prospect(&view, 100).get("employees"), None);
    assert!(!pending(&view, 100));
}

#[test]
fn logged_activity_moves_the_last_contact_and_the_next_contact_due() {
    let mut server = SimServer::new();
    let created: DateTime<Utc> = t0() - TimeDelta::days(60);
    push(&mut server, vec![put_new(1, 100, "A", created)]);
    let before = prospect(&LocalView::build(records(&server), &[], &ctx()), 100);
    let args = ActivityLogArgs {
        id: id(300),
        prospect_id: id(100),
        kind: ActivityKind::Visit,
        at: t0(),
        summary: "拜访".into(),
    };
    let log = Mutation::activity_log(id(2), &args, t0());
    let view = LocalView::build(records(&server), &outbox(vec![log]), &ctx());
    let after = prospect(&view, 100);
    assert_eq!(after["last_contact"], "2026-03-02");
    assert_ne!(after["next_contact_due"], before["next_contact_due"]);
    assert!(
        view.get(Entity::Activity, &id(300).to_string())
            .unwrap()
            .pending
    );
}

#[test]
fn visit_note_moves_the_last_contact_and_the_next_contact_due_and_other_notes_do_not() {
    let mut server = SimServer::new();
    let created: DateTime<Utc> = t0() - TimeDelta::days(60);
    push(&mut server, vec![put_new(1, 100, "A", created)]);
    let before = prospect(&LocalView::build(records(&server), &[], &ctx()), 100);
    assert_eq!(
        before["next_contact_due"], "2026-01-15",
        "due 14 days after creation"
    );
    let add = |n: u128, kind| {
        let args = NoteAddArgs {
            id: id(n),
            prospect_id: id(100),
            body: "拜访了老板".into(),
            kind,
            taken_at: t0(),
            attachment_ids: Vec::new(),
        };
        Mutation::note_add(id(n), &args, t0())
    };
    let view = LocalView::build(
        records(&server),
        &outbox(vec![add(301, NoteKind::Other)]),
        &ctx(),
    );
    assert_eq!(prospect(&view, 100), before, "an other note is no contact");
    let view = LocalView::build(
        records(&server),
        &outbox(vec![add(302, NoteKind::Visit)]),
        &ctx(),
    );
    let after = prospect(&view, 100);
    assert_eq!(after["last_contact"], "2026-03-02");
    assert_eq!(after["next_contact_due"], "2026-03-16");
    assert!(pending(&view, 100));
}

#[test]
fn approval_decided_offline_shows_as_decided() {
    let approval = Record {
        entity: "approval".into(),
        id: id(50).to_string(),
        version: 1,
        data: json!({"id": id(50), "kind": "stage_move", "status": "pending"}),
    };
    let decide = Mutation::approval_decide(
        id(1),
        &tuoke_core::args::ApprovalDecideArgs {
            approval_id: id(50),
            approve: true,
            comment: Some("好".into()),
        },
        t0(),
    );
    let view = LocalView::build(vec![approval], &outbox(vec![decide]), &ctx());
    let a = view.get(Entity::Approval, &id(50).to_string()).unwrap();
    assert!(a.pending);
    assert_eq!(a.data["status"], "approved");
    assert_eq!(a.data["decided_by"], ME);
}
