//! Widgets shared by several screens.

pub mod content_status;
pub mod grade_badge;
pub mod icons;
mod language_select;
pub mod long_text;
pub mod photos;
pub mod prospect_row;
mod sign_out;
mod status_bar;
mod tab_bar;
mod toast;
mod update_banner;
pub mod virtual_list;

pub use language_select::LanguageSelect;
pub use sign_out::SignOut;
pub use status_bar::StatusBar;
pub use tab_bar::TabBar;
pub use toast::ToastProvider;
pub use update_banner::UpdateBanner;
