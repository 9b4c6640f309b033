//! What keeps one request from stopping or stalling the server: a panic answers 500, an
//! announced oversize body answers 413 before a byte of it is read, a body that stops arriving
//! answers 408. (The header read timeout is set on the connections, in `startup::run`; the
//! whole-request timeout is `startup`'s `TimeoutLayer`.)
//!
//! A body left unread by an early answer (a 413, a 401 before the body is parsed) is then read
//! and thrown away, within [`LINGER_BYTES`], [`LINGER_IDLE`] and [`LINGER_TIME`]
//! ([`UnreadBody`], [`discard`]): a client that writes its whole body before it reads the
//! answer would otherwise meet a closed connection (a broken pipe) instead of the answer.

use std::any::Any;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use hyper::body::{Body as _, Frame, Incoming, SizeHint};
use tower_http::timeout::{TimeoutBody, TimeoutError};

use crate::error::ApiError;

/// Largest accepted request body (API.md); attachment uploads raise it per route.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// A connection that has not sent a request's complete headers after this is closed (the
/// default of `serve --header-timeout`).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// A request body that sends nothing for this long is given up with a 408.
pub const BODY_IDLE_TIMEOUT: Duration = Duration::from_secs(10);

/// At most this much of a body left unread by an early answer is read and thrown away; a
/// bigger body's connection is closed (the client may then see a broken pipe).
pub const LINGER_BYTES: u64 = 64 * 1024 * 1024;
/// Throwing a body away stops when nothing of it arrives for this long …
pub const LINGER_IDLE: Duration = Duration::from_secs(2);
/// … or after this long in all.
pub const LINGER_TIME: Duration = Duration::from_secs(30);

/// A request body that, dropped before its end (the answer came first), leaves the rest of
/// the connection's body in a shared slot, for [`discard`] once the answer is out.
pub struct UnreadBody {
    inner: Option<Incoming>,
    rest: Arc<Mutex<Option<Incoming>>>,
}

impl UnreadBody {
    /// `body` and the slot its unread rest lands in.
    pub fn new(body: Incoming) -> (UnreadBody, Arc<Mutex<Option<Incoming>>>) {
        let rest = Arc::new(Mutex::new(None));
        let body = UnreadBody {
            inner: Some(body),
            rest: Arc::clone(&rest),
        };
        (body, rest)
    }
}

impl hyper::body::Body for UnreadBody {
    type Data = Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, hyper::Error>>> {
        match self.inner.as_mut() {
            Some(body) => Pin::new(body).poll_frame(cx),
            None => Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.as_ref().is_none_or(|b| b.is_end_stream())
    }

    fn size_hint(&self) -> SizeHint {
        self.inner
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), |b| b.size_hint())
    }
}

impl Drop for UnreadBody {
    fn drop(&mut self) {
        if let Some(body) = self.inner.take().filter(|b| !b.is_end_stream()) {
            if let Ok(mut rest) = self.rest.lock() {
                *rest = Some(body);
            }
        }
    }
}

/// Reads and throws away the rest of a request body (from [`UnreadBody`]'s slot), within the
/// `LINGER_*` bounds, so that its connection closes after the client has sent it all.
pub async fn discard(mut body: Incoming) {
    let deadline = tokio::time::Instant::now() + LINGER_TIME;
    let mut read: u64 = 0;
    while read <= LINGER_BYTES {
        let wait = deadline.min(tokio::time::Instant::now() + LINGER_IDLE);
        match tokio::time::timeout_at(wait, body.frame()).await {
            Ok(Some(Ok(frame))) => {
                read += frame.data_ref().map_or(0, |d| d.len() as u64);
            }
            // The end, a broken connection, or the bounds: dropping the body closes it.
            _ => return,
        }
    }
}

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
