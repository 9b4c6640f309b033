//! A list of fixed-height rows that renders only the rows on screen, however long it is.

use yew::prelude::*;

use crate::hooks::use_visible_range::use_visible_range;

#[derive(Properties, PartialEq)]
pub struct VirtualListProps {
    /// Number of rows.
    pub count: usize,
    /// Height of every row, in CSS pixels (the rows' CSS must agree).
    pub row_height: u32,
    /// Renders a row as an `<li>` placed with [`row_style`] and keyed by its slot.
    pub row: Callback<Row, Html>,
    /// What row `i` shows (e.g. the index of its item in the whole list): a row still on
    /// screen after the list changes keeps its element, and only moves.
    pub identity: Callback<usize, usize>,
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

/// A row to render: its index in the list, and the slot that keys its element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub index: usize,
    pub slot: usize,
}

/// The slot of each row shown (`shown`: identities, in order), given the identity each slot
/// showed last time (`previous`, `None` for a free slot): a row that was already shown keeps
/// its slot; the others take the free slots, lowest first. Keyed by slot, a row that stays
/// on screen while a search narrows the list keeps its element, only moved up (no new text
/// to lay out), and a new row takes over the element of one that left (its text patched,
/// no element built).
fn assign_slots(previous: &[Option<usize>], shown: &[usize]) -> Vec<usize> {
    let mut used = vec![false; previous.len() + shown.len()];
    let mut slots: Vec<Option<usize>> = shown
        .iter()
        .map(|id| {
            let slot = previous.iter().position(|p| *p == Some(*id))?;
            (!std::mem::replace(&mut used[slot], true)).then_some(slot)
        })
        .collect();
    let mut free = (0..used.len()).filter(|&s| !used[s]);
    for slot in slots.iter_mut().filter(|s| s.is_none()) {
        *slot = free.next();
    }
    slots.into_iter().map(|s| s.unwrap_or_default()).collect()
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
    // What each slot showed last time.
    let slots = use_mut_ref(Vec::<Option<usize>>::new);
    let indices: Vec<usize> = visible.collect();
    let shown: Vec<usize> = indices.iter().map(|&i| props.identity.emit(i)).collect();
    let assigned = assign_slots(&slots.borrow(), &shown);
    {
        let mut slots = slots.borrow_mut();
        slots.clear();
        for (&slot, &id) in assigned.iter().zip(&shown) {
            if slots.len() <= slot {
                slots.resize(slot + 1, None);
            }
            slots[slot] = Some(id);
        }
    }
    let height = format!("height:{}px", props.count * props.row_height as usize);
    html! {
        <ul ref={list} class={classes!("vlist", props.class.clone())} style={height}
            aria-label={props.label.clone()} data-testid={props.testid.clone()}
            onclick={props.onclick.clone()}>
            { for indices.iter().zip(&assigned).map(|(&index, &slot)| props.row.emit(Row { index, slot })) }
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_still_shown_keep_their_slots_and_new_rows_take_the_free_ones() {
        // The first row left, the others moved up, one came in at the bottom.
        assert_eq!(
            assign_slots(&[Some(10), Some(11), Some(12)], &[11, 12, 13]),
            [1, 2, 0]
        );
        // Everything replaced: the same slots, in order.
        assert_eq!(
            assign_slots(&[Some(10), Some(11), Some(12)], &[20, 21, 22]),
            [0, 1, 2]
        );
        // More rows than before; a slot left free last time is taken first.
        assert_eq!(
            assign_slots(&[Some(10), None, Some(12)], &[12, 30, 31, 32]),
            [2, 0, 1, 3]
        );
        assert_eq!(assign_slots(&[], &[5, 6]), [0, 1]);
        assert_eq!(assign_slots(&[Some(1)], &[]), Vec::<usize>::new());
    }
}
