//! The attempt in progress: the countdown, the questions one at a time with a dot per
//! question, and submit (asking first while questions are unanswered).

use chrono::{DateTime, Utc};
use tuoke_core::content::QuizTexts;
use tuoke_core::quiz::{draw, key, QuestionKind};
use yew::prelude::*;

use super::attempt::Attempt;
use crate::i18n::{I18n, QuizKey};
use crate::services::time;

/// A change to the attempt in progress.
pub(super) type Change = Callback<Box<dyn Fn(&mut Attempt)>>;

pub(super) fn kind_hint(kind: QuestionKind) -> QuizKey {
    match kind {
        QuestionKind::Single => QuizKey::KindSingle,
        QuestionKind::Multiple => QuizKey::KindMultiple,
        QuestionKind::TrueFalse => QuizKey::KindTrueFalse,
    }
}

/// What the running view acts through: change the attempt, submit it (`true`: by the
/// clock), the "unanswered questions" confirmation, and whether a submit is under way.
pub(super) struct Controls<'a> {
    pub(super) change: &'a Change,
    pub(super) submit: &'a Callback<bool>,
    pub(super) confirm: &'a UseStateHandle<bool>,
    pub(super) busy: bool,
}

pub(super) fn running_view(
    i18n: &I18n,
    texts: &QuizTexts,
    attempt: &Attempt,
    clock: DateTime<Utc>,
    controls: Controls<'_>,
) -> Html {
    let Controls {
        change,
        submit,
        confirm,
        busy,
    } = controls;
    let drawn = draw(attempt.seed);
    let total = drawn.len();
    let current = attempt.current.min(total.saturating_sub(1));
    let left = (attempt.deadline() - clock).num_milliseconds().max(0);
    let answered = drawn
        .iter()
        .filter(|id| attempt.answers.get(&id.0).is_some_and(|s| !s.is_empty()))
        .count();
    let Some((q, text)) = drawn
        .get(current)
        .and_then(|id| Some((key(*id)?, texts.question(*id)?)))
    else {
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
                <p class="quiz-prompt" data-testid="quiz-prompt">{ text.prompt.clone() }</p>
                <p class="hint">{ i18n.t(kind_hint(q.kind)) }</p>
                <ul class="quiz-options">
                    { for text.options.iter().enumerate().map(|(i, option)| {
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
                                    <span>{ option.clone() }</span>
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
