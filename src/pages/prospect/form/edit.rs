//! The state of a section's edit form: whether it is open, its draft, the errors shown at
//! its fields (the first focused), and the save.

use yew::prelude::*;

use super::draft::{Draft, DraftAction, DraftState};
use super::save::{use_focus_first_error, use_put, Errors, Put};

/// An edit form of prospect `id`'s record.
pub struct EditForm {
    pub put: Put,
    pub editing: UseStateHandle<bool>,
    pub draft: UseReducerHandle<DraftState>,
    pub errors: UseStateHandle<Errors>,
    /// The form element (its first field with an error is focused).
    pub form_ref: NodeRef,
}

/// A closed edit form of prospect `id`.
#[hook]
pub fn use_edit_form(id: &str) -> EditForm {
    let put = use_put(id);
    let editing = use_state(|| false);
    let draft = use_reducer(DraftState::default);
    let errors = use_state(Errors::default);
    let form_ref = use_focus_first_error(&errors);
    EditForm {
        put,
        editing,
        draft,
        errors,
        form_ref,
    }
}

/// An [`EditForm`]'s parts, in field order.
pub type EditParts = (
    Put,
    UseStateHandle<bool>,
    UseReducerHandle<DraftState>,
    UseStateHandle<Errors>,
    NodeRef,
);

impl EditForm {
    /// Its parts, for a component to use as locals.
    pub fn parts(self) -> EditParts {
        (
            self.put,
            self.editing,
            self.draft,
            self.errors,
            self.form_ref,
        )
    }

    /// A callback opening the form: its draft starts over from `values()` (read as it
    /// opens), no errors are shown, and it is editing.
    pub fn opener<E: 'static>(&self, values: impl Fn() -> Draft + 'static) -> Callback<E> {
        let (draft, errors, editing) = (
            self.draft.dispatcher(),
            self.errors.clone(),
            self.editing.clone(),
        );
        Callback::from(move |_: E| {
            draft.dispatch(DraftAction::Reset(values()));
            errors.set(Errors::default());
            editing.set(true);
        })
    }
}
