//! The grade card: the grade with its meaning and how it was reached, why it may need
//! confirmation or is missing, and the explanation criterion by criterion.

use std::rc::Rc;

use tuoke_core::grading::{Criterion, GradeBasis, GradeView};
use yew::prelude::*;

use super::shared::{criteria_text, grades, meaning};
use crate::i18n::{use_i18n, LabelKey, ProfileKey as P};
use crate::pages::shared::code_of;

#[derive(Properties, PartialEq)]
pub struct GradeCardProps {
    pub view: Rc<GradeView>,
    pub informatized: Option<bool>,
}

/// The grade, its meaning, how it was reached, why it may need confirmation, and the
/// explanation criterion by criterion.
#[component]
pub fn GradeCard(props: &GradeCardProps) -> Html {
    let i18n = use_i18n();
    let v = &*props.view;
    let informatized = props.informatized.unwrap_or(false);
    let letter = v.value.map_or("–", |g| g.code());
    let class = classes!(
        "grade-big",
        v.value
            .map(|g| format!("grade-{}", g.code().to_ascii_lowercase()))
    );
    let headline = match v.value {
        Some(g) => {
            html! { <p class="grade-meaning" data-testid="grade-meaning">{ meaning(&i18n, g) }</p> }
        }
        None => html! { <p class="grade-meaning">{ i18n.t(LabelKey::Ungraded) }</p> },
    };
    let mismatches: Vec<Criterion> = v
        .explanation
        .iter()
        .filter(|e| !e.matched)
        .map(|e| e.criterion)
        .collect();
    let confirm = v.needs_confirmation.then(|| {
        let detail = match v.basis {
            GradeBasis::LowerCandidate => i18n.fmt(
                P::ConfirmCandidates,
                &[
                    ("g", grades(&v.candidates).as_str()),
                    ("c", v.computed.map_or("–", |g| g.code())),
                ],
            ),
            _ => i18n.fmt(
                P::ConfirmMismatches,
                &[
                    ("c", v.computed.map_or("–", |g| g.code())),
                    (
                        "m",
                        criteria_text(&i18n, &mismatches, informatized).as_str(),
                    ),
                ],
            ),
        };
        html! {
            <div class="notice warn" role="note" data-testid="needs-confirmation">
                <strong>{ i18n.t(P::NeedsConfirmationTitle) }</strong>
                <p>{ detail }</p>
            </div>
        }
    });
    let ungraded = (v.computed.is_none()).then(|| {
        html! {
            <div class="notice warn" data-testid="grade-missing">
                <strong>{ i18n.t(P::MissingAnswers) }</strong>
                <ul>
                    { for v.missing.iter().map(|c| html! { <li>{ i18n.t(LabelKey::criterion(*c, informatized)) }</li> }) }
                </ul>
            </div>
        }
    });
    let basis = match v.basis {
        GradeBasis::ContractDate => i18n.fmt(
            P::BasisContractDateOf,
            &[("g", v.contract_grade.map_or("–", |g| g.code()))],
        ),
        b => i18n.t(LabelKey::grade_basis(b)).to_owned(),
    };
    html! {
        <section class="card grade-card" aria-labelledby="grade-title" data-testid="grade-card"
            data-grade={v.value.map(|g| g.code())} data-computed={v.computed.map(|g| g.code())}
            data-overridden={v.overridden.to_string()} data-needs-confirmation={v.needs_confirmation.to_string()}>
            <h2 id="grade-title" class="visually-hidden">{ i18n.t(P::GradeTitle) }</h2>
            <div class="grade-main">
                <span {class} data-testid="grade-value" aria-label={LabelKey::grade(&i18n, v.value)}>{ letter }</span>
                <div>
                    { headline }
                    if v.overridden {
                        <p class="override-line" data-testid="grade-override-line">
                            { i18n.t(P::OverriddenByRep) }
                            if let Some(reason) = &v.override_reason {
                                { " — " }<q data-testid="grade-override-reason">{ reason.clone() }</q>
                            }
                        </p>
                        <p class="computed-line" data-testid="grade-computed">
                            { match v.computed {
                                Some(g) => i18n.fmt(P::ComputedGrade, &[("g", g.code()), ("m", meaning(&i18n, g))]),
                                None => i18n.t(P::ComputedNone).to_owned(),
                            } }
                        </p>
                    }
                    <p class="hint" data-testid="grade-basis">{ basis }</p>
                </div>
            </div>
            { for confirm }
            { for ungraded }
            if !v.explanation.is_empty() {
                <h3>{ i18n.t(P::ExplanationTitle) }</h3>
                <ul class="explanation" data-testid="grade-explanation">
                    { for v.explanation.iter().map(|e| {
                        let answer = e.answer.map_or_else(|| i18n.t(P::NotAnswered).to_owned(), |a| i18n.t(LabelKey::answer(a)).to_owned());
                        let expected = e.expected.iter().map(|a| i18n.t(LabelKey::answer(*a))).collect::<Vec<_>>().join(" / ");
                        html! {
                            <li class={classes!("criterion", if e.matched { "matched" } else { "mismatched" })}
                                key={code_of(e.criterion)} data-testid="explanation-item"
                                data-criterion={code_of(e.criterion)} data-matched={e.matched.to_string()}>
                                <span class="mark" aria-hidden="true">{ if e.matched { "✓" } else { "✗" } }</span>
                                <span class="what">{ i18n.t(LabelKey::criterion(e.criterion, informatized)) }</span>
                                <span class="answer">
                                    { i18n.fmt(P::AnswerExpected, &[("a", answer.as_str()), ("e", expected.as_str())]) }
                                    <span class="visually-hidden">{ " " }{ i18n.t(if e.matched { P::Matched } else { P::Mismatched }) }</span>
                                </span>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
