//! `lzscan.toml`: finding it, validating it strictly, and what it holds.
//!
//! Found from the first scanned path upwards (`lzscan.toml`, then `.lzscan.toml`)
//! or given with `--config`. Every key is checked: an unknown key or a bad value is
//! an error that names the key, its line, and the nearest valid key.
//!
//! ```toml
//! [scan]
//! select = ["LZ1", "LZ201"]     # rule ids, prefixes or names
//! ignore = ["LZ301"]
//! fail_on = "high"
//! policy_dirs = ["policies"]    # relative to this file
//! exclude = ["legacy/**"]       # paths not scanned (globs, relative to this file)
//!
//! [rules.LZ201]
//! severity = "low"              # override a rule's severity
//!
//! [[waivers]]                   # accept a finding without hiding it
//! rule = "LZ301"
//! resource = "*/storageAccounts/archive*"   # glob on resource id or name
//! reason = "Archive data is re-creatable from the source system"
//! expires = 2027-06-30          # optional; an expired waiver stops suppressing
//! owner = "data-platform"       # optional
//! ```

use crate::finding::Severity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The names lzscan looks for, in order.
pub const FILE_NAMES: [&str; 2] = ["lzscan.toml", ".lzscan.toml"];

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub scan: ScanSection,
    /// Per-rule settings, by rule id.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSection>,
    #[serde(default)]
    pub waivers: Vec<Waiver>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanSection {
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    pub fail_on: Option<Severity>,
    #[serde(default)]
    pub policy_dirs: Vec<PathBuf>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSection {
    pub severity: Option<Severity>,
}

/// A finding accepted on purpose, with a reason and optionally an end date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// A rule id (`LZ301`), prefix or name.
    pub rule: String,
    /// A glob matched, case-insensitively, against the resource id and name.
    pub resource: String,
    pub reason: String,
    pub expires: Option<Date>,
    pub owner: Option<String>,
}

/// A calendar date (`2027-06-30`), as a TOML date or a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("'{s}' is not a date (expected YYYY-MM-DD)");
        let mut it = s.trim().splitn(3, '-');
        let year: i32 = it.next().and_then(|x| x.parse().ok()).ok_or_else(bad)?;
        let month: u32 = it.next().and_then(|x| x.parse().ok()).ok_or_else(bad)?;
        let day: u32 = it.next().and_then(|x| x.parse().ok()).ok_or_else(bad)?;
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return Err(bad());
        }
        Ok(Date { year, month, day })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Date(toml::value::Datetime),
            Text(String),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Date(dt) => dt.to_string(),
            Raw::Text(s) => s,
        };
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Date {
    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days((secs / 86_400) as i64)
    }

    /// The civil date of a count of days since 1970-01-01 (Hinnant's algorithm).
    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

/// A configuration that could not be read, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ConfigError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

/// A loaded configuration and the folder its relative paths start from.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    pub path: Option<PathBuf>,
}

impl Loaded {
    /// The folder relative paths in the file are resolved against.
    pub fn base(&self) -> PathBuf {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    }
}

/// The configuration file that applies to `start`: the nearest `lzscan.toml` or
/// `.lzscan.toml` in it or a folder above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(start).ok()?;
    let mut dir = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    while let Some(d) = dir {
        for name in FILE_NAMES {
            let p = d.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        dir = d.parent();
    }
    None
}

/// Reads and validates a configuration file.
pub fn load(path: &Path) -> Result<Loaded, ConfigError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        file: file.clone(),
        line: None,
        message: format!("cannot read: {e}"),
    })?;
    let config = parse(&text).map_err(|(line, message)| ConfigError {
        file: file.clone(),
        line,
        message,
    })?;
    Ok(Loaded {
        config,
        path: Some(path.to_path_buf()),
    })
}

/// Parses configuration text; errors carry the 1-based line when known.
pub fn parse(text: &str) -> Result<Config, (Option<usize>, String)> {
    let config: Config = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text.get(..s.start).map_or(0, |t| t.matches('\n').count()) + 1);
        (line, explain(e.message()))
    })?;
    for id in config.rules.keys() {
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err((None, format!("[rules.{id}]: not a rule id (e.g. LZ201)")));
        }
    }
    for (i, w) in config.waivers.iter().enumerate() {
        if w.reason.trim().is_empty() {
            return Err((
                None,
                format!(
                    "waivers[{i}] ({} {}): `reason` must not be empty",
                    w.rule, w.resource
                ),
            ));
        }
        if let Err(e) = globset::GlobBuilder::new(&w.resource).build() {
            return Err((
                None,
                format!("waivers[{i}]: `resource` is not a valid glob: {e}"),
            ));
        }
    }
    Ok(config)
}

/// serde's "unknown field `sevrity`, expected one of ..." becomes a suggestion.
fn explain(message: &str) -> String {
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return message.trim().to_string();
    };
    let Some((field, expected)) = rest.split_once('`') else {
        return message.trim().to_string();
    };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let best = candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(field, c), *c))
        .min()
        .filter(|(d, c)| *d <= c.len().max(field.len()) / 2 + 1);
    match best {
        Some((_, c)) => format!("unknown key `{field}`; did you mean `{c}`?"),
        None => format!(
            "unknown key `{field}`; valid keys here: {}",
            candidates.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_full_configuration() {
        let c = parse(
            r#"
[scan]
select = ["LZ1"]
fail_on = "high"
policy_dirs = ["policies"]

[rules.LZ201]
severity = "low"

[[waivers]]
rule = "LZ301"
resource = "*/storageAccounts/archive*"
reason = "re-creatable"
expires = 2027-06-30
owner = "data"

[[waivers]]
rule = "LZ101"
resource = "legacy"
reason = "decommissioned in Q3"
expires = "2026-09-30"
"#,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(c.scan.fail_on, Some(Severity::High));
        assert_eq!(c.rules["LZ201"].severity, Some(Severity::Low));
        assert_eq!(c.waivers.len(), 2);
        assert_eq!(
            c.waivers[0].expires.map(|d| d.to_string()).as_deref(),
            Some("2027-06-30")
        );
        assert_eq!(c.waivers[1].expires.map(|d| d.month), Some(9));
    }

    #[test]
    fn unknown_keys_name_the_key_its_line_and_a_suggestion() {
        let e = parse("[scan]\nselect = []\nfail_onn = \"high\"\n").err();
        let (line, msg) = e.unwrap_or_default();
        assert_eq!(line, Some(3));
        assert!(
            msg.contains("`fail_onn`") && msg.contains("did you mean `fail_on`"),
            "{msg}"
        );
        let (_, msg) = parse(
            "[[waivers]]\nrule = \"LZ1\"\nresource = \"x\"\nreason = \"r\"\nexpire = 2027-01-01\n",
        )
        .err()
        .unwrap_or_default();
        assert!(msg.contains("did you mean `expires`"), "{msg}");
        let (_, msg) = parse("[scna]\n").err().unwrap_or_default();
        assert!(msg.contains("did you mean `scan`"), "{msg}");
    }

    #[test]
    fn bad_values_are_errors() {
        assert!(parse("[scan]\nfail_on = \"urgent\"\n").is_err());
        assert!(parse("[[waivers]]\nrule = \"LZ1\"\nresource = \"x\"\nreason = \" \"\n").is_err());
        assert!(parse(
            "[[waivers]]\nrule = \"LZ1\"\nresource = \"x\"\nreason = \"r\"\nexpires = \"soon\"\n"
        )
        .is_err());
        assert!(parse("[[waivers]]\nrule = \"LZ1\"\nresource = \"a[\"\nreason = \"r\"\n").is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_819).to_string(), "2027-01-01");
        assert_eq!(Date::from_days(11_016).to_string(), "2000-02-29");
        assert!("2027-02-01".parse::<Date>().ok() > "2027-01-31".parse::<Date>().ok());
    }

    #[test]
    fn finds_the_nearest_file_upwards() {
        let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(d.path().join("a/b")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(d.path().join(".lzscan.toml"), "").unwrap_or_else(|e| panic!("{e}"));
        let found = find(&d.path().join("a/b"));
        assert_eq!(
            found.as_deref(),
            Some(d.path().join(".lzscan.toml").as_path())
        );
        std::fs::write(d.path().join("a/lzscan.toml"), "").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            find(&d.path().join("a/b/x.json")),
            Some(d.path().join("a/lzscan.toml"))
        );
    }
}
