//! The training quiz (SPEC §10): ten questions drawn from the core's bank, a 40-minute
//! countdown, score and pass mark from the core, a review of the wrong answers, and past
//! attempts. The attempt in progress (seed, start, answers) lives in `localStorage`, so the
//! countdown and the answers survive a reload; a submitted attempt is a `quiz.submit`
//! mutation, saved on the phone and synced for the manager.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use gloo::timers::callback::Interval;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tuoke_core::args::QuizSubmitArgs;
use tuoke_core::quiz::{
    draw, grade_attempt, question, AttemptResult, QuestionId, QuestionKind, QuizAnswer, DRAW_SIZE,
    PASS_MARK, TIME_LIMIT_MINUTES,
};
use tuoke_sync::protocol::Mutation;
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::hooks::{use_local_view, use_sync};
use crate::i18n::{use_i18n, I18n, Key, QuizKey};
use crate::services::time::{self, now, Style};
use crate::services::{ids, prefs};

/// An attempt in progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Attempt {
    id: Uuid,
    seed: u64,
    started_at: DateTime<Utc>,
    /// Selected options per question id.
    answers: BTreeMap<u16, Vec<u8>>,
    /// The question shown.
    current: usize,
}

impl Attempt {
    fn new(at: DateTime<Utc>) -> Attempt {
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
    fn deadline(&self) -> DateTime<Utc> {
        self.started_at
            .checked_add_signed(TimeDelta::minutes(TIME_LIMIT_MINUTES))
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// The answers as submitted: the drawn questions' non-empty selections, in draw order.
    fn submitted(&self, drawn: &[QuestionId]) -> Vec<QuizAnswer> {
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
    fn args(&self, at: DateTime<Utc>) -> QuizSubmitArgs {
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
fn saved(user: &str) -> prefs::Pref<Attempt> {
    prefs::quiz_attempt(user)
}

/// A change to the attempt in progress.
type Change = Callback<Box<dyn Fn(&mut Attempt)>>;

/// What the screen shows.
#[derive(Clone, PartialEq)]
enum View {
    Home,
    Running(Attempt),
    /// A finished attempt; `auto`: submitted by the clock.
    Result {
        args: QuizSubmitArgs,
        auto: bool,
    },
}

#[component]
pub fn Quiz() -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let user = sync.state.user_id().unwrap_or_default();
    let view = {
        let user = user.clone();
        use_state(move || saved(&user).get().map_or(View::Home, View::Running))
    };
    let clock = use_state(now);
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let kept = use_state(|| true);
    let confirm = use_state(|| false);
    let attempts = use_local_view(&["quiz_attempt"]);

    let running = matches!(&*view, View::Running(_));
    {
        let clock = clock.clone();
        use_effect_with(running, move |running| {
            clock.set(now());
            let interval = running.then(|| Interval::new(1_000, move || clock.set(now())));
            move || drop(interval)
        });
    }

    let submit = {
        let (view, busy, error, handle, user, i18n, confirm) = (
            view.clone(),
            busy.clone(),
            error.clone(),
            sync.handle.clone(),
            user.clone(),
            i18n.clone(),
            confirm.clone(),
        );
        Callback::from(move |auto: bool| {
            let View::Running(attempt) = &*view else {
                return;
            };
            if *busy {
                return;
            }
            busy.set(true);
            confirm.set(false);
            let at = now();
            let args = attempt.args(at);
            let mutation = Mutation::quiz_submit(ids::new_id(at), &args, at);
            let (view, busy, error, handle, user, i18n) = (
                view.clone(),
                busy.clone(),
                error.clone(),
                handle.clone(),
                user.clone(),
                i18n.clone(),
            );
            spawn_local(async move {
                match handle.save(vec![mutation]).await {
                    Ok(()) => {
                        saved(&user).remove();
                        error.set(None);
                        view.set(View::Result { args, auto });
                    }
                    Err(e) => error.set(Some(crate::pages::save_error_text(&i18n, &e))),
                }
                busy.set(false);
            });
        })
    };

    // Time is up: submit what is there (also right after a reload past the deadline).
    {
        let submit = submit.clone();
        let over = match &*view {
            View::Running(a) => *clock >= a.deadline(),
            _ => false,
        };
        use_effect_with(over, move |over| {
            if *over {
                submit.emit(true);
            }
        });
    }

    let change = {
        let (view, user, kept) = (view.clone(), user.clone(), kept.clone());
        Callback::from(move |f: Box<dyn Fn(&mut Attempt)>| {
            if let View::Running(a) = &*view {
                let mut a = a.clone();
                f(&mut a);
                kept.set(saved(&user).set(&a));
                view.set(View::Running(a));
            }
        })
    };

    let start = {
        let (view, user, kept) = (view.clone(), user.clone(), kept.clone());
        Callback::from(move |_: MouseEvent| {
            let a = Attempt::new(now());
            kept.set(saved(&user).set(&a));
            view.set(View::Running(a));
        })
    };
    let home = {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.set(View::Home))
    };
    let review = {
        let view = view.clone();
        Callback::from(move |args: QuizSubmitArgs| view.set(View::Result { args, auto: false }))
    };

    let body = match &*view {
        View::Home => {
            let mut past: Vec<QuizSubmitArgs> = attempts
                .as_ref()
                .map(|v| {
                    v.entity("quiz_attempt")
                        .filter(|r| {
                            r.data.get("user_id").and_then(Value::as_str) == Some(user.as_str())
                        })
                        .filter_map(|r| args_of(&r.data))
                        .collect()
                })
                .unwrap_or_default();
            past.sort_by_key(|a| std::cmp::Reverse(a.submitted_at));
            let pending: Vec<Uuid> = attempts
                .as_ref()
                .map(|v| {
                    v.entity("quiz_attempt")
                        .filter(|r| r.pending)
                        .filter_map(|r| r.id.parse().ok())
                        .collect()
                })
                .unwrap_or_default();
            html! {
                <>
                    <div class="card quiz-intro">
                        <p>{ i18n.fmt(QuizKey::Intro, &[
                            ("n", DRAW_SIZE.to_string().as_str()),
                            ("m", TIME_LIMIT_MINUTES.to_string().as_str()),
                            ("p", PASS_MARK.to_string().as_str()),
                        ]) }</p>
                        <div class="actions">
                            <button class="primary" onclick={start} data-testid="quiz-start">{ i18n.t(QuizKey::Start) }</button>
                        </div>
                    </div>
                    <section class="card" aria-labelledby="quiz-past-title">
                        <h2 id="quiz-past-title">{ i18n.t(QuizKey::PastAttempts) }</h2>
                        if attempts.is_none() {
                            <p class="hint">{ i18n.t(Key::Loading) }</p>
                        } else if past.is_empty() {
                            <p class="empty" data-testid="quiz-no-attempts">{ i18n.t(QuizKey::NoAttempts) }</p>
                        }
                        <ul class="quiz-past" data-testid="quiz-past">
                            { for past.into_iter().map(|args| {
                                let result = grade(&args);
                                let is_pending = pending.contains(&args.id);
                                let key = args.id.to_string();
                                let when = time::local(args.submitted_at, Style::Relative);
                                let onclick = review.reform(move |_: MouseEvent| args.clone());
                                html! {
                                    <li key={key}>
                                        <button type="button" class="quiz-past-row" {onclick} data-testid="quiz-past-row">
                                            <span class="quiz-past-score">{ i18n.fmt(QuizKey::Points, &[("n", result.score.points.to_string().as_str())]) }</span>
                                            <span class={classes!("badge", if result.score.passed { "pass" } else { "fail" })}>
                                                { i18n.t(if result.score.passed { QuizKey::Passed } else { QuizKey::Failed }) }
                                            </span>
                                            <span class="hint">{ when }</span>
                                            if is_pending {
                                                <span class="badge pending">{ i18n.t(Key::PendingBadge) }</span>
                                            }
                                        </button>
                                    </li>
                                }
                            }) }
                        </ul>
                    </section>
                </>
            }
        }
        View::Running(attempt) => {
            running_view(&i18n, attempt, *clock, &change, &submit, &confirm, *busy)
        }
        View::Result { args, auto } => result_view(&i18n, args, *auto, home.clone(), start.clone()),
    };

    html! {
        <section class="screen quiz" aria-labelledby="quiz-title">
            <h1 id="quiz-title">{ i18n.t(QuizKey::Title) }</h1>
            if let Some(e) = &*error {
                <p class="error" role="alert" data-testid="quiz-error">{ e.clone() }</p>
            }
            if !*kept {
                <p class="notice warn" role="alert">{ i18n.t(QuizKey::NotKept) }</p>
            }
            { body }
        </section>
    }
}

/// A stored attempt's args (pulled or pending records have the same fields).
fn args_of(data: &Value) -> Option<QuizSubmitArgs> {
    let pick = |k: &str| data.get(k).cloned().unwrap_or(Value::Null);
    serde_json::from_value(serde_json::json!({
        "id": pick("id"), "seed": pick("seed"), "answers": pick("answers"),
        "started_at": pick("started_at"), "submitted_at": pick("submitted_at"),
    }))
    .ok()
}

fn grade(args: &QuizSubmitArgs) -> AttemptResult {
    grade_attempt(
        &draw(args.seed),
        &args.answers,
        args.started_at,
        args.submitted_at,
    )
}

fn kind_hint(kind: QuestionKind) -> QuizKey {
    match kind {
        QuestionKind::Single => QuizKey::KindSingle,
        QuestionKind::Multiple => QuizKey::KindMultiple,
        QuestionKind::TrueFalse => QuizKey::KindTrueFalse,
    }
}

fn running_view(
    i18n: &I18n,
    attempt: &Attempt,
    clock: DateTime<Utc>,
    change: &Change,
    submit: &Callback<bool>,
    confirm: &UseStateHandle<bool>,
    busy: bool,
) -> Html {
    let drawn = draw(attempt.seed);
    let total = drawn.len();
    let current = attempt.current.min(total.saturating_sub(1));
    let left = (attempt.deadline() - clock).num_milliseconds().max(0);
    let answered = drawn
        .iter()
        .filter(|id| attempt.answers.get(&id.0).is_some_and(|s| !s.is_empty()))
        .count();
    let Some(q) = drawn.get(current).and_then(|id| question(*id)) else {
        return html! {};
    };
    let selected = attempt.answers.get(&q.id.0).cloned().unwrap_or_default();
    let multiple = q.kind == QuestionKind::Multiple;
    let goto = |i: usize| {
        change.reform(move |_: MouseEvent| -> Box<dyn Fn(&mut Attempt)> {
            Box::new(move |a: &mut Attempt| a.current = i)
        })
    };
    let ask_submit = {
        let (confirm, submit) = (confirm.clone(), submit.clone());
        let unanswered = total - answered;
        Callback::from(move |_: MouseEvent| {
            if unanswered > 0 && !*confirm {
                confirm.set(true);
            } else {
                submit.emit(false);
            }
        })
    };
    let keep_going = {
        let confirm = confirm.clone();
        Callback::from(move |_: MouseEvent| confirm.set(false))
    };
    html! {
        <>
            <div class={classes!("quiz-bar", (left < 5 * 60_000).then_some("low"))}>
                <span role="timer" aria-label={i18n.t(QuizKey::TimeLeft)} data-testid="quiz-timer" data-left-ms={left.to_string()}>
                    { i18n.fmt(QuizKey::Remaining, &[("t", time::countdown(left).as_str())]) }
                </span>
                <span data-testid="quiz-answered">{ i18n.fmt(QuizKey::AnsweredCount, &[("n", answered.to_string().as_str()), ("total", total.to_string().as_str())]) }</span>
            </div>
            <nav class="quiz-nav" aria-label={i18n.t(QuizKey::QuestionNav)}>
                { for (0..total).map(|i| {
                    let done = attempt.answers.get(&drawn[i].0).is_some_and(|s| !s.is_empty());
                    let label = i18n.fmt(if done { QuizKey::QuestionAnswered } else { QuizKey::QuestionOpen }, &[("n", (i + 1).to_string().as_str())]);
                    html! {
                        <button type="button" key={i} class={classes!("quiz-dot", done.then_some("done"), (i == current).then_some("current"))}
                                aria-label={label} aria-current={(i == current).then_some("step")} onclick={goto(i)} data-testid="quiz-dot">
                            { i + 1 }
                        </button>
                    }
                }) }
            </nav>
            <fieldset class="card quiz-question" data-testid="quiz-question" data-question-id={q.id.0.to_string()}>
                <legend class="quiz-count">{ i18n.fmt(QuizKey::QuestionOf, &[("n", (current + 1).to_string().as_str()), ("total", total.to_string().as_str())]) }</legend>
                <p class="quiz-prompt" data-testid="quiz-prompt">{ q.prompt.get(i18n.lang) }</p>
                <p class="hint">{ i18n.t(kind_hint(q.kind)) }</p>
                <ul class="quiz-options">
                    { for q.options.iter().enumerate().map(|(i, option)| {
                        let i = i as u8;
                        let checked = selected.contains(&i);
                        let qid = q.id.0;
                        let onchange = change.reform(move |_: Event| -> Box<dyn Fn(&mut Attempt)> {
                            Box::new(move |a: &mut Attempt| {
                                let s = a.answers.entry(qid).or_default();
                                if multiple {
                                    if let Some(pos) = s.iter().position(|x| *x == i) {
                                        s.remove(pos);
                                    } else {
                                        s.push(i);
                                        s.sort_unstable();
                                    }
                                } else {
                                    *s = vec![i];
                                }
                            })
                        });
                        html! {
                            <li key={i}>
                                <label class={classes!("quiz-option", checked.then_some("on"))}>
                                    <input type={if multiple { "checkbox" } else { "radio" }} name={format!("q{}", q.id.0)}
                                           {checked} {onchange} data-testid="quiz-option" />
                                    <span>{ option.get(i18n.lang) }</span>
                                </label>
                            </li>
                        }
                    }) }
                </ul>
                <div class="quiz-steps">
                    <button type="button" class="secondary" disabled={current == 0} onclick={goto(current.saturating_sub(1))} data-testid="quiz-prev">{ i18n.t(QuizKey::Prev) }</button>
                    if current + 1 < total {
                        <button type="button" class="primary" onclick={goto(current + 1)} data-testid="quiz-next">{ i18n.t(QuizKey::Next) }</button>
                    }
                </div>
            </fieldset>
            if **confirm {
                <p class="notice warn" role="alert" data-testid="quiz-unanswered">
                    { i18n.fmt(QuizKey::UnansweredConfirm, &[("n", (total - answered).to_string().as_str())]) }
                </p>
            }
            <div class="actions">
                if **confirm {
                    <button type="button" class="secondary" onclick={keep_going}>{ i18n.t(QuizKey::KeepGoing) }</button>
                }
                <button type="button" class={if current + 1 == total || **confirm { "primary" } else { "secondary" }}
                        disabled={busy} onclick={ask_submit} data-testid="quiz-submit">
                    { i18n.t(if **confirm { QuizKey::SubmitAnyway } else { QuizKey::Submit }) }
                </button>
            </div>
        </>
    }
}

fn result_view(
    i18n: &I18n,
    args: &QuizSubmitArgs,
    auto: bool,
    home: Callback<MouseEvent>,
    again: Callback<MouseEvent>,
) -> Html {
    let drawn = draw(args.seed);
    let result = grade(args);
    let score = &result.score;
    let answer_text = |q: &tuoke_core::quiz::Question, selected: &[u8]| -> String {
        let mut s = selected.to_vec();
        s.sort_unstable();
        s.dedup();
        s.iter()
            .filter_map(|i| q.options.get(usize::from(*i)))
            .map(|o| o.get(i18n.lang))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let wrong: Vec<_> = drawn
        .iter()
        .enumerate()
        .filter(|(_, id)| !score.correct.contains(id))
        .filter_map(|(n, id)| Some((n, question(*id)?)))
        .collect();
    let mine: BTreeMap<u16, &[u8]> = args
        .answers
        .iter()
        .map(|a| (a.question_id.0, a.selected.as_slice()))
        .collect();
    html! {
        <>
            <div class={classes!("card", "quiz-result", if score.passed { "pass" } else { "fail" })} data-testid="quiz-result"
                 data-points={score.points.to_string()} data-passed={score.passed.to_string()}>
                if auto {
                    <p class="notice warn" role="status">{ i18n.t(QuizKey::TimeUp) }</p>
                }
                <p class="quiz-score" data-testid="quiz-score">{ i18n.fmt(QuizKey::Points, &[("n", score.points.to_string().as_str())]) }</p>
                <p class="quiz-verdict" data-testid="quiz-verdict">{ i18n.t(if score.passed { QuizKey::Passed } else { QuizKey::Failed }) }</p>
                <p class="hint">
                    { i18n.fmt(QuizKey::CorrectCount, &[("n", score.correct.len().to_string().as_str()), ("total", drawn.len().to_string().as_str())]) }
                    { " · " }
                    { i18n.fmt(QuizKey::PassMark, &[("n", PASS_MARK.to_string().as_str())]) }
                </p>
                if !result.within_time {
                    <p class="notice warn">{ i18n.t(QuizKey::LateNote) }</p>
                }
                <p class="hint">{ i18n.t(QuizKey::SavedHint) }</p>
            </div>
            <section class="card" aria-labelledby="quiz-review-title">
                <h2 id="quiz-review-title">{ i18n.t(QuizKey::ReviewTitle) }</h2>
                if wrong.is_empty() {
                    <p data-testid="quiz-all-correct">{ i18n.t(QuizKey::AllCorrect) }</p>
                }
                <ol class="quiz-review">
                    { for wrong.iter().map(|(n, q)| {
                        let given = mine.get(&q.id.0).map(|s| answer_text(q, s)).filter(|s| !s.is_empty());
                        html! {
                            <li key={q.id.0} data-testid="quiz-wrong">
                                <p class="quiz-count">{ i18n.fmt(QuizKey::QuestionNumber, &[("n", (n + 1).to_string().as_str())]) }</p>
                                <p class="quiz-prompt">{ q.prompt.get(i18n.lang) }</p>
                                <p class="quiz-given">{ i18n.fmt(QuizKey::YourAnswer, &[("a", given.as_deref().unwrap_or(i18n.t(QuizKey::NoAnswer)))]) }</p>
                                <p class="quiz-right">{ i18n.fmt(QuizKey::RightAnswer, &[("a", answer_text(q, q.correct).as_str())]) }</p>
                            </li>
                        }
                    }) }
                </ol>
            </section>
            <div class="actions">
                <button type="button" class="secondary" onclick={home} data-testid="quiz-home">{ i18n.t(QuizKey::AllAttempts) }</button>
                <button type="button" class="primary" onclick={again} data-testid="quiz-again">{ i18n.t(QuizKey::Again) }</button>
            </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let q = question(id).unwrap();
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
        let mut record = serde_json::to_value(&args).unwrap();
        record["user_id"] = "u1".into();
        record["score"] = serde_json::json!({"points": 0});
        assert_eq!(args_of(&record), Some(args));
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
