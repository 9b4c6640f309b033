//! The prospect record and its parts (SPEC §3 profile, §4 key information, §5 answers),
//! serialised in exactly the shapes of API.md.
//!
//! This module owns only data shapes and their spellings. Rules live elsewhere:
//! validation and patches in [`crate::validate`], grading in [`crate::grading`], stage rules
//! in [`crate::stage`]. Money is integer CNY (yuan), dates are [`chrono::NaiveDate`].

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The API spelling of a value that serialises as a string (`first_visit`, `phone_call`, …):
/// its serde name; empty for anything else.
pub fn code_of<T: Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The value whose API spelling is `code` (the inverse of [`code_of`]); `None` for a code
/// the type does not have (blank, mistyped, or a newer version's).
pub fn from_code<T: DeserializeOwned>(code: &str) -> Option<T> {
    T::deserialize(serde_json::Value::from(code)).ok()
}

/// Industry of a prospect (SPEC §2). `other` is outside the target market.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Industry {
    /// 電子 electronics.
    Electronics,
    /// 電機 electrical machinery.
    ElectricalMachinery,
    /// 電器 electrical appliances.
    ElectricalAppliances,
    /// 機械 machinery.
    Machinery,
    /// 五金 hardware.
    Hardware,
    /// 工具 tools.
    Tools,
    /// 運輸器材 transport equipment.
    TransportEquipment,
    /// Anything else (outside the target market).
    Other,
}

impl Industry {
    /// Every industry, in declaration order.
    pub const ALL: [Industry; 8] = [
        Industry::Electronics,
        Industry::ElectricalMachinery,
        Industry::ElectricalAppliances,
        Industry::Machinery,
        Industry::Hardware,
        Industry::Tools,
        Industry::TransportEquipment,
        Industry::Other,
    ];
}

/// Where a lead came from (SPEC §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadSource {
    /// Event attendee (參加活動客戶).
    Event,
    /// Telemarketing (電話行銷).
    Telemarketing,
    /// The customer called in (上門客戶).
    CallIn,
    /// Referred by an existing customer (舊客戶介紹).
    CustomerReferral,
    /// Referred by friends or family (親朋好友介紹).
    PersonalReferral,
    /// Upgrade or add-on by an existing customer (舊客戶增購昇級).
    Upgrade,
    /// Other source.
    Other,
}

impl LeadSource {
    /// Every lead source, in declaration order.
    pub const ALL: [LeadSource; 7] = [
        LeadSource::Event,
        LeadSource::Telemarketing,
        LeadSource::CallIn,
        LeadSource::CustomerReferral,
        LeadSource::PersonalReferral,
        LeadSource::Upgrade,
        LeadSource::Other,
    ];
}

/// A four-step intensity: determination (決心強烈度) or dissatisfaction (不滿意度).
/// Serialised as `high|mid|low|none`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 高.
    High,
    /// 中.
    Mid,
    /// 低.
    Low,
    /// 無.
    None,
}

impl Level {
    /// Every level, strongest first.
    pub const ALL: [Level; 4] = [Level::High, Level::Mid, Level::Low, Level::None];

    /// The API spelling (`high|mid|low|none`).
    pub fn code(self) -> &'static str {
        match self {
            Level::High => "high",
            Level::Mid => "mid",
            Level::Low => "low",
            Level::None => "none",
        }
    }
}

/// Prospect grade (SPEC §5). A = can close within 3 months … D = not within 12 months.
///
/// The derived order is A < B < C < D, so the "lower" (more conservative) of two grades is
/// the [`Ord::max`] of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Grade {
    /// Can close within 3 months.
    A,
    /// 4–6 months.
    B,
    /// 7–12 months.
    C,
    /// Not within 12 months.
    D,
}

impl Grade {
    /// Every grade, best first.
    pub const ALL: [Grade; 4] = [Grade::A, Grade::B, Grade::C, Grade::D];

    /// The API spelling (`A|B|C|D`).
    pub fn code(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
        }
    }

    /// Index 0..=3 (A..D), handy for per-grade arrays.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Sales stage (SPEC §7), plus the `lost` outcome. Reaching `signed` means the deal is won.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 0 lead list (取得潛在客戶名單).
    Lead,
    /// 1 first visit (初訪).
    FirstVisit,
    /// 2 exchange meeting (交流).
    Exchange,
    /// 3 targeted demo (有針對性的系統演示).
    Demo,
    /// 4 formal written quote (正式書面報價).
    Quote,
    /// 5 objection handling (客戶的疑慮排除).
    Objections,
    /// 6 business negotiation (商務談判).
    Negotiation,
    /// 7 signed (簽約): the deal is won.
    Signed,
    /// Lost (失敗), with a reason.
    Lost,
}

impl Stage {
    /// Every stage including `lost`, in pipeline order.
    pub const ALL: [Stage; 9] = [
        Stage::Lead,
        Stage::FirstVisit,
        Stage::Exchange,
        Stage::Demo,
        Stage::Quote,
        Stage::Objections,
        Stage::Negotiation,
        Stage::Signed,
        Stage::Lost,
    ];

    /// The eight pipeline stages (without `lost`), in order.
    pub const PIPELINE: [Stage; 8] = [
        Stage::Lead,
        Stage::FirstVisit,
        Stage::Exchange,
        Stage::Demo,
        Stage::Quote,
        Stage::Objections,
        Stage::Negotiation,
        Stage::Signed,
    ];

    /// Position in the pipeline (lead = 0 … signed = 7); `None` for `lost`.
    pub fn ordinal(self) -> Option<usize> {
        match self {
            Stage::Lost => None,
            s => Some(s as usize),
        }
    }

    /// The status a prospect has while at this stage: `signed` → won, `lost` → lost, else open.
    pub fn status(self) -> Status {
        match self {
            Stage::Signed => Status::Won,
            Stage::Lost => Status::Lost,
            _ => Status::Open,
        }
    }

    /// The API spelling.
    pub fn code(self) -> &'static str {
        match self {
            Stage::Lead => "lead",
            Stage::FirstVisit => "first_visit",
            Stage::Exchange => "exchange",
            Stage::Demo => "demo",
            Stage::Quote => "quote",
            Stage::Objections => "objections",
            Stage::Negotiation => "negotiation",
            Stage::Signed => "signed",
            Stage::Lost => "lost",
        }
    }
}

/// Deal status (API.md): derived from the stage, see [`Stage::status`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Still being worked.
    Open,
    /// Signed (成交).
    Won,
    /// Lost (失敗).
    Lost,
}

/// ISO 9000 certification state (SPEC §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Iso9000 {
    /// Certified.
    Yes,
    /// Not certified.
    No,
    /// Certification in progress.
    InProgress,
}

/// Role of a contact person (SPEC §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactRole {
    /// The boss (老板).
    Boss,
    /// IT staff.
    It,
    /// Chief information officer.
    Cio,
    /// Another key person in the decision.
    KeyPerson,
    /// Anyone else.
    Other,
}

/// A contact person at the prospect.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Name (required, non-empty).
    pub name: String,
    /// Role in the deal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<ContactRole>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Phone number (tap-to-call in the PWA).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Invited to the exchange meeting (soft gate of SPEC §7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited: Option<bool>,
}

/// The grading answers of SPEC §5. Every answer is optional so missing ones are detectable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualification {
    /// Objective necessity to informatize (客觀的信息化必要性).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective_need: Option<bool>,
    /// Subjective necessity (主觀的信息化必要性).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subjective_need: Option<bool>,
    /// Determination (決心強烈度); for informatized prospects, determination to switch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub determination: Option<Level>,
    /// Feasibility study started (not-informatized table only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feasibility_started: Option<bool>,
    /// Dissatisfaction with the current system (informatized table only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dissatisfaction: Option<Level>,
    /// Vendor selection started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection_started: Option<bool>,
}

/// Key information 1: schedule (時間表). All dates optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// When selection starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection_start: Option<chrono::NaiveDate>,
    /// When selection completes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection_end: Option<chrono::NaiveDate>,
    /// When the vendor is decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor_decision: Option<chrono::NaiveDate>,
    /// When the contract is signed (drives the grading tie-breaker).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<chrono::NaiveDate>,
    /// When implementation starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation_start: Option<chrono::NaiveDate>,
    /// When the ERP goes live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub go_live: Option<chrono::NaiveDate>,
}

/// Key information 2: budget (預算).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Whether the project has a budget (預算制).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budgeted: Option<bool>,
    /// Budgeted amount in CNY.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_cny: Option<i64>,
    /// What the budget covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covers: Option<String>,
    /// Not budgeted: roughly what they can afford, in CNY.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affordable_cny: Option<i64>,
}

/// Key information 3: requirement (需求).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Motivation for informatizing now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motivation: Option<String>,
    /// Problems to solve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problems: Option<String>,
    /// Functional scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functional_scope: Option<String>,
    /// Geographic scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geographic_scope: Option<String>,
    /// Language scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language_scope: Option<String>,
    /// Modules needed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modules: Vec<String>,
    /// Services needed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
}

/// Key information 4: decision — people and process (決策).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Who initiated the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiator: Option<String>,
    /// The decision makers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decision_makers: Vec<String>,
    /// The decision process.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process: Option<String>,
    /// Selection criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria: Option<String>,
    /// Parent company's role in the decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_company_role: Option<String>,
    /// Group headquarters' role in the decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_hq_role: Option<String>,
}

/// Key information 5: competition (競爭).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competition {
    /// Competing vendors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competitors: Vec<String>,
    /// Who is leading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader: Option<String>,
    /// The leader's concrete strengths.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader_strengths: Option<String>,
    /// The laggards' concrete weaknesses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub laggard_weaknesses: Option<String>,
}

/// Key information 6: key evaluation items (關鍵評估項, 客戶興奮點).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// Factors they evaluate (software, service, hardware, database, network, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub factors: Vec<String>,
    /// The factor they value most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub most_valued: Option<String>,
}

/// A three-valued answer of the MAN check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tri {
    /// Yes.
    Yes,
    /// No.
    No,
    /// Not known yet.
    Unknown,
}

/// The rep's own MAN judgement (Money, Authority, Need); each answer overrides the value
/// [`crate::keyinfo::man_check`] would derive from the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManAnswers {
    /// They have the money.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub money: Option<bool>,
    /// We are in touch with the authority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<bool>,
    /// They have the need.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need: Option<bool>,
}

/// The rep's grade override with its written reason (SPEC §5 step 5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeOverride {
    /// The grade the rep sets.
    pub grade: Grade,
    /// Why (required, non-empty).
    pub reason: String,
}

/// The editable prospect record: every field `prospect.put` may patch (API.md), plus the
/// SPEC §3 profile items API.md does not list (additions are allowed by the contract).
///
/// Server-owned fields (id, owner, stage, status, timestamps, derived grade …) live in
/// [`crate::record::ProspectRecord`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Prospect {
    /// Company name (required, non-empty).
    pub company: String,
    /// Industry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<Industry>,
    /// Annual revenue in CNY.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_revenue_cny: Option<i64>,
    /// Annual profit in CNY (may be negative: a loss).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_profit_cny: Option<i64>,
    /// Headcount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employees: Option<i64>,
    /// Products made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub products: Option<String>,
    /// Region / territory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Lead source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<LeadSource>,
    /// Already informatized (已信息化) or not; picks the grading table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub informatized: Option<bool>,
    /// Current system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_system: Option<String>,
    /// Vendor of the current system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_vendor: Option<String>,
    /// ISO 9000 state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso9000: Option<Iso9000>,
    /// Business process re-engineering under way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bpr: Option<bool>,
    /// Factory relocation or expansion (遷擴廠).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relocation_expansion: Option<bool>,
    /// Major investment planned (重大投資).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub major_investment: Option<bool>,
    /// Number of item codes (品號數).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_codes: Option<i64>,
    /// Street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Database preference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub db_preference: Option<String>,
    /// Operating-system preference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os_preference: Option<String>,
    /// Hardware preference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hardware_preference: Option<String>,
    /// Grading answers (SPEC §5).
    #[serde(default)]
    pub qualification: Qualification,
    /// Key information: schedule.
    #[serde(default)]
    pub schedule: Schedule,
    /// Key information: budget.
    #[serde(default)]
    pub budget: Budget,
    /// Key information: requirement.
    #[serde(default)]
    pub requirement: Requirement,
    /// Key information: decision.
    #[serde(default)]
    pub decision: Decision,
    /// Key information: competition.
    #[serde(default)]
    pub competition: Competition,
    /// Key information: evaluation items.
    #[serde(default)]
    pub evaluation: Evaluation,
    /// The rep's MAN judgement.
    #[serde(default)]
    pub man: ManAnswers,
    /// Contact people.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// The rep's grade override, or null.
    #[serde(default)]
    pub grade_override: Option<GradeOverride>,
}

impl Prospect {
    /// A prospect with only a company name (not validated; see [`crate::validate`]).
    pub fn named(company: impl Into<String>) -> Self {
        Prospect {
            company: company.into(),
            ..Prospect::default()
        }
    }
}

#[cfg(test)]
mod code_tests {
    use super::*;

    #[test]
    fn a_code_reads_back_as_its_value_and_an_unknown_code_as_none() {
        assert_eq!(from_code::<Stage>(&code_of(Stage::Lead)), Some(Stage::Lead));
        assert_eq!(from_code::<Stage>("no_such_stage"), None);
        assert_eq!(from_code::<Stage>(""), None);
    }
}
