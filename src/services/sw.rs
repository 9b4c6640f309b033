//! Service-worker registration and the user-accepted update flow.
//!
//! A new version installs in the background and then waits. It takes over only when the user
//! accepts the update (we post `SKIP_WAITING` to it and reload on `controllerchange`), so an
//! update never interrupts work in progress; local data lives in IndexedDB and survives it.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};
use yew::Callback;

/// The script the build emits (see `scripts/precache.sh`).
pub const SCRIPT_URL: &str = "/sw.js";
/// How often a long-running page asks the server whether a new version exists.
const UPDATE_CHECK_MS: u32 = 30 * 60 * 1000;

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = gloo::utils::window().navigator();
    // Absent on insecure origins and in some embedded browsers; the app then runs without
    // offline support rather than failing.
    let has_sw =
        js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    has_sw.then(|| navigator.service_worker())
}

/// Calls `f` whenever a service worker takes control of this page (the first install's
/// `clients.claim()` included): from then on, the precached files are served offline.
pub fn on_controller_change(mut f: impl FnMut() + 'static) -> Option<EventListener> {
    container().map(|c| EventListener::new(&c, "controllerchange", move |_| f()))
}

/// Registers the service worker and calls `on_update_ready` with the registration whenever a
/// new version is installed and waiting. Errors are logged: the app works without it.
pub async fn register(on_update_ready: Callback<ServiceWorkerRegistration>) {
    let Some(container) = container() else {
        return;
    };
    if cfg!(debug_assertions) {
        // Debug builds come from `trunk serve`, whose live reload a cache-first worker would
        // defeat. Offline behaviour is tested on release builds (`trunk serve --release`).
        return;
    }
    let registration = match JsFuture::from(container.register(SCRIPT_URL)).await {
        Ok(reg) => reg.unchecked_into::<ServiceWorkerRegistration>(),
        Err(err) => {
            web_sys::console::warn_2(&"service worker registration failed".into(), &err);
            return;
        }
    };
    // A version may already be waiting from an earlier visit.
    if registration.waiting().is_some() && container.controller().is_some() {
        on_update_ready.emit(registration.clone());
    }
    watch_installs(&registration, &container, on_update_ready);

    let reg = registration.clone();
    gloo::timers::callback::Interval::new(UPDATE_CHECK_MS, move || {
        let _ = reg.update();
    })
    .forget();
}

fn watch_installs(
    registration: &ServiceWorkerRegistration,
    container: &ServiceWorkerContainer,
    on_update_ready: Callback<ServiceWorkerRegistration>,
) {
    let reg = registration.clone();
    let container = container.clone();
    EventListener::new(registration, "updatefound", move |_| {
        let Some(installing) = reg.installing() else {
            return;
        };
        let reg = reg.clone();
        let container = container.clone();
        let on_update_ready = on_update_ready.clone();
        let worker: ServiceWorker = installing.clone();
        EventListener::new(&installing, "statechange", move |_| {
            // With no controller this is the first install, not an update.
            if worker.state() == ServiceWorkerState::Installed && container.controller().is_some() {
                on_update_ready.emit(reg.clone());
            }
        })
        .forget();
    })
    .forget();
}

/// Activates the waiting version and reloads once it controls the page.
pub fn apply_update(registration: &ServiceWorkerRegistration) {
    let Some(container) = container() else {
        return;
    };
    let Some(waiting) = registration.waiting() else {
        // Nothing waits any more (another tab already updated): a reload picks it up.
        let _ = gloo::utils::window().location().reload();
        return;
    };
    // Reload once the new version controls the page. `controllerchange` says so; the worker
    // reaching "activated" says so too, and is the fallback when the browser is slow to tell
    // the page (seen under load): whichever comes first reloads, once.
    let reloaded = Rc::new(Cell::new(false));
    let reload = move || {
        if !reloaded.replace(true) {
            let _ = gloo::utils::window().location().reload();
        }
    };
    let on_control = reload.clone();
    EventListener::once(&container, "controllerchange", move |_| on_control()).forget();
    let worker = waiting.clone();
    EventListener::new(&waiting, "statechange", move |_| {
        if worker.state() == ServiceWorkerState::Activated {
            reload();
        }
    })
    .forget();
    if let Err(err) = waiting.post_message(&JsValue::from_str("SKIP_WAITING")) {
        web_sys::console::warn_2(&"could not activate the new version".into(), &err);
    }
}
