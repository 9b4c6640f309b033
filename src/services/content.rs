//! Shipped content loaded as data: the documents of `tuoke_core::content` (playbooks, quiz
//! texts), one language at a time, fetched from the site (`/content/<lang>/<name>.json`,
//! written by the build and precached by the service worker, so they load offline after the
//! first visit) and kept in memory for the rest of the session.
//!
//! Only [`parse`] is generic over the document type: fetching and caching are written once,
//! over `Rc<dyn Any>`, so each new document adds its deserialiser to the wasm and nothing else.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use tuoke_core::content::Document;
use tuoke_core::i18n::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

/// Why a document could not be loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadError {
    /// No network and no copy on the phone yet (the app was not opened online since install,
    /// or the browser dropped its cache).
    Offline,
    /// The server answered but not with the document (a broken deployment, an old version).
    Unavailable,
}

/// A document as loaded, its type erased.
pub type AnyDocument = Rc<dyn Any>;

/// Reads a document of type `D` in `lang` from its JSON text.
pub fn parse<D: Document>(json: &str, lang: Lang) -> Result<AnyDocument, LoadError> {
    match serde_json::from_str::<D>(json) {
        Ok(doc) if doc.lang() == lang => Ok(Rc::new(doc)),
        Ok(_) => Err(LoadError::Unavailable),
        Err(e) => {
            web_sys::console::warn_1(&format!("content {}: {e}", D::path(lang)).into());
            Err(LoadError::Unavailable)
        }
    }
}

/// How to find and read one kind of document.
#[derive(Clone, Copy)]
pub struct Kind {
    /// Where the document of a language is.
    pub path: fn(Lang) -> String,
    /// Reads it.
    pub parse: fn(&str, Lang) -> Result<AnyDocument, LoadError>,
}

impl Kind {
    /// The kind of `D`.
    pub fn of<D: Document>() -> Kind {
        Kind {
            path: D::path,
            parse: parse::<D>,
        }
    }
}

thread_local! {
    static LOADED: RefCell<HashMap<String, AnyDocument>> = RefCell::new(HashMap::new());
}

/// The document of `kind` in `lang` when this session has loaded it already.
pub fn cached(kind: Kind, lang: Lang) -> Option<AnyDocument> {
    LOADED.with(|m| m.borrow().get(&(kind.path)(lang)).cloned())
}

/// Loads the document of `kind` in `lang` (from memory, else the service worker's cache or
/// the network).
pub async fn load(kind: Kind, lang: Lang) -> Result<AnyDocument, LoadError> {
    if let Some(doc) = cached(kind, lang) {
        return Ok(doc);
    }
    let path = (kind.path)(lang);
    let doc = (kind.parse)(&fetch_text(&format!("/{path}")).await?, lang)?;
    LOADED.with(|m| m.borrow_mut().insert(path, doc.clone()));
    Ok(doc)
}

fn offline(_: wasm_bindgen::JsValue) -> LoadError {
    LoadError::Offline
}

async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let init = RequestInit::new();
    init.set_method("GET");
    let request = Request::new_with_str_and_init(url, &init).map_err(offline)?;
    let response: Response = JsFuture::from(gloo::utils::window().fetch_with_request(&request))
        .await
        .map_err(offline)?
        .unchecked_into();
    if !response.ok() {
        web_sys::console::warn_1(&format!("content {url}: HTTP {}", response.status()).into());
        return Err(LoadError::Unavailable);
    }
    JsFuture::from(response.text().map_err(offline)?)
        .await
        .map_err(offline)?
        .as_string()
        .ok_or(LoadError::Unavailable)
}
