//! What each category of key information holds: its fields, their kinds, and how each
//! reads and writes its typed field of the core's [`Prospect`].

use chrono::NaiveDate;
use tuoke_core::keyinfo::{Category, KeyItem};
use tuoke_core::types::Prospect;
use tuoke_core::validate::ProspectPatch;

use super::super::form::{DraftField, InputError, Kind};
use crate::i18n::ProfileKey as P;

/// A recorded value as the category card shows it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Shown {
    Text(String),
    Number(i64),
    Flag(bool),
    Date(NaiveDate),
    List(Vec<String>),
}

/// A typed field of a category as the card shows it (`None`: not recorded).
pub(super) trait Show {
    fn shown(&self) -> Option<Shown>;
}

impl Show for Option<String> {
    fn shown(&self) -> Option<Shown> {
        self.clone().map(Shown::Text)
    }
}

impl Show for Option<i64> {
    fn shown(&self) -> Option<Shown> {
        self.map(Shown::Number)
    }
}

impl Show for Option<bool> {
    fn shown(&self) -> Option<Shown> {
        self.map(Shown::Flag)
    }
}

impl Show for Option<NaiveDate> {
    fn shown(&self) -> Option<Shown> {
        self.map(Shown::Date)
    }
}

impl Show for Vec<String> {
    fn shown(&self) -> Option<Shown> {
        (!self.is_empty()).then(|| Shown::List(self.clone()))
    }
}

/// One field of a category: the item it fills, its kind, and its typed field of the
/// prospect (read for the card and the form, written from the form).
pub(super) struct Spec {
    /// The draft / error name: `category.field` (as the core names it in errors).
    pub(super) name: &'static str,
    pub(super) item: KeyItem,
    pub(super) kind: Kind,
    /// The recorded value, as the card shows it.
    pub(super) shown: fn(&Prospect) -> Option<Shown>,
    /// The recorded value, as the form starts from it.
    pub(super) draft: fn(&Prospect) -> String,
    /// Writes the text typed into the field into the prospect.
    pub(super) set: fn(&mut Prospect, Kind, &str) -> Result<(), InputError>,
}

/// The spec of `prospect.category.field`.
macro_rules! spec {
    ($category:ident . $field:ident, $item:ident, $kind:ident) => {
        Spec {
            name: concat!(stringify!($category), ".", stringify!($field)),
            item: KeyItem::$item,
            kind: Kind::$kind,
            shown: |p| p.$category.$field.shown(),
            draft: |p| p.$category.$field.draft(),
            set: |p, kind, text| {
                p.$category.$field = DraftField::parse(kind, text)?;
                Ok(())
            },
        }
    };
}

pub(super) const SCHEDULE: &[Spec] = &[
    spec!(schedule.selection_start, ScheduleSelectionStart, Date),
    spec!(schedule.selection_end, ScheduleSelectionEnd, Date),
    spec!(schedule.vendor_decision, ScheduleVendorDecision, Date),
    spec!(schedule.contract, ScheduleContract, Date),
    spec!(
        schedule.implementation_start,
        ScheduleImplementationStart,
        Date
    ),
    spec!(schedule.go_live, ScheduleGoLive, Date),
];
pub(super) const BUDGET: &[Spec] = &[
    spec!(budget.budgeted, BudgetBudgeted, Choice),
    spec!(budget.amount_cny, BudgetAmount, Money),
    spec!(budget.covers, BudgetCovers, Multiline),
    spec!(budget.affordable_cny, BudgetAffordable, Money),
];
pub(super) const REQUIREMENT: &[Spec] = &[
    spec!(requirement.motivation, RequirementMotivation, Multiline),
    spec!(requirement.problems, RequirementProblems, Multiline),
    spec!(
        requirement.functional_scope,
        RequirementFunctionalScope,
        Multiline
    ),
    spec!(
        requirement.geographic_scope,
        RequirementGeographicScope,
        Text
    ),
    spec!(requirement.language_scope, RequirementLanguageScope, Text),
    spec!(requirement.modules, RequirementModules, List),
    spec!(requirement.services, RequirementServices, List),
];
pub(super) const DECISION: &[Spec] = &[
    spec!(decision.initiator, DecisionInitiator, Text),
    spec!(decision.decision_makers, DecisionMakers, List),
    spec!(decision.process, DecisionProcess, Multiline),
    spec!(decision.criteria, DecisionCriteria, Multiline),
    spec!(
        decision.parent_company_role,
        DecisionParentCompanyRole,
        Text
    ),
    spec!(decision.group_hq_role, DecisionGroupHqRole, Text),
];
pub(super) const COMPETITION: &[Spec] = &[
    spec!(competition.competitors, CompetitionCompetitors, List),
    spec!(competition.leader, CompetitionLeader, Text),
    spec!(
        competition.leader_strengths,
        CompetitionLeaderStrengths,
        Multiline
    ),
    spec!(
        competition.laggard_weaknesses,
        CompetitionLaggardWeaknesses,
        Multiline
    ),
];
pub(super) const EVALUATION: &[Spec] = &[
    spec!(evaluation.factors, EvaluationFactors, List),
    spec!(evaluation.most_valued, EvaluationMostValued, Text),
];

pub(super) fn specs(c: Category) -> &'static [Spec] {
    match c {
        Category::Schedule => SCHEDULE,
        Category::Budget => BUDGET,
        Category::Requirement => REQUIREMENT,
        Category::Decision => DECISION,
        Category::Competition => COMPETITION,
        Category::Evaluation => EVALUATION,
    }
}

/// The patch field of a category (`schedule`, `budget`, …).
pub(super) fn code(c: Category) -> &'static str {
    match c {
        Category::Schedule => "schedule",
        Category::Budget => "budget",
        Category::Requirement => "requirement",
        Category::Decision => "decision",
        Category::Competition => "competition",
        Category::Evaluation => "evaluation",
    }
}

/// The category's name on its jump chip.
pub(super) fn short_label(c: Category) -> P {
    match c {
        Category::Schedule => P::ChipSchedule,
        Category::Budget => P::ChipBudget,
        Category::Requirement => P::ChipRequirement,
        Category::Decision => P::ChipDecision,
        Category::Competition => P::ChipCompetition,
        Category::Evaluation => P::ChipEvaluation,
    }
}

/// The patch replacing category `c` of `before` with that of `after` (empty when equal):
/// a category's object is replaced as a whole.
pub(super) fn patch_of(c: Category, before: &Prospect, after: Prospect) -> ProspectPatch {
    fn changed<T: PartialEq>(before: &T, after: T) -> Option<Option<T>> {
        (*before != after).then_some(Some(after))
    }
    let mut patch = ProspectPatch::default();
    match c {
        Category::Schedule => patch.schedule = changed(&before.schedule, after.schedule),
        Category::Budget => patch.budget = changed(&before.budget, after.budget),
        Category::Requirement => {
            patch.requirement = changed(&before.requirement, after.requirement)
        }
        Category::Decision => patch.decision = changed(&before.decision, after.decision),
        Category::Competition => {
            patch.competition = changed(&before.competition, after.competition)
        }
        Category::Evaluation => patch.evaluation = changed(&before.evaluation, after.evaluation),
    }
    patch
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_writes_what_it_reads_and_names_its_core_field() {
        for c in Category::ALL {
            for s in specs(c) {
                assert!(s.name.starts_with(&format!("{}.", code(c))), "{}", s.name);
                let sample = match s.kind {
                    Kind::Date => "2027-03-01",
                    Kind::Money => "120万",
                    Kind::Choice => "true",
                    Kind::List => "甲\n乙",
                    _ => "文本",
                };
                let mut p = Prospect::default();
                (s.set)(&mut p, s.kind, sample).unwrap();
                assert!((s.shown)(&p).is_some(), "{} is recorded", s.name);
                let mut again = Prospect::default();
                (s.set)(&mut again, s.kind, &(s.draft)(&p)).unwrap();
                assert_eq!(again, p, "{} reads back", s.name);
                let patch = patch_of(c, &Prospect::default(), p);
                assert_ne!(patch, ProspectPatch::default(), "{} is patched", s.name);
                (s.set)(&mut again, s.kind, " ").unwrap();
                assert_eq!((s.shown)(&again), None, "{} is cleared by a blank", s.name);
            }
        }
    }
}
