//! The grade history, newest first; while a change is not synced, the entry the core says it
//! will add heads the list, marked as pending.

use std::rc::Rc;

use tuoke_core::grading::{history_entry_after, GradeHistoryEntry, GradeView};
use tuoke_core::types::Grade;
use yew::prelude::*;

use crate::i18n::{use_i18n, Key, LabelKey, ProfileKey as P};
use crate::services::time::{self, Style};

#[derive(Properties, PartialEq)]
pub struct HistoryProps {
    /// The record's grade history, newest first ([`newest_first`]).
    pub entries: Rc<Vec<GradeHistoryEntry>>,
    /// The record has changes not synced yet.
    pub pending: bool,
    pub view: Rc<GradeView>,
}

/// The record's grade history (oldest first, as pulled), newest first.
pub fn newest_first(mut entries: Vec<GradeHistoryEntry>) -> Vec<GradeHistoryEntry> {
    entries.sort_by_key(|e| std::cmp::Reverse(e.at));
    entries
}

#[component]
pub fn History(props: &HistoryProps) -> Html {
    let i18n = use_i18n();
    let entries = &props.entries;
    let pending = props
        .pending
        .then(|| history_entry_after(entries.first(), &props.view, crate::services::time::now()))
        .flatten();
    let shown = pending
        .iter()
        .map(|e| (e, true))
        .chain(entries.iter().map(|e| (e, false)))
        .collect::<Vec<_>>();
    let grade_text = |g: Option<Grade>| {
        g.map_or_else(
            || i18n.t(LabelKey::Ungraded).to_owned(),
            |g| g.code().to_owned(),
        )
    };
    html! {
        <section class="card grade-history" aria-labelledby="history-title" data-testid="grade-history">
            <h2 id="history-title">{ i18n.t(P::HistoryTitle) }</h2>
            if shown.is_empty() {
                <p class="empty" data-testid="history-empty">{ i18n.t(P::HistoryEmpty) }</p>
            }
            <ol class="history">
                { for shown.iter().enumerate().map(|(i, (e, pending))| {
                    // The pending entry has no time yet: its "not synced" badge says when.
                    let when = (!*pending).then(|| {
                        time::local(e.at, Style::DateTime)
                    });
                    html! {
                        <li key={i} class={classes!("history-entry", pending.then_some("pending"), e.is_upgrade().then_some("upgrade"))}
                            data-testid="history-entry" data-pending={pending.to_string()} data-upgrade={e.is_upgrade().to_string()}>
                            if let Some(when) = when {
                                <time class="when" datetime={e.at.to_rfc3339()}>{ when }</time>
                            }
                            <span class="change">
                                { i18n.fmt(P::HistoryChange, &[("from", grade_text(e.from).as_str()), ("to", grade_text(e.to).as_str())]) }
                            </span>
                            if e.is_upgrade() {
                                <span class="badge upgrade">{ i18n.t(P::HistoryUpgrade) }</span>
                            }
                            if e.overridden {
                                <span class="badge override">{ i18n.t(P::OverriddenMark) }</span>
                            }
                            if *pending {
                                <span class="badge pending">{ i18n.t(Key::PendingBadge) }</span>
                            }
                            if e.overridden {
                                <p class="hint">
                                    { i18n.fmt(P::HistoryComputed, &[("g", grade_text(e.computed).as_str())]) }
                                    if let Some(r) = &e.reason {
                                        { " · " }<q>{ r.clone() }</q>
                                    }
                                </p>
                            }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use serde_json::json;
    use tuoke_core::grading::GradeBasis;

    fn entries(list: serde_json::Value) -> Vec<GradeHistoryEntry> {
        newest_first(serde_json::from_value(list).unwrap())
    }

    fn view(value: Option<Grade>, computed: Option<Grade>, reason: Option<&str>) -> GradeView {
        GradeView {
            value,
            computed,
            needs_confirmation: false,
            overridden: reason.is_some(),
            override_reason: reason.map(str::to_owned),
            basis: GradeBasis::SingleRow,
            missing: vec![],
            candidates: vec![],
            contract_grade: None,
            explanation: vec![],
        }
    }

    #[test]
    fn grade_history_is_newest_first() {
        let entries = entries(json!([
            {"at": "2026-01-01T00:00:00Z", "from": null, "to": "C", "computed": "C", "overridden": false, "reason": null},
            {"at": "2026-03-01T00:00:00Z", "from": "B", "to": "A", "computed": "A", "overridden": false, "reason": null},
            {"at": "2026-02-01T00:00:00Z", "from": "C", "to": "B", "computed": "B", "overridden": false, "reason": null},
        ]));
        let tos: Vec<_> = entries.iter().map(|e| e.to).collect();
        assert_eq!(tos, vec![Some(Grade::A), Some(Grade::B), Some(Grade::C)]);
        assert!(entries[0].is_upgrade());
    }

    #[test]
    fn an_unsynced_change_heads_the_history_after_its_newest_entry() {
        let entries = entries(json!([
            {"at": "2026-01-01T00:00:00Z", "from": null, "to": "C", "computed": "C", "overridden": false, "reason": null},
            {"at": "2026-02-01T00:00:00Z", "from": "C", "to": "B", "computed": "B", "overridden": false, "reason": null},
        ]));
        // The core compares the change with the newest entry (B), not the oldest (C).
        let e = history_entry_after(
            entries.first(),
            &view(Some(Grade::A), Some(Grade::A), None),
            Utc::now(),
        )
        .unwrap();
        assert_eq!((e.from, e.to), (Some(Grade::B), Some(Grade::A)));
        assert!(history_entry_after(
            entries.first(),
            &view(Some(Grade::B), Some(Grade::B), None),
            Utc::now()
        )
        .is_none());
    }
}
