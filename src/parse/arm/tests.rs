//! Tests of the ARM reader on the template shapes real repositories use.

use super::*;
use crate::parse::Overrides;
use crate::source::SourceFile;
use proptest::prelude::*;
use serde_json::json;
use std::path::Path;

const SCHEMA: &str =
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

fn read_text(text: &str) -> Parsed {
    let file = SourceFile::new(Path::new("t.json"), "t.json".into(), text.to_string());
    read(&file, &None, &Overrides::default())
}

fn tpl(body: serde_json::Value) -> String {
    let mut v = body;
    v["$schema"] = json!(SCHEMA);
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

fn by_name<'a>(p: &'a Parsed, name: &str) -> &'a Resource {
    p.resources
        .iter()
        .find(|r| r.name.as_deref() == Some(name))
        .unwrap_or_else(|| {
            panic!(
                "no resource {name}: {:#?}",
                p.resources.iter().map(|r| &r.name).collect::<Vec<_>>()
            )
        })
}

fn errors(p: &Parsed) -> Vec<String> {
    p.diagnostics
        .iter()
        .filter(|d| d.level == crate::finding::Level::Error)
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn other_json_is_skipped_quietly() {
    let p = read_text("{\"name\": \"my-package\", \"version\": \"1.0.0\"}");
    assert!(!p.recognised);
    assert!(p.resources.is_empty() && p.diagnostics.is_empty());
    let p = read_text("{ this is not json");
    assert!(!p.recognised && p.diagnostics.is_empty());
    let params = "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#\", \"parameters\": {}}";
    assert!(!read_text(params).recognised);
}

#[test]
fn parameters_variables_and_functions_are_evaluated() {
    let p = read_text(&tpl(json!({
        "parameters": {
            "prefix": {"type": "string", "defaultValue": "AI"},
            "env": {"type": "string", "defaultValue": "[toLower(concat(parameters('prefix'), '-Prod'))]"},
            "noValue": {"type": "string"}
        },
        "variables": {
            "name": "[format('{0}data{1}', toLower(parameters('prefix')), 1)]",
            "tags": {"environment": "[parameters('env')]", "cost-center": "[parameters('noValue')]"},
            "skus": {"prod": "Standard_GZRS"}
        },
        "resources": [{
            "type": "Microsoft.Storage/storageAccounts",
            "apiVersion": "2023-05-01",
            "name": "[variables('name')]",
            "location": "[resourceGroup().location]",
            "tags": "[variables('tags')]",
            "sku": {"name": "[variables('skus')[if(equals(parameters('env'), 'ai-prod'), 'prod', 'dev')]]"},
            "properties": {"minimumTlsVersion": "[parameters('noValue')]"}
        }]
    })));
    assert_eq!(errors(&p), Vec::<String>::new());
    let r = by_name(&p, "aidata1");
    assert_eq!(r.tags.get("environment"), Some("ai-prod"));
    assert!(r.unknown.contains_key("tags.cost-center"));
    assert_eq!(r.body_json()["sku"]["name"], "Standard_GZRS");
    assert!(r.location.is_none() && r.unknown.contains_key("location"));
    assert!(r.unknown.contains_key("properties.minimumTlsVersion"));
    assert!(r.body_json()["properties"]
        .get("minimumTlsVersion")
        .is_none());
    assert_eq!(
        &*r.id,
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Storage/storageAccounts/aidata1"
    );
}

#[test]
fn copy_loops_expand_and_conditions_filter() {
    let p = read_text(&tpl(json!({
        "parameters": {"layers": {"type": "array", "defaultValue": ["bronze", "silver", "gold"]}, "n": {"type": "int"}},
        "resources": [
            {
                "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01",
                "name": "[concat('adls', parameters('layers')[copyIndex()])]",
                "condition": "[not(equals(parameters('layers')[copyIndex()], 'silver'))]",
                "copy": {"name": "layers", "count": "[length(parameters('layers'))]"},
                "sku": {"name": "Standard_LRS"}
            },
            {
                "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "vnet",
                "properties": {
                    "copy": [{"name": "subnets", "count": 2, "input": {
                        "name": "[concat('snet', copyIndex('subnets'))]",
                        "properties": {"addressPrefix": "[format('10.0.{0}.0/24', copyIndex('subnets'))]"}
                    }}]
                }
            },
            {
                "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01",
                "name": "[concat('kv', copyIndex())]",
                "copy": {"name": "vaults", "count": "[parameters('n')]"}
            }
        ]
    })));
    assert_eq!(errors(&p), Vec::<String>::new());
    let names: Vec<_> = p.resources.iter().filter_map(|r| r.name.clone()).collect();
    assert!(names.contains(&"adlsbronze".into()) && names.contains(&"adlsgold".into()));
    assert!(!names.contains(&"adlssilver".into()));
    let vnet = by_name(&p, "vnet");
    assert_eq!(
        vnet.body_json()["properties"]["subnets"][1]["name"],
        "snet1"
    );
    assert_eq!(
        vnet.body_json()["properties"]["subnets"][1]["properties"]["addressPrefix"],
        "10.0.1.0/24"
    );
    // An unknown count gives one instance whose name is unknown.
    let kv: Vec<_> = p
        .resources
        .iter()
        .filter(|r| *r.r#type == *"Microsoft.KeyVault/vaults")
        .collect();
    assert_eq!(kv.len(), 1);
    assert!(kv[0].name.is_none() && kv[0].unknown.contains_key("name"));
}

#[test]
fn nested_children_compose_type_and_name() {
    let p = read_text(&tpl(json!({
        "resources": [{
            "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "sa",
            "resources": [{
                "type": "blobServices", "apiVersion": "2023-05-01", "name": "default",
                "resources": [{"type": "containers", "apiVersion": "2023-05-01", "name": "raw"}]
            }]
        }]
    })));
    let c = by_name(&p, "sa/default/raw");
    assert_eq!(
        &*c.r#type,
        "Microsoft.Storage/storageAccounts/blobServices/containers"
    );
    assert!(c.id.ends_with(
        "/providers/Microsoft.Storage/storageAccounts/sa/blobServices/default/containers/raw"
    ));
}

#[test]
fn symbolic_resources_of_language_version_2() {
    let p = read_text(&tpl(json!({
        "languageVersion": "2.0",
        "resources": {
            "sa": {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "data2", "sku": {"name": "Standard_LRS"}},
            "existingKv": {"existing": true, "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "shared"},
            "pe": {
                "type": "Microsoft.Network/privateEndpoints", "apiVersion": "2023-09-01", "name": "pe-data2",
                "properties": {
                    "privateLinkServiceConnections": [{"name": "blob", "properties": {
                        "privateLinkServiceId": "[resourceInfo('sa').id]", "groupIds": ["blob"]}}],
                    "customNetworkInterfaceName": "[reference('sa').primaryEndpoints.blob]"
                }
            }
        }
    })));
    assert_eq!(errors(&p), Vec::<String>::new());
    assert_eq!(
        p.resources.len(),
        2,
        "existing resources are not declarations"
    );
    let pe = by_name(&p, "pe-data2");
    let refs = &pe.unknown["properties.customNetworkInterfaceName"];
    assert!(
        refs.iter().any(|r| r.ends_with("storageAccounts/data2")),
        "{refs:?}"
    );
}

#[test]
fn nested_deployments_with_inner_and_outer_scope() {
    let p = read_text(&tpl(json!({
        "parameters": {"outerSku": {"type": "string", "defaultValue": "Standard_GRS"}},
        "resources": [
            {
                "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
                "resourceGroup": "rg-data",
                "properties": {
                    "mode": "Incremental",
                    "expressionEvaluationOptions": {"scope": "inner"},
                    "parameters": {"sku": {"value": "[parameters('outerSku')]"}},
                    "template": {
                        "$schema": SCHEMA,
                        "parameters": {"sku": {"type": "string"}},
                        "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "innersa", "sku": {"name": "[parameters('sku')]"}}]
                    }
                }
            },
            {
                "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "outer",
                "properties": {
                    "mode": "Incremental",
                    "template": {
                        "$schema": SCHEMA,
                        "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "outersa", "sku": {"name": "[parameters('outerSku')]"}}]
                    }
                }
            },
            {
                "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "linked",
                "properties": {"mode": "Incremental", "templateLink": {"uri": "https://example.org/t.json"}}
            }
        ]
    })));
    assert_eq!(errors(&p), Vec::<String>::new());
    let inner = by_name(&p, "innersa");
    assert_eq!(inner.body_json()["sku"]["name"], "Standard_GRS");
    assert_eq!(inner.resource_group.as_deref(), Some("rg-data"));
    assert!(inner.id.contains("/resourceGroups/rg-data/"));
    assert_eq!(
        by_name(&p, "outersa").body_json()["sku"]["name"],
        "Standard_GRS"
    );
    assert!(p
        .resources
        .iter()
        .all(|r| *r.r#type != *"Microsoft.Resources/deployments"));
    assert!(p
        .diagnostics
        .iter()
        .any(|d| d.message.contains("templateLink")));
}

#[test]
fn relaxed_json_as_azure_accepts_it() {
    let text = format!(
        "\u{feff}{{\n  // a comment\n  \"$schema\": \"{SCHEMA}\",\n  /* block */\n  \"resources\": [\n    {{\"type\": \"Microsoft.KeyVault/vaults\", \"apiVersion\": \"2023-07-01\", \"name\": \"kv\", \"properties\": {{\"description\": \"line one\nline two\"}},}},\n  ],\n}}\n"
    );
    let p = read_text(&text);
    assert_eq!(errors(&p), Vec::<String>::new());
    assert_eq!(p.resources.len(), 1);
    assert_eq!(p.resources[0].source.region.start_line, 6);
}

#[test]
fn spans_point_at_resources_and_properties() {
    let text = tpl(json!({
        "resources": [{
            "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "sa",
            "sku": {"name": "Standard_LRS"},
            "properties": {"networkAcls": {"defaultAction": "Allow"}}
        }]
    }));
    let p = read_text(&text);
    let r = by_name(&p, "sa");
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap_or(0)
    };
    assert_eq!(
        r.source.region_of(Some("sku.name")).start_line,
        line_of("Standard_LRS")
    );
    assert_eq!(
        r.source
            .region_of(Some("properties.networkAcls.defaultAction"))
            .start_line,
        line_of("defaultAction")
    );
    assert_eq!(
        r.source
            .region_of(Some("properties.networkAcls.bypass"))
            .start_line,
        line_of("networkAcls")
    );
    assert_eq!(r.source.region.start_line, line_of("\"resources\"") + 1);
}

#[test]
fn bad_expressions_are_errors_with_lines() {
    let text = tpl(json!({
        "variables": {"a": "[variables('b')]", "b": "[variables('a')]"},
        "resources": [{
            "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "sa",
            "sku": {"name": "[concat('Standard_', ]"},
            "kind": "[parameters('undeclared')]",
            "tags": "[variables('a')]"
        }]
    }));
    let p = read_text(&text);
    let errs = errors(&p);
    assert!(
        errs.iter()
            .any(|e| e.contains("t.json:") && e.contains("sku.name")),
        "{errs:?}"
    );
    assert!(errs.iter().any(|e| e.contains("'undeclared'")), "{errs:?}");
    assert!(
        errs.iter().any(|e| e.contains("refers to itself")),
        "{errs:?}"
    );
    // The resource is still read, its bad values unknown.
    let r = by_name(&p, "sa");
    assert!(r.unknown.contains_key("sku.name") && r.unknown.contains_key("kind"));
}

#[test]
fn parameter_files_supply_values() {
    let params = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
        "parameters": {"sku": {"value": "Standard_ZRS"}, "secret": {"reference": {"keyVault": {"id": "/x"}, "secretName": "s"}}}}"#;
    let root = json::parse(params).unwrap_or_else(|e| panic!("{e}"));
    assert!(is_parameter_file(&root));
    let v = parameter_values(&root);
    assert_eq!(v.get("sku"), Some(&Val::str("Standard_ZRS")));
    assert!(v.get("secret").is_some_and(Val::is_unknown));
}

#[test]
fn subscription_scope_templates_give_subscription_ids() {
    let text = serde_json::to_string(&json!({
        "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
        "resources": [
            {"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2022-09-01", "name": "rg-ai", "location": "westeurope"},
            {"type": "Microsoft.Consumption/budgets", "apiVersion": "2023-05-01", "name": "ai-budget", "properties": {"amount": 1000}}
        ]
    }))
    .unwrap_or_default();
    let p = read_text(&text);
    assert_eq!(
        &*by_name(&p, "rg-ai").id,
        "/subscriptions/{subscriptionId}/resourceGroups/rg-ai"
    );
    assert_eq!(
        &*by_name(&p, "ai-budget").id,
        "/subscriptions/{subscriptionId}/providers/Microsoft.Consumption/budgets/ai-budget"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,400}") {
        let _ = read_text(&s);
        let _ = read_text(&format!("{{\"$schema\": \"{SCHEMA}\", \"resources\": [{s}]}}"));
    }

    #[test]
    fn arbitrary_expressions_in_templates_never_panic(
        name in "\\[[a-zA-Z(),'\\[\\]. 0-9]{0,60}\\]",
        count in "\\[[a-zA-Z(),'0-9]{0,30}\\]",
    ) {
        let text = tpl(json!({
            "parameters": {"p": {"type": "array", "defaultValue": [1, 2]}},
            "variables": {"v": "[parameters('p')]"},
            "resources": [{
                "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01",
                "name": name, "copy": {"name": "c", "count": count},
                "sku": {"name": "[variables('v')[copyIndex()]]"},
                "properties": {"copy": [{"name": "x", "count": count, "input": name}]}
            }]
        }));
        let _ = read_text(&text);
    }

    #[test]
    fn mutated_real_templates_never_panic(cut in 0usize..2000, insert in "[\\[\\]{}\",:'() a-z]{0,8}") {
        let base = include_str!("../../../fixtures/rules/LZ101/good.json");
        let at = base.char_indices().map(|(i, _)| i).nth(cut % base.chars().count()).unwrap_or(0);
        let mut s = base.to_string();
        s.insert_str(at, &insert);
        let _ = read_text(&s);
    }
}
