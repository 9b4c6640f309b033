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
//! The conditions themselves are SQL and live in [`crate::repo::visibility`].

use crate::domain::Role;
pub use crate::repo::visibility::{approval, deal_record, own_record, prospect};

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
