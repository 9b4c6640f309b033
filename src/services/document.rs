//! The page's document.

/// Sets `<html lang>` (screen readers and fonts follow it).
pub fn set_lang(tag: &str) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("lang", tag);
    }
}
