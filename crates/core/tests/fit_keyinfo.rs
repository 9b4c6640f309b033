//! SPEC §2 target-market fit and SPEC §4 key-information completeness and MAN check.

use tuoke_core::fit::{check, target_fit, FitReason, FitStatus, TargetMarket};
use tuoke_core::i18n::Lang;
use tuoke_core::keyinfo::{category_report, man_check, report, Category, KeyItem};
use tuoke_core::types::{Contact, ContactRole, Industry, ManAnswers, Prospect, Tri};

fn fitting() -> Prospect {
    let mut p = Prospect::named("Acme");
    p.industry = Some(Industry::Machinery);
    p.annual_revenue_cny = Some(100_000_000);
    p.annual_profit_cny = Some(8_000_000);
    p
}

#[test]
fn manufacturer_in_range_is_in_target() {
    let f = target_fit(&fitting());
    assert_eq!(f.status, FitStatus::In);
    assert!(f.reasons.is_empty());
}

#[test]
fn every_target_industry_fits_and_other_does_not() {
    for i in Industry::ALL {
        let mut p = fitting();
        p.industry = Some(i);
        let f = target_fit(&p);
        if i == Industry::Other {
            assert_eq!(f.status, FitStatus::Out);
            assert_eq!(f.reasons, vec![FitReason::IndustryNotTarget]);
        } else {
            assert_eq!(f.status, FitStatus::In, "{i:?}");
        }
    }
}

#[test]
fn revenue_bounds_are_inclusive() {
    for (rev, status) in [
        (29_999_999, FitStatus::Out),
        (30_000_000, FitStatus::In),
        (500_000_000, FitStatus::In),
        (500_000_001, FitStatus::Out),
    ] {
        let mut p = fitting();
        p.annual_revenue_cny = Some(rev);
        assert_eq!(target_fit(&p).status, status, "{rev}");
    }
}

#[test]
fn revenue_reasons_say_below_or_above() {
    let mut p = fitting();
    p.annual_revenue_cny = Some(1);
    assert_eq!(target_fit(&p).reasons, vec![FitReason::RevenueBelowRange]);
    p.annual_revenue_cny = Some(900_000_000);
    assert_eq!(target_fit(&p).reasons, vec![FitReason::RevenueAboveRange]);
}

#[test]
fn profit_below_five_million_is_out() {
    let mut p = fitting();
    p.annual_profit_cny = Some(4_999_999);
    assert_eq!(target_fit(&p).reasons, vec![FitReason::ProfitBelowMinimum]);
    p.annual_profit_cny = Some(5_000_000);
    assert_eq!(target_fit(&p).status, FitStatus::In);
    p.annual_profit_cny = Some(-1);
    assert_eq!(target_fit(&p).status, FitStatus::Out);
}

#[test]
fn missing_data_is_unknown_with_the_missing_fields() {
    let f = target_fit(&Prospect::named("Acme"));
    assert_eq!(f.status, FitStatus::Unknown);
    assert_eq!(
        f.reasons,
        vec![
            FitReason::IndustryMissing,
            FitReason::RevenueMissing,
            FitReason::ProfitMissing
        ]
    );
}

#[test]
fn failure_wins_over_missing_and_both_are_listed() {
    let mut p = Prospect::named("Acme");
    p.industry = Some(Industry::Other);
    let f = target_fit(&p);
    assert_eq!(f.status, FitStatus::Out);
    assert_eq!(
        f.reasons,
        vec![
            FitReason::IndustryNotTarget,
            FitReason::RevenueMissing,
            FitReason::ProfitMissing
        ]
    );
}

#[test]
fn market_criteria_are_configurable() {
    let m = TargetMarket {
        min_revenue_cny: 0,
        ..TargetMarket::default()
    };
    let mut p = fitting();
    p.annual_revenue_cny = Some(1);
    assert_eq!(check(&p, &m).status, FitStatus::In);
}

// ---- key information -------------------------------------------------------------------

#[test]
fn empty_prospect_lists_every_first_question() {
    let r = report(&Prospect::named("Acme"));
    assert_eq!(r.known, 0);
    // 6 schedule + 1 budget (budgeted?) + 7 requirement + 6 decision + 4 competition + 2 evaluation
    assert_eq!(r.total, 26);
    assert_eq!(r.percent, 0);
    assert_eq!(r.next_questions.len(), 26);
    assert_eq!(r.next_questions[0], KeyItem::ScheduleSelectionStart);
    assert_eq!(r.categories.len(), 6);
}

#[test]
fn budgeted_prospect_needs_amount_and_coverage() {
    let mut p = Prospect::named("Acme");
    p.budget.budgeted = Some(true);
    let c = category_report(&p, Category::Budget);
    assert_eq!(c.total, 3);
    assert_eq!(
        c.missing,
        vec![KeyItem::BudgetAmount, KeyItem::BudgetCovers]
    );
    p.budget.amount_cny = Some(500_000);
    p.budget.covers = Some("software".into());
    assert!(category_report(&p, Category::Budget).is_complete());
}

#[test]
fn unbudgeted_prospect_needs_what_they_can_afford() {
    let mut p = Prospect::named("Acme");
    p.budget.budgeted = Some(false);
    let c = category_report(&p, Category::Budget);
    assert_eq!(c.missing, vec![KeyItem::BudgetAffordable]);
    assert_eq!(c.percent, 50);
}

#[test]
fn blank_text_and_empty_lists_do_not_count() {
    let mut p = Prospect::named("Acme");
    p.requirement.motivation = Some("  ".into());
    p.requirement.modules = vec!["".into()];
    p.requirement.problems = Some("late deliveries".into());
    let c = category_report(&p, Category::Requirement);
    assert_eq!(c.known, 1);
    assert!(c.missing.contains(&KeyItem::RequirementMotivation));
    assert!(c.missing.contains(&KeyItem::RequirementModules));
}

#[test]
fn overall_completeness_sums_categories() {
    let mut p = Prospect::named("Acme");
    p.evaluation.factors = vec!["service".into()];
    p.evaluation.most_valued = Some("service".into());
    p.competition.competitors = vec!["X".into()];
    let r = report(&p);
    assert_eq!(r.known, 3);
    assert_eq!(r.percent, 3 * 100 / 26);
    let ev = r
        .categories
        .iter()
        .find(|c| c.category == Category::Evaluation)
        .unwrap();
    assert_eq!(ev.percent, 100);
    assert!(!r.next_questions.contains(&KeyItem::EvaluationFactors));
}

#[test]
fn every_key_item_has_a_question_in_three_languages_and_a_category() {
    for k in KeyItem::ALL {
        assert!(k.question().is_complete(), "{k:?}");
        let cat = k.category();
        assert!(Category::ALL.contains(&cat));
    }
    for c in Category::ALL {
        assert!(c.label().is_complete());
    }
    assert!(KeyItem::ScheduleContract
        .question()
        .get(Lang::ZhHans)
        .contains("签约"));
}

#[test]
fn key_items_serialise_as_snake_case_codes() {
    assert_eq!(
        serde_json::to_value(KeyItem::DecisionGroupHqRole).unwrap(),
        serde_json::json!("decision_group_hq_role")
    );
}

#[test]
fn man_check_is_unknown_on_an_empty_record() {
    let m = man_check(&Prospect::named("Acme"));
    assert_eq!(
        (m.money, m.authority, m.need),
        (Tri::Unknown, Tri::Unknown, Tri::Unknown)
    );
}

#[test]
fn man_check_derives_from_budget_contacts_and_needs() {
    let mut p = Prospect::named("Acme");
    p.budget.amount_cny = Some(100);
    p.contacts.push(Contact {
        name: "Wang".into(),
        role: Some(ContactRole::Boss),
        ..Contact::default()
    });
    p.qualification.objective_need = Some(true);
    p.qualification.subjective_need = Some(true);
    let m = man_check(&p);
    assert_eq!(
        (m.money, m.authority, m.need),
        (Tri::Yes, Tri::Yes, Tri::Yes)
    );
    p.qualification.subjective_need = Some(false);
    p.budget.amount_cny = Some(0);
    let m = man_check(&p);
    assert_eq!((m.money, m.need), (Tri::No, Tri::No));
}

#[test]
fn man_check_explicit_answers_win() {
    let mut p = Prospect::named("Acme");
    p.budget.amount_cny = Some(100);
    p.man = ManAnswers {
        money: Some(false),
        authority: Some(false),
        need: Some(true),
    };
    let m = man_check(&p);
    assert_eq!((m.money, m.authority, m.need), (Tri::No, Tri::No, Tri::Yes));
}
