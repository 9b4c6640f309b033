//! The Today screen: the rep's contacts due today and overdue (the grade cadence of SPEC §6)
//! with quick actions (call, note, log a contact), the approvals that concern the user (a
//! rep's requests and their outcome; a manager's decisions to make), and the month's plan
//! against the 8/12/24/40 accounts and 10/4/4/2 days norm. Everything from the phone's data.

pub mod approval;
mod approval_item;
mod approvals;
mod due;
mod log_form;
pub mod model;
mod plan;

use tuoke_core::contract::Entity;
use yew::prelude::*;

use crate::hooks::{use_local_view, use_prospect_list, use_sync};
use crate::i18n::{use_i18n, Key};
use crate::pages::shared::Ptr;
use crate::services::time::today;
use approvals::ApprovalsCard;
use due::DueCard;
use plan::PlanCard;

#[component]
pub fn Today() -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let list = use_prospect_list();
    let approvals = use_local_view(&[Entity::Approval]);
    // Logged activities and notes: a visit, call or meeting note is a contact too.
    let activities = use_local_view(&[Entity::Activity, Entity::Note]);
    let session = sync.state.session.as_ref();
    let me: AttrValue = sync.state.user_id().unwrap_or_default().into();
    let manager = session.is_some_and(|s| matches!(s.role.as_str(), "manager" | "admin"));
    let today = today();

    let groups = use_memo(
        (list.clone().map(Ptr), me.clone(), today),
        |(list, me, today)| match list {
            Some(l) => model::due_groups(&l.0.prospects, me, *today),
            None => Vec::new(),
        },
    );

    let Some(list) = list else {
        return html! {
            <section class="screen today">
                <h1>{ i18n.t(Key::TabToday) }</h1>
                <p class="hint" role="status">{ i18n.t(Key::Loading) }</p>
            </section>
        };
    };
    let owns_any = list.prospects.iter().any(|s| *s.owner_id == *me);
    // A phone that never synced has not received the rep's prospects yet.
    let first_sync = sync.state.never_synced();
    let list = Ptr(list);
    let approvals = html! {
        <ApprovalsCard list={list.clone()} view={approvals.map(Ptr)} me={me.clone()} {manager} />
    };
    html! {
        <section class="screen today" aria-labelledby="today-title">
            <h1 id="today-title">{ i18n.t(Key::TabToday) }</h1>
            <p class="intro">{ i18n.t(Key::TodayIntro) }</p>
            if manager { { approvals.clone() } }
            // A manager's own due list only when they own prospects (their team's are not theirs
            // to call).
            if owns_any || !manager {
                <DueCard list={list.clone()} groups={Ptr(groups)} {owns_any} {first_sync} {today} />
            }
            if !manager { { approvals } }
            if owns_any || !manager {
                <PlanCard {list} activities={activities.map(Ptr)} {me} {today} />
            }
        </section>
    }
}
