//! Rule metadata: the `# METADATA` block that opens each policy file.
//!
//! regorus drops comments, so lzscan reads the block itself. The format is OPA's
//! (YAML in comments before `package`); lzscan's own fields live under `custom`:
//!
//! ```rego
//! # METADATA
//! # title: Data services have a private endpoint
//! # description: |
//! #   What it checks, why it matters, how to fix it.
//! # custom:
//! #   id: LZ101
//! #   name: private-endpoint-required
//! #   severity: high
//! #   resource_types: [Microsoft.Storage/storageAccounts]
//! #   azure_policy:
//! #     - id: /providers/Microsoft.Authorization/policyDefinitions/...
//! #       name: Storage accounts should use private link
//! #   parameters:                 # set in lzscan.toml under [rules.LZ101]
//! #     - name: services
//! #       description: ARM types that need a private endpoint
//! #       default: [Microsoft.Storage/storageAccounts]
//! package lzscan.rules.private_endpoint_required
//! ```

use crate::finding::Severity;
use serde::{Deserialize, Serialize};

/// An Azure Policy (or ALZ) definition a rule corresponds to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyRef {
    pub id: String,
    pub name: String,
}

/// A setting of a rule: `lzscan.toml` may replace its default with a value of the
/// same JSON kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    pub name: String,
    pub description: String,
    pub default: serde_json::Value,
}

impl Parameter {
    /// The JSON kind of the default ("array", "string", ...), which a configured
    /// value must share.
    pub fn kind(&self) -> &'static str {
        json_kind(&self.default)
    }
}

/// "array", "object", "string", "number", "boolean" or "null".
pub fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    }
}

/// Everything lzscan knows about one rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleMeta {
    pub id: String,
    pub name: String,
    pub title: String,
    pub severity: Severity,
    /// Markdown: what the rule checks, why, how to fix, an example.
    pub description: String,
    pub resource_types: Vec<String>,
    pub azure_policy: Vec<PolicyRef>,
    pub alz: Vec<String>,
    pub tags: Vec<String>,
    /// Settings the rule reads from `data.lzscan.params.<id>`, with their defaults.
    pub parameters: Vec<Parameter>,
    /// The Rego package, e.g. `lzscan.rules.private_endpoint_required`.
    pub package: String,
    /// The policy file (`policies/network/private_endpoint_required.rego` for built-ins).
    pub file: String,
    pub builtin: bool,
}

impl RuleMeta {
    /// The first paragraph of the description: one or two sentences.
    pub fn summary(&self) -> &str {
        self.description
            .split("\n\n")
            .next()
            .unwrap_or(&self.description)
            .trim()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Block {
    title: String,
    description: String,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    related_resources: Option<serde_yaml_ng::Value>,
    #[serde(default)]
    authors: Option<serde_yaml_ng::Value>,
    custom: Custom,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Custom {
    id: String,
    name: String,
    severity: Severity,
    #[serde(default)]
    resource_types: Vec<String>,
    #[serde(default)]
    azure_policy: Vec<PolicyRef>,
    #[serde(default)]
    alz: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    parameters: Vec<Parameter>,
}

/// A problem in a policy file's text, with the 1-based line it is on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct MetaError {
    pub line: usize,
    pub message: String,
}

/// The package a policy file declares, and the line it is on.
pub fn package_of(text: &str) -> Option<(String, usize)> {
    text.lines().enumerate().find_map(|(i, l)| {
        let l = l.trim();
        let rest = l.strip_prefix("package ")?;
        let name = rest.split('#').next()?.trim();
        (!name.is_empty()).then(|| (name.to_string(), i + 1))
    })
}

/// Reads the package-level `# METADATA` block of a policy, if it has one.
/// `Ok(None)`: no block (a library or test file). A block that is not valid, or
/// that lacks lzscan's required fields, is an error naming its line.
pub fn parse(text: &str, file: &str, builtin: bool) -> Result<Option<RuleMeta>, MetaError> {
    let Some((package, package_line)) = package_of(text) else {
        return Ok(None);
    };
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = lines
        .iter()
        .take(package_line.saturating_sub(1))
        .position(|l| l.trim() == "# METADATA")
    else {
        return Ok(None);
    };
    let mut yaml = String::new();
    for l in lines.iter().skip(start + 1) {
        let t = l.trim_start();
        let Some(body) = t.strip_prefix('#') else {
            break;
        };
        yaml.push_str(body.strip_prefix(' ').unwrap_or(body));
        yaml.push('\n');
    }
    let block: Block = serde_yaml_ng::from_str(&yaml).map_err(|e| MetaError {
        line: start + 2 + e.location().map_or(0, |l| l.line().saturating_sub(1)),
        message: format!("invalid METADATA block: {e}"),
    })?;
    let _ = (&block.scope, &block.related_resources, &block.authors);
    let c = block.custom;
    let bad = |message: String| MetaError {
        line: start + 1,
        message,
    };
    if !is_rule_id(&c.id) {
        return Err(bad(format!(
            "custom.id '{}' is not a rule id (letters then digits, e.g. LZ101 or ACME001)",
            c.id
        )));
    }
    if c.name.is_empty()
        || !c
            .name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(bad(format!(
            "custom.name '{}' must be kebab-case (lower-case letters, digits and '-')",
            c.name
        )));
    }
    if block.title.trim().is_empty() || block.description.trim().is_empty() {
        return Err(bad("title and description must not be empty".into()));
    }
    let mut seen = std::collections::BTreeSet::new();
    for p in &c.parameters {
        if RESERVED.contains(&p.name.as_str()) || !seen.insert(p.name.as_str()) {
            return Err(bad(format!(
                "parameter '{}' is defined twice or shadows a reserved setting ({})",
                p.name,
                RESERVED.join(", ")
            )));
        }
    }
    Ok(Some(RuleMeta {
        id: c.id,
        name: c.name,
        title: block.title.trim().to_string(),
        severity: c.severity,
        description: block.description.trim().to_string(),
        resource_types: c.resource_types,
        azure_policy: c.azure_policy,
        alz: c.alz,
        tags: c.tags,
        parameters: c.parameters,
        package,
        file: file.to_string(),
        builtin,
    }))
}

/// Keys of `[rules.ID]` in `lzscan.toml` that are lzscan's own, not parameters.
pub const RESERVED: [&str; 2] = ["severity", "ignore_paths"];

fn is_rule_id(id: &str) -> bool {
    let letters = id.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits = id.len() - letters;
    (1..=8).contains(&letters)
        && (1..=6).contains(&digits)
        && id.bytes().skip(letters).all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "# METADATA\n# title: T\n# description: |\n#   First para.\n#\n#   More.\n# custom:\n#   id: LZ101\n#   name: private-endpoint-required\n#   severity: high\n#   azure_policy:\n#     - id: /providers/x\n#       name: X\npackage lzscan.rules.pe\n\ndeny contains x if { false }\n";

    #[test]
    fn parses_a_metadata_block() {
        let m = parse(GOOD, "p.rego", true).ok().flatten();
        let m = m.as_ref();
        assert_eq!(m.map(|m| m.id.as_str()), Some("LZ101"));
        assert_eq!(m.map(|m| m.severity), Some(Severity::High));
        assert_eq!(m.map(|m| m.package.as_str()), Some("lzscan.rules.pe"));
        assert_eq!(m.map(RuleMeta::summary), Some("First para."));
        assert_eq!(m.map(|m| m.azure_policy.len()), Some(1));
    }

    #[test]
    fn parameters_have_defaults_and_reserved_names_are_refused() {
        let with = GOOD.replace(
            "#   azure_policy:",
            "#   parameters:\n#     - name: thresholds\n#       description: percent\n#       default: [80, 100]\n#   azure_policy:",
        );
        let m = parse(&with, "p.rego", true).ok().flatten();
        let p = m.as_ref().and_then(|m| m.parameters.first());
        assert_eq!(p.map(|p| p.kind()), Some("array"));
        assert_eq!(
            p.map(|p| p.default.clone()),
            Some(serde_json::json!([80, 100]))
        );
        let e = parse(&with.replace("thresholds", "severity"), "p.rego", true);
        assert!(e.is_err());
    }

    #[test]
    fn files_without_metadata_are_libraries() {
        assert_eq!(parse("package lzscan.lib\n", "l.rego", true), Ok(None));
    }

    #[test]
    fn bad_blocks_name_their_line() {
        let e = parse(&GOOD.replace("high", "urgent"), "p.rego", false);
        assert!(
            matches!(e, Err(MetaError { line, .. }) if line > 1),
            "{e:?}"
        );
        let e = parse(&GOOD.replace("LZ101", "lz-1"), "p.rego", false);
        assert!(matches!(e, Err(MetaError { line: 1, .. })), "{e:?}");
        let e = parse(&GOOD.replace("  severity", "  sevrity"), "p.rego", false);
        assert!(e.is_err());
    }

    #[test]
    fn rule_ids() {
        assert!(is_rule_id("LZ101"));
        assert!(is_rule_id("ACME0001"));
        assert!(!is_rule_id("LZ"));
        assert!(!is_rule_id("101"));
        assert!(!is_rule_id("lz101"));
    }
}
