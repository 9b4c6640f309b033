//! Database connection and schema migrations.
//!
//! The server runs on SQLite (single-machine installs, tests) or PostgreSQL, chosen by the URL
//! scheme. `Db` holds one pool per backend; queries live in [`crate::repo`] and are written once,
//! in SQL both backends accept (`$1` placeholders work in SQLite too), and dispatched with
//! [`with_pool!`]. We do not use `sqlx::Any`: it cannot decode chrono or UUID values and its
//! migrations would still need per-backend SQL.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::{MigrateError, Migrator};
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::Connection;

/// Used when neither `--db` nor `TUOKE_DATABASE_URL` is given.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/tuoke.db";

/// How long to wait for a database that does not answer before giving up.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a request waits for a free pooled connection.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);
/// How long SQLite waits on a locked database before reporting it busy.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// A connection pool to one of the supported backends. Cheap to clone.
#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the concrete pool of whichever backend `$db` uses.
///
/// The body is compiled once per backend, so it must type-check against both; convert results
/// to backend-neutral types inside it.
macro_rules! with_pool {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use with_pool;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("unsupported database URL {0} (expected sqlite:… or postgres://…)")]
    UnsupportedUrl(String),
    #[error("invalid database URL {url}: {source}")]
    InvalidUrl {
        url: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot create directory {path} for the database: {source}")]
    CreateDir {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot connect to database {url}: {reason}")]
    Connect { url: String, reason: String },
    #[error("cannot migrate database {url}: {source}")]
    Migrate {
        url: String,
        #[source]
        source: MigrateError,
    },
}

impl Db {
    /// Connects to `url`, creating a SQLite file (and its directory) on first use.
    ///
    /// One connection is opened eagerly so that an unreachable database is reported right away
    /// with its real cause, rather than as a pool timeout on the first request.
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            connect_postgres(url).await.map(Db::Postgres)
        } else if url.starts_with("sqlite:") {
            connect_sqlite(url).await.map(Db::Sqlite)
        } else {
            Err(DbError::UnsupportedUrl(redact_url(url)))
        }
    }

    /// Brings the schema up to date. Safe to run repeatedly and concurrently.
    pub async fn migrate(&self) -> Result<(), MigrateError> {
        match self {
            Db::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await,
        }
    }

    /// Closes every connection; later queries fail as with a database that is gone.
    pub async fn close(&self) {
        with_pool!(self, |pool| pool.close().await)
    }

    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }
}

async fn connect_postgres(url: &str) -> Result<PgPool, DbError> {
    let options = PgConnectOptions::from_str(url)
        .map_err(|source| DbError::InvalidUrl {
            url: redact_url(url),
            source,
        })?
        // Plan every execution with the parameters and the table's current size. A generic
        // plan cached while a table was small (a new install, the first minute before
        // autovacuum's ANALYZE) keeps sequential scans for the life of the connection: that
        // made idempotency look-ups 40 ms each on a growing table.
        .options([("plan_cache_mode", "force_custom_plan")]);
    probe(url, PgConnection::connect_with(&options)).await?;
    PgPoolOptions::new()
        .max_connections(10)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await
        .map_err(|e| connect_error(url, &e))
}

async fn connect_sqlite(url: &str) -> Result<SqlitePool, DbError> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|source| DbError::InvalidUrl {
            url: redact_url(url),
            source,
        })?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(SQLITE_BUSY_TIMEOUT);

    let in_memory = url.contains(":memory:") || url.contains("mode=memory");
    if !in_memory {
        create_parent_dir(options.get_filename())?;
    }
    probe(url, SqliteConnection::connect_with(&options)).await?;

    let pool = SqlitePoolOptions::new().acquire_timeout(ACQUIRE_TIMEOUT);
    // An in-memory database lives only as long as a connection to it: keep exactly one open.
    let pool = if in_memory {
        pool.max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
    } else {
        pool.max_connections(8)
    };
    pool.connect_with(options)
        .await
        .map_err(|e| connect_error(url, &e))
}

/// Opens and closes one connection, failing fast with the underlying reason.
async fn probe<C: Connection>(
    url: &str,
    connect: impl std::future::Future<Output = Result<C, sqlx::Error>>,
) -> Result<(), DbError> {
    match tokio::time::timeout(CONNECT_TIMEOUT, connect).await {
        Ok(Ok(conn)) => {
            // A failed close changes nothing for the caller: the database answered.
            let _ = conn.close().await;
            Ok(())
        }
        Ok(Err(e)) => Err(connect_error(url, &e)),
        Err(_) => Err(DbError::Connect {
            url: redact_url(url),
            reason: format!("no answer within {} s", CONNECT_TIMEOUT.as_secs()),
        }),
    }
}

fn connect_error(url: &str, error: &sqlx::Error) -> DbError {
    DbError::Connect {
        url: redact_url(url),
        reason: error.to_string(),
    }
}

fn create_parent_dir(file: &Path) -> Result<(), DbError> {
    match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => {
            std::fs::create_dir_all(dir).map_err(|source| DbError::CreateDir {
                path: dir.display().to_string(),
                source,
            })
        }
        _ => Ok(()),
    }
}

/// Hides the password of a database URL so that it can be logged and shown in errors.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_owned();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else {
        return url.to_owned();
    };
    let userinfo = &authority[..at];
    match userinfo.find(':') {
        Some(colon) => format!(
            "{}{}:***{}",
            &url[..scheme_end + 3],
            &userinfo[..colon],
            &rest[at..]
        ),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_url_hides_only_the_password() {
        assert_eq!(
            redact_url("postgres://tuoke:s3cret@db.example:5432/tuoke?sslmode=require"),
            "postgres://tuoke:***@db.example:5432/tuoke?sslmode=require"
        );
        assert_eq!(
            redact_url("postgres://postgres@127.0.0.1:55432/postgres"),
            "postgres://postgres@127.0.0.1:55432/postgres"
        );
        assert_eq!(
            redact_url("sqlite://data/tuoke.db"),
            "sqlite://data/tuoke.db"
        );
        assert_eq!(redact_url("sqlite::memory:"), "sqlite::memory:");
    }

    #[tokio::test]
    async fn unsupported_scheme_is_refused() {
        let err = Db::connect("mysql://localhost/x").await.unwrap_err();
        assert!(matches!(err, DbError::UnsupportedUrl(_)), "{err}");
    }

    #[tokio::test]
    async fn in_memory_sqlite_migrates_twice_and_answers() {
        let db = Db::connect("sqlite::memory:").await.unwrap();
        db.migrate().await.unwrap();
        db.migrate().await.unwrap();
        db.ping().await.unwrap();
    }

    #[tokio::test]
    async fn sqlite_file_and_its_directory_are_created() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("nested/deeper/tuoke.db");
        let db = Db::connect(&format!("sqlite://{}", file.display()))
            .await
            .unwrap();
        db.migrate().await.unwrap();
        assert!(file.exists());
    }
}
