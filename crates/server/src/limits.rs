//! What keeps one request from stopping or stalling the server: a panic answers 500, an
//! announced oversize body answers 413 before a byte of it is read, a body that stops arriving
//! answers 408. (The header read timeout is set on the connections, in `startup::run`; the
//! whole-request timeout is `startup`'s `TimeoutLayer`.)

use std::any::Any;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use tower_http::timeout::{TimeoutBody, TimeoutError};

use crate::error::ApiError;

/// Largest accepted request body (API.md); attachment uploads raise it per route.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// A connection that has not sent a request's complete headers after this is closed (the
/// default of `serve --header-timeout`).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// A request body that sends nothing for this long is given up with a 408.
pub const BODY_IDLE_TIMEOUT: Duration = Duration::from_secs(10);

/// `CatchPanicLayer`'s answer: the panic goes to the log, the client gets a generic JSON 500.
pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(not a string)");
    tracing::error!(panic = message, "a request handler panicked");
    ApiError::client(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal_error",
        "the server failed to handle this request",
    )
    .into_response()
}

/// Route middleware (`from_fn_with_state(limit, …)`): a request whose `Content-Length` is over
/// `limit` bytes gets a JSON 413 at once, without reading the body. Bodies without a length
/// (chunked) are still cut at the limit by `DefaultBodyLimit` as they are read.
pub async fn refuse_declared_oversize(
    State(limit): State<usize>,
    request: Request,
    next: Next,
) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        let mut response = ApiError::client(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("the request body is larger than {}", mebibytes(limit)),
        )
        .into_response();
        // The unread body is still on the wire: the connection cannot carry another request.
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return response;
    }
    next.run(request).await
}

fn mebibytes(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Middleware (`from_fn_with_state(idle, …)`): a request body from which nothing arrives for
/// `idle` is given up; the handler's answer (its extractor failed) is replaced with a JSON 408.
pub async fn body_idle_timeout(
    State(idle): State<Duration>,
    request: Request,
    next: Next,
) -> Response {
    let stalled = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stalled);
    let request = request.map(|body| {
        Body::new(TimeoutBody::new(idle, body).map_err(move |e| {
            if e.is::<TimeoutError>() {
                flag.store(true, Ordering::Relaxed);
            }
            e
        }))
    });
    let response = next.run(request).await;
    if !stalled.load(Ordering::Relaxed) {
        return response;
    }
    let mut response = ApiError::client(
        StatusCode::REQUEST_TIMEOUT,
        "request_timeout",
        format!(
            "the request body stopped arriving for {} s; send the request again",
            idle.as_secs()
        ),
    )
    .into_response();
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}
