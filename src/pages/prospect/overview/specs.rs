//! The profile's fields: their patch names, labels, kinds and choices, in the order a rep
//! asks about them, and how a stored value reads.

use serde_json::Value;
use tuoke_core::types::{Industry, LeadSource};
use yew::prelude::*;

use super::super::form::{draft_text, format_int, money_html, Kind};
use crate::i18n::{I18n, LabelKey, ProfileKey as P};
use crate::pages::shared::code_of;

/// The choices a field offers.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Options {
    Free,
    Industry,
    Source,
    Iso,
    YesNo,
}

/// One profile field: its patch name, label, kind and choices.
pub(super) struct Spec {
    pub(super) name: &'static str,
    pub(super) label: P,
    pub(super) kind: Kind,
    pub(super) options: Options,
}

const fn free(name: &'static str, label: P, kind: Kind) -> Spec {
    Spec {
        name,
        label,
        kind,
        options: Options::Free,
    }
}

const fn choice(name: &'static str, label: P, options: Options) -> Spec {
    Spec {
        name,
        label,
        kind: Kind::Choice,
        options,
    }
}

/// The profile in three groups, in the order a rep asks about them.
pub(super) const GROUPS: [(P, &[Spec]); 3] = [
    (
        P::GroupCompany,
        &[
            free("company", P::FieldCompany, Kind::Text),
            choice("industry", P::FieldIndustry, Options::Industry),
            free("products", P::FieldProducts, Kind::Multiline),
            free("annual_revenue_cny", P::FieldRevenue, Kind::Money),
            free("annual_profit_cny", P::FieldProfit, Kind::Money),
            free("employees", P::FieldEmployees, Kind::Int),
            free("item_codes", P::FieldItemCodes, Kind::Int),
            free("region", P::FieldRegion, Kind::Text),
            free("address", P::FieldAddress, Kind::Multiline),
            choice("source", P::FieldSource, Options::Source),
        ],
    ),
    (
        P::GroupIt,
        &[
            choice("informatized", P::FieldInformatized, Options::YesNo),
            free("current_system", P::FieldCurrentSystem, Kind::Text),
            free("current_vendor", P::FieldCurrentVendor, Kind::Text),
            free("db_preference", P::FieldDbPreference, Kind::Text),
            free("os_preference", P::FieldOsPreference, Kind::Text),
            free(
                "hardware_preference",
                P::FieldHardwarePreference,
                Kind::Text,
            ),
        ],
    ),
    (
        P::GroupChanges,
        &[
            choice("iso9000", P::FieldIso9000, Options::Iso),
            choice("bpr", P::FieldBpr, Options::YesNo),
            choice("relocation_expansion", P::FieldRelocation, Options::YesNo),
            choice("major_investment", P::FieldMajorInvestment, Options::YesNo),
        ],
    ),
];

pub(super) fn options(i18n: &I18n, which: Options) -> Vec<(AttrValue, AttrValue)> {
    let unset = (AttrValue::from(""), AttrValue::from(i18n.t(P::NotRecorded)));
    let mut list = vec![unset];
    match which {
        Options::Free => {}
        Options::Industry => list.extend(Industry::ALL.map(|x| {
            (
                AttrValue::from(code_of(x)),
                i18n.t(LabelKey::industry(x)).into(),
            )
        })),
        Options::Source => list.extend(LeadSource::ALL.map(|x| {
            (
                AttrValue::from(code_of(x)),
                i18n.t(LabelKey::source(x)).into(),
            )
        })),
        Options::Iso => list.extend(LabelKey::ISO9000.map(|x| {
            (
                AttrValue::from(code_of(x)),
                i18n.t(LabelKey::iso9000(x)).into(),
            )
        })),
        Options::YesNo => list.extend([true, false].map(|b| {
            (
                AttrValue::from(b.to_string()),
                i18n.t(LabelKey::yes_no(b)).into(),
            )
        })),
    }
    list
}

/// The stored value of a field as the rep reads it (`None`: not recorded).
pub(super) fn shown(i18n: &I18n, spec: &Spec, value: Option<&Value>) -> Option<Html> {
    let value = value.filter(|v| !v.is_null())?;
    let text = match spec.kind {
        Kind::Money => return value.as_i64().map(|n| money_html(i18n, n)),
        Kind::Int => format_int(value.as_i64()?),
        Kind::Choice => {
            let code = draft_text(Some(value));
            options(i18n, spec.options)
                .into_iter()
                .find(|(c, _)| *c == code)
                .map_or(code, |(_, label)| label.to_string())
        }
        _ => draft_text(Some(value)),
    };
    Some(Html::from(text))
}
