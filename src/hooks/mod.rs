//! Hooks: the only place components reach side effects.

mod use_focus_on_mount;
mod use_newest;
mod use_online;
mod use_sw_update;
pub mod use_visible_range;

pub use use_focus_on_mount::use_focus_on_mount;
pub use use_newest::use_newest;
pub use use_online::use_online;
pub use use_sw_update::{use_sw_update, SwUpdate};
