//! Waiting for another tab before an upgrade: while a tab keeps an older version of the
//! database open, IndexedDB holds the upgrade back and fires `blocked` at the request; the
//! rep must be told to close that tab (the app's own tabs close themselves on
//! `versionchange`, but an old build or a frozen tab may not).

use idb::{Event as _, Factory, Request as _};

use super::error::StoreError;

/// Waits until database `name` can be opened at `version` with no other connection in the
/// way, calling `blocked` if the browser says another one holds the upgrade back (the wait
/// goes on until that one closes).
///
/// It opens a probe at `version` and aborts the upgrade the probe would start, leaving the
/// database as it was for the schema builder to upgrade; a database already at `version`
/// is simply opened and closed again.
pub(super) async fn wait_for_upgrade(
    name: &str,
    version: u32,
    blocked: impl FnOnce() + 'static,
) -> Result<(), StoreError> {
    let failed = |e: idb::Error| StoreError::from(rexie::Error::from(e)).at_open();
    let mut request = Factory::new()
        .and_then(|f| f.open(name, Some(version)))
        .map_err(failed)?;
    request.on_blocked(move |_| blocked());
    request.on_upgrade_needed(|event| {
        if let Some(upgrade) = event.target().ok().and_then(|r| r.transaction()) {
            let _ = upgrade.abort();
        }
    });
    match request.await {
        Ok(db) => {
            db.close();
            Ok(())
        }
        Err(e) => match StoreError::from(rexie::Error::from(e)) {
            // The probe's own upgrade, aborted: nothing else is in the way now.
            StoreError::Aborted(_) => Ok(()),
            other => Err(other.at_open()),
        },
    }
}
