//! What each subcommand does. Output contract (scripts and tests rely on it):
//! - `serve` prints `tuoke-server listening on http://ADDR` on stdout once it accepts connections;
//! - `user add` prints `created user NAME (ROLE)`; `migrate` prints `database is up to date: URL`;
//! - `price-list import` prints `stored price list version N (M modules)`; `price-list export`
//!   prints the list as JSON (with its `version`), which `import` takes back;
//! - any failure is one line `error: …` on stderr and exit code 1 (usage errors: clap, code 2).

use std::io::{BufRead, IsTerminal, Read, Write};

use tokio::net::TcpListener;
use tuoke_core::pricing::{PriceList, PriceListInput};

use crate::auth::TrustedProxies;
use crate::cli::{
    Cli, Command, DbArgs, PriceListCommand, PriceListExportArgs, PriceListImportArgs, ServeArgs,
    UserAddArgs, UserCommand,
};
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
    #[error("cannot read {path}: {}", io_reason(.source))]
    ReadFile {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a price list: {reason}")]
    NotAPriceList { path: String, reason: String },
    #[error("the price list is refused ({code}): {message}")]
    PriceListRefused { code: &'static str, message: String },
    #[error("{0}")]
    NoPriceList(String),
    #[error("the database failed: {0}")]
    Database(#[from] sqlx::Error),
}

pub async fn run(cli: Cli) -> Result<(), CommandError> {
    match cli.command {
        Command::Serve(args) => serve(args).await,
        Command::User(UserCommand::Add(args)) => user_add(args).await,
        Command::Migrate(args) => migrate(args).await,
        Command::PriceList(PriceListCommand::Import(args)) => price_list_import(args).await,
        Command::PriceList(PriceListCommand::Export(args)) => price_list_export(args).await,
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
    let shutdown = startup::Shutdown::listen();
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
    startup::run(listener, app, header_timeout, shutdown)
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

/// The largest price-list file `price-list import` reads (the HTTP limit is 1 MiB).
const MAX_PRICE_LIST_FILE: u64 = 16 * 1024 * 1024;

/// A price list from JSON: the list without `version`, or as `export` prints it (whose
/// `version` is dropped: the database numbers the new one).
pub fn parse_price_list(text: &str) -> Result<PriceListInput, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let with_version = value.get("version").is_some();
    let parsed = if with_version {
        crate::extract::from_value::<PriceList>(&value).map(PriceList::into_input)
    } else {
        crate::extract::from_value::<PriceListInput>(&value)
    };
    parsed.map_err(|e| e.trim_start_matches("args: ").to_owned())
}

async fn price_list_import(args: PriceListImportArgs) -> Result<(), CommandError> {
    let path = args.file.display().to_string();
    let read_error = |source| CommandError::ReadFile {
        path: path.clone(),
        source,
    };
    let mut text = String::new();
    if path == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_PRICE_LIST_FILE)
            .read_to_string(&mut text)
            .map_err(read_error)?;
    } else {
        std::fs::File::open(&args.file)
            .and_then(|f| f.take(MAX_PRICE_LIST_FILE).read_to_string(&mut text))
            .map_err(read_error)?;
    }
    let input = parse_price_list(&text).map_err(|reason| CommandError::NotAPriceList {
        path: path.clone(),
        reason,
    })?;
    input.check().map_err(|e| CommandError::PriceListRefused {
        code: e.code(),
        message: e.to_string(),
    })?;
    let db = connect_and_migrate(&args.db).await?;
    let stored = db
        .store_price_list(&input, None, chrono::Utc::now())
        .await?;
    say(&format!(
        "stored price list version {} ({} modules)",
        stored.list.version,
        stored.list.modules.len()
    ));
    Ok(())
}

async fn price_list_export(args: PriceListExportArgs) -> Result<(), CommandError> {
    let db = connect_and_migrate(&args.db).await?;
    let stored = match args.version {
        Some(version) => db.price_list(version).await?.ok_or_else(|| {
            CommandError::NoPriceList(format!("there is no price list version {version}"))
        })?,
        None => db.current_price_list().await?.ok_or_else(|| {
            CommandError::NoPriceList("no price list has been stored yet".to_owned())
        })?,
    };
    let json = serde_json::to_string_pretty(&stored.list)
        .map_err(|e| CommandError::Database(sqlx::Error::Decode(e.into())))?;
    say(&json);
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
    fn a_price_list_file_may_carry_a_version_and_must_not_carry_unknown_fields() {
        let demo = tuoke_core::pricing::demo_price_list();
        let exported = serde_json::to_string(&demo.clone().with_version(4)).unwrap();
        assert_eq!(parse_price_list(&exported), Ok(demo.clone()));
        let plain = serde_json::to_string(&demo).unwrap();
        assert_eq!(parse_price_list(&plain), Ok(demo));
        let err = parse_price_list(r#"{"currency":"CNY","day_rate_cny":1,"modules":[],"x":1}"#)
            .unwrap_err();
        assert!(err.contains("unknown field `x`"), "{err}");
        let err =
            parse_price_list(r#"{"currency":"CNY","day_rate_cny":1,"modules":[{}]}"#).unwrap_err();
        assert!(err.starts_with("modules[0]"), "{err}");
        assert!(parse_price_list("[1, 2").is_err());
    }

    #[test]
    fn multi_line_errors_are_flattened() {
        let e = CommandError::Serve(std::io::Error::other("a\nb"));
        assert_eq!(one_line(&e), "server failed: a b");
    }
}
