//! The prospect's activity section (SPEC §6): the next contact due, logging a contact with any
//! of the deck's contact methods (which moves the next contact due: the local view recomputes
//! it with the core's cadence), and the timeline of notes and logged contacts, newest first.
//!
//! Notes are append-only (SPEC §11): a note is never edited; "correct" saves a new note that
//! names the one it corrects. Photos are stored by the capture screen; here a note only shows
//! how many it carries.

use std::rc::Rc;

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde_json::Value;
use tuoke_core::activity::{ActivityKind, ActivityLogArgs, NoteAddArgs, NoteKind};
use tuoke_sync::protocol::Mutation;
use tuoke_sync::view::{field, text, LocalView};
use uuid::Uuid;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew_router::prelude::*;

use super::SectionProps;
use crate::components::photos::Photos;
use crate::hooks::{use_sync, use_toast, Notice, Tone};
use crate::i18n::{use_i18n, CaptureKey, I18n, Key, StageKey};
use crate::pages::code_of;
use crate::route::Route;
use crate::services::ids;
use crate::services::time::{self, now, today, Style};

/// Timeline entries shown at first (and added per "show more").
const PAGE: usize = 30;
/// How far in the future a contact time may be (clock skew, the minute being typed).
const FUTURE_SLACK_SECONDS: i64 = 120;

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The note's or activity's id.
    pub id: String,
    /// When it was taken or happened (as pulled: any instant chrono reads).
    pub at: DateTime<Utc>,
    /// Saved on this phone, not yet confirmed by the server.
    pub pending: bool,
    what: What,
}

impl Entry {
    /// The local date and time the timeline shows (a placeholder when out of range).
    pub fn when(&self) -> String {
        time::local(self.at, Style::DateTime)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum What {
    Note {
        kind: Option<NoteKind>,
        body: String,
        photos: usize,
    },
    Contact {
        kind: Option<ActivityKind>,
        code: String,
        summary: String,
    },
}

/// The prospect's notes and activities, newest first (a record without a readable time is
/// placed by its creation time, so nothing is dropped).
pub fn timeline(deal: &LocalView, id: &str) -> Vec<Entry> {
    let time = |data: &Value, key: &str| {
        field::<DateTime<Utc>>(data, key)
            .or_else(|| field(data, "created_at"))
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    };
    let notes = deal.of_prospect("note", id).map(|r| Entry {
        id: r.id.clone(),
        at: time(&r.data, "taken_at"),
        pending: r.pending,
        what: What::Note {
            kind: field(&r.data, "kind"),
            body: text(&r.data, "body"),
            photos: r
                .data
                .get("attachment_ids")
                .and_then(Value::as_array)
                .map_or(0, Vec::len),
        },
    });
    let contacts = deal.of_prospect("activity", id).map(|r| Entry {
        id: r.id.clone(),
        at: time(&r.data, "at"),
        pending: r.pending,
        what: What::Contact {
            kind: field(&r.data, "kind"),
            code: text(&r.data, "kind"),
            summary: text(&r.data, "summary"),
        },
    });
    let mut entries: Vec<Entry> = notes.chain(contacts).collect();
    entries.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.id.cmp(&a.id)));
    entries
}

/// Parses a `datetime-local` value (local time, minutes or seconds).
fn parse_input(value: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|local| local.with_timezone(&Utc))
}

fn next_due(deal: &LocalView, id: &str) -> Option<NaiveDate> {
    deal.get("prospect", id)
        .and_then(|p| field(&p.data, "next_contact_due"))
}

fn next_due_text(i18n: &I18n, due: Option<NaiveDate>) -> String {
    match due {
        Some(d) if d < today() => i18n.fmt(StageKey::NextDueOverdue, &[("d", &time::date(d))]),
        Some(d) => i18n.fmt(StageKey::NextDue, &[("d", &time::date(d))]),
        None => i18n.t(StageKey::NextDueNone).to_owned(),
    }
}

/// The first line of a correction: which note it corrects.
fn correction_prefill(i18n: &I18n, entry: &Entry) -> String {
    let body = match &entry.what {
        What::Note { body, .. } => body.as_str(),
        What::Contact { .. } => "",
    };
    let head = i18n.fmt(StageKey::CorrectionOf, &[("t", &entry.when())]);
    format!("{head}\n{body}")
}

#[component]
pub fn ActivitySection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let busy = use_state(|| false);
    // Errors of the contact form (shown in it); successes go to the toast.
    let message = use_state(|| None::<String>);
    let toast = use_toast();
    // The next contact due when a contact was logged, and the deal it was read from: once a
    // newer deal arrives, the screen says whether (and where) the date moved.
    let logged = use_state(|| None::<(Option<NaiveDate>, Rc<LocalView>)>);
    let correcting = use_state(|| None::<String>);
    let correction_error = use_state(|| None::<String>);
    let shown = use_state(|| PAGE);
    let (kind, when, summary, correction) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );

    // The form starts at a phone call, now (inputs with `value=` would be reset on re-render;
    // and Yew inserts options last to first, which would leave the last one selected).
    {
        let (kind, when) = (kind.clone(), when.clone());
        use_effect_with((), move |_| {
            if let Some(select) = kind.cast::<HtmlSelectElement>() {
                select.set_value(&code_of(ActivityKind::PhoneCall));
            }
            if let Some(input) = when.cast::<HtmlInputElement>() {
                input.set_value(&time::local(now(), Style::Input));
            }
        });
    }

    let entries = timeline(&props.deal, &props.id);
    let due = next_due(&props.deal, &props.id);
    let prospect_id = Uuid::parse_str(&props.id).ok();

    // Opening a correction fills it with the reference line and the old text, and focuses it.
    {
        let (correction, i18n) = (correction.clone(), i18n.clone());
        let entry = (*correcting)
            .as_ref()
            .and_then(|id| entries.iter().find(|e| &e.id == id).cloned());
        use_effect_with((*correcting).clone(), move |open| {
            if let (Some(_), Some(entry), Some(area)) =
                (open, entry, correction.cast::<HtmlTextAreaElement>())
            {
                area.set_value(&correction_prefill(&i18n, &entry));
                let _ = area.focus();
            }
        });
    }

    let on_log = {
        let (busy, message, toast, logged) =
            (busy.clone(), message.clone(), toast.clone(), logged.clone());
        let (kind, when, summary) = (kind.clone(), when.clone(), summary.clone());
        let (i18n, handle, deal) = (i18n.clone(), sync.handle.clone(), props.deal.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(prospect_id) = prospect_id else {
                return;
            };
            if *busy {
                return;
            }
            let code = kind
                .cast::<HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            let Ok(method) = serde_json::from_value::<ActivityKind>(Value::String(code)) else {
                return;
            };
            let at = match when
                .cast::<HtmlInputElement>()
                .and_then(|i| parse_input(&i.value()))
            {
                Some(at) => at,
                None => {
                    message.set(Some(i18n.t(StageKey::WhenRequired).to_owned()));
                    return;
                }
            };
            let saved_at = now();
            if (at - saved_at).num_seconds() > FUTURE_SLACK_SECONDS {
                message.set(Some(i18n.t(StageKey::WhenInFuture).to_owned()));
                return;
            }
            let args = ActivityLogArgs {
                id: ids::new_id(saved_at),
                prospect_id,
                kind: method,
                at,
                summary: summary
                    .cast::<HtmlTextAreaElement>()
                    .map(|t| t.value().trim().to_owned())
                    .unwrap_or_default(),
            };
            let mutation = Mutation::activity_log(ids::new_id(saved_at), &args, saved_at);
            let before = next_due(&deal, &prospect_id.to_string());
            message.set(None);
            busy.set(true);
            let (busy, message, toast, logged, i18n, handle, deal) = (
                busy.clone(),
                message.clone(),
                toast.clone(),
                logged.clone(),
                i18n.clone(),
                handle.clone(),
                deal.clone(),
            );
            let (when, summary) = (when.clone(), summary.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match handle.save(vec![mutation]).await {
                    Ok(()) => {
                        if let Some(t) = summary.cast::<HtmlTextAreaElement>() {
                            t.set_value("");
                        }
                        if let Some(i) = when.cast::<HtmlInputElement>() {
                            i.set_value(&time::local(now(), Style::Input));
                        }
                        logged.set(Some((before, deal)));
                        toast.show(Notice::brief(
                            Tone::Neutral,
                            i18n.t(StageKey::ContactLogged),
                            "activity-toast",
                        ));
                    }
                    Err(e) => message.set(Some(crate::pages::save_error_text(&i18n, &e))),
                }
                busy.set(false);
            });
        })
    };

    let on_correct = {
        let (busy, correcting, correction_error, toast) = (
            busy.clone(),
            correcting.clone(),
            correction_error.clone(),
            toast.clone(),
        );
        let (correction, i18n, handle) = (correction.clone(), i18n.clone(), sync.handle.clone());
        let entries = entries.clone();
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
                What::Note { kind, .. } => kind.unwrap_or(NoteKind::Other),
                What::Contact { .. } => NoteKind::Other,
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
                    Err(e) => correction_error.set(Some(crate::pages::save_error_text(&i18n, &e))),
                }
                busy.set(false);
            });
        })
    };

    let moved = (*logged).as_ref().and_then(|(before, deal)| {
        if Rc::ptr_eq(deal, &props.deal) {
            return None;
        }
        Some(match (before, due) {
            (Some(from), Some(to)) if *from != to => i18n.fmt(
                StageKey::NextDueMoved,
                &[("from", &time::date(*from)), ("to", &time::date(to))],
            ),
            (_, Some(d)) => i18n.fmt(StageKey::NextDueSame, &[("d", &time::date(d))]),
            (_, None) => i18n.t(StageKey::NextDueNone).to_owned(),
        })
    });

    let clear_correction_error = {
        let correction_error = correction_error.clone();
        Callback::from(move |_: InputEvent| {
            if correction_error.is_some() {
                correction_error.set(None);
            }
        })
    };
    let total = entries.len();
    let limit = *shown;
    let items = entries.iter().take(limit).map(|entry| {
        let (class, badge, body, photos) = match &entry.what {
            What::Note { kind, body, photos } => (
                "note",
                i18n.t(StageKey::note_kind(kind.unwrap_or(NoteKind::Other))).to_owned(),
                body.clone(),
                *photos,
            ),
            What::Contact { kind, code, summary } => (
                "contact",
                kind.map_or_else(|| code.clone(), |k| k.label().get(i18n.lang).to_owned()),
                summary.clone(),
                0,
            ),
        };
        let is_note = class == "note";
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
                    <time datetime={entry.at.to_rfc3339()}>{ entry.when() }</time>
                    <span class={classes!("badge", "entry-kind", class)}>
                        if !is_note {
                            { i18n.t(StageKey::EntryContact) }{ " · " }
                        }
                        { badge }
                    </span>
                    if entry.pending {
                        <span class="badge pending" data-testid="pending-badge">{ i18n.t(Key::PendingBadge) }</span>
                    }
                </div>
                if !body.is_empty() {
                    <p class="entry-body" data-testid="entry-body">{ body }</p>
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
                            <button type="submit" class="primary" disabled={*busy} data-testid="correction-save">{ i18n.t(StageKey::SaveCorrection) }</button>
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
        <div class="activity-section" data-testid="activity-section">
            <div class="card next-due-card">
                <p class="next-due" data-testid="next-due" data-date={due.map(|d| d.to_string())}>
                    { next_due_text(&i18n, due) }
                </p>
                if let Some(moved) = moved {
                    <p class="hint" data-testid="next-due-moved">{ moved }</p>
                }
            </div>
            <form class="card form log-contact" onsubmit={on_log} novalidate=true data-testid="log-contact-form" aria-labelledby="log-contact-title">
                <h2 id="log-contact-title">{ i18n.t(StageKey::LogContactTitle) }</h2>
                <label class="field-label" for="contact-kind">{ i18n.t(StageKey::ContactMethod) }</label>
                <select id="contact-kind" ref={kind} data-testid="contact-kind">
                    { for ActivityKind::ALL.into_iter().map(|k| {
                        let code = code_of(k);
                        html! { <option key={code.clone()} value={code}>{ k.label().get(i18n.lang) }</option> }
                    }) }
                </select>
                <label class="field-label" for="contact-when">{ i18n.t(StageKey::ContactWhen) }</label>
                <input id="contact-when" ref={when} type="datetime-local" required=true data-testid="contact-when" />
                <label class="field-label" for="contact-summary">{ i18n.t(StageKey::ContactSummary) }</label>
                <textarea id="contact-summary" ref={summary} rows="2" placeholder={i18n.t(StageKey::ContactSummaryHint)} data-testid="contact-summary" />
                if let Some(text) = (*message).clone() {
                    <p class="error" role="alert" data-testid="activity-error">{ text }</p>
                }
                <div class="actions">
                    <button type="submit" class="primary" disabled={*busy} data-testid="contact-save">{ i18n.t(StageKey::LogContactSave) }</button>
                </div>
            </form>
            <section class="prospect-photos" aria-labelledby="photos-title">
                <h2 id="photos-title">{ i18n.t(CaptureKey::ProspectPhotos) }</h2>
                <Photos prospect_id={props.id.clone()} />
            </section>
            <div class="timeline-head">
                <h2 id="timeline-title">{ i18n.t(StageKey::TimelineTitle) }</h2>
                <Link<Route> to={Route::CaptureFor { prospect: props.id.clone() }} classes="button secondary">
                    <span data-testid="new-note">{ i18n.t(StageKey::NewNote) }</span>
                </Link<Route>>
            </div>
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
        </div>
    }
}
