//! A list of fixed-height rows that renders only the rows on screen, however long it is.

use yew::prelude::*;

use crate::hooks::use_visible_range::use_visible_range;

#[derive(Properties, PartialEq)]
pub struct VirtualListProps {
    /// Number of rows.
    pub count: usize,
    /// Height of every row, in CSS pixels (the rows' CSS must agree).
    pub row_height: u32,
    /// Renders row `i` as an `<li>` placed with [`row_style`] and keyed by `i` (so rows on
    /// screen are patched, not rebuilt, when the list behind them changes).
    pub row: Callback<usize, Html>,
    /// Accessible name of the list.
    pub label: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// Called on a click inside the list (e.g. to remember the scroll before opening a row).
    #[prop_or_default]
    pub onclick: Option<Callback<MouseEvent>>,
}

/// The style that puts row `index` in its place.
pub fn row_style(index: usize, row_height: u32) -> String {
    format!(
        "top:{}px;height:{row_height}px",
        index * row_height as usize
    )
}

/// A `<ul>` as tall as all its rows, holding only the visible ones (absolutely positioned),
/// so 10,000 rows cost what 30 do. The page scrolls, not the list.
#[component]
pub fn VirtualList(props: &VirtualListProps) -> Html {
    let list = use_node_ref();
    // At most `count` rows, also before a list that just shrank is measured again.
    let visible = use_visible_range(list.clone(), props.row_height, props.count);
    let height = format!("height:{}px", props.count * props.row_height as usize);
    html! {
        <ul ref={list} class={classes!("vlist", props.class.clone())} style={height}
            aria-label={props.label.clone()} data-testid={props.testid.clone()}
            onclick={props.onclick.clone()}>
            { for visible.map(|i| props.row.emit(i)) }
        </ul>
    }
}
