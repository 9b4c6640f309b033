use std::process::ExitCode;

use clap::Parser;
use tuoke_server::cli::Cli;
use tuoke_server::{commands, telemetry};

fn main() -> ExitCode {
    // Usage errors exit here with clap's message and code 2.
    let cli = Cli::parse();
    telemetry::init();
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
