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
