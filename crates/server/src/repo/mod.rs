//! The repository: every SQL statement the server runs, as methods on [`Db`](crate::db::Db).
//!
//! Handlers and commands call these methods and never write SQL themselves. One module per
//! aggregate (users now; prospects, notes, approvals and the change log with the sync issue).

pub mod attachments;
pub mod sql;
pub mod users;
