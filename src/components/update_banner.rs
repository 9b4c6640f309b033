use crate::hooks::SwUpdate;
use crate::i18n::{use_i18n, Key};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct UpdateBannerProps {
    pub update: SwUpdate,
}

/// Offers a waiting new version; nothing changes until the user accepts.
#[component]
pub fn UpdateBanner(props: &UpdateBannerProps) -> Html {
    let i18n = use_i18n();
    if !props.update.ready {
        return html! {};
    }
    let apply = props.update.apply.reform(|_: MouseEvent| ());
    let dismiss = props.update.dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="update-banner" role="alert" data-testid="update-banner">
            <span>{ i18n.t(Key::UpdateAvailable) }</span>
            <div class="actions">
                <button class="secondary" onclick={dismiss}>{ i18n.t(Key::UpdateLater) }</button>
                <button class="primary" onclick={apply}>{ i18n.t(Key::UpdateNow) }</button>
            </div>
        </div>
    }
}
