//! Messages of the phone's storage failing: by [`StorageError`] code, what happened and what
//! the rep can do next (never the browser's words).

use super::catalog::Key;
use super::translate::I18n;
use crate::store::StorageError;

catalog! {
    /// What went wrong with the phone's storage, and what to do next.
    pub enum StorageKey {
        QuotaExceeded => [
            "手机存储空间已满。请删除不需要的照片、视频或应用，腾出空间后再试。",
            "手機儲存空間已滿。請刪除不需要的照片、影片或應用程式，騰出空間後再試。",
            "This phone's storage is full. Delete photos, videos or apps you do not need, then try again.",
        ],
        Unavailable => [
            "浏览器不允许拓客在本机保存数据（可能在无痕/隐私模式下，或关闭了网站数据）。请在普通窗口中打开拓客，或在浏览器设置中允许本站保存数据，然后重新打开。",
            "瀏覽器不允許拓客在本機儲存資料（可能在無痕/私密模式下，或關閉了網站資料）。請在一般視窗中開啟拓客，或在瀏覽器設定中允許本站儲存資料，然後重新開啟。",
            "The browser does not let Tuoke keep data on this phone (private browsing, or site data turned off). Open Tuoke in a normal window, or allow this site to store data in the browser's settings, then open it again.",
        ],
        UpgradeBlocked => [
            "拓客正在更新本机数据，但另一个拓客标签页或窗口还在使用旧版本。请关闭其他拓客标签页和窗口，更新会自动继续。",
            "拓客正在更新本機資料，但另一個拓客分頁或視窗還在使用舊版本。請關閉其他拓客分頁和視窗，更新會自動繼續。",
            "Tuoke is updating the data on this phone, but another Tuoke tab or window still uses the old version. Close the other Tuoke tabs and windows; the update then continues by itself.",
        ],
        VersionTooNew => [
            "本机数据已由更新版本的拓客使用。请重新载入页面，以使用最新版本。",
            "本機資料已由更新版本的拓客使用。請重新載入頁面，以使用最新版本。",
            "The data on this phone is used by a newer version of Tuoke. Reload the page to use the newest version.",
        ],
        Closed => [
            "与本机数据的连接已断开（可能另一个标签页更新了拓客）。请重新载入页面后再试；已保存的更改都还在本机。",
            "與本機資料的連線已中斷（可能另一個分頁更新了拓客）。請重新載入頁面後再試；已儲存的變更都還在本機。",
            "The connection to this phone's data was closed (another tab may have updated Tuoke). Reload the page and try again; changes already saved are still on this phone.",
        ],
        Aborted => [
            "浏览器中断了保存。请再试一次；如果一再出现，请重新载入页面。",
            "瀏覽器中斷了儲存。請再試一次；如果一再出現，請重新載入頁面。",
            "The browser interrupted saving. Try again; if it keeps happening, reload the page.",
        ],
        Corrupt => [
            "本机有部分数据无法读取（可能由不兼容的版本写入）。请重新载入页面以更新拓客；如果一再出现，请联系管理员。",
            "本機有部分資料無法讀取（可能由不相容的版本寫入）。請重新載入頁面以更新拓客；如果一再出現，請聯絡管理員。",
            "Some data on this phone cannot be read (possibly written by an incompatible version). Reload the page to update Tuoke; if it keeps happening, contact your administrator.",
        ],
        Failed => [
            "本机存储出错。请重新载入页面后再试；如果一再出现，请联系管理员。",
            "本機儲存出錯。請重新載入頁面後再試；如果一再出現，請聯絡管理員。",
            "Something went wrong with this phone's storage. Reload the page and try again; if it keeps happening, contact your administrator.",
        ],
    }
}

impl StorageKey {
    /// The message of a storage error.
    pub fn of(error: StorageError) -> StorageKey {
        match error {
            StorageError::QuotaExceeded => StorageKey::QuotaExceeded,
            StorageError::Unavailable => StorageKey::Unavailable,
            StorageError::UpgradeBlocked => StorageKey::UpgradeBlocked,
            StorageError::VersionTooNew => StorageKey::VersionTooNew,
            StorageError::Closed => StorageKey::Closed,
            StorageError::Aborted => StorageKey::Aborted,
            StorageError::Corrupt => StorageKey::Corrupt,
            StorageError::Failed => StorageKey::Failed,
        }
    }
}

/// What the rep reads when a change could not be saved on the phone: that it was not saved,
/// why, and what to do.
pub fn not_saved(i18n: &I18n, error: StorageError) -> String {
    i18n.fmt(Key::SaveFailed, &[("m", i18n.t(StorageKey::of(error)))])
}

/// What the rep reads when the phone's data cannot be opened (the upgrade waiting for
/// another tab says only that, as it continues by itself).
pub fn not_opened(i18n: &I18n, error: StorageError) -> String {
    match error {
        StorageError::UpgradeBlocked => i18n.t(StorageKey::UpgradeBlocked).to_owned(),
        other => i18n.fmt(Key::StorageFailed, &[("m", i18n.t(StorageKey::of(other)))]),
    }
}

/// What the sync screen says when syncing stopped on a storage failure (the sync engine
/// keeps the store's error as its text, which starts with the code).
pub fn sync_paused(i18n: &I18n, message: &str) -> String {
    let error = StorageError::of_message(message);
    i18n.fmt(
        Key::SyncErrorStorage,
        &[("m", i18n.t(StorageKey::of(error)))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::translate::Lang;

    fn i18n(lang: Lang) -> I18n {
        I18n::in_lang(lang)
    }

    /// Latin letters left once the words Chinese text uses as they are are taken out.
    fn english_in(text: &str) -> bool {
        text.replace("Wi-Fi", "")
            .chars()
            .any(|c| c.is_ascii_alphabetic())
    }

    #[test]
    fn every_storage_error_has_its_own_message_saying_what_to_do_in_every_language() {
        for lang in Lang::ALL {
            let texts: Vec<_> = StorageError::ALL
                .iter()
                .map(|e| i18n(lang).t(StorageKey::of(*e)))
                .collect();
            for (i, text) in texts.iter().enumerate() {
                assert!(!texts[..i].contains(text), "{lang:?}: {text} twice");
            }
        }
        for e in StorageError::ALL {
            let zh = i18n(Lang::ZhHans).t(StorageKey::of(e));
            // What to do next: every message asks for something (请…).
            assert!(zh.contains('请'), "{e:?}: {zh}");
            assert!(!english_in(zh), "{e:?}: {zh}");
        }
    }

    #[test]
    fn storage_failures_reach_a_chinese_screen_without_the_browsers_english() {
        let zh = i18n(Lang::ZhHans);
        let quota = not_saved(&zh, StorageError::QuotaExceeded);
        assert!(
            quota.contains("没有保存") && quota.contains("空间已满"),
            "{quota}"
        );
        let private = not_opened(&zh, StorageError::Unavailable);
        assert!(private.contains("无痕"), "{private}");
        let blocked = not_opened(&zh, StorageError::UpgradeBlocked);
        assert!(blocked.contains("关闭其他拓客标签页"), "{blocked}");
        // The engine's text of a store error: the code, then the browser's detail.
        let paused = sync_paused(&zh, "quota_exceeded");
        let odd = sync_paused(
            &zh,
            "failed: DataError: Failed to execute 'put' on 'IDBObjectStore'",
        );
        assert!(paused.contains("空间已满"), "{paused}");
        for text in [quota, private, blocked, paused, odd] {
            assert!(!english_in(&text), "English left in {text}");
        }
    }
}
