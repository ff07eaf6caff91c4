//! Exported tenant state at scale: synthetic Resource Graph exports of 1k to 1M
//! resources (`LZSCAN_BENCH_SIZES=1000,10000,100000,1000000`) scanned by the
//! release binary with every rule, against the floor of reading the same file
//! and parsing it with serde_json alone, measured in the same run.
//!
//! ```text
//! cargo bench --bench export
//! ```
//!
//! Prints a Markdown table: wall time, resources per second, peak memory (the
//! scan's max RSS), and the ratios the targets are stated in. Times are the best
//! of several runs, floor and scan alike (21 at 1k, whose 40 ms are at the
//! mercy of the machine's noise; five at 10k and 100k; three at 1M). Beside the
//! ratio of the best times is the median of each run's own ratio: a run's floor
//! and scan follow each other, so they share the machine's mood of the moment.
//! Memory is the highest of the runs.
//!
//! Growth (time for ten times the resources) is given twice: as the ratio of
//! the best times of the two sizes, and as the median of paired runs, where
//! each scan is preceded by a scan of the previous size's file. The best times
//! of two sizes may come from different minutes of a machine whose speed
//! wanders by a fifth or more; a pair shares its minute.

#[path = "common/export_gen.rs"]
mod export_gen;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn sizes() -> Vec<usize> {
    std::env::var("LZSCAN_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

/// Runs the binary and returns its wall time and peak resident memory in bytes.
fn run_scan(file: &Path) -> std::io::Result<(Duration, u64, std::process::ExitStatus)> {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_lzscan"))
        .args(["scan", "--no-config", "--quiet", "-f", "json=/dev/null"])
        .arg(file)
        .spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `usage` is a plain C struct that wait4 fills in; `pid` is our child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    if rc < 0 {
        return Err(std::io::Error::last_os_error());
    }
    use std::os::unix::process::ExitStatusExt;
    Ok((
        elapsed,
        usage.ru_maxrss as u64 * 1024,
        std::process::ExitStatus::from_raw(status),
    ))
}

/// Set on a child of this benchmark that measures the baseline.
const BASELINE_CHILD: &str = "LZSCAN_BENCH_BASELINE_OF";

/// The floor: read the file and parse it whole with serde_json. Measured in a child
/// process: Linux carries a process's peak resident memory across `exec`, so a
/// scan started from a benchmark that had held the parsed file would report the
/// benchmark's peak as its own.
fn baseline(file: &Path) -> std::io::Result<Duration> {
    let out = Command::new(std::env::current_exe()?)
        .env(BASELINE_CHILD, file)
        .output()?;
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse::<u64>()
        .map(Duration::from_nanos)
        .map_err(|e| std::io::Error::other(format!("baseline child: {e}")))
}

fn baseline_child(file: &Path) -> std::io::Result<()> {
    let start = Instant::now();
    let bytes = std::fs::read(file)?;
    let v: serde_json::Value = serde_json::from_slice(&bytes)?;
    let t = start.elapsed();
    drop(v);
    println!("{}", t.as_nanos());
    Ok(())
}

/// A scan that must report the planted findings: its wall time and peak memory.
fn checked_scan(file: &Path) -> std::io::Result<(Duration, u64)> {
    let (t, rss, status) = run_scan(file)?;
    assert_eq!(
        status.code(),
        Some(1),
        "the scan reports the planted findings"
    );
    Ok((t, rss))
}

fn min(times: &[Duration]) -> Duration {
    times.iter().copied().min().unwrap_or_default()
}

/// The middle one of each run's scan over its own reference (its floor, or the
/// scan of the previous size just before it); the upper one of an even count.
fn median_ratio(scans: &[Duration], bases: &[Duration]) -> f64 {
    let mut ratios: Vec<f64> = scans
        .iter()
        .zip(bases)
        .map(|(s, b)| s.as_secs_f64() / b.as_secs_f64())
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios.get(ratios.len() / 2).copied().unwrap_or_default()
}

fn main() -> std::io::Result<()> {
    if let Some(file) = std::env::var_os(BASELINE_CHILD) {
        return baseline_child(Path::new(&file));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let units = export_gen::units(root)?;
    let mut table = String::from(
        "| resources | file | baseline: read + serde_json | lzscan scan | resources/s | peak memory | scan / baseline | median of each run's scan / baseline | runs | time / previous size (best of each) | median of paired runs' time / previous size |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    // The previous size: its resources, best time, and file (kept for the pairs).
    let mut previous: Option<(usize, Duration, tempfile::TempDir)> = None;
    for n in sizes() {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("tenant.json");
        let m = export_gen::write(&units, n, &file)?;
        let size = std::fs::metadata(&file)?.len();
        // The machine's speed wanders between runs: times are the best of a few
        // runs (floor and scan alike, interleaved), memory the highest.
        // 10k and 100k get as many runs as each other: the growth between them
        // is a target, and a best of more runs is a lower best.
        let runs = match n {
            n if n >= 1_000_000 => 3,
            n if n >= 10_000 => 5,
            _ => 21,
        };
        let mut bases = Vec::with_capacity(runs);
        let mut scans = Vec::with_capacity(runs);
        let mut pairs = Vec::with_capacity(runs);
        let mut rss_max = 0u64;
        for _ in 0..runs {
            bases.push(baseline(&file)?);
            if let Some((_, _, dir)) = &previous {
                pairs.push(checked_scan(&dir.path().join("tenant.json"))?.0);
            }
            let (t, rss) = checked_scan(&file)?;
            scans.push(t);
            rss_max = rss_max.max(rss);
        }
        let base = min(&bases);
        let best = (min(&scans), rss_max);
        let (growth, paired) = match &previous {
            Some((pn, pt, _)) => (
                format!(
                    "{:.2}x for {:.0}x the resources",
                    best.0.as_secs_f64() / pt.as_secs_f64(),
                    m.resources as f64 / *pn as f64
                ),
                format!("{:.2}x", median_ratio(&scans, &pairs)),
            ),
            None => (String::new(), String::new()),
        };
        let _ = writeln!(
            table,
            "| {} | {:.0} MB | {:.3} s | {:.3} s | {:.0} | {:.0} MB | {:.2}x | {:.2}x | {runs} | {growth} | {paired} |",
            m.resources,
            size as f64 / 1e6,
            base.as_secs_f64(),
            best.0.as_secs_f64(),
            m.resources as f64 / best.0.as_secs_f64(),
            best.1 as f64 / 1e6,
            best.0.as_secs_f64() / base.as_secs_f64(),
            median_ratio(&scans, &bases),
        );
        eprintln!("{n}: done");
        previous = Some((m.resources, best.0, dir));
    }
    println!("{table}");
    Ok(())
}
