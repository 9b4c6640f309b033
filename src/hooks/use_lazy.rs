//! Code that arrives after the first screen: a screen whose wasm is split off the main module
//! (see `pages::lazy` and docs/size.md) is fetched when it is first opened, or earlier in the
//! background. These hooks own that loading; the page only says what to show.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use gloo::timers::future::TimeoutFuture;
use yew::prelude::*;

use super::use_online::{try_again_soon, use_online};
use crate::services::sw;

/// Fetches some split-off code: `Some(value)` once it is there, `None` when it cannot be
/// fetched (offline and not yet cached by the service worker, or a failed download).
pub type Fetch<T> = fn() -> Pin<Box<dyn Future<Output = Option<T>>>>;

/// Where a lazily loaded piece of code stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lazy<T> {
    Loading,
    Ready(T),
    /// The download failed; `retry` starts another attempt.
    Failed,
}

/// The state of the code `fetch` brings, and a callback that tries again after a failure.
/// `ready` is the code when it is already in memory (no loading state at all). A failed load
/// is retried when the browser comes back online and when a service worker takes control.
#[hook]
pub fn use_lazy<T>(ready: Option<T>, fetch: Fetch<T>) -> (Lazy<T>, Callback<()>)
where
    T: Copy + PartialEq + 'static,
{
    let state = use_state_eq(|| ready.map_or(Lazy::Loading, Lazy::Ready));
    let attempt = use_reducer(Attempt::default);
    let online = use_online();
    // A service worker taking control (right after the first install) serves the precached
    // chunk even offline: try again then too.
    {
        let attempt = attempt.clone();
        use_effect_with((), move |_| {
            let listener = sw::on_controller_change(move || attempt.dispatch(()));
            move || drop(listener)
        });
    }
    {
        let state = state.clone();
        let pending = !matches!(*state, Lazy::Ready(_));
        let attempt = attempt.clone();
        use_effect_with(
            (fetch as usize, attempt.0, online, pending),
            move |&(_, tries, ..)| {
                if pending {
                    state.set(Lazy::Loading);
                    wasm_bindgen_futures::spawn_local(async move {
                        let loaded = fetch().await;
                        let failed = loaded.is_none();
                        state.set(loaded.map_or(Lazy::Failed, Lazy::Ready));
                        if failed && try_again_soon(tries).await {
                            attempt.dispatch(());
                        }
                    });
                }
            },
        );
    }
    let retry = Callback::from(move |()| attempt.dispatch(()));
    (*state, retry)
}

/// How many times loading was asked for (each new one starts an attempt if not loaded).
#[derive(Default, PartialEq)]
struct Attempt(u32);

impl Reducible for Attempt {
    type Action = ();
    fn reduce(self: Rc<Self>, (): ()) -> Rc<Self> {
        Rc::new(Attempt(self.0 + 1))
    }
}

/// Runs `task` once, `delay_ms` after `when` first becomes true (e.g. once the first screen
/// has rendered): background work that must not compete with the first paint.
#[hook]
pub fn use_after_first_screen(
    when: bool,
    delay_ms: u32,
    task: fn() -> Pin<Box<dyn Future<Output = ()>>>,
) {
    let started = use_mut_ref(|| false);
    use_effect_with(when, move |when| {
        if *when && !*started.borrow() {
            *started.borrow_mut() = true;
            wasm_bindgen_futures::spawn_local(async move {
                TimeoutFuture::new(delay_ms).await;
                task().await;
            });
        }
    });
}
