//! `GET /api/v1/prospects/{id}/history` and `POST /api/v1/prospects/{id}/transfer`.

use axum::extract::{Path, State};
use axum::Json;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::ApiJson;
use crate::startup::AppState;
use crate::sync::leads::{self, HistoryEntry, TransferResult};

fn parse_id(id: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(id).map_err(|_| ApiError::bad_request("invalid_path", "id: not a UUID"))
}

/// Every overwritten value of a prospect, oldest first, with who and when.
#[utoipa::path(
    get,
    path = "/prospects/{id}/history",
    tag = "prospects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Prospect id")),
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
) -> Result<Json<Vec<HistoryEntry>>, ApiError> {
    let id = parse_id(&id)?;
    leads::history(&state.db, &user, id)
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
