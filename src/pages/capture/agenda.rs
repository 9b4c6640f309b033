//! The exchange-meeting agenda (SPEC §8) with a running timer per item: start, pause, next;
//! planned against elapsed. The timer keeps absolute times (when it was started), so it goes
//! on counting across a reload or while the phone is locked; it is saved with the draft.

use serde::{Deserialize, Serialize};
use tuoke_core::playbook::{exchange_agenda_minutes, EXCHANGE_AGENDA};
use yew::prelude::*;

use super::draft::planned;
use crate::i18n::{use_i18n, CaptureKey};

/// Time spent per agenda item; at most one item runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgendaTimer {
    /// Milliseconds counted per item (index into [`EXCHANGE_AGENDA`]), not counting the run
    /// in progress.
    spent: Vec<i64>,
    /// The current item.
    current: usize,
    /// When the current item was (re)started, in epoch milliseconds; `None` while paused.
    running_since: Option<i64>,
}

impl AgendaTimer {
    fn bank(&mut self, now: i64) {
        if let Some(since) = self.running_since.take() {
            if self.spent.len() <= self.current {
                self.spent.resize(self.current + 1, 0);
            }
            self.spent[self.current] += (now - since).max(0);
        }
    }

    /// Starts (or resumes) the current item.
    pub fn start(&mut self, now: i64) {
        if self.running_since.is_none() {
            self.running_since = Some(now);
        }
    }

    /// Pauses the current item.
    pub fn pause(&mut self, now: i64) {
        self.bank(now);
    }

    /// Moves to the next item, which keeps running if the timer was running; past the last
    /// item the timer stops.
    pub fn next(&mut self, now: i64) {
        let running = self.running();
        self.bank(now);
        if self.current + 1 < EXCHANGE_AGENDA.len() {
            self.current += 1;
            if running {
                self.running_since = Some(now);
            }
        }
    }

    /// Makes item `i` current (keeps running if running).
    pub fn select(&mut self, i: usize, now: i64) {
        if i >= EXCHANGE_AGENDA.len() || i == self.current {
            return;
        }
        let running = self.running();
        self.bank(now);
        self.current = i;
        if running {
            self.running_since = Some(now);
        }
    }

    /// Whether an item is being timed.
    pub fn running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Whether the timer was ever started.
    pub fn started(&self) -> bool {
        self.running() || self.spent.iter().any(|ms| *ms > 0)
    }

    /// The current item.
    pub fn current(&self) -> usize {
        self.current
    }

    /// Time spent on item `i` up to `now`.
    pub fn elapsed_ms(&self, i: usize, now: i64) -> i64 {
        let banked = self.spent.get(i).copied().unwrap_or(0);
        match self.running_since {
            Some(since) if i == self.current => banked + (now - since).max(0),
            _ => banked,
        }
    }

    /// Time spent on the whole meeting up to `now`.
    pub fn total_ms(&self, now: i64) -> i64 {
        (0..EXCHANGE_AGENDA.len().max(self.spent.len()))
            .map(|i| self.elapsed_ms(i, now))
            .sum()
    }
}

/// `m:ss` (or `h:mm:ss`).
pub fn clock(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// What the rep did to the timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerAction {
    Start,
    Pause,
    Next,
    Select(usize),
}

#[derive(Properties, PartialEq)]
pub struct AgendaProps {
    pub timer: AgendaTimer,
    /// Now, in epoch milliseconds (ticks every second while the timer runs).
    pub now: i64,
    pub on_action: Callback<TimerAction>,
}

/// The agenda with the current item's timer and its controls.
#[component]
pub fn Agenda(props: &AgendaProps) -> Html {
    let i18n = use_i18n();
    let timer = &props.timer;
    let now = props.now;
    let current = timer.current();
    let slot = &EXCHANGE_AGENDA[current];
    let elapsed = timer.elapsed_ms(current, now);
    let over = elapsed > i64::from(slot.max_minutes) * 60_000;
    let (min, max) = exchange_agenda_minutes(true);
    let action = |a: TimerAction| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a))
    };
    let last = current + 1 == EXCHANGE_AGENDA.len();
    html! {
        <div class="agenda" data-testid="agenda">
            <p class="hint">{ i18n.fmt(CaptureKey::AgendaPlanned, &[("planned", planned(min, max).as_str())]) }</p>
            <div class={classes!("agenda-now", over.then_some("over"))} data-testid="agenda-current">
                <p class="agenda-item">{ slot.title.get(i18n.lang) }</p>
                <p class="agenda-clock" role="timer" aria-live="off" data-testid="agenda-clock" data-elapsed-ms={elapsed.to_string()}>
                    { clock(elapsed) }
                </p>
                <p class="hint">
                    { i18n.fmt(CaptureKey::AgendaPlannedItem, &[("planned", planned(slot.min_minutes, slot.max_minutes).as_str())]) }
                    if over { { " · " }{ i18n.t(CaptureKey::AgendaOver) } }
                </p>
                <div class="agenda-controls">
                    if timer.running() {
                        <button type="button" class="secondary" onclick={action(TimerAction::Pause)} data-testid="agenda-pause">{ i18n.t(CaptureKey::TimerPause) }</button>
                    } else {
                        <button type="button" class="primary" onclick={action(TimerAction::Start)} data-testid="agenda-start">
                            { i18n.t(if elapsed > 0 { CaptureKey::TimerResume } else { CaptureKey::TimerStart }) }
                        </button>
                    }
                    <button type="button" class="secondary" onclick={action(TimerAction::Next)} disabled={last} data-testid="agenda-next">{ i18n.t(CaptureKey::TimerNext) }</button>
                </div>
            </div>
            <ol class="agenda-list">
                { for EXCHANGE_AGENDA.iter().enumerate().map(|(i, s)| {
                    let spent = timer.elapsed_ms(i, now);
                    let slot_over = spent > i64::from(s.max_minutes) * 60_000;
                    html! {
                        <li key={s.id} class={classes!((i == current).then_some("current"), slot_over.then_some("over"))}>
                            <button type="button" class="agenda-row" onclick={action(TimerAction::Select(i))}
                                    aria-current={(i == current).then_some("step")} data-testid="agenda-item">
                                <span class="agenda-row-title">
                                    { s.title.get(i18n.lang) }
                                    if s.optional { <span class="hint">{ " " }{ i18n.t(CaptureKey::AgendaOptional) }</span> }
                                </span>
                                <span class="agenda-row-time">
                                    { if spent > 0 { format!("{} / ", clock(spent)) } else { String::new() } }
                                    { i18n.fmt(CaptureKey::Minutes, &[("n", planned(s.min_minutes, s.max_minutes).as_str())]) }
                                </span>
                            </button>
                            if i == current {
                                <p class="hint agenda-details">{ s.details.get(i18n.lang) }</p>
                            }
                        </li>
                    }
                }) }
            </ol>
            <p class="hint" data-testid="agenda-total">{ i18n.fmt(CaptureKey::AgendaTotal, &[("spent", clock(timer.total_ms(now)).as_str())]) }</p>
        </div>
    }
}

#[cfg(test)]
#[path = "agenda_tests.rs"]
mod tests;
