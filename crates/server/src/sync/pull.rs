//! `GET /api/v1/sync/pull`: the caller's visible changes after a cursor, in seq order.
//!
//! **reset_required**: a cursor greater than the current high-water mark cannot have come
//! from this database (it was restored from a backup or replaced), so the client must refetch
//! from 0. Records that leave a caller's view (a transfer) are served as tombstones
//! (`data: null`), so a visibility change never needs a reset by itself.

use chrono::Utc;
use serde::Serialize;
use serde_json::value::RawValue;
use tuoke_core::cadence::business_date;
use tuoke_core::contract::EntityName;
use tuoke_core::record::EntityRecord;
use tuoke_sync::protocol::Change;

use crate::auth::AuthUser;
use crate::db::Db;
use crate::repo::changes::{self, Window};
use crate::sync::current_seq;

pub const DEFAULT_LIMIT: i64 = 500;
pub const MAX_LIMIT: i64 = 5_000;

/// A pull page as the server sends it: each record's data is its stored JSON text, sent as
/// it is (or the record's type serialised once), never parsed into a tree.
pub type PullResponse = tuoke_sync::protocol::PullResponse<Box<RawValue>>;

/// A change of a page, with the seq that orders it.
struct Sequenced {
    seq: i64,
    change: Change<Box<RawValue>>,
}

pub enum PullError {
    ResetRequired { since: i64, current: i64 },
    Db(sqlx::Error),
}

impl From<sqlx::Error> for PullError {
    fn from(e: sqlx::Error) -> Self {
        PullError::Db(e)
    }
}

fn raw<T: Serialize>(value: &T) -> Result<Box<RawValue>, sqlx::Error> {
    serde_json::value::to_raw_value(value).map_err(|e| sqlx::Error::Decode(e.to_string().into()))
}

/// The change of a record built now (a prospect, an approval).
fn built<R: EntityRecord>(record: &R, version: i64, seq: i64) -> Result<Sequenced, sqlx::Error> {
    Ok(Sequenced {
        seq,
        change: Change {
            entity: R::ENTITY.into(),
            id: record.id().to_string(),
            version,
            data: Some(raw(record)?),
        },
    })
}

/// The change of a stored row: its entity as stored (known or not), its data as stored.
fn stored(
    entity: String,
    id: String,
    version: i64,
    data: Option<Box<RawValue>>,
    seq: i64,
) -> Sequenced {
    Sequenced {
        seq,
        change: Change {
            entity: EntityName::from(entity),
            id,
            version,
            data,
        },
    }
}

/// Most bytes of stored record data one page carries: a page always holds at least one
/// change, then stops before the change that would pass this (or at `limit` changes), so a
/// pull of many large notes costs memory in proportion to this, not to `limit`.
pub const PAGE_BYTES: i64 = 8 * 1024 * 1024;

/// What a change adds to a page besides its stored data (ids, version, derived fields).
const ROW_OVERHEAD: i64 = 256;
/// What a prospect's pulled form adds to its stored data (grade with its explanation, target
/// fit, due date): about 1 KB of a typical 1.75 KB pulled prospect.
const PROSPECT_OVERHEAD: i64 = 1024;

/// Where a page ends, from the sizes of the lowest changes after the cursor in seq order
/// (each source's lowest `limit + 1`, merged): the seq of its last change and whether more
/// follow, or `(current, false)` when all of them fit.
fn page_end(sizes: &[(i64, i64)], limit: usize, budget: i64, current: i64) -> (i64, bool) {
    let mut bytes: i64 = 0;
    let mut last: Option<i64> = None;
    for (i, (seq, size)) in sizes.iter().enumerate() {
        if let Some(last) = last.filter(|_| i == limit || bytes.saturating_add(*size) > budget) {
            return (last, true);
        }
        bytes = bytes.saturating_add(*size);
        last = Some(*seq);
    }
    (current, false)
}

pub async fn pull(
    db: &Db,
    user: &AuthUser,
    since: i64,
    limit: i64,
) -> Result<PullResponse, PullError> {
    pull_page(db, user, since, limit, PAGE_BYTES).await
}

/// [`pull`] with another byte budget per page (tests use small ones).
pub async fn pull_page(
    db: &Db,
    user: &AuthUser,
    since: i64,
    limit: i64,
    budget: i64,
) -> Result<PullResponse, PullError> {
    let mut tx = db.read().await?;
    let current = current_seq(&mut tx).await?;
    if since > current {
        return Err(PullError::ResetRequired { since, current });
    }
    let window = Window {
        user_id: &user.id,
        since,
        upto: current,
        fetch: limit.saturating_add(1),
    };
    let sources = changes::sources(user.role, PROSPECT_OVERHEAD, ROW_OVERHEAD);

    // First the sizes of the candidate changes (no data read), to find where the page ends;
    // then the data of exactly the changes up to there. Seq order is commit order, and
    // nothing at or below `current` changes seq while this runs.
    let mut sizes: Vec<(i64, i64)> = Vec::new();
    for source in &sources {
        sizes.extend(changes::sizes(&mut tx, source, window).await?);
    }
    sizes.sort_unstable_by_key(|(seq, _)| *seq);
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let (upto, has_more) = page_end(&sizes, limit, budget, current);
    let window = Window { upto, ..window };

    let today = business_date(Utc::now());
    let mut changes = Vec::new();
    let rows = changes::prospects(&mut tx, user.role, window).await?;
    for row in rows {
        changes.push(built(&row.to_record(today)?, row.version, row.seq)?);
    }
    for source in sources.iter().filter(|s| s.is_records()) {
        let rows = changes::records(&mut tx, source, window).await?;
        for (id, entity, data, version, seq) in rows {
            let data = RawValue::from_string(data)
                .map_err(|e| sqlx::Error::Decode(e.to_string().into()))?;
            changes.push(stored(entity, id, version, Some(data), seq));
        }
    }
    let rows = changes::approvals(&mut tx, user.role, window).await?;
    for row in rows {
        changes.push(built(&row.to_record()?, row.version, row.seq)?);
    }
    let rows = changes::tombstones(&mut tx, window).await?;
    for (entity, id, version, seq) in rows {
        changes.push(stored(entity, id, version, None, seq));
    }
    drop(tx);

    changes.sort_by_key(|c| c.seq);
    Ok(PullResponse {
        cursor: upto,
        has_more,
        changes: changes.into_iter().map(|c| c.change).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::page_end;

    #[test]
    fn a_page_ends_at_the_limit_or_before_the_change_that_passes_the_budget() {
        let sizes = [(3, 100), (5, 100), (9, 100)];
        assert_eq!(page_end(&sizes, 10, 1_000, 12), (12, false), "all fit");
        assert_eq!(page_end(&sizes, 2, 1_000, 12), (5, true), "limit");
        assert_eq!(page_end(&sizes, 10, 250, 12), (5, true), "budget");
        assert_eq!(page_end(&sizes, 3, 300, 12), (12, false), "exactly full");
    }

    #[test]
    fn a_page_holds_one_change_however_big() {
        assert_eq!(page_end(&[(4, 10_000), (6, 1)], 10, 100, 8), (4, true));
        assert_eq!(page_end(&[(4, 10_000)], 10, 100, 8), (8, false));
        assert_eq!(page_end(&[], 10, 100, 8), (8, false));
    }
}
