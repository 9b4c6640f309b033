//! Field widgets: a labelled input with its hint, preview, error and plausibility warning; a
//! choice (drop-down or segmented); a checkbox.

use yew::prelude::*;

use super::draft::Kind;
use super::plausible::plausibility;
use crate::i18n::{use_i18n, LabelKey};

/// The id of a field's input.
pub fn field_id(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("f-{safe}")
}

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// The draft key (and the patch field it edits).
    pub name: &'static str,
    pub label: AttrValue,
    pub value: AttrValue,
    pub kind: Kind,
    /// Called with the name and new text on every keystroke.
    pub oninput: Callback<(&'static str, String)>,
    #[prop_or_default]
    pub error: Option<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Shown under the input, e.g. the amount as read (`= 1.2 亿元`).
    #[prop_or_default]
    pub preview: Option<String>,
}

/// A labelled input (or textarea) with its hint, preview and error.
#[component]
pub fn Field(props: &FieldProps) -> Html {
    let i18n = use_i18n();
    let id = field_id(props.name);
    let warning = props
        .error
        .is_none()
        .then(|| plausibility(props.name, props.kind, &props.value))
        .flatten()
        .map(|code| i18n.t(LabelKey::plausibility(code)));
    let warning_id = format!("{id}-warning");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let oninput = {
        let (cb, name) = (props.oninput.clone(), props.name);
        Callback::from(move |e: InputEvent| {
            let value = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|| {
                    e.target_dyn_into::<web_sys::HtmlTextAreaElement>()
                        .map(|t| t.value())
                })
                .unwrap_or_default();
            cb.emit((name, value));
        })
    };
    let described = [
        props.hint.as_ref().map(|_| hint_id.clone()),
        props.preview.as_ref().map(|_| format!("{id}-preview")),
        props.error.as_ref().map(|_| error_id.clone()),
        warning.map(|_| warning_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let described = (!described.is_empty()).then_some(described);
    let invalid = props.error.as_ref().map(|_| "true");
    let testid = format!("field-{}", props.name);
    let input = match props.kind {
        Kind::Multiline | Kind::List => html! {
            <textarea id={id.clone()} name={props.name} rows="3" value={props.value.clone()} {oninput}
                aria-invalid={invalid} aria-describedby={described} data-testid={testid} />
        },
        kind => {
            let (ty, mode, auto) = match kind {
                Kind::Int => ("text", Some("numeric"), None),
                Kind::Money => ("text", Some("decimal"), None),
                Kind::Date => ("date", None, None),
                Kind::Tel => ("tel", None, Some("tel")),
                Kind::Email => ("email", None, Some("email")),
                _ => ("text", None, None),
            };
            html! {
                <input id={id.clone()} name={props.name} type={ty} inputmode={mode} autocomplete={auto}
                    value={props.value.clone()} {oninput}
                    aria-invalid={invalid} aria-describedby={described} data-testid={testid} />
            }
        }
    };
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label class="field-label" for={id.clone()}>{ props.label.clone() }</label>
            { input }
            if let Some(hint) = &props.hint {
                <p class="hint" id={hint_id}>{ hint.clone() }</p>
            }
            if let Some(preview) = &props.preview {
                <p class="preview" id={format!("{id}-preview")} data-testid={format!("preview-{}", props.name)}>{ preview.clone() }</p>
            }
            if let Some(error) = &props.error {
                <p class="error field-error" id={error_id} role="alert" data-testid={format!("error-{}", props.name)}>{ error.clone() }</p>
            }
            if let Some(warning) = warning {
                <p class="field-warning" id={warning_id} role="status" data-testid={format!("warning-{}", props.name)}>{ warning }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChoiceProps {
    pub name: &'static str,
    pub label: AttrValue,
    /// The chosen code (`""`: not recorded).
    pub value: AttrValue,
    /// Codes and their labels, in order. A `""` code means "not recorded".
    pub options: Vec<(AttrValue, AttrValue)>,
    pub onchange: Callback<(&'static str, String)>,
    #[prop_or_default]
    pub error: Option<String>,
    /// Radio buttons in a row (short lists) instead of a drop-down.
    #[prop_or_default]
    pub segmented: bool,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// The label is for assistive technology only (the row shows it already).
    #[prop_or_default]
    pub hide_label: bool,
}

/// A labelled choice: a drop-down, or segmented radio buttons for two to four options.
#[component]
pub fn Choice(props: &ChoiceProps) -> Html {
    let id = field_id(props.name);
    let error_id = format!("{id}-error");
    let testid = format!("field-{}", props.name);
    let error = props.error.as_ref().map(|error| html! {
        <p class="error field-error" id={error_id.clone()} role="alert" data-testid={format!("error-{}", props.name)}>{ error.clone() }</p>
    });
    let hint = props
        .hint
        .as_ref()
        .map(|h| html! { <p class="hint">{ h.clone() }</p> });
    if props.segmented {
        return html! {
            <fieldset class={classes!("field", "segmented", props.error.is_some().then_some("invalid"))}
                data-testid={testid.clone()} aria-describedby={props.error.as_ref().map(|_| error_id.clone())}>
                <legend class={if props.hide_label { "visually-hidden" } else { "field-label" }}>{ props.label.clone() }</legend>
                <div class="segments">
                    { for props.options.iter().enumerate().map(|(i, (code, label))| {
                        let onchange = {
                            let (cb, name, code) = (props.onchange.clone(), props.name, code.to_string());
                            Callback::from(move |_: Event| cb.emit((name, code.clone())))
                        };
                        let option_id = format!("{id}-{i}");
                        html! {
                            <span class="segment" key={code.to_string()}>
                                <input type="radio" id={option_id.clone()} name={id.clone()} value={code.clone()}
                                    checked={props.value == *code} {onchange}
                                    data-testid={format!("{}-{}", testid, if code.is_empty() { "unset" } else { code.as_str() })} />
                                <label for={option_id}>{ label.clone() }</label>
                            </span>
                        }
                    }) }
                </div>
                { for hint }
                { for error }
            </fieldset>
        };
    }
    let onchange = {
        let (cb, name) = (props.onchange.clone(), props.name);
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                cb.emit((name, select.value()));
            }
        })
    };
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label class="field-label" for={id.clone()}>{ props.label.clone() }</label>
            <select id={id.clone()} name={props.name} {onchange} data-testid={testid}
                aria-invalid={props.error.as_ref().map(|_| "true")}
                aria-describedby={props.error.as_ref().map(|_| error_id.clone())}>
                { for props.options.iter().map(|(code, label)| html! {
                    <option key={code.to_string()} value={code.clone()} selected={props.value == *code}>{ label.clone() }</option>
                }) }
            </select>
            { for hint }
            { for error }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckProps {
    pub name: &'static str,
    pub label: AttrValue,
    /// `"true"` when ticked.
    pub value: AttrValue,
    pub onchange: Callback<(&'static str, String)>,
}

/// A labelled checkbox (the whole row is the touch target).
#[component]
pub fn Check(props: &CheckProps) -> Html {
    let id = field_id(props.name);
    let onchange = {
        let (cb, name) = (props.onchange.clone(), props.name);
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                cb.emit((name, if input.checked() { "true" } else { "" }.to_owned()));
            }
        })
    };
    html! {
        <div class="field check">
            <input type="checkbox" id={id.clone()} name={props.name} checked={props.value == "true"} {onchange}
                data-testid={format!("field-{}", props.name)} />
            <label for={id}>{ props.label.clone() }</label>
        </div>
    }
}
