//! The one error type of the IndexedDB store, classified so that the UI can say what happened
//! ("storage full", "reload the app") instead of showing a DOMException: each kind has its
//! [`StorageError`] code, and its text starts with that code (the detail after it is for
//! logs only).

use wasm_bindgen::{JsCast, JsValue};

use super::storage_error::StorageError;

/// A failure of the IndexedDB store. A failed write has changed nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The device's storage for this site is full (`QuotaExceededError`, or a commit the
    /// browser aborted while almost no space was left). The UI says "storage full".
    #[error("quota_exceeded")]
    QuotaExceeded,
    /// IndexedDB cannot be used here (no `indexedDB`, storage blocked by the browser or its
    /// settings, private browsing, the database could not be opened).
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// The database on the device is newer than this build: another tab runs a newer version
    /// of the app. Reload.
    #[error("version_too_new: {0}")]
    VersionTooNew(String),
    /// The connection is closed (another tab upgraded the database, or the browser closed it).
    /// Reload or reopen.
    #[error("closed")]
    Closed,
    /// The transaction was rolled back for another reason.
    #[error("aborted: {0}")]
    Aborted(String),
    /// A stored row could not be read back (written by an incompatible version, or damaged).
    #[error("corrupt: unreadable row in `{store}`: {reason}")]
    Corrupt {
        /// Object store name.
        store: &'static str,
        /// What was wrong with it.
        reason: String,
    },
    /// Any other IndexedDB failure.
    #[error("failed: {0}")]
    Idb(String),
}

impl StoreError {
    /// The failure is a full storage: the rep must free space (or sync and clear photos).
    pub fn is_quota_exceeded(&self) -> bool {
        matches!(self, StoreError::QuotaExceeded)
    }

    /// Its code, which the UI translates.
    pub fn code(&self) -> StorageError {
        match self {
            StoreError::QuotaExceeded => StorageError::QuotaExceeded,
            StoreError::Unavailable(_) => StorageError::Unavailable,
            StoreError::VersionTooNew(_) => StorageError::VersionTooNew,
            StoreError::Closed => StorageError::Closed,
            StoreError::Aborted(_) => StorageError::Aborted,
            StoreError::Corrupt { .. } => StorageError::Corrupt,
            StoreError::Idb(_) => StorageError::Failed,
        }
    }

    /// Classifies a DOMException by its name (the only stable part of it).
    pub(crate) fn from_dom(name: &str, message: String) -> StoreError {
        match name {
            "QuotaExceededError" => StoreError::QuotaExceeded,
            "VersionError" => StoreError::VersionTooNew(message),
            // Raised by `transaction()` and requests on a closed or closing connection.
            "InvalidStateError" => StoreError::Closed,
            "AbortError" | "TransactionInactiveError" => StoreError::Aborted(message),
            "UnknownError" | "SecurityError" | "NotAllowedError" => {
                StoreError::Unavailable(message)
            }
            _ => StoreError::Idb(format!("{name}: {message}")),
        }
    }

    pub(crate) fn corrupt(store: &'static str, reason: impl ToString) -> StoreError {
        StoreError::Corrupt {
            store,
            reason: reason.to_string(),
        }
    }

    /// A failure to open the database: anything not classified more precisely means the
    /// browser's storage cannot be used.
    pub(crate) fn on_open(err: rexie::Error) -> StoreError {
        StoreError::from(err).at_open()
    }

    /// What a failure means while opening: the browser refusing (Firefox's private windows
    /// answer `InvalidStateError`, others a generic error) is storage this site cannot use.
    pub(crate) fn at_open(self) -> StoreError {
        match self {
            StoreError::Idb(message) => StoreError::Unavailable(message),
            StoreError::Closed => StoreError::Unavailable("the browser refused to open it".into()),
            other => other,
        }
    }
}

fn dom_exception(value: &JsValue) -> Option<&web_sys::DomException> {
    value.dyn_ref::<web_sys::DomException>()
}

/// The JS value idb keeps inside an error, if any (usually the request's DOMException).
fn idb_payload(err: &idb::Error) -> Option<&JsValue> {
    use idb::Error as E;
    match err {
        E::AddFailed(v)
        | E::ClearFailed(v)
        | E::CountFailed(v)
        | E::DeleteFailed(v)
        | E::GetAllFailed(v)
        | E::GetAllKeysFailed(v)
        | E::GetFailed(v)
        | E::GetKeyFailed(v)
        | E::UpdateFailed(v)
        | E::IndexedDbDeleteFailed(v)
        | E::IndexedDbNotFound(v)
        | E::IndexedDbOpenFailed(v)
        | E::IndexNotFound(v)
        | E::ObjectStoreNotFound(v)
        | E::TransactionAbortError(v)
        | E::TransactionCommitError(v)
        | E::TransactionOpenFailed(v)
        | E::RequestErrorNotFound(v)
        | E::RequestResultNotFound(v) => Some(v),
        _ => None,
    }
}

impl From<rexie::Error> for StoreError {
    fn from(err: rexie::Error) -> StoreError {
        match &err {
            rexie::Error::IdbError(idb::Error::DomException(e)) => {
                StoreError::from_dom(&e.name(), e.message())
            }
            rexie::Error::IdbError(idb::Error::IndexedDbNotFound(_)) => {
                StoreError::Unavailable("this browser has no IndexedDB".into())
            }
            rexie::Error::IdbError(inner) => match idb_payload(inner).and_then(dom_exception) {
                Some(e) => StoreError::from_dom(&e.name(), e.message()),
                None => StoreError::Idb(inner.to_string()),
            },
            rexie::Error::TransactioncommitFailed => {
                StoreError::Aborted("the transaction did not commit".into())
            }
            _ => StoreError::Idb(err.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dom_exception_names_map_to_what_the_ui_must_say() {
        assert!(StoreError::from_dom("QuotaExceededError", String::new()).is_quota_exceeded());
        assert!(matches!(
            StoreError::from_dom("VersionError", "v3 > v2".into()),
            StoreError::VersionTooNew(_)
        ));
        assert!(matches!(
            StoreError::from_dom("InvalidStateError", "closing".into()),
            StoreError::Closed
        ));
        assert_eq!(
            StoreError::from_dom("DataError", "bad key".into()),
            StoreError::Idb("DataError: bad key".into())
        );
    }

    #[test]
    fn a_browser_refusing_to_open_the_database_is_unavailable_storage() {
        // Firefox's private windows.
        let refused = StoreError::from_dom("InvalidStateError", "mutation not allowed".into());
        assert_eq!(refused.at_open().code(), StorageError::Unavailable);
        assert_eq!(
            StoreError::Idb("?".into()).at_open().code(),
            StorageError::Unavailable
        );
        assert_eq!(
            StoreError::QuotaExceeded.at_open().code(),
            StorageError::QuotaExceeded
        );
    }

    #[test]
    fn every_errors_text_starts_with_its_code() {
        let errors = [
            StoreError::QuotaExceeded,
            StoreError::Unavailable("no IndexedDB".into()),
            StoreError::VersionTooNew("v4 > v3".into()),
            StoreError::Closed,
            StoreError::Aborted("injected".into()),
            StoreError::corrupt("outbox", "row without seq"),
            StoreError::Idb("DataError: bad key".into()),
        ];
        for e in errors {
            assert_eq!(StorageError::of_message(&e.to_string()), e.code(), "{e}");
        }
    }
}
