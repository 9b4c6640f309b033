//! Messages of the Today screen: contacts due, approvals, quick actions, the monthly plan.

use tuoke_core::cadence::WorkType;

catalog! {
    /// A message of the Today screen: contacts due, approvals, quick actions, the monthly plan.
    pub enum TodayKey {
        DueTitle => ["今天该联系", "今天該聯絡", "Contacts due"],
        DueSummary => ["今天到期 {t} 个，已逾期 {o} 个", "今天到期 {t} 個，已逾期 {o} 個", "{t} due today, {o} overdue"],
        CaughtUp => ["全部跟进完毕：今天没有到期的联系。", "全部跟進完畢：今天沒有到期的聯絡。", "All caught up: no contacts due today."],
        NoProspects => ["还没有客户。记录第一个客户后，这里会按等级提醒你什么时候联系。", "還沒有客戶。記錄第一個客戶後，這裡會依等級提醒你什麼時候聯絡。", "No prospects yet. Capture the first one and this screen reminds you when to contact it, by its grade."],
        GradeGroup => ["{g} 级 · 每 {n} 天联系", "{g} 級 · 每 {n} 天聯絡", "Grade {g} · every {n} days"],
        UngradedGroup => ["未分级 · 每 {n} 天联系", "未分級 · 每 {n} 天聯絡", "Ungraded · every {n} days"],
        ShowAll => ["全部显示（还有 {n} 个）", "全部顯示（還有 {n} 個）", "Show all ({n} more)"],
        Call => ["打电话", "打電話", "Call"],
        CallWho => ["打电话给{who}（{phone}）", "打電話給{who}（{phone}）", "Call {who} ({phone})"],
        Note => ["记笔记", "記筆記", "Note"],
        NoteFor => ["为{c}记笔记", "為{c}記筆記", "Write a note for {c}"],
        LogContact => ["登记联系", "登記聯絡", "Log contact"],
        LogContactFor => ["登记与{c}的联系", "登記與{c}的聯絡", "Log a contact with {c}"],
        LogMethod => ["联系方式", "聯絡方式", "Contact method"],
        LogSummary => ["摘要（可不填）", "摘要（可不填）", "Summary (optional)"],
        LogSummaryHint => ["例如：约了下周二拜访", "例如：約了下週二拜訪", "e.g. visit agreed for next Tuesday"],
        Save => ["保存", "儲存", "Save"],
        Saving => ["正在保存…", "正在儲存…", "Saving…"],
        Cancel => ["取消", "取消", "Cancel"],
        Logged => ["已登记与{c}的联系，下次联系：{d}。", "已登記與{c}的聯絡，下次聯絡：{d}。", "Contact with {c} logged; next contact {d}."],
        ApprovalsTitle => ["审批", "核准申請", "Approvals"],
        ApprovalsWaiting => ["等你审批（{n}）", "等你核准（{n}）", "Waiting for you ({n})"],
        ApprovalsDecided => ["最近处理", "最近處理", "Recently decided"],
        MyRequests => ["我的申请", "我的申請", "My requests"],
        ApprovalsEmpty => ["没有待处理的审批。", "沒有待處理的核准申請。", "No approvals."],
        ApprovalStageMove => ["申请推进到“{s}”", "申請推進到「{s}」", "Move to “{s}”"],
        ApprovalQuote => ["正式报价需要主管审批", "正式報價需要主管核准", "Formal quote needs approval"],
        ApprovalStageMoveBy => ["{who} 申请推进到“{s}”", "{who} 申請推進到「{s}」", "{who} asks to move to “{s}”"],
        ApprovalQuoteBy => ["{who} 的正式报价需要审批", "{who} 的正式報價需要核准", "{who}'s formal quote needs approval"],
        ApprovalReason => ["理由：{r}", "理由：{r}", "Reason: {r}"],
        ApprovalPending => ["待审批", "待核准", "Pending"],
        ApprovalApproved => ["已批准", "已核准", "Approved"],
        ApprovalRejected => ["已驳回", "已駁回", "Rejected"],
        ManagerComment => ["主管意见：{c}", "主管意見：{c}", "Manager's comment: {c}"],
        CommentLabel => ["意见", "意見", "Comment"],
        CommentHint => ["驳回时必填，告诉销售原因", "駁回時必填，告訴銷售原因", "Required to reject: tell the rep why"],
        Approve => ["批准", "核准", "Approve"],
        Reject => ["驳回", "駁回", "Reject"],
        RejectNeedsComment => ["驳回时请写明原因。", "駁回時請寫明原因。", "Write why you reject it."],
        ApprovedSaved => ["已批准，同步后生效。", "已核准，同步後生效。", "Approved; it takes effect once synced."],
        RejectedSaved => ["已驳回，同步后销售会看到原因。", "已駁回，同步後銷售會看到原因。", "Rejected; the rep sees why once synced."],
        ApprovedSynced => ["已批准，已同步生效。", "已核准，已同步生效。", "Approved; synced and in effect."],
        RejectedSynced => ["已驳回，已同步，销售会看到原因。", "已駁回，已同步，銷售會看到原因。", "Rejected; synced, the rep sees why."],
        UnknownProspect => ["（本机没有这个客户）", "（本機沒有這個客戶）", "(prospect not on this phone)"],
        PlanTitle => ["本月计划", "本月計劃", "This month's plan"],
        PlanIntro => ["你的客户组合和本月登记联系的天数，对照每月标准（实际 / 标准）。", "你的客戶組合和本月登記聯絡的天數，對照每月標準（實際 / 標準）。", "Your portfolio and the days with logged contacts this month, against the monthly norm (actual / norm)."],
        PlanWork => ["工作", "工作", "Work"],
        PlanAccounts => ["客户数", "客戶數", "Accounts"],
        PlanDays => ["天数", "天數", "Days"],
        PlanCell => ["实际 {a}，标准 {n}", "實際 {a}，標準 {n}", "{a} actual, norm {n}"],
        PlanNote => ["同一天为同一类客户登记多次联系，只算一天。", "同一天為同一類客戶登記多次聯絡，只算一天。", "A day counts once per kind of work, however many contacts you log on it."],
        WorkA => ["跑 A 级客户", "跑 A 級客戶", "Work A prospects"],
        MaintainB => ["维护 B 级客户", "維護 B 級客戶", "Maintain B"],
        MaintainC => ["维护 C 级客户", "維護 C 級客戶", "Maintain C"],
        DevelopNew => ["开发新客户（D 级、未分级）", "開發新客戶（D 級、未分級）", "Develop new (D, ungraded)"],
    }
}

impl TodayKey {
    /// The name of a line of the monthly norm.
    pub fn work(work: WorkType) -> TodayKey {
        match work {
            WorkType::WorkA => TodayKey::WorkA,
            WorkType::MaintainB => TodayKey::MaintainB,
            WorkType::MaintainC => TodayKey::MaintainC,
            WorkType::DevelopNew => TodayKey::DevelopNew,
        }
    }
}
