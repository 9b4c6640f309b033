//! Whether the page is scrolled.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

/// Whether the page is scrolled down, as the last scroll event said: reading the window's
/// scroll position in a handler (after a keystroke, say) would lay the page out before its
/// frame does. Kept without re-rendering; read it in callbacks and effects.
#[hook]
pub fn use_scrolled() -> Rc<Cell<bool>> {
    let scrolled = use_memo((), |_| Cell::new(false));
    {
        let scrolled = scrolled.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            scrolled.set(window.scroll_y().unwrap_or(0.0) > 0.0);
            let listener = EventListener::new(&window, "scroll", move |_| {
                scrolled.set(gloo::utils::window().scroll_y().unwrap_or(0.0) > 0.0);
            });
            move || drop(listener)
        });
    }
    scrolled
}
