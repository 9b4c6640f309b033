//! The prospect's overview section.

use yew::prelude::*;

use super::SectionProps;

#[component]
pub fn OverviewSection(props: &SectionProps) -> Html {
    let _ = props;
    html! {}
}
