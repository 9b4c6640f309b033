//! The prospect's profile (SPEC §3): target-market fit with its reasons, every profile
//! field read-only with an edit mode that saves only the changed fields as one
//! `prospect.put` patch, and the contacts.

use std::rc::Rc;

use serde_json::{Map, Value};
use tuoke_core::contract::Entity;
use tuoke_core::fit::{FitStatus, TargetFit};
use tuoke_core::types::{Industry, LeadSource, Prospect};
use yew::prelude::*;

use super::contacts::Contacts;
use super::form::{
    draft_text, errors_of, format_int, format_money, full_money, on_field, part, prospect_of,
    use_focus_first_error, use_put, value_of, Choice, DraftAction, DraftState, Errors, Field, Kind,
};
use super::SectionProps;
use crate::i18n::{use_i18n, I18n, Key, LabelKey, ProfileKey as P};
use crate::pages::code_of;

/// The choices a field offers.
#[derive(Clone, Copy, PartialEq)]
enum Options {
    Free,
    Industry,
    Source,
    Iso,
    YesNo,
}

/// One profile field: its patch name, label, kind and choices.
struct Spec {
    name: &'static str,
    label: P,
    kind: Kind,
    options: Options,
}

const fn free(name: &'static str, label: P, kind: Kind) -> Spec {
    Spec {
        name,
        label,
        kind,
        options: Options::Free,
    }
}

const fn choice(name: &'static str, label: P, options: Options) -> Spec {
    Spec {
        name,
        label,
        kind: Kind::Choice,
        options,
    }
}

/// The profile in three groups, in the order a rep asks about them.
const GROUPS: [(P, &[Spec]); 3] = [
    (
        P::GroupCompany,
        &[
            free("company", P::FieldCompany, Kind::Text),
            choice("industry", P::FieldIndustry, Options::Industry),
            free("products", P::FieldProducts, Kind::Multiline),
            free("annual_revenue_cny", P::FieldRevenue, Kind::Money),
            free("annual_profit_cny", P::FieldProfit, Kind::Money),
            free("employees", P::FieldEmployees, Kind::Int),
            free("item_codes", P::FieldItemCodes, Kind::Int),
            free("region", P::FieldRegion, Kind::Text),
            free("address", P::FieldAddress, Kind::Multiline),
            choice("source", P::FieldSource, Options::Source),
        ],
    ),
    (
        P::GroupIt,
        &[
            choice("informatized", P::FieldInformatized, Options::YesNo),
            free("current_system", P::FieldCurrentSystem, Kind::Text),
            free("current_vendor", P::FieldCurrentVendor, Kind::Text),
            free("db_preference", P::FieldDbPreference, Kind::Text),
            free("os_preference", P::FieldOsPreference, Kind::Text),
            free(
                "hardware_preference",
                P::FieldHardwarePreference,
                Kind::Text,
            ),
        ],
    ),
    (
        P::GroupChanges,
        &[
            choice("iso9000", P::FieldIso9000, Options::Iso),
            choice("bpr", P::FieldBpr, Options::YesNo),
            choice("relocation_expansion", P::FieldRelocation, Options::YesNo),
            choice("major_investment", P::FieldMajorInvestment, Options::YesNo),
        ],
    ),
];

fn options(i18n: &I18n, which: Options) -> Vec<(AttrValue, AttrValue)> {
    let unset = (AttrValue::from(""), AttrValue::from(i18n.t(P::NotRecorded)));
    let mut list = vec![unset];
    match which {
        Options::Free => {}
        Options::Industry => list.extend(Industry::ALL.map(|x| {
            (
                AttrValue::from(code_of(x)),
                i18n.t(LabelKey::industry(x)).into(),
            )
        })),
        Options::Source => list.extend(LeadSource::ALL.map(|x| {
            (
                AttrValue::from(code_of(x)),
                i18n.t(LabelKey::source(x)).into(),
            )
        })),
        Options::Iso => list.extend(LabelKey::ISO9000.map(|x| {
            (
                AttrValue::from(code_of(x)),
                i18n.t(LabelKey::iso9000(x)).into(),
            )
        })),
        Options::YesNo => list.extend([true, false].map(|b| {
            (
                AttrValue::from(b.to_string()),
                i18n.t(LabelKey::yes_no(b)).into(),
            )
        })),
    }
    list
}

/// The stored value of a field as the rep reads it (`None`: not recorded).
fn shown(i18n: &I18n, spec: &Spec, value: Option<&Value>) -> Option<Html> {
    let value = value.filter(|v| !v.is_null())?;
    let text = match spec.kind {
        Kind::Money => return value.as_i64().map(|n| money_html(i18n, n)),
        Kind::Int => format_int(value.as_i64()?),
        Kind::Choice => {
            let code = draft_text(Some(value));
            options(i18n, spec.options)
                .into_iter()
                .find(|(c, _)| *c == code)
                .map_or(code, |(_, label)| label.to_string())
        }
        _ => draft_text(Some(value)),
    };
    Some(Html::from(text))
}

/// An amount as read (`1.2 亿元`) with the exact figure beside it.
pub fn money_html(i18n: &I18n, n: i64) -> Html {
    html! {
        <>
            { format_money(i18n, n) }
            <span class="exact">{ full_money(n) }</span>
        </>
    }
}

fn stored(prospect: &Prospect) -> Map<String, Value> {
    match serde_json::to_value(prospect) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

#[component]
pub fn OverviewSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let Some(record) = props.deal.get(Entity::Prospect, &props.id) else {
        return html! {};
    };
    let Some(prospect) = prospect_of(record) else {
        return html! { <p class="card error" role="alert">{ i18n.t(P::Unreadable) }</p> };
    };
    let fit: Option<TargetFit> = part(record, "target_fit");
    html! {
        <>
            if let Some(fit) = fit {
                <FitCard {fit} />
            }
            <Contacts id={props.id.clone()} contacts={Rc::new(prospect.contacts.clone())} />
            <ProfileCard id={props.id.clone()} prospect={Rc::new(prospect)} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct FitCardProps {
    fit: TargetFit,
}

/// The target-market check (SPEC §2) with the criteria that fail or lack data.
#[component]
fn FitCard(props: &FitCardProps) -> Html {
    let i18n = use_i18n();
    let fit = &props.fit;
    let (status, intro) = match fit.status {
        FitStatus::In => ("in", P::FitInText),
        FitStatus::Out => ("out", P::FitOutText),
        FitStatus::Unknown => ("unknown", P::FitUnknownText),
    };
    html! {
        <section class={classes!("card", "fit-card", format!("fit-{status}"))} aria-labelledby="fit-title" data-testid="fit-card" data-fit={status}>
            <h2 id="fit-title">
                { i18n.t(P::FitTitle) }
                <span class={classes!("badge", "fit-badge", format!("fit-{status}"))} data-testid="fit-badge">{ i18n.t(LabelKey::fit_status(fit.status)) }</span>
            </h2>
            <p class="fit-text">{ i18n.t(intro) }</p>
            if !fit.reasons.is_empty() {
                <ul class="fit-reasons" data-testid="fit-reasons">
                    { for fit.reasons.iter().map(|r| html! { <li>{ i18n.t(LabelKey::fit_reason(*r)) }</li> }) }
                </ul>
            }
            if fit.status == FitStatus::Out {
                <p class="hint">{ i18n.t(P::FitKept) }</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ProfileCardProps {
    id: String,
    prospect: Rc<Prospect>,
}

#[component]
fn ProfileCard(props: &ProfileCardProps) -> Html {
    let i18n = use_i18n();
    let put = use_put(&props.id);
    let editing = use_state(|| false);
    let draft = use_reducer(DraftState::default);
    let errors = use_state(Errors::default);
    let form_ref = use_focus_first_error(&errors);
    let values = stored(&props.prospect);

    let start = {
        let (editing, draft, errors, values) = (
            editing.clone(),
            draft.dispatcher(),
            errors.clone(),
            values.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let d = GROUPS
                .iter()
                .flat_map(|(_, specs)| specs.iter())
                .map(|s| (s.name, draft_text(values.get(s.name))))
                .collect();
            draft.dispatch(DraftAction::Reset(d));
            errors.set(Errors::default());
            editing.set(true);
        })
    };
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
                                        super::form::parse_money(&value)
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
