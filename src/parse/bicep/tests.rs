//! Tests of the Bicep reader: evaluation onto the resource model.

use super::*;
use crate::discover::Kind;
use proptest::prelude::*;

fn read_all(files: &[(&str, &str)]) -> BicepResult {
    let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut inputs = Vec::new();
    for (p, text) in files {
        let full = d.path().join(p);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(&full, text).unwrap_or_else(|e| panic!("{e}"));
        inputs.push(Input {
            display: p.to_string(),
            path: full,
            kind: Kind::Bicep,
        });
    }
    let refs: Vec<&Input> = inputs.iter().collect();
    read(&refs, &Overrides::default())
}

fn named<'a>(r: &'a BicepResult, name: &str) -> &'a Resource {
    r.resources
        .iter()
        .find(|x| x.name.as_deref() == Some(name))
        .unwrap_or_else(|| {
            panic!(
                "no {name} in {:?}",
                r.resources.iter().map(|x| &x.name).collect::<Vec<_>>()
            )
        })
}

fn problems(r: &BicepResult) -> Vec<String> {
    r.diagnostics
        .iter()
        .filter(|d| d.level != crate::finding::Level::Note)
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn params_from_defaults_and_bicepparam_files() {
    let r = read_all(&[
        ("main.bicep", "param sku string = 'Standard_LRS'\nparam env string\nresource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st${env}'\n  sku: { name: sku }\n}\n"),
        ("main.bicepparam", "using './main.bicep'\nparam env = 'prod'\nparam sku = 'Standard_GZRS'\n"),
    ]);
    assert_eq!(problems(&r), Vec::<String>::new());
    let sa = named(&r, "stprod");
    assert_eq!(sa.body_json()["sku"]["name"], "Standard_GZRS");
}

#[test]
fn loops_conditions_and_nested_children() {
    let r = read_all(&[(
        "main.bicep",
        "param deployKv bool = false\nparam names array = [\n  'a'\n  'b'\n]\nresource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = [for (n, i) in names: if (n != 'b') {\n  name: 'st${n}${i}'\n}]\nresource kv 'Microsoft.KeyVault/vaults@2023-07-01' = if (deployKv) {\n  name: 'kv'\n}\nresource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {\n  name: 'hub'\n  resource pe 'subnets' = {\n    name: 'pe'\n  }\n}\nresource other 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = {\n  parent: vnet\n  name: 'app'\n}\n",
    )]);
    assert_eq!(problems(&r), Vec::<String>::new());
    let names: Vec<_> = r.resources.iter().filter_map(|x| x.name.clone()).collect();
    assert!(
        names.contains(&"sta0".into()) && !names.iter().any(|n| n.starts_with("stb")),
        "{names:?}"
    );
    assert!(!names.contains(&"kv".into()));
    let pe = named(&r, "hub/pe");
    assert_eq!(&*pe.r#type, "Microsoft.Network/virtualNetworks/subnets");
    assert!(pe
        .id
        .ends_with("/providers/Microsoft.Network/virtualNetworks/hub/subnets/pe"));
    assert_eq!(
        &*named(&r, "hub/app").r#type,
        "Microsoft.Network/virtualNetworks/subnets"
    );
}

#[test]
fn symbols_give_known_ids_and_unknown_runtime_values() {
    let r = read_all(&[(
        "main.bicep",
        "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'data'\n}\nresource pe 'Microsoft.Network/privateEndpoints@2023-09-01' = {\n  name: 'pe-${sa.name}'\n  properties: {\n    privateLinkServiceConnections: [\n      {\n        name: 'blob'\n        properties: {\n          privateLinkServiceId: sa.id\n        }\n      }\n    ]\n    customNetworkInterfaceName: sa.properties.primaryEndpoints.blob\n    manualPrivateLinkServiceConnections: sa.listKeys().keys\n  }\n}\n",
    )]);
    let pe = named(&r, "pe-data");
    let id = &pe.body_json()["properties"]["privateLinkServiceConnections"][0]["properties"]
        ["privateLinkServiceId"];
    assert_eq!(id.as_str(), Some(&*named(&r, "data").id));
    let refs: Vec<&String> = pe.unknown["properties.customNetworkInterfaceName"]
        .iter()
        .collect();
    assert_eq!(refs, vec![&named(&r, "data").id.to_string()]);
    assert!(pe
        .unknown
        .contains_key("properties.manualPrivateLinkServiceConnections"));
}

#[test]
fn modules_are_followed_once_and_registry_modules_noted() {
    let r = read_all(&[
        ("main.bicep", "module m './mod.bicep' = {\n  name: 'm'\n  params: {\n    n: 'x'\n  }\n}\nmodule reg 'br/public:avm/res/storage/storage-account:0.9.0' = {\n  name: 'r'\n}\n"),
        ("mod.bicep", "param n string\nresource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st${n}'\n}\n"),
    ]);
    assert_eq!(
        r.resources.len(),
        1,
        "the module file is not scanned on its own too"
    );
    let sa = named(&r, "stx");
    assert!(
        sa.source.file.ends_with("mod.bicep"),
        "findings in a module point at its file"
    );
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.message.contains("not resolved")));
}

#[test]
fn syntax_errors_name_line_and_column() {
    let r = read_all(&[
        ("bad.bicep", "param a string\nresource x 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'x'\n  sku: {\n}\n"),
        ("good.bicep", "resource y 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'y'\n}\n"),
    ]);
    let errs: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|d| d.level == crate::finding::Level::Error)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].contains("bad.bicep:") && errs[0].contains("invalid Bicep"),
        "{errs:?}"
    );
    named(&r, "y");
}

#[test]
fn recent_syntax_reads() {
    // Constructs tree-sitter-bicep 1.1 fails on.
    let r = read_all(&[(
        "main.bicep",
        "type cfg = {\n  name: string\n  tier: string?\n}\nparam c cfg?\nparam p resourceInput<'Microsoft.Storage/storageAccounts@2023-05-01'>.properties = {}\nvar x string = 'v'\nvar base = { a: 1 }\nvar merged = { ...base, b: 2 }\nvar last = [1, 2, 3][^1]\nvar s = $'''\nline ${x}\n'''\nresource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st${last}'\n  sku: { name: c.?tier ?? 'Standard_GRS' }\n  properties: p\n}\n",
    )]);
    assert_eq!(problems(&r), Vec::<String>::new());
    assert!(r
        .diagnostics
        .iter()
        .all(|d| d.level != crate::finding::Level::Error));
    named(&r, "st3");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,300}") {
        let _ = read_all(&[("main.bicep", &s)]);
    }

    #[test]
    fn mutated_real_files_never_panic(cut in 0usize..3000, insert in "[{}\\[\\]()'$=.,:?a-z0-9 \n]{0,10}") {
        let base = include_str!("../../../fixtures/landing-zone/bicep/modules/spoke-data.bicep");
        let at = base.char_indices().map(|(i, _)| i).nth(cut % base.chars().count()).unwrap_or(0);
        let mut s = base.to_string();
        s.insert_str(at, &insert);
        let _ = read_all(&[("main.bicep", &s), ("private-endpoint.bicep", include_str!("../../../fixtures/landing-zone/bicep/modules/private-endpoint.bicep"))]);
    }
}

#[test]
fn module_scopes_give_subscription_and_resource_group() {
    let r = read_all(&[
        (
            "main.bicep",
            r#"targetScope = 'subscription'
param unknownSub string
var corp = '22222222-2222-2222-2222-222222222222'
resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-made-here'
  location: 'westeurope'
}
module a 'sa.bicep' = {
  name: 'a'
  scope: resourceGroup(corp, 'rg-corp')
  params: { name: 'sta' }
}
module b 'sa.bicep' = {
  name: 'b'
  scope: resourceGroup('rg-here')
  params: { name: 'stb' }
}
module c 'sub.bicep' = {
  name: 'c'
  scope: subscription(corp)
}
module d 'sa.bicep' = {
  name: 'd'
  scope: resourceGroup(unknownSub, 'rg-d')
  params: { name: 'std' }
}
module e 'sa.bicep' = {
  name: 'e'
  scope: rg
  params: { name: 'ste' }
}
module f 'nested.bicep' = {
  name: 'f'
  scope: resourceGroup(corp, 'rg-outer')
}
"#,
        ),
        (
            "sa.bicep",
            "param name string\nresource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: name\n  properties: {\n    note: '${subscription().subscriptionId}/${resourceGroup().name}'\n  }\n}\n",
        ),
        (
            "sub.bicep",
            "targetScope = 'subscription'\nresource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {\n  name: 'rg-sub'\n  location: 'westeurope'\n}\nmodule inner 'sa.bicep' = {\n  name: 'inner'\n  scope: resourceGroup('rg-inner')\n  params: { name: 'stinner' }\n}\n",
        ),
        (
            "nested.bicep",
            "module same 'sa.bicep' = {\n  name: 'same'\n  params: { name: 'stsame' }\n}\n",
        ),
    ]);
    assert_eq!(problems(&r), Vec::<String>::new());
    let corp = Some("22222222-2222-2222-2222-222222222222");
    let at = |n: &str| {
        let x = named(&r, n);
        (x.subscription.as_deref(), x.resource_group.as_deref())
    };
    assert_eq!(at("sta"), (corp, Some("rg-corp")));
    assert_eq!(
        &*named(&r, "sta").id,
        "/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-corp/providers/Microsoft.Storage/storageAccounts/sta"
    );
    assert_eq!(
        named(&r, "sta").body_json()["properties"]["note"],
        "22222222-2222-2222-2222-222222222222/rg-corp",
        "subscription() and resourceGroup() in the module know their scope"
    );
    assert_eq!(
        at("stb"),
        (None, Some("rg-here")),
        "the root's subscription is not known"
    );
    assert_eq!(at("rg-sub"), (corp, None));
    assert_eq!(
        at("stinner"),
        (corp, Some("rg-inner")),
        "resourceGroup(name) keeps the subscription"
    );
    assert_eq!(
        at("std"),
        (None, Some("rg-d")),
        "an unknown subscription stays unknown"
    );
    assert_eq!(
        at("ste"),
        (None, Some("rg-made-here")),
        "a resource group symbol as scope"
    );
    assert_eq!(
        at("stsame"),
        (corp, Some("rg-outer")),
        "without scope, the caller's"
    );
    assert_eq!(at("rg-made-here"), (None, None));
}

#[test]
fn scope_functions_accept_their_arguments() {
    let r = read_all(&[(
        "main.bicep",
        r#"param unknown string
var sub = subscription('11111111-1111-1111-1111-111111111111')
var rg2 = resourceGroup('11111111-1111-1111-1111-111111111111', 'rg-two')
var rg1 = resourceGroup('rg-one')
var rgu = resourceGroup(unknown)
resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st'
  properties: {
    subId: sub.subscriptionId
    subScope: sub.id
    rg2: rg2.id
    rg2Name: rg2.name
    rg1: rg1.id
    rguName: rgu.name
    rguId: rgu.id
  }
}
"#,
    )]);
    assert_eq!(problems(&r), Vec::<String>::new());
    let sa = named(&r, "st");
    let p = &sa.body_json()["properties"];
    assert_eq!(p["subId"], "11111111-1111-1111-1111-111111111111");
    assert_eq!(
        p["subScope"],
        "/subscriptions/11111111-1111-1111-1111-111111111111"
    );
    assert_eq!(
        p["rg2"],
        "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-two"
    );
    assert_eq!(p["rg2Name"], "rg-two");
    assert_eq!(
        p["rg1"],
        "/subscriptions/{subscriptionId}/resourceGroups/rg-one"
    );
    assert!(sa.is_unknown("properties.rguName"), "{:?}", sa.unknown);
    assert_eq!(
        p["rguId"],
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
    );
}
