//! The report stage: one module per output format, all rendering the same
//! [`ScanResult`] into a string. Reporters never change findings; they only show
//! them (and read a source file only to show a snippet).

pub mod github;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod text;

use crate::finding::{Finding, Severity};
use crate::scan::ScanResult;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReportFormat {
    Text,
    Json,
    Sarif,
    Github,
    Markdown,
    Junit,
}

impl ReportFormat {
    pub const ALL: [ReportFormat; 6] = [
        ReportFormat::Text,
        ReportFormat::Json,
        ReportFormat::Sarif,
        ReportFormat::Github,
        ReportFormat::Markdown,
        ReportFormat::Junit,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ReportFormat::Text => "text",
            ReportFormat::Json => "json",
            ReportFormat::Sarif => "sarif",
            ReportFormat::Github => "github",
            ReportFormat::Markdown => "markdown",
            ReportFormat::Junit => "junit",
        }
    }
}

impl fmt::Display for ReportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ReportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ReportFormat::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!(
                    "unknown format '{s}' (expected one of: {})",
                    ReportFormat::ALL.map(|f| f.name()).join(", ")
                )
            })
    }
}

/// Settings shared by the reporters.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// ANSI colours (text only).
    pub color: bool,
    /// List suppressed findings in text output too.
    pub show_suppressed: bool,
    /// Absolute path of the directory report paths are relative to (SARIF's `%SRCROOT%`).
    pub root_uri: Option<String>,
}

/// Renders `result` in `format`.
pub fn render(format: ReportFormat, result: &ScanResult, opts: &ReportOptions) -> String {
    match format {
        ReportFormat::Text => text::render(result, opts),
        ReportFormat::Json => json::render(result),
        ReportFormat::Sarif => sarif::render(result, opts),
        ReportFormat::Github => github::render(result),
        ReportFormat::Markdown => markdown::render(result),
        ReportFormat::Junit => junit::render(result),
    }
}

/// Writes a report; the JSON report is streamed, the others rendered first.
pub fn write(
    format: ReportFormat,
    result: &ScanResult,
    opts: &ReportOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        ReportFormat::Json => json::write(result, out),
        _ => out.write_all(render(format, result, opts).as_bytes()),
    }
}

/// Unsuppressed finding counts per severity, most severe first, zero counts left out.
pub fn counts_by_severity(findings: &[Finding]) -> Vec<(Severity, usize)> {
    let mut m: BTreeMap<Severity, usize> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.suppression.is_none()) {
        *m.entry(f.severity).or_default() += 1;
    }
    Severity::ALL
        .into_iter()
        .filter_map(|s| m.get(&s).map(|&n| (s, n)))
        .collect()
}

/// The findings that fail a run (not suppressed).
pub fn active(findings: &[Finding]) -> impl Iterator<Item = &Finding> {
    findings.iter().filter(|f| f.suppression.is_none())
}

/// "3 findings" / "1 finding".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
pub(crate) mod testdata;
