//! The data layer as components reach it.

use yew::prelude::*;

use crate::sync::SyncContext;

/// The data layer's state (session, sync status, data revision) and actions.
#[hook]
pub fn use_sync() -> SyncContext {
    use_context::<SyncContext>().expect("SyncProvider is mounted at the root")
}
