//! The data layer's actions: saving changes, syncing, the session, and reading the local
//! view.

use std::cell::RefCell;
use std::rc::Rc;
use tuoke_core::contract::Entity;

use futures::channel::oneshot;
use tuoke_sync::engine::Event;
use tuoke_sync::protocol::Mutation;
use tuoke_sync::store::{Session, Store};
use tuoke_sync::summary::{load_prospect, ProspectList};
use tuoke_sync::team::Team;
use tuoke_sync::view::{LocalView, ViewContext};
use uuid::Uuid;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::BroadcastChannel;
use yew::prelude::*;

use super::driver::{self, Command};
use super::state::{Action, SyncState};
use super::tabs::Message;
use super::transport;
use crate::services::time::today;
use crate::store::{delete_database, IdbStore, StorageError, StoreError};

/// The entities of one prospect's deal.
pub const DEAL_ENTITIES: &[Entity] = &[
    Entity::Prospect,
    Entity::Note,
    Entity::Activity,
    Entity::Approval,
    Entity::Quote,
    Entity::Concession,
    Entity::Objection,
];

#[derive(Default)]
pub(super) struct Inner {
    pub(super) store: RefCell<Option<IdbStore>>,
    pub(super) commands: RefCell<Option<driver::Commands>>,
    pub(super) channel: RefCell<Option<BroadcastChannel>>,
    pub(super) dispatch: RefCell<Option<UseReducerDispatcher<SyncState>>>,
    /// The prospect list last loaded, with the data revision and user it was loaded for:
    /// screens opened later show it at once instead of reading 10,000 summaries again.
    pub(super) list: RefCell<Option<CachedList>>,
}

/// A loaded prospect list: (data revision, user id, list).
type CachedList = (u64, Option<String>, Rc<ProspectList>);

/// Actions on the data layer. Cheap to clone.
#[derive(Clone, Default)]
pub struct SyncHandle {
    pub(super) inner: Rc<Inner>,
}

impl PartialEq for SyncHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

/// Why a save failed: the storage's code (the UI says what happened and what to do next).
pub type SaveError = StorageError;

/// The code of a store error; its detail goes to the console only, for debugging.
pub(super) fn logged(e: StoreError) -> StorageError {
    web_sys::console::warn_1(&format!("tuoke storage: {e}").into());
    e.code()
}

impl SyncHandle {
    pub(super) fn store(&self) -> Option<IdbStore> {
        self.inner.store.borrow().clone()
    }

    pub(super) fn dispatch(&self, action: Action) {
        if let Some(d) = self.inner.dispatch.borrow().as_ref() {
            d.dispatch(action);
        }
    }

    pub(super) fn post(&self, message: &Message) {
        if let (Some(channel), Ok(json)) = (
            self.inner.channel.borrow().as_ref(),
            serde_json::to_string(message),
        ) {
            let _ = channel.post_message(&JsValue::from_str(&json));
        }
    }

    pub(super) fn send(&self, command: Command) -> bool {
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

    /// Looks for news soon (the app was shown or focused): the syncing tab syncs, whichever
    /// tab was shown.
    pub(super) fn nudge(&self) {
        if !self.send(Command::Nudge) {
            self.post(&Message::Nudge);
        }
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
        entities: &[Entity],
        me: Option<String>,
    ) -> Result<LocalView, StoreError> {
        let store = self.store().ok_or(StoreError::Closed)?;
        LocalView::load(&store, entities, &Self::view_context(me)).await
    }
}

/// The prospect list kept for screens opened later
/// ([`use_prospect_list`](crate::hooks::use_prospect_list)).
impl SyncHandle {
    /// The list last loaded, whatever it was loaded for.
    pub fn last_list(&self) -> Option<Rc<ProspectList>> {
        self.inner.list.borrow().as_ref().map(|(_, _, l)| l.clone())
    }

    /// The list last loaded, if it was loaded at data revision `revision` for `me`.
    pub fn cached_list(&self, revision: u64, me: &Option<String>) -> Option<Rc<ProspectList>> {
        match self.inner.list.borrow().as_ref() {
            Some((r, m, list)) if *r == revision && m == me => Some(list.clone()),
            _ => None,
        }
    }

    /// Keeps `list`, loaded at data revision `revision` for `me`, unless one loaded at a
    /// newer revision is kept already.
    pub fn keep_list(&self, revision: u64, me: Option<String>, list: Rc<ProspectList>) {
        let mut kept = self.inner.list.borrow_mut();
        if kept.as_ref().is_none_or(|(r, _, _)| *r <= revision) {
            *kept = Some((revision, me, list));
        }
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

    /// The team directory as last fetched (empty before the first sync).
    pub async fn team(&self) -> Result<Team, StoreError> {
        let store = self.store().ok_or(StoreError::Closed)?;
        Ok(Team::new(store.team().await?))
    }

    /// One prospect with every record of its deal ([`DEAL_ENTITIES`]), local changes on top.
    pub async fn prospect(&self, id: &str, me: Option<String>) -> Result<LocalView, StoreError> {
        let store = self.store().ok_or(StoreError::Closed)?;
        load_prospect(&store, id, DEAL_ENTITIES, &Self::view_context(me)).await
    }
}

/// Asks the browser not to evict our storage under pressure (best effort).
pub(super) fn request_persistence() {
    if let Ok(promise) = gloo::utils::window().navigator().storage().persist() {
        spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}
