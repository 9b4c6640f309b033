//! The six kinds of key information (SPEC §4): completeness per category and overall, the
//! next questions to ask, and the MAN check.
//!
//! An item counts as recorded when its value is present (dates), non-blank (text) or
//! non-empty (lists).
//!
//! **Decision (budget items)**: which budget items apply depends on the answer to
//! "budgeted?": unknown → only that question; budgeted → amount and what it covers;
//! not budgeted → what they can afford. The category total therefore changes once the
//! first question is answered.

use serde::{Deserialize, Serialize};

use crate::i18n::{t, Text};
use crate::types::{ContactRole, Prospect, Tri};

/// A category of key information, in SPEC order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 時間表.
    Schedule,
    /// 預算.
    Budget,
    /// 需求.
    Requirement,
    /// 決策 (people and process).
    Decision,
    /// 競爭.
    Competition,
    /// 關鍵評估項 (客戶興奮點).
    Evaluation,
}

impl Category {
    /// All six, in SPEC order.
    pub const ALL: [Category; 6] = [
        Category::Schedule,
        Category::Budget,
        Category::Requirement,
        Category::Decision,
        Category::Competition,
        Category::Evaluation,
    ];

    /// Display name.
    pub fn label(self) -> Text {
        match self {
            Category::Schedule => t!("时间表", "時間表", "Schedule"),
            Category::Budget => t!("预算", "預算", "Budget"),
            Category::Requirement => t!("需求", "需求", "Requirement"),
            Category::Decision => t!(
                "决策（人及过程）",
                "決策（人及過程）",
                "Decision (people and process)"
            ),
            Category::Competition => t!("竞争", "競爭", "Competition"),
            Category::Evaluation => t!(
                "关键评估项（客户兴奋点）",
                "關鍵評估項（客戶興奮點）",
                "Key evaluation items (what excites the customer)"
            ),
        }
    }
}

/// One item of key information. Serialised as `category_item` in snake_case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum KeyItem {
    ScheduleSelectionStart,
    ScheduleSelectionEnd,
    ScheduleVendorDecision,
    ScheduleContract,
    ScheduleImplementationStart,
    ScheduleGoLive,
    BudgetBudgeted,
    BudgetAmount,
    BudgetCovers,
    BudgetAffordable,
    RequirementMotivation,
    RequirementProblems,
    RequirementFunctionalScope,
    RequirementGeographicScope,
    RequirementLanguageScope,
    RequirementModules,
    RequirementServices,
    DecisionInitiator,
    DecisionMakers,
    DecisionProcess,
    DecisionCriteria,
    DecisionParentCompanyRole,
    DecisionGroupHqRole,
    CompetitionCompetitors,
    CompetitionLeader,
    CompetitionLeaderStrengths,
    CompetitionLaggardWeaknesses,
    EvaluationFactors,
    EvaluationMostValued,
}

impl KeyItem {
    /// Every item, in category order.
    pub const ALL: [KeyItem; 29] = [
        KeyItem::ScheduleSelectionStart,
        KeyItem::ScheduleSelectionEnd,
        KeyItem::ScheduleVendorDecision,
        KeyItem::ScheduleContract,
        KeyItem::ScheduleImplementationStart,
        KeyItem::ScheduleGoLive,
        KeyItem::BudgetBudgeted,
        KeyItem::BudgetAmount,
        KeyItem::BudgetCovers,
        KeyItem::BudgetAffordable,
        KeyItem::RequirementMotivation,
        KeyItem::RequirementProblems,
        KeyItem::RequirementFunctionalScope,
        KeyItem::RequirementGeographicScope,
        KeyItem::RequirementLanguageScope,
        KeyItem::RequirementModules,
        KeyItem::RequirementServices,
        KeyItem::DecisionInitiator,
        KeyItem::DecisionMakers,
        KeyItem::DecisionProcess,
        KeyItem::DecisionCriteria,
        KeyItem::DecisionParentCompanyRole,
        KeyItem::DecisionGroupHqRole,
        KeyItem::CompetitionCompetitors,
        KeyItem::CompetitionLeader,
        KeyItem::CompetitionLeaderStrengths,
        KeyItem::CompetitionLaggardWeaknesses,
        KeyItem::EvaluationFactors,
        KeyItem::EvaluationMostValued,
    ];

    /// The item's category.
    pub fn category(self) -> Category {
        use KeyItem::*;
        match self {
            ScheduleSelectionStart
            | ScheduleSelectionEnd
            | ScheduleVendorDecision
            | ScheduleContract
            | ScheduleImplementationStart
            | ScheduleGoLive => Category::Schedule,
            BudgetBudgeted | BudgetAmount | BudgetCovers | BudgetAffordable => Category::Budget,
            RequirementMotivation
            | RequirementProblems
            | RequirementFunctionalScope
            | RequirementGeographicScope
            | RequirementLanguageScope
            | RequirementModules
            | RequirementServices => Category::Requirement,
            DecisionInitiator
            | DecisionMakers
            | DecisionProcess
            | DecisionCriteria
            | DecisionParentCompanyRole
            | DecisionGroupHqRole => Category::Decision,
            CompetitionCompetitors
            | CompetitionLeader
            | CompetitionLeaderStrengths
            | CompetitionLaggardWeaknesses => Category::Competition,
            EvaluationFactors | EvaluationMostValued => Category::Evaluation,
        }
    }

    /// The question to ask the customer to fill this item.
    pub fn question(self) -> Text {
        use KeyItem::*;
        match self {
            ScheduleSelectionStart => t!("客户何时开始 ERP 选型？", "客戶何時開始 ERP 選型？", "When will you start selecting an ERP system?"),
            ScheduleSelectionEnd => t!("客户何时完成 ERP 选型？", "客戶何時完成 ERP 選型？", "When do you expect to finish the selection?"),
            ScheduleVendorDecision => t!("客户何时决定 ERP 厂商？", "客戶何時決定 ERP 廠商？", "When will you decide on the vendor?"),
            ScheduleContract => t!("客户何时签约？", "客戶何時簽約？", "When do you plan to sign the contract?"),
            ScheduleImplementationStart => t!("客户何时开始实施 ERP？", "客戶何時開始實施 ERP？", "When should implementation start?"),
            ScheduleGoLive => t!("客户希望 ERP 何时上线？", "客戶希望 ERP 何時上線？", "When do you want the ERP to go live?"),
            BudgetBudgeted => t!("这个 ERP 项目有没有编列预算？", "這個 ERP 專案有沒有編列預算？", "Is there a budget for this ERP project?"),
            BudgetAmount => t!("这次 ERP 项目编了多少预算？", "這次 ERP 專案編了多少預算？", "How much has been budgeted for the project?"),
            BudgetCovers => t!("预算涵盖哪些项目？", "預算涵蓋哪些項目？", "What does the budget cover?"),
            BudgetAffordable => t!("没有预算的话，大概能投入多少钱？", "沒有預算的話，大概能投入多少錢？", "Without a set budget, roughly how much could you spend?"),
            RequirementMotivation => t!("这次信息化的动机是什么？", "這次資訊化的動機是甚麼？", "What is driving this project now?"),
            RequirementProblems => t!("这次信息化要解决哪些问题？", "這次資訊化要解決哪些問題？", "Which problems should the system solve?"),
            RequirementFunctionalScope => t!("需求的功能范围是什么？", "需求的功能範圍是甚麼？", "What functional scope do you need?"),
            RequirementGeographicScope => t!("需求涉及哪些地点（地理范围）？", "需求涉及哪些地點（地理範圍）？", "Which sites or locations are in scope?"),
            RequirementLanguageScope => t!("需要支持哪些语言？", "需要支援哪些語言？", "Which languages must the system support?"),
            RequirementModules => t!("需要哪些模块？", "需要哪些模組？", "Which modules do you need?"),
            RequirementServices => t!("需要哪些服务？", "需要哪些服務？", "Which services do you need (implementation, training, support)?"),
            DecisionInitiator => t!("这次信息化是谁发起的？", "這次資訊化是誰發起的？", "Who initiated the project?"),
            DecisionMakers => t!("决策人员有哪些？", "決策人員有哪些？", "Who makes the decision?"),
            DecisionProcess => t!("决策过程是怎样的？", "決策過程是怎樣的？", "How will the decision be made?"),
            DecisionCriteria => t!("选型标准是什么？", "選型標準是甚麼？", "What are your selection criteria?"),
            DecisionParentCompanyRole => t!("母公司在决策中扮演什么角色？", "母公司在決策中扮演甚麼角色？", "What role does the parent company play in the decision?"),
            DecisionGroupHqRole => t!("集团总部在决策中扮演什么角色？", "集團總部在決策中扮演甚麼角色？", "What role does group headquarters play in the decision?"),
            CompetitionCompetitors => t!("还有哪些厂商在竞争？", "還有哪些廠商在競爭？", "Which other vendors are you considering?"),
            CompetitionLeader => t!("目前哪家厂商领先？", "目前哪家廠商領先？", "Which vendor is currently ahead?"),
            CompetitionLeaderStrengths => t!("领先者具体的优势是什么？", "領先者具體的優勢是甚麼？", "What exactly are the leader's strengths?"),
            CompetitionLaggardWeaknesses => t!("落后者具体的劣势是什么？", "落後者具體的劣勢是甚麼？", "What exactly are the trailing vendors' weaknesses?"),
            EvaluationFactors => t!("选型时评估哪些因素（软件、服务、硬件、数据库、网络……）？", "選型時評估哪些因素（軟體、服務、硬體、資料庫、網路……）？", "Which factors will you evaluate (software, service, hardware, database, network …)?"),
            EvaluationMostValued => t!("这些因素中最重视哪一项？", "這些因素中最重視哪一項？", "Which of these factors matters most to you?"),
        }
    }
}

fn text(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.trim().is_empty())
}

fn list(v: &[String]) -> bool {
    v.iter().any(|s| !s.trim().is_empty())
}

/// The items that apply to a category for this prospect, each with whether it is recorded.
pub fn items(p: &Prospect, category: Category) -> Vec<(KeyItem, bool)> {
    use KeyItem::*;
    let s = &p.schedule;
    let b = &p.budget;
    let r = &p.requirement;
    let d = &p.decision;
    let c = &p.competition;
    let e = &p.evaluation;
    match category {
        Category::Schedule => vec![
            (ScheduleSelectionStart, s.selection_start.is_some()),
            (ScheduleSelectionEnd, s.selection_end.is_some()),
            (ScheduleVendorDecision, s.vendor_decision.is_some()),
            (ScheduleContract, s.contract.is_some()),
            (
                ScheduleImplementationStart,
                s.implementation_start.is_some(),
            ),
            (ScheduleGoLive, s.go_live.is_some()),
        ],
        Category::Budget => match b.budgeted {
            None => vec![(BudgetBudgeted, false)],
            Some(true) => vec![
                (BudgetBudgeted, true),
                (BudgetAmount, b.amount_cny.is_some()),
                (BudgetCovers, text(&b.covers)),
            ],
            Some(false) => vec![
                (BudgetBudgeted, true),
                (BudgetAffordable, b.affordable_cny.is_some()),
            ],
        },
        Category::Requirement => vec![
            (RequirementMotivation, text(&r.motivation)),
            (RequirementProblems, text(&r.problems)),
            (RequirementFunctionalScope, text(&r.functional_scope)),
            (RequirementGeographicScope, text(&r.geographic_scope)),
            (RequirementLanguageScope, text(&r.language_scope)),
            (RequirementModules, list(&r.modules)),
            (RequirementServices, list(&r.services)),
        ],
        Category::Decision => vec![
            (DecisionInitiator, text(&d.initiator)),
            (DecisionMakers, list(&d.decision_makers)),
            (DecisionProcess, text(&d.process)),
            (DecisionCriteria, text(&d.criteria)),
            (DecisionParentCompanyRole, text(&d.parent_company_role)),
            (DecisionGroupHqRole, text(&d.group_hq_role)),
        ],
        Category::Competition => vec![
            (CompetitionCompetitors, list(&c.competitors)),
            (CompetitionLeader, text(&c.leader)),
            (CompetitionLeaderStrengths, text(&c.leader_strengths)),
            (CompetitionLaggardWeaknesses, text(&c.laggard_weaknesses)),
        ],
        Category::Evaluation => vec![
            (EvaluationFactors, list(&e.factors)),
            (EvaluationMostValued, text(&e.most_valued)),
        ],
    }
}

/// Completeness of one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryReport {
    /// The category.
    pub category: Category,
    /// Items recorded.
    pub known: u32,
    /// Items that apply.
    pub total: u32,
    /// Completeness in whole percent, rounded down.
    pub percent: u32,
    /// Items still missing, in order.
    pub missing: Vec<KeyItem>,
}

impl CategoryReport {
    /// Every applicable item is recorded.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }
}

fn percent(known: u32, total: u32) -> u32 {
    // An empty category counts as complete.
    (known * 100).checked_div(total).unwrap_or(100)
}

/// Completeness of one category.
pub fn category_report(p: &Prospect, category: Category) -> CategoryReport {
    let items = items(p, category);
    let total = items.len() as u32;
    let missing: Vec<KeyItem> = items
        .iter()
        .filter(|(_, ok)| !ok)
        .map(|(k, _)| *k)
        .collect();
    let known = total - missing.len() as u32;
    CategoryReport {
        category,
        known,
        total,
        percent: percent(known, total),
        missing,
    }
}

/// Completeness of all six categories, overall, and the next questions to ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyInfoReport {
    /// Per category, in SPEC order.
    pub categories: Vec<CategoryReport>,
    /// Items recorded, overall.
    pub known: u32,
    /// Items that apply, overall.
    pub total: u32,
    /// Overall completeness in whole percent, rounded down.
    pub percent: u32,
    /// Every missing item in category order: the next questions to ask
    /// (see [`KeyItem::question`]).
    pub next_questions: Vec<KeyItem>,
}

/// Build the key-information report for a prospect.
pub fn report(p: &Prospect) -> KeyInfoReport {
    let categories: Vec<CategoryReport> = Category::ALL
        .iter()
        .map(|c| category_report(p, *c))
        .collect();
    let known = categories.iter().map(|c| c.known).sum();
    let total = categories.iter().map(|c| c.total).sum();
    let next_questions = categories
        .iter()
        .flat_map(|c| c.missing.iter().copied())
        .collect();
    KeyInfoReport {
        percent: percent(known, total),
        categories,
        known,
        total,
        next_questions,
    }
}

/// The quick MAN check (Money, Authority, Need).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ManCheck {
    /// Money.
    pub money: Tri,
    /// Authority.
    pub authority: Tri,
    /// Need.
    pub need: Tri,
}

fn tri(b: bool) -> Tri {
    if b {
        Tri::Yes
    } else {
        Tri::No
    }
}

/// The MAN check. The rep's explicit answers ([`crate::types::ManAnswers`]) win; otherwise:
///
/// **Decision**:
/// - Money: a known budget amount or affordable amount > 0 → yes; an amount of 0 → no;
///   else unknown.
/// - Authority: decision makers recorded, or a boss / CIO / key-person contact → yes; else
///   unknown.
/// - Need: objective and subjective necessity both Y → yes; either N → no; else unknown.
pub fn man_check(p: &Prospect) -> ManCheck {
    let money = p.man.money.map(tri).unwrap_or_else(|| {
        match p.budget.amount_cny.or(p.budget.affordable_cny) {
            Some(x) if x > 0 => Tri::Yes,
            Some(_) => Tri::No,
            None => Tri::Unknown,
        }
    });
    let authority = p.man.authority.map(tri).unwrap_or_else(|| {
        let contact = p.contacts.iter().any(|c| {
            matches!(
                c.role,
                Some(ContactRole::Boss) | Some(ContactRole::Cio) | Some(ContactRole::KeyPerson)
            )
        });
        if contact || list(&p.decision.decision_makers) {
            Tri::Yes
        } else {
            Tri::Unknown
        }
    });
    let q = &p.qualification;
    let need = p
        .man
        .need
        .map(tri)
        .unwrap_or(match (q.objective_need, q.subjective_need) {
            (Some(false), _) | (_, Some(false)) => Tri::No,
            (Some(true), Some(true)) => Tri::Yes,
            _ => Tri::Unknown,
        });
    ManCheck {
        money,
        authority,
        need,
    }
}
