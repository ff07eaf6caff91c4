//! The same AI landing zone written as ARM templates, as Terraform (modules,
//! private endpoints in separate files, `for_each` over maps), as a Terraform
//! plan and as Bicep (modules, loops, a .bicepparam file) gives the same
//! findings: a rule never depends on the input format.

mod common;
use common::*;
use std::collections::BTreeSet;

fn findings(dir: &str) -> BTreeSet<String> {
    let (code, report, stderr) = scan_json(&root(), &[&format!("fixtures/landing-zone/{dir}")]);
    assert_eq!(report["summary"]["errors"], 0, "{dir}: {stderr}");
    assert_eq!(code, 1, "{dir}: {stderr}");
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            format!(
                "{} {} {}",
                f["rule_id"].as_str().unwrap_or(""),
                f["resource"]["type"].as_str().unwrap_or(""),
                f["resource"]["name"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn arm_terraform_plan_and_bicep_give_the_same_findings() {
    let expected: BTreeSet<String> = [
        "LZ101 Microsoft.EventHub/namespaces evhns-ailz-features",
        "LZ101 Microsoft.Storage/storageAccounts stailzweights",
        "LZ201 Microsoft.Storage/storageAccounts stailzweights",
        "LZ301 Microsoft.Storage/storageAccounts stailzweights",
    ]
    .into_iter()
    .map(str::to_string)
    .collect();
    assert_eq!(findings("arm"), expected, "ARM");
    assert_eq!(findings("terraform"), expected, "Terraform");
    assert_eq!(findings("plan"), expected, "plan JSON");
    assert_eq!(findings("bicep"), expected, "Bicep");
}

#[test]
fn terraform_findings_point_at_the_offending_attribute() {
    let (_, report, _) = scan_json(
        &root(),
        &["fixtures/landing-zone/terraform", "--select", "LZ301"],
    );
    let f = &report["findings"][0];
    assert_eq!(
        f["location"]["file"],
        "fixtures/landing-zone/terraform/modules/spoke-training/main.tf"
    );
    let line = f["location"]["start_line"].as_u64().unwrap_or(0) as usize;
    let text = std::fs::read_to_string(
        root().join("fixtures/landing-zone/terraform/modules/spoke-training/main.tf"),
    )
    .unwrap_or_default();
    let at = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    assert!(at.contains("account_replication_type"), "line {line}: {at}");
    assert_eq!(
        f["resource"]["id"],
        "fixtures/landing-zone/terraform:module.spoke_training.azurerm_storage_account.weights"
    );
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for e in std::fs::read_dir(from)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        let p = e.path();
        let dest = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

#[test]
fn a_plan_beside_its_configuration_points_at_the_tf_lines_without_duplicates() {
    let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    copy_dir(
        &root().join("fixtures/landing-zone/terraform"),
        &d.path().join("lz"),
    );
    std::fs::copy(
        root().join("fixtures/landing-zone/plan/tfplan.json"),
        d.path().join("lz/plan.json"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (code, report, stderr) = scan_json(d.path(), &["lz"]);
    assert_eq!(code, 1, "{stderr}");
    let (_, plan_only, _) = scan_json(&root(), &["fixtures/landing-zone/plan"]);
    assert_eq!(
        report["summary"]["resources"], plan_only["summary"]["resources"],
        "the plan replaces evaluating the module: no resource twice"
    );
    let lines = finding_lines(&report);
    assert!(
        lines.contains(&"lz/modules/spoke-training/main.tf:42 LZ301 stailzweights".to_string()),
        "{lines:?}"
    );
    assert!(lines.iter().all(|l| l.contains(".tf:")), "{lines:?}");
}
