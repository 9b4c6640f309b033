//! Tombstones: what a user no longer sees, pulled as `data: null`.

use crate::repo::sql::{args, Tx};

/// Writes (or renews) the tombstone of `entity` `entity_id` at `version` for `user_id`.
pub async fn upsert(
    tx: &mut Tx,
    user_id: &str,
    entity: &str,
    entity_id: &str,
    version: i64,
    seq: i64,
) -> Result<(), sqlx::Error> {
    tx.exec(
        "INSERT INTO tombstones (user_id, entity, entity_id, version, seq) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (user_id, entity, entity_id) DO UPDATE SET version = excluded.version, seq = excluded.seq",
        args![user_id, entity, entity_id, version, seq],
    )
    .await
    .map(drop)
}

/// Removes `user_id`'s tombstones of prospect `prospect_id` and of its records.
pub async fn clear_prospect(
    tx: &mut Tx,
    user_id: &str,
    prospect_id: &str,
) -> Result<(), sqlx::Error> {
    tx.exec(
        "DELETE FROM tombstones WHERE user_id = $1 AND entity_id IN \
         (SELECT id FROM records WHERE prospect_id = $2 UNION SELECT $2)",
        args![user_id, prospect_id],
    )
    .await
    .map(drop)
}
