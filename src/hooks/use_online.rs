use gloo::events::EventListener;
use gloo::timers::future::TimeoutFuture;
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

/// How long after a load that found no network, while the browser says it is online, the
/// load is tried again; and how many tries follow one another at most.
const RECONNECT_RETRY_MS: u32 = 2_000;
const RECONNECT_TRIES: u32 = 5;

/// After a load found no network although the browser says it is online (the connection
/// comes back a moment after the `online` event, which is when hooks try again): waits a
/// moment and says whether to try once more, at most [`RECONNECT_TRIES`] tries in a row.
/// `attempt` counts every try of the hook.
pub(super) async fn try_again_soon(attempt: u32) -> bool {
    let online = gloo::utils::window().navigator().on_line();
    if !online || attempt % RECONNECT_TRIES == RECONNECT_TRIES - 1 {
        return false;
    }
    TimeoutFuture::new(RECONNECT_RETRY_MS).await;
    true
}
