//! A shipped content document for the UI language, loaded when a screen needs it.

use std::rc::Rc;

use tuoke_core::content::Document;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::use_online;
use crate::i18n::Lang;
use crate::services::content::{self, LoadError};

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

impl<D> Clone for Content<D> {
    fn clone(&self) -> Self {
        match self {
            Content::Loading => Content::Loading,
            Content::Ready(d) => Content::Ready(d.clone()),
            Content::Failed(e) => Content::Failed(*e),
        }
    }
}

impl<D> PartialEq for Content<D> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Content::Loading, Content::Loading) => true,
            (Content::Ready(a), Content::Ready(b)) => Rc::ptr_eq(a, b),
            (Content::Failed(a), Content::Failed(b)) => a == b,
            _ => false,
        }
    }
}

/// The document `D` in `lang`, and a callback that tries again after a failure. Loads again
/// when the language changes and when the phone comes back online after a failure.
#[hook]
pub fn use_content<D: Document>(lang: Lang) -> (Content<D>, Callback<()>) {
    let state = use_state(|| match content::cached::<D>(lang) {
        Some(doc) => Content::Ready(doc),
        None => Content::Loading,
    });
    // The language asked for last: a slower load for an earlier language must not win.
    let wanted = use_mut_ref(|| lang);
    let online = use_online();
    let attempt = use_state(|| 0u32);
    {
        let (state, wanted) = (state.clone(), wanted.clone());
        use_effect_with((lang, online, *attempt), move |&(lang, _, _)| {
            *wanted.borrow_mut() = lang;
            if matches!(&*state, Content::Ready(doc) if doc.lang() == lang) {
                return;
            }
            if let Some(doc) = content::cached::<D>(lang) {
                state.set(Content::Ready(doc));
                return;
            }
            state.set(Content::Loading);
            spawn_local(async move {
                let loaded = content::load::<D>(lang).await;
                if *wanted.borrow() == lang {
                    state.set(match loaded {
                        Ok(doc) => Content::Ready(doc),
                        Err(e) => Content::Failed(e),
                    });
                }
            });
        });
    }
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |()| attempt.set(*attempt + 1))
    };
    let shown = match &*state {
        // The previous language's document until the new one is in.
        Content::Ready(doc) if doc.lang() != lang => Content::Loading,
        other => other.clone(),
    };
    (shown, retry)
}
