//! The field photos on the phone (schema v2): stored with the draft, linked to their note,
//! uploaded by the syncing tab, or refused by the server for good.

use rexie::{KeyRange, TransactionMode};
use uuid::Uuid;
use wasm_bindgen::JsValue;

use super::attachment_rows::{self, Attachment, StoredAttachment};
use super::idb::{IdbStore, Result};
use super::schema::*;

impl IdbStore {
    /// Stores (adds or replaces) a photo, in one transaction.
    pub async fn put_attachment(&self, attachment: &Attachment) -> Result<()> {
        let tx = self.begin(&[ATTACHMENTS], TransactionMode::ReadWrite)?;
        let body = async {
            let row = attachment_rows::attachment_to_js(attachment)?;
            tx.store(ATTACHMENTS)?.put(&row, None).await?;
            Ok(())
        }
        .await;
        self.finish(tx, body).await
    }

    /// One photo.
    pub async fn attachment(&self, id: Uuid) -> Result<Option<Attachment>> {
        let tx = self.begin(&[ATTACHMENTS], TransactionMode::ReadOnly)?;
        match tx.store(ATTACHMENTS)?.get(id.to_string().into()).await? {
            Some(row) if !row.is_undefined() => {
                Ok(Some(attachment_rows::attachment_from_js(&row)?))
            }
            _ => Ok(None),
        }
    }

    /// The photos of a prospect.
    pub async fn attachments_of_prospect(&self, prospect_id: &str) -> Result<Vec<Attachment>> {
        self.attachments_by(ATTACHMENTS_BY_PROSPECT, &prospect_id.into())
            .await
    }

    /// The photos not uploaded yet.
    pub async fn pending_uploads(&self) -> Result<Vec<Attachment>> {
        self.attachments_by(ATTACHMENTS_PENDING_UPLOAD, &JsValue::from(1))
            .await
    }

    async fn attachments_by(&self, index: &str, key: &JsValue) -> Result<Vec<Attachment>> {
        let tx = self.begin(&[ATTACHMENTS], TransactionMode::ReadOnly)?;
        let range = KeyRange::only(key).map_err(rexie::Error::from)?;
        let rows = tx
            .store(ATTACHMENTS)?
            .index(index)?
            .get_all(Some(range), None)
            .await?;
        rows.iter()
            .map(attachment_rows::attachment_from_js)
            .collect()
    }

    /// Marks a photo uploaded (it leaves [`IdbStore::pending_uploads`]). Unknown ids are
    /// ignored.
    pub async fn mark_uploaded(&self, id: Uuid) -> Result<()> {
        let tx = self.begin(&[ATTACHMENTS], TransactionMode::ReadWrite)?;
        let body = async {
            let store = tx.store(ATTACHMENTS)?;
            if let Some(row) = store.get(id.to_string().into()).await? {
                if !row.is_undefined() {
                    let mut attachment = attachment_rows::attachment_from_js(&row)?;
                    attachment.uploaded = true;
                    store
                        .put(&attachment_rows::attachment_to_js(&attachment)?, None)
                        .await?;
                }
            }
            Ok(())
        }
        .await;
        self.finish(tx, body).await
    }

    /// Removes a photo (taken for a draft that was discarded). Unknown ids are ignored.
    pub async fn delete_attachment(&self, id: Uuid) -> Result<()> {
        let tx = self.begin(&[ATTACHMENTS], TransactionMode::ReadWrite)?;
        let body = async {
            tx.store(ATTACHMENTS)?.delete(id.to_string().into()).await?;
            Ok(())
        }
        .await;
        self.finish(tx, body).await
    }

    /// Records that the server refused a photo for good (a 4xx other than 401/408/429): it
    /// leaves [`IdbStore::pending_uploads`] so it is not retried forever, and keeps the
    /// reason for the rep to read. Unknown ids are ignored.
    pub async fn refuse_upload(&self, id: Uuid, reason: &str) -> Result<()> {
        let tx = self.begin(&[ATTACHMENTS], TransactionMode::ReadWrite)?;
        let body = async {
            let store = tx.store(ATTACHMENTS)?;
            if let Some(row) = store.get(id.to_string().into()).await? {
                if !row.is_undefined() {
                    attachment_rows::set_upload_error(&row, reason)?;
                    store.put(&row, None).await?;
                }
            }
            Ok(())
        }
        .await;
        self.finish(tx, body).await
    }

    /// The photos of a prospect, each with the reason the server refused it, if it did.
    pub async fn stored_attachments_of_prospect(
        &self,
        prospect_id: &str,
    ) -> Result<Vec<StoredAttachment>> {
        let tx = self.begin(&[ATTACHMENTS], TransactionMode::ReadOnly)?;
        let range = KeyRange::only(&prospect_id.into()).map_err(rexie::Error::from)?;
        let rows = tx
            .store(ATTACHMENTS)?
            .index(ATTACHMENTS_BY_PROSPECT)?
            .get_all(Some(range), None)
            .await?;
        rows.iter()
            .map(|row| {
                let mut attachment = attachment_rows::attachment_from_js(row)?;
                let upload_error = attachment_rows::upload_error(row);
                // A refused row is out of the upload index, which alone would read as uploaded.
                attachment.uploaded &= upload_error.is_none();
                Ok(StoredAttachment {
                    attachment,
                    upload_error,
                })
            })
            .collect()
    }
}
