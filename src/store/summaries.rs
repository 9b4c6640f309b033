//! The prospect list's summaries in IndexedDB (schema v3).
//!
//! Loading 10,000 full records at start takes over half a second in Chromium (10,000 rows to
//! read and clone, 11 MB of JSON to parse), so the store keeps a small
//! [`ProspectSummary`] per confirmed prospect, updated in the same transaction as the record.
//! The summaries live in [`BUCKETS`] rows per target (`records` or `staging`), each the JSON
//! array of the summaries of the prospects whose id hashes to it: the start reads about a
//! hundred rows of ~25 KB, well under Chromium's 64 KB threshold past which values go to
//! separate blob files. A pull page rewrites only the buckets it touches.
//!
//! Everything derived (these summaries and the `prospect_id` property of record rows that
//! the `by_prospect` index uses) carries a format number in a marker row; when it differs
//! from [`DERIVED_FORMAT`] (a database upgraded from v2, or a new format), [`ensure_derived`]
//! rebuilds it from the records in one transaction.

use std::collections::BTreeMap;

use futures::future::try_join_all;
use rexie::{KeyRange, Rexie, Transaction, TransactionMode};
use tuoke_core::contract::Entity;
use tuoke_sync::summary::ProspectSummary;
use wasm_bindgen::JsValue;

use super::error::StoreError;
use super::rows::{deal_prospect_id, summary_key, summary_range, RecordRows, SummaryRow};
use super::schema::{DERIVED_META, RECORDS, STAGING, SUMMARIES};

type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Buckets per target: 10,000 prospects make rows of about 80 summaries.
pub(crate) const BUCKETS: u32 = 128;

/// The format of everything derived; bump it to have every phone rebuild.
pub(crate) const DERIVED_FORMAT: u32 = 1;

/// The bucket of a prospect id (FNV-1a: stable across builds and platforms).
pub(crate) fn bucket(id: &str) -> u32 {
    let hash = id.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    hash % BUCKETS
}

fn parse_bucket(store: &'static str, value: JsValue) -> Result<(u32, Vec<ProspectSummary>)> {
    let row = SummaryRow::from_js(store, &value)?;
    let summaries = serde_json::from_str(&row.data).map_err(|e| StoreError::corrupt(store, e))?;
    Ok((row.bucket, summaries))
}

fn bucket_row(target: &str, bucket: u32, summaries: &[&ProspectSummary]) -> Result<JsValue> {
    let data = serde_json::to_string(summaries)
        .map_err(|e| StoreError::Idb(format!("cannot serialise summaries: {e}")))?;
    SummaryRow {
        target: target.to_owned(),
        bucket,
        data,
    }
    .to_js()
}

fn target_range(target: &str) -> Result<KeyRange> {
    let (lower, upper) = summary_range(target);
    Ok(KeyRange::bound(&lower, &upper, None, None).map_err(rexie::Error::from)?)
}

/// Sets (`Some`) or removes (`None`) the summaries of `target`'s prospects, by id.
pub(crate) async fn apply(
    tx: &Transaction,
    target: &str,
    changes: Vec<(&str, Option<ProspectSummary>)>,
) -> Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let mut by_bucket: BTreeMap<u32, Vec<(&str, Option<ProspectSummary>)>> = BTreeMap::new();
    for (id, summary) in changes {
        by_bucket.entry(bucket(id)).or_default().push((id, summary));
    }
    let store = tx.store(SUMMARIES)?;
    let found = try_join_all(by_bucket.keys().map(|b| store.get(summary_key(target, *b)))).await?;
    let mut puts = Vec::new();
    let mut deletes = Vec::new();
    for ((bucket, changes), row) in by_bucket.into_iter().zip(found) {
        let mut summaries: BTreeMap<String, ProspectSummary> = match row {
            Some(row) if !row.is_undefined() => parse_bucket(SUMMARIES, row)?
                .1
                .into_iter()
                .map(|s| (s.id.clone(), s))
                .collect(),
            _ => BTreeMap::new(),
        };
        for (id, summary) in changes {
            match summary {
                Some(summary) => summaries.insert(id.to_owned(), summary),
                None => summaries.remove(id),
            };
        }
        if summaries.is_empty() {
            deletes.push(summary_key(target, bucket));
        } else {
            let list: Vec<&ProspectSummary> = summaries.values().collect();
            puts.push(bucket_row(target, bucket, &list)?);
        }
    }
    try_join_all(puts.iter().map(|row| store.put(row, None))).await?;
    try_join_all(deletes.into_iter().map(|key| store.delete(key))).await?;
    Ok(())
}

/// Every summary of `target`, by id.
pub(crate) async fn read(tx: &Transaction, target: &str) -> Result<Vec<ProspectSummary>> {
    let rows = tx
        .store(SUMMARIES)?
        .get_all(Some(target_range(target)?), None)
        .await?;
    let mut all = Vec::new();
    for row in rows {
        all.extend(parse_bucket(SUMMARIES, row)?.1);
    }
    all.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    Ok(all)
}

/// Removes every summary of `target`.
pub(crate) async fn clear(tx: &Transaction, target: &str) -> Result<()> {
    let store = tx.store(SUMMARIES)?;
    let keys = store
        .get_all_keys(Some(target_range(target)?), None)
        .await?;
    try_join_all(keys.into_iter().map(|key| store.delete(key))).await?;
    Ok(())
}

/// A complete refetch: the staging summaries become the confirmed ones.
pub(crate) async fn promote_staging(tx: &Transaction) -> Result<()> {
    clear(tx, RECORDS).await?;
    let store = tx.store(SUMMARIES)?;
    let staged = store.get_all(Some(target_range(STAGING)?), None).await?;
    let mut puts = Vec::with_capacity(staged.len());
    for row in staged {
        let mut row = SummaryRow::from_js(SUMMARIES, &row)?;
        row.target = RECORDS.to_owned();
        puts.push(row.to_js()?);
    }
    try_join_all(puts.iter().map(|row| store.put(row, None))).await?;
    clear(tx, STAGING).await
}

/// Rebuilds everything derived from the records if its format is not [`DERIVED_FORMAT`]
/// (one transaction: a crash half-way leaves the old state and the next open tries again).
pub(crate) async fn ensure_derived(db: &Rexie) -> Result<()> {
    let marker = summary_key(DERIVED_META, 0);
    {
        let tx = db.transaction(&[SUMMARIES], TransactionMode::ReadOnly)?;
        if let Some(row) = tx.store(SUMMARIES)?.get(marker.clone()).await? {
            if !row.is_undefined() {
                let row = SummaryRow::from_js(SUMMARIES, &row)?;
                if row.data == DERIVED_FORMAT.to_string() {
                    return Ok(());
                }
            }
        }
    }
    let tx = db.transaction(&[RECORDS, STAGING, SUMMARIES], TransactionMode::ReadWrite)?;
    let body = async {
        tx.store(SUMMARIES)?.clear().await?;
        for target in [RECORDS, STAGING] {
            rebuild_target(&tx, target).await?;
        }
        let format = SummaryRow {
            target: DERIVED_META.to_owned(),
            bucket: 0,
            data: DERIVED_FORMAT.to_string(),
        };
        tx.store(SUMMARIES)?.put(&format.to_js()?, None).await?;
        Ok(())
    }
    .await;
    if let Err(err) = body {
        let _ = tx.abort().await;
        return Err(err);
    }
    match tx.done().await? {
        rexie::TransactionResult::Committed => Ok(()),
        rexie::TransactionResult::Aborted => Err(StoreError::Aborted(
            "rebuilding the prospect summaries was aborted".into(),
        )),
    }
}

async fn rebuild_target(tx: &Transaction, target: &'static str) -> Result<()> {
    let store = tx.store(target)?;
    let record_rows = RecordRows::new();
    let mut fixed = Vec::new();
    let mut summaries: BTreeMap<u32, Vec<ProspectSummary>> = BTreeMap::new();
    for row in store.get_all(None, None).await? {
        let record = record_rows.read(target, &row)?;
        if record.entity == Entity::Prospect {
            let summary = ProspectSummary::from_record(&record.id, &record.data);
            summaries
                .entry(bucket(&record.id))
                .or_default()
                .push(summary);
        } else if let Some(prospect_id) = deal_prospect_id(&record.entity, &record.data) {
            if record_rows.prospect_id(&row).as_deref() != Some(prospect_id) {
                record_rows.set_prospect_id(&row, prospect_id)?;
                fixed.push(row);
            }
        }
    }
    try_join_all(fixed.iter().map(|row| store.put(row, None))).await?;
    let mut puts = Vec::with_capacity(summaries.len());
    for (bucket, mut list) in summaries {
        list.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        let refs: Vec<&ProspectSummary> = list.iter().collect();
        puts.push(bucket_row(target, bucket, &refs)?);
    }
    let summaries_store = tx.store(SUMMARIES)?;
    try_join_all(puts.iter().map(|row| summaries_store.put(row, None))).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_stable_and_spread() {
        assert_eq!(
            bucket("0195c3a0-0000-7000-8000-000000000001"),
            bucket("0195c3a0-0000-7000-8000-000000000001")
        );
        let mut counts = vec![0u32; BUCKETS as usize];
        for i in 0..10_000u128 {
            counts[bucket(&uuid::Uuid::from_u128(i * 7_919).to_string()) as usize] += 1;
        }
        let (min, max) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
        assert!(*min > 40 && *max < 130, "uneven buckets: {min}..{max}");
    }
}
