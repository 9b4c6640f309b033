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
    assert_eq!(
        prefs::load_lang(),
        Lang::ZhHans,
        "default before any choice"
    );
    prefs::save_lang(Lang::ZhHant);
    assert_eq!(prefs::load_lang(), Lang::ZhHant);
    local_storage().set_item("tuoke.lang", "xx").unwrap();
    assert_eq!(
        prefs::load_lang(),
        Lang::ZhHans,
        "an unknown stored tag falls back to the default"
    );
    local_storage().clear().unwrap();
}

#[wasm_bindgen_test]
async fn app_asks_to_sign_in_in_the_saved_language_and_sets_html_lang() {
    local_storage().clear().unwrap();
    prefs::save_lang(Lang::En);
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
