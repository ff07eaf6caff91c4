//! Tests of the Terraform reader on the shapes real landing-zone code uses.

use super::*;
use crate::discover::Kind;
use proptest::prelude::*;

fn project(files: &[(&str, &str)]) -> (tempfile::TempDir, Vec<Input>) {
    let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut inputs = Vec::new();
    for (p, text) in files {
        let full = d.path().join(p);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(&full, text).unwrap_or_else(|e| panic!("{e}"));
        if p.ends_with(".tf") || p.ends_with(".tf.json") {
            inputs.push(Input {
                display: p.to_string(),
                path: full,
                kind: Kind::Terraform,
            });
        }
    }
    (d, inputs)
}

fn read_all(files: &[(&str, &str)], opts: &TfOptions) -> TfResult {
    let (_d, inputs) = project(files);
    let refs: Vec<&Input> = inputs.iter().collect();
    read(&refs, opts, &BTreeSet::new())
}

fn by_id<'a>(r: &'a TfResult, id: &str) -> &'a Resource {
    // Ids are prefixed with the root module's folder.
    let suffix = format!(":{id}");
    r.resources
        .iter()
        .find(|x| *x.id == *id || x.id.ends_with(&suffix))
        .unwrap_or_else(|| {
            panic!(
                "no {id} in {:?}",
                r.resources.iter().map(|x| &x.id).collect::<Vec<_>>()
            )
        })
}

/// Errors and warnings: everything that says the configuration is wrong.
fn errors(r: &TfResult) -> Vec<String> {
    r.diagnostics
        .iter()
        .filter(|d| d.level != crate::finding::Level::Note)
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn variables_tfvars_and_command_line_in_terraform_order() {
    let files = [
        ("main.tf", "variable \"a\" { default = \"default\" }\nvariable \"b\" { default = \"default\" }\nvariable \"c\" { default = \"default\" }\nvariable \"d\" {}\nvariable \"e\" {}\nresource \"azurerm_resource_group\" \"rg\" {\n  name = \"${var.a}-${var.b}-${var.c}-${var.d}\"\n  location = var.e\n}\n"),
        ("terraform.tfvars", "b = \"tfvars\"\nc = \"tfvars\"\nd = \"tfvars\"\n"),
        ("x.auto.tfvars", "c = \"auto\"\nd = \"auto\"\n"),
        ("prod.tfvars", "d = \"file\"\n"),
    ];
    let (_d, inputs) = project(&files);
    let refs: Vec<&Input> = inputs.iter().collect();
    let opts = TfOptions {
        var_files: vec![_d.path().join("prod.tfvars")],
        vars: vec![],
    };
    let r = read(&refs, &opts, &BTreeSet::new());
    assert_eq!(errors(&r), Vec::<String>::new());
    let rg = by_id(&r, "azurerm_resource_group.rg");
    assert_eq!(rg.name.as_deref(), Some("default-tfvars-auto-file"));
    assert!(
        rg.location.is_none() && rg.unknown.contains_key("location"),
        "a variable without value is unknown"
    );
    let opts = TfOptions {
        var_files: vec![],
        vars: vec![
            ("a".into(), "cli".into()),
            ("e".into(), "westeurope".into()),
        ],
    };
    let r = read(&refs, &opts, &BTreeSet::new());
    let rg = by_id(&r, "azurerm_resource_group.rg");
    assert_eq!(rg.name.as_deref(), Some("cli-tfvars-auto-auto"));
    assert_eq!(rg.location.as_deref(), Some("westeurope"));
}

#[test]
fn count_for_each_and_dynamic_blocks_expand() {
    let r = read_all(
        &[(
            "main.tf",
            r#"
locals {
  accounts = { raw = "LRS", gold = "GZRS" }
  rules    = ["10.0.0.0/24", "10.0.1.0/24"]
}
resource "azurerm_storage_account" "sa" {
  for_each                 = local.accounts
  name                     = "st${each.key}"
  account_tier             = "Standard"
  account_replication_type = each.value
  dynamic "network_rules" {
    for_each = length(local.rules) > 0 ? [1] : []
    content {
      default_action = "Deny"
      ip_rules       = local.rules
    }
  }
}
resource "azurerm_public_ip" "pip" {
  count = 2
  name  = "pip-${count.index}"
}
resource "azurerm_public_ip" "maybe" {
  count = var.n
  name  = "pip-maybe"
}
variable "n" {}
"#,
        )],
        &TfOptions::default(),
    );
    assert_eq!(errors(&r), Vec::<String>::new());
    by_id(&r, "azurerm_storage_account.sa[\"raw\"]");
    let gold = by_id(&r, "azurerm_storage_account.sa[\"gold\"]");
    assert_eq!(gold.name.as_deref(), Some("stgold"));
    by_id(&r, "azurerm_public_ip.pip[0]");
    assert_eq!(
        by_id(&r, "azurerm_public_ip.pip[1]").name.as_deref(),
        Some("pip-1")
    );
    by_id(&r, "azurerm_public_ip.maybe[*]");
}

#[test]
fn modules_pass_inputs_and_outputs_and_are_evaluated_per_call() {
    let r = read_all(
        &[
            ("main.tf", "module \"spoke\" {\n  source = \"./spoke\"\n  for_each = toset([\"a\", \"b\"])\n  name = each.key\n}\nresource \"azurerm_resource_group\" \"uses\" {\n  name = module.spoke[\"a\"].vnet_name\n}\n"),
            ("spoke/main.tf", "variable \"name\" {}\nresource \"azurerm_virtual_network\" \"v\" {\n  name = \"vnet-${var.name}\"\n}\noutput \"vnet_name\" { value = azurerm_virtual_network.v.name }\noutput \"id\" { value = azurerm_virtual_network.v.id }\n"),
        ],
        &TfOptions::default(),
    );
    assert_eq!(errors(&r), Vec::<String>::new());
    // The module folder is not also scanned as a root of its own.
    assert_eq!(
        r.resources.len(),
        3,
        "{:?}",
        r.resources.iter().map(|x| &x.id).collect::<Vec<_>>()
    );
    assert_eq!(
        by_id(&r, "module.spoke[\"b\"].azurerm_virtual_network.v")
            .name
            .as_deref(),
        Some("vnet-b")
    );
    assert_eq!(
        by_id(&r, "azurerm_resource_group.uses").name.as_deref(),
        Some("vnet-a")
    );
}

#[test]
fn computed_attributes_are_unknown_references() {
    let r = read_all(
        &[(
            "main.tf",
            "resource \"azurerm_storage_account\" \"sa\" { name = \"data\" }\nresource \"azurerm_private_endpoint\" \"pe\" {\n  name = \"pe-${azurerm_storage_account.sa.name}\"\n  private_service_connection {\n    name = \"blob\"\n    private_connection_resource_id = azurerm_storage_account.sa.id\n  }\n}\n",
        )],
        &TfOptions::default(),
    );
    let pe = by_id(&r, "azurerm_private_endpoint.pe");
    assert_eq!(
        pe.name.as_deref(),
        Some("pe-data"),
        "configured attributes are known"
    );
    let refs: Vec<&String> = pe.unknown.values().flatten().collect();
    assert!(
        refs.iter()
            .any(|x| x.ends_with(":azurerm_storage_account.sa")),
        "{:?}",
        pe.unknown
    );
}

#[test]
fn provider_aliases_give_subscriptions() {
    let r = read_all(
        &[(
            "main.tf",
            "provider \"azurerm\" {\n  features {}\n  subscription_id = \"hub-sub\"\n}\nprovider \"azurerm\" {\n  alias = \"ai\"\n  features {}\n  subscription_id = \"ai-sub\"\n}\nresource \"azurerm_resource_group\" \"hub\" { name = \"hub\" }\nresource \"azurerm_resource_group\" \"ai\" {\n  provider = azurerm.ai\n  name = \"ai\"\n}\nmodule \"m\" {\n  source = \"./m\"\n  providers = { azurerm = azurerm.ai }\n}\n",
        ), ("m/main.tf", "resource \"azurerm_resource_group\" \"inner\" { name = \"inner\" }\n")],
        &TfOptions::default(),
    );
    assert_eq!(
        by_id(&r, "azurerm_resource_group.hub")
            .subscription
            .as_deref(),
        Some("hub-sub")
    );
    assert_eq!(
        by_id(&r, "azurerm_resource_group.ai")
            .subscription
            .as_deref(),
        Some("ai-sub")
    );
    assert_eq!(
        by_id(&r, "module.m.azurerm_resource_group.inner")
            .subscription
            .as_deref(),
        Some("ai-sub")
    );
}

#[test]
fn bad_input_is_reported_with_lines_and_the_rest_is_read() {
    let r = read_all(
        &[
            ("main.tf", "resource \"azurerm_resource_group\" \"ok\" { name = \"ok\" }\nmodule \"gone\" { source = \"./does-not-exist\" }\nmodule \"reg\" { source = \"Azure/avm-res-network-virtualnetwork/azurerm\" }\nresource \"azurerm_resource_group\" \"fn\" { name = nosuchfn(\"x\") }\nresource \"azurerm_resource_group\" \"v\" { name = var.undeclared }\n"),
            ("broken.tf", "resource \"azurerm_resource_group\" \"b\" {\n  name = \n}\n"),
        ],
        &TfOptions::default(),
    );
    let errs = errors(&r);
    assert!(
        errs.iter()
            .any(|e| e.contains("broken.tf:2:") && e.contains("invalid HCL")),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|e| e.contains("does-not-exist")),
        "{errs:?}"
    );
    assert!(
        errs.iter()
            .any(|e| e.contains("unknown function 'nosuchfn'")),
        "{errs:?}"
    );
    assert!(
        errs.iter()
            .any(|e| e.contains("variable \"undeclared\" is not declared")),
        "{errs:?}"
    );
    let notes: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("not resolved") && n.contains("terraform init")),
        "{notes:?}"
    );
    by_id(&r, "azurerm_resource_group.ok");
}

#[test]
fn module_cycles_are_detected() {
    let r = read_all(
        &[
            ("root/main.tf", "module \"a\" { source = \"../a\" }\n"),
            ("a/main.tf", "module \"b\" { source = \"../b\" }\nresource \"azurerm_resource_group\" \"a\" { name = \"a\" }\n"),
            ("b/main.tf", "module \"a\" { source = \"../a\" }\n"),
        ],
        &TfOptions::default(),
    );
    assert!(
        errors(&r).iter().any(|e| e.contains("module cycle")),
        "{:?}",
        errors(&r)
    );
}

#[test]
fn registry_modules_are_followed_after_terraform_init() {
    let r = read_all(
        &[
            ("main.tf", "module \"vnet\" {\n  source = \"Azure/avm-res-network-virtualnetwork/azurerm\"\n  name = \"vnet-hub\"\n}\n"),
            (".terraform/modules/modules.json", r#"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"vnet","Source":"registry.terraform.io/Azure/avm-res-network-virtualnetwork/azurerm","Dir":".terraform/modules/vnet"}]}"#),
            (".terraform/modules/vnet/main.tf", "variable \"name\" {}\nresource \"azurerm_virtual_network\" \"this\" { name = var.name }\n"),
        ],
        &TfOptions::default(),
    );
    assert_eq!(
        by_id(&r, "module.vnet.azurerm_virtual_network.this")
            .name
            .as_deref(),
        Some("vnet-hub")
    );
}

#[test]
fn trailing_operator_continuations_parse() {
    // Valid Terraform that hcl-edit alone rejects (seen in the Azure landing-zone
    // modules): a `for` expression whose condition continues after `&&`.
    let r = read_all(
        &[(
            "main.tf",
            "locals {\n  xs = { for k, v in { a = 1, b = 2 } : k => v if v > 0 &&\n    k != \"b\" }\n}\nresource \"azurerm_resource_group\" \"r\" { name = join(\",\", keys(local.xs)) }\n",
        )],
        &TfOptions::default(),
    );
    assert_eq!(errors(&r), Vec::<String>::new());
}

#[test]
fn a_key_written_twice_in_an_object_keeps_the_last_value() {
    // Also seen in the Azure landing-zone module (modules/connectivity/locals.tf).
    let r = read_all(
        &[(
            "main.tf",
            "locals {\n  zones = {\n    web = \"first\"\n    blob = \"b\"\n    web = \"second\"\n  }\n}\nresource \"azurerm_resource_group\" \"r\" { name = local.zones.web }\n",
        )],
        &TfOptions::default(),
    );
    assert_eq!(errors(&r), Vec::<String>::new());
    assert_eq!(
        by_id(&r, "azurerm_resource_group.r").name.as_deref(),
        Some("second")
    );
}

#[test]
fn json_syntax_files_join_their_module() {
    let r = read_all(
        &[
            ("main.tf", "resource \"azurerm_resource_group\" \"r\" { name = local.codes[\"westeurope\"] }\n"),
            ("codes.tf.json", r#"{"locals": {"codes": {"westeurope": "weu-\"quoted\"-${upper(\"x\")}"}}}"#),
        ],
        &TfOptions::default(),
    );
    assert_eq!(errors(&r), Vec::<String>::new());
    assert_eq!(
        by_id(&r, "azurerm_resource_group.r").name.as_deref(),
        Some("weu-\"quoted\"-X")
    );
}

#[test]
fn azapi_bodies_are_arm_already() {
    let r = read_all(
        &[(
            "main.tf",
            "resource \"azapi_resource\" \"sa\" {\n  type = \"Microsoft.Storage/storageAccounts@2023-05-01\"\n  name = \"data\"\n  body = {\n    sku = { name = \"Standard_LRS\" }\n    properties = { publicNetworkAccess = \"Disabled\" }\n  }\n}\n",
        )],
        &TfOptions::default(),
    );
    let sa = by_id(&r, "azapi_resource.sa");
    assert_eq!(&*sa.r#type, "Microsoft.Storage/storageAccounts");
    assert_eq!(sa.body_json()["sku"]["name"], "Standard_LRS");
}

#[test]
fn inline_directives_in_comments() {
    let r = read_all(
        &[(
            "main.tf",
            "# lzscan:ignore LZ301 archive is re-creatable\nresource \"azurerm_storage_account\" \"a\" {\n  name = \"a\"\n  // lzscan:ignore LZ101 reached through the hub's endpoint\n}\n",
        )],
        &TfOptions::default(),
    );
    let a = by_id(&r, "azurerm_storage_account.a");
    let rules: Vec<&str> = a
        .ignores
        .iter()
        .flat_map(|d| d.rules.iter().map(String::as_str))
        .collect();
    assert_eq!(rules, vec!["LZ301", "LZ101"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,300}") {
        let _ = read_all(&[("main.tf", &s)], &TfOptions::default());
    }

    #[test]
    fn mutated_real_modules_never_panic(cut in 0usize..3000, insert in "[{}\\[\\]()\"$=.,:?a-z0-9 \n]{0,10}") {
        let base = include_str!("../../../fixtures/landing-zone/terraform/modules/spoke-data/main.tf");
        let at = base.char_indices().map(|(i, _)| i).nth(cut % base.chars().count()).unwrap_or(0);
        let mut s = base.to_string();
        s.insert_str(at, &insert);
        let _ = read_all(&[("main.tf", &s), ("private_endpoints.tf", include_str!("../../../fixtures/landing-zone/terraform/modules/spoke-data/private_endpoints.tf"))], &TfOptions::default());
    }
}

#[test]
fn budgets_are_in_the_scope_they_name() {
    let r = read_all(
        &[(
            "main.tf",
            r#"
provider "azurerm" {
  features {}
  subscription_id = "22222222-2222-2222-2222-222222222222"
}
variable "sub" {}
data "azurerm_subscription" "current" {}
resource "azurerm_consumption_budget_subscription" "ai" {
  name            = "budget-ai"
  subscription_id = "/subscriptions/11111111-1111-1111-1111-111111111111"
  amount          = 1000
}
resource "azurerm_consumption_budget_subscription" "bare" {
  name            = "budget-bare"
  subscription_id = "33333333-3333-3333-3333-333333333333"
  amount          = 1000
}
resource "azurerm_consumption_budget_subscription" "current" {
  name            = "budget-current"
  subscription_id = data.azurerm_subscription.current.id
  amount          = 1000
}
resource "azurerm_consumption_budget_subscription" "var" {
  name            = "budget-var"
  subscription_id = var.sub
  amount          = 1000
}
resource "azurerm_consumption_budget_resource_group" "rg" {
  name              = "budget-rg"
  resource_group_id = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-ai-training"
  amount            = 100
}
resource "azurerm_resource_group" "local" {
  name     = "rg-local"
  location = "westeurope"
}
resource "azurerm_consumption_budget_resource_group" "local" {
  name              = "budget-local"
  resource_group_id = azurerm_resource_group.local.id
  amount            = 100
}
"#,
        )],
        &TfOptions::default(),
    );
    let at = |id: &str| {
        let b = by_id(&r, id);
        (b.subscription.as_deref(), b.resource_group.as_deref())
    };
    let provider = Some("22222222-2222-2222-2222-222222222222");
    let ai = Some("11111111-1111-1111-1111-111111111111");
    assert_eq!(at("azurerm_consumption_budget_subscription.ai"), (ai, None));
    assert_eq!(
        at("azurerm_consumption_budget_subscription.bare"),
        (Some("33333333-3333-3333-3333-333333333333"), None)
    );
    assert_eq!(
        at("azurerm_consumption_budget_subscription.current"),
        (provider, None),
        "an unknown id keeps the provider's subscription"
    );
    assert_eq!(
        at("azurerm_consumption_budget_subscription.var"),
        (provider, None)
    );
    assert_eq!(
        at("azurerm_consumption_budget_resource_group.rg"),
        (ai, Some("rg-ai-training"))
    );
    assert_eq!(
        at("azurerm_consumption_budget_resource_group.local"),
        (provider, None)
    );
}

#[test]
fn scopes_of_ids() {
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        id_scope("/subscriptions/abc/resourceGroups/rg/providers/X/y/z"),
        (s("abc"), s("rg"))
    );
    assert_eq!(id_scope("/SUBSCRIPTIONS/abc/"), (s("abc"), None));
    assert_eq!(
        id_scope("11111111-1111-1111-1111-111111111111"),
        (s("11111111-1111-1111-1111-111111111111"), None)
    );
    assert_eq!(id_scope("not-an-id"), (None, None));
    assert_eq!(
        id_scope("/providers/Microsoft.Management/managementGroups/mg"),
        (None, None)
    );
    assert_eq!(id_scope(""), (None, None));
}

#[test]
fn front_door_children_have_parent_edges() {
    let r = read_all(
        &[(
            "main.tf",
            r#"
resource "azurerm_cdn_frontdoor_profile" "fd" {
  name                = "afd-ai"
  resource_group_name = "rg"
  sku_name            = "Premium_AzureFrontDoor"
}
resource "azurerm_cdn_frontdoor_endpoint" "ep" {
  name                     = "inference"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.fd.id
}
resource "azurerm_cdn_frontdoor_origin_group" "og" {
  name                     = "og"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.fd.id
  load_balancing {}
}
resource "azurerm_cdn_frontdoor_origin" "ca" {
  name                           = "ca"
  cdn_frontdoor_origin_group_id  = azurerm_cdn_frontdoor_origin_group.og.id
  host_name                      = azurerm_container_app.ca.ingress[0].fqdn
  certificate_name_check_enabled = true
}
resource "azurerm_cdn_frontdoor_security_policy" "waf" {
  name                     = "waf"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.fd.id
  security_policies {
    firewall {
      cdn_frontdoor_firewall_policy_id = "/waf"
      association {
        domain {
          cdn_frontdoor_domain_id = azurerm_cdn_frontdoor_endpoint.ep.id
        }
        patterns_to_match = ["/*"]
      }
    }
  }
}
resource "azurerm_container_app" "ca" {
  name                         = "ca-embeddings"
  container_app_environment_id = "/cae"
  resource_group_name          = "rg"
  revision_mode                = "Single"
}
"#,
        )],
        &TfOptions::default(),
    );
    let id = |a: &str| by_id(&r, a).id.clone();
    let g = crate::graph::Graph::build(r.resources.clone());
    let has = |kind: crate::graph::EdgeKind, from: &str, to: &str| {
        g.edges
            .iter()
            .any(|e| e.kind == kind && e.from == id(from) && e.to == id(to) && e.resolved)
    };
    use crate::graph::EdgeKind::{Parent, Reference};
    let fd = "azurerm_cdn_frontdoor_profile.fd";
    assert!(has(Parent, "azurerm_cdn_frontdoor_security_policy.waf", fd));
    assert!(has(Parent, "azurerm_cdn_frontdoor_endpoint.ep", fd));
    assert!(has(Parent, "azurerm_cdn_frontdoor_origin_group.og", fd));
    assert!(has(
        Parent,
        "azurerm_cdn_frontdoor_origin.ca",
        "azurerm_cdn_frontdoor_origin_group.og"
    ));
    assert!(
        has(
            Reference,
            "azurerm_cdn_frontdoor_origin.ca",
            "azurerm_container_app.ca"
        ),
        "the origin fronts the container app it names"
    );
}

const ACCOUNT: &str = r#"
resource "azurerm_storage_account" "sa" {
  name                     = "stdata"
  location                 = "westeurope"
  resource_group_name      = "rg-data"
  account_tier             = "Standard"
  account_replication_type = "GZRS"
}
"#;

const RULES: &str = r#"
resource "azurerm_subnet" "pe" {
  name                 = "snet-pe"
  virtual_network_name = "vnet"
  resource_group_name  = "rg-data"
}
resource "azurerm_storage_account_network_rules" "sa" {
  storage_account_id         = azurerm_storage_account.sa.id
  default_action             = "Deny"
  ip_rules                   = ["203.0.113.7"]
  virtual_network_subnet_ids = [azurerm_subnet.pe.id]
}
"#;

fn no_rules_resource(r: &TfResult) {
    assert!(
        !r.resources
            .iter()
            .any(|x| *x.r#type == *"azurerm_storage_account_network_rules"),
        "merged into the account, not kept apart"
    );
}

#[test]
fn storage_network_rules_merge_into_the_account() {
    let text = format!("{ACCOUNT}{RULES}");
    let r = read_all(&[("main.tf", &text)], &TfOptions::default());
    assert_eq!(errors(&r), Vec::<String>::new());
    no_rules_resource(&r);
    let sa = by_id(&r, "azurerm_storage_account.sa");
    let acls = &sa.body_json()["properties"]["networkAcls"];
    assert_eq!(acls["defaultAction"], "Deny", "{acls}");
    assert_eq!(acls["ipRules"][0]["value"], "203.0.113.7");
    assert!(
        sa.is_unknown("properties.networkAcls.virtualNetworkRules[0].id"),
        "{:?}",
        sa.unknown
    );
    let line = |p: &str| sa.source.region_of(Some(p)).start_line;
    let rules_line = text
        .lines()
        .position(|l| l.contains("default_action"))
        .map(|i| i + 1);
    assert_eq!(
        Some(line("properties.networkAcls.defaultAction")),
        rules_line,
        "findings on the rules point at the rules resource"
    );
    assert!(line("properties.networkAcls.bypass") > sa.source.region.end_line);
}

#[test]
fn storage_network_rules_in_another_file_point_at_the_account() {
    let r = read_all(
        &[("main.tf", ACCOUNT), ("network.tf", RULES)],
        &TfOptions::default(),
    );
    no_rules_resource(&r);
    let sa = by_id(&r, "azurerm_storage_account.sa");
    assert_eq!(
        sa.body_json()["properties"]["networkAcls"]["defaultAction"],
        "Deny"
    );
    assert_eq!(
        sa.source
            .region_of(Some("properties.networkAcls.defaultAction"))
            .start_line,
        sa.source.region.start_line,
        "a finding names one file: the account's"
    );
}

#[test]
fn storage_network_rules_by_id_name_or_not_at_all() {
    let by_known_id = r#"
resource "azurerm_storage_account_network_rules" "sa" {
  storage_account_id = "/subscriptions/0000/resourceGroups/RG-DATA/providers/Microsoft.Storage/storageAccounts/stdata"
  default_action     = "Deny"
}
"#;
    let r = read_all(
        &[("main.tf", &format!("{ACCOUNT}{by_known_id}"))],
        &TfOptions::default(),
    );
    no_rules_resource(&r);
    assert_eq!(
        by_id(&r, "azurerm_storage_account.sa").body_json()["properties"]["networkAcls"]
            ["defaultAction"],
        "Deny"
    );
    let by_name = r#"
resource "azurerm_storage_account_network_rules" "sa" {
  storage_account_name = "stdata"
  resource_group_name  = "rg-data"
  default_action       = "Deny"
}
"#;
    let r = read_all(
        &[("main.tf", &format!("{ACCOUNT}{by_name}"))],
        &TfOptions::default(),
    );
    no_rules_resource(&r);
    let elsewhere = r#"
resource "azurerm_storage_account_network_rules" "other" {
  storage_account_id = "/subscriptions/0000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stother"
  default_action     = "Deny"
}
"#;
    let r = read_all(
        &[("main.tf", &format!("{ACCOUNT}{elsewhere}"))],
        &TfOptions::default(),
    );
    assert_eq!(
        by_id(&r, "azurerm_storage_account.sa").body_json()["properties"]["networkAcls"]
            ["defaultAction"],
        "Allow",
        "the provider's open default stays"
    );
    assert!(
        r.resources
            .iter()
            .any(|x| *x.r#type == *"azurerm_storage_account_network_rules"),
        "an account outside the scan: the rules stay a resource of their own"
    );
}

#[test]
fn storage_network_rules_merge_in_plans() {
    let text = r#"{
  "format_version": "1.2", "terraform_version": "1.9.8",
  "resource_changes": [
    {"address": "azurerm_storage_account.sa", "mode": "managed", "type": "azurerm_storage_account", "name": "sa",
     "change": {"actions": ["create"], "after": {"name": "stdata", "account_tier": "Standard", "account_replication_type": "GZRS"},
                "after_unknown": {"id": true}}},
    {"address": "azurerm_storage_account_network_rules.sa", "mode": "managed", "type": "azurerm_storage_account_network_rules", "name": "sa",
     "change": {"actions": ["create"], "after": {"default_action": "Deny", "ip_rules": []},
                "after_unknown": {"id": true, "storage_account_id": true}}}
  ],
  "configuration": {"root_module": {"resources": [
    {"address": "azurerm_storage_account_network_rules.sa", "expressions": {
      "storage_account_id": {"references": ["azurerm_storage_account.sa.id", "azurerm_storage_account.sa"]}}}
  ]}}
}"#;
    let file = Arc::new(crate::source::SourceFile::new(
        Path::new("p.json"),
        "p.json".into(),
        text.to_string(),
    ));
    let root = crate::parse::json::parse(text).unwrap_or_else(|e| panic!("{e}"));
    let rs = resources_of(plan::read(&file, &root, ""), Format::Plan);
    let ids: Vec<&str> = rs.iter().map(|r| &*r.id).collect();
    assert_eq!(
        ids,
        vec![
            "azurerm_storage_account.sa",
            "azurerm_storage_account.sa/blobServices/default"
        ]
    );
    assert_eq!(
        rs[0].body_json()["properties"]["networkAcls"]["defaultAction"],
        "Deny"
    );
    assert_eq!(
        rs[0]
            .source
            .region_of(Some("properties.networkAcls.defaultAction"))
            .start_line,
        7,
        "the rules' entry in the plan"
    );
}

/// The LZ302 view of a scan: registries the rule would report (no replica outside
/// the home region, none of unknown location).
fn registries_without_replicas(resources: Vec<Resource>) -> Vec<String> {
    let g = crate::graph::Graph::build(resources);
    g.resources
        .iter()
        .filter(|r| *r.r#type == *"Microsoft.ContainerRegistry/registries")
        .filter(|r| {
            !g.edges.iter().any(|e| {
                e.kind == crate::graph::EdgeKind::Parent
                    && e.to == r.id
                    && g.get(&e.from).is_some_and(|c| {
                        *c.r#type == *"Microsoft.ContainerRegistry/registries/replications"
                            && (c.location.is_none() && c.is_unknown("location")
                                || c.location != r.location)
                    })
            })
        })
        .filter_map(|r| r.name.as_deref().map(str::to_string))
        .collect()
}

#[test]
fn dynamic_georeplications_over_an_unknown_collection_stand_for_unknown_replicas() {
    let text = r#"
variable "replica_regions" { type = list(string) }
resource "azurerm_container_registry" "acr" {
  name     = "crailz"
  location = "westeurope"
  sku      = "Premium"
  dynamic "georeplications" {
    for_each = var.replica_regions
    content {
      location = georeplications.value
    }
  }
}
resource "azurerm_container_registry" "none" {
  name     = "crnone"
  location = "westeurope"
  sku      = "Premium"
  dynamic "georeplications" {
    for_each = []
    content {
      location = georeplications.value
    }
  }
}
"#;
    let r = read_all(&[("main.tf", text)], &TfOptions::default());
    assert_eq!(errors(&r), Vec::<String>::new());
    let rep = r
        .resources
        .iter()
        .find(|x| *x.r#type == *"Microsoft.ContainerRegistry/registries/replications")
        .unwrap_or_else(|| {
            panic!(
                "{:?}",
                r.resources.iter().map(|x| &x.id).collect::<Vec<_>>()
            )
        });
    assert!(rep.name.is_none() && rep.is_unknown("name"));
    assert!(rep.location.is_none() && rep.is_unknown("location"));
    let dynamic_line = text
        .lines()
        .position(|l| l.contains("dynamic \"georeplications\""))
        .map(|i| i + 1);
    assert_eq!(
        Some(rep.source.region.start_line),
        dynamic_line,
        "the replica stands where the dynamic block is"
    );
    assert_eq!(
        registries_without_replicas(r.resources.clone()),
        vec!["crnone".to_string()],
        "an empty collection is known: no replica"
    );
}

#[test]
fn plan_unknown_georeplications_stand_for_unknown_replicas() {
    let text = r#"{
  "format_version": "1.2", "terraform_version": "1.9.8",
  "resource_changes": [
    {"address": "azurerm_container_registry.acr", "mode": "managed", "type": "azurerm_container_registry", "name": "acr",
     "change": {"actions": ["create"], "after": {"name": "crailz", "location": "westeurope", "sku": "Premium"},
                "after_unknown": {"id": true, "georeplications": true}}}
  ]
}"#;
    let file = Arc::new(crate::source::SourceFile::new(
        Path::new("p.json"),
        "p.json".into(),
        text.to_string(),
    ));
    let root = crate::parse::json::parse(text).unwrap_or_else(|e| panic!("{e}"));
    let rs = resources_of(plan::read(&file, &root, ""), Format::Plan);
    assert!(rs.iter().any(
        |x| *x.r#type == *"Microsoft.ContainerRegistry/registries/replications"
            && x.is_unknown("location")
    ));
    assert_eq!(registries_without_replicas(rs), Vec::<String>::new());
}
