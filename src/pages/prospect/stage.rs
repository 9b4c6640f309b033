//! The prospect's stage section.

use yew::prelude::*;

use super::SectionProps;

#[component]
pub fn StageSection(props: &SectionProps) -> Html {
    let _ = props;
    html! {}
}
