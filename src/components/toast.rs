//! The toast of a screen, above the tab bar.

use yew::prelude::*;

use crate::hooks::use_toast::{use_toast_host, Toaster, Tone};

#[derive(Properties, PartialEq)]
pub struct ToastProviderProps {
    pub children: Html,
}

/// Gives its children the screen's toast ([`use_toast`](crate::hooks::use_toast)) and shows
/// it: fixed above the tab bar, so nothing on the screen moves, in a live region that is
/// always there, so screen readers announce each message (a failure at once, as an alert).
#[component]
pub fn ToastProvider(props: &ToastProviderProps) -> Html {
    let (state, toaster) = use_toast_host();
    let notice = state.notice();
    let alert = notice.is_some_and(|n| n.tone == Tone::Error);
    html! {
        <>
            <ContextProvider<Toaster> context={toaster}>
                { props.children.clone() }
            </ContextProvider<Toaster>>
            <div class="toast-slot" role={if alert { "alert" } else { "status" }}
                aria-live={if alert { "assertive" } else { "polite" }}>
                if let Some(n) = notice {
                    <p class={classes!("toast", tone_class(n.tone))} data-testid={n.testid}>{ n.text.clone() }</p>
                }
            </div>
        </>
    }
}

fn tone_class(tone: Tone) -> Option<&'static str> {
    match tone {
        Tone::Neutral => None,
        Tone::Ok => Some("ok"),
        Tone::Error => Some("error"),
    }
}
