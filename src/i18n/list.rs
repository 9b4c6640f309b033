//! Messages of the Prospects list (search, filters, sorting, rows) and the Pipeline tab, and
//! the names of the codes they show (stages, grades, target fit, lead sources), which the
//! Today screen shares.

use tuoke_core::fit::FitStatus;
use tuoke_core::types::{LeadSource, Stage};

catalog! {
    /// A message of the Prospects list and the Pipeline tab.
    pub enum ListKey {
        SearchLabel => ["搜索客户", "搜尋客戶", "Search prospects"],
        SearchPlaceholder => ["公司、联系人、电话、产品", "公司、聯絡人、電話、產品", "Company, contact, phone, product"],
        Filters => ["筛选与排序", "篩選與排序", "Filter and sort"],
        FiltersActive => ["筛选与排序（{n}）", "篩選與排序（{n}）", "Filter and sort ({n})"],
        ClearFilters => ["清除筛选", "清除篩選", "Clear filters"],
        FilterGrade => ["等级", "等級", "Grade"],
        FilterStage => ["阶段", "階段", "Stage"],
        FilterFit => ["目标市场", "目標市場", "Target market"],
        FilterSource => ["名单来源", "名單來源", "Lead source"],
        Any => ["全部", "全部", "All"],
        SortBy => ["排序", "排序", "Sort by"],
        SortDue => ["下次联系日期", "下次聯絡日期", "Next contact due"],
        SortCompany => ["公司名称", "公司名稱", "Company name"],
        SortUpdated => ["最近更新", "最近更新", "Recently updated"],
        Count => ["{n} 个客户", "{n} 個客戶", "{n} prospects"],
        CountFiltered => ["{n} 个符合（共 {total} 个）", "{n} 個符合（共 {total} 個）", "{n} of {total} prospects"],
        NoMatch => ["没有符合条件的客户。", "沒有符合條件的客戶。", "No prospect matches."],
        Empty => ["还没有客户。记录第一个客户后，它会出现在这里。", "還沒有客戶。記錄第一個客戶後，它會出現在這裡。", "No prospects yet. Once you capture one, it shows up here."],
        CaptureFirst => ["立即新建", "立即新建", "Add one now"],
        FirstSync => ["正在从服务器取回你的客户…", "正在從伺服器取回你的客戶…", "Fetching your prospects from the server…"],
        DueToday => ["今天联系", "今天聯絡", "Due today"],
        Overdue => ["逾期 {n} 天", "逾期 {n} 天", "{n}d overdue"],
        DueOn => ["{d} 联系", "{d} 聯絡", "Due {d}"],
        AwaitingStage => ["待批：{s}", "待批：{s}", "Awaiting: {s}"],
        GradeLabel => ["等级 {g}", "等級 {g}", "Grade {g}"],
        NeedsConfirmation => ["等级待确认", "等級待確認", "Grade to confirm"],
        Ungraded => ["未分级", "未分級", "Ungraded"],
        StageLead => ["名单", "名單", "Lead list"],
        StageFirstVisit => ["初访", "初訪", "First visit"],
        StageExchange => ["交流", "交流", "Exchange meeting"],
        StageDemo => ["演示", "演示", "Demo"],
        StageQuote => ["正式报价", "正式報價", "Formal quote"],
        StageObjections => ["疑虑排除", "疑慮排除", "Objection handling"],
        StageNegotiation => ["商务谈判", "商務談判", "Negotiation"],
        StageSigned => ["签约", "簽約", "Signed"],
        StageLost => ["失败", "失敗", "Lost"],
        FitIn => ["符合目标市场", "符合目標市場", "In target"],
        FitOut => ["不符合目标市场", "不符合目標市場", "Outside target"],
        FitUnknown => ["资料不足", "資料不足", "Not enough data"],
        SourceEvent => ["参加活动", "參加活動", "Event"],
        SourceTelemarketing => ["电话行销", "電話行銷", "Telemarketing"],
        SourceCallIn => ["上门客户", "上門客戶", "Call-in"],
        SourceCustomerReferral => ["老客户介绍", "舊客戶介紹", "Customer referral"],
        SourcePersonalReferral => ["亲友介绍", "親友介紹", "Friends and family"],
        SourceUpgrade => ["老客户增购升级", "舊客戶增購昇級", "Upgrade or add-on"],
        SourceOther => ["其他", "其他", "Other"],
        PipelineIntro => ["各阶段进行中的客户。点一个阶段查看名单。", "各階段進行中的客戶。點一個階段查看名單。", "Open prospects by stage. Tap a stage to see them."],
        PipelineOpen => ["进行中", "進行中", "Open"],
        PipelineOutcomes => ["结果", "結果", "Outcomes"],
        PipelineWon => ["成交", "成交", "Won"],
    }
}

impl ListKey {
    /// The name of a stage.
    pub fn stage(stage: Stage) -> ListKey {
        match stage {
            Stage::Lead => ListKey::StageLead,
            Stage::FirstVisit => ListKey::StageFirstVisit,
            Stage::Exchange => ListKey::StageExchange,
            Stage::Demo => ListKey::StageDemo,
            Stage::Quote => ListKey::StageQuote,
            Stage::Objections => ListKey::StageObjections,
            Stage::Negotiation => ListKey::StageNegotiation,
            Stage::Signed => ListKey::StageSigned,
            Stage::Lost => ListKey::StageLost,
        }
    }

    /// The name of a target-fit status.
    pub fn fit(fit: FitStatus) -> ListKey {
        match fit {
            FitStatus::In => ListKey::FitIn,
            FitStatus::Out => ListKey::FitOut,
            FitStatus::Unknown => ListKey::FitUnknown,
        }
    }

    /// The name of a lead source.
    pub fn source(source: LeadSource) -> ListKey {
        match source {
            LeadSource::Event => ListKey::SourceEvent,
            LeadSource::Telemarketing => ListKey::SourceTelemarketing,
            LeadSource::CallIn => ListKey::SourceCallIn,
            LeadSource::CustomerReferral => ListKey::SourceCustomerReferral,
            LeadSource::PersonalReferral => ListKey::SourcePersonalReferral,
            LeadSource::Upgrade => ListKey::SourceUpgrade,
            LeadSource::Other => ListKey::SourceOther,
        }
    }
}
