//! One module per screen.

pub mod capture;
pub mod lazy;
mod login;
mod more;
mod not_found;
mod pipeline;
mod playbooks;
mod prospect;
mod prospects;
mod quiz;
pub(crate) mod shared;
pub mod sync;
pub mod today;

pub use capture::Capture;
pub use lazy::{Chunk, LazyScreen};
pub use login::Login;
pub use more::More;
pub use not_found::NotFound;
pub use pipeline::Pipeline;
pub use playbooks::{PlaybookPage, Playbooks};
pub use prospect::{timeline, ProspectPage, TimelineEntry};
pub use prospects::Prospects;
pub use quiz::Quiz;
pub use sync::SyncPage;
pub use today::Today;
