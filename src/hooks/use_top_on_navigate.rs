//! Every screen opens at its top.

use yew::prelude::*;
use yew_router::prelude::*;

/// Scrolls the window to the top whenever the route's path changes, so a screen opened from
/// a link far down another screen (a playbook from the bottom of the index, say) starts at its
/// heading instead of keeping the old screen's scroll position. Use once, in the shell, inside
/// the router.
#[hook]
pub fn use_top_on_navigate() {
    let path = use_location().map(|l| l.path().to_owned());
    use_effect_with(path, |_| {
        gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
    });
}
