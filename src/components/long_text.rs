//! A note's text, collapsed to a few lines when it is long, with a "show more / show less"
//! toggle: a 5,000-character note does not push the rest of the screen away.

use yew::prelude::*;

use crate::i18n::{use_i18n, LabelKey};

/// Longer than this (in characters), or more lines than [`CLAMP_LINES`], it starts collapsed.
pub const LONG_CHARS: usize = 160;
/// Lines shown while collapsed (the stylesheet's `.clamped`).
pub const CLAMP_LINES: usize = 4;

/// Whether `text` is long enough to collapse.
pub fn is_long(text: &str) -> bool {
    text.chars().count() > LONG_CHARS || text.lines().count() > CLAMP_LINES
}

#[derive(Properties, PartialEq)]
pub struct LongTextProps {
    pub text: AttrValue,
    /// The paragraph's class (its look where it is shown).
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// The text in a paragraph; collapsed with a toggle when [`is_long`].
#[component]
pub fn LongText(props: &LongTextProps) -> Html {
    let i18n = use_i18n();
    let expanded = use_state(|| false);
    let long = is_long(&props.text);
    let collapsed = long && !*expanded;
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    html! {
        <>
            <p class={classes!(props.class.clone(), collapsed.then_some("clamped"))} data-testid={props.testid.clone()}
                data-collapsed={collapsed.to_string()}>{ props.text.clone() }</p>
            if long {
                <button type="button" class="link-button text-toggle" onclick={toggle}
                    aria-expanded={(*expanded).to_string()} data-testid="text-toggle">
                    { i18n.t(if *expanded { LabelKey::ShowLess } else { LabelKey::ShowMore }) }
                </button>
            }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_or_many_line_text_collapses_and_a_short_one_does_not() {
        assert!(!is_long("王总对库存很感兴趣"));
        assert!(is_long(&"长".repeat(5000)));
        assert!(is_long("1\n2\n3\n4\n5"));
        assert!(!is_long(&"长".repeat(LONG_CHARS)));
    }
}
