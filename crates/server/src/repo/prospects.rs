//! Prospects: their stored rows, as the record pulled, and the statements that read and
//! change them. Sequence numbers (`seq`) are handed out by the caller ([`crate::sync::Seq`]).

use chrono::{DateTime, NaiveDate, Utc};
use tuoke_core::cadence::CadenceConfig;
use tuoke_core::grading::GradeHistoryEntry;
use tuoke_core::record::{ProspectRecord, RecordMeta};
use tuoke_core::types::{Prospect, Stage};

use crate::domain::Role;
use crate::repo::decode::{corrupt, parse_id, parse_stage};
use crate::repo::sql::{args, placeholders, Arg, Tx};
use crate::repo::visibility;

pub const PROSPECT_COLUMNS: &str = "p.id, p.owner_id, p.lead_list, p.data, p.stage, \
     p.pending_stage, p.last_contact, p.created_at, p.updated_at, p.version, p.seq, \
     p.grade_history, p.stage_reason";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProspectRow {
    pub id: String,
    pub owner_id: Option<String>,
    pub lead_list: bool,
    pub data: String,
    pub stage: String,
    pub pending_stage: Option<String>,
    pub last_contact: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
    pub seq: i64,
    /// JSON array of `GradeHistoryEntry`, oldest first.
    pub grade_history: String,
    /// The reason given for the move to the current stage (why it was lost, …).
    pub stage_reason: Option<String>,
}

impl ProspectRow {
    pub fn prospect(&self) -> Result<Prospect, sqlx::Error> {
        serde_json::from_str(&self.data).map_err(|e| corrupt("prospect data", e))
    }

    pub fn stage(&self) -> Result<Stage, sqlx::Error> {
        parse_stage(&self.stage)
    }

    pub fn last_contact(&self) -> Option<NaiveDate> {
        self.last_contact
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    }

    /// The grade history, oldest first.
    pub fn grade_history(&self) -> Result<Vec<GradeHistoryEntry>, sqlx::Error> {
        serde_json::from_str(&self.grade_history).map_err(|e| corrupt("grade history", e))
    }

    /// The pulled record (API.md "Prospect record as pulled"), derived parts computed now by
    /// the core, plus `lead_list`, `last_contact`, `grade_history` and `stage_reason`.
    pub fn to_record(&self, today: NaiveDate) -> Result<ProspectRecord, sqlx::Error> {
        let meta = RecordMeta {
            id: parse_id("prospect id", &self.id)?,
            owner_id: self.owner_id.clone(),
            stage: self.stage()?,
            pending_stage: self.pending_stage.as_deref().map(parse_stage).transpose()?,
            stage_reason: self.stage_reason.clone(),
            lead_list: self.lead_list,
            grade_history: self.grade_history()?,
            created_at: self.created_at,
            updated_at: self.updated_at,
        };
        Ok(ProspectRecord::build(
            meta,
            self.prospect()?,
            self.last_contact(),
            today,
            &CadenceConfig::default(),
        ))
    }
}

/// Loads a prospect whatever its visibility.
pub async fn load(tx: &mut Tx, id: &str) -> Result<Option<ProspectRow>, sqlx::Error> {
    let sql = format!("SELECT {PROSPECT_COLUMNS} FROM prospects p WHERE p.id = $1");
    tx.opt(&sql, args![id]).await
}

/// Loads a prospect if user `user_id` with `role` may see it.
pub async fn visible(
    tx: &mut Tx,
    role: Role,
    user_id: &str,
    id: &str,
) -> Result<Option<ProspectRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {PROSPECT_COLUMNS} FROM prospects p WHERE p.id = $2 AND {}",
        visibility::prospect(role)
    );
    tx.opt(&sql, args![user_id, id]).await
}

/// Which of `ids` are stored.
pub async fn existing(tx: &mut Tx, ids: &[String]) -> Result<Vec<String>, sqlx::Error> {
    let sql = format!(
        "SELECT id FROM prospects WHERE id IN ({})",
        placeholders(ids.len(), 1, 1)
    );
    let rows: Vec<(String,)> = tx.all(&sql, ids.iter().map(Arg::from).collect()).await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// A new prospect row (at stage lead, version 1).
pub struct Insert<'a> {
    pub id: &'a str,
    pub owner_id: Option<&'a str>,
    pub lead_list: bool,
    /// The prospect as JSON.
    pub data: String,
    pub dedup_key: String,
    pub created_by: &'a str,
    pub now: DateTime<Utc>,
    pub seq: i64,
}

pub async fn insert(tx: &mut Tx, new: Insert<'_>) -> Result<(), sqlx::Error> {
    tx.exec(
        "INSERT INTO prospects (id, owner_id, lead_list, data, stage, pending_stage, last_contact, \
         dedup_key, created_by, created_at, updated_at, version, seq) \
         VALUES ($1, $2, $3, $4, $5, NULL, NULL, $6, $7, $8, $8, 1, $9)",
        args![
            new.id,
            new.owner_id.map(str::to_owned),
            new.lead_list,
            new.data,
            Stage::Lead.code(),
            new.dedup_key,
            new.created_by,
            new.now,
            new.seq
        ],
    )
    .await
    .map(drop)
}

/// Marks a prospect changed: a new version, `updated_at` and `seq`.
pub async fn touch(tx: &mut Tx, id: &str, now: DateTime<Utc>, seq: i64) -> Result<(), sqlx::Error> {
    tx.exec(
        "UPDATE prospects SET version = version + 1, updated_at = $1, seq = $2 WHERE id = $3",
        args![now, seq, id],
    )
    .await
    .map(drop)
}

/// Stores a prospect's data (JSON) and de-duplication key, as a new version.
pub async fn set_data(
    tx: &mut Tx,
    id: &str,
    data: String,
    dedup_key: String,
    now: DateTime<Utc>,
    seq: i64,
) -> Result<(), sqlx::Error> {
    tx.exec(
        "UPDATE prospects SET data = $1, dedup_key = $2, version = version + 1, \
         updated_at = $3, seq = $4 WHERE id = $5",
        args![data, dedup_key, now, seq, id],
    )
    .await
    .map(drop)
}

/// Stores a prospect's grade history (JSON), without a new version.
pub async fn set_grade_history(tx: &mut Tx, id: &str, text: String) -> Result<(), sqlx::Error> {
    tx.exec(
        "UPDATE prospects SET grade_history = $1 WHERE id = $2",
        args![text, id],
    )
    .await
    .map(drop)
}

/// Stores a prospect's latest contact day, as a new version.
pub async fn set_last_contact(
    tx: &mut Tx,
    id: &str,
    day: NaiveDate,
    now: DateTime<Utc>,
    seq: i64,
) -> Result<(), sqlx::Error> {
    tx.exec(
        "UPDATE prospects SET last_contact = $1, version = version + 1, \
         updated_at = $2, seq = $3 WHERE id = $4",
        args![day.format("%Y-%m-%d").to_string(), now, seq, id],
    )
    .await
    .map(drop)
}

/// Sets the stage a prospect waits for (without a new version).
pub async fn set_pending_stage(tx: &mut Tx, id: &str, stage: Stage) -> Result<(), sqlx::Error> {
    tx.exec(
        "UPDATE prospects SET pending_stage = $1 WHERE id = $2",
        args![stage.code(), id],
    )
    .await
    .map(drop)
}

/// Clears the stage a prospect waits for (without a new version).
pub async fn clear_pending_stage(tx: &mut Tx, id: &str) -> Result<(), sqlx::Error> {
    tx.exec(
        "UPDATE prospects SET pending_stage = NULL WHERE id = $1",
        args![id],
    )
    .await
    .map(drop)
}

/// Sets a prospect's stage with the reason given for it and clears its pending stage
/// (without a new version).
pub async fn set_stage(
    tx: &mut Tx,
    id: &str,
    stage: Stage,
    reason: Option<String>,
) -> Result<(), sqlx::Error> {
    tx.exec(
        "UPDATE prospects SET stage = $1, pending_stage = NULL, stage_reason = $2 \
         WHERE id = $3",
        args![stage.code(), reason, id],
    )
    .await
    .map(drop)
}

/// Gives prospect `id` to `owner_id` (without a new version).
pub async fn set_owner(tx: &mut Tx, id: &str, owner_id: &str) -> Result<(), sqlx::Error> {
    tx.exec(
        "UPDATE prospects SET owner_id = $1 WHERE id = $2",
        args![owner_id, id],
    )
    .await
    .map(drop)
}

/// A prospect with de-duplication key `key`, if any.
pub async fn by_dedup_key(tx: &mut Tx, key: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = tx
        .opt(
            "SELECT id FROM prospects WHERE dedup_key = $1 LIMIT 1",
            args![key],
        )
        .await?;
    Ok(row.map(|(id,)| id))
}

#[cfg(test)]
pub(crate) mod tests {
    use serde_json::Value;
    use uuid::Uuid;

    use super::*;
    use crate::db::Db;
    use crate::repo::test_db::repo_tests;
    use crate::repo::users::tests::new_user;

    repo_tests!(
        stored_prospects_are_found_by_id_and_by_dedup_key,
        a_transferred_prospect_has_its_new_owner,
    );

    /// A rep (username `rep`) and a prospect of theirs with de-duplication key `key`; their ids.
    pub(crate) async fn rep_with_prospect(db: &Db, key: &str) -> (String, String) {
        let rep = db
            .create_user(new_user("rep", Role::Rep, None))
            .await
            .unwrap()
            .id
            .to_string();
        let id = Uuid::now_v7().to_string();
        let mut tx = db.read().await.unwrap();
        let new = Insert {
            id: &id,
            owner_id: Some(&rep),
            lead_list: false,
            data: r#"{"company":"华强电子"}"#.to_owned(),
            dedup_key: key.to_owned(),
            created_by: &rep,
            now: Utc::now(),
            seq: 1,
        };
        insert(&mut tx, new).await.unwrap();
        tx.commit().await.unwrap();
        (rep, id)
    }

    async fn stored_prospects_are_found_by_id_and_by_dedup_key(db: Db) {
        let (rep, id) = rep_with_prospect(&db, "华强电子|123").await;
        let other = Uuid::now_v7().to_string();
        let mut tx = db.read().await.unwrap();
        assert_eq!(
            existing(&mut tx, &[id.clone(), other]).await.unwrap(),
            vec![id.clone()]
        );
        assert_eq!(
            by_dedup_key(&mut tx, "华强电子|123").await.unwrap(),
            Some(id.clone())
        );
        assert_eq!(by_dedup_key(&mut tx, "华强电子|").await.unwrap(), None);
        let row = load(&mut tx, &id).await.unwrap().unwrap();
        assert_eq!(row.owner_id.as_deref(), Some(rep.as_str()));
        assert_eq!((row.stage.as_str(), row.version, row.seq), ("lead", 1, 1));
    }

    async fn a_transferred_prospect_has_its_new_owner(db: Db) {
        let (rep, id) = rep_with_prospect(&db, "k").await;
        let other = db
            .create_user(new_user("other", Role::Rep, None))
            .await
            .unwrap()
            .id
            .to_string();
        let mut tx = db.read().await.unwrap();
        assert!(visible(&mut tx, Role::Rep, &rep, &id)
            .await
            .unwrap()
            .is_some());
        set_owner(&mut tx, &id, &other).await.unwrap();
        assert!(visible(&mut tx, Role::Rep, &rep, &id)
            .await
            .unwrap()
            .is_none());
        let row = visible(&mut tx, Role::Rep, &other, &id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.owner_id, Some(other));
        // Ownership alone is no new version: the caller touches the prospect.
        assert_eq!(row.version, 1);
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_pulled_prospect_has_the_shape_it_always_had() {
        let today = "2026-03-02".parse().unwrap();
        let mut row = ProspectRow {
            id: "0193a000-0000-7000-8000-000000000001".into(),
            owner_id: None,
            lead_list: true,
            data: r#"{"company":"华强电子","industry":"electronics","employees":450}"#.into(),
            stage: "first_visit".into(),
            pending_stage: Some("quote".into()),
            last_contact: Some("2026-02-27".into()),
            created_at: at("2026-01-05T08:00:00Z"),
            updated_at: at("2026-03-01T10:30:00Z"),
            version: 3,
            seq: 7,
            grade_history: r#"[{"at":"2026-01-05T08:00:00Z","from":null,"to":"C","computed":"C","overridden":false,"reason":null}]"#.into(),
            stage_reason: None,
        };
        for owner in [None, Some("rep1")] {
            row.owner_id = owner.map(str::to_owned);
            // What the server sent before: the core's prospect record with a string owner,
            // then the server's additions written in.
            let meta = RecordMeta {
                stage: row.stage().unwrap(),
                pending_stage: Some(Stage::Quote),
                updated_at: row.updated_at,
                ..RecordMeta::new(
                    Uuid::parse_str(&row.id).unwrap(),
                    Some(row.owner_id.clone().unwrap_or_default()),
                    row.created_at,
                )
            };
            let core = ProspectRecord::build(
                meta,
                row.prospect().unwrap(),
                row.last_contact(),
                today,
                &CadenceConfig::default(),
            );
            let mut before = serde_json::to_value(core).unwrap();
            let map = before.as_object_mut().unwrap();
            if row.owner_id.is_none() {
                map.insert("owner_id".into(), Value::Null);
            }
            map.insert("lead_list".into(), Value::Bool(row.lead_list));
            map.insert(
                "last_contact".into(),
                serde_json::to_value(&row.last_contact).unwrap(),
            );
            let history: Value = serde_json::from_str(&row.grade_history).unwrap();
            map.insert("grade_history".into(), history);
            map.insert(
                "stage_reason".into(),
                serde_json::to_value(&row.stage_reason).unwrap(),
            );
            let now = serde_json::to_value(row.to_record(today).unwrap()).unwrap();
            assert_eq!(now, before, "owner {owner:?}");
        }
    }
}
