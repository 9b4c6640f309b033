//! What the rows of each object store look like, and their conversion to and from the sync
//! engine's types.
//!
//! Free-form JSON (a record's `data`, a mutation) is kept as JSON **text**: it round-trips a
//! `serde_json::Value` exactly (a structured-clone number would lose integers past 2^53), and
//! loading 10,000 prospects is one string per row to parse in wasm instead of thousands of
//! JS property reads. The properties that keys and indexes use (`entity`, `id`, `seq`,
//! `prospect_id`, `pending_upload`) are plain row properties. Changing a row format is a
//! schema change (see `schema.rs`): old rows must stay readable.
//!
//! One serde route: every typed row crosses into and out of IndexedDB as JSON, through
//! `serde_json` (the same code that reads and writes the wire) and the browser's own `JSON`
//! (`to_js`, `from_js`): no second (de)serialiser per type in the wasm. The rows are the plain
//! JS objects they always were (maps as objects, `None` as null), so rows written by earlier
//! versions (through `serde-wasm-bindgen`, same shape) read unchanged.

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tuoke_core::contract::{Entity, EntityName};
use tuoke_sync::protocol::{Mutation, MutationStatus};
use tuoke_sync::store::{OutboxEntry, Record, RejectedMutation};

use wasm_bindgen::JsValue;

use super::error::StoreError;

/// Serialises a row as a plain JS object (maps as objects, `None` as null): JSON text from
/// `serde_json`, parsed by the browser.
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StoreError> {
    let text = json_text(value)?;
    js_sys::JSON::parse(&text).map_err(|_| StoreError::Idb("cannot build a row".into()))
}

/// Reads a row of `store`: the browser writes it as JSON text, `serde_json` reads that.
pub(crate) fn from_js<T: DeserializeOwned>(
    store: &'static str,
    value: JsValue,
) -> Result<T, StoreError> {
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| StoreError::corrupt(store, "not JSON data"))?;
    serde_json::from_str(&text).map_err(|e| StoreError::corrupt(store, e))
}

/// The key of a record: `[entity, id]`.
pub(crate) fn record_key(entity: &str, id: &str) -> JsValue {
    js_sys::Array::of2(&entity.into(), &id.into()).into()
}

/// The bounds of every key of `entity`: `[entity]` sorts before `[entity, any id]`, and
/// `[entity, []]` after it (an array sorts after every string).
pub(crate) fn entity_bounds(entity: &str) -> (JsValue, JsValue) {
    let lower = js_sys::Array::of1(&entity.into());
    let upper = js_sys::Array::of2(&entity.into(), &js_sys::Array::new());
    (lower.into(), upper.into())
}

/// Rows of `records` and `staging`: `{entity, id, version, data}` with `data` the record as
/// pulled, as JSON text. Built and read property by property with the property names made
/// once (this is the hot path of loading 10,000 prospects).
pub(crate) struct RecordRows {
    entity: JsValue,
    id: JsValue,
    version: JsValue,
    data: JsValue,
    prospect_id: JsValue,
}

impl RecordRows {
    pub fn new() -> RecordRows {
        RecordRows {
            entity: "entity".into(),
            id: "id".into(),
            version: "version".into(),
            data: "data".into(),
            prospect_id: "prospect_id".into(),
        }
    }

    pub fn to_js(
        &self,
        entity: &EntityName,
        id: &str,
        version: i64,
        data: &serde_json::Value,
    ) -> Result<JsValue, StoreError> {
        // Versions are server counters; past 2^53 a JS number would silently round.
        if version.unsigned_abs() > MAX_SAFE_INTEGER {
            return Err(StoreError::Idb(format!(
                "record version {version} is not a safe JavaScript integer"
            )));
        }
        let row = js_sys::Object::new();
        for (key, value) in [
            (&self.entity, JsValue::from(entity.as_str())),
            (&self.id, JsValue::from(id)),
            (&self.version, JsValue::from(version as f64)),
            (&self.data, JsValue::from(data.to_string())),
        ] {
            js_sys::Reflect::set(&row, key, &value)
                .map_err(|_| StoreError::Idb("cannot build a record row".into()))?;
        }
        if let Some(prospect_id) = deal_prospect_id(entity, data) {
            self.set_prospect_id(&row, prospect_id)?;
        }
        Ok(row.into())
    }

    /// Sets the `prospect_id` row property (the key of the `by_prospect` index).
    pub fn set_prospect_id(&self, row: &JsValue, prospect_id: &str) -> Result<(), StoreError> {
        js_sys::Reflect::set(row, &self.prospect_id, &prospect_id.into())
            .map(|_| ())
            .map_err(|_| StoreError::Idb("cannot build a record row".into()))
    }

    /// The row's `prospect_id` property, if it has one.
    pub fn prospect_id(&self, row: &JsValue) -> Option<String> {
        js_sys::Reflect::get(row, &self.prospect_id)
            .ok()
            .and_then(|v| v.as_string())
    }

    pub fn read(&self, store: &'static str, row: &JsValue) -> Result<Record, StoreError> {
        let get = |key: &JsValue| {
            js_sys::Reflect::get(row, key).map_err(|_| StoreError::corrupt(store, "not an object"))
        };
        let string = |key: &JsValue, name: &str| {
            get(key)?
                .as_string()
                .ok_or_else(|| StoreError::corrupt(store, format!("{name} is not a string")))
        };
        let version = get(&self.version)?
            .as_f64()
            .ok_or_else(|| StoreError::corrupt(store, "version is not a number"))?;
        let data = string(&self.data, "data")?;
        Ok(Record {
            entity: string(&self.entity, "entity")?.into(),
            id: string(&self.id, "id")?,
            version: version as i64,
            data: serde_json::from_str(&data).map_err(|e| StoreError::corrupt(store, e))?,
        })
    }
}

/// The prospect a record of a deal belongs to (notes, activities, approvals, …): what the
/// `by_prospect` index keys it by. A prospect itself is looked up by its own key.
pub(crate) fn deal_prospect_id<'a>(
    entity: &EntityName,
    data: &'a serde_json::Value,
) -> Option<&'a str> {
    if *entity == Entity::Prospect {
        return None;
    }
    data.get("prospect_id").and_then(serde_json::Value::as_str)
}

/// The `by_prospect` index key of a prospect's records of `entity`.
pub(crate) fn deal_key(entity: &str, prospect_id: &str) -> JsValue {
    js_sys::Array::of2(&entity.into(), &prospect_id.into()).into()
}

/// A row of `summaries`: the summaries of one bucket of prospects, as JSON text.
#[derive(Debug)]
pub(crate) struct SummaryRow {
    /// `records` or `staging` (whose prospects these are), or `meta` for the marker row.
    pub target: String,
    pub bucket: u32,
    /// JSON array of `ProspectSummary` (the marker row: the derived format, a number).
    pub data: String,
}

impl SummaryRow {
    /// The row as a plain JS object, built property by property: its `data` is ~25 KB of JSON
    /// text, which a trip through [`to_js`] would escape (and [`from_js`] unescape) on the
    /// list's start path.
    pub fn to_js(&self) -> Result<JsValue, StoreError> {
        let row = js_sys::Object::new();
        for (key, value) in [
            ("target", JsValue::from(self.target.as_str())),
            ("bucket", JsValue::from(self.bucket)),
            ("data", JsValue::from(self.data.as_str())),
        ] {
            js_sys::Reflect::set(&row, &key.into(), &value)
                .map_err(|_| StoreError::Idb("cannot build a summaries row".into()))?;
        }
        Ok(row.into())
    }

    /// Reads a row of `store` (rows written by earlier versions have the same properties).
    pub fn from_js(store: &'static str, row: &JsValue) -> Result<SummaryRow, StoreError> {
        let get = |key: &str| {
            js_sys::Reflect::get(row, &key.into())
                .map_err(|_| StoreError::corrupt(store, "not an object"))
        };
        let string = |key: &str| {
            get(key)?
                .as_string()
                .ok_or_else(|| StoreError::corrupt(store, format!("{key} is not a string")))
        };
        let bucket = get("bucket")?
            .as_f64()
            .filter(|b| b.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(b))
            .ok_or_else(|| StoreError::corrupt(store, "bucket is not a bucket number"))?;
        Ok(SummaryRow {
            target: string("target")?,
            bucket: bucket as u32,
            data: string("data")?,
        })
    }
}

/// The key of a row of `summaries`.
pub(crate) fn summary_key(target: &str, bucket: u32) -> JsValue {
    js_sys::Array::of2(&target.into(), &JsValue::from(bucket)).into()
}

/// Every key of `target`'s buckets.
pub(crate) fn summary_range(target: &str) -> (JsValue, JsValue) {
    (summary_key(target, 0), summary_key(target, u32::MAX))
}

/// `Number.MAX_SAFE_INTEGER`.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// A row of `outbox`. `seq` is absent until the store assigns it (auto-increment writes the
/// generated key into the row).
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct OutboxRow {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    /// Mutation id (the unique index).
    pub id: String,
    /// The mutation, JSON text.
    pub mutation: String,
    pub acked: Option<MutationStatus>,
}

impl OutboxRow {
    pub fn new(mutation: &Mutation) -> Result<OutboxRow, StoreError> {
        Ok(OutboxRow {
            seq: None,
            id: mutation.id.to_string(),
            mutation: json_text(mutation)?,
            acked: None,
        })
    }

    pub fn seq(&self) -> Result<u64, StoreError> {
        self.seq
            .ok_or_else(|| StoreError::corrupt(super::schema::OUTBOX, "row without seq"))
    }

    pub fn mutation(&self) -> Result<Mutation, StoreError> {
        serde_json::from_str(&self.mutation)
            .map_err(|e| StoreError::corrupt(super::schema::OUTBOX, e))
    }

    pub fn into_entry(self) -> Result<OutboxEntry, StoreError> {
        Ok(OutboxEntry {
            seq: self.seq()?,
            mutation: self.mutation()?,
            acked: self.acked,
        })
    }
}

/// A row of `rejected`, keyed by mutation id. `seq` (the outbox order) breaks ties between
/// rejections received at the same time.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct RejectedRow {
    pub id: String,
    pub seq: u64,
    /// The mutation, JSON text.
    pub mutation: String,
    pub reason: String,
    /// The server's code; absent in rows stored before codes existed.
    #[serde(default)]
    pub code: Option<String>,
    pub rejected_at: DateTime<Utc>,
}

impl RejectedRow {
    pub fn into_rejected(self) -> Result<RejectedMutation, StoreError> {
        Ok(RejectedMutation {
            mutation: serde_json::from_str(&self.mutation)
                .map_err(|e| StoreError::corrupt(super::schema::REJECTED, e))?,
            reason: self.reason,
            code: self.code,
            rejected_at: self.rejected_at,
        })
    }
}

fn json_text<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Idb(format!("cannot serialise: {e}")))
}
