//! Shipped content: playbooks, objections, tips, activity labels and the quiz — every text
//! present in all three languages, structure as SPEC §6, §8, §10 require.

use chrono::{DateTime, Duration, Utc};
use std::collections::HashSet;
use tuoke_core::activity::ActivityKind;
use tuoke_core::i18n::Lang;
use tuoke_core::playbook::{
    all_texts, exchange_agenda_minutes, grade_strategy, objection, stage_playbook, ObjectionId,
    EXCHANGE_AGENDA, GRADE_STRATEGIES, MAINTENANCE_TIPS, MOTTOS, OBJECTIONS, SALES_CHARACTERISTICS,
    STAGE_PLAYBOOKS,
};
use tuoke_core::quiz::{
    draw, grade_attempt, is_correct, question, score, within_time_limit, QuestionId, QuestionKind,
    QuizAnswer, BANK, DRAW_SIZE, PASS_MARK, TIME_LIMIT_MINUTES,
};
use tuoke_core::types::{Grade, Stage};

#[test]
fn every_playbook_text_is_present_in_three_languages() {
    let texts = all_texts();
    assert!(texts.len() > 100);
    for t in texts {
        assert!(t.is_complete(), "{t:?}");
    }
}

#[test]
fn chinese_variants_differ_somewhere_and_english_is_ascii_mostly() {
    let texts = all_texts();
    assert!(texts.iter().any(|t| t.zh_hans != t.zh_hant));
    for t in &texts {
        // English must not be a copy of the Chinese text.
        assert_ne!(t.en, t.zh_hans);
        assert!(
            !t.en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{}",
            t.en
        );
    }
}

#[test]
fn every_stage_has_a_playbook_in_order() {
    for s in Stage::ALL {
        let p = stage_playbook(s);
        assert_eq!(p.stage, s);
        assert!(!p.goals.is_empty() && !p.tips.is_empty() && !p.checklist.is_empty());
    }
    assert_eq!(STAGE_PLAYBOOKS.len(), Stage::ALL.len());
}

#[test]
fn checklist_ids_are_unique() {
    let mut seen = HashSet::new();
    for p in &STAGE_PLAYBOOKS {
        for c in p.checklist {
            assert!(seen.insert(c.id), "{}", c.id);
        }
    }
}

#[test]
fn exchange_agenda_matches_the_deck() {
    let got: Vec<(&str, u32, u32, bool)> = EXCHANGE_AGENDA
        .iter()
        .map(|s| (s.id, s.min_minutes, s.max_minutes, s.optional))
        .collect();
    assert_eq!(
        got,
        vec![
            ("company_intro", 10, 15, false),
            ("why_erp", 40, 40, true),
            ("product_features", 30, 30, false),
            ("why_us", 5, 5, false),
            ("customer_presents", 20, 20, false),
            ("qa", 30, 30, false),
        ]
    );
    assert_eq!(exchange_agenda_minutes(false), (95, 100));
    assert_eq!(exchange_agenda_minutes(true), (135, 140));
}

#[test]
fn objection_playbook_has_the_eleven_objections_of_the_spec() {
    assert_eq!(OBJECTIONS.len(), 11);
    let ids: HashSet<ObjectionId> = OBJECTIONS.iter().map(|o| o.id).collect();
    assert_eq!(ids.len(), 11);
    for o in &OBJECTIONS {
        assert_eq!(objection(o.id).id, o.id);
        assert!(o.response.en.len() > 40, "{:?} response too thin", o.id);
    }
    assert!(objection(ObjectionId::TrialRun)
        .response
        .en
        .contains("rationalis"));
    assert_eq!(
        serde_json::to_value(ObjectionId::GuaranteeOrRefund).unwrap(),
        serde_json::json!("guarantee_or_refund")
    );
}

#[test]
fn maintenance_tips_mottos_and_characteristics_are_shipped() {
    assert!(MAINTENANCE_TIPS.len() >= 18);
    assert_eq!(MOTTOS.len(), 2);
    assert_eq!(SALES_CHARACTERISTICS.len(), 8);
    assert!(MAINTENANCE_TIPS.iter().any(|t| t.en.contains("MAN")));
}

#[test]
fn every_grade_has_a_strategy() {
    for g in Grade::ALL {
        assert_eq!(grade_strategy(g).grade, g);
    }
    assert_eq!(GRADE_STRATEGIES.len(), 4);
    assert!(grade_strategy(Grade::B)
        .strategy_informatized
        .en
        .contains("defects"));
    assert!(grade_strategy(Grade::D)
        .strategy_not_informatized
        .en
        .contains("event"));
}

#[test]
fn activity_kinds_cover_the_21_contact_methods() {
    assert_eq!(ActivityKind::ALL.len(), 21);
    for k in ActivityKind::ALL {
        assert!(k.label().is_complete());
    }
    let v = serde_json::to_value(ActivityKind::ALL).unwrap();
    assert_eq!(v[0], "phone_call");
    assert_eq!(v[11], "key_people_profile");
    assert_eq!(v[20], "online_service");
}

// ---- quiz ------------------------------------------------------------------------------

#[test]
fn bank_has_at_least_30_well_formed_questions() {
    assert!(BANK.len() >= 30);
    let ids: HashSet<QuestionId> = BANK.iter().map(|q| q.id).collect();
    assert_eq!(ids.len(), BANK.len(), "ids unique");
    for q in &BANK {
        assert!(q.prompt.is_complete(), "{:?}", q.id);
        for o in q.options {
            assert!(o.is_complete(), "{:?}", q.id);
        }
        assert!(!q.correct.is_empty());
        assert!(q.correct.windows(2).all(|w| w[0] < w[1]), "sorted");
        assert!(q.correct.iter().all(|c| (*c as usize) < q.options.len()));
        match q.kind {
            QuestionKind::Single => assert_eq!(q.correct.len(), 1),
            QuestionKind::TrueFalse => {
                assert_eq!(q.options.len(), 2);
                assert_eq!(q.correct.len(), 1);
            }
            QuestionKind::Multiple => assert!(q.correct.len() >= 2),
        }
    }
}

#[test]
fn bank_mixes_all_three_kinds() {
    for k in [
        QuestionKind::Single,
        QuestionKind::Multiple,
        QuestionKind::TrueFalse,
    ] {
        assert!(BANK.iter().filter(|q| q.kind == k).count() >= 3, "{k:?}");
    }
}

#[test]
fn draw_is_ten_distinct_known_questions() {
    for seed in 0..500u64 {
        let d = draw(seed);
        assert_eq!(d.len(), DRAW_SIZE);
        let set: HashSet<_> = d.iter().collect();
        assert_eq!(set.len(), DRAW_SIZE, "seed {seed}");
        assert!(d.iter().all(|id| question(*id).is_some()));
    }
}

#[test]
fn draw_is_deterministic_per_seed() {
    assert_eq!(draw(42), draw(42));
    assert_eq!(draw(u64::MAX), draw(u64::MAX));
    assert_ne!(draw(1), draw(2));
}

#[test]
fn draw_reaches_every_question() {
    let mut seen = HashSet::new();
    for seed in 0..300u64 {
        seen.extend(draw(seed));
    }
    assert_eq!(seen.len(), BANK.len());
}

fn perfect(drawn: &[QuestionId]) -> Vec<QuizAnswer> {
    drawn
        .iter()
        .map(|id| QuizAnswer {
            question_id: *id,
            selected: question(*id).unwrap().correct.to_vec(),
        })
        .collect()
}

fn wrong(id: QuestionId) -> QuizAnswer {
    let q = question(id).unwrap();
    let bad = (0..q.options.len() as u8)
        .find(|i| !q.correct.contains(i))
        .unwrap();
    QuizAnswer {
        question_id: id,
        selected: vec![bad],
    }
}

#[test]
fn all_correct_scores_100_and_passes() {
    let d = draw(7);
    let s = score(&d, &perfect(&d));
    assert_eq!((s.points, s.max_points, s.passed), (100, 100, true));
}

#[test]
fn eighty_passes_seventy_fails() {
    let d = draw(7);
    let mut a = perfect(&d);
    a[0] = wrong(d[0]);
    a[1] = wrong(d[1]);
    let s = score(&d, &a);
    assert_eq!((s.points, s.passed), (80, true));
    assert_eq!(PASS_MARK, 80);
    a[2] = wrong(d[2]);
    let s = score(&d, &a);
    assert_eq!((s.points, s.passed), (70, false));
}

#[test]
fn unanswered_and_undrawn_answers_score_nothing() {
    let d = draw(3);
    let other = BANK
        .iter()
        .map(|q| q.id)
        .find(|id| !d.contains(id))
        .unwrap();
    let a = vec![QuizAnswer {
        question_id: other,
        selected: question(other).unwrap().correct.to_vec(),
    }];
    assert_eq!(score(&d, &a).points, 0);
}

#[test]
fn multiple_choice_needs_the_exact_set_in_any_order() {
    let q = BANK
        .iter()
        .find(|q| q.kind == QuestionKind::Multiple)
        .unwrap();
    let mut sel = q.correct.to_vec();
    sel.reverse();
    sel.push(sel[0]);
    assert!(is_correct(q.correct, &sel));
    assert!(!is_correct(q.correct, &q.correct[1..]));
    let mut extra = q.correct.to_vec();
    let wrong = (0..q.options.len() as u8)
        .find(|i| !q.correct.contains(i))
        .unwrap();
    extra.push(wrong);
    assert!(!is_correct(q.correct, &extra));
}

#[test]
fn time_limit_is_forty_minutes_inclusive() {
    let t0: DateTime<Utc> = "2025-03-10T09:00:00Z".parse().unwrap();
    assert_eq!(TIME_LIMIT_MINUTES, 40);
    assert!(within_time_limit(t0, t0 + Duration::minutes(40)));
    assert!(!within_time_limit(
        t0,
        t0 + Duration::minutes(40) + Duration::seconds(1)
    ));
    assert!(!within_time_limit(t0, t0 - Duration::seconds(1)));
}

#[test]
fn late_attempt_keeps_points_but_fails() {
    let t0: DateTime<Utc> = "2025-03-10T09:00:00Z".parse().unwrap();
    let d = draw(11);
    let r = grade_attempt(&d, &perfect(&d), t0, t0 + Duration::minutes(41));
    assert_eq!(r.score.points, 100);
    assert!(!r.within_time && !r.score.passed);
    let r = grade_attempt(&d, &perfect(&d), t0, t0 + Duration::minutes(39));
    assert!(r.within_time && r.score.passed);
}

#[test]
fn quiz_covers_the_deck_sample_questions() {
    // Target market, how ERP is sold, key information, grades covered by target market and
    // by relationship maintenance.
    for id in [1u16, 6, 11, 19, 20] {
        assert!(question(QuestionId(id)).is_some());
    }
    assert!(question(QuestionId(20))
        .unwrap()
        .prompt
        .get(Lang::En)
        .contains("maintenance"));
}

// ---- what the PWA compiles in, derived from the tables ---------------------------------

#[test]
fn compiled_in_checklists_definitions_and_quiz_keys_equal_their_source() {
    use tuoke_core::playbook::{grade_definition, stage_checklist};
    use tuoke_core::quiz::{key, KEYS};
    for s in Stage::ALL {
        assert_eq!(stage_checklist(s), stage_playbook(s).checklist, "{s:?}");
    }
    for g in Grade::ALL {
        assert_eq!(grade_definition(g), grade_strategy(g).definition, "{g:?}");
    }
    assert_eq!(KEYS.len(), BANK.len());
    for q in &BANK {
        let k = key(q.id).unwrap();
        assert_eq!((k.kind, k.correct), (q.kind, q.correct), "{:?}", q.id);
        assert_eq!(usize::from(k.options), q.options.len(), "{:?}", q.id);
    }
}
