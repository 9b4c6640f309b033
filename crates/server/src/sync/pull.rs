//! `GET /api/v1/sync/pull`: the caller's visible changes after a cursor, in seq order.
//!
//! **reset_required**: a cursor greater than the current high-water mark cannot have come
//! from this database (it was restored from a backup or replaced), so the client must refetch
//! from 0. Records that leave a caller's view (a transfer) are served as tombstones
//! (`data: null`), so a visibility change never needs a reset by itself.

use chrono::Utc;
use serde::Serialize;
use serde_json::value::RawValue;
use tuoke_core::cadence::business_date;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::db::Db;
use crate::repo::sql::args;
use crate::sync::records::{ApprovalRow, ProspectRow, APPROVAL_COLUMNS, PROSPECT_COLUMNS};
use crate::sync::{current_seq, visibility};

pub const DEFAULT_LIMIT: i64 = 500;
pub const MAX_LIMIT: i64 = 5_000;

#[derive(Debug, Serialize, ToSchema)]
pub struct PullResponse {
    pub cursor: i64,
    pub has_more: bool,
    pub changes: Vec<Change>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Change {
    /// `prospect`, `note`, `activity`, `approval`, `quote`, `concession`, `objection`, `quiz_attempt`.
    pub entity: String,
    pub id: String,
    pub version: i64,
    /// The record, or null when it left the caller's view.
    #[schema(value_type = Option<Object>)]
    pub data: Option<Box<RawValue>>,
    #[serde(skip)]
    pub seq: i64,
}

pub enum PullError {
    ResetRequired { since: i64, current: i64 },
    Db(sqlx::Error),
}

impl From<sqlx::Error> for PullError {
    fn from(e: sqlx::Error) -> Self {
        PullError::Db(e)
    }
}

fn raw(value: &serde_json::Value) -> Result<Box<RawValue>, sqlx::Error> {
    serde_json::value::to_raw_value(value).map_err(|e| sqlx::Error::Decode(e.to_string().into()))
}

pub async fn pull(
    db: &Db,
    user: &AuthUser,
    since: i64,
    limit: i64,
) -> Result<PullResponse, PullError> {
    let mut tx = db.read().await?;
    let current = current_seq(&mut tx).await?;
    if since > current {
        return Err(PullError::ResetRequired { since, current });
    }
    let fetch = limit + 1;
    let today = business_date(Utc::now());
    let mut changes = Vec::new();

    let sql = format!(
        "SELECT {PROSPECT_COLUMNS} FROM prospects p WHERE p.seq > $2 AND p.seq <= $3 AND {} \
         ORDER BY p.seq LIMIT $4",
        visibility::prospect(user.role)
    );
    let rows: Vec<ProspectRow> = tx.all(&sql, args![&user.id, since, current, fetch]).await?;
    for row in rows {
        changes.push(Change {
            entity: "prospect".into(),
            data: Some(raw(&row.to_json(today)?)?),
            id: row.id,
            version: row.version,
            seq: row.seq,
        });
    }

    // Records on a prospect, then the caller's own records without one (quiz attempts): two
    // statements, so that neither condition hides the other's index behind an `OR`.
    let record_conditions = visibility::deal_record(user.role)
        .into_iter()
        .chain([visibility::own_record(user.role)]);
    for condition in record_conditions {
        let sql = format!(
            "SELECT r.id, r.entity, r.data, r.version, r.seq FROM records r \
             WHERE r.seq > $2 AND r.seq <= $3 AND {condition} ORDER BY r.seq LIMIT $4"
        );
        let rows: Vec<(String, String, String, i64, i64)> =
            tx.all(&sql, args![&user.id, since, current, fetch]).await?;
        for (id, entity, data, version, seq) in rows {
            let data = RawValue::from_string(data)
                .map_err(|e| sqlx::Error::Decode(e.to_string().into()))?;
            changes.push(Change {
                entity,
                id,
                version,
                data: Some(data),
                seq,
            });
        }
    }

    let sql = format!(
        "SELECT {APPROVAL_COLUMNS} FROM approvals a WHERE a.seq > $2 AND a.seq <= $3 AND {} \
         ORDER BY a.seq LIMIT $4",
        visibility::approval(user.role)
    );
    let rows: Vec<ApprovalRow> = tx.all(&sql, args![&user.id, since, current, fetch]).await?;
    for row in rows {
        changes.push(Change {
            entity: "approval".into(),
            data: Some(raw(&row.to_json())?),
            id: row.id,
            version: row.version,
            seq: row.seq,
        });
    }

    let rows: Vec<(String, String, i64, i64)> = tx
        .all(
            "SELECT entity, entity_id, version, seq FROM tombstones \
             WHERE user_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4",
            args![&user.id, since, current, fetch],
        )
        .await?;
    for (entity, id, version, seq) in rows {
        changes.push(Change {
            entity,
            id,
            version,
            data: None,
            seq,
        });
    }
    drop(tx);

    // Each source returned its lowest `limit + 1` rows, so the merged first `limit` rows are
    // exactly the lowest `limit` changes overall.
    changes.sort_by_key(|c| c.seq);
    let has_more = changes.len() as i64 > limit;
    changes.truncate(limit as usize);
    let cursor = match changes.last() {
        Some(last) if has_more => last.seq,
        _ => current,
    };
    Ok(PullResponse {
        cursor,
        has_more,
        changes,
    })
}
