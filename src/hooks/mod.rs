//! Hooks: the only place components reach side effects.

mod use_lang;
mod use_newest;
mod use_online;
mod use_sw_update;
pub mod use_toast;
pub mod use_visible_range;

pub use use_lang::use_saved_lang;
pub use use_newest::use_newest;
pub use use_online::use_online;
pub use use_sw_update::{use_sw_update, SwUpdate};
pub use use_toast::{use_toast, Notice, Toaster, Tone};
