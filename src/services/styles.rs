//! The style sheets of the screens that load after the first one.
//!
//! `index.html` names them `disabled` with `data-screen-css`: a disabled style sheet is not
//! fetched, so the first screen (sign-in or Today) neither downloads nor waits for them
//! (docs/size.md). The first split-off screen to load enables them all, and its code waits
//! until they have arrived, so that no screen ever shows unstyled. The service worker
//! precaches them with every other file, so they load offline too.

use futures::channel::oneshot;
use futures::future::select;
use gloo::events::EventListener;
use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use web_sys::HtmlLinkElement;

/// How long a screen waits for its style sheets before it shows anyway (a stalled download
/// must not keep a screen from opening).
const WAIT_MS: u32 = 8_000;

/// Enables the screens' style sheets (once) and waits until each has loaded or failed.
pub async fn screens_ready() {
    let Ok(links) = gloo::utils::document().query_selector_all("link[data-screen-css]") else {
        return;
    };
    let mut waits = Vec::new();
    for i in 0..links.length() {
        let Some(link) = links
            .item(i)
            .and_then(|n| n.dyn_into::<HtmlLinkElement>().ok())
        else {
            continue;
        };
        if link.sheet().is_some() {
            continue; // loaded already
        }
        // Listen before enabling: a sheet from the cache can load at once.
        let (tx, rx) = oneshot::channel::<()>();
        let tx = std::rc::Rc::new(std::cell::Cell::new(Some(tx)));
        let done = move || {
            if let Some(tx) = tx.take() {
                let _ = tx.send(());
            }
        };
        let on_load = EventListener::once(&link, "load", {
            let done = done.clone();
            move |_| done()
        });
        let on_error = EventListener::once(&link, "error", move |_| done());
        if link.disabled() {
            link.set_disabled(false);
        }
        waits.push(async move {
            let _ = select(rx, TimeoutFuture::new(WAIT_MS)).await;
            drop((on_load, on_error));
        });
    }
    for wait in waits {
        wait.await;
    }
}
