//! The note being written: what it is about, its text, the template's ticks and timers, its
//! photos. Kept in `localStorage` (one draft per prospect, and one for a new prospect) on
//! every change, so a reload, a crash or a switch to another screen loses nothing until the
//! note is saved. Also the pure part of saving: the note body a draft makes.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tuoke_core::activity::NoteKind;
use tuoke_core::i18n::Lang;
use tuoke_core::keyinfo::Category;
use tuoke_core::playbook::{stage_playbook, EXCHANGE_AGENDA};
use tuoke_core::types::Stage;
use uuid::Uuid;

use super::agenda::AgendaTimer;
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

/// A capture template (SPEC §8 playbooks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Template {
    /// A free note.
    Plain,
    /// What to collect at a first visit.
    FirstVisit,
    /// The exchange-meeting agenda with a timer per item.
    Exchange,
    /// The demo checklist.
    Demo,
}

impl Template {
    /// In the order the switcher shows them.
    pub const ALL: [Template; 4] = [
        Template::Plain,
        Template::FirstVisit,
        Template::Exchange,
        Template::Demo,
    ];

    /// The template a prospect's stage suggests: a lead is about to get its first visit and a
    /// first-visit deal is still collecting what the first visit collects; the exchange
    /// meeting and the demo have their own; later stages have no fixed shape.
    pub fn for_stage(stage: Stage) -> Template {
        match stage {
            Stage::Lead | Stage::FirstVisit => Template::FirstVisit,
            Stage::Exchange => Template::Exchange,
            Stage::Demo => Template::Demo,
            _ => Template::Plain,
        }
    }

    /// The note kind that goes with it by default.
    pub fn kind(self) -> NoteKind {
        match self {
            Template::Exchange | Template::Demo => NoteKind::Meeting,
            Template::Plain | Template::FirstVisit => NoteKind::Visit,
        }
    }

    /// Its name.
    pub fn label(self) -> CaptureKey {
        match self {
            Template::Plain => CaptureKey::TemplatePlain,
            Template::FirstVisit => CaptureKey::TemplateFirstVisit,
            Template::Exchange => CaptureKey::TemplateExchange,
            Template::Demo => CaptureKey::TemplateDemo,
        }
    }
}

/// One item of a checklist template: a stable id (ticks are stored by id) and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub id: &'static str,
    pub text: tuoke_core::i18n::Text,
}

/// A group of checklist items under a heading.
pub struct Group {
    pub title: CaptureKey,
    pub items: Vec<Item>,
}

/// The checklist of a template, in groups (empty for the plain note and the agenda).
pub fn checklist(template: Template) -> Vec<Group> {
    let playbook = |stage| {
        stage_playbook(stage)
            .checklist
            .iter()
            .map(|c| Item {
                id: c.id,
                text: c.text,
            })
            .collect()
    };
    match template {
        Template::FirstVisit => vec![
            Group {
                title: CaptureKey::KeyInfoCollected,
                items: Category::ALL
                    .iter()
                    .map(|c| Item {
                        id: category_id(*c),
                        text: c.label(),
                    })
                    .collect(),
            },
            Group {
                title: CaptureKey::FirstVisitChecklist,
                items: playbook(Stage::FirstVisit),
            },
        ],
        Template::Demo => vec![Group {
            title: CaptureKey::DemoChecklist,
            items: playbook(Stage::Demo),
        }],
        Template::Plain | Template::Exchange => Vec::new(),
    }
}

fn category_id(c: Category) -> &'static str {
    match c {
        Category::Schedule => "ki_schedule",
        Category::Budget => "ki_budget",
        Category::Requirement => "ki_requirement",
        Category::Decision => "ki_decision",
        Category::Competition => "ki_competition",
        Category::Evaluation => "ki_evaluation",
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
mod tests {
    use super::*;

    #[test]
    fn the_stage_picks_the_template() {
        assert_eq!(Template::for_stage(Stage::Lead), Template::FirstVisit);
        assert_eq!(Template::for_stage(Stage::FirstVisit), Template::FirstVisit);
        assert_eq!(Template::for_stage(Stage::Exchange), Template::Exchange);
        assert_eq!(Template::for_stage(Stage::Demo), Template::Demo);
        assert_eq!(Template::for_stage(Stage::Quote), Template::Plain);
        assert_eq!(Template::for_stage(Stage::Lost), Template::Plain);
    }

    #[test]
    fn the_first_visit_checklist_lists_the_six_kinds_of_key_information_and_the_playbook() {
        let groups = checklist(Template::FirstVisit);
        assert_eq!(groups[0].items.len(), 6);
        assert_eq!(
            groups[1].items.len(),
            stage_playbook(Stage::FirstVisit).checklist.len()
        );
        let ids: BTreeSet<_> = groups.iter().flat_map(|g| &g.items).map(|i| i.id).collect();
        assert_eq!(ids.len(), 6 + groups[1].items.len(), "ids are unique");
    }

    #[test]
    fn a_plain_note_is_just_its_text() {
        let draft = Draft {
            body: "  老板对库存很感兴趣  ".into(),
            ..Draft::default()
        };
        assert_eq!(
            draft.note_body(Template::FirstVisit, Lang::ZhHans, 0),
            "老板对库存很感兴趣"
        );
        assert_eq!(Draft::default().note_body(Template::Plain, Lang::En, 0), "");
    }

    #[test]
    fn ticked_items_go_into_the_body_as_a_list_of_every_item() {
        let mut draft = Draft {
            body: "Met the boss".into(),
            ..Draft::default()
        };
        draft.ticks.insert("ki_budget".into());
        let body = draft.note_body(Template::FirstVisit, Lang::En, 0);
        assert!(body.starts_with("Met the boss\n\n【"), "{body}");
        assert!(body.contains("☑ Budget"), "{body}");
        assert!(body.contains("☐ Schedule"), "{body}");
        // Ticks of another template are not reported.
        assert!(!draft.note_body(Template::Demo, Lang::En, 0).contains('☐'));
    }

    #[test]
    fn the_agenda_reports_the_time_spent_per_item_and_in_total() {
        let mut draft = Draft::default();
        draft.agenda.start(0);
        draft.agenda.next(12 * 60_000);
        draft.agenda.pause(12 * 60_000 + 5 * 60_000);
        let body = draft.note_body(Template::Exchange, Lang::En, 10 * 3_600_000);
        assert!(body.contains("Company introduction"), "{body}");
        assert!(body.contains("10–15"), "{body}");
        assert!(body.contains("12"), "{body}");
        assert!(body.contains("17"), "{body}");
    }

    #[test]
    fn a_correction_names_the_note_it_corrects() {
        let draft = Draft {
            body: "实际是 300 人".into(),
            corrects: Some(Correction {
                note_id: "n1".into(),
                taken_at: "2026-03-02T08:00:00Z".parse().unwrap(),
            }),
            ..Draft::default()
        };
        let body = draft.note_body(Template::Plain, Lang::ZhHans, 0);
        assert!(body.contains("更正"), "{body}");
        assert!(body.ends_with("实际是 300 人"), "{body}");
    }
}
