//! Changes after a cursor: the rows of the synced tables (prospects, records, approvals,
//! tombstones) a user sees with `since < seq <= upto`, in seq order, for a pull page.
//! Every statement takes the caller's user id as `$1`, `since` as `$2`, `upto` as `$3` and at
//! most `$4` rows.

use crate::domain::Role;
use crate::repo::approvals::{ApprovalRow, APPROVAL_COLUMNS};
use crate::repo::prospects::{ProspectRow, PROSPECT_COLUMNS};
use crate::repo::sql::{args, Tx};
use crate::repo::visibility;

/// One kind of synced row: its table, how big its data is, and who sees it.
pub struct Source {
    table: &'static str,
    /// Bytes of the row's stored data (an SQL expression over the table's alias).
    size: String,
    condition: String,
}

impl Source {
    /// Whether this source reads records (notes, activities, quotes …).
    pub fn is_records(&self) -> bool {
        self.table == "records r"
    }
}

/// What `role` sees, source by source; a prospect's size adds `prospect_overhead` bytes to its
/// stored data, any other row `row_overhead`.
pub fn sources(role: Role, prospect_overhead: i64, row_overhead: i64) -> Vec<Source> {
    let mut sources = vec![Source {
        table: "prospects p",
        size: format!(
            "octet_length(p.data) + COALESCE(octet_length(p.grade_history), 0) + {prospect_overhead}"
        ),
        condition: visibility::prospect(role).to_owned(),
    }];
    // Records on a prospect, then the caller's own records without one (quiz attempts): two
    // statements, so that neither condition hides the other's index behind an `OR`.
    let record_conditions = visibility::deal_record(role)
        .into_iter()
        .chain([visibility::own_record(role)]);
    sources.extend(record_conditions.map(|condition| Source {
        table: "records r",
        size: format!("octet_length(r.data) + {row_overhead}"),
        condition: condition.to_owned(),
    }));
    sources.push(Source {
        table: "approvals a",
        size: format!(
            "COALESCE(octet_length(a.reason), 0) + COALESCE(octet_length(a.comment), 0) + {row_overhead}"
        ),
        condition: visibility::approval(role).to_owned(),
    });
    sources.push(Source {
        table: "tombstones t",
        size: row_overhead.to_string(),
        condition: "t.user_id = $1".to_owned(),
    });
    sources
}

/// The seq and size of the lowest `fetch` changes of `source`.
pub async fn sizes(
    tx: &mut Tx,
    source: &Source,
    user_id: &str,
    since: i64,
    upto: i64,
    fetch: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT {alias}.seq, CAST({size} AS BIGINT) FROM {table} WHERE {alias}.seq > $2 AND {alias}.seq <= $3 \
         AND {condition} ORDER BY {alias}.seq LIMIT $4",
        alias = alias(source.table),
        size = source.size,
        table = source.table,
        condition = source.condition,
    );
    tx.all(&sql, args![user_id, since, upto, fetch]).await
}

/// Changed prospects `role` sees.
pub async fn prospects(
    tx: &mut Tx,
    role: Role,
    user_id: &str,
    since: i64,
    upto: i64,
    fetch: i64,
) -> Result<Vec<ProspectRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {PROSPECT_COLUMNS} FROM prospects p WHERE p.seq > $2 AND p.seq <= $3 AND {} \
         ORDER BY p.seq LIMIT $4",
        visibility::prospect(role)
    );
    tx.all(&sql, args![user_id, since, upto, fetch]).await
}

/// A changed record: id, entity, data (JSON), version, seq.
pub type RecordChange = (String, String, String, i64, i64);

/// Changed records of a records `source` ([`Source::is_records`]).
pub async fn records(
    tx: &mut Tx,
    source: &Source,
    user_id: &str,
    since: i64,
    upto: i64,
    fetch: i64,
) -> Result<Vec<RecordChange>, sqlx::Error> {
    let sql = format!(
        "SELECT r.id, r.entity, r.data, r.version, r.seq FROM records r \
         WHERE r.seq > $2 AND r.seq <= $3 AND {} ORDER BY r.seq LIMIT $4",
        source.condition
    );
    tx.all(&sql, args![user_id, since, upto, fetch]).await
}

/// Changed approvals `role` sees.
pub async fn approvals(
    tx: &mut Tx,
    role: Role,
    user_id: &str,
    since: i64,
    upto: i64,
    fetch: i64,
) -> Result<Vec<ApprovalRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {APPROVAL_COLUMNS} FROM approvals a WHERE a.seq > $2 AND a.seq <= $3 AND {} \
         ORDER BY a.seq LIMIT $4",
        visibility::approval(role)
    );
    tx.all(&sql, args![user_id, since, upto, fetch]).await
}

/// The user's new tombstones: entity, entity id, version, seq.
pub async fn tombstones(
    tx: &mut Tx,
    user_id: &str,
    since: i64,
    upto: i64,
    fetch: i64,
) -> Result<Vec<(String, String, i64, i64)>, sqlx::Error> {
    tx.all(
        "SELECT entity, entity_id, version, seq FROM tombstones \
         WHERE user_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4",
        args![user_id, since, upto, fetch],
    )
    .await
}

/// `prospects p` → `p`.
fn alias(table: &str) -> &str {
    table.rsplit(' ').next().unwrap_or(table)
}
