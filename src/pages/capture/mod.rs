//! Visit capture: a note in two taps from anywhere (the Capture tab, or with the prospect
//! already chosen from a prospect), on an existing prospect or a new one created on the spot,
//! with stage-aware templates (first-visit checklist, exchange agenda with timers, demo
//! checklist), photos and corrections. Saved on the phone first (durable before "saved"
//! shows) and synced later; the draft survives reloads until it is saved. What the server
//! would refuse is said at its field and never queued (the core validates, as on the server).

mod agenda;
mod checklist;
mod compress;
mod draft;
mod duplicates;
mod fields;
mod note_form;
mod photos;
mod picker;
mod prospect_block;
mod recent;
mod save;
mod state;
mod template;

use std::rc::Rc;

use tuoke_core::types::Stage;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::hooks::use_clock;
use crate::hooks::{use_prospect_list, use_sync};
use crate::i18n::{use_i18n, CaptureKey, Key};
use crate::services::ids::new_id;
use crate::services::time::{now, today};
use checklist::Template;
use draft::{store, Draft, Target};
use duplicates::{use_duplicates, DuplicateWarning};
use fields::{Field, FieldErrors, Refs};
use note_form::NoteForm;
use prospect_block::{Chosen, NewProspect};
use recent::ProspectNotes;
use state::{use_capture_draft, use_capture_target};

#[derive(Properties, PartialEq)]
pub struct CaptureProps {
    /// The prospect to capture for (from a quick action or the prospect screen).
    #[prop_or_default]
    pub prospect: Option<String>,
    /// Open on a new prospect's form (the Prospects screen's add button).
    #[prop_or_default]
    pub new: bool,
}

#[component]
pub fn Capture(props: &CaptureProps) -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let user = sync.state.user_id().unwrap_or_default();
    let list = use_prospect_list();
    let (target, resumed) = use_capture_target(&user, props.prospect.clone(), props.new);
    let refs = Refs {
        company: use_node_ref(),
        contact: use_node_ref(),
        phone: use_node_ref(),
        body: use_node_ref(),
    };
    let edit = use_capture_draft(&user, &target, &refs);
    let message = use_state(|| None::<(bool, String)>);
    let errors = use_state(FieldErrors::default);
    let busy = use_state(|| false);
    let draft = edit.get();
    // Every second while an agenda item is timed, else twice a minute (the "taken at" time).
    let clock = use_clock(if draft.agenda.running() {
        1_000
    } else {
        30_000
    });

    let summary = match (&*target, list.as_ref()) {
        (Some(Target::Prospect(id)), Some(list)) => list.get(id).cloned(),
        _ => None,
    };
    let stage = match &*target {
        Some(Target::Prospect(_)) => summary.as_ref().map_or(Stage::Lead, |s| s.stage),
        _ => Stage::Lead,
    };
    let suggested = Template::for_stage(stage);
    // Until the prospect's stage is known the default template is not either: showing a
    // guess first would make the form jump.
    let template_ready = !matches!(&*target, Some(Target::Prospect(_))) || list.is_some();
    let template = draft.template.unwrap_or(suggested);
    let creating = matches!(&*target, Some(Target::New));
    let company = if creating { draft.company.as_str() } else { "" };
    let dups = use_duplicates(list.clone(), company, draft.new_id);
    let kind = draft.kind.unwrap_or(template.kind());

    let choose = {
        let (target, user, edit, message) =
            (target.clone(), user.clone(), edit.clone(), message.clone());
        let resumed = resumed.clone();
        Callback::from(move |next: Option<Target>| {
            resumed.set(false);
            match &next {
                Some(t) => {
                    store::set_last(&user, t, now());
                    edit.focus_note_next();
                }
                // Choosing again: the tab reopens on the picker.
                None => store::forget_last(&user),
            }
            message.set(None);
            target.set(next);
        })
    };
    let on_edit = {
        let (message, errors) = (message.clone(), errors.clone());
        Callback::from(move |field: Field| {
            if message.is_some() {
                message.set(None);
            }
            if errors.contains_key(&field) || field == Field::Form {
                let mut rest = (**errors).clone();
                rest.remove(&field);
                errors.set(Rc::new(rest));
            }
        })
    };
    let on_input = {
        let (edit, on_edit) = (edit.clone(), on_edit.clone());
        Callback::from(move |(field, node): (Field, NodeRef)| {
            on_edit.emit(field);
            let value = Refs::value(&node);
            edit.update(
                |d| match field {
                    Field::Company => d.company = value,
                    Field::Contact => d.contact = value,
                    Field::Phone => d.phone = value,
                    _ => {}
                },
                // The company is checked for duplicates as it is typed.
                field == Field::Company,
            );
        })
    };
    let onsubmit = {
        let (i18n, handle, user) = (i18n.clone(), sync.handle.clone(), user.clone());
        let (edit, refs, target) = (edit.clone(), refs.clone(), target.clone());
        let (message, errors, busy) = (message.clone(), errors.clone(), busy.clone());
        let dups = dups.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(current) = (*target).clone() else {
                return;
            };
            if *busy {
                return;
            }
            if current == Target::New && dups.unresolved() {
                message.set(Some((false, i18n.t(CaptureKey::DuplicateHeld).to_owned())));
                duplicates::show_warning();
                return;
            }
            edit.update(|d| refs.read(d), false);
            let draft = edit.get();
            let (at, note) = (now(), save::NoteShape { template, kind });
            let plan = match save::plan(&i18n, &current, &draft, note, at, &mut || new_id(at)) {
                Ok(plan) => plan,
                Err(problems) => {
                    refs.focus_first(&problems);
                    // With the save button, the first thing to fix (the form may be taller
                    // than the screen); at each field, what is wrong with it.
                    let first = problems.values().next().cloned().unwrap_or_default();
                    message.set(Some((false, first)));
                    errors.set(Rc::new(problems));
                    return;
                }
            };
            busy.set(true);
            message.set(None);
            errors.set(FieldErrors::default());
            let (handle, i18n, user, edit, refs) = (
                handle.clone(),
                i18n.clone(),
                user.clone(),
                edit.clone(),
                refs.clone(),
            );
            let (target, message, busy) = (target.clone(), message.clone(), busy.clone());
            spawn_local(async move {
                match save::save(&handle, &plan, &draft.photos).await {
                    Ok(()) => {
                        let pid = plan.prospect_id.to_string();
                        let next = Target::Prospect(pid.clone());
                        store::set_last(&user, &next, now());
                        store::push_recent(&user, &pid);
                        edit.saved(&current, next.clone());
                        refs.fill(&Draft::default());
                        // Further notes go to the same prospect.
                        target.set(Some(next));
                        message.set(Some((true, i18n.t(Key::Saved).to_owned())));
                    }
                    // Nothing typed is lost: the draft stays, in the form and on the phone.
                    Err(e) => {
                        let text = crate::pages::shared::save_error_text(&i18n, &e);
                        let kept = i18n.fmt(CaptureKey::DraftKept, &[("m", text.as_str())]);
                        message.set(Some((false, if edit.kept() { kept } else { text })));
                    }
                }
                busy.set(false);
            });
        })
    };
    let on_correct = recent::correct(edit.clone(), refs.body.clone());
    let use_existing = duplicates::move_note(edit.clone(), user.clone(), choose.clone());
    let prospect_block = match &*target {
        None => html! {
            <picker::Picker list={list.clone()} recent={store::recent(&user)} today={today()}
                on_pick={choose.reform(|id| Some(Target::Prospect(id)))}
                on_new={choose.reform(|_| Some(Target::New))} />
        },
        Some(Target::New) => html! {
            <NewProspect refs={refs.clone()} errors={(*errors).clone()} {on_input}
                on_change={choose.reform(|_| None)}>
                <DuplicateWarning duplicates={dups.clone()} on_use={use_existing} />
            </NewProspect>
        },
        Some(Target::Prospect(id)) => html! {
            <Chosen id={id.clone()} {summary} resumed={*resumed} on_change={choose.reform(|_| None)} />
        },
    };
    let form = target.as_ref().map(|t| {
        let photo_prospect = match t {
            Target::Prospect(id) => id.clone(),
            Target::New => draft.new_id.map(|u| u.to_string()).unwrap_or_default(),
        };
        html! {
            <NoteForm draft={draft.clone()} edit={edit.clone()} refs={refs.clone()} {photo_prospect}
                {template} {suggested} {template_ready} {kind} clock={clock.clone()}
                message={(*message).clone()} errors={(*errors).clone()} busy={*busy}
                on_edit={on_edit.clone()} on_submit={onsubmit.clone()} />
        }
    });
    let context = match &*target {
        Some(Target::Prospect(id)) => html! { <ProspectNotes id={id.clone()} {on_correct} /> },
        _ => html! {},
    };

    html! {
        <section class="screen capture" aria-labelledby="capture-title">
            <h1 id="capture-title">{ i18n.t(Key::TabCapture) }</h1>
            if target.is_none() {
                <p class="intro">{ i18n.t(Key::CaptureIntro) }</p>
            }
            { prospect_block }
            { for form }
            { context }
        </section>
    }
}
