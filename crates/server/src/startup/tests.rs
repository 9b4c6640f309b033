//! The HTTP surface, driven in-process through `app(state)` with `oneshot`.

use std::path::Path;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

use super::*;
use crate::db::Db;
use crate::state::REQUEST_TIMEOUT;
use crate::static_files::{IMMUTABLE, NO_CACHE, SHORT};

const WASM: &str = "tuoke-5f3a2b1c9d8e7f60_bg.wasm";
const JS: &str = "tuoke-5f3a2b1c9d8e7f60.js";
const INDEX: &str = "<!doctype html><title>Tuoke</title><p>app shell</p>";

async fn test_db() -> Db {
    let db = Db::connect("sqlite::memory:").await.unwrap();
    db.migrate().await.unwrap();
    db
}

/// A fake trunk `dist/`.
#[tokio::test]
async fn precompressed_siblings_are_served_as_they_are_when_accepted() {
    let dist = dist();
    // Not what the compression layer would produce: proves the file on disk is sent.
    std::fs::write(dist.path().join(format!("{WASM}.br")), b"prebuilt-brotli").unwrap();
    let request = Request::get(format!("/{WASM}"))
        .header(header::ACCEPT_ENCODING, "gzip, br")
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = send(app_with(Some(dist.path())).await, request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header_str(&headers, header::CONTENT_ENCODING), "br");
    assert_eq!(
        header_str(&headers, header::CONTENT_TYPE),
        "application/wasm"
    );
    assert_eq!(header_str(&headers, header::CACHE_CONTROL), IMMUTABLE);
    assert_eq!(&body[..], b"prebuilt-brotli");

    // A client without brotli gets the file compressed on the fly instead.
    let request = Request::get(format!("/{WASM}"))
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .unwrap();
    let (_, headers, body) = send(app_with(Some(dist.path())).await, request).await;
    assert_eq!(header_str(&headers, header::CONTENT_ENCODING), "gzip");
    assert_ne!(&body[..], b"prebuilt-brotli");
}

fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    write("index.html", INDEX.as_bytes());
    // Compressible and well above the compression threshold.
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend(std::iter::repeat_n(b"tuoke wasm payload ".as_slice(), 200).flatten());
    write(WASM, &wasm);
    write(JS, b"export default function init() {}");
    write("sw.js", b"self.addEventListener('fetch', () => {});");
    write("manifest.webmanifest", br#"{"name":"Tuoke"}"#);
    write("style.css", b"body { margin: 0 }");
    write("icon-192.png", b"\x89PNG\r\n\x1a\n");
    std::fs::create_dir_all(dir.path().join("content/en")).unwrap();
    write("content/en/quiz.json", br#"{"lang":"en","questions":[]}"#);
    dir
}

async fn app_with(static_dir: Option<&Path>) -> Router {
    app(AppState::new(
        test_db().await,
        static_dir.map(Path::to_path_buf),
    ))
}

async fn send(app: Router, request: Request<Body>) -> (StatusCode, HeaderMap, Bytes) {
    let response = app.oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    (
        parts.status,
        parts.headers,
        body.collect().await.unwrap().to_bytes(),
    )
}

fn get_req(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn json_body(bytes: &Bytes) -> Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(bytes)))
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> &str {
    headers
        .get(&name)
        .unwrap_or_else(|| panic!("missing {name}"))
        .to_str()
        .unwrap()
}

#[tokio::test]
async fn health_is_ok_when_the_database_answers() {
    let (status, headers, body) = send(app_with(None).await, get_req("/api/v1/health")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(header_str(&headers, header::CONTENT_TYPE).starts_with("application/json"));
    assert_eq!(json_body(&body), json!({"status": "ok"}));
}

#[tokio::test]
async fn health_is_503_json_when_the_database_is_gone() {
    let db = test_db().await;
    db.close().await;
    let app = app(AppState::new(db, None));
    let (status, _, body) = send(app, get_req("/api/v1/health")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(json_body(&body)["error"]["code"], "database_unavailable");
}

#[tokio::test]
async fn unknown_api_paths_are_json_404_even_with_an_app_shell() {
    let dist = dist();
    for uri in [
        "/api",
        "/api/",
        "/api/v1/nope",
        "/api/v2/health",
        "/api/v1/prospects/x.json",
    ] {
        let (status, headers, body) = send(app_with(Some(dist.path())).await, get_req(uri)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(header_str(&headers, header::CONTENT_TYPE).starts_with("application/json"));
        let body = json_body(&body);
        assert_eq!(body["error"]["code"], "not_found", "{uri}");
        assert!(body["error"]["message"].is_string());
    }
}

#[tokio::test]
async fn wrong_method_on_an_api_route_is_json_405() {
    let request = Request::post("/api/v1/health").body(Body::empty()).unwrap();
    let (status, headers, body) = send(app_with(None).await, request).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(headers.contains_key(header::ALLOW));
    assert_eq!(json_body(&body)["error"]["code"], "method_not_allowed");
}

#[tokio::test]
async fn openapi_document_lists_health() {
    let (status, _, body) = send(app_with(None).await, get_req("/api/v1/openapi.json")).await;
    assert_eq!(status, StatusCode::OK);
    let doc = json_body(&body);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert!(doc["paths"]["/api/v1/health"]["get"].is_object(), "{doc:#}");
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
}

#[tokio::test]
async fn root_and_app_routes_get_the_shell_uncached() {
    let dist = dist();
    for uri in [
        "/",
        "/prospects",
        "/prospects/0193a0b2-7c4e-7def-8a12-3456789abcde/edit",
    ] {
        let (status, headers, body) = send(app_with(Some(dist.path())).await, get_req(uri)).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(body, INDEX.as_bytes(), "{uri}");
        assert!(header_str(&headers, header::CONTENT_TYPE).starts_with("text/html"));
        assert_eq!(
            header_str(&headers, header::CACHE_CONTROL),
            NO_CACHE,
            "{uri}"
        );
    }
}

#[tokio::test]
async fn missing_files_with_an_extension_are_404_not_the_shell() {
    let dist = dist();
    for uri in [
        "/missing.js",
        "/tuoke-0000000000000000_bg.wasm",
        "/icons/x.png",
    ] {
        let (status, _, body) = send(app_with(Some(dist.path())).await, get_req(uri)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert_ne!(body, INDEX.as_bytes(), "{uri}");
    }
}

#[tokio::test]
async fn without_a_static_dir_the_api_works_and_the_shell_is_404() {
    let (status, _, _) = send(app_with(None).await, get_req("/")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = send(app_with(None).await, get_req("/api/v1/health")).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn files_are_served_with_their_mime_types() {
    let dist = dist();
    for (uri, mime) in [
        (format!("/{WASM}"), "application/wasm"),
        (format!("/{JS}"), "javascript"),
        ("/sw.js".to_owned(), "javascript"),
        ("/style.css".to_owned(), "text/css"),
        (
            "/manifest.webmanifest".to_owned(),
            "application/manifest+json",
        ),
        ("/icon-192.png".to_owned(), "image/png"),
        ("/index.html".to_owned(), "text/html"),
    ] {
        let (status, headers, _) = send(app_with(Some(dist.path())).await, get_req(&uri)).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        let content_type = header_str(&headers, header::CONTENT_TYPE);
        assert!(content_type.contains(mime), "{uri}: {content_type}");
    }
}

#[tokio::test]
async fn hashed_files_are_immutable_and_the_rest_short_or_uncached() {
    let dist = dist();
    for (uri, policy) in [
        (format!("/{WASM}"), IMMUTABLE),
        (format!("/{JS}"), IMMUTABLE),
        ("/index.html".to_owned(), NO_CACHE),
        ("/sw.js".to_owned(), NO_CACHE),
        ("/manifest.webmanifest".to_owned(), NO_CACHE),
        ("/content/en/quiz.json".to_owned(), NO_CACHE),
        ("/style.css".to_owned(), SHORT),
        ("/icon-192.png".to_owned(), SHORT),
    ] {
        let (status, headers, _) = send(app_with(Some(dist.path())).await, get_req(&uri)).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(header_str(&headers, header::CACHE_CONTROL), policy, "{uri}");
    }
}

#[tokio::test]
async fn wasm_is_compressed_with_brotli_or_gzip_as_negotiated() {
    let dist = dist();
    let original = std::fs::read(dist.path().join(WASM)).unwrap();
    for (accept, expected) in [("br", "br"), ("gzip", "gzip"), ("gzip, deflate, br", "br")] {
        let request = Request::get(format!("/{WASM}"))
            .header(header::ACCEPT_ENCODING, accept)
            .body(Body::empty())
            .unwrap();
        let (status, headers, body) = send(app_with(Some(dist.path())).await, request).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            header_str(&headers, header::CONTENT_ENCODING),
            expected,
            "{accept}"
        );
        assert_eq!(
            header_str(&headers, header::CONTENT_TYPE),
            "application/wasm"
        );
        assert!(
            body.len() < original.len() / 4,
            "{accept}: {} bytes",
            body.len()
        );
    }
    let (_, headers, body) = send(
        app_with(Some(dist.path())).await,
        get_req(&format!("/{WASM}")),
    )
    .await;
    assert!(!headers.contains_key(header::CONTENT_ENCODING));
    assert_eq!(body.len(), original.len());
}

async fn echo(Json(value): Json<Value>) -> Json<Value> {
    Json(value)
}

/// The real layers around a test-only POST route (no real POST endpoint exists yet).
async fn app_with_echo() -> Router {
    let api = crate::routes::api().route("/api/v1/test/echo", post(echo));
    build(api, AppState::new(test_db().await, None))
}

fn post_json(body: Vec<u8>) -> Request<Body> {
    Request::builder()
        .method(Method::POST)
        .uri("/api/v1/test/echo")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn bodies_over_1_mib_get_a_json_413() {
    let mut big = b"\"".to_vec();
    big.extend(std::iter::repeat_n(b'a', BODY_LIMIT));
    big.push(b'"');
    let (status, _, body) = send(app_with_echo().await, post_json(big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(json_body(&body)["error"]["code"], "payload_too_large");

    let (status, _, body) = send(app_with_echo().await, post_json(br#"{"a":1}"#.to_vec())).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json_body(&body), json!({"a": 1}));
}

#[tokio::test]
async fn malformed_json_is_a_json_4xx_with_the_reason() {
    let (status, _, body) = send(app_with_echo().await, post_json(b"{nope".to_vec())).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let body = json_body(&body);
    assert_eq!(body["error"]["code"], "bad_request");
    assert!(
        body["error"]["message"].as_str().unwrap().contains("JSON"),
        "{body}"
    );
}

#[tokio::test]
async fn slow_requests_time_out_with_a_json_503() {
    let db = test_db().await;
    let slow = get(|| async {
        tokio::time::sleep(REQUEST_TIMEOUT + Duration::from_secs(1)).await;
        "too late"
    });
    let app = build(
        crate::routes::api().route("/api/v1/test/slow", slow),
        AppState::new(db, None),
    );
    // Paused time auto-advances while the runtime is idle, so this takes no real 30 s.
    tokio::time::pause();
    let (status, _, body) = send(app, get_req("/api/v1/test/slow")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(json_body(&body)["error"]["code"], "service_unavailable");
}

#[tokio::test]
async fn a_panicking_handler_gets_a_json_500_and_the_server_keeps_serving() {
    async fn boom() -> &'static str {
        panic!("secret internals: boom");
    }
    let app = build(
        crate::routes::api().route("/api/v1/test/panic", get(boom)),
        AppState::new(test_db().await, None),
    );
    let (status, headers, body) = send(app.clone(), get_req("/api/v1/test/panic")).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(header_str(&headers, header::CONTENT_TYPE).starts_with("application/json"));
    let error = json_body(&body);
    assert_eq!(error["error"]["code"], "internal_error");
    assert!(
        !String::from_utf8_lossy(&body).contains("secret"),
        "the panic message must not reach the client: {error}"
    );
    // The same app (and process) answers the next request.
    let (status, _, _) = send(app, get_req("/api/v1/health")).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_declared_oversize_body_gets_a_json_413_before_it_is_read() {
    for (uri, method, limit) in [
        ("/api/v1/sync/push", Method::POST, BODY_LIMIT),
        (
            "/api/v1/attachments/0193a0b2-7c4e-7def-8a12-3456789abcde",
            Method::PUT,
            crate::routes::attachments::ATTACHMENT_LIMIT,
        ),
    ] {
        // The body never comes: the answer must not wait for it.
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::CONTENT_LENGTH, (limit + 1).to_string())
            .body(Body::new(Stalled))
            .unwrap();
        let (status, _, bytes) =
            tokio::time::timeout(Duration::from_secs(5), send(app_with(None).await, request))
                .await
                .unwrap_or_else(|_| panic!("{uri}: no answer without the body"));
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{uri}");
        assert_eq!(json_body(&bytes)["error"]["code"], "payload_too_large");
    }
}

#[tokio::test]
async fn a_body_that_stops_arriving_gets_a_json_408() {
    // No Content-Length (chunked): only the idle timeout can end it, before the 30 s one.
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/test/echo")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::new(Stalled))
        .unwrap();
    let app = app_with_echo().await;
    tokio::time::pause();
    let (status, _, body) = send(app, request).await;
    assert_eq!(status, StatusCode::REQUEST_TIMEOUT);
    assert_eq!(json_body(&body)["error"]["code"], "request_timeout");
}

/// A request body whose bytes never arrive.
struct Stalled;

impl axum::body::HttpBody for Stalled {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Bytes>, Self::Error>>> {
        std::task::Poll::Pending
    }
}

/// Responses of every kind: API JSON, API error, static file, static 404, the app shell.
#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let dist = dist();
    let loader =
        "import init from '/tuoke-5f3a2b1c9d8e7f60.js';init('/tuoke-5f3a2b1c9d8e7f60_bg.wasm');";
    let shell = format!(
        "<!doctype html><head><script src=\"/x.js\"></script>\
         <script type=\"module\">{loader}</script></head><body></body>"
    );
    std::fs::write(dist.path().join("index.html"), &shell).unwrap();
    let hash = {
        use base64::Engine;
        use sha2::Digest;
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(loader))
    };
    for (uri, status) in [
        ("/api/v1/health", StatusCode::OK),
        ("/api/v1/nope", StatusCode::NOT_FOUND),
        ("/api/v1/me", StatusCode::UNAUTHORIZED),
        ("/style.css", StatusCode::OK),
        ("/missing.js", StatusCode::NOT_FOUND),
        ("/", StatusCode::OK),
        ("/prospects", StatusCode::OK),
    ] {
        let (got, headers, _) = send(app_with(Some(dist.path())).await, get_req(uri)).await;
        assert_eq!(got, status, "{uri}");
        assert_eq!(
            header_str(&headers, header::X_CONTENT_TYPE_OPTIONS),
            "nosniff"
        );
        assert_eq!(header_str(&headers, header::X_FRAME_OPTIONS), "DENY");
        assert_eq!(header_str(&headers, header::REFERRER_POLICY), "no-referrer");
        let csp = header_str(&headers, header::CONTENT_SECURITY_POLICY);
        let script_src = csp
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src "))
            .unwrap_or_else(|| panic!("{uri}: no script-src in {csp}"));
        assert_eq!(
            script_src,
            format!("script-src 'self' 'sha256-{hash}' 'wasm-unsafe-eval'"),
            "{uri}"
        );
        assert!(!script_src.contains("unsafe-inline"), "{uri}");
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}");
    }
    // A method refused on the static side carries them too.
    let request = Request::post("/").body(Body::empty()).unwrap();
    let (status, headers, _) = send(app_with(Some(dist.path())).await, request).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY));
}

#[tokio::test]
async fn a_new_index_html_in_a_live_dist_gets_its_own_script_hash() {
    let dist = dist();
    let app = app_with(Some(dist.path())).await;
    let csp = |headers: &HeaderMap| header_str(headers, header::CONTENT_SECURITY_POLICY).to_owned();
    let (_, headers, _) = send(app.clone(), get_req("/")).await;
    assert!(!csp(&headers).contains("sha256-"), "{}", csp(&headers));
    // A rebuild while the server runs (a different mtime, as a later write gives).
    let path = dist.path().join("index.html");
    std::fs::write(&path, "<script>init()</script>").unwrap();
    let later = std::time::SystemTime::now() + Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let (_, headers, _) = send(app, get_req("/")).await;
    assert!(csp(&headers).contains("'sha256-"), "{}", csp(&headers));
}
