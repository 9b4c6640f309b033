//! Message catalogue: every UI string in zh-Hans, zh-Hant and en.

use super::Lang;

/// A UI message. Add a variant here, to [`Key::ALL`] and to [`text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    AppName,
    AppTagline,
    SkipToContent,
    MainNavigation,
    TabToday,
    TabProspects,
    TabCapture,
    TabPipeline,
    TabMore,
    StatusOnline,
    StatusOffline,
    StatusOfflineHint,
    UpdateAvailable,
    UpdateNow,
    UpdateLater,
    ComingSoon,
    TodayIntro,
    TodayPlanned,
    ProspectsIntro,
    ProspectsPlanned,
    CaptureIntro,
    CapturePlanned,
    PipelineIntro,
    PipelinePlanned,
    MoreIntro,
    MorePlanned,
    Language,
    LanguageHint,
    About,
    Version,
    NotFoundTitle,
    NotFoundBody,
    BackToToday,
}

impl Key {
    /// Every key, for completeness tests and the untranslated-string check.
    pub const ALL: &'static [Key] = &[
        Key::AppName,
        Key::AppTagline,
        Key::SkipToContent,
        Key::MainNavigation,
        Key::TabToday,
        Key::TabProspects,
        Key::TabCapture,
        Key::TabPipeline,
        Key::TabMore,
        Key::StatusOnline,
        Key::StatusOffline,
        Key::StatusOfflineHint,
        Key::UpdateAvailable,
        Key::UpdateNow,
        Key::UpdateLater,
        Key::ComingSoon,
        Key::TodayIntro,
        Key::TodayPlanned,
        Key::ProspectsIntro,
        Key::ProspectsPlanned,
        Key::CaptureIntro,
        Key::CapturePlanned,
        Key::PipelineIntro,
        Key::PipelinePlanned,
        Key::MoreIntro,
        Key::MorePlanned,
        Key::Language,
        Key::LanguageHint,
        Key::About,
        Key::Version,
        Key::NotFoundTitle,
        Key::NotFoundBody,
        Key::BackToToday,
    ];
}

/// The text of `key` in `lang`.
pub(super) fn text(key: Key, lang: Lang) -> &'static str {
    let [hans, hant, en] = match key {
        Key::AppName => ["拓客", "拓客", "Tuoke"],
        Key::AppTagline => [
            "ERP 销售外勤助手",
            "ERP 銷售外勤助手",
            "ERP field-sales companion",
        ],
        Key::SkipToContent => ["跳到主要内容", "跳到主要內容", "Skip to content"],
        Key::MainNavigation => ["主导航", "主導覽", "Main navigation"],
        Key::TabToday => ["今日", "今日", "Today"],
        Key::TabProspects => ["客户", "客戶", "Prospects"],
        Key::TabCapture => ["记录", "記錄", "Capture"],
        Key::TabPipeline => ["商机", "商機", "Pipeline"],
        Key::TabMore => ["更多", "更多", "More"],
        Key::StatusOnline => ["在线", "線上", "Online"],
        Key::StatusOffline => ["离线", "離線", "Offline"],
        Key::StatusOfflineHint => [
            "离线也可照常使用，数据保存在本机，联网后自动同步。",
            "離線也可照常使用，資料保存在本機，連線後自動同步。",
            "You can keep working offline: everything is saved on this phone and syncs when you are back online.",
        ],
        Key::UpdateAvailable => [
            "新版本已就绪。更新不会丢失未同步的数据。",
            "新版本已就緒。更新不會遺失未同步的資料。",
            "A new version is ready. Updating keeps any unsynced data.",
        ],
        Key::UpdateNow => ["立即更新", "立即更新", "Update now"],
        Key::UpdateLater => ["稍后", "稍後", "Later"],
        Key::ComingSoon => ["即将推出", "即將推出", "Coming soon"],
        Key::TodayIntro => [
            "今天该联系谁，一目了然。",
            "今天該聯絡誰，一目了然。",
            "Who to contact today, at a glance.",
        ],
        Key::TodayPlanned => [
            "这里将显示：按客户等级节奏今天到期和已逾期的联系、待审批事项及结果、快捷操作（打电话、记笔记、登记联系），以及本月计划与 8/12/24/40 家客户、10/4/4/2 天标准的对比。",
            "這裡將顯示：依客戶等級節奏今天到期和已逾期的聯絡、待審批事項及結果、快捷操作（打電話、記筆記、登記聯絡），以及本月計劃與 8/12/24/40 家客戶、10/4/4/2 天標準的對比。",
            "This will show the contacts due today and overdue by each grade's cadence, pending approvals and their outcome, quick actions (call, note, log a contact), and this month's plan against the 8/12/24/40 accounts and 10/4/4/2 days norm.",
        ],
        Key::ProspectsIntro => [
            "你负责的全部潜在客户。",
            "你負責的全部潛在客戶。",
            "All the prospects you own.",
        ],
        Key::ProspectsPlanned => [
            "这里将提供：边输入边搜索（公司、联系人、电话、产品），按等级、阶段、目标市场符合度和名单来源筛选，按下次联系日期排序。",
            "這裡將提供：邊輸入邊搜尋（公司、聯絡人、電話、產品），依等級、階段、目標市場符合度和名單來源篩選，依下次聯絡日期排序。",
            "This will offer search as you type (company, contact, phone, products), filters by grade, stage, target-market fit and lead source, sorted by next contact due.",
        ],
        Key::CaptureIntro => [
            "两步记下拜访内容，离线也行。",
            "兩步記下拜訪內容，離線也行。",
            "Record a visit in two taps, even offline.",
        ],
        Key::CapturePlanned => [
            "这里将提供：拜访笔记（关联已有客户或当场新建）、按阶段的模板（初访收集清单、交流会议程计时、演示清单），以及工厂和名片照片。",
            "這裡將提供：拜訪筆記（關聯既有客戶或當場新建）、依階段的範本（初訪收集清單、交流會議程計時、演示清單），以及工廠和名片照片。",
            "This will offer visit notes (for an existing prospect or one created on the spot), stage-aware templates (first-visit checklist, timed exchange-meeting agenda, demo checklist) and photos of the factory or business cards.",
        ],
        Key::PipelineIntro => [
            "从名单到签约的每一个阶段。",
            "從名單到簽約的每一個階段。",
            "Every stage from lead list to signed contract.",
        ],
        Key::PipelinePlanned => [
            "这里将显示：各阶段的商机、需主管审批的阶段跳跃、待审批的正式报价，以及预计成交名单。",
            "這裡將顯示：各階段的商機、需主管核准的階段跳躍、待核准的正式報價，以及預計成交名單。",
            "This will show deals by stage, stage skips that need the manager's approval, formal quotes awaiting approval, and the expected closings.",
        ],
        Key::MoreIntro => [
            "设置、培训与帮助。",
            "設定、培訓與說明。",
            "Settings, training and help.",
        ],
        Key::MorePlanned => [
            "这里还将提供：阶段攻略、异议处理手册、培训测验和账户设置。",
            "這裡還將提供：階段攻略、異議處理手冊、培訓測驗和帳戶設定。",
            "Also coming here: stage playbooks, the objection playbook, the training quiz and account settings.",
        ],
        Key::Language => ["语言", "語言", "Language"],
        Key::LanguageHint => [
            "界面语言，保存在本机。",
            "介面語言，保存在本機。",
            "Interface language, saved on this device.",
        ],
        Key::About => ["关于拓客", "關於拓客", "About Tuoke"],
        Key::Version => ["版本", "版本", "Version"],
        Key::NotFoundTitle => ["页面不存在", "頁面不存在", "Page not found"],
        Key::NotFoundBody => [
            "这个地址没有对应的页面。",
            "這個網址沒有對應的頁面。",
            "There is no page at this address.",
        ],
        Key::BackToToday => ["回到今日", "回到今日", "Back to Today"],
    };
    match lang {
        Lang::ZhHans => hans,
        Lang::ZhHant => hant,
        Lang::En => en,
    }
}
