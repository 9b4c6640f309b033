//! The prospect's activity section (SPEC §6): the next contact due, logging a contact with any
//! of the deck's contact methods (which moves the next contact due: the local view recomputes
//! it with the core's cadence), and the timeline of notes and logged contacts, newest first.
//!
//! Notes are append-only (SPEC §11): a note is never edited; "correct" saves a new note that
//! names the one it corrects. Photos are stored by the capture screen; here a note only shows
//! how many it carries.

mod entries;
mod log_contact;
mod model;

pub use model::{timeline, Entry};

use std::rc::Rc;

use chrono::NaiveDate;
use tuoke_sync::view::LocalView;
use yew::prelude::*;
use yew_router::prelude::*;

use super::section::SectionProps;
use crate::components::photos::Photos;
use crate::i18n::{use_i18n, CaptureKey, StageKey};
use crate::route::Route;
use crate::services::time;
use entries::Entries;
use log_contact::LogContact;
use model::{next_due, next_due_text};

#[component]
pub fn ActivitySection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let busy = use_state(|| false);
    // The next contact due when a contact was logged, and the deal it was read from: once a
    // newer deal arrives, the screen says whether (and where) the date moved.
    let logged = use_state(|| None::<(Option<NaiveDate>, Rc<LocalView>)>);
    let entries = Rc::new(timeline(&props.deal, &props.id));
    let due = next_due(&props.deal, &props.id);
    let on_logged = {
        let logged = logged.clone();
        Callback::from(move |at: (Option<NaiveDate>, Rc<LocalView>)| logged.set(Some(at)))
    };

    let moved = (*logged).as_ref().and_then(|(before, deal)| {
        if Rc::ptr_eq(deal, &props.deal) {
            return None;
        }
        Some(match (before, due) {
            (Some(from), Some(to)) if *from != to => i18n.fmt(
                StageKey::NextDueMoved,
                &[("from", &time::date(*from)), ("to", &time::date(to))],
            ),
            (_, Some(d)) => i18n.fmt(StageKey::NextDueSame, &[("d", &time::date(d))]),
            (_, None) => i18n.t(StageKey::NextDueNone).to_owned(),
        })
    });

    html! {
        <div class="activity-section" data-testid="activity-section">
            <div class="card next-due-card">
                <p class="next-due" data-testid="next-due" data-date={due.map(|d| d.to_string())}>
                    { next_due_text(&i18n, due) }
                </p>
                if let Some(moved) = moved {
                    <p class="hint" data-testid="next-due-moved">{ moved }</p>
                }
            </div>
            <LogContact id={props.id.clone()} deal={props.deal.clone()} busy={busy.clone()} {on_logged} />
            <section class="prospect-photos" aria-labelledby="photos-title">
                <h2 id="photos-title">{ i18n.t(CaptureKey::ProspectPhotos) }</h2>
                <Photos prospect_id={props.id.clone()} />
            </section>
            <div class="timeline-head">
                <h2 id="timeline-title">{ i18n.t(StageKey::TimelineTitle) }</h2>
                <Link<Route> to={Route::CaptureFor { prospect: props.id.clone() }} classes="button secondary">
                    <span data-testid="new-note">{ i18n.t(StageKey::NewNote) }</span>
                </Link<Route>>
            </div>
            <Entries id={props.id.clone()} {entries} {busy} />
        </div>
    }
}
