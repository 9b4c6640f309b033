//! Form drafts: the values as typed, by field name, and how a typed text becomes a value of
//! the core's record ([`DraftField`]) or, for the profile form, a JSON value of the patch.

use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::NaiveDate;
use serde_json::Value;
use yew::prelude::*;

use super::money::{parse_int, parse_money};
use super::save::Errors;
use crate::i18n::{I18n, ProfileKey};

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

/// A value of the core's typed record as a form drafts it: the text a field starts from,
/// and the value a typed text becomes (blank clears it). Forms whose fields are named in a
/// table (key information) read and write the record through these, so every field is a
/// typed field of the core's record the compiler checks.
pub trait DraftField: Sized {
    /// The text a field shows for this value (`""` when empty).
    fn draft(&self) -> String;
    /// The value of the text typed into a field of `kind`.
    fn parse(kind: Kind, text: &str) -> Result<Self, InputError>;
}

/// The trimmed text, `None` when blank.
fn non_blank(text: &str) -> Option<&str> {
    let t = text.trim();
    (!t.is_empty()).then_some(t)
}

impl DraftField for Option<String> {
    fn draft(&self) -> String {
        self.clone().unwrap_or_default()
    }
    fn parse(_: Kind, text: &str) -> Result<Self, InputError> {
        Ok(non_blank(text).map(str::to_owned))
    }
}

impl DraftField for Option<i64> {
    fn draft(&self) -> String {
        self.map(|n| n.to_string()).unwrap_or_default()
    }
    fn parse(kind: Kind, text: &str) -> Result<Self, InputError> {
        non_blank(text)
            .map(|t| match kind {
                Kind::Money => parse_money(t).ok_or(InputError::Money),
                _ => parse_int(t).ok_or(InputError::WholeNumber),
            })
            .transpose()
    }
}

impl DraftField for Option<bool> {
    fn draft(&self) -> String {
        self.map(|b| b.to_string()).unwrap_or_default()
    }
    /// `true` / `false`; anything else is "not recorded" (a choice offers no other value).
    fn parse(_: Kind, text: &str) -> Result<Self, InputError> {
        Ok(match text.trim() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        })
    }
}

impl DraftField for Option<NaiveDate> {
    fn draft(&self) -> String {
        self.map(|d| d.to_string()).unwrap_or_default()
    }
    fn parse(_: Kind, text: &str) -> Result<Self, InputError> {
        non_blank(text)
            .map(|t| t.parse::<NaiveDate>().map_err(|_| InputError::Date))
            .transpose()
    }
}

impl DraftField for Vec<String> {
    fn draft(&self) -> String {
        self.join("\n")
    }
    fn parse(_: Kind, text: &str) -> Result<Self, InputError> {
        Ok(split_list(text))
    }
}

/// The JSON value of a draft string (`Null` for blank), for the profile form whose fields
/// are of many enum types: parsed as [`DraftField`] does, then written as the core's patch
/// spells it.
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
        Kind::Int | Kind::Money => Value::from(Option::<i64>::parse(kind, t)?),
        Kind::Date => Value::from(Option::<NaiveDate>::parse(kind, t)?.draft()),
        Kind::Choice => match Option::<bool>::parse(kind, t)? {
            Some(b) => Value::Bool(b),
            None => Value::String(t.to_owned()),
        },
        Kind::List => Value::from(split_list(t)),
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

#[cfg(test)]
mod tests {
    use super::*;
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

    #[test]
    fn typed_fields_read_back_what_they_draft_and_blank_clears_them() {
        let money = Option::<i64>::parse(Kind::Money, "500万").unwrap();
        assert_eq!(money, Some(5_000_000));
        assert_eq!(Option::<i64>::parse(Kind::Money, &money.draft()), Ok(money));
        assert_eq!(
            Option::<i64>::parse(Kind::Int, "12x"),
            Err(InputError::WholeNumber)
        );
        assert_eq!(Option::<i64>::parse(Kind::Money, " "), Ok(None));
        let date = Option::<NaiveDate>::parse(Kind::Date, "2027-02-28").unwrap();
        assert_eq!(date.draft(), "2027-02-28");
        assert_eq!(
            Option::<NaiveDate>::parse(Kind::Date, "2027-02-30"),
            Err(InputError::Date)
        );
        assert_eq!(
            Option::<bool>::parse(Kind::Choice, "false"),
            Ok(Some(false))
        );
        assert_eq!(Option::<bool>::parse(Kind::Choice, ""), Ok(None));
        let list = Vec::<String>::parse(Kind::List, "财务, 生产").unwrap();
        assert_eq!(Vec::<String>::parse(Kind::List, &list.draft()), Ok(list));
        assert_eq!(Option::<String>::parse(Kind::Text, "  "), Ok(None));
        assert_eq!(
            Option::<String>::parse(Kind::Multiline, " 上线 ")
                .unwrap()
                .draft(),
            "上线"
        );
    }
}
