//! The profile card: every profile field read-only, and an edit mode that saves only the
//! fields the rep changed as one `prospect.put` patch.

use std::rc::Rc;

use serde_json::{Map, Value};
use tuoke_core::types::Prospect;
use yew::prelude::*;

use super::super::form::{
    draft_text, errors_of, format_money, full_money, on_field, parse_money, use_edit_form,
    value_of, Choice, Errors, Field, Kind,
};
use super::specs::{options, shown, Options, GROUPS};
use crate::i18n::{use_i18n, Key, ProfileKey as P};

pub(super) fn stored(prospect: &Prospect) -> Map<String, Value> {
    match serde_json::to_value(prospect) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct ProfileCardProps {
    pub(super) id: String,
    pub(super) prospect: Rc<Prospect>,
}

#[component]
pub(super) fn ProfileCard(props: &ProfileCardProps) -> Html {
    let i18n = use_i18n();
    let form = use_edit_form(&props.id);
    let values = stored(&props.prospect);

    let start = {
        let values = values.clone();
        form.opener(move || {
            GROUPS
                .iter()
                .flat_map(|(_, specs)| specs.iter())
                .map(|s| (s.name, draft_text(values.get(s.name))))
                .collect()
        })
    };
    let (put, editing, draft, errors, form_ref) = form.parts();
    let cancel = {
        let (editing, errors) = (editing.clone(), errors.clone());
        Callback::from(move |_: MouseEvent| {
            errors.set(Errors::default());
            editing.set(false);
        })
    };
    let onsubmit = {
        let (editing, draft, errors, put, i18n, values) = (
            editing.clone(),
            draft.clone(),
            errors.clone(),
            put.clone(),
            i18n.clone(),
            values.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // Only the fields the rep touched, and only when they differ from the record.
            let mut patch = Map::new();
            let mut bad = std::collections::BTreeMap::new();
            for spec in GROUPS.iter().flat_map(|(_, specs)| specs.iter()) {
                if !draft.touched(spec.name) {
                    continue;
                }
                match value_of(spec.kind, &draft.get(spec.name)) {
                    Ok(new) => {
                        if values.get(spec.name).unwrap_or(&Value::Null) != &new {
                            patch.insert(spec.name.to_owned(), new);
                        }
                    }
                    Err(err) => {
                        bad.insert(spec.name.to_owned(), err.text(&i18n));
                    }
                }
            }
            if !bad.is_empty() {
                errors.set(Rc::new(bad));
                return;
            }
            let done = {
                let editing = editing.clone();
                Callback::from(move |_| editing.set(false))
            };
            if let Err(err) = put.save(patch, done) {
                errors.set(errors_of(&i18n, &err));
            }
        })
    };

    let body = if *editing {
        let oninput = on_field(&draft, &errors);
        let error = |name: &str| errors.get(name).cloned();
        html! {
            <form class="form profile-form" ref={form_ref} onsubmit={onsubmit} novalidate=true data-testid="profile-form">
                { for GROUPS.iter().map(|(title, specs)| html! {
                    <fieldset class="group">
                        <legend>{ i18n.t(*title) }</legend>
                        { for specs.iter().map(|s| {
                            let label = AttrValue::from(i18n.t(s.label));
                            let value = draft.get(s.name);
                            if s.kind == Kind::Choice {
                                html! {
                                    <Choice name={s.name} {label} {value} options={options(&i18n, s.options)}
                                        onchange={oninput.clone()} error={error(s.name)}
                                        segmented={s.options == Options::YesNo} />
                                }
                            } else {
                                let (hint, preview) = match s.kind {
                                    Kind::Money => (
                                        Some(AttrValue::from(i18n.t(P::MoneyHint))),
                                        parse_money(&value)
                                            .filter(|_| !value.trim().is_empty())
                                            .map(|n| format!("= {} · {}", format_money(&i18n, n), full_money(n))),
                                    ),
                                    _ => (None, None),
                                };
                                html! {
                                    <Field name={s.name} {label} {value} kind={s.kind} oninput={oninput.clone()}
                                        error={error(s.name)} {hint} {preview} />
                                }
                            }
                        }) }
                    </fieldset>
                }) }
                <div class="form-actions">
                    <button type="button" class="secondary" onclick={cancel} data-testid="profile-cancel">{ i18n.t(Key::Cancel) }</button>
                    <button type="submit" class="primary" data-testid="profile-save">{ i18n.t(P::Save) }</button>
                </div>
            </form>
        }
    } else {
        html! {
            <>
                { for GROUPS.iter().map(|(title, specs)| html! {
                    <>
                        <h3>{ i18n.t(*title) }</h3>
                        <dl class="facts">
                            { for specs.iter().filter(|s| s.name != "company").map(|s| {
                                let value = shown(&i18n, s, values.get(s.name));
                                html! {
                                    <div class="fact" data-testid={format!("fact-{}", s.name)}>
                                        <dt>{ i18n.t(s.label) }</dt>
                                        if let Some(v) = value {
                                            <dd>{ v }</dd>
                                        } else {
                                            <dd class="missing">{ i18n.t(P::NotRecorded) }</dd>
                                        }
                                    </div>
                                }
                            }) }
                        </dl>
                    </>
                }) }
            </>
        }
    };
    html! {
        <section class="card profile-card" aria-labelledby="profile-title" data-testid="profile-card">
            <div class="card-head">
                <h2 id="profile-title">{ i18n.t(P::ProfileTitle) }</h2>
                if !*editing {
                    <button type="button" class="secondary" onclick={start} data-testid="profile-edit">{ i18n.t(P::Edit) }</button>
                }
            </div>
            { body }
        </section>
    }
}
