//! Bicep throughput: generated templates (loops, modules, string interpolation)
//! at 1k, 10k and 100k resources, parsed and normalised onto the resource graph
//! and checked by every built-in rule.
//!
//! `cargo bench --bench bicep` (sizes: `LZSCAN_BENCH_SIZES=1000,10000`). The
//! baseline measured in the same run is reading every file and parsing it with
//! lzscan's Bicep parser alone.

use lzscan::parse::bicep::syntax;
mod common;

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
    common::run(
        "lzscan Bicep throughput",
        "files",
        "read + parse",
        |dir, n| {
            let units = generate(dir, n)?;
            Ok((units, units * PER_FILE))
        },
        baseline,
    )
}
