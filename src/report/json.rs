//! JSON: the machine-readable report. Its schema is versioned and documented in
//! `docs/json-report.md` and `docs/lzscan-report.schema.json`; a field is never
//! removed or changes meaning without a new `schema_version`.

use super::counts_by_severity;
use crate::finding::{Diagnostic, Finding, Level, Severity, SuppressionKind};
use crate::scan::ScanResult;
use serde::Serialize;
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: &str = "1.0";

// The document is serialized straight from these views, not through a JSON tree:
// a tenant's report holds tens of thousands of findings. Fields are in
// alphabetical order, the order the report has always had.

#[derive(Serialize)]
struct Doc<'a> {
    diagnostics: Vec<DiagnosticView<'a>>,
    findings: Vec<FindingView<'a>>,
    rules: Vec<RuleView<'a>>,
    schema_version: &'static str,
    summary: Summary,
    tool: Tool,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    by_severity: BTreeMap<String, usize>,
    errors: usize,
    files: usize,
    findings: usize,
    resources: usize,
    suppressed: usize,
}

#[derive(Serialize)]
struct FindingView<'a> {
    fingerprint: &'a str,
    location: Location<'a>,
    message: &'a str,
    property: Option<&'a str>,
    resource: ResourceView<'a>,
    rule_id: &'a str,
    rule_name: &'a str,
    severity: Severity,
    suppression: Option<SuppressionView<'a>>,
    title: &'a str,
}

#[derive(Serialize)]
struct Location<'a> {
    end_column: usize,
    end_line: usize,
    file: &'a str,
    start_column: usize,
    start_line: usize,
}

#[derive(Serialize)]
struct ResourceView<'a> {
    id: &'a str,
    name: Option<&'a str>,
    #[serde(rename = "type")]
    r#type: &'a str,
}

#[derive(Serialize)]
struct SuppressionView<'a> {
    justification: &'a str,
    kind: SuppressionKind,
}

#[derive(Serialize)]
struct DiagnosticView<'a> {
    column: Option<usize>,
    file: Option<&'a str>,
    level: Level,
    line: Option<usize>,
    message: &'a str,
}

#[derive(Serialize)]
struct RuleView<'a> {
    id: &'a str,
    name: &'a str,
    severity: Severity,
    title: &'a str,
}

fn finding(f: &Finding) -> FindingView<'_> {
    FindingView {
        fingerprint: &f.fingerprint,
        location: Location {
            end_column: f.region.end_column,
            end_line: f.region.end_line,
            file: &f.file,
            start_column: f.region.start_column,
            start_line: f.region.start_line,
        },
        message: &f.message,
        property: f.property.as_deref(),
        resource: ResourceView {
            id: &f.resource_id,
            name: f.resource_name.as_deref(),
            r#type: &f.resource_type,
        },
        rule_id: &f.rule_id,
        rule_name: &f.rule_name,
        severity: f.severity,
        suppression: f.suppression.as_ref().map(|s| SuppressionView {
            justification: &s.justification,
            kind: s.kind,
        }),
        title: &f.title,
    }
}

fn diagnostic(d: &Diagnostic) -> DiagnosticView<'_> {
    DiagnosticView {
        column: d.region.map(|r| r.start_column),
        file: d.file.as_deref(),
        level: d.level,
        line: d.region.map(|r| r.start_line),
        message: &d.message,
    }
}

pub fn render(result: &ScanResult) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(result, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the report as it is serialized, without holding its text.
pub fn write(result: &ScanResult, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let doc = Doc {
        diagnostics: result.diagnostics.iter().map(diagnostic).collect(),
        findings: result.findings.iter().map(finding).collect(),
        rules: result
            .rules
            .iter()
            .map(|r| RuleView {
                id: &r.id,
                name: &r.name,
                severity: r.severity,
                title: &r.title,
            })
            .collect(),
        schema_version: SCHEMA_VERSION,
        summary: Summary {
            by_severity: counts_by_severity(&result.findings)
                .into_iter()
                .map(|(s, n)| (s.to_string(), n))
                .collect(),
            errors: result
                .diagnostics
                .iter()
                .filter(|d| d.level == Level::Error)
                .count(),
            files: result.files.len(),
            findings: super::active(&result.findings).count(),
            resources: result.resource_count,
            suppressed: result
                .findings
                .iter()
                .filter(|f| f.suppression.is_some())
                .count(),
        },
        tool: Tool {
            name: "lzscan",
            version: env!("CARGO_PKG_VERSION"),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata;
    use serde_json::{json, Value};

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
