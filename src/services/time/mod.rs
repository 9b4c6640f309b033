//! The one time formatter of the PWA, and the clock: now and today ([`now`], [`today`]), an
//! instant as the rep reads it in the phone's time zone (this module, in one of the few
//! [`Style`]s the screens use), a due day relative to today in the rep's language
//! ([`due_text`]), and lengths of time ([`stopwatch`], [`countdown`], minutes).
//!
//! Converting an instant to local time overflows near the ends of chrono's range (years
//! ±262,143), and chrono panics. A record pulled from the server may carry any instant chrono
//! can parse (one stored before the server checked dates, or sent by a buggy server), so only
//! instants that [`tuoke_core::time::sane`] accepts (years 2000 to 2100) are converted; any
//! other shows [`PLACEHOLDER`] (an input's value: empty) instead.
//!
//! The instant styles are numeric and read the same in every language the app speaks.

mod days;
mod durations;

pub use days::{date, due_text, short_date, today, Due, Wording};
pub use durations::{countdown, minutes_range, stopwatch, whole_minutes};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Offset, TimeZone, Timelike, Utc};
use tuoke_core::time::{local_date, sane};

/// What an instant outside the sane range shows.
pub const PLACEHOLDER: &str = "—";

/// How an instant is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `HH:MM`.
    Clock,
    /// `MM-DD HH:MM`.
    DayTime,
    /// `YYYY-MM-DD HH:MM`.
    DateTime,
    /// `HH:MM` if the instant falls today (local), else `MM-DD HH:MM`.
    Relative,
    /// The value of a `datetime-local` input, `YYYY-MM-DDTHH:MM` (empty when out of range).
    Input,
}

/// Now, for mutation timestamps and clocks.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// `at` in the phone's time zone, written in `style`; [`PLACEHOLDER`] (an input's value:
/// empty) for an instant outside the sane range. Never panics.
pub fn local(at: DateTime<Utc>, style: Style) -> String {
    let Some(at) = sane(at) else {
        return placeholder(style);
    };
    let now = Utc::now();
    let today = local_date(now, local_offset(now).local_minus_utc());
    in_offset(at, local_offset(at), today, style)
}

/// `at` at `offset` from UTC, written in `style`, `today` being the local date for
/// [`Style::Relative`]; [`PLACEHOLDER`] (an input's value: empty) for an instant outside the
/// sane range. Never panics.
pub fn in_offset(at: DateTime<Utc>, offset: FixedOffset, today: NaiveDate, style: Style) -> String {
    let Some(at) = sane(at) else {
        return placeholder(style);
    };
    // In range: shifting by an offset (less than a day) cannot overflow.
    let local = at.with_timezone(&offset);
    let (day, h, m) = (local.date_naive(), local.hour(), local.minute());
    // Written field by field rather than with a chrono format string: chrono's `strftime`
    // parser would be in the wasm for these five patterns only. A sane year has four digits,
    // so a date's `Display` is `YYYY-MM-DD`.
    match style {
        Style::Relative if day == today => format!("{h:02}:{m:02}"),
        Style::Clock => format!("{h:02}:{m:02}"),
        Style::DayTime | Style::Relative => {
            format!("{:02}-{:02} {h:02}:{m:02}", day.month(), day.day())
        }
        Style::DateTime => format!("{day} {h:02}:{m:02}"),
        Style::Input => format!("{day}T{h:02}:{m:02}"),
    }
}

/// Reads the value of a `datetime-local` input (`YYYY-MM-DDTHH:MM`, seconds optional, as
/// [`Style::Input`] writes it) as the phone's local time; `None` if it is not one, or names a
/// local time that does not exist (skipped by a daylight-saving change).
pub fn from_input(value: &str) -> Option<DateTime<Utc>> {
    let (day, time) = value.split_once('T')?;
    let day: NaiveDate = day.parse().ok()?;
    let two_digits = |part: &str| -> Option<u32> {
        let digits = part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| part.parse().ok()).flatten()
    };
    let mut parts = time.split(':');
    let h = two_digits(parts.next()?)?;
    let m = two_digits(parts.next()?)?;
    let s = match parts.next() {
        Some(part) => two_digits(part)?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let naive = day.and_hms_opt(h, m, s)?;
    chrono::Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|local| local.with_timezone(&Utc))
}

/// What an instant outside the sane range shows in `style`.
fn placeholder(style: Style) -> String {
    match style {
        Style::Input => String::new(),
        _ => PLACEHOLDER.to_owned(),
    }
}

/// The phone's offset from UTC at an instant (chrono asks the browser in wasm; it computes
/// the offset without converting, so any instant is fine).
fn local_offset(at: DateTime<Utc>) -> FixedOffset {
    chrono::Local
        .offset_from_utc_datetime(&at.naive_utc())
        .fix()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn offset(hours: i32) -> FixedOffset {
        FixedOffset::east_opt(hours * 3600).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn every_style_writes_the_local_time_of_an_instant_in_range() {
        let at = instant("2026-12-03T17:05:00Z");
        let china = offset(8);
        let today = day("2026-12-04");
        let shown = |style| in_offset(at, china, today, style);
        assert_eq!(shown(Style::Clock), "01:05");
        assert_eq!(shown(Style::DayTime), "12-04 01:05");
        assert_eq!(shown(Style::DateTime), "2026-12-04 01:05");
        assert_eq!(shown(Style::Input), "2026-12-04T01:05");
        assert_eq!(shown(Style::Relative), "01:05");
        assert_eq!(
            in_offset(at, china, day("2026-12-03"), Style::Relative),
            "12-04 01:05"
        );
        assert_eq!(
            in_offset(at, offset(-5), day("2026-12-03"), Style::Relative),
            "12:05"
        );
    }

    #[test]
    fn an_input_value_reads_back_as_the_instant_it_was_written_from() {
        let at = instant("2026-12-03T17:05:00Z");
        let written = local(at, Style::Input);
        assert_eq!(from_input(&written), Some(at));
        let with_seconds = from_input(&format!("{written}:30")).unwrap();
        assert_eq!((with_seconds - at).num_seconds(), 30);
    }

    #[test]
    fn an_input_value_that_is_not_a_local_date_and_time_reads_as_nothing() {
        for bad in [
            "",
            "2026-12-03",
            "2026-12-03T",
            "2026-12-03T7:05",
            "2026-12-03T17:5",
            "2026-12-03T24:00",
            "2026-12-03T17:60",
            "2026-12-03T17:05:61",
            "2026-12-03T17:05:00:00",
            "2026-13-03T17:05",
            "2026-12-03 17:05",
            "2026-12-03T17:05Z",
        ] {
            assert_eq!(from_input(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn instants_out_of_range_show_the_placeholder_in_any_time_zone() {
        let today = day("2026-12-03");
        let out = [
            instant("+262142-12-31T23:59:59Z"),
            DateTime::<Utc>::MAX_UTC,
            instant("-262143-01-01T00:00:00Z"),
            DateTime::<Utc>::MIN_UTC,
            instant("1999-12-31T23:59:59Z"),
            instant("2101-01-01T00:00:00Z"),
        ];
        for at in out {
            for hours in [-14, -8, 0, 8, 14] {
                for style in [
                    Style::Clock,
                    Style::DayTime,
                    Style::DateTime,
                    Style::Relative,
                ] {
                    assert_eq!(in_offset(at, offset(hours), today, style), PLACEHOLDER);
                }
                assert_eq!(in_offset(at, offset(hours), today, Style::Input), "");
            }
        }
    }

    #[test]
    fn the_phones_own_zone_never_panics_either() {
        for at in [DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MIN_UTC] {
            assert_eq!(local(at, Style::Relative), PLACEHOLDER);
            assert_eq!(local(at, Style::Input), "");
        }
        assert_ne!(
            local(instant("2026-12-03T08:00:00Z"), Style::DateTime),
            PLACEHOLDER
        );
    }
}
