//! Grading (SPEC §5): the grade with its meaning and how it was reached, the explanation
//! criterion by criterion, "needs confirmation" and "ungraded" with their reasons, the
//! questionnaire (its answers preview the grade before they are saved), the override with
//! its written reason, the grade strategy and the grade history.
//!
//! The grade itself always comes from the core ([`tuoke_core::grading`]): the typed
//! record's `grade` (the server's, or the local view's recomputation while an edit is
//! unsynced) and,
//! for the preview, [`grade`] on the answers being edited.

mod card;
mod history;
mod override_form;
mod questionnaire;
mod shared;

use std::rc::Rc;

use tuoke_core::content::Playbooks;
use tuoke_core::contract::Entity;
use tuoke_core::record::ProspectRecord;
use tuoke_core::types::Grade;
use yew::prelude::*;

use super::section::SectionProps;
use crate::components::content_status::with_content;
use crate::hooks::use_content;
use crate::i18n::{use_i18n, ProfileKey as P};
use card::GradeCard;
use history::History;
use override_form::Override;
use questionnaire::Questionnaire;

#[component]
pub fn GradeSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let Some(record) = props.deal.get(Entity::Prospect, &props.id) else {
        return html! {};
    };
    let Ok(typed) = serde_json::from_value::<ProspectRecord>(record.data.clone()) else {
        return html! { <p class="card error" role="alert">{ i18n.t(P::Unreadable) }</p> };
    };
    let prospect = Rc::new(typed.prospect);
    let view = Rc::new(typed.grade);
    let entries = Rc::new(history::newest_first(typed.grade_history));
    html! {
        <>
            <GradeCard view={view.clone()} informatized={prospect.informatized} />
            <Questionnaire id={props.id.clone()} prospect={prospect.clone()} />
            <Override id={props.id.clone()} view={view.clone()} />
            if let Some(g) = view.value {
                <Strategy grade={g} informatized={prospect.informatized} />
            }
            <History {entries} pending={record.pending} view={view.clone()} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct StrategyProps {
    grade: Grade,
    informatized: Option<bool>,
}

/// How to work a prospect of this grade (SPEC §5 cues, §6 maintenance), from the playbooks
/// document (loaded as data).
#[component]
fn Strategy(props: &StrategyProps) -> Html {
    let i18n = use_i18n();
    let (doc, retry) = use_content::<Playbooks>(i18n.lang);
    let body = with_content(&doc, &retry, |doc| {
        let Some(s) = doc.grade(props.grade) else {
            return html! {};
        };
        let (cues, plan) = if props.informatized == Some(true) {
            (&s.hint_informatized, &s.strategy_informatized)
        } else {
            (&s.hint_not_informatized, &s.strategy_not_informatized)
        };
        html! {
            <>
                <h3>{ i18n.t(P::StrategyCues) }</h3>
                <p>{ cues.clone() }</p>
                <h3>{ i18n.t(P::StrategyPlan) }</h3>
                <p>{ plan.clone() }</p>
            </>
        }
    });
    html! {
        <section class="card strategy" aria-labelledby="strategy-title" data-testid="grade-strategy">
            <h2 id="strategy-title">{ i18n.fmt(P::StrategyTitle, &[("g", props.grade.code())]) }</h2>
            { body }
        </section>
    }
}
