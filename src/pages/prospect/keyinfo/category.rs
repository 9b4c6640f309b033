//! One category of key information: what is recorded, what to ask next, and its edit form.

use std::collections::BTreeMap;
use std::rc::Rc;

use tuoke_core::keyinfo::{category_report, Category, KeyItem as K};
use tuoke_core::types::Prospect;
use yew::prelude::*;

use super::super::form::{
    errors_of, format_money, full_money, on_field, parse_money, use_focus_first_error, use_put,
    Choice, DraftAction, DraftState, Errors, Field, Kind,
};
use super::meter::Meter;
use super::specs::{code, patch_of, specs};
use super::view::{focus_field, shown};
use crate::i18n::{use_i18n, Key, LabelKey, ProfileKey as P};

#[derive(Properties, PartialEq)]
pub(super) struct CategoryProps {
    pub(super) id: String,
    pub(super) prospect: Rc<Prospect>,
    pub(super) category: Category,
    pub(super) editing: bool,
    /// Opens this category's form (`Some`) or closes it (`None`).
    pub(super) onopen: Callback<Option<Category>>,
}

#[component]
pub(super) fn CategoryCard(props: &CategoryProps) -> Html {
    let i18n = use_i18n();
    let put = use_put(&props.id);
    let draft = use_reducer(DraftState::default);
    let errors = use_state(Errors::default);
    let form_ref = use_focus_first_error(&errors);
    let c = props.category;
    let rep = category_report(&props.prospect, c);
    let title = c.label().get(i18n.lang);
    let cat = code(c);

    // Opens the form; `Some(field)` (a tapped question) puts the cursor in that field.
    let focus = use_state(|| None::<&'static str>);
    let open = {
        let (draft, errors, prospect, onopen, focus) = (
            draft.dispatcher(),
            errors.clone(),
            props.prospect.clone(),
            props.onopen.clone(),
            focus.clone(),
        );
        Callback::from(move |field: Option<&'static str>| {
            let d = specs(c)
                .iter()
                .map(|s| (s.name, (s.draft)(&prospect)))
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
        let (draft, errors, put, i18n, onopen, prospect) = (
            draft.clone(),
            errors.clone(),
            put.clone(),
            i18n.clone(),
            props.onopen.clone(),
            props.prospect.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // The category's object is replaced as a whole: it is the recorded one (as it is
            // now, with changes from elsewhere) with the fields the rep touched.
            let mut next = (*prospect).clone();
            let mut bad = BTreeMap::new();
            for s in specs(c) {
                if !draft.touched(s.name) {
                    continue;
                }
                if let Err(err) = (s.set)(&mut next, s.kind, &draft.get(s.name)) {
                    bad.insert(s.name.to_owned(), err.text(&i18n));
                }
            }
            if !bad.is_empty() {
                errors.set(Rc::new(bad));
                return;
            }
            let patch = patch_of(c, &prospect, next);
            let onopen = onopen.clone();
            if let Err(err) = put.save_patch(patch, Callback::from(move |_| onopen.emit(None))) {
                errors.set(errors_of(&i18n, &err));
            }
        })
    };

    let filled: Vec<Html> = specs(c)
        .iter()
        .filter_map(|s| {
            let v = shown(&i18n, s.kind, (s.shown)(&props.prospect)?);
            Some(html! {
                <div class="fact" key={s.name}>
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
