//! Field photos on the phone (IndexedDB first; uploaded by the syncing tab before it pushes
//! the notes that reference them).

use tuoke_sync::engine::TransportError;
use tuoke_sync::store::Store;
use uuid::Uuid;

use super::handle::{logged, SaveError, SyncHandle};
use super::transport;
use crate::services::time::now;
use crate::store::{Attachment, StorageError, StoreError, StoredAttachment};

impl SyncHandle {
    /// Saves (adds or replaces) a photo durably on the phone. It is uploaded once a saved
    /// note references it (`note_id` set).
    pub async fn save_attachment(&self, attachment: &Attachment) -> Result<(), SaveError> {
        let store = self.store().ok_or(StorageError::Closed)?;
        store.put_attachment(attachment).await.map_err(logged)
    }

    /// Removes a photo of a discarded draft.
    pub async fn delete_attachment(&self, id: Uuid) -> Result<(), SaveError> {
        let store = self.store().ok_or(StorageError::Closed)?;
        store.delete_attachment(id).await.map_err(logged)
    }

    /// One photo from the phone.
    pub async fn attachment(&self, id: Uuid) -> Result<Option<Attachment>, StoreError> {
        self.store().ok_or(StoreError::Closed)?.attachment(id).await
    }

    /// The photos of a prospect on the phone, with their upload refusals.
    pub async fn attachments_of_prospect(
        &self,
        prospect_id: &str,
    ) -> Result<Vec<StoredAttachment>, StoreError> {
        self.store()
            .ok_or(StoreError::Closed)?
            .stored_attachments_of_prospect(prospect_id)
            .await
    }

    /// Downloads a photo this phone does not hold (taken on another device or by a
    /// colleague) and keeps it for offline use. `Ok(None)`: not signed in.
    pub async fn download_attachment(
        &self,
        id: Uuid,
        prospect_id: &str,
        note_id: &str,
    ) -> Result<Option<Attachment>, TransportError> {
        let Some(store) = self.store() else {
            return Ok(None);
        };
        let Some(session) = store.session().await.ok().flatten() else {
            return Ok(None);
        };
        let (content_type, bytes) = transport::fetch_attachment(&session.token, id).await?;
        let attachment = Attachment {
            id,
            prospect_id: prospect_id.to_owned(),
            note_id: Some(note_id.to_owned()),
            content_type,
            bytes,
            uploaded: true,
            created_at: now(),
        };
        // Without the copy it is simply downloaded again next time.
        let _ = store.put_attachment(&attachment).await;
        Ok(Some(attachment))
    }
}
