//! Hooks: the only place components reach side effects.

mod use_clock;
mod use_focus_on_mount;
mod use_lang;
mod use_lazy;
mod use_loaded;
mod use_local_view;
mod use_modal;
mod use_newest;
mod use_now;
mod use_online;
mod use_prospect;
mod use_prospect_list;
mod use_scrolled;
mod use_sw_update;
mod use_sync;
mod use_team;
pub mod use_toast;
mod use_top_on_navigate;
pub mod use_visible_range;

pub use use_clock::use_clock;
pub use use_focus_on_mount::use_focus_on_mount;
pub use use_lang::use_saved_lang;
pub use use_lazy::{use_after_first_screen, use_lazy, Fetch, Lazy};
pub use use_local_view::use_local_view;
pub use use_modal::use_modal;
pub use use_newest::use_newest;
pub use use_now::use_now;
pub use use_online::use_online;
pub use use_prospect::use_prospect;
pub use use_prospect_list::use_prospect_list;
pub use use_scrolled::use_scrolled;
pub use use_sw_update::{use_sw_update, SwUpdate};
pub use use_sync::use_sync;
pub use use_team::use_team;
pub use use_toast::{use_toast, Notice, Toaster, Tone};
pub use use_top_on_navigate::use_top_on_navigate;
