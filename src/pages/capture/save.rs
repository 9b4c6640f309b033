//! Saving a draft: the changes it makes (creating the prospect for a new one, the note), each
//! validated by the core exactly as the server will (`create_prospect`, `NoteAddArgs::validate`)
//! so a capture the server would refuse is never queued; the core's problems are shown at the
//! field they are about, in the rep's language. Then the changes and the photos' links are
//! saved on the phone.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use tuoke_core::activity::{NoteAddArgs, NoteKind};
use tuoke_core::types::Contact;
use tuoke_core::validate::{
    create_prospect, validate_patch, PatchError, Problem, ProspectPatch, PutArgs,
};
use tuoke_sync::protocol::Mutation;
use uuid::Uuid;

use super::checklist::Template;
use super::draft::{Draft, Target};
use super::fields::Field;
use crate::i18n::{refusal, CaptureKey, I18n, Key};
use crate::pages::shared::problem_text;
use crate::sync::{SaveError, SyncHandle};

/// The changes saving a draft makes.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The prospect the note is about (new or existing).
    pub prospect_id: Uuid,
    /// The note's id (its photos are linked to it before it is saved).
    pub note_id: Uuid,
    /// `prospect.put` (a new prospect), then `note.add` (unless only a prospect is created).
    pub mutations: Vec<Mutation>,
}

/// The `prospect.put` patch creating the draft's new prospect: the company, and the contact
/// when a name or a phone was entered.
pub fn new_prospect(draft: &Draft) -> ProspectPatch {
    let (company, name, phone) = (
        draft.company.trim(),
        draft.contact.trim(),
        draft.phone.trim(),
    );
    let contact = (!name.is_empty() || !phone.is_empty()).then(|| Contact {
        name: name.to_owned(),
        phone: (!phone.is_empty()).then(|| phone.to_owned()),
        ..Contact::default()
    });
    ProspectPatch {
        company: (!company.is_empty()).then(|| company.to_owned()),
        contacts: contact.map(|c| Some(vec![c])),
        ..ProspectPatch::default()
    }
}

/// The core's problem with each field of a new prospect's patch (it names the first only):
/// the company as the creation checks it, the contacts as a patch checks them. `None` when
/// neither alone has one.
fn field_problems(patch: &ProspectPatch) -> Option<Vec<PatchError>> {
    let company = ProspectPatch {
        company: patch.company.clone(),
        ..ProspectPatch::default()
    };
    let contacts = ProspectPatch {
        contacts: patch.contacts.clone(),
        ..ProspectPatch::default()
    };
    let problems: Vec<PatchError> = [
        create_prospect(&company).err(),
        validate_patch(&contacts).err(),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!problems.is_empty()).then_some(problems)
}

/// Where a core problem is shown and what it says, in the words of this form.
fn problem(i18n: &I18n, e: &PatchError) -> (Field, String) {
    let f = e.field.as_str();
    let contact = f.starts_with("contacts");
    let generic = || problem_text(i18n, &e.problem);
    match &e.problem {
        Problem::Required | Problem::Empty if f == "company" => {
            (Field::Company, i18n.t(Key::CompanyRequired).to_owned())
        }
        Problem::Empty if contact && f.ends_with(".name") => {
            (Field::Contact, i18n.t(Key::ContactNeedsName).to_owned())
        }
        Problem::Empty if f == "body" => (Field::Note, i18n.t(Key::NoteRequired).to_owned()),
        _ if f == "company" => (Field::Company, generic()),
        _ if contact && f.ends_with(".phone") => (Field::Phone, generic()),
        _ if contact => (Field::Contact, generic()),
        // The time is the phone's clock: say to check it.
        p if f == "taken_at" => (Field::Note, refusal::reason(i18n, Some(p.code()))),
        _ if f.starts_with("attachment_ids") => (Field::Photos, generic()),
        _ => (Field::Form, generic()),
    }
}

/// What a note is, at the time it is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteShape {
    pub template: Template,
    pub kind: NoteKind,
}

/// The changes saving `draft` about `target` makes at `at` (`new_id` makes each id), or
/// what must be fixed first.
pub fn plan(
    i18n: &I18n,
    target: &Target,
    draft: &Draft,
    note: NoteShape,
    at: DateTime<Utc>,
    new_id: &mut dyn FnMut() -> Uuid,
) -> Result<Plan, BTreeMap<Field, String>> {
    let mut errors = BTreeMap::new();
    let mut mutations = Vec::new();
    let prospect_id = match target {
        Target::Prospect(id) => Uuid::parse_str(id).map_err(|_| {
            let text = i18n.t(Key::NotFoundBody).to_owned();
            BTreeMap::from([(Field::Form, text)])
        })?,
        Target::New => {
            let id = draft.new_id.unwrap_or_else(&mut *new_id);
            let patch = new_prospect(draft);
            match create_prospect(&patch) {
                Ok(_) => {
                    let args = PutArgs { id, patch };
                    mutations.push(Mutation::prospect_put(new_id(), &args, at));
                }
                Err(e) => {
                    for e in field_problems(&patch).unwrap_or(vec![e]) {
                        let (field, text) = problem(i18n, &e);
                        errors.entry(field).or_insert(text);
                    }
                }
            }
            id
        }
    };
    let mut body = draft.note_body(note.template, i18n.lang, at.timestamp_millis());
    if body.is_empty() && !draft.photos.is_empty() {
        body = i18n.t(CaptureKey::PhotosOnlyBody).to_owned();
    }
    let note_id = new_id();
    if body.is_empty() {
        // A new prospect may be saved alone; otherwise there is nothing to save.
        if matches!(target, Target::Prospect(_)) {
            errors.insert(Field::Note, i18n.t(Key::NoteRequired).to_owned());
        }
    } else {
        let args = NoteAddArgs {
            id: note_id,
            prospect_id,
            body,
            kind: note.kind,
            taken_at: at,
            attachment_ids: draft.photos.clone(),
        };
        match args.validate(at) {
            Ok(()) => mutations.push(Mutation::note_add(new_id(), &args, at)),
            Err(e) => {
                let (field, text) = problem(i18n, &e);
                errors.entry(field).or_insert(text);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Plan {
        prospect_id,
        note_id,
        mutations,
    })
}

/// Saves a plan on the phone: the draft's photos are linked to the note first (so the
/// syncing tab never pushes a note whose photos it does not know to upload), then the
/// changes; if that fails, the photos go back to the draft.
pub async fn save(handle: &SyncHandle, plan: &Plan, photos: &[Uuid]) -> Result<(), SaveError> {
    let prospect_id = plan.prospect_id.to_string();
    let saved = match link_photos(handle, photos, &prospect_id, Some(plan.note_id)).await {
        Ok(()) => handle.save(plan.mutations.clone()).await,
        Err(e) => Err(e),
    };
    if saved.is_err() {
        let _ = link_photos(handle, photos, &prospect_id, None).await;
    }
    saved
}

/// Files the draft's photos under the prospect and the note (or back under no note).
async fn link_photos(
    handle: &SyncHandle,
    photos: &[Uuid],
    prospect_id: &str,
    note_id: Option<Uuid>,
) -> Result<(), SaveError> {
    for id in photos {
        let Ok(Some(mut a)) = handle.attachment(*id).await else {
            continue;
        };
        a.prospect_id = prospect_id.to_owned();
        a.note_id = note_id.map(|n| n.to_string());
        handle.save_attachment(&a).await?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "save_tests.rs"]
mod tests;
