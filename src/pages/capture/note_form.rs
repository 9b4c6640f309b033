//! The note form: its kind, the text (with the "taken at" time), photos, the template's
//! checklist or agenda timer, and save / discard. Every change goes into the draft.

use std::cell::RefCell;

use tuoke_core::activity::NoteKind;
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::agenda::TimerAction;
use super::checklist::Template;
use super::draft::Draft;
use super::fields::{field_error, invalid, Field, FieldErrors, Refs};
use super::photos::PhotoInput;
use super::state::CaptureDraft;
use super::template::TemplatePanel;
use crate::hooks::use_sync;
use crate::i18n::{use_i18n, CaptureKey, Key, LabelKey};
use crate::pages::shared::code_of;
use crate::services::time::{self, Style};

#[derive(Properties, PartialEq)]
pub struct NoteFormProps {
    /// The draft as rendered, and the handle that changes it.
    pub draft: Draft,
    pub edit: CaptureDraft,
    pub refs: Refs,
    /// The prospect the photos are filed under (a new prospect's id-to-be).
    pub photo_prospect: String,
    pub template: Template,
    /// The template the prospect's stage suggests.
    pub suggested: Template,
    /// The stage is known (until then no template shows, so the form does not jump).
    pub template_ready: bool,
    pub kind: NoteKind,
    pub clock: UseStateHandle<i64>,
    /// The last save's outcome (`true`: saved).
    pub message: Option<(bool, String)>,
    pub errors: FieldErrors,
    pub busy: bool,
    /// The rep changed something: the last save's outcome no longer applies.
    pub on_edit: Callback<Field>,
    pub on_submit: Callback<SubmitEvent>,
}

#[component]
pub fn NoteForm(props: &NoteFormProps) -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let confirm_discard = use_state(|| false);
    let (draft, edit, kind) = (&props.draft, &props.edit, props.kind);

    let on_body = {
        let (edit, node, on_edit) = (edit.clone(), props.refs.body.clone(), props.on_edit.clone());
        Callback::from(move |_: InputEvent| {
            on_edit.emit(Field::Note);
            let value = Refs::value(&node);
            edit.update(|d| d.body = value, false);
        })
    };
    let on_kind = |k: NoteKind| {
        let edit = edit.clone();
        Callback::from(move |_: Event| edit.update(|d| d.kind = Some(k), true))
    };
    let on_template = {
        let edit = edit.clone();
        Callback::from(move |t: Template| edit.update(|d| d.template = Some(t), true))
    };
    let on_tick = {
        let edit = edit.clone();
        Callback::from(move |(id, on): (String, bool)| {
            edit.update(
                |d| {
                    if on {
                        d.ticks.insert(id);
                    } else {
                        d.ticks.remove(&id);
                    }
                },
                true,
            )
        })
    };
    let on_timer = {
        let (edit, clock) = (edit.clone(), props.clock.clone());
        Callback::from(move |a: TimerAction| {
            let at = crate::services::time::now().timestamp_millis();
            edit.update(
                |d| match a {
                    TimerAction::Start => d.agenda.start(at),
                    TimerAction::Pause => d.agenda.pause(at),
                    TimerAction::Next => d.agenda.next(at),
                    TimerAction::Select(i) => d.agenda.select(i, at),
                },
                true,
            );
            clock.set(at);
        })
    };
    let on_photo_added = {
        let (edit, on_edit) = (edit.clone(), props.on_edit.clone());
        Callback::from(move |id: Uuid| {
            on_edit.emit(Field::Photos);
            edit.update(|d| d.photos.push(id), true)
        })
    };
    let on_photo_removed = {
        let (edit, on_edit) = (edit.clone(), props.on_edit.clone());
        Callback::from(move |id: Uuid| {
            on_edit.emit(Field::Photos);
            edit.update(|d| d.photos.retain(|p| *p != id), true)
        })
    };
    let cancel_correction = {
        let edit = edit.clone();
        Callback::from(move |_: MouseEvent| edit.update(|d| d.corrects = None, true))
    };
    let discard = {
        let (confirm, edit, refs, handle, on_edit) = (
            confirm_discard.clone(),
            edit.clone(),
            props.refs.clone(),
            sync.handle.clone(),
            props.on_edit.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if !*confirm {
                confirm.set(true);
                return;
            }
            confirm.set(false);
            let photos = RefCell::new(Vec::new());
            edit.update(
                |d| {
                    photos.borrow_mut().extend(d.photos.iter().copied());
                    // The new prospect keeps its id (photos may come again under it).
                    *d = Draft {
                        new_id: d.new_id,
                        ..Draft::default()
                    };
                },
                true,
            );
            refs.fill(&Draft::default());
            on_edit.emit(Field::Form);
            let (handle, photos) = (handle.clone(), photos.into_inner());
            spawn_local(async move {
                for id in photos {
                    let _ = handle.delete_attachment(id).await;
                }
            });
        })
    };
    let cancel_discard = {
        let confirm = confirm_discard.clone();
        Callback::from(move |_: MouseEvent| confirm.set(false))
    };

    let taken = chrono::DateTime::from_timestamp_millis(*props.clock)
        .map(|at| time::local(at, Style::Clock))
        .unwrap_or_default();
    let (note_invalid, note_error) = invalid(&props.errors, Field::Note);
    html! {
        <form class="card form note-form" onsubmit={props.on_submit.clone()} novalidate=true data-testid="capture-form">
            <fieldset class="kinds">
                <legend class="field-label">{ i18n.t(CaptureKey::NoteKind) }</legend>
                <div class="segmented">
                    for k in [NoteKind::Visit, NoteKind::Call, NoteKind::Meeting, NoteKind::Other] {
                        <label class={classes!("segment", (k == kind).then_some("on"))}>
                            <input type="radio" name="capture-kind" class="visually-hidden" checked={k == kind}
                                   onchange={on_kind(k)} data-testid={format!("kind-{}", code_of(k))} />
                            { i18n.t(LabelKey::note_kind(k)) }
                        </label>
                    }
                </div>
            </fieldset>
            if let Some(c) = &draft.corrects {
                <p class="notice warn" data-testid="capture-correcting">
                    { i18n.fmt(CaptureKey::Correcting, &[("t", time::local(c.taken_at, Style::DayTime).as_str())]) }
                    { " " }
                    <button type="button" class="link-button" onclick={cancel_correction}>{ i18n.t(CaptureKey::CancelCorrection) }</button>
                </p>
            }
            <div class="note-head">
                <label class="field-label" for="capture-note">{ i18n.t(Key::NoteBody) }</label>
                <span class="hint" data-testid="capture-taken-at">{ i18n.fmt(CaptureKey::TakenAt, &[("t", taken.as_str())]) }</span>
            </div>
            <textarea id="capture-note" ref={props.refs.body.clone()} rows="5" placeholder={i18n.t(Key::NoteBodyHint)}
                      aria-invalid={note_invalid} aria-describedby={note_error}
                      oninput={on_body} data-testid="capture-note" />
            { field_error(&props.errors, Field::Note) }
            <fieldset class="photos-field">
                <legend class="field-label">{ i18n.t(CaptureKey::Photos) }</legend>
                <PhotoInput photos={draft.photos.clone()} prospect_id={props.photo_prospect.clone()}
                    on_added={on_photo_added} on_removed={on_photo_removed} />
                { field_error(&props.errors, Field::Photos) }
            </fieldset>
            if props.template_ready {
                <TemplatePanel template={props.template} suggested={props.suggested} ticks={draft.ticks.clone()}
                    timer={draft.agenda.clone()} now={*props.clock} {on_template} {on_tick} {on_timer} />
            }
            <div class="capture-actions">
                if let Some((ok, text)) = props.message.clone() {
                    <p class={if ok { "notice ok" } else { "notice error" }} role={if ok { "status" } else { "alert" }} data-testid="capture-message">{ text }</p>
                }
                if !edit.kept() {
                    <p class="notice warn" role="alert">{ i18n.t(CaptureKey::DraftNotKept) }</p>
                }
                if *confirm_discard {
                    <p class="notice warn" role="alert" data-testid="capture-discard-confirm">{ i18n.t(CaptureKey::DiscardConfirm) }</p>
                }
                <div class="actions">
                    if *confirm_discard {
                        <button type="button" class="secondary" onclick={cancel_discard}>{ i18n.t(Key::Cancel) }</button>
                        <button type="button" class="danger" onclick={discard} data-testid="capture-discard-yes">{ i18n.t(CaptureKey::DiscardYes) }</button>
                    } else {
                        if draft.has_content() {
                            <button type="button" class="secondary" onclick={discard} data-testid="capture-discard">{ i18n.t(CaptureKey::Discard) }</button>
                        }
                        <button type="submit" class="primary" disabled={props.busy} data-testid="capture-save">{ i18n.t(Key::SaveNote) }</button>
                    }
                </div>
            </div>
        </form>
    }
}
