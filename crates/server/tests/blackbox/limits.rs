//! Limits that protect the server: the per-address login rate limit, the request timeout, the
//! declared body size and the header read timeout.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::json;
use tuoke_server::auth::{MAX_FAILURES_PER_ADDR, MAX_FAILURES_PER_USER};

use crate::api::*;
use crate::helpers::*;

db_tests!(
    failed_logins_for_many_usernames_block_the_client_address,
    a_stalled_request_body_gets_a_json_503_after_the_request_timeout,
    a_declared_oversize_body_is_refused_at_once_without_reading_it,
    a_connection_that_never_finishes_its_headers_is_closed,
);

fn login_attempt(server: &TestServer, username: &str, password: &str) -> Response {
    request(
        server.addr,
        "POST",
        "/api/v1/auth/login",
        None,
        Some("application/json"),
        json!({"username": username, "password": password})
            .to_string()
            .as_bytes(),
    )
}

fn failed_logins_for_many_usernames_block_the_client_address(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &[]);
    // One failure per username, so no username gets near its own limit: what blocks is the
    // address (every test connection comes from 127.0.0.1). Real accounts with a wrong
    // password count as much as unknown names.
    const { assert!(MAX_FAILURES_PER_USER > 1) };
    let usernames: Vec<String> = (0..MAX_FAILURES_PER_ADDR)
        .map(|i| match i {
            0 => "rep2".to_owned(),
            1 => "manager1".to_owned(),
            _ => format!("guess{i}"),
        })
        .collect();
    let (last, first) = usernames.split_last().unwrap();
    for name in first {
        let r = login_attempt(&server, name, "wrong");
        assert_eq!(
            (r.status, r.error_code()),
            (401, "unauthorized".into()),
            "{name}"
        );
    }
    // One failure short of the limit a correct password still gets in, and that success does
    // not wipe the address's failures.
    let signed_in = login_attempt(&server, "rep1", PASSWORD);
    assert_eq!(signed_in.status, 200);
    let token = signed_in.json()["token"].as_str().unwrap().to_owned();
    assert_eq!(login_attempt(&server, last, "wrong").status, 401);

    let blocked = login_attempt(&server, "rep1", PASSWORD);
    assert_eq!(blocked.status, 429, "the right password is refused too");
    assert_eq!(blocked.error_code(), "too_many_requests");
    let retry = blocked.json()["error"]["retry_after"].as_u64().unwrap();
    assert!(retry > 0 && retry <= 15 * 60, "{retry}");
    assert_eq!(
        blocked.header("retry-after"),
        Some(retry.to_string().as_str())
    );
    for name in ["assistant1", "never-tried"] {
        let r = login_attempt(&server, name, PASSWORD);
        assert_eq!(r.status, 429, "{name}: the whole address waits");
    }
    // Only signing in waits: a session issued before the block still works.
    let me = request(server.addr, "GET", "/api/v1/me", Some(&token), None, b"");
    assert_eq!(me.status, 200);
}

fn a_stalled_request_body_gets_a_json_503_after_the_request_timeout(db: TestDb) {
    seed_users(&db);
    let server = spawn_server_env(&db, &[], &[("TUOKE_REQUEST_TIMEOUT_SECS", "1")]);
    let rep1 = login(&server, "rep1");
    let prospect = uuid();
    let body = json!({"client_id": uuid(), "mutations": [{"id": uuid(), "name": "prospect.put",
        "args": new_prospect(&prospect, "Stalled Co"), "at": "2026-11-27T08:00:00Z"}]})
    .to_string();

    // The headers announce the whole body; half of it arrives, then nothing more.
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        stream,
        "POST /api/v1/sync/push HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
         Authorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        server.addr,
        rep1.token,
        body.len()
    )
    .unwrap();
    stream
        .write_all(&body.as_bytes()[..body.len() / 2])
        .unwrap();
    stream.flush().unwrap();
    let sent = Instant::now();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let waited = sent.elapsed();

    let r = parse_response(&raw);
    assert_eq!(r.status, 503, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.error_code(), "service_unavailable");
    assert!(r.json()["error"]["message"].is_string());
    // About the configured second, far from the 30 s default.
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(10),
        "answered after {waited:?}"
    );
    drop(stream);

    // Nothing of the half-sent push was applied, and the server carries on.
    assert_eq!(server.get("/api/v1/health").0, 200);
    assert!(rep1.visible("prospect").is_empty());
    let result = rep1.mutate("prospect.put", new_prospect(&prospect, "Stalled Co"));
    assert_eq!(result["status"], "applied", "{result}");
    assert_eq!(rep1.visible("prospect"), [prospect]);
}

#[test]
fn invalid_request_timeout_is_a_one_line_usage_error() {
    let db = TestDb::sqlite();
    // Were the value accepted, `serve` would stop at the taken port (exit 1), not hang.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    for bad in ["0", "-3", "2.5", "soon"] {
        let mut cmd = tuoke(&["serve", "--addr", &addr, "--db", &db.url]);
        cmd.env("TUOKE_REQUEST_TIMEOUT_SECS", bad);
        let out = run(cmd, None);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        assert!(
            stderr.starts_with(&format!("error: invalid value '{bad}'")),
            "{stderr}"
        );
        assert!(stderr.contains("TUOKE_REQUEST_TIMEOUT_SECS"), "{stderr}");
    }
}

/// Sends `head` (request line and headers) and nothing more; returns what came back and when.
fn send_head_only(server: &TestServer, head: &str) -> (Vec<u8>, Duration) {
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    stream.flush().unwrap();
    let sent = Instant::now();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    (raw, sent.elapsed())
}

fn a_declared_oversize_body_is_refused_at_once_without_reading_it(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &[]);
    let rep1 = login(&server, "rep1");
    for (method, path, length) in [
        ("POST", "/api/v1/sync/push".to_owned(), 50 * 1024 * 1024),
        // Over the attachments' own 10 MiB.
        (
            "PUT",
            format!("/api/v1/attachments/{}", uuid()),
            10 * 1024 * 1024 + 1,
        ),
    ] {
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\n\
             Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n",
            server.addr, rep1.token
        );
        let (raw, waited) = send_head_only(&server, &head);
        let r = parse_response(&raw);
        assert_eq!(
            r.status,
            413,
            "{path}: {}",
            String::from_utf8_lossy(&r.body)
        );
        assert_eq!(r.error_code(), "payload_too_large");
        // At once, not after the 30 s request timeout (a generous bound for a busy machine).
        assert!(
            waited < Duration::from_secs(5),
            "{path}: answered after {waited:?}"
        );
    }
    assert_eq!(server.get("/api/v1/health").0, 200);
}

fn a_connection_that_never_finishes_its_headers_is_closed(db: TestDb) {
    let server = spawn_server_env(&db, &[], &[("TUOKE_HEADER_TIMEOUT_SECS", "1")]);
    let (raw, waited) = send_head_only(
        &server,
        &format!(
            "GET /api/v1/health HTTP/1.1\r\nHost: {}\r\nX-Slow: ",
            server.addr
        ),
    );
    // Closed about the configured second after, far before the 60 s read timeout; whatever
    // came back is no successful answer.
    assert!(waited < Duration::from_secs(10), "closed after {waited:?}");
    assert!(
        !String::from_utf8_lossy(&raw).starts_with("HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&raw)
    );
    assert_eq!(server.get("/api/v1/health").0, 200);
}
