//! `POST /api/v1/leads/import`: a CSV lead list (UTF-8 or GBK).

use axum::body::Bytes;
use axum::extract::State;
use axum::Json;

use crate::auth::AuthUser;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use crate::sync::leads::{self, ImportReport};

/// Imports a lead list: columns by header name (zh or en: 公司名称/company, 电话/phone,
/// 联系人/contact, 地区/region, 行业/industry, 来源/source …), de-duplicated by company name +
/// phone, each lead assigned to the rep whose territory equals its region (round robin), else
/// left unassigned.
#[utoipa::path(
    post,
    path = "/leads/import",
    tag = "leads",
    security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv"),
    responses(
        (status = 200, description = "What was imported, duplicated or refused", body = ImportReport),
        (status = 400, description = "Not a CSV with a company column", body = ErrorBody),
        (status = 403, description = "Only the assistant (or admin) imports", body = ErrorBody),
    )
)]
pub async fn import(
    State(state): State<AppState>,
    user: AuthUser,
    body: Bytes,
) -> Result<Json<ImportReport>, ApiError> {
    let report = leads::import(&state.db, &state.write_lock, &user, &body).await?;
    tracing::info!(
        user = %user.username,
        imported = report.imported,
        duplicates = report.duplicates.len(),
        errors = report.errors.len(),
        "lead import"
    );
    Ok(Json(report))
}
