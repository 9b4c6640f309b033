//! One approval: what was asked, its status and the manager's comment; the approver
//! decides it here (a rejection needs a comment).

use tuoke_core::args::ApprovalDecideArgs;
use tuoke_sync::protocol::Mutation;
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;
use yew_router::prelude::*;

use super::approval::Shown;
use crate::hooks::use_sync;
use crate::i18n::{use_i18n, I18n, Key, LabelKey, TodayKey};
use crate::pages::shared::save_error_text;
use crate::route::Route;
use crate::services::ids::new_id;
use crate::services::time::now;
use tuoke_core::record::{ApprovalKind, ApprovalStatus};

#[derive(Properties, PartialEq)]
pub struct ApprovalItemProps {
    pub approval: Shown,
    /// The prospect's company, if the prospect is on this phone.
    pub company: Option<String>,
    /// Who asked, when it was not the user (a manager's card names the rep).
    pub requester: Option<AttrValue>,
    /// The user decides it (Approve / Reject).
    pub decide: bool,
    /// A decision saved: (approval, approved).
    pub on_decided: Callback<(Uuid, bool)>,
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
        let id = a.record().map(|r| r.id);
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            // Only a record the server made can be decided.
            let Some(approval_id) = id else {
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
                    Ok(()) => on_decided.emit((approval_id, approve)),
                    Err(e) => error.set(Some(save_error_text(&i18n, &e))),
                }
                busy.set(false);
            });
        })
    };
    let what = match (a.kind(), a.to(), props.requester.as_deref()) {
        (ApprovalKind::StageMove, Some(to), None) => i18n.fmt(
            TodayKey::ApprovalStageMove,
            &[("s", i18n.t(LabelKey::stage(to)))],
        ),
        (ApprovalKind::StageMove, Some(to), Some(who)) => i18n.fmt(
            TodayKey::ApprovalStageMoveBy,
            &[("who", who), ("s", i18n.t(LabelKey::stage(to)))],
        ),
        (_, _, None) => i18n.t(TodayKey::ApprovalQuote).to_owned(),
        (_, _, Some(who)) => i18n.fmt(TodayKey::ApprovalQuoteBy, &[("who", who)]),
    };
    let (status, status_code) = status_text(&i18n, a.status());
    let key = a.key();
    let comment_id = format!("approval-comment-{key}");
    let error_id = format!("approval-error-{key}");
    let reason = a
        .record()
        .and_then(|r| r.reason.as_deref())
        .filter(|r| !r.is_empty());
    let manager_comment = a
        .record()
        .and_then(|r| r.comment.as_deref())
        .filter(|c| !c.is_empty());
    html! {
        <li class="approval" data-testid="approval" data-id={key} data-status={status_code}>
            <div class="approval-head">
                if let Some(company) = &props.company {
                    <Link<Route> to={Route::Prospect { id: a.prospect_id() }} classes="approval-company">{ company.clone() }</Link<Route>>
                } else {
                    <span class="hint">{ i18n.t(TodayKey::UnknownProspect) }</span>
                }
                <span class={classes!("badge", "status", status_class(a.status()))} data-testid="approval-status">{ status }</span>
            </div>
            <p data-testid="approval-what">{ what }</p>
            if let Some(reason) = reason {
                <p class="hint">{ i18n.fmt(TodayKey::ApprovalReason, &[("r", reason)]) }</p>
            }
            if let Some(c) = manager_comment {
                <p class="manager-comment" data-testid="approval-comment-text">{ i18n.fmt(TodayKey::ManagerComment, &[("c", c)]) }</p>
            }
            if a.pending() {
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
