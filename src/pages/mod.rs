//! One module per screen.

mod capture;
mod more;
mod not_found;
mod pipeline;
mod prospects;
mod today;

pub use capture::Capture;
pub use more::More;
pub use not_found::NotFound;
pub use pipeline::Pipeline;
pub use prospects::Prospects;
pub use today::Today;
