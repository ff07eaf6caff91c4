//! JSON: the machine-readable report. Its schema is versioned and documented in
//! `docs/json-report.md` and `docs/lzscan-report.schema.json`; a field is never
//! removed or changes meaning without a new `schema_version`.

use super::counts_by_severity;
use crate::finding::{Diagnostic, Finding};
use crate::scan::ScanResult;
use serde_json::{json, Value};

pub const SCHEMA_VERSION: &str = "1.0";

fn finding(f: &Finding) -> Value {
    json!({
        "rule_id": f.rule_id,
        "rule_name": f.rule_name,
        "severity": f.severity,
        "title": f.title,
        "message": f.message,
        "resource": {
            "id": f.resource_id,
            "type": f.resource_type,
            "name": f.resource_name,
        },
        "location": {
            "file": f.file,
            "start_line": f.region.start_line,
            "start_column": f.region.start_column,
            "end_line": f.region.end_line,
            "end_column": f.region.end_column,
        },
        "property": f.property,
        "fingerprint": f.fingerprint,
        "suppression": f.suppression,
    })
}

fn diagnostic(d: &Diagnostic) -> Value {
    json!({
        "level": d.level,
        "file": d.file,
        "line": d.region.map(|r| r.start_line),
        "column": d.region.map(|r| r.start_column),
        "message": d.message,
    })
}

pub fn render(result: &ScanResult) -> String {
    let by_severity: serde_json::Map<String, Value> = counts_by_severity(&result.findings)
        .into_iter()
        .map(|(s, n)| (s.to_string(), json!(n)))
        .collect();
    let doc = json!({
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "lzscan", "version": env!("CARGO_PKG_VERSION")},
        "summary": {
            "files": result.files.len(),
            "resources": result.resource_count,
            "findings": super::active(&result.findings).count(),
            "suppressed": result.findings.iter().filter(|f| f.suppression.is_some()).count(),
            "by_severity": by_severity,
            "errors": result.diagnostics.iter().filter(|d| d.level == crate::finding::Level::Error).count(),
        },
        "findings": result.findings.iter().map(finding).collect::<Vec<_>>(),
        "diagnostics": result.diagnostics.iter().map(diagnostic).collect::<Vec<_>>(),
        "rules": result.rules.iter().map(|r| json!({
            "id": r.id, "name": r.name, "severity": r.severity, "title": r.title,
        })).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata;

    #[test]
    fn json_report() {
        let out = render(&testdata::result());
        let v: Value = serde_json::from_str(&out).unwrap_or_default();
        insta::assert_json_snapshot!(v);
    }

    #[test]
    fn json_report_matches_its_schema_keys() {
        let schema: Value =
            serde_json::from_str(include_str!("../../docs/lzscan-report.schema.json"))
                .unwrap_or_default();
        let out: Value = serde_json::from_str(&render(&testdata::result())).unwrap_or_default();
        let required = schema["required"].as_array().cloned().unwrap_or_default();
        assert!(!required.is_empty());
        for k in required {
            let k = k.as_str().unwrap_or_default();
            assert!(out.get(k).is_some(), "missing top-level key {k}");
        }
        let finding_keys = schema["$defs"]["finding"]["required"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(!finding_keys.is_empty());
        for k in finding_keys {
            let k = k.as_str().unwrap_or_default();
            assert!(
                out["findings"][0].get(k).is_some(),
                "missing finding key {k}"
            );
        }
        assert_eq!(
            schema["properties"]["schema_version"]["const"],
            json!(SCHEMA_VERSION)
        );
    }
}
