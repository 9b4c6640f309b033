//! One prospect: a header (company, grade, stage) and sections, each its own module and
//! URL (`/prospects/:id/:section`). The page loads the prospect's deal once
//! ([`use_prospect`]) and hands it to the section shown.

mod activity;
mod contacts;
mod deal;
mod form;
mod grading;
mod keyinfo;
mod overview;
mod owner;
mod section;
mod stage;

pub use activity::{timeline, Entry as TimelineEntry};

use std::rc::Rc;

use tuoke_core::contract::Entity;
use tuoke_core::fit::FitStatus;
use tuoke_core::record::ProspectRecord;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::grade_badge::{grade_badge, GradeMark};
use crate::components::ToastProvider;
use crate::hooks::use_prospect;
use crate::i18n::{use_i18n, Key, LabelKey, ProfileKey};
use crate::route::{Route, Section};
use section::SectionProps;

#[derive(Properties, PartialEq)]
pub struct ProspectPageProps {
    pub id: String,
    pub section: Section,
}

#[component]
pub fn ProspectPage(props: &ProspectPageProps) -> Html {
    let i18n = use_i18n();
    let deal = use_prospect(props.id.clone());
    let Some(deal) = deal else {
        return html! { <section class="screen"><p class="hint" role="status">{ i18n.t(Key::Loading) }</p></section> };
    };
    let Some(prospect) = deal.get(Entity::Prospect, &props.id) else {
        return html! {
            <section class="screen">
                <p class="card empty" role="alert" data-testid="prospect-missing">{ i18n.t(ProfileKey::NotOnThisPhone) }</p>
                <Link<Route> to={Route::Prospects} classes="button">{ i18n.t(Key::Back) }</Link<Route>>
            </section>
        };
    };
    // A record this version cannot read (a newer server's shape, damaged storage): say what
    // to do, never the parser's English.
    let Some(record) = prospect.typed::<ProspectRecord>() else {
        return html! {
            <section class="screen">
                <p class="card error" role="alert" data-testid="prospect-unreadable">{ i18n.t(ProfileKey::Unreadable) }</p>
                <Link<Route> to={Route::Prospects} classes="button">{ i18n.t(Key::Back) }</Link<Route>>
            </section>
        };
    };
    let props_for = SectionProps {
        id: props.id.clone(),
        deal: deal.clone(),
    };
    let body = match props.section {
        Section::Overview => html! { <overview::OverviewSection ..props_for /> },
        Section::KeyInfo => html! { <keyinfo::KeyInfoSection ..props_for /> },
        Section::Grade => html! { <grading::GradeSection ..props_for /> },
        Section::Stage => html! { <stage::StageSection ..props_for /> },
        Section::Activity => html! { <activity::ActivitySection ..props_for /> },
        Section::Deal => html! { <deal::DealSection ..props_for /> },
    };
    let owner_id = record.owner_id.clone().map(AttrValue::from);
    html! {
        <section class="screen prospect-screen" aria-labelledby="prospect-title">
            <header class="prospect-head">
                <h1 id="prospect-title" data-testid="prospect-title">{ record.prospect.company.clone() }</h1>
                <HeaderBadges record={Rc::new(record)} pending={prospect.pending} />
                <owner::OwnerLine {owner_id} />
            </header>
            <SectionTabs id={props.id.clone()} current={props.section} />
            <ToastProvider>
                <div class="prospect-body" id="prospect-section">
                    { body }
                </div>
            </ToastProvider>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct HeaderBadgesProps {
    record: Rc<ProspectRecord>,
    /// Local changes not yet confirmed by a pull are part of it.
    pending: bool,
}

/// Grade (with its needs-confirmation and override marks), stage, target fit and "not
/// synced", in one wrapping row.
#[component]
fn HeaderBadges(props: &HeaderBadgesProps) -> Html {
    let i18n = use_i18n();
    let record = &props.record;
    let grade_badge = grade_badge(
        &i18n,
        GradeMark::of(&record.grade),
        true,
        Some("header-grade"),
    );
    let stage_badge = {
        let s = record.stage;
        let text = match record.pending_stage {
            Some(p) => i18n.fmt(
                ProfileKey::StagePendingTo,
                &[
                    ("s", i18n.t(LabelKey::stage(s))),
                    ("p", i18n.t(LabelKey::stage(p))),
                ],
            ),
            None => i18n.t(LabelKey::stage(s)).to_owned(),
        };
        html! {
            <span class="badge stage-badge" data-testid="header-stage">
                <span class="visually-hidden">{ i18n.t(ProfileKey::StageLabel) }{ " " }</span>{ text }
            </span>
        }
    };
    let fit_badge = {
        let status = match record.target_fit.status {
            FitStatus::In => "in",
            FitStatus::Out => "out",
            FitStatus::Unknown => "unknown",
        };
        html! {
            <span class={classes!("badge", "fit-badge", format!("fit-{status}"))} data-testid="header-fit" data-fit={status}>
                { i18n.t(LabelKey::fit_status(record.target_fit.status)) }
            </span>
        }
    };
    html! {
        <div class="head-badges">
            { grade_badge }
            { stage_badge }
            { fit_badge }
            if props.pending {
                <span class="badge pending" data-testid="pending-badge">{ i18n.t(Key::PendingBadge) }</span>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SectionTabsProps {
    id: String,
    current: Section,
}

/// The section tabs: real links (each section has its URL), scrollable sideways when the
/// labels do not fit, the current one marked with `aria-current`.
#[component]
fn SectionTabs(props: &SectionTabsProps) -> Html {
    let i18n = use_i18n();
    let navigator = use_navigator();
    html! {
        <nav class="section-tabs" aria-label={i18n.t(ProfileKey::Sections)}>
            <ul>
                { for Section::ALL.into_iter().map(|s| {
                    let current = s == props.current;
                    let route = Route::ProspectSection { id: props.id.clone(), section: s };
                    let href = route.to_path();
                    let onclick = {
                        let navigator = navigator.clone();
                        Callback::from(move |e: MouseEvent| {
                            if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
                                return;
                            }
                            e.prevent_default();
                            if let Some(n) = &navigator {
                                // Replace, not push: Back leaves the prospect instead of
                                // stepping through its tabs. The new section starts at its top.
                                n.replace(&route);
                                gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
                            }
                        })
                    };
                    html! {
                        <li key={s.code()}>
                            <a {href} {onclick} class={classes!("section-tab", current.then_some("current"))}
                                aria-current={current.then_some("page")} data-testid={format!("section-{s}")}>
                                { i18n.t(section_label(s)) }
                            </a>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}

/// A section's name on its tab.
fn section_label(section: Section) -> ProfileKey {
    match section {
        Section::Overview => ProfileKey::SectionOverview,
        Section::KeyInfo => ProfileKey::SectionKeyInfo,
        Section::Grade => ProfileKey::SectionGrade,
        Section::Stage => ProfileKey::SectionStage,
        Section::Activity => ProfileKey::SectionActivity,
        Section::Deal => ProfileKey::SectionDeal,
    }
}
