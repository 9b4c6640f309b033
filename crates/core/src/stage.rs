//! Stage gates (SPEC §7): the transition matrix as one data table, the verdict for any move,
//! pending approvals and the soft-gate warnings.
//!
//! Decisions (all encoded in [`verdict`] and [`MATRIX`]):
//! - **Back moves** between open stages are allowed (the caller records them).
//! - **Same stage** → `Forbidden{same_stage}` (a no-op is refused so it is never recorded).
//! - **Any open stage → lost** is allowed with a non-blank reason, else
//!   `Forbidden{lost_reason_required}`.
//! - **Reopen**: from `lost` only back to `lead` (SPEC: "a lost prospect may return to the
//!   lead list"); any other target is `Forbidden{reopen_only_to_lead}`.
//! - **Won is final**: nothing moves out of `signed`; an upgrade/add-on starts a new deal
//!   with lead source `upgrade` (`Forbidden{won_is_final}`).
//! - **Approval**: a manager's approval applies the requested stage if the move is still not
//!   forbidden from the prospect's stage at decision time (it may have moved meanwhile).

use serde::{Deserialize, Serialize};

use crate::keyinfo::{category_report, Category};
use crate::types::{ContactRole, Prospect, Stage, Status};

/// The rule behind a refused or approval-gated move. Serialised in snake_case; use it as
/// the `reason` of a rejected / pending `stage.move`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Lead → exchange or demo without a first visit (NO*).
    SkipFirstVisitNeedsApproval,
    /// Exchange → quote without a demo (NO*).
    SkipDemoNeedsApproval,
    /// Quote or objections → signed without negotiation (NO*).
    SignWithoutNegotiationNeedsApproval,
    /// A formal quote only after the exchange meeting (NO).
    QuoteOnlyAfterExchange,
    /// Objection handling only after the formal quote (NO).
    ObjectionsOnlyAfterQuote,
    /// Negotiation only after the formal quote (NO).
    NegotiationOnlyAfterQuote,
    /// No jumping to signed before a quote (NO).
    NoSkippingToSigned,
    /// Moving to the stage the prospect is already at.
    SameStage,
    /// Moving to lost needs a reason.
    LostReasonRequired,
    /// A lost prospect may only return to the lead list.
    ReopenOnlyToLead,
    /// A won deal does not move; an upgrade starts a new deal.
    WonIsFinal,
}

impl Rule {
    /// The snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Rule::SkipFirstVisitNeedsApproval => "skip_first_visit_needs_approval",
            Rule::SkipDemoNeedsApproval => "skip_demo_needs_approval",
            Rule::SignWithoutNegotiationNeedsApproval => "sign_without_negotiation_needs_approval",
            Rule::QuoteOnlyAfterExchange => "quote_only_after_exchange",
            Rule::ObjectionsOnlyAfterQuote => "objections_only_after_quote",
            Rule::NegotiationOnlyAfterQuote => "negotiation_only_after_quote",
            Rule::NoSkippingToSigned => "no_skipping_to_signed",
            Rule::SameStage => "same_stage",
            Rule::LostReasonRequired => "lost_reason_required",
            Rule::ReopenOnlyToLead => "reopen_only_to_lead",
            Rule::WonIsFinal => "won_is_final",
        }
    }
}

/// A cell of the transition matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// OK: allowed.
    Ok,
    /// NO: forbidden by the rule.
    No(Rule),
    /// NO*: needs the manager's approval.
    NoStar(Rule),
    /// –: a back move or the same stage (handled by [`verdict`]).
    Back,
}

use Gate::{Back as BK, No, NoStar as NS, Ok as OK};
use Rule as R;

/// SPEC §7 transition matrix. Rows: from `lead` … `negotiation`; columns: to
/// `first_visit` … `signed` (index = `Stage::ordinal() - 1`).
#[rustfmt::skip]
pub const MATRIX: [[Gate; 7]; 7] = [
    // to →            first_visit exchange                            demo                                quote                          objections                       negotiation                       signed
    /* lead */        [OK,         NS(R::SkipFirstVisitNeedsApproval), NS(R::SkipFirstVisitNeedsApproval), No(R::QuoteOnlyAfterExchange), No(R::ObjectionsOnlyAfterQuote), No(R::NegotiationOnlyAfterQuote), No(R::NoSkippingToSigned)],
    /* first_visit */ [BK,         OK,                                 OK,                                 No(R::QuoteOnlyAfterExchange), No(R::ObjectionsOnlyAfterQuote), No(R::NegotiationOnlyAfterQuote), No(R::NoSkippingToSigned)],
    /* exchange */    [BK,         BK,                                 OK,                                 NS(R::SkipDemoNeedsApproval),  No(R::ObjectionsOnlyAfterQuote), No(R::NegotiationOnlyAfterQuote), No(R::NoSkippingToSigned)],
    /* demo */        [BK,         BK,                                 BK,                                 OK,                            No(R::ObjectionsOnlyAfterQuote), No(R::NegotiationOnlyAfterQuote), No(R::NoSkippingToSigned)],
    /* quote */       [BK,         BK,                                 BK,                                 BK,                            OK,                              OK,                               NS(R::SignWithoutNegotiationNeedsApproval)],
    /* objections */  [BK,         BK,                                 BK,                                 BK,                            BK,                              OK,                               NS(R::SignWithoutNegotiationNeedsApproval)],
    /* negotiation */ [BK,         BK,                                 BK,                                 BK,                            BK,                              BK,                               OK],
];

/// The verdict on a stage move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// The move takes effect now.
    Allowed,
    /// The move is refused by `rule`.
    Forbidden {
        /// The forbidding rule.
        rule: Rule,
    },
    /// The move is stored as a pending request until a manager approves it.
    NeedsApproval {
        /// The gating rule.
        rule: Rule,
    },
}

/// What kind of move an allowed or gated move is (for the stage history).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    /// Forward in the pipeline (not to signed).
    Forward,
    /// Back to an earlier stage.
    Back,
    /// To signed: won.
    Won,
    /// To lost.
    Lost,
    /// Out of lost back to the lead list.
    Reopen,
    /// Same stage.
    None,
}

/// Classify a move regardless of whether it is allowed.
pub fn move_kind(from: Stage, to: Stage) -> MoveKind {
    match (from, to) {
        _ if from == to => MoveKind::None,
        (_, Stage::Lost) => MoveKind::Lost,
        (Stage::Lost, _) => MoveKind::Reopen,
        (_, Stage::Signed) => MoveKind::Won,
        _ if to < from => MoveKind::Back,
        _ => MoveKind::Forward,
    }
}

/// The matrix cell for a move between two pipeline stages; `None` when `from` is signed or
/// lost, `to` is lead or lost (those are outside the matrix).
pub fn gate(from: Stage, to: Stage) -> Option<Gate> {
    let (f, t) = (from.ordinal()?, to.ordinal()?);
    if f >= 7 || t == 0 {
        return None;
    }
    Some(MATRIX[f][t - 1])
}

/// The verdict for moving from `from` to `to`. `reason` matters only for moves to lost.
pub fn verdict(from: Stage, to: Stage, reason: Option<&str>) -> Verdict {
    use Verdict::*;
    if from == to {
        return Forbidden { rule: R::SameStage };
    }
    match (from, to) {
        (Stage::Signed, _) => Forbidden {
            rule: R::WonIsFinal,
        },
        (Stage::Lost, Stage::Lead) => Allowed,
        (Stage::Lost, _) => Forbidden {
            rule: R::ReopenOnlyToLead,
        },
        (_, Stage::Lost) => {
            if reason.is_some_and(|r| !r.trim().is_empty()) {
                Allowed
            } else {
                Forbidden {
                    rule: R::LostReasonRequired,
                }
            }
        }
        _ if to < from => Allowed,
        _ => match gate(from, to) {
            Some(Gate::Ok) | Some(Gate::Back) | None => Allowed,
            Some(Gate::No(rule)) => Forbidden { rule },
            Some(Gate::NoStar(rule)) => NeedsApproval { rule },
        },
    }
}

/// The args of the `stage.move` mutation (API.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageMoveArgs {
    /// The prospect.
    pub prospect_id: uuid::Uuid,
    /// Target stage (`lost` included).
    pub to: Stage,
    /// Reason (required for `lost`).
    #[serde(default)]
    pub reason: Option<String>,
}

/// The result of requesting a move (what `stage.move` answers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum MoveOutcome {
    /// Applied: the new stage and status.
    Applied {
        /// New stage.
        stage: Stage,
        /// New status (won on signed, lost on lost, else open).
        status: Status,
        /// Kind of move, for the stage history.
        kind: MoveKind,
    },
    /// Stored as a pending request (`pending_stage = to`) awaiting approval.
    PendingApproval {
        /// Requested stage.
        to: Stage,
        /// The gating rule.
        rule: Rule,
    },
    /// Refused; the stage is unchanged.
    Rejected {
        /// The forbidding rule.
        rule: Rule,
    },
}

/// Request a move: applies [`verdict`] and says what the caller must store.
///
/// **Decision**: an applied move clears any pending request (the caller sets
/// `pending_stage = null`); a new NO* request replaces an older pending one.
pub fn request_move(from: Stage, to: Stage, reason: Option<&str>) -> MoveOutcome {
    match verdict(from, to, reason) {
        Verdict::Allowed => MoveOutcome::Applied {
            stage: to,
            status: to.status(),
            kind: move_kind(from, to),
        },
        Verdict::NeedsApproval { rule } => MoveOutcome::PendingApproval { to, rule },
        Verdict::Forbidden { rule } => MoveOutcome::Rejected { rule },
    }
}

/// A manager decided a pending move. Rejection leaves the stage unchanged; approval applies
/// `requested` unless that move is forbidden from the prospect's current stage.
pub fn decide_approval(current: Stage, requested: Stage, approve: bool) -> Result<Stage, Rule> {
    if !approve {
        return Ok(current);
    }
    match verdict(current, requested, Some("approved")) {
        Verdict::Forbidden { rule } => Err(rule),
        _ => Ok(requested),
    }
}

/// Soft-gate warning codes (SPEC §7): shown, never blocking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Warning {
    /// Before the exchange meeting: no boss or key person is marked invited.
    DecisionMakersNotInvited,
    /// Before the formal quote: the requirement key information is incomplete.
    RequirementIncomplete,
    /// Before the formal quote: the budget key information is incomplete.
    BudgetIncomplete,
    /// Before negotiation: the customer's budget has not been probed (no amount known).
    BudgetNotProbed,
}

/// The soft-gate warnings for a move. A gate applies when the move crosses it: `from` is
/// before the gated stage and `to` is at or after it (open stages and signed only).
pub fn soft_gate_warnings(p: &Prospect, from: Stage, to: Stage) -> Vec<Warning> {
    let mut out = Vec::new();
    let (Some(f), Some(t)) = (from.ordinal(), to.ordinal()) else {
        return out;
    };
    let crosses = |gate: Stage| {
        let g = gate as usize;
        f < g && t >= g
    };
    if crosses(Stage::Exchange) {
        let invited = p.contacts.iter().any(|c| {
            matches!(
                c.role,
                Some(ContactRole::Boss) | Some(ContactRole::KeyPerson)
            ) && c.invited == Some(true)
        });
        if !invited {
            out.push(Warning::DecisionMakersNotInvited);
        }
    }
    if crosses(Stage::Quote) {
        if !category_report(p, Category::Requirement).is_complete() {
            out.push(Warning::RequirementIncomplete);
        }
        if !category_report(p, Category::Budget).is_complete() {
            out.push(Warning::BudgetIncomplete);
        }
    }
    if crosses(Stage::Negotiation) && !budget_probed(p) {
        out.push(Warning::BudgetNotProbed);
    }
    out
}

/// The budget counts as probed when an amount is known: the budgeted amount, or (not
/// budgeted) what they can afford.
pub fn budget_probed(p: &Prospect) -> bool {
    p.budget.amount_cny.is_some() || p.budget.affordable_cny.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn move_kinds() {
        assert_eq!(move_kind(Stage::Demo, Stage::Lead), MoveKind::Back);
        assert_eq!(move_kind(Stage::Lost, Stage::Lead), MoveKind::Reopen);
        assert_eq!(move_kind(Stage::Quote, Stage::Lost), MoveKind::Lost);
        assert_eq!(move_kind(Stage::Negotiation, Stage::Signed), MoveKind::Won);
        assert_eq!(move_kind(Stage::Lead, Stage::FirstVisit), MoveKind::Forward);
        assert_eq!(move_kind(Stage::Lead, Stage::Lead), MoveKind::None);
    }

    #[test]
    fn gate_outside_matrix_is_none() {
        assert_eq!(gate(Stage::Signed, Stage::Lead), None);
        assert_eq!(gate(Stage::Lead, Stage::Lost), None);
        assert_eq!(gate(Stage::Demo, Stage::Lead), None);
        assert_eq!(gate(Stage::Lead, Stage::FirstVisit), Some(Gate::Ok));
    }

    #[test]
    fn rule_codes_match_serde() {
        for r in [
            R::SkipFirstVisitNeedsApproval,
            R::SkipDemoNeedsApproval,
            R::SignWithoutNegotiationNeedsApproval,
            R::QuoteOnlyAfterExchange,
            R::ObjectionsOnlyAfterQuote,
            R::NegotiationOnlyAfterQuote,
            R::NoSkippingToSigned,
            R::SameStage,
            R::LostReasonRequired,
            R::ReopenOnlyToLead,
            R::WonIsFinal,
        ] {
            assert_eq!(
                serde_json::to_value(r).unwrap(),
                serde_json::Value::String(r.code().into())
            );
        }
    }
}
