//! `GET /api/v1/prospects/{id}/history` and `POST /api/v1/prospects/{id}/transfer`.

use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::ApiJson;
use crate::state::AppState;
use crate::sync::leads::{self, HistoryEntry, TransferResult};

fn parse_id(id: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(id).map_err(|_| ApiError::bad_request("invalid_path", "id: not a UUID"))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct HistoryParams {
    /// Only entries older than this entry id (to page back from the oldest entry shown).
    pub before: Option<i64>,
}

/// Every overwritten value of a prospect, oldest first, with who and when: the newest 1,000
/// entries (at most 8 MiB of values) before `before`.
#[utoipa::path(
    get,
    path = "/prospects/{id}/history",
    tag = "prospects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Prospect id"), HistoryParams),
    responses(
        (status = 200, description = "Field history", body = [HistoryEntry]),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such prospect visible to the caller", body = ErrorBody),
    )
)]
pub async fn history(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    params: Result<Query<HistoryParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<HistoryEntry>>, ApiError> {
    let id = parse_id(&id)?;
    let Query(params) =
        params.map_err(|e| ApiError::bad_request("invalid_query", e.body_text()))?;
    leads::history(&state.db, &user, id, params.before)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no prospect {id}")))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferRequest {
    /// Username of the new owner (a rep or a manager).
    pub to: String,
}

/// Hands a prospect, with its notes, activities and history, to another rep.
#[utoipa::path(
    post,
    path = "/prospects/{id}/transfer",
    tag = "prospects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Prospect id")),
    request_body = TransferRequest,
    responses(
        (status = 200, description = "Transferred", body = TransferResult),
        (status = 400, description = "Unknown target user", body = ErrorBody),
        (status = 403, description = "Not allowed to transfer it", body = ErrorBody),
        (status = 404, description = "No such prospect visible to the caller", body = ErrorBody),
    )
)]
pub async fn transfer(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<TransferRequest>,
) -> Result<Json<TransferResult>, ApiError> {
    let id = parse_id(&id)?;
    let result = leads::transfer(&state.db, &state.write_lock, &user, id, &req.to).await?;
    tracing::info!(user = %user.username, prospect = %id, to = %req.to, "transfer");
    Ok(Json(result))
}
