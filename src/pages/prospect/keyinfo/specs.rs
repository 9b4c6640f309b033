//! What each category of key information holds: its fields, their kinds, and the stored
//! object.

use serde_json::{Map, Value};
use tuoke_core::keyinfo::{Category, KeyItem};
use tuoke_core::types::Prospect;

use super::super::form::Kind;
use crate::i18n::ProfileKey as P;

/// One field of a category's object: its key in the object, the item it fills and its kind.
pub(super) struct Spec {
    /// The draft / error name: `category.key` (as the core names it in errors).
    pub(super) name: &'static str,
    pub(super) key: &'static str,
    pub(super) item: KeyItem,
    pub(super) kind: Kind,
}

pub(super) const fn spec(name: &'static str, key: &'static str, item: KeyItem, kind: Kind) -> Spec {
    Spec {
        name,
        key,
        item,
        kind,
    }
}

use KeyItem as K;

pub(super) const SCHEDULE: &[Spec] = &[
    spec(
        "schedule.selection_start",
        "selection_start",
        K::ScheduleSelectionStart,
        Kind::Date,
    ),
    spec(
        "schedule.selection_end",
        "selection_end",
        K::ScheduleSelectionEnd,
        Kind::Date,
    ),
    spec(
        "schedule.vendor_decision",
        "vendor_decision",
        K::ScheduleVendorDecision,
        Kind::Date,
    ),
    spec(
        "schedule.contract",
        "contract",
        K::ScheduleContract,
        Kind::Date,
    ),
    spec(
        "schedule.implementation_start",
        "implementation_start",
        K::ScheduleImplementationStart,
        Kind::Date,
    ),
    spec("schedule.go_live", "go_live", K::ScheduleGoLive, Kind::Date),
];
pub(super) const BUDGET: &[Spec] = &[
    spec(
        "budget.budgeted",
        "budgeted",
        K::BudgetBudgeted,
        Kind::Choice,
    ),
    spec(
        "budget.amount_cny",
        "amount_cny",
        K::BudgetAmount,
        Kind::Money,
    ),
    spec("budget.covers", "covers", K::BudgetCovers, Kind::Multiline),
    spec(
        "budget.affordable_cny",
        "affordable_cny",
        K::BudgetAffordable,
        Kind::Money,
    ),
];
pub(super) const REQUIREMENT: &[Spec] = &[
    spec(
        "requirement.motivation",
        "motivation",
        K::RequirementMotivation,
        Kind::Multiline,
    ),
    spec(
        "requirement.problems",
        "problems",
        K::RequirementProblems,
        Kind::Multiline,
    ),
    spec(
        "requirement.functional_scope",
        "functional_scope",
        K::RequirementFunctionalScope,
        Kind::Multiline,
    ),
    spec(
        "requirement.geographic_scope",
        "geographic_scope",
        K::RequirementGeographicScope,
        Kind::Text,
    ),
    spec(
        "requirement.language_scope",
        "language_scope",
        K::RequirementLanguageScope,
        Kind::Text,
    ),
    spec(
        "requirement.modules",
        "modules",
        K::RequirementModules,
        Kind::List,
    ),
    spec(
        "requirement.services",
        "services",
        K::RequirementServices,
        Kind::List,
    ),
];
pub(super) const DECISION: &[Spec] = &[
    spec(
        "decision.initiator",
        "initiator",
        K::DecisionInitiator,
        Kind::Text,
    ),
    spec(
        "decision.decision_makers",
        "decision_makers",
        K::DecisionMakers,
        Kind::List,
    ),
    spec(
        "decision.process",
        "process",
        K::DecisionProcess,
        Kind::Multiline,
    ),
    spec(
        "decision.criteria",
        "criteria",
        K::DecisionCriteria,
        Kind::Multiline,
    ),
    spec(
        "decision.parent_company_role",
        "parent_company_role",
        K::DecisionParentCompanyRole,
        Kind::Text,
    ),
    spec(
        "decision.group_hq_role",
        "group_hq_role",
        K::DecisionGroupHqRole,
        Kind::Text,
    ),
];
pub(super) const COMPETITION: &[Spec] = &[
    spec(
        "competition.competitors",
        "competitors",
        K::CompetitionCompetitors,
        Kind::List,
    ),
    spec(
        "competition.leader",
        "leader",
        K::CompetitionLeader,
        Kind::Text,
    ),
    spec(
        "competition.leader_strengths",
        "leader_strengths",
        K::CompetitionLeaderStrengths,
        Kind::Multiline,
    ),
    spec(
        "competition.laggard_weaknesses",
        "laggard_weaknesses",
        K::CompetitionLaggardWeaknesses,
        Kind::Multiline,
    ),
];
pub(super) const EVALUATION: &[Spec] = &[
    spec(
        "evaluation.factors",
        "factors",
        K::EvaluationFactors,
        Kind::List,
    ),
    spec(
        "evaluation.most_valued",
        "most_valued",
        K::EvaluationMostValued,
        Kind::Text,
    ),
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

/// The stored object of a category.
pub(super) fn stored(p: &Prospect, c: Category) -> Map<String, Value> {
    let value = match c {
        Category::Schedule => serde_json::to_value(p.schedule),
        Category::Budget => serde_json::to_value(&p.budget),
        Category::Requirement => serde_json::to_value(&p.requirement),
        Category::Decision => serde_json::to_value(&p.decision),
        Category::Competition => serde_json::to_value(&p.competition),
        Category::Evaluation => serde_json::to_value(&p.evaluation),
    };
    match value {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}
