//! Login, tokens, logout and rate limiting.

use crate::api::*;
use crate::helpers::*;

db_tests!(
    login_issues_a_token_that_logout_revokes,
    failed_logins_delay_that_account_from_that_address,
    every_endpoint_but_login_health_and_openapi_needs_a_token,
);

fn login_issues_a_token_that_logout_revokes(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &[]);
    let login = |user: &str, password: &str| login_attempt(server.addr, user, password);
    let wrong = login("rep1", "nope");
    assert_eq!(
        (wrong.status, wrong.error_code().as_str()),
        (401, "unauthorized")
    );
    let unknown = login("ghost", PASSWORD);
    assert_eq!(unknown.status, 401);
    assert_eq!(
        unknown.json()["error"]["message"],
        wrong.json()["error"]["message"]
    );

    let ok = login("REP1", PASSWORD);
    assert_eq!(ok.status, 200);
    let body = ok.json();
    let token = body["token"].as_str().unwrap();
    assert_eq!(token.len(), 43, "32 random bytes, base64url");
    assert_eq!(body["user"]["username"], "rep1");
    assert_eq!(body["user"]["role"], "rep");
    assert!(body["user"]["id"].is_string() && body["user"]["display_name"].is_string());

    let me = request(server.addr, "GET", "/api/v1/me", Some(token), None, b"");
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["username"], "rep1");

    // The database holds only the token's hash.
    let stored: Vec<(String,)> = db.block_on(async |db| {
        let mut tx = db.read().await.unwrap();
        tx.all("SELECT token_hash FROM sessions", vec![])
            .await
            .unwrap()
    });
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].0, token);
    assert_eq!(stored[0].0, tuoke_server::auth::token_hash(token));

    let out = request(
        server.addr,
        "POST",
        "/api/v1/auth/logout",
        Some(token),
        None,
        b"",
    );
    assert_eq!(out.status, 204);
    let me = request(server.addr, "GET", "/api/v1/me", Some(token), None, b"");
    assert_eq!((me.status, me.error_code().as_str()), (401, "unauthorized"));
}

fn failed_logins_delay_that_account_from_that_address(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &[]);
    let attempt = |user: &str, password: &str| login_attempt(server.addr, user, password);
    for _ in 0..tuoke_server::auth::FREE_FAILURES_PER_PAIR {
        assert_eq!(attempt("rep1", "wrong").status, 401);
    }
    let blocked = attempt("rep1", PASSWORD);
    assert_eq!(blocked.status, 429, "even the right password waits");
    assert_eq!(blocked.error_code(), "too_many_requests");
    let retry = blocked.json()["error"]["retry_after"].as_u64().unwrap();
    assert_eq!(retry, 1, "the first delay is one second");
    assert_eq!(
        blocked.header("retry-after"),
        Some(retry.to_string().as_str())
    );
    // Another account from the same address is not blocked by rep1's failures.
    assert_eq!(attempt("rep2", PASSWORD).status, 200);
}

fn every_endpoint_but_login_health_and_openapi_needs_a_token(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &[]);
    let id = uuid();
    for (method, path) in [
        ("GET", "/api/v1/me".to_owned()),
        ("GET", "/api/v1/team".to_owned()),
        ("POST", "/api/v1/auth/logout".to_owned()),
        ("POST", "/api/v1/sync/push".to_owned()),
        ("GET", "/api/v1/sync/pull?since=0".to_owned()),
        ("GET", format!("/api/v1/prospects/{id}/history")),
        ("POST", format!("/api/v1/prospects/{id}/transfer")),
        ("POST", "/api/v1/leads/import".to_owned()),
        ("GET", "/api/v1/price-list".to_owned()),
        ("PUT", "/api/v1/price-list".to_owned()),
        ("PUT", format!("/api/v1/attachments/{id}")),
        ("GET", format!("/api/v1/attachments/{id}")),
    ] {
        for token in [None, Some("not-a-token")] {
            let r = request(
                server.addr,
                method,
                path.as_str(),
                token,
                Some("application/json"),
                b"{}",
            );
            assert_eq!(r.status, 401, "{method} {path} with {token:?}");
            assert_eq!(r.error_code(), "unauthorized");
        }
    }
    assert_eq!(server.get("/api/v1/health").0, 200);
    let (status, body) = server.get("/api/v1/openapi.json");
    assert_eq!(status, 200);
    let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
    for path in [
        "/api/v1/auth/login",
        "/api/v1/sync/push",
        "/api/v1/sync/pull",
        "/api/v1/prospects/{id}/history",
        "/api/v1/prospects/{id}/transfer",
        "/api/v1/leads/import",
        "/api/v1/attachments/{id}",
        "/api/v1/price-list",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }
}
