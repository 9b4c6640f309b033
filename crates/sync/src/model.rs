//! The phone's local data as the store keeps it: confirmed records as pulled ([`Record`]),
//! reading their fields, and the prospect list's summary of a prospect record
//! ([`ProspectSummary`]). Below the store, the view and the list, which all use them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tuoke_core::contract::{Entity, EntityName};
use tuoke_core::fit::FitStatus;
use tuoke_core::types::{Grade, LeadSource, Stage, Status};

/// A record of the confirmed server state, as last pulled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Entity (`prospect`, `note`, …; one this client does not know is kept as pulled).
    pub entity: EntityName,
    /// Record id.
    pub id: String,
    /// Server version.
    pub version: i64,
    /// The record as pulled.
    pub data: Value,
}

/// The field `key` of a record's JSON as a `T`, if it is there and reads as one.
pub fn field<T: serde::de::DeserializeOwned>(data: &Value, key: &str) -> Option<T> {
    serde_json::from_value(data.get(key)?.clone()).ok()
}

/// The string field `key` of a record's JSON, empty if it is missing or not a string.
pub fn text(data: &Value, key: &str) -> String {
    data.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// What the lists show of a prospect. Stored by the thousand, so its serialised field names
/// are one or two letters (the stored form is private to the phone, never sent anywhere).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProspectSummary {
    /// Prospect id.
    #[serde(rename = "i")]
    pub id: String,
    /// Company name.
    #[serde(rename = "c")]
    pub company: String,
    /// Products (searchable).
    #[serde(rename = "p", default, skip_serializing_if = "String::is_empty")]
    pub products: String,
    /// Contacts as `(name, phone)`, in the record's order.
    #[serde(rename = "k", default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<(String, String)>,
    /// Region.
    #[serde(rename = "r", default, skip_serializing_if = "String::is_empty")]
    pub region: String,
    /// Grade in force (override, else computed); `None` while ungraded.
    #[serde(rename = "g", default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
    /// The computed grade needs the rep's confirmation.
    #[serde(rename = "n", default, skip_serializing_if = "is_false")]
    pub needs_confirmation: bool,
    /// Stage.
    #[serde(rename = "s")]
    pub stage: Stage,
    /// Open, won or lost.
    #[serde(rename = "t")]
    pub status: Status,
    /// A stage move waiting for the manager.
    #[serde(rename = "ps", default, skip_serializing_if = "Option::is_none")]
    pub pending_stage: Option<Stage>,
    /// Target-market fit (`None`: the record had none).
    #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
    pub fit: Option<FitStatus>,
    /// Lead source.
    #[serde(rename = "o", default, skip_serializing_if = "Option::is_none")]
    pub source: Option<LeadSource>,
    /// Next contact due (SPEC §6 cadence).
    #[serde(rename = "d", default, skip_serializing_if = "Option::is_none")]
    pub next_contact_due: Option<NaiveDate>,
    /// Last logged contact.
    #[serde(rename = "l", default, skip_serializing_if = "Option::is_none")]
    pub last_contact: Option<NaiveDate>,
    /// Owner (user id).
    #[serde(rename = "w", default, skip_serializing_if = "String::is_empty")]
    pub owner_id: String,
    /// Last change.
    #[serde(rename = "u", default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    /// Local changes not yet confirmed by the server are part of it (never stored).
    #[serde(skip)]
    pub pending: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl ProspectSummary {
    /// The summary of a prospect record as pulled (or as the local view shows it). Fields
    /// that are missing or malformed are left empty: a summary never refuses a record.
    pub fn from_record(id: &str, data: &Value) -> ProspectSummary {
        let contacts = data
            .get("contacts")
            .and_then(Value::as_array)
            .map(|contacts| {
                contacts
                    .iter()
                    .map(|c| (text(c, "name"), text(c, "phone")))
                    .collect()
            })
            .unwrap_or_default();
        let grade = data.get("grade");
        ProspectSummary {
            id: id.to_owned(),
            company: text(data, "company"),
            products: text(data, "products"),
            contacts,
            region: text(data, "region"),
            grade: grade.and_then(|g| field(g, "value")),
            needs_confirmation: grade
                .and_then(|g| g.get("needs_confirmation"))
                .and_then(Value::as_bool)
                .unwrap_or(false),
            stage: field(data, "stage").unwrap_or(Stage::Lead),
            status: field(data, "status").unwrap_or(Status::Open),
            pending_stage: field(data, "pending_stage"),
            fit: data.get("target_fit").and_then(|f| field(f, "status")),
            source: field(data, "source"),
            next_contact_due: field(data, "next_contact_due"),
            last_contact: field(data, "last_contact"),
            owner_id: text(data, "owner_id"),
            updated_at: field(data, "updated_at"),
            pending: false,
        }
    }

    /// The summary of a pulled record, if it is a prospect.
    pub fn of_record(record: &Record) -> Option<ProspectSummary> {
        (record.entity == Entity::Prospect)
            .then(|| ProspectSummary::from_record(&record.id, &record.data))
    }

    /// The first contact's phone number, if any (for the call button).
    pub fn phone(&self) -> Option<&str> {
        self.contacts
            .iter()
            .map(|(_, phone)| phone.as_str())
            .find(|phone| !phone.is_empty())
    }

    /// Everything search looks at, lowercased: company, contacts' names and phones, products.
    pub fn search_text(&self) -> String {
        let mut text = String::with_capacity(self.company.len() + self.products.len() + 32);
        text.push_str(&self.company);
        for (name, phone) in &self.contacts {
            text.push('\n');
            text.push_str(name);
            text.push('\n');
            text.push_str(phone);
        }
        text.push('\n');
        text.push_str(&self.products);
        text.to_lowercase()
    }
}
