//! The form of one contact: adding, editing or removing it.

use tuoke_core::types::{from_code, Contact, ContactRole};
use yew::prelude::*;

use super::super::form::{on_field, Check, Choice, DraftState, Errors, Field, Kind};
use crate::i18n::{I18n, Key, LabelKey, ProfileKey as P};
use crate::pages::shared::code_of;

/// Which contact the form edits.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Editing {
    None,
    New,
    At(usize),
}

pub(super) const NAME: &str = "contact.name";
pub(super) const ROLE: &str = "contact.role";
pub(super) const TITLE: &str = "contact.title";
pub(super) const PHONE: &str = "contact.phone";
pub(super) const EMAIL: &str = "contact.email";
pub(super) const INVITED: &str = "contact.invited";

pub(super) fn role_code(role: Option<ContactRole>) -> String {
    role.map(code_of).unwrap_or_default()
}

fn text(draft: &DraftState, name: &str) -> Option<String> {
    let t = draft.get(name).trim().to_owned();
    (!t.is_empty()).then_some(t)
}

/// The contact the form describes (validated by the core when saved).
pub(super) fn contact_of(draft: &DraftState) -> Contact {
    Contact {
        name: draft.get(NAME).trim().to_owned(),
        role: from_code(&draft.get(ROLE)),
        title: text(draft, TITLE),
        phone: text(draft, PHONE),
        email: text(draft, EMAIL),
        invited: (draft.get(INVITED) == "true").then_some(true),
    }
}

/// The form of the contact `editing` (nothing when none is): its fields from `draft`, their
/// `errors`, and save or (`confirm_remove` asked first) remove through `save`.
pub(super) fn contact_form(
    i18n: &I18n,
    editing: &UseStateHandle<Editing>,
    confirm_remove: &UseStateHandle<bool>,
    draft: &UseReducerHandle<DraftState>,
    errors: &UseStateHandle<Errors>,
    form_ref: NodeRef,
    save: &Callback<bool>,
) -> Html {
    if **editing == Editing::None {
        return html! {};
    }
    let oninput = on_field(draft, errors);
    let onsubmit = {
        let save = save.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save.emit(false);
        })
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(Editing::None))
    };
    let mut roles = vec![(AttrValue::from(""), AttrValue::from(i18n.t(P::NotRecorded)))];
    roles.extend(LabelKey::ROLES.map(|r| {
        (
            AttrValue::from(role_code(Some(r))),
            AttrValue::from(i18n.t(LabelKey::contact_role(r))),
        )
    }));
    let remove = match **editing {
        Editing::At(_) if **confirm_remove => {
            let (save, confirm_remove) = (save.clone(), confirm_remove.clone());
            let name = draft.get(NAME).to_string();
            html! {
                <div class="confirm" role="alertdialog" aria-labelledby="remove-q">
                    <p id="remove-q">{ i18n.fmt(P::RemoveContactConfirm, &[("name", name.as_str())]) }</p>
                    <div class="actions">
                        <button type="button" class="secondary" onclick={Callback::from(move |_| confirm_remove.set(false))}>{ i18n.t(Key::Cancel) }</button>
                        <button type="button" class="danger" onclick={Callback::from(move |_| save.emit(true))} data-testid="contact-remove-confirm">{ i18n.t(P::RemoveContact) }</button>
                    </div>
                </div>
            }
        }
        Editing::At(_) => {
            let confirm_remove = confirm_remove.clone();
            html! {
                <button type="button" class="link-danger" onclick={Callback::from(move |_| confirm_remove.set(true))} data-testid="contact-remove">{ i18n.t(P::RemoveContact) }</button>
            }
        }
        _ => html! {},
    };
    let title = if **editing == Editing::New {
        P::AddContact
    } else {
        P::EditContact
    };
    html! {
        <form class="form contact-form" ref={form_ref} {onsubmit} novalidate=true data-testid="contact-form" aria-labelledby="contact-form-title">
            <h3 id="contact-form-title">{ i18n.t(title) }</h3>
            <Field name={NAME} label={i18n.t(P::ContactName)} value={draft.get(NAME)} kind={Kind::Text} oninput={oninput.clone()} error={errors.get(NAME).cloned()} />
            <Choice name={ROLE} label={i18n.t(P::ContactRole)} value={draft.get(ROLE)} options={roles} onchange={oninput.clone()} />
            <Field name={TITLE} label={i18n.t(P::ContactTitle)} value={draft.get(TITLE)} kind={Kind::Text} oninput={oninput.clone()} />
            <Field name={PHONE} label={i18n.t(P::ContactPhone)} value={draft.get(PHONE)} kind={Kind::Tel} oninput={oninput.clone()} />
            <Field name={EMAIL} label={i18n.t(P::ContactEmail)} value={draft.get(EMAIL)} kind={Kind::Email} oninput={oninput.clone()} />
            <Check name={INVITED} label={i18n.t(P::ContactInvited)} value={draft.get(INVITED)} onchange={oninput} />
            if let Some(e) = errors.get("contact") {
                <p class="error" role="alert">{ e.clone() }</p>
            }
            <div class="form-actions">
                { remove }
                <button type="button" class="secondary" onclick={cancel} data-testid="contact-cancel">{ i18n.t(Key::Cancel) }</button>
                <button type="submit" class="primary" data-testid="contact-save">{ i18n.t(P::Save) }</button>
            </div>
        </form>
    }
}
