//! Grading (SPEC §5): the grade with its meaning and how it was reached, the explanation
//! criterion by criterion, "needs confirmation" and "ungraded" with their reasons, the
//! questionnaire (its answers preview the grade before they are saved), the override with
//! its written reason, the grade strategy and the grade history.
//!
//! The grade itself always comes from the core ([`tuoke_core::grading`]): the record's
//! `grade` (the server's, or the local view's recomputation while an edit is unsynced) and,
//! for the preview, [`grade`] on the answers being edited.

use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};
use tuoke_core::contract::Entity;
use tuoke_core::grading::{
    criteria, grade, Answer, Criterion, GradeBasis, GradeHistoryEntry, GradeResult, GradeView,
};
use tuoke_core::playbook::grade_strategy;
use tuoke_core::types::{Grade, Level, Prospect, Qualification};
use tuoke_sync::view::ViewRecord;
use yew::prelude::*;

use super::form::{
    errors_of, on_field, part, problem_text, prospect_of, use_focus_first_error, use_put, Choice,
    DraftAction, DraftState, Errors, Field, Kind,
};
use super::SectionProps;
use crate::i18n::{use_i18n, I18n, Key, LabelKey, ProfileKey as P};
use crate::services::time::{self, today, Style};

#[component]
pub fn GradeSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let Some(record) = props.deal.get(Entity::Prospect, &props.id) else {
        return html! {};
    };
    let Some(prospect) = prospect_of(record) else {
        return html! { <p class="card error" role="alert">{ i18n.t(P::Unreadable) }</p> };
    };
    let view: GradeView =
        part(record, "grade").unwrap_or_else(|| GradeView::of(&prospect, today()));
    let prospect = Rc::new(prospect);
    let view = Rc::new(view);
    html! {
        <>
            <GradeCard view={view.clone()} informatized={prospect.informatized} />
            <Questionnaire id={props.id.clone()} prospect={prospect.clone()} />
            <Override id={props.id.clone()} view={view.clone()} />
            if let Some(g) = view.value {
                <Strategy grade={g} informatized={prospect.informatized} />
            }
            <History record={record.clone()} view={view.clone()} />
        </>
    }
}

/// `A / B` for a list of grades.
fn grades(list: &[Grade]) -> String {
    list.iter()
        .map(|g| g.code())
        .collect::<Vec<_>>()
        .join(" / ")
}

fn meaning(i18n: &I18n, g: Grade) -> &'static str {
    grade_strategy(g).definition.get(i18n.lang)
}

fn criteria_text(i18n: &I18n, list: &[Criterion], informatized: bool) -> String {
    list.iter()
        .map(|c| i18n.t(LabelKey::criterion(*c, informatized)))
        .collect::<Vec<_>>()
        .join(i18n.t(P::ListSeparator))
}

#[derive(Properties, PartialEq)]
struct GradeCardProps {
    view: Rc<GradeView>,
    informatized: Option<bool>,
}

/// The grade, its meaning, how it was reached, why it may need confirmation, and the
/// explanation criterion by criterion.
#[component]
fn GradeCard(props: &GradeCardProps) -> Html {
    let i18n = use_i18n();
    let v = &*props.view;
    let informatized = props.informatized.unwrap_or(false);
    let letter = v.value.map_or("–", |g| g.code());
    let class = classes!(
        "grade-big",
        v.value
            .map(|g| format!("grade-{}", g.code().to_ascii_lowercase()))
    );
    let headline = match v.value {
        Some(g) => {
            html! { <p class="grade-meaning" data-testid="grade-meaning">{ meaning(&i18n, g) }</p> }
        }
        None => html! { <p class="grade-meaning">{ i18n.t(LabelKey::Ungraded) }</p> },
    };
    let mismatches: Vec<Criterion> = v
        .explanation
        .iter()
        .filter(|e| !e.matched)
        .map(|e| e.criterion)
        .collect();
    let confirm = v.needs_confirmation.then(|| {
        let detail = match v.basis {
            GradeBasis::LowerCandidate => i18n.fmt(
                P::ConfirmCandidates,
                &[
                    ("g", grades(&v.candidates).as_str()),
                    ("c", v.computed.map_or("–", |g| g.code())),
                ],
            ),
            _ => i18n.fmt(
                P::ConfirmMismatches,
                &[
                    ("c", v.computed.map_or("–", |g| g.code())),
                    (
                        "m",
                        criteria_text(&i18n, &mismatches, informatized).as_str(),
                    ),
                ],
            ),
        };
        html! {
            <div class="notice warn" role="note" data-testid="needs-confirmation">
                <strong>{ i18n.t(P::NeedsConfirmationTitle) }</strong>
                <p>{ detail }</p>
            </div>
        }
    });
    let ungraded = (v.computed.is_none()).then(|| {
        html! {
            <div class="notice warn" data-testid="grade-missing">
                <strong>{ i18n.t(P::MissingAnswers) }</strong>
                <ul>
                    { for v.missing.iter().map(|c| html! { <li>{ i18n.t(LabelKey::criterion(*c, informatized)) }</li> }) }
                </ul>
            </div>
        }
    });
    let basis = match v.basis {
        GradeBasis::ContractDate => i18n.fmt(
            P::BasisContractDateOf,
            &[("g", v.contract_grade.map_or("–", |g| g.code()))],
        ),
        b => i18n.t(LabelKey::grade_basis(b)).to_owned(),
    };
    html! {
        <section class="card grade-card" aria-labelledby="grade-title" data-testid="grade-card"
            data-grade={v.value.map(|g| g.code())} data-computed={v.computed.map(|g| g.code())}
            data-overridden={v.overridden.to_string()} data-needs-confirmation={v.needs_confirmation.to_string()}>
            <h2 id="grade-title" class="visually-hidden">{ i18n.t(P::GradeTitle) }</h2>
            <div class="grade-main">
                <span {class} data-testid="grade-value" aria-label={LabelKey::grade(&i18n, v.value)}>{ letter }</span>
                <div>
                    { headline }
                    if v.overridden {
                        <p class="override-line" data-testid="grade-override-line">
                            { i18n.t(P::OverriddenByRep) }
                            if let Some(reason) = &v.override_reason {
                                { " — " }<q data-testid="grade-override-reason">{ reason.clone() }</q>
                            }
                        </p>
                        <p class="computed-line" data-testid="grade-computed">
                            { match v.computed {
                                Some(g) => i18n.fmt(P::ComputedGrade, &[("g", g.code()), ("m", meaning(&i18n, g))]),
                                None => i18n.t(P::ComputedNone).to_owned(),
                            } }
                        </p>
                    }
                    <p class="hint" data-testid="grade-basis">{ basis }</p>
                </div>
            </div>
            { for confirm }
            { for ungraded }
            if !v.explanation.is_empty() {
                <h3>{ i18n.t(P::ExplanationTitle) }</h3>
                <ul class="explanation" data-testid="grade-explanation">
                    { for v.explanation.iter().map(|e| {
                        let answer = e.answer.map_or_else(|| i18n.t(P::NotAnswered).to_owned(), |a| i18n.t(LabelKey::answer(a)).to_owned());
                        let expected = e.expected.iter().map(|a| i18n.t(LabelKey::answer(*a))).collect::<Vec<_>>().join(" / ");
                        html! {
                            <li class={classes!("criterion", if e.matched { "matched" } else { "mismatched" })}
                                key={format!("{:?}", e.criterion)} data-testid="explanation-item"
                                data-criterion={format!("{:?}", e.criterion)} data-matched={e.matched.to_string()}>
                                <span class="mark" aria-hidden="true">{ if e.matched { "✓" } else { "✗" } }</span>
                                <span class="what">{ i18n.t(LabelKey::criterion(e.criterion, informatized)) }</span>
                                <span class="answer">
                                    { i18n.fmt(P::AnswerExpected, &[("a", answer.as_str()), ("e", expected.as_str())]) }
                                    <span class="visually-hidden">{ " " }{ i18n.t(if e.matched { P::Matched } else { P::Mismatched }) }</span>
                                </span>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}

/// The answers being edited (`None`: showing the record's).
#[derive(Debug, Clone, PartialEq)]
struct Answers {
    informatized: Option<bool>,
    q: Qualification,
}

fn set_answer(a: &mut Answers, name: &str, value: &str) {
    let b = match value {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    };
    let l: Option<Level> = serde_json::from_value(json!(value)).ok();
    match name {
        "informatized" => a.informatized = b,
        "qualification.objective_need" => a.q.objective_need = b,
        "qualification.subjective_need" => a.q.subjective_need = b,
        "qualification.feasibility_started" => a.q.feasibility_started = b,
        "qualification.selection_started" => a.q.selection_started = b,
        "qualification.determination" => a.q.determination = l,
        "qualification.dissatisfaction" => a.q.dissatisfaction = l,
        _ => {}
    }
}

fn field_name(c: Criterion) -> &'static str {
    match c {
        Criterion::Informatized => "informatized",
        Criterion::ObjectiveNeed => "qualification.objective_need",
        Criterion::SubjectiveNeed => "qualification.subjective_need",
        Criterion::Dissatisfaction => "qualification.dissatisfaction",
        Criterion::Determination => "qualification.determination",
        Criterion::FeasibilityStarted => "qualification.feasibility_started",
        Criterion::SelectionStarted => "qualification.selection_started",
    }
}

fn answer_code(a: Option<Answer>) -> String {
    match a {
        Some(Answer::Bool(b)) => b.to_string(),
        Some(Answer::Level(l)) => l.code().to_owned(),
        None => String::new(),
    }
}

#[derive(Properties, PartialEq)]
struct QuestionnaireProps {
    id: String,
    prospect: Rc<Prospect>,
}

/// The grading questions of the prospect's table; answering previews the grade at once,
/// saving patches `qualification` (and `informatized`).
#[component]
fn Questionnaire(props: &QuestionnaireProps) -> Html {
    let i18n = use_i18n();
    let put = use_put(&props.id);
    let edits = use_state(|| None::<Answers>);
    let stored = Answers {
        informatized: props.prospect.informatized,
        q: props.prospect.qualification,
    };
    let current = (*edits).clone().unwrap_or_else(|| stored.clone());
    let dirty = edits.is_some() && current != stored;

    let onanswer = {
        let (edits, current) = (edits.clone(), current.clone());
        Callback::from(move |(name, value): (&'static str, String)| {
            let mut next = current.clone();
            set_answer(&mut next, name, &value);
            edits.set(Some(next));
        })
    };
    let discard = {
        let edits = edits.clone();
        Callback::from(move |_: MouseEvent| edits.set(None))
    };
    let onsubmit = {
        let (edits, put, i18n, current, stored) = (
            edits.clone(),
            put.clone(),
            i18n.clone(),
            current.clone(),
            stored.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut patch = Map::new();
            if current.q != stored.q {
                patch.insert("qualification".into(), json!(current.q));
            }
            if current.informatized != stored.informatized {
                patch.insert("informatized".into(), json!(current.informatized));
            }
            let edits = edits.clone();
            // Once saved, the rep sees the grade the answers gave, at the top.
            let done = Callback::from(move |_| {
                edits.set(None);
                gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
            });
            if let Err(err) = put.save(patch, done) {
                put.fail(format!(
                    "{}: {}",
                    err.field,
                    problem_text(&i18n, &err.problem)
                ));
            }
        })
    };

    let yes_no = || {
        vec![
            (
                AttrValue::from("true"),
                AttrValue::from(i18n.t(LabelKey::Yes)),
            ),
            (
                AttrValue::from("false"),
                AttrValue::from(i18n.t(LabelKey::No)),
            ),
        ]
    };
    let levels = || {
        Level::ALL
            .iter()
            .map(|l| {
                (
                    AttrValue::from(l.code()),
                    AttrValue::from(i18n.t(LabelKey::level(*l))),
                )
            })
            .collect::<Vec<_>>()
    };
    // Until the rep says whether they are informatized, ask what both tables need.
    let questions: Vec<Criterion> = match current.informatized {
        Some(inf) => criteria(inf).to_vec(),
        None => vec![
            Criterion::ObjectiveNeed,
            Criterion::SubjectiveNeed,
            Criterion::Determination,
            Criterion::SelectionStarted,
        ],
    };
    let informatized = current.informatized.unwrap_or(false);
    let preview: Option<GradeResult> = dirty.then(|| {
        grade(
            &current.q,
            current.informatized,
            props.prospect.schedule.contract,
            today(),
        )
    });
    html! {
        <section class="card questionnaire" aria-labelledby="questionnaire-title" data-testid="questionnaire">
            <h2 id="questionnaire-title">{ i18n.t(P::QuestionnaireTitle) }</h2>
            <form class="form" {onsubmit} novalidate=true>
                <Choice name="informatized" label={i18n.t(LabelKey::CritInformatized)}
                    value={current.informatized.map(|b| b.to_string()).unwrap_or_default()}
                    options={vec![
                        (AttrValue::from("false"), AttrValue::from(i18n.t(P::NotInformatized))),
                        (AttrValue::from("true"), AttrValue::from(i18n.t(P::Informatized))),
                    ]}
                    onchange={onanswer.clone()} segmented=true />
                { for questions.iter().map(|c| {
                    let name = field_name(*c);
                    let value = answer_code(tuoke_core::grading::answer_of(&current.q, *c));
                    let options = match c {
                        Criterion::Determination | Criterion::Dissatisfaction => levels(),
                        _ => yes_no(),
                    };
                    html! {
                        <Choice key={name} {name} label={i18n.t(LabelKey::criterion(*c, informatized))} {value} {options}
                            onchange={onanswer.clone()} segmented=true />
                    }
                }) }
                if let Some(r) = &preview {
                    <p class="notice preview-grade" role="status" data-testid="grade-preview" data-grade={r.computed.map(|g| g.code())}>
                        { match r.computed {
                            Some(g) => i18n.fmt(P::PreviewGrade, &[("g", g.code()), ("m", meaning(&i18n, g))]),
                            None => i18n.t(P::PreviewUngraded).to_owned(),
                        } }
                        if r.needs_confirmation {
                            { " · " }{ i18n.t(LabelKey::NeedsConfirmation) }
                        }
                    </p>
                }
                // The save bar appears once an answer changed, with the preview above it.
                if dirty {
                    <div class="form-actions">
                        <button type="button" class="secondary" onclick={discard}>{ i18n.t(P::Discard) }</button>
                        <button type="submit" class="primary" data-testid="grade-save">{ i18n.t(P::SaveAnswers) }</button>
                    </div>
                }
            </form>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct OverrideProps {
    id: String,
    view: Rc<GradeView>,
}

const OVERRIDE_GRADE: &str = "grade_override.grade";
const OVERRIDE_REASON: &str = "grade_override.reason";

/// Override the computed grade with a written reason, change it, or clear it.
#[component]
fn Override(props: &OverrideProps) -> Html {
    let i18n = use_i18n();
    let put = use_put(&props.id);
    let editing = use_state(|| false);
    let draft = use_reducer(DraftState::default);
    let errors = use_state(Errors::default);
    let form_ref = use_focus_first_error(&errors);
    let v = &*props.view;

    let start = {
        let (editing, draft, errors) = (editing.clone(), draft.dispatcher(), errors.clone());
        let (value, reason) = (
            v.overridden.then_some(v.value).flatten(),
            v.override_reason.clone().unwrap_or_default(),
        );
        Callback::from(move |_: MouseEvent| {
            let d = [
                (
                    OVERRIDE_GRADE,
                    value.map(|g| g.code().to_owned()).unwrap_or_default(),
                ),
                (OVERRIDE_REASON, reason.clone()),
            ]
            .into_iter()
            .collect();
            draft.dispatch(DraftAction::Reset(d));
            errors.set(Errors::default());
            editing.set(true);
        })
    };
    let clear = {
        let (put, i18n) = (put.clone(), i18n.clone());
        Callback::from(move |_: MouseEvent| {
            let mut patch = Map::new();
            patch.insert("grade_override".into(), Value::Null);
            if let Err(err) = put.save(patch, Callback::noop()) {
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
            let g = draft.get(OVERRIDE_GRADE);
            if g.is_empty() {
                let mut map = BTreeMap::new();
                map.insert(
                    OVERRIDE_GRADE.to_owned(),
                    i18n.t(P::ErrChooseGrade).to_owned(),
                );
                errors.set(Rc::new(map));
                return;
            }
            let mut patch = Map::new();
            patch.insert(
                "grade_override".into(),
                json!({"grade": g.as_str(), "reason": draft.get(OVERRIDE_REASON).trim()}),
            );
            let editing = editing.clone();
            if let Err(err) = put.save(patch, Callback::from(move |_| editing.set(false))) {
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

#[derive(Properties, PartialEq)]
struct StrategyProps {
    grade: Grade,
    informatized: Option<bool>,
}

/// How to work a prospect of this grade (SPEC §5 cues, §6 maintenance).
#[component]
fn Strategy(props: &StrategyProps) -> Html {
    let i18n = use_i18n();
    let s = grade_strategy(props.grade);
    let (cues, plan) = if props.informatized == Some(true) {
        (s.hint_informatized, s.strategy_informatized)
    } else {
        (s.hint_not_informatized, s.strategy_not_informatized)
    };
    html! {
        <section class="card strategy" aria-labelledby="strategy-title" data-testid="grade-strategy">
            <h2 id="strategy-title">{ i18n.fmt(P::StrategyTitle, &[("g", props.grade.code())]) }</h2>
            <h3>{ i18n.t(P::StrategyCues) }</h3>
            <p>{ cues.get(i18n.lang) }</p>
            <h3>{ i18n.t(P::StrategyPlan) }</h3>
            <p>{ plan.get(i18n.lang) }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct HistoryProps {
    record: ViewRecord,
    view: Rc<GradeView>,
}

/// The record's grade history (absent: empty), newest first. While a change is not synced,
/// the locally computed new grade heads the list, marked as pending.
fn history(record: &ViewRecord) -> Vec<GradeHistoryEntry> {
    let mut entries: Vec<GradeHistoryEntry> = record
        .data
        .get("grade_history")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|e| serde_json::from_value(e.clone()).ok())
                .collect()
        })
        .unwrap_or_default();
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
    entries
}

/// The entry the unsynced change will add, if it changes the grade (the core's rule).
fn pending_entry(
    entries: &[GradeHistoryEntry],
    view: &GradeView,
    at: DateTime<Utc>,
) -> Option<GradeHistoryEntry> {
    let (from, was_overridden) = entries
        .first()
        .map_or((None, false), |e| (e.to, e.overridden));
    if from == view.value && was_overridden == view.overridden {
        return None;
    }
    Some(GradeHistoryEntry {
        at,
        from,
        to: view.value,
        computed: view.computed,
        overridden: view.overridden,
        reason: view.override_reason.clone(),
    })
}

#[component]
fn History(props: &HistoryProps) -> Html {
    let i18n = use_i18n();
    let entries = history(&props.record);
    let pending = props
        .record
        .pending
        .then(|| pending_entry(&entries, &props.view, crate::services::time::now()))
        .flatten();
    let shown = pending
        .iter()
        .map(|e| (e, true))
        .chain(entries.iter().map(|e| (e, false)))
        .collect::<Vec<_>>();
    let grade_text = |g: Option<Grade>| {
        g.map_or_else(
            || i18n.t(LabelKey::Ungraded).to_owned(),
            |g| g.code().to_owned(),
        )
    };
    html! {
        <section class="card grade-history" aria-labelledby="history-title" data-testid="grade-history">
            <h2 id="history-title">{ i18n.t(P::HistoryTitle) }</h2>
            if shown.is_empty() {
                <p class="empty" data-testid="history-empty">{ i18n.t(P::HistoryEmpty) }</p>
            }
            <ol class="history">
                { for shown.iter().enumerate().map(|(i, (e, pending))| {
                    // The pending entry has no time yet: its "not synced" badge says when.
                    let when = (!*pending).then(|| {
                        time::local(e.at, Style::DateTime)
                    });
                    html! {
                        <li key={i} class={classes!("history-entry", pending.then_some("pending"), e.is_upgrade().then_some("upgrade"))}
                            data-testid="history-entry" data-pending={pending.to_string()} data-upgrade={e.is_upgrade().to_string()}>
                            if let Some(when) = when {
                                <time class="when" datetime={e.at.to_rfc3339()}>{ when }</time>
                            }
                            <span class="change">
                                { i18n.fmt(P::HistoryChange, &[("from", grade_text(e.from).as_str()), ("to", grade_text(e.to).as_str())]) }
                            </span>
                            if e.is_upgrade() {
                                <span class="badge upgrade">{ i18n.t(P::HistoryUpgrade) }</span>
                            }
                            if e.overridden {
                                <span class="badge override">{ i18n.t(P::OverriddenMark) }</span>
                            }
                            if *pending {
                                <span class="badge pending">{ i18n.t(Key::PendingBadge) }</span>
                            }
                            if e.overridden {
                                <p class="hint">
                                    { i18n.fmt(P::HistoryComputed, &[("g", grade_text(e.computed).as_str())]) }
                                    if let Some(r) = &e.reason {
                                        { " · " }<q>{ r.clone() }</q>
                                    }
                                </p>
                            }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(data: Value, pending: bool) -> ViewRecord {
        ViewRecord {
            entity: "prospect".into(),
            id: "p".into(),
            data,
            pending,
        }
    }

    fn view(value: Option<Grade>, computed: Option<Grade>, reason: Option<&str>) -> GradeView {
        GradeView {
            value,
            computed,
            needs_confirmation: false,
            overridden: reason.is_some(),
            override_reason: reason.map(str::to_owned),
            basis: GradeBasis::SingleRow,
            missing: vec![],
            candidates: vec![],
            contract_grade: None,
            explanation: vec![],
        }
    }

    #[test]
    fn a_missing_grade_history_is_empty() {
        assert!(history(&record(json!({"company": "x"}), false)).is_empty());
        assert!(history(&record(json!({"grade_history": null}), false)).is_empty());
    }

    #[test]
    fn grade_history_is_newest_first_and_skips_unreadable_entries() {
        let data = json!({"grade_history": [
            {"at": "2026-01-01T00:00:00Z", "from": null, "to": "C", "computed": "C", "overridden": false, "reason": null},
            {"at": "2026-03-01T00:00:00Z", "from": "B", "to": "A", "computed": "A", "overridden": false, "reason": null},
            {"at": "not a time"},
            {"at": "2026-02-01T00:00:00Z", "from": "C", "to": "B", "computed": "B", "overridden": false, "reason": null},
        ]});
        let entries = history(&record(data, false));
        let tos: Vec<_> = entries.iter().map(|e| e.to).collect();
        assert_eq!(tos, vec![Some(Grade::A), Some(Grade::B), Some(Grade::C)]);
        assert!(entries[0].is_upgrade());
    }

    #[test]
    fn an_unsynced_change_heads_the_history_only_when_the_grade_changes() {
        let at = Utc::now();
        let entries = history(&record(
            json!({"grade_history": [
                {"at": "2026-02-01T00:00:00Z", "from": "C", "to": "B", "computed": "B", "overridden": false, "reason": null},
            ]}),
            true,
        ));
        // Same grade, no override: an edit of another field adds no entry.
        assert!(pending_entry(&entries, &view(Some(Grade::B), Some(Grade::B), None), at).is_none());
        // B → A computed: an upgrade.
        let e = pending_entry(&entries, &view(Some(Grade::A), Some(Grade::A), None), at).unwrap();
        assert_eq!((e.from, e.to), (Some(Grade::B), Some(Grade::A)));
        assert!(e.is_upgrade());
        // An override to the same letter is still a change, with its reason.
        let e = pending_entry(
            &entries,
            &view(Some(Grade::B), Some(Grade::C), Some("boss said so")),
            at,
        )
        .unwrap();
        assert!(e.overridden && !e.is_upgrade());
        assert_eq!(e.reason.as_deref(), Some("boss said so"));
        // No history yet: a first grade is an entry from "ungraded".
        let e = pending_entry(&[], &view(Some(Grade::D), Some(Grade::D), None), at).unwrap();
        assert_eq!(e.from, None);
        assert!(pending_entry(&[], &view(None, None, None), at).is_none());
    }
}
