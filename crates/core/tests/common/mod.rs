//! Helpers shared by the integration tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use tuoke_core::types::{Level, Qualification};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn today() -> NaiveDate {
    d(2025, 3, 10)
}

/// Not-informatized answers: objective, subjective, determination, feasibility, selection.
pub fn ni(o: bool, s: bool, det: Level, feas: bool, sel: bool) -> Qualification {
    Qualification {
        objective_need: Some(o),
        subjective_need: Some(s),
        determination: Some(det),
        feasibility_started: Some(feas),
        dissatisfaction: None,
        selection_started: Some(sel),
    }
}

/// Informatized answers: objective, subjective, dissatisfaction, determination, selection.
pub fn inf(o: bool, s: bool, diss: Level, det: Level, sel: bool) -> Qualification {
    Qualification {
        objective_need: Some(o),
        subjective_need: Some(s),
        determination: Some(det),
        feasibility_started: None,
        dissatisfaction: Some(diss),
        selection_started: Some(sel),
    }
}
