//! The approvals that concern the user on Today (API.md approval records): a rep's
//! requests and their outcome, a manager's decisions to make.

use std::cmp::Reverse;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use tuoke_core::types::Stage;
use tuoke_sync::view::ViewRecord;

/// How long a decided approval stays on Today.
pub const RECENT_DAYS: i64 = 14;

/// Kind of approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalKind {
    StageMove,
    Quote,
}

/// Where an approval stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalStatus {
    Pending,
    Approved,
    Rejected,
}

/// An approval record (API.md) as Today shows it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Approval {
    #[serde(default)]
    pub id: String,
    pub kind: ApprovalKind,
    pub prospect_id: String,
    #[serde(default)]
    pub requested_by: Option<String>,
    #[serde(default)]
    pub approver_id: Option<String>,
    #[serde(default)]
    pub to: Option<Stage>,
    #[serde(default)]
    pub reason: Option<String>,
    pub status: ApprovalStatus,
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub decided_at: Option<DateTime<Utc>>,
    /// A local decision not yet synced.
    #[serde(skip)]
    pub pending: bool,
}

/// The approvals that concern the user: those waiting for their decision (managers: the
/// ones they approve, oldest first) and the rest to show (a rep's own requests still
/// pending, then what was decided in the last [`RECENT_DAYS`], newest first; for a manager,
/// what they decided recently).
pub fn approvals<'a>(
    records: impl Iterator<Item = &'a ViewRecord>,
    me: &str,
    now: DateTime<Utc>,
) -> (Vec<Approval>, Vec<Approval>) {
    let recent = |a: &Approval| {
        a.decided_at
            .is_none_or(|at| (now - at).num_days() < RECENT_DAYS)
    };
    let mut waiting = Vec::new();
    let mut others = Vec::new();
    for r in records {
        let Ok(mut a) = serde_json::from_value::<Approval>(r.data.clone()) else {
            continue;
        };
        a.id.clone_from(&r.id);
        a.pending = r.pending;
        let deciding = a.approver_id.as_deref() == Some(me);
        let mine = a.requested_by.as_deref() == Some(me);
        match a.status {
            ApprovalStatus::Pending if deciding => waiting.push(a),
            ApprovalStatus::Pending if mine => others.push(a),
            _ if (deciding || mine) && recent(&a) => others.push(a),
            _ => {}
        }
    }
    waiting.sort_by_key(|a| a.created_at);
    others.sort_by_key(|a| {
        (
            a.status != ApprovalStatus::Pending,
            Reverse(a.decided_at.or(a.created_at)),
        )
    });
    (waiting, others)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn approvals_split_into_waiting_for_me_and_my_recent_requests() {
        let now: DateTime<Utc> = "2026-03-02T08:00:00Z".parse().unwrap();
        let record = |id: &str, data: serde_json::Value| ViewRecord {
            entity: "approval".into(),
            id: id.into(),
            data,
            pending: false,
        };
        let records = [
            record(
                "w",
                json!({"kind": "stage_move", "prospect_id": "p", "requested_by": "rep",
                "approver_id": "boss", "to": "exchange", "status": "pending",
                "created_at": "2026-03-01T08:00:00Z"}),
            ),
            record(
                "old",
                json!({"kind": "stage_move", "prospect_id": "p", "requested_by": "rep",
                "approver_id": "boss", "to": "demo", "status": "approved",
                "decided_at": "2026-01-01T08:00:00Z"}),
            ),
            record(
                "r",
                json!({"kind": "quote", "prospect_id": "p", "requested_by": "rep",
                "approver_id": "boss", "status": "rejected", "comment": "太低",
                "decided_at": "2026-03-01T09:00:00Z"}),
            ),
            record("bad", json!({"kind": "nope"})),
        ];
        let (waiting, others) = approvals(records.iter(), "boss", now);
        assert_eq!(
            waiting.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            ["w"]
        );
        assert_eq!(
            others.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            ["r"]
        );
        let (waiting, others) = approvals(records.iter(), "rep", now);
        assert!(waiting.is_empty());
        // Pending first, then the recent decision; the old one is gone.
        assert_eq!(
            others.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            ["w", "r"]
        );
        assert_eq!(others[1].comment.as_deref(), Some("太低"));
        assert_eq!(others[0].to, Some(Stage::Exchange));
    }
}
