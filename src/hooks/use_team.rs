//! The team directory: who the colleagues named in records are.

use std::rc::Rc;

use tuoke_sync::team::Team;
use yew::prelude::*;

use super::use_loaded::use_loaded;

/// The colleagues the user may name, as last fetched by a sync (cached on the phone, so
/// names show offline), reloaded whenever data changes; empty until loaded.
#[hook]
pub fn use_team() -> Rc<Team> {
    use_loaded((), |handle, (), _me| async move { handle.team().await }).unwrap_or_default()
}
