//! Markdown: a summary fit for a pull request comment or `$GITHUB_STEP_SUMMARY`.

use super::{counts_by_severity, plural};
use crate::finding::Level;
use crate::scan::ScanResult;
use std::fmt::Write;

/// Findings listed in the table at most; the rest are counted.
const MAX_ROWS: usize = 50;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn render(result: &ScanResult) -> String {
    let mut out = String::from("## lzscan\n\n");
    let errors = result
        .diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
        .count();
    if result.findings.is_empty() {
        let _ = writeln!(
            out,
            ":white_check_mark: No findings in {} across {}.\n",
            plural(result.resource_count, "resource"),
            plural(result.files.len(), "file")
        );
    } else {
        let _ = writeln!(
            out,
            "**{}** in {} across {}.\n",
            plural(result.findings.len(), "finding"),
            plural(result.resource_count, "resource"),
            plural(result.files.len(), "file")
        );
        out.push_str("| Severity | Count |\n|---|---:|\n");
        for (s, n) in counts_by_severity(&result.findings) {
            let _ = writeln!(out, "| {s} | {n} |");
        }
        out.push_str(
            "\n| Severity | Rule | Resource | Location | Message |\n|---|---|---|---|---|\n",
        );
        let mut sorted: Vec<_> = result.findings.iter().collect();
        sorted.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.cmp(b)));
        for f in sorted.iter().take(MAX_ROWS) {
            let _ = writeln!(
                out,
                "| {} | `{}` {} | {} | `{}:{}` | {} |",
                f.severity,
                f.rule_id,
                cell(&f.rule_name),
                cell(
                    &f.resource_name
                        .clone()
                        .unwrap_or_else(|| f.resource_type.clone())
                ),
                cell(&f.file),
                f.region.start_line,
                cell(&f.message)
            );
        }
        if result.findings.len() > MAX_ROWS {
            let _ = writeln!(out, "\n…and {} more.", result.findings.len() - MAX_ROWS);
        }
        out.push('\n');
    }
    if errors > 0 {
        let _ = writeln!(
            out,
            ":x: **{}**: some inputs or policies could not be scanned.\n",
            plural(errors, "error")
        );
        for d in result
            .diagnostics
            .iter()
            .filter(|d| d.level == Level::Error)
            .take(MAX_ROWS)
        {
            let _ = writeln!(out, "- {}", cell(&d.to_string()));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata;

    #[test]
    fn markdown_summary() {
        insta::assert_snapshot!(render(&testdata::result()));
    }
}
