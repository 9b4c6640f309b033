//! The repository: the server's SQL, as methods on [`Db`](crate::db::Db) and functions on a
//! [`sql::Tx`], one module per area.
//!
//! Handlers, authentication, commands and the demo call these and never write SQL themselves.
//! The sync engine ([`crate::sync`]) holds the rules and calls these for its statements.
//! Every function here is tested on SQLite and on PostgreSQL ([`test_db`]).

pub mod approvals;
pub mod attachments;
pub mod changes;
pub mod decode;
pub mod health;
pub mod history;
pub mod processed;
pub mod prospects;
pub mod records;
pub mod seq;
pub mod sessions;
pub mod shares;
pub mod sql;
pub mod tombstones;
pub mod users;
pub mod visibility;

#[cfg(test)]
pub(crate) mod test_db;
