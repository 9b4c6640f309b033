//! The Pipeline tab: how many open prospects sit at each stage, and how many were won or
//! lost; each count opens the Prospects list filtered by that stage.

use tuoke_core::types::{Stage, Status};
use yew::prelude::*;
use yew_router::prelude::*;

use super::prospects::ListQuery;
use crate::hooks::use_prospect_list;
use crate::i18n::{use_i18n, Key, LabelKey, ListKey};
use crate::route::Route;

/// The open stages, lead list to negotiation: the core's stages whose status is open.
fn open_stages() -> impl Iterator<Item = Stage> {
    Stage::ALL
        .into_iter()
        .filter(|s| s.status() == tuoke_core::types::Status::Open)
}

#[component]
pub fn Pipeline() -> Html {
    let i18n = use_i18n();
    let list = use_prospect_list();
    let Some(list) = list else {
        return html! {
            <section class="screen">
                <h1>{ i18n.t(Key::TabPipeline) }</h1>
                <p class="hint" role="status">{ i18n.t(Key::Loading) }</p>
            </section>
        };
    };
    // Counts per stage (index = stage order) of the open prospects, and the outcomes.
    let mut open = [0usize; 9];
    let (mut won, mut lost) = (0, 0);
    for s in &list.prospects {
        match s.status {
            Status::Open => open[s.stage as usize] += 1,
            Status::Won => won += 1,
            Status::Lost => lost += 1,
        }
    }
    let most = open_stages()
        .map(|s| open[s as usize])
        .max()
        .unwrap_or(0)
        .max(1);
    let item = |stage: Stage, name: &'static str, n: usize, bar: Option<usize>| {
        html! {
            <li key={stage.code()} data-testid="pipeline-stage" data-stage={stage.code()} data-count={n.to_string()}>
                <Link<Route, ListQuery> to={Route::Prospects} query={Some(ListQuery::stage(stage))} classes="pipe-link">
                    <span class="pipe-name">{ name }</span>
                    <span class="pipe-count">{ n }</span>
                    if let Some(percent) = bar {
                        <span class="pipe-bar" aria-hidden="true"><span style={format!("width:{percent}%")}></span></span>
                    }
                </Link<Route, ListQuery>>
            </li>
        }
    };
    html! {
        <section class="screen pipeline" aria-labelledby="pipeline-title">
            <h1 id="pipeline-title">{ i18n.t(Key::TabPipeline) }</h1>
            <p class="intro">{ i18n.t(ListKey::PipelineIntro) }</p>
            <div class="card">
                <h2>{ i18n.t(ListKey::PipelineOpen) }</h2>
                <ol class="pipe" data-testid="pipeline-open">
                    { for open_stages().map(|s| {
                        let n = open[s as usize];
                        item(s, i18n.t(LabelKey::stage(s)), n, Some(n * 100 / most))
                    }) }
                </ol>
            </div>
            <div class="card">
                <h2>{ i18n.t(ListKey::PipelineOutcomes) }</h2>
                <ul class="pipe" data-testid="pipeline-outcomes">
                    { item(Stage::Signed, i18n.t(ListKey::PipelineWon), won, None) }
                    { item(Stage::Lost, i18n.t(LabelKey::StageLost), lost, None) }
                </ul>
            </div>
        </section>
    }
}
