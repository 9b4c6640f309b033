//! [`StorageError`]: what went wrong with the phone's storage, as a stable code. The UI
//! translates it (`crate::i18n::StorageKey`: what happened and what to do next); the
//! browser's words never reach the screen.

/// What went wrong with the phone's storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StorageError {
    /// The phone's storage for this site is full: free space, then try again.
    QuotaExceeded,
    /// The browser lets this site keep no data (private browsing, site data blocked, no
    /// IndexedDB): open the app in a normal window or allow site data.
    Unavailable,
    /// The database must be upgraded, but another tab still uses the older version: close it.
    UpgradeBlocked,
    /// The database was written by a newer version of the app: reload.
    VersionTooNew,
    /// The connection was closed (another tab upgraded or deleted the database): reload.
    Closed,
    /// The browser rolled the write back: try again.
    Aborted,
    /// A stored row cannot be read back: update the app, or ask the administrator.
    Corrupt,
    /// Any other failure of the storage.
    Failed,
}

impl StorageError {
    /// Every code, for completeness tests.
    pub const ALL: [StorageError; 8] = [
        StorageError::QuotaExceeded,
        StorageError::Unavailable,
        StorageError::UpgradeBlocked,
        StorageError::VersionTooNew,
        StorageError::Closed,
        StorageError::Aborted,
        StorageError::Corrupt,
        StorageError::Failed,
    ];

    /// The stable code (what [`StoreError`](super::StoreError)'s text starts with).
    pub fn code(self) -> &'static str {
        match self {
            StorageError::QuotaExceeded => "quota_exceeded",
            StorageError::Unavailable => "unavailable",
            StorageError::UpgradeBlocked => "upgrade_blocked",
            StorageError::VersionTooNew => "version_too_new",
            StorageError::Closed => "closed",
            StorageError::Aborted => "aborted",
            StorageError::Corrupt => "corrupt",
            StorageError::Failed => "failed",
        }
    }

    /// The code a storage error's text starts with (the sync engine keeps a failed store
    /// call as its text: `code` or `code: detail`); any other text is [`StorageError::Failed`].
    pub fn of_message(message: &str) -> StorageError {
        let code = message.split(':').next().unwrap_or_default().trim();
        StorageError::ALL
            .into_iter()
            .find(|e| e.code() == code)
            .unwrap_or(StorageError::Failed)
    }
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_storage_errors_text_gives_its_code_back() {
        for e in StorageError::ALL {
            assert_eq!(StorageError::of_message(e.code()), e);
            let detailed = format!("{}: the browser's own words", e.code());
            assert_eq!(StorageError::of_message(&detailed), e);
        }
        assert_eq!(
            StorageError::of_message("sync state missing"),
            StorageError::Failed
        );
    }
}
