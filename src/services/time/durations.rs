//! Lengths of time: timers, countdowns and minutes.

/// A running timer: `m:ss`, or `h:mm:ss` from an hour on.
pub fn stopwatch(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Time left: `mm:ss` (minutes beyond the hour count on: `40:00`).
pub fn countdown(ms: i64) -> String {
    let s = ms.max(0).div_euclid(1000);
    format!("{:02}:{:02}", s / 60, s % 60)
}

/// Whole minutes of a duration, rounded to the nearest (any time spent counts at least 1).
pub fn whole_minutes(ms: i64) -> i64 {
    if ms <= 0 {
        0
    } else {
        ((ms + 30_000) / 60_000).max(1)
    }
}

/// Planned minutes: `10–15`, or `30` when the range is one value.
pub fn minutes_range(min: u32, max: u32) -> String {
    if min == max {
        min.to_string()
    } else {
        format!("{min}–{max}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stopwatch_shows_minutes_and_seconds_then_hours() {
        assert_eq!(stopwatch(0), "0:00");
        assert_eq!(stopwatch(65_000), "1:05");
        assert_eq!(stopwatch(3_725_000), "1:02:05");
        assert_eq!(stopwatch(-5), "0:00");
    }

    #[test]
    fn a_countdown_shows_two_digit_minutes_and_seconds() {
        assert_eq!(countdown(40 * 60_000), "40:00");
        assert_eq!(countdown(61_500), "01:01");
        assert_eq!(countdown(-5), "00:00");
    }

    #[test]
    fn minutes_round_and_any_time_spent_counts() {
        assert_eq!(whole_minutes(0), 0);
        assert_eq!(whole_minutes(5_000), 1);
        assert_eq!(whole_minutes(89_000), 1);
        assert_eq!(whole_minutes(91_000), 2);
        assert_eq!(minutes_range(10, 15), "10–15");
        assert_eq!(minutes_range(30, 30), "30");
    }
}
