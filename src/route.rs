//! Every screen's URL: the routes of the app, and the prospect screen's sections. Pages and
//! components link with these; the app shell maps them to pages.

use std::fmt;
use std::str::FromStr;

use yew_router::prelude::*;

/// Every screen of the app. URLs are built from this enum only.
#[derive(Debug, Clone, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Today,
    #[at("/prospects")]
    Prospects,
    /// A prospect's profile (its first section).
    #[at("/prospects/:id")]
    Prospect { id: String },
    /// One section of a prospect.
    #[at("/prospects/:id/:section")]
    ProspectSection { id: String, section: Section },
    #[at("/capture")]
    Capture,
    /// Capture on a new prospect's form (the Prospects screen's add button).
    #[at("/capture/new")]
    CaptureNew,
    /// Capture for a given prospect (quick actions, the prospect screen).
    #[at("/capture/:prospect")]
    CaptureFor { prospect: String },
    /// The stage playbooks and the objection playbook.
    #[at("/playbooks")]
    Playbooks,
    /// One playbook: a stage code (`first_visit`, …) or `objections`.
    #[at("/playbooks/:topic")]
    Playbook { topic: String },
    /// The training quiz.
    #[at("/quiz")]
    Quiz,
    #[at("/pipeline")]
    Pipeline,
    #[at("/more")]
    More,
    #[at("/sync")]
    Sync,
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    /// The tab a screen belongs to (a prospect under Prospects, the quiz under More, …).
    pub fn tab(&self) -> Route {
        match self {
            Route::Today => Route::Today,
            Route::NotFound => Route::NotFound,
            Route::Prospects | Route::Prospect { .. } | Route::ProspectSection { .. } => {
                Route::Prospects
            }
            Route::Capture | Route::CaptureNew | Route::CaptureFor { .. } => Route::Capture,
            Route::Pipeline => Route::Pipeline,
            Route::More | Route::Sync | Route::Playbooks | Route::Playbook { .. } | Route::Quiz => {
                Route::More
            }
        }
    }
}

/// The sections of the prospect screen, in tab order (each its own URL).
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
    /// The deal room (SPEC §8): formal quote, objections, negotiation, signing.
    Deal,
}

impl Section {
    /// Every section, in tab order.
    pub const ALL: [Section; 6] = [
        Section::Overview,
        Section::KeyInfo,
        Section::Grade,
        Section::Stage,
        Section::Activity,
        Section::Deal,
    ];

    /// Its URL segment.
    pub fn code(self) -> &'static str {
        match self {
            Section::Overview => "overview",
            Section::KeyInfo => "keyinfo",
            Section::Grade => "grade",
            Section::Stage => "stage",
            Section::Activity => "activity",
            Section::Deal => "deal",
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
