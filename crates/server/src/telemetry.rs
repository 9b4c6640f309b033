//! Logging setup: `tracing` to stdout, filtered by `RUST_LOG` (default `info`).
//!
//! Logs go to stdout with the "listening" line; stderr is kept for the one-line fatal error,
//! so scripts can show it as is.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// sqlx reports PostgreSQL notices (e.g. "relation already exists, skipping") at info.
const DEFAULT_FILTER: &str = "info,sqlx=warn";

pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stdout)
        .with_ansi(std::io::stdout().is_terminal())
        .init();
}
