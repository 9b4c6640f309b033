//! The attempt in progress: its draw, answers and deadline, kept on the phone so a reload
//! loses nothing; and a submitted attempt read back and graded by the core.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use tuoke_core::args::QuizSubmitArgs;
use tuoke_core::quiz::{
    draw, grade_attempt, AttemptResult, QuestionId, QuizAnswer, TIME_LIMIT_MINUTES,
};
use tuoke_core::record::QuizAttemptRecord;
use uuid::Uuid;

use crate::services::{ids, prefs};

/// An attempt in progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Attempt {
    pub(super) id: Uuid,
    pub(super) seed: u64,
    pub(super) started_at: DateTime<Utc>,
    /// Selected options per question id.
    pub(super) answers: BTreeMap<u16, Vec<u8>>,
    /// The question shown.
    pub(super) current: usize,
}

impl Attempt {
    pub(super) fn new(at: DateTime<Utc>) -> Attempt {
        Attempt {
            id: ids::new_id(at),
            // 53 bits: the seed stays exact wherever it goes as a JSON number.
            seed: ids::seed() >> 11,
            started_at: at,
            answers: BTreeMap::new(),
            current: 0,
        }
    }

    /// When time runs out (an attempt stored with a start at the end of time never does).
    pub(super) fn deadline(&self) -> DateTime<Utc> {
        self.started_at
            .checked_add_signed(TimeDelta::minutes(TIME_LIMIT_MINUTES))
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// The answers as submitted: the drawn questions' non-empty selections, in draw order.
    pub(super) fn submitted(&self, drawn: &[QuestionId]) -> Vec<QuizAnswer> {
        drawn
            .iter()
            .filter_map(|id| {
                let selected = self.answers.get(&id.0).filter(|s| !s.is_empty())?;
                Some(QuizAnswer {
                    question_id: *id,
                    selected: selected.clone(),
                })
            })
            .collect()
    }

    /// The `quiz.submit` args at `at` (never later than the deadline: an attempt closed by
    /// the clock while the app was shut is submitted as of the moment time ran out).
    pub(super) fn args(&self, at: DateTime<Utc>) -> QuizSubmitArgs {
        QuizSubmitArgs {
            id: self.id,
            seed: self.seed,
            answers: self.submitted(&draw(self.seed)),
            started_at: self.started_at,
            submitted_at: at.min(self.deadline()),
        }
    }
}

/// Where the attempt in progress of `user` is kept.
pub(super) fn saved(user: &str) -> prefs::Pref<Attempt> {
    prefs::quiz_attempt(user)
}

/// A stored attempt's args (pulled or pending records have the same fields).
pub(super) fn args_of(record: QuizAttemptRecord) -> QuizSubmitArgs {
    QuizSubmitArgs {
        id: record.id,
        seed: record.seed,
        answers: record.answers,
        started_at: record.started_at,
        submitted_at: record.submitted_at,
    }
}

pub(super) fn grade(args: &QuizSubmitArgs) -> AttemptResult {
    grade_attempt(
        &draw(args.seed),
        &args.answers,
        args.started_at,
        args.submitted_at,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use tuoke_core::quiz::key;

    fn attempt() -> Attempt {
        Attempt {
            id: Uuid::from_u128(1),
            seed: 42,
            started_at: "2026-03-02T08:00:00Z".parse().unwrap(),
            answers: BTreeMap::new(),
            current: 0,
        }
    }

    #[test]
    fn an_attempt_closed_by_the_clock_is_submitted_as_of_its_deadline_and_can_pass() {
        let mut a = attempt();
        for id in draw(a.seed) {
            let q = key(id).unwrap();
            a.answers.insert(id.0, q.correct.to_vec());
        }
        let args = a.args("2026-03-02T10:00:00Z".parse().unwrap());
        assert_eq!(args.submitted_at, a.deadline());
        let result = grade(&args);
        assert!(result.within_time);
        assert_eq!(result.score.points, 100);
        assert!(result.score.passed);
    }

    #[test]
    fn only_answered_drawn_questions_are_submitted_in_draw_order() {
        let mut a = attempt();
        let drawn = draw(a.seed);
        a.answers.insert(drawn[3].0, vec![1]);
        a.answers.insert(drawn[0].0, vec![0]);
        a.answers.insert(drawn[5].0, vec![]);
        a.answers.insert(9_999, vec![0]);
        let answers = a.submitted(&drawn);
        let ids: Vec<_> = answers.iter().map(|x| x.question_id).collect();
        assert_eq!(ids, vec![drawn[0], drawn[3]]);
    }

    #[test]
    fn a_stored_attempt_record_reads_back_as_its_args() {
        let mut a = attempt();
        a.answers.insert(draw(42)[0].0, vec![0, 2]);
        let args = a.args("2026-03-02T08:10:00Z".parse().unwrap());
        let at = "2026-03-02T08:11:00Z".parse().unwrap();
        let graded = QuizAttemptRecord::submitted(args.clone(), Some("u1".into()), at).graded();
        assert_eq!(args_of(graded), args);
    }

    #[test]
    fn an_attempt_survives_a_round_trip_through_json() {
        let mut a = attempt();
        a.answers.insert(3, vec![1, 2]);
        a.current = 4;
        let back: Attempt = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back, a);
    }
}
