//! The suppress stage: accepting findings without hiding them.
//!
//! Three sources, applied in this order: `lzscan:ignore` directives written on the
//! resource (inline), waivers in `lzscan.toml`, and a baseline file of accepted
//! fingerprints. A suppressed finding is still reported (SARIF `suppressions`,
//! JSON `suppression`, text with `--show-suppressed`) but does not fail the run. A
//! directive without a reason, an expired waiver, and anything that matched no
//! finding are reported as warnings, so that stale suppressions do not pile up.

use crate::config::{Date, Waiver};
use crate::finding::{Diagnostic, Finding, Level, Suppression, SuppressionKind};
use crate::graph::Graph;
use crate::policy::RuleMeta;
use crate::source::Region;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Everything that can accept a finding, besides the resources' own directives.
#[derive(Debug, Default)]
pub struct Sources<'a> {
    pub waivers: &'a [Waiver],
    /// The configuration file the waivers come from (for messages).
    pub config_file: Option<&'a str>,
    pub baseline: Option<&'a Baseline>,
    pub baseline_file: Option<&'a str>,
    pub today: Option<Date>,
}

/// True when a directive or waiver's rule pattern names `rule`: its id, an id
/// prefix, its name, or `all`.
fn names(pattern: &str, rule: &RuleMeta) -> bool {
    crate::scan::rule_matches(rule, pattern)
}

fn line_region(line: usize) -> Region {
    Region {
        start_line: line,
        start_column: 1,
        end_line: line,
        end_column: 1,
    }
}

/// Marks the findings that are accepted and returns what should be said about
/// the suppressions themselves.
pub fn apply(
    findings: &mut [Finding],
    graph: &Graph,
    rules: &[RuleMeta],
    src: &Sources<'_>,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let rule_by_id: BTreeMap<&str, &RuleMeta> = rules.iter().map(|r| (r.id.as_str(), r)).collect();

    // Inline directives: the resource's own.
    let mut used_directives: BTreeSet<(String, usize)> = BTreeSet::new();
    for f in findings.iter_mut() {
        let (Some(r), Some(rule)) = (
            graph.get(&f.resource_id),
            rule_by_id.get(f.rule_id.as_str()),
        ) else {
            continue;
        };
        for d in &r.ignores {
            if d.rules.iter().any(|p| names(p, rule)) {
                if let Some(reason) = &d.reason {
                    used_directives.insert((r.source.file.clone(), d.line));
                    f.suppression.get_or_insert(Suppression {
                        kind: SuppressionKind::InSource,
                        justification: reason.clone(),
                    });
                }
            }
        }
    }
    let mut seen = BTreeSet::new();
    for r in &graph.resources {
        for d in &r.ignores {
            if !seen.insert((r.source.file.clone(), d.line)) {
                continue;
            }
            if d.reason.is_none() {
                diags.push(Diagnostic {
                    level: Level::Warning,
                    file: Some(r.source.file.clone()),
                    region: Some(line_region(d.line)),
                    message: format!(
                        "`lzscan:ignore {}` has no reason and suppresses nothing: write why after the rule ids",
                        d.rules.join(",")
                    ),
                });
            } else if !used_directives.contains(&(r.source.file.clone(), d.line))
                && d.rules
                    .iter()
                    .any(|p| rules.iter().any(|rule| names(p, rule)))
            {
                diags.push(Diagnostic {
                    level: Level::Warning,
                    file: Some(r.source.file.clone()),
                    region: Some(line_region(d.line)),
                    message: format!(
                        "unused suppression: `lzscan:ignore {}` matches no finding",
                        d.rules.join(",")
                    ),
                });
            }
        }
    }

    // Waivers from the configuration.
    let matchers: Vec<Option<globset::GlobMatcher>> = src
        .waivers
        .iter()
        .map(|w| {
            globset::GlobBuilder::new(&w.resource)
                .case_insensitive(true)
                .literal_separator(false)
                .build()
                .ok()
                .map(|g| g.compile_matcher())
        })
        .collect();
    let config = src.config_file.unwrap_or("lzscan.toml");
    let mut used_waivers = vec![false; src.waivers.len()];
    for (i, w) in src.waivers.iter().enumerate() {
        let expired = matches!((w.expires, src.today), (Some(e), Some(t)) if e < t);
        let Some(m) = &matchers[i] else { continue };
        for f in findings.iter_mut().filter(|f| f.suppression.is_none()) {
            let Some(rule) = rule_by_id.get(f.rule_id.as_str()) else {
                continue;
            };
            let resource_matches = m.is_match(&f.resource_id)
                || f.resource_name.as_deref().is_some_and(|n| m.is_match(n));
            if !names(&w.rule, rule) || !resource_matches {
                continue;
            }
            used_waivers[i] = true;
            if !expired {
                let mut justification = w.reason.clone();
                if let Some(o) = &w.owner {
                    justification.push_str(&format!(" (owner: {o})"));
                }
                if let Some(e) = w.expires {
                    justification.push_str(&format!(" (until {e})"));
                }
                f.suppression = Some(Suppression {
                    kind: SuppressionKind::External,
                    justification,
                });
            }
        }
        let what = format!("waiver for {} on `{}`", w.rule, w.resource);
        if expired {
            diags.push(Diagnostic {
                level: Level::Warning,
                file: Some(config.to_string()),
                region: None,
                message: format!(
                    "{what} expired on {} and no longer suppresses anything",
                    w.expires.map(|d| d.to_string()).unwrap_or_default()
                ),
            });
        } else if !used_waivers[i] && rules.iter().any(|r| names(&w.rule, r)) {
            diags.push(Diagnostic {
                level: Level::Warning,
                file: Some(config.to_string()),
                region: None,
                message: format!("unused {what}: it matches no finding"),
            });
        }
    }

    // The baseline: findings accepted as they were when it was written.
    if let Some(b) = src.baseline {
        let known: BTreeSet<&str> = b.findings.iter().map(|e| e.fingerprint.as_str()).collect();
        let mut matched = BTreeSet::new();
        for f in findings.iter_mut() {
            if known.contains(f.fingerprint.as_str()) {
                matched.insert(f.fingerprint.clone());
                f.suppression.get_or_insert(Suppression {
                    kind: SuppressionKind::External,
                    justification: format!(
                        "accepted in the baseline {}",
                        src.baseline_file.unwrap_or("file")
                    ),
                });
            }
        }
        let fixed = known.len() - matched.len();
        if fixed > 0 {
            diags.push(Diagnostic::general(
                Level::Note,
                format!(
                    "{} of the {} baseline findings are fixed",
                    fixed,
                    known.len()
                ),
            ));
        }
    }
    diags
}

/// Accepted findings, by fingerprint (`--write-baseline`, `--baseline`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub lzscan_baseline: u32,
    pub findings: Vec<BaselineEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub rule_id: String,
    pub resource_id: String,
    pub file: String,
}

impl Baseline {
    pub fn of(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<BaselineEntry> = findings
            .iter()
            .map(|f| BaselineEntry {
                fingerprint: f.fingerprint.clone(),
                rule_id: f.rule_id.clone(),
                resource_id: f.resource_id.clone(),
                file: f.file.clone(),
            })
            .collect();
        entries.sort();
        entries.dedup();
        Baseline {
            lzscan_baseline: 1,
            findings: entries,
        }
    }

    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
        let b: Baseline =
            serde_json::from_str(&text).map_err(|e| format!("not an lzscan baseline: {e}"))?;
        if b.lzscan_baseline != 1 {
            return Err(format!(
                "baseline version {} is not supported (expected 1)",
                b.lzscan_baseline
            ));
        }
        Ok(b)
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::testutil::sa;
    use crate::policy::PolicySet;
    use crate::source::Directive;

    fn finding(rule: &str, id: &str, name: &str) -> Finding {
        Finding {
            rule_id: rule.into(),
            rule_name: String::new(),
            severity: crate::finding::Severity::Medium,
            title: String::new(),
            message: String::new(),
            resource_id: id.into(),
            resource_type: "Microsoft.Storage/storageAccounts".into(),
            resource_name: Some(name.into()),
            file: "t.json".into(),
            region: Region::default(),
            property: None,
            fingerprint: crate::finding::fingerprint(rule, id, "t.json", None),
            suppression: None,
        }
    }

    fn rules() -> Vec<RuleMeta> {
        PolicySet::load(true, &[], false)
            .map(|s| s.rules)
            .unwrap_or_default()
    }

    fn date(s: &str) -> Option<Date> {
        s.parse().ok()
    }

    #[test]
    fn inline_directives_need_a_reason_and_unused_ones_are_reported() {
        let mut a = sa("a");
        a.ignores = vec![
            Directive {
                rules: vec!["LZ301".into()],
                reason: Some("archive".into()),
                line: 3,
            },
            Directive {
                rules: vec!["LZ201".into()],
                reason: None,
                line: 4,
            },
            Directive {
                rules: vec!["LZ101".into()],
                reason: Some("stale".into()),
                line: 5,
            },
        ];
        let id = a.id.clone();
        let g = Graph::build(vec![a]);
        let mut fs = vec![finding("LZ301", &id, "a"), finding("LZ201", &id, "a")];
        let diags = apply(&mut fs, &g, &rules(), &Sources::default());
        assert_eq!(
            fs[0].suppression.as_ref().map(|s| s.justification.as_str()),
            Some("archive")
        );
        assert!(fs[1].suppression.is_none());
        let msgs: Vec<_> = diags.iter().map(|d| d.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("t.json:4:") && m.contains("no reason")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("t.json:5:") && m.contains("unused suppression")),
            "{msgs:?}"
        );
        assert_eq!(diags.len(), 2);
    }

    #[test]
    fn waivers_match_ids_or_names_and_expire() {
        let g = Graph::build(vec![sa("archive1"), sa("hot")]);
        let id = |n: &str| sa(n).id;
        let waivers = vec![
            Waiver {
                rule: "LZ301".into(),
                resource: "*/storageAccounts/ARCHIVE*".into(),
                reason: "re-creatable".into(),
                expires: date("2999-01-01"),
                owner: Some("data".into()),
            },
            Waiver {
                rule: "geo-redundant-storage".into(),
                resource: "hot".into(),
                reason: "old".into(),
                expires: date("2000-01-01"),
                owner: None,
            },
            Waiver {
                rule: "LZ101".into(),
                resource: "nothing-here".into(),
                reason: "r".into(),
                expires: None,
                owner: None,
            },
        ];
        let mut fs = vec![
            finding("LZ301", &id("archive1"), "archive1"),
            finding("LZ301", &id("hot"), "hot"),
        ];
        let src = Sources {
            waivers: &waivers,
            today: date("2026-11-27"),
            ..Sources::default()
        };
        let diags = apply(&mut fs, &g, &rules(), &src);
        let s = fs[0]
            .suppression
            .clone()
            .unwrap_or_else(|| panic!("not suppressed"));
        assert_eq!(s.kind, SuppressionKind::External);
        assert_eq!(
            s.justification,
            "re-creatable (owner: data) (until 2999-01-01)"
        );
        assert!(
            fs[1].suppression.is_none(),
            "expired waivers do not suppress"
        );
        let msgs: Vec<_> = diags.iter().map(|d| d.message.clone()).collect();
        assert!(
            msgs.iter().any(|m| m.contains("expired on 2000-01-01")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("unused waiver for LZ101")),
            "{msgs:?}"
        );
    }

    #[test]
    fn baseline_round_trip_and_fixed_count() {
        let g = Graph::build(vec![sa("a"), sa("b")]);
        let old = vec![
            finding("LZ301", &sa("a").id, "a"),
            finding("LZ301", &sa("gone").id, "gone"),
        ];
        let b = Baseline::of(&old);
        let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = d.path().join("b.json");
        std::fs::write(&p, b.to_json()).unwrap_or_else(|e| panic!("{e}"));
        let b2 = Baseline::read(&p).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(b, b2);
        let mut now = vec![
            finding("LZ301", &sa("a").id, "a"),
            finding("LZ301", &sa("b").id, "b"),
        ];
        let src = Sources {
            baseline: Some(&b2),
            baseline_file: Some("b.json"),
            ..Sources::default()
        };
        let diags = apply(&mut now, &g, &rules(), &src);
        assert!(now[0].suppression.is_some());
        assert!(now[1].suppression.is_none(), "new findings are reported");
        assert!(diags
            .iter()
            .any(|d| d.message.contains("1 of the 2 baseline findings are fixed")));
        assert!(Baseline::read(&d.path().join("missing.json")).is_err());
    }
}
