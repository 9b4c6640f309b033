//! The names of the sync contract (API.md): what is synced ([`Entity`]) and what a client
//! may ask for ([`MutationKind`]), each with exactly one string form, and [`Name`] for a name
//! as it arrives on the wire, which may be one this code does not know.
//!
//! **Decision**: a vocabulary's string forms are written once, in its [`vocabulary!`] list;
//! `as_str`, `parse`, `FromStr`, `Display` and serde all read that list, so a variant cannot
//! be spelled one way on the wire and another in code. Matching on the enums (never on their
//! strings) makes the compiler show every place a new entity or mutation must be handled.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A closed set of names with one string form each (see [`vocabulary!`]).
pub trait Vocabulary: Copy + Eq + fmt::Debug + 'static {
    /// What a name of this vocabulary names, for error messages (`entity`, `mutation`).
    const WHAT: &'static str;
    /// Every string form, in declaration order.
    const NAMES: &'static [&'static str];
    /// Its string form.
    fn as_str(self) -> &'static str;
    /// The name `text` stands for, if any.
    fn parse(text: &str) -> Option<Self>;
}

/// A name text did not stand for ([`std::str::FromStr`] of a [`Vocabulary`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {text:?}")]
pub struct UnknownName {
    /// What kind of name was expected.
    pub what: &'static str,
    /// The text.
    pub text: String,
}

/// Defines a [`Vocabulary`] enum from `Variant => "string form"` pairs: the enum with
/// `ALL`, `as_str`, `parse`, `FromStr`, `Display`, `Serialize` and `Deserialize`, every one
/// reading the same list.
#[macro_export]
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Every string form, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// Its one string form.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }

            /// The variant `text` is the string form of, if any.
            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $( $text => Some($name::$variant), )+
                    _ => None,
                }
            }
        }

        impl $crate::contract::Vocabulary for $name {
            const WHAT: &'static str = $what;
            const NAMES: &'static [&'static str] = $name::NAMES;
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
            fn parse(text: &str) -> Option<Self> {
                $name::parse(text)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::contract::UnknownName;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $name::parse(text).ok_or_else(|| $crate::contract::UnknownName {
                    what: $what,
                    text: text.to_owned(),
                })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::contract::deserialize_known(d)
            }
        }
    };
}

/// Reads a [`Vocabulary`] name from its string form, refusing any other text with serde's
/// `unknown variant` message (used by [`vocabulary!`]).
pub fn deserialize_known<'de, T: Vocabulary, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let text = d.deserialize_str(TextVisitor)?;
    T::parse(&text).ok_or_else(|| de::Error::unknown_variant(&text, T::NAMES))
}

/// Reads a string, borrowed or owned.
struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
}

vocabulary! {
    /// What the server syncs: the `entity` of a pulled change (API.md "pull").
    pub enum Entity("entity") {
        /// A prospect ([`crate::record::ProspectRecord`]).
        Prospect => "prospect",
        /// A visit note ([`crate::record::NoteRecord`]).
        Note => "note",
        /// A logged contact ([`crate::record::ActivityRecord`]).
        Activity => "activity",
        /// An approval request ([`crate::record::ApprovalRecord`]).
        Approval => "approval",
        /// A formal quote ([`crate::record::QuoteRecord`]).
        Quote => "quote",
        /// A concession-log entry ([`crate::record::ConcessionRecord`]).
        Concession => "concession",
        /// An objection met ([`crate::record::ObjectionRecord`]).
        Objection => "objection",
        /// A quiz attempt ([`crate::record::QuizAttemptRecord`]).
        QuizAttempt => "quiz_attempt",
    }
}

vocabulary! {
    /// What a client may ask the server to do: the `name` of a pushed mutation (API.md
    /// "Mutations", plus the project's `prospect.share`).
    pub enum MutationKind("mutation") {
        /// Create or patch a prospect ([`crate::validate::PutArgs`]).
        ProspectPut => "prospect.put",
        /// Append a note ([`crate::activity::NoteAddArgs`]).
        NoteAdd => "note.add",
        /// Log a contact ([`crate::activity::ActivityLogArgs`]).
        ActivityLog => "activity.log",
        /// Request a stage move ([`crate::stage::StageMoveArgs`]).
        StageMove => "stage.move",
        /// A manager decides an approval ([`crate::args::ApprovalDecideArgs`]).
        ApprovalDecide => "approval.decide",
        /// Submit a formal quote ([`crate::args::QuoteSubmitArgs`]).
        QuoteSubmit => "quote.submit",
        /// Add a concession-log entry ([`crate::args::ConcessionAddArgs`]).
        ConcessionAdd => "concession.add",
        /// Record an objection ([`crate::args::ObjectionAddArgs`]).
        ObjectionAdd => "objection.add",
        /// Submit a quiz attempt ([`crate::args::QuizSubmitArgs`]).
        QuizSubmit => "quiz.submit",
        /// Share a prospect with a colleague ([`crate::args::ProspectShareArgs`]).
        ProspectShare => "prospect.share",
    }
}

/// A name as it arrives on the wire: one of the vocabulary `T`, or text this code does not
/// know, kept as it came (a newer server's entity is stored and passed on; an unknown
/// mutation is refused by its name). Compared, ordered and hashed by its text.
#[derive(Clone)]
pub enum Name<T> {
    /// A name this code knows.
    Known(T),
    /// Any other text.
    Unknown(String),
}

/// The `entity` of a pulled change.
pub type EntityName = Name<Entity>;
/// The `name` of a pushed mutation.
pub type MutationName = Name<MutationKind>;

impl<T: Vocabulary> Name<T> {
    /// The name `text` stands for: known if it is one of `T`'s string forms.
    pub fn parse(text: &str) -> Self {
        T::parse(text).map_or_else(|| Name::Unknown(text.to_owned()), Name::Known)
    }

    /// The known name, if it is one.
    pub fn known(&self) -> Option<T> {
        match self {
            Name::Known(k) => Some(*k),
            Name::Unknown(_) => None,
        }
    }

    /// Its text.
    pub fn as_str(&self) -> &str {
        match self {
            Name::Known(k) => k.as_str(),
            Name::Unknown(text) => text,
        }
    }
}

impl<T: Vocabulary> From<T> for Name<T> {
    fn from(known: T) -> Self {
        Name::Known(known)
    }
}

impl<T: Vocabulary> From<&str> for Name<T> {
    fn from(text: &str) -> Self {
        Name::parse(text)
    }
}

impl<T: Vocabulary> From<String> for Name<T> {
    fn from(text: String) -> Self {
        match T::parse(&text) {
            Some(known) => Name::Known(known),
            None => Name::Unknown(text),
        }
    }
}

impl<T: Vocabulary> PartialEq for Name<T> {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl<T: Vocabulary> Eq for Name<T> {}

impl<T: Vocabulary> PartialEq<T> for Name<T> {
    fn eq(&self, other: &T) -> bool {
        self.as_str() == other.as_str()
    }
}

impl<T: Vocabulary> PartialOrd for Name<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<T: Vocabulary> Ord for Name<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl<T: Vocabulary> std::hash::Hash for Name<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl<T: Vocabulary> fmt::Debug for Name<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl<T: Vocabulary> fmt::Display for Name<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<T: Vocabulary> Serialize for Name<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de, T: Vocabulary> Deserialize<'de> for Name<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = d.deserialize_str(TextVisitor)?;
        Ok(Name::from(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_entity_and_mutation_kind_round_trips_through_its_one_string_form() {
        for &e in Entity::ALL {
            assert_eq!(Entity::parse(e.as_str()), Some(e));
            assert_eq!(e.as_str().parse::<Entity>(), Ok(e));
            assert_eq!(serde_json::to_value(e).unwrap(), json!(e.as_str()));
            assert_eq!(
                serde_json::from_value::<Entity>(json!(e.as_str())).unwrap(),
                e
            );
            assert_eq!(e.to_string(), e.as_str());
        }
        for &m in MutationKind::ALL {
            assert_eq!(MutationKind::parse(m.as_str()), Some(m));
            assert_eq!(serde_json::to_value(m).unwrap(), json!(m.as_str()));
            assert_eq!(
                serde_json::from_value::<MutationKind>(json!(m.as_str())).unwrap(),
                m
            );
        }
        assert_eq!(Entity::ALL.len(), 8);
        assert_eq!(MutationKind::ALL.len(), 10);
    }

    #[test]
    fn the_wire_spellings_are_those_of_the_api() {
        let entities: Vec<&str> = Entity::ALL.iter().map(|e| e.as_str()).collect();
        assert_eq!(
            entities,
            [
                "prospect",
                "note",
                "activity",
                "approval",
                "quote",
                "concession",
                "objection",
                "quiz_attempt"
            ]
        );
        assert_eq!(
            MutationKind::NAMES.join(", "),
            "prospect.put, note.add, activity.log, stage.move, approval.decide, quote.submit, \
             concession.add, objection.add, quiz.submit, prospect.share"
        );
    }

    #[test]
    fn an_unknown_string_is_no_entity_but_a_name_keeps_it() {
        assert_eq!(Entity::parse("invoice"), None);
        assert_eq!(Entity::parse("Prospect"), None, "one spelling only");
        let err = "invoice".parse::<Entity>().unwrap_err();
        assert_eq!(err.to_string(), "unknown entity \"invoice\"");
        let refused = serde_json::from_value::<MutationKind>(json!("note.delete")).unwrap_err();
        assert!(refused
            .to_string()
            .contains("unknown variant `note.delete`"));

        let name: EntityName = serde_json::from_value(json!("invoice")).unwrap();
        assert_eq!(name, Name::Unknown("invoice".to_owned()));
        assert_eq!(name.known(), None);
        assert_eq!(serde_json::to_value(&name).unwrap(), json!("invoice"));
        let known: MutationName = serde_json::from_value(json!("note.add")).unwrap();
        assert_eq!(known.known(), Some(MutationKind::NoteAdd));
        assert!(known == MutationKind::NoteAdd);
    }

    #[test]
    fn names_compare_by_text_however_they_were_made() {
        let a: EntityName = Name::Unknown("note".to_owned());
        let b: EntityName = Entity::Note.into();
        assert_eq!(a, b);
        assert_eq!(EntityName::from("note"), b);
        assert_eq!(
            EntityName::from("note".to_owned()).known(),
            Some(Entity::Note)
        );
        assert!(serde_json::from_value::<EntityName>(json!(7)).is_err());
    }
}
