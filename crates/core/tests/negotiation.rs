//! SPEC §8 negotiation: concession log warnings and the quote total.

use tuoke_core::negotiation::{
    check_concessions, quote_total, validate_concession, warnings_for_next, Concession,
    ConcessionError, ConcessionWarning, ConcessionWarningCode as W, QuoteError, QuoteInput,
    QuoteLine,
};

fn cny(a: i64, ret: Option<&str>) -> Concession {
    Concession {
        amount_cny: Some(a),
        in_return: ret.map(String::from),
        ..Concession::default()
    }
}

fn pct(bp: u32, ret: Option<&str>) -> Concession {
    Concession {
        percent_bp: Some(bp),
        in_return: ret.map(String::from),
        ..Concession::default()
    }
}

#[test]
fn shrinking_concessions_with_returns_raise_no_warning() {
    let log = [
        cny(50_000, Some("sign this month")),
        cny(20_000, Some("reference visit")),
        cny(5_000, Some("pay 50% upfront")),
    ];
    assert!(check_concessions(&log, None).is_empty());
}

#[test]
fn larger_concession_than_previous_is_warned() {
    let log = [cny(10_000, Some("a")), cny(30_000, Some("b"))];
    assert_eq!(
        check_concessions(&log, None),
        vec![ConcessionWarning {
            index: 1,
            code: W::LargerThanPrevious
        }]
    );
}

#[test]
fn equal_concession_is_not_larger() {
    let log = [cny(10_000, Some("a")), cny(10_000, Some("b"))];
    assert!(check_concessions(&log, None).is_empty());
}

#[test]
fn concession_with_nothing_in_return_is_warned() {
    let log = [cny(10_000, None), cny(5_000, Some("  "))];
    assert_eq!(
        check_concessions(&log, None),
        vec![
            ConcessionWarning {
                index: 0,
                code: W::NothingInReturn
            },
            ConcessionWarning {
                index: 1,
                code: W::NothingInReturn
            }
        ]
    );
}

#[test]
fn both_warnings_on_one_entry() {
    assert_eq!(
        warnings_for_next(&[cny(1_000, Some("x"))], &cny(2_000, None), None),
        vec![W::LargerThanPrevious, W::NothingInReturn]
    );
}

#[test]
fn percentages_compare_directly() {
    assert_eq!(
        warnings_for_next(&[pct(300, Some("x"))], &pct(500, Some("y")), None),
        vec![W::LargerThanPrevious]
    );
    assert!(warnings_for_next(&[pct(500, Some("x"))], &pct(300, Some("y")), None).is_empty());
}

#[test]
fn mixed_units_compare_in_cny_when_quote_known() {
    // 5 % of 1,000,000 = 50,000 > 40,000
    assert_eq!(
        warnings_for_next(
            &[cny(40_000, Some("x"))],
            &pct(500, Some("y")),
            Some(1_000_000)
        ),
        vec![W::LargerThanPrevious]
    );
    assert!(warnings_for_next(
        &[cny(60_000, Some("x"))],
        &pct(500, Some("y")),
        Some(1_000_000)
    )
    .is_empty());
    // Not comparable without the quote total.
    assert!(warnings_for_next(&[cny(1, Some("x"))], &pct(500, Some("y")), None).is_empty());
}

#[test]
fn concession_entries_are_validated() {
    assert_eq!(
        validate_concession(&Concession::default()),
        Err(ConcessionError::NoAmount)
    );
    let both = Concession {
        amount_cny: Some(1),
        percent_bp: Some(1),
        ..Concession::default()
    };
    assert_eq!(
        validate_concession(&both),
        Err(ConcessionError::BothAmounts)
    );
    assert_eq!(
        validate_concession(&cny(0, None)),
        Err(ConcessionError::NotPositive)
    );
    assert_eq!(
        validate_concession(&pct(10_001, None)),
        Err(ConcessionError::PercentOutOfRange)
    );
    assert_eq!(validate_concession(&pct(500, None)), Ok(()));
}

fn line(m: &str, price: i64, qty: u32) -> QuoteLine {
    QuoteLine {
        module: m.into(),
        list_price_cny: price,
        qty,
    }
}

#[test]
fn quote_total_sums_lines_consultant_days_and_discount() {
    let q = QuoteInput {
        lines: vec![line("MRP", 80_000, 1), line("Finance", 30_000, 2)],
        consultant_days: 20,
        day_rate_cny: 3_000,
        discount_bp: 1_000,
    };
    let t = quote_total(&q).unwrap();
    assert_eq!(t.lines_cny, 140_000);
    assert_eq!(t.consultant_cny, 60_000);
    assert_eq!(t.subtotal_cny, 200_000);
    assert_eq!(t.discount_cny, 20_000);
    assert_eq!(t.total_cny, 180_000);
    assert!(t.needs_approval);
}

#[test]
fn discount_rounds_half_up_to_the_yuan() {
    let q = QuoteInput {
        lines: vec![line("MRP", 5, 1)],
        discount_bp: 1_000, // 0.5 yuan → 1
        ..QuoteInput::default()
    };
    let t = quote_total(&q).unwrap();
    assert_eq!((t.discount_cny, t.total_cny), (1, 4));
    let q = QuoteInput {
        lines: vec![line("MRP", 4, 1)],
        discount_bp: 1_000, // 0.4 yuan → 0
        ..QuoteInput::default()
    };
    assert_eq!(quote_total(&q).unwrap().discount_cny, 0);
}

#[test]
fn full_discount_gives_zero_total() {
    let q = QuoteInput {
        lines: vec![line("MRP", 99_999, 3)],
        discount_bp: 10_000,
        ..QuoteInput::default()
    };
    assert_eq!(quote_total(&q).unwrap().total_cny, 0);
}

#[test]
fn invalid_quotes_are_rejected_with_a_code() {
    assert_eq!(
        quote_total(&QuoteInput::default()),
        Err(QuoteError::NoLines)
    );
    let mut q = QuoteInput {
        lines: vec![line("MRP", 1, 1), line(" ", 1, 1)],
        ..QuoteInput::default()
    };
    assert_eq!(quote_total(&q), Err(QuoteError::EmptyModule { line: 1 }));
    q.lines[1] = line("X", -1, 1);
    assert_eq!(quote_total(&q), Err(QuoteError::NegativePrice { line: 1 }));
    q.lines[1] = line("X", 1, 0);
    assert_eq!(quote_total(&q), Err(QuoteError::ZeroQuantity { line: 1 }));
    q.lines[1] = line("X", 1, 1);
    q.day_rate_cny = -5;
    assert_eq!(quote_total(&q), Err(QuoteError::NegativeDayRate));
    q.day_rate_cny = 5;
    q.discount_bp = 10_001;
    assert_eq!(
        quote_total(&q),
        Err(QuoteError::DiscountOutOfRange {
            discount_bp: 10_001
        })
    );
    assert_eq!(
        serde_json::to_value(QuoteError::EmptyModule { line: 1 }).unwrap(),
        serde_json::json!({"code":"empty_module","line":1})
    );
}

#[test]
fn huge_quote_overflows_cleanly() {
    let q = QuoteInput {
        lines: vec![line("MRP", i64::MAX, 2)],
        ..QuoteInput::default()
    };
    assert_eq!(quote_total(&q), Err(QuoteError::Overflow));
}

#[test]
fn quote_input_rejects_unknown_fields() {
    let r: Result<QuoteInput, _> = serde_json::from_value(serde_json::json!({"lines":[],"vat":13}));
    assert!(r.is_err());
}
