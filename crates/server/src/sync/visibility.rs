//! Who may see and do what: the role matrix of `docs/roles.md`, enforced here and nowhere
//! else. What a role sees is an SQL condition with the caller's user id as `$1`; what it may
//! do is a predicate over the role and the prospect's ownership.
//!
//! - rep: prospects they own or that are shared with them;
//! - manager: their own, their team's (reps whose `manager_id` is theirs) and shared ones;
//! - assistant: unassigned prospects (the lead lists they run); a lead leaves their view the
//!   moment it is assigned to a rep (they keep their import reports, not the deal);
//! - admin: everything.
//!
//! Notes, activities, quotes, concessions and objections are visible with their prospect
//! (not to the assistant, who manages lists, not deals). Quiz attempts: their author, the
//! author's manager, admin. Approvals: the requester and the deciding manager, admin.
//!
//! Subqueries are uncorrelated (`IN (SELECT …)`), so both databases evaluate them once per
//! statement rather than once per row. Records are judged with two conditions
//! ([`deal_record`], [`own_record`]) rather than one `OR` of both, which would hide the
//! `records (prospect_id, seq)` index from both planners.

use crate::domain::Role;

/// Condition on `prospects p`.
pub fn prospect(role: Role) -> &'static str {
    match role {
        Role::Admin => "($1 = $1)",
        Role::Rep => {
            "(p.owner_id = $1 OR p.id IN (SELECT s.prospect_id FROM prospect_shares s \
             WHERE s.user_id = $1))"
        }
        Role::Manager => {
            "(p.owner_id = $1 OR p.owner_id IN (SELECT t.id FROM users t WHERE t.manager_id = $1) \
             OR p.id IN (SELECT s.prospect_id FROM prospect_shares s WHERE s.user_id = $1))"
        }
        Role::Assistant => "(($1 = $1) AND p.owner_id IS NULL)",
    }
}

/// Condition on `records r` for records attached to a prospect: `None` when the
/// role sees none (the assistant manages lists, not deals). An uncorrelated `IN` without `OR`
/// around it: both databases build the caller's set of prospects once and either probe it per
/// changed record (a routine pull) or drive `records (prospect_id, seq)` from it (a first
/// pull from 0 reads only the caller's records, not the whole table).
pub fn deal_record(role: Role) -> Option<&'static str> {
    match role {
        Role::Admin => Some("(r.prospect_id IS NOT NULL AND $1 = $1)"),
        Role::Assistant => None,
        Role::Rep => Some(
            "r.prospect_id IN (SELECT v.id FROM prospects v WHERE v.owner_id = $1 \
             UNION SELECT s.prospect_id FROM prospect_shares s WHERE s.user_id = $1)",
        ),
        Role::Manager => Some(
            "r.prospect_id IN (SELECT v.id FROM prospects v WHERE v.owner_id = $1 \
             UNION SELECT v.id FROM prospects v JOIN users t ON t.id = v.owner_id \
             WHERE t.manager_id = $1 \
             UNION SELECT s.prospect_id FROM prospect_shares s WHERE s.user_id = $1)",
        ),
    }
}

/// Condition on `records r` for records without a prospect (quiz attempts).
pub fn own_record(role: Role) -> &'static str {
    match role {
        Role::Admin => "(r.prospect_id IS NULL AND $1 = $1)",
        Role::Rep | Role::Assistant => "(r.prospect_id IS NULL AND r.author_id = $1)",
        Role::Manager => {
            "(r.prospect_id IS NULL AND (r.author_id = $1 OR r.author_id IN \
             (SELECT t.id FROM users t WHERE t.manager_id = $1)))"
        }
    }
}

/// Condition on `approvals a`.
pub fn approval(role: Role) -> &'static str {
    match role {
        Role::Admin => "($1 = $1)",
        _ => "(a.requested_by = $1 OR a.approver_id = $1)",
    }
}

/// Whether the role works on deals (notes, activities, quotes …) rather than lists.
pub fn works_deals(role: Role) -> bool {
    role != Role::Assistant
}

/// Whether the role imports lead lists (the marketing assistant's job; admin too).
pub fn may_import(role: Role) -> bool {
    matches!(role, Role::Assistant | Role::Admin)
}

/// Whether a user (`role`, `user_id`) may hand a prospect they can see, owned by `owner`
/// (whose manager is `owners_manager`), to someone else: the owner (名單交換), the owner's
/// manager, admin, and the assistant for unassigned leads only.
pub fn may_transfer(
    role: Role,
    user_id: &str,
    owner: Option<&str>,
    owners_manager: Option<&str>,
) -> bool {
    match role {
        Role::Admin => true,
        Role::Assistant => owner.is_none(),
        _ if owner == Some(user_id) => true,
        Role::Manager => owner.is_some() && owners_manager == Some(user_id),
        Role::Rep => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_assistant_transfers_unassigned_leads_only() {
        assert!(may_transfer(Role::Assistant, "a", None, None));
        assert!(!may_transfer(
            Role::Assistant,
            "a",
            Some("rep1"),
            Some("m1")
        ));
    }

    #[test]
    fn owners_and_their_managers_transfer_reps_do_not_take() {
        assert!(may_transfer(Role::Rep, "rep1", Some("rep1"), Some("m1")));
        assert!(!may_transfer(Role::Rep, "rep2", Some("rep1"), Some("m1")));
        assert!(may_transfer(Role::Manager, "m1", Some("rep1"), Some("m1")));
        assert!(!may_transfer(Role::Manager, "m2", Some("rep1"), Some("m1")));
        assert!(!may_transfer(Role::Manager, "m1", None, None));
        assert!(may_transfer(Role::Admin, "x", Some("rep1"), None));
    }
}
