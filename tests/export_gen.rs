//! The synthetic exports the benchmarks use give exactly the violations the
//! generator planted, at small sizes, through the real binary.

mod common;
#[path = "../benches/common/export_gen.rs"]
mod export_gen;
use common::*;
use std::collections::BTreeMap;

/// Scans a generated export of `n` resources and returns the rules it planted
/// violations of, with every rule that has a bad export fixture.
fn check(n: usize, file: &str) -> (Vec<String>, Vec<String>) {
    let units = export_gen::units(&root()).unwrap_or_else(|e| panic!("{e}"));
    let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let m = export_gen::write(&units, n, &d.path().join(file)).unwrap_or_else(|e| panic!("{e}"));
    assert!(m.resources >= n);
    assert!(m.violations.len() >= 10, "{:?}", m.violations);
    let (code, report, stderr) = scan_json(d.path(), &[file, "--no-config"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(report["summary"]["errors"], 0, "{stderr}");
    assert_eq!(report["summary"]["resources"], m.resources);
    // Every finding is a planted one: in a copy of its own rule's bad fixture.
    let mut got: BTreeMap<String, usize> = BTreeMap::new();
    for f in report["findings"].as_array().into_iter().flatten() {
        let rule = f["rule_id"].as_str().unwrap_or_default();
        let id = f["resource"]["id"].as_str().unwrap_or_default();
        let sub = id.split('/').nth(2).unwrap_or_default();
        let copy = m.copies.get(sub);
        assert_eq!(
            copy,
            Some(&(rule.to_string(), true)),
            "{rule} reported outside the bad copies of its fixture: {f}"
        );
        *got.entry(rule.to_string()).or_default() += 1;
    }
    assert_eq!(got, m.violations);
    let mut rules: Vec<String> = units
        .iter()
        .filter(|u| u.bad)
        .map(|u| u.rule.clone())
        .collect();
    rules.dedup();
    (m.violations.into_keys().collect(), rules)
}

#[test]
fn a_1k_resource_graph_page_gives_the_planted_violations() {
    check(1_000, "tenant.json");
}

#[test]
fn a_5k_json_lines_export_gives_the_planted_violations() {
    let (planted, rules) = check(5_000, "tenant.jsonl");
    // Large enough for a bad copy of every rule's fixtures, budgets' included.
    assert_eq!(planted, rules);
    assert!(rules.contains(&"LZ202".to_string()), "{rules:?}");
    assert_eq!(rules.len(), 21, "{rules:?}");
}

#[test]
fn an_export_reads_the_same_on_any_number_of_threads() {
    let units = export_gen::units(&root()).unwrap_or_else(|e| panic!("{e}"));
    let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    export_gen::write(&units, 3_000, &d.path().join("tenant.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let run = |j: &str| {
        lzscan()
            .current_dir(d.path())
            .args(["scan", "tenant.json", "--no-config", "-f", "sarif", "-j", j])
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default()
    };
    let one = run("1");
    assert!(one.len() > 1000);
    assert_eq!(one, run("2"));
    assert_eq!(one, run("8"));
}
