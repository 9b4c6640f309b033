//! Every repository test runs twice: on SQLite in memory and on a fresh PostgreSQL database
//! (see [`crate::testing`] for where it comes from and when it is skipped).

use crate::db::Db;
use crate::testing::{skip_postgres, PgTestDatabase};

pub async fn sqlite() -> Db {
    let db = Db::connect("sqlite::memory:").await.unwrap();
    db.migrate().await.unwrap();
    db
}

/// A migrated database and what drops it; `None` when the PostgreSQL variants are skipped.
pub async fn postgres(test: &str) -> Option<(Db, PgTestDatabase)> {
    let Some(database) = PgTestDatabase::create() else {
        skip_postgres(test);
        return None;
    };
    let db = Db::connect(&database.url).await.unwrap();
    db.migrate().await.unwrap();
    Some((db, database))
}

/// `repo_tests!(a, b)` with `async fn a(db: Db)` and `async fn b(db: Db)` in scope: the
/// tests `sqlite::a`, `postgres::a`, `sqlite::b` and `postgres::b`.
macro_rules! repo_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::repo::test_db::sqlite().await).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    let test = concat!(module_path!(), "::", stringify!($name));
                    if let Some((db, _database)) = $crate::repo::test_db::postgres(test).await {
                        super::$name(db.clone()).await;
                        db.close().await;
                    }
                }
            )*
        }
    };
}
pub(crate) use repo_tests;
