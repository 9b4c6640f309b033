//! Limits that protect the server: the login limits and bounds, the request timeout, the
//! declared body size and the header read timeout.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use serde_json::json;
use tuoke_server::auth::{FREE_FAILURES_PER_PAIR, MAX_FAILURES_PER_ADDR};

use crate::api::*;
use crate::helpers::*;

db_tests!(
    failed_logins_for_many_usernames_stop_that_address_but_not_another,
    parallel_wrong_passwords_are_counted_before_checking_and_delay_only_that_address,
    a_flood_of_parallel_logins_is_answered_in_bounded_memory,
    a_stalled_request_body_gets_a_json_503_after_the_request_timeout,
    a_declared_oversize_body_is_refused_at_once_before_it_is_read,
    a_client_that_sends_a_whole_oversize_body_reads_the_json_413,
    a_client_that_writes_a_whole_oversize_body_before_reading_gets_the_json_413,
    a_connection_that_never_finishes_its_headers_is_closed,
);

/// The tests' connections all come from 127.0.0.1: trusting it as a proxy lets a request
/// name another client address with `X-Forwarded-For`.
const TRUST_LOOPBACK: [&str; 2] = ["--trusted-proxy", "127.0.0.1"];

/// Sends all `attempts` (username, password, X-Forwarded-For) at once: each from a thread of
/// its own, all released together.
fn in_parallel(
    server: &TestServer,
    attempts: Vec<(String, String, Option<String>)>,
) -> Vec<Response> {
    let start = Arc::new(Barrier::new(attempts.len()));
    std::thread::scope(|scope| {
        let handles: Vec<_> = attempts
            .into_iter()
            .map(|(user, password, forwarded_for)| {
                let start = Arc::clone(&start);
                std::thread::Builder::new()
                    .stack_size(256 * 1024)
                    .spawn_scoped(scope, move || {
                        start.wait();
                        login_from(server.addr, &user, &password, forwarded_for.as_deref())
                    })
                    .unwrap()
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

fn count(responses: &[Response], status: u16) -> usize {
    responses.iter().filter(|r| r.status == status).count()
}

fn assert_retry_after(r: &Response, code: &str) {
    assert_eq!(r.error_code(), code);
    let retry = r.json()["error"]["retry_after"].as_u64().unwrap();
    assert!(retry > 0 && retry <= 15 * 60, "{retry}");
    assert_eq!(r.header("retry-after"), Some(retry.to_string().as_str()));
}

/// Resident memory of a process, in KiB: `VmHWM` (the peak so far) or `VmRSS`.
fn memory_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in {status}"))
}

fn failed_logins_for_many_usernames_stop_that_address_but_not_another(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &TRUST_LOOPBACK);
    // One failure per username, so no (account, address) pair is delayed: what stops the
    // guesses is the address's own limit. Real accounts with a wrong password count as much
    // as unknown names.
    let usernames: Vec<String> = (0..MAX_FAILURES_PER_ADDR)
        .map(|i| match i {
            0 => "rep2".to_owned(),
            1 => "manager1".to_owned(),
            _ => format!("guess{i}"),
        })
        .collect();
    let (last, first) = usernames.split_last().unwrap();
    for name in first {
        let r = login_attempt(server.addr, name, "wrong");
        assert_eq!(
            (r.status, r.error_code()),
            (401, "unauthorized".into()),
            "{name}"
        );
    }
    // One failure short of the limit a correct password still gets in, and that success does
    // not wipe the address's failures.
    let signed_in = login_attempt(server.addr, "rep1", PASSWORD);
    assert_eq!(signed_in.status, 200);
    let token = signed_in.json()["token"].as_str().unwrap().to_owned();
    assert_eq!(login_attempt(server.addr, last, "wrong").status, 401);

    // The address is stopped: its passwords are no longer checked, right or wrong.
    for name in ["rep1", "assistant1", "never-tried"] {
        let r = login_attempt(server.addr, name, PASSWORD);
        assert_eq!(r.status, 429, "{name}: the whole address waits");
        assert_retry_after(&r, "too_many_requests");
    }
    // Another address (behind the trusted proxy) is not stopped.
    let elsewhere = login_from(server.addr, "rep1", PASSWORD, Some("198.51.100.7"));
    assert_eq!(elsewhere.status, 200, "another address signs in");
    // Only signing in waits: a session issued before the stop still works.
    let me = request(server.addr, "GET", "/api/v1/me", Some(&token), None, b"");
    assert_eq!(me.status, 200);
}

fn parallel_wrong_passwords_are_counted_before_checking_and_delay_only_that_address(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &TRUST_LOOPBACK);
    let guesses = (0..30)
        .map(|i| ("rep1".to_owned(), format!("guess-{i}"), None))
        .collect();
    let responses = in_parallel(&server, guesses);
    let (checked, delayed) = (count(&responses, 401), count(&responses, 429));
    assert_eq!(checked + delayed, 30, "only 401 and 429: {responses:?}");
    // Counted before hashing: no more than the free failures were checked, however many
    // arrived together.
    assert!(
        (1..=FREE_FAILURES_PER_PAIR as usize).contains(&checked),
        "{checked} passwords checked"
    );
    for r in responses.iter().filter(|r| r.status == 429) {
        assert_retry_after(r, "too_many_requests");
    }
    // From the guessing address even the right password waits…
    let same = login_attempt(server.addr, "rep1", PASSWORD);
    assert_eq!(same.status, 429);
    // …but the real user, from another address, signs in.
    let real = login_from(server.addr, "rep1", PASSWORD, Some("198.51.100.7"));
    assert_eq!(real.status, 200, "{}", String::from_utf8_lossy(&real.body));
    assert_eq!(real.json()["user"]["username"], "rep1");
    // An X-Forwarded-For forged by the client is not believed past the trusted proxy: the
    // right-most untrusted address (the proxy's peer, here the guessing one) counts.
    let forged = login_from(
        server.addr,
        "rep1",
        PASSWORD,
        Some("198.51.100.7, 127.0.0.1"),
    );
    assert_eq!(
        forged.status, 200,
        "127.0.0.1 is trusted, so 198.51.100.7 is the client"
    );
    let spoofed = login_from(
        server.addr,
        "rep1",
        PASSWORD,
        Some("203.0.113.9, 192.0.2.1"),
    );
    assert_eq!(spoofed.status, 200, "a fresh untrusted address");
}

fn a_flood_of_parallel_logins_is_answered_in_bounded_memory(db: TestDb) {
    const FLOOD: usize = 400;
    seed_users(&db);
    let server = spawn_server(&db, &TRUST_LOOPBACK);
    let before = memory_kib(server.pid(), "VmRSS");
    // Every attempt from its own address, so that the limiter lets them all through to the
    // password check: wrong passwords for real accounts and unknown names alike.
    let attempts = (0..FLOOD)
        .map(|i| {
            let user = match i % 3 {
                0 => USERS[i % USERS.len()].0.to_owned(),
                _ => format!("nobody{i}"),
            };
            let ip = format!("10.{}.{}.{}", i >> 16, (i >> 8) & 255, i & 255);
            (user, format!("guess-{i}"), Some(ip))
        })
        .collect();
    let started = Instant::now();
    let responses = in_parallel(&server, attempts);
    let took = started.elapsed();
    let peak = memory_kib(server.pid(), "VmHWM");

    let (unauthorized, busy) = (count(&responses, 401), count(&responses, 503));
    assert_eq!(
        unauthorized + busy + count(&responses, 429),
        FLOOD,
        "401, 429 or 503 only: {:?}",
        responses.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert!(unauthorized > 0, "some passwords were checked");
    for r in responses.iter().filter(|r| r.status == 503) {
        assert_retry_after(r, "busy");
    }
    // One check per core runs (argon2: ~19 MiB each), a bounded number waits, the rest are
    // refused at once: memory does not grow with the flood. The bound is generous (a debug
    // build, glibc's arenas) and scales with the cores of a larger machine.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
    let bound_kib = (300 * 1024).max(before + cores * 40 * 1024);
    note(&format!(
        "login flood of {FLOOD}: {unauthorized} checked, {busy} busy, in {took:?}; \
         RSS {before} KiB before, peak {peak} KiB"
    ));
    assert!(peak < bound_kib, "peak RSS {peak} KiB >= {bound_kib} KiB");
    // And the server still serves.
    assert_eq!(login_attempt(server.addr, "rep1", PASSWORD).status, 200);
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
    let head = format!(
        "POST /api/v1/sync/push HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
         Authorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        server.addr,
        rep1.token,
        body.len()
    );
    let (raw, waited) = send_raw(
        server.addr,
        &[head.as_bytes(), &body.as_bytes()[..body.len() / 2]],
    );

    let r = parse_raw(&raw);
    assert_eq!(r.status, 503, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.error_code(), "service_unavailable");
    assert!(r.json()["error"]["message"].is_string());
    // About the configured second, far from the 30 s default.
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(10),
        "answered after {waited:?}"
    );
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

fn a_declared_oversize_body_is_refused_at_once_before_it_is_read(db: TestDb) {
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
        let (raw, waited) = send_raw(server.addr, &[head.as_bytes()]);
        let r = parse_raw(&raw);
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

fn a_client_that_sends_a_whole_oversize_body_reads_the_json_413(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &[]);
    let rep1 = login(&server, "rep1");
    // reqwest writes the whole body before it reads the answer: the server must take (and
    // discard) the body it refused, or the client meets a broken pipe instead of the 413.
    for (method, path, content_type, length) in [
        (
            "POST",
            "/api/v1/sync/push".to_owned(),
            "application/json",
            3 * 1024 * 1024,
        ),
        (
            "PUT",
            format!("/api/v1/attachments/{}", uuid()),
            "image/jpeg",
            10 * 1024 * 1024 + 1,
        ),
    ] {
        let body = vec![b' '; length];
        let r = request(
            server.addr,
            method,
            &path,
            Some(&rep1.token),
            Some(content_type),
            &body,
        );
        assert_eq!(
            r.status,
            413,
            "{path}: {}",
            String::from_utf8_lossy(&r.body)
        );
        assert_eq!(r.error_code(), "payload_too_large", "{path}");
        assert!(!r.json()["error"]["message"].as_str().unwrap().is_empty());
    }
    assert_eq!(server.get("/api/v1/health").0, 200);
}

fn a_client_that_writes_a_whole_oversize_body_before_reading_gets_the_json_413(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &[]);
    let rep1 = login(&server, "rep1");
    // As simple clients do (Python's http.client, curl without `Expect`): all of the body
    // first, then the answer. 20 MiB is far more than the sockets' buffers hold, so the
    // server has to read what it refused for the writing to finish.
    let body = vec![b' '; 20 * 1024 * 1024];
    let head = format!(
        "POST /api/v1/sync/push HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        server.addr,
        rep1.token,
        body.len()
    );
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    stream
        .write_all(&body)
        .expect("the server takes the whole body it refused");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let r = parse_raw(&raw);
    assert_eq!(r.status, 413, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.error_code(), "payload_too_large");
    assert_eq!(server.get("/api/v1/health").0, 200);
}

fn a_connection_that_never_finishes_its_headers_is_closed(db: TestDb) {
    let server = spawn_server_env(&db, &[], &[("TUOKE_HEADER_TIMEOUT_SECS", "1")]);
    let head = format!(
        "GET /api/v1/health HTTP/1.1\r\nHost: {}\r\nX-Slow: ",
        server.addr
    );
    let (raw, waited) = send_raw(server.addr, &[head.as_bytes()]);
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

#[test]
fn invalid_trusted_proxy_is_a_one_line_usage_error() {
    let db = TestDb::sqlite();
    // Were the value accepted, `serve` would stop at the taken port (exit 1), not hang.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    for (flag, env) in [
        (Some("10.0.0.0/33"), None),
        (Some("proxy.internal"), None),
        (None, Some("127.0.0.1,not-an-ip")),
    ] {
        let mut cmd = tuoke(&["serve", "--addr", &addr, "--db", &db.url]);
        if let Some(value) = flag {
            cmd.args(["--trusted-proxy", value]);
        }
        if let Some(value) = env {
            cmd.env("TUOKE_TRUSTED_PROXIES", value);
        }
        let out = run(cmd, None);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag:?} {env:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        assert!(stderr.starts_with("error: invalid value"), "{stderr}");
        assert!(stderr.contains("TUOKE_TRUSTED_PROXIES"), "{stderr}");
    }
    // A valid list is accepted: the server gets as far as the taken port.
    let mut cmd = tuoke(&["serve", "--addr", &addr, "--db", &db.url]);
    cmd.env("TUOKE_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8");
    let out = run(cmd, None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
}
