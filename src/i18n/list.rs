//! Messages of the Prospects list (search, filters, sorting, rows) and the Pipeline tab (the
//! names of stages, grades, target fit and lead sources are [`super::LabelKey`]'s).

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
        FilterOwner => ["负责人", "負責人", "Owner"],
        Any => ["全部", "全部", "All"],
        SortBy => ["排序", "排序", "Sort by"],
        SortDue => ["下次联系日期", "下次聯絡日期", "Next contact due"],
        SortCompany => ["公司名称", "公司名稱", "Company name"],
        SortUpdated => ["最近更新", "最近更新", "Recently updated"],
        Count => ["{n} 个客户", "{n} 個客戶", "{n} prospects"],
        CountFiltered => ["{n} 个符合（共 {total} 个）", "{n} 個符合（共 {total} 個）", "{n} of {total} prospects"],
        NoMatch => ["没有符合条件的客户。", "沒有符合條件的客戶。", "No prospect matches."],
        Empty => ["还没有客户。记录第一个客户后，它会出现在这里。", "還沒有客戶。記錄第一個客戶後，它會出現在這裡。", "No prospects yet. Once you capture one, it shows up here."],
        AddProspect => ["新客户", "新客戶", "New prospect"],
        CaptureFirst => ["立即新建", "立即新建", "Add one now"],
        FirstSync => ["正在从服务器取回你的客户…", "正在從伺服器取回你的客戶…", "Fetching your prospects from the server…"],
        DueToday => ["今天联系", "今天聯絡", "Due today"],
        Overdue => ["逾期 {n} 天", "逾期 {n} 天", "{n}d overdue"],
        DueOn => ["{d} 联系", "{d} 聯絡", "Due {d}"],
        AwaitingStage => ["待批：{s}", "待批：{s}", "Awaiting: {s}"],
        PipelineIntro => ["各阶段进行中的客户。点一个阶段查看名单。", "各階段進行中的客戶。點一個階段查看名單。", "Open prospects by stage. Tap a stage to see them."],
        PipelineOpen => ["进行中", "進行中", "Open"],
        PipelineOutcomes => ["结果", "結果", "Outcomes"],
        PipelineWon => ["成交", "成交", "Won"],
    }
}
