//! The contacts due today and overdue, per grade, each with its quick actions (call, note,
//! log a contact).

use chrono::NaiveDate;
use tuoke_core::cadence::CadenceConfig;
use tuoke_core::types::Grade;
use tuoke_sync::summary::{ProspectList, ProspectSummary};
use yew::prelude::*;
use yew_router::prelude::*;

use super::log_form::LogForm;
use super::model::{self, DueGroup};
use crate::i18n::{use_i18n, Key, LabelKey, ListKey, TodayKey};
use crate::pages::shared::Ptr;
use crate::route::Route;
use crate::services::tel;

/// Entries shown per grade before "show all".
const GROUP_PREVIEW: usize = 10;

#[derive(Properties, PartialEq)]
pub struct DueCardProps {
    pub list: Ptr<ProspectList>,
    pub groups: Ptr<Vec<DueGroup>>,
    pub owns_any: bool,
    /// The first sync has not completed yet.
    pub first_sync: bool,
    pub today: NaiveDate,
}

#[component]
pub fn DueCard(props: &DueCardProps) -> Html {
    let i18n = use_i18n();
    let expanded = use_state(Vec::<Option<Grade>>::new);
    let logging = use_state(|| None::<String>);
    let message = use_state(|| None::<String>);
    let groups = &props.groups.0;
    let (due, overdue) = model::due_counts(groups);
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
                        <Link<Route> to={Route::CaptureNew} classes="button primary">{ i18n.t(ListKey::CaptureFirst) }</Link<Route>>
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
    let (due_text, due_class) = if props.days_overdue == 0 {
        (i18n.t(ListKey::DueToday).to_owned(), "today")
    } else {
        (
            i18n.fmt(ListKey::Overdue, &[("n", &props.days_overdue.to_string())]),
            "overdue",
        )
    };
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
