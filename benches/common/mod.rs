//! The measuring loop the format benchmarks share: for each size, generate the
//! inputs, time the baseline and the full scan (best of runs), check the scan read
//! everything without error, and print a Markdown table.

use lzscan::scan::{scan, ScanOptions};
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

/// Sizes from `LZSCAN_BENCH_SIZES` (comma-separated), else 1k, 10k and 100k.
pub fn sizes() -> Vec<usize> {
    std::env::var("LZSCAN_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

/// Runs the benchmark. `generate(dir, n)` writes about `n` resources and returns
/// how many files (or modules) it wrote and how many resources the scan must find
/// at least; `baseline(dir)` is the floor measured in the same run.
pub fn run(
    title: &str,
    unit: &str,
    baseline_label: &str,
    generate: impl Fn(&Path, usize) -> std::io::Result<(usize, usize)>,
    baseline: impl Fn(&Path) -> Duration,
) -> std::io::Result<()> {
    let mut table = format!(
        "| resources | {unit} | baseline: {baseline_label} | lzscan scan | resources/s | scan / baseline | findings |\n|---:|---:|---:|---:|---:|---:|---:|\n"
    );
    for n in sizes() {
        let dir = tempfile::tempdir()?;
        let (units, at_least) = generate(dir.path(), n)?;
        let runs = if n >= 100_000 { 1 } else { 3 };
        let mut base = Duration::MAX;
        let mut full = Duration::MAX;
        let mut last = None;
        for _ in 0..runs {
            base = base.min(baseline(dir.path()));
            let opts = ScanOptions {
                paths: vec![dir.path().to_path_buf()],
                ..ScanOptions::default()
            };
            let start = Instant::now();
            let r = scan(&opts);
            full = full.min(start.elapsed());
            last = Some(r);
        }
        let Some(r) = last else { continue };
        assert!(r.resource_count >= at_least, "every resource is read");
        assert!(!r.has_errors(), "{:?}", r.diagnostics.first());
        let t = r.timings;
        eprintln!(
            "{n:>7} resources: parse {:?}, graph {:?}, rules {:?}",
            t.parse, t.graph, t.evaluate
        );
        let _ = writeln!(
            table,
            "| {} | {units} | {:.3} s | {:.3} s | {:.0} | {:.1}x | {} |",
            r.resource_count,
            base.as_secs_f64(),
            full.as_secs_f64(),
            r.resource_count as f64 / full.as_secs_f64(),
            full.as_secs_f64() / base.as_secs_f64(),
            r.findings.len()
        );
    }
    println!("\n{title} (best of runs)\n\n{table}");
    Ok(())
}
