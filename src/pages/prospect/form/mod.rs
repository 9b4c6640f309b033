//! What the prospect sections share: reading the typed prospect out of the deal, saving a
//! `prospect.put` patch (validated by the core, durable on the phone before "saved" shows),
//! its feedback in the screen's toast ([`save`]), form drafts ([`draft`]) and the state of an
//! edit form ([`edit`]), field widgets
//! ([`fields`]), and money in CNY ([`money`]).
//!
//! Forms are drafts of strings keyed by the patch field they edit (`annual_revenue_cny`,
//! `budget.amount_cny`, …), so a core validation error, which names the field, lands next
//! to the input it belongs to, and a failed save keeps everything typed.

mod draft;
mod edit;
mod fields;
mod money;
mod plausible;
mod save;

pub use crate::pages::shared::problem_text;
pub use draft::{
    draft_text, on_field, value_of, DraftAction, DraftField, DraftState, InputError, Kind,
};
pub use edit::use_edit_form;
pub use fields::{field_id, Check, Choice, Field};
pub use money::{format_int, format_money, full_money, money_html, parse_money};
pub use save::{errors_of, use_focus_first_error, use_put, Errors, Put};

use tuoke_core::record::ProspectRecord;
use tuoke_sync::view::ViewRecord;

/// The prospect as pulled (or as the local view rebuilt it), typed: its editable fields,
/// stage, grade, fit and history. `None` when the record does not have that shape (a newer
/// server's, damaged storage): the screen then says so in words, never the parser's.
pub fn prospect_record(record: &ViewRecord) -> Option<ProspectRecord> {
    serde_json::from_value(record.data.clone()).ok()
}
