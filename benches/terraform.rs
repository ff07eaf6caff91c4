//! Terraform throughput: generated root modules calling many local modules, each
//! expanding resources with `for_each` and `count`, at 1k, 10k and 100k resources.
//!
//! `cargo bench --bench terraform` (sizes: `LZSCAN_BENCH_SIZES=1000,10000`). The
//! baseline measured in the same run is reading every `.tf` file and parsing it
//! with hcl-edit alone, without evaluation: the floor for any HCL-based scanner.

use lzscan::scan::{scan, ScanOptions};
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

/// Resource instances one generated module produces.
const PER_MODULE: usize = 100;

fn module(i: usize) -> String {
    // 20 storage accounts (for_each), 20 private endpoints on them, 40 key vaults
    // and 20 public IPs (count): 100 resources.
    format!(
        r#"variable "tags" {{ type = map(string) }}
variable "location" {{ type = string }}

locals {{
  accounts = {{ for n in range(20) : "a${{n}}" => n % 3 == 0 ? "LRS" : "GZRS" }}
}}

resource "azurerm_storage_account" "sa" {{
  for_each                 = local.accounts
  name                     = "st{i}${{each.key}}"
  location                 = var.location
  resource_group_name      = "rg-{i}"
  account_tier             = "Standard"
  account_replication_type = each.value
  tags                     = var.tags
}}

resource "azurerm_private_endpoint" "pe" {{
  for_each            = azurerm_storage_account.sa
  name                = "pe-${{each.value.name}}"
  location            = var.location
  resource_group_name = "rg-{i}"
  subnet_id           = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe"
  tags                = var.tags
  private_service_connection {{
    name                           = "blob"
    private_connection_resource_id = each.value.id
    is_manual_connection           = false
  }}
}}

resource "azurerm_key_vault" "kv" {{
  count               = 40
  name                = "kv-{i}-${{count.index}}"
  location            = var.location
  resource_group_name = "rg-{i}"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "premium"
  tags                = count.index % 7 == 0 ? {{ project = "bench" }} : var.tags
}}

resource "azurerm_public_ip" "pip" {{
  count               = 20
  name                = "pip-{i}-${{count.index}}"
  location            = var.location
  resource_group_name = "rg-{i}"
  allocation_method   = "Static"
  sku                 = "Standard"
}}
"#
    )
}

fn generate(dir: &Path, total: usize) -> std::io::Result<()> {
    let modules = total.div_ceil(PER_MODULE);
    let mut root = String::from(
        "locals {\n  tags = { cost-center = \"ai\", project = \"bench\", environment = \"prod\" }\n}\n",
    );
    for i in 0..modules {
        let m = dir.join(format!("modules/m{i}"));
        std::fs::create_dir_all(&m)?;
        std::fs::write(m.join("main.tf"), module(i))?;
        let _ = writeln!(
            root,
            "module \"m{i}\" {{\n  source   = \"./modules/m{i}\"\n  location = \"westeurope\"\n  tags     = local.tags\n}}"
        );
    }
    std::fs::write(dir.join("main.tf"), root)
}

fn baseline(dir: &Path) -> Duration {
    let start = Instant::now();
    let mut n = 0usize;
    for e in ignore::WalkBuilder::new(dir).build().flatten() {
        if e.path().extension().is_some_and(|x| x == "tf") {
            if let Ok(text) = std::fs::read_to_string(e.path()) {
                if let Ok(body) = hcl_edit::parser::parse_body(&text) {
                    n += body.len();
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
        "| resources | modules | baseline: read + hcl-edit parse | lzscan scan | resources/s | scan / baseline | findings |\n|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for &n in &sizes {
        let dir = tempfile::tempdir()?;
        generate(dir.path(), n)?;
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
        // Storage accounts also give their blob service (a child resource in ARM).
        assert!(
            r.resource_count >= n.div_ceil(PER_MODULE) * PER_MODULE,
            "every resource is read"
        );
        assert!(!r.has_errors(), "{:?}", r.diagnostics.first());
        let t = r.timings;
        eprintln!(
            "{n:>7} resources: parse+evaluate {:?}, graph {:?}, rules {:?}",
            t.parse, t.graph, t.evaluate
        );
        let _ = writeln!(
            table,
            "| {} | {} | {:.3} s | {:.3} s | {:.0} | {:.1}x | {} |",
            r.resource_count,
            n.div_ceil(PER_MODULE),
            base.as_secs_f64(),
            full.as_secs_f64(),
            r.resource_count as f64 / full.as_secs_f64(),
            full.as_secs_f64() / base.as_secs_f64(),
            r.findings.len()
        );
    }
    println!("\nlzscan Terraform throughput (best of runs)\n\n{table}");
    Ok(())
}
