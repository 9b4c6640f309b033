//! A finished attempt: score, pass or fail, and a review of the wrong answers.

use std::collections::BTreeMap;

use tuoke_core::args::QuizSubmitArgs;
use tuoke_core::content::{QuestionText, QuizTexts};
use tuoke_core::quiz::{draw, key, PASS_MARK};
use yew::prelude::*;

use super::attempt::grade;
use crate::i18n::{I18n, QuizKey};

pub(super) fn result_view(
    i18n: &I18n,
    texts: &QuizTexts,
    args: &QuizSubmitArgs,
    auto: bool,
    home: Callback<MouseEvent>,
    again: Callback<MouseEvent>,
) -> Html {
    let drawn = draw(args.seed);
    let result = grade(args);
    let score = &result.score;
    let answer_text = |q: &QuestionText, selected: &[u8]| -> String {
        let mut s = selected.to_vec();
        s.sort_unstable();
        s.dedup();
        s.iter()
            .filter_map(|i| q.options.get(usize::from(*i)))
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let wrong: Vec<_> = drawn
        .iter()
        .enumerate()
        .filter(|(_, id)| !score.correct.contains(id))
        .filter_map(|(n, id)| Some((n, key(*id)?, texts.question(*id)?)))
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
                    { for wrong.iter().map(|(n, q, text)| {
                        let given = mine.get(&q.id.0).map(|s| answer_text(text, s)).filter(|s| !s.is_empty());
                        html! {
                            <li key={q.id.0} data-testid="quiz-wrong">
                                <p class="quiz-count">{ i18n.fmt(QuizKey::QuestionNumber, &[("n", (n + 1).to_string().as_str())]) }</p>
                                <p class="quiz-prompt">{ text.prompt.clone() }</p>
                                <p class="quiz-given">{ i18n.fmt(QuizKey::YourAnswer, &[("a", given.as_deref().unwrap_or(i18n.t(QuizKey::NoAnswer)))]) }</p>
                                <p class="quiz-right">{ i18n.fmt(QuizKey::RightAnswer, &[("a", answer_text(text, q.correct).as_str())]) }</p>
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
