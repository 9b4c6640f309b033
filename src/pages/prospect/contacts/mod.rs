//! The prospect's contact people (SPEC §3: boss, IT, CIO, key people) with tap-to-call;
//! adding, editing and removing one saves the whole `contacts` list as one patch.

mod form;

use std::rc::Rc;

use tuoke_core::types::Contact;
use tuoke_core::validate::ProspectPatch;
use yew::prelude::*;

use super::form::{use_focus_first_error, use_put, DraftAction, DraftState, Errors};
use crate::i18n::{use_i18n, LabelKey, ProfileKey as P};
use crate::services::tel;
use form::{
    contact_form, contact_of, role_code, Editing, EMAIL, INVITED, NAME, PHONE, ROLE, TITLE,
};

#[derive(Properties, PartialEq)]
pub struct ContactsProps {
    pub id: String,
    pub contacts: Rc<Vec<Contact>>,
}

#[component]
pub fn Contacts(props: &ContactsProps) -> Html {
    let i18n = use_i18n();
    let put = use_put(&props.id);
    let editing = use_state(|| Editing::None);
    let confirm_remove = use_state(|| false);
    let draft = use_reducer(DraftState::default);
    let errors = use_state(Errors::default);
    let form_ref = use_focus_first_error(&errors);
    let contacts = props.contacts.clone();

    let open = {
        let (editing, draft, errors, confirm_remove, contacts) = (
            editing.clone(),
            draft.dispatcher(),
            errors.clone(),
            confirm_remove.clone(),
            contacts.clone(),
        );
        Callback::from(move |which: Editing| {
            let c = match which {
                Editing::At(i) => contacts.get(i).cloned().unwrap_or_default(),
                _ => Contact::default(),
            };
            let d = [
                (NAME, c.name.clone()),
                (ROLE, role_code(c.role)),
                (TITLE, c.title.clone().unwrap_or_default()),
                (PHONE, c.phone.clone().unwrap_or_default()),
                (EMAIL, c.email.clone().unwrap_or_default()),
                (
                    INVITED,
                    if c.invited == Some(true) { "true" } else { "" }.to_owned(),
                ),
            ]
            .into_iter()
            .collect();
            draft.dispatch(DraftAction::Reset(d));
            errors.set(Errors::default());
            confirm_remove.set(false);
            editing.set(which);
        })
    };

    // Saves the list with the edited contact replaced, added or (`remove`) taken out.
    let save = {
        let (editing, draft, errors, put, i18n, contacts) = (
            editing.clone(),
            draft.clone(),
            errors.clone(),
            put.clone(),
            i18n.clone(),
            contacts.clone(),
        );
        Callback::from(move |remove: bool| {
            let mut list = (*contacts).clone();
            let at = match *editing {
                Editing::None => return,
                Editing::New => {
                    list.push(Contact::default());
                    list.len() - 1
                }
                Editing::At(i) if i < list.len() => i,
                Editing::At(_) => return,
            };
            if remove {
                list.remove(at);
            } else {
                list[at] = contact_of(&draft);
            }
            let patch = ProspectPatch {
                contacts: (list != *contacts).then_some(Some(list)),
                ..ProspectPatch::default()
            };
            let done = {
                let editing = editing.clone();
                Callback::from(move |_| editing.set(Editing::None))
            };
            if let Err(e) = put.save_patch(patch, done) {
                // The core names the contact (`contacts[2].name`); the form shows one contact.
                let field = if e.field.ends_with(".name") {
                    NAME
                } else {
                    "contact"
                };
                let mut map = std::collections::BTreeMap::new();
                map.insert(
                    field.to_owned(),
                    super::form::problem_text(&i18n, &e.problem),
                );
                errors.set(Rc::new(map));
            }
        })
    };
    let form = contact_form(
        &i18n,
        &editing,
        &confirm_remove,
        &draft,
        &errors,
        form_ref,
        &save,
    );

    let add = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.emit(Editing::New))
    };
    html! {
        <section class="card contacts-card" aria-labelledby="contacts-title" data-testid="contacts">
            <div class="card-head">
                <h2 id="contacts-title">{ i18n.t(P::ContactsTitle) }</h2>
                if *editing == Editing::None {
                    <button type="button" class="secondary" onclick={add} data-testid="contact-add">{ i18n.t(P::AddContactShort) }</button>
                }
            </div>
            if contacts.is_empty() && *editing == Editing::None {
                <p class="empty" data-testid="contacts-empty">{ i18n.t(P::NoContacts) }</p>
            }
            <ul class="contact-list">
                { for contacts.iter().enumerate().filter(|(i, _)| *editing != Editing::At(*i)).map(|(i, c)| {
                    let edit = {
                        let open = open.clone();
                        Callback::from(move |_: MouseEvent| open.emit(Editing::At(i)))
                    };
                    html! {
                        <li class="contact" key={format!("{i}-{}", c.name)} data-testid="contact">
                            <div class="contact-who">
                                <span class="contact-name" data-testid="contact-name">{ c.name.clone() }</span>
                                if let Some(r) = c.role {
                                    <span class="badge role">{ i18n.t(LabelKey::contact_role(r)) }</span>
                                }
                                if c.invited == Some(true) {
                                    <span class="badge invited">{ i18n.t(P::ContactInvitedBadge) }</span>
                                }
                                if let Some(t) = &c.title {
                                    <span class="contact-title">{ t.clone() }</span>
                                }
                            </div>
                            <div class="contact-actions">
                                if let Some(phone) = &c.phone {
                                    <a class="button call" href={tel::href(phone)} data-testid="contact-call"
                                        aria-label={i18n.fmt(P::CallContact, &[("name", c.name.as_str()), ("phone", phone.as_str())])}>
                                        <span aria-hidden="true">{ "☎ " }</span>{ phone.clone() }
                                    </a>
                                }
                                if let Some(email) = &c.email {
                                    <a class="button mail" href={format!("mailto:{email}")}>{ email.clone() }</a>
                                }
                                <button type="button" class="secondary edit" onclick={edit} data-testid="contact-edit"
                                    aria-label={i18n.fmt(P::EditContactOf, &[("name", c.name.as_str())])}>{ i18n.t(P::Edit) }</button>
                            </div>
                        </li>
                    }
                }) }
            </ul>
            { form }
        </section>
    }
}
