//! Whether the database answers (`GET /api/v1/health`).

use crate::db::{with_pool, Db};

impl Db {
    /// Checks that the database answers a trivial query.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        with_pool!(self, |pool| sqlx::query("SELECT 1")
            .execute(pool)
            .await
            .map(drop))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::test_db::repo_tests;

    repo_tests!(a_database_answers_until_it_is_closed);

    async fn a_database_answers_until_it_is_closed(db: Db) {
        db.ping().await.unwrap();
        db.close().await;
        assert!(db.ping().await.is_err());
    }
}
