//! A prospect's field photos: thumbnails of the photos its notes reference, from the phone's
//! IndexedDB first; a photo taken on another device (or by a colleague) is downloaded with
//! the rep's token when online and kept for offline use. Each shows whether it still waits
//! for upload or was refused by the server (why, translated from its code). Tap to see it full size.

mod load;
mod refusal;
mod thumbs;

pub use refusal::PhotoRefusal;
pub use thumbs::{ObjectUrl, PhotoState, Shown, Thumbs};

use yew::prelude::*;

use crate::i18n::{use_i18n, CaptureKey};
use load::use_photos;

#[derive(Properties, PartialEq)]
pub struct PhotosProps {
    pub prospect_id: AttrValue,
}

/// The photos of a prospect's notes, newest note first.
#[component]
pub fn Photos(props: &PhotosProps) -> Html {
    let i18n = use_i18n();
    let shown = use_photos(props.prospect_id.to_string());

    match &shown {
        None => html! {},
        Some(list) if list.is_empty() => html! {
            <p class="hint" data-testid="photos-empty">{ i18n.t(CaptureKey::NoPhotos) }</p>
        },
        Some(list) => html! { <Thumbs photos={list.clone()} /> },
    }
}
