//! Request extractors shared by the handlers: [`ApiJson`] parses a JSON body and names the
//! offending field on error (axum's `Json` does not, and insists on a content type).

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A JSON body of type `T`. Errors are `400 invalid_json` / `400 invalid_body` with the path of
/// the bad field (e.g. `mutations[2].id: invalid type …`); an oversized body is 413.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = axum::response::Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        use axum::response::IntoResponse;
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        parse_json(&bytes)
            .map(ApiJson)
            .map_err(IntoResponse::into_response)
    }
}

/// Parses `bytes` as `T`, naming the path of the first bad field.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if std::str::from_utf8(bytes).is_err() {
        return Err(ApiError::bad_request(
            "invalid_json",
            "the body is not valid UTF-8",
        ));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let code = if inner.is_syntax() || inner.is_eof() {
            "invalid_json"
        } else {
            "invalid_body"
        };
        let message = if path == "." {
            inner.to_string()
        } else {
            format!("{path}: {inner}")
        };
        ApiError::bad_request(code, message)
    })?;
    de.end()
        .map_err(|e| ApiError::bad_request("invalid_json", e.to_string()))?;
    Ok(value)
}

/// Parses a JSON value as `T`, naming the path of the first bad field (`kind: unknown variant…`).
pub fn from_value<T: DeserializeOwned>(value: &serde_json::Value) -> Result<T, String> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = inner.to_string();
        if path == "." {
            // serde names the field itself for missing and unknown fields.
            if message.starts_with("missing field") || message.starts_with("unknown field") {
                message
            } else {
                format!("args: {message}")
            }
        } else {
            format!("{path}: {message}")
        }
    })
}
