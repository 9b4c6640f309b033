//! One module per screen.

pub mod capture;
mod login;
mod more;
mod not_found;
mod pipeline;
mod playbooks;
mod prospect;
mod prospects;
mod quiz;
pub mod sync;
pub mod today;

pub use capture::Capture;
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

use crate::i18n::I18n;
use crate::sync::SaveError;

/// What the rep reads when a change could not be saved on the phone: that it was not saved,
/// why, and what to do next.
pub fn save_error_text(i18n: &I18n, error: &SaveError) -> String {
    crate::i18n::storage::not_saved(i18n, *error)
}

/// The API code of an enum value (`first_visit`, `phone_call`, …): its serde name.
pub(crate) use tuoke_core::types::code_of;

/// An `Rc` compared by pointer: props and memo keys over large data (the 10,000-row list) must
/// not compare their contents.
pub(crate) struct Ptr<T>(pub std::rc::Rc<T>);

impl<T> Clone for Ptr<T> {
    fn clone(&self) -> Self {
        Ptr(self.0.clone())
    }
}

impl<T> PartialEq for Ptr<T> {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}
