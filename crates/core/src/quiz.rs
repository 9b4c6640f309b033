//! The training quiz (SPEC §10): a bank of auto-gradable questions written from the deck,
//! a deterministic random draw of ten from a caller-supplied seed, scoring (10 points each,
//! pass at 80) and the 40-minute limit. Times and seeds are parameters.
//!
//! **Decisions**: a multiple-choice answer scores only when the selected set equals the
//! correct set exactly (no partial credit); answers to questions that were not drawn are
//! ignored; a question answered twice counts the first answer; an attempt submitted after
//! the limit keeps its points but does not pass.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::{t, Text};

/// Questions per attempt.
pub const DRAW_SIZE: usize = 10;
/// Points per correct answer.
pub const POINTS_PER_QUESTION: u32 = 10;
/// Pass mark out of 100.
pub const PASS_MARK: u32 = 80;
/// Time limit of an attempt.
pub const TIME_LIMIT_MINUTES: i64 = 40;

/// Stable question id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct QuestionId(pub u16);

/// Kind of question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Exactly one option is correct.
    Single,
    /// One or more options are correct; all must be selected.
    Multiple,
    /// Options are [true, false].
    TrueFalse,
}

/// A quiz question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Question {
    /// Stable id.
    pub id: QuestionId,
    /// Kind.
    pub kind: QuestionKind,
    /// The question.
    pub prompt: Text,
    /// The options, in display order.
    pub options: &'static [Text],
    /// Indices of the correct options, ascending.
    pub correct: &'static [u8],
}

const TF: &[Text] = &[t!("对", "對", "True"), t!("错", "錯", "False")];
const TRUE: &[u8] = &[0];
const FALSE: &[u8] = &[1];

const GRADES_OPTS: &[Text] = &[
    t!("A 级", "A 級", "A"),
    t!("B 级", "B 級", "B"),
    t!("C 级", "C 級", "C"),
    t!("D 级", "D 級", "D"),
];

const fn q(
    id: u16,
    kind: QuestionKind,
    prompt: Text,
    options: &'static [Text],
    correct: &'static [u8],
) -> Question {
    Question {
        id: QuestionId(id),
        kind,
        prompt,
        options,
        correct,
    }
}

use QuestionKind::{Multiple as M, Single as S, TrueFalse as B};

/// The question bank.
pub const BANK: [Question; 38] = [
    q(1, S, t!("目标市场客户的年营业额范围是？", "目標市場客戶的年營業額範圍是？", "What annual revenue range defines the target market?"),
      &[t!("人民币 0.3 亿至 5 亿元", "人民幣 0.3 億至 5 億元", "RMB 30 million to 500 million"),
        t!("人民币 500 万至 3000 万元", "人民幣 500 萬至 3000 萬元", "RMB 5 million to 30 million"),
        t!("人民币 5 亿至 50 亿元", "人民幣 5 億至 50 億元", "RMB 500 million to 5 billion"),
        t!("不限规模", "不限規模", "Any size")], &[0]),
    q(2, S, t!("目标市场客户的年利润应在多少以上？", "目標市場客戶的年利潤應在多少以上？", "What minimum annual profit does the target market require?"),
      &[t!("人民币 100 万元", "人民幣 100 萬元", "RMB 1 million"),
        t!("人民币 500 万元", "人民幣 500 萬元", "RMB 5 million"),
        t!("人民币 3000 万元", "人民幣 3000 萬元", "RMB 30 million"),
        t!("没有要求", "沒有要求", "No requirement")], &[1]),
    q(3, M, t!("下列哪些行业属于目标市场？（多选）", "下列哪些行業屬於目標市場？（多選）", "Which industries belong to the target market? (choose all that apply)"),
      &[t!("电子", "電子", "Electronics"),
        t!("零售", "零售", "Retail"),
        t!("机械", "機械", "Machinery"),
        t!("五金", "五金", "Hardware"),
        t!("餐饮", "餐飲", "Catering"),
        t!("运输器材", "運輸器材", "Transport equipment")], &[0, 2, 3, 5]),
    q(4, B, t!("目标市场是制造业企业。", "目標市場是製造業企業。", "The target market is manufacturing companies."), TF, TRUE),
    q(5, B, t!("不在目标市场的潜在客户应该直接删除。", "不在目標市場的潛在客戶應該直接刪除。", "Prospects outside the target market should be deleted."), TF, FALSE),
    q(6, S, t!("ERP 的销售方式是？", "ERP 的銷售方式是？", "How is ERP sold?"),
      &[t!("项目式或解决方案式销售", "專案式或解決方案式銷售", "As a project or a solution"),
        t!("像消费品一样快速零售", "像消費用品一樣快速零售", "Like fast-moving consumer goods"),
        t!("像原料零件一样长期供货", "像原料零件一樣長期供貨", "Like a long-term supply of materials and parts"),
        t!("只在网上销售", "只在網路上銷售", "Online only")], &[0]),
    q(7, B, t!("ERP 是名单式销售：针对具名的潜在客户经营。", "ERP 是名單式銷售：針對具名的潛在客戶經營。", "ERP is sold by working a list of named prospects."), TF, TRUE),
    q(8, S, t!("ERP 产品的销售周期一般是多久？", "ERP 產品的銷售週期一般是多久？", "How long is a typical ERP sales cycle?"),
      &[t!("1 至 2 周", "1 至 2 週", "1–2 weeks"),
        t!("1 个月", "1 個月", "1 month"),
        t!("3 至 12 个月", "3 至 12 個月", "3–12 months"),
        t!("2 至 3 年", "2 至 3 年", "2–3 years")], &[2]),
    q(9, S, t!("客户大约多久更换一次 ERP？", "客戶大約多久更換一次 ERP？", "How often do customers replace their ERP?"),
      &[t!("每年", "每年", "Every year"),
        t!("约每 3 至 10 年", "約每 3 年至 10 年", "Every 3–10 years"),
        t!("约每 20 至 30 年", "約每 20 至 30 年", "Every 20–30 years"),
        t!("从不更换", "從不更換", "Never")], &[1]),
    q(10, M, t!("下列哪些是 ERP 销售的特性？（多选）", "下列哪些是 ERP 銷售的特性？（多選）", "Which are characteristics of ERP selling? (choose all that apply)"),
      &[t!("销售无形产品，更需具体说明", "銷售無形產品，更需具體說明", "The product is intangible and must be explained concretely"),
        t!("客户口碑及服务能力非常重要", "客戶口碑及服務能力非常重要", "Reputation and service capability matter greatly"),
        t!("标准化的产品，个性化的销售", "標準化的產品，個性化的銷售", "A standard product sold in a personalised way"),
        t!("价格最低者一定胜出", "價格最低者一定勝出", "The lowest price always wins")], &[0, 1, 2]),
    q(11, M, t!("下列哪些属于六种关键信息？（多选）", "下列哪些屬於六種關鍵資訊？（多選）", "Which of these are among the six kinds of key information? (choose all that apply)"),
      &[t!("时间表", "時間表", "Schedule"),
        t!("预算", "預算", "Budget"),
        t!("客户的股价", "客戶的股價", "The customer's share price"),
        t!("决策", "決策", "Decision"),
        t!("竞争", "競爭", "Competition"),
        t!("客户的办公室装修", "客戶的辦公室裝修", "The customer's office décor")], &[0, 1, 3, 4]),
    q(12, S, t!("“客户兴奋点”指的是哪一种关键信息？", "「客戶興奮點」指的是哪一種關鍵資訊？", "Which kind of key information is “what excites the customer”?"),
      &[t!("关键评估项", "關鍵評估項", "Key evaluation items"),
        t!("预算", "預算", "Budget"),
        t!("时间表", "時間表", "Schedule"),
        t!("竞争", "競爭", "Competition")], &[0]),
    q(13, S, t!("客户没有编列预算时，应了解什么？", "客戶沒有編列預算時，應了解甚麼？", "If the customer has no set budget, what should you find out?"),
      &[t!("客户大概花得起多少钱", "客戶大概花得起多少錢", "Roughly how much they can afford"),
        t!("客户去年的纳税额", "客戶去年的納稅額", "Last year's tax bill"),
        t!("不需要了解任何预算信息", "不需要了解任何預算資訊", "Nothing about money"),
        t!("竞争对手的报价", "競爭對手的報價", "The competitors' quotes")], &[0]),
    q(14, M, t!("“决策”关键信息包括哪些？（多选）", "「決策」關鍵資訊包括哪些？（多選）", "What does the “decision” key information include? (choose all that apply)"),
      &[t!("信息化的发起人", "資訊化的發起人", "Who initiated the project"),
        t!("决策人员", "決策人員", "The decision makers"),
        t!("母公司在决策中的角色", "母公司在決策中的角色", "The parent company's role"),
        t!("竞争对手的报价", "競爭對手的報價", "The competitors' prices")], &[0, 1, 2]),
    q(15, S, t!("A 级客户的定义是？", "A 級客戶的定義是？", "What defines an A prospect?"),
      &[t!("有机会在 3 个月内成交", "有機會在 3 個月內成交", "Can close within 3 months"),
        t!("有机会在 4 至 6 个月内成交", "有機會在 4 至 6 個月內成交", "Can close in 4–6 months"),
        t!("有机会在 7 至 12 个月内成交", "有機會在 7 至 12 個月內成交", "Can close in 7–12 months"),
        t!("无法在 12 个月内成交", "無法在 12 個月內成交", "Cannot close within 12 months")], &[0]),
    q(16, S, t!("有机会在 7 至 12 个月内成交的是几级客户？", "有機會在 7 至 12 個月內成交的是幾級客戶？", "Which grade can close in 7–12 months?"), GRADES_OPTS, &[2]),
    q(17, S, t!("无法在 12 个月内成交的是几级客户？", "無法在 12 個月內成交的是幾級客戶？", "Which grade cannot close within 12 months?"), GRADES_OPTS, &[3]),
    q(18, B, t!("没有客观的信息化必要性的客户属于 D 级。", "沒有客觀的資訊化必要性的客戶屬於 D 級。", "A prospect with no objective need to informatize is graded D."), TF, TRUE),
    q(19, S, t!("目标市场涵盖哪些等级的客户？", "目標市場涵蓋甚麼等級的客戶？", "Which grades does the target market cover?"),
      &[t!("只有 A 级", "只有 A 級", "A only"),
        t!("A 级和 B 级", "A 級和 B 級", "A and B"),
        t!("A、B、C、D 四级", "A、B、C、D 四級", "A, B, C and D"),
        t!("B、C、D 级", "B、C、D 級", "B, C and D")], &[2]),
    q(20, S, t!("客户关系维护涵盖哪些等级的客户？", "客戶關係維護涵蓋甚麼等級的客戶？", "Which grades does relationship maintenance cover?"),
      &[t!("只有 A 级", "只有 A 級", "A only"),
        t!("A 级和 B 级", "A 級和 B 級", "A and B"),
        t!("A、B、C、D 四级", "A、B、C、D 四級", "A, B, C and D"),
        t!("B、C、D 级", "B、C、D 級", "B, C and D")], &[3]),
    q(21, S, t!("已信息化客户对现有系统很不满意，厂商经再三要求仍无法改善，应列为几级？", "已資訊化客戶對現有系統很不滿意，電腦公司經再三要求仍無法改善，應列為幾級？", "An informatized prospect is very unhappy and the vendor cannot fix it after repeated requests. Which grade?"), GRADES_OPTS, &[1]),
    q(22, S, t!("自行开发的系统，原设计者仍在职，使用者虽不满意但勉强接受，应列为几级？", "自主開發的系統，原設計者未離職，使用者雖不滿意但勉強接受，應列為幾級？", "A self-built system whose designer is still there; users are unhappy but accept it. Which grade?"), GRADES_OPTS, &[2]),
    q(23, S, t!("刚与其他厂商签约、正在实施中的客户应列为几级？", "剛與其他廠商簽約、實施正進行中的客戶應列為幾級？", "A prospect that just signed with another vendor and is implementing. Which grade?"), GRADES_OPTS, &[3]),
    q(24, S, t!("按每月工作时间分配，跑 A 级客户应花几天？", "按每月工作時間分配，跑 A 級客戶應花幾天？", "Under the monthly norm, how many days go to working A prospects?"),
      &[t!("2 天", "2 天", "2 days"), t!("4 天", "4 天", "4 days"), t!("10 天", "10 天", "10 days"), t!("20 天", "20 天", "20 days")], &[2]),
    q(25, S, t!("按每月工作量，应开发多少家新客户？", "按每月工作量，應開發多少家新客戶？", "Under the monthly norm, how many new prospects should be developed?"),
      &[t!("8 家", "8 家", "8"), t!("12 家", "12 家", "12"), t!("24 家", "24 家", "24"), t!("40 家", "40 家", "40")], &[3]),
    q(26, S, t!("正式书面报价最早在什么时候提出？", "正式書面報價最早在甚麼時候提出？", "When is the earliest point for a formal written quote?"),
      &[t!("取得名单时", "取得名單時", "When the lead is received"),
        t!("初访时", "初訪時", "At the first visit"),
        t!("交流完成后", "交流完成後", "After the exchange meeting"),
        t!("签约时", "簽約時", "At signing")], &[2]),
    q(27, B, t!("初访时客户问到价格，可以口头大致说明一般信息化的费用区间。", "初訪時客戶問到價格，可以口頭約略說明一般資訊化的費用區間。", "At the first visit you may give an oral price range if the customer asks."), TF, TRUE),
    q(28, B, t!("每一份正式报价单都要经过主管审核签字。", "每一份正式報價單都要經過主管審核簽字。", "Every formal quote needs the manager's review and signature."), TF, TRUE),
    q(29, S, t!("销售流程图中的“NO*”表示什么？", "銷售流程圖中的「NO*」表示甚麼？", "What does “NO*” mean in the sales-process diagram?"),
      &[t!("允许", "允許", "Allowed"),
        t!("禁止", "禁止", "Forbidden"),
        t!("须经主管核准", "須經主管核准", "Needs the manager's approval"),
        t!("可有可无", "可有可無", "Optional")], &[2]),
    q(30, S, t!("交流会议的时间大约多长为宜？", "交流會議的時間大約多長為宜？", "About how long should the exchange meeting last?"),
      &[t!("15 分钟", "15 分鐘", "15 minutes"),
        t!("约 2 小时", "約 2 小時", "About 2 hours"),
        t!("一整天", "一整天", "A full day"),
        t!("一周", "一週", "A week")], &[1]),
    q(31, M, t!("系统演示时应注意哪些事项？（多选）", "系統展示時應注意哪些事項？（多選）", "What should you keep in mind during the demo? (choose all that apply)"),
      &[t!("针对客户关心的部分发挥", "針對客戶關心的部份發揮", "Focus on what the customer cares about"),
        t!("不是辩论比赛，不可争论恋战", "不是辯論比賽，不可爭論戀戰", "It is not a debate"),
        t!("见好就收", "見好就收", "Stop while you are ahead"),
        t!("详细展示产品的所有弱点", "詳細展示產品的所有弱點", "Show every weakness of the product in detail")], &[0, 1, 2]),
    q(32, S, t!("商务谈判中让价应该如何进行？", "商務談判中讓價應該如何進行？", "How should concessions be made in negotiation?"),
      &[t!("越让越少，不可越让越多", "越讓越少，不可越讓越多", "Each smaller than the last, never larger"),
        t!("越让越多", "越讓越多", "Each larger than the last"),
        t!("一开始就一次让光", "一開始就一次讓光", "Everything at once at the start"),
        t!("每次让同样多", "每次讓同樣多", "The same amount each time")], &[0]),
    q(33, B, t!("每一次让价都应该要求客户给些东西作为回报。", "每一次讓價都應該要求客戶給些東西作為回報。", "Every concession should get something in return."), TF, TRUE),
    q(34, S, t!("签约时应该由谁先用印？", "簽約時應該由誰先用印？", "At signing, who stamps the contract first?"),
      &[t!("客户", "客戶", "The customer"),
        t!("我方销售人员", "我方銷售人員", "Our sales rep"),
        t!("我方主管", "我方主管", "Our manager"),
        t!("律师", "律師", "A lawyer")], &[0]),
    q(35, B, t!("“嫌货才是买货人”：提出疑虑的客户往往才是真正的买家。", "「嫌貨才是買貨人」：提出疑慮的客戶往往才是真正的買家。", "“The one who criticises is the buyer”: customers who raise objections are often the real buyers."), TF, TRUE),
    q(36, S, t!("客户要求先试用时，建议的回应是？", "客戶要求先試用時，建議的回應是？", "What is the suggested response when the customer wants a trial run?"),
      &[t!("先进行流程合理化", "先進行流程合理化", "Rationalise the processes first"),
        t!("免费安装一套让其自行使用", "免費安裝一套讓其自行使用", "Install a free copy for them to try alone"),
        t!("立即降价", "立即降價", "Cut the price at once"),
        t!("结束洽谈", "結束洽談", "End the talks")], &[0]),
    q(37, M, t!("MAN 指的是哪三项？（多选）", "MAN 指的是哪三項？（多選）", "What do the letters of MAN stand for? (choose all that apply)"),
      &[t!("Money（钱）", "Money（錢）", "Money"),
        t!("Authority（决策权）", "Authority（決策權）", "Authority"),
        t!("Need（需求）", "Need（需求）", "Need"),
        t!("Marketing（营销）", "Marketing（行銷）", "Marketing")], &[0, 1, 2]),
    q(38, S, t!("现阶段取得潜在客户名单的工作重点是？", "現階段取得潛在客戶名單的工作重點是？", "What is the current focus for generating leads?"),
      &[t!("举办活动及电话行销", "舉辦活動及電話行銷", "Events and telemarketing"),
        t!("电视广告", "電視廣告", "TV advertising"),
        t!("报纸分类广告", "報紙分類廣告", "Newspaper classifieds"),
        t!("等待客户上门", "等待客戶上門", "Waiting for walk-ins")], &[0]),
];

/// What grading needs of a question, without its text: id, kind, option count and the
/// correct options.
///
/// The PWA grades with these alone and loads the texts as data ([`crate::content`]), so the
/// bank's texts stay out of its wasm: [`KEYS`] is computed from [`BANK`] at compile time and
/// refers to none of the texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuestionKey {
    /// Stable id.
    pub id: QuestionId,
    /// Kind.
    pub kind: QuestionKind,
    /// How many options the question has.
    pub options: u8,
    /// Indices of the correct options, ascending.
    pub correct: &'static [u8],
}

const fn keys() -> [QuestionKey; BANK.len()] {
    let mut out = [QuestionKey {
        id: QuestionId(0),
        kind: QuestionKind::Single,
        options: 0,
        correct: &[],
    }; BANK.len()];
    let mut i = 0;
    while i < BANK.len() {
        let q = &BANK[i];
        out[i] = QuestionKey {
            id: q.id,
            kind: q.kind,
            options: q.options.len() as u8,
            correct: q.correct,
        };
        i += 1;
    }
    out
}

/// The bank without its texts, in bank order (see [`QuestionKey`]).
pub static KEYS: [QuestionKey; BANK.len()] = keys();

/// A question by id, with its texts in all languages (native code: the server, the content
/// generator, tests; the PWA uses [`key`] and the loaded [`crate::content::QuizTexts`]).
pub fn question(id: QuestionId) -> Option<&'static Question> {
    BANK.iter().find(|q| q.id == id)
}

/// A question's grading key by id.
pub fn key(id: QuestionId) -> Option<&'static QuestionKey> {
    KEYS.iter().find(|q| q.id == id)
}

/// Draw [`DRAW_SIZE`] distinct questions; the same seed always gives the same draw.
pub fn draw(seed: u64) -> Vec<QuestionId> {
    let mut ids: Vec<QuestionId> = KEYS.iter().map(|q| q.id).collect();
    let mut rng = crate::rng::SplitMix64::new(seed);
    // Partial Fisher–Yates: the first DRAW_SIZE slots become a uniform sample.
    for i in 0..DRAW_SIZE.min(ids.len()) {
        let j = i + rng.below((ids.len() - i) as u64) as usize;
        ids.swap(i, j);
    }
    ids.truncate(DRAW_SIZE);
    ids
}

/// One submitted answer: the selected option indices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizAnswer {
    /// Question.
    pub question_id: QuestionId,
    /// Selected option indices (order and duplicates do not matter).
    pub selected: Vec<u8>,
}

/// Whether a selection answers a question whose correct options are `correct` (ascending).
pub fn is_correct(correct: &[u8], selected: &[u8]) -> bool {
    let mut s = selected.to_vec();
    s.sort_unstable();
    s.dedup();
    s == correct
}

/// The score of an attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    /// Points (10 per correct answer).
    pub points: u32,
    /// Maximum points.
    pub max_points: u32,
    /// Points ≥ 80 (and, via [`grade_attempt`], within the time limit).
    pub passed: bool,
    /// The drawn questions answered correctly.
    pub correct: Vec<QuestionId>,
}

/// Score answers against the drawn questions.
pub fn score(drawn: &[QuestionId], answers: &[QuizAnswer]) -> Score {
    let mut correct = Vec::new();
    for id in drawn {
        let Some(q) = key(*id) else { continue };
        if let Some(a) = answers.iter().find(|a| a.question_id == *id) {
            if is_correct(q.correct, &a.selected) && !correct.contains(id) {
                correct.push(*id);
            }
        }
    }
    let points = correct.len() as u32 * POINTS_PER_QUESTION;
    Score {
        points,
        max_points: drawn.len() as u32 * POINTS_PER_QUESTION,
        passed: points >= PASS_MARK,
        correct,
    }
}

/// Whether an attempt started at `started` and submitted at `submitted` is within the limit
/// (exactly 40 minutes is still within; a submission before the start is not).
pub fn within_time_limit(started: DateTime<Utc>, submitted: DateTime<Utc>) -> bool {
    let d = submitted - started;
    d >= chrono::Duration::zero() && d <= chrono::Duration::minutes(TIME_LIMIT_MINUTES)
}

/// A graded attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptResult {
    /// Score (with `passed` also requiring the time limit).
    pub score: Score,
    /// Submitted within the limit.
    pub within_time: bool,
}

/// Score an attempt and apply the time limit.
pub fn grade_attempt(
    drawn: &[QuestionId],
    answers: &[QuizAnswer],
    started: DateTime<Utc>,
    submitted: DateTime<Utc>,
) -> AttemptResult {
    let mut score = score(drawn, answers);
    let within_time = within_time_limit(started, submitted);
    score.passed &= within_time;
    AttemptResult { score, within_time }
}
