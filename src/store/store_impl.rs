//! [`Store`] on IndexedDB: reads answer from one `readonly` transaction, each write is one
//! `readwrite` transaction (see [`IdbStore`]).

use chrono::{DateTime, Utc};
use rexie::{KeyRange, TransactionMode};
use tuoke_core::contract::Entity;
use tuoke_sync::protocol::{Mutation, PriceListResponse, UserInfo};
use tuoke_sync::store::{
    Ack, OutboxEntry, PullBatch, Record, RejectedMutation, Session, Store, SyncState,
};
use tuoke_sync::summary::ProspectSummary;
use uuid::Uuid;

use super::error::StoreError;
use super::idb::{single_row_key, IdbStore, Result};
use super::rows::{self, OutboxRow, RecordRows, RejectedRow};
use super::schema::*;
use super::summaries;
use super::writes::*;

impl Store for IdbStore {
    type Error = StoreError;

    async fn sync_state(&self) -> Result<Option<SyncState>> {
        self.read_one(SYNC_STATE, single_row_key()).await
    }

    async fn outbox(&self) -> Result<Vec<OutboxEntry>> {
        // A transaction without requests costs no round trip; it fails like any read once the
        // connection is closed (another tab upgraded or deleted the database), so the cache
        // never outlives it.
        if let Err(err) = self.begin(&[OUTBOX], TransactionMode::ReadOnly) {
            self.outbox_cache.forget();
            return Err(err);
        }
        if let Some(entries) = self.outbox_cache.get() {
            return Ok(entries);
        }
        let epoch = self.outbox_cache.epoch();
        // Key order is `seq` order.
        let entries = self
            .read_all(OUTBOX, None)
            .await?
            .into_iter()
            .map(|row| rows::from_js::<OutboxRow>(OUTBOX, row)?.into_entry())
            .collect::<Result<Vec<_>>>()?;
        self.outbox_cache.fill(epoch, &entries);
        Ok(entries)
    }

    async fn rejected(&self) -> Result<Vec<RejectedMutation>> {
        let mut rows = self
            .read_all(REJECTED, None)
            .await?
            .into_iter()
            .map(|row| rows::from_js::<RejectedRow>(REJECTED, row))
            .collect::<Result<Vec<_>>>()?;
        rows.sort_by_key(|r| (r.rejected_at, r.seq));
        rows.into_iter().map(RejectedRow::into_rejected).collect()
    }

    async fn records(&self, entity: Entity) -> Result<Vec<Record>> {
        let (lower, upper) = rows::entity_bounds(entity.as_str());
        let range = KeyRange::bound(&lower, &upper, None, None).map_err(rexie::Error::from)?;
        let rows = RecordRows::new();
        self.read_all(RECORDS, Some(range))
            .await?
            .iter()
            .map(|row| rows.read(RECORDS, row))
            .collect()
    }

    async fn record(&self, entity: Entity, id: &str) -> Result<Option<Record>> {
        let tx = self.begin(&[RECORDS], TransactionMode::ReadOnly)?;
        match tx
            .store(RECORDS)?
            .get(rows::record_key(entity.as_str(), id))
            .await?
        {
            Some(row) if !row.is_undefined() => Ok(Some(RecordRows::new().read(RECORDS, &row)?)),
            _ => Ok(None),
        }
    }

    async fn session(&self) -> Result<Option<Session>> {
        self.read_one(SESSION, single_row_key()).await
    }

    async fn prospect_summaries(&self) -> Result<Vec<ProspectSummary>> {
        let tx = self.begin(&[SUMMARIES], TransactionMode::ReadOnly)?;
        summaries::read(&tx, RECORDS).await
    }

    async fn records_of_prospect(&self, entity: Entity, prospect_id: &str) -> Result<Vec<Record>> {
        let tx = self.begin(&[RECORDS], TransactionMode::ReadOnly)?;
        let key = KeyRange::only(&rows::deal_key(entity.as_str(), prospect_id))
            .map_err(rexie::Error::from)?;
        let rows = RecordRows::new();
        tx.store(RECORDS)?
            .index(RECORDS_BY_PROSPECT)?
            .get_all(Some(key), None)
            .await?
            .iter()
            .map(|row| rows.read(RECORDS, row))
            .collect()
    }

    async fn init_sync_state(&mut self, client_id: Uuid) -> Result<SyncState> {
        let tx = self.begin(&[SYNC_STATE], TransactionMode::ReadWrite)?;
        let body = async {
            if let Some(state) = get_sync_state(&tx).await? {
                return Ok(state);
            }
            let state = new_sync_state(client_id);
            put_sync_state(&tx, &state).await?;
            Ok(state)
        }
        .await;
        self.finish(tx, body).await
    }

    async fn enqueue(&mut self, mutation: Mutation) -> Result<()> {
        let result = async {
            let tx = self.begin(&[OUTBOX], TransactionMode::ReadWrite)?;
            let body = enqueue_in(&tx, mutation).await;
            self.finish(tx, body).await
        }
        .await;
        self.outbox_cache.settle(result)
    }

    async fn record_push_results(&mut self, acks: &[Ack], at: DateTime<Utc>) -> Result<()> {
        let result = async {
            let tx = self.begin(&[OUTBOX, REJECTED], TransactionMode::ReadWrite)?;
            let body = record_push_results_in(&tx, acks, at).await;
            self.finish(tx, body).await
        }
        .await;
        self.outbox_cache.settle(result)
    }

    async fn apply_pull(&mut self, batch: &PullBatch) -> Result<()> {
        let result = async {
            let tx = self.begin(
                &[SYNC_STATE, RECORDS, STAGING, OUTBOX, SUMMARIES],
                TransactionMode::ReadWrite,
            )?;
            let body = apply_pull_in(&tx, batch).await;
            self.finish(tx, body).await
        }
        .await;
        self.outbox_cache.settle(result)
    }

    async fn start_refetch(&mut self) -> Result<()> {
        let tx = self.begin(
            &[STAGING, SYNC_STATE, SUMMARIES],
            TransactionMode::ReadWrite,
        )?;
        let body = async {
            tx.store(STAGING)?.clear().await?;
            summaries::clear(&tx, STAGING).await?;
            if let Some(mut state) = get_sync_state(&tx).await? {
                state.cursor = 0;
                state.refetching = true;
                put_sync_state(&tx, &state).await?;
            }
            Ok(())
        }
        .await;
        self.finish(tx, body).await
    }

    async fn dismiss_rejected(&mut self, id: Uuid) -> Result<()> {
        let tx = self.begin(&[REJECTED], TransactionMode::ReadWrite)?;
        let body = async {
            tx.store(REJECTED)?.delete(id.to_string().into()).await?;
            Ok(())
        }
        .await;
        self.finish(tx, body).await
    }

    async fn set_session(&mut self, session: Option<Session>) -> Result<()> {
        let tx = self.begin(&[SESSION], TransactionMode::ReadWrite)?;
        let body = async {
            let store = tx.store(SESSION)?;
            match &session {
                Some(session) => {
                    store
                        .put(&rows::to_js(session)?, Some(&single_row_key()))
                        .await?;
                }
                None => store.delete(single_row_key()).await?,
            }
            Ok(())
        }
        .await;
        self.finish(tx, body).await
    }

    async fn team(&self) -> Result<Vec<UserInfo>> {
        Ok(self
            .read_one(SESSION, TEAM_ROW_KEY.into())
            .await?
            .unwrap_or_default())
    }

    async fn set_team(&mut self, users: Vec<UserInfo>) -> Result<()> {
        let tx = self.begin(&[SESSION], TransactionMode::ReadWrite)?;
        let body = async {
            tx.store(SESSION)?
                .put(&rows::to_js(&users)?, Some(&TEAM_ROW_KEY.into()))
                .await?;
            Ok(())
        }
        .await;
        self.finish(tx, body).await
    }

    async fn price_list(&self) -> Result<Option<PriceListResponse>> {
        self.read_one(SESSION, PRICE_LIST_ROW_KEY.into()).await
    }

    async fn set_price_list(&mut self, list: PriceListResponse) -> Result<()> {
        let tx = self.begin(&[SESSION], TransactionMode::ReadWrite)?;
        let body = async {
            tx.store(SESSION)?
                .put(&rows::to_js(&list)?, Some(&PRICE_LIST_ROW_KEY.into()))
                .await?;
            Ok(())
        }
        .await;
        self.finish(tx, body).await
    }
}
