use crate::components::Placeholder;
use crate::i18n::Key;
use yew::prelude::*;

#[component]
pub fn Capture() -> Html {
    html! { <Placeholder title={Key::TabCapture} intro={Key::CaptureIntro} planned={Key::CapturePlanned} /> }
}
