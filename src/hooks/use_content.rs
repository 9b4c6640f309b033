//! A shipped content document for the UI language, loaded when a screen needs it.

use std::rc::Rc;

use tuoke_core::content::Document;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::use_online::{try_again_soon, use_online};
use crate::i18n::Lang;
use crate::services::content::{self, AnyDocument, Kind, LoadError};

/// The state of a content document.
#[derive(Debug)]
pub enum Content<D> {
    /// Being loaded.
    Loading,
    /// Loaded.
    Ready(Rc<D>),
    /// Could not be loaded; the screen says what to do and offers to try again.
    Failed(LoadError),
}

/// The document `D` in `lang`, and a callback that tries again after a failure. Loads again
/// when the language changes and when the phone comes back online after a failure.
#[hook]
pub fn use_content<D: Document>(lang: Lang) -> (Content<D>, Callback<()>) {
    let (state, retry) = use_document(Kind::of::<D>(), lang);
    let content = match state {
        Ok(doc) => match doc.downcast::<D>() {
            Ok(doc) => Content::Ready(doc),
            Err(_) => Content::Failed(LoadError::Unavailable),
        },
        Err(None) => Content::Loading,
        Err(Some(e)) => Content::Failed(e),
    };
    (content, retry)
}

/// What a document's loading stands at: loaded, or not yet (`None`) or failed (`Some`).
type State = Result<AnyDocument, Option<LoadError>>;

/// [`use_content`] with the document's type erased (written once for every kind).
#[hook]
fn use_document(kind: Kind, lang: Lang) -> (State, Callback<()>) {
    // The state and the language it is for: another language's document is not shown.
    let state = use_state(|| (lang, content::cached(kind, lang).ok_or(None)));
    // The language asked for last: a slower load for an earlier language must not win.
    let wanted = use_mut_ref(|| lang);
    let online = use_online();
    let attempt = use_state(|| 0u32);
    {
        let (state, wanted, attempts) = (state.clone(), wanted.clone(), attempt.clone());
        use_effect_with((lang, online, *attempt), move |&(lang, _, _)| {
            *wanted.borrow_mut() = lang;
            if state.0 == lang && state.1.is_ok() {
                return;
            }
            if let Some(doc) = content::cached(kind, lang) {
                state.set((lang, Ok(doc)));
                return;
            }
            state.set((lang, Err(None)));
            let attempt = attempts;
            spawn_local(async move {
                let loaded = content::load(kind, lang).await;
                if *wanted.borrow() != lang {
                    return;
                }
                let offline = matches!(loaded, Err(LoadError::Offline));
                state.set((lang, loaded.map_err(Some)));
                if offline && try_again_soon(*attempt).await {
                    attempt.set(*attempt + 1);
                }
            });
        });
    }
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |()| attempt.set(*attempt + 1))
    };
    let shown = if state.0 == lang {
        state.1.clone()
    } else {
        Err(None)
    };
    (shown, retry)
}
