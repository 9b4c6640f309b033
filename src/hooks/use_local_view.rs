//! The local view of whole entities.

use std::rc::Rc;
use tuoke_core::contract::Entity;

use tuoke_sync::view::LocalView;
use yew::prelude::*;

use super::use_loaded::use_loaded;

/// The local view of `entities`, reloaded whenever data changes; `None` until loaded.
#[hook]
pub fn use_local_view(entities: &'static [Entity]) -> Option<Rc<LocalView>> {
    use_loaded(entities, |handle, entities, me| async move {
        handle.view(entities, me).await
    })
}
