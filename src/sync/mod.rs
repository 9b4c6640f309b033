//! The PWA's offline data layer as the UI sees it: the [`SyncProvider`] opens the IndexedDB
//! store, elects one syncing tab, runs the engine there and shares a [`SyncContext`]
//! (session, sync status, a data revision) with every component.
//!
//! - **One tab syncs.** Each tab asks for the Web Lock `tuoke-sync`; the holder runs the
//!   engine ([`driver`]) until it closes, then the next tab in line gets the lock. Other tabs
//!   write their changes straight into the store (one transaction each) and tell the syncing
//!   tab over the BroadcastChannel `tuoke-sync`, which also carries the status and "data
//!   changed" back to them.
//! - **Durability.** `navigator.storage.persist()` is requested once the rep is logged in; a
//!   change is reported saved only after its IndexedDB transaction completed.

mod attachments;
pub mod driver;
mod handle;
mod provider;
mod state;
pub mod transport;

pub use handle::{SaveError, SyncHandle};
pub use provider::{SyncContext, SyncProvider, SyncProviderProps};
pub use state::{Action, Phase, SyncState};

use serde::{Deserialize, Serialize};
use tuoke_core::contract::Entity;
use tuoke_sync::engine::SyncStatus;

/// Name of the Web Lock and of the BroadcastChannel.
const CHANNEL: &str = "tuoke-sync";

/// Messages between tabs.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Message {
    /// A follower saved a change: the syncing tab should sync it.
    LocalChange,
    /// The syncing tab's status (and data may have changed).
    Status {
        status: SyncStatus,
    },
    /// A tab logged in or out: reload the session (a logout also wipes the database).
    Session,
    LoggedOut,
}

/// The entities of one prospect's deal.
pub const DEAL_ENTITIES: &[Entity] = &[
    Entity::Prospect,
    Entity::Note,
    Entity::Activity,
    Entity::Approval,
    Entity::Quote,
    Entity::Concession,
    Entity::Objection,
];
