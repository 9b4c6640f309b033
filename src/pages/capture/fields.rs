//! The capture form's fields: the text inputs are uncontrolled (typing never re-renders the
//! page), read into the draft on save and filled from it when the target changes; and what
//! the rep must fix, shown at the field it is about.

use std::collections::BTreeMap;
use std::rc::Rc;

use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::draft::Draft;

/// A place of the capture form a problem is shown at, in form order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Company,
    Contact,
    Phone,
    Note,
    Photos,
    /// Not about one field (shown with the save button only).
    Form,
}

impl Field {
    /// The id of the field's error text (`aria-describedby` of its input).
    pub fn error_id(self) -> &'static str {
        match self {
            Field::Company => "capture-company-error",
            Field::Contact => "capture-contact-error",
            Field::Phone => "capture-phone-error",
            Field::Note => "capture-note-error",
            Field::Photos => "capture-photos-error",
            Field::Form => "capture-form-error",
        }
    }
}

/// What the rep must fix before the note can be saved, by field.
pub type FieldErrors = Rc<BTreeMap<Field, String>>;

/// The error text under a field, if it has one.
pub fn field_error(errors: &FieldErrors, field: Field) -> Html {
    match errors.get(&field) {
        Some(text) => html! {
            <p class="error field-error" id={field.error_id()} data-testid={field.error_id()}>{ text.clone() }</p>
        },
        None => html! {},
    }
}

/// `aria-invalid` and `aria-describedby` of a field's input.
pub fn invalid(errors: &FieldErrors, field: Field) -> (Option<&'static str>, Option<&'static str>) {
    match errors.contains_key(&field) {
        true => (Some("true"), Some(field.error_id())),
        false => (None, None),
    }
}

/// The text fields of the form (uncontrolled inputs).
#[derive(Clone, PartialEq, Default)]
pub struct Refs {
    pub company: NodeRef,
    pub contact: NodeRef,
    pub phone: NodeRef,
    pub body: NodeRef,
}

impl Refs {
    fn input(r: &NodeRef) -> String {
        r.cast::<HtmlInputElement>()
            .map(|i| i.value())
            .unwrap_or_default()
    }

    /// The text of `node` (an input or the note's textarea).
    pub fn value(node: &NodeRef) -> String {
        node.cast::<HtmlInputElement>()
            .map(|i| i.value())
            .or_else(|| node.cast::<HtmlTextAreaElement>().map(|t| t.value()))
            .unwrap_or_default()
    }

    /// Reads the fields into the draft (a value may have been set without an input event).
    pub fn read(&self, d: &mut Draft) {
        if let Some(t) = self.body.cast::<HtmlTextAreaElement>() {
            d.body = t.value();
        }
        if self.company.get().is_some() {
            d.company = Self::input(&self.company);
            d.contact = Self::input(&self.contact);
            d.phone = Self::input(&self.phone);
        }
    }

    /// Shows the draft's text.
    pub fn fill(&self, d: &Draft) {
        for (r, v) in [
            (&self.company, &d.company),
            (&self.contact, &d.contact),
            (&self.phone, &d.phone),
        ] {
            if let Some(i) = r.cast::<HtmlInputElement>() {
                i.set_value(v);
            }
        }
        if let Some(t) = self.body.cast::<HtmlTextAreaElement>() {
            t.set_value(&d.body);
        }
    }

    /// Puts the focus on the first field with a problem, so the rep lands on what to fix.
    pub fn focus_first(&self, errors: &BTreeMap<Field, String>) {
        let node = errors.keys().find_map(|f| match f {
            Field::Company => Some(&self.company),
            Field::Contact => Some(&self.contact),
            Field::Phone => Some(&self.phone),
            Field::Note => Some(&self.body),
            Field::Photos | Field::Form => None,
        });
        if let Some(element) = node.and_then(|n| n.cast::<HtmlElement>()) {
            let _ = element.focus();
        }
    }
}
