//! What stands between a login request and the password hash (issue 15): the limiter, which
//! counts an attempt *before* its password is checked, and the hashing gate, which bounds how
//! many argon2 checks (about 19 MiB each) run and wait at once.
//!
//! Rules of the limiter:
//! - per (account, client address): the first [`FREE_FAILURES_PER_PAIR`] failures are free;
//!   then the next attempt of that pair must wait 1, 2, 4 … seconds after its last failure,
//!   at most [`MAX_DELAY`]. Another address is not delayed, so a stranger cannot lock the
//!   real user out; a success clears the pair. A pair is forgotten [`PAIR_MEMORY`] after its
//!   last failure.
//! - per client address: at most [`MAX_FAILURES_PER_ADDR`] failures within
//!   [`FAILURE_WINDOW`] (against trying one password on many accounts).
//!
//! An attempt in flight counts as a failure from the moment it is let through, so that
//! parallel guesses cannot all pass the check before any of them has failed.

use std::collections::{HashMap, VecDeque};
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

use super::client_addr::TrustedProxies;
use crate::password::Memory;

/// Failures per (account, address) before the delays start.
pub const FREE_FAILURES_PER_PAIR: u32 = 5;
/// The longest delay between two attempts of one (account, address).
pub const MAX_DELAY: Duration = Duration::from_secs(15 * 60);
/// A pair with no failure for this long starts afresh.
pub const PAIR_MEMORY: Duration = Duration::from_secs(60 * 60);
/// Failed logins allowed per client address within [`FAILURE_WINDOW`] (an office shares one).
pub const MAX_FAILURES_PER_ADDR: usize = 100;
pub const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Keys (pairs, addresses) kept before the oldest are forgotten: bounds the limiter's memory
/// (a pair or address costs at most a few hundred bytes, an address's window ~1.6 KiB).
pub const MAX_KEYS: usize = 10_000;
/// Longest username kept in a key; longer ones (never valid) are cut.
const MAX_KEY_USERNAME: usize = 64;

/// How long a login may wait for a free hashing slot before it is answered 503 `busy`.
pub const MAX_HASH_WAIT: Duration = Duration::from_secs(3);
/// Logins that may wait for a hashing slot, per slot; more are answered 503 at once.
pub const HASH_WAITERS_PER_SLOT: usize = 16;
/// Most password checks at once, whatever the core count: each slot keeps argon2's 19 MiB of
/// working memory once used, and logins are rare enough that 8 checks at a time (about 150
/// per second) serve a large team while a big machine's memory stays bounded.
pub const MAX_HASH_SLOTS: usize = 8;
/// The `retry_after` of a 503 `busy`.
pub const BUSY_RETRY_AFTER: u64 = 2;

/// The delay that `failures` earlier failures of a pair impose on its next attempt.
pub fn delay_after(failures: u32) -> Duration {
    match failures.checked_sub(FREE_FAILURES_PER_PAIR) {
        None => Duration::ZERO,
        Some(doublings) if doublings >= 20 => MAX_DELAY,
        Some(doublings) => Duration::from_secs(1 << doublings).min(MAX_DELAY),
    }
}

/// Everything the login handler needs to refuse guesses cheaply. One per server.
#[derive(Debug)]
pub struct LoginGuard {
    pub limiter: LoginLimiter,
    pub hashing: HashGate,
    pub trusted_proxies: TrustedProxies,
}

impl Default for LoginGuard {
    fn default() -> Self {
        Self {
            limiter: LoginLimiter::default(),
            hashing: HashGate::for_this_machine(),
            trusted_proxies: TrustedProxies::default(),
        }
    }
}

#[derive(Debug)]
struct Pair {
    failures: u32,
    last: Instant,
}

#[derive(Debug, Default)]
struct Counts {
    pairs: HashMap<(String, String), Pair>,
    addrs: HashMap<String, VecDeque<Instant>>,
}

/// Counts login failures per (account, address) and per address; see the module docs.
#[derive(Debug, Default)]
pub struct LoginLimiter {
    counts: Mutex<Counts>,
}

/// An attempt let through by [`LoginLimiter::reserve`], counted as a failure until told
/// otherwise. Dropped without a verdict, it stays a failure.
#[derive(Debug)]
pub struct Reservation {
    pair: (String, String),
    at: Instant,
    previous_last: Option<Instant>,
}

impl LoginLimiter {
    /// Lets an attempt of `username` from `addr` through, counting it as a failure, or says
    /// how many seconds to wait.
    pub fn reserve(&self, username: &str, addr: &str) -> Result<Reservation, u64> {
        self.reserve_at(username, addr, Instant::now())
    }

    fn reserve_at(&self, username: &str, addr: &str, now: Instant) -> Result<Reservation, u64> {
        let pair = (key_username(username), addr.to_owned());
        let mut counts = self.counts.lock().expect("limiter lock");
        counts.bound(now);
        let mut wait = Duration::ZERO;
        if let Some(times) = counts.addrs.get_mut(addr) {
            prune(times, now);
            if times.len() >= MAX_FAILURES_PER_ADDR {
                let oldest = times[times.len() - MAX_FAILURES_PER_ADDR];
                wait = wait.max(FAILURE_WINDOW.saturating_sub(now - oldest));
            }
        }
        if let Some(p) = counts.pairs.get(&pair) {
            if now.saturating_duration_since(p.last) > PAIR_MEMORY {
                counts.pairs.remove(&pair);
            } else if p.failures >= FREE_FAILURES_PER_PAIR {
                let until = p.last + delay_after(p.failures);
                wait = wait.max(until.saturating_duration_since(now));
            }
        }
        if !wait.is_zero() {
            return Err(wait.as_secs() + u64::from(wait.subsec_nanos() > 0));
        }
        counts
            .addrs
            .entry(pair.1.clone())
            .or_default()
            .push_back(now);
        let entry = counts.pairs.entry(pair.clone()).or_insert(Pair {
            failures: 0,
            last: now,
        });
        let previous_last = (entry.failures > 0).then_some(entry.last);
        entry.failures += 1;
        entry.last = entry.last.max(now);
        Ok(Reservation {
            pair,
            at: now,
            previous_last,
        })
    }

    /// The password was wrong: the failure stays, and the pair's delay runs from now.
    pub fn failed(&self, attempt: Reservation) {
        self.failed_at(attempt, Instant::now());
    }

    fn failed_at(&self, attempt: Reservation, now: Instant) {
        let mut counts = self.counts.lock().expect("limiter lock");
        if let Some(p) = counts.pairs.get_mut(&attempt.pair) {
            p.last = p.last.max(now);
        }
    }

    /// The password was right: the pair starts afresh and this attempt is not a failure of
    /// the address (earlier failures of the address stay).
    pub fn succeeded(&self, attempt: Reservation) {
        let mut counts = self.counts.lock().expect("limiter lock");
        counts.pairs.remove(&attempt.pair);
        counts.forget_addr_failure(&attempt.pair.1, attempt.at);
    }

    /// The password was not checked (server busy, database down): the attempt does not count.
    pub fn not_checked(&self, attempt: Reservation) {
        let mut counts = self.counts.lock().expect("limiter lock");
        if let Some(p) = counts.pairs.get_mut(&attempt.pair) {
            p.failures = p.failures.saturating_sub(1);
            if p.failures == 0 {
                counts.pairs.remove(&attempt.pair);
            } else if p.last == attempt.at {
                if let Some(previous) = attempt.previous_last {
                    p.last = previous;
                }
            }
        }
        counts.forget_addr_failure(&attempt.pair.1, attempt.at);
    }

    /// Pairs and addresses remembered (for tests of the memory bound).
    pub fn keys(&self) -> usize {
        let counts = self.counts.lock().expect("limiter lock");
        counts.pairs.len() + counts.addrs.len()
    }
}

impl Counts {
    fn forget_addr_failure(&mut self, addr: &str, at: Instant) {
        if let Some(times) = self.addrs.get_mut(addr) {
            if let Some(i) = times.iter().rposition(|t| *t == at) {
                times.remove(i);
            }
            if times.is_empty() {
                self.addrs.remove(addr);
            }
        }
    }

    /// Keeps each map at most [`MAX_KEYS`] long: expired keys go first; if that is not
    /// enough, those whose last failure is oldest, down to three quarters of the bound.
    fn bound(&mut self, now: Instant) {
        if self.pairs.len() >= MAX_KEYS {
            self.pairs
                .retain(|_, p| now.saturating_duration_since(p.last) <= PAIR_MEMORY);
            if self.pairs.len() >= MAX_KEYS {
                let cutoff = nth_newest(self.pairs.values().map(|p| p.last), MAX_KEYS * 3 / 4);
                self.pairs.retain(|_, p| p.last > cutoff);
            }
        }
        if self.addrs.len() >= MAX_KEYS {
            self.addrs.retain(|_, times| {
                prune(times, now);
                !times.is_empty()
            });
            if self.addrs.len() >= MAX_KEYS {
                let lasts = self.addrs.values().filter_map(|t| t.back().copied());
                let cutoff = nth_newest(lasts, MAX_KEYS * 3 / 4);
                self.addrs
                    .retain(|_, times| times.back().is_some_and(|t| *t > cutoff));
            }
        }
    }
}

/// The `keep`-th newest instant (those newer than it are kept).
fn nth_newest(instants: impl Iterator<Item = Instant>, keep: usize) -> Instant {
    let mut all: Vec<Instant> = instants.collect();
    let keep = keep.min(all.len() - 1);
    let (_, nth, _) = all.select_nth_unstable_by(keep, |a, b| b.cmp(a));
    *nth
}

fn key_username(username: &str) -> String {
    let mut end = username.len().min(MAX_KEY_USERNAME);
    while !username.is_char_boundary(end) {
        end -= 1;
    }
    username[..end].to_owned()
}

fn prune(times: &mut VecDeque<Instant>, now: Instant) {
    while times
        .front()
        .is_some_and(|t| now.saturating_duration_since(*t) > FAILURE_WINDOW)
    {
        times.pop_front();
    }
}

/// Too many password checks running and waiting: answer 503 `busy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

/// Runs password checks on the blocking pool, at most `slots` at once; at most `max_waiting`
/// more wait, each at most `max_wait`. Each running check gets a kept argon2 [`Memory`], so
/// memory stays at about `slots` × argon2's memory cost.
#[derive(Debug)]
pub struct HashGate {
    slots: Arc<Semaphore>,
    /// Working memory of the checks not running now (at most one per slot).
    memory: Arc<Mutex<Vec<Memory>>>,
    waiting: AtomicUsize,
    max_waiting: usize,
    max_wait: Duration,
}

impl HashGate {
    pub fn new(slots: usize, max_waiting: usize, max_wait: Duration) -> Self {
        Self {
            slots: Arc::new(Semaphore::new(slots)),
            memory: Arc::default(),
            waiting: AtomicUsize::new(0),
            max_waiting,
            max_wait,
        }
    }

    /// One slot per core up to [`MAX_HASH_SLOTS`], [`HASH_WAITERS_PER_SLOT`] waiters per
    /// slot, [`MAX_HASH_WAIT`].
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        let slots = cores.min(MAX_HASH_SLOTS);
        Self::new(slots, slots * HASH_WAITERS_PER_SLOT, MAX_HASH_WAIT)
    }

    /// Runs `check` on the blocking pool once a slot is free, with that slot's working
    /// memory. The slot is held until `check` returns, even if the caller stops waiting (a
    /// request that timed out or was dropped).
    pub async fn run<T: Send + 'static>(
        &self,
        check: impl FnOnce(&mut Memory) -> T + Send + 'static,
    ) -> Result<T, Busy> {
        let slot = match Arc::clone(&self.slots).try_acquire_owned() {
            Ok(slot) => slot,
            Err(_) => {
                if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.max_waiting {
                    self.waiting.fetch_sub(1, Ordering::SeqCst);
                    return Err(Busy);
                }
                let _waiter = Waiter(&self.waiting);
                let acquire = Arc::clone(&self.slots).acquire_owned();
                match tokio::time::timeout(self.max_wait, acquire).await {
                    Ok(Ok(slot)) => slot,
                    _ => return Err(Busy),
                }
            }
        };
        let pool = Arc::clone(&self.memory);
        tokio::task::spawn_blocking(move || {
            let _slot = slot;
            let mut memory = pool.lock().expect("memory pool").pop().unwrap_or_default();
            let result = check(&mut memory);
            pool.lock().expect("memory pool").push(memory);
            result
        })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "password check failed");
            Busy
        })
    }
}

/// Counts a waiting login until it stops waiting, however that happens.
struct Waiter<'a>(&'a AtomicUsize);

impl Drop for Waiter<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "203.0.113.1";
    const B: &str = "198.51.100.2";

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn delays_double_after_the_free_failures_up_to_the_cap() {
        let free = FREE_FAILURES_PER_PAIR;
        assert_eq!(delay_after(0), Duration::ZERO);
        assert_eq!(delay_after(free - 1), Duration::ZERO);
        assert_eq!(delay_after(free), secs(1));
        assert_eq!(delay_after(free + 1), secs(2));
        assert_eq!(delay_after(free + 3), secs(8));
        assert_eq!(delay_after(free + 10), MAX_DELAY);
        assert_eq!(delay_after(u32::MAX), MAX_DELAY);
    }

    #[test]
    fn an_attempt_counts_before_its_password_is_checked() {
        let limiter = LoginLimiter::default();
        let t = Instant::now();
        // Parallel attempts: none has failed yet, but only the free ones get through.
        let in_flight: Vec<Reservation> = (0..FREE_FAILURES_PER_PAIR)
            .map(|_| limiter.reserve_at("rep1", A, t).expect("free attempt"))
            .collect();
        assert_eq!(limiter.reserve_at("rep1", A, t).unwrap_err(), 1);
        assert_eq!(in_flight.len() as u32, FREE_FAILURES_PER_PAIR);
    }

    #[test]
    fn each_failure_past_the_free_ones_doubles_the_wait_of_that_pair() {
        let limiter = LoginLimiter::default();
        let mut t = Instant::now();
        for _ in 0..FREE_FAILURES_PER_PAIR {
            limiter.reserve_at("rep1", A, t).unwrap();
        }
        for wait in [1, 2, 4, 8, 16] {
            assert_eq!(limiter.reserve_at("rep1", A, t).unwrap_err(), wait);
            // Not a second early…
            let early = t + secs(wait).saturating_sub(Duration::from_millis(1));
            assert_eq!(limiter.reserve_at("rep1", A, early).unwrap_err(), 1);
            // …then one more attempt, which fails too.
            t += secs(wait);
            limiter.reserve_at("rep1", A, t).unwrap();
        }
        assert_eq!(limiter.reserve_at("rep1", A, t).unwrap_err(), 32);
    }

    #[test]
    fn the_delay_runs_from_when_the_failure_is_known() {
        let limiter = LoginLimiter::default();
        let t = Instant::now();
        for _ in 0..FREE_FAILURES_PER_PAIR - 1 {
            limiter.reserve_at("rep1", A, t).unwrap();
        }
        // The fifth check takes ten seconds (a busy server): the wait starts after it.
        let slow = limiter.reserve_at("rep1", A, t).unwrap();
        limiter.failed_at(slow, t + secs(10));
        assert_eq!(limiter.reserve_at("rep1", A, t + secs(10)).unwrap_err(), 1);
        assert!(limiter.reserve_at("rep1", A, t + secs(11)).is_ok());
    }

    #[test]
    fn another_address_is_not_delayed_and_the_real_users_success_clears_their_pair() {
        let limiter = LoginLimiter::default();
        let t = Instant::now();
        for _ in 0..FREE_FAILURES_PER_PAIR + 3 {
            let _ = limiter.reserve_at("rep1", A, t);
        }
        assert!(
            limiter.reserve_at("rep1", A, t).is_err(),
            "the guesser waits"
        );
        // The real user, elsewhere, fails a few times and then gets it right.
        for _ in 0..FREE_FAILURES_PER_PAIR - 1 {
            limiter.failed_at(limiter.reserve_at("rep1", B, t).unwrap(), t);
        }
        limiter.succeeded(limiter.reserve_at("rep1", B, t).unwrap());
        for _ in 0..FREE_FAILURES_PER_PAIR {
            limiter
                .reserve_at("rep1", B, t)
                .expect("their pair starts afresh");
        }
        assert!(limiter.reserve_at("rep1", A, t).is_err(), "still waits");
        assert!(
            limiter.reserve_at("rep2", A, t).is_ok(),
            "other accounts pass"
        );
    }

    #[test]
    fn an_address_is_stopped_after_its_failures_on_many_accounts() {
        let limiter = LoginLimiter::default();
        let t = Instant::now();
        for i in 0..MAX_FAILURES_PER_ADDR {
            limiter.reserve_at(&format!("guess{i}"), A, t).unwrap();
        }
        let wait = limiter.reserve_at("rep1", A, t).unwrap_err();
        assert_eq!(wait, FAILURE_WINDOW.as_secs());
        assert!(
            limiter.reserve_at("rep1", B, t).is_ok(),
            "other addresses pass"
        );
        // The window slides: the failures expire.
        let later = t + FAILURE_WINDOW + secs(1);
        assert!(limiter.reserve_at("rep1", A, later).is_ok());
    }

    #[test]
    fn a_success_or_an_unchecked_attempt_is_not_a_failure_of_the_address() {
        let limiter = LoginLimiter::default();
        let t = Instant::now();
        for i in 0..MAX_FAILURES_PER_ADDR - 1 {
            limiter.reserve_at(&format!("guess{i}"), A, t).unwrap();
        }
        limiter.succeeded(limiter.reserve_at("rep1", A, t).unwrap());
        limiter.not_checked(limiter.reserve_at("rep2", A, t).unwrap());
        let last = limiter.reserve_at("rep3", A, t).expect("one failure left");
        assert!(limiter.reserve_at("rep4", A, t).is_err());
        limiter.not_checked(last);
        assert!(limiter.reserve_at("rep4", A, t).is_ok());
    }

    #[test]
    fn an_unchecked_attempt_gives_its_place_back_to_the_pair() {
        let limiter = LoginLimiter::default();
        let t = Instant::now();
        for _ in 0..FREE_FAILURES_PER_PAIR - 1 {
            limiter.reserve_at("rep1", A, t).unwrap();
        }
        let busy = limiter.reserve_at("rep1", A, t + secs(5)).unwrap();
        limiter.not_checked(busy);
        assert!(limiter.reserve_at("rep1", A, t + secs(5)).is_ok());
    }

    #[test]
    fn a_pair_is_forgotten_after_a_quiet_hour() {
        let limiter = LoginLimiter::default();
        let t = Instant::now();
        for _ in 0..FREE_FAILURES_PER_PAIR + 5 {
            let _ = limiter.reserve_at("rep1", A, t);
        }
        let later = t + PAIR_MEMORY + secs(1);
        for _ in 0..FREE_FAILURES_PER_PAIR {
            limiter.reserve_at("rep1", A, later).unwrap();
        }
    }

    #[test]
    fn the_limiter_forgets_the_oldest_keys_past_its_bound() {
        let limiter = LoginLimiter::default();
        let t = Instant::now();
        for i in 0..3 * MAX_KEYS {
            let at = t + Duration::from_millis(i as u64);
            limiter
                .reserve_at(
                    "rep1",
                    &format!("10.{}.{}.{}", i >> 16, (i >> 8) & 255, i & 255),
                    at,
                )
                .unwrap();
        }
        assert!(limiter.keys() <= 2 * MAX_KEYS, "{}", limiter.keys());
        // Long usernames are cut in keys.
        limiter.reserve_at(&"x".repeat(100_000), A, t).unwrap();
        let counts = limiter.counts.lock().unwrap();
        assert!(counts
            .pairs
            .keys()
            .all(|(u, _)| u.len() <= MAX_KEY_USERNAME));
    }

    #[tokio::test]
    async fn the_gate_bounds_running_and_waiting_checks() {
        let gate = Arc::new(HashGate::new(1, 1, Duration::from_millis(300)));
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let running = {
            let gate = Arc::clone(&gate);
            tokio::spawn(async move { gate.run(move |_| hold.recv().is_ok()).await })
        };
        while gate.slots.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let waiting = {
            let gate = Arc::clone(&gate);
            tokio::spawn(async move { gate.run(|_| 1).await })
        };
        while gate.waiting.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        // The slot is taken and the one waiting place too: refused at once.
        assert_eq!(gate.run(|_| 2).await, Err(Busy));
        // The waiter gives up after max_wait.
        let started = Instant::now();
        assert_eq!(waiting.await.unwrap(), Err(Busy));
        assert!(started.elapsed() < Duration::from_secs(3));
        assert_eq!(gate.waiting.load(Ordering::SeqCst), 0);
        release.send(()).unwrap();
        assert_eq!(running.await.unwrap(), Ok(true));
        assert_eq!(gate.run(|_| 3).await, Ok(3));
        // One working memory per slot, kept for the next check.
        assert_eq!(gate.memory.lock().unwrap().len(), 1);
    }
}
