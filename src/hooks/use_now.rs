//! A clock for screens that show time passing.

use chrono::{DateTime, Utc};
use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::services::time;

/// `read()` (the clock in some unit), read again every `every_ms` milliseconds while it is
/// `Some` (and at once whenever it changes); while it is `None` the value stays as last read.
/// The handle can be set, e.g. to the instant of an action.
#[hook]
pub(super) fn use_ticking<T: 'static>(every_ms: Option<u32>, read: fn() -> T) -> UseStateHandle<T> {
    let clock = use_state(read);
    {
        let clock = clock.clone();
        use_effect_with(every_ms, move |every_ms| {
            clock.set(read());
            let interval = every_ms.map(|ms| Interval::new(ms, move || clock.set(read())));
            move || drop(interval)
        });
    }
    clock
}

/// Now, read again every `every_ms` milliseconds while it is `Some` (and at once whenever it
/// changes); while it is `None` the value stays as last read.
#[hook]
pub fn use_now(every_ms: Option<u32>) -> DateTime<Utc> {
    *use_ticking(every_ms, time::now)
}
