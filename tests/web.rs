//! Browser tests of the PWA, run by wasm-bindgen-test in headless Chromium
//! (`scripts/test` sets the runner and `webdriver.json` carries the Chromium flags).
#![cfg(target_arch = "wasm32")]

use tuoke::i18n::{t, Key, Lang};
use tuoke::services::prefs;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    gloo::utils::window().local_storage().unwrap().unwrap()
}

/// Yields to the browser until `cond` holds (bounded), instead of sleeping a fixed time.
async fn wait_until(mut cond: impl FnMut() -> bool) {
    for _ in 0..500 {
        if cond() {
            return;
        }
        gloo::timers::future::TimeoutFuture::new(1).await;
    }
    panic!("condition not reached");
}

fn tab_labels(root: &web_sys::Element) -> Vec<String> {
    let list = root.query_selector_all("nav.tab-bar .tab-label").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
fn language_preference_round_trips_through_local_storage() {
    local_storage().clear().unwrap();
    assert_eq!(prefs::lang().get(), None, "nothing before any choice");
    assert!(prefs::lang().set(&Lang::ZhHant));
    assert_eq!(
        local_storage().get_item("tuoke.lang").unwrap().as_deref(),
        Some("zh-Hant"),
        "kept as its tag, as older versions kept it"
    );
    assert_eq!(prefs::lang().get(), Some(Lang::ZhHant));
    local_storage().set_item("tuoke.lang", "xx").unwrap();
    assert_eq!(
        prefs::lang().get(),
        None,
        "an unknown stored tag reads as none (the app then shows the default)"
    );
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn preferences_keep_typed_values_per_area_and_forget_them() {
    local_storage().clear().unwrap();
    let session = gloo::utils::window().session_storage().unwrap().unwrap();
    session.clear().unwrap();

    let recent = prefs::capture_recent("u1");
    assert!(recent.set(&vec!["p2".to_owned(), "p1".to_owned()]));
    assert_eq!(recent.get(), Some(vec!["p2".to_owned(), "p1".to_owned()]));
    assert!(prefs::capture_recent("u2").get().is_none(), "per user");
    local_storage()
        .set_item(recent.name(), "{\"not\":\"a list\"}")
        .unwrap();
    assert_eq!(recent.get(), None, "a value of another shape reads as none");
    assert!(recent.remove());
    assert_eq!(local_storage().get_item(recent.name()).unwrap(), None);

    // The tab's area is sessionStorage, and a value taken is gone.
    let scroll = prefs::prospects_scroll();
    assert!(scroll.set(&640.5));
    assert_eq!(local_storage().get_item(scroll.name()).unwrap(), None);
    assert_eq!(scroll.take(), Some(640.5));
    assert_eq!(scroll.get(), None);
    session.clear().unwrap();
}

#[wasm_bindgen_test]
async fn app_asks_to_sign_in_in_the_saved_language_and_sets_html_lang() {
    local_storage().clear().unwrap();
    prefs::lang().set(&Lang::En);
    let document = gloo::utils::document();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();

    // A phone nobody signed in on yet: the sign-in screen, no tabs, in the saved language.
    yew::Renderer::<tuoke::app::App>::with_root(host.clone()).render();
    let heading = || {
        host.query_selector("main h1")
            .unwrap()
            .and_then(|h| h.text_content())
    };
    wait_until(|| heading().is_some()).await;
    assert_eq!(heading().as_deref(), Some(t(Lang::En, Key::LoginTitle)));
    assert!(tab_labels(&host).is_empty());
    wait_until(|| {
        document
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref()
            == Some("en")
    })
    .await;
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_burst_is_acted_on_once_with_its_last_value_after_it_rested() {
    use std::cell::RefCell;
    use std::rc::Rc;
    use tuoke::services::debounce::Debounce;

    let seen = Rc::new(RefCell::new(Vec::new()));
    let debounce = {
        let seen = seen.clone();
        Debounce::new(200, move |v: u32| seen.borrow_mut().push(v))
    };
    for v in 1..=3 {
        debounce.push(v);
        gloo::timers::future::TimeoutFuture::new(10).await;
    }
    assert!(seen.borrow().is_empty(), "still typing: nothing yet");
    wait_until(|| !seen.borrow().is_empty()).await;
    assert_eq!(*seen.borrow(), vec![3]);

    // A value taken before it rested is handed back and never acted on.
    debounce.push(4);
    assert_eq!(debounce.take(), Some(4));
    assert_eq!(debounce.take(), None);
    gloo::timers::future::TimeoutFuture::new(300).await;
    assert_eq!(*seen.borrow(), vec![3]);
}
