use yew::prelude::*;

use super::use_now::use_ticking;

/// The time in milliseconds since the epoch, refreshed every `period_ms` (a new period
/// restarts the timer at once). The handle can be set, e.g. to the instant of an action.
#[hook]
pub fn use_clock(period_ms: u32) -> UseStateHandle<i64> {
    use_ticking(Some(period_ms), now_ms)
}

fn now_ms() -> i64 {
    crate::services::time::now().timestamp_millis()
}
