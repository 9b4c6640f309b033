//! Photos for the note being written: taken with the camera or chosen from the gallery,
//! compressed on the phone ([`compress`]) and saved in IndexedDB at once, so a reload keeps
//! them with the draft.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;
use web_sys::{File, HtmlInputElement};
use yew::prelude::*;

use super::compress::compress;

use crate::components::photos::{ObjectUrl, PhotoState, Shown, Thumbs};
use crate::hooks::use_sync;
use crate::i18n::{use_i18n, CaptureKey};
use crate::services::ids;
use crate::services::time::now;
use crate::store::Attachment;

#[derive(Properties, PartialEq)]
pub struct PhotoInputProps {
    /// The draft's photos (ids in IndexedDB).
    pub photos: Vec<Uuid>,
    /// The prospect they are filed under (the new prospect's id-to-be for a new one).
    pub prospect_id: String,
    pub on_added: Callback<Uuid>,
    pub on_removed: Callback<Uuid>,
}

/// "Take a photo" and "choose photos", with the draft's thumbnails.
#[component]
pub fn PhotoInput(props: &PhotoInputProps) -> Html {
    let i18n = use_i18n();
    let sync = use_sync();
    let busy = use_state(|| 0usize);
    let error = use_state(|| None::<String>);
    let urls = use_mut_ref(HashMap::<Uuid, Rc<ObjectUrl>>::new);
    let loaded = use_state(|| 0u32);

    {
        // Thumbnails of photos restored with the draft (after a reload).
        let (urls, loaded, handle) = (urls.clone(), loaded.clone(), sync.handle.clone());
        use_effect_with(props.photos.clone(), move |photos| {
            let missing: Vec<Uuid> = photos
                .iter()
                .filter(|id| !urls.borrow().contains_key(id))
                .copied()
                .collect();
            urls.borrow_mut().retain(|id, _| photos.contains(id));
            if !missing.is_empty() {
                spawn_local(async move {
                    for id in missing {
                        if let Ok(Some(a)) = handle.attachment(id).await {
                            if let Some(url) = ObjectUrl::new(&a.bytes, &a.content_type) {
                                urls.borrow_mut().insert(id, Rc::new(url));
                            }
                        }
                    }
                    loaded.set(*loaded + 1);
                });
            }
        });
    }

    let onchange = {
        let (busy, error, urls) = (busy.clone(), error.clone(), urls.clone());
        let (handle, i18n) = (sync.handle.clone(), i18n.clone());
        let (on_added, prospect_id) = (props.on_added.clone(), props.prospect_id.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(files) = input.files() else { return };
            let files: Vec<File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
            // The same file may be chosen again later.
            input.set_value("");
            if files.is_empty() {
                return;
            }
            error.set(None);
            busy.set(files.len());
            let (busy, error, urls) = (busy.clone(), error.clone(), urls.clone());
            let (handle, i18n, on_added, prospect_id) = (
                handle.clone(),
                i18n.clone(),
                on_added.clone(),
                prospect_id.clone(),
            );
            spawn_local(async move {
                let mut left = files.len();
                for file in files {
                    let result = add_photo(&handle, &file, &prospect_id, &urls).await;
                    left -= 1;
                    busy.set(left);
                    match result {
                        Ok(id) => on_added.emit(id),
                        Err(AddError::Unreadable) => error.set(Some(
                            i18n.fmt(CaptureKey::PhotoUnreadable, &[("f", file.name().as_str())]),
                        )),
                        Err(AddError::Save(e)) => {
                            error.set(Some(crate::pages::shared::save_error_text(&i18n, &e)))
                        }
                    }
                }
            });
        })
    };

    let on_remove = {
        let (handle, on_removed, urls) =
            (sync.handle.clone(), props.on_removed.clone(), urls.clone());
        Callback::from(move |id: Uuid| {
            urls.borrow_mut().remove(&id);
            on_removed.emit(id);
            let handle = handle.clone();
            spawn_local(async move {
                let _ = handle.delete_attachment(id).await;
            });
        })
    };

    let shown: Vec<Shown> = props
        .photos
        .iter()
        .map(|id| Shown {
            id: *id,
            url: urls.borrow().get(id).cloned(),
            state: PhotoState::Uploaded,
        })
        .collect();
    html! {
        <div class="photo-input">
            <div class="photo-buttons">
                <label class="button secondary">
                    <input type="file" accept="image/*" capture="environment" class="visually-hidden"
                           onchange={onchange.clone()} data-testid="capture-camera" />
                    { i18n.t(CaptureKey::TakePhoto) }
                </label>
                <label class="button secondary">
                    <input type="file" accept="image/*" multiple=true class="visually-hidden"
                           onchange={onchange} data-testid="capture-photos" />
                    { i18n.t(CaptureKey::ChoosePhotos) }
                </label>
            </div>
            if *busy > 0 {
                <p class="hint" role="status" data-testid="photo-busy">{ i18n.fmt(CaptureKey::Compressing, &[("n", busy.to_string().as_str())]) }</p>
            }
            if let Some(e) = &*error {
                <p class="error" role="alert">{ e.clone() }</p>
            }
            if !shown.is_empty() {
                <Thumbs photos={shown} on_remove={on_remove} />
            }
        </div>
    }
}

enum AddError {
    Unreadable,
    Save(crate::sync::SaveError),
}

async fn add_photo(
    handle: &crate::sync::SyncHandle,
    file: &File,
    prospect_id: &str,
    urls: &Rc<RefCell<HashMap<Uuid, Rc<ObjectUrl>>>>,
) -> Result<Uuid, AddError> {
    let bytes = compress(file).await.map_err(|_| AddError::Unreadable)?;
    let at = now();
    let attachment = Attachment {
        id: ids::new_id(at),
        prospect_id: prospect_id.to_owned(),
        note_id: None,
        content_type: "image/jpeg".to_owned(),
        bytes,
        uploaded: false,
        created_at: at,
    };
    handle
        .save_attachment(&attachment)
        .await
        .map_err(AddError::Save)?;
    if let Some(url) = ObjectUrl::new(&attachment.bytes, &attachment.content_type) {
        urls.borrow_mut().insert(attachment.id, Rc::new(url));
    }
    Ok(attachment.id)
}
