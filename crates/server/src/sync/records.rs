//! Stored rows of the sync tables, their pulled JSON and the writes every mutation shares.

use chrono::{DateTime, Utc};
use tuoke_core::record::{ApprovalKind, ApprovalStatus, EntityRecord, QuoteRecord};
use tuoke_core::types::Prospect;

use crate::auth::AuthUser;
pub use crate::repo::approvals::{ApprovalRow, APPROVAL_COLUMNS};
use crate::repo::decode::corrupt;
pub use crate::repo::decode::parse_stage;
pub use crate::repo::history::{insert_history, HistoryRow};
pub use crate::repo::prospects::{ProspectRow, PROSPECT_COLUMNS};
use crate::repo::sql::Tx;
use crate::repo::{approvals, prospects, records};
use crate::sync::seq::Seq;

/// Loads a prospect whatever its visibility.
pub async fn load_prospect(tx: &mut Tx, id: &str) -> Result<Option<ProspectRow>, sqlx::Error> {
    prospects::load(tx, id).await
}

/// Loads a prospect if `user` may see it.
pub async fn visible_prospect(
    tx: &mut Tx,
    user: &AuthUser,
    id: &str,
) -> Result<Option<ProspectRow>, sqlx::Error> {
    prospects::visible(tx, user.role, &user.id, id).await
}

/// De-duplication key of SPEC §9: company name (case, spaces and punctuation ignored) and
/// the digits of the first contact phone.
pub fn dedup_key(company: &str, phone: Option<&str>) -> String {
    let name: String = company
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let digits: String = phone
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    format!("{name}|{digits}")
}

pub fn prospect_dedup_key(p: &Prospect) -> String {
    let phone = p.contacts.iter().find_map(|c| c.phone.as_deref());
    dedup_key(&p.company, phone)
}

pub struct NewProspect<'a> {
    pub id: &'a str,
    pub owner_id: Option<&'a str>,
    pub lead_list: bool,
    pub prospect: &'a Prospect,
    pub created_by: &'a str,
    pub now: DateTime<Utc>,
}

pub async fn insert_prospect(
    tx: &mut Tx,
    seq: &mut Seq,
    new: NewProspect<'_>,
) -> Result<(), sqlx::Error> {
    let data = serde_json::to_string(new.prospect).map_err(|e| corrupt("prospect data", e))?;
    let insert = prospects::Insert {
        id: new.id,
        owner_id: new.owner_id,
        lead_list: new.lead_list,
        data,
        dedup_key: prospect_dedup_key(new.prospect),
        created_by: new.created_by,
        now: new.now,
        seq: seq.take(),
    };
    prospects::insert(tx, insert).await
}

/// Marks a prospect changed (new version and seq) and stores any of its changed columns.
pub async fn touch_prospect(
    tx: &mut Tx,
    seq: &mut Seq,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    prospects::touch(tx, id, now, seq.take()).await
}

/// Inserts a note, activity, quote, concession, objection or quiz attempt by `author_id`;
/// false (nothing written) when the id is already taken.
pub async fn insert_record<R: EntityRecord>(
    tx: &mut Tx,
    seq: &mut Seq,
    record: &R,
    author_id: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let data = serde_json::to_string(record).map_err(|e| sqlx::Error::Encode(e.into()))?;
    let insert = records::Insert {
        id: record.id().to_string(),
        entity: R::ENTITY.as_str(),
        prospect_id: record.prospect_id().map(|p| p.to_string()),
        author_id,
        data,
        now,
        seq: seq.take(),
    };
    records::insert(tx, insert).await
}

pub async fn load_approval(tx: &mut Tx, id: &str) -> Result<Option<ApprovalRow>, sqlx::Error> {
    approvals::load(tx, id).await
}

/// Rejects the pending approvals of prospect `id` (only those of `kind` if given) with
/// `comment`, each as a new version; a quote waiting on one is rejected with it.
async fn reject_pending_approvals(
    tx: &mut Tx,
    seq: &mut Seq,
    id: &str,
    kind: Option<ApprovalKind>,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let pending = approvals::pending(tx, id).await?;
    let chosen = pending
        .into_iter()
        .filter(|(_, k, _)| kind.is_none_or(|kind| kind.as_str() == k));
    for (approval_id, _, quote_id) in chosen {
        approvals::reject(tx, &approval_id, comment, now, seq.take()).await?;
        if let Some(quote_id) = quote_id {
            set_quote_status(tx, seq, &quote_id, ApprovalStatus::Rejected).await?;
        }
    }
    Ok(())
}

/// A new stage move replaces the prospect's pending stage-move requests.
pub async fn supersede_stage_approvals(
    tx: &mut Tx,
    seq: &mut Seq,
    prospect_id: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let comment = "superseded by a later stage move";
    let kind = Some(ApprovalKind::StageMove);
    reject_pending_approvals(tx, seq, prospect_id, kind, comment, now).await
}

/// Sets a quote record's `status` (approved / rejected), as a new version.
pub async fn set_quote_status(
    tx: &mut Tx,
    seq: &mut Seq,
    quote_id: &str,
    status: ApprovalStatus,
) -> Result<(), sqlx::Error> {
    let Some(data) = records::data(tx, quote_id).await? else {
        return Ok(());
    };
    let mut quote: QuoteRecord =
        serde_json::from_str(&data).map_err(|e| corrupt("quote record", e))?;
    quote.status = status;
    let data = serde_json::to_string(&quote).map_err(|e| corrupt("quote record", e))?;
    records::set_data(tx, quote_id, data, seq.take()).await
}

/// Cancels every pending approval of prospect `id` (its owner changed: the old owner's
/// manager must no longer decide on the new owner's deal). Each becomes `rejected` with
/// `comment`, a quote waiting on one becomes `rejected` too, and a pending stage is cleared;
/// the new owner asks again. The caller bumps the prospect's version afterwards.
pub async fn cancel_pending_approvals(
    tx: &mut Tx,
    seq: &mut Seq,
    id: &str,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    reject_pending_approvals(tx, seq, id, None, comment, now).await?;
    prospects::clear_pending_stage(tx, id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedup_key_ignores_case_spacing_and_phone_punctuation() {
        assert_eq!(
            dedup_key(" 深圳 Acme Co. ", Some("+86 (755) 1234-5678")),
            dedup_key("深圳acme co", Some("86755 12345678"))
        );
        assert_ne!(dedup_key("Acme", Some("1")), dedup_key("Acme", Some("2")));
    }
}
