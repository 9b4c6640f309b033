//! `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/me`.

use std::net::SocketAddr;
use std::sync::OnceLock;

use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{self, AuthUser, MAX_FAILURES_PER_ADDR, MAX_FAILURES_PER_USER};
use crate::error::{ApiError, ErrorBody};
use crate::extract::ApiJson;
use crate::password;
use crate::repo::sql::args;
use crate::startup::AppState;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    pub token: String,
    pub user: UserInfo,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserInfo {
    pub id: String,
    pub username: String,
    pub display_name: String,
    #[schema(example = "rep")]
    pub role: String,
    pub manager_id: Option<String>,
    pub territory: Option<String>,
}

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

/// The client's address, when the server knows it (not in `oneshot` unit tests).
pub struct ClientAddr(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string()),
        ))
    }
}

/// A hash to verify against for unknown usernames, so that timing does not reveal them.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash("no such user").expect("hashing works"))
}

#[derive(sqlx::FromRow)]
struct LoginRow {
    id: String,
    username: String,
    display_name: String,
    role: String,
    manager_id: Option<String>,
    territory: Option<String>,
    password_hash: String,
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
    )
)]
pub async fn login(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let username = req.username.trim().to_ascii_lowercase();
    let keys = [
        (format!("user:{username}"), MAX_FAILURES_PER_USER),
        (format!("addr:{addr}"), MAX_FAILURES_PER_ADDR),
    ];
    if let Some(retry_after) = state.limiter.blocked(&keys) {
        return Err(ApiError::TooManyRequests { retry_after });
    }
    let row: Option<LoginRow> = {
        let mut tx = state.db.read().await?;
        tx.opt(
            "SELECT id, username, display_name, role, manager_id, territory, password_hash \
             FROM users WHERE username = $1",
            args![&username],
        )
        .await?
    };
    let stored = row
        .as_ref()
        .map_or_else(|| dummy_hash().to_owned(), |r| r.password_hash.clone());
    let password = req.password;
    let ok = tokio::task::spawn_blocking(move || password::verify(&password, &stored))
        .await
        .unwrap_or(false);
    let row = match row {
        Some(row) if ok => row,
        _ => {
            state.limiter.record_failure(&keys);
            return Err(ApiError::unauthorized("wrong username or password"));
        }
    };
    state.limiter.clear(&keys[0].0);
    let mut tx = state.db.read().await?;
    let token = auth::create_session(&mut tx, &row.id).await?;
    tx.commit().await?;
    let role = row
        .role
        .parse()
        .map_err(|_| ApiError::unauthorized("wrong username or password"))?;
    let user = AuthUser {
        id: row.id,
        username: row.username,
        display_name: row.display_name,
        role,
        manager_id: row.manager_id,
        territory: row.territory,
    };
    tracing::info!(user = %user.username, "signed in");
    Ok(Json(LoginResponse {
        token,
        user: UserInfo::from(&user),
    }))
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
