//! The deal room's quote part.

use yew::prelude::*;

use super::super::section::SectionProps;
use crate::i18n::{use_i18n, QuoteKey};

#[component]
pub fn QuotePart(_props: &SectionProps) -> Html {
    let i18n = use_i18n();
    html! {
        <section class="card deal-part" data-testid="deal-quote">
            <h2>{ i18n.t(QuoteKey::Title) }</h2>
        </section>
    }
}
