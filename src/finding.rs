//! Findings and diagnostics: what a scan produces, in a deterministic order.

use crate::source::Region;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;

/// How serious a finding is. Ordered from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Ok(Severity::Info),
            "low" => Ok(Severity::Low),
            "medium" => Ok(Severity::Medium),
            "high" => Ok(Severity::High),
            "critical" => Ok(Severity::Critical),
            other => Err(format!(
                "unknown severity '{other}' (expected critical, high, medium, low or info)"
            )),
        }
    }
}

/// One rule violated by one resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule_id: String,
    pub rule_name: String,
    pub severity: Severity,
    pub title: String,
    pub message: String,
    pub resource_id: String,
    pub resource_type: String,
    pub resource_name: Option<String>,
    /// The file as reports show it (relative to the working directory where possible).
    pub file: String,
    pub region: Region,
    /// The offending property (`properties.publicNetworkAccess`), when the rule names one.
    pub property: Option<String>,
    /// Stable identity across runs and line moves: rule and resource, never the line.
    pub fingerprint: String,
    /// Set when the finding was accepted (inline comment, waiver, baseline): it is
    /// still reported, but does not fail the run.
    pub suppression: Option<Suppression>,
}

/// Where an accepted finding was accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SuppressionKind {
    /// In the scanned source itself (a comment, ARM `metadata`).
    InSource,
    /// Outside it (a waiver in the configuration, a baseline file).
    External,
}

/// Why a finding does not fail the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppression {
    pub kind: SuppressionKind,
    pub justification: String,
}

impl Finding {
    /// The sort key: file, position, rule, resource, message.
    fn key(&self) -> (&str, Region, &str, &str, &str) {
        (
            &self.file,
            self.region,
            &self.rule_id,
            &self.resource_id,
            &self.message,
        )
    }
}

impl Ord for Finding {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Finding {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// `sha256(rule, lower-case resource id, scope, property)` in hex. `scope` is the
/// declaring file for code, empty for exported state (whose file names change per
/// export).
pub fn fingerprint(
    rule_id: &str,
    resource_id: &str,
    scope: &str,
    property: Option<&str>,
) -> String {
    let mut h = Sha256::new();
    for part in [
        rule_id,
        &resource_id.to_ascii_lowercase(),
        scope,
        property.unwrap_or(""),
    ] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// How bad a diagnostic is. Errors make the run exit 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Note,
}

/// A problem with the scan itself: an unreadable file, a bad expression, a broken
/// policy. Never a finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    pub level: Level,
    /// The file concerned, if any.
    pub file: Option<String>,
    pub region: Option<Region>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(
        file: impl Into<String>,
        region: Option<Region>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            level: Level::Error,
            file: Some(file.into()),
            region,
            message: message.into(),
        }
    }

    pub fn note(
        file: impl Into<String>,
        region: Option<Region>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            level: Level::Note,
            file: Some(file.into()),
            region,
            message: message.into(),
        }
    }

    pub fn warning(
        file: impl Into<String>,
        region: Option<Region>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            level: Level::Warning,
            file: Some(file.into()),
            region,
            message: message.into(),
        }
    }

    pub fn general(level: Level, message: impl Into<String>) -> Self {
        Diagnostic {
            level,
            file: None,
            region: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        };
        match (&self.file, &self.region) {
            (Some(file), Some(r)) => write!(
                f,
                "{level}: {file}:{}:{}: {}",
                r.start_line, r.start_column, self.message
            ),
            (Some(file), None) => write!(f, "{level}: {file}: {}", self.message),
            _ => write!(f, "{level}: {}", self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_id_case_and_is_stable() {
        let a = fingerprint("LZ101", "/Subscriptions/X", "a.json", None);
        let b = fingerprint("LZ101", "/subscriptions/x", "a.json", None);
        assert_eq!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(a, fingerprint("LZ201", "/subscriptions/x", "a.json", None));
    }

    #[test]
    fn severities_order_and_parse() {
        assert!(Severity::Critical > Severity::High);
        assert!(Severity::Low > Severity::Info);
        assert_eq!("HIGH".parse::<Severity>(), Ok(Severity::High));
        assert!("urgent".parse::<Severity>().is_err());
    }
}
