use crate::components::Placeholder;
use crate::i18n::Key;
use yew::prelude::*;

#[component]
pub fn Pipeline() -> Html {
    html! { <Placeholder title={Key::TabPipeline} intro={Key::PipelineIntro} planned={Key::PipelinePlanned} /> }
}
