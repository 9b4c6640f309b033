//! The rows of the field photos (`attachments`, schema v2): built by hand, so the bytes are
//! stored as a `Uint8Array`, with the upload's state and, once the server refused the photo
//! for good, its reason.

use chrono::{DateTime, Utc};
use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};

use super::error::StoreError;

/// A compressed photo taken in the field, kept until it is uploaded (`PUT
/// /api/v1/attachments/ID`) and referenced by a note (`note.add`'s `attachment_ids`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Attachment id (also the upload URL's id).
    pub id: Uuid,
    /// The prospect it was taken for.
    pub prospect_id: String,
    /// The note that references it, once there is one.
    pub note_id: Option<String>,
    /// `image/jpeg`, `image/png` or `image/webp`.
    pub content_type: String,
    /// The compressed image.
    pub bytes: Vec<u8>,
    /// The server has it.
    pub uploaded: bool,
    /// When it was taken.
    pub created_at: DateTime<Utc>,
}

/// Attachment rows are built by hand: the bytes go in as a `Uint8Array` (a structured clone of
/// its buffer), not as a JSON array of numbers.
pub(crate) fn attachment_to_js(a: &Attachment) -> Result<JsValue, StoreError> {
    let row = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        js_sys::Reflect::set(&row, &key.into(), value)
            .map(|_| ())
            .map_err(|_| StoreError::Idb("cannot build an attachment row".into()))
    };
    set("id", &a.id.to_string().into())?;
    set("prospect_id", &a.prospect_id.as_str().into())?;
    set(
        "note_id",
        &a.note_id.as_deref().map_or(JsValue::NULL, JsValue::from),
    )?;
    set("content_type", &a.content_type.as_str().into())?;
    set(
        "bytes",
        &js_sys::Uint8Array::from(a.bytes.as_slice()).into(),
    )?;
    set("created_at", &a.created_at.to_rfc3339().into())?;
    // Only rows waiting for upload have this property, so the `pending_upload` index holds
    // exactly those (a boolean would not be a valid index key anyway).
    if !a.uploaded {
        set("pending_upload", &JsValue::from(1))?;
    }
    Ok(row.into())
}

pub(crate) fn attachment_from_js(row: &JsValue) -> Result<Attachment, StoreError> {
    let store = super::schema::ATTACHMENTS;
    let get = |key: &str| {
        js_sys::Reflect::get(row, &key.into()).map_err(|_| StoreError::corrupt(store, key))
    };
    let string = |key: &str| {
        get(key)?
            .as_string()
            .ok_or_else(|| StoreError::corrupt(store, format!("{key} is not a string")))
    };
    let bytes = get("bytes")?;
    if !bytes.is_instance_of::<js_sys::Uint8Array>() {
        return Err(StoreError::corrupt(store, "bytes is not a Uint8Array"));
    }
    Ok(Attachment {
        id: string("id")?
            .parse()
            .map_err(|e| StoreError::corrupt(store, e))?,
        prospect_id: string("prospect_id")?,
        note_id: get("note_id")?.as_string(),
        content_type: string("content_type")?,
        bytes: js_sys::Uint8Array::new(&bytes).to_vec(),
        uploaded: get("pending_upload")?.is_undefined(),
        created_at: string("created_at")?
            .parse()
            .map_err(|e| StoreError::corrupt(store, e))?,
    })
}

/// A photo with the reason the server refused its upload, if it did (kept on the row as
/// `upload_error`; such a row has no `pending_upload`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAttachment {
    /// The photo (`uploaded` is false for a refused one).
    pub attachment: Attachment,
    /// Why the server refused it.
    pub upload_error: Option<String>,
}

/// Marks an attachment row refused: out of the `pending_upload` index, with the reason.
pub(crate) fn set_upload_error(row: &JsValue, reason: &str) -> Result<(), StoreError> {
    let fail = |_| StoreError::Idb("cannot update an attachment row".into());
    let object: &js_sys::Object = row
        .dyn_ref()
        .ok_or_else(|| StoreError::corrupt(super::schema::ATTACHMENTS, "not an object"))?;
    js_sys::Reflect::delete_property(object, &"pending_upload".into()).map_err(fail)?;
    js_sys::Reflect::set(object, &"upload_error".into(), &reason.into()).map_err(fail)?;
    Ok(())
}

/// The refusal reason of an attachment row, if any.
pub(crate) fn upload_error(row: &JsValue) -> Option<String> {
    js_sys::Reflect::get(row, &"upload_error".into())
        .ok()
        .and_then(|v| v.as_string())
}
