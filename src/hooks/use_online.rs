use gloo::events::EventListener;
use yew::prelude::*;

/// Whether the browser believes it is online, updated on `online`/`offline` events.
#[hook]
pub fn use_online() -> bool {
    let online = use_state(|| gloo::utils::window().navigator().on_line());
    {
        let online = online.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let up = {
                let online = online.clone();
                EventListener::new(&window, "online", move |_| online.set(true))
            };
            let down = EventListener::new(&window, "offline", move |_| online.set(false));
            move || drop((up, down))
        });
    }
    *online
}
