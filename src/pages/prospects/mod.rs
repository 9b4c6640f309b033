//! The Prospects list: search as you type (company, contact, phone, products), filters by
//! grade, stage, target fit and lead source, sorted by next contact due; offline, from the
//! prospect summaries, and fast with 10,000 of them (see [`tuoke_search`] for how, and
//! [`VirtualList`] for rendering only the rows on screen).
//!
//! The search and filters live in the URL query (and the tab's sessionStorage), so opening a
//! prospect and coming back, or following a Pipeline link, shows the list as expected.

mod filters;
mod state;

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

pub use tuoke_search::ListQuery;

use crate::components::prospect_row::{follow_link, prospect_row};
use crate::components::virtual_list::{Row, VirtualList};
use crate::hooks::{use_prospect_list, use_scrolled, use_sync};
use crate::i18n::{use_i18n, Key, ListKey};
use crate::pages::shared::Ptr;
use crate::route::Route;
use crate::services::prefs;
use crate::services::time::today;
use filters::FilterPanel;
use state::{initial_state, use_remember, Change, Model};

/// Height of a row in CSS pixels (`.prow` in list.css says the same).
const ROW_HEIGHT: u32 = 88;

#[component]
pub fn Prospects() -> Html {
    let i18n = use_i18n();
    let navigator = use_navigator();
    let list = use_prospect_list();
    let model = use_reducer_eq(|| Model(initial_state()));
    let state = &model.0;
    let filters_open = use_state_eq(|| false);
    let search = use_node_ref();

    // The search box is uncontrolled (re-renders never touch what is typed); it starts with
    // the remembered search.
    {
        let (search, query) = (search.clone(), state.query.clone());
        use_effect_with((), move |_| {
            if let Some(input) = search.cast::<HtmlInputElement>() {
                input.set_value(&query);
            }
        });
    }
    // Remember the state; a new search or filter starts at the top of the list.
    use_remember(state, navigator.clone());
    let scrolled = use_scrolled();
    {
        let first = use_mut_ref(|| true);
        use_effect_with(state.clone(), move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) && scrolled.get() {
                gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
            }
        });
    }
    // Back from a prospect opened here: the list scrolls to where it was.
    use_effect_with(list.is_some(), |loaded| {
        if *loaded {
            if let Some(y) = prefs::prospects_scroll().take() {
                gloo::utils::window().scroll_to_with_x_and_y(0.0, y);
            }
        }
    });

    let key = list.clone().map(Ptr);
    // The order and search text, made again when the list or its order changes.
    let index = use_memo((key.clone(), state.sort), |(list, sort)| {
        list.as_ref()
            .map(|l| tuoke_search::SearchIndex::new(&l.0.prospects, *sort))
            .unwrap_or_default()
    });
    // The last selection: typing one more letter narrows it instead of scanning everything.
    let last = use_mut_ref(|| None::<Rc<tuoke_search::Selection>>);
    let selected = use_memo(
        (
            key,
            Ptr(index.clone()),
            state.filters,
            tuoke_search::terms(&state.query),
        ),
        |(list, index, filters, terms)| match list {
            Some(l) => {
                let previous = last.borrow().clone();
                let selection = Rc::new(tuoke_search::Selection::new(
                    &l.0.prospects,
                    &index.0,
                    *filters,
                    terms.clone(),
                    previous.as_deref(),
                ));
                *last.borrow_mut() = Some(selection.clone());
                selection
            }
            None => Rc::default(),
        },
    );

    let oninput = {
        let model = model.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            model.dispatch(Change::Query(input.value()));
        })
    };
    // Enter puts the phone's keyboard away to show the results.
    let onkeydown = Callback::from(|e: KeyboardEvent| {
        if e.key() == "Enter" {
            let input: HtmlInputElement = e.target_unchecked_into();
            let _ = input.blur();
        }
    });
    let toggle = {
        let open = filters_open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let clear = {
        let model = model.clone();
        Callback::from(move |_| model.dispatch(Change::ClearFilters))
    };
    // Opening a prospect from the list: remember where the list was scrolled.
    let onclick_list = {
        let navigator = navigator.clone();
        Callback::from(move |e: MouseEvent| {
            let scroll = gloo::utils::window().scroll_y();
            if follow_link(&e, navigator.as_ref()) {
                if let Ok(y) = scroll {
                    prefs::prospects_scroll().set(&y);
                }
            }
        })
    };

    let active = state.filters.active();
    let toggle_label = if active > 0 {
        i18n.fmt(ListKey::FiltersActive, &[("n", &active.to_string())])
    } else {
        i18n.t(ListKey::Filters).to_owned()
    };
    let total = list.as_ref().map_or(0, |l| l.prospects.len());
    let count = if selected.len() == total {
        i18n.fmt(ListKey::Count, &[("n", &total.to_string())])
    } else {
        i18n.fmt(
            ListKey::CountFiltered,
            &[
                ("n", &selected.len().to_string()),
                ("total", &total.to_string()),
            ],
        )
    };

    let sync = use_sync();
    let first_sync = sync.state.never_synced();
    let body = match &list {
        None => html! { <p class="hint" role="status">{ i18n.t(Key::Loading) }</p> },
        // A phone that never synced has not received the rep's prospects yet.
        Some(l) if l.prospects.is_empty() && first_sync => html! {
            <p class="hint" role="status">{ i18n.t(ListKey::FirstSync) }</p>
        },
        Some(l) if l.prospects.is_empty() => html! {
            <div class="card empty" data-testid="prospects-empty">
                <p>{ i18n.t(ListKey::Empty) }</p>
                <div class="actions">
                    <Link<Route> to={Route::CaptureNew} classes="button primary">{ i18n.t(ListKey::CaptureFirst) }</Link<Route>>
                </div>
            </div>
        },
        Some(_) if selected.is_empty() => html! {
            <div class="card empty" data-testid="prospects-no-match">
                <p>{ i18n.t(ListKey::NoMatch) }</p>
                if active > 0 {
                    <div class="actions">
                        <button type="button" class="secondary" onclick={clear.clone()}>{ i18n.t(ListKey::ClearFilters) }</button>
                    </div>
                }
            </div>
        },
        Some(l) => {
            let (l, today, texts) = (l.clone(), today(), i18n.clone());
            let n = selected.len();
            let row = {
                let selected = selected.clone();
                Callback::from(move |row: Row| {
                    let s = &l.prospects[selected.prospect(row.index)];
                    prospect_row(&texts, s, row, n, ROW_HEIGHT, today)
                })
            };
            let identity = {
                let selected = selected.clone();
                Callback::from(move |i: usize| selected.prospect(i))
            };
            html! {
                <VirtualList count={n} row_height={ROW_HEIGHT} {row} {identity} class="prospect-list"
                             label={i18n.t(Key::TabProspects)} testid="prospect-list"
                             onclick={onclick_list} />
            }
        }
    };

    html! {
        <section class="screen prospects" aria-labelledby="prospects-title">
            <div class="list-head">
                <h1 id="prospects-title">{ i18n.t(Key::TabProspects) }</h1>
                <Link<Route> to={Route::CaptureNew} classes="button primary list-add">
                    <span aria-hidden="true">{ "＋" }</span>{ i18n.t(ListKey::AddProspect) }
                </Link<Route>>
            </div>
            <div class="list-tools">
                <label class="visually-hidden" for="prospect-search">{ i18n.t(ListKey::SearchLabel) }</label>
                <input id="prospect-search" ref={search} type="search" {oninput} {onkeydown}
                       placeholder={i18n.t(ListKey::SearchPlaceholder)} autocomplete="off"
                       enterkeyhint="search" data-testid="prospect-search" />
                <div class="tools-row">
                    <span class="count" role="status" data-testid="prospect-count">{ count }</span>
                    <button type="button" class="secondary" onclick={toggle}
                            aria-expanded={(*filters_open).to_string()} aria-controls="prospect-filters"
                            data-testid="filters-toggle">{ toggle_label }</button>
                </div>
                if *filters_open {
                    <FilterPanel state={state.clone()} model={model.dispatcher()} />
                }
            </div>
            { body }
        </section>
    }
}
