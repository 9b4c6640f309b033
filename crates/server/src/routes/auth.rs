//! `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/me`,
//! `GET /api/v1/team`.

use std::net::SocketAddr;
use std::sync::OnceLock;

use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use tuoke_sync::protocol::{LoginRequest, LoginResponse, TeamResponse, UserInfo};

use crate::auth::{self, AuthUser, BUSY_RETRY_AFTER};
use crate::domain::Username;
use crate::error::{ApiError, ErrorBody};
use crate::extract::ApiJson;
use crate::password;
use crate::repo::users::{self, Account, Credentials};
use crate::state::AppState;

impl From<&AuthUser> for UserInfo {
    fn from(u: &AuthUser) -> Self {
        UserInfo {
            id: u.id.clone(),
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            role: u.role.to_string(),
            manager_id: u.manager_id.clone(),
            territory: u.territory.clone(),
        }
    }
}

/// The client's address, when the server knows it (not in `oneshot` unit tests): the TCP
/// peer, or from a trusted proxy the address it forwards (see [`auth::TrustedProxies`]).
pub struct ClientAddr(pub String);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(ConnectInfo(peer)) = parts.extensions.get::<ConnectInfo<SocketAddr>>() else {
            return Ok(ClientAddr("unknown".to_owned()));
        };
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok());
        let ip = state.login.trusted_proxies.client_ip(peer.ip(), forwarded);
        Ok(ClientAddr(ip.to_string()))
    }
}

/// A hash to verify against for unknown usernames, so that timing does not reveal them.
/// Made on first use, inside the hashing gate like every check.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash("no such user").expect("hashing works"))
}

/// Exchanges a username and password for a bearer token.
#[utoipa::path(
    post,
    path = "/auth/login",
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = LoginResponse),
        (status = 401, description = "Wrong username or password", body = ErrorBody),
        (status = 429, description = "Too many failed attempts; see retry_after", body = ErrorBody),
        (status = 503, description = "Too many password checks at once (`busy`); see retry_after", body = ErrorBody),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let username = req.username.trim().to_ascii_lowercase();
    let guard = &state.login;
    // Counted before the password is checked, so parallel guesses cannot all get through.
    let attempt = guard
        .limiter
        .reserve(&username, &addr)
        .map_err(|retry_after| ApiError::TooManyRequests { retry_after })?;
    let row = match find_credentials(&state, &username).await {
        Ok(row) => row,
        Err(e) => {
            guard.limiter.not_checked(attempt);
            return Err(e);
        }
    };
    let stored = row.as_ref().map(|r| r.password_hash.clone());
    let password = req.password;
    let checked = guard
        .hashing
        .run(move |memory| match stored {
            Some(stored) => password::verify_in(memory, &password, &stored),
            None => {
                // The same work as for a real account, so that timing does not tell.
                password::verify_in(memory, &password, dummy_hash());
                false
            }
        })
        .await;
    let row = match (checked, row) {
        (Ok(true), Some(row)) => row,
        (Ok(_), _) => {
            guard.limiter.failed(attempt);
            return Err(ApiError::unauthorized("wrong username or password"));
        }
        (Err(auth::Busy), _) => {
            guard.limiter.not_checked(attempt);
            return Err(ApiError::Busy {
                retry_after: BUSY_RETRY_AFTER,
            });
        }
    };
    guard.limiter.succeeded(attempt);
    let mut tx = state.db.read().await?;
    let token = auth::create_session(&mut tx, &row.account.id).await?;
    tx.commit().await?;
    let user = AuthUser::from_account(row.account)
        .ok_or_else(|| ApiError::unauthorized("wrong username or password"))?;
    tracing::info!(user = %user.username, "signed in");
    Ok(Json(LoginResponse {
        token,
        user: UserInfo::from(&user),
    }))
}

async fn find_credentials(
    state: &AppState,
    username: &str,
) -> Result<Option<Credentials>, ApiError> {
    // A name no account can have (e.g. with a NUL, which PostgreSQL refuses as a parameter)
    // is simply nobody: never a database error.
    let Ok(username) = Username::parse(username) else {
        return Ok(None);
    };
    Ok(state.db.find_credentials(&username).await?)
}

/// Revokes the token of this request.
#[utoipa::path(
    post,
    path = "/auth/logout",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out; the token no longer works"),
        (status = 401, description = "No valid token", body = ErrorBody),
    )
)]
pub async fn logout(
    State(state): State<AppState>,
    user: AuthUser,
    parts: axum::http::HeaderMap,
) -> Result<StatusCode, ApiError> {
    let token = parts
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .map(|(_, t)| t.trim().to_owned())
        .unwrap_or_default();
    let mut tx = state.db.read().await?;
    auth::revoke_session(&mut tx, &token).await?;
    tx.commit().await?;
    tracing::info!(user = %user.username, "signed out");
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in user.
#[utoipa::path(
    get,
    path = "/me",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in user", body = UserInfo),
        (status = 401, description = "No valid token", body = ErrorBody),
    )
)]
pub async fn me(user: AuthUser) -> Json<UserInfo> {
    Json(UserInfo::from(&user))
}

impl From<Account> for UserInfo {
    fn from(a: Account) -> Self {
        UserInfo {
            id: a.id,
            username: a.username,
            display_name: a.display_name,
            role: a.role,
            manager_id: a.manager_id,
            territory: a.territory,
        }
    }
}

/// The colleagues the signed-in user may see by name (the phone caches them to show who asked
/// for an approval and who owns a prospect): themself and their manager; a manager also their
/// reports; the owners of prospects shared with them and the other side of their approvals;
/// the assistant the reps and managers; the admin everyone. Ordered by username.
#[utoipa::path(
    get,
    path = "/team",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The users the caller may see by name", body = TeamResponse),
        (status = 401, description = "No valid token", body = ErrorBody),
    )
)]
pub async fn team(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<TeamResponse>, ApiError> {
    let mut tx = state.db.read().await?;
    let team = users::team(&mut tx, &user.id, user.role).await?;
    tx.commit().await?;
    Ok(Json(TeamResponse {
        users: team.into_iter().map(UserInfo::from).collect(),
    }))
}
