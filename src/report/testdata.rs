//! A fixed scan result for the reporters' snapshot tests.

use crate::finding::{fingerprint, Diagnostic, Finding, Severity};
use crate::policy::PolicySet;
use crate::scan::ScanResult;
use crate::source::Region;

pub const FILE: &str = "fixtures/report/sample.json";

fn region(line: usize, col: usize, end_line: usize, end_col: usize) -> Region {
    Region {
        start_line: line,
        start_column: col,
        end_line,
        end_column: end_col,
    }
}

fn finding(
    rule: &str,
    name: &str,
    sev: Severity,
    msg: &str,
    res: &str,
    r: Region,
    prop: Option<&str>,
) -> Finding {
    let id = format!("/subscriptions/{{subscriptionId}}/resourceGroups/{{resourceGroupName}}/providers/Microsoft.Storage/storageAccounts/{res}");
    Finding {
        rule_id: rule.into(),
        rule_name: name.into(),
        severity: sev,
        title: format!("{name} title"),
        message: msg.into(),
        fingerprint: fingerprint(rule, &id, FILE, prop),
        resource_id: id,
        resource_type: "Microsoft.Storage/storageAccounts".into(),
        resource_name: Some(res.into()),
        file: FILE.into(),
        region: r,
        property: prop.map(str::to_string),
        suppression: None,
    }
}

pub fn result() -> ScanResult {
    let rules = PolicySet::load(true, &[], false)
        .map(|s| s.rules)
        .unwrap_or_default();
    let mut r = ScanResult {
        findings: vec![
            finding(
                "LZ101",
                "private-endpoint-required",
                Severity::High,
                "Microsoft.Storage/storageAccounts 'rawdata' has no private endpoint connected to it",
                "rawdata",
                region(5, 5, 13, 6),
                None,
            ),
            finding(
                "LZ301",
                "geo-redundant-storage",
                Severity::Medium,
                "Microsoft.Storage/storageAccounts 'rawdata' replicates with Standard_LRS",
                "rawdata",
                region(11, 9, 11, 31),
                Some("sku.name"),
            ),
        ],
        diagnostics: vec![Diagnostic::error(
            "fixtures/report/broken.json",
            Some(region(3, 14, 3, 14)),
            "invalid JSON: expected ',' or '}' after object member, found '\"'",
        )],
        rules,
        resource_count: 3,
        ..ScanResult::default()
    };
    r.files.insert(FILE.into(), FILE.into());
    r.findings.sort();
    r
}
