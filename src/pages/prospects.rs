use crate::components::Placeholder;
use crate::i18n::Key;
use yew::prelude::*;

#[component]
pub fn Prospects() -> Html {
    html! { <Placeholder title={Key::TabProspects} intro={Key::ProspectsIntro} planned={Key::ProspectsPlanned} /> }
}
