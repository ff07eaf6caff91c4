//! Terminal text: findings grouped by file with a source snippet, then a summary.

use super::{counts_by_severity, plural, ReportOptions};
use crate::finding::{Finding, Severity};
use crate::scan::ScanResult;
use colored::{Color, Colorize};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Lines of source shown under a finding at most.
const SNIPPET_LINES: usize = 3;

fn paint(s: &str, color: Color, on: bool) -> String {
    if on {
        s.color(color).to_string()
    } else {
        s.to_string()
    }
}

fn bold(s: &str, on: bool) -> String {
    if on {
        s.bold().to_string()
    } else {
        s.to_string()
    }
}

fn severity_color(s: Severity) -> Color {
    match s {
        Severity::Critical => Color::BrightRed,
        Severity::High => Color::Red,
        Severity::Medium => Color::Yellow,
        Severity::Low => Color::Cyan,
        Severity::Info => Color::BrightBlack,
    }
}

pub fn render(result: &ScanResult, opts: &ReportOptions) -> String {
    let c = opts.color;
    let mut out = String::new();
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in result
        .findings
        .iter()
        .filter(|f| opts.show_suppressed || f.suppression.is_none())
    {
        by_file.entry(&f.file).or_default().push(f);
    }
    for (file, findings) in &by_file {
        let lines: Vec<String> = result
            .files
            .get(*file)
            .and_then(|p| std::fs::read_to_string(p).ok())
            .map(|t| t.lines().map(str::to_string).collect())
            .unwrap_or_default();
        let _ = writeln!(out, "{}", bold(file, c));
        for f in findings {
            let r = f.region;
            let sev = format!("{:<8}", f.severity.as_str());
            let _ = writeln!(
                out,
                "  {}:{}  {} {}  {}  {}",
                r.start_line,
                r.start_column,
                paint(&sev, severity_color(f.severity), c),
                bold(&f.rule_id, c),
                f.message,
                paint(&format!("[{}]", f.rule_name), Color::BrightBlack, c),
            );
            if let Some(s) = &f.suppression {
                let _ = writeln!(
                    out,
                    "    {}",
                    paint(
                        &format!("suppressed: {}", s.justification),
                        Color::BrightBlack,
                        c
                    )
                );
            }
            let last = r.end_line.min(r.start_line + SNIPPET_LINES - 1);
            let width = last.to_string().len();
            for n in r.start_line..=last {
                if let Some(text) = lines.get(n.wrapping_sub(1)) {
                    let gutter = format!("{n:>width$} |");
                    let _ = writeln!(
                        out,
                        "    {} {}",
                        paint(&gutter, Color::BrightBlue, c),
                        text.trim_end()
                    );
                }
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", summary(result, c));
    out
}

/// One line: counts of findings by severity, resources and files.
pub fn summary(result: &ScanResult, c: bool) -> String {
    let files = result.files.len();
    let scanned = format!(
        "{} in {}",
        plural(result.resource_count, "resource"),
        plural(files, "file")
    );
    let suppressed = result
        .findings
        .iter()
        .filter(|f| f.suppression.is_some())
        .count();
    let suppressed = if suppressed > 0 {
        format!(" {} suppressed.", plural(suppressed, "finding"))
    } else {
        String::new()
    };
    let active = super::active(&result.findings).count();
    if active == 0 {
        return format!(
            "{} No findings ({scanned} scanned).{suppressed}",
            paint("✔", Color::Green, c)
        );
    }
    let parts: Vec<String> = counts_by_severity(&result.findings)
        .into_iter()
        .map(|(s, n)| paint(&format!("{n} {s}"), severity_color(s), c))
        .collect();
    format!(
        "Found {} ({}) in {scanned}.{suppressed}",
        bold(&plural(active, "finding"), c),
        parts.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata;

    #[test]
    fn text_report() {
        let r = testdata::result();
        insta::assert_snapshot!(render(&r, &ReportOptions::default()));
    }

    #[test]
    fn text_report_without_findings() {
        let mut r = testdata::result();
        r.findings.clear();
        assert!(render(&r, &ReportOptions::default())
            .contains("No findings (3 resources in 1 file scanned)"));
    }

    #[test]
    fn suppressed_findings_are_hidden_unless_asked() {
        let mut r = testdata::result();
        r.findings[0].suppression = Some(crate::finding::Suppression {
            kind: crate::finding::SuppressionKind::InSource,
            justification: "legacy account".into(),
        });
        let plain = render(&r, &ReportOptions::default());
        assert!(!plain.contains("LZ101"));
        assert!(
            plain.contains(
                "Found 1 finding (1 medium) in 3 resources in 1 file. 1 finding suppressed."
            ),
            "{plain}"
        );
        let shown = render(
            &r,
            &ReportOptions {
                show_suppressed: true,
                ..Default::default()
            },
        );
        assert!(shown.contains("LZ101") && shown.contains("suppressed: legacy account"));
    }

    #[test]
    fn colour_only_when_asked() {
        let r = testdata::result();
        let plain = render(&r, &ReportOptions::default());
        assert!(!plain.contains('\u{1b}'));
        colored::control::set_override(true);
        let coloured = render(
            &r,
            &ReportOptions {
                color: true,
                ..Default::default()
            },
        );
        colored::control::unset_override();
        assert!(coloured.contains('\u{1b}'));
    }
}
