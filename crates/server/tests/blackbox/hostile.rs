//! What a careless or hostile client sends cannot stop, stall or poison the server: dates at
//! the end of time, a mutation the database refuses, pages of huge records, somebody else's
//! mutation ids, rights that outlived their reason, a long lead import.

use std::thread;

use serde_json::{json, Value};

use crate::api::*;
use crate::helpers::*;

db_tests!(
    an_activity_at_the_end_of_time_is_refused_and_the_server_keeps_serving,
    a_mutation_the_database_refuses_is_rejected_alone_and_every_other_push_commits,
    notes_listing_an_attachment_twice_or_holding_nul_are_refused_before_writing,
    a_pull_page_is_bounded_by_bytes_as_well_as_by_count,
    mutation_ids_are_scoped_per_user,
    the_assistant_loses_sight_of_a_lead_once_it_is_assigned,
    a_lead_import_written_in_chunks_still_finds_duplicates_across_chunks,
    a_long_field_history_is_served_in_bounded_pages,
    nul_characters_anywhere_get_a_4xx_or_a_refusal_never_a_5xx,
);

fn results_of(client: &Client, mutations: &[(String, &str, Value)]) -> Vec<Value> {
    client.push(&uuid(), mutations)
}

fn status(result: &Value) -> &str {
    result["status"].as_str().unwrap_or("")
}

/// A prospect `client` creates (the push applied), by id.
fn created(client: &Client, company: &str) -> String {
    let id = uuid();
    let result = client.mutate("prospect.put", new_prospect(&id, company));
    assert_eq!(status(&result), "applied", "{result}");
    id
}

fn reason(result: &Value) -> &str {
    result["reason"].as_str().unwrap_or("")
}

fn an_activity_at_the_end_of_time_is_refused_and_the_server_keeps_serving(db: TestDb) {
    seed_users(&db);
    let mut server = spawn_server(&db, &[]);
    let rep1 = login(&server, "rep1");
    let prospect = uuid();
    let activity = |at: &str| {
        (
            uuid(),
            "activity.log",
            json!({"id": uuid(), "prospect_id": prospect, "kind": "visit", "at": at}),
        )
    };
    let batch = vec![
        (
            uuid(),
            "prospect.put",
            new_prospect(&prospect, "深圳华强电子有限公司"),
        ),
        // The conversion to the business day of this instant overflowed and aborted the
        // release build; the phone's outbox then resent it after every restart.
        activity("+262142-12-31T23:59:59Z"),
        activity("9999-01-01T00:00:00Z"),
        activity("1970-01-01T00:00:00Z"),
        (
            uuid(),
            "prospect.put",
            json!({"id": prospect, "patch": {"schedule": {"contract": "+262142-01-01"}}}),
        ),
        activity("2026-11-30T08:00:00Z"),
    ];
    let results = results_of(&rep1, &batch);
    let got: Vec<(&str, &str)> = results.iter().map(|r| (status(r), reason(r))).collect();
    assert_eq!(status(&results[0]), "applied");
    for r in &results[1..4] {
        assert_eq!(status(r), "rejected", "{got:?}");
        assert!(
            reason(r).starts_with("at: must fall in the years 2000 to 2100"),
            "{got:?}"
        );
        let coded = (r["code"].as_str(), r["field"].as_str());
        assert_eq!(coded, (Some("date_out_of_range"), Some("at")));
    }
    assert_eq!(status(&results[4]), "rejected", "{got:?}");
    assert!(
        reason(&results[4]).starts_with("schedule.contract:"),
        "{got:?}"
    );
    assert_eq!(results[4]["field"], "schedule.contract");
    assert_eq!(status(&results[5]), "applied", "{got:?}");

    // Sent again (the outbox after a restart): answered from the processed records.
    let again = results_of(&rep1, &batch);
    assert!(again.iter().all(|r| status(r) == "duplicate"), "{again:?}");
    // A resend answers with the first answer's code and field too.
    let coded = (again[1]["code"].as_str(), again[1]["field"].as_str());
    assert_eq!(coded, (Some("date_out_of_range"), Some("at")));
    assert!(server.is_running(), "the server process ended");
    assert_eq!(server.get("/api/v1/health").0, 200);
    let data = rep1
        .pull_all(0)
        .1
        .into_iter()
        .rfind(|c| c["entity"] == "prospect")
        .unwrap()["data"]
        .clone();
    assert_eq!(data["last_contact"], "2026-11-30", "{data}");
}

/// Makes the database refuse any record whose data contains `POISON`, standing in for
/// whatever a future bug lets through validation (a constraint, a value a column refuses).
fn poison_records(db: &TestDb) {
    db.block_on(async |db| match db {
        tuoke_server::db::Db::Sqlite(pool) => {
            sqlx::raw_sql(
                "CREATE TRIGGER poison BEFORE INSERT ON records WHEN NEW.data LIKE '%POISON%' \
                 BEGIN SELECT RAISE(ABORT, 'poisoned'); END;",
            )
            .execute(&pool)
            .await
            .unwrap();
        }
        tuoke_server::db::Db::Postgres(pool) => {
            sqlx::raw_sql(
                "CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN \
                 IF NEW.data LIKE '%POISON%' THEN \
                 RAISE EXCEPTION 'poisoned' USING ERRCODE = '23514'; END IF; \
                 RETURN NEW; END $$ LANGUAGE plpgsql; \
                 CREATE TRIGGER poison BEFORE INSERT ON records FOR EACH ROW \
                 EXECUTE FUNCTION poison();",
            )
            .execute(&pool)
            .await
            .unwrap();
        }
    });
}

fn a_mutation_the_database_refuses_is_rejected_alone_and_every_other_push_commits(db: TestDb) {
    seed_users(&db);
    poison_records(&db);
    let server = spawn_server(&db, &[]);
    let rep1 = login(&server, "rep1");
    let rep2 = login(&server, "rep2");
    let (p1, p2) = (uuid(), uuid());
    assert_eq!(
        status(&rep1.mutate("prospect.put", new_prospect(&p1, "甲"))),
        "applied"
    );
    assert_eq!(
        status(&rep2.mutate("prospect.put", new_prospect(&p2, "乙"))),
        "applied"
    );
    let note = |prospect: &str, body: &str| {
        json!({"id": uuid(), "prospect_id": prospect, "body": body, "kind": "visit",
               "taken_at": "2026-11-27T09:00:00Z"})
    };

    // Both reps push at the same time, again and again, so that their batches share group
    // commits: rep1's poisoned note must not fail rep2's pushes (a 503 retried forever).
    let poisoned = {
        let rep1 = rep1.clone();
        let p1 = p1.clone();
        thread::spawn(move || {
            (0..15)
                .map(|i| {
                    let batch = vec![
                        (uuid(), "note.add", note(&p1, &format!("before {i}"))),
                        (uuid(), "note.add", note(&p1, "POISON")),
                        (uuid(), "note.add", note(&p1, &format!("after {i}"))),
                    ];
                    let results = rep1.push(&uuid(), &batch);
                    results
                        .iter()
                        .map(|r| status(r).to_owned())
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        })
    };
    let healthy = {
        let rep2 = rep2.clone();
        thread::spawn(move || {
            (0..15)
                .map(|i| {
                    status(&rep2.mutate("note.add", note(&p2, &format!("rep2 {i}")))).to_owned()
                })
                .collect::<Vec<_>>()
        })
    };
    for statuses in poisoned.join().unwrap() {
        assert_eq!(statuses, ["applied", "rejected", "applied"]);
    }
    assert!(healthy.join().unwrap().iter().all(|s| s == "applied"));

    let bodies: Vec<String> = rep1
        .pull_all(0)
        .1
        .iter()
        .filter(|c| c["entity"] == "note")
        .map(|c| c["data"]["body"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(bodies.len(), 30, "{bodies:?}");
    assert!(!bodies.iter().any(|b| b == "POISON"));
    let refused = rep1.push(&uuid(), &[(uuid(), "note.add", note(&p1, "POISON"))]);
    assert_eq!(status(&refused[0]), "rejected");
    assert!(
        reason(&refused[0]).starts_with("storage_refused"),
        "{refused:?}"
    );
    assert_eq!(refused[0]["code"], "storage_refused");
    assert!(
        !reason(&refused[0]).contains("poisoned"),
        "no internals: {refused:?}"
    );
}

fn notes_listing_an_attachment_twice_or_holding_nul_are_refused_before_writing(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &[]);
    let rep1 = login(&server, "rep1");
    let p = uuid();
    let photo = uuid();
    let note = |body: &str, attachments: Vec<&str>| {
        json!({"id": uuid(), "prospect_id": p, "body": body, "kind": "visit",
               "taken_at": "2026-11-27T09:00:00Z", "attachment_ids": attachments})
    };
    let results = results_of(
        &rep1,
        &[
            (uuid(), "prospect.put", new_prospect(&p, "丙")),
            (
                uuid(),
                "note.add",
                note("两张同一照片", vec![&photo, &photo]),
            ),
            (uuid(), "note.add", note("a\u{0}b", vec![])),
            (
                uuid(),
                "prospect.put",
                json!({"id": p, "patch": {"products": "x\u{0}"}}),
            ),
            (uuid(), "note.add", note("正常的笔记", vec![&photo])),
        ],
    );
    let got: Vec<(&str, &str)> = results.iter().map(|r| (status(r), reason(r))).collect();
    assert_eq!(got[0].0, "applied");
    assert_eq!(got[1], ("rejected", "attachment_ids[1]: listed twice"));
    let coded = (results[1]["code"].as_str(), results[1]["field"].as_str());
    assert_eq!(coded, (Some("repeated"), Some("attachment_ids[1]")));
    assert_eq!(results[2]["code"], "nul_character");
    assert_eq!(got[2].0, "rejected");
    assert!(got[2].1.contains("NUL"), "{got:?}");
    assert_eq!(got[3].0, "rejected");
    assert!(got[3].1.starts_with("args.patch.products:"), "{got:?}");
    assert_eq!(got[4].0, "applied", "{got:?}");
}

fn a_pull_page_is_bounded_by_bytes_as_well_as_by_count(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &[]);
    let rep1 = login(&server, "rep1");
    let p = created(&rep1, "丁");
    // Notes of 600 KB each (one per push: a push body is at most 1 MiB), twice the page budget.
    let big = "记".repeat(200_000);
    let count = 2 * tuoke_server::sync::pull::PAGE_BYTES as usize / big.len() + 1;
    for _ in 0..count {
        let r = rep1.mutate(
            "note.add",
            json!({"id": uuid(), "prospect_id": p, "body": big, "kind": "visit",
                   "taken_at": "2026-11-27T09:00:00Z"}),
        );
        assert_eq!(status(&r), "applied");
    }
    let (mut cursor, mut notes, mut pages) = (0, 0, 0);
    loop {
        let r = rep1.get(&format!("/api/v1/sync/pull?since={cursor}&limit=5000"));
        assert_eq!(r.status, 200);
        // The byte budget, plus at most the one change that crossed it (a push is ≤ 1 MiB).
        let bound = tuoke_server::sync::pull::PAGE_BYTES as usize + 1024 * 1024;
        assert!(r.body.len() <= bound, "a page of {} bytes", r.body.len());
        let page = r.json();
        notes += page["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["entity"] == "note")
            .count();
        pages += 1;
        cursor = page["cursor"].as_i64().unwrap();
        if !page["has_more"].as_bool().unwrap() {
            break;
        }
    }
    assert_eq!(notes, count);
    assert!(pages >= 3, "{pages} page(s)");
}

fn mutation_ids_are_scoped_per_user(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &[]);
    let rep1 = login(&server, "rep1");
    let rep2 = login(&server, "rep2");
    let hidden = created(&rep1, "戊");
    let shared_id = uuid();
    // A move the matrix refuses (lead → signed), sent by rep1 under `shared_id`.
    let refused_move = || {
        rep1.push(
            &uuid(),
            &[(
                shared_id.clone(),
                "stage.move",
                json!({"prospect_id": hidden, "to": "signed"}),
            )],
        )
    };
    let first = refused_move();
    assert_eq!(status(&first[0]), "rejected");
    // rep2 sends a mutation under the same id: it is rep2's own, processed as new, and
    // rep1's refusal reason is not handed to rep2.
    let mine = uuid();
    let second = rep2.push(
        &uuid(),
        &[(shared_id.clone(), "prospect.put", new_prospect(&mine, "己"))],
    );
    assert_eq!(status(&second[0]), "applied", "{second:?}");
    assert!(second[0].get("original_status").is_none(), "{second:?}");
    assert_eq!(rep2.visible("prospect"), [mine]);
    // Each user's resend is still a duplicate of their own.
    let again = refused_move();
    assert_eq!(
        (status(&again[0]), again[0]["original_status"].as_str()),
        ("duplicate", Some("rejected"))
    );
}

fn the_assistant_loses_sight_of_a_lead_once_it_is_assigned(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &[]);
    let assistant = login(&server, "assistant1");
    let rep1 = login(&server, "rep1");
    let lead = created(&assistant, "庚精密五金");
    let (cursor, _) = assistant.pull_all(0);
    assert_eq!(assistant.visible("prospect"), std::slice::from_ref(&lead));

    let r = assistant.post(
        &format!("/api/v1/prospects/{lead}/transfer"),
        &json!({"to": "rep1"}),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    // The rep works the deal now; the assistant's phone drops the lead.
    assert_eq!(
        status(&rep1.mutate(
            "note.add",
            json!({"id": uuid(), "prospect_id": lead,
            "body": "首次拜访", "kind": "visit", "taken_at": "2026-11-27T09:00:00Z"})
        )),
        "applied"
    );
    let (_, changes) = assistant.pull_all(cursor);
    let gone = changes
        .iter()
        .find(|c| c["entity"] == "prospect" && c["id"] == lead.as_str())
        .expect("a change for the lead");
    assert!(gone["data"].is_null(), "{gone}");
    assert!(assistant.visible("prospect").is_empty());
    assert!(assistant.visible("note").is_empty());

    let put = assistant.mutate(
        "prospect.put",
        json!({"id": lead, "patch": {"company": "改名"}}),
    );
    assert_eq!(status(&put), "rejected", "{put}");
    assert_eq!(
        assistant
            .get(&format!("/api/v1/prospects/{lead}/history"))
            .status,
        404
    );
    let again = assistant.post(
        &format!("/api/v1/prospects/{lead}/transfer"),
        &json!({"to": "rep2"}),
    );
    assert_eq!(again.status, 404);
    assert_eq!(rep1.visible("prospect"), [lead]);
}

fn a_lead_import_written_in_chunks_still_finds_duplicates_across_chunks(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &[]);
    let assistant = login(&server, "assistant1");
    // 1,200 leads: more than two chunks; the last repeats the first (line 2).
    let mut csv = String::from("公司名称,电话,地区\n");
    for i in 0..1_199 {
        csv.push_str(&format!("东莞第{i}机械厂,0769-{i:07},华南\n"));
    }
    csv.push_str("东莞第0机械厂,0769-0000000,华南\n");
    // A row PostgreSQL could not store is refused alone, with its line.
    csv.push_str("坏\u{0}行,0769-9999999,华南\n");
    let r = assistant.import_leads(csv.as_bytes());
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let report = r.json();
    assert_eq!(report["rows"], 1_201);
    assert_eq!(report["imported"], 1_199);
    assert_eq!(report["errors"][0]["line"], 1_202, "{}", report["errors"]);
    assert_eq!(report["assigned"], 1_199, "territory 华南 is rep1's");
    let duplicates = report["duplicates"].as_array().unwrap();
    assert_eq!(duplicates.len(), 1);
    assert_eq!(duplicates[0]["line"], 1_201);
    assert_eq!(duplicates[0]["duplicate_of_line"], 2);
    let rep1 = login(&server, "rep1");
    assert_eq!(rep1.visible("prospect").len(), 1_199);
    // A second import of the same list finds every row already stored.
    let r = assistant.import_leads(csv.as_bytes());
    let report = r.json();
    assert_eq!(report["imported"], 0);
    assert_eq!(report["duplicates"].as_array().unwrap().len(), 1_200);
    assert_eq!(report["errors"].as_array().unwrap().len(), 1);
}

fn a_long_field_history_is_served_in_bounded_pages(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &[]);
    let rep1 = login(&server, "rep1");
    let p = created(&rep1, "辛");
    // 1,200 changes of one field: 1,200 history entries of `employees` (the first from empty).
    let batch: Vec<(String, &str, Value)> = (1..=1_200)
        .map(|n| {
            (
                uuid(),
                "prospect.put",
                json!({"id": p, "patch": {"employees": n}}),
            )
        })
        .collect();
    assert!(results_of(&rep1, &batch)
        .iter()
        .all(|r| status(r) == "applied"));
    let page = |query: &str| {
        let r = rep1.get(&format!("/api/v1/prospects/{p}/history{query}"));
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
        r.json().as_array().unwrap().clone()
    };
    let newest = page("");
    assert_eq!(newest.len(), 1_000);
    assert_eq!(
        newest.last().unwrap()["new"],
        1_200,
        "the newest entry last"
    );
    let ids: Vec<i64> = newest.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "oldest first");
    let older = page(&format!("?before={}", ids[0]));
    let employees =
        |entries: &[Value]| entries.iter().filter(|e| e["field"] == "employees").count();
    assert_eq!(employees(&newest) + employees(&older), 1_200);
    assert!(older.iter().all(|e| e["id"].as_i64().unwrap() < ids[0]));
    let before_all = page(&format!("?before={}", older[0]["id"].as_i64().unwrap()));
    assert!(before_all.is_empty(), "{before_all:?}");
    assert_eq!(
        rep1.get(&format!("/api/v1/prospects/{p}/history?before=soon"))
            .status,
        400
    );
}

/// PostgreSQL refuses NUL in text (SQLite stores it): wherever a client can put one, the answer
/// is a 4xx or a refused mutation on both, never a 503 that the client would retry forever.
fn nul_characters_anywhere_get_a_4xx_or_a_refusal_never_a_5xx(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &[]);
    let rep1 = login(&server, "rep1");
    let p = uuid();
    let body = json!({"client_id": uuid(), "mutations": [
        {"id": uuid(), "name": "prospect.put", "args": new_prospect(&p, "壬")},
        {"id": uuid(), "name": "note.add\u{0}", "args": {}},
        {"id": uuid(), "name": "prospect.put", "args": {"id": p, "patch": {"region": "华\u{0}南"}}},
        {"id": uuid(), "name": "prospect.put", "args": {"id": p, "patch": {"region": "华南"}}},
    ]});
    let r = rep1.post("/api/v1/sync/push", &body);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let statuses: Vec<String> = r.json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| status(r).to_owned())
        .collect();
    assert_eq!(statuses, ["applied", "rejected", "rejected", "applied"]);
    let login = request(
        server.addr,
        "POST",
        "/api/v1/auth/login",
        None,
        Some("application/json"),
        json!({"username": "rep\u{0}1", "password": PASSWORD})
            .to_string()
            .as_bytes(),
    );
    assert_eq!(login.status, 401);
    let transfer = rep1.post(
        &format!("/api/v1/prospects/{p}/transfer"),
        &json!({"to": "rep\u{0}2"}),
    );
    assert_eq!(
        transfer.status,
        400,
        "{}",
        String::from_utf8_lossy(&transfer.body)
    );
    assert_eq!(
        status(&rep1.mutate(
            "prospect.share",
            json!({"prospect_id": p, "username": "rep\u{0}2", "shared": true})
        )),
        "rejected"
    );
}
