//! Which rows of a long fixed-row-height list are on screen, following the window's scroll.

use std::ops::Range;
use std::rc::Rc;

use gloo::events::EventListener;
use web_sys::Element;
use yew::prelude::*;

/// Rows rendered beyond each edge of the window, so a flick shows no blank rows. The screen's
/// sticky header and tab bar already hide rendered rows at both edges (about two rows at the
/// top, most of one at the bottom), and each row is laid out again on every keystroke of a
/// search: one more is enough.
const OVERSCAN: usize = 1;

/// The rows of a list whose top is `top` pixels above the window's top (negative: below
/// it) that intersect a window `height` pixels tall, widened by [`OVERSCAN`] rows each side.
/// Not limited to the list's length: the caller clamps.
fn rows_in_view(top: f64, height: f64, row_height: f64) -> Range<usize> {
    let first = (top / row_height).floor().max(0.0) as usize;
    let last = ((top + height) / row_height).ceil().max(0.0) as usize;
    first.saturating_sub(OVERSCAN)..(last + OVERSCAN).max(first.saturating_sub(OVERSCAN))
}

/// Rows of `list` (its element; the page scrolls, not the list) that intersect the window,
/// widened by a few rows each side: the range to render, at most `count`. Measured on scroll
/// and resize, and again when the row count changes (a shorter list may move the page); the
/// component re-renders only when the range changes. The listeners stay for the list's life:
/// a keystroke that changes the count only measures.
#[hook]
pub fn use_visible_range(list: NodeRef, row_height: u32, count: usize) -> Range<usize> {
    // Before the first measurement: one phone screen's worth from the top.
    let range = use_state_eq(|| 0..1000 / row_height.max(1) as usize + OVERSCAN);
    // Measures and sets the range; replaced when the list or the row height changes.
    let measure = use_mut_ref(|| None::<Rc<dyn Fn()>>);
    {
        let (setter, measure) = (range.setter(), measure.clone());
        use_effect_with((list, row_height), move |(list, row_height)| {
            let (list, row_height) = (list.clone(), f64::from((*row_height).max(1)));
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
            *measure.borrow_mut() = Some(measured.clone());
            let window = gloo::utils::window();
            let listeners = ["scroll", "resize"].map(|name| {
                let measured = measured.clone();
                EventListener::new(&window, name, move |_| measured())
            });
            move || {
                drop(listeners);
                *measure.borrow_mut() = None;
            }
        });
    }
    use_effect_with(count, move |_| {
        let measured = measure.borrow().clone();
        if let Some(measured) = measured {
            measured();
        }
    });
    let visible = (*range).clone();
    visible.start.min(count)..visible.end.min(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_in_view_covers_the_window_and_the_overscan() {
        // The list starts 214 px below the window's top; 740 px of window, 88 px rows: rows
        // 0 to 5 show (the sixth in part), then one more.
        assert_eq!(rows_in_view(-214.0, 740.0, 88.0), 0..7);
        // Scrolled 10 rows down: a row above, the rows on screen, a row below.
        assert_eq!(rows_in_view(880.0, 740.0, 88.0), 9..20);
    }
}
