//! # tuoke-core
//!
//! Every business rule of the Tuoke (拓客) field-sales specification as pure Rust: no web,
//! browser or database dependencies, so the PWA (wasm) and the server run exactly the same
//! code. Nothing here reads a clock or a random source: "today", "now" and seeds are
//! parameters.
//!
//! "SPEC §N" is a section of the product specification, `docs/spec.md` (its source, the sales
//! training deck, is `docs/seed/`); "API.md" is the server contract, `docs/api.md`.
//!
//! Modules:
//! - [`args`]: args of the project's own mutations (approval, quote, concession, objection, quiz).
//! - [`types`]: the prospect record and its parts, in the API.md JSON shapes.
//! - [`validate`]: patch parsing (`prospect.put`), validation and field history.
//! - [`grading`]: A/B/C/D grading with explanation, overrides and grade history (SPEC §5).
//! - [`stage`]: the stage transition matrix, verdicts, approvals and soft gates (SPEC §7).
//! - [`fit`]: target-market fit (SPEC §2).
//! - [`keyinfo`]: key-information completeness, next questions, MAN check (SPEC §4).
//! - [`cadence`]: contact cadence, the daily agenda and the monthly plan (SPEC §6).
//! - [`dedupe`]: possible duplicates of a new prospect (same or normalised company name).
//! - [`due`]: where a next contact stands (days overdue) and the agenda of due dates.
//! - [`activity`]: contact methods and note kinds (SPEC §6).
//! - [`negotiation`]: concession log rules and quote totals (SPEC §8).
//! - [`playbook`]: stage and objection playbooks, maintenance tips (SPEC §6, §8).
//! - [`plausible`]: warnings about implausible figures (revenue, headcount, …).
//! - [`pricing`]: the price list (modules, list prices, day rate, versions) (SPEC §8).
//! - [`quiz`]: the training quiz (SPEC §10).
//! - [`contract`]: the synced entities and the mutation names, one string form each.
//! - [`record`]: every record as pulled (the prospect with its derived parts, the deal records).
//! - [`time`]: the sane range of dates and instants, checked date conversions.
//! - [`i18n`]: languages and translated text.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod activity;
pub mod args;
pub mod cadence;
pub mod content;
pub mod contract;
pub mod dedupe;
pub mod due;
pub mod fit;
pub mod grading;
pub mod i18n;
pub mod keyinfo;
pub mod negotiation;
pub mod plausible;
pub mod playbook;
pub mod pricing;
pub mod quiz;
pub mod record;
pub mod rng;
pub mod stage;
pub mod time;
pub mod types;
pub mod validate;
