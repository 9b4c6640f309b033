//! Approvals (stage moves and quotes waiting for a manager): their stored rows, as the record
//! pulled, and the statements that read and change them.

use chrono::{DateTime, Utc};
use tuoke_core::record::{ApprovalKind, ApprovalRecord, ApprovalStatus};
use tuoke_core::types::Stage;

use crate::repo::decode::{parse_id, parse_name, parse_stage};
use crate::repo::sql::{args, Tx};

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

pub async fn load(tx: &mut Tx, id: &str) -> Result<Option<ApprovalRow>, sqlx::Error> {
    let sql = format!("SELECT {APPROVAL_COLUMNS} FROM approvals a WHERE a.id = $1");
    tx.opt(&sql, args![id]).await
}

/// A new pending approval (version 1).
pub struct Insert<'a> {
    pub id: &'a str,
    pub kind: ApprovalKind,
    pub prospect_id: &'a str,
    pub requested_by: &'a str,
    pub approver_id: &'a str,
    pub to_stage: Option<Stage>,
    pub quote_id: Option<&'a str>,
    pub rule: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub now: DateTime<Utc>,
    pub seq: i64,
}

pub async fn insert(tx: &mut Tx, new: Insert<'_>) -> Result<(), sqlx::Error> {
    tx.exec(
        "INSERT INTO approvals (id, kind, prospect_id, requested_by, approver_id, to_stage, \
         quote_id, rule, reason, status, created_at, version, seq) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10, 1, $11)",
        args![
            new.id,
            new.kind.as_str(),
            new.prospect_id,
            new.requested_by,
            new.approver_id,
            new.to_stage.map(|s| s.code().to_owned()),
            new.quote_id.map(str::to_owned),
            new.rule.map(str::to_owned),
            new.reason.map(str::to_owned),
            new.now,
            new.seq
        ],
    )
    .await
    .map(drop)
}

/// A pending approval of a prospect: its id, kind and the quote it is for.
pub type Pending = (String, String, Option<String>);

/// The pending approvals of prospect `prospect_id`, oldest first.
pub async fn pending(tx: &mut Tx, prospect_id: &str) -> Result<Vec<Pending>, sqlx::Error> {
    tx.all(
        "SELECT id, kind, quote_id FROM approvals WHERE prospect_id = $1 \
         AND status = 'pending' ORDER BY created_at",
        args![prospect_id],
    )
    .await
}

/// Rejects approval `id` with `comment` (no decider), as a new version.
pub async fn reject(
    tx: &mut Tx,
    id: &str,
    comment: &str,
    now: DateTime<Utc>,
    seq: i64,
) -> Result<(), sqlx::Error> {
    tx.exec(
        "UPDATE approvals SET status = 'rejected', comment = $1, decided_at = $2, \
         version = version + 1, seq = $3 WHERE id = $4",
        args![comment, now, seq, id],
    )
    .await
    .map(drop)
}

/// Stores the decision `status` of `decided_by` on approval `id`, as a new version.
pub async fn decide(
    tx: &mut Tx,
    id: &str,
    status: ApprovalStatus,
    decided_by: &str,
    comment: Option<String>,
    now: DateTime<Utc>,
    seq: i64,
) -> Result<(), sqlx::Error> {
    tx.exec(
        "UPDATE approvals SET status = $1, decided_by = $2, comment = $3, decided_at = $4, \
         version = version + 1, seq = $5 WHERE id = $6",
        args![status.as_str(), decided_by, comment, now, seq, id],
    )
    .await
    .map(drop)
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;

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
        let before: serde_json::Value = serde_json::from_str(concat!(
            r#"{"id":"0193a000-0000-7000-8000-00000000000a","kind":"stage_move","#,
            r#""prospect_id":"0193a000-0000-7000-8000-000000000001","requested_by":"rep","#,
            r#""approver_id":"mgr","to":"quote","quote_id":null,"rule":"no_skip","#,
            r#""reason":null,"status":"approved","decided_by":"mgr","comment":"好","#,
            r#""created_at":"2026-03-02T08:00:00Z","decided_at":"2026-03-02T09:00:00.250Z"}"#
        ))
        .unwrap();
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
}
