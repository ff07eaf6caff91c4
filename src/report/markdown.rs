//! Markdown: a summary fit for a pull request comment or `$GITHUB_STEP_SUMMARY`.

use super::{active, counts_by_severity, plural};
use crate::finding::Level;
use crate::graph::EdgeKind;
use crate::scan::ScanResult;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// VNets drawn in the topology diagram at most.
const MAX_NODES: usize = 150;

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
    let findings: Vec<_> = active(&result.findings).collect();
    let suppressed = result.findings.len() - findings.len();
    if findings.is_empty() {
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
            plural(findings.len(), "finding"),
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
        let mut sorted = findings.clone();
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
        if findings.len() > MAX_ROWS {
            let _ = writeln!(out, "\n…and {} more.", findings.len() - MAX_ROWS);
        }
        out.push('\n');
    }
    if suppressed > 0 {
        let _ = writeln!(
            out,
            "{} suppressed (accepted with a reason).\n",
            plural(suppressed, "finding")
        );
    }
    out.push_str(&topology(result));
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

/// A Mermaid picture of the VNets and their peerings; VNets and links with
/// findings are drawn in red. Empty when the scan holds no VNet.
pub fn topology(result: &ScanResult) -> String {
    let g = &result.graph;
    let vnets: Vec<&crate::graph::Resource> = g
        .resources
        .iter()
        .filter(|r| {
            r.r#type
                .eq_ignore_ascii_case("Microsoft.Network/virtualNetworks")
        })
        .collect();
    if vnets.is_empty() {
        return String::new();
    }
    if vnets.len() > MAX_NODES {
        return format!(
            "### Network topology\n\n{} VNets: too many to draw.\n\n",
            vnets.len()
        );
    }
    let ids: BTreeMap<String, usize> = vnets
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.to_ascii_lowercase(), i))
        .collect();
    let bad: BTreeSet<String> = active(&result.findings)
        .map(|f| f.resource_id.to_ascii_lowercase())
        .collect();
    // A peering link is "bad" when a finding names it: the peering resource, or
    // one entry of a VNet's inline peering list.
    let mut bad_links: BTreeSet<(String, String)> = BTreeSet::new();
    for f in active(&result.findings) {
        let Some(r) = g.get(&f.resource_id) else {
            continue;
        };
        let remote = |body: &serde_json::Value| {
            body.pointer("/properties/remoteVirtualNetwork/id")
                .and_then(|v| v.as_str())
                .and_then(|id| {
                    g.resolve(id)
                        .first()
                        .map(|&i| g.resources[i].id.to_ascii_lowercase())
                })
        };
        if r.r#type
            .to_ascii_lowercase()
            .ends_with("/virtualnetworkpeerings")
        {
            let body = r.body_json();
            if let (Some(parent), Some(to)) = (crate::graph::parent_id(&r.id), remote(&body)) {
                let from = g
                    .resolve(parent)
                    .first()
                    .map(|&i| g.resources[i].id.to_ascii_lowercase());
                if let Some(from) = from {
                    bad_links.insert((from, to));
                }
            }
        } else if let Some(i) = f
            .property
            .as_deref()
            .and_then(|p| p.strip_prefix("properties.virtualNetworkPeerings["))
            .and_then(|rest| rest.split(']').next())
            .and_then(|i| i.parse::<usize>().ok())
        {
            let body = r.body_json();
            let entry = body
                .get("properties")
                .and_then(|p| p.get("virtualNetworkPeerings"))
                .and_then(|l| l.get(i));
            if let Some(to) = entry.and_then(remote) {
                bad_links.insert((r.id.to_ascii_lowercase(), to));
            }
        }
    }
    let mut links: BTreeMap<(usize, usize), bool> = BTreeMap::new();
    for e in g
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Peering && e.resolved)
    {
        let (Some(&a), Some(&b)) = (
            ids.get(&e.from.to_ascii_lowercase()),
            ids.get(&e.to.to_ascii_lowercase()),
        ) else {
            continue;
        };
        let key = (a.min(b), a.max(b));
        let flagged = bad_links.contains(&(e.from.to_ascii_lowercase(), e.to.to_ascii_lowercase()));
        *links.entry(key).or_default() |= flagged;
    }
    let mut s = String::from("### Network topology\n\n```mermaid\ngraph LR\n");
    for (i, r) in vnets.iter().enumerate() {
        let name = r
            .name
            .as_deref()
            .unwrap_or("(unnamed VNet)")
            .replace('"', "#quot;");
        let _ = writeln!(s, "  n{i}[\"{name}\"]");
    }
    for (a, b) in links.keys() {
        let _ = writeln!(s, "  n{a} --- n{b}");
    }
    for (i, (_, flagged)) in links.iter().enumerate() {
        if *flagged {
            let _ = writeln!(s, "  linkStyle {i} stroke:#d73a49,stroke-width:3px");
        }
    }
    let flagged: Vec<String> = vnets
        .iter()
        .enumerate()
        .filter(|(_, r)| bad.contains(&r.id.to_ascii_lowercase()))
        .map(|(i, _)| format!("n{i}"))
        .collect();
    if !flagged.is_empty() {
        s.push_str("  classDef finding stroke:#d73a49,stroke-width:2px\n");
        let _ = writeln!(s, "  class {} finding", flagged.join(","));
    }
    s.push_str("```\n\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata;

    #[test]
    fn markdown_summary() {
        insta::assert_snapshot!(render(&testdata::result()));
    }

    #[test]
    fn topology_draws_vnets_and_marks_bad_peerings() {
        use crate::graph::testutil::resource;
        use crate::graph::Graph;
        use serde_json::json;
        let id = |n: &str| {
            format!(
                "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/{n}"
            )
        };
        let peer = |to: &str| json!({"properties": {"remoteVirtualNetwork": {"id": id(to)}}});
        let hub = resource(
            &id("hub"),
            "Microsoft.Network/virtualNetworks",
            json!({"properties": {"virtualNetworkPeerings": [peer("a"), peer("b")]}}),
        );
        let a = resource(
            &id("a"),
            "Microsoft.Network/virtualNetworks",
            json!({"properties": {"virtualNetworkPeerings": [peer("hub"), peer("b")]}}),
        );
        let b = resource(
            &id("b"),
            "Microsoft.Network/virtualNetworks",
            json!({"properties": {}}),
        );
        let mut r = testdata::result();
        r.graph = Graph::build(vec![hub, a, b]);
        r.findings[0].resource_id = id("a");
        r.findings[0].resource_type = "Microsoft.Network/virtualNetworks".into();
        r.findings[0].property = Some("properties.virtualNetworkPeerings[1]".into());
        let t = topology(&r);
        insta::assert_snapshot!(t);
        assert!(t.contains("stroke:#d73a49"));
    }
}
