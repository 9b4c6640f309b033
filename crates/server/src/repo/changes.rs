//! Changes after a cursor: the rows of the synced tables (prospects, records, approvals,
//! tombstones) a user sees with `since < seq <= upto`, in seq order, for a pull page.
//! Every statement takes the caller's user id as `$1`, `since` as `$2`, `upto` as `$3` and at
//! most `$4` rows.

use crate::domain::Role;
use crate::repo::approvals::{ApprovalRow, APPROVAL_COLUMNS};
use crate::repo::prospects::{ProspectRow, PROSPECT_COLUMNS};
use crate::repo::sql::{args, AnyRow, Tx};
use crate::repo::visibility;

/// The tombstones table and which of them a user pulls: their own.
const TOMBSTONES: &str = "tombstones t";
const TOMBSTONES_CONDITION: &str = "t.user_id = $1";

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
        table: TOMBSTONES,
        size: row_overhead.to_string(),
        condition: TOMBSTONES_CONDITION.to_owned(),
    });
    sources
}

/// Which changes a statement reads: those `user_id` sees with `since < seq <= upto`, lowest
/// seq first, at most `fetch` of them.
#[derive(Debug, Clone, Copy)]
pub struct Window<'a> {
    pub user_id: &'a str,
    pub since: i64,
    pub upto: i64,
    pub fetch: i64,
}

impl Window<'_> {
    /// `columns` of the rows of `table` (with its alias, e.g. `prospects p`) in this window
    /// that meet `condition`.
    async fn select<T: AnyRow>(
        self,
        tx: &mut Tx,
        columns: &str,
        table: &str,
        condition: &str,
    ) -> Result<Vec<T>, sqlx::Error> {
        let alias = alias(table);
        let sql = format!(
            "SELECT {columns} FROM {table} WHERE {alias}.seq > $2 AND {alias}.seq <= $3 \
             AND {condition} ORDER BY {alias}.seq LIMIT $4"
        );
        let args = args![self.user_id, self.since, self.upto, self.fetch];
        tx.all(&sql, args).await
    }
}

/// The seq and size of the changes of `source` in `window`.
pub async fn sizes(
    tx: &mut Tx,
    source: &Source,
    window: Window<'_>,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let columns = format!(
        "{alias}.seq, CAST({size} AS BIGINT)",
        alias = alias(source.table),
        size = source.size
    );
    window
        .select(tx, &columns, source.table, &source.condition)
        .await
}

/// Changed prospects `role` sees.
pub async fn prospects(
    tx: &mut Tx,
    role: Role,
    window: Window<'_>,
) -> Result<Vec<ProspectRow>, sqlx::Error> {
    let condition = visibility::prospect(role);
    window
        .select(tx, PROSPECT_COLUMNS, "prospects p", condition)
        .await
}

/// A changed record: id, entity, data (JSON), version, seq.
pub type RecordChange = (String, String, String, i64, i64);

/// Changed records of a records `source` ([`Source::is_records`]).
pub async fn records(
    tx: &mut Tx,
    source: &Source,
    window: Window<'_>,
) -> Result<Vec<RecordChange>, sqlx::Error> {
    let columns = "r.id, r.entity, r.data, r.version, r.seq";
    window
        .select(tx, columns, source.table, &source.condition)
        .await
}

/// Changed approvals `role` sees.
pub async fn approvals(
    tx: &mut Tx,
    role: Role,
    window: Window<'_>,
) -> Result<Vec<ApprovalRow>, sqlx::Error> {
    let condition = visibility::approval(role);
    window
        .select(tx, APPROVAL_COLUMNS, "approvals a", condition)
        .await
}

/// The user's new tombstones: entity, entity id, version, seq.
pub async fn tombstones(
    tx: &mut Tx,
    window: Window<'_>,
) -> Result<Vec<(String, String, i64, i64)>, sqlx::Error> {
    let columns = "t.entity, t.entity_id, t.version, t.seq";
    window
        .select(tx, columns, TOMBSTONES, TOMBSTONES_CONDITION)
        .await
}

/// `prospects p` → `p`.
fn alias(table: &str) -> &str {
    table.rsplit(' ').next().unwrap_or(table)
}
