//! What the note is about, above the form: the new prospect's company, contact and phone, or
//! the chosen prospect with its grade, contact and phone.

use tuoke_sync::summary::ProspectSummary;
use yew::prelude::*;

use super::fields::{field_error, invalid, Field, FieldErrors, Refs};
use crate::components::grade_badge::{grade_badge, GradeMark};
use crate::i18n::{use_i18n, CaptureKey, Key};
use crate::services::tel;

#[derive(Properties, PartialEq)]
pub struct NewProspectProps {
    pub refs: Refs,
    pub errors: FieldErrors,
    /// Text typed into a field (which, and its node).
    pub on_input: Callback<(Field, NodeRef)>,
    /// Back to the picker.
    pub on_change: Callback<()>,
    /// Shown under the company (possible duplicates).
    #[prop_or_default]
    pub children: Html,
}

/// The new prospect's fields (uncontrolled: typing only updates the draft).
#[component]
pub fn NewProspect(props: &NewProspectProps) -> Html {
    let i18n = use_i18n();
    let refs = &props.refs;
    let input = |field: Field, node: &NodeRef| {
        let (on_input, node) = (props.on_input.clone(), node.clone());
        Callback::from(move |_: InputEvent| on_input.emit((field, node.clone())))
    };
    let (company_invalid, company_error) = invalid(&props.errors, Field::Company);
    let (contact_invalid, contact_error) = invalid(&props.errors, Field::Contact);
    let (phone_invalid, phone_error) = invalid(&props.errors, Field::Phone);
    html! {
        <div class="card form new-prospect" data-testid="capture-new">
            <div class="chosen-head">
                <h2>{ i18n.t(CaptureKey::NewProspectTitle) }</h2>
                <button type="button" class="link-button" onclick={props.on_change.reform(|_| ())} data-testid="capture-change">
                    { i18n.t(CaptureKey::ChooseExisting) }
                </button>
            </div>
            <label class="field-label" for="capture-company">{ i18n.t(Key::Company) }<span class="required" aria-hidden="true">{ " *" }</span></label>
            <input id="capture-company" ref={refs.company.clone()} autocomplete="organization" required=true
                   aria-invalid={company_invalid} aria-describedby={company_error}
                   oninput={input(Field::Company, &refs.company)} data-testid="capture-company" />
            { field_error(&props.errors, Field::Company) }
            { props.children.clone() }
            <label class="field-label" for="capture-contact">{ i18n.t(Key::ContactName) }</label>
            <input id="capture-contact" ref={refs.contact.clone()} autocomplete="name"
                   aria-invalid={contact_invalid} aria-describedby={contact_error}
                   oninput={input(Field::Contact, &refs.contact)} data-testid="capture-contact" />
            { field_error(&props.errors, Field::Contact) }
            <label class="field-label" for="capture-phone">{ i18n.t(Key::Phone) }</label>
            <input id="capture-phone" ref={refs.phone.clone()} type="tel" autocomplete="tel" inputmode="tel"
                   aria-invalid={phone_invalid} aria-describedby={phone_error}
                   oninput={input(Field::Phone, &refs.phone)} data-testid="capture-phone" />
            { field_error(&props.errors, Field::Phone) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChosenProps {
    pub id: AttrValue,
    /// The prospect's summary, once the list is loaded.
    pub summary: Option<ProspectSummary>,
    /// Opened on a draft in progress (not chosen on this visit of the screen): said so.
    #[prop_or_default]
    pub resumed: bool,
    /// Back to the picker.
    pub on_change: Callback<()>,
}

/// The chosen prospect, hard to miss: company in large type with its grade, first contact
/// and phone, and the change action; a resumed draft says whose it is.
#[component]
pub fn Chosen(props: &ChosenProps) -> Html {
    let i18n = use_i18n();
    let summary = &props.summary;
    let company = summary
        .as_ref()
        .map_or_else(|| i18n.t(Key::Loading).to_owned(), |s| s.company.clone());
    html! {
        <div class="card chosen" data-testid="capture-chosen" data-id={props.id.clone()}>
            if props.resumed {
                <p class="notice chosen-resumed" data-testid="capture-resumed">
                    { i18n.fmt(CaptureKey::Resumed, &[("c", company.as_str())]) }
                </p>
            }
            <p class="chosen-company" data-testid="capture-company-name">
                if let Some(s) = summary {
                    { grade_badge(&i18n, GradeMark::of_summary(s), true, Some("capture-grade")) }
                }
                <span class="chosen-name">{ company.clone() }</span>
            </p>
            <div class="chosen-foot">
                <p class="hint">
                    if let Some(s) = summary {
                        { s.contacts.first().map(|(n, _)| n.clone()).unwrap_or_default() }
                        if let Some(phone) = s.phone() {
                            { " " }<a href={tel::href(phone)} class="chosen-phone">{ phone.to_owned() }</a>
                        }
                    }
                </p>
                <button type="button" class="secondary chosen-change" onclick={props.on_change.reform(|_| ())} data-testid="capture-change">
                    { i18n.t(CaptureKey::ChangeProspect) }
                </button>
            </div>
        </div>
    }
}
