//! `POST /api/v1/sync/push` and `GET /api/v1/sync/pull`.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::AuthUser;
use crate::error::{ApiError, ErrorBody};
use crate::extract::ApiJson;
use crate::state::AppState;
use crate::sync::pull::{self, PullError, PullResponse, DEFAULT_LIMIT, MAX_LIMIT};
use tuoke_sync::protocol::{MutationStatus, PushRequest, PushResponse};

/// Applies a batch of client mutations in order.
#[utoipa::path(
    post,
    path = "/sync/push",
    tag = "sync",
    security(("bearer" = [])),
    request_body = PushRequest,
    responses(
        (status = 200, description = "One result per mutation, in order", body = PushResponse),
        (status = 400, description = "Malformed batch (not the mutations' args)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 413, description = "Body over 1 MiB", body = ErrorBody),
        (status = 503, description = "Transient failure; nothing was applied, retry", body = ErrorBody),
    )
)]
pub async fn push(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(request): ApiJson<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    let started = std::time::Instant::now();
    let client_id = request.client_id;
    let results = state
        .push_queue()
        .push(user.clone(), request)
        .await
        .map_err(|_logged| {
            ApiError::client(
                StatusCode::SERVICE_UNAVAILABLE,
                "database_unavailable",
                "the push was not applied; retry later",
            )
        })?;
    tracing::info!(
        user = %user.username,
        client = %client_id,
        mutations = results.len(),
        rejected = results
            .iter()
            .filter(|r| r.status == MutationStatus::Rejected)
            .count(),
        ms = started.elapsed().as_millis() as u64,
        "push"
    );
    Ok(Json(PushResponse { results }))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct PullParams {
    /// The cursor of the previous pull; 0 for everything.
    pub since: Option<i64>,
    /// Most changes to return (1–5000, default 500).
    pub limit: Option<i64>,
}

/// The caller's visible changes after `since`.
#[utoipa::path(
    get,
    path = "/sync/pull",
    tag = "sync",
    security(("bearer" = [])),
    params(PullParams),
    responses(
        (status = 200, description = "Changes in order; repeat with `cursor` while has_more", body = PullResponse),
        (status = 400, description = "Bad since or limit", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 409, description = "reset_required: refetch from 0", body = ErrorBody),
    )
)]
pub async fn pull(
    State(state): State<AppState>,
    user: AuthUser,
    params: Result<Query<PullParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<PullResponse>, ApiError> {
    let Query(params) =
        params.map_err(|e| ApiError::bad_request("invalid_query", e.body_text()))?;
    let since = params.since.unwrap_or(0);
    if since < 0 {
        return Err(ApiError::bad_request(
            "invalid_query",
            "since: must not be negative",
        ));
    }
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::bad_request(
            "invalid_query",
            format!("limit: must be 1 to {MAX_LIMIT}"),
        ));
    }
    match pull::pull(&state.db, &user, since, limit).await {
        Ok(response) => Ok(Json(response)),
        Err(PullError::Db(e)) => Err(e.into()),
        Err(PullError::ResetRequired { since, current }) => Err(ApiError::client(
            StatusCode::CONFLICT,
            "reset_required",
            format!("cursor {since} is ahead of this server ({current}); pull again from 0"),
        )),
    }
}
