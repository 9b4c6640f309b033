//! The Prospects list: search as you type (company, contact, phone, products), filters by
//! grade, stage, target fit and lead source, sorted by next contact due; offline, from the
//! prospect summaries, and fast with 10,000 of them (see [`tuoke_search`] for how, and
//! [`VirtualList`] for rendering only the rows on screen).
//!
//! The search and filters live in the URL query (and the tab's sessionStorage), so opening a
//! prospect and coming back, or following a Pipeline link, shows the list as expected.

use std::rc::Rc;

use gloo::events::EventListener;

use tuoke_core::fit::FitStatus;
use tuoke_core::types::{LeadSource, Stage};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::history::{BrowserHistory, History};
use yew_router::prelude::*;

pub use tuoke_search::ListQuery;
use tuoke_search::{Filters, GradeFilter, ListState, Sort};

use crate::components::prospect_row::{follow_link, prospect_row};
use crate::components::virtual_list::{Row, VirtualList};
use crate::hooks::{use_prospect_list, use_sync};
use crate::i18n::{use_i18n, Key, LabelKey, ListKey};
use crate::pages::{code_of, Ptr};
use crate::route::Route;
use crate::services::debounce::Debounce;
use crate::services::prefs;
use crate::services::time::today;

/// Height of a row in CSS pixels (`.prow` in list.css says the same).
const ROW_HEIGHT: u32 = 88;

enum Change {
    Query(String),
    Filters(Filters),
    Sort(Sort),
    ClearFilters,
}

#[derive(Clone, PartialEq)]
struct Model(ListState);

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
fn initial_state() -> ListState {
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
    // Remember the state; a new search or filter starts at the top of the list. Writing the
    // URL re-renders every screen part that reads the route, so while the rep types it waits
    // for a pause; if the screen closes first, the state goes to sessionStorage (which the
    // list reads when its URL has no query), not into the next screen's URL.
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
    // Where the page is scrolled, as the last scroll event said (reading the window's
    // scroll position after a keystroke would lay the page out before its frame does).
    let scrolled = use_mut_ref(|| false);
    {
        let scrolled = scrolled.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            *scrolled.borrow_mut() = window.scroll_y().unwrap_or(0.0) > 0.0;
            let listener = EventListener::new(&window, "scroll", move |_| {
                *scrolled.borrow_mut() = gloo::utils::window().scroll_y().unwrap_or(0.0) > 0.0;
            });
            move || drop(listener)
        });
    }
    {
        let navigator = navigator.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(state.clone(), move |state| {
            remember_later.push((state.clone(), navigator));
            if !std::mem::replace(&mut *first.borrow_mut(), false) && *scrolled.borrow() {
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
                    <Link<Route> to={Route::Capture} classes="button primary">{ i18n.t(ListKey::CaptureFirst) }</Link<Route>>
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
            <h1 id="prospects-title">{ i18n.t(Key::TabProspects) }</h1>
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

#[derive(Properties, PartialEq)]
struct FilterPanelProps {
    state: ListState,
    model: UseReducerDispatcher<Model>,
}

/// The filters and the sort order.
#[component]
fn FilterPanel(props: &FilterPanelProps) -> Html {
    let i18n = use_i18n();
    let f = props.state.filters;
    let any = || (String::new(), i18n.t(ListKey::Any).to_owned());
    let set = |apply: fn(&mut Filters, &str)| {
        let (model, f) = (props.model.clone(), f);
        Callback::from(move |code: String| {
            let mut next = f;
            apply(&mut next, &code);
            model.dispatch(Change::Filters(next));
        })
    };
    let grades: Vec<(String, String)> = std::iter::once(any())
        .chain(GradeFilter::ALL.into_iter().map(|g| {
            let label = match g {
                GradeFilter::Grade(grade) => i18n.fmt(LabelKey::Grade, &[("g", grade.code())]),
                GradeFilter::Ungraded => i18n.t(LabelKey::Ungraded).to_owned(),
            };
            (g.code().to_owned(), label)
        }))
        .collect();
    let stages: Vec<(String, String)> = std::iter::once(any())
        .chain(
            Stage::ALL
                .into_iter()
                .map(|s| (code_of(s), i18n.t(LabelKey::stage(s)).to_owned())),
        )
        .collect();
    let fits: Vec<(String, String)> = std::iter::once(any())
        .chain(
            [FitStatus::In, FitStatus::Out, FitStatus::Unknown]
                .into_iter()
                .map(|s| (code_of(s), i18n.t(LabelKey::fit_status(s)).to_owned())),
        )
        .collect();
    let sources: Vec<(String, String)> = std::iter::once(any())
        .chain(
            LeadSource::ALL
                .into_iter()
                .map(|s| (code_of(s), i18n.t(LabelKey::source(s)).to_owned())),
        )
        .collect();
    let sorts: Vec<(String, String)> = Sort::ALL
        .into_iter()
        .map(|s| {
            let key = match s {
                Sort::Due => ListKey::SortDue,
                Sort::Company => ListKey::SortCompany,
                Sort::Updated => ListKey::SortUpdated,
            };
            (s.code().to_owned(), i18n.t(key).to_owned())
        })
        .collect();
    let on_sort = {
        let model = props.model.clone();
        Callback::from(move |code: String| {
            let sort = Sort::ALL
                .into_iter()
                .find(|s| s.code() == code)
                .unwrap_or_default();
            model.dispatch(Change::Sort(sort));
        })
    };
    let clear = {
        let model = props.model.clone();
        Callback::from(move |_| model.dispatch(Change::ClearFilters))
    };
    html! {
        <div id="prospect-filters" class="filters" data-testid="filters">
            <FilterSelect id="filter-grade" label={i18n.t(ListKey::FilterGrade)} options={grades}
                value={f.grade.map(|g| g.code().to_owned()).unwrap_or_default()}
                onchange={set(|f, c| f.grade = GradeFilter::ALL.into_iter().find(|g| g.code() == c))} />
            <FilterSelect id="filter-stage" label={i18n.t(ListKey::FilterStage)} options={stages}
                value={f.stage.map(code_of).unwrap_or_default()}
                onchange={set(|f, c| f.stage = Stage::ALL.into_iter().find(|s| code_of(*s) == c))} />
            <FilterSelect id="filter-fit" label={i18n.t(ListKey::FilterFit)} options={fits}
                value={f.fit.map(code_of).unwrap_or_default()}
                onchange={set(|f, c| f.fit = [FitStatus::In, FitStatus::Out, FitStatus::Unknown].into_iter().find(|s| code_of(*s) == c))} />
            <FilterSelect id="filter-source" label={i18n.t(ListKey::FilterSource)} options={sources}
                value={f.source.map(code_of).unwrap_or_default()}
                onchange={set(|f, c| f.source = LeadSource::ALL.into_iter().find(|s| code_of(*s) == c))} />
            <FilterSelect id="sort" label={i18n.t(ListKey::SortBy)} options={sorts}
                value={props.state.sort.code()} onchange={on_sort} />
            <div class="filters-clear">
                <button type="button" class="secondary" onclick={clear} disabled={f.active() == 0}
                        data-testid="filters-clear">{ i18n.t(ListKey::ClearFilters) }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FilterSelectProps {
    id: AttrValue,
    label: AttrValue,
    /// `(code, label)`; the empty code means "any".
    options: Vec<(String, String)>,
    value: AttrValue,
    onchange: Callback<String>,
}

/// A labelled select whose shown value follows `value` (also after "clear filters").
#[component]
fn FilterSelect(props: &FilterSelectProps) -> Html {
    let select = use_node_ref();
    {
        let select = select.clone();
        use_effect_with(props.value.clone(), move |value| {
            if let Some(s) = select.cast::<HtmlSelectElement>() {
                s.set_value(value);
            }
        });
    }
    let onchange = {
        let cb = props.onchange.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            cb.emit(s.value());
        })
    };
    html! {
        <div class="filter">
            <label class="field-label" for={props.id.clone()}>{ props.label.clone() }</label>
            <select id={props.id.clone()} ref={select} {onchange} data-testid={props.id.clone()}>
                { for props.options.iter().map(|(code, label)| html! {
                    <option key={code.clone()} value={code.clone()}>{ label.clone() }</option>
                }) }
            </select>
        </div>
    }
}
