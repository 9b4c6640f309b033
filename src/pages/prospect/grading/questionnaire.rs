//! The grading questionnaire of the prospect's table: answering previews the grade at once
//! (the core's [`grade`] on the answers being edited), saving patches `qualification` (and
//! `informatized`).

use std::rc::Rc;

use tuoke_core::grading::{answer_of, grade, questions, Answer, Criterion, GradeResult};
use tuoke_core::types::{Level, Prospect, Qualification};
use tuoke_core::validate::ProspectPatch;
use yew::prelude::*;

use super::super::form::{problem_text, use_put, Choice};
use super::shared::meaning;
use crate::i18n::{use_i18n, LabelKey, ProfileKey as P};
use crate::services::time::today;

/// The answers being edited (`None`: showing the record's).
#[derive(Debug, Clone, PartialEq)]
struct Answers {
    informatized: Option<bool>,
    q: Qualification,
}

fn set_answer(a: &mut Answers, name: &str, value: &str) {
    let b = match value {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    };
    let l = Level::ALL.into_iter().find(|l| l.code() == value);
    match name {
        "informatized" => a.informatized = b,
        "qualification.objective_need" => a.q.objective_need = b,
        "qualification.subjective_need" => a.q.subjective_need = b,
        "qualification.feasibility_started" => a.q.feasibility_started = b,
        "qualification.selection_started" => a.q.selection_started = b,
        "qualification.determination" => a.q.determination = l,
        "qualification.dissatisfaction" => a.q.dissatisfaction = l,
        _ => {}
    }
}

fn field_name(c: Criterion) -> &'static str {
    match c {
        Criterion::Informatized => "informatized",
        Criterion::ObjectiveNeed => "qualification.objective_need",
        Criterion::SubjectiveNeed => "qualification.subjective_need",
        Criterion::Dissatisfaction => "qualification.dissatisfaction",
        Criterion::Determination => "qualification.determination",
        Criterion::FeasibilityStarted => "qualification.feasibility_started",
        Criterion::SelectionStarted => "qualification.selection_started",
    }
}

fn answer_code(a: Option<Answer>) -> String {
    match a {
        Some(Answer::Bool(b)) => b.to_string(),
        Some(Answer::Level(l)) => l.code().to_owned(),
        None => String::new(),
    }
}

#[derive(Properties, PartialEq)]
pub struct QuestionnaireProps {
    pub id: String,
    pub prospect: Rc<Prospect>,
}

/// The grading questions of the prospect's table; answering previews the grade at once,
/// saving patches `qualification` (and `informatized`).
#[component]
pub fn Questionnaire(props: &QuestionnaireProps) -> Html {
    let i18n = use_i18n();
    let put = use_put(&props.id);
    let edits = use_state(|| None::<Answers>);
    let stored = Answers {
        informatized: props.prospect.informatized,
        q: props.prospect.qualification,
    };
    let current = (*edits).clone().unwrap_or_else(|| stored.clone());
    let dirty = edits.is_some() && current != stored;

    let onanswer = {
        let (edits, current) = (edits.clone(), current.clone());
        Callback::from(move |(name, value): (&'static str, String)| {
            let mut next = current.clone();
            set_answer(&mut next, name, &value);
            edits.set(Some(next));
        })
    };
    let discard = {
        let edits = edits.clone();
        Callback::from(move |_: MouseEvent| edits.set(None))
    };
    let onsubmit = {
        let (edits, put, i18n, current, stored) = (
            edits.clone(),
            put.clone(),
            i18n.clone(),
            current.clone(),
            stored.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let patch = ProspectPatch {
                qualification: (current.q != stored.q).then_some(Some(current.q)),
                informatized: (current.informatized != stored.informatized)
                    .then_some(current.informatized),
                ..ProspectPatch::default()
            };
            let edits = edits.clone();
            // Once saved, the rep sees the grade the answers gave, at the top.
            let done = Callback::from(move |_| {
                edits.set(None);
                gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
            });
            // The answers are one form: the problem is said without the field's API name.
            if let Err(err) = put.save_patch(patch.clone(), done) {
                put.fail(problem_text(&i18n, &err.problem));
            }
        })
    };

    let yes_no = || {
        vec![
            (
                AttrValue::from("true"),
                AttrValue::from(i18n.t(LabelKey::Yes)),
            ),
            (
                AttrValue::from("false"),
                AttrValue::from(i18n.t(LabelKey::No)),
            ),
        ]
    };
    let levels = || {
        Level::ALL
            .iter()
            .map(|l| {
                (
                    AttrValue::from(l.code()),
                    AttrValue::from(i18n.t(LabelKey::level(*l))),
                )
            })
            .collect::<Vec<_>>()
    };
    // Until the rep says whether they are informatized, ask what both tables need.
    let questions = questions(current.informatized);
    let informatized = current.informatized.unwrap_or(false);
    let preview: Option<GradeResult> = dirty.then(|| {
        grade(
            &current.q,
            current.informatized,
            props.prospect.schedule.contract,
            today(),
        )
    });
    html! {
        <section class="card questionnaire" aria-labelledby="questionnaire-title" data-testid="questionnaire">
            <h2 id="questionnaire-title">{ i18n.t(P::QuestionnaireTitle) }</h2>
            <form class="form" {onsubmit} novalidate=true>
                <Choice name="informatized" label={i18n.t(LabelKey::CritInformatized)}
                    value={current.informatized.map(|b| b.to_string()).unwrap_or_default()}
                    options={vec![
                        (AttrValue::from("false"), AttrValue::from(i18n.t(P::NotInformatized))),
                        (AttrValue::from("true"), AttrValue::from(i18n.t(P::Informatized))),
                    ]}
                    onchange={onanswer.clone()} segmented=true />
                { for questions.iter().map(|c| {
                    let name = field_name(*c);
                    let value = answer_code(answer_of(&current.q, *c));
                    let options = match c {
                        Criterion::Determination | Criterion::Dissatisfaction => levels(),
                        _ => yes_no(),
                    };
                    html! {
                        <Choice key={name} {name} label={i18n.t(LabelKey::criterion(*c, informatized))} {value} {options}
                            onchange={onanswer.clone()} segmented=true />
                    }
                }) }
                if let Some(r) = &preview {
                    <p class="notice preview-grade" role="status" data-testid="grade-preview" data-grade={r.computed.map(|g| g.code())}>
                        { match r.computed {
                            Some(g) => i18n.fmt(P::PreviewGrade, &[("g", g.code()), ("m", meaning(&i18n, g))]),
                            None => i18n.t(P::PreviewUngraded).to_owned(),
                        } }
                        if r.needs_confirmation {
                            { " · " }{ i18n.t(LabelKey::NeedsConfirmation) }
                        }
                    </p>
                }
                // The save bar appears once an answer changed, with the preview above it.
                if dirty {
                    <div class="form-actions">
                        <button type="button" class="secondary" onclick={discard}>{ i18n.t(P::Discard) }</button>
                        <button type="submit" class="primary" data-testid="grade-save">{ i18n.t(P::SaveAnswers) }</button>
                    </div>
                }
            </form>
        </section>
    }
}
