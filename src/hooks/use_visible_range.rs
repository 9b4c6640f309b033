//! Which rows of a long fixed-row-height list are on screen, following the window's scroll.

use std::ops::Range;
use std::rc::Rc;

use gloo::events::EventListener;
use web_sys::Element;
use yew::prelude::*;

/// Rows rendered beyond each edge of the screen, so a flick shows no blank rows. Each one
/// is laid out again on every keystroke of a search, so no more than a flick needs.
const OVERSCAN: usize = 3;

/// Rows of `list` (its element; the page scrolls, not the list) that intersect the window,
/// widened by a few rows each side: the range to render. Re-computed on scroll and resize,
/// and when the row count changes; the component re-renders only when the range changes.
#[hook]
pub fn use_visible_range(list: NodeRef, row_height: u32, count: usize) -> Range<usize> {
    // Before the first measurement: one phone screen's worth from the top.
    let range = use_state_eq(|| 0..count.min(1000 / row_height.max(1) as usize + OVERSCAN));
    {
        let setter = range.setter();
        use_effect_with(
            (list, row_height, count),
            move |(list, row_height, count)| {
                let (list, row_height, count) =
                    (list.clone(), f64::from((*row_height).max(1)), *count);
                let measure: Rc<dyn Fn()> = Rc::new(move || {
                    let Some(element) = list.cast::<Element>() else {
                        return;
                    };
                    let window = gloo::utils::window();
                    let height = window
                        .inner_height()
                        .ok()
                        .and_then(|h| h.as_f64())
                        .unwrap_or(740.0);
                    // How far the window's top is below the list's top (negative: above it).
                    let top = -element.get_bounding_client_rect().top();
                    let first = (top / row_height).floor().max(0.0) as usize;
                    let last = ((top + height) / row_height).ceil().max(0.0) as usize;
                    let start = first.saturating_sub(OVERSCAN).min(count);
                    let end = (last + OVERSCAN).min(count).max(start);
                    setter.set(start..end);
                });
                measure();
                let window = gloo::utils::window();
                let listeners = ["scroll", "resize"].map(|name| {
                    let measure = measure.clone();
                    EventListener::new(&window, name, move |_| measure())
                });
                move || drop(listeners)
            },
        );
    }
    (*range).clone()
}
