//! Building the HTTP application and running it.
//!
//! `app(state)` is the whole server as a `Router`: unit tests drive it with `oneshot`, the
//! `serve` command binds it to a socket. Layers, outermost first: security headers, tracing,
//! compression, JSON error shaping (API only), request timeout, panic catching, body idle
//! timeout, body limit (and per route, in `routes`, the declared-length check).

use std::convert::Infallible;
use std::path::PathBuf;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tower::ServiceExt;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;
use utoipa_axum::router::OpenApiRouter;

use crate::error::{is_api_path, json_errors, ApiError};
use crate::limits::BODY_LIMIT;
use crate::state::AppState;
use crate::{limits, routes, security, static_files};

/// The complete server.
pub fn app(state: AppState) -> Router {
    build(routes::api(), state)
}

/// Wraps `api` (full paths, e.g. `/api/v1/health`) with the OpenAPI endpoint, the API 404,
/// the PWA and all middleware. Tests use it to mount extra routes under the real layers.
pub fn build(api: OpenApiRouter<AppState>, state: AppState) -> Router {
    let (api, openapi) = api.split_for_parts();
    // Serialised once: the document only changes with the code.
    let openapi =
        Bytes::from(serde_json::to_vec(&openapi).expect("the OpenAPI document serialises"));
    let api = api.route(
        "/api/v1/openapi.json",
        get(move || {
            let body = openapi.clone();
            async move { ([(header::CONTENT_TYPE, "application/json")], body) }
        }),
    );

    let timeout = state.request_timeout;
    let csp = security::Csp::for_static_dir(state.static_dir.as_deref().map(PathBuf::as_path));
    Router::new()
        .merge(api)
        .fallback(fallback)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(
            limits::BODY_IDLE_TIMEOUT,
            limits::body_idle_timeout,
        ))
        // A panicking handler costs its request a JSON 500, never the process.
        .layer(CatchPanicLayer::custom(limits::panic_response))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            timeout,
        ))
        // Outside the timeout, so that its 503 is reshaped too.
        .layer(middleware::from_fn(json_errors))
        .layer(CompressionLayer::new())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(middleware::from_fn_with_state(csp, security::headers))
        .with_state(state)
}

/// Unknown API paths get a JSON 404, never the app shell; everything else is the PWA's.
async fn fallback(state: State<AppState>, request: Request) -> Response {
    if is_api_path(request.uri().path()) {
        ApiError::NotFound.into_response()
    } else {
        static_files::serve(state, request).await
    }
}

/// Serves `app` on `listener` (HTTP/1.1) until `shutdown` (SIGINT or SIGTERM), then drains
/// in-flight requests. A connection that has not sent a request's complete headers within
/// `header_timeout` is closed. Handlers can read the peer's `ConnectInfo<SocketAddr>`.
pub async fn run(
    listener: TcpListener,
    app: Router,
    header_timeout: Duration,
    shutdown: Shutdown,
) -> std::io::Result<()> {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    let graceful = GracefulShutdown::new();
    let mut signal = std::pin::pin!(shutdown.received());
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    accept_error(e).await;
                    continue;
                }
            },
            () = &mut signal => break,
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            let app = app.clone();
            async move {
                let (parts, body) = request.into_parts();
                let (body, unread) = limits::UnreadBody::new(body);
                let request = Request::from_parts(parts, axum::body::Body::new(body));
                let response = match app.oneshot(request).await {
                    Ok(response) => response,
                    Err(never) => match never {},
                };
                // Answered before the body was read: take the rest, so that a client writing
                // it all before reading gets this answer (see `limits`).
                let rest = unread.lock().ok().and_then(|mut rest| rest.take());
                if let Some(rest) = rest {
                    tokio::spawn(limits::discard(rest));
                }
                Ok::<_, Infallible>(response)
            }
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                // Clients that vanish or time out mid-request: not the server's failure.
                tracing::debug!(error = %e, %peer, "connection ended with an error");
            }
        });
    }
    // Stop accepting, let every connection finish its request in flight, then return.
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// As axum's `serve`: per-connection errors are the client's; others (e.g. out of file
/// descriptors) are logged and accepting pauses for a second rather than spinning.
async fn accept_error(error: std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        error.kind(),
        ConnectionRefused | ConnectionAborted | ConnectionReset
    ) {
        return;
    }
    tracing::error!(error = %error, "cannot accept a connection");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// SIGINT and SIGTERM, listened for from the moment this is made: `serve` makes it before it
/// says it is listening, so a signal sent right after that line stops the server gracefully
/// instead of killing it with the signal's default action.
pub struct Shutdown {
    #[cfg(unix)]
    signals: Vec<tokio::signal::unix::Signal>,
}

impl Shutdown {
    /// Starts listening for the signals (must run inside the runtime).
    pub fn listen() -> Shutdown {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let mut signals = Vec::new();
            for (kind, name) in [
                (SignalKind::interrupt(), "SIGINT"),
                (SignalKind::terminate(), "SIGTERM"),
            ] {
                match signal(kind) {
                    Ok(s) => signals.push(s),
                    Err(e) => tracing::error!(error = %e, "cannot listen for {name}"),
                }
            }
            Shutdown { signals }
        }
        #[cfg(not(unix))]
        Shutdown {}
    }

    /// Resolves when one of the signals arrives.
    async fn received(self) {
        #[cfg(unix)]
        {
            let mut signals = self.signals;
            if signals.is_empty() {
                std::future::pending::<()>().await;
            }
            let waits = signals.iter_mut().map(|s| Box::pin(s.recv()));
            futures::future::select_all(waits).await;
        }
        #[cfg(not(unix))]
        {
            if let Err(e) = tokio::signal::ctrl_c().await {
                tracing::error!(error = %e, "cannot listen for Ctrl-C");
                std::future::pending::<()>().await;
            }
        }
        tracing::info!("shutting down: finishing requests in flight");
    }
}

#[cfg(test)]
mod tests;
