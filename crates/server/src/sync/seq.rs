//! The change sequence of a write transaction (see [`crate::sync`]): its own module so that
//! the record writers can number their changes without importing the module that drives them.

use crate::repo::sql::Tx;

/// The change sequence of one write transaction.
pub struct Seq {
    last: i64,
}

impl Seq {
    /// Locks the sequence row. Must be the first statement of the transaction: on SQLite a
    /// write as the first statement takes the write lock before any read snapshot exists, so
    /// the transaction can never fail to upgrade later.
    pub async fn lock(tx: &mut Tx) -> Result<Seq, sqlx::Error> {
        let last = crate::repo::seq::lock(tx).await?;
        Ok(Seq { last })
    }

    /// The next change number.
    pub fn take(&mut self) -> i64 {
        self.last += 1;
        self.last
    }

    /// Writes the high-water mark; call just before commit.
    pub async fn store(&self, tx: &mut Tx) -> Result<(), sqlx::Error> {
        crate::repo::seq::store(tx, self.last).await
    }
}
