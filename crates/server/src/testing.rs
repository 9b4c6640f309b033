//! Throwaway databases for this crate's tests, unit and black-box alike; the server itself
//! never uses this module.
//!
//! Database tests run on SQLite and on PostgreSQL, in the cluster that [`POSTGRES_ENV`]
//! points at (one where we may create databases; `crates/server/tests/pg.sh` starts one).
//! Without it the PostgreSQL variants fail, so that a run without PostgreSQL cannot pass
//! silently; [`SKIP_POSTGRES_ENV`]`=1` skips them on purpose, loudly ([`skip_postgres`]).

use std::io::Write;

use sqlx::Connection;

pub const POSTGRES_ENV: &str = "TUOKE_TEST_POSTGRES_URL";
/// Set to `1` to skip the PostgreSQL variants when no cluster is at hand (never in CI).
pub const SKIP_POSTGRES_ENV: &str = "TUOKE_SKIP_POSTGRES";

/// Prints a note that the test harness does not capture (`eprintln!` would be swallowed).
pub fn note(message: &str) {
    let _ = writeln!(std::io::stderr(), "note: {message}");
}

/// The PostgreSQL variant `test` without a cluster: skipped only when asked for, else a
/// failure.
pub fn skip_postgres(test: &str) {
    if std::env::var(SKIP_POSTGRES_ENV).is_ok_and(|v| v == "1") {
        note(&format!(
            "SKIPPED {test}: {SKIP_POSTGRES_ENV}=1 (this run does not test PostgreSQL)"
        ));
    } else {
        panic!(
            "{test} needs PostgreSQL: set {POSTGRES_ENV} (e.g. \
             export {POSTGRES_ENV}=$(crates/server/tests/pg.sh)), or {SKIP_POSTGRES_ENV}=1 to skip"
        );
    }
}

/// A new, empty database in the cluster at [`POSTGRES_ENV`], dropped with this value.
pub struct PgTestDatabase {
    pub url: String,
    admin_url: String,
    name: String,
}

impl PgTestDatabase {
    /// `None` if [`POSTGRES_ENV`] is unset.
    pub fn create() -> Option<Self> {
        let admin_url = std::env::var(POSTGRES_ENV).ok()?;
        let name = format!("tuoke_test_{}", uuid::Uuid::now_v7().simple());
        admin_sql(&admin_url, &format!("CREATE DATABASE {name}"));
        Some(Self {
            url: with_database(&admin_url, &name),
            admin_url,
            name,
        })
    }
}

impl Drop for PgTestDatabase {
    fn drop(&mut self) {
        // Best effort: a leftover database in a throwaway cluster is harmless.
        let _ = std::panic::catch_unwind(|| {
            admin_sql(
                &self.admin_url,
                &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
            )
        });
    }
}

/// Runs `sql` on the cluster's admin database, on a thread of its own so that sync and async
/// tests alike can call it.
fn admin_sql(admin_url: &str, sql: &str) {
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a test runtime starts");
                runtime.block_on(async {
                    let mut conn =
                        sqlx::PgConnection::connect(admin_url)
                            .await
                            .unwrap_or_else(|e| {
                                panic!("cannot connect to {POSTGRES_ENV}={admin_url}: {e}")
                            });
                    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
                        .execute(&mut conn)
                        .await
                        .unwrap_or_else(|e| panic!("{sql}: {e}"));
                });
            })
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    });
}

/// `postgres://u@h:1/postgres?x=y` with database `name` → `postgres://u@h:1/name?x=y`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[authority_start..]
        .find('/')
        .map_or(base.len(), |i| authority_start + i);
    let mut out = format!("{}/{name}", &base[..path_start]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_database_replaces_only_the_path() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:55432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:55432/t1"
        );
        assert_eq!(
            with_database("postgres://u:p@h/db?sslmode=disable", "t1"),
            "postgres://u:p@h/t1?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://h:5432", "t1"),
            "postgres://h:5432/t1"
        );
    }
}
