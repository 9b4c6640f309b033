//! The data layer's state as components read it, and its changes.

use std::rc::Rc;

use tuoke_sync::engine::SyncStatus;
use tuoke_sync::store::Session;
use yew::prelude::*;

use super::failure::Reach;
use crate::store::StorageError;

/// Where the local database is.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Opening,
    Ready,
    /// The browser refused storage (private mode, blocked, corrupt), or an upgrade waits for
    /// another tab: nothing can be saved (yet).
    Failed(StorageError),
}

/// What components read.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncState {
    pub phase: Phase,
    pub session: Option<Session>,
    pub status: Option<SyncStatus>,
    /// Bumped whenever local data may have changed (a save here or in another tab, a pull).
    pub revision: u64,
    /// The rep asked to log in again (expired session) while working.
    pub relogin: bool,
    /// Whether the last request (of any tab) reached the team's server.
    pub reach: Reach,
}

impl Default for SyncState {
    fn default() -> Self {
        SyncState {
            phase: Phase::Opening,
            session: None,
            status: None,
            revision: 0,
            relogin: false,
            reach: Reach::Unknown,
        }
    }
}

impl SyncState {
    /// The signed-in user's id.
    pub fn user_id(&self) -> Option<String> {
        self.session.as_ref().map(|s| s.user_id.clone())
    }

    /// This phone has not synced yet, so it has not received the rep's data.
    pub fn never_synced(&self) -> bool {
        self.status
            .as_ref()
            .is_none_or(|s| s.last_synced_at.is_none())
    }
}

/// Changes to [`SyncState`] (dispatched by the data layer only).
pub enum Action {
    Opened(Option<Session>),
    Failed(StorageError),
    Status(SyncStatus),
    Session(Option<Session>),
    Changed,
    Relogin(bool),
    Reach(Reach),
}

impl Reducible for SyncState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Opened(session) => {
                s.phase = Phase::Ready;
                s.session = session;
            }
            Action::Failed(error) => s.phase = Phase::Failed(error),
            Action::Status(status) => {
                // Data changes when a round completes (pulled changes applied, acknowledged
                // entries dropped) or a rejection moves a change out of the view; a push
                // alone only changes the counts, so views are not reloaded for it.
                let reload = s.status.as_ref().is_none_or(|old| {
                    old.last_synced_at != status.last_synced_at
                        || old.rejected.len() != status.rejected.len()
                });
                if reload {
                    s.revision += 1;
                }
                s.status = Some(status);
            }
            Action::Session(session) => {
                s.session = session;
                s.relogin = false;
                s.revision += 1;
            }
            Action::Changed => s.revision += 1,
            Action::Relogin(on) => s.relogin = on,
            Action::Reach(reach) => {
                if s.reach == reach {
                    return self;
                }
                s.reach = reach;
            }
        }
        Rc::new(s)
    }
}
