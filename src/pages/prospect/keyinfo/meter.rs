//! The completeness bar of the key-information section and its categories.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct MeterProps {
    pub(super) percent: u32,
    pub(super) label: AttrValue,
}

/// A completeness bar (a progress bar to assistive technology).
#[component]
pub(super) fn Meter(props: &MeterProps) -> Html {
    let p = props.percent.min(100);
    let class = match p {
        100 => "meter done",
        0..=33 => "meter low",
        _ => "meter",
    };
    html! {
        <div class={class} role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow={p.to_string()}
            aria-label={props.label.clone()}>
            <span style={format!("width: {p}%")}></span>
        </div>
    }
}
