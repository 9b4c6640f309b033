use yew::prelude::*;

/// A ref whose element takes the focus once it is mounted (a form opened in place, so a
/// keyboard or screen-reader user lands in it).
#[hook]
pub fn use_focus_on_mount() -> NodeRef {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            if let Some(element) = node.cast::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        });
    }
    node
}
