//! Prospects shared with colleagues (reps and managers) besides their owner.

use crate::repo::sql::{args, Tx};

/// Whether prospect `prospect_id` is shared with user `user_id`.
pub async fn is_shared(tx: &mut Tx, prospect_id: &str, user_id: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = tx
        .opt(
            "SELECT user_id FROM prospect_shares WHERE prospect_id = $1 AND user_id = $2",
            args![prospect_id, user_id],
        )
        .await?;
    Ok(row.is_some())
}

/// The users prospect `prospect_id` is shared with.
pub async fn users_of(tx: &mut Tx, prospect_id: &str) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = tx
        .all(
            "SELECT user_id FROM prospect_shares WHERE prospect_id = $1",
            args![prospect_id],
        )
        .await?;
    Ok(rows.into_iter().map(|(user,)| user).collect())
}

pub async fn insert(tx: &mut Tx, prospect_id: &str, user_id: &str) -> Result<(), sqlx::Error> {
    tx.exec(
        "INSERT INTO prospect_shares (prospect_id, user_id) VALUES ($1, $2)",
        args![prospect_id, user_id],
    )
    .await
    .map(drop)
}

pub async fn delete(tx: &mut Tx, prospect_id: &str, user_id: &str) -> Result<(), sqlx::Error> {
    tx.exec(
        "DELETE FROM prospect_shares WHERE prospect_id = $1 AND user_id = $2",
        args![prospect_id, user_id],
    )
    .await
    .map(drop)
}
