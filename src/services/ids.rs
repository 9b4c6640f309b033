//! Ids and seeds from the browser's cryptographic random source.

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// `n` random bytes from `crypto.getRandomValues` (a zeroed buffer only if the browser has
/// no Web Crypto, which every browser able to run this app has).
fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    if let Ok(crypto) = gloo::utils::window().crypto() {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    bytes
}

/// A UUID v7 (time-ordered) for a record or mutation made at `now`.
pub fn new_id(now: DateTime<Utc>) -> Uuid {
    let millis = now.timestamp_millis().max(0) as u64;
    uuid::Builder::from_unix_timestamp_millis(millis, &random_bytes::<10>()).into_uuid()
}

/// A random 64-bit seed (backoff jitter).
pub fn seed() -> u64 {
    u64::from_le_bytes(random_bytes::<8>())
}
