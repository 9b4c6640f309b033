//! # tuoke-sync
//!
//! The PWA's sync engine, as pure Rust: it keeps everything on the phone first and syncs it
//! with the server of API.md, losing nothing. No web, browser, database or async-runtime
//! dependencies; time, ids and randomness are parameters. The browser side plugs in an
//! IndexedDB [`store::Store`] and a fetch-and-timer driver; the tests plug in
//! [`store::MemoryStore`] and a simulated server.
//!
//! Modules:
//! - [`protocol`]: the push/pull wire format and typed mutation constructors.
//! - [`model`]: the local data the store keeps (records as pulled, list summaries).
//! - [`team`]: the colleagues the phone can name offline (`GET /api/v1/team`, cached).
//! - [`store`]: the storage trait (every write one transaction) and the in-memory store.
//! - [`engine`]: the sans-IO sync state machine (events in, effects out).
//! - [`view`]: the local view: confirmed state with pending local changes re-applied.
//! - [`summary`]: the prospect list: summaries with pending local changes re-applied.
//!
//! Design decisions:
//! - **Sans-IO engine, async store.** [`engine::Engine::handle`] takes an event and the time
//!   and returns effects (send a push/pull, schedule a wake, notify the UI); the driver does
//!   the I/O. The store is the one thing the engine calls directly, and its methods return
//!   futures because IndexedDB is asynchronous: a synchronous trait could only be honoured
//!   over IndexedDB by acknowledging writes before they commit, which would break "nothing is
//!   lost". The futures need no runtime ([`store::block_on_ready`] runs the in-memory ones).
//! - **The outbox is the pending state.** A local change is exactly one outbox write; the UI's
//!   view re-applies the outbox over the confirmed state ([`view::LocalView`]), so there is no
//!   second copy to keep consistent. Acknowledged entries stay until the pull that brings
//!   their effects drops them in the same transaction.
//! - **Ids, time and randomness are parameters.** Mutation ids and the client id come from
//!   the caller; jitter comes from a seed; request ids tag answers so late or duplicated ones
//!   are ignored.
//!
//! A driver's loop, natively over the in-memory store:
//! ```
//! use tuoke_sync::engine::{Config, Effect, Engine, Event};
//! use tuoke_sync::protocol::PullResponse;
//! use tuoke_sync::store::{block_on_ready, MemoryStore};
//! use uuid::Uuid;
//!
//! let now = "2026-03-02T08:00:00Z".parse().unwrap();
//! let mut engine = Engine::new(MemoryStore::new(), Config::default(), Uuid::from_u128(1), 42);
//! let effects = block_on_ready(engine.handle(Event::Start, now));
//! // Nothing to push yet: the first round pulls everything.
//! let Some(&Effect::SendPull { request, since: 0, .. }) = effects.first() else { panic!() };
//! let answer = PullResponse { cursor: 0, has_more: false, changes: vec![] };
//! let effects = block_on_ready(engine.handle(Event::PullDone { request, result: Ok(answer) }, now));
//! // Next: the periodic sync timer, and a status for the UI.
//! assert!(effects.iter().any(|e| matches!(e, Effect::ScheduleWake { .. })));
//! assert!(effects.iter().any(|e| matches!(e, Effect::Notify(s) if s.last_synced_at == Some(now))));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod engine;
pub mod model;
pub mod protocol;
pub mod store;
pub mod summary;
pub mod team;
pub mod view;
