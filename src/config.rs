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
//! ignore_paths = ["sandbox/**"] # the rule says nothing about these files
//! tags = ["cost-center", "owner"]  # a rule parameter (`lzscan rule LZ201` lists them)
//!
//! [topology]
//! hubs = ["vnet-hub-*"]         # VNet names or ids (globs) that are hubs
//!
//! [topology.subscriptions]      # subscription roles: ids, names or globs
//! ai_compute = ["sub-ai-gpu-*"]
//! data = ["sub-ai-data"]
//! serving = ["sub-ai-serving"]
//! hub = ["sub-connectivity"]
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
    #[serde(default)]
    pub topology: Topology,
    /// The file's text, for the lines of errors found after parsing.
    #[serde(skip)]
    pub text: String,
}

/// A problem with the configuration found once the rules are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleConfigError {
    pub line: Option<usize>,
    pub message: String,
}

impl Config {
    /// Checks `[rules.ID]` sections against the loaded rules: the rule exists, each
    /// parameter is one the rule declares and has the kind of its default, and each
    /// `ignore_paths` entry is a glob.
    pub fn check_rules(&self, rules: &[crate::policy::RuleMeta]) -> Vec<RuleConfigError> {
        let mut out = Vec::new();
        for (id, section) in &self.rules {
            let header = line_of(&self.text, &format!("[rules.{id}]"), None);
            let Some(rule) = rules.iter().find(|r| &r.id == id) else {
                let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
                out.push(RuleConfigError {
                    line: header,
                    message: format!("[rules.{id}]: no rule has this id{}", suggest(id, &ids)),
                });
                continue;
            };
            for g in &section.ignore_paths {
                if let Err(e) = globset::Glob::new(g) {
                    out.push(RuleConfigError {
                        line: line_of(&self.text, &format!("[rules.{id}]"), Some("ignore_paths")),
                        message: format!(
                            "[rules.{id}] ignore_paths: '{g}' is not a valid glob: {e}"
                        ),
                    });
                }
            }
            for (key, value) in &section.params {
                let line = line_of(&self.text, &format!("[rules.{id}]"), Some(key));
                let Some(p) = rule.parameters.iter().find(|p| &p.name == key) else {
                    let mut names: Vec<&str> =
                        rule.parameters.iter().map(|p| p.name.as_str()).collect();
                    names.extend(crate::policy::metadata::RESERVED);
                    out.push(RuleConfigError {
                        line,
                        message: format!(
                            "[rules.{id}]: unknown key `{key}`{}",
                            suggest(key, &names)
                        ),
                    });
                    continue;
                };
                let got = crate::policy::metadata::json_kind(&to_json(value));
                if got != p.kind() {
                    out.push(RuleConfigError {
                        line,
                        message: format!(
                            "[rules.{id}] {key}: expected {} (like the default {}), found {got}",
                            p.kind(),
                            p.default
                        ),
                    });
                }
            }
        }
        out
    }

    /// Every rule's parameters, defaults replaced by configured values:
    /// `{rule id: {name: value}}`, the document rules read as `data.lzscan.params`.
    pub fn params(&self, rules: &[crate::policy::RuleMeta]) -> serde_json::Value {
        let mut all = serde_json::Map::new();
        for r in rules {
            let mut m = serde_json::Map::new();
            for p in &r.parameters {
                let v = self
                    .rules
                    .get(&r.id)
                    .and_then(|s| s.params.get(&p.name))
                    .map(to_json)
                    .filter(|v| crate::policy::metadata::json_kind(v) == p.kind())
                    .unwrap_or_else(|| p.default.clone());
                m.insert(p.name.clone(), v);
            }
            all.insert(r.id.clone(), serde_json::Value::Object(m));
        }
        serde_json::Value::Object(all)
    }
}

/// Renders a configuration as `lzscan.toml` text with every rule's parameters:
/// the effective values (`lzscan config --show`), or, with `starter`, the defaults
/// commented out with their descriptions (`lzscan init`).
pub fn render(config: &Config, rules: &[crate::policy::RuleMeta], starter: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let c = if starter { "# " } else { "" };
    let list = |v: &[String]| toml_value(&serde_json::json!(v));
    if starter {
        out.push_str(
            "# lzscan configuration. Every setting is shown with its default, commented out:\n\
             # uncomment and change what your landing zone needs. `lzscan config --show`\n\
             # prints the configuration in effect; `lzscan rule ID` explains a rule.\n\n",
        );
    }
    let _ = writeln!(out, "[scan]");
    if starter {
        out.push_str("# Rules to run (ids, id prefixes like \"LZ1\", or names); empty runs all.\n");
    }
    let _ = writeln!(out, "{c}select = {}", list(&config.scan.select));
    let _ = writeln!(out, "{c}ignore = {}", list(&config.scan.ignore));
    if starter {
        out.push_str("# Exit with 1 only for findings at or above this severity.\n");
    }
    let _ = writeln!(
        out,
        "{c}fail_on = \"{}\"",
        config.scan.fail_on.map_or("info", |s| s.as_str())
    );
    let dirs: Vec<String> = config
        .scan
        .policy_dirs
        .iter()
        .map(|d| d.display().to_string())
        .collect();
    if starter {
        out.push_str("# Folders of your own Rego rules, relative to this file.\n");
    }
    let _ = writeln!(out, "{c}policy_dirs = {}", list(&dirs));
    if starter {
        out.push_str("# Paths not scanned (globs relative to this file).\n");
    }
    let _ = writeln!(out, "{c}exclude = {}", list(&config.scan.exclude));

    out.push_str("\n[topology]\n");
    if starter {
        out.push_str(
            "# VNets that are hubs (globs on name or id). Without this, a VNet with an\n\
             # AzureFirewallSubnet, GatewaySubnet or AzureBastionSubnet, or tagged lz-role = hub, is one.\n",
        );
    }
    let _ = writeln!(out, "{c}hubs = {}", list(&config.topology.hubs));
    out.push_str("\n[topology.subscriptions]\n");
    if starter {
        out.push_str(
            "# Subscription roles: ids, names or globs. A subscription tag lz-role, or a\n\
             # Terraform provider alias named after a role, says the same.\n",
        );
    }
    for (role, patterns) in config.topology.subscriptions.by_role() {
        let _ = writeln!(out, "{c}{role} = {}", list(patterns));
    }

    let params = config.params(rules);
    for r in rules {
        let _ = writeln!(out, "\n[rules.{}]  # {}: {}", r.id, r.name, r.title);
        let section = config.rules.get(&r.id);
        let severity = section.and_then(|s| s.severity).unwrap_or(r.severity);
        let _ = writeln!(out, "{c}severity = \"{}\"", severity.as_str());
        let ignore_paths = section.map(|s| s.ignore_paths.clone()).unwrap_or_default();
        let _ = writeln!(out, "{c}ignore_paths = {}", list(&ignore_paths));
        for p in &r.parameters {
            if starter {
                for line in p.description.trim().lines() {
                    let _ = writeln!(out, "# {}", line.trim());
                }
            }
            let v = params
                .get(&r.id)
                .and_then(|m| m.get(&p.name))
                .unwrap_or(&p.default);
            let _ = writeln!(out, "{c}{} = {}", p.name, toml_value(v));
        }
    }
    if !config.waivers.is_empty() {
        for w in &config.waivers {
            out.push_str("\n[[waivers]]\n");
            let _ = writeln!(out, "rule = {}", toml_value(&serde_json::json!(w.rule)));
            let _ = writeln!(
                out,
                "resource = {}",
                toml_value(&serde_json::json!(w.resource))
            );
            let _ = writeln!(out, "reason = {}", toml_value(&serde_json::json!(w.reason)));
            if let Some(e) = w.expires {
                let _ = writeln!(out, "expires = {e}");
            }
            if let Some(o) = &w.owner {
                let _ = writeln!(out, "owner = {}", toml_value(&serde_json::json!(o)));
            }
        }
    } else if starter {
        out.push_str(
            "\n# Accept a finding on purpose, with a reason and optionally an end date:\n\
             # [[waivers]]\n\
             # rule = \"LZ301\"\n\
             # resource = \"*/storageAccounts/archive*\"\n\
             # reason = \"Archive data is re-creatable from the source system\"\n\
             # expires = 2027-06-30\n",
        );
    }
    out
}

/// A JSON value written as inline TOML.
fn toml_value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "\"\"".to_string(),
        serde_json::Value::Bool(b) => b.to_string(),
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::String(s) => toml::Value::String(s.clone()).to_string(),
        serde_json::Value::Array(a) => {
            let items: Vec<String> = a.iter().map(toml_value).collect();
            format!("[{}]", items.join(", "))
        }
        serde_json::Value::Object(o) => {
            let items: Vec<String> = o
                .iter()
                .map(|(k, v)| format!("{} = {}", toml_key(k), toml_value(v)))
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
    }
}

fn toml_key(k: &str) -> String {
    if !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        k.to_string()
    } else {
        toml::Value::String(k.to_string()).to_string()
    }
}

fn to_json(v: &toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => serde_json::Value::from(s.as_str()),
        toml::Value::Integer(i) => serde_json::Value::from(*i),
        toml::Value::Float(f) => serde_json::Value::from(*f),
        toml::Value::Boolean(b) => serde_json::Value::from(*b),
        toml::Value::Datetime(d) => serde_json::Value::from(d.to_string()),
        toml::Value::Array(a) => serde_json::Value::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            serde_json::Value::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

/// The 1-based line of `header` in `text`, or of `key = ` within that section.
fn line_of(text: &str, header: &str, key: Option<&str>) -> Option<usize> {
    let mut in_section = false;
    for (i, l) in text.lines().enumerate() {
        let t = l.trim();
        if t.starts_with('[') {
            in_section = t.replace(' ', "") == header.replace(' ', "");
            if in_section && key.is_none() {
                return Some(i + 1);
            }
        } else if in_section {
            if let Some(k) = key {
                let name = t.split('=').next().unwrap_or("").trim().trim_matches('"');
                if name == k {
                    return Some(i + 1);
                }
            }
        }
    }
    None
}

/// "; did you mean `x`?" for the nearest candidate, else the list of candidates.
fn suggest(got: &str, candidates: &[&str]) -> String {
    let best = candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(got, c), *c))
        .min()
        .filter(|(d, c)| *d <= c.len().max(got.len()) / 2 + 1);
    match best {
        Some((_, c)) => format!("; did you mean `{c}`?"),
        None if candidates.is_empty() => String::new(),
        None => format!("; valid here: {}", candidates.join(", ")),
    }
}

/// How the landing zone is laid out, where the code alone cannot tell.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topology {
    /// VNets that are hubs: globs on name or id (case-insensitive). Also judges
    /// peerings to VNets outside the scan.
    #[serde(default)]
    pub hubs: Vec<String>,
    #[serde(default)]
    pub subscriptions: SubscriptionRoles,
}

/// Subscriptions by role: ids, names or globs on either (case-insensitive).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubscriptionRoles {
    #[serde(default)]
    pub ai_compute: Vec<String>,
    #[serde(default)]
    pub data: Vec<String>,
    #[serde(default)]
    pub serving: Vec<String>,
    #[serde(default)]
    pub hub: Vec<String>,
    #[serde(default)]
    pub general: Vec<String>,
}

impl SubscriptionRoles {
    /// (role, patterns), in the order roles are tried.
    pub fn by_role(&self) -> [(&'static str, &[String]); 5] {
        [
            ("ai_compute", &self.ai_compute),
            ("data", &self.data),
            ("serving", &self.serving),
            ("hub", &self.hub),
            ("general", &self.general),
        ]
    }
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

/// `[rules.ID]`: lzscan's own keys, and the rule's parameters (checked against
/// the rule's metadata once the rules are loaded, see [`Config::check_rules`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleSection {
    pub severity: Option<Severity>,
    /// Globs (relative to the configuration's folder) of files this rule ignores.
    #[serde(default)]
    pub ignore_paths: Vec<String>,
    #[serde(flatten)]
    pub params: BTreeMap<String, toml::Value>,
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
    let mut config: Config = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text.get(..s.start).map_or(0, |t| t.matches('\n').count()) + 1);
        (line, explain(e.message()))
    })?;
    config.text = text.to_string();
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
    format!("unknown key `{field}`{}", suggest(field, &candidates))
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
