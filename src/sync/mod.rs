//! The PWA's offline data layer as the UI sees it: the [`SyncProvider`] opens the IndexedDB
//! store, elects one syncing tab, runs the engine there and shares a [`SyncContext`]
//! (session, sync status, a data revision) with every component.
//!
//! - **One tab syncs.** Each tab asks for the Web Lock `tuoke-sync`; the holder runs the
//!   engine ([`driver`]) until it closes, then the next tab in line gets the lock. Other tabs
//!   write their changes straight into the store (one transaction each) and tell the syncing
//!   tab over the BroadcastChannel `tuoke-sync`, which also carries the status and "data
//!   changed" back to them.
//! - **When it syncs.** At start, after a local change (debounced), when the browser is
//!   online again, when the app is shown or focused, every 30 s while the rep waits for
//!   something ([`poll`]) and every 5 minutes otherwise.
//! - **Reachability.** Every request's outcome ([`failure::Reach`]) is shared with all tabs:
//!   the connection pill says whether the team's server is reached, and a failure is a code
//!   ([`Failure`]) the UI translates, never the browser's words.
//! - **Durability.** `navigator.storage.persist()` is requested once the rep is logged in; a
//!   change is reported saved only after its IndexedDB transaction completed.

mod attachments;
pub mod driver;
pub mod failure;
mod handle;
pub mod poll;
mod provider;
mod state;
mod tabs;
pub mod transport;

pub use failure::{Connection, Failure, Reach};
pub use handle::{SaveError, SyncHandle, DEAL_ENTITIES};
pub use provider::{SyncContext, SyncProvider, SyncProviderProps};
pub use state::{Action, Phase, SyncState};
