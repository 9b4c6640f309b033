//! Contact cadence, the daily agenda and the monthly plan (SPEC §6).
//!
//! Decisions:
//! - **Default cadence** A 7, B 14, C 30, D 90 days ([`CadenceConfig::default`]).
//! - **Ungraded** prospects use their own interval, default 14 days: they lack answers the rep
//!   must collect soon, and treating them like D (90 days) would hide them.
//! - **Next due** = last contact (or the creation date if never contacted) + interval of the
//!   effective grade. Won and lost prospects have no next contact.
//! - **Monthly plan**: D and ungraded prospects count towards "develop new prospects"; a day
//!   counts once per work type, however many activities were logged on it.
//! - **Business day**: times are stored in UTC, but a contact's day is the day in China
//!   (UTC+8, [`BUSINESS_UTC_OFFSET_SECS`]): a call at 07:30 in Shenzhen is that day's call,
//!   not the previous day's. Server and phone use [`business_date`] alike.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::due::{agenda_of_due, DueContact};
pub use crate::due::{Agenda, AgendaEntry, GradeCounts};
use crate::types::{Grade, Status};

/// The offset of the business day's time zone from UTC, in seconds (China Standard Time).
pub const BUSINESS_UTC_OFFSET_SECS: i32 = 8 * 3600;

/// The business day (SPEC §1: dates local, stored UTC) of an instant.
/// Never panics, whatever the instant (see [`crate::time::local_date`]).
pub fn business_date(at: DateTime<Utc>) -> NaiveDate {
    crate::time::local_date(at, BUSINESS_UTC_OFFSET_SECS)
}

/// Contact interval in days per grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CadenceConfig {
    /// A prospects.
    pub a: u32,
    /// B prospects.
    pub b: u32,
    /// C prospects.
    pub c: u32,
    /// D prospects.
    pub d: u32,
    /// Prospects without a grade.
    pub ungraded: u32,
}

impl Default for CadenceConfig {
    fn default() -> Self {
        CadenceConfig {
            a: 7,
            b: 14,
            c: 30,
            d: 90,
            ungraded: 14,
        }
    }
}

impl CadenceConfig {
    /// The interval for an effective grade.
    pub fn interval_days(&self, grade: Option<Grade>) -> u32 {
        match grade {
            Some(Grade::A) => self.a,
            Some(Grade::B) => self.b,
            Some(Grade::C) => self.c,
            Some(Grade::D) => self.d,
            None => self.ungraded,
        }
    }
}

/// When the next contact is due; `None` for won or lost prospects.
pub fn next_contact_due(
    cfg: &CadenceConfig,
    grade: Option<Grade>,
    status: Status,
    created: NaiveDate,
    last_contact: Option<NaiveDate>,
) -> Option<NaiveDate> {
    if status != Status::Open {
        return None;
    }
    let base = last_contact.unwrap_or(created);
    Some(
        base.checked_add_days(chrono::Days::new(cfg.interval_days(grade).into()))
            .unwrap_or(NaiveDate::MAX),
    )
}

/// The prospect's new last contact after a contact at `at`, or `None` when it stays `last`
/// (a contact on or before the last contact's day moves nothing).
pub fn moved_last_contact(last: Option<NaiveDate>, at: DateTime<Utc>) -> Option<NaiveDate> {
    let day = business_date(at);
    last.is_none_or(|last| day > last).then_some(day)
}

/// The facts the agenda needs about one prospect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaInput {
    /// Prospect id.
    pub id: Uuid,
    /// Effective grade.
    pub grade: Option<Grade>,
    /// Status.
    pub status: Status,
    /// Creation date.
    pub created: NaiveDate,
    /// Date of the last contact (activity), if any.
    pub last_contact: Option<NaiveDate>,
}

/// Build the agenda for `today`. Won and lost prospects are excluded; the due dates are
/// placed by [`crate::due::agenda_of_due`].
pub fn agenda(items: &[AgendaInput], today: NaiveDate, cfg: &CadenceConfig) -> Agenda {
    let due = items.iter().filter_map(|it| {
        let due = next_contact_due(cfg, it.grade, it.status, it.created, it.last_contact)?;
        Some(DueContact {
            id: it.id,
            grade: it.grade,
            due,
        })
    });
    agenda_of_due(due, today)
}

/// A line of the monthly workload norm (銷售人員工作時間的分配).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkType {
    /// Work A prospects (跑 A 級客戶).
    WorkA,
    /// Maintain B prospects.
    MaintainB,
    /// Maintain C prospects.
    MaintainC,
    /// Develop new prospects (D and ungraded count here).
    DevelopNew,
}

impl WorkType {
    /// The work type a prospect of this effective grade belongs to.
    pub fn for_grade(grade: Option<Grade>) -> WorkType {
        match grade {
            Some(Grade::A) => WorkType::WorkA,
            Some(Grade::B) => WorkType::MaintainB,
            Some(Grade::C) => WorkType::MaintainC,
            Some(Grade::D) | None => WorkType::DevelopNew,
        }
    }
}

/// One row of the monthly norm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NormRow {
    /// Work type.
    pub work: WorkType,
    /// Accounts.
    pub accounts: u32,
    /// Days per month.
    pub days: u32,
}

/// SPEC §6 monthly workload norm: 8/12/24/40 accounts, 10/4/4/2 days.
pub const MONTHLY_NORM: [NormRow; 4] = [
    NormRow {
        work: WorkType::WorkA,
        accounts: 8,
        days: 10,
    },
    NormRow {
        work: WorkType::MaintainB,
        accounts: 12,
        days: 4,
    },
    NormRow {
        work: WorkType::MaintainC,
        accounts: 24,
        days: 4,
    },
    NormRow {
        work: WorkType::DevelopNew,
        accounts: 40,
        days: 2,
    },
];

/// One logged piece of work: the day and the effective grade of the prospect worked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedWork {
    /// Day of the activity.
    pub date: NaiveDate,
    /// Effective grade of the prospect at the time.
    pub grade: Option<Grade>,
}

/// Actual against norm for one work type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    /// Work type.
    pub work: WorkType,
    /// Norm accounts.
    pub norm_accounts: u32,
    /// Open prospects of that kind in the portfolio.
    pub actual_accounts: u32,
    /// Norm days.
    pub norm_days: u32,
    /// Distinct days with logged work of that kind in the month.
    pub actual_days: u32,
    /// actual − norm accounts.
    pub accounts_gap: i64,
    /// actual − norm days.
    pub days_gap: i64,
}

/// The monthly plan: the rep's portfolio and logged days against the norm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyPlan {
    /// Year.
    pub year: i32,
    /// Month 1..=12.
    pub month: u32,
    /// One row per work type, in norm order.
    pub rows: Vec<PlanRow>,
}

/// Compare a portfolio (the effective grades of the rep's open prospects) and logged work
/// with the norm for one month. Logged work outside the month is ignored.
pub fn monthly_plan(
    portfolio: &[Option<Grade>],
    logged: &[LoggedWork],
    year: i32,
    month: u32,
) -> MonthlyPlan {
    let mut accounts = [0u32; 4];
    for g in portfolio {
        accounts[WorkType::for_grade(*g) as usize] += 1;
    }
    let mut days: [BTreeSet<NaiveDate>; 4] = Default::default();
    for w in logged {
        if w.date.year() == year && w.date.month() == month {
            days[WorkType::for_grade(w.grade) as usize].insert(w.date);
        }
    }
    let rows = MONTHLY_NORM
        .iter()
        .map(|n| {
            let i = n.work as usize;
            let actual_days = days[i].len() as u32;
            PlanRow {
                work: n.work,
                norm_accounts: n.accounts,
                actual_accounts: accounts[i],
                norm_days: n.days,
                actual_days,
                accounts_gap: i64::from(accounts[i]) - i64::from(n.accounts),
                days_gap: i64::from(actual_days) - i64::from(n.days),
            }
        })
        .collect();
    MonthlyPlan { year, month, rows }
}
