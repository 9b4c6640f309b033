//! The list's state (search, filters, sort) and where it is remembered: the URL query and
//! the tab's sessionStorage.

use std::rc::Rc;

use tuoke_search::{Filters, ListQuery, ListState, Sort};
use yew::prelude::*;
use yew_router::history::{BrowserHistory, History};
use yew_router::prelude::*;

use crate::route::Route;
use crate::services::debounce::Debounce;
use crate::services::prefs;

pub(super) enum Change {
    Query(String),
    Filters(Filters),
    Sort(Sort),
    ClearFilters,
}

#[derive(Clone, PartialEq)]
pub(super) struct Model(pub(super) ListState);

impl Reducible for Model {
    type Action = Change;
    fn reduce(self: Rc<Self>, change: Change) -> Rc<Self> {
        let mut s = self.0.clone();
        match change {
            Change::Query(q) => s.query = q,
            Change::Filters(f) => s.filters = f,
            Change::Sort(sort) => s.sort = sort,
            Change::ClearFilters => s.filters = Filters::default(),
        }
        Rc::new(Model(s))
    }
}

/// How long the search must rest before it is written into the URL and sessionStorage.
const REMEMBER_AFTER_MS: u32 = 400;

/// The list as the URL asks for it; without a query, as the rep last left it in this tab.
pub(super) fn initial_state() -> ListState {
    let location = BrowserHistory::new().location();
    let query = location.query::<ListQuery>().unwrap_or_default();
    if !query.is_empty() {
        return ListState::from(&query);
    }
    prefs::prospects_query()
        .get()
        .map(|q| ListState::from(&q))
        .unwrap_or_default()
}

/// Writes the state into the URL (replacing the entry: typing is not navigation) and the
/// tab's sessionStorage.
fn remember(state: &ListState, navigator: Option<&Navigator>) {
    remember_in_session(state);
    let query = ListQuery::from(state);
    let current = BrowserHistory::new()
        .location()
        .query::<ListQuery>()
        .unwrap_or_default();
    if let Some(nav) = navigator.filter(|_| current != query) {
        if query.is_empty() {
            nav.replace(&Route::Prospects);
        } else {
            let _ = nav.replace_with_query(&Route::Prospects, &query);
        }
    }
}

/// Writes the state into the tab's sessionStorage only (the screen is closing: the URL is
/// already another screen's).
fn remember_in_session(state: &ListState) {
    prefs::prospects_query().set(&ListQuery::from(state));
}

/// Remembers the state once it changed: writing the URL re-renders every screen part that
/// reads the route, so while the rep types it waits for a pause; if the screen closes first,
/// the state goes to sessionStorage (which the list reads when its URL has no query), not
/// into the next screen's URL.
#[hook]
pub(super) fn use_remember(state: &ListState, navigator: Option<Navigator>) {
    let remember_later = use_memo((), |_| {
        Debounce::new(
            REMEMBER_AFTER_MS,
            |(state, navigator): (ListState, Option<Navigator>)| {
                remember(&state, navigator.as_ref())
            },
        )
    });
    {
        let remember_later = remember_later.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some((state, _)) = remember_later.take() {
                    remember_in_session(&state);
                }
            }
        });
    }
    use_effect_with(state.clone(), move |state| {
        remember_later.push((state.clone(), navigator));
    });
}
