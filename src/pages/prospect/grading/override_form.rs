//! Overriding the computed grade with a written reason, changing it, or clearing it.

use std::collections::BTreeMap;
use std::rc::Rc;

use tuoke_core::grading::GradeView;
use tuoke_core::types::{Grade, GradeOverride};
use tuoke_core::validate::ProspectPatch;
use yew::prelude::*;

use super::super::form::{errors_of, on_field, problem_text, use_edit_form, Choice, Field, Kind};
use super::shared::meaning;
use crate::i18n::{use_i18n, Key, ProfileKey as P};

#[derive(Properties, PartialEq)]
pub struct OverrideProps {
    pub id: String,
    pub view: Rc<GradeView>,
}

const OVERRIDE_GRADE: &str = "grade_override.grade";
const OVERRIDE_REASON: &str = "grade_override.reason";

/// Override the computed grade with a written reason, change it, or clear it.
#[component]
pub fn Override(props: &OverrideProps) -> Html {
    let i18n = use_i18n();
    let form = use_edit_form(&props.id);
    let v = &*props.view;

    let start = {
        let (value, reason) = (
            v.overridden.then_some(v.value).flatten(),
            v.override_reason.clone().unwrap_or_default(),
        );
        form.opener(move || {
            [
                (
                    OVERRIDE_GRADE,
                    value.map(|g| g.code().to_owned()).unwrap_or_default(),
                ),
                (OVERRIDE_REASON, reason.clone()),
            ]
            .into_iter()
            .collect()
        })
    };
    let (put, editing, draft, errors, form_ref) = form.parts();
    let clear = {
        let (put, i18n) = (put.clone(), i18n.clone());
        Callback::from(move |_: MouseEvent| {
            let patch = ProspectPatch {
                grade_override: Some(None),
                ..ProspectPatch::default()
            };
            if let Err(err) = put.save_patch(patch.clone(), Callback::noop()) {
                put.fail(problem_text(&i18n, &err.problem));
            }
        })
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(false))
    };
    let onsubmit = {
        let (editing, draft, errors, put, i18n) = (
            editing.clone(),
            draft.clone(),
            errors.clone(),
            put.clone(),
            i18n.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let chosen = draft.get(OVERRIDE_GRADE);
            let Some(grade) = Grade::ALL.into_iter().find(|g| chosen == g.code()) else {
                let mut map = BTreeMap::new();
                map.insert(
                    OVERRIDE_GRADE.to_owned(),
                    i18n.t(P::ErrChooseGrade).to_owned(),
                );
                errors.set(Rc::new(map));
                return;
            };
            let patch = ProspectPatch {
                grade_override: Some(Some(GradeOverride {
                    grade,
                    reason: draft.get(OVERRIDE_REASON).trim().to_owned(),
                })),
                ..ProspectPatch::default()
            };
            let editing = editing.clone();
            let done = Callback::from(move |_| editing.set(false));
            if let Err(err) = put.save_patch(patch.clone(), done) {
                // The core requires a reason: say so in the words of this form.
                let errs = if err.field == OVERRIDE_REASON {
                    let mut map = BTreeMap::new();
                    map.insert(
                        OVERRIDE_REASON.to_owned(),
                        i18n.t(P::ErrOverrideReason).to_owned(),
                    );
                    Rc::new(map)
                } else {
                    errors_of(&i18n, &err)
                };
                errors.set(errs);
            }
        })
    };

    let body = if *editing {
        let oninput = on_field(&draft, &errors);
        let options = Grade::ALL
            .iter()
            .map(|g| (AttrValue::from(g.code()), AttrValue::from(g.code())))
            .collect::<Vec<_>>();
        let chosen = Grade::ALL
            .into_iter()
            .find(|g| draft.get(OVERRIDE_GRADE) == g.code());
        html! {
            <form class="form" ref={form_ref} {onsubmit} novalidate=true data-testid="override-form">
                <Choice name={OVERRIDE_GRADE} label={i18n.t(P::OverrideGrade)} value={draft.get(OVERRIDE_GRADE)} {options}
                    onchange={oninput.clone()} segmented=true error={errors.get(OVERRIDE_GRADE).cloned()}
                    hint={chosen.map(|g| AttrValue::from(meaning(&i18n, g)))} />
                <Field name={OVERRIDE_REASON} label={i18n.t(P::OverrideReason)} value={draft.get(OVERRIDE_REASON)}
                    kind={Kind::Multiline} oninput={oninput} error={errors.get(OVERRIDE_REASON).cloned()}
                    hint={AttrValue::from(i18n.t(P::OverrideReasonHint))} />
                <div class="form-actions">
                    <button type="button" class="secondary" onclick={cancel}>{ i18n.t(Key::Cancel) }</button>
                    <button type="submit" class="primary" data-testid="override-save">{ i18n.t(P::OverrideSave) }</button>
                </div>
            </form>
        }
    } else if v.overridden {
        html! {
            <>
                <p data-testid="override-summary">
                    { i18n.fmt(P::OverrideActive, &[("g", v.value.map_or("–", |g| g.code()))]) }
                    if let Some(reason) = &v.override_reason {
                        { " — " }<q>{ reason.clone() }</q>
                    }
                </p>
                <p class="hint">
                    { match v.computed {
                        Some(g) => i18n.fmt(P::ComputedGrade, &[("g", g.code()), ("m", meaning(&i18n, g))]),
                        None => i18n.t(P::ComputedNone).to_owned(),
                    } }
                </p>
                <div class="actions">
                    <button type="button" class="secondary" onclick={start} data-testid="override-change">{ i18n.t(P::OverrideChange) }</button>
                    <button type="button" class="secondary" onclick={clear} data-testid="override-clear">{ i18n.t(P::OverrideClear) }</button>
                </div>
            </>
        }
    } else {
        html! {
            <>
                <p class="hint">{ i18n.t(P::OverrideIntro) }</p>
                <div class="actions">
                    <button type="button" class="secondary" onclick={start} data-testid="override-start">{ i18n.t(P::OverrideStart) }</button>
                </div>
            </>
        }
    };
    html! {
        <section class="card override" aria-labelledby="override-title" data-testid="override">
            <h2 id="override-title">{ i18n.t(P::OverrideTitle) }</h2>
            { body }
        </section>
    }
}
