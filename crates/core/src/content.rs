//! Shipped content as data: the long texts of [`crate::playbook`] and [`crate::quiz`], one
//! language per document, for the PWA to load when a screen needs them instead of carrying
//! every text of three languages in its wasm.
//!
//! The one source stays the typed tables of those modules; [`Document::build`] turns them
//! into a document for one language and the generator (`crates/content`, a trunk `pre_build`
//! hook) writes each document to [`Document::path`] in the build. The PWA fetches that path
//! and deserialises the same types, whose keys are the core's enums ([`Stage`],
//! [`ObjectionId`], [`Grade`], [`QuestionId`]), so a key the code asks for is checked by the
//! compiler and a document that lacks one is caught by [`Document::check`] in the tests.
//! What the PWA needs synchronously (stage checklists and the exchange agenda, written into
//! notes; grade definitions; the quiz's grading keys) stays compiled in.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Text};
use crate::playbook::{
    ObjectionId, GRADE_STRATEGIES, MAINTENANCE_TIPS, MOTTOS, OBJECTIONS, SALES_CHARACTERISTICS,
    STAGE_PLAYBOOKS,
};
use crate::quiz::{QuestionId, BANK, KEYS};
use crate::types::{Grade, Stage};

/// A content document: one language's share of some shipped texts.
pub trait Document: Serialize + DeserializeOwned + Sized + 'static {
    /// The file name's stem (`playbooks` → `content/en/playbooks.json`).
    const NAME: &'static str;

    /// The document for `lang`, from the core's tables (the generator and tests call this;
    /// the PWA loads the generated file instead).
    fn build(lang: Lang) -> Self;

    /// The language the document is in.
    fn lang(&self) -> Lang;

    /// Every key the code may ask for, present and every text non-blank; the first problem.
    fn check(&self) -> Result<(), String>;

    /// Where the document is served, relative to the site's root.
    fn path(lang: Lang) -> String {
        format!("content/{}/{}.json", lang.tag(), Self::NAME)
    }
}

/// Every document path of every language (what the generator writes).
pub fn all_paths() -> Vec<String> {
    Lang::ALL
        .into_iter()
        .flat_map(|l| [Playbooks::path(l), QuizTexts::path(l)])
        .collect()
}

fn text(t: &Text, lang: Lang) -> String {
    t.get(lang).to_owned()
}

fn texts(list: &[Text], lang: Lang) -> Vec<String> {
    list.iter().map(|t| text(t, lang)).collect()
}

fn filled(what: &str, s: &str) -> Result<(), String> {
    if s.trim().is_empty() {
        Err(format!("{what} is blank"))
    } else {
        Ok(())
    }
}

fn all_filled(what: &str, list: &[String]) -> Result<(), String> {
    if list.is_empty() {
        return Err(format!("{what} is empty"));
    }
    list.iter().try_for_each(|s| filled(what, s))
}

/// A stage playbook's goals and tips.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageText {
    /// The stage.
    pub stage: Stage,
    /// Goals of the stage.
    pub goals: Vec<String>,
    /// Tips and cautions.
    pub tips: Vec<String>,
}

/// An objection and the suggested response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectionText {
    /// Id.
    pub id: ObjectionId,
    /// What the customer says.
    pub title: String,
    /// Suggested response.
    pub response: String,
}

/// A grade's definition, cues and strategies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeText {
    /// The grade.
    pub grade: Grade,
    /// Definition (closing horizon).
    pub definition: String,
    /// Cues for a not-informatized prospect.
    pub hint_not_informatized: String,
    /// Cues for an informatized prospect.
    pub hint_informatized: String,
    /// Strategy for a not-informatized prospect.
    pub strategy_not_informatized: String,
    /// Strategy for an informatized prospect.
    pub strategy_informatized: String,
}

/// The playbooks' long texts in one language (`content/<lang>/playbooks.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Playbooks {
    /// The language.
    pub lang: Lang,
    /// Goals and tips of every stage, in `Stage` order.
    pub stages: Vec<StageText>,
    /// The objection playbook, in `ObjectionId` order.
    pub objections: Vec<ObjectionText>,
    /// Relationship-maintenance techniques.
    pub maintenance_tips: Vec<String>,
    /// The mottos.
    pub mottos: Vec<String>,
    /// Per-grade definitions, cues and strategies, A to D.
    pub grades: Vec<GradeText>,
    /// How ERP is sold.
    pub selling: Vec<String>,
}

impl Playbooks {
    /// The goals and tips of `stage`.
    pub fn stage(&self, stage: Stage) -> Option<&StageText> {
        self.stages.iter().find(|s| s.stage == stage)
    }

    /// The texts of `grade`.
    pub fn grade(&self, grade: Grade) -> Option<&GradeText> {
        self.grades.iter().find(|g| g.grade == grade)
    }

    /// The texts of an objection.
    pub fn objection(&self, id: ObjectionId) -> Option<&ObjectionText> {
        self.objections.iter().find(|o| o.id == id)
    }
}

impl Document for Playbooks {
    const NAME: &'static str = "playbooks";

    fn build(lang: Lang) -> Self {
        Playbooks {
            lang,
            stages: STAGE_PLAYBOOKS
                .iter()
                .map(|p| StageText {
                    stage: p.stage,
                    goals: texts(p.goals, lang),
                    tips: texts(p.tips, lang),
                })
                .collect(),
            objections: OBJECTIONS
                .iter()
                .map(|o| ObjectionText {
                    id: o.id,
                    title: text(&o.title, lang),
                    response: text(&o.response, lang),
                })
                .collect(),
            maintenance_tips: texts(&MAINTENANCE_TIPS, lang),
            mottos: texts(&MOTTOS, lang),
            grades: GRADE_STRATEGIES
                .iter()
                .map(|g| GradeText {
                    grade: g.grade,
                    definition: text(&g.definition, lang),
                    hint_not_informatized: text(&g.hint_not_informatized, lang),
                    hint_informatized: text(&g.hint_informatized, lang),
                    strategy_not_informatized: text(&g.strategy_not_informatized, lang),
                    strategy_informatized: text(&g.strategy_informatized, lang),
                })
                .collect(),
            selling: texts(&SALES_CHARACTERISTICS, lang),
        }
    }

    fn lang(&self) -> Lang {
        self.lang
    }

    fn check(&self) -> Result<(), String> {
        for stage in Stage::ALL {
            let s = self
                .stage(stage)
                .ok_or_else(|| format!("stage {stage:?} is missing"))?;
            all_filled(&format!("{stage:?} goals"), &s.goals)?;
            all_filled(&format!("{stage:?} tips"), &s.tips)?;
        }
        for o in &OBJECTIONS {
            let t = self
                .objection(o.id)
                .ok_or_else(|| format!("objection {:?} is missing", o.id))?;
            filled(&format!("objection {:?}", o.id), &t.title)?;
            filled(&format!("objection {:?}", o.id), &t.response)?;
        }
        for grade in Grade::ALL {
            let g = self
                .grade(grade)
                .ok_or_else(|| format!("grade {grade:?} is missing"))?;
            for s in [
                &g.definition,
                &g.hint_not_informatized,
                &g.hint_informatized,
                &g.strategy_not_informatized,
                &g.strategy_informatized,
            ] {
                filled(&format!("grade {grade:?}"), s)?;
            }
        }
        all_filled("maintenance tips", &self.maintenance_tips)?;
        all_filled("mottos", &self.mottos)?;
        all_filled("selling", &self.selling)
    }
}

/// One question's texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionText {
    /// Id.
    pub id: QuestionId,
    /// The question.
    pub prompt: String,
    /// The options, in display order (as many as [`crate::quiz::QuestionKey::options`]).
    pub options: Vec<String>,
}

/// The quiz bank's texts in one language (`content/<lang>/quiz.json`); grading stays in
/// [`crate::quiz`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizTexts {
    /// The language.
    pub lang: Lang,
    /// Every question of the bank, in bank order.
    pub questions: Vec<QuestionText>,
}

impl QuizTexts {
    /// The texts of a question.
    pub fn question(&self, id: QuestionId) -> Option<&QuestionText> {
        self.questions.iter().find(|q| q.id == id)
    }
}

impl Document for QuizTexts {
    const NAME: &'static str = "quiz";

    fn build(lang: Lang) -> Self {
        QuizTexts {
            lang,
            questions: BANK
                .iter()
                .map(|q| QuestionText {
                    id: q.id,
                    prompt: text(&q.prompt, lang),
                    options: texts(q.options, lang),
                })
                .collect(),
        }
    }

    fn lang(&self) -> Lang {
        self.lang
    }

    fn check(&self) -> Result<(), String> {
        for key in &KEYS {
            let q = self
                .question(key.id)
                .ok_or_else(|| format!("question {} is missing", key.id.0))?;
            filled(&format!("question {}", key.id.0), &q.prompt)?;
            if q.options.len() != usize::from(key.options) {
                return Err(format!(
                    "question {} has {} options, the bank {}",
                    key.id.0,
                    q.options.len(),
                    key.options
                ));
            }
            all_filled(&format!("question {} options", key.id.0), &q.options)?;
        }
        Ok(())
    }
}
