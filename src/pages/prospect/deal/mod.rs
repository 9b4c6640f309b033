//! The prospect's deal room (SPEC §8): the formal quote (builder, versions, approval, print),
//! the objection log, and the negotiation (plan and concession tracker). Each part is its own
//! module; this one only lays them out in the order a deal goes through them.

mod negotiation;
mod objections;
mod quote;

use yew::prelude::*;

use super::section::SectionProps;

#[component]
pub fn DealSection(props: &SectionProps) -> Html {
    html! {
        <div class="deal-room" data-testid="deal-room">
            <quote::QuotePart ..props.clone() />
            <objections::ObjectionsPart ..props.clone() />
            <negotiation::NegotiationPart ..props.clone() />
        </div>
    }
}
