//! One approval: what was asked, its status and the manager's comment; the approver
//! decides it here (a rejection needs a comment).

use tuoke_core::args::ApprovalDecideArgs;
use tuoke_sync::protocol::Mutation;
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;
use yew_router::prelude::*;

use super::approval::{Approval, ApprovalKind, ApprovalStatus};
use crate::hooks::use_sync;
use crate::i18n::{use_i18n, I18n, Key, LabelKey, TodayKey};
use crate::pages::shared::save_error_text;
use crate::route::Route;
use crate::services::ids::new_id;
use crate::services::time::now;

#[derive(Properties, PartialEq)]
pub struct ApprovalItemProps {
    pub approval: Approval,
    /// The prospect's company, if the prospect is on this phone.
    pub company: Option<String>,
    /// The user decides it (Approve / Reject).
    pub decide: bool,
    pub on_decided: Callback<String>,
}

fn status_text(i18n: &I18n, status: ApprovalStatus) -> (&'static str, &'static str) {
    match status {
        ApprovalStatus::Pending => (i18n.t(TodayKey::ApprovalPending), "pending"),
        ApprovalStatus::Approved => (i18n.t(TodayKey::ApprovalApproved), "approved"),
        ApprovalStatus::Rejected => (i18n.t(TodayKey::ApprovalRejected), "rejected"),
    }
}

/// The badge class of a status (`st-…`: `.pending` and `.rejected` mean other things in app.css).
fn status_class(status: ApprovalStatus) -> &'static str {
    match status {
        ApprovalStatus::Pending => "st-pending",
        ApprovalStatus::Approved => "st-approved",
        ApprovalStatus::Rejected => "st-rejected",
    }
}

#[component]
pub fn ApprovalItem(props: &ApprovalItemProps) -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let comment = use_node_ref();
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let a = &props.approval;
    let decide = |approve: bool| {
        let (comment, busy, error) = (comment.clone(), busy.clone(), error.clone());
        let (handle, i18n, on_decided) =
            (sync.handle.clone(), i18n.clone(), props.on_decided.clone());
        let id = a.id.clone();
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            let Ok(approval_id) = Uuid::parse_str(&id) else {
                return;
            };
            let text = comment
                .cast::<HtmlTextAreaElement>()
                .map(|t| t.value().trim().to_owned())
                .unwrap_or_default();
            if !approve && text.is_empty() {
                error.set(Some(i18n.t(TodayKey::RejectNeedsComment).to_owned()));
                if let Some(t) = comment.cast::<web_sys::HtmlElement>() {
                    let _ = t.focus();
                }
                return;
            }
            let at = now();
            let args = ApprovalDecideArgs {
                approval_id,
                approve,
                comment: (!text.is_empty()).then_some(text),
            };
            let mutation = Mutation::approval_decide(new_id(at), &args, at);
            let done = i18n
                .t(if approve {
                    TodayKey::ApprovedSaved
                } else {
                    TodayKey::RejectedSaved
                })
                .to_owned();
            busy.set(true);
            error.set(None);
            let (handle, i18n, busy, error, on_decided) = (
                handle.clone(),
                i18n.clone(),
                busy.clone(),
                error.clone(),
                on_decided.clone(),
            );
            spawn_local(async move {
                match handle.save(vec![mutation]).await {
                    Ok(()) => on_decided.emit(done),
                    Err(e) => error.set(Some(save_error_text(&i18n, &e))),
                }
                busy.set(false);
            });
        })
    };
    let what = match (a.kind, a.to) {
        (ApprovalKind::StageMove, Some(to)) => i18n.fmt(
            TodayKey::ApprovalStageMove,
            &[("s", i18n.t(LabelKey::stage(to)))],
        ),
        _ => i18n.t(TodayKey::ApprovalQuote).to_owned(),
    };
    let (status, status_code) = status_text(&i18n, a.status);
    let comment_id = format!("approval-comment-{}", a.id);
    let error_id = format!("approval-error-{}", a.id);
    html! {
        <li class="approval" data-testid="approval" data-id={a.id.clone()} data-status={status_code}>
            <div class="approval-head">
                if let Some(company) = &props.company {
                    <Link<Route> to={Route::Prospect { id: a.prospect_id.clone() }} classes="approval-company">{ company.clone() }</Link<Route>>
                } else {
                    <span class="hint">{ i18n.t(TodayKey::UnknownProspect) }</span>
                }
                <span class={classes!("badge", "status", status_class(a.status))} data-testid="approval-status">{ status }</span>
            </div>
            <p>{ what }</p>
            if let Some(reason) = a.reason.as_deref().filter(|r| !r.is_empty()) {
                <p class="hint">{ i18n.fmt(TodayKey::ApprovalReason, &[("r", reason)]) }</p>
            }
            if let Some(c) = a.comment.as_deref().filter(|c| !c.is_empty()) {
                <p class="manager-comment" data-testid="approval-comment-text">{ i18n.fmt(TodayKey::ManagerComment, &[("c", c)]) }</p>
            }
            if a.pending {
                <span class="badge pending">{ i18n.t(Key::PendingBadge) }</span>
            }
            if props.decide {
                <div class="decide">
                    <label class="field-label" for={comment_id.clone()}>{ i18n.t(TodayKey::CommentLabel) }</label>
                    <textarea id={comment_id} ref={comment.clone()} rows="2" placeholder={i18n.t(TodayKey::CommentHint)}
                              aria-invalid={error.is_some().then_some("true")}
                              aria-describedby={error.is_some().then(|| error_id.clone())}
                              data-testid="approval-comment" />
                    if let Some(e) = (*error).clone() {
                        <p class="error" role="alert" id={error_id.clone()}>{ e }</p>
                    }
                    <div class="actions">
                        <button type="button" class="secondary" onclick={decide(false)} disabled={*busy}
                                data-testid="approval-reject">{ i18n.t(TodayKey::Reject) }</button>
                        <button type="button" class="primary" onclick={decide(true)} disabled={*busy}
                                data-testid="approval-approve">{ i18n.t(TodayKey::Approve) }</button>
                    </div>
                </div>
            }
        </li>
    }
}
