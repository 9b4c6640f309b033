//! `GET /api/v1/health`: liveness including the database, for load balancers and scripts.

use axum::extract::State;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: &'static str,
}

/// Reports whether the server and its database are up.
#[utoipa::path(
    get,
    path = "/health",
    tag = "system",
    responses(
        (status = 200, description = "Server and database are up", body = Health),
        (status = 503, description = "The database does not answer", body = ErrorBody),
    )
)]
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    state
        .db
        .ping()
        .await
        .map_err(ApiError::DatabaseUnavailable)?;
    Ok(Json(Health { status: "ok" }))
}
