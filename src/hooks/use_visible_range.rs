//! Which rows of a long fixed-row-height list are on screen, following the window's scroll.

use std::ops::Range;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, ResizeObserver};
use yew::prelude::*;

/// The rows of a list whose top is `top` pixels above the window's top (negative: below
/// it) that intersect a window `height` pixels tall. Not limited to the list's length: the
/// caller clamps.
fn rows_in_view(top: f64, height: f64, row_height: f64) -> Range<usize> {
    let first = (top / row_height).floor().max(0.0) as usize;
    let last = ((top + height) / row_height).ceil().max(0.0) as usize;
    first..last.max(first)
}

/// `rows`, at most `count` (a list that just shrank, before it is measured again).
fn clamped(rows: &Range<usize>, count: usize) -> Range<usize> {
    let end = rows.end.min(count);
    rows.start.min(end)..end
}

/// Rows of `list` (its element; the page scrolls, not the list) that intersect the window:
/// the range to render, at most `count`.
///
/// No row is rendered beyond the window's edges: the screen's sticky header and tab bar
/// already hide rendered rows at both edges (about two rows at the top once scrolled, and
/// the bottom 60 px), which is what a flick shows before the list catches up. A row more
/// is one more row of text to lay out on every search keystroke (a 7th row cost 1–5 ms of
/// the slowest keystrokes at 4× CPU throttling: docs/benchmarks.md, "Field screens").
///
/// Measured on scroll and resize of the window, and when something above the list in its
/// parent changes size (a panel opening): a `ResizeObserver` reports that after the
/// browser's own layout, so measuring costs no layout of its own. (Measuring in an effect
/// whenever the row count changed made the browser lay the page out there, on every
/// keystroke of a search.) The component re-renders only when the range changes.
#[hook]
pub fn use_visible_range(list: NodeRef, row_height: u32, count: usize) -> Range<usize> {
    // Before the first measurement: one phone screen's worth from the top.
    let range = use_state_eq(|| 0..1000 / row_height.max(1) as usize);
    {
        let setter = range.setter();
        use_effect_with((list, row_height), move |(list, row_height)| {
            let (list, row_height) = (list.clone(), f64::from((*row_height).max(1)));
            let element = list.cast::<Element>();
            let measured: Rc<dyn Fn()> = Rc::new(move || {
                let Some(element) = list.cast::<Element>() else {
                    return;
                };
                let height = gloo::utils::window()
                    .inner_height()
                    .ok()
                    .and_then(|h| h.as_f64())
                    .unwrap_or(740.0);
                // How far the window's top is below the list's top.
                let top = -element.get_bounding_client_rect().top();
                setter.set(rows_in_view(top, height, row_height));
            });
            measured();
            let window = gloo::utils::window();
            let listeners = ["scroll", "resize"].map(|name| {
                let measured = measured.clone();
                EventListener::new(&window, name, move |_| measured())
            });
            let resized = {
                let measured = measured.clone();
                Closure::<dyn FnMut()>::new(move || measured())
            };
            let observer = ResizeObserver::new(resized.as_ref().unchecked_ref()).ok();
            if let Some(observer) = &observer {
                let mut above = element.and_then(|e| e.previous_element_sibling());
                while let Some(e) = above {
                    observer.observe(&e);
                    above = e.previous_element_sibling();
                }
            }
            move || {
                drop(listeners);
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(resized);
            }
        });
    }
    clamped(&range, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_in_view_covers_the_window() {
        // The list starts 214 px below the window's top; 740 px of window, 88 px rows: rows
        // 0 to 5 show (the sixth in part).
        assert_eq!(rows_in_view(-214.0, 740.0, 88.0), 0..6);
        // Scrolled 10 rows down: rows 10 to 18 (the last in part).
        assert_eq!(rows_in_view(880.0, 740.0, 88.0), 10..19);
        // The list is below the window.
        assert_eq!(rows_in_view(-900.0, 740.0, 88.0), 0..0);
    }

    #[test]
    fn the_range_is_clamped_to_the_list() {
        assert_eq!(clamped(&(10..19), 10_000), 10..19);
        assert_eq!(clamped(&(0..6), 3), 0..3);
        // A list that shrank below the rows measured for it.
        assert_eq!(clamped(&(10..19), 4), 4..4);
    }
}
