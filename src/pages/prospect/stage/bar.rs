//! The stage bar: every stage with the core's verdict for moving there (allowed, needs the
//! manager's approval, forbidden, with the rule); the moves the rep may ask for are buttons.

use tuoke_core::stage::{MoveKind, Rule};
use tuoke_core::types::{Stage, Status};
use yew::prelude::*;

use super::model::{stage_name, Ask, Cell};
use crate::i18n::{I18n, StageKey};

/// The bar from `current` (a request waiting to reach `pending`); an `owner` may tap a move
/// (unless `busy`), which asks `on_ask` to confirm it.
pub(super) fn stage_bar(
    i18n: &I18n,
    current: Stage,
    pending: Option<Stage>,
    owner: bool,
    busy: bool,
    on_ask: &Callback<Ask>,
) -> Html {
    let status_rule = match current.status() {
        Status::Lost => Some(Rule::ReopenOnlyToLead),
        Status::Won => Some(Rule::WonIsFinal),
        Status::Open => None,
    };
    // The bar: the pipeline, plus lost when the deal is lost.
    let mut stages: Vec<Stage> = Stage::PIPELINE.to_vec();
    if current == Stage::Lost {
        stages.push(Stage::Lost);
    }
    let rows = stages.into_iter().map(|s| {
        let cell = Cell::of(current, pending, s);
        let name = stage_name(i18n, s);
        // A rule that holds for the whole deal (lost, won) is explained once, in the card.
        let (badge, explain) = match cell {
            Cell::Forbidden(rule) if status_rule == Some(rule) => {
                (i18n.t(StageKey::VerdictForbidden), None)
            }
            Cell::Current => (i18n.t(StageKey::CurrentStage), None),
            Cell::Waiting => (i18n.t(StageKey::VerdictWaiting), None),
            Cell::Allowed(MoveKind::Back) => (i18n.t(StageKey::VerdictBack), None),
            Cell::Allowed(MoveKind::Reopen) => (i18n.t(StageKey::VerdictReopen), None),
            Cell::Allowed(_) => (i18n.t(StageKey::VerdictAllowed), None),
            Cell::NeedsApproval(rule) => (
                i18n.t(StageKey::VerdictNeedsApproval),
                Some(i18n.t(StageKey::rule(rule))),
            ),
            Cell::Forbidden(rule) => (
                i18n.t(StageKey::VerdictForbidden),
                Some(i18n.t(StageKey::rule(rule))),
            ),
        };
        let number = s.ordinal().map_or_else(|| "×".to_owned(), |n| n.to_string());
        let content = html! {
            <>
                <span class="stage-marker" aria-hidden="true">{ number }</span>
                <span class="stage-text">
                    <span class="stage-name">{ name }</span>
                    <span class={classes!("stage-verdict", cell.code())}>{ badge }</span>
                    if let Some(explain) = explain {
                        <span class="stage-rule" data-testid={format!("stage-rule-{}", s.code())}>{ explain }</span>
                    }
                </span>
            </>
        };
        let class = classes!("stage-row", cell.code());
        let testid = format!("stage-row-{}", s.code());
        let item = if cell.actionable() && owner {
            let ask = if s == Stage::Lead && current == Stage::Lost {
                Ask::Reopen
            } else {
                Ask::Move(s)
            };
            html! {
                <button type="button" {class} data-testid={testid} data-verdict={cell.code()}
                    disabled={busy} onclick={on_ask.reform(move |_: MouseEvent| ask)}>{ content }</button>
            }
        } else {
            html! { <div {class} data-testid={testid} data-verdict={cell.code()}>{ content }</div> }
        };
        html! {
            <li key={s.code()} aria-current={(cell == Cell::Current).then_some("step")}>{ item }</li>
        }
    });
    html! {
        <ol class="stage-bar" aria-labelledby="stage-bar-title" data-testid="stage-bar">
            { for rows }
        </ol>
    }
}
