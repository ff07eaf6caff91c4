//! The `lzscan` command: parses arguments, runs the library, maps the outcome to
//! an exit code (0 clean, 1 findings, 2 the scan itself failed).

use std::process::ExitCode;

// Scans build millions of small values from many threads: mimalloc keeps them
// faster to allocate and returns freed memory, where the system allocator
// fragmented a 100k-resource scan to twice the memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match lzscan::cli::run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
