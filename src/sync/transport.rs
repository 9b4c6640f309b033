//! HTTP to the sync server with `fetch`: push, pull, photo upload and download, and login,
//! mapped to the engine's [`TransportError`] (no answer → `Network` with [`UNREACHABLE`] or
//! [`TIMEOUT`]; an error status → `Status` with its body; an answer that is not the API's →
//! [`INVALID_RESPONSE`]). Every outcome is reported to the [`observe`]r: whether the team's
//! server was reached is what the connection pill shows.

use std::cell::RefCell;
use std::rc::Rc;

use serde::de::DeserializeOwned;
use tuoke_sync::engine::TransportError;
use tuoke_sync::protocol::{
    ApiError, ErrorBody, LoginRequest, LoginResponse, PriceListResponse, PullResponse, PushRequest,
    PushResponse, TeamResponse,
};
use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

use super::failure::{Failure, Reach, INVALID_RESPONSE, TIMEOUT, UNREACHABLE};

/// The API's base path (same origin as the app).
const API: &str = "/api/v1";

/// A request without an answer after this long is given up (before the engine's own
/// 30-second deadline, so the rep learns it was a timeout).
const TIMEOUT_MS: u32 = 25_000;
/// The same for a photo upload, which may take long on a weak signal.
const UPLOAD_TIMEOUT_MS: u32 = 120_000;

/// Told the outcome of every request.
pub type Observer = Rc<dyn Fn(Reach)>;

thread_local! {
    static OBSERVER: RefCell<Option<Observer>> = const { RefCell::new(None) };
}

/// Calls `observer` with the outcome of every request from now on.
pub fn observe(observer: Observer) {
    OBSERVER.with(|o| *o.borrow_mut() = Some(observer));
}

/// Reports a request's outcome to the observer and returns it.
fn seen<T>(result: Result<T, TransportError>) -> Result<T, TransportError> {
    let reach = Reach::of(&result);
    if let Some(observer) = OBSERVER.with(|o| o.borrow().clone()) {
        observer(reach);
    }
    result
}

/// A failed `fetch` (or a step of reading its answer): no answer, or none in time. The
/// browser's own words stay in the console, for debugging.
fn network(e: wasm_bindgen::JsValue) -> TransportError {
    let timed_out = e
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|e| e.name() == "TimeoutError");
    web_sys::console::warn_2(&"tuoke request failed:".into(), &e);
    TransportError::Network(if timed_out { TIMEOUT } else { UNREACHABLE }.to_owned())
}

/// `AbortSignal.timeout(ms)`, where the browser has it.
fn timeout_signal(ms: u32) -> Option<wasm_bindgen::JsValue> {
    let class = js_sys::Reflect::get(&js_sys::global(), &"AbortSignal".into()).ok()?;
    let timeout = js_sys::Reflect::get(&class, &"timeout".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    timeout.call1(&class, &ms.into()).ok()
}

/// One request; `body` is the body and its `Content-Type`.
async fn fetch(
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<(&wasm_bindgen::JsValue, &str)>,
) -> Result<Response, TransportError> {
    let init = RequestInit::new();
    init.set_method(method);
    if let Some((body, _)) = body {
        init.set_body(body);
    }
    let limit = if method == "PUT" {
        UPLOAD_TIMEOUT_MS
    } else {
        TIMEOUT_MS
    };
    if let Some(signal) = timeout_signal(limit) {
        let _ = js_sys::Reflect::set(&init, &"signal".into(), &signal);
    }
    let request =
        Request::new_with_str_and_init(&format!("{API}{path}"), &init).map_err(network)?;
    let headers = request.headers();
    if let Some((_, content_type)) = body {
        headers.set("Content-Type", content_type).map_err(network)?;
    }
    if let Some(token) = token {
        headers
            .set("Authorization", &format!("Bearer {token}"))
            .map_err(network)?;
    }
    Ok(
        JsFuture::from(gloo::utils::window().fetch_with_request(&request))
            .await
            .map_err(network)?
            .unchecked_into(),
    )
}

async fn text_of(response: &Response) -> Result<String, TransportError> {
    Ok(JsFuture::from(response.text().map_err(network)?)
        .await
        .map_err(network)?
        .as_string()
        .unwrap_or_default())
}

async fn send(
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<String>,
) -> Result<(u16, String), TransportError> {
    let body = body.map(|b| wasm_bindgen::JsValue::from_str(&b));
    let response = fetch(
        method,
        path,
        token,
        body.as_ref().map(|b| (b, "application/json")),
    )
    .await?;
    let text = text_of(&response).await?;
    Ok((response.status(), text))
}

/// An error status with its `{"error":{…}}` body, when it parses.
async fn status_error(response: &Response) -> TransportError {
    let text = text_of(response).await.unwrap_or_default();
    TransportError::Status {
        status: response.status(),
        error: serde_json::from_str::<ErrorBody>(&text)
            .ok()
            .map(|b| b.error),
    }
}

/// `PUT /attachments/ID`: uploads a photo (idempotent by id).
pub async fn upload_attachment(
    token: &str,
    id: Uuid,
    content_type: &str,
    bytes: &[u8],
) -> Result<(), TransportError> {
    seen(upload(token, id, content_type, bytes).await)
}

async fn upload(
    token: &str,
    id: Uuid,
    content_type: &str,
    bytes: &[u8],
) -> Result<(), TransportError> {
    let body: wasm_bindgen::JsValue = js_sys::Uint8Array::from(bytes).into();
    let path = format!("/attachments/{id}");
    let response = fetch("PUT", &path, Some(token), Some((&body, content_type))).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(status_error(&response).await)
    }
}

/// `GET /attachments/ID`: a photo's content type and bytes.
pub async fn fetch_attachment(token: &str, id: Uuid) -> Result<(String, Vec<u8>), TransportError> {
    seen(download(token, id).await)
}

async fn download(token: &str, id: Uuid) -> Result<(String, Vec<u8>), TransportError> {
    let path = format!("/attachments/{id}");
    let response = fetch("GET", &path, Some(token), None).await?;
    if !response.ok() {
        return Err(status_error(&response).await);
    }
    let content_type = response
        .headers()
        .get("Content-Type")
        .ok()
        .flatten()
        .unwrap_or_else(|| "image/jpeg".to_owned());
    let buffer = JsFuture::from(response.array_buffer().map_err(network)?)
        .await
        .map_err(network)?;
    Ok((content_type, js_sys::Uint8Array::new(&buffer).to_vec()))
}

fn decode<T: DeserializeOwned>(status: u16, text: &str) -> Result<T, TransportError> {
    if (200..300).contains(&status) {
        serde_json::from_str(text).map_err(|e| TransportError::Status {
            status,
            error: Some(ApiError {
                code: INVALID_RESPONSE.into(),
                message: e.to_string(),
            }),
        })
    } else {
        Err(TransportError::Status {
            status,
            error: serde_json::from_str::<ErrorBody>(text)
                .ok()
                .map(|b| b.error),
        })
    }
}

/// `POST /sync/push`.
pub async fn push(token: &str, body: &PushRequest) -> Result<PushResponse, TransportError> {
    seen(call("POST", "/sync/push", Some(token), Some(body)).await)
}

/// `GET /sync/pull`.
pub async fn pull(token: &str, since: i64, limit: u32) -> Result<PullResponse, TransportError> {
    let path = format!("/sync/pull?since={since}&limit={limit}");
    seen(call::<(), _>("GET", &path, Some(token), None).await)
}

/// `GET /team`: the colleagues the user may name.
pub async fn team(token: &str) -> Result<TeamResponse, TransportError> {
    seen(call::<(), _>("GET", "/team", Some(token), None).await)
}

/// `GET /price-list`: the team's current price list (404 `no_price_list` when the team has
/// none yet).
pub async fn price_list(token: &str) -> Result<PriceListResponse, TransportError> {
    seen(call::<(), _>("GET", "/price-list", Some(token), None).await)
}

/// `GET /health`: whether the team's server answers (before anyone signed in, so the
/// connection pill of the login screen tells the truth too).
pub async fn probe() {
    let _ = seen(call::<(), serde_json::Value>("GET", "/health", None, None).await);
}

/// A JSON request and its decoded answer.
async fn call<B: serde::Serialize, T: DeserializeOwned>(
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&B>,
) -> Result<T, TransportError> {
    let json = body
        .map(serde_json::to_string)
        .transpose()
        .map_err(|_| TransportError::Network(UNREACHABLE.to_owned()))?;
    let (status, text) = send(method, path, token, json).await?;
    decode(status, &text)
}

/// Why a login failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginError {
    /// Wrong username or password.
    Credentials,
    /// Too many attempts: wait this many seconds.
    TooMany(Option<u64>),
    /// The request failed (no answer, the server's error, not the server answering).
    Failed(Failure),
}

impl LoginError {
    fn of(error: TransportError, text: &str) -> LoginError {
        match error {
            TransportError::Status { status: 401, .. } => LoginError::Credentials,
            TransportError::Status { status: 429, .. } => {
                let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
                LoginError::TooMany(v["error"]["retry_after"].as_u64())
            }
            e => LoginError::Failed(Failure::of(&e)),
        }
    }
}

/// `POST /auth/login`.
pub async fn login(username: &str, password: &str) -> Result<LoginResponse, LoginError> {
    let body = LoginRequest {
        username: username.to_owned(),
        password: password.to_owned(),
    };
    let json = serde_json::to_string(&body).unwrap_or_default();
    let answer = send("POST", "/auth/login", None, Some(json)).await;
    let (result, text) = match answer {
        Ok((status, text)) => (decode::<LoginResponse>(status, &text), text),
        Err(e) => (Err(e), String::new()),
    };
    seen(result).map_err(|e| LoginError::of(e, &text))
}

/// `POST /auth/logout` (best effort: the token is forgotten locally either way).
pub async fn logout(token: &str) {
    let _ = send("POST", "/auth/logout", Some(token), None).await;
}
