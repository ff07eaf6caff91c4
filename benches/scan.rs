//! Scan throughput on generated ARM templates of 1k, 10k and 100k resources.
//!
//! `cargo bench --bench scan` (sizes: `LZSCAN_BENCH_SIZES=1000,10000`). For each
//! size it reports the full scan (discover, parse, graph, all built-in rules) in
//! resources per second, and as the baseline measured in the same run, the time to
//! read and `serde_json`-parse the same files: the floor no scanner can beat.
//! Figures are ratios against that floor, so they compare across machines.

use lzscan::scan::{scan, ScanOptions};
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

/// Resources per generated template file.
const PER_FILE: usize = 100;

/// One template of `n` resources: storage accounts (some with private endpoints,
/// some LRS), Key Vaults, VNets with subnets, and untagged public IPs.
fn template(file: usize, n: usize) -> String {
    let mut res = Vec::with_capacity(n);
    let mut i = 0;
    while res.len() < n {
        let k = file * PER_FILE + i;
        let tags = if k % 7 == 0 {
            r#"{"project": "bench"}"#.to_string()
        } else {
            r#""[variables('tags')]""#.to_string()
        };
        match i % 5 {
            0 => res.push(format!(
                r#"{{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "[format('sa{{0}}', {k})]", "location": "[parameters('location')]", "tags": {tags}, "kind": "StorageV2", "sku": {{"name": "{}"}}, "properties": {{"isHnsEnabled": true, "publicNetworkAccess": "Disabled", "minimumTlsVersion": "TLS1_2"}}}}"#,
                if k % 3 == 0 { "Standard_LRS" } else { "Standard_GZRS" }
            )),
            1 => res.push(format!(
                r#"{{"type": "Microsoft.Network/privateEndpoints", "apiVersion": "2023-09-01", "name": "pe{k}", "location": "[parameters('location')]", "tags": {tags}, "properties": {{"subnet": {{"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet{file}', 'pe')]"}}, "privateLinkServiceConnections": [{{"name": "blob", "properties": {{"privateLinkServiceId": "[resourceId('Microsoft.Storage/storageAccounts', format('sa{{0}}', {}))]", "groupIds": ["blob"]}}}}]}}}}"#,
                k - 1
            )),
            2 => res.push(format!(
                r#"{{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv{k}", "location": "[parameters('location')]", "tags": {tags}, "properties": {{"tenantId": "[subscription().tenantId]", "sku": {{"family": "A", "name": "premium"}}, "enablePurgeProtection": true}}}}"#
            )),
            3 => res.push(format!(
                r#"{{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "vnet{k}", "location": "[parameters('location')]", "tags": {tags}, "properties": {{"addressSpace": {{"addressPrefixes": ["10.0.0.0/16"]}}, "subnets": [{{"name": "pe", "properties": {{"addressPrefix": "10.0.1.0/24"}}}}]}}}}"#
            )),
            _ => res.push(format!(
                r#"{{"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-09-01", "name": "pip{k}", "location": "[parameters('location')]", "sku": {{"name": "Standard"}}, "properties": {{"publicIPAllocationMethod": "Static"}}}}"#
            )),
        }
        i += 1;
    }
    format!(
        r#"{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {{"location": {{"type": "string", "defaultValue": "westeurope"}}}},
  "variables": {{"tags": {{"cost-center": "ai", "project": "bench", "environment": "prod"}}}},
  "resources": [
    {}
  ]
}}
"#,
        res.join(",\n    ")
    )
}

fn generate(dir: &Path, total: usize) -> std::io::Result<()> {
    let files = total.div_ceil(PER_FILE);
    for f in 0..files {
        let n = PER_FILE.min(total - f * PER_FILE);
        let sub = dir.join(format!("d{}", f / 100));
        std::fs::create_dir_all(&sub)?;
        std::fs::write(sub.join(format!("t{f}.json")), template(f, n))?;
    }
    Ok(())
}

/// Read and parse every file with serde_json: the floor.
fn baseline(dir: &Path) -> Duration {
    let start = Instant::now();
    let mut count = 0usize;
    for e in ignore::WalkBuilder::new(dir).build().flatten() {
        if e.path().extension().is_some_and(|x| x == "json") {
            if let Ok(text) = std::fs::read_to_string(e.path()) {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
                    count += v["resources"].as_array().map_or(0, Vec::len);
                }
            }
        }
    }
    std::hint::black_box(count);
    start.elapsed()
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> (Duration, T)) -> (Duration, T) {
    let mut best = f();
    for _ in 1..runs {
        let r = f();
        if r.0 < best.0 {
            best = r;
        }
    }
    best
}

fn main() -> std::io::Result<()> {
    let sizes: Vec<usize> = std::env::var("LZSCAN_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000]);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut table = String::new();
    let _ = writeln!(
        table,
        "| resources | files | baseline: read + serde_json | lzscan scan | resources/s | scan / baseline | findings |\n|---:|---:|---:|---:|---:|---:|---:|"
    );
    for &n in &sizes {
        let dir = tempfile::tempdir()?;
        generate(dir.path(), n)?;
        let runs = if n >= 100_000 { 2 } else { 5 };
        let (base, ()) = best_of(runs, || (baseline(dir.path()), ()));
        let opts = ScanOptions {
            paths: vec![dir.path().to_path_buf()],
            ..ScanOptions::default()
        };
        let (full, result) = best_of(runs, || {
            let start = Instant::now();
            let r = scan(&opts);
            (start.elapsed(), r)
        });
        assert_eq!(result.resource_count, n, "every generated resource is read");
        assert!(!result.has_errors(), "{:?}", result.diagnostics.first());
        let t = result.timings;
        eprintln!(
            "{n:>7} resources: parse {:?}, graph {:?}, evaluate {:?}",
            t.parse, t.graph, t.evaluate
        );
        let _ = writeln!(
            table,
            "| {n} | {} | {:.3} s | {:.3} s | {:.0} | {:.2}x | {} |",
            n.div_ceil(PER_FILE),
            base.as_secs_f64(),
            full.as_secs_f64(),
            n as f64 / full.as_secs_f64(),
            full.as_secs_f64() / base.as_secs_f64(),
            result.findings.len()
        );
    }
    println!("\nlzscan scan throughput ({threads} threads, best of runs)\n\n{table}");
    Ok(())
}
