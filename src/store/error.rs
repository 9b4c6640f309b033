//! The one error type of the IndexedDB store, classified so that the UI can say what happened
//! ("storage full", "reload the app") instead of showing a DOMException.

use wasm_bindgen::{JsCast, JsValue};

/// A failure of the IndexedDB store. A failed write has changed nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The device's storage for this site is full (`QuotaExceededError`, or a commit the
    /// browser aborted while almost no space was left). The UI says "storage full".
    #[error("local storage is full")]
    QuotaExceeded,
    /// IndexedDB cannot be used here (no `indexedDB`, storage blocked by the browser or its
    /// settings, the database could not be opened).
    #[error("local storage is unavailable: {0}")]
    Unavailable(String),
    /// The database on the device is newer than this build: another tab runs a newer version
    /// of the app. Reload.
    #[error("the local database is newer than this version of the app: {0}")]
    VersionTooNew(String),
    /// The connection is closed (another tab upgraded the database, or the browser closed it).
    /// Reload or reopen.
    #[error("the local database connection was closed")]
    Closed,
    /// The transaction was rolled back for another reason.
    #[error("the write was rolled back: {0}")]
    Aborted(String),
    /// A stored row could not be read back (written by an incompatible version, or damaged).
    #[error("unreadable row in `{store}`: {reason}")]
    Corrupt {
        /// Object store name.
        store: &'static str,
        /// What was wrong with it.
        reason: String,
    },
    /// Any other IndexedDB failure.
    #[error("IndexedDB error: {0}")]
    Idb(String),
}

impl StoreError {
    /// The failure is a full storage: the rep must free space (or sync and clear photos).
    pub fn is_quota_exceeded(&self) -> bool {
        matches!(self, StoreError::QuotaExceeded)
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
        match StoreError::from(err) {
            StoreError::Idb(message) => StoreError::Unavailable(message),
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
}
