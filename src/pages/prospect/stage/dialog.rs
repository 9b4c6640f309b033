//! The confirmation sheet of a stage move: what the move means (the rule gating it, what it
//! replaces, the soft-gate warnings), the reason, and confirm or cancel.

use tuoke_core::stage::{move_kind, soft_gate_warnings, verdict, MoveKind, Verdict, Warning};
use tuoke_core::types::{Prospect, Stage};
use yew::prelude::*;

use super::model::{stage_name, Ask};
use crate::i18n::{I18n, StageKey};

/// What the confirmation sheet says.
pub(super) struct DialogView {
    title: String,
    hint: Option<&'static str>,
    /// The rule gating the move.
    rule: Option<&'static str>,
    /// The pending request this move replaces.
    replaces: Option<String>,
    warnings: Vec<Warning>,
    /// The reason's label.
    label: &'static str,
    confirm: StageKey,
    /// The reason is required (lost).
    required: bool,
    /// The move needs the manager's approval (the reason goes to the manager).
    gated: bool,
}

impl DialogView {
    /// The sheet for `a` on a deal at `current` (a request waiting to reach `pending`).
    pub(super) fn of(
        i18n: &I18n,
        a: Ask,
        current: Stage,
        pending: Option<Stage>,
        prospect: &Prospect,
    ) -> DialogView {
        let to = a.target();
        // Whether the move is gated; a move to lost is judged as if its reason were given.
        let judged = verdict(current, to, Some("reason"));
        let gated = matches!(judged, Verdict::NeedsApproval { .. });
        let title = match a {
            Ask::Lost => i18n.t(StageKey::MarkLostTitle).to_owned(),
            Ask::Reopen => i18n.t(StageKey::ReopenTitle).to_owned(),
            Ask::Move(s) if gated => i18n.fmt(
                StageKey::ConfirmRequestTitle,
                &[("stage", stage_name(i18n, s))],
            ),
            Ask::Move(s) if move_kind(current, s) == MoveKind::Back => i18n.fmt(
                StageKey::ConfirmBackTitle,
                &[("stage", stage_name(i18n, s))],
            ),
            Ask::Move(s) => i18n.fmt(
                StageKey::ConfirmMoveTitle,
                &[("stage", stage_name(i18n, s))],
            ),
        };
        let hint = match a {
            Ask::Lost => Some(i18n.t(StageKey::MarkLostHint)),
            Ask::Reopen => Some(i18n.t(StageKey::ReopenHint)),
            Ask::Move(_) if gated => Some(i18n.t(StageKey::ConfirmRequestHint)),
            Ask::Move(_) => None,
        };
        let rule = match judged {
            Verdict::NeedsApproval { rule } => Some(i18n.t(StageKey::rule(rule))),
            _ => None,
        };
        let replaces = pending.filter(|p| *p != to).map(|p| {
            i18n.fmt(
                StageKey::ConfirmReplacesPending,
                &[("stage", stage_name(i18n, p))],
            )
        });
        let warnings = soft_gate_warnings(prospect, current, to);
        let label = match a {
            Ask::Lost => i18n.t(StageKey::LostReason),
            _ if gated => i18n.t(StageKey::ReasonForManager),
            _ => i18n.t(StageKey::ReasonOptional),
        };
        let confirm = if gated {
            StageKey::SendRequest
        } else if a == Ask::Lost {
            StageKey::MarkLost
        } else {
            StageKey::Confirm
        };
        DialogView {
            title,
            hint,
            rule,
            replaces,
            warnings,
            label,
            confirm,
            required: a == Ask::Lost,
            gated,
        }
    }

    /// The sheet's form: `reason` is the reason's field, `error` the last refusal; it
    /// submits to `on_confirm` (unless `busy`) or cancels.
    pub(super) fn form(
        self,
        i18n: &I18n,
        reason: NodeRef,
        error: Option<String>,
        busy: bool,
        on_confirm: Callback<SubmitEvent>,
        on_cancel: Callback<MouseEvent>,
    ) -> Html {
        let required = self.required;
        html! {
                    <form class="form" onsubmit={on_confirm} novalidate=true>
                        <h2 id="stage-dialog-title">{ self.title }</h2>
                        if let Some(rule) = self.rule {
                            <p class="stage-rule">{ rule }</p>
                        }
                        if let Some(hint) = self.hint {
                            <p class="hint">{ hint }</p>
                        }
                        if let Some(replaces) = self.replaces {
                            <p class="notice warn">{ replaces }</p>
                        }
                        if !self.warnings.is_empty() {
                            <div class="notice warn" data-testid="stage-dialog-warnings">
                                <p>{ i18n.t(StageKey::WarningsTitle) }</p>
                                <ul class="stage-warnings">
                                    { for self.warnings.iter().map(|w| html! {
                                        <li data-testid="stage-warning">{ i18n.t(StageKey::warning(*w)) }</li>
                                    }) }
                                </ul>
                            </div>
                        }
                        <label class="field-label" for="stage-reason">{ self.label }</label>
                        // The modal focuses the reason only when it is required: an optional
                        // one would pop the keyboard up for nothing.
                        <textarea id="stage-reason" ref={reason} rows="3" required={required}
                            autofocus={required}
                            aria-invalid={(required && error.is_some()).then_some("true")}
                            aria-describedby={error.is_some().then_some("stage-dialog-error")}
                            placeholder={required.then(|| i18n.t(StageKey::LostReasonHint))}
                            data-testid="stage-dialog-reason" />
                        if !self.gated {
                            <p class="hint">{ i18n.t(StageKey::ReasonKeptAsNote) }</p>
                        }
                        if let Some(err) = error {
                            <p class="error" role="alert" id="stage-dialog-error" data-testid="stage-dialog-error">{ err }</p>
                        }
                        <div class="actions">
                            <button type="button" class="secondary" onclick={on_cancel} data-testid="stage-dialog-cancel">{ i18n.t(crate::i18n::Key::Cancel) }</button>
                            <button type="submit" class={if required { "danger" } else { "primary" }} disabled={busy}
                                autofocus={!required} data-testid="stage-dialog-confirm">
                                { if busy { i18n.t(StageKey::Saving) } else { i18n.t(self.confirm) } }
                            </button>
                        </div>
                    </form>
        }
    }
}
