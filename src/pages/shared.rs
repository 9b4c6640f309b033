//! Helpers every screen shares: the text of a failed save or of a core validation problem,
//! the API code of an enum value, and the pointer-compared `Rc` for props. It imports no
//! screen, so every screen can use it.

use tuoke_core::validate::Problem;
use tuoke_sync::team::Team;

use crate::i18n::{I18n, Key, ProfileKey};
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

/// The rep-facing text of a core validation problem.
pub fn problem_text(i18n: &I18n, problem: &Problem) -> String {
    i18n.t(match problem {
        Problem::Required => ProfileKey::ErrRequired,
        Problem::Empty => ProfileKey::ErrEmpty,
        Problem::Negative => ProfileKey::ErrNegative,
        Problem::Invalid { .. } | Problem::NotAnObject => ProfileKey::ErrInvalid,
        Problem::UnknownField => ProfileKey::ErrUnknownField,
        Problem::DateOutOfRange => ProfileKey::ErrDateRange,
        Problem::InFuture => ProfileKey::ErrInFuture,
        Problem::Repeated => ProfileKey::ErrRepeated,
    })
    .to_owned()
}

/// The name to show for colleague `id`: their name from the team directory, "我" for the user
/// themself (`me`), else a translated "unknown colleague", never the raw id.
pub fn colleague_name(i18n: &I18n, team: &Team, me: &str, id: &str) -> String {
    if id == me {
        return i18n.t(Key::Me).to_owned();
    }
    team.name_of(id)
        .map_or_else(|| i18n.t(Key::UnknownColleague).to_owned(), str::to_owned)
}
