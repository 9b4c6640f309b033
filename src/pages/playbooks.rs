//! The stage playbooks and the objection playbook (SPEC §8), offline: every text is compiled
//! in from `tuoke_core::playbook`, shown in the UI language. Topics are stage codes
//! (`first_visit`, …, `lost`) and three guides (`grades`, `maintenance`, `selling`). The
//! objection-handling stage's code `objections` shows that stage's playbook together with the
//! whole objection playbook.

use tuoke_core::i18n::Text;
use tuoke_core::playbook::{
    exchange_agenda_minutes, stage_playbook, EXCHANGE_AGENDA, GRADE_STRATEGIES, MAINTENANCE_TIPS,
    MOTTOS, OBJECTIONS, SALES_CHARACTERISTICS,
};
use tuoke_core::types::Stage;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::i18n::{use_i18n, I18n, LabelKey, StageKey};
use crate::route::Route;
use crate::services::time;

/// Topics of the guides that are not stages.
const GRADES: &str = "grades";
const MAINTENANCE: &str = "maintenance";
const SELLING: &str = "selling";

/// What a topic code names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Topic {
    Stage(Stage),
    Grades,
    Maintenance,
    Selling,
}

impl Topic {
    fn parse(code: &str) -> Option<Topic> {
        if let Some(stage) = Stage::ALL.into_iter().find(|s| s.code() == code) {
            return Some(Topic::Stage(stage));
        }
        match code {
            GRADES => Some(Topic::Grades),
            MAINTENANCE => Some(Topic::Maintenance),
            SELLING => Some(Topic::Selling),
            _ => None,
        }
    }
}

fn link(to: Route, label: String, testid: String) -> Html {
    html! {
        <li>
            <Link<Route> to={to} classes="playbook-link">
                <span data-testid={testid}>{ label }</span>
            </Link<Route>>
        </li>
    }
}

/// The index: the stages in pipeline order, then the other guides.
#[component]
pub fn Playbooks() -> Html {
    let i18n = use_i18n();
    let topic = |code: &str| Route::Playbook {
        topic: code.to_owned(),
    };
    html! {
        <section class="screen playbooks" aria-labelledby="playbooks-title">
            <h1 id="playbooks-title">{ i18n.t(StageKey::PlaybooksTitle) }</h1>
            <p class="intro">{ i18n.t(StageKey::PlaybooksIntro) }</p>
            <h2>{ i18n.t(StageKey::StagePlaybooksHeading) }</h2>
            <ol class="card playbook-index" data-testid="playbook-index">
                { for Stage::ALL.into_iter().map(|s| link(
                    topic(s.code()),
                    i18n.t(LabelKey::stage(s)).to_owned(),
                    format!("playbook-link-{}", s.code()),
                )) }
            </ol>
            <h2>{ i18n.t(StageKey::MoreGuidesHeading) }</h2>
            <ul class="card playbook-index">
                { link(topic(Stage::Objections.code()), i18n.t(StageKey::ObjectionPlaybookLink).to_owned(), "playbook-link-objection-playbook".into()) }
                { link(topic(GRADES), i18n.t(StageKey::GradeStrategiesTitle).to_owned(), "playbook-link-grades".into()) }
                { link(topic(MAINTENANCE), i18n.t(StageKey::MaintenanceTitle).to_owned(), "playbook-link-maintenance".into()) }
                { link(topic(SELLING), i18n.t(StageKey::SellingTitle).to_owned(), "playbook-link-selling".into()) }
            </ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct PlaybookPageProps {
    /// A stage code or a guide (`grades`, `maintenance`, `selling`).
    pub topic: String,
}

/// One playbook.
#[component]
pub fn PlaybookPage(props: &PlaybookPageProps) -> Html {
    let i18n = use_i18n();
    let back = html! {
        <Link<Route> to={Route::Playbooks} classes="button secondary back-to-playbooks">
            <span data-testid="back-to-playbooks">{ i18n.t(StageKey::BackToPlaybooks) }</span>
        </Link<Route>>
    };
    let Some(topic) = Topic::parse(&props.topic) else {
        return html! {
            <section class="screen playbook" aria-labelledby="playbook-title">
                <h1 id="playbook-title">{ i18n.t(StageKey::PlaybooksTitle) }</h1>
                <p class="card empty" role="alert" data-testid="playbook-not-found">
                    { i18n.fmt(StageKey::PlaybookNotFound, &[("topic", props.topic.as_str())]) }
                </p>
                { back }
            </section>
        };
    };
    let (title, body) = match topic {
        // The objection-handling stage's page is the objection playbook, objections first.
        Topic::Stage(Stage::Objections) => (
            i18n.t(StageKey::ObjectionPlaybookLink).to_owned(),
            stage_body(&i18n, Stage::Objections),
        ),
        Topic::Stage(stage) => (
            i18n.fmt(
                StageKey::StagePlaybookTitle,
                &[("stage", i18n.t(LabelKey::stage(stage)))],
            ),
            stage_body(&i18n, stage),
        ),
        Topic::Grades => (
            i18n.t(StageKey::GradeStrategiesTitle).to_owned(),
            grades_body(&i18n),
        ),
        Topic::Maintenance => (
            i18n.t(StageKey::MaintenanceTitle).to_owned(),
            html! {
                <>
                    { text_list(&i18n, &MAINTENANCE_TIPS, "card playbook-list", "maintenance-tip") }
                    <h2>{ i18n.t(StageKey::Mottos) }</h2>
                    { text_list(&i18n, &MOTTOS, "card playbook-list mottos", "motto") }
                </>
            },
        ),
        Topic::Selling => (
            i18n.t(StageKey::SellingTitle).to_owned(),
            text_list(
                &i18n,
                &SALES_CHARACTERISTICS,
                "card playbook-list",
                "selling-point",
            ),
        ),
    };
    html! {
        <section class="screen playbook" aria-labelledby="playbook-title" data-testid={format!("playbook-{}", props.topic)}>
            <h1 id="playbook-title">{ title }</h1>
            { body }
            <div class="actions playbook-actions">{ back }</div>
        </section>
    }
}

fn text_list(i18n: &I18n, texts: &[Text], class: &'static str, testid: &'static str) -> Html {
    html! {
        <ul class={class}>
            { for texts.iter().map(|t| html! { <li data-testid={testid}>{ t.get(i18n.lang) }</li> }) }
        </ul>
    }
}

fn stage_body(i18n: &I18n, stage: Stage) -> Html {
    let book = stage_playbook(stage);
    let lang = i18n.lang;
    let agenda = (stage == Stage::Exchange).then(|| agenda(i18n));
    let objections = (stage == Stage::Objections).then(|| objections(i18n));
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
                    { for book.goals.iter().map(|g| html! { <li data-testid="playbook-goal">{ g.get(lang) }</li> }) }
                </ul>
            </div>
            <div class="card">
                <h2>{ i18n.t(StageKey::Tips) }</h2>
                <ul class="playbook-list">
                    { for book.tips.iter().map(|t| html! { <li data-testid="playbook-tip">{ t.get(lang) }</li> }) }
                </ul>
            </div>
            { agenda }
            <div class="card">
                <h2>{ i18n.t(StageKey::Checklist) }</h2>
                <ul class="playbook-checklist">
                    { for book.checklist.iter().map(|c| html! {
                        <li key={c.id} data-testid="playbook-check">{ c.text.get(lang) }</li>
                    }) }
                </ul>
            </div>
            { for neighbours }
        </>
    }
}

fn agenda(i18n: &I18n) -> Html {
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

fn objections(i18n: &I18n) -> Html {
    let lang = i18n.lang;
    html! {
        <div class="card" id="objection-playbook" data-testid="objection-playbook">
            <h2>{ i18n.t(StageKey::ObjectionsHeading) }</h2>
            <ul class="objections">
                { for OBJECTIONS.iter().map(|o| html! {
                    <li key={format!("{:?}", o.id)}>
                        <details data-testid="objection">
                            <summary>{ o.title.get(lang) }</summary>
                            <p class="objection-response">
                                <strong>{ i18n.t(StageKey::SuggestedResponse) }</strong>
                                { " " }
                                { o.response.get(lang) }
                            </p>
                        </details>
                    </li>
                }) }
            </ul>
        </div>
    }
}

fn grades_body(i18n: &I18n) -> Html {
    let lang = i18n.lang;
    html! {
        <>
            { for GRADE_STRATEGIES.iter().map(|g| {
                let code = g.grade.code();
                html! {
                    <div class="card grade-strategy" key={code} data-testid={format!("grade-strategy-{code}")}>
                        <h2>{ i18n.fmt(LabelKey::Grade, &[("g", code)]) }</h2>
                        <p class="grade-definition">{ g.definition.get(lang) }</p>
                        <h3>{ i18n.t(StageKey::NotInformatized) }</h3>
                        <dl>
                            <dt>{ i18n.t(StageKey::Cues) }</dt>
                            <dd>{ g.hint_not_informatized.get(lang) }</dd>
                            <dt>{ i18n.t(StageKey::Strategy) }</dt>
                            <dd>{ g.strategy_not_informatized.get(lang) }</dd>
                        </dl>
                        <h3>{ i18n.t(StageKey::Informatized) }</h3>
                        <dl>
                            <dt>{ i18n.t(StageKey::Cues) }</dt>
                            <dd>{ g.hint_informatized.get(lang) }</dd>
                            <dt>{ i18n.t(StageKey::Strategy) }</dt>
                            <dd>{ g.strategy_informatized.get(lang) }</dd>
                        </dl>
                    </div>
                }
            }) }
        </>
    }
}
