//! Every prospect as the lists show them.

use std::rc::Rc;

use tuoke_sync::summary::ProspectList;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::use_loaded::DataVersion;
use super::{use_newest, use_sync};

/// Every prospect as the lists show it, reloaded whenever data changes; `None` until first
/// loaded. The last list loaded is kept by the data layer: a screen opened later renders it
/// at once (even if a newer one is on its way), so switching tabs never waits for IndexedDB.
#[hook]
pub fn use_prospect_list() -> Option<Rc<ProspectList>> {
    let sync = use_sync();
    let value = {
        let handle = sync.handle.clone();
        use_state(move || handle.last_list())
    };
    let newest = use_newest();
    {
        let value = value.clone();
        let handle = sync.handle.clone();
        use_effect_with(DataVersion::of(&sync), move |version| {
            let DataVersion {
                revision,
                ready,
                me,
            } = version;
            match handle.cached_list(*revision, me) {
                Some(list) => {
                    // As new as a load started now: loads still running are older.
                    newest.accept(newest.start());
                    let shown = value.as_ref().is_some_and(|v| Rc::ptr_eq(v, &list));
                    if !shown {
                        value.set(Some(list));
                    }
                }
                None if *ready => {
                    let (revision, me) = (*revision, me.clone());
                    let this = newest.start();
                    spawn_local(async move {
                        if let Ok(list) = handle.prospect_list(me.clone()).await {
                            let list = Rc::new(list);
                            handle.keep_list(revision, me, list.clone());
                            if newest.accept(this) {
                                value.set(Some(list));
                            }
                        }
                    });
                }
                None => {}
            }
        });
    }
    (*value).clone()
}
