//! The month's plan: accounts per work type and days of work logged, against the
//! 8/12/24/40 accounts and 10/4/4/2 days norm (the core's monthly plan).

use chrono::{Datelike, NaiveDate};
use tuoke_core::cadence::monthly_plan;
use tuoke_core::contract::Entity;
use tuoke_sync::summary::ProspectList;
use tuoke_sync::view::LocalView;
use yew::prelude::*;

use super::model;
use crate::i18n::{use_i18n, TodayKey};
use crate::pages::shared::{code_of, Ptr};

#[derive(Properties, PartialEq)]
pub struct PlanCardProps {
    pub list: Ptr<ProspectList>,
    pub activities: Option<Ptr<LocalView>>,
    pub me: AttrValue,
    pub today: NaiveDate,
}

#[component]
pub fn PlanCard(props: &PlanCardProps) -> Html {
    let i18n = use_i18n();
    let prospects = &props.list.0.prospects;
    let portfolio = model::portfolio(prospects, &props.me);
    let logged = props
        .activities
        .as_ref()
        .map(|v| {
            let contacts = v.0.entity(Entity::Activity).chain(v.0.entity(Entity::Note));
            model::logged_work(contacts, prospects, &props.me)
        })
        .unwrap_or_default();
    let plan = monthly_plan(&portfolio, &logged, props.today.year(), props.today.month());
    let cell = |actual: u32, norm: u32, known: bool| {
        let percent = (actual.min(norm) * 100).checked_div(norm).unwrap_or(100);
        let label = i18n.fmt(
            TodayKey::PlanCell,
            &[("a", &actual.to_string()), ("n", &norm.to_string())],
        );
        html! {
            <td aria-label={label} class={classes!((actual >= norm).then_some("met"))}>
                <span class="figure">
                    <span class="actual">{ if known { actual.to_string() } else { "–".to_owned() } }</span>
                    { " / " }{ norm }
                </span>
                <span class="bar" aria-hidden="true"><span style={format!("width:{percent}%")}></span></span>
            </td>
        }
    };
    html! {
        <section class="card plan" aria-labelledby="plan-title" data-testid="plan">
            <h2 id="plan-title">{ i18n.t(TodayKey::PlanTitle) }</h2>
            <p class="hint">{ i18n.t(TodayKey::PlanIntro) }</p>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{ i18n.t(TodayKey::PlanWork) }</th>
                        <th scope="col">{ i18n.t(TodayKey::PlanAccounts) }</th>
                        <th scope="col">{ i18n.t(TodayKey::PlanDays) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for plan.rows.iter().map(|row| html! {
                        <tr key={code_of(row.work)} data-testid="plan-row"
                            data-accounts={row.actual_accounts.to_string()} data-days={row.actual_days.to_string()}>
                            <th scope="row">{ i18n.t(TodayKey::work(row.work)) }</th>
                            { cell(row.actual_accounts, row.norm_accounts, true) }
                            { cell(row.actual_days, row.norm_days, props.activities.is_some()) }
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="hint">{ i18n.t(TodayKey::PlanNote) }</p>
        </section>
    }
}
