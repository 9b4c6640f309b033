//! Field history: every overwritten value of a prospect, append-only.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::repo::sql::{args, Arg, Tx};

/// One overwritten value of a prospect (its field history), as the row's arguments.
#[allow(clippy::too_many_arguments)]
pub fn history_row(
    prospect_id: &str,
    field: &str,
    old: &Value,
    new: &Value,
    user: &str,
    now: DateTime<Utc>,
    mutation_id: Option<&str>,
) -> Vec<Arg> {
    args![
        prospect_id,
        field,
        old.to_string(),
        new.to_string(),
        user,
        now,
        mutation_id.map(str::to_owned)
    ]
}

/// Field-history rows per statement (7 parameters each: well under both databases' limits).
const HISTORY_CHUNK: usize = 100;

/// Inserts field-history rows (from [`history_row`]), oldest first, a chunk per statement.
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
