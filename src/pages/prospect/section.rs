//! What the prospect page hands every section.

use std::rc::Rc;

use tuoke_sync::view::LocalView;
use yew::prelude::*;

/// What every section gets.
#[derive(Properties, Clone, PartialEq)]
pub struct SectionProps {
    /// The prospect id.
    pub id: String,
    /// The prospect's deal (the prospect, its notes, activities, approvals, quotes, …).
    pub deal: Rc<LocalView>,
}
