//! The price list: its validation rule (one refusal per code), its JSON shape and the demo list.

use serde_json::json;
use tuoke_core::i18n::Lang;
use tuoke_core::negotiation::{quote_total, QuoteInput, QuoteLine};
use tuoke_core::pricing::{
    demo_price_list, Currency, ModuleName, PriceList, PriceListError as E, PriceListInput,
    PriceModule, PriceUnit, DEMO_DAY_RATE_CNY, MAX_CODE_CHARS, MAX_DAY_RATE_CNY,
    MAX_LIST_PRICE_CNY, MAX_MODULES, MAX_NAME_CHARS,
};

fn module(code: &str, price: i64) -> PriceModule {
    PriceModule {
        code: code.to_owned(),
        name: ModuleName::new("财务会计", "財務會計", "Finance"),
        list_price_cny: price,
        unit: PriceUnit::PerUser,
    }
}

fn list(modules: Vec<PriceModule>) -> PriceListInput {
    PriceListInput {
        currency: Currency::Cny,
        day_rate_cny: 2_500,
        modules,
    }
}

fn refused(l: &PriceListInput) -> E {
    l.check().expect_err("the list should be refused")
}

#[test]
fn the_demo_list_passes_its_own_check_and_covers_the_nine_module_families() {
    let demo = demo_price_list();
    assert_eq!(demo.check(), Ok(()));
    assert_eq!(demo.currency, Currency::Cny);
    assert!((2_000..=3_000).contains(&demo.day_rate_cny));
    assert_eq!(demo.day_rate_cny, DEMO_DAY_RATE_CNY);
    let codes: Vec<&str> = demo.modules.iter().map(|m| m.code.as_str()).collect();
    for family in ["FIN", "PUR", "SAL", "INV", "PP", "MRP", "COST", "QM", "HR"] {
        assert!(codes.contains(&family), "{family} missing from {codes:?}");
    }
    assert!(demo.modules.len() > 9, "a few extras besides the nine");
    for unit in [PriceUnit::PerSite, PriceUnit::PerUser, PriceUnit::PerModule] {
        assert!(demo.modules.iter().any(|m| m.unit == unit), "{unit:?}");
    }
    assert!(demo.modules.iter().all(|m| m.list_price_cny >= 1_000));
    // Taiwan wording in zh-Hant.
    let qm = demo.modules.iter().find(|m| m.code == "QM").unwrap();
    assert_eq!(qm.name.get(Lang::ZhHant), "品質管理");
    assert_eq!(demo.clone().with_version(1).check(), Ok(()));
}

#[test]
fn a_list_without_modules_is_refused() {
    assert_eq!(refused(&list(vec![])), E::NoModules);
}

#[test]
fn a_list_over_the_module_cap_is_refused() {
    let modules = (0..=MAX_MODULES)
        .map(|i| module(&format!("M{i}"), 100))
        .collect();
    assert_eq!(
        refused(&list(modules)),
        E::TooManyModules { max: MAX_MODULES }
    );
    let at_cap = (0..MAX_MODULES)
        .map(|i| module(&format!("M{i}"), 100))
        .collect();
    assert_eq!(list(at_cap).check(), Ok(()));
}

#[test]
fn an_empty_or_blank_code_is_refused() {
    for code in ["", "   "] {
        assert_eq!(
            refused(&list(vec![module("FIN", 1), module(code, 1)])),
            E::EmptyCode { module: 1 }
        );
    }
}

#[test]
fn an_over_long_code_is_refused() {
    let long = "A".repeat(MAX_CODE_CHARS + 1);
    assert_eq!(
        refused(&list(vec![module(&long, 1)])),
        E::CodeTooLong {
            module: 0,
            max: MAX_CODE_CHARS
        }
    );
    assert_eq!(
        list(vec![module(&"A".repeat(MAX_CODE_CHARS), 1)]).check(),
        Ok(())
    );
}

#[test]
fn a_code_with_spaces_or_other_characters_is_refused() {
    for code in ["FIN GL", "财务", "A/B", "X\u{0}"] {
        assert_eq!(
            refused(&list(vec![module(code, 1)])),
            E::InvalidCode { module: 0 },
            "{code:?}"
        );
    }
    assert_eq!(list(vec![module("WMS-M_2.0", 1)]).check(), Ok(()));
}

#[test]
fn a_duplicate_code_is_refused_ignoring_case() {
    assert_eq!(
        refused(&list(vec![
            module("FIN", 1),
            module("PUR", 1),
            module("fin", 1)
        ])),
        E::DuplicateCode {
            module: 2,
            first: 0
        }
    );
}

#[test]
fn a_blank_name_in_any_language_is_refused() {
    for (lang, name) in [
        (Lang::ZhHans, ModuleName::new(" ", "財務", "Finance")),
        (Lang::ZhHant, ModuleName::new("财务", "", "Finance")),
        (Lang::En, ModuleName::new("财务", "財務", "\t")),
    ] {
        let mut m = module("FIN", 1);
        m.name = name;
        assert_eq!(
            refused(&list(vec![m])),
            E::BlankName { module: 0, lang },
            "{lang:?}"
        );
    }
}

#[test]
fn an_over_long_name_is_refused() {
    let mut m = module("FIN", 1);
    m.name.zh_hant = "財".repeat(MAX_NAME_CHARS + 1);
    assert_eq!(
        refused(&list(vec![m.clone()])),
        E::NameTooLong {
            module: 0,
            lang: Lang::ZhHant,
            max: MAX_NAME_CHARS
        }
    );
    // Characters, not bytes: 100 Chinese characters pass.
    m.name.zh_hant = "財".repeat(MAX_NAME_CHARS);
    assert_eq!(list(vec![m]).check(), Ok(()));
}

#[test]
fn a_negative_price_is_refused_and_zero_is_allowed() {
    assert_eq!(
        refused(&list(vec![module("FIN", -1)])),
        E::NegativePrice { module: 0 }
    );
    assert_eq!(list(vec![module("FIN", 0)]).check(), Ok(()));
}

#[test]
fn an_absurd_price_is_refused() {
    assert_eq!(
        refused(&list(vec![module("FIN", MAX_LIST_PRICE_CNY + 1)])),
        E::PriceTooHigh {
            module: 0,
            max: MAX_LIST_PRICE_CNY
        }
    );
    assert_eq!(
        refused(&list(vec![module("FIN", i64::MAX)])).code(),
        "price_too_high"
    );
    assert_eq!(
        list(vec![module("FIN", MAX_LIST_PRICE_CNY)]).check(),
        Ok(())
    );
}

#[test]
fn a_negative_or_absurd_day_rate_is_refused() {
    let mut l = list(vec![module("FIN", 1)]);
    l.day_rate_cny = -1;
    assert_eq!(refused(&l), E::NegativeDayRate);
    l.day_rate_cny = MAX_DAY_RATE_CNY + 1;
    assert_eq!(
        refused(&l),
        E::DayRateTooHigh {
            max: MAX_DAY_RATE_CNY
        }
    );
    l.day_rate_cny = 0;
    assert_eq!(l.check(), Ok(()));
}

#[test]
fn every_error_serialises_with_its_code() {
    let errors = [
        E::NoModules,
        E::TooManyModules { max: 1 },
        E::EmptyCode { module: 0 },
        E::CodeTooLong { module: 0, max: 1 },
        E::InvalidCode { module: 0 },
        E::DuplicateCode {
            module: 1,
            first: 0,
        },
        E::BlankName {
            module: 0,
            lang: Lang::En,
        },
        E::NameTooLong {
            module: 0,
            lang: Lang::ZhHans,
            max: 1,
        },
        E::NegativePrice { module: 0 },
        E::PriceTooHigh { module: 0, max: 1 },
        E::NegativeDayRate,
        E::DayRateTooHigh { max: 1 },
    ];
    let codes: Vec<&str> = errors.iter().map(E::code).collect();
    assert_eq!(codes, E::CODES);
    for e in errors {
        let v = serde_json::to_value(e).unwrap();
        assert_eq!(v["code"], e.code(), "{v}");
        assert_eq!(serde_json::from_value::<E>(v).unwrap(), e);
    }
    assert_eq!(
        serde_json::to_value(E::BlankName {
            module: 3,
            lang: Lang::ZhHant
        })
        .unwrap(),
        json!({"code": "blank_name", "module": 3, "lang": "zh-Hant"})
    );
}

#[test]
fn the_json_shape_uses_language_tags_units_and_cny_and_refuses_unknown_fields() {
    let l = list(vec![module("FIN", 6_800)]).with_version(7);
    let v = serde_json::to_value(&l).unwrap();
    assert_eq!(
        v,
        json!({
            "version": 7, "currency": "CNY", "day_rate_cny": 2500,
            "modules": [{"code": "FIN",
                         "name": {"zh-Hans": "财务会计", "zh-Hant": "財務會計", "en": "Finance"},
                         "list_price_cny": 6800, "unit": "per_user"}]
        })
    );
    assert_eq!(serde_json::from_value::<PriceList>(v.clone()).unwrap(), l);
    // The input has no version; sending one is an unknown field.
    assert!(serde_json::from_value::<PriceListInput>(v.clone()).is_err());
    let mut input = v.clone();
    input.as_object_mut().unwrap().remove("version");
    assert_eq!(
        serde_json::from_value::<PriceListInput>(input.clone()).unwrap(),
        l.clone().into_input()
    );
    for (pointer, bad) in [
        ("/currency", json!("USD")),
        ("/modules/0/unit", json!("per_month")),
        ("/modules/0/list_price_cny", json!(1.5)),
    ] {
        let mut b = input.clone();
        *b.pointer_mut(pointer).unwrap() = bad;
        assert!(
            serde_json::from_value::<PriceListInput>(b).is_err(),
            "{pointer}"
        );
    }
    let mut extra = input;
    extra["modules"][0]["discount"] = json!(5);
    assert!(serde_json::from_value::<PriceListInput>(extra).is_err());
}

#[test]
fn a_module_and_a_quantity_make_a_quote_line_the_core_totals() {
    let demo = demo_price_list().with_version(1);
    let fin = demo.quote_line("fin", 10).unwrap();
    assert_eq!(
        fin,
        QuoteLine {
            module: "FIN".to_owned(),
            list_price_cny: 6_800,
            qty: 10
        }
    );
    let mrp = demo.module("MRP").unwrap().quote_line(1);
    assert_eq!(demo.quote_line("NOPE", 1), None);
    let total = quote_total(&QuoteInput {
        lines: vec![fin, mrp],
        consultant_days: 20,
        day_rate_cny: demo.day_rate_cny,
        discount_bp: 1_000,
    })
    .unwrap();
    assert_eq!(total.lines_cny, 68_000 + 58_000);
    assert_eq!(total.consultant_cny, 50_000);
    assert_eq!(total.total_cny, 176_000 - 17_600);
}
