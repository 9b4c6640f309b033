//! What every handler shares: [`AppState`]. It sits below the routes, `startup` and the
//! static files (which use it) and above what it holds (the database, the sync writers, the
//! login guard), none of which imports it back: extractors that need a part of it ask for
//! that part through axum's `FromRef` (e.g. [`crate::auth::AuthUser`] asks for the [`Db`]).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::FromRef;

use crate::auth::client_addr::TrustedProxies;
use crate::auth::login_guard::LoginGuard;
use crate::db::Db;
use crate::sync::push::PushQueue;
use crate::sync::WriteLock;

/// A request still running after this is answered with 503 so the client retries (the
/// default of [`AppState::request_timeout`]; `serve` reads `TUOKE_REQUEST_TIMEOUT_SECS`).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Shared by all handlers. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// The built PWA, or `None` to serve only the API.
    pub static_dir: Option<Arc<PathBuf>>,
    /// Queues this process's sync writers (see [`crate::sync`]).
    pub write_lock: WriteLock,
    /// Login limiter, password-check bound and trusted proxies (see [`crate::auth::login_guard`]).
    pub login: Arc<LoginGuard>,
    /// Group-commit writer for pushes; started lazily on the serving runtime.
    pub pushes: Arc<std::sync::OnceLock<PushQueue>>,
    /// How long a request (reading its body included) may run before it gets 503.
    pub request_timeout: Duration,
}

impl AppState {
    /// The push queue, started on first use (it needs a running tokio runtime).
    pub fn push_queue(&self) -> &PushQueue {
        self.pushes
            .get_or_init(|| PushQueue::start(self.db.clone(), self.write_lock.clone()))
    }
}

impl AppState {
    pub fn new(db: Db, static_dir: Option<PathBuf>) -> Self {
        Self {
            db,
            static_dir: static_dir.map(Arc::new),
            write_lock: WriteLock::default(),
            login: Arc::default(),
            pushes: Arc::default(),
            request_timeout: REQUEST_TIMEOUT,
        }
    }

    /// The same state believing `X-Forwarded-For` from these proxies (default: none).
    pub fn with_trusted_proxies(self, trusted_proxies: TrustedProxies) -> Self {
        let login = LoginGuard {
            trusted_proxies,
            ..LoginGuard::default()
        };
        Self {
            login: Arc::new(login),
            ..self
        }
    }

    /// The same state with another request timeout (default [`REQUEST_TIMEOUT`]).
    pub fn with_request_timeout(self, request_timeout: Duration) -> Self {
        Self {
            request_timeout,
            ..self
        }
    }
}

impl FromRef<AppState> for Db {
    fn from_ref(state: &AppState) -> Db {
        state.db.clone()
    }
}
