//! JUnit XML: one test case per rule and resource, for Azure DevOps
//! (`PublishTestResults@2`), GitLab and other CI that read JUnit.
//!
//! Each rule is a test suite; each resource the rule applies to and violates is a
//! failed test case; a rule with no finding is one passing test case, so that a
//! clean run still shows what was checked. Scan errors are one errored case.

use crate::finding::{Finding, Level};
use crate::scan::ScanResult;
use std::collections::BTreeMap;
use std::fmt::Write;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters, even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn render(result: &ScanResult) -> String {
    let mut by_rule: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &result.findings {
        by_rule.entry(&f.rule_id).or_default().push(f);
    }
    let errors: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
        .collect();
    let mut suites = String::new();
    let mut total_tests = 0;
    let mut total_failures = 0;
    for rule in &result.rules {
        let findings = by_rule.get(rule.id.as_str()).cloned().unwrap_or_default();
        let tests = findings.len().max(1);
        let skipped = findings.iter().filter(|f| f.suppression.is_some()).count();
        total_tests += tests;
        total_failures += findings.len() - skipped;
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{} {}\" tests=\"{tests}\" failures=\"{}\" errors=\"0\" skipped=\"{skipped}\">",
            esc(&rule.id),
            esc(&rule.name),
            findings.len() - skipped
        );
        if findings.is_empty() {
            let _ = writeln!(
                suites,
                "    <testcase classname=\"{}\" name=\"{}\"/>",
                esc(&rule.id),
                esc(&rule.title)
            );
        }
        for f in findings {
            if let Some(s) = &f.suppression {
                let _ = writeln!(
                    suites,
                    "    <testcase classname=\"{}\" name=\"{}\">\n      <skipped message=\"suppressed: {}\"/>\n    </testcase>",
                    esc(&f.rule_id),
                    esc(&format!("{} ({}:{})", f.resource_name.as_deref().unwrap_or(&f.resource_type), f.file, f.region.start_line)),
                    esc(&s.justification)
                );
                continue;
            }
            let name = format!(
                "{} ({}:{})",
                f.resource_name.as_deref().unwrap_or(&f.resource_type),
                f.file,
                f.region.start_line
            );
            let _ = writeln!(
                suites,
                "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\">\n      <failure message=\"{}\" type=\"{}\">{}\nresource: {}\nlocation: {}:{}:{}</failure>\n    </testcase>",
                esc(&f.rule_id),
                esc(&name),
                esc(&f.file),
                f.region.start_line,
                esc(&f.message),
                esc(f.severity.as_str()),
                esc(&f.message),
                esc(&f.resource_id),
                esc(&f.file),
                f.region.start_line,
                f.region.start_column
            );
        }
        suites.push_str("  </testsuite>\n");
    }
    if !errors.is_empty() {
        total_tests += 1;
        let detail: Vec<String> = errors.iter().map(|d| d.to_string()).collect();
        let _ = writeln!(
            suites,
            "  <testsuite name=\"lzscan\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n    <testcase classname=\"lzscan\" name=\"inputs and policies can be scanned\">\n      <error message=\"{} scan error(s)\">{}</error>\n    </testcase>\n  </testsuite>",
            errors.len(),
            esc(&detail.join("\n"))
        );
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"lzscan\" tests=\"{total_tests}\" failures=\"{total_failures}\" errors=\"{}\">\n{suites}</testsuites>\n",
        usize::from(!errors.is_empty())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata;

    #[test]
    fn junit_report() {
        insta::assert_snapshot!(render(&testdata::result()));
    }

    #[test]
    fn escapes_xml() {
        assert_eq!(esc("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot; ");
    }
}
