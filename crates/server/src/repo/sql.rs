//! Backend-neutral SQL execution for the sync code: one [`Tx`] over either backend, arguments
//! as [`Arg`] values and rows decoded into any type that `sqlx::FromRow` supports on both.
//!
//! The sync logic is long and written once against this; [`with_pool!`](crate::db::with_pool)
//! suits the short user queries. Statements must be valid on SQLite and PostgreSQL alike
//! (`$1` placeholders, `TRUE`/`FALSE`, no `FOR UPDATE`).

use chrono::{DateTime, Utc};
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{AssertSqlSafe, Postgres, Sqlite, Transaction};

use crate::db::Db;

/// A bound argument.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    OptText(Option<String>),
    I64(i64),
    Bool(bool),
    Time(DateTime<Utc>),
    OptTime(Option<DateTime<Utc>>),
    Bytes(Vec<u8>),
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_owned())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Arg::Text(v.clone())
    }
}
impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Self {
        Arg::OptText(v)
    }
}
impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::I64(v)
    }
}
impl From<bool> for Arg {
    fn from(v: bool) -> Self {
        Arg::Bool(v)
    }
}
impl From<DateTime<Utc>> for Arg {
    fn from(v: DateTime<Utc>) -> Self {
        Arg::Time(v)
    }
}
impl From<Option<DateTime<Utc>>> for Arg {
    fn from(v: Option<DateTime<Utc>>) -> Self {
        Arg::OptTime(v)
    }
}
impl From<Vec<u8>> for Arg {
    fn from(v: Vec<u8>) -> Self {
        Arg::Bytes(v)
    }
}
impl From<uuid::Uuid> for Arg {
    fn from(v: uuid::Uuid) -> Self {
        Arg::Text(v.to_string())
    }
}

/// `args![a, b, …]`: a `Vec<Arg>` from values convertible into [`Arg`].
macro_rules! args {
    ($($v:expr),* $(,)?) => { vec![$($crate::repo::sql::Arg::from($v)),*] };
}
pub(crate) use args;

macro_rules! bind_all {
    ($query:expr, $args:expr) => {{
        let mut q = $query;
        for arg in $args {
            q = match arg {
                Arg::Text(v) => q.bind(v),
                Arg::OptText(v) => q.bind(v),
                Arg::I64(v) => q.bind(v),
                Arg::Bool(v) => q.bind(v),
                Arg::Time(v) => q.bind(v),
                Arg::OptTime(v) => q.bind(v),
                Arg::Bytes(v) => q.bind(v),
            };
        }
        q
    }};
}

/// A row type decodable on both backends (tuples and `#[derive(sqlx::FromRow)]` structs).
pub trait AnyRow:
    for<'r> sqlx::FromRow<'r, SqliteRow> + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin
{
}
impl<T> AnyRow for T where
    T: for<'r> sqlx::FromRow<'r, SqliteRow> + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin
{
}

/// An open transaction on either backend. Dropping it without [`Tx::commit`] rolls back.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub async fn begin(db: &Db) -> Result<Tx, sqlx::Error> {
        Ok(match db {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }

    /// Runs a statement; returns the number of rows affected.
    pub async fn exec(&mut self, sql: &str, args: Vec<Arg>) -> Result<u64, sqlx::Error> {
        Ok(match self {
            Tx::Sqlite(tx) => bind_all!(sqlx::query(AssertSqlSafe(sql)), args)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
            Tx::Postgres(tx) => bind_all!(sqlx::query(AssertSqlSafe(sql)), args)
                .execute(&mut **tx)
                .await?
                .rows_affected(),
        })
    }

    pub async fn all<T: AnyRow>(
        &mut self,
        sql: &str,
        args: Vec<Arg>,
    ) -> Result<Vec<T>, sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => {
                bind_all!(sqlx::query_as::<_, T>(AssertSqlSafe(sql)), args)
                    .fetch_all(&mut **tx)
                    .await
            }
            Tx::Postgres(tx) => {
                bind_all!(sqlx::query_as::<_, T>(AssertSqlSafe(sql)), args)
                    .fetch_all(&mut **tx)
                    .await
            }
        }
    }

    pub async fn opt<T: AnyRow>(
        &mut self,
        sql: &str,
        args: Vec<Arg>,
    ) -> Result<Option<T>, sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => {
                bind_all!(sqlx::query_as::<_, T>(AssertSqlSafe(sql)), args)
                    .fetch_optional(&mut **tx)
                    .await
            }
            Tx::Postgres(tx) => {
                bind_all!(sqlx::query_as::<_, T>(AssertSqlSafe(sql)), args)
                    .fetch_optional(&mut **tx)
                    .await
            }
        }
    }

    pub async fn one<T: AnyRow>(&mut self, sql: &str, args: Vec<Arg>) -> Result<T, sqlx::Error> {
        self.opt(sql, args).await?.ok_or(sqlx::Error::RowNotFound)
    }

    /// Marks a point this transaction can return to ([`Tx::rollback_to`]) without losing what
    /// came before it. `name` is a fixed identifier, never client input.
    pub async fn savepoint(&mut self, name: &'static str) -> Result<(), sqlx::Error> {
        self.exec(&format!("SAVEPOINT {name}"), Vec::new())
            .await
            .map(drop)
    }

    /// Undoes everything since [`Tx::savepoint`] `name` and forgets the savepoint; the
    /// transaction goes on (on PostgreSQL also after a failed statement).
    pub async fn rollback_to(&mut self, name: &'static str) -> Result<(), sqlx::Error> {
        self.exec(&format!("ROLLBACK TO SAVEPOINT {name}"), Vec::new())
            .await?;
        self.release(name).await
    }

    /// Keeps what was done since [`Tx::savepoint`] `name` and forgets the savepoint.
    pub async fn release(&mut self, name: &'static str) -> Result<(), sqlx::Error> {
        self.exec(&format!("RELEASE SAVEPOINT {name}"), Vec::new())
            .await
            .map(drop)
    }
}

/// `rows` groups of `width` numbered placeholders from `$first`: `($1, $2), ($3, $4)`, or a
/// plain list `$1, $2` when `width` is 1.
pub fn placeholders(rows: usize, width: usize, first: usize) -> String {
    let row = |r: usize| {
        (0..width)
            .map(|c| format!("${}", first + r * width + c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if width == 1 {
        (0..rows).map(row).collect::<Vec<_>>().join(", ")
    } else {
        (0..rows)
            .map(|r| format!("({})", row(r)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Whether the database refused a statement because of the values it carried (a constraint,
/// a value the column cannot hold, text the encoding refuses) rather than because it is
/// unavailable: the first is the fault of one change and refuses that change alone; the
/// second fails the work and the client retries.
pub fn is_refusal(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => {
            if !matches!(db.kind(), sqlx::error::ErrorKind::Other) {
                return true;
            }
            let code = db.code();
            let code = code.as_deref().unwrap_or("");
            if db
                .try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
                .is_some()
            {
                // SQLSTATE classes 22 (data exception) and 23 (integrity constraint).
                code.starts_with("22") || code.starts_with("23")
            } else {
                // SQLite result codes (extended codes carry the primary one in the low
                // byte): TOOBIG, CONSTRAINT, MISMATCH, RANGE.
                code.parse::<i32>()
                    .is_ok_and(|c| matches!(c & 0xff, 18 | 19 | 20 | 25))
            }
        }
        sqlx::Error::Decode(_) | sqlx::Error::ColumnDecode { .. } | sqlx::Error::Encode(_) => true,
        _ => false,
    }
}

/// Reads outside a write transaction: a short transaction gives one consistent snapshot on
/// SQLite and costs little on PostgreSQL.
impl Db {
    pub async fn read(&self) -> Result<Tx, sqlx::Error> {
        Tx::begin(self).await
    }

    /// One statement on a pooled connection, without a transaction (hot paths such as the
    /// per-request token lookup).
    pub async fn fetch_opt<T: AnyRow>(
        &self,
        sql: &str,
        args: Vec<Arg>,
    ) -> Result<Option<T>, sqlx::Error> {
        match self {
            Db::Sqlite(pool) => {
                bind_all!(sqlx::query_as::<_, T>(AssertSqlSafe(sql)), args)
                    .fetch_optional(pool)
                    .await
            }
            Db::Postgres(pool) => {
                bind_all!(sqlx::query_as::<_, T>(AssertSqlSafe(sql)), args)
                    .fetch_optional(pool)
                    .await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_number_rows_and_lists() {
        assert_eq!(placeholders(3, 1, 1), "$1, $2, $3");
        assert_eq!(placeholders(2, 2, 1), "($1, $2), ($3, $4)");
    }
}
