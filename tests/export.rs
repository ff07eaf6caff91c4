//! Exported tenant state, end to end through the binary: Resource Graph pages,
//! ResourceContainers, budgets and `az resource list` rows scanned as one graph,
//! and broken exports reported without losing the good rows.

mod common;
use common::*;

const SUB: &str = "6a1f4c2e-0b7d-4e59-9c1a-1d2e3f4a5b03";

fn row(name: &str, sku: &str, extra: &str) -> String {
    format!(
        r#"{{"id": "/subscriptions/{SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/{name}", "name": "{name}", "type": "microsoft.storage/storageaccounts", "location": "westeurope", "resourceGroup": "rg-data", "subscriptionId": "{SUB}", "sku": {{"name": "{sku}"}}, "tags": {{"cost-center": "cc", "project": "p", "environment": "prod"}}{extra}}}"#
    )
}

#[test]
fn a_tenant_exported_in_several_files_is_one_graph() {
    let dir = root().join("fixtures/export/tenant");
    let (code, report, stderr) = scan_json(&dir, &["."]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(report["summary"]["errors"], 0, "{stderr}");
    let expected: Vec<String> = std::fs::read_to_string(dir.join("expected.txt"))
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(finding_lines(&report), expected);
    // The private endpoints live in another file than their targets.
    assert!(!expected
        .iter()
        .any(|l| l.contains("LZ101 stailzdataweu") || l.contains("kv-ailz")));
    assert_eq!(report["summary"]["resources"], 17);
}

#[test]
fn findings_carry_the_real_resource_id_as_a_logical_location() {
    let dir = root().join("fixtures/export/tenant");
    let out = lzscan()
        .current_dir(&dir)
        .args(["scan", "resources.json", "--select", "LZ301", "-f", "sarif"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "resources.json"
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        10
    );
    let logical = result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
        .as_str()
        .unwrap_or_default();
    assert!(
        logical.starts_with("/subscriptions/6a1f4c2e-") && logical.ends_with("/stailzscratchweu"),
        "{logical}"
    );
}

#[test]
fn broken_exports_name_file_and_line_and_keep_the_good_rows() {
    let bad_rows = format!(
        "[\n{},\n{{\"type\": \"microsoft.storage/storageaccounts\", \"name\": \"noid\"}},\n{{\"id\": \"/subscriptions/{SUB}/x\"}},\n42,\n{}\n]\n",
        row("stgood1", "Standard_LRS", ""),
        row("stgood2", "Standard_GRS", "")
    );
    let truncated = format!(
        "{{\"data\": [\n{},\n{}",
        row("sttrunc1", "Standard_LRS", ""),
        &row("sttrunc2", "Standard_LRS", "")[..60]
    );
    let d = tree(&[
        ("rows.json", &bad_rows),
        ("cut.json", &truncated),
        (
            "lines.jsonl",
            &format!("{}\n{{not json\n", row("stline", "Standard_LRS", "")),
        ),
    ]);
    let (code, report, stderr) = scan_json(d.path(), &[".", "--select", "LZ301"]);
    assert_eq!(code, 2, "{stderr}");
    for want in [
        "rows.json:3:1: the row has no `id`",
        "rows.json:4:1: the row for /subscriptions/",
        "rows.json:5:1: a row must be an object",
        "cut.json:3:1: the export ends inside a row that starts at line 3",
        "lines.jsonl:2:1: invalid row",
    ] {
        assert!(stderr.contains(want), "missing `{want}` in:\n{stderr}");
    }
    assert_eq!(
        finding_lines(&report),
        [
            "cut.json:2 LZ301 sttrunc1",
            "lines.jsonl:1 LZ301 stline",
            "rows.json:2 LZ301 stgood1"
        ]
    );
}

#[test]
fn resource_list_rows_without_properties_are_not_judged_on_them() {
    // `az resource list` exports sku and kind but no properties.
    let list = format!(
        "[\n{}\n]\n",
        row(
            "stlisted",
            "Standard_GRS",
            r#", "kind": "StorageV2", "properties": null"#
        )
    );
    let d = tree(&[("list.json", &list)]);
    let (code, report, stderr) = scan_json(d.path(), &["list.json"]);
    assert_eq!(code, 0, "{stderr}: {report}");
    assert_eq!(report["summary"]["resources"], 1);
    let lrs = list.replace("Standard_GRS", "Standard_LRS");
    let d = tree(&[("list.json", &lrs)]);
    let (_, report, _) = scan_json(d.path(), &["list.json"]);
    assert_eq!(finding_lines(&report), ["list.json:2 LZ301 stlisted"]);
}

#[test]
fn subscription_tags_from_resource_containers_give_roles() {
    // A GPU VM in a subscription tagged `lz-role = data` in ResourceContainers: LZ501
    // reports it with that role; tagged `ai-compute`, it passes.
    let rows = |role: &str| {
        format!(
            "{{\"id\": \"/subscriptions/{SUB}\", \"name\": \"sub-ai-data\", \"type\": \"microsoft.resources/subscriptions\", \"subscriptionId\": \"{SUB}\", \"tags\": {{\"lz-role\": \"{role}\"}}, \"properties\": {{\"state\": \"Enabled\"}}}}\n\
             {{\"id\": \"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-gpu\", \"name\": \"vm-gpu\", \"type\": \"microsoft.compute/virtualmachines\", \"subscriptionId\": \"{SUB}\", \"properties\": {{\"hardwareProfile\": {{\"vmSize\": \"Standard_NC24ads_A100_v4\"}}}}}}\n"
        )
    };
    let d = tree(&[("tenant.jsonl", &rows("data"))]);
    let (code, report, stderr) = scan_json(d.path(), &[".", "--select", "LZ501"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(finding_lines(&report), ["tenant.jsonl:2 LZ501 vm-gpu"]);
    let message = report["findings"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        message.contains("sub-ai-data") && message.contains("role is data"),
        "{message}"
    );
    let d = tree(&[("tenant.jsonl", &rows("ai-compute"))]);
    let (code, report, stderr) = scan_json(d.path(), &[".", "--select", "LZ501"]);
    assert_eq!(code, 0, "{stderr}: {report}");
}
