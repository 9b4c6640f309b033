//! The capture templates (SPEC §8 playbooks): which one a prospect's stage suggests, the note
//! kind that goes with it, and the checklists of the first visit and the demo.

use serde::{Deserialize, Serialize};
use tuoke_core::activity::NoteKind;
use tuoke_core::keyinfo::Category;
use tuoke_core::playbook::stage_checklist;
use tuoke_core::types::Stage;

use crate::i18n::CaptureKey;

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
        stage_checklist(stage)
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

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
            stage_checklist(Stage::FirstVisit).len()
        );
        let ids: BTreeSet<_> = groups.iter().flat_map(|g| &g.items).map(|i| i.id).collect();
        assert_eq!(ids.len(), 6 + groups[1].items.len(), "ids are unique");
    }
}
