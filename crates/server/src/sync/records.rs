//! Stored rows of the sync tables, their pulled JSON and the writes every mutation shares.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use tuoke_core::cadence::CadenceConfig;
use tuoke_core::contract::Vocabulary;
use tuoke_core::grading::GradeHistoryEntry;
use tuoke_core::record::{
    ApprovalKind, ApprovalRecord, ApprovalStatus, EntityRecord, ProspectRecord, QuoteRecord,
    RecordMeta,
};
use tuoke_core::types::{Prospect, Stage};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::repo::sql::{args, Arg, Tx};
use crate::sync::seq::Seq;
use crate::sync::visibility;

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

/// A stored value the schema should have kept valid; surfaced as a database error (503).
fn corrupt(what: &str, e: impl std::fmt::Display) -> sqlx::Error {
    sqlx::Error::Decode(format!("corrupt {what}: {e}").into())
}

pub fn parse_stage(s: &str) -> Result<Stage, sqlx::Error> {
    serde_json::from_value(Value::String(s.to_owned())).map_err(|e| corrupt("stage", e))
}

/// A stored name of the vocabulary `T` (an approval's kind or status).
fn parse_name<T: Vocabulary>(s: &str) -> Result<T, sqlx::Error> {
    T::parse(s).ok_or_else(|| corrupt(T::WHAT, format!("{s:?}")))
}

/// A stored id (of a prospect, a quote, an approval).
fn parse_id(what: &str, s: &str) -> Result<Uuid, sqlx::Error> {
    Uuid::parse_str(s).map_err(|e| corrupt(what, e))
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
pub async fn load_prospect(tx: &mut Tx, id: &str) -> Result<Option<ProspectRow>, sqlx::Error> {
    let sql = format!("SELECT {PROSPECT_COLUMNS} FROM prospects p WHERE p.id = $1");
    tx.opt(&sql, args![id]).await
}

/// Loads a prospect if `user` may see it.
pub async fn visible_prospect(
    tx: &mut Tx,
    user: &AuthUser,
    id: &str,
) -> Result<Option<ProspectRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {PROSPECT_COLUMNS} FROM prospects p WHERE p.id = $2 AND {}",
        visibility::prospect(user.role)
    );
    tx.opt(&sql, args![&user.id, id]).await
}

/// De-duplication key of SPEC §9: company name (case, spaces and punctuation ignored) and
/// the digits of the first contact phone.
pub fn dedup_key(company: &str, phone: Option<&str>) -> String {
    let name: String = company
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let digits: String = phone
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    format!("{name}|{digits}")
}

pub fn prospect_dedup_key(p: &Prospect) -> String {
    let phone = p.contacts.iter().find_map(|c| c.phone.as_deref());
    dedup_key(&p.company, phone)
}

pub struct NewProspect<'a> {
    pub id: &'a str,
    pub owner_id: Option<&'a str>,
    pub lead_list: bool,
    pub prospect: &'a Prospect,
    pub created_by: &'a str,
    pub now: DateTime<Utc>,
}

pub async fn insert_prospect(
    tx: &mut Tx,
    seq: &mut Seq,
    new: NewProspect<'_>,
) -> Result<(), sqlx::Error> {
    let data = serde_json::to_string(new.prospect).map_err(|e| corrupt("prospect data", e))?;
    tx.exec(
        "INSERT INTO prospects (id, owner_id, lead_list, data, stage, pending_stage, last_contact, \
         dedup_key, created_by, created_at, updated_at, version, seq) \
         VALUES ($1, $2, $3, $4, $5, NULL, NULL, $6, $7, $8, $8, 1, $9)",
        args![
            new.id,
            new.owner_id.map(str::to_owned),
            new.lead_list,
            data,
            Stage::Lead.code(),
            prospect_dedup_key(new.prospect),
            new.created_by,
            new.now,
            seq.take()
        ],
    )
    .await
    .map(drop)
}

/// Marks a prospect changed (new version and seq) and stores any of its changed columns.
pub async fn touch_prospect(
    tx: &mut Tx,
    seq: &mut Seq,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    tx.exec(
        "UPDATE prospects SET version = version + 1, updated_at = $1, seq = $2 WHERE id = $3",
        args![now, seq.take(), id],
    )
    .await
    .map(drop)
}

/// One overwritten value of a prospect (its field history), as the row's arguments.
#[allow(clippy::too_many_arguments)]
pub fn history_row(
    prospect_id: &str,
    field: &str,
    old: &Value,
    new: &Value,
    user: &str,
    now: DateTime<Utc>,
    mutation_id: Option<&str>,
) -> Vec<Arg> {
    args![
        prospect_id,
        field,
        old.to_string(),
        new.to_string(),
        user,
        now,
        mutation_id.map(str::to_owned)
    ]
}

/// Field-history rows per statement (7 parameters each: well under both databases' limits).
const HISTORY_CHUNK: usize = 100;

/// Inserts field-history rows (from [`history_row`]), oldest first, a chunk per statement.
pub async fn insert_history(tx: &mut Tx, rows: Vec<Vec<Arg>>) -> Result<(), sqlx::Error> {
    for chunk in rows.chunks(HISTORY_CHUNK) {
        let values = (0..chunk.len())
            .map(|r| {
                let p = |c: usize| format!("${}", r * 7 + c + 1);
                format!(
                    "({}, {}, {}, {}, {}, {}, {})",
                    p(0),
                    p(1),
                    p(2),
                    p(3),
                    p(4),
                    p(5),
                    p(6)
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO field_history (prospect_id, field, old_value, new_value, changed_by, \
             changed_at, mutation_id) VALUES {values}"
        );
        tx.exec(&sql, chunk.concat()).await?;
    }
    Ok(())
}

/// Inserts one field-history row now.
#[allow(clippy::too_many_arguments)]
pub async fn record_history(
    tx: &mut Tx,
    prospect_id: &str,
    field: &str,
    old: &Value,
    new: &Value,
    user: &str,
    now: DateTime<Utc>,
    mutation_id: Option<&str>,
) -> Result<(), sqlx::Error> {
    let row = history_row(prospect_id, field, old, new, user, now, mutation_id);
    insert_history(tx, vec![row]).await
}

/// Inserts a note, activity, quote, concession, objection or quiz attempt by `author_id`;
/// false (nothing written) when the id is already taken.
pub async fn insert_record<R: EntityRecord>(
    tx: &mut Tx,
    seq: &mut Seq,
    record: &R,
    author_id: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let data = serde_json::to_string(record).map_err(|e| sqlx::Error::Encode(e.into()))?;
    tx.exec(
        "INSERT INTO records (id, entity, prospect_id, author_id, data, created_at, version, seq) \
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7) ON CONFLICT (id) DO NOTHING",
        args![
            record.id().to_string(),
            R::ENTITY.as_str(),
            record.prospect_id().map(|p| p.to_string()),
            author_id,
            data,
            now,
            seq.take()
        ],
    )
    .await
    .map(|rows| rows == 1)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApprovalRow {
    pub id: String,
    pub kind: String,
    pub prospect_id: String,
    pub requested_by: String,
    pub approver_id: String,
    pub to_stage: Option<String>,
    pub quote_id: Option<String>,
    pub rule: Option<String>,
    pub reason: Option<String>,
    pub status: String,
    pub decided_by: Option<String>,
    pub comment: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub seq: i64,
}

pub const APPROVAL_COLUMNS: &str = "a.id, a.kind, a.prospect_id, a.requested_by, a.approver_id, \
     a.to_stage, a.quote_id, a.rule, a.reason, a.status, a.decided_by, a.comment, a.created_at, \
     a.decided_at, a.version, a.seq";

impl ApprovalRow {
    /// What the approval is for.
    pub fn kind(&self) -> Result<ApprovalKind, sqlx::Error> {
        parse_name(&self.kind)
    }

    /// Where it stands.
    pub fn status(&self) -> Result<ApprovalStatus, sqlx::Error> {
        parse_name(&self.status)
    }

    /// API.md "Approval record as pulled", plus `approver_id`, `rule` and `quote_id`.
    pub fn to_record(&self) -> Result<ApprovalRecord, sqlx::Error> {
        Ok(ApprovalRecord {
            id: parse_id("approval id", &self.id)?,
            kind: self.kind()?,
            prospect_id: parse_id("approval's prospect id", &self.prospect_id)?,
            requested_by: self.requested_by.clone(),
            approver_id: self.approver_id.clone(),
            to: self.to_stage.as_deref().map(parse_stage).transpose()?,
            quote_id: self
                .quote_id
                .as_deref()
                .map(|q| parse_id("approval's quote id", q))
                .transpose()?,
            rule: self.rule.clone(),
            reason: self.reason.clone(),
            status: self.status()?,
            decided_by: self.decided_by.clone(),
            comment: self.comment.clone(),
            created_at: self.created_at,
            decided_at: self.decided_at,
        })
    }
}

pub async fn load_approval(tx: &mut Tx, id: &str) -> Result<Option<ApprovalRow>, sqlx::Error> {
    let sql = format!("SELECT {APPROVAL_COLUMNS} FROM approvals a WHERE a.id = $1");
    tx.opt(&sql, args![id]).await
}

pub struct NewApproval<'a> {
    pub id: String,
    pub kind: ApprovalKind,
    pub prospect_id: &'a str,
    pub requested_by: &'a str,
    pub approver_id: &'a str,
    pub to_stage: Option<Stage>,
    pub quote_id: Option<&'a str>,
    pub rule: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub now: DateTime<Utc>,
}

/// Creates a pending approval; returns its id.
pub async fn insert_approval(
    tx: &mut Tx,
    seq: &mut Seq,
    new: NewApproval<'_>,
) -> Result<String, sqlx::Error> {
    let id = new.id.clone();
    tx.exec(
        "INSERT INTO approvals (id, kind, prospect_id, requested_by, approver_id, to_stage, \
         quote_id, rule, reason, status, created_at, version, seq) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10, 1, $11)",
        args![
            &id,
            new.kind.as_str(),
            new.prospect_id,
            new.requested_by,
            new.approver_id,
            new.to_stage.map(|s| s.code().to_owned()),
            new.quote_id.map(str::to_owned),
            new.rule.map(str::to_owned),
            new.reason.map(str::to_owned),
            new.now,
            seq.take()
        ],
    )
    .await?;
    Ok(id)
}

/// Rejects the pending approvals of prospect `id` (only those of `kind` if given) with
/// `comment`, each as a new version; a quote waiting on one is rejected with it.
async fn reject_pending_approvals(
    tx: &mut Tx,
    seq: &mut Seq,
    id: &str,
    kind: Option<ApprovalKind>,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let pending: Vec<(String, String, Option<String>)> = tx
        .all(
            "SELECT id, kind, quote_id FROM approvals WHERE prospect_id = $1 \
             AND status = 'pending' ORDER BY created_at",
            args![id],
        )
        .await?;
    let chosen = pending
        .into_iter()
        .filter(|(_, k, _)| kind.is_none_or(|kind| kind.as_str() == k));
    for (approval_id, _, quote_id) in chosen {
        tx.exec(
            "UPDATE approvals SET status = 'rejected', comment = $1, decided_at = $2, \
             version = version + 1, seq = $3 WHERE id = $4",
            args![comment, now, seq.take(), approval_id],
        )
        .await?;
        if let Some(quote_id) = quote_id {
            set_quote_status(tx, seq, &quote_id, ApprovalStatus::Rejected).await?;
        }
    }
    Ok(())
}

/// A new stage move replaces the prospect's pending stage-move requests.
pub async fn supersede_stage_approvals(
    tx: &mut Tx,
    seq: &mut Seq,
    prospect_id: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let comment = "superseded by a later stage move";
    let kind = Some(ApprovalKind::StageMove);
    reject_pending_approvals(tx, seq, prospect_id, kind, comment, now).await
}

/// Sets a quote record's `status` (approved / rejected), as a new version.
pub async fn set_quote_status(
    tx: &mut Tx,
    seq: &mut Seq,
    quote_id: &str,
    status: ApprovalStatus,
) -> Result<(), sqlx::Error> {
    let found: Option<(String,)> = tx
        .opt("SELECT data FROM records WHERE id = $1", args![quote_id])
        .await?;
    let Some((data,)) = found else { return Ok(()) };
    let mut quote: QuoteRecord =
        serde_json::from_str(&data).map_err(|e| corrupt("quote record", e))?;
    quote.status = status;
    let data = serde_json::to_string(&quote).map_err(|e| corrupt("quote record", e))?;
    tx.exec(
        "UPDATE records SET data = $1, version = version + 1, seq = $2 WHERE id = $3",
        args![data, seq.take(), quote_id],
    )
    .await
    .map(drop)
}

/// Cancels every pending approval of prospect `id` (its owner changed: the old owner's
/// manager must no longer decide on the new owner's deal). Each becomes `rejected` with
/// `comment`, a quote waiting on one becomes `rejected` too, and a pending stage is cleared;
/// the new owner asks again. The caller bumps the prospect's version afterwards.
pub async fn cancel_pending_approvals(
    tx: &mut Tx,
    seq: &mut Seq,
    id: &str,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    reject_pending_approvals(tx, seq, id, None, comment, now).await?;
    tx.exec(
        "UPDATE prospects SET pending_stage = NULL WHERE id = $1",
        args![id],
    )
    .await
    .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedup_key_ignores_case_spacing_and_phone_punctuation() {
        assert_eq!(
            dedup_key(" 深圳 Acme Co. ", Some("+86 (755) 1234-5678")),
            dedup_key("深圳acme co", Some("86755 12345678"))
        );
        assert_ne!(dedup_key("Acme", Some("1")), dedup_key("Acme", Some("2")));
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn a_pulled_approval_has_the_shape_it_always_had() {
        let row = ApprovalRow {
            id: "0193a000-0000-7000-8000-00000000000a".into(),
            kind: "stage_move".into(),
            prospect_id: "0193a000-0000-7000-8000-000000000001".into(),
            requested_by: "rep".into(),
            approver_id: "mgr".into(),
            to_stage: Some("quote".into()),
            quote_id: None,
            rule: Some("no_skip".into()),
            reason: None,
            status: "approved".into(),
            decided_by: Some("mgr".into()),
            comment: Some("好".into()),
            created_at: at("2026-03-02T08:00:00Z"),
            decided_at: Some(at("2026-03-02T09:00:00.250Z")),
            version: 2,
            seq: 9,
        };
        // What the server sent before the record had a type.
        let before = serde_json::json!({
            "id": row.id, "kind": row.kind, "prospect_id": row.prospect_id,
            "requested_by": row.requested_by, "approver_id": row.approver_id,
            "to": row.to_stage, "quote_id": row.quote_id, "rule": row.rule,
            "reason": row.reason, "status": row.status, "decided_by": row.decided_by,
            "comment": row.comment, "created_at": row.created_at, "decided_at": row.decided_at,
        });
        assert_eq!(
            serde_json::to_value(row.to_record().unwrap()).unwrap(),
            before
        );
        let damaged = ApprovalRow {
            kind: "vacation".into(),
            ..row
        };
        assert!(damaged.to_record().is_err());
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
            map.insert("last_contact".into(), serde_json::json!(row.last_contact));
            let history: Value = serde_json::from_str(&row.grade_history).unwrap();
            map.insert("grade_history".into(), history);
            map.insert("stage_reason".into(), serde_json::json!(row.stage_reason));
            let now = serde_json::to_value(row.to_record(today).unwrap()).unwrap();
            assert_eq!(now, before, "owner {owner:?}");
        }
    }
}
