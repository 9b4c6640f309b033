//! The sync engine: a sans-IO state machine. It owns the [`Store`] and decides; the driver
//! (fetch + timers in the PWA, a simulated network in the tests) does the I/O.
//!
//! The driver feeds [`Event`]s one at a time to [`Engine::handle`] with the current time and
//! performs the returned [`Effect`]s: send a push or a pull and feed its answer back (tagged
//! with the request id), keep one timer at the latest [`Effect::ScheduleWake`] and feed
//! [`Event::Wake`] when it fires, show [`Effect::Notify`] in the UI. Events arriving while a
//! `handle` future runs must be queued by the driver, not run concurrently.
//!
//! One sync round: push the outbox in `seq` order, at most `push_batch` per request, until
//! every entry has an answer; then pull from the cursor until `has_more` is false. Each answer
//! is written to the store in one atomic call before the next request, so a crash between any
//! two steps resumes from the store: unanswered entries are resent with the same ids (the
//! server answers `duplicate`), answered ones are dropped by the next complete pull.
//!
//! Triggers: [`Event::Start`], [`Event::Online`], local changes (debounced), a periodic timer
//! and [`Event::SyncNow`]. Failures back off exponentially with full jitter from an injected
//! seed. `reset_required` restarts the pull from 0 into staging, keeping the outbox.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use tuoke_core::contract::Entity;
use uuid::Uuid;

use crate::protocol::{
    ApiError, Mutation, MutationStatus, PullResponse, PushRequest, PushResponse,
    DEFAULT_PULL_LIMIT, DEFAULT_PUSH_BATCH, RESET_REQUIRED,
};
use crate::store::{Ack, OutboxEntry, PullBatch, RejectedMutation, Store};
use crate::view::{LocalView, ViewContext};

/// Tuning of the engine. Durations are chrono [`TimeDelta`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Most mutations per push request.
    pub push_batch: usize,
    /// Pull page size.
    pub pull_limit: u32,
    /// Quiet time after a local change before syncing.
    pub debounce: TimeDelta,
    /// Longest a stream of local changes may postpone the sync.
    pub debounce_max: TimeDelta,
    /// Sync this long after the last completed round, even without changes.
    pub periodic: TimeDelta,
    /// First backoff ceiling.
    pub backoff_base: TimeDelta,
    /// Largest backoff ceiling.
    pub backoff_cap: TimeDelta,
    /// A request without an answer after this long counts as lost.
    pub request_timeout: TimeDelta,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            push_batch: DEFAULT_PUSH_BATCH,
            pull_limit: DEFAULT_PULL_LIMIT,
            debounce: TimeDelta::seconds(2),
            debounce_max: TimeDelta::seconds(10),
            periodic: TimeDelta::minutes(5),
            backoff_base: TimeDelta::seconds(1),
            backoff_cap: TimeDelta::minutes(5),
            request_timeout: TimeDelta::seconds(30),
        }
    }
}

/// Tags a request so its answer can be matched; answers to anything but the request in
/// flight (late, duplicated) are ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RequestId(pub u64);

/// Why a request got no usable answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// No answer: offline, DNS, connection reset, aborted by a timeout.
    Network(String),
    /// An HTTP error status, with the error body when it parsed.
    Status {
        /// HTTP status.
        status: u16,
        /// `{"error":{…}}`, if any.
        error: Option<ApiError>,
    },
}

/// Something that happened, fed to [`Engine::handle`].
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The app started (or the engine was rebuilt after a crash).
    Start,
    /// The browser went online.
    Online,
    /// The browser went offline.
    Offline,
    /// A local change was written to the store (by [`Engine::enqueue`] or by another tab).
    LocalChange,
    /// The timer of the latest [`Effect::ScheduleWake`] fired.
    Wake,
    /// The rep asked to sync now.
    SyncNow,
    /// The rep logged in again after [`SyncError::AuthRequired`].
    LoggedIn,
    /// The answer to [`Effect::SendPush`].
    PushDone {
        /// The request answered.
        request: RequestId,
        /// The `200` body, or why there is none.
        result: Result<PushResponse, TransportError>,
    },
    /// The answer to [`Effect::SendPull`].
    PullDone {
        /// The request answered.
        request: RequestId,
        /// The `200` body, or why there is none.
        result: Result<PullResponse, TransportError>,
    },
}

/// What the driver must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// `POST /api/v1/sync/push` with this body; answer with [`Event::PushDone`].
    SendPush {
        /// Tag for the answer.
        request: RequestId,
        /// The body.
        body: PushRequest,
    },
    /// `GET /api/v1/sync/pull?since=…&limit=…`; answer with [`Event::PullDone`].
    SendPull {
        /// Tag for the answer.
        request: RequestId,
        /// Cursor.
        since: i64,
        /// Page size.
        limit: u32,
    },
    /// Fire [`Event::Wake`] at `at`, replacing any earlier timer.
    ScheduleWake {
        /// When.
        at: DateTime<Utc>,
    },
    /// The status changed: show it.
    Notify(SyncStatus),
}

/// What the engine is doing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    /// Nothing to do right now.
    Idle,
    /// Pushing the outbox.
    Pushing,
    /// Pulling changes (`refetching`: from 0 after `reset_required`).
    Pulling {
        /// A full refetch.
        refetching: bool,
    },
    /// Waiting to retry after a failure.
    Retrying {
        /// When.
        at: DateTime<Utc>,
    },
}

/// Why the last sync attempt failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncError {
    /// No answer from the server.
    Network {
        /// Detail from the driver.
        message: String,
    },
    /// The server answered with an error status.
    Server {
        /// HTTP status.
        status: u16,
        /// Error code, if any.
        code: Option<String>,
        /// Error message, if any.
        message: Option<String>,
    },
    /// The session expired or was revoked: the rep must log in ([`Event::LoggedIn`]).
    AuthRequired,
    /// The phone's storage failed.
    Storage {
        /// Detail.
        message: String,
    },
    /// The server's answer did not match the request.
    Protocol {
        /// Detail.
        message: String,
    },
}

/// Everything the sync status UI shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncStatus {
    /// Browser online.
    pub online: bool,
    /// Current activity.
    pub activity: Activity,
    /// Local changes the server has not answered yet.
    pub pending: usize,
    /// When a sync round last completed.
    pub last_synced_at: Option<DateTime<Utc>>,
    /// Why the last attempt failed, until a round completes.
    pub last_error: Option<SyncError>,
    /// Mutations the server refused, with its reasons, until the rep dismisses them.
    pub rejected: Vec<RejectedMutation>,
}

/// The backoff delay after `failures` consecutive failures (≥ 1): uniformly drawn from
/// `[0, min(cap, base · 2^(failures-1))]` by `random` ("full jitter").
pub fn backoff_delay(cfg: &Config, failures: u32, random: u64) -> TimeDelta {
    let base = cfg.backoff_base.num_milliseconds().max(1) as u128;
    let cap = cfg.backoff_cap.num_milliseconds().max(0) as u128;
    let exp = failures.saturating_sub(1).min(64);
    let ceiling = base.checked_shl(exp).unwrap_or(u128::MAX).min(cap);
    let millis = (random as u128) % (ceiling + 1);
    TimeDelta::milliseconds(millis as i64)
}

/// Jitter comes from the injected seed (no getrandom on wasm).
type Jitter = tuoke_core::rng::SplitMix64;

#[derive(Debug, Clone)]
enum FlightKind {
    Push {
        ids: Vec<Uuid>,
    },
    Pull {
        since: i64,
        refetching: bool,
        drop_acked: Vec<Uuid>,
    },
}

#[derive(Debug, Clone)]
struct Flight {
    id: RequestId,
    kind: FlightKind,
    deadline: DateTime<Utc>,
}

/// The sync engine over a store `S`. See the module docs for the driver's duties.
#[derive(Debug)]
pub struct Engine<S: Store> {
    store: S,
    cfg: Config,
    jitter: Jitter,
    fresh_client_id: Uuid,
    client_id: Option<Uuid>,
    online: bool,
    auth_required: bool,
    flight: Option<Flight>,
    next_request: u64,
    failures: u32,
    push_limit: usize,
    retry_at: Option<DateTime<Utc>>,
    debounce_at: Option<DateTime<Utc>>,
    debounce_first: Option<DateTime<Utc>>,
    periodic_at: Option<DateTime<Utc>>,
    scheduled: Option<DateTime<Utc>>,
    last_error: Option<SyncError>,
    last_status: Option<SyncStatus>,
}

impl<S: Store> Engine<S> {
    /// An engine over `store`. `fresh_client_id` becomes the client id if the store has none
    /// yet; `seed` drives the backoff jitter. Starts online; feed [`Event::Offline`] if not.
    pub fn new(store: S, mut cfg: Config, fresh_client_id: Uuid, seed: u64) -> Self {
        cfg.push_batch = cfg.push_batch.max(1);
        cfg.pull_limit = cfg.pull_limit.max(1);
        let push_limit = cfg.push_batch;
        let mut jitter = Jitter::new(seed);
        // Request ids start at a seeded point, so an answer meant for an earlier engine over
        // the same store (before a crash) is unlikely to match one of this engine's requests.
        let next_request = jitter.next_u64() >> 16;
        Engine {
            store,
            cfg,
            jitter,
            fresh_client_id,
            client_id: None,
            online: true,
            auth_required: false,
            flight: None,
            next_request,
            failures: 0,
            push_limit,
            retry_at: None,
            debounce_at: None,
            debounce_first: None,
            periodic_at: None,
            scheduled: None,
            last_error: None,
            last_status: None,
        }
    }

    /// The store (for the UI's reads).
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The store, mutably (session, …). Outbox writes must go through [`Engine::enqueue`].
    pub fn store_mut(&mut self) -> &mut S {
        &mut self.store
    }

    /// Gives the store back (e.g. to rebuild an engine over it).
    pub fn into_store(self) -> S {
        self.store
    }

    /// The local view of the given entities ([`Entity::ALL`] for all): confirmed records with
    /// the outbox re-applied on top.
    pub async fn local_view(
        &self,
        entities: &[Entity],
        ctx: &ViewContext,
    ) -> Result<LocalView, S::Error> {
        LocalView::load(&self.store, entities, ctx).await
    }

    /// Whether a request is awaiting its answer.
    pub fn in_flight(&self) -> bool {
        self.flight.is_some()
    }

    /// Records a local change: one atomic store write of its outbox entry, then a debounced
    /// sync. An error means the change was **not** saved and the UI must say so.
    pub async fn enqueue(
        &mut self,
        mutation: Mutation,
        now: DateTime<Utc>,
    ) -> Result<Vec<Effect>, S::Error> {
        self.store.enqueue(mutation).await?;
        Ok(self.handle(Event::LocalChange, now).await)
    }

    /// Removes a rejected mutation the rep has acknowledged.
    pub async fn dismiss_rejected(
        &mut self,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Vec<Effect>, S::Error> {
        self.store.dismiss_rejected(id).await?;
        let mut effects = Vec::new();
        self.finish(now, &mut effects).await;
        Ok(effects)
    }

    /// Handles one event at time `now`; returns what the driver must do.
    pub async fn handle(&mut self, event: Event, now: DateTime<Utc>) -> Vec<Effect> {
        let mut fx = Vec::new();
        match event {
            Event::Start => {
                self.sync_now(now, &mut fx).await;
            }
            Event::Online => {
                self.online = true;
                self.failures = 0;
                self.retry_at = None;
                self.sync_now(now, &mut fx).await;
            }
            Event::Offline => {
                self.online = false;
                self.retry_at = None;
            }
            Event::LocalChange => {
                let first = *self.debounce_first.get_or_insert(now);
                self.debounce_at =
                    Some((now + self.cfg.debounce).min(first + self.cfg.debounce_max));
            }
            Event::SyncNow => {
                self.retry_at = None;
                self.sync_now(now, &mut fx).await;
            }
            Event::LoggedIn => {
                self.auth_required = false;
                self.failures = 0;
                self.retry_at = None;
                self.sync_now(now, &mut fx).await;
            }
            Event::Wake => {
                // The driver's timer is spent: always schedule the next one.
                self.scheduled = None;
                self.wake(now, &mut fx).await;
            }
            Event::PushDone { request, result } => {
                if let Some(FlightKind::Push { ids }) = self.take_flight(request, true) {
                    self.on_push(ids, result, now, &mut fx).await;
                }
            }
            Event::PullDone { request, result } => {
                if let Some(FlightKind::Pull {
                    since,
                    refetching,
                    drop_acked,
                }) = self.take_flight(request, false)
                {
                    self.on_pull(since, refetching, drop_acked, result, now, &mut fx)
                        .await;
                }
            }
        }
        self.finish(now, &mut fx).await;
        fx
    }

    /// The request in flight, if `request` (a push if `push`) answers it; anything else is a
    /// late or duplicated answer and is ignored.
    fn take_flight(&mut self, request: RequestId, push: bool) -> Option<FlightKind> {
        match &self.flight {
            Some(f) if f.id == request && matches!(f.kind, FlightKind::Push { .. }) == push => {
                self.flight.take().map(|f| f.kind)
            }
            _ => None,
        }
    }

    fn can_sync(&self, now: DateTime<Utc>) -> bool {
        self.online
            && !self.auth_required
            && self.flight.is_none()
            && self.retry_at.is_none_or(|at| at <= now)
    }

    async fn wake(&mut self, now: DateTime<Utc>, fx: &mut Vec<Effect>) {
        if self.flight.as_ref().is_some_and(|f| f.deadline <= now) {
            self.flight = None;
            self.fail(
                now,
                SyncError::Network {
                    message: "request timed out".into(),
                },
            );
        }
        let due = |at: Option<DateTime<Utc>>| at.is_some_and(|at| at <= now);
        if due(self.retry_at) || due(self.debounce_at) || due(self.periodic_at) {
            self.sync_now(now, fx).await;
        }
    }

    /// Starts a round if nothing stops it (offline, in flight, backing off, logged out).
    async fn sync_now(&mut self, now: DateTime<Utc>, fx: &mut Vec<Effect>) {
        if !self.can_sync(now) {
            return;
        }
        self.retry_at = None;
        self.debounce_at = None;
        self.debounce_first = None;
        self.periodic_at = None;
        if self.client_id.is_none() {
            match self.store.init_sync_state(self.fresh_client_id).await {
                Ok(state) => self.client_id = Some(state.client_id),
                Err(e) => return self.storage_failure(now, e),
            }
        }
        self.next_step(now, fx).await;
    }

    /// Push the next batch of unanswered entries, or pull when there are none.
    async fn next_step(&mut self, now: DateTime<Utc>, fx: &mut Vec<Effect>) {
        let (outbox, state) = match (self.store.outbox().await, self.store.sync_state().await) {
            (Ok(outbox), Ok(state)) => (outbox, state),
            (Err(e), _) | (_, Err(e)) => return self.storage_failure(now, e),
        };
        let Some(state) = state else {
            self.client_id = None;
            return self.storage_failure_msg(now, "sync state missing".into());
        };
        let batch: Vec<Mutation> = outbox
            .iter()
            .filter(|e| e.acked.is_none())
            .take(self.push_limit)
            .map(|e| e.mutation.clone())
            .collect();
        let request = self.request_id();
        let deadline = now + self.cfg.request_timeout;
        if batch.is_empty() {
            let drop_acked = outbox
                .iter()
                .filter(|e| e.acked.is_some())
                .map(|e| e.mutation.id)
                .collect();
            self.flight = Some(Flight {
                id: request,
                kind: FlightKind::Pull {
                    since: state.cursor,
                    refetching: state.refetching,
                    drop_acked,
                },
                deadline,
            });
            fx.push(Effect::SendPull {
                request,
                since: state.cursor,
                limit: self.cfg.pull_limit,
            });
        } else {
            self.flight = Some(Flight {
                id: request,
                kind: FlightKind::Push {
                    ids: batch.iter().map(|m| m.id).collect(),
                },
                deadline,
            });
            fx.push(Effect::SendPush {
                request,
                body: PushRequest {
                    client_id: state.client_id,
                    mutations: batch,
                },
            });
        }
    }

    fn request_id(&mut self) -> RequestId {
        self.next_request = self.next_request.wrapping_add(1);
        RequestId(self.next_request)
    }

    async fn on_push(
        &mut self,
        ids: Vec<Uuid>,
        result: Result<PushResponse, TransportError>,
        now: DateTime<Utc>,
        fx: &mut Vec<Effect>,
    ) {
        let acks = match result {
            Ok(response) => {
                let acks: Vec<Ack> = response
                    .results
                    .iter()
                    .filter(|r| ids.contains(&r.id))
                    .map(|r| match r.effective_status() {
                        MutationStatus::Rejected => Ack::Rejected {
                            id: r.id,
                            reason: r.reason.clone().unwrap_or_else(|| "rejected".into()),
                            code: r.code.clone(),
                        },
                        status => Ack::Accepted { id: r.id, status },
                    })
                    .collect();
                if acks.is_empty() {
                    return self.fail(
                        now,
                        SyncError::Protocol {
                            message: "push answer has no result for the mutations sent".into(),
                        },
                    );
                }
                acks
            }
            // Too large for the server: halve the batch; a single mutation that is still too
            // large can never be accepted, so the rep is told instead of the outbox blocking.
            Err(TransportError::Status { status: 413, .. }) if ids.len() > 1 => {
                self.push_limit = (ids.len() / 2).max(1);
                return self.next_step(now, fx).await;
            }
            Err(TransportError::Status { status: 413, .. }) => vec![Ack::Rejected {
                id: ids[0],
                reason: "too_large: the change is larger than the server accepts".into(),
                code: Some("too_large".into()),
            }],
            Err(e) => return self.transport_failure(now, e),
        };
        if let Err(e) = self.store.record_push_results(&acks, now).await {
            return self.storage_failure(now, e);
        }
        self.next_step(now, fx).await;
    }

    async fn on_pull(
        &mut self,
        since: i64,
        refetching: bool,
        drop_acked: Vec<Uuid>,
        result: Result<PullResponse, TransportError>,
        now: DateTime<Utc>,
        fx: &mut Vec<Effect>,
    ) {
        let response = match result {
            Ok(r) => r,
            Err(TransportError::Status {
                status: 409,
                error: Some(ApiError { code, .. }),
                // Also mid-refetch (the server was replaced again); never for 0, which any server
                // can serve, so a confused server cannot make this loop.
            }) if code == RESET_REQUIRED && since != 0 => {
                if let Err(e) = self.store.start_refetch().await {
                    return self.storage_failure(now, e);
                }
                return self.next_step(now, fx).await;
            }
            Err(e) => return self.transport_failure(now, e),
        };
        let complete = !response.has_more;
        let batch = PullBatch {
            changes: response.changes,
            cursor: response.cursor,
            complete,
            drop_acked: if complete {
                drop_acked.clone()
            } else {
                Vec::new()
            },
            at: now,
        };
        if let Err(e) = self.store.apply_pull(&batch).await {
            return self.storage_failure(now, e);
        }
        if complete {
            self.succeeded(now);
            // Changes made during the round are pushed once their debounce has passed.
            if self.debounce_at.is_some_and(|at| at <= now) {
                self.sync_now(now, fx).await;
            }
            return;
        }
        let request = self.request_id();
        self.flight = Some(Flight {
            id: request,
            kind: FlightKind::Pull {
                since: response.cursor,
                refetching,
                drop_acked,
            },
            deadline: now + self.cfg.request_timeout,
        });
        fx.push(Effect::SendPull {
            request,
            since: response.cursor,
            limit: self.cfg.pull_limit,
        });
    }

    fn succeeded(&mut self, now: DateTime<Utc>) {
        self.failures = 0;
        self.retry_at = None;
        self.last_error = None;
        self.push_limit = self.cfg.push_batch;
        self.periodic_at = Some(now + self.cfg.periodic);
    }

    fn transport_failure(&mut self, now: DateTime<Utc>, e: TransportError) {
        let error = match e {
            TransportError::Network(message) => SyncError::Network { message },
            TransportError::Status { status: 401, .. } => {
                // Not a failure to back off from: nothing is retried until the rep logs in.
                self.flight = None;
                self.auth_required = true;
                self.retry_at = None;
                self.last_error = Some(SyncError::AuthRequired);
                return;
            }
            TransportError::Status { status, error } => SyncError::Server {
                status,
                code: error.as_ref().map(|e| e.code.clone()),
                message: error.map(|e| e.message),
            },
        };
        self.fail(now, error);
    }

    fn storage_failure(&mut self, now: DateTime<Utc>, e: S::Error) {
        self.storage_failure_msg(now, e.to_string());
    }

    fn storage_failure_msg(&mut self, now: DateTime<Utc>, message: String) {
        self.fail(now, SyncError::Storage { message });
    }

    fn fail(&mut self, now: DateTime<Utc>, error: SyncError) {
        self.flight = None;
        self.failures = self.failures.saturating_add(1);
        let delay = backoff_delay(&self.cfg, self.failures, self.jitter.next_u64());
        self.retry_at = Some(now + delay);
        self.last_error = Some(error);
    }

    /// Schedules the next wake and notifies the UI when the status changed.
    async fn finish(&mut self, now: DateTime<Utc>, fx: &mut Vec<Effect>) {
        // Only a time at which something can happen: while a request is in flight, only its
        // timeout (debounced changes and the periodic sync wait for its answer); while backing
        // off, only the retry. Anything else would make the driver's timer spin.
        let next = match (&self.flight, self.retry_at) {
            (Some(f), _) => Some(f.deadline),
            _ if !self.online || self.auth_required => None,
            (None, Some(retry)) => Some(retry),
            (None, None) => match (self.debounce_at, self.periodic_at) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
        };
        if let Some(at) = next {
            if self.scheduled != Some(at) {
                self.scheduled = Some(at);
                fx.push(Effect::ScheduleWake { at: at.max(now) });
            }
        }
        if let Some(status) = self.status().await {
            if self.last_status.as_ref() != Some(&status) {
                self.last_status = Some(status.clone());
                fx.push(Effect::Notify(status));
            }
        }
    }

    /// The current status (`None` if the store cannot be read).
    pub async fn status(&self) -> Option<SyncStatus> {
        let outbox: Vec<OutboxEntry> = self.store.outbox().await.ok()?;
        let rejected = self.store.rejected().await.ok()?;
        let state = self.store.sync_state().await.ok()?;
        let activity = match (&self.flight, self.retry_at) {
            (Some(Flight { kind, .. }), _) => match kind {
                FlightKind::Push { .. } => Activity::Pushing,
                FlightKind::Pull { refetching, .. } => Activity::Pulling {
                    refetching: *refetching,
                },
            },
            (None, Some(at)) if self.online => Activity::Retrying { at },
            _ => Activity::Idle,
        };
        Some(SyncStatus {
            online: self.online,
            activity,
            pending: outbox.iter().filter(|e| e.acked.is_none()).count(),
            last_synced_at: state.and_then(|s| s.last_synced_at),
            last_error: self.last_error.clone(),
            rejected,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_never_exceeds_its_exponential_ceiling_or_the_cap() {
        let cfg = Config {
            backoff_base: TimeDelta::seconds(1),
            backoff_cap: TimeDelta::seconds(60),
            ..Config::default()
        };
        let mut jitter = Jitter::new(42);
        for failures in 1..=40u32 {
            let ceiling = (1000i64 << (failures - 1).min(20)).min(60_000);
            for _ in 0..200 {
                let d = backoff_delay(&cfg, failures, jitter.next_u64()).num_milliseconds();
                assert!((0..=ceiling).contains(&d), "failures {failures}: {d} ms");
            }
        }
        // The ceiling itself is reachable.
        assert_eq!(backoff_delay(&cfg, 1, 1000).num_milliseconds(), 1000);
        assert_eq!(backoff_delay(&cfg, 30, 60_000).num_milliseconds(), 60_000);
    }

    #[test]
    fn backoff_spreads_over_the_whole_interval() {
        let cfg = Config::default();
        let mut jitter = Jitter::new(7);
        let draws: Vec<i64> = (0..1000)
            .map(|_| backoff_delay(&cfg, 4, jitter.next_u64()).num_milliseconds())
            .collect();
        assert!(draws.iter().any(|&d| d < 2000));
        assert!(draws.iter().any(|&d| d > 6000));
    }
}
