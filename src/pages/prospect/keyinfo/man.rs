//! MAN (Money, Authority, Need): the core's verdict and the rep's own judgement.

use std::rc::Rc;

use tuoke_core::keyinfo::man_check;
use tuoke_core::types::{ManAnswers, Prospect, Tri};
use tuoke_core::validate::ProspectPatch;
use yew::prelude::*;

use super::super::form::{problem_text, use_put, Choice, Put};
use crate::i18n::{use_i18n, I18n, LabelKey, ProfileKey as P};

#[derive(Properties, PartialEq)]
pub(super) struct ManProps {
    pub(super) id: String,
    pub(super) prospect: Rc<Prospect>,
}

/// Money, Authority, Need: the core's verdict, and the rep's own judgement (one tap saves
/// it; "auto" leaves it to the record).
#[component]
pub(super) fn Man(props: &ManProps) -> Html {
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
            let patch = ProspectPatch {
                man: (next != answers).then_some(Some(next)),
                ..ProspectPatch::default()
            };
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
/// show it next to, and the field's API name means nothing to the rep).
fn save_quietly(put: &Put, i18n: &I18n, patch: ProspectPatch) {
    if let Err(e) = put.save_patch(patch, Callback::noop()) {
        put.fail(problem_text(i18n, &e.problem));
    }
}
