//! Push and pull through the real server: visibility, idempotency, stage gates, history,
//! transfers, lead lists, attachments and bad input.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::api::*;
use crate::helpers::*;

db_tests!(
    visibility_matrix_for_every_endpoint_and_role,
    ten_concurrent_resends_of_one_batch_apply_each_mutation_once,
    a_batch_whose_response_was_lost_is_retried_as_duplicates,
    stage_matrix_end_to_end_with_manager_approvals,
    quotes_need_the_managers_approval,
    a_quote_on_a_shared_prospect_goes_to_the_owners_manager,
    a_transfer_cancels_the_pending_approvals_of_the_old_owner,
    grade_is_computed_by_the_server_and_overwrites_are_kept_in_history,
    the_pulled_prospect_carries_its_grade_history,
    a_visit_or_call_note_is_a_contact_and_moves_the_next_contact_due,
    rejected_mutations_name_the_field_and_the_batch_goes_on,
    pull_pages_with_has_more_and_resets_a_cursor_from_the_future,
    concurrent_pushes_never_let_a_pull_skip_a_committed_change,
    transfer_moves_the_prospect_with_its_records_and_tombstones_the_old_side,
    lead_import_in_utf8_and_gbk_reports_duplicates_and_assigns_by_territory,
    attachments_are_served_only_to_those_who_see_the_note,
    bad_input_gets_json_errors_never_a_500,
    concessions_objections_and_quiz_attempts_sync,
    demo_prospects_are_created_through_the_push_path,
    sharing_shows_a_prospect_and_its_records_and_unsharing_tombstones_them,
    graceful_shutdown_finishes_a_push_in_flight,
);

struct World {
    server: TestServer,
    admin: Client,
    m1: Client,
    m2: Client,
    rep1: Client,
    rep2: Client,
    rep3: Client,
    assistant: Client,
}

fn world(db: &TestDb) -> World {
    seed_users(db);
    let server = spawn_server(db, &[]);
    World {
        admin: login(&server, "admin1"),
        m1: login(&server, "manager1"),
        m2: login(&server, "manager2"),
        rep1: login(&server, "rep1"),
        rep2: login(&server, "rep2"),
        rep3: login(&server, "rep3"),
        assistant: login(&server, "assistant1"),
        server,
    }
}

fn applied(result: &Value) {
    assert_eq!(result["status"], "applied", "{result}");
}

fn set(ids: &[&str]) -> Vec<String> {
    let s: BTreeSet<String> = ids.iter().map(|s| s.to_string()).collect();
    s.into_iter().collect()
}

fn note_args(id: &str, prospect: &str, body: &str) -> Value {
    json!({"id": id, "prospect_id": prospect, "body": body, "kind": "visit",
           "taken_at": "2026-11-27T09:00:00Z"})
}

fn prospect_data(client: &Client, id: &str) -> Value {
    let (_, changes) = client.pull_all(0);
    changes
        .into_iter()
        .rfind(|c| c["entity"] == "prospect" && c["id"] == id)
        .map(|c| c["data"].clone())
        .unwrap_or(Value::Null)
}

fn visibility_matrix_for_every_endpoint_and_role(db: TestDb) {
    let w = world(&db);
    let (p1, p3, n1, a1, q1) = (uuid(), uuid(), uuid(), uuid(), uuid());
    applied(&w.rep1.mutate("prospect.put", new_prospect(&p1, "rep1 co")));
    applied(&w.rep1.mutate("note.add", note_args(&n1, &p1, "visit")));
    applied(&w.rep1.mutate(
        "activity.log",
        json!({"id": a1, "prospect_id": p1, "kind": "phone_call", "at": "2026-11-27T09:00:00Z", "summary": "called"}),
    ));
    let quiz = w.rep1.mutate(
        "quiz.submit",
        json!({"id": q1, "seed": 7, "answers": [], "started_at": "2026-11-27T09:00:00Z",
               "submitted_at": "2026-11-27T09:10:00Z"}),
    );
    applied(&quiz);
    let moved = w.rep1.mutate(
        "stage.move",
        json!({"prospect_id": p1, "to": "exchange", "reason": "boss keen"}),
    );
    assert_eq!(moved["status"], "pending_approval");
    applied(&w.rep3.mutate("prospect.put", new_prospect(&p3, "rep3 co")));
    let import = w
        .assistant
        .import_leads("company,region\nLead Co,nowhere\n".as_bytes());
    assert_eq!(
        import.status,
        200,
        "{}",
        String::from_utf8_lossy(&import.body)
    );
    let lead = import.json()["prospects"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Pull: prospects.
    assert_eq!(w.rep1.visible("prospect"), set(&[&p1]));
    assert_eq!(w.rep2.visible("prospect"), set(&[]));
    assert_eq!(w.rep3.visible("prospect"), set(&[&p3]));
    assert_eq!(w.m1.visible("prospect"), set(&[&p1]));
    assert_eq!(w.m2.visible("prospect"), set(&[&p3]));
    assert_eq!(w.assistant.visible("prospect"), set(&[&lead]));
    assert_eq!(w.admin.visible("prospect"), set(&[&p1, &p3, &lead]));
    // Pull: notes, activities, quiz attempts and approvals.
    for (client, sees) in [
        (&w.rep1, true),
        (&w.rep2, false),
        (&w.rep3, false),
        (&w.m1, true),
        (&w.m2, false),
        (&w.assistant, false),
        (&w.admin, true),
    ] {
        let who = client.user["username"].clone();
        let expect = |id: &str| if sees { set(&[id]) } else { set(&[]) };
        assert_eq!(client.visible("note"), expect(&n1), "{who} notes");
        assert_eq!(client.visible("activity"), expect(&a1), "{who} activities");
        assert_eq!(client.visible("quiz_attempt"), expect(&q1), "{who} quiz");
        assert_eq!(
            client.visible("approval").len(),
            usize::from(sees),
            "{who} approvals"
        );
        // History endpoint follows prospect visibility.
        let h = client.get(&format!("/api/v1/prospects/{p1}/history"));
        assert_eq!(h.status, if sees { 200 } else { 404 }, "{who} history");
    }
    // Mutations check visibility too.
    let r = w.rep2.mutate("note.add", note_args(&uuid(), &p1, "sneaky"));
    assert_eq!(r["status"], "rejected");
    assert!(
        r["reason"].as_str().unwrap().starts_with("prospect_id:"),
        "{r}"
    );
    let r = w.rep2.mutate(
        "prospect.put",
        json!({"id": p1, "patch": {"company": "mine now"}}),
    );
    assert_eq!(r["status"], "rejected");
    assert!(r["reason"].as_str().unwrap().starts_with("id:"), "{r}");
    let r = w
        .assistant
        .mutate("note.add", note_args(&uuid(), &lead, "lists, not deals"));
    assert_eq!(r["status"], "rejected");
    applied(&w.m1.mutate(
        "note.add",
        note_args(&uuid(), &p1, "manager's note on the team's deal"),
    ));
    let r = w.m1.mutate(
        "stage.move",
        json!({"prospect_id": p1, "to": "first_visit"}),
    );
    assert_eq!(r["status"], "rejected", "only the owner moves the stage");
    // Approvals: only the requester's manager decides.
    let approval = w.m1.visible("approval")[0].clone();
    for other in [&w.m2, &w.rep1, &w.admin] {
        let r = other.mutate(
            "approval.decide",
            json!({"approval_id": approval, "approve": true}),
        );
        assert_eq!(r["status"], "rejected", "{}", other.user["username"]);
    }
    applied(&w.m1.mutate(
        "approval.decide",
        json!({"approval_id": approval, "approve": false, "comment": "first visit first"}),
    ));
    // Transfers and imports.
    let t = w.rep2.post(
        &format!("/api/v1/prospects/{p1}/transfer"),
        &json!({"to": "rep2"}),
    );
    assert_eq!(t.status, 404, "rep2 cannot see p1");
    let t = w.rep3.post(
        &format!("/api/v1/prospects/{p3}/transfer"),
        &json!({"to": "rep2"}),
    );
    assert_eq!(
        t.status,
        200,
        "the owner may hand over: {}",
        String::from_utf8_lossy(&t.body)
    );
    for client in [&w.rep1, &w.m1, &w.admin] {
        let r = client.import_leads(b"company\nX\n");
        let expected = if client.user["role"] == "admin" {
            200
        } else {
            403
        };
        assert_eq!(r.status, expected, "{}", client.user["username"]);
    }
}

fn ten_concurrent_resends_of_one_batch_apply_each_mutation_once(db: TestDb) {
    let w = world(&db);
    let p = uuid();
    applied(&w.rep1.mutate("prospect.put", new_prospect(&p, "Acme")));
    let client_id = uuid();
    let batch: Vec<(String, &str, Value)> = (0..20)
        .map(|i| {
            (
                uuid(),
                "note.add",
                note_args(&uuid(), &p, &format!("note {i}")),
            )
        })
        .collect();
    let results: Vec<Vec<Value>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..10)
            .map(|_| s.spawn(|| w.rep1.push(&client_id, &batch)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (i, (id, _, _)) in batch.iter().enumerate() {
        let statuses: Vec<&str> = results
            .iter()
            .map(|r| r[i]["status"].as_str().unwrap())
            .collect();
        assert_eq!(r_count(&statuses, "applied"), 1, "{id}: {statuses:?}");
        assert_eq!(r_count(&statuses, "duplicate"), 9, "{id}: {statuses:?}");
        assert!(results.iter().all(|r| r[i]["id"] == *id));
    }
    assert_eq!(w.rep1.visible("note").len(), 20);
}

fn r_count(statuses: &[&str], status: &str) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

fn a_batch_whose_response_was_lost_is_retried_as_duplicates(db: TestDb) {
    let w = world(&db);
    let p = uuid();
    let client_id = uuid();
    let batch = vec![
        (
            uuid(),
            "prospect.put",
            new_prospect(&p, "Lost Response Ltd"),
        ),
        (uuid(), "note.add", note_args(&uuid(), &p, "first")),
        (
            uuid(),
            "prospect.put",
            json!({"id": p, "patch": {"employees": 120}}),
        ),
    ];
    // The client sends the batch and the connection dies before it reads the answer.
    send_and_drop(&w, &batch_body(&client_id, &batch), true);
    // The retry (with backoff in the app) finds everything processed.
    let results = w.rep1.push(&client_id, &batch);
    for r in &results {
        assert_eq!(r["status"], "duplicate", "{r}");
        assert_eq!(r["original_status"], "applied", "{r}");
    }
    // Once more for good measure, then the state has each change exactly once.
    w.rep1.push(&client_id, &batch);
    assert_eq!(w.rep1.visible("note").len(), 1);
    let data = prospect_data(&w.rep1, &p);
    assert_eq!(data["employees"], 120);
    let history = w.rep1.get(&format!("/api/v1/prospects/{p}/history")).json();
    assert_eq!(
        history
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["field"] == "employees")
            .count(),
        1
    );

    // A connection dropped mid-request: committed or rolled back, never half; the retry
    // converges to exactly one application of each mutation.
    let batch: Vec<(String, &str, Value)> = (0..30)
        .map(|i| (uuid(), "note.add", note_args(&uuid(), &p, &format!("n{i}"))))
        .collect();
    send_and_drop(&w, &batch_body(&client_id, &batch), false);
    let results = w.rep1.push(&client_id, &batch);
    let applied_now = results.iter().filter(|r| r["status"] == "applied").count();
    let before = results
        .iter()
        .filter(|r| r["status"] == "duplicate")
        .count();
    assert!(
        applied_now == 30 || before == 30,
        "all or nothing: {applied_now} + {before}"
    );
    assert_eq!(w.rep1.visible("note").len(), 31);
}

fn batch_body(client_id: &str, batch: &[(String, &str, Value)]) -> String {
    json!({"client_id": client_id, "mutations": batch.iter().map(|(id, name, args)| json!({"id": id, "name": name, "args": args})).collect::<Vec<_>>()}).to_string()
}

/// Sends a push and closes the connection, after the first byte of the answer when
/// `wait_for_answer` (the commit happened), else at once: a phone losing its connection
/// mid-push. On a raw socket, since no HTTP client hangs up at the first byte of an answer.
fn send_and_drop(w: &World, body: &str, wait_for_answer: bool) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(w.server.addr).unwrap();
    write!(
        stream,
        "POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\nContent-Length: {}\r\n\r\n{body}",
        w.rep1.token,
        body.len()
    )
    .unwrap();
    if wait_for_answer {
        let mut first = [0u8; 1];
        stream.read_exact(&mut first).unwrap();
    }
}

fn stage_matrix_end_to_end_with_manager_approvals(db: TestDb) {
    let w = world(&db);
    let p = uuid();
    applied(&w.rep1.mutate("prospect.put", new_prospect(&p, "Gate Co")));
    let mv = |to: &str, reason: Option<&str>| {
        w.rep1.mutate(
            "stage.move",
            json!({"prospect_id": p, "to": to, "reason": reason}),
        )
    };
    let stage = || {
        let d = prospect_data(&w.rep1, &p);
        (
            str_of(&d, "stage"),
            d["pending_stage"].clone(),
            str_of(&d, "status"),
        )
    };
    let last_approval = |client: &Client| -> Value {
        let (_, changes) = client.pull_all(0);
        changes
            .into_iter()
            .rfind(|c| c["entity"] == "approval")
            .unwrap()["data"]
            .clone()
    };

    // NO: refused with the rule.
    let r = mv("quote", None);
    assert_eq!(
        (r["status"].as_str(), r["reason"].as_str()),
        (Some("rejected"), Some("quote_only_after_exchange"))
    );
    // NO*: pending, an approval for rep1's manager.
    let r = mv("demo", Some("they asked for a demo"));
    assert_eq!(
        (r["status"].as_str(), r["reason"].as_str()),
        (
            Some("pending_approval"),
            Some("skip_first_visit_needs_approval")
        )
    );
    assert_eq!(stage(), ("lead".into(), json!("demo"), "open".into()));
    let approval = last_approval(&w.m1);
    assert_eq!(approval["kind"], "stage_move");
    assert_eq!(approval["to"], "demo");
    assert_eq!(approval["status"], "pending");
    assert_eq!(approval["requested_by"], w.rep1.id());
    assert!(w.m2.visible("approval").is_empty());
    // The manager approves: the move takes effect at decision time.
    applied(&w.m1.mutate(
        "approval.decide",
        json!({"approval_id": approval["id"], "approve": true, "comment": "ok"}),
    ));
    assert_eq!(stage(), ("demo".into(), Value::Null, "open".into()));
    let decided = last_approval(&w.rep1);
    assert_eq!(
        (decided["status"].as_str(), decided["decided_by"].as_str()),
        (Some("approved"), Some(w.m1.id().as_str()))
    );
    // Deciding twice is refused.
    let r = w.m1.mutate(
        "approval.decide",
        json!({"approval_id": approval["id"], "approve": false}),
    );
    assert_eq!(r["status"], "rejected");
    // OK moves apply at once.
    applied(&mv("quote", None));
    // quote → signed needs approval; a rejection leaves the stage and clears pending.
    let r = mv("signed", None);
    assert_eq!(r["reason"], "sign_without_negotiation_needs_approval");
    let approval = last_approval(&w.m1);
    applied(&w.m1.mutate(
        "approval.decide",
        json!({"approval_id": approval["id"], "approve": false, "comment": "negotiate first"}),
    ));
    assert_eq!(stage(), ("quote".into(), Value::Null, "open".into()));
    assert_eq!(last_approval(&w.rep1)["comment"], "negotiate first");
    applied(&mv("negotiation", None));
    applied(&mv("signed", None));
    assert_eq!(stage().2, "won");
    let r = mv("lead", None);
    assert_eq!(r["reason"], "won_is_final");

    // Lost needs a reason; a lost prospect reopens to the lead list only.
    let q = uuid();
    applied(&w.rep1.mutate("prospect.put", new_prospect(&q, "Lost Co")));
    let r = w
        .rep1
        .mutate("stage.move", json!({"prospect_id": q, "to": "lost"}));
    assert_eq!(r["reason"], "lost_reason_required");
    applied(&w.rep1.mutate(
        "stage.move",
        json!({"prospect_id": q, "to": "lost", "reason": "chose another vendor"}),
    ));
    let lost = prospect_data(&w.rep1, &q);
    assert_eq!(lost["status"], "lost");
    assert_eq!(
        lost["stage_reason"], "chose another vendor",
        "the lost reason is kept"
    );
    let r = w
        .rep1
        .mutate("stage.move", json!({"prospect_id": q, "to": "demo"}));
    assert_eq!(r["reason"], "reopen_only_to_lead");
    applied(
        &w.rep1
            .mutate("stage.move", json!({"prospect_id": q, "to": "lead"})),
    );
    let reopened = prospect_data(&w.rep1, &q);
    assert_eq!(reopened["status"], "open");
    assert_eq!(
        reopened["stage_reason"],
        Value::Null,
        "a move without a reason clears it"
    );
    // Every stage change is in the history.
    let history = w.rep1.get(&format!("/api/v1/prospects/{p}/history")).json();
    let stages: Vec<(String, String)> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["field"] == "stage")
        .map(|h| (str_of(h, "old"), str_of(h, "new")))
        .collect();
    assert_eq!(
        stages,
        [
            ("lead", "demo"),
            ("demo", "quote"),
            ("quote", "negotiation"),
            ("negotiation", "signed")
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
}

fn quotes_need_the_managers_approval(db: TestDb) {
    let w = world(&db);
    let p = uuid();
    applied(&w.rep1.mutate("prospect.put", new_prospect(&p, "Quote Co")));
    let q = uuid();
    let r = w.rep1.mutate(
        "quote.submit",
        json!({"id": q, "prospect_id": p, "quote": {"lines": [{"module": "财务", "list_price_cny": 100000, "qty": 2}],
               "consultant_days": 10, "day_rate_cny": 3000, "discount_bp": 500}}),
    );
    assert_eq!(
        (r["status"].as_str(), r["reason"].as_str()),
        (Some("pending_approval"), Some("quote_needs_approval"))
    );
    let (_, changes) = w.m1.pull_all(0);
    let quote = changes.iter().rfind(|c| c["entity"] == "quote").unwrap()["data"].clone();
    assert_eq!(quote["total"]["total_cny"], 218_500);
    assert_eq!(quote["status"], "pending");
    let approval = changes.iter().rfind(|c| c["entity"] == "approval").unwrap()["data"].clone();
    assert_eq!(
        (approval["kind"].as_str(), approval["quote_id"].as_str()),
        (Some("quote"), Some(q.as_str()))
    );
    applied(&w.m1.mutate(
        "approval.decide",
        json!({"approval_id": approval["id"], "approve": true}),
    ));
    let (_, changes) = w.rep1.pull_all(0);
    let quote = changes.iter().rfind(|c| c["entity"] == "quote").unwrap()["data"].clone();
    assert_eq!(quote["status"], "approved");
    // An invalid quote is refused with the core's reason.
    let r = w.rep1.mutate(
        "quote.submit",
        json!({"id": uuid(), "prospect_id": p, "quote": {"lines": []}}),
    );
    assert_eq!(r["status"], "rejected");
    assert!(r["reason"].as_str().unwrap().starts_with("quote:"), "{r}");
}

fn quote_args(id: &str, prospect: &str) -> Value {
    json!({"id": id, "prospect_id": prospect, "quote": {"lines": [{"module": "财务", "list_price_cny": 100000, "qty": 1}],
           "consultant_days": 5, "day_rate_cny": 3000, "discount_bp": 0}})
}

fn latest(client: &Client, entity: &str, id: &str) -> Value {
    let (_, changes) = client.pull_all(0);
    changes
        .into_iter()
        .rfind(|c| c["entity"] == entity && c["id"] == id)
        .map(|c| c["data"].clone())
        .unwrap_or(Value::Null)
}

fn a_quote_on_a_shared_prospect_goes_to_the_owners_manager(db: TestDb) {
    let w = world(&db);
    let p = uuid();
    applied(
        &w.rep1
            .mutate("prospect.put", new_prospect(&p, "Shared Quote Co")),
    );
    applied(&w.rep1.mutate(
        "prospect.share",
        json!({"prospect_id": p, "username": "rep3", "shared": true}),
    ));
    // rep3 (another manager's rep) quotes on rep1's deal: rep1's manager decides.
    let q = uuid();
    let r = w.rep3.mutate("quote.submit", quote_args(&q, &p));
    assert_eq!(r["status"], "pending_approval", "{r}");
    assert!(
        w.m2.visible("approval").is_empty(),
        "manager2 must not decide on rep1's deal"
    );
    let approvals = w.m1.visible("approval");
    assert_eq!(approvals.len(), 1, "the owner's manager sees the approval");
    assert_eq!(latest(&w.m1, "approval", &approvals[0])["quote_id"], q);
    let r = w.m2.mutate(
        "approval.decide",
        json!({"approval_id": approvals[0], "approve": true}),
    );
    assert_eq!(r["status"], "rejected", "{r}");
    applied(&w.m1.mutate(
        "approval.decide",
        json!({"approval_id": approvals[0], "approve": true}),
    ));
    assert_eq!(latest(&w.rep3, "quote", &q)["status"], "approved");
    // A manager quoting on their own team's deal asks their own manager, never themself.
    let r = w.m1.mutate("quote.submit", quote_args(&uuid(), &p));
    assert_eq!(r["status"], "rejected", "{r}");
    assert!(
        r["reason"]
            .as_str()
            .unwrap()
            .starts_with("quote_needs_approval"),
        "{r}"
    );
}

fn a_transfer_cancels_the_pending_approvals_of_the_old_owner(db: TestDb) {
    let w = world(&db);
    let (p, q) = (uuid(), uuid());
    applied(
        &w.rep1
            .mutate("prospect.put", new_prospect(&p, "Handover Co")),
    );
    let r = w.rep1.mutate(
        "stage.move",
        json!({"prospect_id": p, "to": "exchange", "reason": "ready to meet"}),
    );
    assert_eq!(r["status"], "pending_approval", "{r}");
    assert_eq!(
        w.rep1.mutate("quote.submit", quote_args(&q, &p))["status"],
        "pending_approval"
    );
    assert_eq!(prospect_data(&w.rep1, &p)["pending_stage"], "exchange");
    let pending = w.m1.visible("approval");
    assert_eq!(pending.len(), 2);
    let t = w.m1.post(
        &format!("/api/v1/prospects/{p}/transfer"),
        &json!({"to": "rep3"}),
    );
    assert_eq!(t.status, 200, "{}", String::from_utf8_lossy(&t.body));
    // The old manager can no longer move the new owner's deal.
    for id in &pending {
        let r = w.m1.mutate(
            "approval.decide",
            json!({"approval_id": id, "approve": true}),
        );
        assert_eq!(r["status"], "rejected", "{r}");
        let a = latest(&w.rep1, "approval", id);
        assert_eq!(
            a["status"], "rejected",
            "the requester learns it was cancelled: {a}"
        );
        assert!(
            a["comment"].as_str().unwrap().contains("transferred"),
            "{a}"
        );
    }
    let data = prospect_data(&w.rep3, &p);
    assert_eq!(
        (data["stage"].as_str(), &data["pending_stage"]),
        (Some("lead"), &Value::Null)
    );
    assert_eq!(latest(&w.rep3, "quote", &q)["status"], "rejected");
    // The new owner asks again; their own manager decides.
    let r = w.rep3.mutate(
        "stage.move",
        json!({"prospect_id": p, "to": "exchange", "reason": "ready to meet"}),
    );
    assert_eq!(r["status"], "pending_approval", "{r}");
    assert_eq!(w.m2.visible("approval").len(), 1);
}

fn the_pulled_prospect_carries_its_grade_history(db: TestDb) {
    let w = world(&db);
    let p = uuid();
    applied(&w.rep1.mutate(
        "prospect.put",
        json!({"id": p, "patch": {"company": "History Co"}}),
    ));
    assert_eq!(
        prospect_data(&w.rep1, &p)["grade_history"],
        json!([]),
        "ungraded: no entry"
    );
    let qualification = json!({"objective_need": true, "subjective_need": true,
        "determination": "high", "feasibility_started": true, "selection_started": true});
    applied(&w.rep1.mutate(
        "prospect.put",
        json!({"id": p, "patch": {"informatized": false, "qualification": qualification}}),
    ));
    // A change that leaves the grade alone adds nothing.
    applied(&w.rep1.mutate(
        "prospect.put",
        json!({"id": p, "patch": {"region": "华南"}}),
    ));
    applied(&w.rep1.mutate(
        "prospect.put",
        json!({"id": p, "patch": {"grade_override": {"grade": "B", "reason": "预算未定"}}}),
    ));
    let history = prospect_data(&w.rep1, &p)["grade_history"].clone();
    let entries: Vec<(Value, Value, Value, Value)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["from"].clone(),
                h["to"].clone(),
                h["overridden"].clone(),
                h["reason"].clone(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            (Value::Null, json!("A"), json!(false), Value::Null),
            (json!("A"), json!("B"), json!(true), json!("预算未定")),
        ]
    );
    assert!(history[1]["at"].is_string() && history[1]["computed"] == "A");
    // The manager, who sees the prospect too, gets the same history.
    assert_eq!(prospect_data(&w.m1, &p)["grade_history"], history);
}

fn grade_is_computed_by_the_server_and_overwrites_are_kept_in_history(db: TestDb) {
    let w = world(&db);
    let p = uuid();
    let r = w.rep1.mutate(
        "prospect.put",
        json!({"id": p, "patch": {"company": "G", "grade": "A"}}),
    );
    assert_eq!(r["status"], "rejected");
    assert!(r["reason"].as_str().unwrap().starts_with("grade:"), "{r}");
    applied(&w.rep1.mutate(
        "prospect.put",
        json!({"id": p, "patch": {
        "company": "Grade Co", "informatized": false, "industry": "electronics",
        "annual_revenue_cny": 100_000_000, "annual_profit_cny": 8_000_000,
        "qualification": {"objective_need": true, "subjective_need": true, "determination": "high",
                          "feasibility_started": true, "selection_started": true}}}),
    ));
    let d = prospect_data(&w.rep1, &p);
    assert_eq!(d["grade"]["value"], "A");
    assert_eq!(d["grade"]["computed"], "A");
    assert_eq!(d["target_fit"]["status"], "in");
    assert!(d["next_contact_due"].is_string());
    // Two devices edit the same field; the later arrival wins and the earlier value is kept.
    applied(&w.rep1.mutate(
        "prospect.put",
        json!({"id": p, "patch": {"company": "Grade Co (phone)"}}),
    ));
    applied(&w.m1.mutate("prospect.put", json!({"id": p, "patch": {"company": "Grade Co (manager)", "grade_override": {"grade": "B", "reason": "budget unsure"}}})));
    let d = prospect_data(&w.rep1, &p);
    assert_eq!(d["company"], "Grade Co (manager)");
    assert_eq!(
        (
            d["grade"]["value"].as_str(),
            d["grade"]["computed"].as_str()
        ),
        (Some("B"), Some("A"))
    );
    assert_eq!(d["grade"]["overridden"], true);
    let history = w.rep1.get(&format!("/api/v1/prospects/{p}/history")).json();
    let companies: Vec<(Value, Value, Value)> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["field"] == "company")
        .map(|h| {
            (
                h["old"].clone(),
                h["new"].clone(),
                h["changed_by_username"].clone(),
            )
        })
        .collect();
    assert_eq!(
        companies,
        [
            (json!("Grade Co"), json!("Grade Co (phone)"), json!("rep1")),
            (
                json!("Grade Co (phone)"),
                json!("Grade Co (manager)"),
                json!("manager1")
            ),
        ]
    );
    assert!(
        history
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["field"] == "grade"),
        "grade history kept"
    );
    // An activity moves the next contact due (an event's time may not be in the future).
    let before = d["next_contact_due"].clone();
    let at = chrono::Utc::now() - chrono::TimeDelta::days(3);
    applied(&w.rep1.mutate(
        "activity.log",
        json!({"id": uuid(), "prospect_id": p, "kind": "visit", "at": at}),
    ));
    let d = prospect_data(&w.rep1, &p);
    assert_eq!(
        d["last_contact"],
        tuoke_core::cadence::business_date(at).to_string()
    );
    assert_ne!(d["next_contact_due"], before);
}

fn a_visit_or_call_note_is_a_contact_and_moves_the_next_contact_due(db: TestDb) {
    let w = world(&db);
    let p = uuid();
    applied(&w.rep1.mutate("prospect.put", new_prospect(&p, "Visit Co")));
    let before = prospect_data(&w.rep1, &p);
    assert_eq!(before["last_contact"], Value::Null, "{before}");
    let note = |kind: &str, at: chrono::DateTime<chrono::Utc>| json!({"id": uuid(), "prospect_id": p, "body": "见了老板", "kind": kind, "taken_at": at});
    // A note of kind other is no contact.
    let now = chrono::Utc::now();
    applied(&w.rep1.mutate("note.add", note("other", now)));
    assert_eq!(prospect_data(&w.rep1, &p), before);
    let visit = now - chrono::TimeDelta::days(3);
    applied(&w.rep1.mutate("note.add", note("visit", visit)));
    let d = prospect_data(&w.rep1, &p);
    let day = tuoke_core::cadence::business_date(visit);
    assert_eq!(d["last_contact"], day.to_string(), "{d}");
    assert_ne!(d["next_contact_due"], before["next_contact_due"]);
    // A call a day later moves it again; an older meeting does not move it back.
    let call = visit + chrono::TimeDelta::days(1);
    applied(&w.rep1.mutate("note.add", note("call", call)));
    applied(&w.rep1.mutate(
        "note.add",
        note("meeting", visit - chrono::TimeDelta::days(5)),
    ));
    let d = prospect_data(&w.rep1, &p);
    assert_eq!(
        d["last_contact"],
        tuoke_core::cadence::business_date(call).to_string()
    );
}

fn rejected_mutations_name_the_field_and_the_batch_goes_on(db: TestDb) {
    let w = world(&db);
    let p = uuid();
    let results = w.rep1.push(&uuid(), &[
        (uuid(), "prospect.put", json!({"id": p, "patch": {"industry": "electronics"}})),
        (uuid(), "prospect.put", new_prospect(&p, "Ok Co")),
        (uuid(), "prospect.put", json!({"id": p, "patch": {"employees": "many"}})),
        (uuid(), "prospect.put", json!({"id": p, "patch": {"colour": "red"}})),
        (uuid(), "prospect.put", json!({"id": p, "patch": {"annual_revenue_cny": 1e30}})),
        (uuid(), "note.add", json!({"id": uuid(), "prospect_id": p, "body": "x", "kind": "gossip", "taken_at": "2026-11-27T09:00:00Z"})),
        (uuid(), "activity.log", json!({"id": uuid(), "prospect_id": p, "kind": "phone_call", "at": "yesterday"})),
        (uuid(), "stage.move", json!({"prospect_id": p, "to": "heaven"})),
        (uuid(), "teleport", json!({})),
        (uuid(), "note.add", Value::Null),
        (uuid(), "note.add", note_args(&uuid(), &p, "still applied after rejections")),
    ]);
    let reasons: Vec<(String, String)> = results
        .iter()
        .map(|r| {
            (
                str_of(r, "status"),
                r["reason"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let expect_prefix = [
        ("rejected", "company: required"),
        ("applied", ""),
        ("rejected", "employees:"),
        ("rejected", "colour: unknown field"),
        ("rejected", "annual_revenue_cny:"),
        ("rejected", "kind:"),
        ("rejected", "at:"),
        ("rejected", "to:"),
        ("rejected", "name: unknown mutation"),
        ("rejected", "args: invalid type: null"),
        ("applied", ""),
    ];
    for ((status, reason), (want_status, want_prefix)) in reasons.iter().zip(expect_prefix) {
        assert_eq!(status, want_status, "{reasons:?}");
        assert!(
            reason.starts_with(want_prefix),
            "{reason:?} should start with {want_prefix:?}"
        );
    }
    // Rejected mutations are processed: resending them answers duplicate, not a new try.
    let again = w.rep1.push(
        &uuid(),
        &[(str_of(&results[0], "id"), "prospect.put", json!({}))],
    );
    assert_eq!(
        (
            again[0]["status"].as_str(),
            again[0]["original_status"].as_str()
        ),
        (Some("duplicate"), Some("rejected"))
    );
}

fn pull_pages_with_has_more_and_resets_a_cursor_from_the_future(db: TestDb) {
    let w = world(&db);
    let batch: Vec<(String, &str, Value)> = (0..25)
        .map(|i| {
            (
                uuid(),
                "prospect.put",
                new_prospect(&uuid(), &format!("Co {i}")),
            )
        })
        .collect();
    w.rep1.push(&uuid(), &batch);
    let mut since = 0;
    let mut pages = Vec::new();
    loop {
        let page = w
            .rep1
            .get(&format!("/api/v1/sync/pull?since={since}&limit=10"))
            .json();
        pages.push((
            page["changes"].as_array().unwrap().len(),
            page["has_more"].as_bool().unwrap(),
        ));
        since = page["cursor"].as_i64().unwrap();
        if !page["has_more"].as_bool().unwrap() {
            break;
        }
    }
    assert_eq!(pages, [(10, true), (10, true), (5, false)]);
    let empty = w
        .rep1
        .get(&format!("/api/v1/sync/pull?since={since}"))
        .json();
    assert_eq!(empty["changes"], json!([]));
    assert_eq!(empty["cursor"].as_i64(), Some(since));
    // Others' changes advance the cursor without showing up.
    applied(
        &w.rep3
            .mutate("prospect.put", new_prospect(&uuid(), "elsewhere")),
    );
    let page = w
        .rep1
        .get(&format!("/api/v1/sync/pull?since={since}"))
        .json();
    assert_eq!(page["changes"], json!([]));
    assert!(page["cursor"].as_i64().unwrap() > since);
    let r = w
        .rep1
        .get(&format!("/api/v1/sync/pull?since={}", since + 1000));
    assert_eq!((r.status, r.error_code().as_str()), (409, "reset_required"));
}

fn concurrent_pushes_never_let_a_pull_skip_a_committed_change(db: TestDb) {
    let w = world(&db);
    let writers = [&w.rep1, &w.rep2, &w.m1, &w.admin];
    let done = std::sync::atomic::AtomicUsize::new(0);
    let (created, seen) = std::thread::scope(|s| {
        let handles: Vec<_> = writers
            .iter()
            .map(|client| {
                let done = &done;
                s.spawn(move || {
                    let mut ids = Vec::new();
                    for i in 0..25 {
                        let id = uuid();
                        let r = client.mutate("prospect.put", new_prospect(&id, &format!("c{i}")));
                        applied(&r);
                        ids.push(id);
                    }
                    done.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    ids
                })
            })
            .collect();
        // The admin sees everything: pull incrementally while the writers commit.
        let mut cursor = 0;
        let mut seen = BTreeSet::new();
        loop {
            let finished = done.load(std::sync::atomic::Ordering::SeqCst) == writers.len();
            let (next, changes) = w.admin.pull_all(cursor);
            assert!(next >= cursor);
            cursor = next;
            seen.extend(changes.iter().map(|c| str_of(c, "id")));
            if finished {
                break;
            }
        }
        let created: BTreeSet<String> = handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect();
        (created, seen)
    });
    assert_eq!(created.len(), 100);
    let missed: Vec<_> = created.difference(&seen).collect();
    assert!(missed.is_empty(), "incremental pulls skipped {missed:?}");
}

fn transfer_moves_the_prospect_with_its_records_and_tombstones_the_old_side(db: TestDb) {
    let w = world(&db);
    let (p, n) = (uuid(), uuid());
    applied(&w.rep1.mutate("prospect.put", new_prospect(&p, "Moving Co")));
    applied(
        &w.rep1
            .mutate("note.add", note_args(&n, &p, "history travels")),
    );
    let (rep1_cursor, _) = w.rep1.pull_all(0);
    let (m1_cursor, _) = w.m1.pull_all(0);
    let (rep3_cursor, _) = w.rep3.pull_all(0);
    let t = w.assistant.post(
        &format!("/api/v1/prospects/{p}/transfer"),
        &json!({"to": "rep3"}),
    );
    assert_eq!(t.status, 404, "the assistant sees only lead lists");
    let t = w.m1.post(
        &format!("/api/v1/prospects/{p}/transfer"),
        &json!({"to": "rep3"}),
    );
    assert_eq!(t.status, 200, "{}", String::from_utf8_lossy(&t.body));
    // The old side learns that both records left its view.
    for (client, cursor) in [(&w.rep1, rep1_cursor), (&w.m1, m1_cursor)] {
        let (_, changes) = client.pull_all(cursor);
        let gone: BTreeSet<(String, String)> = changes
            .iter()
            .filter(|c| c["data"].is_null())
            .map(|c| (str_of(c, "entity"), str_of(c, "id")))
            .collect();
        assert_eq!(
            gone,
            BTreeSet::from([("prospect".into(), p.clone()), ("note".into(), n.clone())])
        );
        assert!(client.visible("prospect").is_empty());
    }
    // The new side receives the prospect and its older note from its own cursor.
    let (_, changes) = w.rep3.pull_all(rep3_cursor);
    let got: BTreeSet<String> = changes.iter().map(|c| str_of(c, "id")).collect();
    assert!(got.contains(&p) && got.contains(&n), "{got:?}");
    assert_eq!(prospect_data(&w.rep3, &p)["owner_id"], w.rep3.id());
    assert_eq!(w.m2.visible("note"), set(&[&n]));
    let history = w.rep3.get(&format!("/api/v1/prospects/{p}/history")).json();
    let owner = history
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["field"] == "owner_id")
        .unwrap();
    assert_eq!(
        (owner["old"].as_str(), owner["new"].as_str()),
        (Some(w.rep1.id().as_str()), Some(w.rep3.id().as_str()))
    );
    let bad = w.m2.post(
        &format!("/api/v1/prospects/{p}/transfer"),
        &json!({"to": "assistant1"}),
    );
    assert_eq!(bad.status, 400);
}

fn lead_import_in_utf8_and_gbk_reports_duplicates_and_assigns_by_territory(db: TestDb) {
    let w = world(&db);
    let csv = "公司名称,联系人,电话,地区,行业,备注\n\
               华南电子厂,李工,0755-1234 5678,华南,电子,x\n\
               华东机械厂,王总,021-8888,华东,机械,\n\
               华南电子厂 ,李工,075512345678,华南,电子,same company and phone\n\
               无名厂,,,西北,五金,\n\
               ,无公司,1,华南,电子,\n\
               坏行业厂,,,华南,造船,\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(csv);
    let r = w.assistant.import_leads(&gbk);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let report = r.json();
    assert_eq!(report["encoding"], "gbk");
    assert_eq!(
        (report["rows"].as_u64(), report["imported"].as_u64()),
        (Some(6), Some(3))
    );
    assert_eq!(
        (report["assigned"].as_u64(), report["unassigned"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(report["ignored_columns"], json!(["备注"]));
    let dups = report["duplicates"].as_array().unwrap();
    assert_eq!(dups.len(), 1);
    assert_eq!(
        (
            dups[0]["line"].as_u64(),
            dups[0]["duplicate_of_line"].as_u64()
        ),
        (Some(4), Some(2))
    );
    let errors: Vec<(u64, String)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["line"].as_u64().unwrap(), str_of(e, "reason")))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].0, 6);
    assert!(errors[0].1.starts_with("company"), "{errors:?}");
    assert!(errors[1].1.starts_with("industry"), "{errors:?}");
    // Assigned by territory: rep1 (华南) and rep2 (华东) now own one each; the rest is unassigned.
    assert_eq!(w.rep1.visible("prospect").len(), 1);
    assert_eq!(w.rep2.visible("prospect").len(), 1);
    // The assigned ones left the assistant's view with their assignment.
    assert_eq!(w.assistant.visible("prospect").len(), 1);
    let lead = &w.rep1.visible("prospect")[0];
    let d = prospect_data(&w.rep1, lead);
    assert_eq!(
        (d["company"].as_str(), d["industry"].as_str()),
        (Some("华南电子厂"), Some("electronics"))
    );
    assert_eq!(d["contacts"][0]["phone"], "0755-1234 5678");
    // A UTF-8 file (with BOM) of the same lead is a duplicate of the stored one.
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend_from_slice("company,phone\n华南电子厂,(0755)12345678\n".as_bytes());
    let r = w.assistant.import_leads(&utf8);
    let report = r.json();
    assert_eq!(report["encoding"], "utf-8");
    assert_eq!(report["imported"], 0);
    assert_eq!(
        report["duplicates"][0]["existing_id"].as_str(),
        Some(lead.as_str())
    );
    // Unassigned leads are handed over by transfer.
    let unassigned = report_unassigned(&w);
    let t = w.assistant.post(
        &format!("/api/v1/prospects/{unassigned}/transfer"),
        &json!({"to": "rep3"}),
    );
    assert_eq!(t.status, 200);
    assert_eq!(w.rep3.visible("prospect"), set(&[&unassigned]));
}

fn report_unassigned(w: &World) -> String {
    let (_, changes) = w.assistant.pull_all(0);
    changes
        .iter()
        .find(|c| c["entity"] == "prospect" && c["data"]["owner_id"].is_null())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn attachments_are_served_only_to_those_who_see_the_note(db: TestDb) {
    let w = world(&db);
    let (p, att, other) = (uuid(), uuid(), uuid());
    let jpeg = small_jpeg();
    applied(&w.rep1.mutate("prospect.put", new_prospect(&p, "Photo Co")));
    let put = |c: &Client, id: &str, ct: &str, body: &[u8]| {
        request(
            w.server.addr,
            "PUT",
            &format!("/api/v1/attachments/{id}"),
            Some(&c.token),
            Some(ct),
            body,
        )
    };
    assert_eq!(put(&w.rep1, &att, "image/jpeg", jpeg).status, 201);
    assert_eq!(
        put(&w.rep1, &att, "image/jpeg", jpeg).status,
        200,
        "idempotent"
    );
    assert_eq!(put(&w.rep2, &att, "image/jpeg", jpeg).status, 409);
    assert_eq!(put(&w.rep1, &other, "text/plain", b"hi").status, 415);
    assert_eq!(put(&w.rep1, &other, "image/png", jpeg).status, 400);
    let big = [jpeg, &vec![0u8; 10 * 1024 * 1024]].concat();
    let path = format!("/api/v1/attachments/{other}");
    let r = request(
        w.server.addr,
        "PUT",
        &path,
        Some(&w.rep1.token),
        Some("image/jpeg"),
        &big,
    );
    assert_eq!(r.status, 413);
    let two_mib = noisy_png(850);
    assert!(two_mib.len() > 2 * 1024 * 1024, "{}", two_mib.len());
    assert_eq!(
        put(&w.rep1, &other, "image/png", &two_mib).status,
        201,
        "uploads may exceed 1 MiB"
    );
    applied(&w.rep1.mutate(
        "note.add",
        json!({"id": uuid(), "prospect_id": p, "body": "photo", "kind": "visit",
        "taken_at": "2026-11-27T09:00:00Z", "attachment_ids": [att]}),
    ));
    // Someone else's attachment cannot be claimed by a note.
    let r = w.m1.mutate(
        "note.add",
        json!({"id": uuid(), "prospect_id": p, "body": "mine", "kind": "visit",
        "taken_at": "2026-11-27T09:00:00Z", "attachment_ids": [other]}),
    );
    assert_eq!(r["status"], "rejected");
    assert!(
        r["reason"]
            .as_str()
            .unwrap()
            .starts_with("attachment_ids[0]:"),
        "{r}"
    );
    for (client, ok) in [
        (&w.rep1, true),
        (&w.m1, true),
        (&w.admin, true),
        (&w.rep2, false),
        (&w.m2, false),
        (&w.rep3, false),
        (&w.assistant, false),
    ] {
        let r = client.get(&format!("/api/v1/attachments/{att}"));
        if ok {
            assert_eq!(r.status, 200, "{}", client.user["username"]);
            assert_eq!(r.body, jpeg);
            assert_eq!(r.header("content-type"), Some("image/jpeg"));
        } else {
            assert_eq!(r.status, 404, "{}", client.user["username"]);
        }
    }
    // An attachment not referenced by any note is the uploader's only.
    assert_eq!(
        w.rep1.get(&format!("/api/v1/attachments/{other}")).status,
        200
    );
    assert_eq!(
        w.m1.get(&format!("/api/v1/attachments/{other}")).status,
        404
    );
}

fn bad_input_gets_json_errors_never_a_500(db: TestDb) {
    let w = world(&db);
    let send = |method: &str, path: &str, body: &[u8]| {
        request(
            w.server.addr,
            method,
            path,
            Some(&w.rep1.token),
            Some("application/json"),
            body,
        )
    };
    let cases: Vec<(&str, &str, Vec<u8>, u16, &str)> = vec![
        ("POST", "/api/v1/sync/push", b"{not json".to_vec(), 400, "invalid_json"),
        ("POST", "/api/v1/sync/push", b"".to_vec(), 400, "invalid_json"),
        ("POST", "/api/v1/sync/push", b"[]".to_vec(), 400, "invalid_body"),
        ("POST", "/api/v1/sync/push", br#"{"client_id":"x","mutations":[]}"#.to_vec(), 400, "invalid_body"),
        ("POST", "/api/v1/sync/push", br#"{"client_id":"0193a000-0000-7000-8000-000000000001","mutations":"many"}"#.to_vec(), 400, "invalid_body"),
        ("POST", "/api/v1/sync/push", br#"{"client_id":"0193a000-0000-7000-8000-000000000001","mutations":[],"extra":1}"#.to_vec(), 400, "invalid_body"),
        ("POST", "/api/v1/sync/push", br#"{"client_id":"0193a000-0000-7000-8000-000000000001","mutations":[{"id":"nope","name":"x","args":{}}]}"#.to_vec(), 400, "invalid_body"),
        ("POST", "/api/v1/sync/push", b"{\"client_id\":\"\xff\xfe\"}".to_vec(), 400, "invalid_json"),
        ("POST", "/api/v1/auth/login", br#"{"username":1,"password":2}"#.to_vec(), 400, "invalid_body"),
        ("GET", "/api/v1/sync/pull?since=abc", vec![], 400, "invalid_query"),
        ("GET", "/api/v1/sync/pull?since=-1", vec![], 400, "invalid_query"),
        ("GET", "/api/v1/sync/pull?since=99999999999999999999999", vec![], 400, "invalid_query"),
        ("GET", "/api/v1/sync/pull?limit=0", vec![], 400, "invalid_query"),
        ("GET", "/api/v1/prospects/not-a-uuid/history", vec![], 400, "invalid_path"),
        ("DELETE", "/api/v1/sync/push", vec![], 405, "method_not_allowed"),
    ];
    for (method, path, body, status, code) in cases {
        let r = send(method, path, &body);
        assert_eq!(
            (r.status, r.error_code().as_str()),
            (status, code),
            "{method} {path}: {}",
            String::from_utf8_lossy(&r.body)
        );
        assert!(!r.json()["error"]["message"].as_str().unwrap().is_empty());
    }
    let huge = [
        b"{\"x\":\"".as_slice(),
        &vec![b'a'; 1024 * 1024 + 10],
        b"\"}",
    ]
    .concat();
    let r = request(
        w.server.addr,
        "POST",
        "/api/v1/sync/push",
        Some(&w.rep1.token),
        Some("application/json"),
        &huge,
    );
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (413, "payload_too_large")
    );
    assert!(!r.json()["error"]["message"].as_str().unwrap().is_empty());
    // Huge numbers inside args are rejected mutations naming the field.
    let p = uuid();
    applied(&w.rep1.mutate("prospect.put", new_prospect(&p, "Big")));
    let raw = format!(
        r#"{{"client_id":"{}","mutations":[{{"id":"{}","name":"prospect.put","args":{{"id":"{p}","patch":{{"employees":123456789012345678901234567890}}}}}},{{"id":"{}","name":"quiz.submit","args":{{"id":"{}","seed":-5,"answers":[],"started_at":"2026-11-27T09:00:00Z","submitted_at":"2026-11-27T09:00:00Z"}}}}]}}"#,
        uuid(),
        uuid(),
        uuid(),
        uuid()
    );
    let r = send("POST", "/api/v1/sync/push", raw.as_bytes());
    assert_eq!(r.status, 200);
    let results = r.json()["results"].clone();
    assert_eq!(results[0]["status"], "rejected");
    assert!(
        results[0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("employees:"),
        "{results}"
    );
    assert_eq!(results[1]["status"], "rejected");
    assert!(
        results[1]["reason"].as_str().unwrap().starts_with("seed:"),
        "{results}"
    );
}

fn concessions_objections_and_quiz_attempts_sync(db: TestDb) {
    let w = world(&db);
    let p = uuid();
    applied(&w.rep1.mutate("prospect.put", new_prospect(&p, "Deal Co")));
    let first = w.rep1.mutate("concession.add", json!({"id": uuid(), "prospect_id": p, "concession": {"amount_cny": 10000, "in_return": "signs this month"}}));
    applied(&first);
    let second = w.rep1.mutate(
        "concession.add",
        json!({"id": uuid(), "prospect_id": p, "concession": {"amount_cny": 20000}}),
    );
    applied(&second);
    assert_eq!(
        second["warnings"],
        json!(["larger_than_previous", "nothing_in_return"])
    );
    let bad = w.rep1.mutate(
        "concession.add",
        json!({"id": uuid(), "prospect_id": p, "concession": {"amount_cny": 1, "percent_bp": 1}}),
    );
    assert_eq!(bad["status"], "rejected");
    assert!(bad["reason"].as_str().unwrap().starts_with("concession:"));
    applied(&w.rep1.mutate(
        "objection.add",
        json!({"id": uuid(), "prospect_id": p, "objection": "too_expensive", "note": "show ROI"}),
    ));
    let bad = w.rep1.mutate(
        "objection.add",
        json!({"id": uuid(), "prospect_id": p, "objection": "weather"}),
    );
    assert!(
        bad["reason"].as_str().unwrap().starts_with("objection:"),
        "{bad}"
    );
    // A quiz attempt is scored by the server from the seed's draw.
    let drawn = tuoke_core::quiz::draw(42);
    let answers: Vec<Value> = drawn
        .iter()
        .map(|id| json!({"question_id": id, "selected": tuoke_core::quiz::question(*id).unwrap().correct}))
        .collect();
    let q = uuid();
    applied(&w.rep1.mutate(
        "quiz.submit",
        json!({"id": q, "seed": 42, "answers": answers,
        "started_at": "2026-11-27T09:00:00Z", "submitted_at": "2026-11-27T09:30:00Z"}),
    ));
    let late = uuid();
    applied(&w.rep1.mutate(
        "quiz.submit",
        json!({"id": late, "seed": 42, "answers": answers,
        "started_at": "2026-11-27T09:00:00Z", "submitted_at": "2026-11-27T10:30:00Z"}),
    ));
    let (_, changes) = w.m1.pull_all(0);
    let data = |id: &str| changes.iter().find(|c| c["id"] == id).unwrap()["data"].clone();
    assert_eq!(
        (
            data(&q)["score"]["points"].as_u64(),
            data(&q)["score"]["passed"].as_bool()
        ),
        (Some(100), Some(true))
    );
    assert_eq!(
        (
            data(&late)["within_time"].as_bool(),
            data(&late)["score"]["passed"].as_bool()
        ),
        (Some(false), Some(false))
    );
    assert_eq!(
        changes
            .iter()
            .filter(|c| c["entity"] == "concession")
            .count(),
        2
    );
    assert_eq!(
        changes
            .iter()
            .filter(|c| c["entity"] == "objection")
            .count(),
        1
    );
    assert!(w.m2.visible("quiz_attempt").is_empty());
}

fn demo_prospects_are_created_through_the_push_path(db: TestDb) {
    let server = spawn_server(&db, &["--demo"]);
    let rep1 = login_demo(&server, "rep1");
    let prospects = rep1.visible("prospect");
    assert_eq!(prospects.len(), 2);
    let d = prospect_data(&rep1, &prospects[0]);
    assert!(d["grade"]["explanation"].is_array());
    assert_eq!(login_demo(&server, "manager1").visible("prospect").len(), 4);
    drop(server);
    let server = spawn_server(&db, &["--demo"]);
    assert_eq!(
        login_demo(&server, "rep2").visible("prospect").len(),
        2,
        "a second run adds nothing"
    );
}

fn login_demo(server: &TestServer, name: &str) -> Client {
    let r = request(
        server.addr,
        "POST",
        "/api/v1/auth/login",
        None,
        Some("application/json"),
        json!({"username": name, "password": "demo"})
            .to_string()
            .as_bytes(),
    );
    assert_eq!(r.status, 200);
    let v = r.json();
    Client {
        addr: server.addr,
        token: str_of(&v, "token"),
        user: v["user"].clone(),
    }
}

fn sharing_shows_a_prospect_and_its_records_and_unsharing_tombstones_them(db: TestDb) {
    let w = world(&db);
    let (p, n) = (uuid(), uuid());
    applied(&w.rep1.mutate("prospect.put", new_prospect(&p, "Shared Co")));
    applied(
        &w.rep1
            .mutate("note.add", note_args(&n, &p, "before sharing")),
    );
    let (cursor, _) = w.rep3.pull_all(0);
    let r = w.rep2.mutate(
        "prospect.share",
        json!({"prospect_id": p, "username": "rep3", "shared": true}),
    );
    assert_eq!(r["status"], "rejected", "only the owner shares");
    let r = w.rep1.mutate(
        "prospect.share",
        json!({"prospect_id": p, "username": "assistant1", "shared": true}),
    );
    assert!(
        r["reason"].as_str().unwrap().starts_with("username:"),
        "{r}"
    );
    applied(&w.rep1.mutate(
        "prospect.share",
        json!({"prospect_id": p, "username": "rep3", "shared": true}),
    ));
    let (cursor, changes) = w.rep3.pull_all(cursor);
    let got: BTreeSet<String> = changes.iter().map(|c| str_of(c, "id")).collect();
    assert_eq!(got, BTreeSet::from([p.clone(), n.clone()]));
    // The colleague works on the deal; the manager of the colleague does not see it.
    applied(
        &w.rep3
            .mutate("note.add", note_args(&uuid(), &p, "helping out")),
    );
    assert!(w.m2.visible("prospect").is_empty());
    applied(&w.rep1.mutate(
        "prospect.share",
        json!({"prospect_id": p, "username": "rep3", "shared": false}),
    ));
    let (_, changes) = w.rep3.pull_all(cursor);
    let gone: BTreeSet<String> = changes
        .iter()
        .filter(|c| c["data"].is_null())
        .map(|c| str_of(c, "id"))
        .collect();
    assert!(
        gone.contains(&p) && gone.contains(&n) && gone.len() == 3,
        "{gone:?}"
    );
    assert!(w.rep3.visible("prospect").is_empty());
    assert_eq!(w.rep1.visible("note").len(), 2);
}

fn graceful_shutdown_finishes_a_push_in_flight(db: TestDb) {
    seed_users(&db);
    // tower_http logs "started processing request" at debug: the condition to wait on.
    let server = spawn_server_env(&db, &[], &[("RUST_LOG", "info,tower_http=debug")]);
    let rep1 = login(&server, "rep1");
    let batch: Vec<(String, &str, Value)> = (0..1500)
        .map(|i| {
            (
                uuid(),
                "prospect.put",
                new_prospect(&uuid(), &format!("Co {i}")),
            )
        })
        .collect();
    let pusher = std::thread::spawn({
        let rep1 = rep1.clone();
        move || rep1.push(&uuid(), &batch)
    });
    server.wait_for_line(|l| {
        l.contains("started processing request") && l.contains("/api/v1/sync/push")
    });
    server.signal_term();
    let results = pusher.join().unwrap();
    assert_eq!(results.len(), 1500);
    assert!(results.iter().all(|r| r["status"] == "applied"));
    let (status, lines) = server.wait_exit();
    assert!(status.success(), "{status}");
    let shutdown = lines
        .iter()
        .position(|l| l.contains("shutting down"))
        .unwrap();
    let pushed = lines
        .iter()
        .position(|l| l.contains("mutations=1500"))
        .unwrap();
    assert!(
        shutdown < pushed,
        "the push was still running when the signal came"
    );
    let server = spawn_server(&db, &[]);
    assert_eq!(login(&server, "rep1").visible("prospect").len(), 1500);
}
