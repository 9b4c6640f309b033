//! Processed mutations: each mutation id's first answer, per user (idempotency keys).

use chrono::{DateTime, Utc};

use crate::repo::sql::{args, placeholders, Arg, Tx};

/// A processed record as read back: the mutation id, status, reason, code and field.
pub type Row = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The processed records of `user_id` among mutation ids `ids`.
pub async fn of_user(tx: &mut Tx, user_id: &str, ids: &[String]) -> Result<Vec<Row>, sqlx::Error> {
    let sql = format!(
        "SELECT id, status, reason, code, field FROM processed_mutations \
         WHERE user_id = $1 AND id IN ({})",
        placeholders(ids.len(), 1, 2)
    );
    let mut params = args![user_id];
    params.extend(ids.iter().map(Arg::from));
    tx.all(&sql, params).await
}

/// One processed record, as the row's arguments (for [`insert`]).
#[allow(clippy::too_many_arguments)]
pub fn row(
    id: &str,
    client_id: String,
    user_id: &str,
    name: String,
    status: &str,
    reason: Option<String>,
    result: Option<String>,
    at: DateTime<Utc>,
    code: Option<String>,
    field: Option<String>,
) -> Vec<Arg> {
    args![id, client_id, user_id, name, status, reason, result, at, code, field]
}

/// Inserts processed records (from [`row`]) in one statement.
pub async fn insert(tx: &mut Tx, rows: &[Vec<Arg>]) -> Result<(), sqlx::Error> {
    let sql = format!(
        "INSERT INTO processed_mutations (id, client_id, user_id, name, status, reason, \
         result, processed_at, code, field) VALUES {}",
        placeholders(rows.len(), 10, 1)
    );
    tx.exec(&sql, rows.concat()).await.map(drop)
}
