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
//! - [`store`]: the storage trait (every write one transaction) and the in-memory store.
//! - [`engine`]: the sans-IO sync state machine (events in, effects out).
//! - [`view`]: the local view: confirmed state with pending local changes re-applied.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod engine;
pub mod protocol;
pub mod store;
pub mod view;
