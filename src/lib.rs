//! Tuoke (拓客): the offline-first PWA for ERP field-sales reps.
//!
//! Layout (as in README.md): `pages/` (one module per screen), `components/` (shared widgets),
//! `hooks/` (the only place components reach side effects), `services/` (browser APIs),
//! `i18n/` (the one translation layer), `route` (every screen's URL). Business rules live in
//! `tuoke-core`.

#![forbid(unsafe_code)]

pub mod app;
pub mod components;
pub mod hooks;
pub mod i18n;
pub mod pages;
pub mod route;
pub mod services;
pub mod store;
pub mod sync;

/// Mounts the app on `<body>`.
pub fn run() {
    yew::Renderer::<app::App>::new().render();
}
