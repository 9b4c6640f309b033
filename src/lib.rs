//! Tuoke (拓客): the offline-first PWA for ERP field-sales reps.
//!
//! Layout (as in README.md): `pages/` (one module per screen), `components/` (shared widgets),
//! `hooks/` (the only place components reach side effects), `services/` (browser APIs),
//! `i18n/` (the one translation layer), `route` (every screen's URL). Business rules live in
//! `tuoke-core`.

#![forbid(unsafe_code)]

/// A split point of the wasm (docs/size.md): `async fn $name() -> Result<$t, SplitLoaderError>`
/// whose body, and all code only it reaches, is in the chunk `split_$chunk.wasm` of release
/// builds, fetched on the first call. Debug builds are not split (trunk's dev loop stays fast,
/// and the wasm tests' runner cannot load chunks): the body runs in place.
macro_rules! split_point {
    ($chunk:ident, fn $name:ident() -> $t:ty $body:block) => {
        #[cfg(not(debug_assertions))]
        #[wasm_split_helpers::wasm_split($chunk, fallible)]
        fn $name() -> Result<$t, wasm_split_helpers::SplitLoaderError> $body

        #[cfg(debug_assertions)]
        async fn $name() -> Result<$t, wasm_split_helpers::SplitLoaderError> $body
    };
}

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
