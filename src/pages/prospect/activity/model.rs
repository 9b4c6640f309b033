//! The activity section's data: the timeline of notes and logged contacts, the next contact
//! due, and what a correction starts from.

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde_json::Value;
use tuoke_core::activity::{ActivityKind, NoteKind};
use tuoke_core::contract::Entity;
use tuoke_sync::view::{field, text, LocalView};

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
    let notes = deal.of_prospect(Entity::Note, id).map(|r| Entry {
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
    let contacts = deal.of_prospect(Entity::Activity, id).map(|r| Entry {
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
pub(super) fn parse_input(value: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|local| local.with_timezone(&Utc))
}

pub(super) fn next_due(deal: &LocalView, id: &str) -> Option<NaiveDate> {
    deal.get(Entity::Prospect, id)
        .and_then(|p| field(&p.data, "next_contact_due"))
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
        What::Contact { .. } => "",
    };
    let head = i18n.fmt(StageKey::CorrectionOf, &[("t", &entry.when())]);
    format!("{head}\n{body}")
}
