use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::Parser;
use tuoke_server::cli::Cli;
use tuoke_server::{commands, telemetry};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if is_help(e.kind()) => e.exit(),
        Err(e) => {
            // API.md: a bad flag exits non-zero with a one-line reason.
            eprintln!("{}", usage_error_line(&e.render().to_string()));
            return ExitCode::from(2);
        }
    };
    // A command whose stdout is a document (`price-list export`) logs nothing.
    if !cli.prints_document() {
        telemetry::init();
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", commands::one_line(&e));
            ExitCode::FAILURE
        }
    }
}

fn is_help(kind: ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    )
}

/// Folds clap's multi-line usage error into one line: the reason, any possible values or tip,
/// and where to find help (the usage block is dropped).
fn usage_error_line(rendered: &str) -> String {
    let parts: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information")
        })
        .collect();
    format!("{} (see 'tuoke-server --help')", parts.join(" "))
}
