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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use crate::repo::prospects::tests::rep_with_prospect;
    use crate::repo::test_db::repo_tests;

    repo_tests!(a_tombstone_is_renewed_and_cleared_for_its_user_only);

    /// The user's tombstones (entity, entity id, version, seq), through the pull's statement.
    async fn of(tx: &mut Tx, user: &str) -> Vec<(String, String, i64, i64)> {
        let window = crate::repo::changes::Window {
            user_id: user,
            since: 0,
            upto: i64::MAX,
            fetch: 100,
        };
        crate::repo::changes::tombstones(tx, window).await.unwrap()
    }

    async fn a_tombstone_is_renewed_and_cleared_for_its_user_only(db: Db) {
        let (rep, id) = rep_with_prospect(&db, "k").await;
        let mut tx = db.read().await.unwrap();
        upsert(&mut tx, &rep, "prospect", &id, 1, 5).await.unwrap();
        upsert(&mut tx, &rep, "prospect", &id, 2, 7).await.unwrap();
        upsert(&mut tx, &rep, "note", "unrelated", 1, 8)
            .await
            .unwrap();
        assert_eq!(
            of(&mut tx, &rep).await,
            vec![
                ("prospect".to_owned(), id.clone(), 2, 7),
                ("note".to_owned(), "unrelated".to_owned(), 1, 8),
            ]
        );
        assert!(of(&mut tx, "someone else").await.is_empty());
        clear_prospect(&mut tx, &rep, &id).await.unwrap();
        assert_eq!(
            of(&mut tx, &rep).await,
            vec![("note".to_owned(), "unrelated".to_owned(), 1, 8)]
        );
    }
}
