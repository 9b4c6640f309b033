//! What a role sees, as SQL conditions with the caller's user id as `$1` (the role matrix of
//! `docs/roles.md`; what a role may *do* is decided in [`crate::sync::visibility`]).
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

/// Condition on `users u`: the colleagues whose names the caller's phone shows (`GET
/// /api/v1/team`): themself, their manager, the owners of prospects shared with them and the
/// other side of their approvals; a manager also their reports; the assistant also the reps and
/// managers lead lists go to; the admin everyone.
pub fn team(role: Role) -> &'static str {
    match role {
        Role::Admin => "($1 = $1)",
        Role::Assistant => "(u.id = $1 OR u.role IN ('rep', 'manager'))",
        Role::Rep => {
            "(u.id = $1 \
             OR u.id IN (SELECT m.manager_id FROM users m WHERE m.id = $1) \
             OR u.id IN (SELECT v.owner_id FROM prospects v \
             JOIN prospect_shares s ON s.prospect_id = v.id WHERE s.user_id = $1) \
             OR u.id IN (SELECT a.approver_id FROM approvals a WHERE a.requested_by = $1) \
             OR u.id IN (SELECT a.requested_by FROM approvals a WHERE a.approver_id = $1))"
        }
        Role::Manager => {
            "(u.id = $1 OR u.manager_id = $1 \
             OR u.id IN (SELECT m.manager_id FROM users m WHERE m.id = $1) \
             OR u.id IN (SELECT v.owner_id FROM prospects v \
             JOIN prospect_shares s ON s.prospect_id = v.id WHERE s.user_id = $1) \
             OR u.id IN (SELECT a.approver_id FROM approvals a WHERE a.requested_by = $1) \
             OR u.id IN (SELECT a.requested_by FROM approvals a WHERE a.approver_id = $1))"
        }
    }
}
