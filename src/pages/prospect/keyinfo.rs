//! The prospect's keyinfo section.

use yew::prelude::*;

use super::SectionProps;

#[component]
pub fn KeyInfoSection(props: &SectionProps) -> Html {
    let _ = props;
    html! {}
}
