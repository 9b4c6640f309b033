//! Authentication: opaque bearer tokens and login rate limiting.
//!
//! A token is 32 random bytes, base64url; only its SHA-256 is stored (a stolen database holds
//! no usable token), so lookup by hash is also the constant-time comparison. Sessions expire
//! after [`SESSION_TTL`] and are revoked by logout. Login attempts go through a
//! [`LoginGuard`] (module [`login_guard`]): failures are counted per (account, client address)
//! and per client address in memory, and password checks are bounded; see there.

pub mod client_addr;
pub mod login_guard;

pub use client_addr::{IpNet, IpNetError, TrustedProxies};
pub use login_guard::*;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use base64::Engine;
use chrono::Utc;
use sha2::{Digest, Sha256};

use crate::db::Db;
use crate::domain::Role;
use crate::error::ApiError;
use crate::repo::sessions;
use crate::repo::sql::Tx;
use crate::repo::users::Account;

pub const SESSION_TTL: chrono::TimeDelta = chrono::TimeDelta::days(30);

/// A new random token (43 characters of base64url).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the OS random source is available");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Hex SHA-256 of a token: what the sessions table stores.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The signed-in user of a request.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub manager_id: Option<String>,
    pub territory: Option<String>,
}

impl AuthUser {
    /// The user of a stored account; `None` if its role is none this server knows (a row the
    /// schema should have prevented).
    pub fn from_account(account: Account) -> Option<AuthUser> {
        let role = account.role.parse().ok()?;
        Some(AuthUser {
            id: account.id,
            username: account.username,
            display_name: account.display_name,
            role,
            manager_id: account.manager_id,
            territory: account.territory,
        })
    }
}

/// The bearer token of a request, if any.
pub fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// The signed-in user of a request, from its bearer token. Any state that holds the database
/// provides it (the server's is [`AppState`](crate::state::AppState)).
impl<S> FromRequestParts<S> for AuthUser
where
    Db: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let token = bearer(parts)
            .ok_or_else(|| ApiError::unauthorized("missing Authorization: Bearer token"))?;
        let unknown = || ApiError::unauthorized("unknown or expired token");
        let session = Db::from_ref(state)
            .find_session(&token_hash(token))
            .await?
            .ok_or_else(unknown)?;
        if session.revoked_at.is_some() || session.expires_at <= Utc::now() {
            return Err(unknown());
        }
        AuthUser::from_account(session.account).ok_or_else(unknown)
    }
}

/// Stores a new session for `user_id`; returns the token (shown once, never stored).
pub async fn create_session(tx: &mut Tx, user_id: &str) -> Result<String, sqlx::Error> {
    let token = new_token();
    let now = Utc::now();
    sessions::insert(tx, &token_hash(&token), user_id, now, now + SESSION_TTL).await?;
    Ok(token)
}

pub async fn revoke_session(tx: &mut Tx, token: &str) -> Result<(), sqlx::Error> {
    sessions::revoke(tx, &token_hash(token), Utc::now()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_eq!(token_hash(&a).len(), 64);
    }
}
