//! The one store of what the phone keeps outside IndexedDB: preferences, drafts and screen
//! state, under typed keys ([`Pref`]) over the browser's Web Storage. This is the only
//! module that touches `localStorage` and `sessionStorage`; every key the app uses is made
//! by a function below, so the whole key space reads in one place.
//!
//! Plain Web Storage rather than IndexedDB: these values are small, read synchronously while
//! a screen opens, and losing one (private mode, full storage) costs a convenience, never a
//! saved change.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;
use tuoke_core::i18n::Lang;
use tuoke_search::ListQuery;

/// Where a value is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// `localStorage`: this browser, until the app or the rep clears it.
    Device,
    /// `sessionStorage`: this tab, until it closes.
    Tab,
}

/// A typed key: its name, where it is kept, and how its value is written there.
pub struct Pref<T> {
    name: String,
    area: Area,
    encode: fn(&T) -> Option<String>,
    decode: fn(&str) -> Option<T>,
    kind: PhantomData<fn() -> T>,
}

impl<T: Serialize + DeserializeOwned> Pref<T> {
    /// A key whose value is kept as JSON.
    fn json(area: Area, name: String) -> Pref<T> {
        Pref {
            name,
            area,
            encode: |value| serde_json::to_string(value).ok(),
            decode: |text| serde_json::from_str(text).ok(),
            kind: PhantomData,
        }
    }
}

impl<T> Pref<T> {
    /// The key's name in Web Storage.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The stored value; `None` when there is none, it does not read as a `T`, or storage
    /// is unusable.
    pub fn get(&self) -> Option<T> {
        let text = storage(self.area)?.get_item(&self.name).ok().flatten()?;
        (self.decode)(&text)
    }

    /// Keeps `value`. `false`: the browser refused it (private mode, full storage), so it
    /// lives only as long as the page.
    pub fn set(&self, value: &T) -> bool {
        let (Some(storage), Some(text)) = (storage(self.area), (self.encode)(value)) else {
            return false;
        };
        storage.set_item(&self.name, &text).is_ok()
    }

    /// Forgets the value. `false`: storage is unusable.
    pub fn remove(&self) -> bool {
        storage(self.area).is_some_and(|s| s.remove_item(&self.name).is_ok())
    }

    /// The stored value, forgotten as it is read (a value meant to be used once).
    pub fn take(&self) -> Option<T> {
        let value = self.get();
        self.remove();
        value
    }
}

/// The browser's storage for `area`, if it lets the app use it.
fn storage(area: Area) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match area {
        Area::Device => window.local_storage(),
        Area::Tab => window.session_storage(),
    }
    .ok()
    .flatten()
}

// ---------------------------------------------------------------------------------------
// The keys

/// The UI language, kept as its tag (`zh-Hant`).
pub fn lang() -> Pref<Lang> {
    Pref {
        name: "tuoke.lang".to_owned(),
        area: Area::Device,
        encode: |lang| Some(lang.tag().to_owned()),
        decode: Lang::from_tag,
        kind: PhantomData,
    }
}

/// The quiz attempt `user` has in progress (its countdown survives a reload).
pub fn quiz_attempt<T: Serialize + DeserializeOwned>(user: &str) -> Pref<T> {
    Pref::json(Area::Device, format!("tuoke.quiz.{user}.attempt"))
}

/// The note `user` is writing about `target` (a prospect id, or `new` for a new prospect).
pub fn capture_draft<T: Serialize + DeserializeOwned>(user: &str, target: &str) -> Pref<T> {
    Pref::json(Area::Device, format!("tuoke.capture.{user}.draft.{target}"))
}

/// What `user` last wrote a note about, and when (the Capture tab reopens on it).
pub fn capture_last<T: Serialize + DeserializeOwned>(user: &str) -> Pref<T> {
    Pref::json(Area::Device, format!("tuoke.capture.{user}.last"))
}

/// The prospects `user` wrote notes about lately, most recent first.
pub fn capture_recent(user: &str) -> Pref<Vec<String>> {
    Pref::json(Area::Device, format!("tuoke.capture.{user}.recent"))
}

/// The Prospects list's last search and filters in this tab.
pub fn prospects_query() -> Pref<ListQuery> {
    Pref::json(Area::Tab, "tuoke.prospects.query".to_owned())
}

/// Where the Prospects list was scrolled when a prospect was opened from it (used once,
/// coming back).
pub fn prospects_scroll() -> Pref<f64> {
    Pref::json(Area::Tab, "tuoke.prospects.scroll".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_kept_as_its_tag_and_read_leniently() {
        let key = lang();
        assert_eq!((key.encode)(&Lang::ZhHant).as_deref(), Some("zh-Hant"));
        assert_eq!((key.decode)("zh-Hant"), Some(Lang::ZhHant));
        assert_eq!((key.decode)("zh-TW"), Some(Lang::ZhHant));
        assert_eq!((key.decode)("xx"), None);
    }

    #[test]
    fn json_keys_read_back_what_they_wrote_and_refuse_other_shapes() {
        let key = capture_recent("u1");
        let ids = vec!["p2".to_owned(), "p1".to_owned()];
        let text = (key.encode)(&ids).unwrap();
        assert_eq!((key.decode)(&text), Some(ids));
        assert_eq!((key.decode)("{\"not\":\"a list\"}"), None);
        // A scroll position kept by an older version (`y.to_string()`) still reads.
        assert_eq!((prospects_scroll().decode)("1234.5"), Some(1234.5));
    }

    #[test]
    fn keys_are_per_user_and_target_and_in_their_area() {
        assert_eq!(
            capture_draft::<()>("u1", "new").name(),
            "tuoke.capture.u1.draft.new"
        );
        assert_eq!(quiz_attempt::<()>("u1").name(), "tuoke.quiz.u1.attempt");
        assert_eq!(capture_last::<()>("u1").area, Area::Device);
        assert_eq!(prospects_query().area, Area::Tab);
        assert_eq!(prospects_scroll().area, Area::Tab);
    }
}
