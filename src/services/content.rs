//! Shipped content loaded as data: the documents of `tuoke_core::content` (playbooks, quiz
//! texts), one language at a time, fetched from the site (`/content/<lang>/<name>.json`,
//! written by the build and precached by the service worker, so they load offline after the
//! first visit) and kept in memory for the rest of the session.

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

thread_local! {
    static LOADED: RefCell<HashMap<String, Rc<dyn Any>>> = RefCell::new(HashMap::new());
}

/// The document for `lang` when this session has loaded it already.
pub fn cached<D: Document>(lang: Lang) -> Option<Rc<D>> {
    LOADED.with(|m| {
        m.borrow()
            .get(&D::path(lang))
            .cloned()
            .and_then(|doc| doc.downcast::<D>().ok())
    })
}

/// Loads the document for `lang` (from memory, else the service worker's cache or the
/// network).
pub async fn load<D: Document>(lang: Lang) -> Result<Rc<D>, LoadError> {
    if let Some(doc) = cached::<D>(lang) {
        return Ok(doc);
    }
    let path = D::path(lang);
    let text = fetch_text(&format!("/{path}")).await?;
    let doc: D = serde_json::from_str(&text).map_err(|e| {
        web_sys::console::warn_1(&format!("content {path}: {e}").into());
        LoadError::Unavailable
    })?;
    if doc.lang() != lang {
        return Err(LoadError::Unavailable);
    }
    let doc = Rc::new(doc);
    LOADED.with(|m| m.borrow_mut().insert(path, doc.clone() as Rc<dyn Any>));
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
