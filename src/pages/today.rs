use crate::components::Placeholder;
use crate::i18n::Key;
use yew::prelude::*;

#[component]
pub fn Today() -> Html {
    html! { <Placeholder title={Key::TabToday} intro={Key::TodayIntro} planned={Key::TodayPlanned} /> }
}
