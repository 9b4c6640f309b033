//! The provider at the root of the app: opens the store, elects the syncing tab, runs the
//! engine there, and listens to the other tabs, to connectivity, and to the app being shown
//! or focused (a moment to look for news). It also keeps whether the last request of any tab
//! reached the team's server.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use tuoke_sync::engine::{Event, SyncStatus};
use tuoke_sync::store::Store;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::BroadcastChannel;
use yew::prelude::*;

use super::driver::{self, Command};
use super::failure::Reach;
use super::handle::{logged, request_persistence, SyncHandle};
use super::state::{Action, SyncState};
use super::tabs::{Message, CHANNEL};
use super::transport;
use crate::store::{IdbStore, StorageError};

/// The context every component reads with [`use_sync`](crate::hooks::use_sync).
#[derive(Clone, PartialEq)]
pub struct SyncContext {
    pub state: UseReducerHandle<SyncState>,
    pub handle: SyncHandle,
}

#[derive(Properties, PartialEq)]
pub struct SyncProviderProps {
    #[prop_or_default]
    pub children: Html,
    /// The IndexedDB database name (tests use their own).
    #[prop_or(IdbStore::DEFAULT_NAME.to_owned())]
    pub database: String,
}

/// Opens the store and runs the data layer for its children.
#[component]
pub fn SyncProvider(props: &SyncProviderProps) -> Html {
    let state = use_reducer(SyncState::default);
    let handle = (*use_memo((), |_| SyncHandle::default())).clone();
    {
        let handle = handle.clone();
        let dispatch = state.dispatcher();
        let database = props.database.clone();
        use_effect_with((), move |_| {
            *handle.inner.dispatch.borrow_mut() = Some(dispatch);
            let listeners = Rc::new(RefCell::new(Vec::<EventListener>::new()));
            {
                let handle = handle.clone();
                let listeners = listeners.clone();
                spawn_local(async move { open(handle, database, listeners).await });
            }
            move || drop(listeners)
        });
    }
    html! {
        <ContextProvider<SyncContext> context={SyncContext { state, handle }}>
            { props.children.clone() }
        </ContextProvider<SyncContext>>
    }
}

async fn open(handle: SyncHandle, database: String, listeners: Rc<RefCell<Vec<EventListener>>>) {
    // An upgrade waiting for another tab says so; it continues once that tab closes.
    let waiting = handle.clone();
    let blocked = move || waiting.dispatch(Action::Failed(StorageError::UpgradeBlocked));
    let store = match IdbStore::open_reporting_blocked(&database, blocked).await {
        Ok(store) => store,
        Err(e) => {
            handle.dispatch(Action::Failed(logged(e)));
            return;
        }
    };
    let session = store.session().await.ok().flatten();
    *handle.inner.store.borrow_mut() = Some(store.clone());
    if session.is_some() {
        request_persistence();
    }

    // Other tabs' messages.
    if let Ok(channel) = BroadcastChannel::new(CHANNEL) {
        let h = handle.clone();
        listeners
            .borrow_mut()
            .push(EventListener::new(&channel, "message", move |e| {
                let Some(data) = e
                    .dyn_ref::<web_sys::MessageEvent>()
                    .and_then(|m| m.data().as_string())
                else {
                    return;
                };
                let message = serde_json::from_str::<Message>(&data);
                // Another tab wrote to the database: what this tab remembers of it is stale.
                if let (Some(store), false) = (
                    h.store(),
                    matches!(message, Ok(Message::Reach { .. } | Message::Nudge)),
                ) {
                    store.forget_cache();
                }
                match message {
                    Ok(Message::LocalChange) => {
                        h.send(Command::Event(Event::LocalChange));
                        h.dispatch(Action::Changed);
                    }
                    Ok(Message::Status { status }) => h.dispatch(Action::Status(status)),
                    Ok(Message::Session) => {
                        let h = h.clone();
                        spawn_local(async move {
                            if let Some(store) = h.store() {
                                let session = store.session().await.ok().flatten();
                                h.send(Command::Event(Event::LoggedIn));
                                h.dispatch(Action::Session(session));
                            }
                        });
                    }
                    Ok(Message::Reach { reach }) => h.dispatch(Action::Reach(reach)),
                    Ok(Message::Nudge) => {
                        h.send(Command::Nudge);
                    }
                    Ok(Message::LoggedOut) => {
                        if let Some(store) = h.inner.store.borrow_mut().take() {
                            store.close();
                        }
                        let _ = gloo::utils::window().location().reload();
                    }
                    Err(_) => {}
                }
            }));
        *handle.inner.channel.borrow_mut() = Some(channel);
    }

    // Connectivity.
    let window = gloo::utils::window();
    for (name, event) in [("online", Event::Online), ("offline", Event::Offline)] {
        let h = handle.clone();
        listeners
            .borrow_mut()
            .push(EventListener::new(&window, name, move |_| {
                h.send(Command::Event(event.clone()));
            }));
    }

    // The app shown again or focused: the rep may be waiting for a decision.
    let document = gloo::utils::document();
    let h = handle.clone();
    listeners.borrow_mut().push(EventListener::new(
        &document,
        "visibilitychange",
        move |_| {
            if gloo::utils::document().visibility_state() == web_sys::VisibilityState::Visible {
                h.nudge();
            }
        },
    ));
    let h = handle.clone();
    listeners
        .borrow_mut()
        .push(EventListener::new(&window, "focus", move |_| h.nudge()));

    // Whether requests reach the server, for every tab's connection pill.
    let h = handle.clone();
    let last = Rc::new(std::cell::Cell::new(Reach::Unknown));
    transport::observe(Rc::new(move |reach: Reach| {
        if last.replace(reach) != reach {
            h.post(&Message::Reach { reach });
        }
        h.dispatch(Action::Reach(reach));
    }));
    let signed_out = session.is_none();
    handle.dispatch(Action::Opened(session));
    // Nobody signed in, so nothing syncs: ask the server once, so the login screen's pill
    // says whether it can be reached.
    if signed_out {
        spawn_local(transport::probe());
    }

    // Become the syncing tab when the lock is ours (at once if no other tab holds it).
    let h = handle.clone();
    with_lock(move || {
        let online = gloo::utils::window().navigator().on_line();
        let notify_handle = h.clone();
        let notify = Rc::new(move |status: SyncStatus| {
            notify_handle.post(&Message::Status {
                status: status.clone(),
            });
            notify_handle.dispatch(Action::Status(status));
        });
        let commands = driver::start(store, online, notify);
        *h.inner.commands.borrow_mut() = Some(commands);
    });
}

/// Runs `f` once this tab holds the `tuoke-sync` Web Lock, which it then keeps until it
/// closes. Without the Web Locks API (old browsers) `f` runs at once.
fn with_lock(f: impl FnOnce() + 'static) {
    let navigator = gloo::utils::window().navigator();
    let locks = js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")).ok();
    let request = locks.as_ref().and_then(|l| {
        js_sys::Reflect::get(l, &JsValue::from_str("request"))
            .ok()
            .and_then(|r| r.dyn_into::<js_sys::Function>().ok())
    });
    match (locks, request) {
        (Some(locks), Some(request)) if !locks.is_undefined() => {
            let callback = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
                f();
                // Never resolves: the lock is held for the life of the tab.
                js_sys::Promise::new(&mut |_, _| {}).into()
            });
            if request
                .call2(&locks, &JsValue::from_str(CHANNEL), &callback)
                .is_err()
            {
                web_sys::console::error_1(&"cannot request the sync lock".into());
            }
        }
        _ => f(),
    }
}
