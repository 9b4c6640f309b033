//! The training quiz (SPEC §10).

use yew::prelude::*;

#[component]
pub fn Quiz() -> Html {
    html! {}
}
