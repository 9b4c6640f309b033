//! The black-box tests' HTTP client (reqwest, blocking), the raw-socket probes for what it
//! cannot send, and the standard test accounts.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use reqwest::Method;
use serde_json::{json, Value};
use tuoke_server::domain::{Role, Username};
use tuoke_server::repo::users::NewUser;

use crate::helpers::{TestDb, TestServer};

pub const PASSWORD: &str = "pass-word";

/// (username, role, manager, territory) of every test account.
pub const USERS: [(&str, Role, Option<&str>, Option<&str>); 7] = [
    ("admin1", Role::Admin, None, None),
    ("manager1", Role::Manager, None, None),
    ("manager2", Role::Manager, None, None),
    ("rep1", Role::Rep, Some("manager1"), Some("华南")),
    ("rep2", Role::Rep, Some("manager1"), Some("华东")),
    ("rep3", Role::Rep, Some("manager2"), Some("华北")),
    ("assistant1", Role::Assistant, None, None),
];

/// Migrates `db` and creates [`USERS`] directly (hashing once: argon2 is slow on purpose).
pub fn seed_users(db: &TestDb) {
    static HASH: OnceLock<String> = OnceLock::new();
    let hash = HASH
        .get_or_init(|| tuoke_server::password::hash(PASSWORD).unwrap())
        .clone();
    db.block_on(async |db| {
        db.migrate().await.unwrap();
        for (name, role, manager, territory) in USERS {
            db.create_user(NewUser {
                username: Username::parse(name).unwrap(),
                display_name: name.to_owned(),
                password_hash: hash.clone(),
                role,
                manager: manager.map(|m| Username::parse(m).unwrap()),
                territory: territory.map(str::to_owned),
            })
            .await
            .unwrap();
        }
    });
}

/// An answer, read whole.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Response {
    pub fn read(response: reqwest::blocking::Response) -> Response {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .unwrap_or_else(|e| panic!("status {status}: the body does not arrive: {e}"))
            .to_vec();
        Response {
            status,
            headers,
            body,
        }
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "status {} body is not JSON ({e}): {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn error_code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    }
}

/// The client of every test. Without idle connections: each request goes on a connection of
/// its own, as a phone's after a while; no compression is asked for, so bodies arrive as sent.
pub fn http() -> &'static reqwest::blocking::Client {
    static CLIENT: OnceLock<reqwest::blocking::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::blocking::Client::builder()
            .pool_max_idle_per_host(0)
            .timeout(Duration::from_secs(60))
            .build()
            .expect("the HTTP client starts")
    })
}

pub fn url(addr: SocketAddr, path: &str) -> String {
    format!("http://{addr}{path}")
}

/// Sends a request built on [`http`] and reads the whole answer.
pub fn send(request: reqwest::blocking::RequestBuilder) -> Response {
    let response = request
        .send()
        .unwrap_or_else(|e| panic!("no answer: {e:?}"));
    Response::read(response)
}

/// Sends one request and reads the whole answer.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: Option<&str>,
    content_type: Option<&str>,
    body: &[u8],
) -> Response {
    let method = Method::from_bytes(method.as_bytes()).expect("a valid method");
    let mut request = http().request(method, url(addr, path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(content_type) = content_type {
        request = request.header(CONTENT_TYPE, content_type);
    }
    send(request.body(body.to_vec()))
}

// Raw-socket probes, for what an HTTP client does not send: a body shorter than its
// `Content-Length`, a `Content-Length` whose body never comes, headers that never end (see
// `limits.rs`).

/// Writes `parts` in turn (as much of them as the server takes) and reads until the server
/// closes the connection; returns what came back, and when after the writing it did.
pub fn send_raw(addr: SocketAddr, parts: &[&[u8]]) -> (Vec<u8>, Duration) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    for part in parts {
        if stream
            .write_all(part)
            .and_then(|()| stream.flush())
            .is_err()
        {
            break;
        }
    }
    let sent = Instant::now();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    (raw, sent.elapsed())
}

/// The answer a raw probe got: the head parsed by httparse, the rest the body (which the
/// server sends with its length).
pub fn parse_raw(raw: &[u8]) -> Response {
    let mut headers = [httparse::EMPTY_HEADER; 32];
    let mut head = httparse::Response::new(&mut headers);
    let end = match head.parse(raw) {
        Ok(httparse::Status::Complete(end)) => end,
        other => panic!(
            "no complete answer ({other:?}): {}",
            String::from_utf8_lossy(raw)
        ),
    };
    let mut map = HeaderMap::new();
    for header in head.headers.iter() {
        map.append(
            HeaderName::from_bytes(header.name.as_bytes()).unwrap(),
            HeaderValue::from_bytes(header.value).unwrap(),
        );
    }
    let body = raw[end..].to_vec();
    let length = map.get(CONTENT_LENGTH).and_then(|v| v.to_str().ok());
    assert_eq!(length, Some(body.len().to_string().as_str()), "{map:?}");
    Response {
        status: head.code.unwrap(),
        headers: map,
        body,
    }
}

/// A signed-in API client.
#[derive(Clone)]
pub struct Client {
    pub addr: SocketAddr,
    pub token: String,
    pub user: Value,
}

impl Client {
    pub fn id(&self) -> String {
        self.user["id"].as_str().unwrap().to_owned()
    }

    pub fn get(&self, path: &str) -> Response {
        request(self.addr, "GET", path, Some(&self.token), None, b"")
    }

    pub fn post(&self, path: &str, body: &Value) -> Response {
        request(
            self.addr,
            "POST",
            path,
            Some(&self.token),
            Some("application/json"),
            body.to_string().as_bytes(),
        )
    }

    /// Pushes mutations `(id, name, args)`; returns the results array.
    /// Imports a lead list (CSV).
    pub fn import_leads(&self, csv: &[u8]) -> Response {
        let path = "/api/v1/leads/import";
        request(
            self.addr,
            "POST",
            path,
            Some(&self.token),
            Some("text/csv"),
            csv,
        )
    }

    pub fn push(&self, client_id: &str, mutations: &[(String, &str, Value)]) -> Vec<Value> {
        let body = json!({
            "client_id": client_id,
            "mutations": mutations.iter().map(|(id, name, args)| json!({
                "id": id, "name": name, "args": args, "at": "2026-11-27T08:00:00Z"
            })).collect::<Vec<_>>(),
        });
        let r = self.post("/api/v1/sync/push", &body);
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
        r.json()["results"].as_array().unwrap().clone()
    }

    /// Pushes one mutation with a fresh id; returns its result.
    pub fn mutate(&self, name: &str, args: Value) -> Value {
        let results = self.push(&uuid(), &[(uuid(), name, args)]);
        results[0].clone()
    }

    /// Pulls every page after `since`; returns (cursor, changes).
    pub fn pull_all(&self, since: i64) -> (i64, Vec<Value>) {
        let mut cursor = since;
        let mut changes = Vec::new();
        loop {
            let r = self.get(&format!("/api/v1/sync/pull?since={cursor}&limit=200"));
            assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
            let page = r.json();
            changes.extend(page["changes"].as_array().unwrap().iter().cloned());
            cursor = page["cursor"].as_i64().unwrap();
            if !page["has_more"].as_bool().unwrap() {
                return (cursor, changes);
            }
        }
    }

    /// The ids of the visible records of `entity` after pulling everything from 0.
    pub fn visible(&self, entity: &str) -> Vec<String> {
        let (_, changes) = self.pull_all(0);
        let mut state = std::collections::BTreeMap::new();
        for c in changes {
            if c["entity"] == entity {
                state.insert(c["id"].as_str().unwrap().to_owned(), !c["data"].is_null());
            }
        }
        state
            .into_iter()
            .filter(|(_, present)| *present)
            .map(|(id, _)| id)
            .collect()
    }
}

/// The string `value[key]`, owned (the test fails if it is not a string).
pub fn str_of(value: &Value, key: &str) -> String {
    match value[key].as_str() {
        Some(s) => s.to_owned(),
        None => panic!("{key} is not a string in {value}"),
    }
}

pub fn uuid() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// A login with `username` and `password`: the answer as it comes.
pub fn login_attempt(addr: SocketAddr, username: &str, password: &str) -> Response {
    login_from(addr, username, password, None)
}

/// A login sent with `X-Forwarded-For: forwarded_for` when given.
pub fn login_from(
    addr: SocketAddr,
    username: &str,
    password: &str,
    forwarded_for: Option<&str>,
) -> Response {
    let body = json!({"username": username, "password": password}).to_string();
    let mut request = http()
        .post(url(addr, "/api/v1/auth/login"))
        .header(CONTENT_TYPE, "application/json")
        .body(body);
    if let Some(ip) = forwarded_for {
        request = request.header("x-forwarded-for", ip);
    }
    send(request)
}

pub fn login_at(addr: SocketAddr, username: &str) -> Client {
    let r = login_attempt(addr, username, PASSWORD);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let v = r.json();
    Client {
        addr,
        token: v["token"].as_str().unwrap().to_owned(),
        user: v["user"].clone(),
    }
}

pub fn login(server: &TestServer, username: &str) -> Client {
    login_at(server.addr, username)
}

/// `prospect.put` args creating a prospect.
pub fn new_prospect(id: &str, company: &str) -> Value {
    json!({"id": id, "patch": {"company": company}})
}

/// A real JPEG, `side` px square (decodable: the server decodes every upload).
pub fn jpeg_image(side: u32, seed: u8) -> Vec<u8> {
    encode(gradient(side, seed), image::ImageFormat::Jpeg)
}

/// A real PNG, `side` px square.
pub fn png_image(side: u32, seed: u8) -> Vec<u8> {
    encode(gradient(side, seed), image::ImageFormat::Png)
}

/// A PNG of noise, which does not compress: about `3 * side²` bytes.
pub fn noisy_png(side: u32) -> Vec<u8> {
    let mut state: u32 = 0x2545_f491;
    let noise = image::RgbImage::from_fn(side, side, |_, _| {
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8
        };
        image::Rgb([next(), next(), next()])
    });
    encode(noise, image::ImageFormat::Png)
}

/// The same small JPEG every time.
pub fn small_jpeg() -> &'static [u8] {
    static JPEG: OnceLock<Vec<u8>> = OnceLock::new();
    JPEG.get_or_init(|| jpeg_image(16, 7))
}

fn gradient(side: u32, seed: u8) -> image::RgbImage {
    image::RgbImage::from_fn(side, side, |x, y| {
        image::Rgb([(x * 7) as u8, (y * 5) as u8, seed])
    })
}

fn encode(image: image::RgbImage, format: image::ImageFormat) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}
