//! The six kinds of key information (SPEC §4): overall and per-category completeness, the
//! recorded values, an edit form per category (saved as that category's object), the
//! missing items as the next questions to ask, and the MAN check.
//!
//! Completeness, the questions and MAN are the core's ([`tuoke_core::keyinfo`]); this
//! module only lays them out and turns forms into patches.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::{Map, Value};
use tuoke_core::contract::Entity;
use tuoke_core::keyinfo::{category_report, man_check, report, Category, KeyItem};
use tuoke_core::types::{ManAnswers, Prospect, Tri};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::form::{
    draft_text, errors_of, format_money, full_money, on_field, parse_money, problem_text,
    prospect_of, use_focus_first_error, use_put, value_of, Choice, DraftAction, DraftState, Errors,
    Field, Kind, Put,
};
use super::SectionProps;
use crate::i18n::{use_i18n, I18n, Key, LabelKey, ProfileKey as P};

/// One field of a category's object: its key in the object, the item it fills and its kind.
struct Spec {
    /// The draft / error name: `category.key` (as the core names it in errors).
    name: &'static str,
    key: &'static str,
    item: KeyItem,
    kind: Kind,
}

const fn spec(name: &'static str, key: &'static str, item: KeyItem, kind: Kind) -> Spec {
    Spec {
        name,
        key,
        item,
        kind,
    }
}

use KeyItem as K;

const SCHEDULE: &[Spec] = &[
    spec(
        "schedule.selection_start",
        "selection_start",
        K::ScheduleSelectionStart,
        Kind::Date,
    ),
    spec(
        "schedule.selection_end",
        "selection_end",
        K::ScheduleSelectionEnd,
        Kind::Date,
    ),
    spec(
        "schedule.vendor_decision",
        "vendor_decision",
        K::ScheduleVendorDecision,
        Kind::Date,
    ),
    spec(
        "schedule.contract",
        "contract",
        K::ScheduleContract,
        Kind::Date,
    ),
    spec(
        "schedule.implementation_start",
        "implementation_start",
        K::ScheduleImplementationStart,
        Kind::Date,
    ),
    spec("schedule.go_live", "go_live", K::ScheduleGoLive, Kind::Date),
];
const BUDGET: &[Spec] = &[
    spec(
        "budget.budgeted",
        "budgeted",
        K::BudgetBudgeted,
        Kind::Choice,
    ),
    spec(
        "budget.amount_cny",
        "amount_cny",
        K::BudgetAmount,
        Kind::Money,
    ),
    spec("budget.covers", "covers", K::BudgetCovers, Kind::Multiline),
    spec(
        "budget.affordable_cny",
        "affordable_cny",
        K::BudgetAffordable,
        Kind::Money,
    ),
];
const REQUIREMENT: &[Spec] = &[
    spec(
        "requirement.motivation",
        "motivation",
        K::RequirementMotivation,
        Kind::Multiline,
    ),
    spec(
        "requirement.problems",
        "problems",
        K::RequirementProblems,
        Kind::Multiline,
    ),
    spec(
        "requirement.functional_scope",
        "functional_scope",
        K::RequirementFunctionalScope,
        Kind::Multiline,
    ),
    spec(
        "requirement.geographic_scope",
        "geographic_scope",
        K::RequirementGeographicScope,
        Kind::Text,
    ),
    spec(
        "requirement.language_scope",
        "language_scope",
        K::RequirementLanguageScope,
        Kind::Text,
    ),
    spec(
        "requirement.modules",
        "modules",
        K::RequirementModules,
        Kind::List,
    ),
    spec(
        "requirement.services",
        "services",
        K::RequirementServices,
        Kind::List,
    ),
];
const DECISION: &[Spec] = &[
    spec(
        "decision.initiator",
        "initiator",
        K::DecisionInitiator,
        Kind::Text,
    ),
    spec(
        "decision.decision_makers",
        "decision_makers",
        K::DecisionMakers,
        Kind::List,
    ),
    spec(
        "decision.process",
        "process",
        K::DecisionProcess,
        Kind::Multiline,
    ),
    spec(
        "decision.criteria",
        "criteria",
        K::DecisionCriteria,
        Kind::Multiline,
    ),
    spec(
        "decision.parent_company_role",
        "parent_company_role",
        K::DecisionParentCompanyRole,
        Kind::Text,
    ),
    spec(
        "decision.group_hq_role",
        "group_hq_role",
        K::DecisionGroupHqRole,
        Kind::Text,
    ),
];
const COMPETITION: &[Spec] = &[
    spec(
        "competition.competitors",
        "competitors",
        K::CompetitionCompetitors,
        Kind::List,
    ),
    spec(
        "competition.leader",
        "leader",
        K::CompetitionLeader,
        Kind::Text,
    ),
    spec(
        "competition.leader_strengths",
        "leader_strengths",
        K::CompetitionLeaderStrengths,
        Kind::Multiline,
    ),
    spec(
        "competition.laggard_weaknesses",
        "laggard_weaknesses",
        K::CompetitionLaggardWeaknesses,
        Kind::Multiline,
    ),
];
const EVALUATION: &[Spec] = &[
    spec(
        "evaluation.factors",
        "factors",
        K::EvaluationFactors,
        Kind::List,
    ),
    spec(
        "evaluation.most_valued",
        "most_valued",
        K::EvaluationMostValued,
        Kind::Text,
    ),
];

fn specs(c: Category) -> &'static [Spec] {
    match c {
        Category::Schedule => SCHEDULE,
        Category::Budget => BUDGET,
        Category::Requirement => REQUIREMENT,
        Category::Decision => DECISION,
        Category::Competition => COMPETITION,
        Category::Evaluation => EVALUATION,
    }
}

/// The patch field of a category (`schedule`, `budget`, …).
fn code(c: Category) -> &'static str {
    match c {
        Category::Schedule => "schedule",
        Category::Budget => "budget",
        Category::Requirement => "requirement",
        Category::Decision => "decision",
        Category::Competition => "competition",
        Category::Evaluation => "evaluation",
    }
}

/// The category's name on its jump chip.
fn short_label(c: Category) -> P {
    match c {
        Category::Schedule => P::ChipSchedule,
        Category::Budget => P::ChipBudget,
        Category::Requirement => P::ChipRequirement,
        Category::Decision => P::ChipDecision,
        Category::Competition => P::ChipCompetition,
        Category::Evaluation => P::ChipEvaluation,
    }
}

/// The stored object of a category.
fn stored(p: &Prospect, c: Category) -> Map<String, Value> {
    let value = match c {
        Category::Schedule => serde_json::to_value(p.schedule),
        Category::Budget => serde_json::to_value(&p.budget),
        Category::Requirement => serde_json::to_value(&p.requirement),
        Category::Decision => serde_json::to_value(&p.decision),
        Category::Competition => serde_json::to_value(&p.competition),
        Category::Evaluation => serde_json::to_value(&p.evaluation),
    };
    match value {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// Puts the cursor in a field of an open form (by its draft name).
fn focus_field(name: &str) {
    let id = super::form::field_id(name);
    let element = gloo::utils::document()
        .get_element_by_id(&id)
        .or_else(|| gloo::utils::document().get_element_by_id(&format!("{id}-0")));
    if let Some(el) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// A stored value as the rep reads it.
fn shown(i18n: &I18n, kind: Kind, value: &Value) -> Option<Html> {
    let text = match (kind, value) {
        (_, Value::Null) => None,
        (Kind::Money, v) => return v.as_i64().map(|n| super::overview::money_html(i18n, n)),
        (_, Value::Bool(b)) => Some(i18n.t(LabelKey::yes_no(*b)).to_owned()),
        (_, Value::Array(items)) if items.is_empty() => None,
        (_, Value::Array(items)) => Some(
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(i18n.t(P::ListSeparator)),
        ),
        (_, v) => Some(draft_text(Some(v))),
    };
    text.map(Html::from)
}

#[component]
pub fn KeyInfoSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let open = use_state(|| None::<Category>);
    let Some(record) = props.deal.get(Entity::Prospect, &props.id) else {
        return html! {};
    };
    let Some(prospect) = prospect_of(record) else {
        return html! { <p class="card error" role="alert">{ i18n.t(P::Unreadable) }</p> };
    };
    let prospect = Rc::new(prospect);
    let all = report(&prospect);
    let percent = all.percent.to_string();
    html! {
        <>
            <section class="card keyinfo-summary" aria-labelledby="keyinfo-title" data-testid="keyinfo-summary"
                data-percent={percent.clone()} data-questions={all.next_questions.len().to_string()}>
                <h2 id="keyinfo-title">{ i18n.t(P::KeyInfoTitle) }</h2>
                <Meter percent={all.percent} label={i18n.t(P::KeyInfoTitle)} />
                <ul class="category-chips">
                    { for all.categories.iter().map(|r| html! {
                        <li key={code(r.category)}>
                            <a href={format!("#cat-{}", code(r.category))} class={classes!("chip", r.is_complete().then_some("complete"))}>
                                { i18n.t(short_label(r.category)) }
                                <span class="count">{ format!("{}/{}", r.known, r.total) }</span>
                            </a>
                        </li>
                    }) }
                </ul>
                <p class="meter-text" data-testid="keyinfo-overall">
                    { i18n.fmt(P::KeyInfoOverall, &[("p", percent.as_str()), ("k", all.known.to_string().as_str()), ("t", all.total.to_string().as_str())]) }
                </p>
            </section>
            { for Category::ALL.into_iter().map(|c| {
                let onopen = {
                    let open = open.clone();
                    Callback::from(move |o: Option<Category>| open.set(o))
                };
                html! {
                    <CategoryCard key={code(c)} id={props.id.clone()} prospect={prospect.clone()} category={c}
                        editing={*open == Some(c)} {onopen} />
                }
            }) }
            <Man id={props.id.clone()} prospect={prospect.clone()} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct MeterProps {
    percent: u32,
    label: AttrValue,
}

/// A completeness bar (a progress bar to assistive technology).
#[component]
fn Meter(props: &MeterProps) -> Html {
    let p = props.percent.min(100);
    let class = match p {
        100 => "meter done",
        0..=33 => "meter low",
        _ => "meter",
    };
    html! {
        <div class={class} role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow={p.to_string()}
            aria-label={props.label.clone()}>
            <span style={format!("width: {p}%")}></span>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CategoryProps {
    id: String,
    prospect: Rc<Prospect>,
    category: Category,
    editing: bool,
    /// Opens this category's form (`Some`) or closes it (`None`).
    onopen: Callback<Option<Category>>,
}

#[component]
fn CategoryCard(props: &CategoryProps) -> Html {
    let i18n = use_i18n();
    let put = use_put(&props.id);
    let draft = use_reducer(DraftState::default);
    let errors = use_state(Errors::default);
    let form_ref = use_focus_first_error(&errors);
    let c = props.category;
    let rep = category_report(&props.prospect, c);
    let values = stored(&props.prospect, c);
    let title = c.label().get(i18n.lang);
    let cat = code(c);

    // Opens the form; `Some(field)` (a tapped question) puts the cursor in that field.
    let focus = use_state(|| None::<&'static str>);
    let open = {
        let (draft, errors, values, onopen, focus) = (
            draft.dispatcher(),
            errors.clone(),
            values.clone(),
            props.onopen.clone(),
            focus.clone(),
        );
        Callback::from(move |field: Option<&'static str>| {
            let d = specs(c)
                .iter()
                .map(|s| (s.name, draft_text(values.get(s.key))))
                .collect();
            draft.dispatch(DraftAction::Reset(d));
            errors.set(Errors::default());
            focus.set(field);
            onopen.emit(Some(c));
        })
    };
    {
        let focus = focus.clone();
        use_effect_with((props.editing, *focus), move |(editing, field)| {
            if let (true, Some(field)) = (*editing, field) {
                focus_field(field);
                focus.set(None);
            }
        });
    }
    let start = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.emit(None))
    };
    let cancel = {
        let onopen = props.onopen.clone();
        Callback::from(move |_: MouseEvent| onopen.emit(None))
    };
    let onsubmit = {
        let (draft, errors, put, i18n, onopen, values) = (
            draft.clone(),
            errors.clone(),
            put.clone(),
            i18n.clone(),
            props.onopen.clone(),
            values.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // The category's object is replaced as a whole: it is the stored one (as it is
            // now, with changes from elsewhere) with the fields the rep touched.
            let mut object = values.clone();
            let mut bad = BTreeMap::new();
            for s in specs(c) {
                if !draft.touched(s.name) {
                    continue;
                }
                match value_of(s.kind, &draft.get(s.name)) {
                    Ok(Value::Null) => {
                        object.remove(s.key);
                    }
                    Ok(Value::Array(items)) if items.is_empty() => {
                        object.remove(s.key);
                    }
                    Ok(v) => {
                        object.insert(s.key.to_owned(), v);
                    }
                    Err(err) => {
                        bad.insert(s.name.to_owned(), err.text(&i18n));
                    }
                }
            }
            if !bad.is_empty() {
                errors.set(Rc::new(bad));
                return;
            }
            let mut patch = Map::new();
            if object != values {
                patch.insert(cat.to_owned(), Value::Object(object));
            }
            let onopen = onopen.clone();
            if let Err(err) = put.save(patch, Callback::from(move |_| onopen.emit(None))) {
                errors.set(errors_of(&i18n, &err));
            }
        })
    };

    let filled: Vec<Html> = specs(c)
        .iter()
        .filter_map(|s| {
            let v = shown(&i18n, s.kind, values.get(s.key)?)?;
            Some(html! {
                <div class="fact" key={s.key}>
                    <dt>{ i18n.t(LabelKey::key_item(s.item)) }</dt>
                    <dd>{ v }</dd>
                </div>
            })
        })
        .collect();

    let body = if props.editing {
        let oninput = on_field(&draft, &errors);
        let budgeted = draft.get("budget.budgeted");
        let fields = specs(c).iter().filter(|s| match s.item {
            // Which budget items apply depends on the first answer (the core's rule).
            K::BudgetAmount | K::BudgetCovers => budgeted == "true",
            K::BudgetAffordable => budgeted == "false",
            _ => true,
        }).map(|s| {
            let label = AttrValue::from(i18n.t(LabelKey::key_item(s.item)));
            let error = errors.get(s.name).cloned();
            let value = draft.get(s.name);
            if s.kind == Kind::Choice {
                let options = vec![
                    (AttrValue::from(""), AttrValue::from(i18n.t(LabelKey::Unknown))),
                    (AttrValue::from("true"), AttrValue::from(i18n.t(P::BudgetYes))),
                    (AttrValue::from("false"), AttrValue::from(i18n.t(P::BudgetNo))),
                ];
                return html! {
                    <Choice name={s.name} {label} {value} {options} onchange={oninput.clone()} {error} segmented=true />
                };
            }
            let hint = match s.kind {
                Kind::Money => Some(AttrValue::from(i18n.t(P::MoneyHint))),
                Kind::List => Some(AttrValue::from(i18n.t(P::ListHint))),
                _ => None,
            };
            let preview = (s.kind == Kind::Money && !value.trim().is_empty())
                .then(|| parse_money(&value))
                .flatten()
                .map(|n| format!("= {} · {}", format_money(&i18n, n), full_money(n)));
            html! {
                <Field name={s.name} {label} {value} kind={s.kind} oninput={oninput.clone()} {error} {hint} {preview} />
            }
        });
        html! {
            <form class="form" ref={form_ref} {onsubmit} novalidate=true data-testid={format!("keyinfo-form-{cat}")}>
                { for fields }
                <div class="form-actions">
                    <button type="button" class="secondary" onclick={cancel}>{ i18n.t(Key::Cancel) }</button>
                    <button type="submit" class="primary" data-testid={format!("keyinfo-save-{cat}")}>{ i18n.t(P::Save) }</button>
                </div>
            </form>
        }
    } else {
        html! {
            <>
                if !filled.is_empty() {
                    <dl class="facts">{ for filled }</dl>
                }
                if rep.missing.is_empty() {
                    <p class="notice ok" data-testid="category-complete">{ i18n.t(P::CategoryComplete) }</p>
                } else {
                    <div class="ask-next">
                        <h4>{ i18n.t(P::AskNext) }</h4>
                        <ul data-testid={format!("ask-next-{cat}")}>
                            { for rep.missing.iter().map(|k| {
                                let field = specs(c).iter().find(|s| s.item == *k).map(|s| s.name);
                                let onclick = {
                                    let open = open.clone();
                                    Callback::from(move |_: MouseEvent| open.emit(field))
                                };
                                html! {
                                    <li key={format!("{k:?}")} data-testid="ask-next">
                                        <button type="button" class="ask" {onclick}>{ k.question().get(i18n.lang) }</button>
                                    </li>
                                }
                            }) }
                        </ul>
                    </div>
                }
                <div class="actions">
                    <button type="button" class="secondary" onclick={start} data-testid={format!("keyinfo-edit-{cat}")}
                        aria-label={i18n.fmt(P::EditCategory, &[("c", title)])}>{ i18n.t(P::Edit) }</button>
                </div>
            </>
        }
    };
    let progress = format!("{}/{}", rep.known, rep.total);
    html! {
        <section class={classes!("card", "category", rep.is_complete().then_some("complete"))}
            aria-labelledby={format!("cat-{cat}")} data-testid={format!("category-{cat}")}
            data-percent={rep.percent.to_string()}>
            <div class="category-head">
                <h3 id={format!("cat-{cat}")}>{ title }</h3>
                <span class="count" aria-label={i18n.fmt(P::CategoryCount, &[("k", rep.known.to_string().as_str()), ("t", rep.total.to_string().as_str())])}>{ progress }</span>
            </div>
            <Meter percent={rep.percent} label={title} />
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ManProps {
    id: String,
    prospect: Rc<Prospect>,
}

/// Money, Authority, Need: the core's verdict, and the rep's own judgement (one tap saves
/// it; "auto" leaves it to the record).
#[component]
fn Man(props: &ManProps) -> Html {
    let i18n = use_i18n();
    let put = use_put(&props.id);
    let check = man_check(&props.prospect);
    let answers = props.prospect.man;
    let rows: [(&'static str, P, P, Tri, Option<bool>); 3] = [
        (
            "money",
            P::ManMoney,
            P::ManMoneyAuto,
            check.money,
            answers.money,
        ),
        (
            "authority",
            P::ManAuthority,
            P::ManAuthorityAuto,
            check.authority,
            answers.authority,
        ),
        ("need", P::ManNeed, P::ManNeedAuto, check.need, answers.need),
    ];
    let set = {
        let (put, i18n) = (put.clone(), i18n.clone());
        Callback::from(move |(name, value): (&'static str, String)| {
            let v = match value.as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            };
            let mut next: ManAnswers = answers;
            match name {
                "man.money" => next.money = v,
                "man.authority" => next.authority = v,
                _ => next.need = v,
            }
            let mut patch = Map::new();
            if next != answers {
                patch.insert(
                    "man".into(),
                    serde_json::to_value(next).unwrap_or(Value::Null),
                );
            }
            save_quietly(&put, &i18n, patch);
        })
    };
    html! {
        <section class="card man" aria-labelledby="man-title" data-testid="man">
            <h2 id="man-title">{ i18n.t(P::ManTitle) }</h2>
            <p class="hint">{ i18n.t(P::ManIntro) }</p>
            { for rows.into_iter().map(|(name, label, auto_hint, verdict, answer)| {
                let field: &'static str = match name {
                    "money" => "man.money",
                    "authority" => "man.authority",
                    _ => "man.need",
                };
                let value = AttrValue::from(answer.map(|b| b.to_string()).unwrap_or_default());
                let options = vec![
                    (AttrValue::from(""), AttrValue::from(i18n.t(P::ManAuto))),
                    (AttrValue::from("true"), AttrValue::from(i18n.t(LabelKey::Yes))),
                    (AttrValue::from("false"), AttrValue::from(i18n.t(LabelKey::No))),
                ];
                let verdict_class = match verdict {
                    Tri::Yes => "yes",
                    Tri::No => "no",
                    Tri::Unknown => "unknown",
                };
                let source = if answer.is_some() { P::ManYours } else { auto_hint };
                html! {
                    <div class="man-row" key={name} data-testid={format!("man-{name}")} data-verdict={verdict_class}>
                        <div class="man-verdict">
                            <span class="man-label">{ i18n.t(label) }</span>
                            <span class={classes!("badge", "tri", format!("tri-{verdict_class}"))}>{ i18n.t(LabelKey::tri(verdict)) }</span>
                        </div>
                        <Choice name={field} label={i18n.fmt(P::ManYourJudgement, &[("x", i18n.t(label))])} {value} {options}
                            onchange={set.clone()} segmented=true hide_label=true hint={AttrValue::from(i18n.t(source))} />
                    </div>
                }
            }) }
        </section>
    }
}

/// Saves a one-tap change; the toast reports it (a refusal too: there is no form field to
/// show it next to).
fn save_quietly(put: &Put, i18n: &I18n, patch: Map<String, Value>) {
    if let Err(e) = put.save(patch, Callback::noop()) {
        put.fail(format!("{}: {}", e.field, problem_text(i18n, &e.problem)));
    }
}
