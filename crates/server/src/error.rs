//! The HTTP error type and the JSON error shape of `docs/api.md`:
//! `{"error": {"code": "snake_case", "message": "…"}}`.
//!
//! Handlers return `Result<_, ApiError>`. Responses produced outside handlers (axum's extractor
//! rejections, the timeout and body-limit layers, unmatched methods) are rewritten into the same
//! shape by [`json_errors`], so an API client never sees a bare or non-JSON error.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("no such API endpoint")]
    NotFound,
    #[error("the database is unavailable")]
    DatabaseUnavailable(#[source] sqlx::Error),
    /// An error response made by axum or a middleware layer, reshaped by [`json_errors`].
    #[error("{message}")]
    Http { status: StatusCode, message: String },
    /// A refused request with a stable code (bad input, missing auth, not allowed, conflict).
    #[error("{message}")]
    Client {
        status: StatusCode,
        code: &'static str,
        message: String,
    },
    /// Too many failed logins; try again after `retry_after` seconds.
    #[error("too many failed login attempts; retry in {retry_after} s")]
    TooManyRequests { retry_after: u64 },
    /// Too many password checks running and waiting (login); try again after `retry_after` s.
    #[error("the server is busy checking passwords; retry in {retry_after} s")]
    Busy { retry_after: u64 },
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError::DatabaseUnavailable(e)
    }
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::DatabaseUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Http { status, .. } => *status,
            ApiError::Client { status, .. } => *status,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::client(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::client(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::client(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// Also used for records the caller may not see, so that their existence does not leak.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::client(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn client(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError::Client {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn code(&self) -> String {
        match self {
            ApiError::NotFound => "not_found".to_owned(),
            ApiError::DatabaseUnavailable(_) => "database_unavailable".to_owned(),
            ApiError::Http { status, .. } => status_code_name(*status),
            ApiError::Client { code, .. } => (*code).to_owned(),
            ApiError::TooManyRequests { .. } => "too_many_requests".to_owned(),
            ApiError::Busy { .. } => "busy".to_owned(),
        }
    }
}

/// `413 Payload Too Large` → `payload_too_large`.
fn status_code_name(status: StatusCode) -> String {
    let reason = status.canonical_reason().unwrap_or("error");
    reason
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The body of every API error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable, snake_case.
    #[schema(example = "not_found")]
    pub code: String,
    /// For people; may change between versions.
    pub message: String,
    /// Seconds to wait before retrying (429, and 503 `busy`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let retry_after = match &self {
            ApiError::TooManyRequests { retry_after } | ApiError::Busy { retry_after } => {
                Some(*retry_after)
            }
            _ => None,
        };
        // `busy` is load shedding, not a failure: the access log has it.
        if status.is_server_error() && !matches!(self, ApiError::Busy { .. }) {
            // The cause goes to the log only: messages must not leak internals to clients.
            tracing::error!(error = %self, cause = ?std::error::Error::source(&self), "request failed");
        }
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code(),
                message: self.to_string(),
                retry_after,
            },
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// Whether `path` is the API's (JSON errors, never the app shell) rather than the PWA's.
pub fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// The longest plain-text error body that [`json_errors`] carries over as the message.
const MAX_CARRIED_MESSAGE: usize = 1024;

/// Middleware for `/api/…` paths: turns any error response that is not JSON into the JSON error shape.
///
/// Short plain-text bodies from axum's rejections (e.g. "missing field `username`") are kept
/// as the message for 4xx; 5xx messages are generic so nothing internal leaks.
pub async fn json_errors(request: Request, next: Next) -> Response {
    if !is_api_path(request.uri().path()) {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, MAX_CARRIED_MESSAGE)
        .await
        .ok()
        .and_then(|bytes| String::from_utf8(bytes.to_vec()).ok())
        .map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty() && status.is_client_error());
    let message = text.unwrap_or_else(|| default_message(status).to_owned());
    let mut fixed = ApiError::Http { status, message }.into_response();
    // Keep headers such as `Allow` (405) and `Retry-After`, but not the old body's framing.
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            fixed.headers_mut().insert(name.clone(), value.clone());
        }
    }
    fixed
}

fn default_message(status: StatusCode) -> &'static str {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            "the request body is larger than this endpoint accepts (1 MiB; photos 10 MiB)"
        }
        StatusCode::SERVICE_UNAVAILABLE => "the server is busy or took too long; retry later",
        StatusCode::METHOD_NOT_ALLOWED => "this endpoint does not accept that method",
        status => status.canonical_reason().unwrap_or("request failed"),
    }
}

/// A plain 404 for the static side (not the API), e.g. a missing asset.
pub fn static_not_found() -> Response {
    let mut response = (StatusCode::NOT_FOUND, Body::from("not found\n")).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_get_snake_case_names() {
        assert_eq!(
            status_code_name(StatusCode::PAYLOAD_TOO_LARGE),
            "payload_too_large"
        );
        assert_eq!(
            status_code_name(StatusCode::METHOD_NOT_ALLOWED),
            "method_not_allowed"
        );
        assert_eq!(status_code_name(StatusCode::IM_A_TEAPOT), "im_a_teapot");
        assert_eq!(
            status_code_name(StatusCode::NON_AUTHORITATIVE_INFORMATION),
            "non_authoritative_information"
        );
    }
}
