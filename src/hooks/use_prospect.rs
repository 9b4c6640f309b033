//! One prospect's deal.

use std::rc::Rc;

use tuoke_sync::view::LocalView;
use yew::prelude::*;

use super::use_loaded::use_loaded;

/// One prospect and every record of its deal, reloaded whenever data changes; `None` until
/// loaded. The prospect itself is `view.get(Entity::Prospect, id)` (absent: not on this phone).
#[hook]
pub fn use_prospect(id: String) -> Option<Rc<LocalView>> {
    use_loaded(id, |handle, id, me| async move {
        handle.prospect(&id, me).await
    })
}
