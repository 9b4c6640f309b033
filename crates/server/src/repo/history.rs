//! Field history: every overwritten value of a prospect, append-only.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::repo::sql::{args, Arg, Tx};

/// One overwritten value of a prospect: a row of its field history.
pub struct HistoryRow<'a> {
    pub prospect_id: &'a str,
    pub field: &'a str,
    pub old: &'a Value,
    pub new: &'a Value,
    /// Who changed it.
    pub user: &'a str,
    pub now: DateTime<Utc>,
    /// The mutation that changed it (none for a transfer).
    pub mutation_id: Option<&'a str>,
}

impl HistoryRow<'_> {
    /// The row's arguments, for [`insert_history`].
    pub fn args(&self) -> Vec<Arg> {
        args![
            self.prospect_id,
            self.field,
            self.old.to_string(),
            self.new.to_string(),
            self.user,
            self.now,
            self.mutation_id.map(str::to_owned)
        ]
    }
}

/// Field-history rows per statement (7 parameters each: well under both databases' limits).
const HISTORY_CHUNK: usize = 100;

/// Inserts field-history rows (from [`HistoryRow::args`]), oldest first, a chunk per statement.
pub async fn insert_history(tx: &mut Tx, rows: Vec<Vec<Arg>>) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks(HISTORY_CHUNK) {
        let values = (0..chunk.len())
            .map(|r| {
                let p = |c: usize| format!("${}", r * 7 + c + 1);
                format!(
                    "({}, {}, {}, {}, {}, {}, {})",
                    p(0),
                    p(1),
                    p(2),
                    p(3),
                    p(4),
                    p(5),
                    p(6)
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO field_history (prospect_id, field, old_value, new_value, changed_by, \
             changed_at, mutation_id) VALUES {values}"
        );
        tx.exec(&sql, chunk.concat()).await?;
    }
    Ok(())
}

/// (id, field, old, new, changed_by, username, changed_at, mutation_id).
pub type Entry = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    DateTime<Utc>,
    Option<String>,
);

/// The ids and value sizes (bytes) of prospect `prospect_id`'s newest `limit` entries before
/// entry `before`, newest first.
pub async fn sizes(
    tx: &mut Tx,
    prospect_id: &str,
    before: i64,
    limit: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    tx.all(
        "SELECT id, CAST(octet_length(old_value) + octet_length(new_value) AS BIGINT) \
         FROM field_history WHERE prospect_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
        args![prospect_id, before, limit],
    )
    .await
}

/// Prospect `prospect_id`'s entries from `from` up to (without) `before`, oldest first, with
/// the username of who made them.
pub async fn entries(
    tx: &mut Tx,
    prospect_id: &str,
    from: i64,
    before: i64,
) -> Result<Vec<Entry>, sqlx::Error> {
    tx.all(
        "SELECT h.id, h.field, h.old_value, h.new_value, h.changed_by, u.username, h.changed_at, \
         h.mutation_id FROM field_history h LEFT JOIN users u ON u.id = h.changed_by \
         WHERE h.prospect_id = $1 AND h.id >= $2 AND h.id < $3 ORDER BY h.id",
        args![prospect_id, from, before],
    )
    .await
}
