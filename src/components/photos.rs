//! A prospect's field photos: thumbnails of the photos its notes reference, from the phone's
//! IndexedDB first; a photo taken on another device (or by a colleague) is downloaded with
//! the rep's token when online and kept for offline use. Each shows whether it still waits
//! for upload or was refused by the server (with the reason). Tap to see it full size.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use serde_json::Value;
use tuoke_sync::engine::TransportError;
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Blob, BlobPropertyBag, HtmlDialogElement, Url};
use yew::prelude::*;

use crate::hooks::{use_newest, use_online, use_prospect, use_sync};
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
    Refused(String),
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
                            { i18n.fmt(CaptureKey::PhotoRefused, &[("n", (i + 1).to_string().as_str()), ("m", reason.as_str())]) }
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

#[derive(Properties, PartialEq)]
pub struct PhotosProps {
    pub prospect_id: AttrValue,
}

/// A referenced photo: (attachment id, note id, note taken at).
type Reference = (Uuid, String, String);

/// The photos of a prospect's notes, newest note first.
#[component]
pub fn Photos(props: &PhotosProps) -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let online = use_online();
    let deal = use_prospect(props.prospect_id.to_string());
    let shown = use_state(|| None::<Vec<Shown>>);
    // Kept across reloads so a thumbnail keeps its URL (no flicker, no re-decoding).
    let urls = use_mut_ref(HashMap::<Uuid, Rc<ObjectUrl>>::new);
    // Downloads that failed for good (not visible to this user) are not retried each reload.
    let gone = use_mut_ref(HashSet::<Uuid>::new);
    // Which load is the newest: loads overlap when the data changes while one runs, and an
    // older one finishing last must not put back what it read (a photo "waiting" after the
    // server refused it).
    let newest = use_newest();

    let references: Option<Vec<Reference>> = deal.as_ref().map(|deal| {
        let mut refs: Vec<Reference> = deal
            .of_prospect("note", &props.prospect_id)
            .flat_map(|note| {
                let taken = note
                    .data
                    .get("taken_at")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                note.data
                    .get("attachment_ids")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str()?.parse::<Uuid>().ok())
                    .map(move |id| (id, note.id.clone(), taken.clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        refs.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        refs
    });

    {
        let (shown, urls, gone) = (shown.clone(), urls.clone(), gone.clone());
        let handle = sync.handle.clone();
        let prospect_id = props.prospect_id.to_string();
        let revision = sync.state.revision;
        use_effect_with(
            (references.clone(), revision, online),
            move |(references, _, online)| {
                if let Some(references) = references.clone() {
                    let online = *online;
                    let this = newest.start();
                    spawn_local(async move {
                        let list =
                            load(&handle, &prospect_id, &references, online, &urls, &gone).await;
                        if newest.accept(this) {
                            shown.set(Some(list));
                        }
                    });
                }
            },
        );
    }

    match &*shown {
        None => html! {},
        Some(list) if list.is_empty() => html! {
            <p class="hint" data-testid="photos-empty">{ i18n.t(CaptureKey::NoPhotos) }</p>
        },
        Some(list) => html! { <Thumbs photos={list.clone()} /> },
    }
}

async fn load(
    handle: &crate::sync::SyncHandle,
    prospect_id: &str,
    references: &[Reference],
    online: bool,
    urls: &Rc<RefCell<HashMap<Uuid, Rc<ObjectUrl>>>>,
    gone: &Rc<RefCell<HashSet<Uuid>>>,
) -> Vec<Shown> {
    let local: HashMap<Uuid, _> = handle
        .attachments_of_prospect(prospect_id)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|s| (s.attachment.id, s))
        .collect();
    let mut list = Vec::with_capacity(references.len());
    for (id, note_id, _) in references {
        let url_of = |bytes: &[u8], content_type: &str| {
            let mut urls = urls.borrow_mut();
            if let Some(url) = urls.get(id) {
                return Some(url.clone());
            }
            let url = Rc::new(ObjectUrl::new(bytes, content_type)?);
            urls.insert(*id, url.clone());
            Some(url)
        };
        let shown = if let Some(stored) = local.get(id) {
            let a = &stored.attachment;
            let state = match (&stored.upload_error, a.uploaded) {
                (Some(reason), _) => PhotoState::Refused(reason.clone()),
                (None, true) => PhotoState::Uploaded,
                (None, false) => PhotoState::Pending,
            };
            Shown {
                id: *id,
                url: url_of(&a.bytes, &a.content_type),
                state,
            }
        } else if online && !gone.borrow().contains(id) {
            match handle.download_attachment(*id, prospect_id, note_id).await {
                Ok(Some(a)) => Shown {
                    id: *id,
                    url: url_of(&a.bytes, &a.content_type),
                    state: PhotoState::Uploaded,
                },
                Err(TransportError::Status { status, .. }) if status == 404 || status == 403 => {
                    gone.borrow_mut().insert(*id);
                    unavailable(*id)
                }
                _ => unavailable(*id),
            }
        } else {
            unavailable(*id)
        };
        list.push(shown);
    }
    // Forget the URLs of photos no longer shown.
    urls.borrow_mut()
        .retain(|id, _| references.iter().any(|(r, _, _)| r == id));
    list
}

fn unavailable(id: Uuid) -> Shown {
    Shown {
        id,
        url: None,
        state: PhotoState::Unavailable,
    }
}
