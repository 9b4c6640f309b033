//! Choosing the prospect a note is about: the prospects the rep wrote about last and those
//! most due for contact first, or type to search every prospect (company, contact, phone,
//! products) — over the list's small summaries, so 10,000 prospects stay instant.

use std::rc::Rc;

use chrono::NaiveDate;
use tuoke_core::types::Status;
use tuoke_sync::summary::{ProspectList, ProspectSummary};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::grade_badge::{grade_badge, GradeMark};
use crate::i18n::{use_i18n, CaptureKey};
use crate::services::time::{self, Due, Wording};

/// Suggestions shown before anything is typed.
const SUGGESTIONS: usize = 6;
/// Matches shown while typing (keep typing to narrow down).
const MATCHES: usize = 20;

/// The prospects to offer: with an empty `query`, the `recent` ones (in that order) then the
/// open ones most due for contact (overdue first, undated last); otherwise those whose
/// search text contains every word of the query, due first. Returns them (at most `limit`)
/// and how many matched in all.
pub fn rank<'a>(
    prospects: &'a [ProspectSummary],
    texts: &[String],
    recent: &[String],
    query: &str,
    limit: usize,
) -> (Vec<&'a ProspectSummary>, usize) {
    fn due(p: &ProspectSummary) -> (NaiveDate, &str) {
        (
            p.next_contact_due.unwrap_or(NaiveDate::MAX),
            p.company.as_str(),
        )
    }
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        let mut shown: Vec<&ProspectSummary> = recent
            .iter()
            .filter_map(|id| {
                prospects
                    .binary_search_by(|p| p.id.as_str().cmp(id))
                    .ok()
                    .map(|i| &prospects[i])
            })
            .take(limit)
            .collect();
        let mut open: Vec<&ProspectSummary> = prospects
            .iter()
            .filter(|p| p.status == Status::Open && !recent.contains(&p.id))
            .collect();
        open.sort_by(|a, b| due(a).cmp(&due(b)));
        shown.extend(open.into_iter().take(limit.saturating_sub(shown.len())));
        let total = shown.len();
        return (shown, total);
    }
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut found: Vec<&ProspectSummary> = prospects
        .iter()
        .zip(texts)
        .filter(|(_, text)| words.iter().all(|w| text.contains(w)))
        .map(|(p, _)| p)
        .collect();
    let total = found.len();
    found.sort_by(|a, b| {
        (a.status != Status::Open, due(a)).cmp(&(b.status != Status::Open, due(b)))
    });
    found.truncate(limit);
    (found, total)
}

/// The list with each prospect's search text, made once per loaded list.
struct Searchable {
    list: Rc<ProspectList>,
    texts: Vec<String>,
}

/// Compares lists by identity: a reload makes a new `Rc`, and comparing 10,000 summaries on
/// every render would cost more than the search.
#[derive(Clone)]
struct ById(Rc<ProspectList>);

impl PartialEq for ById {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    pub list: Option<Rc<ProspectList>>,
    /// Prospect ids the rep captured for lately, most recent first.
    pub recent: Vec<String>,
    pub on_pick: Callback<String>,
    pub on_new: Callback<()>,
    pub today: NaiveDate,
}

/// Search box, "new prospect" and the suggested or matching prospects.
#[component]
pub fn Picker(props: &PickerProps) -> Html {
    let i18n = use_i18n();
    let query = use_state(String::new);
    let searchable = use_memo(props.list.clone().map(ById), |list| {
        list.as_ref().map(|ById(list)| Searchable {
            list: list.clone(),
            texts: list.prospects.iter().map(|p| p.search_text()).collect(),
        })
    });
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            query.set(input.value());
        })
    };
    let on_new = {
        let cb = props.on_new.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let body = match searchable.as_ref() {
        None => html! { <p class="hint" role="status">{ i18n.t(crate::i18n::Key::Loading) }</p> },
        Some(s) => {
            let limit = if query.trim().is_empty() {
                SUGGESTIONS
            } else {
                MATCHES
            };
            let (shown, total) = rank(&s.list.prospects, &s.texts, &props.recent, &query, limit);
            let heading = if query.trim().is_empty() {
                i18n.t(CaptureKey::Suggested).to_owned()
            } else {
                i18n.fmt(CaptureKey::Matches, &[("n", total.to_string().as_str())])
            };
            html! {
                <>
                    <p class="picker-heading" role="status" aria-live="polite">{ heading }</p>
                    if shown.is_empty() {
                        <p class="empty">{ i18n.t(if s.list.prospects.is_empty() { CaptureKey::NoProspectsYet } else { CaptureKey::NoMatch }) }</p>
                    }
                    <ul class="picker-list">
                        { for shown.iter().map(|p| {
                            let id = p.id.clone();
                            let pick = props.on_pick.clone();
                            let onclick = Callback::from(move |_: MouseEvent| pick.emit(id.clone()));
                            html! {
                                <li key={p.id.clone()}>
                                    <button type="button" class="picker-row" {onclick} data-testid="capture-pick" data-id={p.id.clone()}>
                                        <span class="picker-company">{ p.company.clone() }</span>
                                        <span class="picker-meta">
                                            { grade_badge(&i18n, GradeMark::of_summary(p), false, Some("capture-pick-grade")) }
                                            { contact_line(p) }
                                            { due_text(&i18n, p, props.today) }
                                        </span>
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                    if total > shown.len() {
                        <p class="hint">{ i18n.fmt(CaptureKey::KeepTyping, &[("n", (total - shown.len()).to_string().as_str())]) }</p>
                    }
                </>
            }
        }
    };
    html! {
        <div class="card picker" data-testid="capture-picker">
            <label class="field-label" for="capture-search">{ i18n.t(CaptureKey::WhichProspect) }</label>
            <input id="capture-search" type="search" {oninput} autocomplete="off" enterkeyhint="search"
                   placeholder={i18n.t(CaptureKey::SearchHint)} data-testid="capture-search" />
            <button type="button" class="secondary picker-new" onclick={on_new} data-testid="capture-new-prospect">
                { i18n.t(crate::i18n::Key::CaptureNewProspect) }
            </button>
            { body }
        </div>
    }
}

fn contact_line(p: &ProspectSummary) -> String {
    p.contacts
        .first()
        .map(|(name, _)| name.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_default()
}

fn due_text(i18n: &crate::i18n::I18n, p: &ProspectSummary, today: NaiveDate) -> Html {
    let Some(due) = p.next_contact_due.filter(|_| p.status == Status::Open) else {
        return html! {};
    };
    let due = Due::of(due, today);
    let class = match due {
        Due::Overdue(_) => "due overdue",
        Due::Today => "due today",
        Due::Ahead(..) => "due",
    };
    html! { <span class={class}>{ time::due_text(i18n, due, today, Wording::InDays) }</span> }
}

#[cfg(test)]
#[path = "picker_tests.rs"]
mod tests;
