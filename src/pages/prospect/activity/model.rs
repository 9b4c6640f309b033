//! The activity section's data: the timeline of notes and logged contacts, the next contact
//! due, and what a correction starts from.

use chrono::{DateTime, NaiveDate, Utc};
use tuoke_core::activity::{ActivityKind, NoteKind};
use tuoke_core::contract::Entity;
use tuoke_core::record::{ActivityRecord, NoteRecord, ProspectRecord};
use tuoke_sync::view::{LocalView, ViewRecord};

use crate::i18n::{I18n, StageKey};
use crate::services::time::{self, today, Style};

/// Timeline entries shown at first (and added per "show more").
pub(super) const PAGE: usize = 30;
/// How far in the future a contact time may be (clock skew, the minute being typed).
pub(super) const FUTURE_SLACK_SECONDS: i64 = 120;

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The note's or activity's id.
    pub id: String,
    /// When it was taken or happened (as pulled: any instant chrono reads).
    pub at: DateTime<Utc>,
    /// Saved on this phone, not yet confirmed by the server.
    pub pending: bool,
    pub(super) what: What,
}

impl Entry {
    /// The local date and time the timeline shows (a placeholder when out of range).
    pub fn when(&self) -> String {
        time::local(self.at, Style::DateTime)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum What {
    Note {
        kind: NoteKind,
        body: String,
        photos: usize,
    },
    Contact {
        kind: ActivityKind,
        summary: String,
    },
    /// A note or contact this version cannot read (a newer server's shape, damaged
    /// storage): it keeps its place in the list and says so, never the parser's text.
    Unreadable,
}

/// The prospect's notes and activities (the core's [`NoteRecord`] and [`ActivityRecord`]),
/// newest first. A record that does not read as one stays in the list, as unreadable and
/// oldest, so nothing is dropped silently.
pub fn timeline(deal: &LocalView, id: &str) -> Vec<Entry> {
    let unreadable = |r: &ViewRecord| Entry {
        id: r.id.clone(),
        at: DateTime::<Utc>::MIN_UTC,
        pending: r.pending,
        what: What::Unreadable,
    };
    let notes = deal.of_prospect(Entity::Note, id).map(|r| {
        let Some(note) = r.typed::<NoteRecord>() else {
            return unreadable(r);
        };
        Entry {
            id: r.id.clone(),
            at: note.taken_at,
            pending: r.pending,
            what: What::Note {
                kind: note.kind,
                photos: note.attachment_ids.len(),
                body: note.body,
            },
        }
    });
    let contacts = deal.of_prospect(Entity::Activity, id).map(|r| {
        let Some(contact) = r.typed::<ActivityRecord>() else {
            return unreadable(r);
        };
        Entry {
            id: r.id.clone(),
            at: contact.at,
            pending: r.pending,
            what: What::Contact {
                kind: contact.kind,
                summary: contact.summary,
            },
        }
    });
    let mut entries: Vec<Entry> = notes.chain(contacts).collect();
    entries.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.id.cmp(&a.id)));
    entries
}

/// Parses a `datetime-local` value (local time, minutes or seconds).
pub(super) fn parse_input(value: &str) -> Option<DateTime<Utc>> {
    time::from_input(value)
}

/// The prospect's next contact due (`None`: none, or the record does not read).
pub(super) fn next_due(deal: &LocalView, id: &str) -> Option<NaiveDate> {
    deal.get(Entity::Prospect, id)
        .and_then(ViewRecord::typed::<ProspectRecord>)
        .and_then(|p| p.next_contact_due)
}

pub(super) fn next_due_text(i18n: &I18n, due: Option<NaiveDate>) -> String {
    match due {
        Some(d) if d < today() => i18n.fmt(StageKey::NextDueOverdue, &[("d", &time::date(d))]),
        Some(d) => i18n.fmt(StageKey::NextDue, &[("d", &time::date(d))]),
        None => i18n.t(StageKey::NextDueNone).to_owned(),
    }
}

/// The first line of a correction: which note it corrects.
pub(super) fn correction_prefill(i18n: &I18n, entry: &Entry) -> String {
    let body = match &entry.what {
        What::Note { body, .. } => body.as_str(),
        What::Contact { .. } | What::Unreadable => "",
    };
    let head = i18n.fmt(StageKey::CorrectionOf, &[("t", &entry.when())]);
    format!("{head}\n{body}")
}
