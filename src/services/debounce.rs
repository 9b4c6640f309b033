//! Debouncing: acting on the last value of a burst of changes once they have rested.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;

/// Keeps the latest value of a burst (keystrokes, taps) and acts on it once no newer value
/// came for `rest_ms`. One browser timer serves a whole burst: a value pushed while it runs
/// only records itself and the time (a keystroke arms no timer), and the timer, when it
/// fires too early, waits on for the rest of the time. Cheap to clone (clones share the
/// burst).
pub struct Debounce<T> {
    inner: Rc<RefCell<Inner<T>>>,
}

impl<T> Clone for Debounce<T> {
    fn clone(&self) -> Self {
        Debounce {
            inner: self.inner.clone(),
        }
    }
}

struct Inner<T> {
    rest_ms: u32,
    act: Rc<dyn Fn(T)>,
    /// The value waiting and `Date.now()` when it came.
    pending: Option<(T, f64)>,
    timer: Option<Timeout>,
}

impl<T: 'static> Debounce<T> {
    /// A debouncer that calls `act` with the last value of each burst.
    pub fn new(rest_ms: u32, act: impl Fn(T) + 'static) -> Debounce<T> {
        Debounce {
            inner: Rc::new(RefCell::new(Inner {
                rest_ms,
                act: Rc::new(act),
                pending: None,
                timer: None,
            })),
        }
    }

    /// Records `value` as the latest; it is acted on once nothing newer came for the rest
    /// time.
    pub fn push(&self, value: T) {
        let mut inner = self.inner.borrow_mut();
        let waiting = inner.pending.is_some();
        inner.pending = Some((value, js_sys::Date::now()));
        let rest = inner.rest_ms;
        drop(inner);
        if !waiting {
            self.wait(rest);
        }
    }

    /// The value waiting, if any, without acting on it (the screen closes, say, and keeps it
    /// elsewhere).
    pub fn take(&self) -> Option<T> {
        let mut inner = self.inner.borrow_mut();
        inner.timer = None;
        inner.pending.take().map(|(value, _)| value)
    }

    /// Arms the timer for `delay_ms`.
    fn wait(&self, delay_ms: u32) {
        let this = self.clone();
        let timer = Timeout::new(delay_ms, move || this.fire());
        self.inner.borrow_mut().timer = Some(timer);
    }

    fn fire(&self) {
        let mut inner = self.inner.borrow_mut();
        let Some((_, changed)) = &inner.pending else {
            return;
        };
        match left_ms(inner.rest_ms, *changed, js_sys::Date::now()) {
            Some(left) => {
                drop(inner);
                self.wait(left);
            }
            None => {
                let value = inner.pending.take().map(|(value, _)| value);
                let act = inner.act.clone();
                drop(inner);
                if let Some(value) = value {
                    act(value);
                }
            }
        }
    }
}

/// How much longer a value that came at `changed` must rest at `now` (milliseconds since
/// the epoch); `None`: it has rested `rest_ms` (within a millisecond: timers are not exact).
fn left_ms(rest_ms: u32, changed: f64, now: f64) -> Option<u32> {
    let rested = now - changed;
    let rest = f64::from(rest_ms);
    if rested + 1.0 >= rest {
        None
    } else {
        // Between 1 and `rest_ms` (a clock set back counts as no rest at all).
        Some((rest - rested.max(0.0)).ceil().clamp(1.0, rest) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::left_ms;

    #[test]
    fn a_value_that_rested_long_enough_is_acted_on() {
        assert_eq!(left_ms(400, 1_000.0, 1_400.0), None);
        assert_eq!(left_ms(400, 1_000.0, 1_399.5), None, "a millisecond early");
        assert_eq!(left_ms(400, 1_000.0, 9_000.0), None);
    }

    #[test]
    fn a_newer_value_waits_for_the_rest_of_its_time() {
        assert_eq!(left_ms(400, 1_000.0, 1_100.0), Some(300));
        assert_eq!(left_ms(400, 1_000.0, 1_000.2), Some(400));
        assert_eq!(left_ms(400, 1_000.0, 500.0), Some(400), "clock set back");
    }
}
