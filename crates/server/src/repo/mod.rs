//! The repository: the server's SQL, as methods on [`Db`](crate::db::Db) and functions on a
//! [`sql::Tx`], one module per area.
//!
//! Handlers, authentication, commands and the demo call these and never write SQL themselves.
//! The sync engine ([`crate::sync`]) still holds its own statements; they move here next.
//! Every function here is tested on SQLite and on PostgreSQL ([`test_db`]).

pub mod attachments;
pub mod health;
pub mod sessions;
pub mod sql;
pub mod users;

#[cfg(test)]
pub(crate) mod test_db;
