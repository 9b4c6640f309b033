//! What each subcommand does. Output contract (scripts and tests rely on it):
//! - `serve` prints `tuoke-server listening on http://ADDR` on stdout once it accepts connections;
//! - `user add` prints `created user NAME (ROLE)`; `migrate` prints `database is up to date: URL`;
//! - any failure is one line `error: …` on stderr and exit code 1 (usage errors: clap, code 2).

use std::io::{BufRead, IsTerminal, Write};

use tokio::net::TcpListener;

use crate::auth::TrustedProxies;
use crate::cli::{Cli, Command, DbArgs, ServeArgs, UserAddArgs, UserCommand};
use crate::db::{redact_url, Db, DbError};
use crate::demo::{self, DemoError};
use crate::password::{self, HashError};
use crate::repo::users::{CreateUserError, NewUser};
use crate::startup;
use crate::state::AppState;
use crate::{limits, routes, static_files};

/// Where `user add` reads the password from before falling back to stdin.
pub const PASSWORD_ENV: &str = "TUOKE_PASSWORD";

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("cannot listen on {addr}: {}", io_reason(.source))]
    Listen {
        addr: String,
        #[source]
        source: std::io::Error,
    },
    #[error("server failed: {}", io_reason(.0))]
    Serve(#[source] std::io::Error),
    #[error(transparent)]
    Demo(#[from] DemoError),
    #[error(transparent)]
    CreateUser(#[from] CreateUserError),
    #[error("cannot read the password from standard input: {}", io_reason(.0))]
    ReadPassword(#[source] std::io::Error),
    #[error("the password is empty: set {PASSWORD_ENV} or write it on standard input")]
    EmptyPassword,
    #[error(transparent)]
    Hash(#[from] HashError),
}

pub async fn run(cli: Cli) -> Result<(), CommandError> {
    match cli.command {
        Command::Serve(args) => serve(args).await,
        Command::User(UserCommand::Add(args)) => user_add(args).await,
        Command::Migrate(args) => migrate(args).await,
    }
}

async fn connect_and_migrate(args: &DbArgs) -> Result<Db, CommandError> {
    let db = Db::connect(&args.url).await?;
    db.migrate().await.map_err(|source| DbError::Migrate {
        url: redact_url(&args.url),
        source,
    })?;
    Ok(db)
}

async fn serve(args: ServeArgs) -> Result<(), CommandError> {
    let db = connect_and_migrate(&args.db).await?;
    tracing::info!(db = %redact_url(&args.db.url), backend = db.backend(), "database ready");
    if args.demo {
        demo::seed(&db, args.demo_tour).await?;
    }
    let static_dir = static_files::resolve_dir(args.static_dir);
    let listener = TcpListener::bind(&args.addr)
        .await
        .map_err(|source| CommandError::Listen {
            addr: args.addr.clone(),
            source,
        })?;
    let local = listener
        .local_addr()
        .map_err(|source| CommandError::Listen {
            addr: args.addr.clone(),
            source,
        })?;
    say(&format!("tuoke-server listening on http://{local}"));
    // Photos uploaded for notes that never came: deleted after a grace period.
    let sweep = routes::attachments::start_orphan_sweep(db.clone());
    let mut state = AppState::new(db, static_dir);
    if let Some(timeout) = args.request_timeout {
        state = state.with_request_timeout(timeout);
    }
    if !args.trusted_proxies.is_empty() {
        let proxies: Vec<String> = args.trusted_proxies.iter().map(|n| n.to_string()).collect();
        tracing::info!(proxies = %proxies.join(","), "trusting X-Forwarded-For from these proxies");
        state = state.with_trusted_proxies(TrustedProxies::new(args.trusted_proxies));
    }
    let app = startup::app(state);
    let header_timeout = args.header_timeout.unwrap_or(limits::HEADER_TIMEOUT);
    startup::run(listener, app, header_timeout)
        .await
        .map_err(CommandError::Serve)?;
    sweep.abort();
    tracing::info!("stopped");
    Ok(())
}

async fn user_add(args: UserAddArgs) -> Result<(), CommandError> {
    let password = read_password()?;
    let db = connect_and_migrate(&args.db).await?;
    let password_hash = tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .expect("password hashing does not panic")?;
    let user = db
        .create_user(NewUser {
            display_name: args
                .display_name
                .unwrap_or_else(|| args.username.to_string()),
            username: args.username,
            password_hash,
            role: args.role,
            manager: args.manager,
            territory: args.territory,
        })
        .await?;
    say(&format!("created user {} ({})", user.username, user.role));
    Ok(())
}

async fn migrate(args: DbArgs) -> Result<(), CommandError> {
    connect_and_migrate(&args).await?;
    say(&format!(
        "database is up to date: {}",
        redact_url(&args.url)
    ));
    Ok(())
}

/// `TUOKE_PASSWORD` if set, else the first line of stdin (without its line ending).
fn read_password() -> Result<String, CommandError> {
    let password = match std::env::var(PASSWORD_ENV) {
        Ok(password) => password,
        Err(_) => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                // No echo suppression: interactive use is rare, scripts pipe the password.
                eprint!("password for the new user: ");
            }
            let mut line = String::new();
            stdin
                .lock()
                .read_line(&mut line)
                .map_err(CommandError::ReadPassword)?;
            line.trim_end_matches(['\n', '\r']).to_owned()
        }
    };
    if password.is_empty() {
        return Err(CommandError::EmptyPassword);
    }
    Ok(password)
}

/// Prints a line on stdout right away (stdout may be a pipe a test is waiting on).
fn say(line: &str) {
    let mut stdout = std::io::stdout().lock();
    // If stdout is gone there is nobody to tell; carry on.
    let _ = writeln!(stdout, "{line}");
    let _ = stdout.flush();
}

/// `Address already in use (os error 98)` → `address already in use`.
fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    let text = match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_owned(),
        _ => text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

/// The error and its causes on one line, for the `error: …` exit message.
pub fn one_line(error: &CommandError) -> String {
    error
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_reasons_are_short_and_lowercase() {
        let e = std::io::Error::from_raw_os_error(98);
        assert_eq!(io_reason(&e), "address already in use");
        let e = std::io::Error::other("Something odd");
        assert_eq!(io_reason(&e), "something odd");
    }

    #[test]
    fn multi_line_errors_are_flattened() {
        let e = CommandError::Serve(std::io::Error::other("a\nb"));
        assert_eq!(one_line(&e), "server failed: a b");
    }
}
