//! Saving a `prospect.put` patch, validated by the core, with the feedback in the screen's
//! toast; a validation error shown next to its field.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::{Map, Value};
use tuoke_core::validate::{
    parse_patch, validate_patch, PatchError, Problem, ProspectPatch, PutArgs,
};
use tuoke_sync::protocol::Mutation;
use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::hooks::{use_sync, use_toast, Notice, Toaster, Tone};
use crate::i18n::{use_i18n, I18n, Key, ProfileKey};
use crate::pages::shared::problem_text;
use crate::services::ids;
use crate::services::time::now;
use crate::sync::SyncHandle;

/// Saves patches of one prospect; the screen's toast tells how it went.
#[derive(Clone)]
pub struct Put {
    id: String,
    handle: SyncHandle,
    i18n: I18n,
    toast: Toaster,
}

impl PartialEq for Put {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.handle == other.handle && self.toast == other.toast
    }
}

/// A [`Put`] for the prospect `id`.
#[hook]
pub fn use_put(id: &str) -> Put {
    let sync = use_sync();
    let i18n = use_i18n();
    let toast = use_toast();
    Put {
        id: id.to_owned(),
        handle: sync.handle.clone(),
        i18n,
        toast,
    }
}

/// A ref for a form: whenever `errors` gets new entries, the first invalid field of the
/// form takes the focus, so the rep (and a screen reader) lands on what to fix.
#[hook]
pub fn use_focus_first_error(errors: &Errors) -> NodeRef {
    let form = use_node_ref();
    {
        let form = form.clone();
        use_effect_with(errors.clone(), move |errors| {
            if errors.is_empty() {
                return;
            }
            let first = form.cast::<web_sys::Element>().and_then(|f| {
                f.query_selector("[aria-invalid=\"true\"], fieldset.invalid input")
                    .ok()
                    .flatten()
            });
            if let Some(el) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        });
    }
    form
}

impl Put {
    /// What the rep sees after pressing a save button: "saving" at once (well within
    /// 100 ms), "saved" once the change is durable on the phone, "no change" when nothing
    /// differed from the record (nothing queued); these fade, a failure stays until the
    /// next save (and the form keeps the input).
    fn show(&self, tone: Tone, text: String, fades: bool) {
        let notice = if fades {
            Notice::brief(tone, text, "save-feedback")
        } else {
            Notice::lasting(tone, text, "save-feedback")
        };
        self.toast.show(notice);
    }

    /// Shows a failure that is not about one field.
    pub fn fail(&self, message: String) {
        self.show(Tone::Error, message, false);
    }

    /// Saves the fields of a generic per-field form (`field name → JSON value`, as the
    /// core's patch spells them): the core parses them into its typed patch, naming the
    /// field of any error, then as [`Put::save_patch`].
    pub fn save(&self, fields: Map<String, Value>, done: Callback<()>) -> Result<(), PatchError> {
        self.save_patch(parse_patch(&Value::Object(fields))?, done)
    }

    /// Validates `patch` with the core and, when valid, saves it as one `prospect.put`;
    /// `done` runs once it is durable. An empty patch queues nothing and says so. A
    /// validation error names the field and nothing is saved.
    pub fn save_patch(&self, patch: ProspectPatch, done: Callback<()>) -> Result<(), PatchError> {
        if patch == ProspectPatch::default() {
            self.show(
                Tone::Neutral,
                self.i18n.t(ProfileKey::NoChanges).into(),
                true,
            );
            done.emit(());
            return Ok(());
        }
        validate_patch(&patch)?;
        let id = Uuid::parse_str(&self.id).map_err(|e| {
            PatchError::new(
                "id",
                Problem::Invalid {
                    message: e.to_string(),
                },
            )
        })?;
        let at = now();
        let mutation = Mutation::prospect_put(ids::new_id(at), &PutArgs { id, patch }, at);
        self.show(Tone::Neutral, self.i18n.t(ProfileKey::Saving).into(), false);
        let this = self.clone();
        spawn_local(async move {
            match this.handle.save(vec![mutation]).await {
                Ok(()) => {
                    this.show(Tone::Ok, this.i18n.t(Key::Saved).into(), true);
                    done.emit(());
                }
                Err(e) => this.fail(crate::pages::shared::save_error_text(&this.i18n, &e)),
            }
        });
        Ok(())
    }
}

/// Errors of a form, by draft field name.
pub type Errors = Rc<BTreeMap<String, String>>;

/// The errors map holding one core validation error (a field path like `contacts[0].name`
/// is shown at `contacts[0].name`, or its parent object when that is how the form names it).
pub fn errors_of(i18n: &I18n, e: &PatchError) -> Errors {
    let mut map = BTreeMap::new();
    map.insert(e.field.clone(), problem_text(i18n, &e.problem));
    Rc::new(map)
}
