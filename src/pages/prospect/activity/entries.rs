//! The timeline of notes and logged contacts, newest first, a page at a time; a note is
//! corrected by a new note that names it (notes are append-only, SPEC §11).

use std::rc::Rc;

use tuoke_core::activity::{NoteAddArgs, NoteKind};
use tuoke_sync::protocol::Mutation;
use uuid::Uuid;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::model::{correction_prefill, Entry, What, PAGE};
use crate::components::long_text::LongText;
use crate::hooks::{use_sync, use_toast, Notice, Tone};
use crate::i18n::{use_i18n, Key, StageKey};
use crate::services::ids;
use crate::services::time::now;

#[derive(Properties, PartialEq)]
pub(super) struct EntriesProps {
    /// The prospect id.
    pub(super) id: String,
    pub(super) entries: Rc<Vec<Entry>>,
    /// A save of the section is under way.
    pub(super) busy: UseStateHandle<bool>,
}

/// The timeline's entries (or that there are none) and "show more".
#[component]
pub(super) fn Entries(props: &EntriesProps) -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let toast = use_toast();
    let correcting = use_state(|| None::<String>);
    let correction_error = use_state(|| None::<String>);
    let shown = use_state(|| PAGE);
    let correction = use_node_ref();

    // Opening a correction fills it with the reference line and the old text, and focuses it.
    {
        let (correction, i18n) = (correction.clone(), i18n.clone());
        let entry = (*correcting)
            .as_ref()
            .and_then(|id| props.entries.iter().find(|e| &e.id == id).cloned());
        use_effect_with((*correcting).clone(), move |open| {
            if let (Some(_), Some(entry), Some(area)) =
                (open, entry, correction.cast::<HtmlTextAreaElement>())
            {
                area.set_value(&correction_prefill(&i18n, &entry));
                let _ = area.focus();
            }
        });
    }

    let on_correct = {
        let (busy, correcting, correction_error, toast) = (
            props.busy.clone(),
            correcting.clone(),
            correction_error.clone(),
            toast.clone(),
        );
        let (correction, i18n, handle) = (correction.clone(), i18n.clone(), sync.handle.clone());
        let entries = props.entries.clone();
        let prospect_id = Uuid::parse_str(&props.id).ok();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(prospect_id), Some(id)) = (prospect_id, (*correcting).clone()) else {
                return;
            };
            let Some(old) = entries.iter().find(|e| e.id == id) else {
                return;
            };
            if *busy {
                return;
            }
            let body = correction
                .cast::<HtmlTextAreaElement>()
                .map(|t| t.value().trim().to_owned())
                .unwrap_or_default();
            let prefill = correction_prefill(&i18n, old);
            let head = prefill.lines().next().unwrap_or_default();
            if body.is_empty() || body == head {
                correction_error.set(Some(i18n.t(StageKey::CorrectionEmpty).to_owned()));
                return;
            }
            if body == prefill.trim() {
                correction_error.set(Some(i18n.t(StageKey::CorrectionUnchanged).to_owned()));
                return;
            }
            let kind = match &old.what {
                What::Note { kind, .. } => *kind,
                What::Contact { .. } | What::Unreadable => NoteKind::Other,
            };
            let at = now();
            let args = NoteAddArgs {
                id: ids::new_id(at),
                prospect_id,
                body,
                kind,
                taken_at: at,
                attachment_ids: Vec::new(),
            };
            let mutation = Mutation::note_add(ids::new_id(at), &args, at);
            busy.set(true);
            let (busy, correcting, correction_error, toast, i18n, handle) = (
                busy.clone(),
                correcting.clone(),
                correction_error.clone(),
                toast.clone(),
                i18n.clone(),
                handle.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match handle.save(vec![mutation]).await {
                    Ok(()) => {
                        correcting.set(None);
                        correction_error.set(None);
                        toast.show(Notice::brief(
                            Tone::Neutral,
                            i18n.t(StageKey::CorrectionSaved),
                            "activity-toast",
                        ));
                    }
                    Err(e) => {
                        correction_error.set(Some(crate::pages::shared::save_error_text(&i18n, &e)))
                    }
                }
                busy.set(false);
            });
        })
    };

    let clear_correction_error = {
        let correction_error = correction_error.clone();
        Callback::from(move |_: InputEvent| {
            if correction_error.is_some() {
                correction_error.set(None);
            }
        })
    };
    let total = props.entries.len();
    let limit = *shown;
    let items = props.entries.iter().take(limit).map(|entry| {
        let (class, badge, body, photos) = match &entry.what {
            What::Note { kind, body, photos } => (
                "note",
                i18n.t(StageKey::note_kind(*kind)).to_owned(),
                body.clone(),
                *photos,
            ),
            What::Contact { kind, summary } => (
                "contact",
                kind.label().get(i18n.lang).to_owned(),
                summary.clone(),
                0,
            ),
            What::Unreadable => (
                "unreadable",
                String::new(),
                i18n.t(StageKey::RecordUnreadable).to_owned(),
                0,
            ),
        };
        let is_note = class == "note";
        let readable = class != "unreadable";
        let open = (*correcting).as_deref() == Some(entry.id.as_str());
        let start_correct = {
            let (correcting, correction_error) = (correcting.clone(), correction_error.clone());
            let id = entry.id.clone();
            Callback::from(move |_: MouseEvent| {
                correction_error.set(None);
                correcting.set(Some(id.clone()));
            })
        };
        let cancel_correct = {
            let correcting = correcting.clone();
            Callback::from(move |_: MouseEvent| correcting.set(None))
        };
        html! {
            <li key={entry.id.clone()} class={classes!("timeline-entry", class)}
                data-testid="timeline-entry" data-kind={class} data-id={entry.id.clone()}>
                <div class="entry-head">
                    if readable {
                        <time datetime={entry.at.to_rfc3339()}>{ entry.when() }</time>
                        <span class={classes!("badge", "entry-kind", class)}>
                            if !is_note {
                                { i18n.t(StageKey::EntryContact) }{ " · " }
                            }
                            { badge }
                        </span>
                    }
                    if entry.pending {
                        <span class="badge pending" data-testid="pending-badge">{ i18n.t(Key::PendingBadge) }</span>
                    }
                </div>
                if !body.is_empty() {
                    <LongText text={body} class="entry-body" testid="entry-body" />
                }
                if photos > 0 {
                    <p class="hint entry-photos" data-testid="entry-photos">{ i18n.fmt(StageKey::Photos, &[("n", &photos.to_string())]) }</p>
                }
                if is_note && !open {
                    <div class="entry-actions">
                        <button type="button" class="secondary small" onclick={start_correct}
                            data-testid="note-correct">{ i18n.t(StageKey::Correct) }</button>
                    </div>
                }
                if open {
                    <form class="form correction" onsubmit={on_correct.clone()} novalidate=true data-testid="correction-form">
                        <label class="field-label" for="correction-body">{ i18n.t(StageKey::CorrectionTitle) }</label>
                        <p class="hint">{ i18n.t(StageKey::CorrectionHint) }</p>
                        <textarea id="correction-body" ref={correction.clone()} rows="5"
                            aria-invalid={correction_error.is_some().then_some("true")}
                            aria-describedby={correction_error.is_some().then_some("correction-error")}
                            oninput={clear_correction_error.clone()}
                            data-testid="correction-body" />
                        if let Some(err) = (*correction_error).clone() {
                            <p class="error" role="alert" id="correction-error" data-testid="correction-error">{ err }</p>
                        }
                        <div class="actions">
                            <button type="button" class="secondary" onclick={cancel_correct}>{ i18n.t(Key::Cancel) }</button>
                            <button type="submit" class="primary" disabled={*props.busy} data-testid="correction-save">{ i18n.t(StageKey::SaveCorrection) }</button>
                        </div>
                    </form>
                }
            </li>
        }
    });

    let show_more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
    };

    html! {
        <>
            if total == 0 {
                <p class="card empty" data-testid="timeline-empty">{ i18n.t(StageKey::TimelineEmpty) }</p>
            } else {
                <ol class="timeline" aria-labelledby="timeline-title" data-testid="timeline">
                    { for items }
                </ol>
            }
            if total > limit {
                <div class="actions">
                    <button type="button" class="secondary" onclick={show_more} data-testid="timeline-more">
                        { i18n.fmt(Key::ShowMore, &[("n", &PAGE.min(total - limit).to_string())]) }
                    </button>
                </div>
            }
        </>
    }
}
