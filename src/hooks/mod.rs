//! Hooks: the only place components reach side effects.

mod use_capture_draft;
mod use_clock;
mod use_focus_on_mount;
mod use_newest;
mod use_online;
mod use_sw_update;
pub mod use_visible_range;

pub use use_capture_draft::{use_capture_draft, use_capture_target, CaptureDraft};
pub use use_clock::use_clock;
pub use use_focus_on_mount::use_focus_on_mount;
pub use use_newest::use_newest;
pub use use_online::use_online;
pub use use_sw_update::{use_sw_update, SwUpdate};
