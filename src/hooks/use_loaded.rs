//! Data read from the phone's store, reloaded whenever it may have changed.

use std::future::Future;
use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{use_newest, use_sync};
use crate::store::StoreError;
use crate::sync::{Phase, SyncContext, SyncHandle};

/// What local data read from the store depends on: its revision (bumped by a save here or
/// in another tab, and by a pull), whether the store is ready, and who is signed in. A load
/// is made again whenever it changes.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct DataVersion {
    pub(super) revision: u64,
    pub(super) ready: bool,
    pub(super) me: Option<String>,
}

impl DataVersion {
    pub(super) fn of(sync: &SyncContext) -> DataVersion {
        DataVersion {
            revision: sync.state.revision,
            ready: sync.state.phase == Phase::Ready,
            me: sync.state.user_id(),
        }
    }
}

/// Loads `load` whenever local data changes (a save here or in another tab, a pull) or `key`
/// changes; `None` until the first load. Keeps showing the previous value while reloading.
#[hook]
pub fn use_loaded<K, T, F, Fut>(key: K, load: F) -> Option<Rc<T>>
where
    K: PartialEq + Clone + 'static,
    T: 'static,
    F: Fn(SyncHandle, K, Option<String>) -> Fut + 'static,
    Fut: Future<Output = Result<T, StoreError>> + 'static,
{
    let sync = use_sync();
    let value = use_state(|| None::<(K, Rc<T>)>);
    let newest = use_newest();
    {
        let value = value.clone();
        let handle = sync.handle.clone();
        use_effect_with(
            (key.clone(), DataVersion::of(&sync)),
            move |(key, version)| {
                if version.ready {
                    let (key, me) = (key.clone(), version.me.clone());
                    let this = newest.start();
                    spawn_local(async move {
                        if let Ok(v) = load(handle, key.clone(), me).await {
                            // An older load finishing last would put back data read
                            // before the change that started a newer one.
                            if newest.accept(this) {
                                value.set(Some((key, Rc::new(v))));
                            }
                        }
                    });
                }
            },
        );
    }
    // A value loaded for another key is not shown (e.g. the previous prospect).
    value
        .as_ref()
        .filter(|(k, _)| *k == key)
        .map(|(_, v)| v.clone())
}
