//! The stage playbooks and the objection playbook (SPEC §8), offline: the long texts are the
//! UI language's playbooks document (`tuoke_core::content::Playbooks`, loaded as data and
//! precached); the checklists and the exchange agenda, which the capture screen also uses, are
//! compiled in from `tuoke_core::playbook`. Topics are stage codes
//! (`first_visit`, …, `lost`) and three guides (`grades`, `maintenance`, `selling`). The
//! objection-handling stage's code `objections` shows that stage's playbook together with the
//! whole objection playbook.

mod bodies;

use tuoke_core::content::Playbooks as PlaybooksDoc;
use tuoke_core::types::Stage;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::content_status::with_content;
use crate::hooks::use_content;
use crate::i18n::{use_i18n, LabelKey, StageKey};
use crate::route::Route;
use bodies::{grades_body, stage_body, text_list};

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
    let (doc, retry) = use_content::<PlaybooksDoc>(i18n.lang);
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
    let title = match topic {
        // The objection-handling stage's page is the objection playbook, objections first.
        Topic::Stage(Stage::Objections) => i18n.t(StageKey::ObjectionPlaybookLink).to_owned(),
        Topic::Stage(stage) => i18n.fmt(
            StageKey::StagePlaybookTitle,
            &[("stage", i18n.t(LabelKey::stage(stage)))],
        ),
        Topic::Grades => i18n.t(StageKey::GradeStrategiesTitle).to_owned(),
        Topic::Maintenance => i18n.t(StageKey::MaintenanceTitle).to_owned(),
        Topic::Selling => i18n.t(StageKey::SellingTitle).to_owned(),
    };
    let body = with_content(&doc, &retry, |doc| match topic {
        Topic::Stage(stage) => stage_body(&i18n, doc, stage),
        Topic::Grades => grades_body(&i18n, doc),
        Topic::Maintenance => html! {
            <>
                { text_list(&doc.maintenance_tips, "card playbook-list", "maintenance-tip") }
                <h2>{ i18n.t(StageKey::Mottos) }</h2>
                { text_list(&doc.mottos, "card playbook-list mottos", "motto") }
            </>
        },
        Topic::Selling => text_list(&doc.selling, "card playbook-list", "selling-point"),
    });
    html! {
        <section class="screen playbook" aria-labelledby="playbook-title" data-testid={format!("playbook-{}", props.topic)}>
            <h1 id="playbook-title">{ title }</h1>
            { body }
            <div class="actions playbook-actions">{ back }</div>
        </section>
    }
}
