//! The `sync_seq` row: the high-water mark of the change sequence (see [`crate::sync`] for
//! how writers serialise on it).

use crate::repo::sql::{args, Tx};

/// Locks the sequence row and returns its value. Must be the first statement of a write
/// transaction: on SQLite a write as the first statement takes the write lock before any read
/// snapshot exists, so the transaction can never fail to upgrade later.
pub async fn lock(tx: &mut Tx) -> Result<i64, sqlx::Error> {
    let (last,): (i64,) = tx
        .one(
            "UPDATE sync_seq SET value = value WHERE id = 1 RETURNING value",
            args![],
        )
        .await?;
    Ok(last)
}

/// Writes the high-water mark `last`.
pub async fn store(tx: &mut Tx, last: i64) -> Result<(), sqlx::Error> {
    tx.exec("UPDATE sync_seq SET value = $1 WHERE id = 1", args![last])
        .await
        .map(drop)
}

/// The current high-water mark.
pub async fn current(tx: &mut Tx) -> Result<i64, sqlx::Error> {
    let (value,): (i64,) = tx
        .one("SELECT value FROM sync_seq WHERE id = 1", args![])
        .await?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use crate::repo::test_db::repo_tests;

    repo_tests!(the_stored_high_water_mark_is_read_back_and_locked_again);

    async fn the_stored_high_water_mark_is_read_back_and_locked_again(db: Db) {
        let mut tx = db.read().await.unwrap();
        let start = lock(&mut tx).await.unwrap();
        assert_eq!(current(&mut tx).await.unwrap(), start);
        store(&mut tx, start + 5).await.unwrap();
        tx.commit().await.unwrap();
        let mut tx = db.read().await.unwrap();
        assert_eq!(current(&mut tx).await.unwrap(), start + 5);
        assert_eq!(lock(&mut tx).await.unwrap(), start + 5);
    }
}
