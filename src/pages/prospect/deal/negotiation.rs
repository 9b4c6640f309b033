//! The deal room's negotiation part.

use yew::prelude::*;

use super::super::section::SectionProps;
use crate::i18n::{use_i18n, DealKey};

#[component]
pub fn NegotiationPart(_props: &SectionProps) -> Html {
    let i18n = use_i18n();
    html! {
        <section class="card deal-part" data-testid="deal-negotiation">
            <h2>{ i18n.t(DealKey::Negotiation) }</h2>
        </section>
    }
}
