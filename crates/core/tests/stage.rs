//! SPEC §7 stage gates: every cell of the transition matrix (one test per cell), back moves,
//! lost and reopen, won on signed, approvals and soft-gate warnings.

use tuoke_core::stage::{
    decide_approval, request_move, soft_gate_warnings, verdict, MoveKind, MoveOutcome, Rule,
    Verdict, Warning,
};
use tuoke_core::types::{Budget, Contact, ContactRole, Prospect, Requirement, Stage, Status};

use Stage::*;

/// The matrix exactly as `docs/spec.md` prints it (rows: from; columns: first_visit … signed).
const SPEC_MATRIX: &str = "
lead        | OK | NO* | NO* | NO  | NO | NO | NO
first_visit | –  | OK  | OK  | NO  | NO | NO | NO
exchange    | –  | –   | OK  | NO* | NO | NO | NO
demo        | –  | –   | –   | OK  | NO | NO | NO
quote       | –  | –   | –   | –   | OK | OK | NO*
objections  | –  | –   | –   | –   | –  | OK | NO*
negotiation | –  | –   | –   | –   | –  | –  | OK";

fn spec_cell(from: Stage, to: Stage) -> &'static str {
    let line = SPEC_MATRIX
        .lines()
        .filter(|l| !l.trim().is_empty())
        .nth(from as usize)
        .unwrap();
    let cells: Vec<&str> = line.split('|').map(str::trim).collect();
    assert_eq!(cells[0], from.code());
    cells[to as usize]
}

fn check_cell(from: Stage, to: Stage) {
    assert_cell(from, to, verdict(from, to, None));
}

/// `v` is what the matrix cell `from → to` says (a back move or the same stage for "–").
fn assert_cell(from: Stage, to: Stage, v: Verdict) {
    match spec_cell(from, to) {
        "OK" => assert_eq!(v, Verdict::Allowed, "{from:?}->{to:?}"),
        "NO" => assert!(
            matches!(v, Verdict::Forbidden { .. }),
            "{from:?}->{to:?}: {v:?}"
        ),
        "NO*" => assert!(
            matches!(v, Verdict::NeedsApproval { .. }),
            "{from:?}->{to:?}: {v:?}"
        ),
        "–" if from == to => assert_eq!(
            v,
            Verdict::Forbidden {
                rule: Rule::SameStage
            }
        ),
        "–" => assert_eq!(v, Verdict::Allowed, "back move {from:?}->{to:?}"),
        other => panic!("bad cell {other}"),
    }
}

macro_rules! cells {
    ($($name:ident: $from:ident -> $to:ident;)*) => {$(
        #[test]
        fn $name() {
            check_cell($from, $to);
        }
    )*};
}

cells! {
    lead_to_first_visit_is_ok: Lead -> FirstVisit;
    lead_to_exchange_needs_approval: Lead -> Exchange;
    lead_to_demo_needs_approval: Lead -> Demo;
    lead_to_quote_is_forbidden: Lead -> Quote;
    lead_to_objections_is_forbidden: Lead -> Objections;
    lead_to_negotiation_is_forbidden: Lead -> Negotiation;
    lead_to_signed_is_forbidden: Lead -> Signed;
    first_visit_to_first_visit_is_same_stage: FirstVisit -> FirstVisit;
    first_visit_to_exchange_is_ok: FirstVisit -> Exchange;
    first_visit_to_demo_is_ok: FirstVisit -> Demo;
    first_visit_to_quote_is_forbidden: FirstVisit -> Quote;
    first_visit_to_objections_is_forbidden: FirstVisit -> Objections;
    first_visit_to_negotiation_is_forbidden: FirstVisit -> Negotiation;
    first_visit_to_signed_is_forbidden: FirstVisit -> Signed;
    exchange_back_to_first_visit_is_ok: Exchange -> FirstVisit;
    exchange_to_exchange_is_same_stage: Exchange -> Exchange;
    exchange_to_demo_is_ok: Exchange -> Demo;
    exchange_to_quote_needs_approval: Exchange -> Quote;
    exchange_to_objections_is_forbidden: Exchange -> Objections;
    exchange_to_negotiation_is_forbidden: Exchange -> Negotiation;
    exchange_to_signed_is_forbidden: Exchange -> Signed;
    demo_back_to_first_visit_is_ok: Demo -> FirstVisit;
    demo_back_to_exchange_is_ok: Demo -> Exchange;
    demo_to_demo_is_same_stage: Demo -> Demo;
    demo_to_quote_is_ok: Demo -> Quote;
    demo_to_objections_is_forbidden: Demo -> Objections;
    demo_to_negotiation_is_forbidden: Demo -> Negotiation;
    demo_to_signed_is_forbidden: Demo -> Signed;
    quote_back_to_first_visit_is_ok: Quote -> FirstVisit;
    quote_back_to_exchange_is_ok: Quote -> Exchange;
    quote_back_to_demo_is_ok: Quote -> Demo;
    quote_to_quote_is_same_stage: Quote -> Quote;
    quote_to_objections_is_ok: Quote -> Objections;
    quote_to_negotiation_is_ok: Quote -> Negotiation;
    quote_to_signed_needs_approval: Quote -> Signed;
    objections_back_to_first_visit_is_ok: Objections -> FirstVisit;
    objections_back_to_exchange_is_ok: Objections -> Exchange;
    objections_back_to_demo_is_ok: Objections -> Demo;
    objections_back_to_quote_is_ok: Objections -> Quote;
    objections_to_objections_is_same_stage: Objections -> Objections;
    objections_to_negotiation_is_ok: Objections -> Negotiation;
    objections_to_signed_needs_approval: Objections -> Signed;
    negotiation_back_to_first_visit_is_ok: Negotiation -> FirstVisit;
    negotiation_back_to_exchange_is_ok: Negotiation -> Exchange;
    negotiation_back_to_demo_is_ok: Negotiation -> Demo;
    negotiation_back_to_quote_is_ok: Negotiation -> Quote;
    negotiation_back_to_objections_is_ok: Negotiation -> Objections;
    negotiation_to_negotiation_is_same_stage: Negotiation -> Negotiation;
    negotiation_to_signed_is_ok: Negotiation -> Signed;
}

#[test]
fn forbidden_cells_name_their_rule() {
    let rule = |f, t| match verdict(f, t, None) {
        Verdict::Forbidden { rule } | Verdict::NeedsApproval { rule } => rule,
        v => panic!("{v:?}"),
    };
    assert_eq!(rule(Lead, Quote), Rule::QuoteOnlyAfterExchange);
    assert_eq!(rule(FirstVisit, Quote), Rule::QuoteOnlyAfterExchange);
    assert_eq!(rule(Demo, Objections), Rule::ObjectionsOnlyAfterQuote);
    assert_eq!(rule(Exchange, Negotiation), Rule::NegotiationOnlyAfterQuote);
    assert_eq!(rule(Demo, Signed), Rule::NoSkippingToSigned);
    assert_eq!(rule(Lead, Exchange), Rule::SkipFirstVisitNeedsApproval);
    assert_eq!(rule(Exchange, Quote), Rule::SkipDemoNeedsApproval);
    assert_eq!(
        rule(Objections, Signed),
        Rule::SignWithoutNegotiationNeedsApproval
    );
}

#[test]
fn every_open_stage_may_go_back_to_lead() {
    for from in [FirstVisit, Exchange, Demo, Quote, Objections, Negotiation] {
        assert_eq!(verdict(from, Lead, None), Verdict::Allowed);
    }
    assert_eq!(
        verdict(Lead, Lead, None),
        Verdict::Forbidden {
            rule: Rule::SameStage
        }
    );
}

#[test]
fn every_open_stage_may_be_lost_with_a_reason() {
    for from in &Stage::PIPELINE[..7] {
        assert_eq!(
            verdict(*from, Lost, Some("chose a competitor")),
            Verdict::Allowed
        );
    }
}

#[test]
fn lost_without_reason_is_forbidden() {
    for reason in [None, Some(""), Some("   ")] {
        assert_eq!(
            verdict(Demo, Lost, reason),
            Verdict::Forbidden {
                rule: Rule::LostReasonRequired
            }
        );
    }
}

#[test]
fn lost_prospect_reopens_only_to_lead() {
    assert_eq!(verdict(Lost, Lead, None), Verdict::Allowed);
    for to in &Stage::PIPELINE[1..] {
        assert_eq!(
            verdict(Lost, *to, None),
            Verdict::Forbidden {
                rule: Rule::ReopenOnlyToLead
            }
        );
    }
    assert_eq!(
        verdict(Lost, Lost, Some("x")),
        Verdict::Forbidden {
            rule: Rule::SameStage
        }
    );
}

#[test]
fn won_deal_never_moves() {
    for to in Stage::ALL {
        let v = verdict(Signed, to, Some("reason"));
        let expected = if to == Signed {
            Rule::SameStage
        } else {
            Rule::WonIsFinal
        };
        assert_eq!(v, Verdict::Forbidden { rule: expected }, "{to:?}");
    }
}

/// Every move between any two of the nine stages, with and without a reason, gets the verdict
/// SPEC §7 gives it: the rules outside the matrix (same stage, won is final, reopen only to
/// lead, lost needs a reason, back to the lead list), else the matrix cell, where the reason
/// changes nothing.
#[test]
fn every_pair_of_stages_has_the_verdict_the_spec_gives() {
    let forbidden = |rule| Verdict::Forbidden { rule };
    let mut checked = 0;
    for from in Stage::ALL {
        for to in Stage::ALL {
            for reason in [None, Some("chose a competitor")] {
                let v = verdict(from, to, reason);
                let expected = if from == to {
                    forbidden(Rule::SameStage)
                } else if from == Signed {
                    forbidden(Rule::WonIsFinal)
                } else if from == Lost && to == Lead {
                    Verdict::Allowed
                } else if from == Lost {
                    forbidden(Rule::ReopenOnlyToLead)
                } else if to == Lost && reason.is_some() {
                    Verdict::Allowed
                } else if to == Lost {
                    forbidden(Rule::LostReasonRequired)
                } else if to == Lead {
                    Verdict::Allowed
                } else {
                    assert_cell(from, to, v);
                    checked += 1;
                    continue;
                };
                assert_eq!(v, expected, "{from:?}->{to:?} with reason {reason:?}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 9 * 9 * 2);
}

#[test]
fn signing_sets_status_won() {
    assert_eq!(
        request_move(Negotiation, Signed, None),
        MoveOutcome::Applied {
            stage: Signed,
            status: Status::Won,
            kind: MoveKind::Won
        }
    );
}

#[test]
fn losing_sets_status_lost_and_reopening_sets_open() {
    assert_eq!(
        request_move(Quote, Lost, Some("budget frozen")),
        MoveOutcome::Applied {
            stage: Lost,
            status: Status::Lost,
            kind: MoveKind::Lost
        }
    );
    assert_eq!(
        request_move(Lost, Lead, None),
        MoveOutcome::Applied {
            stage: Lead,
            status: Status::Open,
            kind: MoveKind::Reopen
        }
    );
}

#[test]
fn back_move_is_applied_and_classified() {
    assert_eq!(
        request_move(Negotiation, Demo, None),
        MoveOutcome::Applied {
            stage: Demo,
            status: Status::Open,
            kind: MoveKind::Back
        }
    );
}

#[test]
fn gated_move_becomes_pending_approval() {
    assert_eq!(
        request_move(Lead, Demo, None),
        MoveOutcome::PendingApproval {
            to: Demo,
            rule: Rule::SkipFirstVisitNeedsApproval
        }
    );
}

#[test]
fn forbidden_move_is_rejected_with_rule() {
    assert_eq!(
        request_move(Lead, Quote, None),
        MoveOutcome::Rejected {
            rule: Rule::QuoteOnlyAfterExchange
        }
    );
}

#[test]
fn approval_applies_requested_stage() {
    assert_eq!(decide_approval(Exchange, Quote, true), Ok(Quote));
}

#[test]
fn rejection_leaves_stage_unchanged() {
    assert_eq!(decide_approval(Exchange, Quote, false), Ok(Exchange));
}

#[test]
fn approval_fails_when_the_prospect_moved_meanwhile() {
    // Requested lead → exchange, but the deal was won in the meantime.
    assert_eq!(
        decide_approval(Signed, Exchange, true),
        Err(Rule::WonIsFinal)
    );
    // Requested quote → signed, and the rep already moved to signed via negotiation.
    assert_eq!(decide_approval(Signed, Signed, true), Err(Rule::SameStage));
    // Requested exchange → quote; now at demo, where quote is OK anyway.
    assert_eq!(decide_approval(Demo, Quote, true), Ok(Quote));
}

#[test]
fn verdicts_serialise_as_tagged_codes() {
    assert_eq!(
        serde_json::to_value(verdict(Lead, Quote, None)).unwrap(),
        serde_json::json!({"verdict":"forbidden","rule":"quote_only_after_exchange"})
    );
    assert_eq!(
        serde_json::to_value(verdict(Lead, Exchange, None)).unwrap(),
        serde_json::json!({"verdict":"needs_approval","rule":"skip_first_visit_needs_approval"})
    );
    assert_eq!(
        serde_json::to_value(Verdict::Allowed).unwrap(),
        serde_json::json!({"verdict":"allowed"})
    );
}

// ---- soft gates ------------------------------------------------------------------------

fn complete_for_quote() -> Prospect {
    let mut p = Prospect::named("Acme");
    p.requirement = Requirement {
        motivation: Some("growth".into()),
        problems: Some("stock errors".into()),
        functional_scope: Some("MRP, finance".into()),
        geographic_scope: Some("Dongguan".into()),
        language_scope: Some("zh".into()),
        modules: vec!["MRP".into()],
        services: vec!["implementation".into()],
    };
    p.budget = Budget {
        budgeted: Some(true),
        amount_cny: Some(800_000),
        covers: Some("software and services".into()),
        affordable_cny: None,
    };
    p.contacts = vec![Contact {
        name: "Wang".into(),
        role: Some(ContactRole::Boss),
        invited: Some(true),
        ..Contact::default()
    }];
    p
}

#[test]
fn exchange_warns_when_decision_makers_are_not_invited() {
    let p = Prospect::named("Acme");
    assert_eq!(
        soft_gate_warnings(&p, FirstVisit, Exchange),
        vec![Warning::DecisionMakersNotInvited]
    );
    let mut p = p;
    p.contacts.push(Contact {
        name: "Li".into(),
        role: Some(ContactRole::It),
        invited: Some(true),
        ..Contact::default()
    });
    assert_eq!(
        soft_gate_warnings(&p, FirstVisit, Exchange),
        vec![Warning::DecisionMakersNotInvited]
    );
}

#[test]
fn exchange_gate_passes_with_invited_key_person() {
    let mut p = Prospect::named("Acme");
    p.contacts.push(Contact {
        name: "Zhao".into(),
        role: Some(ContactRole::KeyPerson),
        invited: Some(true),
        ..Contact::default()
    });
    assert!(soft_gate_warnings(&p, FirstVisit, Exchange).is_empty());
}

#[test]
fn quote_warns_when_requirement_or_budget_missing() {
    let p = Prospect::named("Acme");
    assert_eq!(
        soft_gate_warnings(&p, Demo, Quote),
        vec![Warning::RequirementIncomplete, Warning::BudgetIncomplete]
    );
    assert!(soft_gate_warnings(&complete_for_quote(), Demo, Quote).is_empty());
}

#[test]
fn negotiation_warns_when_budget_not_probed() {
    let p = Prospect::named("Acme");
    assert_eq!(
        soft_gate_warnings(&p, Objections, Negotiation),
        vec![Warning::BudgetNotProbed]
    );
    let mut p = p;
    p.budget.budgeted = Some(false);
    p.budget.affordable_cny = Some(300_000);
    assert!(soft_gate_warnings(&p, Objections, Negotiation).is_empty());
}

#[test]
fn skipping_ahead_collects_every_crossed_gate() {
    let p = Prospect::named("Acme");
    assert_eq!(
        soft_gate_warnings(&p, Exchange, Signed),
        vec![
            Warning::RequirementIncomplete,
            Warning::BudgetIncomplete,
            Warning::BudgetNotProbed
        ]
    );
}

#[test]
fn back_moves_and_lost_raise_no_soft_gate() {
    let p = Prospect::named("Acme");
    assert!(soft_gate_warnings(&p, Negotiation, Demo).is_empty());
    assert!(soft_gate_warnings(&p, Lead, Lost).is_empty());
    assert!(soft_gate_warnings(&p, Quote, Negotiation).contains(&Warning::BudgetNotProbed));
}
