//! Decoding stored values the schema should have kept valid: a damaged one is a database
//! error (503), never a panic.

use serde_json::Value;
use tuoke_core::contract::Vocabulary;
use tuoke_core::types::Stage;
use uuid::Uuid;

/// A stored value the schema should have kept valid; surfaced as a database error (503).
pub fn corrupt(what: &str, e: impl std::fmt::Display) -> sqlx::Error {
    sqlx::Error::Decode(format!("corrupt {what}: {e}").into())
}

pub fn parse_stage(s: &str) -> Result<Stage, sqlx::Error> {
    serde_json::from_value(Value::String(s.to_owned())).map_err(|e| corrupt("stage", e))
}

/// A stored name of the vocabulary `T` (an approval's kind or status).
pub fn parse_name<T: Vocabulary>(s: &str) -> Result<T, sqlx::Error> {
    T::parse(s).ok_or_else(|| corrupt(T::WHAT, format!("{s:?}")))
}

/// A stored id (of a prospect, a quote, an approval).
pub fn parse_id(what: &str, s: &str) -> Result<Uuid, sqlx::Error> {
    Uuid::parse_str(s).map_err(|e| corrupt(what, e))
}
