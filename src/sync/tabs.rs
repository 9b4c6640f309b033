//! What the tabs of one browser say to each other: the name of the Web Lock and
//! BroadcastChannel they share, and the messages on that channel.

use serde::{Deserialize, Serialize};
use tuoke_sync::engine::SyncStatus;

use super::failure::Reach;

/// Name of the Web Lock and of the BroadcastChannel.
pub(super) const CHANNEL: &str = "tuoke-sync";

/// Messages between tabs.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
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
