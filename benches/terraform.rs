//! Terraform throughput: generated root modules calling many local modules, each
//! expanding resources with `for_each` and `count`, at 1k, 10k and 100k resources.
//!
//! `cargo bench --bench terraform` (sizes: `LZSCAN_BENCH_SIZES=1000,10000`). The
//! baseline measured in the same run is reading every `.tf` file and parsing it
//! with hcl-edit alone, without evaluation: the floor for any HCL-based scanner.

mod common;

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

/// Writes the modules; returns how many.
fn generate(dir: &Path, total: usize) -> std::io::Result<usize> {
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
    std::fs::write(dir.join("main.tf"), root)?;
    Ok(modules)
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
    common::run(
        "lzscan Terraform throughput",
        "modules",
        "read + hcl-edit parse",
        |dir, n| {
            let units = generate(dir, n)?;
            Ok((units, units * PER_MODULE))
        },
        baseline,
    )
}
