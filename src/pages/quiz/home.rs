//! The quiz's first view: how it works, start, and the rep's past attempts.

use tuoke_core::args::QuizSubmitArgs;
use tuoke_core::contract::Entity;
use tuoke_core::quiz::{DRAW_SIZE, PASS_MARK, TIME_LIMIT_MINUTES};
use tuoke_core::record::QuizAttemptRecord;
use tuoke_sync::view::LocalView;
use uuid::Uuid;
use yew::prelude::*;

use super::attempt::{args_of, grade};
use crate::i18n::{I18n, Key, QuizKey};
use crate::services::time::{self, Style};

/// The introduction with "start" (enabled once the questions' texts are `loaded`), and
/// `user`'s past attempts in `attempts` (`None`: still loading), newest first; tapping one
/// reviews it.
pub(super) fn home_view(
    i18n: &I18n,
    attempts: Option<&LocalView>,
    user: &str,
    loaded: bool,
    start: Callback<MouseEvent>,
    review: Callback<QuizSubmitArgs>,
) -> Html {
    let mut past: Vec<QuizSubmitArgs> = attempts
        .as_ref()
        .map(|v| {
            v.entity(Entity::QuizAttempt)
                .filter_map(|r| serde_json::from_value::<QuizAttemptRecord>(r.data.clone()).ok())
                .filter(|r| r.user_id.as_deref() == Some(user))
                .map(args_of)
                .collect()
        })
        .unwrap_or_default();
    past.sort_by_key(|a| std::cmp::Reverse(a.submitted_at));
    let pending: Vec<Uuid> = attempts
        .as_ref()
        .map(|v| {
            v.entity(Entity::QuizAttempt)
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
                    <button class="primary" disabled={!loaded} onclick={start} data-testid="quiz-start">{ i18n.t(QuizKey::Start) }</button>
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
