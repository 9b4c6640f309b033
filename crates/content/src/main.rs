//! `tuoke-content [DIR]`: writes the content documents under DIR, by default the trunk staging
//! directory (`$TRUNK_STAGING_DIR`, set when this runs as a trunk `pre_build` hook).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(root) = std::env::args_os()
        .nth(1)
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR"))
        .map(PathBuf::from)
    else {
        eprintln!("usage: tuoke-content DIR (or run as a trunk hook, with TRUNK_STAGING_DIR set)");
        return ExitCode::FAILURE;
    };
    match tuoke_content::write_all(&root) {
        Ok(files) => {
            let bytes: u64 = files
                .iter()
                .filter_map(|f| std::fs::metadata(f).ok())
                .map(|m| m.len())
                .sum();
            eprintln!("content: {} files, {bytes} bytes", files.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("content: {e}");
            ExitCode::FAILURE
        }
    }
}
