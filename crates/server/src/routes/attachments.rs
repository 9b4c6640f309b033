//! `PUT /api/v1/attachments/{id}` and `GET /api/v1/attachments/{id}`: note photos, stored in
//! the database. Only the uploader and those who may see a note referencing the attachment
//! get the bytes; anyone else gets 404, as if it did not exist.
//!
//! An upload is decoded before it is stored (JPEG, PNG or WebP, within size limits), so the
//! bytes are an image of the declared type and are served as such. Per-user quotas bound what
//! one account can store, and `serve` deletes old photos that no note references
//! ([`start_orphan_sweep`]). The SQL is in [`crate::repo::attachments`].

use std::io::Cursor;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{TimeDelta, Utc};
use image::{ImageFormat, ImageReader, Limits};
use tokio::sync::Semaphore;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::Db;
use crate::error::{ApiError, ErrorBody};
use crate::repo::attachments::{self as repo, NewAttachment, Usage};
use crate::state::AppState;
use crate::sync::visibility;

/// Largest accepted attachment (API.md).
pub const ATTACHMENT_LIMIT: usize = 10 * 1024 * 1024;

/// Per user, photos that no note references yet: a phone uploads a note's photos just before
/// the note, so a few are normal; many are a client that never sends notes (or an abuser).
/// Over this the upload gets 429, and the phone retries after pushing its notes. High enough
/// for a long offline backlog (photos are JPEGs of a few hundred KB; the phone uploads all
/// its pending photos before pushing their notes).
pub const UNREFERENCED_FILES_QUOTA: i64 = 500;
pub const UNREFERENCED_BYTES_QUOTA: i64 = 200 * 1024 * 1024;
/// Per user, all stored photos: over this an upload gets 413 (it would not succeed later).
pub const TOTAL_BYTES_QUOTA: i64 = 2 * 1024 * 1024 * 1024;
/// Orphans (photos no note references) younger than this are kept: their note may be on its way.
pub const ORPHAN_GRACE: TimeDelta = TimeDelta::days(7);
/// How often `serve` deletes old orphans (and once at start).
pub const SWEEP_EVERY: Duration = Duration::from_secs(60 * 60);

/// Photos decoded at once: decoding is CPU- and memory-heavy and runs off the async threads.
static DECODES: Semaphore = Semaphore::const_new(2);
/// Largest decoded image: a phone's photo is resized to at most 1,600 px before upload, a
/// camera's original is under 10,000 px; the allocation bound stops decompression bombs.
const MAX_SIDE: u32 = 10_000;
const MAX_DECODE_ALLOC: u64 = 128 * 1024 * 1024;

fn parse_id(id: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(id).map_err(|_| ApiError::bad_request("invalid_path", "id: not a UUID"))
}

/// The declared type, lowercased without parameters, if it is one we store.
fn declared_type(headers: &HeaderMap) -> Option<&'static str> {
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())?
        .split(';')
        .next()?
        .trim()
        .to_ascii_lowercase();
    ["image/jpeg", "image/png", "image/webp"]
        .into_iter()
        .find(|t| *t == declared)
}

/// Decodes `bytes` completely and returns their true type, or why they are no image we take.
pub fn decode(bytes: &[u8]) -> Result<&'static str, String> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let content_type = match reader.format() {
        Some(ImageFormat::Jpeg) => "image/jpeg",
        Some(ImageFormat::Png) => "image/png",
        Some(ImageFormat::WebP) => "image/webp",
        _ => return Err("not a JPEG, PNG or WebP image".to_owned()),
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    reader.limits(limits);
    reader.decode().map_err(|e| e.to_string())?;
    Ok(content_type)
}

/// [`decode`] on the blocking pool, at most [`DECODES`] at a time.
async fn decode_off_thread(body: Bytes) -> Result<Result<&'static str, String>, ApiError> {
    let _permit = DECODES.acquire().await.map_err(|_| busy())?;
    tokio::task::spawn_blocking(move || decode(&body))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "decoding an uploaded image failed");
            busy()
        })
}

fn busy() -> ApiError {
    ApiError::client(
        StatusCode::SERVICE_UNAVAILABLE,
        "service_unavailable",
        "the server is busy or took too long; retry later",
    )
}

/// The refusal for an upload of `size` bytes by a user who stores `usage`, if any.
pub fn over_quota(usage: Usage, size: i64) -> Option<ApiError> {
    if usage.total_bytes + size > TOTAL_BYTES_QUOTA {
        return Some(ApiError::client(
            StatusCode::PAYLOAD_TOO_LARGE,
            "attachment_quota_exceeded",
            format!(
                "your photos take the {} GiB this server keeps per user: no more can be stored",
                TOTAL_BYTES_QUOTA / (1024 * 1024 * 1024)
            ),
        ));
    }
    if usage.unreferenced_files + 1 > UNREFERENCED_FILES_QUOTA
        || usage.unreferenced_bytes + size > UNREFERENCED_BYTES_QUOTA
    {
        return Some(ApiError::client(
            StatusCode::TOO_MANY_REQUESTS,
            "attachment_quota_exceeded",
            format!(
                "too many photos uploaded that no note references yet (at most \
                 {UNREFERENCED_FILES_QUOTA} photos or {} MiB): sync your notes first, then upload again",
                UNREFERENCED_BYTES_QUOTA / (1024 * 1024)
            ),
        ));
    }
    None
}

/// Deletes old orphans now and every [`SWEEP_EVERY`] (started by `serve`).
pub fn start_orphan_sweep(db: Db) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(SWEEP_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            match db.sweep_orphan_attachments(Utc::now(), ORPHAN_GRACE).await {
                Ok(0) => {}
                Ok(deleted) => tracing::info!(deleted, "deleted photos that no note references"),
                Err(e) => tracing::warn!(error = %e, "cannot delete unreferenced photos"),
            }
        }
    })
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
        (status = 400, description = "The bytes do not decode as an image of the declared type (`invalid_image`)", body = ErrorBody),
        (status = 409, description = "The id belongs to another user's attachment", body = ErrorBody),
        (status = 413, description = "Over 10 MiB, or the user's photos already take 2 GiB (`attachment_quota_exceeded`)", body = ErrorBody),
        (status = 415, description = "Not image/jpeg, image/png or image/webp", body = ErrorBody),
        (status = 429, description = "Too many photos that no note references yet (`attachment_quota_exceeded`): push the notes first", body = ErrorBody),
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
    let Some(declared) = declared_type(&headers) else {
        return Err(ApiError::client(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Content-Type must be image/jpeg, image/png or image/webp",
        ));
    };
    // Cheap checks first: a repeated upload or a taken id needs no decoding.
    let mut tx = state.db.read().await?;
    if let Some(uploader) = repo::uploader(&mut tx, &id).await? {
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
    if repo::referencing_author(&mut tx, &id)
        .await?
        .is_some_and(|author| author != user.id)
    {
        return Err(ApiError::client(
            StatusCode::CONFLICT,
            "conflict",
            "attachment id belongs to another user's note",
        ));
    }
    if let Some(refusal) = over_quota(repo::usage(&mut tx, &user.id).await?, body.len() as i64) {
        return Err(refusal);
    }
    // Not held while decoding (a database connection each).
    drop(tx);
    match decode_off_thread(body.clone()).await? {
        Ok(actual) if actual == declared => {}
        Ok(actual) => {
            return Err(ApiError::bad_request(
                "invalid_image",
                format!("the body is a {actual} image, not {declared}"),
            ))
        }
        Err(reason) => {
            return Err(ApiError::bad_request(
                "invalid_image",
                format!("the body is not a valid {declared} image: {reason}"),
            ))
        }
    }
    let mut tx = state.db.read().await?;
    let inserted = repo::insert(
        &mut tx,
        NewAttachment {
            id: &id,
            uploader_id: &user.id,
            content_type: declared,
            bytes: &body,
            now: Utc::now(),
        },
    )
    .await?;
    if !inserted {
        // Stored meanwhile (while this one was decoded): by whom?
        if repo::uploader(&mut tx, &id)
            .await?
            .is_some_and(|u| u != user.id)
        {
            return Err(ApiError::client(
                StatusCode::CONFLICT,
                "conflict",
                "attachment id already taken",
            ));
        }
        return Ok(StatusCode::OK);
    }
    tx.commit().await?;
    Ok(StatusCode::CREATED)
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
    let not_found = || ApiError::not_found(format!("no attachment {id}"));
    let Some(stored) = repo::find(&mut tx, &id).await? else {
        return Err(not_found());
    };
    if stored.uploader_id != user.id {
        // Notes always belong to a prospect: visible with their deal (never to the assistant).
        let Some(condition) = visibility::deal_record(user.role) else {
            return Err(not_found());
        };
        if !repo::visible_through_note(&mut tx, condition, &user.id, &id, &stored.uploader_id)
            .await?
        {
            return Err(not_found());
        }
    }
    // The type was found by decoding the upload; nosniff (on every response, see `security`)
    // keeps a browser from reading the bytes as anything else.
    let content_type = HeaderValue::from_str(&stored.content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=31536000, immutable"),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        stored.bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(format: ImageFormat) -> Vec<u8> {
        let image = image::RgbImage::from_fn(8, 8, |x, y| image::Rgb([x as u8 * 30, y as u8, 9]));
        let mut bytes = Cursor::new(Vec::new());
        image.write_to(&mut bytes, format).unwrap();
        bytes.into_inner()
    }

    #[test]
    fn only_images_that_decode_are_accepted_with_their_true_type() {
        assert_eq!(decode(&encoded(ImageFormat::Jpeg)), Ok("image/jpeg"));
        assert_eq!(decode(&encoded(ImageFormat::Png)), Ok("image/png"));
        assert_eq!(decode(&encoded(ImageFormat::WebP)), Ok("image/webp"));
        let html = [
            &b"\xFF\xD8\xFF\xE0"[..],
            b"<html><script>alert(1)</script></html>",
        ]
        .concat();
        assert!(decode(&html).is_err());
        let mut truncated = encoded(ImageFormat::Png);
        truncated.truncate(truncated.len() / 2);
        assert!(decode(&truncated).is_err());
        assert!(decode(b"GIF89a").is_err());
        assert!(decode(b"").is_err());
    }

    #[test]
    fn a_decompression_bomb_is_refused_before_it_is_decoded() {
        // A valid PNG header announcing 20,000 × 20,000 pixels (1.2 GB decoded).
        let mut png = encoded(ImageFormat::Png);
        png[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        png[20..24].copy_from_slice(&20_000u32.to_be_bytes());
        let crc = crc32(&png[12..29]);
        png[29..33].copy_from_slice(&crc.to_be_bytes());
        let error = decode(&png).unwrap_err();
        assert!(error.to_lowercase().contains("limit"), "{error}");
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn quotas_refuse_with_their_own_code() {
        assert!(over_quota(Usage::default(), 1000).is_none());
        let many = Usage {
            unreferenced_files: UNREFERENCED_FILES_QUOTA,
            ..Usage::default()
        };
        let refusal = over_quota(many, 1).unwrap();
        assert_eq!(refusal.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(refusal.code(), "attachment_quota_exceeded");
        assert!(refusal.to_string().contains("sync your notes first"));
        let heavy = Usage {
            unreferenced_bytes: UNREFERENCED_BYTES_QUOTA - 10,
            ..Usage::default()
        };
        assert!(over_quota(heavy, 10).is_none());
        assert_eq!(
            over_quota(heavy, 11).unwrap().status(),
            StatusCode::TOO_MANY_REQUESTS
        );
        let full = Usage {
            total_bytes: TOTAL_BYTES_QUOTA,
            ..Usage::default()
        };
        let refusal = over_quota(full, 1).unwrap();
        assert_eq!(refusal.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(refusal.code(), "attachment_quota_exceeded");
    }
}
