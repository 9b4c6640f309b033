//! Contact methods (activity types) and note kinds (SPEC §6, API.md `activity.log` and
//! `note.add`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::{t, Text};
use crate::time::check_event_time;
use crate::validate::{PatchError, Problem};

/// A relationship-maintenance contact method (客戶關係維護的作法). Serialised snake_case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ActivityKind {
    PhoneCall,
    Gift,
    SendNews,
    Visit,
    Course,
    HolidayCard,
    Event,
    CustomerNews,
    CompanyNews,
    SalespersonNews,
    SolveProblem,
    KeyPeopleProfile,
    IndustrySigningNews,
    CustomerPromotion,
    ReferralReward,
    ThirdPartyRecommendation,
    IndustryMarketInfo,
    CustomerAd,
    IntroduceBusiness,
    IntroducePartners,
    OnlineService,
}

impl ActivityKind {
    /// Every kind, in the deck's order.
    pub const ALL: [ActivityKind; 21] = [
        ActivityKind::PhoneCall,
        ActivityKind::Gift,
        ActivityKind::SendNews,
        ActivityKind::Visit,
        ActivityKind::Course,
        ActivityKind::HolidayCard,
        ActivityKind::Event,
        ActivityKind::CustomerNews,
        ActivityKind::CompanyNews,
        ActivityKind::SalespersonNews,
        ActivityKind::SolveProblem,
        ActivityKind::KeyPeopleProfile,
        ActivityKind::IndustrySigningNews,
        ActivityKind::CustomerPromotion,
        ActivityKind::ReferralReward,
        ActivityKind::ThirdPartyRecommendation,
        ActivityKind::IndustryMarketInfo,
        ActivityKind::CustomerAd,
        ActivityKind::IntroduceBusiness,
        ActivityKind::IntroducePartners,
        ActivityKind::OnlineService,
    ];

    /// Display label.
    pub fn label(self) -> Text {
        use ActivityKind::*;
        match self {
            PhoneCall => t!("打电话", "打電話", "Phone call"),
            Gift => t!("送礼物", "送禮物", "Gift"),
            SendNews => t!("寄送新知", "寄送新知", "Send news and know-how"),
            Visit => t!("亲自拜访", "親自拜訪", "Visit in person"),
            Course => t!("开课程", "開課程", "Run a course"),
            HolidayCard => t!("年节贺卡", "年節賀卡", "Holiday card"),
            Event => t!("办活动", "辦活動", "Event"),
            CustomerNews => t!("客户动态报道", "客戶動態報導", "Customer news"),
            CompanyNews => t!("公司动态报道", "公司動態報導", "Company news"),
            SalespersonNews => t!("销售人员动态报道", "銷售人員動態報導", "Salesperson news"),
            SolveProblem => t!("解决客户问题", "解決客戶問題", "Solve a customer problem"),
            KeyPeopleProfile => t!(
                "建立客户个人资料（老板、IT 人员、CIO）",
                "建立客戶個人資料（老闆、IT 人員、CIO）",
                "Key-people profile (boss, IT, CIO)"
            ),
            IndustrySigningNews => t!("行业新签约报道", "行業新簽約報導", "Industry signing news"),
            CustomerPromotion => t!(
                "传递客户产品上市/促销信息",
                "傳遞客戶產品上市/促銷訊息",
                "Pass on the customer's launch or promotion"
            ),
            ReferralReward => t!("介绍客户奖励", "介紹客戶獎勵", "Referral reward"),
            ThirdPartyRecommendation => t!(
                "借助第三方推荐",
                "借助第三方推薦",
                "Third-party recommendation"
            ),
            IndustryMarketInfo => t!(
                "提供行业市场信息",
                "提供行業市場訊息",
                "Industry market information"
            ),
            CustomerAd => t!(
                "公司刊物刊登客户广告",
                "公司刊物刊登客戶廣告",
                "Advertise the customer in our publication"
            ),
            IntroduceBusiness => t!(
                "介绍生意给客户",
                "介紹生意給客戶",
                "Introduce business to them"
            ),
            IntroducePartners => t!(
                "介绍顾问、ISO、布线公司",
                "介紹顧問、ISO、佈線公司",
                "Introduce consultants, ISO or cabling firms"
            ),
            OnlineService => t!("互联网上服务客户", "網際網路上服務客戶", "Online services"),
        }
    }
}

/// Kind of a visit note (`note.add`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// Visit.
    Visit,
    /// Call.
    Call,
    /// Meeting.
    Meeting,
    /// Other.
    Other,
}

impl NoteKind {
    /// The contact a note of this kind records (SPEC §6: a visit or call recorded anywhere
    /// counts as a contact of its kind and moves the next contact due): a visit or a meeting
    /// with the customer is a visit in person, a call a phone call; any other note is no
    /// contact.
    pub fn contact(self) -> Option<ActivityKind> {
        match self {
            NoteKind::Visit | NoteKind::Meeting => Some(ActivityKind::Visit),
            NoteKind::Call => Some(ActivityKind::PhoneCall),
            NoteKind::Other => None,
        }
    }
}

/// The args of the `note.add` mutation (API.md); notes are append-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteAddArgs {
    /// Note id.
    pub id: uuid::Uuid,
    /// The prospect.
    pub prospect_id: uuid::Uuid,
    /// Text.
    pub body: String,
    /// Kind.
    pub kind: NoteKind,
    /// When the note was taken (RFC 3339 UTC).
    pub taken_at: chrono::DateTime<chrono::Utc>,
    /// Attached images.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachment_ids: Vec<uuid::Uuid>,
}

impl NoteAddArgs {
    /// What the types cannot say: a non-blank body, a time that has happened (`now` is the
    /// receiver's clock) and each attachment once.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<(), PatchError> {
        if self.body.trim().is_empty() {
            return Err(PatchError::new("body", Problem::Empty));
        }
        check_event_time(self.taken_at, now).map_err(|p| PatchError::new("taken_at", p.into()))?;
        for (i, id) in self.attachment_ids.iter().enumerate() {
            if self.attachment_ids[..i].contains(id) {
                return Err(PatchError::new(
                    format!("attachment_ids[{i}]"),
                    Problem::Repeated,
                ));
            }
        }
        Ok(())
    }
}

/// The args of the `activity.log` mutation (API.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityLogArgs {
    /// Activity id.
    pub id: uuid::Uuid,
    /// The prospect.
    pub prospect_id: uuid::Uuid,
    /// Contact method.
    pub kind: ActivityKind,
    /// When it happened (RFC 3339 UTC).
    pub at: chrono::DateTime<chrono::Utc>,
    /// Summary.
    #[serde(default)]
    pub summary: String,
}

impl ActivityLogArgs {
    /// What the types cannot say: a time that has happened (`now` is the receiver's clock).
    pub fn validate(&self, now: DateTime<Utc>) -> Result<(), PatchError> {
        check_event_time(self.at, now).map_err(|p| PatchError::new("at", p.into()))
    }
}
