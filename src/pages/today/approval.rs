//! The approvals that concern the user on Today (API.md approval records): a rep's
//! requests and their outcome, a manager's decisions to make.

use std::cmp::Reverse;

use chrono::{DateTime, Utc};
use tuoke_core::record::{ApprovalKind, ApprovalRecord, ApprovalStatus};
use tuoke_core::types::Stage;
use tuoke_sync::view::ViewRecord;

/// How long a decided approval stays on Today.
pub const RECENT_DAYS: i64 = 14;

/// An approval as Today lists it.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// The approval record; `pending`: a decision made on this phone, not synced yet.
    Record {
        record: ApprovalRecord,
        pending: bool,
    },
    /// A gated move saved on this phone and not synced: its approval record is the
    /// server's to make, so there is none yet.
    Unsent { prospect_id: String, to: Stage },
}

impl Shown {
    /// The list key and `data-id`.
    pub fn key(&self) -> String {
        match self {
            Shown::Record { record, .. } => record.id.to_string(),
            Shown::Unsent { prospect_id, .. } => format!("local-{prospect_id}"),
        }
    }

    /// The approval record, if it exists yet.
    pub fn record(&self) -> Option<&ApprovalRecord> {
        match self {
            Shown::Record { record, .. } => Some(record),
            Shown::Unsent { .. } => None,
        }
    }

    pub fn prospect_id(&self) -> String {
        match self {
            Shown::Record { record, .. } => record.prospect_id.to_string(),
            Shown::Unsent { prospect_id, .. } => prospect_id.clone(),
        }
    }

    pub fn kind(&self) -> ApprovalKind {
        self.record().map_or(ApprovalKind::StageMove, |r| r.kind)
    }

    /// The stage asked for (stage moves).
    pub fn to(&self) -> Option<Stage> {
        match self {
            Shown::Record { record, .. } => record.to,
            Shown::Unsent { to, .. } => Some(*to),
        }
    }

    pub fn status(&self) -> ApprovalStatus {
        self.record().map_or(ApprovalStatus::Pending, |r| r.status)
    }

    /// Something about it was done on this phone and is not synced yet.
    pub fn pending(&self) -> bool {
        match self {
            Shown::Record { pending, .. } => *pending,
            Shown::Unsent { .. } => true,
        }
    }
}

/// The approvals that concern the user: those waiting for their decision (managers: the
/// ones they approve, oldest first) and the rest to show (a rep's own requests still
/// pending, then what was decided in the last [`RECENT_DAYS`], newest first; for a manager,
/// what they decided recently).
pub fn approvals<'a>(
    records: impl Iterator<Item = &'a ViewRecord>,
    me: &str,
    now: DateTime<Utc>,
) -> (Vec<Shown>, Vec<Shown>) {
    let recent = |a: &ApprovalRecord| {
        a.decided_at
            .is_none_or(|at| (now - at).num_days() < RECENT_DAYS)
    };
    let mut waiting = Vec::new();
    let mut others = Vec::new();
    for r in records {
        let Ok(a) = serde_json::from_value::<ApprovalRecord>(r.data.clone()) else {
            continue;
        };
        let deciding = a.approver_id == me;
        let mine = a.requested_by == me;
        let list = match a.status {
            ApprovalStatus::Pending if deciding => &mut waiting,
            ApprovalStatus::Pending if mine => &mut others,
            _ if (deciding || mine) && recent(&a) => &mut others,
            _ => continue,
        };
        list.push((a, r.pending));
    }
    waiting.sort_by_key(|(a, _)| a.created_at);
    others.sort_by_key(|(a, _)| {
        (
            a.status != ApprovalStatus::Pending,
            Reverse(a.decided_at.unwrap_or(a.created_at)),
        )
    });
    let shown = |list: Vec<(ApprovalRecord, bool)>| {
        list.into_iter()
            .map(|(record, pending)| Shown::Record { record, pending })
            .collect()
    };
    (shown(waiting), shown(others))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use uuid::Uuid;

    #[test]
    fn approvals_split_into_waiting_for_me_and_my_recent_requests() {
        let now: DateTime<Utc> = "2026-03-02T08:00:00Z".parse().unwrap();
        let record = |n: u128, mut data: serde_json::Value| {
            data["id"] = json!(Uuid::from_u128(n));
            data["prospect_id"] = json!(Uuid::from_u128(9));
            ViewRecord {
                entity: "approval".into(),
                id: Uuid::from_u128(n).to_string(),
                data,
                pending: false,
            }
        };
        let records = [
            record(
                1,
                json!({"kind": "stage_move", "requested_by": "rep",
                "approver_id": "boss", "to": "exchange", "status": "pending",
                "created_at": "2026-03-01T08:00:00Z"}),
            ),
            record(
                2,
                json!({"kind": "stage_move", "requested_by": "rep",
                "approver_id": "boss", "to": "demo", "status": "approved",
                "created_at": "2025-12-31T08:00:00Z", "decided_at": "2026-01-01T08:00:00Z"}),
            ),
            record(
                3,
                json!({"kind": "quote", "requested_by": "rep",
                "approver_id": "boss", "status": "rejected", "comment": "太低",
                "created_at": "2026-03-01T08:30:00Z", "decided_at": "2026-03-01T09:00:00Z"}),
            ),
            record(4, json!({"kind": "nope"})),
        ];
        let ids = |list: &[Shown]| list.iter().map(Shown::key).collect::<Vec<_>>();
        let id = |n: u128| Uuid::from_u128(n).to_string();
        let (waiting, others) = approvals(records.iter(), "boss", now);
        assert_eq!(ids(&waiting), [id(1)]);
        assert_eq!(ids(&others), [id(3)]);
        let (waiting, others) = approvals(records.iter(), "rep", now);
        assert!(waiting.is_empty());
        // Pending first, then the recent decision; the old one is gone.
        assert_eq!(ids(&others), [id(1), id(3)]);
        assert_eq!(
            others[1].record().and_then(|r| r.comment.as_deref()),
            Some("太低")
        );
        assert_eq!(others[0].to(), Some(Stage::Exchange));
    }
}
