//! What a screen shows while its content document loads or when it cannot be loaded.

use yew::prelude::*;

use crate::hooks::Content;
use crate::i18n::{use_i18n, ContentKey};
use crate::services::content::LoadError;

#[derive(Properties, PartialEq)]
pub struct ContentStatusProps {
    /// Not yet loaded (`None`) or why not (`Some`).
    pub failed: Option<LoadError>,
    pub on_retry: Callback<()>,
}

/// Loading, or the failure with what to do and "try again".
#[component]
pub fn ContentStatus(props: &ContentStatusProps) -> Html {
    let i18n = use_i18n();
    match props.failed {
        None => html! {
            <p class="hint" role="status" data-testid="content-loading">{ i18n.t(ContentKey::Loading) }</p>
        },
        Some(e) => {
            let retry = props.on_retry.reform(|_: MouseEvent| ());
            let text = match e {
                LoadError::Offline => ContentKey::Offline,
                LoadError::Unavailable => ContentKey::Unavailable,
            };
            html! {
                <div class="card" role="alert" data-testid="content-error">
                    <p>{ i18n.t(text) }</p>
                    <div class="actions">
                        <button type="button" class="secondary" onclick={retry} data-testid="content-retry">
                            { i18n.t(ContentKey::Retry) }
                        </button>
                    </div>
                </div>
            }
        }
    }
}

/// `ready(document)` when `content` is loaded, else the [`ContentStatus`].
pub fn with_content<D>(
    content: &Content<D>,
    retry: &Callback<()>,
    ready: impl FnOnce(&D) -> Html,
) -> Html {
    match content {
        Content::Ready(doc) => ready(doc),
        Content::Loading => html! { <ContentStatus failed={None} on_retry={retry.clone()} /> },
        Content::Failed(e) => {
            html! { <ContentStatus failed={Some(*e)} on_retry={retry.clone()} /> }
        }
    }
}
