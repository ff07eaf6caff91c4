//! The `lzscan` command: parses arguments, runs the library, maps the outcome to
//! an exit code (0 clean, 1 findings, 2 the scan itself failed).

use std::process::ExitCode;

// Scans build millions of small values from many threads: mimalloc keeps them
// faster to allocate and returns freed memory, where the system allocator
// fragmented a 100k-resource scan to twice the memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // regorus's parser creates (and drops) an error at every backtrack, and an
    // error captures a backtrace when RUST_BACKTRACE is set: a fifth of a small
    // scan went into unwinding. Errors never print theirs; panics keep theirs.
    // Set before any other thread exists, and only when the user has not chosen.
    if std::env::var_os("RUST_LIB_BACKTRACE").is_none() {
        std::env::set_var("RUST_LIB_BACKTRACE", "0");
    }
    match lzscan::cli::run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
