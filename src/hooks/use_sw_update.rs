use crate::services::sw;
use web_sys::ServiceWorkerRegistration;
use yew::prelude::*;

/// State of the app-update flow.
#[derive(Clone, PartialEq)]
pub struct SwUpdate {
    /// A new version is installed and waiting for the user's go-ahead.
    pub ready: bool,
    /// Activates the waiting version (the page reloads).
    pub apply: Callback<()>,
    /// Hides the prompt until the next new version or the next start.
    pub dismiss: Callback<()>,
}

/// Registers the service worker once and reports when an update waits.
#[hook]
pub fn use_sw_update() -> SwUpdate {
    let waiting = use_state(|| None::<ServiceWorkerRegistration>);
    {
        let waiting = waiting.clone();
        use_effect_with((), move |_| {
            let on_ready = Callback::from(move |reg| waiting.set(Some(reg)));
            wasm_bindgen_futures::spawn_local(sw::register(on_ready));
        });
    }
    let apply = {
        let waiting = waiting.clone();
        Callback::from(move |()| {
            if let Some(reg) = waiting.as_ref() {
                sw::apply_update(reg);
            }
        })
    };
    let dismiss = {
        let waiting = waiting.clone();
        Callback::from(move |()| waiting.set(None))
    };
    SwUpdate {
        ready: waiting.is_some(),
        apply,
        dismiss,
    }
}
