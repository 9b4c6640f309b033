//! One prospect in a list: company, grade, stage, when to contact it next, who and what.

use chrono::NaiveDate;
use tuoke_core::types::Status;
use tuoke_sync::summary::ProspectSummary;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::grade_badge::{grade_badge, GradeMark};
use crate::components::virtual_list::{row_style, Row};
use crate::i18n::{I18n, Key, LabelKey, ListKey};
use crate::route::Route;
use crate::services::time::{self, Due, Wording};

/// How the next contact reads: overdue, today, or the date (with the year only when it is
/// not this year's). `None` for won and lost prospects.
pub fn due_text(
    i18n: &I18n,
    due: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<(String, &'static str)> {
    let due = Due::of(due?, today);
    let class = match due {
        Due::Overdue(_) => "overdue",
        Due::Today => "today",
        Due::Ahead(..) => "later",
    };
    Some((time::due_text(i18n, due, today, Wording::OnDay), class))
}

/// Row `index` of `of` (the list is virtual): a fixed-height `<li>`, keyed by the slot the
/// list gives it ([`VirtualList`](crate::components::virtual_list::VirtualList)), so that
/// a new search moves the rows still on screen and re-uses the others' elements, changing
/// only their text. It links to the prospect with a plain `<a href>`: the list follows the
/// link inside the app ([`follow_link`]), so a row costs no component of its own. Company,
/// grade, stage, next contact; then first contact, phone, products and region (what search
/// looks at).
pub fn prospect_row(
    i18n: &I18n,
    s: &ProspectSummary,
    Row { index, slot }: Row,
    of: usize,
    row_height: u32,
    today: NaiveDate,
) -> Html {
    // One element with the same attributes and one text node whatever the grade: a new
    // search patches values instead of diffing nodes. Ungraded is styled by the missing
    // `data-grade`.
    let grade = grade_badge(i18n, GradeMark::of_summary(s), false, None);
    let due = (s.status == Status::Open)
        .then(|| due_text(i18n, s.next_contact_due, today))
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
    // One block of three lines broken by `<br>` (one inline layout per row, not three
    // blocks: a new search lays out every row on screen again).
    html! {
        <li key={slot} class="prow" style={row_style(index, row_height)} data-testid="prospect-row"
            data-id={s.id.clone()} aria-setsize={of.to_string()} aria-posinset={(index + 1).to_string()}>
            <a href={Route::Prospect { id: s.id.clone() }.to_path()} class="prow-link">
                // Floated right on the first line, so it comes first.
                if s.pending {
                    <span class="badge pending" data-testid="pending-badge">{ i18n.t(Key::PendingBadge) }</span>
                }
                <span class="company">{ s.company.clone() }</span>
                <br />
                { grade }
                { i18n.t(LabelKey::stage(s.stage)) }
                if let Some(to) = s.pending_stage {
                    <span class="awaiting">{ i18n.fmt(ListKey::AwaitingStage, &[("s", i18n.t(LabelKey::stage(to)))]) }</span>
                }
                if let Some((text, class)) = due {
                    <span class={classes!("due", class)} data-testid="prospect-due">{ text }</span>
                }
                <br />
                <span class="prow-sub">{ who.join(" · ") }</span>
            </a>
        </li>
    }
}

/// For a click inside a list of [`prospect_row`]s: when it is a plain click (no modifier, the
/// main button) on a link of the app, opens that page inside the app and returns `true`.
pub fn follow_link(e: &MouseEvent, navigator: Option<&Navigator>) -> bool {
    if e.button() != 0 || e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key() {
        return false;
    }
    let Some(link) = e
        .target_dyn_into::<web_sys::Element>()
        .and_then(|t| t.closest("a[href]").ok().flatten())
    else {
        return false;
    };
    let (Some(navigator), Some(href)) = (navigator, link.get_attribute("href")) else {
        return false;
    };
    let Some(route) = Route::recognize(&href) else {
        return false;
    };
    e.prevent_default();
    navigator.push(&route);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_next_contact_reads_overdue_today_or_the_date_with_its_year_only_when_another() {
        let i18n = I18n {
            lang: Lang::ZhHans,
            set_lang: Callback::noop(),
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let text = |y, m, d| due_text(&i18n, NaiveDate::from_ymd_opt(y, m, d), today).unwrap();
        assert_eq!(text(2026, 11, 25), ("逾期 3 天".to_owned(), "overdue"));
        assert_eq!(text(2026, 11, 28), ("今天联系".to_owned(), "today"));
        assert_eq!(text(2026, 12, 5), ("12-05 联系".to_owned(), "later"));
        assert_eq!(text(2027, 1, 9), ("2027-01-09 联系".to_owned(), "later"));
        assert_eq!(due_text(&i18n, None, today), None);
    }
}
