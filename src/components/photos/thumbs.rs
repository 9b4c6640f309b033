//! Thumbnails of photos with where each stands (uploaded, waiting, refused); a tap shows the
//! photo full size.

use std::rc::Rc;

use uuid::Uuid;
use web_sys::{Blob, BlobPropertyBag, HtmlDialogElement, Url};
use yew::prelude::*;

use super::refusal::PhotoRefusal;
use crate::i18n::{use_i18n, CaptureKey};

/// An object URL for image bytes, revoked when dropped.
#[derive(Debug, PartialEq, Eq)]
pub struct ObjectUrl(String);

impl ObjectUrl {
    /// A `blob:` URL of `bytes` typed `content_type`.
    pub fn new(bytes: &[u8], content_type: &str) -> Option<ObjectUrl> {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        let options = BlobPropertyBag::new();
        options.set_type(content_type);
        let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
        Url::create_object_url_with_blob(&blob).ok().map(ObjectUrl)
    }

    /// The URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Drop for ObjectUrl {
    fn drop(&mut self) {
        let _ = Url::revoke_object_url(&self.0);
    }
}

/// Where a photo stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhotoState {
    /// On the server.
    Uploaded,
    /// On the phone, waiting for the next sync.
    Pending,
    /// The server refused it for this reason; it will not be sent again.
    Refused(PhotoRefusal),
    /// Not on this phone and not downloadable now (offline, or not visible).
    Unavailable,
}

/// One thumbnail.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub id: Uuid,
    pub url: Option<Rc<ObjectUrl>>,
    pub state: PhotoState,
}

#[derive(Properties, PartialEq)]
pub struct ThumbsProps {
    pub photos: Vec<Shown>,
    /// A remove button per photo (drafts), if given.
    #[prop_or_default]
    pub on_remove: Option<Callback<Uuid>>,
}

/// A grid of thumbnails with their states; a tap shows the photo full size.
#[component]
pub fn Thumbs(props: &ThumbsProps) -> Html {
    let i18n = use_i18n();
    let dialog = use_node_ref();
    let open = use_state(|| None::<Rc<ObjectUrl>>);
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                d.close();
            }
        })
    };
    {
        // Open the dialog once the image is in it.
        let dialog = dialog.clone();
        use_effect_with(open.clone(), move |open| {
            if open.is_some() {
                if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                    if !d.open() {
                        let _ = d.show_modal();
                    }
                }
            }
        });
    }
    html! {
        <>
            <ul class="thumbs" data-testid="photo-thumbs">
                { for props.photos.iter().map(|p| {
                    let (badge, class) = match &p.state {
                        PhotoState::Uploaded => (None, ""),
                        PhotoState::Pending => (Some(i18n.t(CaptureKey::PhotoPending).to_owned()), "pending"),
                        PhotoState::Refused(_) => (Some(i18n.t(CaptureKey::PhotoRefusedShort).to_owned()), "refused"),
                        PhotoState::Unavailable => (Some(i18n.t(CaptureKey::PhotoUnavailable).to_owned()), "unavailable"),
                    };
                    let view = p.url.clone().map(|url| {
                        let open = open.clone();
                        Callback::from(move |_: MouseEvent| open.set(Some(url.clone())))
                    });
                    let remove = props.on_remove.clone().map(|cb| {
                        let id = p.id;
                        Callback::from(move |_: MouseEvent| cb.emit(id))
                    });
                    html! {
                        <li key={p.id.to_string()} class={classes!("thumb", class)} data-testid="photo-thumb"
                            data-attachment-id={p.id.to_string()} data-state={state_code(&p.state)}>
                            if let Some(url) = &p.url {
                                <button type="button" class="thumb-view" onclick={view} aria-label={i18n.t(CaptureKey::ViewPhoto)}>
                                    <img src={url.as_str().to_owned()} alt={i18n.t(CaptureKey::PhotoAlt)} loading="lazy" />
                                </button>
                            } else {
                                <span class="thumb-missing" aria-hidden="true">{ "🖼" }</span>
                            }
                            if let Some(badge) = badge {
                                <span class="thumb-badge" data-testid="photo-state">{ badge }</span>
                            }
                            if let Some(remove) = remove {
                                <button type="button" class="thumb-remove" onclick={remove}
                                        aria-label={i18n.t(CaptureKey::RemovePhoto)} data-testid="photo-remove">
                                    <span class="thumb-x" aria-hidden="true">{ "×" }</span>
                                </button>
                            }
                        </li>
                    }
                }) }
            </ul>
            // The reasons do not fit on a thumbnail: one line each under the grid.
            <ul class="photo-problems">
                { for props.photos.iter().enumerate().filter_map(|(i, p)| match &p.state {
                    PhotoState::Refused(reason) => Some(html! {
                        <li key={p.id.to_string()} class="error" data-testid="photo-refused-reason">
                            { reason.text(&i18n, i + 1) }
                        </li>
                    }),
                    _ => None,
                }) }
            </ul>
            <dialog ref={dialog} class="photo-viewer" aria-label={i18n.t(CaptureKey::PhotoAlt)}>
                if let Some(url) = &*open {
                    <img src={url.as_str().to_owned()} alt={i18n.t(CaptureKey::PhotoAlt)} />
                }
                <div class="actions">
                    <button type="button" class="primary" onclick={close}>{ i18n.t(CaptureKey::Close) }</button>
                </div>
            </dialog>
        </>
    }
}

fn state_code(state: &PhotoState) -> &'static str {
    match state {
        PhotoState::Uploaded => "uploaded",
        PhotoState::Pending => "pending",
        PhotoState::Refused(_) => "refused",
        PhotoState::Unavailable => "unavailable",
    }
}
