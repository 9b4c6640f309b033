//! The filters and the sort order.

use tuoke_core::fit::FitStatus;
use tuoke_core::types::{LeadSource, Stage};
use tuoke_search::{Filters, GradeFilter, ListState, Sort};
use tuoke_sync::summary::ProspectList;
use tuoke_sync::team::Team;
use uuid::Uuid;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::state::{Change, Model};
use crate::hooks::{use_prospect_list, use_sync, use_team};
use crate::i18n::{use_i18n, I18n, LabelKey, ListKey};
use crate::pages::shared::{code_of, colleague_name, Ptr};

/// The owners of the list's prospects as `(id, name)`, by name (the user first, as "我");
/// empty when all the prospects are one person's (a rep's list), where the filter would
/// choose nothing.
fn owner_options(i18n: &I18n, list: &ProspectList, team: &Team, me: &str) -> Vec<(String, String)> {
    let mut ids: Vec<&str> = list
        .prospects
        .iter()
        .map(|s| s.owner_id.as_str())
        .filter(|o| !o.is_empty())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() < 2 {
        return Vec::new();
    }
    let mut owners: Vec<(String, String)> = ids
        .into_iter()
        .map(|id| (id.to_owned(), colleague_name(i18n, team, me, id)))
        .collect();
    owners.sort_by(|a, b| (a.0 != me, &a.1).cmp(&(b.0 != me, &b.1)));
    owners
}

#[derive(Properties, PartialEq)]
pub(super) struct FilterPanelProps {
    pub(super) state: ListState,
    pub(super) model: UseReducerDispatcher<Model>,
}

/// The filters and the sort order.
#[component]
pub(super) fn FilterPanel(props: &FilterPanelProps) -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let team = use_team();
    let list = use_prospect_list();
    let me = sync.state.user_id().unwrap_or_default();
    let owners = use_memo(
        (list.map(Ptr), Ptr(team), me, i18n.lang),
        |(list, team, me, _)| match list {
            Some(l) => owner_options(&i18n, &l.0, &team.0, me),
            None => Vec::new(),
        },
    );
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
    // Shown when the list holds more than one owner's prospects (a manager's), or when a
    // remembered owner filter is set (so it can be cleared).
    let owner_select = (!owners.is_empty() || f.owner.is_some()).then(|| {
        let options: Vec<(String, String)> = std::iter::once(any())
            .chain(owners.iter().cloned())
            .collect();
        html! {
            <FilterSelect id="filter-owner" label={i18n.t(ListKey::FilterOwner)} {options}
                value={f.owner.map(|o| o.to_string()).unwrap_or_default()}
                onchange={set(|f, c| f.owner = Uuid::parse_str(c).ok())} />
        }
    });
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
            { for owner_select }
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
pub(super) struct FilterSelectProps {
    pub(super) id: AttrValue,
    pub(super) label: AttrValue,
    /// `(code, label)`; the empty code means "any".
    pub(super) options: Vec<(String, String)>,
    pub(super) value: AttrValue,
    pub(super) onchange: Callback<String>,
}

/// A labelled select whose shown value follows `value` (also after "clear filters").
#[component]
pub(super) fn FilterSelect(props: &FilterSelectProps) -> Html {
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
