//! The example AI landing zone (`fixtures/ai-landing-zone`): the same landing zone
//! in Terraform and in Bicep gives exactly its planted violations, listed in
//! `expected.txt`, and no diagnostic.

mod common;
use common::*;

fn expected(prefix: &str) -> Vec<String> {
    std::fs::read_to_string(root().join("fixtures/ai-landing-zone/expected.txt"))
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with(prefix))
        .map(str::to_string)
        .collect()
}

fn scan(format: &str) -> Vec<String> {
    let dir = root().join("fixtures/ai-landing-zone");
    let (code, report, stderr) = scan_json(&dir, &[format]);
    assert_eq!(code, 1, "{format}: {stderr}");
    assert_eq!(
        report["diagnostics"].as_array().map(Vec::len),
        Some(0),
        "{format}: {}",
        report["diagnostics"]
    );
    finding_lines(&report)
}

#[test]
fn terraform_gives_exactly_the_planted_violations() {
    let want = expected("terraform/");
    assert!(want.len() >= 8);
    assert_eq!(scan("terraform"), want);
}

#[test]
fn bicep_gives_exactly_the_planted_violations() {
    let want = expected("bicep/");
    assert!(want.len() >= 7);
    assert_eq!(scan("bicep"), want);
}

#[test]
fn both_formats_break_the_same_rules() {
    let rules = |lines: Vec<String>| -> std::collections::BTreeSet<String> {
        lines
            .iter()
            .filter_map(|l| l.split(' ').nth(1).map(str::to_string))
            .collect()
    };
    let tf = rules(expected("terraform/"));
    let mut bicep = rules(expected("bicep/"));
    // Bicep gives resources no known subscription unless a module scope says so.
    bicep.insert("LZ501".into());
    assert_eq!(tf, bicep);
}
