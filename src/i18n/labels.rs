//! The names of the core's codes (stages, grades, industries, lead sources, contact roles,
//! levels, target fit and its reasons, grading criteria, key-information items, note kinds),
//! shared by every screen that shows them. Codes stay codes in the data; only these functions
//! turn them into words, so a stage or a source reads the same on every screen.

use tuoke_core::activity::NoteKind;
use tuoke_core::fit::{FitReason, FitStatus};
use tuoke_core::grading::{Answer, Criterion, GradeBasis};
use tuoke_core::keyinfo::KeyItem;
use tuoke_core::plausible::WarningCode;
use tuoke_core::types::{ContactRole, Grade, Industry, Iso9000, LeadSource, Level, Stage, Tri};

use super::translate::I18n;

catalog! {
    /// The name of a core code.
    pub enum LabelKey {
        StageLead => ["名单", "名單", "Lead list"],
        StageFirstVisit => ["初访", "初訪", "First visit"],
        StageExchange => ["交流", "交流", "Exchange meeting"],
        StageDemo => ["系统演示", "系統展示", "Targeted demo"],
        StageQuote => ["正式报价", "正式報價", "Formal quote"],
        StageObjections => ["疑虑排除", "疑慮排除", "Objection handling"],
        StageNegotiation => ["商务谈判", "商務談判", "Negotiation"],
        StageSigned => ["签约", "簽約", "Signed"],
        StageLost => ["失败", "失敗", "Lost"],

        Grade => ["{g} 级", "{g} 級", "Grade {g}"],
        Ungraded => ["未分级", "未分級", "Ungraded"],
        NeedsConfirmation => ["等级待确认", "等級待確認", "Grade to confirm"],

        SourceEvent => ["参加活动", "參加活動", "Event"],
        SourceTelemarketing => ["电话行销", "電話行銷", "Telemarketing"],
        SourceCallIn => ["客户来电", "客戶來電", "Call-in"],
        SourceCustomerReferral => ["老客户介绍", "舊客戶介紹", "Customer referral"],
        SourcePersonalReferral => ["亲友介绍", "親友介紹", "Friends or family"],
        SourceUpgrade => ["老客户增购升级", "舊客戶增購昇級", "Upgrade or add-on"],
        SourceOther => ["其他来源", "其他來源", "Other source"],

        FitIn => ["目标市场内", "目標市場內", "In target"],
        FitOut => ["目标市场外", "目標市場外", "Outside target"],
        FitUnknown => ["符合度未知", "符合度未知", "Fit unknown"],

        NoteVisit => ["拜访", "拜訪", "Visit"],
        NoteCall => ["电话", "電話", "Call"],
        NoteMeeting => ["会议", "會議", "Meeting"],
        NoteOther => ["其他", "其他", "Other"],

        IndustryElectronics => ["电子", "電子", "Electronics"],
        IndustryElectricalMachinery => ["电机", "電機", "Electrical machinery"],
        IndustryElectricalAppliances => ["电器", "電器", "Electrical appliances"],
        IndustryMachinery => ["机械", "機械", "Machinery"],
        IndustryHardware => ["五金", "五金", "Hardware"],
        IndustryTools => ["工具", "工具", "Tools"],
        IndustryTransportEquipment => ["运输器材", "運輸器材", "Transport equipment"],
        IndustryOther => ["其他行业", "其他行業", "Other industry"],

        IsoYes => ["已认证", "已認證", "Certified"],
        IsoInProgress => ["认证中", "認證中", "In progress"],
        IsoNo => ["未认证", "未認證", "Not certified"],

        RoleBoss => ["老板", "老闆", "Boss"],
        RoleIt => ["IT 人员", "IT 人員", "IT staff"],
        RoleCio => ["信息主管（CIO）", "資訊主管（CIO）", "CIO"],
        RoleKeyPerson => ["关键人物", "關鍵人物", "Key person"],
        RoleOther => ["其他", "其他", "Other"],

        LevelHigh => ["高", "高", "High"],
        LevelMid => ["中", "中", "Mid"],
        LevelLow => ["低", "低", "Low"],
        LevelNone => ["无", "無", "None"],

        Yes => ["是", "是", "Yes"],
        No => ["否", "否", "No"],
        Unknown => ["不清楚", "不清楚", "Unknown"],

        FitIndustryNotTarget => ["行业不在目标行业内", "行業不在目標行業內", "Industry is not a target industry"],
        FitRevenueBelow => ["年营业额低于 3000 万元", "年營業額低於 3000 萬元", "Revenue below RMB 30 M"],
        FitRevenueAbove => ["年营业额高于 5 亿元", "年營業額高於 5 億元", "Revenue above RMB 500 M"],
        FitProfitBelow => ["年利润低于 500 万元", "年利潤低於 500 萬元", "Profit below RMB 5 M"],
        FitIndustryMissing => ["行业未填写", "行業未填寫", "Industry not recorded"],
        FitRevenueMissing => ["年营业额未填写", "年營業額未填寫", "Revenue not recorded"],
        FitProfitMissing => ["年利润未填写", "年利潤未填寫", "Profit not recorded"],

        CritInformatized => ["是否已信息化？", "是否已資訊化？", "Already informatized?"],
        CritObjective => ["客观上有信息化必要性？", "客觀上有資訊化必要性？", "Objective need to informatize?"],
        CritSubjective => ["主观上认同信息化必要性？", "主觀上認同資訊化必要性？", "Do they themselves see the need?"],
        CritDetermination => ["信息化决心强烈度", "資訊化決心強烈度", "Determination to informatize"],
        CritDeterminationSwitch => ["更换系统的决心", "更換系統的決心", "Determination to switch"],
        CritDissatisfaction => ["对现有系统的不满意度", "對現有系統的不滿意度", "Dissatisfaction with the current system"],
        CritFeasibility => ["已开始可行性评估？", "已開始可行性評估？", "Feasibility study started?"],
        CritSelection => ["已开始选型？", "已開始選型？", "Vendor selection started?"],

        BasisNoObjectiveNeed => ["没有客观的信息化必要性，因此为 D 级。", "沒有客觀的資訊化必要性，因此為 D 級。", "No objective need to informatize, so grade D."],
        BasisUngraded => ["回答不完整，暂不分级。", "回答不完整，暫不分級。", "Answers incomplete: not graded yet."],
        BasisSingleRow => ["回答完全符合分级表的一行。", "回答完全符合分級表的一行。", "The answers match exactly one row of the grading table."],
        BasisContractDate => ["回答符合多行，由预计签约日期决定。", "回答符合多行，由預計簽約日期決定。", "The answers fit several rows; the contract date decided."],
        BasisLowerCandidate => ["回答符合多行，取较保守的等级。", "回答符合多行，取較保守的等級。", "The answers fit several rows; the more conservative grade was taken."],
        BasisClosestRow => ["没有完全符合的行，取最接近的一行。", "沒有完全符合的行，取最接近的一行。", "No row fits exactly; the closest row was taken."],

        KiSelectionStart => ["开始选型", "開始選型", "Selection starts"],
        KiSelectionEnd => ["完成选型", "完成選型", "Selection ends"],
        KiVendorDecision => ["决定厂商", "決定廠商", "Vendor decided"],
        KiContract => ["签约", "簽約", "Contract signed"],
        KiImplementationStart => ["开始实施", "開始實施", "Implementation starts"],
        KiGoLive => ["系统上线", "系統上線", "Go-live"],
        KiBudgeted => ["是否编列预算", "是否編列預算", "Budgeted?"],
        KiBudgetAmount => ["预算金额", "預算金額", "Budget amount"],
        KiBudgetCovers => ["预算涵盖", "預算涵蓋", "Budget covers"],
        KiBudgetAffordable => ["可投入金额", "可投入金額", "Can afford"],
        KiMotivation => ["动机", "動機", "Motivation"],
        KiProblems => ["要解决的问题", "要解決的問題", "Problems to solve"],
        KiFunctionalScope => ["功能范围", "功能範圍", "Functional scope"],
        KiGeographicScope => ["地理范围", "地理範圍", "Geographic scope"],
        KiLanguageScope => ["语言范围", "語言範圍", "Language scope"],
        KiModules => ["需要的模块", "需要的模組", "Modules needed"],
        KiServices => ["需要的服务", "需要的服務", "Services needed"],
        KiInitiator => ["发起人", "發起人", "Initiator"],
        KiDecisionMakers => ["决策人员", "決策人員", "Decision makers"],
        KiDecisionProcess => ["决策过程", "決策過程", "Decision process"],
        KiCriteria => ["选型标准", "選型標準", "Selection criteria"],
        KiParentRole => ["母公司的角色", "母公司的角色", "Parent company's role"],
        KiGroupHqRole => ["集团总部的角色", "集團總部的角色", "Group HQ's role"],
        KiCompetitors => ["竞争厂商", "競爭廠商", "Competitors"],
        KiLeader => ["领先者", "領先者", "Who leads"],
        KiLeaderStrengths => ["领先者的具体优势", "領先者的具體優勢", "Leader's strengths"],
        KiLaggardWeaknesses => ["落后者的具体劣势", "落後者的具體劣勢", "Laggards' weaknesses"],
        KiFactors => ["评估因素", "評估因素", "Factors evaluated"],
        KiMostValued => ["最重视的因素", "最重視的因素", "Valued most"],

        GradeUnconfirmed => ["{g} 级？：系统按回答算出，尚待你确认", "{g} 級？：系統依回答算出，尚待你確認", "Grade {g}? — computed from the answers, waiting for your confirmation"],
        GradeOverridden => ["{g} 级（已手动调整）", "{g} 級（已手動調整）", "Grade {g} (set by hand)"],
        UngradedHint => ["未分级：分级问题还没答完", "未分級：分級問題還沒答完", "Ungraded: the grading questions are not all answered"],

        PlausibleRevenueTooHigh => ["营业额超过 1 万亿元，制造业客户很少这么大。请检查单位（元/万/亿）；仍可保存。", "營業額超過 1 兆元，製造業客戶很少這麼大。請檢查單位（元/萬/億）；仍可儲存。", "Revenue above CNY 1 trillion is far beyond a manufacturer. Check the unit (元/万/亿); you can still save."],
        PlausibleRevenueTooLow => ["营业额不到 10 万元，是否漏了单位“万”或“亿”？仍可保存。", "營業額不到 10 萬元，是否漏了單位「萬」或「億」？仍可儲存。", "Revenue under CNY 100,000: did you leave out 万 or 亿? You can still save."],
        PlausibleEmployeesTooMany => ["员工超过 50 万人，制造业客户很少这么多。请检查位数；仍可保存。", "員工超過 50 萬人，製造業客戶很少這麼多。請檢查位數；仍可儲存。", "More than 500,000 employees is far beyond a manufacturer. Check the digits; you can still save."],
        PlausibleItemCodesTooMany => ["品号超过 1000 万个，请检查位数；仍可保存。", "品號超過 1000 萬個，請檢查位數；仍可儲存。", "More than 10 million item codes: check the digits; you can still save."],
        PlausibleProfitAboveRevenue => ["利润高于营业额，请检查两者的单位；仍可保存。", "利潤高於營業額，請檢查兩者的單位；仍可儲存。", "Profit above revenue: check the units of both; you can still save."],
        PlausibleLossAboveRevenue => ["亏损大于营业额，请检查两者的单位；仍可保存。", "虧損大於營業額，請檢查兩者的單位；仍可儲存。", "A loss larger than the revenue: check the units of both; you can still save."],
        PlausibleRevenuePerEmployeeTooHigh => ["人均营业额超过 1 亿元，营业额或员工数可能输错了；仍可保存。", "人均營業額超過 1 億元，營業額或員工數可能輸入錯誤；仍可儲存。", "Revenue per employee above CNY 100 million: revenue or headcount may be mistyped; you can still save."],

        ShowMore => ["展开", "展開", "Show more"],
        ShowLess => ["收起", "收合", "Show less"],
    }
}

impl LabelKey {
    /// Contact roles in the order a form offers them.
    pub const ROLES: [ContactRole; 5] = [
        ContactRole::Boss,
        ContactRole::It,
        ContactRole::Cio,
        ContactRole::KeyPerson,
        ContactRole::Other,
    ];

    /// ISO 9000 states in the order a form offers them.
    pub const ISO9000: [Iso9000; 3] = [Iso9000::Yes, Iso9000::InProgress, Iso9000::No];

    /// The name of a stage.
    pub fn stage(stage: Stage) -> LabelKey {
        match stage {
            Stage::Lead => LabelKey::StageLead,
            Stage::FirstVisit => LabelKey::StageFirstVisit,
            Stage::Exchange => LabelKey::StageExchange,
            Stage::Demo => LabelKey::StageDemo,
            Stage::Quote => LabelKey::StageQuote,
            Stage::Objections => LabelKey::StageObjections,
            Stage::Negotiation => LabelKey::StageNegotiation,
            Stage::Signed => LabelKey::StageSigned,
            Stage::Lost => LabelKey::StageLost,
        }
    }

    /// A grade in words ("A 级"), or "ungraded".
    pub fn grade(i18n: &I18n, grade: Option<Grade>) -> String {
        match grade {
            Some(g) => i18n.fmt(LabelKey::Grade, &[("g", g.code())]),
            None => i18n.t(LabelKey::Ungraded).to_owned(),
        }
    }

    /// The name of an industry.
    pub fn industry(industry: Industry) -> LabelKey {
        match industry {
            Industry::Electronics => LabelKey::IndustryElectronics,
            Industry::ElectricalMachinery => LabelKey::IndustryElectricalMachinery,
            Industry::ElectricalAppliances => LabelKey::IndustryElectricalAppliances,
            Industry::Machinery => LabelKey::IndustryMachinery,
            Industry::Hardware => LabelKey::IndustryHardware,
            Industry::Tools => LabelKey::IndustryTools,
            Industry::TransportEquipment => LabelKey::IndustryTransportEquipment,
            Industry::Other => LabelKey::IndustryOther,
        }
    }

    /// The name of a lead source.
    pub fn source(source: LeadSource) -> LabelKey {
        match source {
            LeadSource::Event => LabelKey::SourceEvent,
            LeadSource::Telemarketing => LabelKey::SourceTelemarketing,
            LeadSource::CallIn => LabelKey::SourceCallIn,
            LeadSource::CustomerReferral => LabelKey::SourceCustomerReferral,
            LeadSource::PersonalReferral => LabelKey::SourcePersonalReferral,
            LeadSource::Upgrade => LabelKey::SourceUpgrade,
            LeadSource::Other => LabelKey::SourceOther,
        }
    }

    /// The name of an ISO 9000 state.
    pub fn iso9000(iso: Iso9000) -> LabelKey {
        match iso {
            Iso9000::Yes => LabelKey::IsoYes,
            Iso9000::No => LabelKey::IsoNo,
            Iso9000::InProgress => LabelKey::IsoInProgress,
        }
    }

    /// The name of a contact's role.
    pub fn contact_role(role: ContactRole) -> LabelKey {
        match role {
            ContactRole::Boss => LabelKey::RoleBoss,
            ContactRole::It => LabelKey::RoleIt,
            ContactRole::Cio => LabelKey::RoleCio,
            ContactRole::KeyPerson => LabelKey::RoleKeyPerson,
            ContactRole::Other => LabelKey::RoleOther,
        }
    }

    /// The name of a level (determination, dissatisfaction).
    pub fn level(level: Level) -> LabelKey {
        match level {
            Level::High => LabelKey::LevelHigh,
            Level::Mid => LabelKey::LevelMid,
            Level::Low => LabelKey::LevelLow,
            Level::None => LabelKey::LevelNone,
        }
    }

    /// Yes, no or unknown.
    pub fn tri(tri: Tri) -> LabelKey {
        match tri {
            Tri::Yes => LabelKey::Yes,
            Tri::No => LabelKey::No,
            Tri::Unknown => LabelKey::Unknown,
        }
    }

    /// Yes or no.
    pub fn yes_no(yes: bool) -> LabelKey {
        if yes {
            LabelKey::Yes
        } else {
            LabelKey::No
        }
    }

    /// A grading answer in words.
    pub fn answer(answer: Answer) -> LabelKey {
        match answer {
            Answer::Bool(b) => LabelKey::yes_no(b),
            Answer::Level(l) => LabelKey::level(l),
        }
    }

    /// The question of a grading criterion; `informatized` picks the wording of determination
    /// (to informatize, or to switch systems).
    pub fn criterion(criterion: Criterion, informatized: bool) -> LabelKey {
        match criterion {
            Criterion::Informatized => LabelKey::CritInformatized,
            Criterion::ObjectiveNeed => LabelKey::CritObjective,
            Criterion::SubjectiveNeed => LabelKey::CritSubjective,
            Criterion::Dissatisfaction => LabelKey::CritDissatisfaction,
            Criterion::Determination if informatized => LabelKey::CritDeterminationSwitch,
            Criterion::Determination => LabelKey::CritDetermination,
            Criterion::FeasibilityStarted => LabelKey::CritFeasibility,
            Criterion::SelectionStarted => LabelKey::CritSelection,
        }
    }

    /// How a grade was reached.
    pub fn grade_basis(basis: GradeBasis) -> LabelKey {
        match basis {
            GradeBasis::NoObjectiveNeed => LabelKey::BasisNoObjectiveNeed,
            GradeBasis::Ungraded => LabelKey::BasisUngraded,
            GradeBasis::SingleRow => LabelKey::BasisSingleRow,
            GradeBasis::ContractDate => LabelKey::BasisContractDate,
            GradeBasis::LowerCandidate => LabelKey::BasisLowerCandidate,
            GradeBasis::ClosestRow => LabelKey::BasisClosestRow,
        }
    }

    /// The name of a target-fit status.
    pub fn fit_status(status: FitStatus) -> LabelKey {
        match status {
            FitStatus::In => LabelKey::FitIn,
            FitStatus::Out => LabelKey::FitOut,
            FitStatus::Unknown => LabelKey::FitUnknown,
        }
    }

    /// Why a prospect is outside the target market, or what is missing to tell.
    pub fn fit_reason(reason: FitReason) -> LabelKey {
        match reason {
            FitReason::IndustryNotTarget => LabelKey::FitIndustryNotTarget,
            FitReason::RevenueBelowRange => LabelKey::FitRevenueBelow,
            FitReason::RevenueAboveRange => LabelKey::FitRevenueAbove,
            FitReason::ProfitBelowMinimum => LabelKey::FitProfitBelow,
            FitReason::IndustryMissing => LabelKey::FitIndustryMissing,
            FitReason::RevenueMissing => LabelKey::FitRevenueMissing,
            FitReason::ProfitMissing => LabelKey::FitProfitMissing,
        }
    }

    /// The short label of a key-information item (its question is the core's
    /// [`KeyItem::question`]).
    pub fn key_item(item: KeyItem) -> LabelKey {
        use KeyItem::*;
        match item {
            ScheduleSelectionStart => LabelKey::KiSelectionStart,
            ScheduleSelectionEnd => LabelKey::KiSelectionEnd,
            ScheduleVendorDecision => LabelKey::KiVendorDecision,
            ScheduleContract => LabelKey::KiContract,
            ScheduleImplementationStart => LabelKey::KiImplementationStart,
            ScheduleGoLive => LabelKey::KiGoLive,
            BudgetBudgeted => LabelKey::KiBudgeted,
            BudgetAmount => LabelKey::KiBudgetAmount,
            BudgetCovers => LabelKey::KiBudgetCovers,
            BudgetAffordable => LabelKey::KiBudgetAffordable,
            RequirementMotivation => LabelKey::KiMotivation,
            RequirementProblems => LabelKey::KiProblems,
            RequirementFunctionalScope => LabelKey::KiFunctionalScope,
            RequirementGeographicScope => LabelKey::KiGeographicScope,
            RequirementLanguageScope => LabelKey::KiLanguageScope,
            RequirementModules => LabelKey::KiModules,
            RequirementServices => LabelKey::KiServices,
            DecisionInitiator => LabelKey::KiInitiator,
            DecisionMakers => LabelKey::KiDecisionMakers,
            DecisionProcess => LabelKey::KiDecisionProcess,
            DecisionCriteria => LabelKey::KiCriteria,
            DecisionParentCompanyRole => LabelKey::KiParentRole,
            DecisionGroupHqRole => LabelKey::KiGroupHqRole,
            CompetitionCompetitors => LabelKey::KiCompetitors,
            CompetitionLeader => LabelKey::KiLeader,
            CompetitionLeaderStrengths => LabelKey::KiLeaderStrengths,
            CompetitionLaggardWeaknesses => LabelKey::KiLaggardWeaknesses,
            EvaluationFactors => LabelKey::KiFactors,
            EvaluationMostValued => LabelKey::KiMostValued,
        }
    }

    /// The name of a note kind (as a choice: "visit", "call"…).
    pub fn note_kind(kind: NoteKind) -> LabelKey {
        match kind {
            NoteKind::Visit => LabelKey::NoteVisit,
            NoteKind::Call => LabelKey::NoteCall,
            NoteKind::Meeting => LabelKey::NoteMeeting,
            NoteKind::Other => LabelKey::NoteOther,
        }
    }

    /// The warning shown under a field for an implausible figure.
    pub fn plausibility(code: WarningCode) -> LabelKey {
        match code {
            WarningCode::RevenueTooHigh => LabelKey::PlausibleRevenueTooHigh,
            WarningCode::RevenueTooLow => LabelKey::PlausibleRevenueTooLow,
            WarningCode::EmployeesTooMany => LabelKey::PlausibleEmployeesTooMany,
            WarningCode::ItemCodesTooMany => LabelKey::PlausibleItemCodesTooMany,
            WarningCode::ProfitAboveRevenue => LabelKey::PlausibleProfitAboveRevenue,
            WarningCode::LossAboveRevenue => LabelKey::PlausibleLossAboveRevenue,
            WarningCode::RevenuePerEmployeeTooHigh => LabelKey::PlausibleRevenuePerEmployeeTooHigh,
        }
    }
}
