//! Shared helpers for the integration tests: a temporary tree of files and the
//! real `lzscan` binary run inside it.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub fn lzscan() -> Command {
    let mut c = Command::cargo_bin("lzscan").unwrap_or_else(|e| panic!("{e}"));
    c.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    c
}

/// The repository root (fixtures live there).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary folder holding `files` (`path`, `content`).
pub fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (p, text) in files {
        write(d.path(), p, text);
    }
    d
}

pub fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
}

/// Runs `lzscan scan ARGS -f json` in `dir`; returns (exit code, report, stderr).
pub fn scan_json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value, String) {
    let out = lzscan()
        .current_dir(dir)
        .arg("scan")
        .args(args)
        .args(["-f", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    // A run that stops before scanning (bad configuration, bad argument) prints no report.
    let report = if out.stdout.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}\nstderr: {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        })
    };
    (
        out.status.code().unwrap_or(-1),
        report,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `file:line rule resource-name` for each finding, in report order.
pub fn finding_lines(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    format!(
                        "{}:{} {} {}",
                        f["location"]["file"].as_str().unwrap_or(""),
                        f["location"]["start_line"],
                        f["rule_id"].as_str().unwrap_or(""),
                        f["resource"]["name"].as_str().unwrap_or("?")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A minimal ARM template around `resources` (a JSON array text).
pub fn template(resources: &str) -> String {
    format!(
        r#"{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": {resources}
}}
"#
    )
}
