//! Which of several overlapping loads may still show its result.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

/// Numbers the loads a component starts, so that a load finishing after a newer one has
/// shown its result throws its own away. Loads overlap when data changes while one runs (a
/// save, a pull); the older one may finish last, and must not put back what it read before
/// the change. An older load that finishes first is still shown: during a long pull the
/// screen keeps up, page by page, instead of waiting for the last load.
#[derive(Clone, Default, PartialEq)]
pub struct Newest(Rc<Counts>);

#[derive(Default, PartialEq)]
struct Counts {
    started: Cell<u64>,
    shown: Cell<u64>,
}

/// One load, as numbered by [`Newest::start`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket(u64);

impl Newest {
    /// Starts a load.
    pub fn start(&self) -> Ticket {
        let next = self.0.started.get() + 1;
        self.0.started.set(next);
        Ticket(next)
    }

    /// Whether `ticket`'s load may show its result: no load started after it has shown one.
    /// Answering yes records it as shown.
    pub fn accept(&self, ticket: Ticket) -> bool {
        let fresh = ticket.0 > self.0.shown.get();
        if fresh {
            self.0.shown.set(ticket.0);
        }
        fresh
    }
}

/// A [`Newest`] kept for the component's lifetime.
#[hook]
pub fn use_newest() -> Newest {
    (*use_memo((), |_| Newest::default())).clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_load_finishing_after_a_newer_one_is_not_shown() {
        let newest = Newest::default();
        let older = newest.start();
        let newer = newest.start();
        assert!(newest.accept(newer));
        assert!(!newest.accept(older));
    }

    #[test]
    fn an_older_load_finishing_first_is_shown_then_replaced() {
        let newest = Newest::default();
        let older = newest.start();
        let newer = newest.start();
        assert!(newest.accept(older));
        assert!(newest.accept(newer));
    }

    #[test]
    fn clones_share_the_counts() {
        let newest = Newest::default();
        let older = newest.start();
        let copy = newest.clone();
        let newer = copy.start();
        assert!(copy.accept(newer));
        assert!(!newest.accept(older));
    }
}
