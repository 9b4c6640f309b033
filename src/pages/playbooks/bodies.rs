//! The bodies of the playbooks: a stage's playbook, the exchange-meeting agenda, the
//! objection playbook and the grade strategies.

use tuoke_core::content::Playbooks;
use tuoke_core::playbook::{exchange_agenda_minutes, stage_checklist, EXCHANGE_AGENDA};
use tuoke_core::types::Stage;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::i18n::{I18n, LabelKey, StageKey};
use crate::route::Route;
use crate::services::time;

pub(super) fn text_list(texts: &[String], class: &'static str, testid: &'static str) -> Html {
    html! {
        <ul class={class}>
            { for texts.iter().map(|t| html! { <li data-testid={testid}>{ t.clone() }</li> }) }
        </ul>
    }
}

pub(super) fn stage_body(i18n: &I18n, doc: &Playbooks, stage: Stage) -> Html {
    let lang = i18n.lang;
    let (goals, tips) = doc
        .stage(stage)
        .map(|s| (s.goals.as_slice(), s.tips.as_slice()))
        .unwrap_or_default();
    let agenda = (stage == Stage::Exchange).then(|| agenda(i18n));
    let objections = (stage == Stage::Objections).then(|| objections(i18n, doc));
    // Neighbours in the pipeline (lost has none: it is reached from any open stage).
    let neighbours = stage.ordinal().map(|i| {
        let prev = i.checked_sub(1).map(|p| Stage::PIPELINE[p]);
        let next = Stage::PIPELINE.get(i + 1).copied();
        html! {
            <nav class="playbook-steps">
                if let Some(p) = prev {
                    <Link<Route> to={Route::Playbook { topic: p.code().to_owned() }} classes="button secondary">
                        { i18n.fmt(StageKey::PrevStage, &[("stage", i18n.t(LabelKey::stage(p)))]) }
                    </Link<Route>>
                }
                if let Some(n) = next {
                    <Link<Route> to={Route::Playbook { topic: n.code().to_owned() }} classes="button secondary next">
                        { i18n.fmt(StageKey::NextStage, &[("stage", i18n.t(LabelKey::stage(n)))]) }
                    </Link<Route>>
                }
            </nav>
        }
    });
    html! {
        <>
            { objections }
            <div class="card">
                <h2>{ i18n.t(StageKey::Goals) }</h2>
                <ul class="playbook-list">
                    { for goals.iter().map(|g| html! { <li data-testid="playbook-goal">{ g.clone() }</li> }) }
                </ul>
            </div>
            <div class="card">
                <h2>{ i18n.t(StageKey::Tips) }</h2>
                <ul class="playbook-list">
                    { for tips.iter().map(|t| html! { <li data-testid="playbook-tip">{ t.clone() }</li> }) }
                </ul>
            </div>
            { agenda }
            <div class="card">
                <h2>{ i18n.t(StageKey::Checklist) }</h2>
                <ul class="playbook-checklist">
                    { for stage_checklist(stage).iter().map(|c| html! {
                        <li key={c.id} data-testid="playbook-check">{ c.text.get(lang) }</li>
                    }) }
                </ul>
            </div>
            { for neighbours }
        </>
    }
}

pub(super) fn agenda(i18n: &I18n) -> Html {
    let lang = i18n.lang;
    let (min, max) = exchange_agenda_minutes(false);
    let (min_all, max_all) = exchange_agenda_minutes(true);
    let minutes = |a: u32, b: u32| {
        i18n.fmt(
            StageKey::AgendaMinutes,
            &[("n", &time::minutes_range(a, b))],
        )
    };
    html! {
        <div class="card">
            <h2>{ i18n.t(StageKey::AgendaTitle) }</h2>
            <ol class="agenda" data-testid="exchange-agenda">
                { for EXCHANGE_AGENDA.iter().map(|slot| html! {
                    <li key={slot.id}>
                        <div class="agenda-head">
                            <span class="agenda-title">{ slot.title.get(lang) }</span>
                            <span class="agenda-minutes">{ minutes(slot.min_minutes, slot.max_minutes) }</span>
                        </div>
                        if slot.optional {
                            <span class="badge">{ i18n.t(StageKey::AgendaOptional) }</span>
                        }
                        <p class="hint">{ slot.details.get(lang) }</p>
                    </li>
                }) }
            </ol>
            <p class="hint" data-testid="agenda-totals">{ i18n.fmt(StageKey::AgendaTotals, &[
                ("a", &min.to_string()), ("b", &max.to_string()),
                ("c", &min_all.to_string()), ("d", &max_all.to_string()),
            ]) }</p>
        </div>
    }
}

pub(super) fn objections(i18n: &I18n, doc: &Playbooks) -> Html {
    html! {
        <div class="card" id="objection-playbook" data-testid="objection-playbook">
            <h2>{ i18n.t(StageKey::ObjectionsHeading) }</h2>
            <ul class="objections">
                { for doc.objections.iter().map(|o| html! {
                    <li key={format!("{:?}", o.id)}>
                        <details data-testid="objection">
                            <summary>{ o.title.clone() }</summary>
                            <p class="objection-response">
                                <strong>{ i18n.t(StageKey::SuggestedResponse) }</strong>
                                { " " }
                                { o.response.clone() }
                            </p>
                        </details>
                    </li>
                }) }
            </ul>
        </div>
    }
}

pub(super) fn grades_body(i18n: &I18n, doc: &Playbooks) -> Html {
    html! {
        <>
            { for doc.grades.iter().map(|g| {
                let code = g.grade.code();
                html! {
                    <div class="card grade-strategy" key={code} data-testid={format!("grade-strategy-{code}")}>
                        <h2>{ i18n.fmt(LabelKey::Grade, &[("g", code)]) }</h2>
                        <p class="grade-definition">{ g.definition.clone() }</p>
                        <h3>{ i18n.t(StageKey::NotInformatized) }</h3>
                        <dl>
                            <dt>{ i18n.t(StageKey::Cues) }</dt>
                            <dd>{ g.hint_not_informatized.clone() }</dd>
                            <dt>{ i18n.t(StageKey::Strategy) }</dt>
                            <dd>{ g.strategy_not_informatized.clone() }</dd>
                        </dl>
                        <h3>{ i18n.t(StageKey::Informatized) }</h3>
                        <dl>
                            <dt>{ i18n.t(StageKey::Cues) }</dt>
                            <dd>{ g.hint_informatized.clone() }</dd>
                            <dt>{ i18n.t(StageKey::Strategy) }</dt>
                            <dd>{ g.strategy_informatized.clone() }</dd>
                        </dl>
                    </div>
                }
            }) }
        </>
    }
}
