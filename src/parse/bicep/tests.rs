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
    assert_eq!(sa.body["sku"]["name"], "Standard_GZRS");
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
        names.contains(&"sta0".to_string()) && !names.iter().any(|n| n.starts_with("stb")),
        "{names:?}"
    );
    assert!(!names.contains(&"kv".to_string()));
    let pe = named(&r, "hub/pe");
    assert_eq!(pe.r#type, "Microsoft.Network/virtualNetworks/subnets");
    assert!(pe
        .id
        .ends_with("/providers/Microsoft.Network/virtualNetworks/hub/subnets/pe"));
    assert_eq!(
        named(&r, "hub/app").r#type,
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
    let id = &pe.body["properties"]["privateLinkServiceConnections"][0]["properties"]
        ["privateLinkServiceId"];
    assert_eq!(id.as_str(), Some(named(&r, "data").id.as_str()));
    let refs: Vec<&String> = pe.unknown["properties.customNetworkInterfaceName"]
        .iter()
        .collect();
    assert_eq!(refs, vec![&named(&r, "data").id]);
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
