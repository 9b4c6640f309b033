//! One prospect: a header (company, grade, stage) and sections, each its own module and
//! URL (`/prospects/:id/:section`). The page loads the prospect's deal once
//! ([`use_prospect`]) and hands it to the section shown.

mod activity;
mod grading;
mod keyinfo;
mod overview;
mod stage;

use std::fmt;
use std::rc::Rc;
use std::str::FromStr;

use tuoke_sync::view::LocalView;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::i18n::{use_i18n, Key, ProfileKey};
use crate::sync::use_prospect;

/// The sections of the prospect screen, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Profile, contacts, target fit.
    Overview,
    /// The six kinds of key information and MAN.
    KeyInfo,
    /// The grading questionnaire, explanation, override and history.
    Grade,
    /// The stage bar, gated moves, lost / reopen.
    Stage,
    /// Notes and logged contacts.
    Activity,
}

impl Section {
    /// Every section, in tab order.
    pub const ALL: [Section; 5] = [
        Section::Overview,
        Section::KeyInfo,
        Section::Grade,
        Section::Stage,
        Section::Activity,
    ];

    fn code(self) -> &'static str {
        match self {
            Section::Overview => "overview",
            Section::KeyInfo => "keyinfo",
            Section::Grade => "grade",
            Section::Stage => "stage",
            Section::Activity => "activity",
        }
    }

    fn label(self) -> ProfileKey {
        match self {
            Section::Overview => ProfileKey::SectionOverview,
            Section::KeyInfo => ProfileKey::SectionKeyInfo,
            Section::Grade => ProfileKey::SectionGrade,
            Section::Stage => ProfileKey::SectionStage,
            Section::Activity => ProfileKey::SectionActivity,
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Section {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        Section::ALL.into_iter().find(|x| x.code() == s).ok_or(())
    }
}

/// What every section gets.
#[derive(Properties, Clone, PartialEq)]
pub struct SectionProps {
    /// The prospect id.
    pub id: String,
    /// The prospect's deal (the prospect, its notes, activities, approvals, quotes, …).
    pub deal: Rc<LocalView>,
}

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
    let Some(prospect) = deal.get("prospect", &props.id) else {
        return html! {
            <section class="screen">
                <p class="card empty" role="alert" data-testid="prospect-missing">{ i18n.t(ProfileKey::NotOnThisPhone) }</p>
                <Link<Route> to={Route::Prospects} classes="button">{ i18n.t(Key::Back) }</Link<Route>>
            </section>
        };
    };
    let company = prospect
        .data
        .get("company")
        .and_then(|c| c.as_str())
        .unwrap_or_default()
        .to_owned();
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
    };
    html! {
        <section class="screen prospect-screen" aria-labelledby="prospect-title">
            <h1 id="prospect-title" data-testid="prospect-title">{ company }</h1>
            <nav class="section-tabs" aria-label={i18n.t(ProfileKey::Sections)}>
                { for Section::ALL.into_iter().map(|s| {
                    let current = s == props.section;
                    html! {
                        <Link<Route>
                            to={Route::ProspectSection { id: props.id.clone(), section: s }}
                            classes={classes!("section-tab", current.then_some("current"))}>
                            <span aria-current={current.then_some("page")} data-testid={format!("section-{s}")}>{ i18n.t(s.label()) }</span>
                        </Link<Route>>
                    }
                }) }
            </nav>
            { body }
        </section>
    }
}
