//! The command line of `docs/api.md`, parsed with clap. Parsing only: [`crate::commands`] acts
//! on it.

use std::path::PathBuf;
use std::time::Duration;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};

use crate::auth::IpNet;
use crate::db::DEFAULT_DATABASE_URL;
use crate::domain::{Role, Username};

/// Where `serve` reads the request timeout from when `--request-timeout` is not given.
pub const REQUEST_TIMEOUT_ENV: &str = "TUOKE_REQUEST_TIMEOUT_SECS";
/// Where `serve` reads the header read timeout from when `--header-timeout` is not given.
pub const HEADER_TIMEOUT_ENV: &str = "TUOKE_HEADER_TIMEOUT_SECS";
/// Where `serve` reads the trusted proxies (comma-separated) when `--trusted-proxy` is not given.
pub const TRUSTED_PROXIES_ENV: &str = "TUOKE_TRUSTED_PROXIES";

#[derive(Debug, Parser)]
#[command(name = "tuoke-server", version, about = "Tuoke (拓客) sync server")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Whether the command's stdout is a document (`price-list export`'s JSON), which log
    /// lines would spoil: such a command does not log.
    pub fn prints_document(&self) -> bool {
        matches!(
            self.command,
            Command::PriceList(PriceListCommand::Export(_))
        )
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the JSON API and the built PWA.
    Serve(ServeArgs),
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Create or update the database schema, then exit.
    Migrate(DbArgs),
    /// Import or export the price list quotes are built from.
    #[command(subcommand)]
    PriceList(PriceListCommand),
}

#[derive(Debug, Subcommand)]
pub enum PriceListCommand {
    /// Store a price list (JSON, as `export` prints it or without `version`) as the next
    /// version; `-` reads standard input.
    Import(PriceListImportArgs),
    /// Print the current price list (or `--version N`) as JSON.
    Export(PriceListExportArgs),
}

#[derive(Debug, Args)]
pub struct PriceListImportArgs {
    /// The JSON file, or `-` for standard input.
    #[arg(value_name = "FILE.json")]
    pub file: PathBuf,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args)]
pub struct PriceListExportArgs {
    /// This version instead of the current one.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub version: Option<u32>,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args)]
pub struct DbArgs {
    /// Database URL: sqlite://PATH or postgres://USER@HOST:PORT/DB.
    #[arg(
        long = "db",
        value_name = "URL",
        env = "TUOKE_DATABASE_URL",
        hide_env_values = true,
        default_value = DEFAULT_DATABASE_URL
    )]
    pub url: String,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (printed once listening).
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    pub addr: String,
    #[command(flatten)]
    pub db: DbArgs,
    /// Directory of the built PWA (trunk's output).
    #[arg(long = "static", value_name = "DIR", default_value = "dist")]
    pub static_dir: PathBuf,
    /// Create demo users (rep1, rep2, manager1, assistant1; password "demo") if absent.
    #[arg(long)]
    pub demo: bool,
    /// With --demo, also give rep1 a tour to learn the app by, dated from now: contacts due
    /// today and overdue, notes, key information, a move awaiting the manager and this
    /// month's visits and calls (what `scripts/run` starts with).
    #[arg(long, requires = "demo")]
    pub demo_tour: bool,
    /// Answer 503 to a request (reading its body included) still running after SECS seconds
    /// [default: 30].
    #[arg(long, value_name = "SECS", env = REQUEST_TIMEOUT_ENV, value_parser = parse_timeout)]
    pub request_timeout: Option<Duration>,
    /// Close a connection that has not sent a request's complete headers within SECS seconds
    /// [default: 10].
    #[arg(long, value_name = "SECS", env = HEADER_TIMEOUT_ENV, value_parser = parse_header_timeout)]
    pub header_timeout: Option<Duration>,
    /// A reverse proxy (address or network, e.g. 10.0.0.0/8) whose X-Forwarded-For names the
    /// client for the login limits; repeatable.
    #[arg(long = "trusted-proxy", value_name = "CIDR", env = TRUSTED_PROXIES_ENV,
          value_delimiter = ',', value_parser = parse_trusted_proxy)]
    pub trusted_proxies: Vec<IpNet>,
}

fn parse_trusted_proxy(value: &str) -> Result<IpNet, String> {
    value
        .parse()
        .map_err(|e| format!("{e} (--trusted-proxy or {TRUSTED_PROXIES_ENV})"))
}

/// A request timeout: a positive whole number of seconds.
fn parse_timeout(value: &str) -> Result<Duration, String> {
    match value.trim().parse::<u64>() {
        Ok(secs) if secs > 0 => Ok(Duration::from_secs(secs)),
        _ => Err(format!(
            "expected a positive whole number of seconds (--request-timeout or {REQUEST_TIMEOUT_ENV})"
        )),
    }
}

/// A header read timeout: a positive whole number of seconds.
fn parse_header_timeout(value: &str) -> Result<Duration, String> {
    match value.trim().parse::<u64>() {
        Ok(secs) if secs > 0 => Ok(Duration::from_secs(secs)),
        _ => Err(format!(
            "expected a positive whole number of seconds (--header-timeout or {HEADER_TIMEOUT_ENV})"
        )),
    }
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user. The password is read from TUOKE_PASSWORD, else one line of stdin.
    Add(UserAddArgs),
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// Login name: 2-32 characters of a-z, 0-9, '.', '_', '-' (lowercased).
    #[arg(value_name = "USERNAME")]
    pub username: Username,
    #[arg(long, value_parser = role_parser())]
    pub role: Role,
    /// The user's manager (must have the manager role).
    #[arg(long, value_name = "USERNAME")]
    pub manager: Option<Username>,
    /// Sales territory (责任区域).
    #[arg(long, value_name = "NAME")]
    pub territory: Option<String>,
    /// Name shown in the app; defaults to the username.
    #[arg(long, value_name = "NAME")]
    pub display_name: Option<String>,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Lists the roles in `--help` and in errors, and yields the typed value.
fn role_parser() -> impl TypedValueParser<Value = Role> {
    PossibleValuesParser::new(Role::ALL.map(Role::as_str))
        .map(|name| name.parse().expect("possible values are valid roles"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn user_add_parses_all_flags() {
        let cli = Cli::try_parse_from([
            "tuoke-server",
            "user",
            "add",
            "Rep9",
            "--role",
            "rep",
            "--manager",
            "manager1",
            "--territory",
            "华南",
            "--db",
            "sqlite::memory:",
        ])
        .unwrap();
        let Command::User(UserCommand::Add(args)) = cli.command else {
            panic!("expected user add");
        };
        assert_eq!(args.username.as_str(), "rep9");
        assert_eq!(args.role, Role::Rep);
        assert_eq!(args.manager.unwrap().as_str(), "manager1");
        assert_eq!(args.territory.as_deref(), Some("华南"));
        assert_eq!(args.db.url, "sqlite::memory:");
    }

    #[test]
    fn unknown_role_is_a_usage_error() {
        let err = Cli::try_parse_from(["tuoke-server", "user", "add", "x1", "--role", "boss"])
            .unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::InvalidValue);
    }

    #[test]
    fn price_list_commands_parse() {
        let cli =
            Cli::try_parse_from(["tuoke-server", "price-list", "import", "prices.json"]).unwrap();
        let Command::PriceList(PriceListCommand::Import(args)) = cli.command else {
            panic!("expected price-list import");
        };
        assert_eq!(args.file, PathBuf::from("prices.json"));
        let cli = Cli::try_parse_from(["tuoke-server", "price-list", "export", "--version", "2"])
            .unwrap();
        let Command::PriceList(PriceListCommand::Export(args)) = cli.command else {
            panic!("expected price-list export");
        };
        assert_eq!(args.version, Some(2));
        let err = Cli::try_parse_from(["tuoke-server", "price-list", "export", "--version", "0"])
            .unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ValueValidation);
        let err = Cli::try_parse_from(["tuoke-server", "price-list", "import"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::MissingRequiredArgument);
    }

    #[test]
    fn serve_defaults() {
        let cli = Cli::try_parse_from(["tuoke-server", "serve"]).unwrap();
        let Command::Serve(args) = cli.command else {
            panic!("expected serve");
        };
        assert_eq!(args.addr, "127.0.0.1:8080");
        assert_eq!(args.static_dir, PathBuf::from("dist"));
        assert!(!args.demo);
        assert_eq!(args.header_timeout, None);
    }

    #[test]
    fn header_timeout_is_a_positive_number_of_seconds() {
        let cli = Cli::try_parse_from(["tuoke-server", "serve", "--header-timeout", "3"]).unwrap();
        let Command::Serve(args) = cli.command else {
            panic!("expected serve");
        };
        assert_eq!(args.header_timeout, Some(Duration::from_secs(3)));
        let err =
            Cli::try_parse_from(["tuoke-server", "serve", "--header-timeout", "0"]).unwrap_err();
        assert!(err.to_string().contains(HEADER_TIMEOUT_ENV), "{err}");
        assert!(args.trusted_proxies.is_empty());
    }

    #[test]
    fn trusted_proxies_repeat_and_split_on_commas() {
        let cli = Cli::try_parse_from([
            "tuoke-server",
            "serve",
            "--trusted-proxy",
            "10.0.0.0/8",
            "--trusted-proxy=127.0.0.1,fd00::/8",
        ])
        .unwrap();
        let Command::Serve(args) = cli.command else {
            panic!("expected serve");
        };
        let nets: Vec<String> = args.trusted_proxies.iter().map(|n| n.to_string()).collect();
        assert_eq!(nets, ["10.0.0.0/8", "127.0.0.1/32", "fd00::/8"]);
        let err = Cli::try_parse_from(["tuoke-server", "serve", "--trusted-proxy", "10.0.0.0/40"])
            .unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ValueValidation);
        assert!(err.to_string().contains(TRUSTED_PROXIES_ENV), "{err}");
    }

    #[test]
    fn request_timeout_is_a_positive_number_of_seconds() {
        let serve = |value: &str| {
            let flag = format!("--request-timeout={value}");
            Cli::try_parse_from(["tuoke-server", "serve", &flag]).map(|cli| {
                let Command::Serve(args) = cli.command else {
                    panic!("expected serve");
                };
                args.request_timeout
            })
        };
        assert_eq!(serve("5").unwrap(), Some(Duration::from_secs(5)));
        for bad in ["0", "-1", "1.5", "soon", ""] {
            let err = serve(bad).unwrap_err();
            assert_eq!(
                err.kind(),
                clap::error::ErrorKind::ValueValidation,
                "{bad:?}"
            );
            assert!(err.to_string().contains(REQUEST_TIMEOUT_ENV), "{err}");
        }
    }
}
