//! The note being written: what it is about, its text, the template's ticks and timers, its
//! photos. Kept in `localStorage` (one draft per prospect, and one for a new prospect) on
//! every change, so a reload, a crash or a switch to another screen loses nothing until the
//! note is saved. Also the pure part of saving: the note body a draft makes.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tuoke_core::activity::NoteKind;
use tuoke_core::i18n::Lang;
use tuoke_core::playbook::EXCHANGE_AGENDA;
use uuid::Uuid;

use super::agenda::AgendaTimer;
use super::checklist::{checklist, Template};
use crate::i18n::{fill, t, CaptureKey};
use crate::services::time::{self, minutes_range as planned, whole_minutes as minutes, Style};

/// What a note is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A prospect created together with the note.
    New,
    /// An existing prospect, by id.
    Prospect(String),
}

impl Target {
    /// The draft's storage key part.
    fn key(&self) -> &str {
        match self {
            Target::New => "new",
            Target::Prospect(id) => id,
        }
    }
}

/// The note this one corrects (notes are append-only: a correction is a new note).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub note_id: String,
    pub taken_at: DateTime<Utc>,
}

/// A note being written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// New prospect: company, contact name, phone.
    pub company: String,
    pub contact: String,
    pub phone: String,
    /// The id the new prospect will get (its photos are filed under it before it exists).
    pub new_id: Option<Uuid>,
    pub kind: Option<NoteKind>,
    pub body: String,
    /// The rep's choice; `None` follows the prospect's stage.
    pub template: Option<Template>,
    /// Ticked checklist items, by id.
    pub ticks: BTreeSet<String>,
    pub agenda: AgendaTimer,
    /// Photos taken for this note (in IndexedDB, not yet linked to a note).
    pub photos: Vec<Uuid>,
    pub corrects: Option<Correction>,
}

impl Draft {
    /// Whether anything was entered (a draft worth keeping and showing).
    pub fn has_content(&self) -> bool {
        !self.company.trim().is_empty()
            || !self.contact.trim().is_empty()
            || !self.phone.trim().is_empty()
            || !self.body.trim().is_empty()
            || !self.ticks.is_empty()
            || self.agenda.started()
            || !self.photos.is_empty()
            || self.corrects.is_some()
    }

    /// Takes the note out of a new prospect's draft (the rep chose an existing prospect for
    /// it): the text, kind, template, ticks, timer and photos leave; the company, contact
    /// and phone stay, in case the rep comes back to creating it.
    pub fn take_note(&mut self) -> Draft {
        Draft {
            kind: self.kind.take(),
            body: std::mem::take(&mut self.body),
            template: self.template.take(),
            ticks: std::mem::take(&mut self.ticks),
            agenda: std::mem::take(&mut self.agenda),
            photos: std::mem::take(&mut self.photos),
            corrects: self.corrects.take(),
            ..Draft::default()
        }
    }

    /// Adds `note` (from [`Draft::take_note`]) to this draft, losing nothing: its text after
    /// any text already here, its ticks and photos too; its kind, template and timer where
    /// this draft has none.
    pub fn add_note(&mut self, note: Draft) {
        let text = note.body.trim();
        if self.body.trim().is_empty() {
            self.body = note.body;
        } else if !text.is_empty() {
            self.body = format!("{}\n\n{text}", self.body.trim_end());
        }
        self.kind = self.kind.or(note.kind);
        self.template = self.template.or(note.template);
        self.ticks.extend(note.ticks);
        if !self.agenda.started() {
            self.agenda = note.agenda;
        }
        self.photos.extend(note.photos);
        self.corrects = self.corrects.take().or(note.corrects);
    }

    /// The note's text: the correction line, what the rep wrote, then the template's ticks
    /// (every item, ticked or not, once any is ticked) or the agenda's times (once the timer
    /// ran). Empty when there is nothing to save.
    pub fn note_body(&self, template: Template, lang: Lang, now_ms: i64) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(c) = &self.corrects {
            let at = time::local(c.taken_at, Style::DateTime);
            parts.push(fill(
                t(lang, CaptureKey::CorrectionLine),
                &[("t", at.as_str())],
            ));
        }
        let text = self.body.trim();
        if !text.is_empty() {
            parts.push(text.to_owned());
        }
        let groups = checklist(template);
        if groups
            .iter()
            .flat_map(|g| &g.items)
            .any(|i| self.ticks.contains(i.id))
        {
            for group in groups {
                let mut lines = vec![format!("【{}】", t(lang, group.title))];
                for item in group.items {
                    let mark = if self.ticks.contains(item.id) {
                        "☑"
                    } else {
                        "☐"
                    };
                    lines.push(format!("{mark} {}", item.text.get(lang)));
                }
                parts.push(lines.join("\n"));
            }
        }
        if template == Template::Exchange && self.agenda.started() {
            let mut lines = vec![format!("【{}】", t(lang, CaptureKey::AgendaTitle))];
            for (i, slot) in EXCHANGE_AGENDA.iter().enumerate() {
                let spent = self.agenda.elapsed_ms(i, now_ms);
                if spent == 0 {
                    continue;
                }
                lines.push(fill(
                    t(lang, CaptureKey::AgendaLine),
                    &[
                        ("item", slot.title.get(lang)),
                        ("planned", &planned(slot.min_minutes, slot.max_minutes)),
                        ("spent", &minutes(spent).to_string()),
                    ],
                ));
            }
            lines.push(fill(
                t(lang, CaptureKey::AgendaTotalLine),
                &[("spent", &minutes(self.agenda.total_ms(now_ms)).to_string())],
            ));
            parts.push(lines.join("\n"));
        }
        parts.join("\n\n")
    }
}

/// Where drafts live: `localStorage` (the preferences store), one key per user and target.
pub mod store {
    use super::{Draft, Target};
    use crate::services::prefs;
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Serialize};

    /// The draft of `target`, or an empty one.
    pub fn load(user: &str, target: &Target) -> Draft {
        prefs::capture_draft(user, target.key())
            .get()
            .unwrap_or_default()
    }

    /// Keeps the draft (or forgets it once empty). `false`: storage refused it (full or
    /// private mode) and the draft only lives until the page closes.
    pub fn save(user: &str, target: &Target, draft: &Draft) -> bool {
        let key = prefs::capture_draft(user, target.key());
        if !draft.has_content() && draft.new_id.is_none() {
            return key.remove();
        }
        key.set(draft)
    }

    /// Forgets the draft of `target` (it was saved as a note).
    pub fn clear(user: &str, target: &Target) {
        prefs::capture_draft::<Draft>(user, target.key()).remove();
    }

    #[derive(Serialize, Deserialize)]
    struct Last {
        target: String,
        at: DateTime<Utc>,
    }

    /// Remembers what the rep is writing about, so the Capture tab reopens on it.
    pub fn set_last(user: &str, target: &Target, at: DateTime<Utc>) {
        let last = Last {
            target: target.key().to_owned(),
            at,
        };
        prefs::capture_last(user).set(&last);
    }

    /// Forgets what the rep last wrote about.
    pub fn forget_last(user: &str) {
        prefs::capture_last::<Last>(user).remove();
    }

    /// What the rep last wrote about and when.
    pub fn last(user: &str) -> Option<(Target, DateTime<Utc>)> {
        let last: Last = prefs::capture_last(user).get()?;
        let target = match last.target.as_str() {
            "new" => Target::New,
            id => Target::Prospect(id.to_owned()),
        };
        Some((target, last.at))
    }

    /// Prospects the rep captured for, most recent first (at most 5).
    pub fn recent(user: &str) -> Vec<String> {
        prefs::capture_recent(user).get().unwrap_or_default()
    }

    /// Puts `id` first in [`recent`].
    pub fn push_recent(user: &str, id: &str) {
        let mut ids = recent(user);
        ids.retain(|x| x != id);
        ids.insert(0, id.to_owned());
        ids.truncate(5);
        prefs::capture_recent(user).set(&ids);
    }
}

#[cfg(test)]
#[path = "draft_tests.rs"]
mod tests;
