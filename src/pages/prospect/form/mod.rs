//! What the prospect sections' forms share: saving a `prospect.put` patch (the core's typed
//! patch, validated by the core, durable on the phone before "saved" shows), its feedback in
//! the screen's toast ([`save`]), form drafts and how a draft reads and writes a typed field
//! ([`draft`]), the state of an edit form ([`edit`]), field widgets ([`fields`]), and money
//! in CNY ([`money`]).
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
