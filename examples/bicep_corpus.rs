//! Parses every `.bicep` and `.bicepparam` file under a folder and reports how many
//! parse, the first failures, panics and the slowest file.
//!
//! Usage: `cargo run --release --example bicep_corpus -- <folder>`
//! (set `SHOW_ALL=1` to list every failure, not just the first 20).
//! Paths containing `/Invalid` (deliberately broken samples) are skipped.

use lzscan::parse::bicep::syntax;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect(&path, out);
        } else if kind.is_file()
            && matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("bicep" | "bicepparam")
            )
            && !path.to_string_lossy().contains("/Invalid")
        {
            out.push(path);
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, col)
}

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: bicep_corpus <folder>");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    collect(Path::new(&root), &mut files);

    // Keep panics quiet: they are counted and listed instead.
    std::panic::set_hook(Box::new(|_| {}));

    let (mut ok, mut unreadable) = (0usize, 0usize);
    let mut failures = Vec::new();
    let mut panics = Vec::new();
    let mut slowest: Option<(Duration, PathBuf, usize)> = None;
    let mut total_time = Duration::ZERO;
    let mut total_bytes = 0usize;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            unreadable += 1;
            continue;
        };
        total_bytes += text.len();
        let started = Instant::now();
        let result = std::panic::catch_unwind(|| syntax::parse(&text));
        let took = started.elapsed();
        total_time += took;
        if slowest.as_ref().is_none_or(|(t, _, _)| took > *t) {
            slowest = Some((took, path.clone(), text.len()));
        }
        match result {
            Ok(Ok(_)) => ok += 1,
            Ok(Err(e)) => {
                let (line, col) = line_col(&text, e.offset);
                failures.push(format!("{}:{line}:{col}: {}", path.display(), e.message));
            }
            Err(_) => panics.push(path.display().to_string()),
        }
    }

    let parsed = files.len() - unreadable;
    println!("files:     {}", files.len());
    if unreadable > 0 {
        println!("unreadable (not UTF-8): {unreadable}");
    }
    let pct = if parsed == 0 {
        100.0
    } else {
        ok as f64 * 100.0 / parsed as f64
    };
    println!("parsed OK: {ok} ({pct:.2}%)");
    println!("failed:    {}", failures.len());
    for f in failures
        .iter()
        .take(std::env::var("SHOW_ALL").map_or(20, |_| usize::MAX))
    {
        println!("  {f}");
    }
    println!("panics:    {}", panics.len());
    for p in panics.iter().take(20) {
        println!("  {p}");
    }
    if let Some((t, p, len)) = slowest {
        println!(
            "slowest:   {} ({len} bytes) in {:.3} ms",
            p.display(),
            t.as_secs_f64() * 1000.0
        );
    }
    println!(
        "total:     {total_bytes} bytes in {:.1} ms",
        total_time.as_secs_f64() * 1000.0
    );
}
