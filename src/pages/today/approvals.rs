//! The approvals that concern the user: a manager's decisions to make, a rep's requests
//! and their outcome (a gated move not yet synced shows as a pending request).

use tuoke_core::contract::Entity;
use tuoke_sync::summary::ProspectList;
use tuoke_sync::view::LocalView;
use uuid::Uuid;
use yew::prelude::*;

use super::approval::{self, Shown};
use super::approval_item::ApprovalItem;
use crate::hooks::use_team;
use crate::i18n::{use_i18n, I18n, TodayKey};
use crate::pages::shared::{colleague_name, Ptr};
use crate::services::time::now;
use tuoke_core::record::ApprovalStatus;

#[derive(Properties, PartialEq)]
pub struct ApprovalsCardProps {
    pub list: Ptr<ProspectList>,
    pub view: Option<Ptr<LocalView>>,
    pub me: AttrValue,
    pub manager: bool,
}

#[component]
pub fn ApprovalsCard(props: &ApprovalsCardProps) -> Html {
    let i18n = use_i18n();
    let team = use_team();
    // The last decision made here: (approval, approved).
    let message = use_state(|| None::<(Uuid, bool)>);
    let Some(view) = &props.view else {
        return html! {};
    };
    let (waiting, mut others) =
        approval::approvals(view.0.entity(Entity::Approval), &props.me, now());
    // A gated move saved on this phone but not yet synced has no approval record yet: show
    // it as a pending request all the same.
    for s in props
        .list
        .0
        .prospects
        .iter()
        .filter(|s| s.pending && *s.owner_id == *props.me)
    {
        let Some(to) = s.pending_stage else { continue };
        let known = others
            .iter()
            .any(|a| a.prospect_id() == s.id && a.status() == ApprovalStatus::Pending);
        if !known {
            others.insert(
                0,
                Shown::Unsent {
                    prospect_id: s.id.clone(),
                    to,
                },
            );
        }
    }
    let on_decided = {
        let message = message.clone();
        Callback::from(move |decision: (Uuid, bool)| message.set(Some(decision)))
    };
    let message = (*message).map(|(id, approved)| {
        let synced = view
            .0
            .get(Entity::Approval, &id.to_string())
            .is_none_or(|r| !r.pending);
        decision_text(&i18n, approved, synced)
    });
    let company = |a: &Shown| {
        props
            .list
            .0
            .get(&a.prospect_id())
            .map(|s| s.company.clone())
    };
    // A request of someone else (a manager's rep) names them.
    let requester = |a: &Shown| {
        a.record()
            .filter(|r| *r.requested_by != *props.me)
            .map(|r| AttrValue::from(colleague_name(&i18n, &team, &props.me, &r.requested_by)))
    };
    let item = |a: &Shown, decide: bool| {
        html! {
            <ApprovalItem key={a.key()} approval={a.clone()} company={company(a)} {decide}
                          requester={requester(a)} on_decided={on_decided.clone()} />
        }
    };
    let empty = waiting.is_empty() && others.is_empty();
    html! {
        <section class="card approvals" aria-labelledby="approvals-title" data-testid="approvals">
            <h2 id="approvals-title">{ i18n.t(TodayKey::ApprovalsTitle) }</h2>
            <p class="notice ok" role="status" data-testid="approvals-message" hidden={message.is_none()}>
                { message.clone().unwrap_or_default() }
            </p>
            if empty {
                <p class="empty" data-testid="approvals-empty">{ i18n.t(TodayKey::ApprovalsEmpty) }</p>
            }
            if !waiting.is_empty() {
                <h3>{ i18n.fmt(TodayKey::ApprovalsWaiting, &[("n", &waiting.len().to_string())]) }</h3>
                <ul class="approval-list" data-testid="approvals-waiting">
                    { for waiting.iter().map(|a| item(a, true)) }
                </ul>
            }
            if !others.is_empty() {
                <h3>{ i18n.t(if props.manager { TodayKey::ApprovalsDecided } else { TodayKey::MyRequests }) }</h3>
                <ul class="approval-list" data-testid="approvals-mine">
                    { for others.iter().map(|a| item(a, false)) }
                </ul>
            }
        </section>
    }
}

/// What a decision made here became: saved and waiting for the sync that makes it take
/// effect, or `synced` (no "once synced" left standing after the sync).
fn decision_text(i18n: &I18n, approved: bool, synced: bool) -> String {
    i18n.t(match (approved, synced) {
        (true, false) => TodayKey::ApprovedSaved,
        (false, false) => TodayKey::RejectedSaved,
        (true, true) => TodayKey::ApprovedSynced,
        (false, true) => TodayKey::RejectedSynced,
    })
    .to_owned()
}
