//! The stage playbooks and the objection playbook (SPEC §8), offline.

use yew::prelude::*;

#[component]
pub fn Playbooks() -> Html {
    html! {}
}

#[derive(Properties, PartialEq)]
pub struct PlaybookPageProps {
    /// A stage code or `objections`.
    pub topic: String,
}

#[component]
pub fn PlaybookPage(props: &PlaybookPageProps) -> Html {
    let _ = props;
    html! {}
}
