//! Records attached to prospects or users (notes, activities, quotes, concessions, objections,
//! quiz attempts), stored as JSON by entity.

use chrono::{DateTime, Utc};

use crate::repo::sql::{args, Tx};

/// A new record (version 1).
pub struct Insert<'a> {
    pub id: String,
    pub entity: &'a str,
    pub prospect_id: Option<String>,
    pub author_id: &'a str,
    /// The record as JSON.
    pub data: String,
    pub now: DateTime<Utc>,
    pub seq: i64,
}

/// Inserts a record; false (nothing written) when its id is already taken.
pub async fn insert(tx: &mut Tx, new: Insert<'_>) -> Result<bool, sqlx::Error> {
    tx.exec(
        "INSERT INTO records (id, entity, prospect_id, author_id, data, created_at, version, seq) \
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7) ON CONFLICT (id) DO NOTHING",
        args![
            new.id,
            new.entity,
            new.prospect_id,
            new.author_id,
            new.data,
            new.now,
            new.seq
        ],
    )
    .await
    .map(|rows| rows == 1)
}

/// The data (JSON) of record `id`, if it is stored.
pub async fn data(tx: &mut Tx, id: &str) -> Result<Option<String>, sqlx::Error> {
    let found: Option<(String,)> = tx
        .opt("SELECT data FROM records WHERE id = $1", args![id])
        .await?;
    Ok(found.map(|(data,)| data))
}

/// Stores the data (JSON) of record `id`, as a new version.
pub async fn set_data(tx: &mut Tx, id: &str, data: String, seq: i64) -> Result<(), sqlx::Error> {
    tx.exec(
        "UPDATE records SET data = $1, version = version + 1, seq = $2 WHERE id = $3",
        args![data, seq, id],
    )
    .await
    .map(drop)
}

/// The data (JSON) of the `entity` records of a prospect, oldest first.
pub async fn all_of(
    tx: &mut Tx,
    prospect_id: &str,
    entity: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = tx
        .all(
            "SELECT data FROM records WHERE prospect_id = $1 AND entity = $2 \
             ORDER BY created_at, id",
            args![prospect_id, entity],
        )
        .await?;
    Ok(rows.into_iter().map(|(data,)| data).collect())
}

/// The data (JSON) of the latest `entity` record of a prospect.
pub async fn latest_of(
    tx: &mut Tx,
    prospect_id: &str,
    entity: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = tx
        .opt(
            "SELECT data FROM records WHERE prospect_id = $1 AND entity = $2 \
             ORDER BY created_at DESC, id DESC LIMIT 1",
            args![prospect_id, entity],
        )
        .await?;
    Ok(row.map(|(data,)| data))
}

/// The records of prospect `prospect_id` (id, entity, version), in change order.
pub async fn of_prospect(
    tx: &mut Tx,
    prospect_id: &str,
) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    tx.all(
        "SELECT id, entity, version FROM records WHERE prospect_id = $1 ORDER BY seq",
        args![prospect_id],
    )
    .await
}

/// Renumbers record `id` (so that it is pulled again), without a new version.
pub async fn set_seq(tx: &mut Tx, id: &str, seq: i64) -> Result<(), sqlx::Error> {
    tx.exec("UPDATE records SET seq = $1 WHERE id = $2", args![seq, id])
        .await
        .map(drop)
}
