//! The price list (issue 19): the demo serves one, managers and admins store new versions,
//! old versions stay readable, bad lists are refused with the core's codes, the command line
//! imports and exports it.

use serde_json::{json, Value};
use tuoke_core::pricing::{demo_price_list, MAX_LIST_PRICE_CNY, MAX_MODULES};

use crate::api::*;
use crate::helpers::*;

db_tests!(
    the_demo_price_list_is_served_to_every_signed_in_user,
    a_managers_put_creates_the_next_version_and_older_versions_stay_readable,
    reps_and_the_assistant_may_not_change_the_price_list,
    every_bad_price_list_is_refused_with_its_code_and_none_with_a_5xx,
    without_a_price_list_the_answer_is_404_no_price_list,
    concurrent_puts_each_get_a_version_of_their_own,
    the_command_line_imports_and_exports_the_price_list,
);

const PATH: &str = "/api/v1/price-list";

fn put(client: &Client, body: &[u8]) -> Response {
    request(
        client.addr,
        "PUT",
        PATH,
        Some(&client.token),
        Some("application/json"),
        body,
    )
}

fn put_json(client: &Client, body: &Value) -> Response {
    put(client, body.to_string().as_bytes())
}

fn body(r: &Response) -> String {
    String::from_utf8_lossy(&r.body).into_owned()
}

/// The demo list as a PUT body (no version).
fn demo_body() -> Value {
    serde_json::to_value(demo_price_list()).unwrap()
}

fn the_demo_price_list_is_served_to_every_signed_in_user(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &["--demo"]);
    let expected = serde_json::to_value(demo_price_list().with_version(1)).unwrap();
    for user in ["rep1", "rep3", "manager1", "assistant1", "admin1"] {
        let r = login(&server, user).get(PATH);
        assert_eq!(r.status, 200, "{user}: {}", body(&r));
        let v = r.json();
        assert_eq!(v["price_list"], expected, "{user}");
        assert_eq!(v["set_by"], Value::Null);
        assert!(v["set_at"].is_string(), "{v}");
    }
    let r = login(&server, "rep1").get(&format!("{PATH}?version=1"));
    assert_eq!(r.json()["price_list"], expected);
    // Starting the demo again keeps what is stored (a manager's newer list included).
    let manager = login(&server, "manager1");
    let mut newer = demo_body();
    newer["day_rate_cny"] = json!(2_800);
    assert_eq!(put_json(&manager, &newer).status, 200);
    drop(server);
    let server = spawn_server(&db, &["--demo"]);
    let v = login(&server, "rep1").get(PATH).json();
    assert_eq!(v["price_list"]["version"], 2);
    assert_eq!(v["price_list"]["day_rate_cny"], 2_800);
}

fn a_managers_put_creates_the_next_version_and_older_versions_stay_readable(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &["--demo"]);
    let (manager, admin, rep) = (
        login(&server, "manager1"),
        login(&server, "admin1"),
        login(&server, "rep1"),
    );
    let mut v2 = demo_body();
    v2["modules"][1]["list_price_cny"] = json!(7_200);
    v2["modules"].as_array_mut().unwrap().push(
        json!({"code": "CRM", "name": {"zh-Hans": "客户关系管理", "zh-Hant": "客戶關係管理",
                      "en": "CRM"}, "list_price_cny": 3_000, "unit": "per_user"}),
    );
    let r = put_json(&manager, &v2);
    assert_eq!(r.status, 200, "{}", body(&r));
    let stored = r.json();
    let mut expected = v2.clone();
    expected["version"] = json!(2);
    assert_eq!(stored["price_list"], expected);
    assert_eq!(stored["set_by"], json!(manager.id()));
    assert_eq!(stored["set_by_username"], "manager1");

    // Every reader now gets version 2; version 1 is still there, unchanged.
    let current = rep.get(PATH).json();
    assert_eq!(current, stored);
    let v1 = rep.get(&format!("{PATH}?version=1")).json();
    assert_eq!(
        v1["price_list"],
        serde_json::to_value(demo_price_list().with_version(1)).unwrap()
    );
    assert_eq!(v1["price_list"]["modules"][1]["list_price_cny"], 6_800);

    // The admin may set it too: version 3.
    let r = put_json(&admin, &demo_body());
    assert_eq!(r.status, 200, "{}", body(&r));
    assert_eq!(r.json()["price_list"]["version"], 3);
    assert_eq!(r.json()["set_by_username"], "admin1");
    assert_eq!(rep.get(PATH).json()["price_list"]["version"], 3);
    assert_eq!(
        rep.get(&format!("{PATH}?version=2")).json()["price_list"],
        expected
    );
}

fn reps_and_the_assistant_may_not_change_the_price_list(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &["--demo"]);
    for user in ["rep1", "rep3", "assistant1"] {
        let client = login(&server, user);
        let mut cheaper = demo_body();
        cheaper["modules"][0]["list_price_cny"] = json!(1);
        let r = put_json(&client, &cheaper);
        assert_eq!(
            (r.status, r.error_code()),
            (403, "forbidden".into()),
            "{user}"
        );
        // The role is judged before the body: a rep's bad body is still 403.
        let r = put(&client, b"not json");
        assert_eq!(r.status, 403, "{user}");
    }
    let r = request(
        server.addr,
        "PUT",
        PATH,
        None,
        Some("application/json"),
        b"{}",
    );
    assert_eq!((r.status, r.error_code()), (401, "unauthorized".into()));
    let current = login(&server, "rep1").get(PATH).json();
    assert_eq!(current["price_list"]["version"], 1);
}

fn module(code: &str) -> Value {
    json!({"code": code, "name": {"zh-Hans": "财务", "zh-Hant": "財務", "en": "Finance"},
           "list_price_cny": 100, "unit": "per_module"})
}

fn list_of(modules: Vec<Value>) -> Value {
    json!({"currency": "CNY", "day_rate_cny": 2_500, "modules": modules})
}

/// The demo body with `value` at `pointer`.
fn demo_with(pointer: &str, value: Value) -> Value {
    let mut v = demo_body();
    *v.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer} in the demo list")) = value;
    v
}

fn every_bad_price_list_is_refused_with_its_code_and_none_with_a_5xx(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &["--demo"]);
    let manager = login(&server, "manager1");
    let too_many: Vec<Value> = (0..=MAX_MODULES)
        .map(|i| module(&format!("M{i}")))
        .collect();
    let mut with_version = demo_body();
    with_version["version"] = json!(9);
    let mut unknown = demo_body();
    unknown["modules"][0]["discount"] = json!(5);
    let cases: Vec<(&str, Value, u16, &str)> = vec![
        ("no modules", list_of(vec![]), 400, "no_modules"),
        (
            "too many modules",
            list_of(too_many),
            400,
            "too_many_modules",
        ),
        (
            "empty code",
            demo_with("/modules/2/code", json!(" ")),
            400,
            "empty_code",
        ),
        (
            "long code",
            demo_with("/modules/0/code", json!("X".repeat(33))),
            400,
            "code_too_long",
        ),
        (
            "code with a space",
            demo_with("/modules/0/code", json!("F I")),
            400,
            "invalid_code",
        ),
        (
            "duplicate code",
            demo_with("/modules/3/code", json!("fin")),
            400,
            "duplicate_code",
        ),
        (
            "blank zh-Hant name",
            demo_with("/modules/0/name/zh-Hant", json!("")),
            400,
            "blank_name",
        ),
        (
            "long name",
            demo_with("/modules/0/name/en", json!("n".repeat(101))),
            400,
            "name_too_long",
        ),
        (
            "negative price",
            demo_with("/modules/0/list_price_cny", json!(-1)),
            400,
            "negative_price",
        ),
        (
            "absurd price",
            demo_with("/modules/0/list_price_cny", json!(MAX_LIST_PRICE_CNY + 1)),
            400,
            "price_too_high",
        ),
        (
            "negative day rate",
            demo_with("/day_rate_cny", json!(-2_500)),
            400,
            "negative_day_rate",
        ),
        (
            "absurd day rate",
            demo_with("/day_rate_cny", json!(i64::MAX)),
            400,
            "day_rate_too_high",
        ),
        (
            "price beyond i64",
            demo_with("/modules/0/list_price_cny", json!(1e30)),
            400,
            "invalid_body",
        ),
        (
            "fractional price",
            demo_with("/modules/0/list_price_cny", json!(1.5)),
            400,
            "invalid_body",
        ),
        (
            "other currency",
            demo_with("/currency", json!("USD")),
            400,
            "invalid_body",
        ),
        (
            "unknown unit",
            demo_with("/modules/0/unit", json!("per_month")),
            400,
            "invalid_body",
        ),
        (
            "name as a string",
            demo_with("/modules/0/name", json!("财务")),
            400,
            "invalid_body",
        ),
        ("a version", with_version, 400, "invalid_body"),
        ("an unknown field", unknown, 400, "invalid_body"),
        (
            "no modules field",
            json!({"currency": "CNY", "day_rate_cny": 1}),
            400,
            "invalid_body",
        ),
        ("null", Value::Null, 400, "invalid_body"),
        ("an array", json!([demo_body()]), 400, "invalid_body"),
    ];
    for (what, bad, status, code) in cases {
        let r = put_json(&manager, &bad);
        assert_eq!(
            (r.status, r.error_code()),
            (status, code.to_owned()),
            "{what}: {}",
            body(&r)
        );
    }
    for (what, raw, status, code) in [
        (
            "broken JSON",
            &b"{\"currency\": \"CNY\", "[..],
            400,
            "invalid_json",
        ),
        (
            "not UTF-8",
            &b"{\"currency\": \"\xff\"}"[..],
            400,
            "invalid_json",
        ),
        ("empty body", &b""[..], 400, "invalid_json"),
        ("trailing bytes", &b"{} {}"[..], 400, "invalid_body"),
    ] {
        let r = put(&manager, raw);
        assert_eq!(
            (r.status, r.error_code()),
            (status, code.to_owned()),
            "{what}: {}",
            body(&r)
        );
    }
    // Over 1 MiB: refused before it is read.
    let huge = vec![b' '; 1024 * 1024 + 1];
    let r = put(&manager, &huge);
    assert_eq!(
        (r.status, r.error_code()),
        (413, "payload_too_large".into())
    );
    // Deeply nested JSON does not overflow the stack.
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let r = put(&manager, nested.as_bytes());
    assert!(r.status >= 400 && r.status < 500, "{}", r.status);

    // Bad versions asked for.
    let rep = login(&server, "rep1");
    for (query, status, code) in [
        ("?version=abc", 400, "invalid_query"),
        ("?version=-1", 400, "invalid_query"),
        ("?version=99999999999", 400, "invalid_query"),
        ("?version=0", 404, "no_price_list"),
        ("?version=2", 404, "no_price_list"),
    ] {
        let r = rep.get(&format!("{PATH}{query}"));
        assert_eq!(
            (r.status, r.error_code()),
            (status, code.to_owned()),
            "{query}"
        );
    }
    // Nothing was stored; the server still answers.
    assert_eq!(rep.get(PATH).json()["price_list"]["version"], 1);
    assert_eq!(server.get("/api/v1/health").0, 200);
}

fn without_a_price_list_the_answer_is_404_no_price_list(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &[]);
    let rep = login(&server, "rep1");
    let r = rep.get(PATH);
    assert_eq!((r.status, r.error_code()), (404, "no_price_list".into()));
    // The first PUT is version 1.
    let r = put_json(&login(&server, "manager1"), &demo_body());
    assert_eq!(r.status, 200, "{}", body(&r));
    assert_eq!(rep.get(PATH).json()["price_list"]["version"], 1);
}

fn concurrent_puts_each_get_a_version_of_their_own(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &["--demo"]);
    let (manager, admin) = (login(&server, "manager1"), login(&server, "admin1"));
    let threads: Vec<_> = (0..8)
        .map(|i| {
            let client = if i % 2 == 0 {
                manager.clone()
            } else {
                admin.clone()
            };
            std::thread::spawn(move || {
                let r = put_json(&client, &demo_with("/day_rate_cny", json!(2_000 + i)));
                assert_eq!(r.status, 200, "{}", body(&r));
                let v = r.json()["price_list"].clone();
                (
                    v["version"].as_u64().unwrap(),
                    v["day_rate_cny"].as_i64().unwrap(),
                )
            })
        })
        .collect();
    let mut stored: Vec<(u64, i64)> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    stored.sort();
    let versions: Vec<u64> = stored.iter().map(|s| s.0).collect();
    assert_eq!(versions, (2..=9).collect::<Vec<u64>>());
    // Each version holds what its own request sent.
    let rep = login(&server, "rep1");
    for (version, rate) in stored {
        let v = rep.get(&format!("{PATH}?version={version}")).json();
        assert_eq!(v["price_list"]["day_rate_cny"], rate, "version {version}");
    }
}

fn price_list_cli(db: &TestDb, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let mut cmd = tuoke(&["price-list"]);
    cmd.args(args).env("TUOKE_DATABASE_URL", &db.url);
    run(cmd, stdin)
}

fn the_command_line_imports_and_exports_the_price_list(db: TestDb) {
    seed_users(&db);
    let dir = tempfile::tempdir().unwrap();
    let out = price_list_cli(&db, &["export"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: no price list has been stored yet\n"
    );

    // Import the list without a version: version 1.
    let file = dir.path().join("prices.json");
    std::fs::write(&file, demo_body().to_string()).unwrap();
    let out = price_list_cli(&db, &["import", file.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let modules = demo_price_list().modules.len();
    assert_eq!(
        text(&out.stdout).lines().last(),
        Some(format!("stored price list version 1 ({modules} modules)").as_str())
    );

    // Export, change a price, import the exported file back: version 2; both exportable.
    let out = price_list_cli(&db, &["export"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let exported: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        exported,
        serde_json::to_value(demo_price_list().with_version(1)).unwrap()
    );
    let mut changed = exported.clone();
    changed["modules"][0]["list_price_cny"] = json!(33_000);
    std::fs::write(&file, changed.to_string()).unwrap();
    let out = price_list_cli(&db, &["import", file.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("stored price list version 2"));
    let out = price_list_cli(&db, &["export", "--version", "1"], None);
    let v1: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v1, exported);
    let v2: Value = serde_json::from_slice(&price_list_cli(&db, &["export"], None).stdout).unwrap();
    changed["version"] = json!(2);
    assert_eq!(v2, changed);

    // Standard input works too, and the server serves what was imported.
    let out = price_list_cli(&db, &["import", "-"], Some(&demo_body().to_string()));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("stored price list version 3"));
    let server = spawn_server(&db, &[]);
    let served = login(&server, "rep1").get(PATH).json();
    assert_eq!(served["price_list"]["version"], 3);
    assert_eq!(served["set_by"], Value::Null);
    drop(server);

    // Refusals: one line on stderr, exit 1, nothing stored.
    let bad = dir.path().join("bad.json");
    for (content, expected) in [
        (
            demo_with("/modules/2/code", json!("FIN")).to_string(),
            "error: the price list is refused (duplicate_code): module 2: the code repeats that of module 1\n",
        ),
        ("{".to_owned(), "error: "),
        (r#"{"currency":"CNY"}"#.to_owned(), "error: "),
    ] {
        std::fs::write(&bad, content).unwrap();
        let out = price_list_cli(&db, &["import", bad.to_str().unwrap()], None);
        assert_eq!(out.status.code(), Some(1));
        let stderr = text(&out.stderr);
        assert!(stderr.starts_with(expected), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    let out = price_list_cli(&db, &["import", "/no/such/file.json"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("error: cannot read /no/such/file.json: "));
    let out = price_list_cli(&db, &["export", "--version", "4"], None);
    assert_eq!(
        text(&out.stderr),
        "error: there is no price list version 4\n"
    );
    let latest: Value =
        serde_json::from_slice(&price_list_cli(&db, &["export"], None).stdout).unwrap();
    assert_eq!(latest["version"], 3);
}
