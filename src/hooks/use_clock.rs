use gloo::timers::callback::Interval;
use yew::prelude::*;

/// The time in milliseconds since the epoch, refreshed every `period_ms` (a new period
/// restarts the timer at once). The handle can be set, e.g. to the instant of an action.
#[hook]
pub fn use_clock(period_ms: u32) -> UseStateHandle<i64> {
    let clock = use_state(now_ms);
    {
        let clock = clock.clone();
        use_effect_with(period_ms, move |period| {
            clock.set(now_ms());
            let interval = Interval::new(*period, move || clock.set(now_ms()));
            move || drop(interval)
        });
    }
    clock
}

fn now_ms() -> i64 {
    crate::services::time::now().timestamp_millis()
}
