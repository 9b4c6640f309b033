//! Messages of the stage bar, playbooks, the activity log and the notes timeline of a prospect,
//! and the mapping from the core's codes (rules, soft-gate warnings, note kinds) to them.

use tuoke_core::activity::NoteKind;
use tuoke_core::stage::{Rule, Warning};

catalog! {
    /// A message of the stage bar, playbooks, the activity log and the notes timeline of a prospect.
    pub enum StageKey {

        StageBarTitle => ["销售阶段", "銷售階段", "Sales stages"],
        CurrentStage => ["当前阶段", "目前階段", "Current stage"],
        VerdictAllowed => ["可以推进", "可以推進", "Allowed"],
        VerdictBack => ["可以退回", "可以退回", "Can move back"],
        VerdictReopen => ["可以重新打开", "可以重新開啟", "Can reopen"],
        VerdictNeedsApproval => ["需主管批准", "需主管核准", "Needs manager's approval"],
        VerdictForbidden => ["不允许", "不允許", "Not allowed"],
        VerdictWaiting => ["等待主管批准", "等待主管核准", "Waiting for approval"],

        RuleSkipFirstVisitNeedsApproval => ["跳过初访需要主管批准。", "跳過初訪需要主管核准。", "Skipping the first visit needs the manager's approval."],
        RuleSkipDemoNeedsApproval => ["未做系统演示就正式报价需要主管批准。", "未做系統展示就正式報價需要主管核准。", "Quoting without a demo needs the manager's approval."],
        RuleSignWithoutNegotiationNeedsApproval => ["未经商务谈判直接签约需要主管批准。", "未經商務談判直接簽約需要主管核准。", "Signing without a negotiation needs the manager's approval."],
        RuleQuoteOnlyAfterExchange => ["正式书面报价最早在交流之后。", "正式書面報價最早在交流之後。", "A formal quote comes only after the exchange meeting."],
        RuleObjectionsOnlyAfterQuote => ["疑虑排除在正式报价之后。", "疑慮排除在正式報價之後。", "Objection handling comes only after the formal quote."],
        RuleNegotiationOnlyAfterQuote => ["商务谈判在正式报价之后。", "商務談判在正式報價之後。", "Negotiation comes only after the formal quote."],
        RuleNoSkippingToSigned => ["没有正式报价不能直接签约。", "沒有正式報價不能直接簽約。", "You cannot jump to signed before a formal quote."],
        RuleSameStage => ["客户已在这个阶段。", "客戶已在這個階段。", "The prospect is already at this stage."],
        RuleLostReasonRequired => ["标记为失败需要填写原因。", "標記為失敗需要填寫原因。", "Marking as lost needs a reason."],
        RuleReopenOnlyToLead => ["失败的客户只能回到名单。", "失敗的客戶只能回到名單。", "A lost prospect can only return to the lead list."],
        RuleWonIsFinal => ["已签约的商机不再变更阶段；增购或升级请另开新商机。", "已簽約的商機不再變更階段；增購或昇級請另開新商機。", "A won deal does not move; an upgrade or add-on starts a new deal."],
        RuleOther => ["规则：{code}", "規則：{code}", "Rule: {code}"],

        WarningsTitle => ["推进前请注意（不影响推进）：", "推進前請注意（不影響推進）：", "Before you move (these do not block the move):"],
        WarnDecisionMakersNotInvited => ["还没有邀请老板或关键人员参加交流。", "還沒有邀請老闆或關鍵人員參加交流。", "The boss or key people have not been invited to the exchange meeting."],
        WarnRequirementIncomplete => ["需求方面的关键信息还不完整。", "需求方面的關鍵資訊還不完整。", "The requirement key information is incomplete."],
        WarnBudgetIncomplete => ["预算方面的关键信息还不完整。", "預算方面的關鍵資訊還不完整。", "The budget key information is incomplete."],
        WarnBudgetNotProbed => ["还没有探得客户预算。", "還沒有探得客戶預算。", "The customer's budget has not been probed yet."],

        ConfirmMoveTitle => ["推进到“{stage}”？", "推進到「{stage}」？", "Move to {stage}?"],
        ConfirmBackTitle => ["退回到“{stage}”？", "退回到「{stage}」？", "Move back to {stage}?"],
        ConfirmRequestTitle => ["申请推进到“{stage}”？", "申請推進到「{stage}」？", "Request a move to {stage}?"],
        ConfirmRequestHint => ["这一步需要主管批准。申请先保存在本机，同步后送交主管；批准前阶段保持不变。", "這一步需要主管核准。申請先儲存在本機，同步後送交主管；核准前階段保持不變。", "This move needs your manager's approval. The request is saved on this phone and goes to your manager when it syncs; the stage stays as it is until then."],
        ConfirmReplacesPending => ["这会取代正在等待批准的申请（{stage}）。", "這會取代正在等待核准的申請（{stage}）。", "This replaces the request waiting for approval ({stage})."],
        ReasonOptional => ["原因（可选）", "原因（選填）", "Reason (optional)"],
        ReasonKeptAsNote => ["填写的原因会另存为一条笔记。", "填寫的原因會另存為一條筆記。", "The reason you give is also kept as a note."],
        ReasonForManager => ["给主管的说明（可选）", "給主管的說明（選填）", "Note for your manager (optional)"],
        Confirm => ["确认", "確認", "Confirm"],
        SendRequest => ["提交申请", "提交申請", "Send request"],
        Saving => ["正在保存…", "正在儲存…", "Saving…"],
        MovedTo => ["已推进到“{stage}”。", "已推進到「{stage}」。", "Moved to {stage}."],
        MovedBackTo => ["已退回到“{stage}”。", "已退回到「{stage}」。", "Moved back to {stage}."],
        RequestSaved => ["申请已保存，等待主管批准。", "申請已儲存，等待主管核准。", "Request saved; waiting for the manager's approval."],

        PendingApproval => ["等待主管批准推进到“{stage}”", "等待主管核准推進到「{stage}」", "Waiting for the manager's approval to move to {stage}"],
        PendingNotSent => ["申请尚未同步，联网后送交主管。", "申請尚未同步，連線後送交主管。", "The request is not synced yet; it goes to your manager when you are online."],
        PendingSince => ["{t} 已送交主管。", "{t} 已送交主管。", "Sent to your manager at {t}."],
        ApprovalApproved => ["主管已批准推进到“{stage}”", "主管已核准推進到「{stage}」", "Your manager approved the move to {stage}"],
        ApprovalRejected => ["主管驳回了推进到“{stage}”的申请", "主管駁回了推進到「{stage}」的申請", "Your manager rejected the move to {stage}"],
        ApprovalComment => ["主管意见：{c}", "主管意見：{c}", "Manager's comment: {c}"],
        ApprovalDecidedAt => ["决定时间：{t}", "決定時間：{t}", "Decided at {t}"],
        ApprovalSuperseded => ["已被之后的阶段变更取代。", "已被之後的階段變更取代。", "Replaced by a later stage change."],

        MarkLost => ["标记为失败", "標記為失敗", "Mark as lost"],
        MarkLostTitle => ["将这个商机标记为失败？", "將這個商機標記為失敗？", "Mark this deal as lost?"],
        MarkLostHint => ["失败的客户以后可以放回名单继续维护。", "失敗的客戶以後可以放回名單繼續維護。", "A lost prospect can later return to the lead list."],
        LostReason => ["失败原因（必填）", "失敗原因（必填）", "Why was it lost? (required)"],
        LostReasonHint => ["例如：选了竞争对手、预算取消、项目延期", "例如：選了競爭對手、預算取消、專案延期", "For example: chose a competitor, budget cancelled, project postponed"],
        LostReasonRequired => ["请填写失败原因。", "請填寫失敗原因。", "Enter why the deal was lost."],
        MarkedLost => ["已标记为失败。", "已標記為失敗。", "Marked as lost."],
        LostState => ["这个商机已失败。", "這個商機已失敗。", "This deal is lost."],
        LostReasonShown => ["原因：{r}", "原因：{r}", "Reason: {r}"],
        LostReasonUnknown => ["本机上没有失败原因的记录。", "本機上沒有失敗原因的記錄。", "The reason is not recorded on this phone."],
        Reopen => ["放回名单", "放回名單", "Return to the lead list"],
        ReopenTitle => ["把这个客户放回名单？", "把這個客戶放回名單？", "Return this prospect to the lead list?"],
        ReopenHint => ["客户回到“名单”阶段，按等级继续维护。", "客戶回到「名單」階段，依等級繼續維護。", "The prospect goes back to the lead list and is maintained by grade."],
        Reopened => ["已放回名单。", "已放回名單。", "Back on the lead list."],
        WonState => ["已签约成交。增购或升级请另开新商机（来源：增购升级）。", "已簽約成交。增購或昇級請另開新商機（來源：增購昇級）。", "Won: the contract is signed. An upgrade or add-on starts a new deal (source: upgrade)."],
        NotOwner => ["只有负责这个客户的销售人员可以变更阶段。", "只有負責這個客戶的銷售人員可以變更階段。", "Only the rep who owns this prospect can change its stage."],
        RecordUnreadable => ["这个客户的数据无法读取。请到“同步”页再同步一次；如仍无法显示，请更新应用或联系主管。", "這個客戶的資料無法讀取。請到「同步」頁再同步一次；如仍無法顯示，請更新應用或聯絡主管。", "This prospect's data cannot be read. Sync again on the Sync page; if it still does not show, update the app or contact your manager."],

        StagePlaybookLink => ["“{stage}”阶段攻略", "「{stage}」階段攻略", "{stage} playbook"],
        ObjectionPlaybookLink => ["疑虑处理手册", "疑慮處理手冊", "Objection playbook"],

        NextDue => ["下次联系：{d}", "下次聯絡：{d}", "Next contact due: {d}"],
        NextDueOverdue => ["下次联系：{d}（已逾期）", "下次聯絡：{d}（已逾期）", "Next contact due: {d} (overdue)"],
        NextDueNone => ["无需再安排联系（已成交或已失败）。", "無需再安排聯絡（已成交或已失敗）。", "No further contact scheduled (won or lost)."],
        NextDueMoved => ["下次联系由 {from} 改为 {to}", "下次聯絡由 {from} 改為 {to}", "Next contact moved from {from} to {to}"],
        NextDueSame => ["下次联系仍为 {d}", "下次聯絡仍為 {d}", "Next contact stays {d}"],
        LogContactTitle => ["登记一次联系", "登記一次聯絡", "Log a contact"],
        ContactMethod => ["联系方式", "聯絡方式", "Contact method"],
        ContactWhen => ["时间", "時間", "When"],
        ContactSummary => ["摘要（可选）", "摘要（選填）", "Summary (optional)"],
        ContactSummaryHint => ["谈了什么、结果如何、下一步", "談了什麼、結果如何、下一步", "What was said, what came of it, what is next"],
        LogContactSave => ["登记", "登記", "Log contact"],
        ContactLogged => ["已登记，保存在本机。", "已登記，儲存在本機。", "Contact logged on this phone."],
        WhenRequired => ["请填写联系时间。", "請填寫聯絡時間。", "Enter when the contact happened."],
        WhenInFuture => ["联系时间不能晚于现在。", "聯絡時間不能晚於現在。", "The contact cannot be in the future."],

        TimelineTitle => ["笔记与联系记录", "筆記與聯絡記錄", "Notes and contacts"],
        TimelineEmpty => ["还没有笔记或联系记录。", "還沒有筆記或聯絡記錄。", "No notes or contacts yet."],
        NewNote => ["＋ 新笔记", "＋ 新筆記", "+ New note"],
        NoteKindVisit => ["拜访笔记", "拜訪筆記", "Visit note"],
        NoteKindCall => ["电话笔记", "電話筆記", "Call note"],
        NoteKindMeeting => ["会议笔记", "會議筆記", "Meeting note"],
        NoteKindOther => ["笔记", "筆記", "Note"],
        EntryContact => ["联系", "聯絡", "Contact"],
        Photos => ["📷 {n} 张照片", "📷 {n} 張照片", "📷 {n} photos"],
        Correct => ["更正", "更正", "Correct"],
        CorrectionOf => ["更正 {t} 的笔记：", "更正 {t} 的筆記：", "Correction of the note of {t}:"],
        CorrectionTitle => ["更正这条笔记", "更正這條筆記", "Correct this note"],
        CorrectionHint => ["原笔记保持不变，更正会另存为一条新笔记。", "原筆記保持不變，更正會另存為一條新筆記。", "The original note stays as it is; the correction is saved as a new note."],
        SaveCorrection => ["保存更正", "儲存更正", "Save correction"],
        CorrectionSaved => ["更正已另存为新笔记。", "更正已另存為新筆記。", "Correction saved as a new note."],
        CorrectionEmpty => ["请写下更正的内容。", "請寫下更正的內容。", "Write the correction."],
        CorrectionUnchanged => ["内容和原笔记一样，请修改后再保存。", "內容和原筆記一樣，請修改後再儲存。", "It is the same as the original note; change it before saving."],

        PlaybooksTitle => ["销售攻略", "銷售攻略", "Playbooks"],
        PlaybooksIntro => ["各阶段的目标、要点和检查清单，离线也能看。", "各階段的目標、要點和檢查清單，離線也能看。", "Goals, tips and checklists for every stage, also offline."],
        StagePlaybooksHeading => ["阶段攻略", "階段攻略", "Stage playbooks"],
        MoreGuidesHeading => ["其他指南", "其他指南", "More guides"],
        GradeStrategiesTitle => ["客户分级与维护策略", "客戶分級與維護策略", "Grades and maintenance strategies"],
        MaintenanceTitle => ["客户关系维护技巧", "客戶關係維護技巧", "Relationship maintenance techniques"],
        SellingTitle => ["ERP 的销售特性", "ERP 的銷售特性", "How ERP is sold"],
        Goals => ["目标", "目標", "Goals"],
        Tips => ["要点", "要點", "Tips"],
        Checklist => ["检查清单", "檢查清單", "Checklist"],
        AgendaTitle => ["交流会议程", "交流會議程", "Exchange meeting agenda"],
        AgendaMinutes => ["{n} 分钟", "{n} 分鐘", "{n} min"],
        AgendaOptional => ["酌情", "酌情", "optional"],
        AgendaTotals => ["合计 {a}–{b} 分钟；含酌情项目 {c}–{d} 分钟。", "合計 {a}–{b} 分鐘；含酌情項目 {c}–{d} 分鐘。", "Total {a}–{b} min; {c}–{d} min with the optional item."],
        ObjectionsHeading => ["常见疑虑与建议回应", "常見疑慮與建議回應", "Common objections and suggested responses"],
        SuggestedResponse => ["建议回应", "建議回應", "Suggested response"],
        NotInformatized => ["未信息化", "未資訊化", "Not informatized"],
        Informatized => ["已信息化", "已資訊化", "Informatized"],
        Cues => ["判断线索", "判斷線索", "Cues"],
        Strategy => ["做法", "做法", "Strategy"],
        Mottos => ["座右铭", "座右銘", "Mottos"],
        PlaybookNotFound => ["没有名为“{topic}”的攻略。", "沒有名為「{topic}」的攻略。", "There is no playbook called \"{topic}\"."],
        BackToPlaybooks => ["全部攻略", "全部攻略", "All playbooks"],
        PrevStage => ["上一阶段：{stage}", "上一階段：{stage}", "Previous: {stage}"],
        NextStage => ["下一阶段：{stage}", "下一階段：{stage}", "Next: {stage}"],
        StagePlaybookTitle => ["{stage}：阶段攻略", "{stage}：階段攻略", "{stage}: stage playbook"],
    }
}

impl StageKey {
    /// The explanation of a stage rule.
    pub fn rule(rule: Rule) -> StageKey {
        match rule {
            Rule::SkipFirstVisitNeedsApproval => StageKey::RuleSkipFirstVisitNeedsApproval,
            Rule::SkipDemoNeedsApproval => StageKey::RuleSkipDemoNeedsApproval,
            Rule::SignWithoutNegotiationNeedsApproval => {
                StageKey::RuleSignWithoutNegotiationNeedsApproval
            }
            Rule::QuoteOnlyAfterExchange => StageKey::RuleQuoteOnlyAfterExchange,
            Rule::ObjectionsOnlyAfterQuote => StageKey::RuleObjectionsOnlyAfterQuote,
            Rule::NegotiationOnlyAfterQuote => StageKey::RuleNegotiationOnlyAfterQuote,
            Rule::NoSkippingToSigned => StageKey::RuleNoSkippingToSigned,
            Rule::SameStage => StageKey::RuleSameStage,
            Rule::LostReasonRequired => StageKey::RuleLostReasonRequired,
            Rule::ReopenOnlyToLead => StageKey::RuleReopenOnlyToLead,
            Rule::WonIsFinal => StageKey::RuleWonIsFinal,
        }
    }

    /// The text of a soft-gate warning.
    pub fn warning(warning: Warning) -> StageKey {
        match warning {
            Warning::DecisionMakersNotInvited => StageKey::WarnDecisionMakersNotInvited,
            Warning::RequirementIncomplete => StageKey::WarnRequirementIncomplete,
            Warning::BudgetIncomplete => StageKey::WarnBudgetIncomplete,
            Warning::BudgetNotProbed => StageKey::WarnBudgetNotProbed,
        }
    }

    /// The name of a note kind.
    pub fn note_kind(kind: NoteKind) -> StageKey {
        match kind {
            NoteKind::Visit => StageKey::NoteKindVisit,
            NoteKind::Call => StageKey::NoteKindCall,
            NoteKind::Meeting => StageKey::NoteKindMeeting,
            NoteKind::Other => StageKey::NoteKindOther,
        }
    }
}
