//! The `lzscan` command: parses arguments, runs the library, maps the outcome to
//! an exit code (0 clean, 1 findings, 2 the scan itself failed).

use std::process::ExitCode;

fn main() -> ExitCode {
    match lzscan::cli::run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
