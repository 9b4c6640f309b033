//! The PWA's offline data layer as the UI sees it: the [`SyncProvider`] opens the IndexedDB
//! store, elects one syncing tab, runs the engine there and shares a [`SyncContext`]
//! (session, sync status, a data revision) with every component.
//!
//! - **One tab syncs.** Each tab asks for the Web Lock `tuoke-sync`; the holder runs the
//!   engine ([`driver`]) until it closes, then the next tab in line gets the lock. Other tabs
//!   write their changes straight into the store (one transaction each) and tell the syncing
//!   tab over the BroadcastChannel `tuoke-sync`, which also carries the status and "data
//!   changed" back to them.
//! - **Durability.** `navigator.storage.persist()` is requested once the rep is logged in; a
//!   change is reported saved only after its IndexedDB transaction completed.

pub mod driver;
pub mod transport;

use std::cell::RefCell;
use std::rc::Rc;

use chrono::Utc;
use futures::channel::oneshot;
use gloo::events::EventListener;
use serde::{Deserialize, Serialize};
use tuoke_sync::engine::{Event, SyncStatus, TransportError};
use tuoke_sync::protocol::Mutation;
use tuoke_sync::store::{Session, Store};
use tuoke_sync::summary::{load_prospect, ProspectList};
use tuoke_sync::view::{LocalView, ViewContext};
use uuid::Uuid;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::BroadcastChannel;
use yew::prelude::*;

use crate::hooks::use_newest;
use crate::store::{
    delete_database, Attachment, IdbStore, StorageError, StoreError, StoredAttachment,
};
use driver::Command;

/// Name of the Web Lock and of the BroadcastChannel.
const CHANNEL: &str = "tuoke-sync";

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
}

impl Default for SyncState {
    fn default() -> Self {
        SyncState {
            phase: Phase::Opening,
            session: None,
            status: None,
            revision: 0,
            relogin: false,
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
        }
        Rc::new(s)
    }
}

/// Messages between tabs.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Message {
    /// A follower saved a change: the syncing tab should sync it.
    LocalChange,
    /// The syncing tab's status (and data may have changed).
    Status {
        status: SyncStatus,
    },
    /// A tab logged in or out: reload the session (a logout also wipes the database).
    Session,
    LoggedOut,
}

#[derive(Default)]
struct Inner {
    store: RefCell<Option<IdbStore>>,
    commands: RefCell<Option<driver::Commands>>,
    channel: RefCell<Option<BroadcastChannel>>,
    dispatch: RefCell<Option<UseReducerDispatcher<SyncState>>>,
    /// The prospect list last loaded, with the data revision and user it was loaded for:
    /// screens opened later show it at once instead of reading 10,000 summaries again.
    list: RefCell<Option<CachedList>>,
}

/// A loaded prospect list: (data revision, user id, list).
type CachedList = (u64, Option<String>, Rc<ProspectList>);

/// Actions on the data layer. Cheap to clone.
#[derive(Clone, Default)]
pub struct SyncHandle {
    inner: Rc<Inner>,
}

impl PartialEq for SyncHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

/// Why a save failed: the storage's code (the UI says what happened and what to do next).
pub type SaveError = StorageError;

/// The code of a store error; its detail goes to the console only, for debugging.
fn logged(e: StoreError) -> StorageError {
    web_sys::console::warn_1(&format!("tuoke storage: {e}").into());
    e.code()
}

impl SyncHandle {
    fn store(&self) -> Option<IdbStore> {
        self.inner.store.borrow().clone()
    }

    fn dispatch(&self, action: Action) {
        if let Some(d) = self.inner.dispatch.borrow().as_ref() {
            d.dispatch(action);
        }
    }

    fn post(&self, message: &Message) {
        if let (Some(channel), Ok(json)) = (
            self.inner.channel.borrow().as_ref(),
            serde_json::to_string(message),
        ) {
            let _ = channel.post_message(&JsValue::from_str(&json));
        }
    }

    fn send(&self, command: Command) -> bool {
        match self.inner.commands.borrow().as_ref() {
            Some(tx) => tx.unbounded_send(command).is_ok(),
            None => false,
        }
    }

    /// Saves local changes durably, in order (each its own transaction), then lets them sync.
    /// `Ok` means every change is on the phone.
    pub async fn save(&self, mutations: Vec<Mutation>) -> Result<(), SaveError> {
        let result = self.save_all(mutations).await;
        self.dispatch(Action::Changed);
        result
    }

    async fn save_all(&self, mutations: Vec<Mutation>) -> Result<(), SaveError> {
        for mutation in mutations {
            let leader = self.inner.commands.borrow().clone();
            match leader {
                Some(tx) => {
                    let (reply, answer) = oneshot::channel();
                    // The sync engine stopped: its connection is gone.
                    tx.unbounded_send(Command::Enqueue(mutation, reply))
                        .map_err(|_| StorageError::Closed)?;
                    answer
                        .await
                        .map_err(|_| StorageError::Closed)?
                        .map_err(logged)?;
                }
                None => {
                    let mut store = self.store().ok_or(StorageError::Closed)?;
                    store.enqueue(mutation).await.map_err(logged)?;
                    self.post(&Message::LocalChange);
                }
            }
        }
        Ok(())
    }

    /// Syncs now (the rep pressed the button).
    pub fn sync_now(&self) {
        self.send(Command::Event(Event::SyncNow));
    }

    /// Removes a rejected change from the list once the rep has read it.
    pub fn dismiss(&self, id: Uuid) {
        if !self.send(Command::Dismiss(id)) {
            if let Some(mut store) = self.store() {
                let this = self.clone();
                spawn_local(async move {
                    let _ = store.dismiss_rejected(id).await;
                    this.dispatch(Action::Changed);
                });
            }
        }
    }

    /// Stores the session after a successful login and resumes syncing.
    pub async fn logged_in(&self, session: Session) -> Result<(), SaveError> {
        let mut store = self.store().ok_or(StorageError::Closed)?;
        store
            .set_session(Some(session.clone()))
            .await
            .map_err(logged)?;
        self.send(Command::Event(Event::LoggedIn));
        self.post(&Message::Session);
        self.dispatch(Action::Session(Some(session)));
        request_persistence();
        Ok(())
    }

    /// Shows (or hides) the login form for an expired session.
    pub fn ask_relogin(&self, on: bool) {
        self.dispatch(Action::Relogin(on));
    }

    /// Logs out: revokes the token, wipes this phone's copy (unsynced changes included:
    /// the UI asks first) and restarts the app.
    pub async fn logout(&self) {
        let store = self.inner.store.borrow_mut().take();
        if let Some(store) = store {
            if let Ok(Some(session)) = store.session().await {
                transport::logout(&session.token).await;
            }
            let name = store.name();
            store.close();
            self.post(&Message::LoggedOut);
            let _ = delete_database(&name).await;
        }
        let _ = gloo::utils::window().location().reload();
    }

    /// The local view (confirmed data with the outbox re-applied) of `entities`.
    pub async fn view(
        &self,
        entities: &[&str],
        me: Option<String>,
    ) -> Result<LocalView, StoreError> {
        let store = self.store().ok_or(StoreError::Closed)?;
        LocalView::load(&store, entities, &Self::view_context(me)).await
    }
}

impl SyncHandle {
    fn view_context(me: Option<String>) -> ViewContext {
        ViewContext { me, today: today() }
    }

    /// Every prospect as the lists show it (summaries with local changes on top).
    pub async fn prospect_list(&self, me: Option<String>) -> Result<ProspectList, StoreError> {
        let store = self.store().ok_or(StoreError::Closed)?;
        ProspectList::load(&store, &Self::view_context(me)).await
    }

    /// One prospect with every record of its deal ([`DEAL_ENTITIES`]), local changes on top.
    pub async fn prospect(&self, id: &str, me: Option<String>) -> Result<LocalView, StoreError> {
        let store = self.store().ok_or(StoreError::Closed)?;
        load_prospect(&store, id, DEAL_ENTITIES, &Self::view_context(me)).await
    }
}

/// Field photos (IndexedDB first; uploaded by the syncing tab before it pushes the notes).
impl SyncHandle {
    /// Saves (adds or replaces) a photo durably on the phone. It is uploaded once a saved
    /// note references it (`note_id` set).
    pub async fn save_attachment(&self, attachment: &Attachment) -> Result<(), SaveError> {
        let store = self.store().ok_or(StorageError::Closed)?;
        store.put_attachment(attachment).await.map_err(logged)
    }

    /// Removes a photo of a discarded draft.
    pub async fn delete_attachment(&self, id: Uuid) -> Result<(), SaveError> {
        let store = self.store().ok_or(StorageError::Closed)?;
        store.delete_attachment(id).await.map_err(logged)
    }

    /// One photo from the phone.
    pub async fn attachment(&self, id: Uuid) -> Result<Option<Attachment>, StoreError> {
        self.store().ok_or(StoreError::Closed)?.attachment(id).await
    }

    /// The photos of a prospect on the phone, with their upload refusals.
    pub async fn attachments_of_prospect(
        &self,
        prospect_id: &str,
    ) -> Result<Vec<StoredAttachment>, StoreError> {
        self.store()
            .ok_or(StoreError::Closed)?
            .stored_attachments_of_prospect(prospect_id)
            .await
    }

    /// Downloads a photo this phone does not hold (taken on another device or by a
    /// colleague) and keeps it for offline use. `Ok(None)`: not signed in.
    pub async fn download_attachment(
        &self,
        id: Uuid,
        prospect_id: &str,
        note_id: &str,
    ) -> Result<Option<Attachment>, TransportError> {
        let Some(store) = self.store() else {
            return Ok(None);
        };
        let Some(session) = store.session().await.ok().flatten() else {
            return Ok(None);
        };
        let (content_type, bytes) = transport::fetch_attachment(&session.token, id).await?;
        let attachment = Attachment {
            id,
            prospect_id: prospect_id.to_owned(),
            note_id: Some(note_id.to_owned()),
            content_type,
            bytes,
            uploaded: true,
            created_at: now(),
        };
        // Without the copy it is simply downloaded again next time.
        let _ = store.put_attachment(&attachment).await;
        Ok(Some(attachment))
    }
}

/// The entities of one prospect's deal.
pub const DEAL_ENTITIES: &[&str] = &[
    "prospect",
    "note",
    "activity",
    "approval",
    "quote",
    "concession",
    "objection",
];

/// Loads `load` whenever local data changes (a save here or in another tab, a pull) or `key`
/// changes; `None` until the first load. Keeps showing the previous value while reloading.
#[hook]
fn use_loaded<K, T, F, Fut>(key: K, load: F) -> Option<Rc<T>>
where
    K: PartialEq + Clone + 'static,
    T: 'static,
    F: Fn(SyncHandle, K, Option<String>) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<T, StoreError>> + 'static,
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

/// Every prospect as the lists show it, reloaded whenever data changes; `None` until first
/// loaded. The last list loaded is kept by the data layer: a screen opened later renders it
/// at once (even if a newer one is on its way), so switching tabs never waits for IndexedDB.
#[hook]
pub fn use_prospect_list() -> Option<Rc<ProspectList>> {
    let sync = use_sync();
    let inner = sync.handle.inner.clone();
    let value = use_state(|| inner.list.borrow().as_ref().map(|(_, _, l)| l.clone()));
    let newest = use_newest();
    let revision = sync.state.revision;
    let ready = sync.state.phase == Phase::Ready;
    let me = sync.state.user_id();
    {
        let value = value.clone();
        let handle = sync.handle.clone();
        use_effect_with((revision, ready, me), move |(revision, ready, me)| {
            let cached = handle.inner.list.borrow().clone();
            match cached {
                Some((r, m, list)) if r == *revision && m == *me => {
                    // As new as a load started now: loads still running are older.
                    newest.accept(newest.start());
                    let shown = value.as_ref().is_some_and(|v| Rc::ptr_eq(v, &list));
                    if !shown {
                        value.set(Some(list));
                    }
                }
                _ if *ready => {
                    let (revision, me) = (*revision, me.clone());
                    let this = newest.start();
                    spawn_local(async move {
                        if let Ok(list) = handle.prospect_list(me.clone()).await {
                            let list = Rc::new(list);
                            let newer = handle
                                .inner
                                .list
                                .borrow()
                                .as_ref()
                                .is_some_and(|(r, _, _)| *r > revision);
                            if !newer {
                                *handle.inner.list.borrow_mut() =
                                    Some((revision, me, list.clone()));
                            }
                            if newest.accept(this) {
                                value.set(Some(list));
                            }
                        }
                    });
                }
                _ => {}
            }
        });
    }
    (*value).clone()
}

/// One prospect and every record of its deal, reloaded whenever data changes; `None` until
/// loaded. The prospect itself is `view.get("prospect", id)` (absent: not on this phone).
#[hook]
pub fn use_prospect(id: String) -> Option<Rc<LocalView>> {
    use_loaded(id, |handle, id, me| async move {
        handle.prospect(&id, me).await
    })
}

/// The context every component reads with [`use_sync`].
#[derive(Clone, PartialEq)]
pub struct SyncContext {
    pub state: UseReducerHandle<SyncState>,
    pub handle: SyncHandle,
}

/// The data layer's state and actions.
#[hook]
pub fn use_sync() -> SyncContext {
    use_context::<SyncContext>().expect("SyncProvider is mounted at the root")
}

/// The local view of `entities`, reloaded whenever data changes; `None` until loaded.
#[hook]
pub fn use_local_view(entities: &'static [&'static str]) -> Option<Rc<LocalView>> {
    use_loaded(entities, |handle, entities, me| async move {
        handle.view(entities, me).await
    })
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
                // Another tab wrote to the database: what this tab remembers of it is stale.
                if let Some(store) = h.store() {
                    store.forget_cache();
                }
                match serde_json::from_str::<Message>(&data) {
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

    handle.dispatch(Action::Opened(session));

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

/// Asks the browser not to evict our storage under pressure (best effort).
fn request_persistence() {
    if let Ok(promise) = gloo::utils::window().navigator().storage().persist() {
        spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// Today (the business day: China time, like the server).
pub fn today() -> chrono::NaiveDate {
    // The business day (China time), as the server counts due dates and contacts.
    tuoke_core::cadence::business_date(Utc::now())
}

/// Now, for mutation timestamps.
pub fn now() -> chrono::DateTime<Utc> {
    Utc::now()
}
