//! Sync server benchmark: push throughput, a pull of 10,000 records, 200 concurrent syncing
//! clients on loopback (p50/p99 latency), and push latency while a 30,000-row lead list is
//! imported. The server runs in this process on a real
//! socket; clients speak plain HTTP/1.1 with keep-alive.
//!
//! ```text
//! cargo run --release -p tuoke-server --example bench                 # SQLite (temp file)
//! cargo run --release -p tuoke-server --example bench -- postgres://postgres@127.0.0.1:55432/postgres
//! ```
//! With a PostgreSQL URL, a fresh database is created in that cluster and dropped afterwards.

#![allow(clippy::print_stdout, reason = "the report goes to stdout")]

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use sqlx::Connection;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tuoke_core::contract::{Entity, MutationKind};
use tuoke_server::db::Db;
use tuoke_server::domain::{Role, Username};
use tuoke_server::repo::users::NewUser;
use tuoke_server::{app, AppState};
use uuid::Uuid;

const REPS: usize = 20;
const CLIENTS: usize = 200;
const ROUNDS: usize = 10;
const PUSH_TOTAL: usize = 20_000;
const PUSH_BATCH: usize = 100;
const PULL_RECORDS: usize = 10_000;
const IMPORT_ROWS: usize = 30_000;
/// Clients pushing while the lead list is imported, and the pause between their pushes.
const IMPORT_PUSHERS: usize = 20;
const IMPORT_PUSH_PAUSE: Duration = Duration::from_millis(100);

struct Conn {
    addr: SocketAddr,
    stream: Option<BufReader<TcpStream>>,
}

impl Conn {
    fn new(addr: SocketAddr) -> Self {
        Conn { addr, stream: None }
    }

    async fn request(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: &[u8],
    ) -> (u16, Vec<u8>) {
        if self.stream.is_none() {
            let s = TcpStream::connect(self.addr).await.unwrap();
            s.set_nodelay(true).unwrap();
            self.stream = Some(BufReader::new(s));
        }
        let stream = self.stream.as_mut().unwrap();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
        );
        if let Some(t) = token {
            head.push_str(&format!("Authorization: Bearer {t}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        let mut out = head.into_bytes();
        out.extend_from_slice(body);
        stream.get_mut().write_all(&out).await.unwrap();
        let mut line = String::new();
        stream.read_line(&mut line).await.unwrap();
        let status: u16 = line.split(' ').nth(1).unwrap().parse().unwrap();
        let mut length = 0usize;
        loop {
            line.clear();
            stream.read_line(&mut line).await.unwrap();
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((n, v)) = l.split_once(':') {
                if n.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse().unwrap();
                }
            }
        }
        let mut body = vec![0u8; length];
        stream.read_exact(&mut body).await.unwrap();
        (status, body)
    }

    async fn json(&mut self, method: &str, path: &str, token: Option<&str>, body: &Value) -> Value {
        let (status, bytes) = self
            .request(method, path, token, body.to_string().as_bytes())
            .await;
        assert_eq!(
            status,
            200,
            "{method} {path}: {}",
            String::from_utf8_lossy(&bytes)
        );
        serde_json::from_slice(&bytes).unwrap()
    }
}

async fn login(addr: SocketAddr, user: &str) -> String {
    let mut c = Conn::new(addr);
    let v = c
        .json(
            "POST",
            "/api/v1/auth/login",
            None,
            &json!({"username": user, "password": "bench"}),
        )
        .await;
    v["token"].as_str().unwrap().to_owned()
}

fn batch(mutations: Vec<(MutationKind, Value)>) -> Value {
    json!({"client_id": Uuid::now_v7(), "mutations": mutations.into_iter().map(|(name, args)| json!({
        "id": Uuid::now_v7(), "name": name, "args": args})).collect::<Vec<_>>()})
}

fn prospect(id: Uuid, i: usize) -> (MutationKind, Value) {
    (
        MutationKind::ProspectPut,
        json!({"id": id, "patch": {
        "company": format!("基准公司 {i}"), "industry": "machinery", "annual_revenue_cny": 80_000_000,
        "annual_profit_cny": 6_000_000, "region": "华南", "informatized": false,
        "qualification": {"objective_need": true, "subjective_need": true, "determination": "mid",
            "feasibility_started": false, "selection_started": false}}}),
    )
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

async fn clients_phase(addr: SocketAddr, tokens: &[String], label: &str, pause_ms: u64) {
    // Every client first creates its prospect and pulls from 0 (a device's first sync); the
    // measured rounds (and the clock) start when all have done so.
    let ready = std::sync::Arc::new(tokio::sync::Barrier::new(tokens.len() + 1));
    let tasks: Vec<_> = tokens
        .iter()
        .cloned()
        .enumerate()
        .map(|(c, token)| {
            let ready = ready.clone();
            tokio::spawn(async move {
                let mut conn = Conn::new(addr);
                let mut push_lat = Vec::new();
                let mut pull_lat = Vec::new();
                let mine = Uuid::now_v7();
                let mut jitter = 0x9E37_79B9_7F4A_7C15u64 ^ (c as u64 + 1);
                let mut cursor = {
                    let body = batch(vec![(MutationKind::ProspectPut, json!({"id": mine, "patch": {"company": format!("客户 {c}")}}))]);
                    conn.json("POST", "/api/v1/sync/push", Some(&token), &body).await;
                    conn.json("GET", "/api/v1/sync/pull?since=0&limit=5000", Some(&token), &Value::Null).await["cursor"].as_i64().unwrap()
                };
                ready.wait().await;
                for round in 0..ROUNDS {
                    if pause_ms > 0 {
                        jitter = jitter.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        tokio::time::sleep(Duration::from_millis((jitter >> 33) % pause_ms)).await;
                    }
                    let body = batch(vec![
                        (MutationKind::NoteAdd, json!({"id": Uuid::now_v7(), "prospect_id": mine, "body": "拜访", "kind": "visit", "taken_at": "2026-11-27T09:00:00Z"})),
                        (MutationKind::ActivityLog, json!({"id": Uuid::now_v7(), "prospect_id": mine, "kind": "phone_call", "at": "2026-11-27T09:00:00Z"})),
                        (MutationKind::ProspectPut, json!({"id": mine, "patch": {"employees": round}})),
                    ]);
                    let t = Instant::now();
                    conn.json("POST", "/api/v1/sync/push", Some(&token), &body).await;
                    push_lat.push(t.elapsed());
                    let t = Instant::now();
                    let v = conn.json("GET", &format!("/api/v1/sync/pull?since={cursor}&limit=500"), Some(&token), &Value::Null).await;
                    pull_lat.push(t.elapsed());
                    cursor = v["cursor"].as_i64().unwrap();
                }
                (push_lat, pull_lat)
            })
        })
        .collect();
    ready.wait().await;
    let started = Instant::now();
    let mut push_lat = Vec::new();
    let mut pull_lat = Vec::new();
    for t in tasks {
        let (a, b) = t.await.unwrap();
        push_lat.extend(a);
        pull_lat.extend(b);
    }
    let secs = started.elapsed().as_secs_f64();
    let mut all: Vec<Duration> = push_lat.iter().chain(&pull_lat).copied().collect();
    push_lat.sort();
    pull_lat.sort();
    all.sort();
    println!(
        "{CLIENTS} clients x {ROUNDS} syncs (push 3 mutations + pull), {label}: {} requests in {secs:.2} s = {:.0} req/s",
        all.len(),
        all.len() as f64 / secs
    );
    println!(
        "  latency ms: push p50 {:.1} p99 {:.1}; pull p50 {:.1} p99 {:.1}; all p50 {:.1} p99 {:.1}",
        percentile(&push_lat, 0.5),
        percentile(&push_lat, 0.99),
        percentile(&pull_lat, 0.5),
        percentile(&pull_lat, 0.99),
        percentile(&all, 0.5),
        percentile(&all, 0.99)
    );
}

/// Push latency of clients syncing every 100 ms, before and while the assistant imports a
/// 30,000-row lead list (a list that long must not stall everyone's sync).
async fn import_phase(addr: SocketAddr, tokens: &[String]) {
    let assistant = login(addr, "assistant").await;
    let mut csv = String::from("company,region\n");
    for i in 0..IMPORT_ROWS {
        csv.push_str(&format!("Lead {i},X\n"));
    }
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let pushers: Vec<_> = tokens
        .iter()
        .take(IMPORT_PUSHERS)
        .cloned()
        .map(|token| {
            let stop = stop.clone();
            tokio::spawn(async move {
                let mut conn = Conn::new(addr);
                let mine = Uuid::now_v7();
                let body = batch(vec![(
                    MutationKind::ProspectPut,
                    json!({"id": mine, "patch": {"company": "推送中"}}),
                )]);
                conn.json("POST", "/api/v1/sync/push", Some(&token), &body)
                    .await;
                let mut samples = Vec::new();
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let body = batch(vec![(
                        MutationKind::NoteAdd,
                        json!({"id": Uuid::now_v7(), "prospect_id": mine,
                        "body": "拜访", "kind": "visit", "taken_at": "2026-11-27T09:00:00Z"}),
                    )]);
                    let t = Instant::now();
                    conn.json("POST", "/api/v1/sync/push", Some(&token), &body)
                        .await;
                    samples.push((t, t.elapsed()));
                    tokio::time::sleep(IMPORT_PUSH_PAUSE).await;
                }
                samples
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let started = Instant::now();
    let mut conn = Conn::new(addr);
    let (status, body) = conn
        .request(
            "POST",
            "/api/v1/leads/import",
            Some(&assistant),
            csv.as_bytes(),
        )
        .await;
    let ended = Instant::now();
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let report: Value = serde_json::from_slice(&body).unwrap();
    tokio::time::sleep(Duration::from_secs(1)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (mut before, mut during) = (Vec::new(), Vec::new());
    for p in pushers {
        for (at, took) in p.await.unwrap() {
            if at < started {
                before.push(took);
            } else if at < ended {
                during.push(took);
            }
        }
    }
    before.sort();
    during.sort();
    println!(
        "lead import of {IMPORT_ROWS} rows ({} imported, {} KiB): {:.2} s",
        report["imported"],
        csv.len() / 1024,
        (ended - started).as_secs_f64()
    );
    println!(
        "  {IMPORT_PUSHERS} clients pushing every {} ms: before p50 {:.1} p99 {:.1} ms ({} pushes); during the import p50 {:.1} p99 {:.1} max {:.1} ms ({} pushes)",
        IMPORT_PUSH_PAUSE.as_millis(),
        percentile(&before, 0.5),
        percentile(&before, 0.99),
        before.len(),
        percentile(&during, 0.5),
        percentile(&during, 0.99),
        during.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
        during.len()
    );
}

#[tokio::main]
async fn main() {
    let arg = std::env::args().nth(1);
    let _dir = tempfile::tempdir().unwrap();
    let (url, cleanup) = match &arg {
        Some(admin) if admin.starts_with("postgres") => {
            let name = format!("tuoke_bench_{}", Uuid::now_v7().simple());
            let mut conn = sqlx::PgConnection::connect(admin).await.unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut conn)
                .await
                .unwrap();
            let base = admin.rsplit_once('/').unwrap().0;
            (format!("{base}/{name}"), Some((admin.clone(), name)))
        }
        _ => (format!("sqlite://{}/bench.db", _dir.path().display()), None),
    };
    let db = Db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    let hash = tuoke_server::password::hash("bench").unwrap();
    let user = |name: &str, role, manager: Option<&str>| NewUser {
        username: Username::parse(name).unwrap(),
        display_name: name.to_owned(),
        password_hash: hash.clone(),
        role,
        manager: manager.map(|m| Username::parse(m).unwrap()),
        territory: None,
    };
    db.create_user(user("boss", Role::Manager, None))
        .await
        .unwrap();
    for r in 0..REPS {
        db.create_user(user(&format!("rep{r}"), Role::Rep, Some("boss")))
            .await
            .unwrap();
    }
    db.create_user(user("bulk", Role::Rep, Some("boss")))
        .await
        .unwrap();
    db.create_user(user("assistant", Role::Assistant, None))
        .await
        .unwrap();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app(AppState::new(db.clone(), None));
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap()
    });
    println!("backend: {}", db.backend());

    // 1. Push throughput: one client, batches of 100 new prospects (each graded by the core).
    let bulk = login(addr, "bulk").await;
    let mut conn = Conn::new(addr);
    let started = Instant::now();
    let mut n = 0;
    let ids: Vec<Uuid> = (0..PUSH_TOTAL).map(|_| Uuid::now_v7()).collect();
    while n < PUSH_TOTAL {
        let body = batch((n..n + PUSH_BATCH).map(|i| prospect(ids[i], i)).collect());
        let r = conn
            .json("POST", "/api/v1/sync/push", Some(&bulk), &body)
            .await;
        assert!(r["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "applied"));
        n += PUSH_BATCH;
    }
    let secs = started.elapsed().as_secs_f64();
    println!("push: {PUSH_TOTAL} prospect.put in batches of {PUSH_BATCH}: {secs:.2} s = {:.0} mutations/s", PUSH_TOTAL as f64 / secs);

    // Notes are cheaper than prospects (no grading, no history): a second figure, one note
    // on each of the prospects above.
    let started = Instant::now();
    let mut n = 0;
    while n < PUSH_TOTAL {
        let body = batch(
            (0..PUSH_BATCH)
                .map(|i| {
                    (
                        MutationKind::NoteAdd,
                        json!({"id": Uuid::now_v7(), "prospect_id": ids[(n + i) % ids.len()],
            "body": format!("拜访记录 {i}"), "kind": "visit", "taken_at": "2026-11-27T09:00:00Z"}),
                    )
                })
                .collect(),
        );
        conn.json("POST", "/api/v1/sync/push", Some(&bulk), &body)
            .await;
        n += PUSH_BATCH;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "push: {PUSH_TOTAL} note.add in batches of {PUSH_BATCH}: {secs:.2} s = {:.0} mutations/s",
        PUSH_TOTAL as f64 / secs
    );

    // 2. Pull of 10,000 prospect records (pages of 5,000, derived parts computed per record).
    let started = Instant::now();
    let (mut cursor, mut got, mut pages) = (0i64, 0usize, 0usize);
    loop {
        pages += 1;
        let v = conn
            .json(
                "GET",
                &format!("/api/v1/sync/pull?since={cursor}&limit=5000"),
                Some(&bulk),
                &Value::Null,
            )
            .await;
        got += v["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["entity"] == Entity::Prospect.as_str())
            .count();
        cursor = v["cursor"].as_i64().unwrap();
        if got >= PULL_RECORDS || !v["has_more"].as_bool().unwrap() {
            break;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "pull: {got} prospect records from 0 in {pages} pages: {:.0} ms",
        secs * 1000.0
    );

    // 3. 200 concurrent syncing clients: each pushes a small batch, then pulls from its cursor.
    //    First as devices sync in the field (every second on average, with jitter), then as a
    //    stress test with no pause at all between syncs.
    // A live PostgreSQL database has planner statistics: autovacuum's ANALYZE runs within a
    // minute of the 40,000 rows above arriving. This one is 20 seconds old, so gather them now
    // rather than measure plans made for empty tables.
    if let Db::Postgres(pool) = &db {
        sqlx::query("ANALYZE").execute(pool).await.unwrap();
    }
    let mut tokens = Vec::new();
    for c in 0..CLIENTS {
        tokens.push(login(addr, &format!("rep{}", c % REPS)).await);
    }
    for (label, pause_ms) in [
        ("sync every 0-2 s (mean 1 s)", 2000u64),
        ("closed loop, no pause", 0),
    ] {
        clients_phase(addr, &tokens, label, pause_ms).await;
    }

    import_phase(addr, &tokens).await;

    if let Db::Postgres(pool) = db {
        pool.close().await;
    }
    if let Some((admin, name)) = cleanup {
        let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&mut conn)
        .await
        .unwrap();
    }
}
