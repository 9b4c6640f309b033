//! What the prospect sections share: reading the prospect out of the deal, saving a
//! `prospect.put` patch (validated by the core, durable on the phone before "saved" shows),
//! its feedback in the screen's toast, form drafts and field widgets, and money in CNY.
//!
//! Forms are drafts of strings keyed by the patch field they edit (`annual_revenue_cny`,
//! `budget.amount_cny`, …), so a core validation error, which names the field, lands next
//! to the input it belongs to, and a failed save keeps everything typed.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::{Map, Value};
use tuoke_core::types::Prospect;
use tuoke_core::validate::{parse_patch, PatchError, Problem, PutArgs};
use tuoke_sync::protocol::Mutation;
use tuoke_sync::view::ViewRecord;
use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::hooks::{use_sync, use_toast, Notice, Toaster, Tone};
use crate::i18n::{use_i18n, I18n, Key, Lang, ProfileKey};
use crate::services::ids;
use crate::services::time::now;
use crate::sync::SyncHandle;

/// The editable fields of a pulled prospect record (extra server fields are ignored).
/// `None` when the record does not have the shape of a prospect.
pub fn prospect_of(record: &ViewRecord) -> Option<Prospect> {
    serde_json::from_value(record.data.clone()).ok()
}

/// A derived part of the record (`grade`, `target_fit`, …), typed.
pub fn part<T: serde::de::DeserializeOwned>(record: &ViewRecord, key: &str) -> Option<T> {
    tuoke_sync::view::field(&record.data, key)
}

// ---------------------------------------------------------------------------------------
// Saving

/// Saves patches of one prospect; the screen's toast tells how it went.
#[derive(Clone)]
pub struct Put {
    id: String,
    handle: SyncHandle,
    i18n: I18n,
    toast: Toaster,
}

impl PartialEq for Put {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.handle == other.handle && self.toast == other.toast
    }
}

/// A [`Put`] for the prospect `id`.
#[hook]
pub fn use_put(id: &str) -> Put {
    let sync = use_sync();
    let i18n = use_i18n();
    let toast = use_toast();
    Put {
        id: id.to_owned(),
        handle: sync.handle.clone(),
        i18n,
        toast,
    }
}

/// A ref for a form: whenever `errors` gets new entries, the first invalid field of the
/// form takes the focus, so the rep (and a screen reader) lands on what to fix.
#[hook]
pub fn use_focus_first_error(errors: &Errors) -> NodeRef {
    let form = use_node_ref();
    {
        let form = form.clone();
        use_effect_with(errors.clone(), move |errors| {
            if errors.is_empty() {
                return;
            }
            let first = form.cast::<web_sys::Element>().and_then(|f| {
                f.query_selector("[aria-invalid=\"true\"], fieldset.invalid input")
                    .ok()
                    .flatten()
            });
            if let Some(el) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        });
    }
    form
}

impl Put {
    /// What the rep sees after pressing a save button: "saving" at once (well within
    /// 100 ms), "saved" once the change is durable on the phone, "no change" when nothing
    /// differed from the record (nothing queued); these fade, a failure stays until the
    /// next save (and the form keeps the input).
    fn show(&self, tone: Tone, text: String, fades: bool) {
        let notice = if fades {
            Notice::brief(tone, text, "save-feedback")
        } else {
            Notice::lasting(tone, text, "save-feedback")
        };
        self.toast.show(notice);
    }

    /// Shows a failure that is not about one field.
    pub fn fail(&self, message: String) {
        self.show(Tone::Error, message, false);
    }

    /// Validates `patch` with the core and, when valid, saves it as one `prospect.put`;
    /// `done` runs once it is durable. An empty patch queues nothing and says so. A
    /// validation error names the field and nothing is saved.
    pub fn save(&self, patch: Map<String, Value>, done: Callback<()>) -> Result<(), PatchError> {
        if patch.is_empty() {
            self.show(
                Tone::Neutral,
                self.i18n.t(ProfileKey::NoChanges).into(),
                true,
            );
            done.emit(());
            return Ok(());
        }
        let patch = parse_patch(&Value::Object(patch))?;
        let id = Uuid::parse_str(&self.id).map_err(|e| {
            PatchError::new(
                "id",
                Problem::Invalid {
                    message: e.to_string(),
                },
            )
        })?;
        let at = now();
        let mutation = Mutation::prospect_put(ids::new_id(at), &PutArgs { id, patch }, at);
        self.show(Tone::Neutral, self.i18n.t(ProfileKey::Saving).into(), false);
        let this = self.clone();
        spawn_local(async move {
            match this.handle.save(vec![mutation]).await {
                Ok(()) => {
                    this.show(Tone::Ok, this.i18n.t(Key::Saved).into(), true);
                    done.emit(());
                }
                Err(e) => this.fail(crate::pages::save_error_text(&this.i18n, &e)),
            }
        });
        Ok(())
    }
}

/// The rep-facing text of a core validation problem.
pub fn problem_text(i18n: &I18n, problem: &Problem) -> String {
    i18n.t(match problem {
        Problem::Required => ProfileKey::ErrRequired,
        Problem::Empty => ProfileKey::ErrEmpty,
        Problem::Negative => ProfileKey::ErrNegative,
        Problem::Invalid { .. } | Problem::NotAnObject => ProfileKey::ErrInvalid,
        Problem::UnknownField => ProfileKey::ErrUnknownField,
        Problem::DateOutOfRange => ProfileKey::ErrDateRange,
        Problem::InFuture => ProfileKey::ErrInFuture,
        Problem::Repeated => ProfileKey::ErrRepeated,
    })
    .to_owned()
}

/// Errors of a form, by draft field name.
pub type Errors = Rc<BTreeMap<String, String>>;

/// The errors map holding one core validation error (a field path like `contacts[0].name`
/// is shown at `contacts[0].name`, or its parent object when that is how the form names it).
pub fn errors_of(i18n: &I18n, e: &PatchError) -> Errors {
    let mut map = BTreeMap::new();
    map.insert(e.field.clone(), problem_text(i18n, &e.problem));
    Rc::new(map)
}

// ---------------------------------------------------------------------------------------
// Drafts

/// A form's values as typed, by field name.
pub type Draft = BTreeMap<&'static str, String>;

/// A form draft as component state: every keystroke is applied to the latest draft (a
/// reducer, so two quick events never overwrite each other). It remembers what the form
/// started from, so a save sends only the fields the rep touched: a field changed on
/// another phone meanwhile is not overwritten with this phone's old copy.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DraftState {
    values: Draft,
    base: Draft,
}

/// Changes to a [`DraftState`].
pub enum DraftAction {
    /// One field typed.
    Set(&'static str, String),
    /// Start over from these values.
    Reset(Draft),
}

impl Reducible for DraftState {
    type Action = DraftAction;
    fn reduce(self: Rc<Self>, action: DraftAction) -> Rc<Self> {
        match action {
            DraftAction::Set(name, value) => {
                let mut next = (*self).clone();
                next.values.insert(name, value);
                Rc::new(next)
            }
            DraftAction::Reset(draft) => Rc::new(DraftState {
                values: draft.clone(),
                base: draft,
            }),
        }
    }
}

impl DraftState {
    /// The text of a field (`""` when never set).
    pub fn get(&self, name: &str) -> AttrValue {
        AttrValue::from(self.values.get(name).cloned().unwrap_or_default())
    }

    /// The rep changed this field since the form opened.
    pub fn touched(&self, name: &str) -> bool {
        self.values.get(name) != self.base.get(name)
    }
}

/// A callback that writes into the draft and forgets the field's error, so a corrected
/// field does not keep shouting.
pub fn on_field(
    draft: &UseReducerHandle<DraftState>,
    errors: &UseStateHandle<Errors>,
) -> Callback<(&'static str, String)> {
    let (draft, errors) = (draft.dispatcher(), errors.clone());
    Callback::from(move |(name, value): (&'static str, String)| {
        if errors.contains_key(name) {
            let mut rest = (**errors).clone();
            rest.remove(name);
            errors.set(Rc::new(rest));
        }
        draft.dispatch(DraftAction::Set(name, value));
    })
}

/// How a draft string becomes a JSON value of the patch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text (blank clears it).
    Text,
    /// Several lines of text (blank clears it).
    Multiline,
    /// A whole number (headcount, item codes).
    Int,
    /// An amount in CNY (万 / 亿 / M understood).
    Money,
    /// A date (`YYYY-MM-DD`).
    Date,
    /// A code of an enum, or `true` / `false`; blank clears it.
    Choice,
    /// A list of texts, one per line or separated by commas.
    List,
    /// A phone number.
    Tel,
    /// An e-mail address.
    Email,
}

/// Why a draft value is not a valid input (before the core sees it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputError {
    /// Not a whole number.
    WholeNumber,
    /// Not an amount.
    Money,
    /// Not a date.
    Date,
}

impl InputError {
    /// Its message.
    pub fn text(self, i18n: &I18n) -> String {
        i18n.t(match self {
            InputError::WholeNumber => ProfileKey::ErrWholeNumber,
            InputError::Money => ProfileKey::ErrMoney,
            InputError::Date => ProfileKey::ErrDate,
        })
        .to_owned()
    }
}

/// The draft text of a stored JSON value.
pub fn draft_text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n"),
        Some(other) => other.to_string(),
    }
}

/// The JSON value of a draft string (`Null` for blank).
pub fn value_of(kind: Kind, text: &str) -> Result<Value, InputError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(if kind == Kind::List {
            Value::Array(Vec::new())
        } else {
            Value::Null
        });
    }
    Ok(match kind {
        Kind::Text | Kind::Multiline | Kind::Tel | Kind::Email => Value::String(t.to_owned()),
        Kind::Int => Value::from(parse_int(t).ok_or(InputError::WholeNumber)?),
        Kind::Money => Value::from(parse_money(t).ok_or(InputError::Money)?),
        Kind::Date => {
            chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| InputError::Date)?;
            Value::String(t.to_owned())
        }
        Kind::Choice => match t {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            code => Value::String(code.to_owned()),
        },
        Kind::List => Value::Array(split_list(t).into_iter().map(Value::String).collect()),
    })
}

/// A list typed one per line or separated by commas (`,`, `，`, `、`, `;`, `；`).
pub fn split_list(text: &str) -> Vec<String> {
    text.split(['\n', ',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn strip_separators(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '_' | '\u{a0}' | '\''))
        .collect()
}

/// A whole number, thousands separators allowed.
pub fn parse_int(text: &str) -> Option<i64> {
    strip_separators(text.trim()).parse().ok()
}

/// An amount in whole CNY: `120000000`, `120,000,000`, `1.2亿`, `4500万`, `120M`, `¥ 3000`,
/// `3000元`. A fraction of a yuan is refused.
pub fn parse_money(text: &str) -> Option<i64> {
    let t = strip_separators(text.trim());
    let t = t.trim_start_matches(['¥', '￥']);
    let t = t.strip_suffix("元").unwrap_or(t);
    let t = t
        .strip_prefix("CNY")
        .or_else(|| t.strip_prefix("RMB"))
        .unwrap_or(t);
    let (number, scale): (&str, i64) = if let Some(n) = t.strip_suffix(['亿', '億']) {
        (n, 100_000_000)
    } else if let Some(n) = t.strip_suffix(['万', '萬']) {
        (n, 10_000)
    } else if let Some(n) = t.strip_suffix(['M', 'm']) {
        (n, 1_000_000)
    } else if let Some(n) = t.strip_suffix(['K', 'k']) {
        (n, 1_000)
    } else {
        (t, 1)
    };
    let (negative, number) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let mut value: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    value = value.checked_mul(scale)?;
    let mut unit = scale;
    for digit in fraction.chars() {
        let d = i64::from(digit.to_digit(10)?);
        if unit % 10 != 0 {
            // More decimals than the scale allows: a fraction of a yuan.
            if d != 0 {
                return None;
            }
            continue;
        }
        unit /= 10;
        value = value.checked_add(d * unit)?;
    }
    Some(if negative { -value } else { value })
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn trim_decimal(x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

/// An amount as a rep reads it: `1.2 亿元` / `4,500 万元` in Chinese, `CNY 120 M` in English,
/// small amounts in full.
pub fn format_money(i18n: &I18n, cny: i64) -> String {
    let sign = if cny < 0 { "-" } else { "" };
    let abs = cny.unsigned_abs();
    let (key, n) = match i18n.lang {
        Lang::ZhHans | Lang::ZhHant if abs >= 100_000_000 => {
            (ProfileKey::MoneyBig, trim_decimal(abs as f64 / 1e8, 2))
        }
        Lang::ZhHans | Lang::ZhHant if abs >= 10_000 => {
            let wan = abs as f64 / 1e4;
            let n = if wan >= 1000.0 {
                group_thousands(wan.round() as u64)
            } else {
                trim_decimal(wan, 1)
            };
            (ProfileKey::MoneyMid, n)
        }
        Lang::En if abs >= 1_000_000_000 => {
            (ProfileKey::MoneyBig, trim_decimal(abs as f64 / 1e9, 2))
        }
        Lang::En if abs >= 1_000_000 => (ProfileKey::MoneyMid, trim_decimal(abs as f64 / 1e6, 1)),
        _ => (ProfileKey::MoneySmall, group_thousands(abs)),
    };
    i18n.fmt(key, &[("n", &format!("{sign}{n}"))])
}

/// The amount in full, with thousands separators (`¥120,000,000`).
pub fn full_money(cny: i64) -> String {
    let sign = if cny < 0 { "-" } else { "" };
    format!("{sign}¥{}", group_thousands(cny.unsigned_abs()))
}

/// A whole number with thousands separators.
pub fn format_int(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", group_thousands(n.unsigned_abs()))
}

// ---------------------------------------------------------------------------------------
// Widgets

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
    let id = field_id(props.name);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_accepts_plain_grouped_and_chinese_units() {
        assert_eq!(parse_money("120000000"), Some(120_000_000));
        assert_eq!(parse_money("120,000,000"), Some(120_000_000));
        assert_eq!(parse_money("1.2亿"), Some(120_000_000));
        assert_eq!(parse_money("1.2 億"), Some(120_000_000));
        assert_eq!(parse_money("4500万"), Some(45_000_000));
        assert_eq!(parse_money("0.35亿"), Some(35_000_000));
        assert_eq!(parse_money("120M"), Some(120_000_000));
        assert_eq!(parse_money("¥3000元"), Some(3_000));
        assert_eq!(parse_money("-500万"), Some(-5_000_000));
        assert_eq!(parse_money("1.23456789亿"), Some(123_456_789));
    }

    #[test]
    fn money_refuses_fractions_of_a_yuan_and_words() {
        assert_eq!(parse_money("12.5"), None);
        assert_eq!(parse_money("1.234567891亿"), None);
        assert_eq!(parse_money("abc"), None);
        assert_eq!(parse_money("亿"), None);
        assert_eq!(parse_money("1e6"), None);
        assert_eq!(parse_money("99999999999999999999"), None);
    }

    #[test]
    fn lists_split_on_lines_and_commas() {
        assert_eq!(
            split_list("财务, 生产\n库存、 采购 ;;"),
            vec!["财务", "生产", "库存", "采购"]
        );
        assert!(split_list(" \n ,").is_empty());
    }

    #[test]
    fn blank_draft_clears_and_values_parse_by_kind() {
        assert_eq!(value_of(Kind::Text, "  "), Ok(Value::Null));
        assert_eq!(value_of(Kind::List, ""), Ok(Value::Array(vec![])));
        assert_eq!(value_of(Kind::Int, "1,200"), Ok(Value::from(1200)));
        assert_eq!(value_of(Kind::Int, "12x"), Err(InputError::WholeNumber));
        assert_eq!(value_of(Kind::Choice, "true"), Ok(Value::Bool(true)));
        assert_eq!(
            value_of(Kind::Choice, "machinery"),
            Ok(Value::from("machinery"))
        );
        assert_eq!(value_of(Kind::Date, "2027-02-30"), Err(InputError::Date));
        assert_eq!(
            value_of(Kind::Date, "2027-02-28"),
            Ok(Value::from("2027-02-28"))
        );
    }

    fn i18n(lang: Lang) -> I18n {
        I18n {
            lang,
            set_lang: Callback::noop(),
        }
    }

    #[test]
    fn amounts_read_in_the_units_of_each_language() {
        let (hans, hant, en) = (i18n(Lang::ZhHans), i18n(Lang::ZhHant), i18n(Lang::En));
        assert_eq!(format_money(&hans, 120_000_000), "1.2 亿元");
        assert_eq!(format_money(&hant, 120_000_000), "1.2 億元");
        assert_eq!(format_money(&en, 120_000_000), "CNY 120 M");
        assert_eq!(format_money(&hans, 45_000_000), "4,500 万元");
        assert_eq!(format_money(&hans, 800_000), "80 万元");
        assert_eq!(format_money(&en, 800_000), "CNY 800,000");
        assert_eq!(format_money(&en, 2_500_000_000), "CNY 2.5 B");
        assert_eq!(format_money(&hans, -5_000_000), "-500 万元");
        assert_eq!(format_money(&hans, 3_000), "3,000 元");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(full_money(120_000_000), "¥120,000,000");
        assert_eq!(full_money(-5_000), "-¥5,000");
        assert_eq!(format_int(999), "999");
    }
}
