//! The deal room's objections part.

use yew::prelude::*;

use super::super::section::SectionProps;
use crate::i18n::{use_i18n, DealKey};

#[component]
pub fn ObjectionsPart(_props: &SectionProps) -> Html {
    let i18n = use_i18n();
    html! {
        <section class="card deal-part" data-testid="deal-objections">
            <h2>{ i18n.t(DealKey::Objections) }</h2>
        </section>
    }
}
