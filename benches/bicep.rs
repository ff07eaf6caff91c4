//! Bicep throughput: generated templates (loops, modules, string interpolation)
//! at 1k, 10k and 100k resources, parsed and normalised onto the resource graph
//! and checked by every built-in rule.
//!
//! `cargo bench --bench bicep` (sizes: `LZSCAN_BENCH_SIZES=1000,10000`). The
//! baseline measured in the same run is reading every file and parsing it with
//! lzscan's Bicep parser alone.

use lzscan::parse::bicep::syntax;
use lzscan::scan::{scan, ScanOptions};
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

/// Resources one generated template declares.
const PER_FILE: usize = 100;

fn template(i: usize) -> String {
    format!(
        r#"param location string = 'westeurope'
param tags object = {{
  'cost-center': 'ai'
  project: 'bench'
  environment: 'prod'
}}
var names = [for n in range(0, 25): 'st{i}x${{n}}']

resource accounts 'Microsoft.Storage/storageAccounts@2023-05-01' = [for (name, n) in names: {{
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {{
    name: n % 3 == 0 ? 'Standard_LRS' : 'Standard_GZRS'
  }}
  properties: {{
    isHnsEnabled: true
    publicNetworkAccess: 'Disabled'
  }}
}}]

resource endpoints 'Microsoft.Network/privateEndpoints@2023-09-01' = [for (name, n) in names: {{
  name: 'pe-${{name}}'
  location: location
  tags: tags
  properties: {{
    privateLinkServiceConnections: [
      {{
        name: 'blob'
        properties: {{
          privateLinkServiceId: accounts[n].id
          groupIds: [ 'blob' ]
        }}
      }}
    ]
  }}
}}]

resource vaults 'Microsoft.KeyVault/vaults@2023-07-01' = [for n in range(0, 30): {{
  name: 'kv-{i}-${{n}}'
  location: location
  tags: n % 7 == 0 ? {{ project: 'bench' }} : tags
  properties: {{
    tenantId: subscription().tenantId
    sku: {{ family: 'A', name: 'premium' }}
  }}
}}]

resource ips 'Microsoft.Network/publicIPAddresses@2023-09-01' = [for n in range(0, 20): {{
  name: 'pip-{i}-${{n}}'
  location: location
  sku: {{ name: 'Standard' }}
  properties: {{ publicIPAllocationMethod: 'Static' }}
}}]
"#
    )
}

fn generate(dir: &Path, total: usize) -> std::io::Result<usize> {
    let files = total.div_ceil(PER_FILE);
    for f in 0..files {
        let sub = dir.join(format!("d{}", f / 100));
        std::fs::create_dir_all(&sub)?;
        std::fs::write(sub.join(format!("t{f}.bicep")), template(f))?;
    }
    Ok(files)
}

fn baseline(dir: &Path) -> Duration {
    let start = Instant::now();
    let mut n = 0usize;
    for e in ignore::WalkBuilder::new(dir).build().flatten() {
        if e.path().extension().is_some_and(|x| x == "bicep") {
            if let Ok(text) = std::fs::read_to_string(e.path()) {
                if let Ok(p) = syntax::parse(&text) {
                    n += p.decls.len();
                }
            }
        }
    }
    std::hint::black_box(n);
    start.elapsed()
}

fn main() -> std::io::Result<()> {
    let sizes: Vec<usize> = std::env::var("LZSCAN_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000]);
    let mut table = String::from(
        "| resources | files | baseline: read + parse | lzscan scan | resources/s | scan / baseline | findings |\n|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for &n in &sizes {
        let dir = tempfile::tempdir()?;
        let files = generate(dir.path(), n)?;
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
        assert_eq!(r.resource_count, files * PER_FILE, "every resource is read");
        assert!(!r.has_errors(), "{:?}", r.diagnostics.first());
        let t = r.timings;
        eprintln!(
            "{n:>7} resources: parse+normalise {:?}, graph {:?}, rules {:?}",
            t.parse, t.graph, t.evaluate
        );
        let _ = writeln!(
            table,
            "| {} | {files} | {:.3} s | {:.3} s | {:.0} | {:.1}x | {} |",
            r.resource_count,
            base.as_secs_f64(),
            full.as_secs_f64(),
            r.resource_count as f64 / full.as_secs_f64(),
            full.as_secs_f64() / base.as_secs_f64(),
            r.findings.len()
        );
    }
    println!("\nlzscan Bicep throughput (best of runs)\n\n{table}");
    Ok(())
}
