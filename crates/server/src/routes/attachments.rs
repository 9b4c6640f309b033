//! `PUT /api/v1/attachments/{id}` and `GET /api/v1/attachments/{id}`: note photos, stored in
//! the database. Only the uploader and those who may see a note referencing the attachment
//! get the bytes; anyone else gets 404, as if it did not exist.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::error::{ApiError, ErrorBody};
use crate::repo::sql::args;
use crate::startup::AppState;
use crate::sync::visibility;

/// Largest accepted attachment (API.md).
pub const ATTACHMENT_LIMIT: usize = 10 * 1024 * 1024;

const TYPES: [(&str, &[u8]); 3] = [
    ("image/jpeg", b"\xFF\xD8\xFF"),
    ("image/png", b"\x89PNG\r\n\x1a\n"),
    ("image/webp", b"RIFF"),
];

fn parse_id(id: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(id).map_err(|_| ApiError::bad_request("invalid_path", "id: not a UUID"))
}

/// Uploads an image (idempotent by id).
#[utoipa::path(
    put,
    path = "/attachments/{id}",
    tag = "attachments",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Attachment id, chosen by the client")),
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    responses(
        (status = 201, description = "Stored"),
        (status = 200, description = "Already stored (same uploader)"),
        (status = 400, description = "The bytes are not the declared image type", body = ErrorBody),
        (status = 409, description = "The id belongs to another user's attachment", body = ErrorBody),
        (status = 413, description = "Over 10 MiB", body = ErrorBody),
        (status = 415, description = "Not image/jpeg, image/png or image/webp", body = ErrorBody),
    )
)]
pub async fn put(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let id = parse_id(&id)?.to_string();
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let Some((_, magic)) = TYPES.iter().find(|(t, _)| *t == content_type) else {
        return Err(ApiError::client(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Content-Type must be image/jpeg, image/png or image/webp",
        ));
    };
    if !body.starts_with(magic)
        || (content_type == "image/webp" && body.get(8..12) != Some(b"WEBP"))
    {
        return Err(ApiError::bad_request(
            "invalid_image",
            format!("the body is not a {content_type} image"),
        ));
    }
    let mut tx = state.db.read().await?;
    let existing: Option<(String,)> = tx
        .opt(
            "SELECT uploader_id FROM attachments WHERE id = $1",
            args![&id],
        )
        .await?;
    if let Some((uploader,)) = existing {
        return if uploader == user.id {
            Ok(StatusCode::OK)
        } else {
            Err(ApiError::client(
                StatusCode::CONFLICT,
                "conflict",
                "attachment id already taken",
            ))
        };
    }
    let claimed: Option<(String,)> = tx
        .opt(
            "SELECT author_id FROM note_attachments WHERE attachment_id = $1",
            args![&id],
        )
        .await?;
    if claimed.is_some_and(|(author,)| author != user.id) {
        return Err(ApiError::client(
            StatusCode::CONFLICT,
            "conflict",
            "attachment id belongs to another user's note",
        ));
    }
    let inserted = tx
        .exec(
            "INSERT INTO attachments (id, uploader_id, content_type, size, bytes, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
            args![
                &id,
                &user.id,
                content_type,
                body.len() as i64,
                body.to_vec(),
                Utc::now()
            ],
        )
        .await?;
    tx.commit().await?;
    Ok(if inserted == 1 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    })
}

/// Downloads an image: only to its uploader and those who may see a note referencing it.
#[utoipa::path(
    get,
    path = "/attachments/{id}",
    tag = "attachments",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Attachment id")),
    responses(
        (status = 200, description = "The image bytes", content_type = "image/jpeg"),
        (status = 404, description = "No such attachment visible to the caller", body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?.to_string();
    let mut tx = state.db.read().await?;
    let row: Option<(String, String, Vec<u8>)> = tx
        .opt(
            "SELECT uploader_id, content_type, bytes FROM attachments WHERE id = $1",
            args![&id],
        )
        .await?;
    let not_found = || ApiError::not_found(format!("no attachment {id}"));
    let Some((uploader, content_type, bytes)) = row else {
        return Err(not_found());
    };
    if uploader != user.id {
        // Notes always belong to a prospect: visible with their deal (never to the assistant).
        let Some(condition) = visibility::deal_record(user.role) else {
            return Err(not_found());
        };
        let sql = format!(
            "SELECT r.id FROM note_attachments n JOIN records r ON r.id = n.note_id \
             WHERE n.attachment_id = $2 AND n.author_id = $3 AND {condition} LIMIT 1"
        );
        let visible: Option<(String,)> = tx.opt(&sql, args![&user.id, &id, &uploader]).await?;
        if visible.is_none() {
            return Err(not_found());
        }
    }
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (
                header::CACHE_CONTROL,
                "private, max-age=31536000, immutable".to_owned(),
            ),
        ],
        bytes,
    )
        .into_response())
}
