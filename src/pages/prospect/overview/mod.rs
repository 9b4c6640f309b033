//! The prospect's profile (SPEC §3): target-market fit with its reasons, every profile
//! field read-only with an edit mode that saves only the changed fields as one
//! `prospect.put` patch, and the contacts.

mod profile;
mod specs;

use std::rc::Rc;

use tuoke_core::contract::Entity;
use tuoke_core::fit::{FitStatus, TargetFit};
use tuoke_core::record::ProspectRecord;
use yew::prelude::*;

use super::contacts::Contacts;
use super::section::SectionProps;
use crate::i18n::{use_i18n, LabelKey, ProfileKey as P};
use profile::ProfileCard;

#[component]
pub fn OverviewSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let Some(record) = props.deal.get(Entity::Prospect, &props.id) else {
        return html! {};
    };
    let Ok(ProspectRecord {
        prospect,
        target_fit: fit,
        ..
    }) = serde_json::from_value::<ProspectRecord>(record.data.clone())
    else {
        return html! { <p class="card error" role="alert">{ i18n.t(P::Unreadable) }</p> };
    };
    html! {
        <>
            <FitCard {fit} />
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
