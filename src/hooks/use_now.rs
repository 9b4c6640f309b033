//! A clock for screens that show time passing.

use chrono::{DateTime, Utc};
use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::services::time;

/// Now, read again every `every_ms` milliseconds while it is `Some` (and at once whenever it
/// changes); while it is `None` the value stays as last read.
#[hook]
pub fn use_now(every_ms: Option<u32>) -> DateTime<Utc> {
    let clock = use_state(time::now);
    {
        let clock = clock.clone();
        use_effect_with(every_ms, move |every_ms| {
            clock.set(time::now());
            let interval = every_ms.map(|ms| Interval::new(ms, move || clock.set(time::now())));
            move || drop(interval)
        });
    }
    *clock
}
