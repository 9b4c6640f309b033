//! `GET /api/v1/price-list` and `PUT /api/v1/price-list`: the price list every quote is built
//! from (issue 19), one version per change, every version kept.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use serde::Deserialize;
use tuoke_core::pricing::PriceListInput;
use tuoke_sync::protocol::PriceListResponse;
use utoipa::IntoParams;

use crate::auth::AuthUser;
use crate::domain::Role;
use crate::error::{ApiError, ErrorBody};
use crate::extract::parse_json;
use crate::repo::price_lists::StoredPriceList;
use crate::state::AppState;

/// The code of a 404: no price list stored yet, or no such version.
pub const NO_PRICE_LIST: &str = "no_price_list";

#[derive(Debug, Deserialize, IntoParams)]
pub struct PriceListParams {
    /// A given version (1, 2, …) instead of the current one.
    pub version: Option<u32>,
}

fn response(stored: StoredPriceList) -> PriceListResponse {
    PriceListResponse {
        price_list: stored.list,
        set_by: stored.set_by,
        set_by_username: stored.set_by_username,
        set_at: stored.set_at,
    }
}

/// The current price list (or `?version=N`), with who stored it when. Any signed-in user:
/// the phone keeps it offline to build quotes from.
#[utoipa::path(
    get,
    path = "/price-list",
    tag = "pricing",
    security(("bearer" = [])),
    params(PriceListParams),
    responses(
        (status = 200, description = "The price list", body = PriceListResponse),
        (status = 400, description = "`version` is not a positive whole number (`invalid_query`)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No price list yet, or no such version (`no_price_list`)", body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    _user: AuthUser,
    params: Result<Query<PriceListParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<PriceListResponse>, ApiError> {
    let Query(params) =
        params.map_err(|e| ApiError::bad_request("invalid_query", e.body_text()))?;
    let stored = match params.version {
        Some(version) => state.db.price_list(version).await?.ok_or_else(|| {
            ApiError::client(
                StatusCode::NOT_FOUND,
                NO_PRICE_LIST,
                format!("no price list version {version}"),
            )
        })?,
        None => state.db.current_price_list().await?.ok_or_else(|| {
            ApiError::client(
                StatusCode::NOT_FOUND,
                NO_PRICE_LIST,
                "no price list has been stored yet",
            )
        })?,
    };
    Ok(Json(response(stored)))
}

/// Stores a new price list (managers and admins): the body is the list without its version;
/// the core's check refuses a bad one with its code (`no_modules`, `duplicate_code`,
/// `negative_price` …). The server numbers it current + 1 and answers the stored list; older
/// versions stay readable, so quotes built from them never change.
#[utoipa::path(
    put,
    path = "/price-list",
    tag = "pricing",
    security(("bearer" = [])),
    request_body(content = Object, description = "`{\"currency\":\"CNY\",\"day_rate_cny\",\"modules\":[…]}`: the list without `version`"),
    responses(
        (status = 200, description = "Stored as the next version", body = PriceListResponse),
        (status = 400, description = "Not JSON (`invalid_json`), a wrong shape (`invalid_body`) or refused by the core's check (its code)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Only managers and admins set prices (`forbidden`)", body = ErrorBody),
        (status = 413, description = "Body over 1 MiB", body = ErrorBody),
    )
)]
pub async fn put(
    State(state): State<AppState>,
    user: AuthUser,
    body: Bytes,
) -> Result<Json<PriceListResponse>, ApiError> {
    if !matches!(user.role, Role::Manager | Role::Admin) {
        return Err(ApiError::forbidden(
            "only managers and admins may change the price list",
        ));
    }
    let input: PriceListInput = parse_json(&body)?;
    input
        .check()
        .map_err(|e| ApiError::bad_request(e.code(), e.to_string()))?;
    let stored = state
        .db
        .store_price_list(&input, Some(&user.id), Utc::now())
        .await?;
    tracing::info!(
        user = %user.username,
        version = stored.list.version,
        modules = stored.list.modules.len(),
        "price list stored"
    );
    Ok(Json(response(stored)))
}
