//! Messages of the changes the server refused: what the change was and, by the server's
//! stable code, why it was refused and what the rep can do next.

use tuoke_core::contract::{MutationKind, MutationName};
use tuoke_core::stage::Rule;

use super::stage::StageKey;
use super::translate::I18n;

catalog! {
    /// What a refused change was, and why the server refused it.
    pub enum RefusalKey {
        // What the change was (by mutation name).
        ChangeProspect => ["客户资料修改", "客戶資料修改", "Prospect details"],
        ChangeNote => ["笔记", "筆記", "Note"],
        ChangeActivity => ["联系记录", "聯絡記錄", "Logged contact"],
        ChangeStage => ["阶段变更", "階段變更", "Stage move"],
        ChangeApproval => ["审批决定", "核准決定", "Approval decision"],
        ChangeQuote => ["正式报价", "正式報價", "Formal quote"],
        ChangeConcession => ["让步记录", "讓步記錄", "Concession"],
        ChangeObjection => ["疑虑记录", "疑慮記錄", "Objection"],
        ChangeQuiz => ["测验成绩", "測驗成績", "Quiz attempt"],
        ChangeShare => ["共享设置", "共享設定", "Sharing"],
        ChangeOther => ["更改", "更改", "Change"],

        // Why (by the server's code).
        NotVisible => ["这个客户已不在你名下（可能已转给同事），这条更改没有保存。如仍需记录，请联系主管。", "這個客戶已不在你名下（可能已轉給同事），這筆更改沒有儲存。如仍需記錄，請聯絡主管。", "This prospect is no longer yours (it may have been handed to a colleague), so the change was not saved. Ask your manager if it still needs recording."],
        NotOwner => ["只有客户的负责人可以这样做。请让负责人操作，或联系主管。", "只有客戶的負責人可以這樣做。請讓負責人操作，或聯絡主管。", "Only the prospect's owner may do this. Ask the owner, or your manager."],
        DateOutOfRange => ["日期不在 2000–2100 年之间。请检查手机的日期和时间，再重新录入。", "日期不在 2000–2100 年之間。請檢查手機的日期和時間，再重新輸入。", "The date is outside 2000–2100. Check the phone's date and time, then enter it again."],
        InFuture => ["时间比现在晚了一天以上。请检查手机的日期和时间，再重新录入。", "時間比現在晚了一天以上。請檢查手機的日期和時間，再重新輸入。", "The time is more than a day in the future. Check the phone's date and time, then enter it again."],
        Repeated => ["同一张照片附加了两次。请重新录入这条笔记。", "同一張照片附加了兩次。請重新輸入這筆筆記。", "The same photo was attached twice. Enter the note again."],
        MissingOrInvalid => ["内容缺少必填项或格式不对。请检查后重新录入；如一再出现，请更新应用。", "內容缺少必填項或格式不對。請檢查後重新輸入；如一再出現，請更新應用程式。", "Something required is missing or not valid. Check it and enter it again; if this keeps happening, update the app."],
        Negative => ["数值不能是负数。请更正后重新录入。", "數值不能是負數。請更正後重新輸入。", "A number must not be negative. Correct it and enter it again."],
        NulCharacter => ["内容含有无法保存的特殊字符。请删去后重新录入。", "內容含有無法儲存的特殊字元。請刪去後重新輸入。", "The text holds a character that cannot be saved. Remove it and enter it again."],
        IdTaken => ["这条记录的编号已被占用。请重新录入。", "這筆記錄的編號已被佔用。請重新輸入。", "This record's id is already taken. Enter it again."],
        AttachmentTaken => ["照片已属于另一条记录。请重新拍照后录入。", "照片已屬於另一筆記錄。請重新拍照後輸入。", "The photo belongs to another record. Take it again and enter the note."],
        NoManager => ["你还没有主管，无法提交审批。请联系管理员为你设置主管。", "你還沒有主管，無法送出核准申請。請聯絡管理員為你設定主管。", "You have no manager to approve this. Ask an administrator to set your manager."],
        NoSuchUser => ["找不到这位同事。请检查用户名。", "找不到這位同事。請檢查使用者名稱。", "No such colleague. Check the username."],
        InvalidQuote => ["报价内容不完整或有误。请检查报价后重新提交。", "報價內容不完整或有誤。請檢查報價後重新提交。", "The quote is incomplete or wrong. Check it and submit it again."],
        InvalidConcession => ["让步内容有误。请检查金额后重新录入。", "讓步內容有誤。請檢查金額後重新輸入。", "The concession is not valid. Check the amount and enter it again."],
        ApprovalGone => ["要处理的审批已不存在。请同步后查看最新状态。", "要處理的核准申請已不存在。請同步後查看最新狀態。", "The approval no longer exists. Sync and look at the latest state."],
        NotApprover => ["只有申请人的主管可以审批。", "只有申請人的主管可以核准。", "Only the requester's manager may decide this."],
        AlreadyDecided => ["这项审批已经处理过了。请同步后查看结果。", "這項核准申請已經處理過了。請同步後查看結果。", "This approval was already decided. Sync to see the outcome."],
        StorageRefused => ["服务器无法保存这条更改，问题已记录。请联系管理员。", "伺服器無法儲存這筆更改，問題已記錄。請聯絡管理員。", "The server could not store this change; the problem was logged. Contact your administrator."],
        TooLarge => ["这条更改太大，服务器无法接收。请缩短内容或减少照片后重新录入。", "這筆更改太大，伺服器無法接收。請縮短內容或減少照片後重新輸入。", "This change is too large for the server. Shorten it or use fewer photos, then enter it again."],
        UnknownChange => ["服务器不认识这种更改（应用和服务器的版本不一致）。请更新应用。", "伺服器不認識這種更改（應用程式和伺服器的版本不一致）。請更新應用程式。", "The server does not know this kind of change (the app and server versions differ). Update the app."],
        Other => ["服务器拒绝了这条更改。请联系管理员，并告知代码：{code}", "伺服器拒絕了這筆更改。請聯絡管理員，並告知代碼：{code}", "The server refused this change. Contact your administrator and quote the code: {code}"],
    }
}

/// What a change was, by its mutation name.
pub fn change(name: &MutationName) -> RefusalKey {
    match name.known() {
        Some(MutationKind::ProspectPut) => RefusalKey::ChangeProspect,
        Some(MutationKind::NoteAdd) => RefusalKey::ChangeNote,
        Some(MutationKind::ActivityLog) => RefusalKey::ChangeActivity,
        Some(MutationKind::StageMove) => RefusalKey::ChangeStage,
        Some(MutationKind::ApprovalDecide) => RefusalKey::ChangeApproval,
        Some(MutationKind::QuoteSubmit) => RefusalKey::ChangeQuote,
        Some(MutationKind::ConcessionAdd) => RefusalKey::ChangeConcession,
        Some(MutationKind::ObjectionAdd) => RefusalKey::ChangeObjection,
        Some(MutationKind::QuizSubmit) => RefusalKey::ChangeQuiz,
        Some(MutationKind::ProspectShare) => RefusalKey::ChangeShare,
        None => RefusalKey::ChangeOther,
    }
}

/// The text saying why the server refused a change and what to do next, from its stable
/// `code`: a refusal of this catalogue, a stage rule's explanation, or, for a code this app
/// does not know (or none, from an older server), [`RefusalKey::Other`] naming the code.
pub fn reason(i18n: &I18n, code: Option<&str>) -> String {
    let key = match code.unwrap_or("") {
        "not_visible" => RefusalKey::NotVisible,
        "not_owner" => RefusalKey::NotOwner,
        "date_out_of_range" => RefusalKey::DateOutOfRange,
        "in_future" => RefusalKey::InFuture,
        "repeated" => RefusalKey::Repeated,
        "required" | "empty" | "invalid" | "unknown_field" | "not_an_object" => {
            RefusalKey::MissingOrInvalid
        }
        "negative" => RefusalKey::Negative,
        "nul_character" => RefusalKey::NulCharacter,
        "id_taken" => RefusalKey::IdTaken,
        "attachment_taken" => RefusalKey::AttachmentTaken,
        "no_manager" => RefusalKey::NoManager,
        "no_such_user" => RefusalKey::NoSuchUser,
        "invalid_quote" => RefusalKey::InvalidQuote,
        "invalid_concession" => RefusalKey::InvalidConcession,
        "not_found" => RefusalKey::ApprovalGone,
        "not_approver" => RefusalKey::NotApprover,
        "already_decided" => RefusalKey::AlreadyDecided,
        "storage_refused" => RefusalKey::StorageRefused,
        "too_large" => RefusalKey::TooLarge,
        "unknown_mutation" => RefusalKey::UnknownChange,
        other => {
            // Stage moves are refused by the rule of the core's matrix, by its code.
            if let Ok(rule) = serde_json::from_value::<Rule>(serde_json::Value::from(other)) {
                return i18n.t(StageKey::rule(rule)).to_owned();
            }
            RefusalKey::Other
        }
    };
    i18n.fmt(key, &[("code", code.unwrap_or("—"))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::translate::Lang;

    fn i18n(lang: Lang) -> I18n {
        I18n::in_lang(lang)
    }

    #[test]
    fn every_code_the_server_sends_has_its_own_text_in_every_language() {
        // The codes of crates/server/README.md ("Push results"), and the phone's own too_large.
        let codes = [
            "required",
            "empty",
            "negative",
            "invalid",
            "unknown_field",
            "not_an_object",
            "date_out_of_range",
            "in_future",
            "repeated",
            "nul_character",
            "not_visible",
            "not_owner",
            "id_taken",
            "attachment_taken",
            "unknown_mutation",
            "no_manager",
            "no_such_user",
            "invalid_quote",
            "invalid_concession",
            "not_found",
            "not_approver",
            "already_decided",
            "storage_refused",
            "too_large",
            "skip_demo_needs_approval",
            "won_is_final",
        ];
        for lang in Lang::ALL {
            let other = i18n(lang).fmt(RefusalKey::Other, &[("code", "")]);
            for code in codes {
                let text = reason(&i18n(lang), Some(code));
                assert!(!text.starts_with(other.as_str()), "{lang:?} {code}: {text}");
                if lang != Lang::En {
                    assert!(!text.contains(code), "{lang:?} {code}: {text}");
                }
            }
        }
    }

    #[test]
    fn an_unknown_code_is_named_so_the_rep_can_quote_it() {
        let text = reason(&i18n(Lang::ZhHans), Some("brand_new_rule"));
        assert!(text.starts_with("服务器拒绝了这条更改"), "{text}");
        assert!(text.ends_with("brand_new_rule"), "{text}");
        assert!(reason(&i18n(Lang::ZhHans), None).ends_with('—'));
    }

    #[test]
    fn a_stage_rule_reads_as_the_stage_bar_explains_it() {
        assert_eq!(
            reason(&i18n(Lang::ZhHans), Some("won_is_final")),
            i18n(Lang::ZhHans).t(StageKey::rule(Rule::WonIsFinal))
        );
    }
}
