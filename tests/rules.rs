//! Every rule against its fixtures: `fixtures/rules/<ID>/bad.<ext>` (a file) or
//! `bad_<format>/` (a folder: a Terraform module) gives exactly the findings listed
//! in `expected.txt` (file:line rule resource), and `good.<ext>` / `good_<format>/`
//! give none. Adding a fixture format adds it here automatically.

mod common;
use common::*;

fn rule_dirs() -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir(root().join("fixtures/rules"))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn fixtures(dir: &std::path::Path, stem: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!("{stem}.")) || n.starts_with(&format!("{stem}_")))
        .collect();
    v.sort();
    v
}

#[test]
fn every_builtin_rule_has_fixtures() {
    let out = lzscan()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let ids: Vec<&str> = rules
        .as_array()
        .map(|a| a.iter().filter_map(|r| r["id"].as_str()).collect())
        .unwrap_or_default();
    assert!(ids.len() >= 3);
    for id in ids {
        let dir = root().join("fixtures/rules").join(id);
        assert!(!fixtures(&dir, "bad").is_empty(), "{id} has no bad fixture");
        assert!(
            !fixtures(&dir, "good").is_empty(),
            "{id} has no good fixture"
        );
        assert!(
            dir.join("expected.txt").is_file(),
            "{id} has no expected.txt"
        );
    }
}

#[test]
fn bad_fixtures_give_exactly_the_expected_findings() {
    for dir in rule_dirs() {
        let id = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let expected: Vec<String> = std::fs::read_to_string(dir.join("expected.txt"))
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        let mut got = Vec::new();
        for f in fixtures(&dir, "bad") {
            let (code, report, stderr) = scan_json(&dir, &[&f, "--select", &id]);
            assert_eq!(code, 1, "{id}/{f}: {stderr}");
            assert_eq!(report["summary"]["errors"], 0, "{id}/{f}: {stderr}");
            got.extend(finding_lines(&report));
        }
        assert_eq!(got, expected, "{id}: findings differ from expected.txt");
    }
}

#[test]
fn good_fixtures_give_no_findings() {
    for dir in rule_dirs() {
        let id = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for f in fixtures(&dir, "good") {
            let (code, report, stderr) = scan_json(&dir, &[&f, "--select", &id]);
            assert_eq!(finding_lines(&report), Vec::<String>::new(), "{id}/{f}");
            assert_eq!(code, 0, "{id}/{f}: {stderr}");
        }
    }
}
