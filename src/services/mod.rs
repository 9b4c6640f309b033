//! Side effects the UI needs: browser preferences, the service worker, the phone's time zone.
//! Components never touch browser APIs directly; hooks call these.

pub mod content;
pub mod debounce;
pub mod document;
pub mod ids;
pub mod prefs;
pub mod styles;
pub mod sw;
pub mod tel;
pub mod time;
