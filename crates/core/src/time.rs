//! The dates and instants a record may carry, and date arithmetic that cannot panic.
//!
//! A client's clock, a typo or an attacker can send any instant chrono can parse (years up
//! to ±262,143); converting such an instant to local time overflows, and chrono panics. So
//! every date and instant that comes from outside is checked here at the boundary (server
//! and phone alike), and the conversions the rules use ([`local_date`]) are checked too, so
//! that a record stored before these checks existed cannot stop anything either.
//!
//! **Decision (range)**: years 2000 to 2100 inclusive. A rep's events and a deal's schedule
//! fall well inside it, and every conversion at its edges stays in chrono's range.
//! **Decision (future events)**: an event (a visit, a call, a note taken) may be at most
//! [`MAX_CLOCK_AHEAD`] after the receiver's clock: phone clocks drift and time zones differ,
//! but an event next week has not happened yet.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// The first year a date or instant may fall in.
pub const MIN_YEAR: i32 = 2000;
/// The last year a date or instant may fall in.
pub const MAX_YEAR: i32 = 2100;
/// How far after the receiver's clock an event's time may be.
pub const MAX_CLOCK_AHEAD: TimeDelta = TimeDelta::days(1);

/// Why a date or instant is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum TimeProblem {
    /// Outside the years [`MIN_YEAR`]..=[`MAX_YEAR`].
    #[error("must fall in the years 2000 to 2100")]
    OutOfRange,
    /// An event more than [`MAX_CLOCK_AHEAD`] after the receiver's clock.
    #[error("is more than a day in the future")]
    InFuture,
}

/// A calendar date within the sane range.
pub fn check_date(date: NaiveDate) -> Result<(), TimeProblem> {
    if (MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        Ok(())
    } else {
        Err(TimeProblem::OutOfRange)
    }
}

/// An instant within the sane range (its UTC date is checked).
pub fn check_instant(at: DateTime<Utc>) -> Result<(), TimeProblem> {
    check_date(at.date_naive())
}

/// The time of an event that has happened: within the sane range and not more than
/// [`MAX_CLOCK_AHEAD`] after `now` (the receiver's clock).
pub fn check_event_time(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), TimeProblem> {
    check_instant(at)?;
    match now.checked_add_signed(MAX_CLOCK_AHEAD) {
        Some(latest) if at > latest => Err(TimeProblem::InFuture),
        _ => Ok(()),
    }
}

/// `at` if it falls in the sane range, for display code that must not convert anything else.
pub fn sane(at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    check_instant(at).ok().map(|()| at)
}

/// The date at `offset_secs` east of UTC of an instant, without panicking: an instant so
/// close to the end of time that the shift overflows keeps its UTC date.
pub fn local_date(at: DateTime<Utc>, offset_secs: i32) -> NaiveDate {
    let utc = at.naive_utc();
    utc.checked_add_signed(TimeDelta::seconds(i64::from(offset_secs)))
        .unwrap_or(utc)
        .date()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn dates_outside_2000_to_2100_are_out_of_range() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(check_date(d(2000, 1, 1)), Ok(()));
        assert_eq!(check_date(d(2100, 12, 31)), Ok(()));
        assert_eq!(check_date(d(1999, 12, 31)), Err(TimeProblem::OutOfRange));
        assert_eq!(check_date(d(2101, 1, 1)), Err(TimeProblem::OutOfRange));
        assert_eq!(check_date(NaiveDate::MAX), Err(TimeProblem::OutOfRange));
        assert_eq!(check_date(NaiveDate::MIN), Err(TimeProblem::OutOfRange));
    }

    #[test]
    fn event_times_may_be_at_most_a_day_ahead_of_the_clock() {
        let now = instant("2026-12-03T08:00:00Z");
        assert_eq!(check_event_time(now, now), Ok(()));
        assert_eq!(
            check_event_time(instant("2026-12-04T08:00:00Z"), now),
            Ok(())
        );
        assert_eq!(
            check_event_time(instant("2026-12-04T08:00:01Z"), now),
            Err(TimeProblem::InFuture)
        );
        assert_eq!(
            check_event_time(instant("+262142-12-31T23:59:59Z"), now),
            Err(TimeProblem::OutOfRange)
        );
        assert_eq!(
            check_event_time(instant("9999-01-01T00:00:00Z"), now),
            Err(TimeProblem::OutOfRange)
        );
        assert_eq!(
            check_event_time(instant("1970-01-01T00:00:00Z"), now),
            Err(TimeProblem::OutOfRange)
        );
    }

    #[test]
    fn local_date_at_the_end_of_time_does_not_panic() {
        let last = DateTime::<Utc>::MAX_UTC;
        assert_eq!(local_date(last, 8 * 3600), last.date_naive());
        let first = DateTime::<Utc>::MIN_UTC;
        assert_eq!(local_date(first, -8 * 3600), first.date_naive());
        assert_eq!(
            local_date(instant("2026-12-03T17:30:00Z"), 8 * 3600),
            NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
        );
    }

    #[test]
    fn sane_keeps_only_instants_in_range() {
        assert!(sane(instant("2026-12-03T08:00:00Z")).is_some());
        assert!(sane(DateTime::<Utc>::MAX_UTC).is_none());
    }
}
