//! The toast: one short message of a screen at a time, above the tab bar ("saved", "moved to
//! first visit", a save that failed). A screen hosts it ([`use_toast_host`], shown by
//! [`ToastProvider`](crate::components::ToastProvider)); anything below it reports through
//! [`use_toast`].

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// How long a fading message stays up.
pub const FADE_MS: u32 = 4_000;

/// How a message reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Work in progress, nothing changed, or a section's confirmation.
    Neutral,
    /// A change is safe on the phone.
    Ok,
    /// Something failed: announced at once, and it stays until the next message.
    Error,
}

/// One message of the toast.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub tone: Tone,
    pub text: String,
    /// It fades after [`FADE_MS`]; otherwise it stays until the next message.
    pub fades: bool,
    /// Which part of the screen said it (its `data-testid`).
    pub testid: &'static str,
}

impl Notice {
    /// A message that fades after a few seconds.
    pub fn brief(tone: Tone, text: impl Into<String>, testid: &'static str) -> Notice {
        Notice {
            tone,
            text: text.into(),
            fades: true,
            testid,
        }
    }

    /// A message that stays until the next one.
    pub fn lasting(tone: Tone, text: impl Into<String>, testid: &'static str) -> Notice {
        Notice {
            tone,
            text: text.into(),
            fades: false,
            testid,
        }
    }
}

/// What the toast shows: the latest message, numbered so that the same message twice in a
/// row shows (and fades) twice.
#[derive(Debug, Default, PartialEq)]
pub struct ToastState {
    shown: Option<(u32, Notice)>,
    count: u32,
}

impl ToastState {
    /// The message on screen.
    pub fn notice(&self) -> Option<&Notice> {
        self.shown.as_ref().map(|(_, notice)| notice)
    }
}

/// Changes to the toast.
pub enum ToastAction {
    Show(Notice),
    Clear,
    /// Message `n` has been up long enough (a newer one stays).
    Fade(u32),
}

impl Reducible for ToastState {
    type Action = ToastAction;
    fn reduce(self: Rc<Self>, action: ToastAction) -> Rc<Self> {
        match action {
            ToastAction::Show(notice) => {
                let count = self.count.wrapping_add(1);
                Rc::new(ToastState {
                    shown: Some((count, notice)),
                    count,
                })
            }
            ToastAction::Clear => Rc::new(ToastState {
                shown: None,
                count: self.count,
            }),
            ToastAction::Fade(n) if self.shown.as_ref().is_some_and(|(m, _)| *m == n) => {
                Rc::new(ToastState {
                    shown: None,
                    count: self.count,
                })
            }
            ToastAction::Fade(_) => self,
        }
    }
}

/// Shows messages in the screen's toast. Cheap to clone.
#[derive(Clone, PartialEq)]
pub struct Toaster(UseReducerDispatcher<ToastState>);

impl Toaster {
    /// Shows `notice` in place of the message on screen.
    pub fn show(&self, notice: Notice) {
        self.0.dispatch(ToastAction::Show(notice));
    }

    /// Takes the message off the screen.
    pub fn clear(&self) {
        self.0.dispatch(ToastAction::Clear);
    }
}

/// The toast of the screen this component is on.
#[hook]
pub fn use_toast() -> Toaster {
    use_context::<Toaster>().expect("ToastProvider is missing above this component")
}

/// A screen's toast: what it shows and how to show more; a fading message is taken off
/// after [`FADE_MS`].
#[hook]
pub fn use_toast_host() -> (UseReducerHandle<ToastState>, Toaster) {
    let state = use_reducer(ToastState::default);
    let toaster = Toaster(state.dispatcher());
    {
        let dispatch = state.dispatcher();
        let fading = state
            .shown
            .as_ref()
            .filter(|(_, n)| n.fades)
            .map(|(n, _)| *n);
        use_effect_with(fading, move |fading| {
            let n = *fading;
            let timer =
                n.map(|n| Timeout::new(FADE_MS, move || dispatch.dispatch(ToastAction::Fade(n))));
            move || drop(timer)
        });
    }
    (state, toaster)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: ToastState, action: ToastAction) -> ToastState {
        Rc::try_unwrap(Rc::new(state).reduce(action)).unwrap_or_default()
    }

    #[test]
    fn the_same_message_twice_is_numbered_twice() {
        let saved = || Notice::brief(Tone::Ok, "saved", "save-feedback");
        let once = reduce(ToastState::default(), ToastAction::Show(saved()));
        let twice = reduce(once, ToastAction::Show(saved()));
        assert_eq!(twice.shown.as_ref().map(|(n, _)| *n), Some(2));
        assert_eq!(twice.notice(), Some(&saved()));
    }

    #[test]
    fn only_the_message_that_faded_is_taken_off() {
        let first = reduce(
            ToastState::default(),
            ToastAction::Show(Notice::brief(Tone::Neutral, "one", "t")),
        );
        let second = reduce(
            first,
            ToastAction::Show(Notice::lasting(Tone::Error, "two", "t")),
        );
        let after_old_fade = reduce(second, ToastAction::Fade(1));
        assert_eq!(
            after_old_fade.notice().map(|n| n.text.as_str()),
            Some("two")
        );
        let after_fade = reduce(after_old_fade, ToastAction::Fade(2));
        assert_eq!(after_fade.notice(), None);
    }

    #[test]
    fn clearing_takes_any_message_off_and_keeps_counting() {
        let shown = reduce(
            ToastState::default(),
            ToastAction::Show(Notice::lasting(Tone::Error, "failed", "t")),
        );
        let cleared = reduce(shown, ToastAction::Clear);
        assert_eq!(cleared.notice(), None);
        let again = reduce(
            cleared,
            ToastAction::Show(Notice::brief(Tone::Ok, "saved", "t")),
        );
        assert_eq!(again.shown.as_ref().map(|(n, _)| *n), Some(2));
    }
}
