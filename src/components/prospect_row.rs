//! One prospect in a list: company, grade, stage, when to contact it next, who and what.

use chrono::NaiveDate;
use tuoke_core::types::Status;
use tuoke_sync::summary::ProspectSummary;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::virtual_list::row_style;
use crate::i18n::{use_i18n, I18n, Key, LabelKey, ListKey};

#[derive(Properties, PartialEq)]
pub struct ProspectRowProps {
    pub summary: ProspectSummary,
    /// Position in the list (0-based) and the list's length, for placement and screen readers.
    pub index: usize,
    pub of: usize,
    pub row_height: u32,
    pub today: NaiveDate,
}

/// How the next contact reads: overdue, today, or the date (with the year only when it is
/// not this year's). `None` for won and lost prospects.
pub fn due_text(
    i18n: &I18n,
    due: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<(String, &'static str)> {
    let due = due?;
    let days = (today - due).num_days();
    Some(if days > 0 {
        (
            i18n.fmt(ListKey::Overdue, &[("n", &days.to_string())]),
            "overdue",
        )
    } else if days == 0 {
        (i18n.t(ListKey::DueToday).to_owned(), "today")
    } else {
        let format = if chrono::Datelike::year(&due) == chrono::Datelike::year(&today) {
            "%m-%d"
        } else {
            "%Y-%m-%d"
        };
        (
            i18n.fmt(ListKey::DueOn, &[("d", &due.format(format).to_string())]),
            "later",
        )
    })
}

/// A fixed-height row (the list is virtual) linking to the prospect: company, grade, stage,
/// next contact; then first contact, phone, products and region (what search looks at).
#[component]
pub fn ProspectRow(props: &ProspectRowProps) -> Html {
    let i18n = use_i18n();
    let s = &props.summary;
    let grade = match s.grade {
        Some(g) => html! {
            <span class="grade" data-grade={g.code()} aria-label={i18n.fmt(LabelKey::Grade, &[("g", g.code())])}
                  title={s.needs_confirmation.then(|| i18n.t(LabelKey::NeedsConfirmation))}>
                { g.code() }{ if s.needs_confirmation { "?" } else { "" } }
            </span>
        },
        None => html! { <span class="grade none">{ i18n.t(LabelKey::Ungraded) }</span> },
    };
    let due = (s.status == Status::Open)
        .then(|| due_text(&i18n, s.next_contact_due, props.today))
        .flatten();
    let who: Vec<&str> = s
        .contacts
        .first()
        .map(|(name, phone)| [name.as_str(), phone.as_str()])
        .into_iter()
        .flatten()
        .chain([s.products.as_str(), s.region.as_str()])
        .filter(|t| !t.is_empty())
        .collect();
    html! {
        <li class="prow" style={row_style(props.index, props.row_height)} data-testid="prospect-row"
            data-id={s.id.clone()} aria-setsize={props.of.to_string()} aria-posinset={(props.index + 1).to_string()}>
            <Link<Route> to={Route::Prospect { id: s.id.clone() }} classes="prow-link">
                <span class="prow-top">
                    <span class="company">{ s.company.clone() }</span>
                    if s.pending {
                        <span class="badge pending" data-testid="pending-badge">{ i18n.t(Key::PendingBadge) }</span>
                    }
                </span>
                <span class="prow-meta">
                    { grade }
                    <span class="stage">{ i18n.t(LabelKey::stage(s.stage)) }</span>
                    if let Some(to) = s.pending_stage {
                        <span class="awaiting">{ i18n.fmt(ListKey::AwaitingStage, &[("s", i18n.t(LabelKey::stage(to)))]) }</span>
                    }
                    if let Some((text, class)) = due {
                        <span class={classes!("due", class)} data-testid="prospect-due">{ text }</span>
                    }
                </span>
                <span class="prow-sub">{ who.join(" · ") }</span>
            </Link<Route>>
        </li>
    }
}
