//! What the grading section's cards share: grade and criteria texts.

use tuoke_core::grading::Criterion;
use tuoke_core::playbook::grade_definition;
use tuoke_core::types::Grade;

use crate::i18n::{I18n, LabelKey, ProfileKey as P};

/// `A / B` for a list of grades.
pub(super) fn grades(list: &[Grade]) -> String {
    list.iter()
        .map(|g| g.code())
        .collect::<Vec<_>>()
        .join(" / ")
}

pub(super) fn meaning(i18n: &I18n, g: Grade) -> &'static str {
    grade_definition(g).get(i18n.lang)
}

pub(super) fn criteria_text(i18n: &I18n, list: &[Criterion], informatized: bool) -> String {
    list.iter()
        .map(|c| i18n.t(LabelKey::criterion(*c, informatized)))
        .collect::<Vec<_>>()
        .join(i18n.t(P::ListSeparator))
}
