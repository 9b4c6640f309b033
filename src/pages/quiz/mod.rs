//! The training quiz (SPEC §10): ten questions drawn from the core's bank (graded by the
//! core's compiled-in keys; the questions' texts are the UI language's quiz document, loaded as
//! data and precached, `tuoke_core::content::QuizTexts`), a 40-minute
//! countdown, score and pass mark from the core, a review of the wrong answers, and past
//! attempts. The attempt in progress (seed, start, answers) lives in `localStorage`, so the
//! countdown and the answers survive a reload; a submitted attempt is a `quiz.submit`
//! mutation, saved on the phone and synced for the manager.

mod attempt;
mod home;
mod result;
mod running;

use tuoke_core::args::QuizSubmitArgs;
use tuoke_core::content::QuizTexts;
use tuoke_core::contract::Entity;
use tuoke_sync::protocol::Mutation;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::content_status::with_content;
use crate::hooks::{use_content, use_local_view, use_now, use_sync, Content};
use crate::i18n::{use_i18n, QuizKey};
use crate::services::ids;
use crate::services::time::now;
use attempt::{saved, Attempt};
use home::home_view;
use result::result_view;
use running::{running_view, Controls};

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
    let running = matches!(&*view, View::Running(_));
    let clock = use_now(running.then_some(1_000));
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let kept = use_state(|| true);
    let confirm = use_state(|| false);
    let attempts = use_local_view(&[Entity::QuizAttempt]);
    let (texts, retry) = use_content::<QuizTexts>(i18n.lang);

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
                    Err(e) => error.set(Some(crate::pages::shared::save_error_text(&i18n, &e))),
                }
                busy.set(false);
            });
        })
    };

    // Time is up: submit what is there (also right after a reload past the deadline).
    {
        let submit = submit.clone();
        let over = match &*view {
            View::Running(a) => clock >= a.deadline(),
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
            // A quiz starts only with its texts on the phone (its clock would run regardless).
            let status = (!matches!(texts, Content::Ready(_)))
                .then(|| with_content(&texts, &retry, |_| html! {}));
            html! {
                <>
                    { for status }
                    { home_view(&i18n, attempts.as_deref(), &user, matches!(texts, Content::Ready(_)), start, review) }
                </>
            }
        }
        View::Running(attempt) => with_content(&texts, &retry, |texts| {
            let controls = Controls {
                change: &change,
                submit: &submit,
                confirm: &confirm,
                busy: *busy,
            };
            running_view(&i18n, texts, attempt, clock, controls)
        }),
        View::Result { args, auto } => with_content(&texts, &retry, |texts| {
            result_view(&i18n, texts, args, *auto, home.clone(), start.clone())
        }),
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
