//! A new prospect that may already exist: while the company is typed, the prospects on the
//! phone with the same or a similar name (the core's [`tuoke_core::dedupe`]) are named under
//! it, each with a link to open it and a choice to use it for the note; or the rep creates
//! the new one anyway. Saving waits for that choice once (the save bar says so), and never
//! loses what was typed.

use std::rc::Rc;

use tuoke_core::dedupe::{duplicates, normalize, MatchKind};
use tuoke_sync::summary::{ProspectList, ProspectSummary};
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::grade_badge::{grade_badge, GradeMark};
use crate::i18n::{use_i18n, CaptureKey};
use crate::pages::shared::Ptr;
use crate::route::Route;

use super::draft::{store, Draft, Target};
use super::state::CaptureDraft;

/// At most this many possible duplicates are named.
const SHOWN: usize = 3;

/// The possible duplicates of the company being typed.
#[derive(Clone, PartialEq)]
pub struct Duplicates {
    /// The prospects whose name matches, exact matches first.
    pub matches: Rc<Vec<(ProspectSummary, MatchKind)>>,
    /// The rep chose to create the new prospect anyway (for this name).
    pub confirmed: bool,
    /// Creates the new prospect anyway: the warning goes, saving goes ahead.
    pub confirm: Callback<()>,
}

impl Duplicates {
    /// Whether saving waits for the rep's choice.
    pub fn unresolved(&self) -> bool {
        !self.matches.is_empty() && !self.confirmed
    }
}

/// The possible duplicates of `company` among the prospects on the phone (not counting the
/// new prospect itself, `new_id`, once it is saved).
#[hook]
pub fn use_duplicates(
    list: Option<Rc<ProspectList>>,
    company: &str,
    new_id: Option<Uuid>,
) -> Duplicates {
    let confirmed_key = use_state_eq(|| None::<String>);
    let key = normalize(company);
    let matches = use_memo(
        (list.map(Ptr), company.trim().to_owned(), new_id),
        |(list, company, new_id)| {
            let Some(list) = list else {
                return Vec::new();
            };
            let own = new_id.map(|u| u.to_string());
            duplicates(
                company,
                &list.0.prospects,
                |s| s.company.as_str(),
                SHOWN + 1,
            )
            .into_iter()
            .filter(|(s, _)| Some(&s.id) != own.as_ref())
            .take(SHOWN)
            .map(|(s, kind)| (s.clone(), kind))
            .collect()
        },
    );
    let confirm = {
        let (confirmed_key, key) = (confirmed_key.clone(), key.clone());
        Callback::from(move |()| confirmed_key.set(Some(key.clone())))
    };
    Duplicates {
        matches,
        confirmed: confirmed_key.as_deref() == Some(key.as_str()),
        confirm,
    }
}

#[derive(Properties, PartialEq)]
pub struct DuplicateWarningProps {
    pub duplicates: Duplicates,
    /// Use this existing prospect (its id) for the note.
    pub on_use: Callback<String>,
}

/// The warning under the company field, while the rep has not chosen.
#[component]
pub fn DuplicateWarning(props: &DuplicateWarningProps) -> Html {
    let i18n = use_i18n();
    let d = &props.duplicates;
    if !d.unresolved() {
        return html! {};
    }
    let rows = d.matches.iter().map(|(s, kind)| {
        let tag = match kind {
            MatchKind::Exact => CaptureKey::DuplicateSame,
            MatchKind::Similar => CaptureKey::DuplicateSimilar,
        };
        let on_use = {
            let (on_use, id) = (props.on_use.clone(), s.id.clone());
            Callback::from(move |_: MouseEvent| on_use.emit(id.clone()))
        };
        html! {
            <li class="duplicate" data-testid="capture-duplicate" data-id={s.id.clone()}>
                <div class="duplicate-name">
                    { grade_badge(&i18n, GradeMark::of_summary(s), false, None) }
                    <Link<Route> to={Route::Prospect { id: s.id.clone() }} classes="duplicate-link">{ s.company.clone() }</Link<Route>>
                </div>
                <span class="hint">{ i18n.t(tag) }</span>
                <button type="button" class="secondary" onclick={on_use} data-testid="capture-use-existing">
                    { i18n.t(CaptureKey::UseExisting) }
                </button>
            </li>
        }
    });
    html! {
        <div class="notice warn duplicates" role="alert" data-testid="capture-duplicates">
            <p class="duplicates-title">{ i18n.t(CaptureKey::DuplicateTitle) }</p>
            <p class="hint">{ i18n.t(CaptureKey::DuplicateBody) }</p>
            <ul class="duplicate-list">{ for rows }</ul>
            <button type="button" class="link-button" onclick={d.confirm.reform(|_| ())} data-testid="capture-create-anyway">
                { i18n.t(CaptureKey::CreateAnyway) }
            </button>
        </div>
    }
}

/// Brings the warning into view (saving waited for the rep's choice).
pub fn show_warning() {
    let found = gloo::utils::document().query_selector("[data-testid=\"capture-duplicates\"]");
    if let Ok(Some(warning)) = found {
        warning.scroll_into_view();
    }
}

/// Using an existing prospect (its id) for the note: the note moves to that prospect's draft
/// (after anything already written there), the new prospect's fields stay in theirs, and
/// `choose` picks the prospect.
pub fn move_note(
    edit: CaptureDraft,
    user: String,
    choose: Callback<Option<Target>>,
) -> Callback<String> {
    Callback::from(move |id: String| {
        let mut note = Draft::default();
        edit.update(|d| note = d.take_note(), false);
        let existing = Target::Prospect(id);
        let mut theirs = store::load(&user, &existing);
        theirs.add_note(note);
        store::save(&user, &existing, &theirs);
        choose.emit(Some(existing));
    })
}
