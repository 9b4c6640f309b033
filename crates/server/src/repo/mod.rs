//! The repository: the server's SQL, as methods on [`Db`](crate::db::Db) and functions on a
//! [`sql::Tx`], one module per area.
//!
//! Handlers, authentication, commands and the demo call these and never write SQL themselves.
//! The sync engine ([`crate::sync`]) holds the rules and calls these for its statements.
//! Every function here runs on SQLite and on PostgreSQL: tested directly ([`test_db`]) or, for
//! most of the sync statements, through the sync tests, which run on both backends as well.
//! Modules here never import [`crate::sync`] (the sync sequence is passed in as a number).

pub mod approvals;
pub mod attachments;
pub mod changes;
pub mod decode;
pub mod health;
pub mod history;
pub mod price_lists;
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
