//! The Today screen: the rep's contacts due today and overdue (the grade cadence of SPEC §6)
//! with quick actions (call, note, log a contact), the approvals that concern the user (a
//! rep's requests and their outcome; a manager's decisions to make), and the month's plan
//! against the 8/12/24/40 accounts and 10/4/4/2 days norm. Everything from the phone's data.

pub mod model;

use chrono::{Datelike, NaiveDate};
use tuoke_core::activity::{ActivityKind, ActivityLogArgs};
use tuoke_core::args::ApprovalDecideArgs;
use tuoke_core::cadence::{monthly_plan, next_contact_due, CadenceConfig};
use tuoke_core::contract::Entity;
use tuoke_core::types::{Grade, Status};
use tuoke_sync::protocol::Mutation;
use tuoke_sync::summary::{ProspectList, ProspectSummary};
use tuoke_sync::view::LocalView;
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::hooks::{use_local_view, use_prospect_list, use_sync};
use crate::i18n::{use_i18n, I18n, Key, LabelKey, ListKey, TodayKey};
use crate::pages::save_error_text;
use crate::pages::{code_of, Ptr};
use crate::route::Route;
use crate::services::ids::new_id;
use crate::services::tel;
use crate::services::time::{self, now, today, Due, Wording};
use model::{Approval, ApprovalKind, ApprovalStatus, DueGroup};

/// Entries shown per grade before "show all".
const GROUP_PREVIEW: usize = 10;

#[component]
pub fn Today() -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let list = use_prospect_list();
    let approvals = use_local_view(&[Entity::Approval]);
    let activities = use_local_view(&[Entity::Activity]);
    let session = sync.state.session.as_ref();
    let me: AttrValue = sync.state.user_id().unwrap_or_default().into();
    let manager = session.is_some_and(|s| matches!(s.role.as_str(), "manager" | "admin"));
    let today = today();

    let groups = use_memo(
        (list.clone().map(Ptr), me.clone(), today),
        |(list, me, today)| match list {
            Some(l) => model::due_groups(&l.0.prospects, me, *today, &CadenceConfig::default()),
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

// ---------------------------------------------------------------------------------------
// Contacts due

#[derive(Properties, PartialEq)]
struct DueCardProps {
    list: Ptr<ProspectList>,
    groups: Ptr<Vec<DueGroup>>,
    owns_any: bool,
    /// The first sync has not completed yet.
    first_sync: bool,
    today: NaiveDate,
}

#[component]
fn DueCard(props: &DueCardProps) -> Html {
    let i18n = use_i18n();
    let expanded = use_state(Vec::<Option<Grade>>::new);
    let logging = use_state(|| None::<String>);
    let message = use_state(|| None::<String>);
    let groups = &props.groups.0;
    let (due, overdue) = groups
        .iter()
        .flat_map(|g| &g.entries)
        .fold((0, 0), |(t, o), (_, e)| {
            if e.days_overdue == 0 {
                (t + 1, o)
            } else {
                (t, o + 1)
            }
        });
    let on_toggle = {
        let logging = logging.clone();
        Callback::from(move |id: Option<String>| logging.set(id))
    };
    let on_logged = {
        let (logging, message) = (logging.clone(), message.clone());
        Callback::from(move |text: String| {
            logging.set(None);
            message.set(Some(text));
        })
    };
    let cfg = CadenceConfig::default();
    html! {
        <section class="card due-card" aria-labelledby="due-title" data-testid="due-card">
            <h2 id="due-title">{ i18n.t(TodayKey::DueTitle) }</h2>
            <p class="notice ok" role="status" data-testid="today-message" hidden={message.is_none()}>
                { (*message).clone().unwrap_or_default() }
            </p>
            if !props.owns_any && props.first_sync {
                <p class="hint" role="status">{ i18n.t(ListKey::FirstSync) }</p>
            } else if !props.owns_any {
                <div class="empty" data-testid="today-no-prospects">
                    <p>{ i18n.t(TodayKey::NoProspects) }</p>
                    <div class="actions">
                        <Link<Route> to={Route::Capture} classes="button primary">{ i18n.t(ListKey::CaptureFirst) }</Link<Route>>
                    </div>
                </div>
            } else if groups.is_empty() {
                <p class="empty" data-testid="today-caught-up">{ i18n.t(TodayKey::CaughtUp) }</p>
            } else {
                <p class="hint due-summary" data-testid="due-summary">
                    { i18n.fmt(TodayKey::DueSummary, &[("t", &due.to_string()), ("o", &overdue.to_string())]) }
                </p>
                for group in groups.iter() {
                    { {
                        let interval = cfg.interval_days(group.grade).to_string();
                        let title = match group.grade {
                            Some(g) => i18n.fmt(TodayKey::GradeGroup, &[("g", g.code()), ("n", &interval)]),
                            None => i18n.fmt(TodayKey::UngradedGroup, &[("n", &interval)]),
                        };
                        let open = expanded.contains(&group.grade);
                        let shown = if open { group.entries.len() } else { GROUP_PREVIEW.min(group.entries.len()) };
                        let more = group.entries.len() - shown;
                        let show_all = {
                            let (expanded, grade) = (expanded.clone(), group.grade);
                            Callback::from(move |_| {
                                let mut next = (*expanded).clone();
                                next.push(grade);
                                expanded.set(next);
                            })
                        };
                        let code = group.grade.map_or("none", Grade::code);
                        html! {
                            <div class="due-group" key={code} data-testid="due-group" data-grade={code}>
                                <h3>{ title }<span class="count">{ group.entries.len() }</span></h3>
                                <ul class="due-list" data-testid="due-list">
                                    { for group.entries[..shown].iter().map(|(i, e)| {
                                        let s = &props.list.0.prospects[*i];
                                        html! {
                                            <DueEntry key={s.id.clone()} summary={s.clone()} days_overdue={e.days_overdue}
                                                      today={props.today} open={logging.as_deref() == Some(s.id.as_str())}
                                                      on_toggle={on_toggle.clone()} on_logged={on_logged.clone()} />
                                        }
                                    }) }
                                </ul>
                                if more > 0 {
                                    <button type="button" class="secondary show-all" onclick={show_all}>
                                        { i18n.fmt(TodayKey::ShowAll, &[("n", &more.to_string())]) }
                                    </button>
                                }
                            </div>
                        }
                    } }
                }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DueEntryProps {
    summary: ProspectSummary,
    days_overdue: u32,
    today: NaiveDate,
    /// The log-contact form is open.
    open: bool,
    /// Opens (`Some(id)`) or closes the log-contact form.
    on_toggle: Callback<Option<String>>,
    /// A contact was logged (the message to show).
    on_logged: Callback<String>,
}

#[component]
fn DueEntry(props: &DueEntryProps) -> Html {
    let i18n = use_i18n();
    let s = &props.summary;
    let (due, due_class) = match props.days_overdue {
        0 => (Due::Today, "today"),
        n => (Due::Overdue(n), "overdue"),
    };
    let due_text = time::due_text(&i18n, due, props.today, Wording::OnDay);
    let contact = s.contacts.iter().find(|(_, phone)| !phone.is_empty());
    let who = s
        .contacts
        .first()
        .map(|(name, _)| name.as_str())
        .unwrap_or("");
    let toggle = {
        let (cb, id, open) = (props.on_toggle.clone(), s.id.clone(), props.open);
        Callback::from(move |_| cb.emit((!open).then(|| id.clone())))
    };
    html! {
        <li class="due-entry" data-testid="due-entry" data-id={s.id.clone()}>
            <div class="due-head">
                <Link<Route> to={Route::Prospect { id: s.id.clone() }} classes="due-company">{ s.company.clone() }</Link<Route>>
                <span class={classes!("due", due_class)}>{ due_text }</span>
            </div>
            <p class="due-sub">
                { i18n.t(LabelKey::stage(s.stage)) }
                if !who.is_empty() { { " · " }{ who } }
                if s.pending {
                    { " " }<span class="badge pending">{ i18n.t(Key::PendingBadge) }</span>
                }
            </p>
            <div class="quick">
                if let Some((name, phone)) = contact {
                    <a class="button secondary" href={tel::href(phone)} data-testid="due-call"
                       aria-label={i18n.fmt(TodayKey::CallWho, &[("who", if name.is_empty() { s.company.as_str() } else { name.as_str() }), ("phone", phone.as_str())])}>
                        { i18n.t(TodayKey::Call) }
                    </a>
                }
                <Link<Route> to={Route::CaptureFor { prospect: s.id.clone() }} classes="button secondary">
                    <span aria-hidden="true">{ i18n.t(TodayKey::Note) }</span>
                    <span class="visually-hidden">{ i18n.fmt(TodayKey::NoteFor, &[("c", s.company.as_str())]) }</span>
                </Link<Route>>
                <button type="button" class={if props.open { "primary" } else { "secondary" }} onclick={toggle}
                        aria-expanded={props.open.to_string()} data-testid="due-log"
                        aria-label={i18n.fmt(TodayKey::LogContactFor, &[("c", s.company.as_str())])}>
                    { i18n.t(TodayKey::LogContact) }
                </button>
            </div>
            if props.open {
                <LogForm summary={s.clone()} today={props.today} on_cancel={props.on_toggle.reform(|_| None)}
                         on_logged={props.on_logged.clone()} />
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct LogFormProps {
    summary: ProspectSummary,
    today: NaiveDate,
    on_cancel: Callback<()>,
    on_logged: Callback<String>,
}

/// Logs a contact (`activity.log`): method and an optional summary.
#[component]
fn LogForm(props: &LogFormProps) -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let kind = use_node_ref();
    let summary = use_node_ref();
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    // Focus the first field, so a keyboard or screen-reader user lands in the form.
    {
        let kind = kind.clone();
        use_effect_with((), move |_| {
            if let Some(select) = kind.cast::<web_sys::HtmlElement>() {
                let _ = select.focus();
            }
        });
    }
    let onsubmit = {
        let (kind, summary, busy, error) =
            (kind.clone(), summary.clone(), busy.clone(), error.clone());
        let (handle, i18n, on_logged) =
            (sync.handle.clone(), i18n.clone(), props.on_logged.clone());
        let s = props.summary.clone();
        let today = props.today;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let Ok(prospect_id) = Uuid::parse_str(&s.id) else {
                return;
            };
            let method = kind
                .cast::<HtmlSelectElement>()
                .and_then(|k| serde_json::from_value(serde_json::Value::String(k.value())).ok())
                .unwrap_or(ActivityKind::PhoneCall);
            let text = summary
                .cast::<HtmlInputElement>()
                .map(|i| i.value().trim().to_owned())
                .unwrap_or_default();
            let at = now();
            let args = ActivityLogArgs {
                id: new_id(at),
                prospect_id,
                kind: method,
                at,
                summary: text,
            };
            let mutation = Mutation::activity_log(new_id(at), &args, at);
            let next = next_contact_due(
                &CadenceConfig::default(),
                s.grade,
                Status::Open,
                today,
                Some(today),
            )
            .map(time::date)
            .unwrap_or_default();
            let done = i18n.fmt(TodayKey::Logged, &[("c", s.company.as_str()), ("d", &next)]);
            busy.set(true);
            error.set(None);
            let (handle, i18n, busy, error, on_logged) = (
                handle.clone(),
                i18n.clone(),
                busy.clone(),
                error.clone(),
                on_logged.clone(),
            );
            spawn_local(async move {
                match handle.save(vec![mutation]).await {
                    Ok(()) => on_logged.emit(done),
                    Err(e) => error.set(Some(save_error_text(&i18n, &e))),
                }
                busy.set(false);
            });
        })
    };
    let id = &props.summary.id;
    let kind_id = format!("log-kind-{id}");
    let summary_id = format!("log-summary-{id}");
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <form class="log-form" {onsubmit} novalidate=true data-testid="log-form">
            <label class="field-label" for={kind_id.clone()}>{ i18n.t(TodayKey::LogMethod) }</label>
            <select id={kind_id} ref={kind} data-testid="log-kind">
                { for ActivityKind::ALL.iter().map(|k| {
                    let code = code_of(k);
                    html! { <option key={code.clone()} value={code}>{ k.label().get(i18n.lang) }</option> }
                }) }
            </select>
            <label class="field-label" for={summary_id.clone()}>{ i18n.t(TodayKey::LogSummary) }</label>
            <input id={summary_id} ref={summary} placeholder={i18n.t(TodayKey::LogSummaryHint)} data-testid="log-summary" />
            if let Some(e) = (*error).clone() {
                <p class="error" role="alert">{ e }</p>
            }
            <div class="actions">
                <button type="button" class="secondary" onclick={cancel}>{ i18n.t(TodayKey::Cancel) }</button>
                <button type="submit" class="primary" disabled={*busy} data-testid="log-save">
                    { if *busy { i18n.t(TodayKey::Saving) } else { i18n.t(TodayKey::Save) } }
                </button>
            </div>
        </form>
    }
}

// ---------------------------------------------------------------------------------------
// Approvals

#[derive(Properties, PartialEq)]
struct ApprovalsCardProps {
    list: Ptr<ProspectList>,
    view: Option<Ptr<LocalView>>,
    me: AttrValue,
    manager: bool,
}

#[component]
fn ApprovalsCard(props: &ApprovalsCardProps) -> Html {
    let i18n = use_i18n();
    let message = use_state(|| None::<String>);
    let Some(view) = &props.view else {
        return html! {};
    };
    let (waiting, mut others) = model::approvals(view.0.entity(Entity::Approval), &props.me, now());
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

#[derive(Properties, PartialEq)]
struct ApprovalItemProps {
    approval: Approval,
    /// The prospect's company, if the prospect is on this phone.
    company: Option<String>,
    /// The user decides it (Approve / Reject).
    decide: bool,
    on_decided: Callback<String>,
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
fn ApprovalItem(props: &ApprovalItemProps) -> Html {
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

// ---------------------------------------------------------------------------------------
// Monthly plan

#[derive(Properties, PartialEq)]
struct PlanCardProps {
    list: Ptr<ProspectList>,
    activities: Option<Ptr<LocalView>>,
    me: AttrValue,
    today: NaiveDate,
}

#[component]
fn PlanCard(props: &PlanCardProps) -> Html {
    let i18n = use_i18n();
    let prospects = &props.list.0.prospects;
    let portfolio = model::portfolio(prospects, &props.me);
    let logged = props
        .activities
        .as_ref()
        .map(|v| model::logged_work(v.0.entity(Entity::Activity), prospects, &props.me))
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
                        <tr key={format!("{:?}", row.work)} data-testid="plan-row"
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
