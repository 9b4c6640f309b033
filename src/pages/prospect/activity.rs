//! The prospect's activity section.

use yew::prelude::*;

use super::SectionProps;

#[component]
pub fn ActivitySection(props: &SectionProps) -> Html {
    let _ = props;
    html! {}
}
