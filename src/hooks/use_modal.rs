//! A `<dialog>` shown modally while asked.

use web_sys::HtmlDialogElement;
use yew::prelude::*;

/// Shows the `<dialog>` behind `dialog` modally when `open` becomes true and closes it when
/// `open` becomes false (it may also close itself: Escape, a form with `method=dialog`).
#[hook]
pub fn use_modal(dialog: &NodeRef, open: bool) {
    let dialog = dialog.clone();
    use_effect_with(open, move |open| {
        if let Some(d) = dialog.cast::<HtmlDialogElement>() {
            if *open && !d.open() {
                let _ = d.show_modal();
            } else if !*open && d.open() {
                d.close();
            }
        }
    });
}
