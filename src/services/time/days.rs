//! Calendar days: today's business date, and a due day as the rep reads it, relative to
//! today, in the rep's language.

use chrono::{Datelike, NaiveDate, Utc};
use tuoke_core::due::{due_in, DueIn};

use crate::i18n::{CaptureKey, I18n, ListKey};

/// Today (the business day: China time, as the server counts due dates and contacts).
pub fn today() -> NaiveDate {
    tuoke_core::cadence::business_date(Utc::now())
}

/// Where a due day falls from today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// This many days late (at least one).
    Overdue(u32),
    Today,
    /// This many days ahead (at least one), on this day.
    Ahead(u32, NaiveDate),
}

impl Due {
    /// Where `day` falls from `today`.
    pub fn of(day: NaiveDate, today: NaiveDate) -> Due {
        match due_in(day, today) {
            DueIn::Overdue(days) => Due::Overdue(days),
            DueIn::Today => Due::Today,
            DueIn::Later(days) => Due::Ahead(days, day),
        }
    }
}

/// How a due day ahead is said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    /// Its date (the lists: "12-05 联系").
    OnDay,
    /// How many days away it is (the capture picker: "3 天后联系").
    InDays,
}

/// `due` in the rep's language: overdue by so many days, due today, or ahead (as `wording`
/// says), `today` being the local date.
pub fn due_text(i18n: &I18n, due: Due, today: NaiveDate, wording: Wording) -> String {
    let n = |n: u32| n.to_string();
    match (due, wording) {
        (Due::Overdue(d), Wording::OnDay) => i18n.fmt(ListKey::Overdue, &[("n", &n(d))]),
        (Due::Overdue(d), Wording::InDays) => i18n.fmt(CaptureKey::Overdue, &[("n", &n(d))]),
        (Due::Today, Wording::OnDay) => i18n.t(ListKey::DueToday).to_owned(),
        (Due::Today, Wording::InDays) => i18n.t(CaptureKey::DueToday).to_owned(),
        (Due::Ahead(_, day), Wording::OnDay) => {
            i18n.fmt(ListKey::DueOn, &[("d", &short_date(day, today))])
        }
        (Due::Ahead(d, _), Wording::InDays) => i18n.fmt(CaptureKey::DueIn, &[("n", &n(d))]),
    }
}

/// A day in full: `YYYY-MM-DD`.
pub fn date(day: NaiveDate) -> String {
    format!("{}-{:02}-{:02}", day.year(), day.month(), day.day())
}

/// A day as lists write it: `MM-DD` in the current year, `YYYY-MM-DD` in another.
pub fn short_date(day: NaiveDate, today: NaiveDate) -> String {
    // Written out rather than through a format string, which would be parsed again for
    // every row of every keystroke.
    if day.year() == today.year() {
        format!("{:02}-{:02}", day.month(), day.day())
    } else {
        date(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use yew::Callback;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn i18n(lang: Lang) -> I18n {
        I18n {
            lang,
            set_lang: Callback::noop(),
        }
    }

    #[test]
    fn a_due_day_is_overdue_today_or_ahead_by_whole_days() {
        let today = day(2026, 11, 28);
        assert_eq!(Due::of(day(2026, 11, 25), today), Due::Overdue(3));
        assert_eq!(Due::of(today, today), Due::Today);
        assert_eq!(
            Due::of(day(2026, 12, 5), today),
            Due::Ahead(7, day(2026, 12, 5))
        );
        // The ends of the calendar neither overflow nor panic.
        assert!(matches!(Due::of(NaiveDate::MIN, today), Due::Overdue(n) if n > 90_000_000));
        assert!(matches!(Due::of(NaiveDate::MAX, today), Due::Ahead(n, _) if n > 90_000_000));
    }

    #[test]
    fn the_day_ahead_is_dated_or_counted_in_each_language() {
        let today = day(2026, 11, 28);
        let cases = [
            (Lang::ZhHans, day(2026, 12, 5), Wording::OnDay, "12-05 联系"),
            (
                Lang::ZhHans,
                day(2027, 1, 9),
                Wording::OnDay,
                "2027-01-09 联系",
            ),
            (Lang::En, day(2026, 12, 5), Wording::InDays, "Due in 7 days"),
            (Lang::ZhHant, day(2026, 11, 25), Wording::OnDay, "逾期 3 天"),
            (Lang::En, day(2026, 11, 25), Wording::OnDay, "3d overdue"),
            (Lang::ZhHans, today, Wording::InDays, "今天该联系"),
        ];
        for (lang, d, wording, want) in cases {
            let shown = due_text(&i18n(lang), Due::of(d, today), today, wording);
            assert_eq!(shown, want, "{lang:?} {d} {wording:?}");
        }
    }

    #[test]
    fn days_are_written_in_full_or_short_within_the_year() {
        assert_eq!(date(day(2026, 3, 2)), "2026-03-02");
        assert_eq!(short_date(day(2026, 3, 2), day(2026, 11, 28)), "03-02");
        assert_eq!(short_date(day(2025, 3, 2), day(2026, 11, 28)), "2025-03-02");
    }
}
