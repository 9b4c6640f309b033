//! Side effects the UI needs: browser preferences and the service worker.
//! Components never touch browser APIs directly; hooks call these.

pub mod ids;
pub mod prefs;
pub mod sw;
