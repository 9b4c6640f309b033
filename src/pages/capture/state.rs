//! The Capture screen's state hooks, kept out of the page's markup: what the note is about (the
//! route, else a draft in progress; never a prospect carried over silently) and the draft of
//! that target, read from `localStorage` when the target changes and kept there on every change.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlElement;
use yew::prelude::*;

use super::draft::{store, Draft, Target};
use super::fields::Refs;
use crate::services::ids;
use crate::services::time::now;

/// What the route chooses: a prospect, a new one, or nothing.
fn routed(prospect: Option<&str>, new: bool) -> Option<Target> {
    match prospect {
        Some(id) => Some(Target::Prospect(id.to_owned())),
        None => new.then_some(Target::New),
    }
}

/// What the rep was last writing about, when a draft of it is in progress: a note never lands
/// on the last prospect just because it was the last.
fn resumed_target(user: &str) -> Option<Target> {
    let (target, _) = store::last(user)?;
    store::load(user, &target).has_content().then_some(target)
}

/// What the note is about: `prospect` (from the route) when given, a new prospect when `new`,
/// else the target of a draft in progress; `None` opens the picker. With it, whether that is
/// a resumed draft (shown as such until the rep chooses again).
#[hook]
pub fn use_capture_target(
    user: &str,
    prospect: Option<String>,
    new: bool,
) -> (UseStateHandle<Option<Target>>, UseStateHandle<bool>) {
    let first = routed(prospect.as_deref(), new);
    let resumed = use_state_eq(|| first.is_none() && resumed_target(user).is_some());
    let target = {
        let user = user.to_owned();
        use_state_eq(move || first.or_else(|| resumed_target(&user)))
    };
    {
        // Coming from a prospect (the route) or the add button chooses it.
        let (target, resumed) = (target.clone(), resumed.clone());
        use_effect_with((prospect, new), move |(p, new)| {
            if let Some(t) = routed(p.as_deref(), *new) {
                resumed.set(false);
                target.set(Some(t));
            }
        });
    }
    (target, resumed)
}

/// The draft of the current target. Cheap to clone; clones share it.
#[derive(Clone)]
pub struct CaptureDraft {
    cell: Rc<RefCell<(Option<Target>, Draft)>>,
    user: String,
    kept: UseStateHandle<bool>,
    redraw: UseForceUpdateHandle,
    focus_note: Rc<RefCell<bool>>,
}

impl PartialEq for CaptureDraft {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.cell, &other.cell) && self.user == other.user && self.kept == other.kept
    }
}

impl CaptureDraft {
    /// The draft as it is now.
    pub fn get(&self) -> Draft {
        self.cell.borrow().1.clone()
    }

    /// Whether `localStorage` keeps the draft (full or private mode: only until the page
    /// closes).
    pub fn kept(&self) -> bool {
        *self.kept
    }

    /// Applies `change` and keeps the draft; re-renders when `rerender` (typing does not:
    /// the text fields show what is typed).
    pub fn update(&self, change: impl FnOnce(&mut Draft), rerender: bool) {
        let mut c = self.cell.borrow_mut();
        change(&mut c.1);
        if let Some(t) = &c.0 {
            let kept = store::save(&self.user, t, &c.1);
            if kept != *self.kept {
                self.kept.set(kept);
            }
        }
        drop(c);
        if rerender {
            self.redraw.force_update();
        }
    }

    /// The draft of `target` was saved as a note: forgotten, and the next one starts empty
    /// on `next`.
    pub fn saved(&self, target: &Target, next: Target) {
        store::clear(&self.user, target);
        *self.cell.borrow_mut() = (Some(next), Draft::default());
    }

    /// The note's text takes the focus once the next target's form shows.
    pub fn focus_note_next(&self) {
        *self.focus_note.borrow_mut() = true;
    }
}

/// The draft of `target`: read when the target changes (a new prospect gets its id then);
/// once rendered, the text fields are filled from it and the new prospect's id is kept, so
/// photos filed under it find it after a reload.
#[hook]
pub fn use_capture_draft(user: &str, target: &Option<Target>, refs: &Refs) -> CaptureDraft {
    let cell = use_mut_ref(|| (None, Draft::default()));
    let kept = use_state_eq(|| true);
    let redraw = use_force_update();
    let focus_note = use_mut_ref(|| false);
    {
        let mut c = cell.borrow_mut();
        if c.0 != *target {
            let mut d = target
                .as_ref()
                .map(|t| store::load(user, t))
                .unwrap_or_default();
            if *target == Some(Target::New) && d.new_id.is_none() {
                d.new_id = Some(ids::new_id(now()));
            }
            *c = (target.clone(), d);
        }
    }
    let draft = CaptureDraft {
        cell,
        user: user.to_owned(),
        kept,
        redraw,
        focus_note,
    };
    {
        let (draft, refs) = (draft.clone(), refs.clone());
        use_effect_with(target.clone(), move |target| {
            if *target == Some(Target::New) {
                draft.update(|_| {}, false);
            }
            refs.fill(&draft.get());
            if std::mem::take(&mut *draft.focus_note.borrow_mut()) {
                if let Some(body) = refs.body.cast::<HtmlElement>() {
                    let _ = body.focus();
                }
            }
        });
    }
    draft
}
