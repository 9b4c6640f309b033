//! Inline SVG icons (24×24, stroke = currentColor) so they follow the text colour and need no
//! extra request.

use yew::prelude::*;

fn svg(paths: Html) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"
             fill="none" stroke="currentColor" stroke-width="2"
             stroke-linecap="round" stroke-linejoin="round">
            { paths }
        </svg>
    }
}

pub fn today() -> Html {
    svg(html! { <>
        <rect x="3" y="4" width="18" height="17" rx="2" />
        <path d="M8 2v4M16 2v4M3 10h18M9 15l2 2 4-4" />
    </> })
}

pub fn prospects() -> Html {
    svg(html! { <>
        <circle cx="9" cy="8" r="4" />
        <path d="M1 21v-1a7 7 0 0 1 14 0v1M17 4a4 4 0 0 1 0 8M23 21v-1a7 7 0 0 0-4-6.3" />
    </> })
}

pub fn capture() -> Html {
    svg(html! { <>
        <circle cx="12" cy="12" r="10" />
        <path d="M12 7v10M7 12h10" />
    </> })
}

pub fn pipeline() -> Html {
    svg(html! { <path d="M3 4h18l-7 8v6l-4 2v-8z" /> })
}

pub fn more() -> Html {
    svg(html! { <>
        <circle cx="5" cy="12" r="1.5" />
        <circle cx="12" cy="12" r="1.5" />
        <circle cx="19" cy="12" r="1.5" />
    </> })
}
