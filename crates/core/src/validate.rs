//! `prospect.put` patches: parsing from JSON with errors naming the field, validation, and
//! applying a patch with the list of overwritten values (the server's field history).
//!
//! Patch semantics (API.md: "patches per field"): a field absent from the patch is left
//! alone; a field present replaces the whole value (objects such as `qualification` are
//! replaced as a whole); `null` clears a field (objects and lists return to empty, the
//! grade override is removed). `company` cannot be null or blank.
//!
//! **Decision (validation)**: company non-blank; revenue, headcount, item codes and budget
//! amounts non-negative; profit may be negative (a loss); contact names non-blank; a grade
//! override needs a non-blank reason.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::time::{check_date, TimeProblem};
use crate::types::{
    Budget, Competition, Contact, Decision, Evaluation, GradeOverride, Industry, Iso9000,
    LeadSource, ManAnswers, Prospect, Qualification, Requirement, Schedule,
};

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    /// The value is not a JSON object.
    #[error("not a JSON object")]
    NotAnObject,
    /// The field is not known.
    #[error("unknown field")]
    UnknownField,
    /// Wrong type or spelling; `message` is serde's description (English, for logs).
    #[error("invalid value: {message}")]
    Invalid {
        /// serde's description.
        message: String,
    },
    /// The field is required.
    #[error("required")]
    Required,
    /// The text must not be blank.
    #[error("must not be empty")]
    Empty,
    /// The number must not be negative.
    #[error("must not be negative")]
    Negative,
    /// A date or instant outside the years 2000 to 2100 ([`crate::time`]).
    #[error("must fall in the years 2000 to 2100")]
    DateOutOfRange,
    /// An event's time more than a day after the receiver's clock ([`crate::time`]).
    #[error("is more than a day in the future")]
    InFuture,
    /// The same value twice in a list that must not repeat.
    #[error("listed twice")]
    Repeated,
}

impl Problem {
    /// The stable code of the problem (its serialised `code` tag), which the phone translates.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::NotAnObject => "not_an_object",
            Problem::UnknownField => "unknown_field",
            Problem::Invalid { .. } => "invalid",
            Problem::Required => "required",
            Problem::Empty => "empty",
            Problem::Negative => "negative",
            Problem::DateOutOfRange => "date_out_of_range",
            Problem::InFuture => "in_future",
            Problem::Repeated => "repeated",
        }
    }
}

impl From<TimeProblem> for Problem {
    fn from(p: TimeProblem) -> Self {
        match p {
            TimeProblem::OutOfRange => Problem::DateOutOfRange,
            TimeProblem::InFuture => Problem::InFuture,
        }
    }
}

/// A rejected patch: which field (a dotted path for nested values, e.g.
/// `budget.amount_cny`, `contacts[0].name`) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct PatchError {
    /// The offending field.
    pub field: String,
    /// The problem.
    pub problem: Problem,
}

impl PatchError {
    /// Build an error.
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        PatchError {
            field: field.into(),
            problem,
        }
    }
}

fn double_option<'de, T, D>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

macro_rules! patch_struct {
    ($($(#[$m:meta])* $f:ident : $t:ty),* $(,)?) => {
        /// A `prospect.put` patch: every field optional. For all fields but `company`,
        /// `Some(None)` is an explicit `null` (clear / remove), `None` means absent.
        #[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct ProspectPatch {
            /// Company name.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub company: Option<String>,
            $(
                $(#[$m])*
                #[serde(default, deserialize_with = "double_option", skip_serializing_if = "Option::is_none")]
                pub $f: Option<Option<$t>>,
            )*
        }

        /// Every field name a patch accepts.
        pub const PATCH_FIELDS: &[&str] = &["company", $(stringify!($f)),*];

        impl ProspectPatch {
            /// Apply without validation; returns the overwritten fields.
            fn apply_unchecked(&self, p: &mut Prospect) -> Vec<FieldChange> {
                let mut changes = Vec::new();
                if let Some(v) = &self.company {
                    if &p.company != v {
                        changes.push(FieldChange::new("company", &p.company, v));
                        p.company = v.clone();
                    }
                }
                $(
                    if let Some(v) = &self.$f {
                        let v = Convert::convert(v.clone(), &p.$f);
                        if p.$f != v {
                            changes.push(FieldChange::new(stringify!($f), &p.$f, &v));
                            p.$f = v;
                        }
                    }
                )*
                changes
            }
        }
    };
}

/// How a patched `Option<T>` becomes the record's value: optional fields keep the option,
/// objects and lists fall back to their default on null.
trait Convert<Target> {
    fn convert(self, current: &Target) -> Target;
}

impl<T> Convert<Option<T>> for Option<T> {
    fn convert(self, _: &Option<T>) -> Option<T> {
        self
    }
}

impl<T: Default> Convert<T> for Option<T> {
    fn convert(self, _: &T) -> T {
        self.unwrap_or_default()
    }
}

patch_struct! {
    /// Industry.
    industry: Industry,
    /// Annual revenue, CNY.
    annual_revenue_cny: i64,
    /// Annual profit, CNY.
    annual_profit_cny: i64,
    /// Headcount.
    employees: i64,
    /// Products.
    products: String,
    /// Region.
    region: String,
    /// Lead source.
    source: LeadSource,
    /// Informatized.
    informatized: bool,
    /// Current system.
    current_system: String,
    /// Current vendor.
    current_vendor: String,
    /// ISO 9000.
    iso9000: Iso9000,
    /// BPR.
    bpr: bool,
    /// Relocation / expansion.
    relocation_expansion: bool,
    /// Major investment.
    major_investment: bool,
    /// Item codes.
    item_codes: i64,
    /// Address.
    address: String,
    /// Database preference.
    db_preference: String,
    /// OS preference.
    os_preference: String,
    /// Hardware preference.
    hardware_preference: String,
    /// Grading answers (replaced as a whole).
    qualification: Qualification,
    /// Schedule.
    schedule: Schedule,
    /// Budget.
    budget: Budget,
    /// Requirement.
    requirement: Requirement,
    /// Decision.
    decision: Decision,
    /// Competition.
    competition: Competition,
    /// Evaluation.
    evaluation: Evaluation,
    /// MAN answers.
    man: ManAnswers,
    /// Contacts (replaced as a whole).
    contacts: Vec<Contact>,
    /// Grade override; explicit null removes it.
    grade_override: GradeOverride,
}

/// One overwritten field: the server keeps these as field history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// Field name.
    pub field: String,
    /// Previous value (JSON; `null` when it was empty).
    pub old: Value,
    /// New value.
    pub new: Value,
}

impl FieldChange {
    fn new<T: Serialize>(field: &str, old: &T, new: &T) -> Self {
        FieldChange {
            field: field.to_owned(),
            old: serde_json::to_value(old).unwrap_or(Value::Null),
            new: serde_json::to_value(new).unwrap_or(Value::Null),
        }
    }
}

/// Parse a patch from JSON, naming the offending field on error, then validate it.
pub fn parse_patch(value: &Value) -> Result<ProspectPatch, PatchError> {
    let Value::Object(map) = value else {
        return Err(PatchError::new("patch", Problem::NotAnObject));
    };
    // Field by field first, so an error is attributed to exactly one field.
    for (k, v) in map {
        if !PATCH_FIELDS.contains(&k.as_str()) {
            return Err(PatchError::new(k.clone(), Problem::UnknownField));
        }
        if k == "company" && v.is_null() {
            return Err(PatchError::new("company", Problem::Required));
        }
        let mut single = Map::new();
        single.insert(k.clone(), v.clone());
        serde_json::from_value::<ProspectPatch>(Value::Object(single)).map_err(|e| {
            PatchError::new(
                k.clone(),
                Problem::Invalid {
                    message: e.to_string(),
                },
            )
        })?;
    }
    let patch: ProspectPatch = serde_json::from_value(value.clone()).map_err(|e| {
        PatchError::new(
            "patch",
            Problem::Invalid {
                message: e.to_string(),
            },
        )
    })?;
    validate_patch(&patch)?;
    Ok(patch)
}

/// The args of the `prospect.put` mutation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PutArgs {
    /// Prospect id.
    pub id: Uuid,
    /// The patch.
    pub patch: ProspectPatch,
}

/// Parse `{"id":"UUID","patch":{…}}`.
pub fn parse_put_args(value: &Value) -> Result<PutArgs, PatchError> {
    let Value::Object(map) = value else {
        return Err(PatchError::new("args", Problem::NotAnObject));
    };
    if let Some(k) = map.keys().find(|k| *k != "id" && *k != "patch") {
        return Err(PatchError::new(k.clone(), Problem::UnknownField));
    }
    let id = map
        .get("id")
        .ok_or_else(|| PatchError::new("id", Problem::Required))?;
    let id: Uuid = serde_json::from_value(id.clone()).map_err(|e| {
        PatchError::new(
            "id",
            Problem::Invalid {
                message: e.to_string(),
            },
        )
    })?;
    let patch = parse_patch(
        map.get("patch")
            .ok_or_else(|| PatchError::new("patch", Problem::Required))?,
    )?;
    Ok(PutArgs { id, patch })
}

fn non_negative(field: &str, v: Option<i64>) -> Result<(), PatchError> {
    match v {
        Some(x) if x < 0 => Err(PatchError::new(field, Problem::Negative)),
        _ => Ok(()),
    }
}

fn check_company(c: &str) -> Result<(), PatchError> {
    if c.trim().is_empty() {
        Err(PatchError::new("company", Problem::Empty))
    } else {
        Ok(())
    }
}

fn check_budget(b: &Budget) -> Result<(), PatchError> {
    non_negative("budget.amount_cny", b.amount_cny)?;
    non_negative("budget.affordable_cny", b.affordable_cny)
}

fn check_contacts(cs: &[Contact]) -> Result<(), PatchError> {
    for (i, c) in cs.iter().enumerate() {
        if c.name.trim().is_empty() {
            return Err(PatchError::new(
                format!("contacts[{i}].name"),
                Problem::Empty,
            ));
        }
    }
    Ok(())
}

fn check_schedule(s: &Schedule) -> Result<(), PatchError> {
    let dates = [
        ("selection_start", s.selection_start),
        ("selection_end", s.selection_end),
        ("vendor_decision", s.vendor_decision),
        ("contract", s.contract),
        ("implementation_start", s.implementation_start),
        ("go_live", s.go_live),
    ];
    for (name, date) in dates {
        if let Some(date) = date {
            check_date(date).map_err(|p| PatchError::new(format!("schedule.{name}"), p.into()))?;
        }
    }
    Ok(())
}

fn check_override(o: &GradeOverride) -> Result<(), PatchError> {
    if o.reason.trim().is_empty() {
        Err(PatchError::new("grade_override.reason", Problem::Required))
    } else {
        Ok(())
    }
}

/// Validate the values a patch carries (independent of the record it will apply to).
pub fn validate_patch(p: &ProspectPatch) -> Result<(), PatchError> {
    if let Some(c) = &p.company {
        check_company(c)?;
    }
    non_negative("annual_revenue_cny", p.annual_revenue_cny.flatten())?;
    non_negative("employees", p.employees.flatten())?;
    non_negative("item_codes", p.item_codes.flatten())?;
    if let Some(Some(b)) = &p.budget {
        check_budget(b)?;
    }
    if let Some(Some(cs)) = &p.contacts {
        check_contacts(cs)?;
    }
    if let Some(Some(o)) = &p.grade_override {
        check_override(o)?;
    }
    if let Some(Some(s)) = &p.schedule {
        check_schedule(s)?;
    }
    Ok(())
}

/// Validate a whole prospect (e.g. one read from storage or built by hand).
pub fn validate_prospect(p: &Prospect) -> Result<(), PatchError> {
    check_company(&p.company)?;
    non_negative("annual_revenue_cny", p.annual_revenue_cny)?;
    non_negative("employees", p.employees)?;
    non_negative("item_codes", p.item_codes)?;
    check_budget(&p.budget)?;
    check_contacts(&p.contacts)?;
    if let Some(o) = &p.grade_override {
        check_override(o)?;
    }
    check_schedule(&p.schedule)
}

/// Apply a validated patch to a prospect; returns every field whose value changed, with the
/// old and new value. Nothing changes when the patch is invalid.
pub fn apply_patch(
    p: &mut Prospect,
    patch: &ProspectPatch,
) -> Result<Vec<FieldChange>, PatchError> {
    validate_patch(patch)?;
    Ok(patch.apply_unchecked(p))
}

/// Create a prospect from the patch of its first `prospect.put` (company required).
pub fn create_prospect(patch: &ProspectPatch) -> Result<Prospect, PatchError> {
    if patch.company.is_none() {
        return Err(PatchError::new("company", Problem::Required));
    }
    let mut p = Prospect::default();
    apply_patch(&mut p, patch)?;
    Ok(p)
}
