//! The chosen prospect's latest notes (each can be corrected by a new note) and its photos,
//! under the form.

use tuoke_core::activity::NoteKind;
use tuoke_core::contract::Entity;
use tuoke_sync::view::{field, text};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::long_text::LongText;
use crate::components::photos::Photos;
use crate::hooks::use_prospect;
use crate::i18n::{use_i18n, CaptureKey, Key, LabelKey};
use crate::services::time::{self, Style};

use super::draft::Correction;
use super::state::CaptureDraft;

#[derive(Properties, PartialEq)]
pub struct ProspectNotesProps {
    pub id: String,
    pub on_correct: Callback<(String, chrono::DateTime<chrono::Utc>, String)>,
}

/// The prospect's latest notes (each can be corrected by a new note) and its photos.
#[component]
pub fn ProspectNotes(props: &ProspectNotesProps) -> Html {
    let i18n = use_i18n();
    let deal = use_prospect(props.id.clone());
    let Some(deal) = deal else {
        return html! {};
    };
    let mut notes: Vec<_> = deal.of_prospect(Entity::Note, &props.id).collect();
    notes.sort_by_key(|n| std::cmp::Reverse(text(&n.data, "taken_at")));
    html! {
        <section class="card recent-notes" aria-labelledby="recent-notes-title" data-testid="capture-recent">
            <h2 id="recent-notes-title">{ i18n.t(CaptureKey::RecentNotes) }</h2>
            if notes.is_empty() {
                <p class="hint">{ i18n.t(Key::NoNotes) }</p>
            }
            <ul class="notes">
                { for notes.iter().take(3).map(|n| {
                    let body = text(&n.data, "body");
                    let taken: Option<chrono::DateTime<chrono::Utc>> = text(&n.data, "taken_at").parse().ok();
                    let kind = field::<NoteKind>(&n.data, "kind").map(LabelKey::note_kind);
                    let correct = taken.map(|at| {
                        let (on, id, body) = (props.on_correct.clone(), n.id.clone(), body.clone());
                        Callback::from(move |_: MouseEvent| on.emit((id.clone(), at, body.clone())))
                    });
                    html! {
                        <li key={n.id.clone()} data-testid="capture-recent-note">
                            <p class="note-meta hint">
                                { taken.map(|at| time::local(at, Style::DayTime)).unwrap_or_default() }
                                if let Some(k) = kind { { " · " }{ i18n.t(k) } }
                                if n.pending { { " " }<span class="badge pending">{ i18n.t(Key::PendingBadge) }</span> }
                            </p>
                            <LongText text={body.clone()} class="note-body" />
                            if let Some(correct) = correct {
                                <button type="button" class="link-button" onclick={correct} data-testid="capture-correct">{ i18n.t(CaptureKey::Correct) }</button>
                            }
                        </li>
                    }
                }) }
            </ul>
            <h2>{ i18n.t(CaptureKey::ProspectPhotos) }</h2>
            <Photos prospect_id={props.id.clone()} />
        </section>
    }
}

/// Correcting a note (its id, time and text): the draft names it and the note's field gets
/// its text, unless the rep has already written something there (never overwritten).
pub fn correct(
    edit: CaptureDraft,
    body: NodeRef,
) -> Callback<(String, chrono::DateTime<chrono::Utc>, String)> {
    Callback::from(
        move |(note_id, taken_at, text): (String, chrono::DateTime<chrono::Utc>, String)| {
            let field = body.cast::<HtmlTextAreaElement>();
            let typed = field.as_ref().map(|t| t.value()).unwrap_or_default();
            let start = if typed.trim().is_empty() { text } else { typed };
            let correction = Correction { note_id, taken_at };
            edit.update(
                |d| {
                    d.corrects = Some(correction);
                    d.body = start.clone();
                },
                true,
            );
            if let Some(t) = field {
                t.set_value(&start);
                let _ = t.focus();
            }
        },
    )
}
