//! A prospect's grade, one badge on every screen (list, Capture, the prospect's header): one
//! colour per grade (the app stylesheet's `.grade[data-grade]`), and one meaning of "?": the
//! grade the core computed needs the rep's confirmation ([`GradeView::needs_confirmation`]),
//! as in the list, Capture and the header alike. A grade set by hand has no mark of its own
//! (the lists do not know it); where it is known, the tooltip and the accessible name say so.
//!
//! A plain function, not a component: a list row stays one element with one text node, so a
//! new search patches values instead of diffing nodes.

use tuoke_core::grading::GradeView;
use tuoke_core::types::Grade;
use tuoke_sync::summary::ProspectSummary;
use yew::prelude::*;

use crate::i18n::{I18n, LabelKey};

/// What a badge shows: the effective grade and its marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GradeMark {
    /// Effective grade (`None`: ungraded).
    pub grade: Option<Grade>,
    /// The computed grade waits for the rep's confirmation ("?").
    pub needs_confirmation: bool,
    /// Set by hand (said in the tooltip only).
    pub overridden: bool,
}

impl GradeMark {
    /// The marks of a full grade view.
    pub fn of(view: &GradeView) -> Self {
        GradeMark {
            grade: view.value,
            needs_confirmation: view.needs_confirmation,
            overridden: view.overridden,
        }
    }

    /// The marks of a list's summary (which does not know about overrides).
    pub fn of_summary(s: &ProspectSummary) -> Self {
        GradeMark {
            grade: s.grade,
            needs_confirmation: s.needs_confirmation,
            overridden: false,
        }
    }

    /// The badge's text: the letter with "?" when it needs confirmation, or "ungraded".
    pub fn text(&self, i18n: &I18n) -> String {
        match self.grade {
            Some(g) if self.needs_confirmation => format!("{}?", g.code()),
            Some(g) => g.code().to_owned(),
            None => i18n.t(LabelKey::Ungraded).to_owned(),
        }
    }

    /// What the badge means, in words (its tooltip and accessible name).
    pub fn meaning(&self, i18n: &I18n) -> String {
        match self.grade {
            Some(g) if self.needs_confirmation => {
                i18n.fmt(LabelKey::GradeUnconfirmed, &[("g", g.code())])
            }
            Some(g) if self.overridden => i18n.fmt(LabelKey::GradeOverridden, &[("g", g.code())]),
            Some(g) => i18n.fmt(LabelKey::Grade, &[("g", g.code())]),
            None => i18n.t(LabelKey::UngradedHint).to_owned(),
        }
    }
}

/// The badge; `large` for a page's header. `testid` names it for tests.
pub fn grade_badge(
    i18n: &I18n,
    mark: GradeMark,
    large: bool,
    testid: Option<&'static str>,
) -> Html {
    let meaning = mark.meaning(i18n);
    html! {
        <span class={classes!("grade", large.then_some("grade-lg"))} data-grade={mark.grade.map(Grade::code)}
            data-needs-confirmation={mark.needs_confirmation.to_string()} data-testid={testid}
            role="img" aria-label={meaning.clone()} title={meaning}>{ mark.text(i18n) }</span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn i18n(lang: Lang) -> I18n {
        I18n {
            lang,
            set_lang: Callback::noop(),
        }
    }

    #[test]
    fn the_question_mark_means_a_computed_grade_to_confirm_in_every_language() {
        let mark = GradeMark {
            grade: Some(Grade::C),
            needs_confirmation: true,
            overridden: false,
        };
        assert_eq!(mark.text(&i18n(Lang::ZhHans)), "C?");
        assert!(mark.meaning(&i18n(Lang::ZhHans)).contains("确认"));
        assert!(mark.meaning(&i18n(Lang::ZhHant)).contains("確認"));
        assert!(mark.meaning(&i18n(Lang::En)).contains("confirmation"));
        let sure = GradeMark {
            needs_confirmation: false,
            ..mark
        };
        assert_eq!(sure.text(&i18n(Lang::En)), "C");
        assert_eq!(sure.meaning(&i18n(Lang::En)), "Grade C");
    }
}
