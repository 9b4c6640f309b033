//! Server-side domain types: values parsed at the boundary so that invalid ones cannot exist.
//!
//! No framework code (axum, sqlx, clap) lives here. Business rules shared with the PWA belong
//! in `tuoke-core`; these types only cover what the server alone needs (accounts).

mod user;

pub use user::{Role, RoleParseError, Username, UsernameError};
