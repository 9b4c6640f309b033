//! Loading a prospect's photos: from IndexedDB first, else downloaded (when online) and kept
//! for offline use.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use chrono::{DateTime, Utc};
use tuoke_core::contract::Entity;
use tuoke_core::record::NoteRecord;
use tuoke_sync::engine::TransportError;
use uuid::Uuid;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::refusal::PhotoRefusal;
use super::thumbs::{ObjectUrl, PhotoState, Shown};
use crate::hooks::{use_newest, use_online, use_prospect, use_sync};
use crate::sync::SyncHandle;

/// A referenced photo: (attachment id, note id, note taken at).
type Reference = (Uuid, String, DateTime<Utc>);

/// The photos the notes of prospect `prospect_id` reference, newest note first, reloaded
/// whenever data changes or the phone comes online; `None` until first loaded.
#[hook]
pub(super) fn use_photos(prospect_id: String) -> Option<Vec<Shown>> {
    let sync = use_sync();
    let online = use_online();
    let deal = use_prospect(prospect_id.clone());
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
            .of_prospect(Entity::Note, &prospect_id)
            .filter_map(|r| serde_json::from_value::<NoteRecord>(r.data.clone()).ok())
            .flat_map(|note| {
                let (note_id, taken) = (note.id.to_string(), note.taken_at);
                note.attachment_ids
                    .into_iter()
                    .map(move |id| (id, note_id.clone(), taken))
            })
            .collect();
        refs.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        refs
    });

    {
        let (shown, urls, gone) = (shown.clone(), urls.clone(), gone.clone());
        let handle = sync.handle.clone();
        let prospect_id = prospect_id.clone();
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
    (*shown).clone()
}

async fn load(
    handle: &SyncHandle,
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
                (Some(reason), _) => PhotoState::Refused(PhotoRefusal::of_stored(reason)),
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
