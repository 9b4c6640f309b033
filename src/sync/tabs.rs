//! What the tabs of one browser say to each other: the name of the Web Lock and
//! BroadcastChannel they share, and the messages on that channel.

use serde::{Deserialize, Serialize};
use tuoke_sync::engine::SyncStatus;

use super::failure::Reach;

/// Name of the Web Lock and of the BroadcastChannel.
pub(super) const CHANNEL: &str = "tuoke-sync";

/// Messages between tabs, as JSON text. Serde's default (externally tagged) form, as for the
/// status, failure and reach types inside: an internally or adjacently tagged enum is read
/// through serde's buffering `Content` deserialiser, a second reader of every type inside it
/// in the wasm. A message this version cannot read (a tab of another version, during an
/// update) is ignored.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Message {
    /// A follower saved a change: the syncing tab should sync it.
    LocalChange,
    /// The syncing tab's status (and data may have changed).
    Status {
        status: SyncStatus,
    },
    /// A tab logged in or out: reload the session (a logout also wipes the database).
    Session,
    LoggedOut,
    /// A request's outcome: whether the team's server was reached.
    Reach {
        reach: Reach,
    },
    /// A follower became visible or focused: the syncing tab should look for news.
    Nudge,
}

#[cfg(test)]
mod tests {
    use tuoke_sync::engine::{Activity, SyncError};

    use super::super::failure::Failure;
    use super::*;

    fn round_trip(message: &Message) -> Message {
        serde_json::from_str(&serde_json::to_string(message).unwrap()).unwrap()
    }

    #[test]
    fn a_status_with_its_error_and_a_reach_with_its_failure_cross_to_another_tab_unchanged() {
        let status = SyncStatus {
            online: true,
            activity: Activity::Retrying {
                at: "2026-03-02T08:00:00Z".parse().unwrap(),
            },
            pending: 3,
            last_synced_at: Some("2026-03-02T07:00:00Z".parse().unwrap()),
            last_error: Some(SyncError::Server {
                status: 503,
                code: Some("busy".into()),
                message: None,
            }),
            rejected: Vec::new(),
        };
        let Message::Status { status: read } = round_trip(&Message::Status {
            status: status.clone(),
        }) else {
            panic!("not a status");
        };
        assert_eq!(read, status);
        let reach = Reach::NotReached(Failure::Server(503));
        let Message::Reach { reach: read } = round_trip(&Message::Reach { reach }) else {
            panic!("not a reach");
        };
        assert_eq!(read, reach);
        for error in [
            SyncError::AuthRequired,
            SyncError::Network {
                message: "x".into(),
            },
        ] {
            let status = SyncStatus {
                last_error: Some(error),
                activity: Activity::Idle,
                ..status.clone()
            };
            let Message::Status { status: read } = round_trip(&Message::Status {
                status: status.clone(),
            }) else {
                panic!("not a status");
            };
            assert_eq!(read, status);
        }
        assert!(matches!(round_trip(&Message::Nudge), Message::Nudge));
    }
}
