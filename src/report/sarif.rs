//! SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
//!
//! Built as plain JSON (the format is small and stable) and checked in CI with
//! Microsoft's SARIF validator using the GitHub rule set. Fingerprints come from
//! the rule and resource, never from the line, so an alert survives edits above it;
//! the resource id is also a logical location so auditors can find it in Azure.

use super::ReportOptions;
use crate::finding::{Level, Severity};
use crate::policy::RuleMeta;
use crate::scan::ScanResult;
use serde_json::{json, Value};
use std::collections::BTreeMap;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// GitHub's `security-severity`: >= 9 critical, >= 7 high, >= 4 medium, else low.
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "1.0",
    }
}

/// SARIF messages end with a period.
fn sentence(s: &str) -> String {
    let t = s.trim();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

/// Rule names in SARIF are PascalCase identifiers.
fn pascal(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn rule(r: &RuleMeta) -> Value {
    let mut help = format!("# {}: {}\n\n{}\n", r.id, r.title, r.description);
    if !r.azure_policy.is_empty() {
        help.push_str("\n**Azure Policy:**\n\n");
        for p in &r.azure_policy {
            help.push_str(&format!("- {} (`{}`)\n", p.name, p.id));
        }
    }
    let mut tags: Vec<&str> = vec!["security", "azure", "iac"];
    for t in &r.tags {
        if !tags.contains(&t.as_str()) {
            tags.push(t);
        }
    }
    json!({
        "id": r.id,
        "name": pascal(&r.name),
        "shortDescription": {"text": sentence(&r.title)},
        "fullDescription": {"text": sentence(r.summary())},
        "help": {"text": sentence(&r.description), "markdown": help},
        "defaultConfiguration": {"level": level(r.severity)},
        "properties": {
            "tags": tags,
            "precision": "high",
            "problem.severity": level(r.severity),
            "security-severity": security_severity(r.severity),
        }
    })
}

/// An artifact location: relative to `%SRCROOT%` (the working directory) when the
/// file is below it, an absolute `file://` URI otherwise.
fn artifact(path: &str) -> Value {
    if path.starts_with('/') {
        json!({"uri": format!("file://{}", uri(path))})
    } else {
        json!({"uri": uri(path), "uriBaseId": "%SRCROOT%"})
    }
}

fn uri(path: &str) -> String {
    // Forward slashes, percent-encoded where URIs need it.
    path.split('/')
        .map(|seg| {
            seg.bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("/")
}

pub fn render(result: &ScanResult, opts: &ReportOptions) -> String {
    let index: BTreeMap<&str, usize> = result
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let results: Vec<Value> = result
        .findings
        .iter()
        .map(|f| {
            let r = f.region;
            let mut res = json!({
                "ruleId": f.rule_id,
                "level": level(f.severity),
                "message": {"text": sentence(&f.message)},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact(&f.file),
                        "region": {
                            "startLine": r.start_line,
                            "startColumn": r.start_column,
                            "endLine": r.end_line,
                            "endColumn": r.end_column,
                        }
                    },
                    "logicalLocations": [{
                        "name": f.resource_name.clone().unwrap_or_else(|| f.resource_type.clone()),
                        "fullyQualifiedName": f.resource_id,
                        "kind": "resource",
                    }]
                }],
                "partialFingerprints": {"lzscanFingerprint/v1": f.fingerprint},
                "properties": {"severity": f.severity, "resourceType": f.resource_type},
            });
            if let Some(i) = index.get(f.rule_id.as_str()) {
                res["ruleIndex"] = json!(i);
            }
            if let Some(s) = &f.suppression {
                res["suppressions"] = json!([{
                    "kind": s.kind,
                    "status": "accepted",
                    "justification": s.justification,
                }]);
            }
            res
        })
        .collect();
    let notifications: Vec<Value> = result
        .diagnostics
        .iter()
        .map(|d| {
            let mut n = json!({
                "level": match d.level { Level::Error => "error", Level::Warning => "warning", Level::Note => "note" },
                "message": {"text": sentence(&d.message)},
            });
            if let Some(file) = &d.file {
                let mut loc = json!({"artifactLocation": artifact(file)});
                if let Some(r) = d.region {
                    loc["region"] = json!({"startLine": r.start_line, "startColumn": r.start_column});
                }
                n["locations"] = json!([{"physicalLocation": loc}]);
            }
            n
        })
        .collect();
    let mut run = json!({
        "tool": {"driver": {
            "name": "lzscan",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": env!("CARGO_PKG_HOMEPAGE"),
            "rules": result.rules.iter().map(rule).collect::<Vec<_>>(),
        }},
        "invocations": [{
            "executionSuccessful": !result.has_errors(),
            "toolExecutionNotifications": notifications,
        }],
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(root) = &opts.root_uri {
        run["originalUriBaseIds"] = json!({"%SRCROOT%": {"uri": root}});
    }
    let doc = json!({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]});
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata;

    #[test]
    fn sarif_report() {
        let out = render(&testdata::result(), &ReportOptions::default());
        let v: Value = serde_json::from_str(&out).unwrap_or_default();
        insta::assert_json_snapshot!(v);
    }

    #[test]
    fn suppressed_findings_carry_suppressions() {
        let mut r = testdata::result();
        r.findings[0].suppression = Some(crate::finding::Suppression {
            kind: crate::finding::SuppressionKind::InSource,
            justification: "accepted until the VNet exists".into(),
        });
        let v: Value =
            serde_json::from_str(&render(&r, &ReportOptions::default())).unwrap_or_default();
        assert_eq!(
            v["runs"][0]["results"][0]["suppressions"],
            json!([{"kind": "inSource", "status": "accepted", "justification": "accepted until the VNet exists"}])
        );
        assert!(v["runs"][0]["results"][1].get("suppressions").is_none());
    }

    #[test]
    fn helpers() {
        assert_eq!(
            pascal("private-endpoint-required"),
            "PrivateEndpointRequired"
        );
        assert_eq!(sentence("no endpoint"), "no endpoint.");
        assert_eq!(sentence("done."), "done.");
        assert_eq!(uri("infra/my file.json"), "infra/my%20file.json");
        assert_eq!(
            artifact("/abs/a.json"),
            json!({"uri": "file:///abs/a.json"})
        );
        assert_eq!(artifact("a.json")["uriBaseId"], "%SRCROOT%");
    }
}
