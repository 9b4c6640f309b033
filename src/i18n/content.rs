//! Messages about shipped content loaded as data (playbooks, quiz texts).

catalog! {
    /// A message about loading shipped content.
    pub enum ContentKey {
        Loading => ["正在加载内容…", "正在載入內容…", "Loading the content…"],
        Offline => [
            "离线中，这部分内容还没有下载到本机。请联网后再打开一次，之后离线也能查看。",
            "離線中，這部分內容還沒有下載到本機。請連上網路後再開啟一次，之後離線也能查看。",
            "You are offline and this content is not on the phone yet. Open it once while online; after that it works offline too.",
        ],
        Unavailable => [
            "内容加载失败。请稍后重试；如果一直失败，请刷新页面以更新应用。",
            "內容載入失敗。請稍後重試；如果一直失敗，請重新整理頁面以更新應用程式。",
            "The content could not be loaded. Try again later; if it keeps failing, reload the page to update the app.",
        ],
        Retry => ["重试", "重試", "Try again"],
    }
}
