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

/// The whole document, as `write` renders it in parts (kept to test that the parts
/// make the same bytes).
#[cfg(test)]
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

/// Writes the report as it is serialized, without holding its text. Findings are
/// rendered in parallel, a chunk at a time; the bytes are what
/// `serde_json::to_writer_pretty` writes for the whole document.
pub fn write(result: &ScanResult, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use rayon::prelude::*;
    const CHUNK: usize = 4096;
    let Parts {
        diagnostics,
        rules,
        summary,
        tool,
    } = parts(result);

    // The members of the top-level object, in the order the report has always had.
    out.write_all(b"{\n  \"diagnostics\": ")?;
    out.write_all(&pretty_at(&diagnostics, 1)?)?;
    out.write_all(b",\n  \"findings\": ")?;
    if result.findings.is_empty() {
        out.write_all(b"[]")?;
    } else {
        out.write_all(b"[")?;
        for (n, chunk) in result.findings.chunks(CHUNK).enumerate() {
            let rendered: Vec<std::io::Result<Vec<u8>>> = chunk
                .par_iter()
                .map(|f| pretty_at(&finding(f), 2))
                .collect();
            for (i, r) in rendered.into_iter().enumerate() {
                out.write_all(if n == 0 && i == 0 {
                    b"\n    "
                } else {
                    b",\n    "
                })?;
                out.write_all(&r?)?;
            }
        }
        out.write_all(b"\n  ]")?;
    }
    out.write_all(b",\n  \"rules\": ")?;
    out.write_all(&pretty_at(&rules, 1)?)?;
    out.write_all(b",\n  \"schema_version\": ")?;
    out.write_all(&pretty_at(&SCHEMA_VERSION, 1)?)?;
    out.write_all(b",\n  \"summary\": ")?;
    out.write_all(&pretty_at(&summary, 1)?)?;
    out.write_all(b",\n  \"tool\": ")?;
    out.write_all(&pretty_at(&tool, 1)?)?;
    out.write_all(b"\n}\n")
}

/// Everything in the document but the findings.
struct Parts<'a> {
    diagnostics: Vec<DiagnosticView<'a>>,
    rules: Vec<RuleView<'a>>,
    summary: Summary,
    tool: Tool,
}

fn parts(result: &ScanResult) -> Parts<'_> {
    Parts {
        diagnostics: result.diagnostics.iter().map(diagnostic).collect(),
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
    }
}

/// A value pretty-printed as it appears `depth` levels deep in a pretty-printed
/// document: serde_json indents by two spaces a level, and a newline in its
/// output is always structure (strings escape theirs).
fn pretty_at<T: Serialize>(value: &T, depth: usize) -> std::io::Result<Vec<u8>> {
    let text = serde_json::to_vec_pretty(value)?;
    let indent = "  ".repeat(depth);
    let mut out = Vec::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            out.extend_from_slice(indent.as_bytes());
        }
        out.extend_from_slice(line);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata;
    use serde_json::{json, Value};

    #[test]
    fn report_is_the_pretty_printed_document_byte_for_byte() {
        let mut r = testdata::result();
        // Enough findings for several chunks, with newlines and quotes to escape.
        let f = r.findings[0].clone();
        for i in 0..9000 {
            let mut g = f.clone();
            g.message = format!("line one\nline \"{i}\"");
            r.findings.push(g);
        }
        for result in [r, testdata::result(), ScanResult::default()] {
            let Parts {
                diagnostics,
                rules,
                summary,
                tool,
            } = parts(&result);
            let doc = Doc {
                diagnostics,
                findings: result.findings.iter().map(finding).collect(),
                rules,
                schema_version: SCHEMA_VERSION,
                summary,
                tool,
            };
            let mut whole = serde_json::to_string_pretty(&doc).unwrap_or_default();
            whole.push('\n');
            assert_eq!(render(&result), whole);
        }
    }

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
