//! How often the syncing tab asks the server for news. The engine's own periodic sync is
//! the long interval; while the rep waits for something (a change not yet sent, a manager's
//! decision, a photo not yet uploaded) and the app is on screen, it asks every
//! [`FAST`] instead, so a decision shows within about half a minute rather than five.

use chrono::TimeDelta;

/// The interval while something is waiting and the app is visible.
pub const FAST: TimeDelta = TimeDelta::seconds(30);

/// Rest after a trigger (visible, focused, poll) before the sync starts, so triggers that
/// come together (`visibilitychange` and `focus` on returning to the app) start one sync.
pub const TRIGGER_REST_MS: u32 = 300;

/// What the rep is waiting for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Waiting {
    /// Local changes the server has not answered.
    pub changes: usize,
    /// The rep's requests still waiting for a manager's decision.
    pub decisions: usize,
    /// Photos of saved notes not uploaded yet (the last upload failed).
    pub photos: bool,
}

impl Waiting {
    fn any(&self) -> bool {
        self.changes > 0 || self.decisions > 0 || self.photos
    }
}

/// The interval to the next poll: [`FAST`] while the app is visible and something waits,
/// else `long` (the engine's periodic sync; a hidden app syncs when it is shown again).
pub fn poll_interval(visible: bool, waiting: Waiting, long: TimeDelta) -> TimeDelta {
    if visible && waiting.any() {
        FAST.min(long)
    } else {
        long
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: TimeDelta = TimeDelta::minutes(5);

    #[test]
    fn nothing_waiting_keeps_the_long_interval() {
        assert_eq!(poll_interval(true, Waiting::default(), LONG), LONG);
    }

    #[test]
    fn a_waiting_change_decision_or_photo_polls_every_thirty_seconds() {
        let change = Waiting {
            changes: 1,
            ..Waiting::default()
        };
        let decision = Waiting {
            decisions: 2,
            ..Waiting::default()
        };
        let photo = Waiting {
            photos: true,
            ..Waiting::default()
        };
        for waiting in [change, decision, photo] {
            assert_eq!(poll_interval(true, waiting, LONG), FAST, "{waiting:?}");
        }
    }

    #[test]
    fn a_hidden_app_does_not_poll_fast() {
        let decision = Waiting {
            decisions: 1,
            ..Waiting::default()
        };
        assert_eq!(poll_interval(false, decision, LONG), LONG);
    }

    #[test]
    fn the_fast_interval_never_exceeds_the_long_one() {
        let change = Waiting {
            changes: 1,
            ..Waiting::default()
        };
        let short = TimeDelta::seconds(10);
        assert_eq!(poll_interval(true, change, short), short);
    }
}
