//! How a category's values and fields look (pure views).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::super::form::{money_html, Kind};
use super::specs::Shown;
use crate::i18n::{I18n, LabelKey, ProfileKey as P};

/// Puts the cursor in a field of an open form (by its draft name).
pub(super) fn focus_field(name: &str) {
    let id = super::super::form::field_id(name);
    let element = gloo::utils::document()
        .get_element_by_id(&id)
        .or_else(|| gloo::utils::document().get_element_by_id(&format!("{id}-0")));
    if let Some(el) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// A recorded value as the rep reads it.
pub(super) fn shown(i18n: &I18n, kind: Kind, value: Shown) -> Html {
    match (kind, value) {
        (Kind::Money, Shown::Number(n)) => money_html(i18n, n),
        (_, Shown::Number(n)) => Html::from(n.to_string()),
        (_, Shown::Flag(b)) => Html::from(i18n.t(LabelKey::yes_no(b))),
        (_, Shown::Date(d)) => Html::from(d.to_string()),
        (_, Shown::List(items)) => Html::from(items.join(i18n.t(P::ListSeparator))),
        (_, Shown::Text(t)) => Html::from(t),
    }
}
