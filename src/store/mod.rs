//! The phone's local database: the sync engine's [`tuoke_sync::store::Store`] on IndexedDB
//! (through rexie), and the field photos waiting for upload.
//!
//! - [`schema`]: every object store and index as data, with the version that added it.
//! - [`IdbStore`]: open with [`IdbStore::open`]`(IdbStore::DEFAULT_NAME)`; each write method
//!   is one `readwrite` transaction that resolves once committed. The outbox is cached in
//!   memory, write-through; call [`IdbStore::forget_cache`] when another tab wrote.
//! - [`StoreError`]: what went wrong, with its [`StorageError`] code, which the UI translates
//!   (storage full, private browsing, reload, …).
//!
//! This module owns the on-device format; it holds no sync logic (that is `tuoke-sync`'s
//! engine, which only sees the trait) and no UI.

mod attachment_rows;
mod attachments;
mod cache;
mod error;
mod idb;
mod rows;
pub mod schema;
mod storage_error;
mod store_impl;
mod summaries;
mod upgrade;
mod writes;

pub use attachment_rows::{Attachment, StoredAttachment};
pub use error::StoreError;
pub use idb::{delete_database, IdbStore};
pub use storage_error::StorageError;
