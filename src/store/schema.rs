//! The IndexedDB schema as data: every object store and index with the version that added it.
//!
//! Opening at version `v` builds the schema of every store and index with `since <= v`; the
//! browser runs the upgrade when the database on disk is older, and rexie's builder then
//! creates exactly the stores and indexes that are missing (an index added to a store that
//! already holds rows is filled by the browser from those rows). Nothing is rewritten, so an
//! upgrade keeps all data. To change the schema: add the new stores or indexes here with
//! `since: CURRENT_VERSION + 1` and bump [`CURRENT_VERSION`]. Never edit or remove a row of
//! [`SCHEMA`] that a released version created: the builder would drop or rebuild it.
//!
//! Row formats (what the values look like) live in `rows.rs`; key paths named here must match
//! them.

use rexie::{Index, ObjectStore, RexieBuilder};

/// The schema version this build opens (and upgrades to).
pub const CURRENT_VERSION: u32 = 3;

/// Confirmed server state: one row per pulled record, key `[entity, id]`.
pub const RECORDS: &str = "records";
/// Refetch staging (`reset_required`): same shape as [`RECORDS`].
pub const STAGING: &str = "staging";
/// Local changes: auto-increment key `seq`, unique index on the mutation id.
pub const OUTBOX: &str = "outbox";
/// Mutations the server refused, key: mutation id.
pub const REJECTED: &str = "rejected";
/// Sync bookkeeping, one row under [`SINGLE_ROW_KEY`].
pub const SYNC_STATE: &str = "sync_state";
/// The logged-in session, one row under [`SINGLE_ROW_KEY`].
pub const SESSION: &str = "session";
/// (v2) Compressed photos taken in the field, key: attachment id.
pub const ATTACHMENTS: &str = "attachments";

/// (v3) The prospect list's summaries (`tuoke_sync::summary`), kept in buckets: key
/// `[target, bucket]` where target is [`RECORDS`] or [`STAGING`] (the summaries of that
/// store's prospects), plus one `[`[`DERIVED_META`]`, 0]` row with the format of everything
/// derived (summaries, the `prospect_id` row property), rebuilt from the records when it
/// changes.
pub const SUMMARIES: &str = "summaries";
/// The target of the marker row of [`SUMMARIES`].
pub const DERIVED_META: &str = "meta";

/// (v3) Records of one prospect's deal: `[entity, prospect_id]` (rows without a
/// `prospect_id` property, such as prospects themselves, are not in it).
pub const RECORDS_BY_PROSPECT: &str = "by_prospect";
/// Outbox index on the mutation id (unique: enqueueing is idempotent by id).
pub const OUTBOX_BY_MUTATION_ID: &str = "by_mutation_id";
/// (v2) Attachments of one prospect.
pub const ATTACHMENTS_BY_PROSPECT: &str = "by_prospect";
/// (v2) Sparse index: only attachments still waiting for upload have its key path.
pub const ATTACHMENTS_PENDING_UPLOAD: &str = "pending_upload";

/// The out-of-line key of the single row of [`SYNC_STATE`] and [`SESSION`].
pub const SINGLE_ROW_KEY: &str = "current";
/// The out-of-line key of the cached team directory (`GET /api/v1/team`) in [`SESSION`]:
/// the session's colleagues, gone with it when the phone's data is wiped at logout.
pub const TEAM_ROW_KEY: &str = "team";
/// The out-of-line key of the cached price list (`GET /api/v1/price-list`) in [`SESSION`],
/// gone with the session's data like the team.
pub const PRICE_LIST_ROW_KEY: &str = "price_list";

/// How an object store's rows are keyed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyDef {
    /// Out-of-line key given with each write.
    OutOfLine,
    /// One property of the row.
    Path(&'static str),
    /// Several properties of the row, as an array key.
    Compound(&'static [&'static str]),
}

/// One index of an object store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexDef {
    /// Index name.
    pub name: &'static str,
    /// Key path in the row: one property, or several (an array key).
    pub key_path: &'static [&'static str],
    /// At most one row per key.
    pub unique: bool,
    /// The schema version that added it.
    pub since: u32,
}

/// One object store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreDef {
    /// Store name.
    pub name: &'static str,
    /// Primary key.
    pub key: KeyDef,
    /// Keys are generated (and written into the row at the key path).
    pub auto_increment: bool,
    /// Its indexes.
    pub indexes: &'static [IndexDef],
    /// The schema version that added it.
    pub since: u32,
}

/// Every object store and index of every version, oldest first.
pub const SCHEMA: &[StoreDef] = &[
    StoreDef {
        // An entity's records are contiguous under the compound key, so loading one entity is
        // a single getAll over the key range `[entity] ..= [entity, []]`: the primary key is
        // the per-entity index, with no second index to update on every pulled record.
        name: RECORDS,
        key: KeyDef::Compound(&["entity", "id"]),
        auto_increment: false,
        indexes: &[IndexDef {
            name: RECORDS_BY_PROSPECT,
            key_path: &["entity", "prospect_id"],
            unique: false,
            since: 3,
        }],
        since: 1,
    },
    StoreDef {
        name: STAGING,
        key: KeyDef::Compound(&["entity", "id"]),
        auto_increment: false,
        indexes: &[],
        since: 1,
    },
    StoreDef {
        name: OUTBOX,
        key: KeyDef::Path("seq"),
        auto_increment: true,
        indexes: &[IndexDef {
            name: OUTBOX_BY_MUTATION_ID,
            key_path: &["id"],
            unique: true,
            since: 1,
        }],
        since: 1,
    },
    StoreDef {
        name: REJECTED,
        key: KeyDef::Path("id"),
        auto_increment: false,
        indexes: &[],
        since: 1,
    },
    StoreDef {
        name: SYNC_STATE,
        key: KeyDef::OutOfLine,
        auto_increment: false,
        indexes: &[],
        since: 1,
    },
    StoreDef {
        name: SESSION,
        key: KeyDef::OutOfLine,
        auto_increment: false,
        indexes: &[],
        since: 1,
    },
    StoreDef {
        name: ATTACHMENTS,
        key: KeyDef::Path("id"),
        auto_increment: false,
        indexes: &[
            IndexDef {
                name: ATTACHMENTS_BY_PROSPECT,
                key_path: &["prospect_id"],
                unique: false,
                since: 2,
            },
            IndexDef {
                name: ATTACHMENTS_PENDING_UPLOAD,
                key_path: &["pending_upload"],
                unique: false,
                since: 2,
            },
        ],
        since: 2,
    },
    StoreDef {
        name: SUMMARIES,
        key: KeyDef::Compound(&["target", "bucket"]),
        auto_increment: false,
        indexes: &[],
        since: 3,
    },
];

/// The stores of the schema at `version`, each with the indexes it has at that version.
pub fn stores_at(
    version: u32,
) -> impl Iterator<Item = (&'static StoreDef, Vec<&'static IndexDef>)> {
    SCHEMA
        .iter()
        .filter(move |s| s.since <= version)
        .map(move |s| {
            let indexes = s.indexes.iter().filter(|i| i.since <= version).collect();
            (s, indexes)
        })
}

/// A rexie builder that opens (creating or upgrading) database `name` at `version`.
///
/// Every property of every index is set explicitly: rexie's builder rebuilds an existing
/// index whose unset properties differ from the browser's defaults.
pub fn builder(name: &str, version: u32) -> RexieBuilder {
    stores_at(version).fold(
        rexie::Rexie::builder(name).version(version),
        |db, (store, indexes)| {
            let mut os = ObjectStore::new(store.name).auto_increment(store.auto_increment);
            os = match store.key {
                KeyDef::OutOfLine => os,
                KeyDef::Path(path) => os.key_path(path),
                KeyDef::Compound(paths) => os.key_path_array(paths.iter().copied()),
            };
            for index in indexes {
                let built = match index.key_path {
                    [one] => Index::new(index.name, one),
                    many => Index::new_array(index.name, many.iter().copied()),
                };
                os = os.add_index(built.unique(index.unique).multi_entry(false));
            }
            db.add_object_store(os)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_two_lacks_summaries_and_the_current_version_has_every_store() {
        let v2: Vec<_> = stores_at(2).map(|(s, _)| s.name).collect();
        assert!(!v2.contains(&SUMMARIES) && v2.contains(&ATTACHMENTS));
        let (_, records_v2) = stores_at(2).find(|(s, _)| s.name == RECORDS).unwrap();
        assert!(records_v2.is_empty());
    }

    #[test]
    fn version_one_lacks_attachments_and_the_current_version_has_every_store() {
        let v1: Vec<_> = stores_at(1).map(|(s, _)| s.name).collect();
        assert_eq!(
            v1,
            [RECORDS, STAGING, OUTBOX, REJECTED, SYNC_STATE, SESSION]
        );
        assert_eq!(stores_at(CURRENT_VERSION).count(), SCHEMA.len());
    }

    #[test]
    fn nothing_in_the_schema_is_newer_than_the_current_version_and_names_are_unique() {
        let mut names = std::collections::HashSet::new();
        for store in SCHEMA {
            assert!(store.since >= 1 && store.since <= CURRENT_VERSION);
            assert!(names.insert(store.name), "duplicate store {}", store.name);
            for index in store.indexes {
                assert!(index.since >= store.since && index.since <= CURRENT_VERSION);
            }
        }
    }
}
