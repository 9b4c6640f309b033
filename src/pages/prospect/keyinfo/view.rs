//! How a category's values and fields look (pure views).

use serde_json::Value;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::super::form::{draft_text, money_html, Kind};
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

/// A stored value as the rep reads it.
pub(super) fn shown(i18n: &I18n, kind: Kind, value: &Value) -> Option<Html> {
    let text = match (kind, value) {
        (_, Value::Null) => None,
        (Kind::Money, v) => return v.as_i64().map(|n| money_html(i18n, n)),
        (_, Value::Bool(b)) => Some(i18n.t(LabelKey::yes_no(*b)).to_owned()),
        (_, Value::Array(items)) if items.is_empty() => None,
        (_, Value::Array(items)) => Some(
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(i18n.t(P::ListSeparator)),
        ),
        (_, v) => Some(draft_text(Some(v))),
    };
    text.map(Html::from)
}
