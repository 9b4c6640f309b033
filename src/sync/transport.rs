//! HTTP to the sync server with `fetch`: push, pull, photo upload and download, and login,
//! mapped to the engine's [`TransportError`] (no answer → `Network`; an error status →
//! `Status` with its body).

use serde::de::DeserializeOwned;
use serde::Deserialize;
use tuoke_sync::engine::TransportError;
use tuoke_sync::protocol::{ErrorBody, PullResponse, PushRequest, PushResponse};
use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

/// The API's base path (same origin as the app).
const API: &str = "/api/v1";

fn network(e: wasm_bindgen::JsValue) -> TransportError {
    TransportError::Network(
        e.as_string()
            .or_else(|| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
            })
            .unwrap_or_else(|| "network error".to_owned()),
    )
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
            error: Some(tuoke_sync::protocol::ApiError {
                code: "invalid_response".into(),
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
    let json = serde_json::to_string(body).map_err(|e| TransportError::Network(e.to_string()))?;
    let (status, text) = send("POST", "/sync/push", Some(token), Some(json)).await?;
    decode(status, &text)
}

/// `GET /sync/pull`.
pub async fn pull(token: &str, since: i64, limit: u32) -> Result<PullResponse, TransportError> {
    let path = format!("/sync/pull?since={since}&limit={limit}");
    let (status, text) = send("GET", &path, Some(token), None).await?;
    decode(status, &text)
}

/// The user in a login answer.
#[derive(Debug, Clone, Deserialize)]
pub struct LoginUser {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: String,
}

/// A login answer.
#[derive(Debug, Clone, Deserialize)]
pub struct LoginOk {
    pub token: String,
    pub user: LoginUser,
}

/// Why a login failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginError {
    /// Wrong username or password.
    Credentials,
    /// Too many attempts: wait this many seconds.
    TooMany(Option<u64>),
    /// No answer (offline).
    Offline,
    /// Anything else, with the server's message.
    Server(String),
}

/// `POST /auth/login`.
pub async fn login(username: &str, password: &str) -> Result<LoginOk, LoginError> {
    let body = serde_json::json!({"username": username, "password": password}).to_string();
    let (status, text) = send("POST", "/auth/login", None, Some(body))
        .await
        .map_err(|_| LoginError::Offline)?;
    match status {
        200 => serde_json::from_str(&text).map_err(|e| LoginError::Server(e.to_string())),
        401 => Err(LoginError::Credentials),
        429 => {
            let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
            Err(LoginError::TooMany(v["error"]["retry_after"].as_u64()))
        }
        _ => Err(LoginError::Server(
            serde_json::from_str::<ErrorBody>(&text)
                .map(|b| b.error.message)
                .unwrap_or_else(|_| format!("HTTP {status}")),
        )),
    }
}

/// `POST /auth/logout` (best effort: the token is forgotten locally either way).
pub async fn logout(token: &str) {
    let _ = send("POST", "/auth/logout", Some(token), None).await;
}
