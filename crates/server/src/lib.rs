//! Tuoke (拓客) sync server: serves the PWA and the JSON API of `docs/api.md` (cited as "API.md";
//! the product rules, "SPEC §N", are in `docs/spec.md`).
//!
//! Layout: [`cli`] parses arguments, [`commands`] runs them; [`startup`] builds the axum app
//! from [`routes`] (API) and [`static_files`] (PWA), which share [`state::AppState`];
//! [`error`] owns the JSON error shape; [`db`] connects and migrates, [`repo`] holds the SQL;
//! [`domain`] has the parsed types. Modules import downwards only: no module imports one
//! that imports it back (`scripts/check-module-cycles` checks it).

pub mod auth;
pub mod cli;
pub mod commands;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod extract;
pub mod limits;
pub mod password;
pub mod repo;
pub mod routes;
pub mod security;
pub mod startup;
pub mod state;
pub mod static_files;
pub mod sync;
pub mod telemetry;
#[doc(hidden)]
pub mod testing;

pub use startup::app;
pub use state::AppState;
