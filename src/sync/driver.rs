//! The syncing tab's side: owns the [`Engine`] over the IndexedDB store, feeds it one event
//! at a time and performs its effects (fetch, one wake-up timer, status notifications).
//! Before each request of a round it uploads the field photos waiting for it.
//!
//! Events arrive on a channel; the loop handles them strictly in order, so an event that
//! arrives while the engine awaits the store waits its turn (the engine is never re-entered).

use std::rc::Rc;

use chrono::Utc;
use futures::channel::{mpsc, oneshot};
use futures::StreamExt;
use gloo::timers::callback::Timeout;
use tuoke_sync::engine::{Config, Effect, Engine, Event, SyncStatus, TransportError};
use tuoke_sync::protocol::Mutation;
use tuoke_sync::store::Store;
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;

use super::transport;
use crate::services::ids;
use crate::store::{IdbStore, StoreError};

/// What the UI (or a timer, or an answer) asks of the engine.
pub enum Command {
    Event(Event),
    /// Save a local change durably; the answer says whether it was saved.
    Enqueue(Mutation, oneshot::Sender<Result<(), StoreError>>),
    Dismiss(Uuid),
}

/// Sends commands to the running engine.
pub type Commands = mpsc::UnboundedSender<Command>;

/// Starts the engine over `store`; `notify` receives every status change.
pub fn start(store: IdbStore, online: bool, notify: Rc<dyn Fn(SyncStatus)>) -> Commands {
    let (tx, mut rx) = mpsc::unbounded::<Command>();
    let commands = tx.clone();
    spawn_local(async move {
        // Bigger pushes and pull pages than the engine's defaults: a phone back online after
        // a day offline drains its outbox and catches up in fewer round trips (the engine
        // halves a push the server refuses as too large; pages stay under the server's 5,000).
        let config = Config {
            push_batch: 1_000,
            pull_limit: 2_000,
            ..Config::default()
        };
        let mut engine = Engine::new(store, config, ids::new_id(Utc::now()), ids::seed());
        let mut wake: Option<Timeout> = None;
        if !online {
            let fx = engine.handle(Event::Offline, Utc::now()).await;
            perform(&engine, fx, &tx, &mut wake, &notify).await;
        }
        let fx = engine.handle(Event::Start, Utc::now()).await;
        perform(&engine, fx, &tx, &mut wake, &notify).await;
        while let Some(command) = rx.next().await {
            let now = Utc::now();
            let fx = match command {
                Command::Event(event) => engine.handle(event, now).await,
                // Answer the rep as soon as the change is durable; the engine learns of it
                // right after (exactly what `Engine::enqueue` does, with the reply between).
                Command::Enqueue(mutation, reply) => {
                    match engine.store_mut().enqueue(mutation).await {
                        Ok(()) => {
                            let _ = reply.send(Ok(()));
                            engine.handle(Event::LocalChange, now).await
                        }
                        Err(e) => {
                            let _ = reply.send(Err(e));
                            Vec::new()
                        }
                    }
                }
                Command::Dismiss(id) => engine.dismiss_rejected(id, now).await.unwrap_or_default(),
            };
            perform(&engine, fx, &tx, &mut wake, &notify).await;
        }
    });
    commands
}

async fn perform(
    engine: &Engine<IdbStore>,
    effects: Vec<Effect>,
    tx: &Commands,
    wake: &mut Option<Timeout>,
    notify: &Rc<dyn Fn(SyncStatus)>,
) {
    for effect in effects {
        match effect {
            Effect::SendPush { request, body } => {
                let token = token(engine).await;
                let store = engine.store().clone();
                let tx = tx.clone();
                spawn_local(async move {
                    let result = match token {
                        Some(token) => match upload_photos(&store, &token).await {
                            Ok(()) => transport::push(&token, &body).await,
                            Err(e) => Err(e),
                        },
                        None => Err(unauthorized()),
                    };
                    let _ = tx.unbounded_send(Command::Event(Event::PushDone { request, result }));
                });
            }
            Effect::SendPull {
                request,
                since,
                limit,
            } => {
                let token = token(engine).await;
                let store = engine.store().clone();
                let tx = tx.clone();
                spawn_local(async move {
                    let result = match token {
                        Some(token) => match upload_photos(&store, &token).await {
                            Ok(()) => transport::pull(&token, since, limit).await,
                            Err(e) => Err(e),
                        },
                        None => Err(unauthorized()),
                    };
                    let _ = tx.unbounded_send(Command::Event(Event::PullDone { request, result }));
                });
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
            Effect::Notify(status) => notify(status),
        }
    }
}

/// Uploads the photos of saved notes that the server does not have yet, before the request
/// of a round (so a note reaches the server after its photos, and a photo whose note was
/// pushed in an earlier round is still sent). A failure the server may get over (no answer,
/// 5xx, 408, 429, 401) fails the request it precedes, so the engine backs off and retries
/// as for any failed request; any other 4xx (too large, not an image) will never succeed:
/// the photo is marked refused with the server's status and code, shown translated to the rep, and not retried.
async fn upload_photos(store: &IdbStore, token: &str) -> Result<(), TransportError> {
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
