//! The bodies of the store's write transactions: each runs inside the one `readwrite`
//! transaction its [`Store`](tuoke_sync::store::Store) method opened, awaiting only that
//! transaction's requests.

use std::collections::HashMap;
use tuoke_core::contract::Entity;

use chrono::{DateTime, Utc};
use futures::future::try_join_all;
use rexie::{KeyRange, Transaction};
use tuoke_sync::protocol::{Change, Mutation};
use tuoke_sync::store::{Ack, OutboxEntry, PullBatch, SyncState};
use tuoke_sync::summary::ProspectSummary;
use uuid::Uuid;
use wasm_bindgen::JsValue;

use super::cache::OutboxDelta;
use super::idb::{single_row_key, Result};
use super::rows::{self, OutboxRow, RecordRows, RejectedRow};
use super::schema::*;
use super::summaries;

/// The outbox row of a mutation id, through the unique index.
pub(super) async fn outbox_row(tx: &Transaction, id: Uuid) -> Result<Option<OutboxRow>> {
    let row = tx
        .store(OUTBOX)?
        .index(OUTBOX_BY_MUTATION_ID)?
        .get(id.to_string().into())
        .await?;
    match row {
        Some(row) if !row.is_undefined() => Ok(Some(rows::from_js(OUTBOX, row)?)),
        _ => Ok(None),
    }
}

/// Applies pulled changes to `records` or `staging`. Only the last change of a key counts
/// (they are in order), so the puts are independent and go out together, without a round trip
/// each; the rest is done in the batch's order.
pub(super) async fn apply_changes(
    tx: &Transaction,
    target: &'static str,
    changes: &[Change],
) -> Result<()> {
    let mut last: HashMap<(&str, &str), usize> = HashMap::with_capacity(changes.len());
    for (i, change) in changes.iter().enumerate() {
        last.insert((change.entity.as_str(), change.id.as_str()), i);
    }
    let store = tx.store(target)?;
    let rows = RecordRows::new();
    let mut puts = Vec::with_capacity(last.len());
    let mut summaries = Vec::new();
    for (i, change) in changes.iter().enumerate() {
        if last[&(change.entity.as_str(), change.id.as_str())] != i {
            continue;
        }
        if change.entity == Entity::Prospect {
            let summary = change
                .data
                .as_ref()
                .map(|data| ProspectSummary::from_record(&change.id, data));
            summaries.push((change.id.as_str(), summary));
        }
        match &change.data {
            Some(data) => {
                let row = rows.to_js(&change.entity, &change.id, change.version, data)?;
                puts.push((row, None));
            }
            None => {
                store
                    .delete(rows::record_key(change.entity.as_str(), &change.id))
                    .await?
            }
        }
    }
    store.put_all(puts.into_iter()).await?;
    summaries::apply(tx, target, summaries).await
}

pub(super) fn new_sync_state(client_id: Uuid) -> SyncState {
    SyncState {
        client_id,
        cursor: 0,
        refetching: false,
        last_synced_at: None,
    }
}

pub(super) async fn get_sync_state(tx: &Transaction) -> Result<Option<SyncState>> {
    match tx.store(SYNC_STATE)?.get(single_row_key()).await? {
        Some(value) if !value.is_undefined() => Ok(Some(rows::from_js(SYNC_STATE, value)?)),
        _ => Ok(None),
    }
}

pub(super) async fn put_sync_state(tx: &Transaction, state: &SyncState) -> Result<()> {
    tx.store(SYNC_STATE)?
        .put(&rows::to_js(state)?, Some(&single_row_key()))
        .await?;
    Ok(())
}

pub(super) async fn record_push_results_in(
    tx: &Transaction,
    acks: &[Ack],
    at: DateTime<Utc>,
) -> Result<OutboxDelta> {
    let outbox = tx.store(OUTBOX)?;
    let rejected = tx.store(REJECTED)?;
    let mut delta = OutboxDelta::default();
    // All requests of a step are issued at once (IndexedDB runs them in order within the
    // transaction): a push answer of 1,000 entries is two round trips, not 2,000.
    let ids = acks.iter().map(|ack| match ack {
        Ack::Accepted { id, .. } | Ack::Rejected { id, .. } => *id,
    });
    let found = try_join_all(ids.map(|id| outbox_row(tx, id))).await?;
    let (mut puts, mut deletes, mut moved_rows) = (Vec::new(), Vec::new(), Vec::new());
    for (ack, row) in acks.iter().zip(found) {
        let Some(mut row) = row else { continue };
        match ack {
            Ack::Accepted { status, .. } => {
                row.acked = Some(*status);
                puts.push(rows::to_js(&row)?);
                match row.seq {
                    Some(seq) => delta.acked.push((seq, *status)),
                    None => delta.unknown = true,
                }
            }
            Ack::Rejected { reason, code, .. } => {
                let seq = row.seq()?;
                deletes.push(JsValue::from(seq as f64));
                delta.removed.push(seq);
                let moved = RejectedRow {
                    id: row.id,
                    seq,
                    mutation: row.mutation,
                    reason: reason.clone(),
                    code: code.clone(),
                    rejected_at: at,
                };
                moved_rows.push(rows::to_js(&moved)?);
            }
        }
    }
    try_join_all(puts.iter().map(|row| outbox.put(row, None))).await?;
    try_join_all(deletes.into_iter().map(|key| outbox.delete(key))).await?;
    try_join_all(moved_rows.iter().map(|row| rejected.put(row, None))).await?;
    Ok(delta)
}

pub(super) async fn apply_pull_in(tx: &Transaction, batch: &PullBatch) -> Result<OutboxDelta> {
    // Like the reference store: a pull before `init_sync_state` still keeps its cursor.
    let mut state = get_sync_state(tx)
        .await?
        .unwrap_or_else(|| new_sync_state(Uuid::nil()));
    if state.refetching {
        apply_changes(tx, STAGING, &batch.changes).await?;
        if batch.complete {
            let records = tx.store(RECORDS)?;
            let staging = tx.store(STAGING)?;
            records.clear().await?;
            let fetched = staging.get_all(None, None).await?;
            records
                .put_all(fetched.into_iter().map(|row| (row, None)))
                .await?;
            staging.clear().await?;
            summaries::promote_staging(tx).await?;
            state.refetching = false;
        }
    } else {
        apply_changes(tx, RECORDS, &batch.changes).await?;
    }
    state.cursor = batch.cursor;
    if batch.complete {
        state.last_synced_at = Some(batch.at);
    }
    put_sync_state(tx, &state).await?;
    let outbox = tx.store(OUTBOX)?;
    let mut delta = OutboxDelta::default();
    for id in &batch.drop_acked {
        if let Some(row) = outbox_row(tx, *id).await? {
            if row.acked.is_some() {
                let seq = row.seq()?;
                outbox.delete(JsValue::from(seq as f64)).await?;
                delta.removed.push(seq);
            }
        }
    }
    Ok(delta)
}

/// Adds `mutation` to the outbox unless its id is there already.
pub(super) async fn enqueue_in(tx: &Transaction, mutation: Mutation) -> Result<OutboxDelta> {
    let outbox = tx.store(OUTBOX)?;
    let key = KeyRange::only(&mutation.id.to_string().into()).map_err(rexie::Error::from)?;
    let mut delta = OutboxDelta::default();
    if outbox
        .index(OUTBOX_BY_MUTATION_ID)?
        .count(Some(key))
        .await?
        == 0
    {
        let seq = outbox
            .add(&rows::to_js(&OutboxRow::new(&mutation)?)?, None)
            .await?;
        // The request's result is the key the store generated.
        match seq.as_f64() {
            Some(seq) if seq >= 1.0 && seq.fract() == 0.0 => {
                delta.added = Some(OutboxEntry {
                    seq: seq as u64,
                    mutation,
                    acked: None,
                })
            }
            _ => delta.unknown = true,
        }
    }
    Ok(delta)
}
