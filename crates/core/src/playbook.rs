//! Playbooks shown in the app offline (SPEC §2b, §5 hints, §6, §8): stage playbooks with
//! goals, tips and checklists, the exchange-meeting agenda template, the objection playbook,
//! relationship-maintenance tips, mottos and per-grade strategies. All content is data, in
//! zh-Hans, zh-Hant and en, written from the training deck. These tables are the one source;
//! the PWA loads the long texts per language as generated documents ([`crate::content`]) and
//! compiles in only what it needs synchronously ([`STAGE_CHECKLISTS`], [`EXCHANGE_AGENDA`],
//! [`GRADE_DEFINITIONS`]).

use serde::{Deserialize, Serialize};

use crate::i18n::{t, Text};
use crate::types::{Grade, Stage};

/// A checklist item with a stable id (the PWA stores ticks by id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    /// Stable id.
    pub id: &'static str,
    /// Text.
    pub text: Text,
}

/// The playbook of one stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StagePlaybook {
    /// The stage.
    pub stage: Stage,
    /// Goals of the stage.
    pub goals: &'static [Text],
    /// Tips and cautions.
    pub tips: &'static [Text],
    /// Checklist.
    pub checklist: &'static [ChecklistItem],
}

const fn ci(id: &'static str, text: Text) -> ChecklistItem {
    ChecklistItem { id, text }
}

/// Stage playbooks for every stage, `lost` included, in pipeline order.
pub const STAGE_PLAYBOOKS: [StagePlaybook; 9] = [
    StagePlaybook {
        stage: Stage::Lead,
        goals: &[
            t!("找到潜在目标客户", "找到潛在目標客戶", "Find prospects in the target market"),
            t!("判断客户等级（迫切度）", "判斷客戶等級（迫切度）", "Judge the grade (how urgent the need is)"),
            t!("大致了解需求", "大致瞭解需求", "Get a rough idea of the needs"),
            t!("补齐或修正基本资料", "補齊或修正基本資料", "Complete or correct the basic data"),
        ],
        tips: &[
            t!(
                "举办活动和电话行销是现阶段销售工作的重点。",
                "舉辦活動和電話行銷是現階段銷售工作的重點。",
                "Events and telemarketing are the current focus of lead generation."
            ),
            t!(
                "名单由行销助理集中管理，按责任区域分配；名单可以在销售人员之间交换。",
                "名單由行銷助理集中管理，按責任區域分配；名單可以在銷售人員之間交換。",
                "The marketing assistant manages lead lists centrally and assigns them by territory; reps may exchange prospects."
            ),
            t!(
                "不在目标市场的客户也要保留，只是优先级较低。",
                "不在目標市場的客戶也要保留，只是優先順序較低。",
                "Keep prospects outside the target market too; they simply get lower priority."
            ),
        ],
        checklist: &[
            ci("lead_basic_data", t!("行业、营业额、利润、人数已填写", "行業、營業額、利潤、人數已填寫", "Industry, revenue, profit and headcount recorded")),
            ci("lead_source", t!("名单来源已记录", "名單來源已記錄", "Lead source recorded")),
            ci("lead_grade", t!("已初步判断客户等级", "已初步判斷客戶等級", "A first grade has been judged")),
            ci("lead_contact", t!("至少有一位联系人及电话", "至少有一位聯絡人及電話", "At least one contact with a phone number")),
        ],
    },
    StagePlaybook {
        stage: Stage::FirstVisit,
        goals: &[
            t!("建立好感", "建立好感", "Build rapport"),
            t!("建立专业形象", "建立專業形象", "Establish a professional image"),
            t!(
                "收集并确认六种关键信息：时间表、预算、需求、决策、竞争、关键评估项",
                "收集並確認六種關鍵資訊：時間表、預算、需求、決策、競爭、關鍵評估項",
                "Collect and confirm the six kinds of key information: schedule, budget, requirement, decision, competition, key evaluation items"
            ),
            t!(
                "收集其他重要信息：行业、产品、营业额、人数、ISO9000、BPR、迁扩厂、重大投资、品号数",
                "收集其他重要資訊：行業、產品、營業額、人數、ISO9000、BPR、遷擴廠、重大投資、品號數",
                "Collect the other profile facts: industry, products, revenue, headcount, ISO 9000, BPR, relocation or expansion, major investment, number of item codes"
            ),
        ],
        tips: &[
            t!(
                "客户问到价格时，可以口头大致说明一般信息化的费用区间，但不要给书面报价。",
                "客戶問到價格時，可以口頭約略說明一般資訊化的費用區間，但不要給書面報價。",
                "If the customer asks about price, give an oral range for a typical project; never a written quote."
            ),
            t!(
                "了解对数据库、操作系统、硬件的偏好。",
                "了解對資料庫、作業系統、硬體的偏好。",
                "Find out their database, operating-system and hardware preferences."
            ),
        ],
        checklist: &[
            ci("fv_key_info", t!("六种关键信息已逐项确认", "六種關鍵資訊已逐項確認", "All six kinds of key information checked")),
            ci("fv_profile", t!("客户基本资料已补齐", "客戶基本資料已補齊", "Profile completed")),
            ci("fv_decision_makers", t!("已找出老板及关键人员", "已找出老闆及關鍵人員", "Boss and key people identified")),
            ci("fv_regrade", t!("已重新确认客户等级", "已重新確認客戶等級", "Grade re-checked")),
        ],
    },
    StagePlaybook {
        stage: Stage::Exchange,
        goals: &[
            t!("更了解老板及关键人员的想法", "更瞭解老闆及關鍵人員的想法", "Understand the thinking of the boss and key people"),
            t!("进一步了解需求（要说也要听）", "進一步瞭解需求（要說也要聽）", "Learn more about the needs: listen as well as talk"),
            t!("为产品演示做好铺垫", "為產品展示做好鋪墊", "Prepare the ground for the demo"),
            t!("排除实力较弱的竞争者", "排除實力較弱的競爭者", "Eliminate weaker competitors"),
            t!("相对较强的竞争者取得竞争优势", "相對較強的競爭者取得競爭優勢", "Gain an edge over stronger competitors"),
        ],
        tips: &[
            t!("时间不要太长，约 2 小时。", "時間不要太長，約 2 小時。", "Keep it short: about two hours."),
            t!(
                "要求决策高层参加（老板、关键人员）。",
                "要求決策高層參加（老闆、關鍵人員）。",
                "Ask the decision makers to attend (the boss, key people)."
            ),
            t!(
                "内容以整体轮廓、特色优点为主。",
                "內容以整體輪廓、特色優點面呈現。",
                "Present the overall picture and the distinctive strengths, not details."
            ),
            t!(
                "了解客户的生产作业流程及主要需求；如有可能，交流结束后参观工厂。",
                "了解客戶的生產作業流程及主要需求；如果可能，交流結束後參觀其工廠。",
                "Learn their production process and main needs; if possible, tour the factory afterwards."
            ),
        ],
        checklist: &[
            ci("ex_invite", t!("已邀请老板及关键人员", "已邀請老闆及關鍵人員", "Boss and key people invited")),
            ci("ex_agenda", t!("议程已发给客户", "議程已發給客戶", "Agenda sent to the customer")),
            ci("ex_references", t!("准备好代表性客户案例", "準備好代表性客戶案例", "Reference customers prepared")),
            ci("ex_factory_tour", t!("已询问能否参观工厂", "已詢問能否參觀工廠", "Asked about a factory tour")),
        ],
    },
    StagePlaybook {
        stage: Stage::Demo,
        goals: &[
            t!("已取得优势：让客户眼见为凭", "已取得優勢：讓客戶眼見為憑", "Ahead: let them see it for themselves"),
            t!("尚未取得优势：力求加分", "尚未取得優勢：力求加分", "Not yet ahead: win points"),
            t!("处于下风：力求反败为胜", "處於下風：求反敗為勝", "Behind: turn it around"),
        ],
        tips: &[
            t!("针对客户关心的部分发挥。", "針對客戶關心的部份發揮。", "Focus on what the customer cares about."),
            t!("不是辩论比赛，不可争论恋战。", "不是辯論比賽，不可爭論戀戰。", "It is not a debate: do not get drawn into arguments."),
            t!("依客户程度调整演示方式。", "依客戶程度區分產品展示型態。", "Fit the demo to the audience's level."),
            t!("见好就收，不要画蛇添足。", "見好就收，不要畫蛇添足。", "Stop while you are ahead; do not over-elaborate."),
            t!("无须自暴其短。", "無須自暴其短。", "Do not expose your weak points."),
        ],
        checklist: &[
            ci("demo_script", t!("演示脚本按客户需求准备", "展示腳本按客戶需求準備", "Demo script built around their needs")),
            ci("demo_data", t!("演示数据贴近客户行业", "展示資料貼近客戶行業", "Demo data close to their industry")),
            ci("demo_audience", t!("确认出席者及其关注点", "確認出席者及其關注點", "Attendees and their concerns confirmed")),
        ],
    },
    StagePlaybook {
        stage: Stage::Quote,
        goals: &[t!(
            "提出正式书面报价",
            "提出正式書面報價",
            "Issue the formal written quote"
        )],
        tips: &[
            t!("正式书面报价最早在交流之后。", "正式書面報價最少要在交流完成後。", "A formal quote comes after the exchange meeting at the earliest."),
            t!(
                "用公司信息系统产生报价单（模块价目 × 数量、顾问天数 × 人天单价、折扣）。",
                "以公司資訊系統產生報價單（模組價目 × 數量、顧問天數 × 人天單價、折扣）。",
                "Generate the quote in the company system (module list prices × quantity, consultant days × day rate, discount)."
            ),
            t!("报价单要经过主管审核签字才能发出。", "報價單要經過主管的審核簽字才能發出。", "Every quote needs the manager's review and signature before it goes out."),
        ],
        checklist: &[
            ci("quote_requirement", t!("需求关键信息已记录", "需求關鍵資訊已記錄", "Requirement key information recorded")),
            ci("quote_budget", t!("预算关键信息已记录", "預算關鍵資訊已記錄", "Budget key information recorded")),
            ci("quote_approval", t!("主管已审核签字", "主管已審核簽字", "Manager has reviewed and signed")),
        ],
    },
    StagePlaybook {
        stage: Stage::Objections,
        goals: &[t!(
            "逐一排除客户的疑虑",
            "逐一排除客戶的疑慮",
            "Clear the customer's doubts one by one"
        )],
        tips: &[
            t!(
                "从第一次接触开始，疑虑就会在整个销售过程中不断产生。",
                "從第一次接觸客戶開始，客戶疑慮就會在整個銷售過程中不斷產生。",
                "Doubts arise from the first contact on and keep coming throughout the sale."
            ),
            t!("嫌货才是买货人！", "嫌貨才是買貨人！", "The one who criticises is the one who buys."),
            t!("参考疑虑处理手册中的建议回应。", "參考疑慮處理手冊中的建議回應。", "Use the suggested responses in the objection playbook."),
        ],
        checklist: &[
            ci("obj_logged", t!("每个疑虑都已记录", "每個疑慮都已記錄", "Every objection logged")),
            ci("obj_answered", t!("每个疑虑都已回应并确认", "每個疑慮都已回應並確認", "Every objection answered and confirmed")),
        ],
    },
    StagePlaybook {
        stage: Stage::Negotiation,
        goals: &[t!(
            "在守住价格的前提下达成协议",
            "在守住價格的前提下達成協議",
            "Reach agreement while defending the price"
        )],
        tips: &[
            t!("事先刺探客户预算。", "事先刺探客戶預算。", "Probe the budget beforehand."),
            t!("设定让价谈判战术。", "設定讓價談判戰術。", "Plan your concession tactics."),
            t!("难舍难割，面带痛苦。", "難捨難割，面帶痛苦。", "Concede reluctantly, and let it show."),
            t!("与主管研究双簧技巧。", "與主管研究雙簧技巧。", "Rehearse good-cop / bad-cop with your manager."),
            t!("慢慢让，不要一次让光。", "慢慢讓，不要一次讓光。", "Concede slowly, never everything at once."),
            t!("越让越少，不可越让越多。", "越讓越少，不可越讓越多。", "Each concession smaller than the last, never larger."),
            t!("有“给”就应该“要”东西回来。", "有「給」就應該「要」東西回來。", "Every give gets something back."),
            t!("完成商务谈判后按照规定制作合同。", "完成商務談判後按照規定製作合約。", "After the negotiation, draw up the contract by the rules."),
        ],
        checklist: &[
            ci("neg_budget", t!("已探得客户预算", "已探得客戶預算", "Customer budget probed")),
            ci("neg_plan", t!("让价计划已与主管确认", "讓價計劃已與主管確認", "Concession plan agreed with the manager")),
            ci("neg_contract", t!("合同按规定制作", "合約按規定製作", "Contract drawn up by the rules")),
        ],
    },
    StagePlaybook {
        stage: Stage::Signed,
        goals: &[t!("顺利签约", "順利簽約", "Get the contract signed")],
        tips: &[
            t!("请客户先用印。", "請客人先用印。", "Have the customer stamp first."),
            t!(
                "若客户临场要求再让 5% 或指定顾问：盖章、拿合同、检查无误，找借口告辞，立刻离开。",
                "若客戶臨場要求再讓價 5% 或指定顧問：蓋了章、拿了合約、檢查無誤，找藉口告辭，頭都不回立刻走人。",
                "If they ask for another 5 % or a named consultant at the table: stamp, take the contract, check it, excuse yourself and leave."
            ),
            t!(
                "成交客户转入客户数据库；日后增购升级另开新商机（来源：增购升级）。",
                "成交客戶轉入客戶資料庫；日後增購昇級另開新商機（來源：增購昇級）。",
                "The won customer moves to the customer database; a later upgrade or add-on starts a new deal (source: upgrade)."
            ),
        ],
        checklist: &[
            ci("sign_stamp_first", t!("客户已先用印", "客戶已先用印", "Customer stamped first")),
            ci("sign_check", t!("合同内容检查无误", "合約內容檢查無誤", "Contract checked")),
            ci("sign_copy", t!("已取得合同正本", "已取得合約正本", "Signed copy in hand")),
        ],
    },
    StagePlaybook {
        stage: Stage::Lost,
        goals: &[t!(
            "记录失败原因，回补名单",
            "記錄失敗原因，回補名單",
            "Record why the deal was lost and return it to the lead list"
        )],
        tips: &[
            t!(
                "失败的客户可以回到名单（补充名单），按等级继续维护。",
                "失敗的客戶可以回到名單（補充名單），依等級繼續維護。",
                "A lost prospect can return to the lead list and be maintained by grade."
            ),
            t!(
                "刚与他人签约或正在实施的客户属于 D 级：伺机而动。",
                "剛與他人簽約或正在實施的客戶屬於 D 級：伺機而動。",
                "A prospect that just signed elsewhere or is implementing is D: watch and wait."
            ),
        ],
        checklist: &[ci(
            "lost_reason",
            t!("失败原因已记录", "失敗原因已記錄", "Reason for the loss recorded"),
        )],
    },
];

/// The playbook of a stage.
pub fn stage_playbook(stage: Stage) -> &'static StagePlaybook {
    // STAGE_PLAYBOOKS is in `Stage` declaration order; a test asserts it.
    &STAGE_PLAYBOOKS[stage as usize]
}

const fn checklists() -> [&'static [ChecklistItem]; STAGE_PLAYBOOKS.len()] {
    let mut out: [&'static [ChecklistItem]; STAGE_PLAYBOOKS.len()] = [&[]; STAGE_PLAYBOOKS.len()];
    let mut i = 0;
    while i < STAGE_PLAYBOOKS.len() {
        out[i] = STAGE_PLAYBOOKS[i].checklist;
        i += 1;
    }
    out
}

/// The stages' checklists alone, in `Stage` order, computed from [`STAGE_PLAYBOOKS`] at
/// compile time: the capture screen writes ticked items into a note as it saves, so the
/// checklists stay compiled into the PWA, while the goals and tips, which it never refers
/// to, are loaded as data ([`crate::content::Playbooks`]).
pub static STAGE_CHECKLISTS: [&[ChecklistItem]; STAGE_PLAYBOOKS.len()] = checklists();

/// The checklist of a stage (see [`STAGE_CHECKLISTS`]).
pub fn stage_checklist(stage: Stage) -> &'static [ChecklistItem] {
    STAGE_CHECKLISTS[stage as usize]
}

/// One slot of the exchange-meeting agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AgendaSlot {
    /// Stable id.
    pub id: &'static str,
    /// Title.
    pub title: Text,
    /// Minimum minutes.
    pub min_minutes: u32,
    /// Maximum minutes.
    pub max_minutes: u32,
    /// Optional (酌情).
    pub optional: bool,
    /// What to cover.
    pub details: Text,
}

/// The exchange-meeting agenda template (SPEC §8), in order.
pub const EXCHANGE_AGENDA: [AgendaSlot; 6] = [
    AgendaSlot {
        id: "company_intro",
        title: t!("公司简介", "公司簡介", "Company introduction"),
        min_minutes: 10,
        max_minutes: 15,
        optional: false,
        details: t!(
            "基本资料、历史、荣誉、使命理念；完整产品线；完善的售后服务机制；客户群及代表性客户。",
            "基本資料、歷史、殊榮、使命理念；完整產品線；完善的售後服務機制；客戶群及代表性客戶。",
            "Basic facts, history, honours, mission; the full product line; after-sales service; customer base and reference customers."
        ),
    },
    AgendaSlot {
        id: "why_erp",
        title: t!("为何需要 ERP，如何实施 ERP", "為何需要 ERP，如何實施 ERP", "Why ERP, and how to implement it"),
        min_minutes: 40,
        max_minutes: 40,
        optional: true,
        details: t!(
            "视客户情况决定是否讲解。",
            "視客戶狀況酌情講解。",
            "Include only if the audience needs it."
        ),
    },
    AgendaSlot {
        id: "product_features",
        title: t!("产品 IT 及管理功能简介", "產品 IT 及管理功能簡介", "Product IT and management features"),
        min_minutes: 30,
        max_minutes: 30,
        optional: false,
        details: t!(
            "以整体轮廓和特色优点呈现。",
            "以整體輪廓和特色優點呈現。",
            "Show the overall picture and the distinctive strengths."
        ),
    },
    AgendaSlot {
        id: "why_us",
        title: t!("客户选择我们的理由", "客戶選擇我們的理由", "Why choose us"),
        min_minutes: 5,
        max_minutes: 5,
        optional: false,
        details: t!("简明扼要地强调。", "簡明扼要地強調。", "Make the case briefly."),
    },
    AgendaSlot {
        id: "customer_presents",
        title: t!("客户介绍公司状况及信息化需求", "客戶介紹其公司狀況及資訊化需求", "Customer presents its situation and needs"),
        min_minutes: 20,
        max_minutes: 20,
        optional: false,
        details: t!("认真倾听并记录关键信息。", "認真傾聽並記錄關鍵資訊。", "Listen and note the key information."),
    },
    AgendaSlot {
        id: "qa",
        title: t!("问答", "問答", "Q&A"),
        min_minutes: 30,
        max_minutes: 30,
        optional: false,
        details: t!(
            "结束后如有可能参观工厂及生产流程。",
            "結束後如果可能參觀工廠及生產流程。",
            "Afterwards, tour the factory and production process if possible."
        ),
    },
];

/// Total (min, max) minutes of the exchange agenda, with or without the optional slots.
pub fn exchange_agenda_minutes(include_optional: bool) -> (u32, u32) {
    EXCHANGE_AGENDA
        .iter()
        .filter(|s| include_optional || !s.optional)
        .fold((0, 0), |(a, b), s| (a + s.min_minutes, b + s.max_minutes))
}

/// The common objections of SPEC §8. Serialised snake_case (usable as `objection.add` kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectionId {
    /// Wants a list of reference customers.
    ReferenceList,
    /// Too expensive.
    TooExpensive,
    /// Wants to visit a customer.
    VisitCustomer,
    /// Wants a trial run (→ rationalise processes first).
    TrialRun,
    /// Wants ISO 9000 first.
    Iso9000First,
    /// Wants a trial version of the software.
    TrialVersion,
    /// Wants to pay after go-live.
    PayAfterGoLive,
    /// Wants a turnkey implementation.
    Turnkey,
    /// How are consultant days estimated?
    ConsultantDays,
    /// Guarantee success or refund.
    GuaranteeOrRefund,
    /// Bad past experiences.
    BadExperience,
}

/// An objection with the suggested response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Objection {
    /// Id.
    pub id: ObjectionId,
    /// What the customer says.
    pub title: Text,
    /// Suggested response.
    pub response: Text,
}

/// The objection playbook (11 entries, SPEC §8 order).
pub const OBJECTIONS: [Objection; 11] = [
    Objection {
        id: ObjectionId::ReferenceList,
        title: t!("要求提供案例客户名单", "要求提供案例客戶名單", "Wants a list of reference customers"),
        response: t!(
            "提供同行业、同规模的代表性客户名单，并说明他们解决了哪些问题；事先征得案例客户同意。",
            "提供同行業、同規模的代表性客戶名單，並說明他們解決了哪些問題；事先徵得案例客戶同意。",
            "Offer references of similar industry and size, with the problems each one solved; ask those customers' permission first."
        ),
    },
    Objection {
        id: ObjectionId::TooExpensive,
        title: t!("嫌价钱贵", "嫌價錢貴", "Too expensive"),
        response: t!(
            "先了解与谁比较、预算多少；把价格拆解为模块与服务，强调投资回报与服务能力；不要马上让价，让价必须换回条件。",
            "先了解與誰比較、預算多少；把價格拆解為模組與服務，強調投資回報與服務能力；不要馬上讓價，讓價必須換回條件。",
            "Find out what they compare with and what the budget is; break the price into modules and services and stress return and service capability; do not cut the price at once, and get something for any concession."
        ),
    },
    Objection {
        id: ObjectionId::VisitCustomer,
        title: t!("要求参观客户", "要求參觀客戶", "Wants to visit a customer"),
        response: t!(
            "安排参观与其行业和需求相近、满意度高的客户，事先与该客户沟通重点，并陪同前往。",
            "安排參觀與其行業和需求相近、滿意度高的客戶，事先與該客戶溝通重點，並陪同前往。",
            "Arrange a visit to a satisfied customer with similar industry and needs, brief that customer beforehand and go along."
        ),
    },
    Objection {
        id: ObjectionId::TrialRun,
        title: t!("要求试用", "要求試用", "Wants a trial run"),
        response: t!(
            "说明 ERP 试用前必须先进行流程合理化，否则试用结果没有意义；建议先做流程梳理或小范围的合理化项目。",
            "說明 ERP 試用前必須先進行流程合理化，否則試用結果沒有意義；建議先做流程梳理或小範圍的合理化專案。",
            "Explain that a meaningful ERP trial needs rationalised processes first; propose a process review or a small rationalisation project instead."
        ),
    },
    Objection {
        id: ObjectionId::Iso9000First,
        title: t!("要先进行 ISO9000", "要先進行 ISO9000", "Wants to do ISO 9000 first"),
        response: t!(
            "说明 ERP 与 ISO9000 相辅相成：ERP 的标准流程与记录正好支持 ISO 文件化，可以同步推进，不必等待。",
            "說明 ERP 與 ISO9000 相輔相成：ERP 的標準流程與記錄正好支援 ISO 文件化，可以同步推進，不必等待。",
            "Show that ERP and ISO 9000 reinforce each other: ERP's standard processes and records support ISO documentation, so both can run together."
        ),
    },
    Objection {
        id: ObjectionId::TrialVersion,
        title: t!("要求提供试用版软件", "要求提供試用版軟體", "Wants a trial version of the software"),
        response: t!(
            "ERP 不是装了就能用的软件，没有顾问导入的试用版容易留下坏印象；改为安排针对性演示或参观案例客户。",
            "ERP 不是裝了就能用的軟體，沒有顧問導入的試用版容易留下壞印象；改為安排針對性展示或參觀案例客戶。",
            "ERP is not install-and-go; a trial without consultants tends to leave a bad impression. Offer a targeted demo or a reference visit instead."
        ),
    },
    Objection {
        id: ObjectionId::PayAfterGoLive,
        title: t!("上线后再付款", "上線後再付款", "Wants to pay after go-live"),
        response: t!(
            "说明上线需要双方共同投入，按阶段里程碑付款对双方都公平；可调整各阶段比例，但不接受全部后付。",
            "說明上線需要雙方共同投入，按階段里程碑付款對雙方都公平；可調整各階段比例，但不接受全部後付。",
            "Explain that go-live depends on both sides' effort and milestone payments are fair to both; the split may move, but not everything paid at the end."
        ),
    },
    Objection {
        id: ObjectionId::Turnkey,
        title: t!("要求统包上线实施", "要求統包上線實施", "Wants a turnkey implementation"),
        response: t!(
            "说明 ERP 成功需要客户的关键人员参与；明确双方分工与责任，提供完整的实施方法和顾问服务。",
            "說明 ERP 成功需要客戶的關鍵人員參與；明確雙方分工與責任，提供完整的實施方法和顧問服務。",
            "Explain that ERP success needs the customer's key people; agree a clear split of responsibilities and offer the full implementation method and consulting."
        ),
    },
    Objection {
        id: ObjectionId::ConsultantDays,
        title: t!("顾问天数怎么估", "顧問天數怎麼估", "How are consultant days estimated?"),
        response: t!(
            "按模块、工厂与用户数、需求范围及客户准备程度逐项估算，并展示估算明细和同规模案例作对照。",
            "按模組、工廠與使用者數、需求範圍及客戶準備程度逐項估算，並展示估算明細和同規模案例作對照。",
            "Estimate item by item from modules, sites and users, scope and the customer's readiness; show the breakdown and comparable projects."
        ),
    },
    Objection {
        id: ObjectionId::GuaranteeOrRefund,
        title: t!("保证成功，否则退钱", "保證成功，否則退錢", "Guarantee success or refund"),
        response: t!(
            "成功取决于双方；用清楚的验收标准、实施方法、案例客户和服务承诺来代替退款保证。",
            "成功取決於雙方；用清楚的驗收標準、實施方法、案例客戶和服務承諾來代替退款保證。",
            "Success depends on both sides; offer clear acceptance criteria, a proven method, references and service commitments instead of a refund guarantee."
        ),
    },
    Objection {
        id: ObjectionId::BadExperience,
        title: t!("各种旧阴影", "各種舊陰影", "Bad past experiences"),
        response: t!(
            "先倾听失败的原因，再说明我们的方法如何避免同样的问题，并请有类似经历的案例客户现身说法。",
            "先傾聽失敗的原因，再說明我們的方法如何避免同樣的問題，並請有類似經歷的案例客戶現身說法。",
            "Listen to what went wrong, show how our approach avoids it, and let a reference customer with a similar history tell their story."
        ),
    },
];

/// The playbook entry of an objection.
pub fn objection(id: ObjectionId) -> &'static Objection {
    // OBJECTIONS is in `ObjectionId` declaration order; a test asserts it.
    &OBJECTIONS[id as usize]
}

/// Relationship-maintenance techniques (客戶關係維護的技巧, SPEC §6).
pub const MAINTENANCE_TIPS: [Text; 19] = [
    t!(
        "言之有物：每次联络都要带来有价值的内容。",
        "言之有物：每次聯絡都要帶來有價值的內容。",
        "Say something of substance every time you get in touch."
    ),
    t!(
        "MAN：确认客户有钱（Money）、有决策权（Authority）、有需求（Need）。",
        "MAN：確認客戶有錢（Money）、有決策權（Authority）、有需求（Need）。",
        "MAN: check Money, Authority and Need."
    ),
    t!("掌握时机。", "掌握時機。", "Seize the moment."),
    t!("善用工具。", "利用工具。", "Use tools."),
    t!(
        "触到痛处，搔到痒处。",
        "觸到痛處，搔到癢處。",
        "Touch the pain, and scratch the itch."
    ),
    t!(
        "真诚地赞美对方。",
        "真誠地讚美對方（戴高帽）。",
        "Flatter sincerely."
    ),
    t!(
        "诚于中，形于外。",
        "誠於中，形於外。",
        "Be genuine inside and out."
    ),
    t!("锲而不舍（缠）。", "鍥而不捨（纏）。", "Persist."),
    t!(
        "吸引对方的兴趣。",
        "吸引對方興趣。",
        "Catch their interest."
    ),
    t!(
        "注意仪态及肢体语言。",
        "注意儀態及肢體語言。",
        "Mind your manners and body language."
    ),
    t!(
        "动之以情，诱之以利。",
        "動以情，誘以利。",
        "Move them with feeling and with benefit."
    ),
    t!("投其所好。", "投其所好。", "Cater to their tastes."),
    t!(
        "一勤天下无难事。",
        "一勤天下無難事。",
        "Diligence overcomes everything."
    ),
    t!(
        "成为自家人。",
        "結黨營私（變成自家人）。",
        "Become one of their own."
    ),
    t!(
        "精诚所至，金石为开。",
        "精誠所至，金石為開。",
        "Sincerity opens even stone."
    ),
    t!("拉、拍、拖。", "拉、拍、拖。", "Pull, pat and drag."),
    t!(
        "客户没有需求时不急于推销。",
        "無需求時不急於推銷。",
        "Do not push when there is no need."
    ),
    t!(
        "正确地为客户分级。",
        "適當的客戶分級。",
        "Grade prospects correctly."
    ),
    t!(
        "维护的对象是 A 级以外的客户，按等级差别联络。",
        "維護的對象是 A 級以外的客戶，依等級差別聯絡。",
        "Maintenance covers prospects other than A, with contact differentiated by grade."
    ),
];

/// The two mottos of SPEC §6.
pub const MOTTOS: [Text; 2] = [
    t!(
        "客户关系维护是能否创造业绩的重要关键！",
        "客戶關係維護是能否創造業績的重要關鍵！",
        "Relationship maintenance is the key to results!"
    ),
    t!(
        "正确的客户分级是客户关系维护能否奏效的重要关键！",
        "正確的客戶分級是客戶關係維護能否奏效的重要關鍵！",
        "Correct grading is the key to effective maintenance!"
    ),
];

/// How to work or maintain prospects of one grade (SPEC §6), with the grade's definition
/// and narrative cues (SPEC §5 hints).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GradeStrategy {
    /// The grade.
    pub grade: Grade,
    /// Definition (closing horizon).
    pub definition: Text,
    /// Cues for a not-informatized prospect.
    pub hint_not_informatized: Text,
    /// Cues for an informatized prospect.
    pub hint_informatized: Text,
    /// Strategy for a not-informatized prospect.
    pub strategy_not_informatized: Text,
    /// Strategy for an informatized prospect.
    pub strategy_informatized: Text,
}

/// Per-grade definitions, hints and strategies, A to D.
pub const GRADE_STRATEGIES: [GradeStrategy; 4] = [
    GradeStrategy {
        grade: Grade::A,
        definition: t!("有机会在 3 个月内成交", "有機會在 3 個月內成交", "Can close within 3 months"),
        hint_not_informatized: t!("已经开始或即将开始选型，准备信息化。", "已經開始或即將於近期開始進行選型工作，以便展開資訊化。", "Selection has started or starts soon, to informatize."),
        hint_informatized: t!("已经开始或即将开始选型，以更换现有系统或扩大信息化范围。", "已經開始或即將於近期開始選型，以更換現有系統或擴大資訊化範圍。", "Selection has started or starts soon, to replace the current system or extend its scope."),
        strategy_not_informatized: t!("全力跑单：推进到交流、演示和报价。", "全力跑單：推進到交流、展示和報價。", "Work the deal actively: drive it to the exchange, demo and quote."),
        strategy_informatized: t!("全力跑单：突出与现有系统相比的改进。", "全力跑單：突出與現有系統相比的改進。", "Work the deal actively: stress the gains over the current system."),
    },
    GradeStrategy {
        grade: Grade::B,
        definition: t!("有机会在 4 至 6 个月内成交", "有機會在 4 至 6 個月內成交", "Can close in 4 to 6 months"),
        hint_not_informatized: t!("肯定信息化的必要性，但要等某些具体事情完成或定案后才会选型。", "肯定資訊化的必要性，但必須等某些具體事情完成或定案後，才會真正進行選型。", "Necessity affirmed, but waiting for a concrete event before selecting."),
        hint_informatized: t!("使用状况很不满意，厂商经再三要求仍无法改善；或自行开发、原设计者已离职、维护困难。", "使用狀況很不滿意，電腦公司經再三要求而無法改善；或自主開發、原設計者已離職、維護已有困難。", "Very unhappy and the vendor cannot fix it after repeated requests; or self-built, the designer has left and maintenance is hard."),
        strategy_not_informatized: t!("保持足够密切的联系，掌握由 B 升 A 的时机，适时展开销售。", "保持夠密切的聯絡，掌握由 B 級昇級為 A 級的時機，適時展開銷售工作。", "Stay close enough to catch the moment it turns A, then start selling."),
        strategy_informatized: t!("同上；另借案例客户，并点出现有厂商或自行开发系统的严重缺陷，坚定其换系统的决心。", "同上；另借案例客戶，並點出現有電腦公司或自主開發系統的嚴重缺陷，堅定其換系統的決心。", "As above; also use reference customers and point out the serious defects of the current vendor or in-house system to firm up the decision to switch."),
    },
    GradeStrategy {
        grade: Grade::C,
        definition: t!("有机会在 7 至 12 个月内成交", "有機會在 7 至 12 個月內成交", "Can close in 7 to 12 months"),
        hint_not_informatized: t!("行业与规模都该信息化，也认同必要性，但不觉得迫切或信心不足。", "行業及規模都該採行資訊化，也肯定必要性，但未覺迫切或信心不足而沒有行動。", "Should informatize and agrees, but feels no urgency or lacks confidence."),
        hint_informatized: t!("不满意但对厂商还抱有希望；或自行开发、原设计者仍在、使用者勉强接受。", "使用狀況不滿意，但對電腦公司還抱著希望；或自主開發、原設計者未離職、使用者勉強接受。", "Unhappy but still hoping in the vendor; or self-built, the designer still there, users reluctantly accept it."),
        strategy_not_informatized: t!("固定周期维护；借适当的文章、案例客户改变其观念，坚定决心。", "固定週期維護；借適當的文章、案例客戶改變其觀念，堅定決心。", "Fixed-cycle maintenance; use articles and reference customers to change their view and firm up the decision."),
        strategy_informatized: t!("固定周期维护；借案例客户并点出现有系统的严重缺陷，坚定换系统的决心。", "固定週期維護；借案例客戶並點出現有系統的嚴重缺陷，堅定換系統的決心。", "Fixed-cycle maintenance; use reference customers and the current system's serious defects to firm up the decision to switch."),
    },
    GradeStrategy {
        grade: Grade::D,
        definition: t!("无法在 12 个月内成交", "無法在 12 個月內成交", "Cannot close within 12 months"),
        hint_not_informatized: t!("没有信息化的必要性。", "未有資訊化必要性。", "No necessity to informatize."),
        hint_informatized: t!("对现有软件满意且维护无问题；或刚与他人签约、正在实施；或自行开发正在进行。", "目前軟體使用狀況滿意且維護沒有問題；或剛完成簽約、實施正進行中；或自主開發、設計工作正進行中。", "Satisfied and no maintenance problems; or just signed elsewhere / implementing; or self-built with design work in progress."),
        strategy_not_informatized: t!("固定周期维护：活动邀请、DM 及传真、发表会、特价活动。", "固定週期維護：活動邀請、DM 及傳真、發表會、特價活動。", "Fixed-cycle maintenance: event invitations, DM and fax, launch events, special offers."),
        strategy_informatized: t!("固定周期维护；若客户规模不小而现有厂商规模较小、投资不大，可留意其实施进展，伺机而动。", "固定週期維護；若客戶規模不小而電腦公司規模較小、投資金額不大，可注意其發展，伺機而動。", "Fixed-cycle maintenance; if a sizeable customer is implementing with a small vendor and a small budget, watch its progress and wait for the moment."),
    },
];

/// The strategy entry of a grade.
pub fn grade_strategy(grade: Grade) -> &'static GradeStrategy {
    &GRADE_STRATEGIES[grade.index()]
}

const fn definitions() -> [Text; GRADE_STRATEGIES.len()] {
    let mut out = [t!("", "", ""); GRADE_STRATEGIES.len()];
    let mut i = 0;
    while i < GRADE_STRATEGIES.len() {
        out[i] = GRADE_STRATEGIES[i].definition;
        i += 1;
    }
    out
}

/// The grades' definitions alone, A to D, computed from [`GRADE_STRATEGIES`] at compile
/// time: short texts the prospect screens show next to a grade, compiled into the PWA, while
/// the cues and strategies are loaded as data ([`crate::content::Playbooks`]).
pub static GRADE_DEFINITIONS: [Text; GRADE_STRATEGIES.len()] = definitions();

/// The definition of a grade (see [`GRADE_DEFINITIONS`]).
pub fn grade_definition(grade: Grade) -> Text {
    GRADE_DEFINITIONS[grade.index()]
}

/// How ERP is sold and its characteristics (SPEC §2b).
pub const SALES_CHARACTERISTICS: [Text; 8] = [
    t!("ERP 以项目式销售（Project Selling）或解决方案式销售（Solution Selling）进行。", "ERP 以專案式銷售（Project Selling）或解決方案式銷售（Solution Selling）進行。", "ERP is sold as a project (project selling) or a solution (solution selling)."),
    t!("ERP 是名单式销售：针对具名的潜在客户名单经营。", "ERP 是名單式銷售：針對具名的潛在客戶名單經營。", "ERP is sold by working a list of named prospects."),
    t!("有别于原料零件长期稳定的交易，也有别于消费品短暂多变的交易。", "有別於原料零件長期穩定的交易關係，也有別於消費用品短暫、變化快的交易關係。", "Unlike the long, stable trade in materials and parts, and unlike short, fast-changing consumer sales."),
    t!("销售的是无形产品，更需要具体说明。", "銷售無形產品，更需具體說明。", "The product is intangible, so it must be explained concretely."),
    t!("客户口碑及服务能力非常重要。", "客戶口碑及服務能力非常重要。", "Reputation and service capability matter greatly."),
    t!("客户若缺乏经验，难以区分优劣。", "客戶若缺乏經驗，難區分優劣。", "Inexperienced customers find it hard to tell vendors apart."),
    t!("标准化的产品，个性化的销售。", "標準化的產品，個性化的銷售。", "A standard product, sold in a personalised way."),
    t!("客户约每 3 至 10 年更换一次系统；销售周期 3 至 12 个月。", "客戶約每 3 年至 10 年更換一次；產品銷售週期 3 至 12 個月。", "Customers replace ERP every 3–10 years; the sales cycle is 3–12 months."),
];

/// Every shipped text of this module (for completeness checks).
pub fn all_texts() -> Vec<Text> {
    let mut v = Vec::new();
    for p in &STAGE_PLAYBOOKS {
        v.extend_from_slice(p.goals);
        v.extend_from_slice(p.tips);
        v.extend(p.checklist.iter().map(|c| c.text));
    }
    for s in &EXCHANGE_AGENDA {
        v.push(s.title);
        v.push(s.details);
    }
    for o in &OBJECTIONS {
        v.push(o.title);
        v.push(o.response);
    }
    v.extend_from_slice(&MAINTENANCE_TIPS);
    v.extend_from_slice(&MOTTOS);
    for g in &GRADE_STRATEGIES {
        v.extend([
            g.definition,
            g.hint_not_informatized,
            g.hint_informatized,
            g.strategy_not_informatized,
            g.strategy_informatized,
        ]);
    }
    v.extend_from_slice(&SALES_CHARACTERISTICS);
    v
}
