//! The price list's versions (issue 19): every stored list is kept under its version number,
//! so that a quote always finds the prices it was built from. The contents are the core's
//! [`PriceListInput`] as JSON; this module neither checks nor changes them (the core's
//! `check` runs before [`Db::store_price_list`]).

use chrono::{DateTime, Utc};
use tuoke_core::pricing::{PriceList, PriceListInput};

use crate::db::Db;
use crate::repo::decode::corrupt;
use crate::repo::sql::{args, Tx};

/// One stored version and who set it when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPriceList {
    pub list: PriceList,
    /// The user who stored it; `None` from the command line or the demo.
    pub set_by: Option<String>,
    pub set_by_username: Option<String>,
    pub set_at: DateTime<Utc>,
}

/// The row as stored: (version, document, set_by, set_by's username, set_at).
type Row = (i64, String, Option<String>, Option<String>, DateTime<Utc>);

const SELECT: &str = "SELECT p.version, p.document, p.set_by, u.username, p.set_at \
     FROM price_lists p LEFT JOIN users u ON u.id = p.set_by";

fn decode(row: Row) -> Result<StoredPriceList, sqlx::Error> {
    let (version, document, set_by, set_by_username, set_at) = row;
    let version =
        u32::try_from(version).map_err(|e| corrupt(&format!("price list {version}"), e))?;
    let input: PriceListInput = serde_json::from_str(&document)
        .map_err(|e| corrupt(&format!("price list {version}"), e))?;
    Ok(StoredPriceList {
        list: input.with_version(version),
        set_by,
        set_by_username,
        set_at,
    })
}

async fn read_one(
    db: &Db,
    sql: &str,
    args: Vec<crate::repo::sql::Arg>,
) -> Result<Option<StoredPriceList>, sqlx::Error> {
    let mut tx = db.read().await?;
    let row: Option<Row> = tx.opt(sql, args).await?;
    tx.commit().await?;
    row.map(decode).transpose()
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}

impl Db {
    /// The newest version, if any list was ever stored.
    pub async fn current_price_list(&self) -> Result<Option<StoredPriceList>, sqlx::Error> {
        read_one(
            self,
            &format!("{SELECT} ORDER BY p.version DESC LIMIT 1"),
            args![],
        )
        .await
    }

    /// Version `version`, if it exists.
    pub async fn price_list(&self, version: u32) -> Result<Option<StoredPriceList>, sqlx::Error> {
        read_one(
            self,
            &format!("{SELECT} WHERE p.version = $1"),
            args![i64::from(version)],
        )
        .await
    }

    /// Stores `input` as the next version (the newest + 1, or 1) set by `set_by` (a user id;
    /// `None` from the command line) at `now`, and returns it as stored.
    pub async fn store_price_list(
        &self,
        input: &PriceListInput,
        set_by: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<StoredPriceList, sqlx::Error> {
        let document = serde_json::to_string(input).map_err(|e| sqlx::Error::Encode(e.into()))?;
        let mut tx = Tx::begin(self).await?;
        if matches!(tx, Tx::Postgres(_)) {
            // Writers take turns (readers do not wait): each numbers its list after the
            // previous one committed. On SQLite the INSERT itself takes the database's write
            // lock before it reads the newest version.
            tx.exec(
                "LOCK TABLE price_lists IN SHARE ROW EXCLUSIVE MODE",
                args![],
            )
            .await?;
        }
        let (version,): (i64,) = tx
            .one(
                "INSERT INTO price_lists (version, document, set_by, set_at) \
                 SELECT COALESCE(MAX(version), 0) + 1, $1, $2, $3 FROM price_lists \
                 RETURNING version",
                args![document, set_by.map(str::to_owned), now],
            )
            .await?;
        tx.commit().await?;
        let version = u32::try_from(version).map_err(|e| corrupt("price list version", e))?;
        self.price_list(version)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
    }

    /// Stores `input` as version 1 if no price list exists yet (the demo); whether it did.
    pub async fn store_first_price_list(
        &self,
        input: &PriceListInput,
        now: DateTime<Utc>,
    ) -> Result<bool, sqlx::Error> {
        let document = serde_json::to_string(input).map_err(|e| sqlx::Error::Encode(e.into()))?;
        let mut tx = Tx::begin(self).await?;
        let inserted = tx
            .exec(
                "INSERT INTO price_lists (version, document, set_by, set_at) \
                 SELECT 1, $1, NULL, $2 WHERE NOT EXISTS (SELECT 1 FROM price_lists)",
                args![document, now],
            )
            .await;
        match inserted {
            Ok(n) => {
                tx.commit().await?;
                Ok(n == 1)
            }
            // Another server seeding the same database got there first.
            Err(e) if is_unique_violation(&e) => Ok(false),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::test_db::repo_tests;
    use tuoke_core::pricing::demo_price_list;

    repo_tests!(
        versions_count_up_and_every_version_stays_readable,
        the_first_list_is_stored_only_into_an_empty_table,
        a_damaged_document_is_a_database_error_not_a_panic,
    );

    async fn versions_count_up_and_every_version_stays_readable(db: Db) {
        assert_eq!(db.current_price_list().await.unwrap(), None);
        assert_eq!(db.price_list(1).await.unwrap(), None);
        let first = demo_price_list();
        let now = Utc::now();
        let v1 = db.store_price_list(&first, None, now).await.unwrap();
        assert_eq!(v1.list, first.clone().with_version(1));
        assert_eq!((v1.set_by, v1.set_by_username), (None, None));
        let mut second = first.clone();
        second.day_rate_cny = 2_800;
        let v2 = db.store_price_list(&second, None, now).await.unwrap();
        assert_eq!(v2.list.version, 2);
        assert_eq!(
            db.current_price_list().await.unwrap().unwrap().list,
            second.with_version(2)
        );
        assert_eq!(
            db.price_list(1).await.unwrap().unwrap().list,
            first.with_version(1)
        );
        assert_eq!(db.price_list(3).await.unwrap(), None);
    }

    async fn the_first_list_is_stored_only_into_an_empty_table(db: Db) {
        let demo = demo_price_list();
        assert!(db.store_first_price_list(&demo, Utc::now()).await.unwrap());
        assert!(!db.store_first_price_list(&demo, Utc::now()).await.unwrap());
        assert_eq!(
            db.current_price_list().await.unwrap().unwrap().list.version,
            1
        );
    }

    async fn a_damaged_document_is_a_database_error_not_a_panic(db: Db) {
        let mut tx = Tx::begin(&db).await.unwrap();
        tx.exec(
            "INSERT INTO price_lists (version, document, set_by, set_at) VALUES (1, 'not json', NULL, $1)",
            args![Utc::now()],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert!(db.current_price_list().await.is_err());
    }
}
