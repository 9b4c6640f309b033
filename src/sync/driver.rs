//! The syncing tab's side: owns the [`Engine`] over the IndexedDB store, feeds it one event
//! at a time and performs its effects (fetch, one wake-up timer, status notifications).
//! Before each request of a round it uploads the field photos waiting for it.
//!
//! Events arrive on a channel; the loop handles them strictly in order, so an event that
//! arrives while the engine awaits the store waits its turn (the engine is never re-entered).
//!
//! Besides the engine's own timers, the driver looks for news when the app is shown or
//! focused ([`Command::Nudge`]), and every [`poll::FAST`] while the rep waits for something
//! ([`poll::poll_interval`]). Nudges that come together start one sync (they rest
//! [`poll::TRIGGER_REST_MS`] first), and a sync never starts while one is running (the
//! engine refuses a second round in flight).

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use chrono::{TimeDelta, Utc};
use futures::channel::{mpsc, oneshot};
use futures::StreamExt;
use gloo::timers::callback::Timeout;
use tuoke_core::contract::Entity;
use tuoke_core::record::ApprovalStatus;
use tuoke_sync::engine::{Activity, Config, Effect, Engine, Event, SyncStatus, TransportError};
use tuoke_sync::model::field;
use tuoke_sync::protocol::Mutation;
use tuoke_sync::store::Store;
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;

use super::poll::{self, Waiting};
use super::transport;
use crate::services::debounce::Debounce;
use crate::services::ids;
use crate::store::{IdbStore, StoreError};

/// What the UI (or a timer, or an answer) asks of the engine.
pub enum Command {
    Event(Event),
    /// Save a local change durably; the answer says whether it was saved.
    Enqueue(Mutation, oneshot::Sender<Result<(), StoreError>>),
    Dismiss(Uuid),
    /// Look for news soon (the app was shown or focused, or a poll is due).
    Nudge,
}

/// Sends commands to the running engine.
pub type Commands = mpsc::UnboundedSender<Command>;

/// Starts the engine over `store`; `notify` receives every status change.
///
/// The engine's code is not in the main wasm module (docs/size.md): the first screen renders
/// from the store without it, and it loads right after from its own chunk (precached by the
/// service worker). Commands sent meanwhile wait in the channel; while the chunk cannot be
/// fetched (offline before the app was ever installed), loading is retried.
pub fn start(store: IdbStore, online: bool, notify: Rc<dyn Fn(SyncStatus)>) -> Commands {
    let (tx, rx) = mpsc::unbounded::<Command>();
    let commands = tx.clone();
    spawn_local(async move {
        let run = loop {
            match engine_code().await {
                Ok(run) => break run,
                Err(_) => gloo::timers::future::TimeoutFuture::new(ENGINE_RETRY_MS).await,
            }
        };
        run(Started {
            store,
            online,
            notify,
            tx,
            rx,
        })
        .await;
    });
    commands
}

/// How long to wait before fetching the engine's chunk again after a failure.
const ENGINE_RETRY_MS: u32 = 5_000;

/// What the engine's loop starts from.
pub struct Started {
    store: IdbStore,
    online: bool,
    notify: Rc<dyn Fn(SyncStatus)>,
    tx: Commands,
    rx: mpsc::UnboundedReceiver<Command>,
}

/// Runs the engine's loop.
type Run = fn(Started) -> Pin<Box<dyn Future<Output = ()>>>;

// The split point of the engine's chunk (the loop and everything only it reaches: the
// engine's rounds, the transport, photo uploads, applying pulled changes).
split_point!(
    sync_engine,
    fn engine_code() -> Run {
        Ok(|started| Box::pin(run(started)))
    }
);

/// The engine's loop: handles one command at a time, in order, until the tab closes.
async fn run(started: Started) {
    let Started {
        store,
        online,
        notify,
        tx,
        mut rx,
    } = started;
    // Bigger pushes and pull pages than the engine's defaults: a phone back online after
    // a day offline drains its outbox and catches up in fewer round trips (the engine
    // halves a push the server refuses as too large; pages stay under the server's 5,000).
    let config = Config {
        push_batch: 1_000,
        pull_limit: 2_000,
        ..Config::default()
    };
    let mut poller = Poller::new(config.periodic, &tx);
    let mut engine = Engine::new(store, config, ids::new_id(Utc::now()), ids::seed());
    let mut wake: Option<Timeout> = None;
    if !online {
        let fx = engine.handle(Event::Offline, Utc::now()).await;
        perform(&engine, fx, &tx, &mut wake, &notify, &mut poller).await;
    }
    let fx = engine.handle(Event::Start, Utc::now()).await;
    perform(&engine, fx, &tx, &mut wake, &notify, &mut poller).await;
    while let Some(command) = rx.next().await {
        let now = Utc::now();
        let fx = match command {
            Command::Event(event) => engine.handle(event, now).await,
            // Answer the rep as soon as the change is durable; the engine learns of it
            // right after (exactly what `Engine::enqueue` does, with the reply between).
            Command::Enqueue(mutation, reply) => match engine.store_mut().enqueue(mutation).await {
                Ok(()) => {
                    let _ = reply.send(Ok(()));
                    engine.handle(Event::LocalChange, now).await
                }
                Err(e) => {
                    let _ = reply.send(Err(e));
                    Vec::new()
                }
            },
            Command::Dismiss(id) => engine.dismiss_rejected(id, now).await.unwrap_or_default(),
            Command::Nudge => {
                poller.nudge.push(());
                Vec::new()
            }
        };
        perform(&engine, fx, &tx, &mut wake, &notify, &mut poller).await;
    }
}

/// The driver's own wake-ups: nudges (debounced) and the fast poll.
struct Poller {
    /// The engine's periodic sync: polls at this interval are the engine's.
    long: TimeDelta,
    nudge: Debounce<()>,
    tx: Commands,
    timer: Option<Timeout>,
    /// The last photo upload failed: photos wait to be sent.
    photos: Rc<Cell<bool>>,
    /// When the team directory was last fetched (ms since the epoch; 0: never).
    team_at: Rc<Cell<f64>>,
}

impl Poller {
    fn new(long: TimeDelta, tx: &Commands) -> Poller {
        let nudge = {
            let tx = tx.clone();
            Debounce::new(poll::TRIGGER_REST_MS, move |()| {
                let _ = tx.unbounded_send(Command::Event(Event::SyncNow));
            })
        };
        Poller {
            long,
            nudge,
            tx: tx.clone(),
            timer: None,
            photos: Rc::new(Cell::new(false)),
            team_at: Rc::new(Cell::new(0.0)),
        }
    }

    /// Arms the next poll after the status `status` (once a round ended: a round in flight
    /// re-arms when it ends).
    async fn rearm(&mut self, engine: &Engine<IdbStore>, status: &SyncStatus) {
        if matches!(
            status.activity,
            Activity::Pushing | Activity::Pulling { .. }
        ) {
            return;
        }
        let waiting = Waiting {
            changes: status.pending,
            decisions: awaiting_decisions(engine.store()).await,
            photos: self.photos.get(),
        };
        let visible =
            gloo::utils::document().visibility_state() == web_sys::VisibilityState::Visible;
        let interval = poll::poll_interval(visible, waiting, self.long);
        self.timer = (interval < self.long).then(|| {
            let tx = self.tx.clone();
            let ms = interval.num_milliseconds().clamp(0, i64::from(u32::MAX)) as u32;
            Timeout::new(ms, move || {
                let _ = tx.unbounded_send(Command::Nudge);
            })
        });
    }
}

/// How many of the signed-in rep's requests wait for a manager's decision.
async fn awaiting_decisions(store: &IdbStore) -> usize {
    let Some(me) = store.session().await.ok().flatten().map(|s| s.user_id) else {
        return 0;
    };
    let Ok(approvals) = store.records(Entity::Approval).await else {
        return 0;
    };
    approvals
        .iter()
        .filter(|r| {
            field::<ApprovalStatus>(&r.data, "status") == Some(ApprovalStatus::Pending)
                && field::<String>(&r.data, "requested_by").as_deref() == Some(me.as_str())
        })
        .count()
}

async fn perform(
    engine: &Engine<IdbStore>,
    effects: Vec<Effect>,
    tx: &Commands,
    wake: &mut Option<Timeout>,
    notify: &Rc<dyn Fn(SyncStatus)>,
    poller: &mut Poller,
) {
    let mut notified = None;
    for effect in effects {
        match effect {
            Effect::SendPush { request, body } => {
                let send = move |token: String| async move { transport::push(&token, &body).await };
                let done = move |result| Event::PushDone { request, result };
                spawn_request(engine, tx, poller, send, done).await;
            }
            Effect::SendPull {
                request,
                since,
                limit,
            } => {
                // The team directory is refreshed (at most once a minute) before a pull, so
                // the names the pulled records need are on the phone with them.
                let store = engine.store().clone();
                let team_at = poller.team_at.clone();
                let send = move |token: String| async move {
                    refresh_team(&store, &token, &team_at).await;
                    transport::pull(&token, since, limit).await
                };
                let done = move |result| Event::PullDone { request, result };
                spawn_request(engine, tx, poller, send, done).await;
            }
            Effect::ScheduleWake { at } => {
                let delay = (at - Utc::now())
                    .num_milliseconds()
                    .clamp(0, i64::from(i32::MAX));
                let tx = tx.clone();
                *wake = Some(Timeout::new(delay as u32, move || {
                    let _ = tx.unbounded_send(Command::Event(Event::Wake));
                }));
            }
            Effect::Notify(status) => {
                notify(status.clone());
                notified = Some(status);
            }
        }
    }
    if let Some(status) = notified {
        poller.rearm(engine, &status).await;
    }
}

/// Sends one of the engine's requests in the background with the session's token, once the
/// photos of saved notes are uploaded (a note never reaches the server before its photos),
/// and hands its outcome back to the engine as the event `done` makes of it.
async fn spawn_request<T, Send, Fut>(
    engine: &Engine<IdbStore>,
    tx: &Commands,
    poller: &Poller,
    send: Send,
    done: impl FnOnce(Result<T, TransportError>) -> Event + 'static,
) where
    T: 'static,
    Send: FnOnce(String) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<T, TransportError>>,
{
    let token = token(engine).await;
    let store = engine.store().clone();
    let tx = tx.clone();
    let photos = poller.photos.clone();
    spawn_local(async move {
        let result = match token {
            Some(token) => match upload_photos(&store, &token, &photos).await {
                Ok(()) => send(token).await,
                Err(e) => Err(e),
            },
            None => Err(unauthorized()),
        };
        let _ = tx.unbounded_send(Command::Event(done(result)));
    });
}

/// Uploads the photos of saved notes that the server does not have yet, before the request
/// of a round (so a note reaches the server after its photos, and a photo whose note was
/// pushed in an earlier round is still sent). A failure the server may get over (no answer,
/// 5xx, 408, 429, 401) fails the request it precedes, so the engine backs off and retries
/// as for any failed request; any other 4xx (too large, not an image) will never succeed:
/// the photo is marked refused with the server's status and code, shown translated to the rep, and not retried.
async fn upload_photos(
    store: &IdbStore,
    token: &str,
    waiting: &Cell<bool>,
) -> Result<(), TransportError> {
    let result = upload_pending(store, token).await;
    waiting.set(result.is_err());
    result
}

async fn upload_pending(store: &IdbStore, token: &str) -> Result<(), TransportError> {
    let pending = match store.pending_uploads().await {
        Ok(pending) => pending,
        Err(e) => {
            // The changes themselves can still go; the photos wait for the next round.
            web_sys::console::warn_1(&format!("cannot read the photos to upload: {e}").into());
            return Ok(());
        }
    };
    // Photos of a draft have no note yet: they go once the note is saved (or never, if the
    // draft is discarded).
    for photo in pending.iter().filter(|p| p.note_id.is_some()) {
        match transport::upload_attachment(token, photo.id, &photo.content_type, &photo.bytes).await
        {
            Ok(()) => {
                // If this write fails the photo is sent again next time: uploads are
                // idempotent by id.
                let _ = store.mark_uploaded(photo.id).await;
            }
            Err(TransportError::Status { status, error })
                if (400..500).contains(&status) && ![401, 408, 429].contains(&status) =>
            {
                // Kept as status and code (the phone translates the code, never the text).
                let reason =
                    error.map_or_else(|| status.to_string(), |e| format!("{status} {}", e.code));
                let _ = store.refuse_upload(photo.id, &reason).await;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// How long the fetched team directory and price list are taken as current: a round of
/// several pull pages fetches them once.
const TEAM_FRESH_MS: f64 = 60_000.0;

/// Fetches the team directory (`GET /team`) and the price list (`GET /price-list`) and keeps
/// them in the store, at most once per [`TEAM_FRESH_MS`], before a pull: the pull's end
/// reloads the screens, which then name the colleagues its records mention and price quotes
/// offline. A failure keeps what is cached (the pull that follows reports the connection);
/// so does a team without a price list yet (404).
async fn refresh_team(store: &IdbStore, token: &str, fetched_at: &Cell<f64>) {
    let now = js_sys::Date::now();
    if fetched_at.get() > 0.0 && now - fetched_at.get() < TEAM_FRESH_MS {
        return;
    }
    let mut store = store.clone();
    // Both at once: one round trip's wait before the pull, not two.
    let (team, prices) =
        futures::future::join(transport::team(token), transport::price_list(token)).await;
    let Ok(team) = team else {
        return;
    };
    if store.set_team(team.users).await.is_err() {
        return;
    }
    let prices_kept = match prices {
        Ok(list) => {
            let kept = store.price_list().await.ok().flatten();
            kept.as_ref() == Some(&list) || store.set_price_list(list).await.is_ok()
        }
        Err(TransportError::Status { status: 404, .. }) => true,
        Err(_) => false,
    };
    if prices_kept {
        fetched_at.set(now);
    }
}

async fn token(engine: &Engine<IdbStore>) -> Option<String> {
    engine
        .store()
        .session()
        .await
        .ok()
        .flatten()
        .map(|s| s.token)
}

fn unauthorized() -> TransportError {
    TransportError::Status {
        status: 401,
        error: None,
    }
}
