//! The approvals that concern the user: a manager's decisions to make, a rep's requests
//! and their outcome (a gated move not yet synced shows as a pending request).

use tuoke_core::contract::Entity;
use tuoke_sync::summary::ProspectList;
use tuoke_sync::view::LocalView;
use yew::prelude::*;

use super::approval::{self, Approval, ApprovalKind, ApprovalStatus};
use super::approval_item::ApprovalItem;
use crate::i18n::{use_i18n, TodayKey};
use crate::pages::shared::Ptr;
use crate::services::time::now;

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
    let message = use_state(|| None::<String>);
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
            .any(|a| a.prospect_id == s.id && a.status == ApprovalStatus::Pending);
        if !known {
            others.insert(
                0,
                Approval {
                    id: format!("local-{}", s.id),
                    kind: ApprovalKind::StageMove,
                    prospect_id: s.id.clone(),
                    requested_by: Some(props.me.to_string()),
                    approver_id: None,
                    to: Some(to),
                    reason: None,
                    status: ApprovalStatus::Pending,
                    comment: None,
                    created_at: None,
                    decided_at: None,
                    pending: true,
                },
            );
        }
    }
    let on_decided = {
        let message = message.clone();
        Callback::from(move |text: String| message.set(Some(text)))
    };
    let company = |a: &Approval| props.list.0.get(&a.prospect_id).map(|s| s.company.clone());
    let item = |a: &Approval, decide: bool| {
        html! {
            <ApprovalItem key={a.id.clone()} approval={a.clone()} company={company(a)} {decide}
                          on_decided={on_decided.clone()} />
        }
    };
    let empty = waiting.is_empty() && others.is_empty();
    html! {
        <section class="card approvals" aria-labelledby="approvals-title" data-testid="approvals">
            <h2 id="approvals-title">{ i18n.t(TodayKey::ApprovalsTitle) }</h2>
            <p class="notice ok" role="status" data-testid="approvals-message" hidden={message.is_none()}>
                { (*message).clone().unwrap_or_default() }
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
