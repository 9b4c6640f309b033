//! The prospect's grading section.

use yew::prelude::*;

use super::SectionProps;

#[component]
pub fn GradeSection(props: &SectionProps) -> Html {
    let _ = props;
    html! {}
}
