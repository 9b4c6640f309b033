//! The catalogue key of every core code the prospect screen shows (industries, sources,
//! stages, levels, criteria, fit reasons, key-information items, …). Codes stay codes in
//! the data; only these functions turn them into words.

use tuoke_core::fit::{FitReason, FitStatus};
use tuoke_core::grading::{Answer, Criterion, GradeBasis};
use tuoke_core::keyinfo::KeyItem;
use tuoke_core::types::{ContactRole, Industry, Iso9000, LeadSource, Level, Stage, Tri};

use crate::i18n::{I18n, ProfileKey as P};

pub fn industry(i: Industry) -> P {
    match i {
        Industry::Electronics => P::IndustryElectronics,
        Industry::ElectricalMachinery => P::IndustryElectricalMachinery,
        Industry::ElectricalAppliances => P::IndustryElectricalAppliances,
        Industry::Machinery => P::IndustryMachinery,
        Industry::Hardware => P::IndustryHardware,
        Industry::Tools => P::IndustryTools,
        Industry::TransportEquipment => P::IndustryTransportEquipment,
        Industry::Other => P::IndustryOther,
    }
}

pub fn source(s: LeadSource) -> P {
    match s {
        LeadSource::Event => P::SourceEvent,
        LeadSource::Telemarketing => P::SourceTelemarketing,
        LeadSource::CallIn => P::SourceCallIn,
        LeadSource::CustomerReferral => P::SourceCustomerReferral,
        LeadSource::PersonalReferral => P::SourcePersonalReferral,
        LeadSource::Upgrade => P::SourceUpgrade,
        LeadSource::Other => P::SourceOther,
    }
}

pub const ISO9000: [Iso9000; 3] = [Iso9000::Yes, Iso9000::InProgress, Iso9000::No];

pub fn iso9000(i: Iso9000) -> P {
    match i {
        Iso9000::Yes => P::IsoYes,
        Iso9000::No => P::IsoNo,
        Iso9000::InProgress => P::IsoInProgress,
    }
}

pub const ROLES: [ContactRole; 5] = [
    ContactRole::Boss,
    ContactRole::It,
    ContactRole::Cio,
    ContactRole::KeyPerson,
    ContactRole::Other,
];

pub fn role(r: ContactRole) -> P {
    match r {
        ContactRole::Boss => P::RoleBoss,
        ContactRole::It => P::RoleIt,
        ContactRole::Cio => P::RoleCio,
        ContactRole::KeyPerson => P::RoleKeyPerson,
        ContactRole::Other => P::RoleOther,
    }
}

pub fn stage(s: Stage) -> P {
    match s {
        Stage::Lead => P::StageLead,
        Stage::FirstVisit => P::StageFirstVisit,
        Stage::Exchange => P::StageExchange,
        Stage::Demo => P::StageDemo,
        Stage::Quote => P::StageQuote,
        Stage::Objections => P::StageObjections,
        Stage::Negotiation => P::StageNegotiation,
        Stage::Signed => P::StageSigned,
        Stage::Lost => P::StageLost,
    }
}

pub fn level(l: Level) -> P {
    match l {
        Level::High => P::LevelHigh,
        Level::Mid => P::LevelMid,
        Level::Low => P::LevelLow,
        Level::None => P::LevelNone,
    }
}

pub fn tri(t: Tri) -> P {
    match t {
        Tri::Yes => P::Yes,
        Tri::No => P::No,
        Tri::Unknown => P::Unknown,
    }
}

/// Yes / No.
pub fn yes_no(b: bool) -> P {
    if b {
        P::Yes
    } else {
        P::No
    }
}

/// A grading answer in words.
pub fn answer(i18n: &I18n, a: Answer) -> &'static str {
    match a {
        Answer::Bool(b) => i18n.t(yes_no(b)),
        Answer::Level(l) => i18n.t(level(l)),
    }
}

/// The question of a grading criterion; `informatized` picks the wording of determination
/// (to informatize, or to switch systems).
pub fn criterion(c: Criterion, informatized: bool) -> P {
    match c {
        Criterion::Informatized => P::CritInformatized,
        Criterion::ObjectiveNeed => P::CritObjective,
        Criterion::SubjectiveNeed => P::CritSubjective,
        Criterion::Dissatisfaction => P::CritDissatisfaction,
        Criterion::Determination if informatized => P::CritDeterminationSwitch,
        Criterion::Determination => P::CritDetermination,
        Criterion::FeasibilityStarted => P::CritFeasibility,
        Criterion::SelectionStarted => P::CritSelection,
    }
}

pub fn basis(b: GradeBasis) -> P {
    match b {
        GradeBasis::NoObjectiveNeed => P::BasisNoObjectiveNeed,
        GradeBasis::Ungraded => P::BasisUngraded,
        GradeBasis::SingleRow => P::BasisSingleRow,
        GradeBasis::ContractDate => P::BasisContractDate,
        GradeBasis::LowerCandidate => P::BasisLowerCandidate,
        GradeBasis::ClosestRow => P::BasisClosestRow,
    }
}

pub fn fit_status(s: FitStatus) -> P {
    match s {
        FitStatus::In => P::FitIn,
        FitStatus::Out => P::FitOut,
        FitStatus::Unknown => P::FitUnknown,
    }
}

pub fn fit_reason(r: FitReason) -> P {
    match r {
        FitReason::IndustryNotTarget => P::FitIndustryNotTarget,
        FitReason::RevenueBelowRange => P::FitRevenueBelow,
        FitReason::RevenueAboveRange => P::FitRevenueAbove,
        FitReason::ProfitBelowMinimum => P::FitProfitBelow,
        FitReason::IndustryMissing => P::FitIndustryMissing,
        FitReason::RevenueMissing => P::FitRevenueMissing,
        FitReason::ProfitMissing => P::FitProfitMissing,
    }
}

/// The short label of a key-information item (its question is the core's
/// [`KeyItem::question`]).
pub fn key_item(k: KeyItem) -> P {
    use KeyItem::*;
    match k {
        ScheduleSelectionStart => P::KiSelectionStart,
        ScheduleSelectionEnd => P::KiSelectionEnd,
        ScheduleVendorDecision => P::KiVendorDecision,
        ScheduleContract => P::KiContract,
        ScheduleImplementationStart => P::KiImplementationStart,
        ScheduleGoLive => P::KiGoLive,
        BudgetBudgeted => P::KiBudgeted,
        BudgetAmount => P::KiBudgetAmount,
        BudgetCovers => P::KiBudgetCovers,
        BudgetAffordable => P::KiBudgetAffordable,
        RequirementMotivation => P::KiMotivation,
        RequirementProblems => P::KiProblems,
        RequirementFunctionalScope => P::KiFunctionalScope,
        RequirementGeographicScope => P::KiGeographicScope,
        RequirementLanguageScope => P::KiLanguageScope,
        RequirementModules => P::KiModules,
        RequirementServices => P::KiServices,
        DecisionInitiator => P::KiInitiator,
        DecisionMakers => P::KiDecisionMakers,
        DecisionProcess => P::KiDecisionProcess,
        DecisionCriteria => P::KiCriteria,
        DecisionParentCompanyRole => P::KiParentRole,
        DecisionGroupHqRole => P::KiGroupHqRole,
        CompetitionCompetitors => P::KiCompetitors,
        CompetitionLeader => P::KiLeader,
        CompetitionLeaderStrengths => P::KiLeaderStrengths,
        CompetitionLaggardWeaknesses => P::KiLaggardWeaknesses,
        EvaluationFactors => P::KiFactors,
        EvaluationMostValued => P::KiMostValued,
    }
}
