//! Data read from the phone's store, reloaded whenever it may have changed.

use std::future::Future;
use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{use_newest, use_sync};
use crate::store::StoreError;
use crate::sync::{Phase, SyncHandle};

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
    let revision = sync.state.revision;
    let ready = sync.state.phase == Phase::Ready;
    let me = sync.state.user_id();
    {
        let value = value.clone();
        let handle = sync.handle.clone();
        use_effect_with(
            (key.clone(), revision, ready, me),
            move |(key, _, ready, me)| {
                if *ready {
                    let (key, me) = (key.clone(), me.clone());
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
