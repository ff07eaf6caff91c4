//! The `lzscan` binary end to end: exit codes, reports, policies, bad input.

mod common;
use common::*;
use predicates::prelude::*;

const LRS: &str = r#"[{
  "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01",
  "name": "lrsdata", "location": "westeurope",
  "tags": {"cost-center": "a", "project": "b", "environment": "c"},
  "sku": {"name": "Standard_LRS"}, "kind": "StorageV2"
}]"#;

#[test]
fn exit_codes_follow_findings_and_fail_on() {
    let d = tree(&[("main.json", &template(LRS))]);
    lzscan()
        .current_dir(d.path())
        .args(["scan", "--select", "LZ301"])
        .assert()
        .code(1);
    lzscan()
        .current_dir(d.path())
        .args(["scan", "--select", "LZ301", "--fail-on", "high"])
        .assert()
        .code(0);
    lzscan()
        .current_dir(d.path())
        .args(["scan", "--select", "LZ301", "--exit-zero"])
        .assert()
        .code(0);
    lzscan()
        .current_dir(d.path())
        .args(["scan", "--ignore", "LZ3,LZ1"])
        .assert()
        .code(0);
    lzscan()
        .current_dir(d.path())
        .args(["scan", "--fail-on", "urgent"])
        .assert()
        .code(2);
    lzscan()
        .current_dir(d.path())
        .args(["scan", "-f", "yaml"])
        .assert()
        .code(2);
}

#[test]
fn text_report_shows_file_line_snippet_and_summary() {
    let d = tree(&[("infra/main.json", &template(LRS))]);
    lzscan()
        .current_dir(d.path())
        .args(["scan", "--select", "LZ301"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("infra/main.json"))
        .stdout(predicate::str::contains("LZ301"))
        .stdout(predicate::str::contains(
            "\"sku\": {\"name\": \"Standard_LRS\"}",
        ))
        .stdout(predicate::str::contains(
            "Found 1 finding (1 medium) in 1 resource in 1 file.",
        ))
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn colour_is_forced_with_always() {
    let d = tree(&[("main.json", &template(LRS))]);
    lzscan()
        .current_dir(d.path())
        .args(["scan", "--color", "always"])
        .assert()
        .stdout(predicate::str::contains("\u{1b}["));
}

#[test]
fn one_run_writes_several_reports() {
    let d = tree(&[("main.json", &template(LRS))]);
    lzscan()
        .current_dir(d.path())
        .args([
            "scan",
            "-f",
            "github",
            "-f",
            "sarif=out/lzscan.sarif",
            "-f",
            "junit=junit.xml",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "::warning file=main.json,line=8,endLine=8",
        ));
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(d.path().join("out/lzscan.sarif")).unwrap_or_default(),
    )
    .unwrap_or_default();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(std::fs::read_to_string(d.path().join("junit.xml"))
        .unwrap_or_default()
        .contains("<testsuites"));
    lzscan()
        .current_dir(d.path())
        .args(["scan", "-f", "github", "-f", "json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "only one report can go to standard output",
        ));
}

#[test]
fn output_is_identical_across_runs_and_thread_counts() {
    let mut files = Vec::new();
    for i in 0..20 {
        let res = format!(
            r#"[{{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "sa{i}", "sku": {{"name": "Standard_LRS"}}}},
               {{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv{i}", "properties": {{}}}}]"#
        );
        files.push((format!("t{i}/main.json"), template(&res)));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let d = tree(&refs);
    let run = |j: &str| {
        lzscan()
            .current_dir(d.path())
            .args(["scan", "-f", "json", "-j", j])
            .output()
            .map(|o| o.stdout)
            .unwrap_or_default()
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("8"));
    assert_eq!(one, run("2"));
}

#[test]
fn broken_input_is_reported_and_the_rest_still_scanned() {
    let d = tree(&[
        ("a/main.json", &template(LRS)),
        ("b/broken.json", "{\n  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n  \"resources\": [ {\"type\": }\n  ]\n}\n"),
        ("c/notes.json", "{\"just\": \"some json\"}"),
        ("d/package.json", "{ not json at all"),
    ]);
    let (code, report, stderr) = scan_json(d.path(), &["--select", "LZ301"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(finding_lines(&report), vec!["a/main.json:8 LZ301 lrsdata"]);
    assert!(stderr.contains("b/broken.json:3:"), "{stderr}");
    assert!(
        !stderr.contains("notes.json") && !stderr.contains("package.json"),
        "{stderr}"
    );
    assert_eq!(report["summary"]["errors"], 1);
}

#[test]
fn deeply_nested_and_unevaluable_templates_fail_cleanly() {
    let deep = format!(
        "{{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", \"resources\": {}1{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let bad_expr = template(
        r#"[{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "[concat('a', ]", "sku": {"name": "[parameters('nope')]"}}]"#,
    );
    let d = tree(&[("deep.json", &deep), ("expr.json", &bad_expr)]);
    let (code, _, stderr) = scan_json(d.path(), &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("deep.json:1:"), "{stderr}");
    assert!(stderr.contains("expr.json:4:"), "{stderr}");
    assert!(stderr.contains("'nope'"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn unreadable_paths_and_symlink_loops_exit_2() {
    let d = tree(&[("a/main.json", &template(LRS))]);
    std::os::unix::fs::symlink(d.path(), d.path().join("a/loop")).unwrap_or_else(|e| panic!("{e}"));
    let (code, report, stderr) = scan_json(d.path(), &["--select", "LZ301", ".", "missing"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("loop"), "{stderr}");
    assert!(stderr.contains("missing: no such file"), "{stderr}");
    assert_eq!(finding_lines(&report).len(), 1);
}

#[test]
fn parameter_files_beside_and_on_the_command_line() {
    let tpl = template(
        r#"[{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "data",
            "sku": {"name": "[parameters('sku')]"}}]"#,
    )
    .replace(
        "\"resources\"",
        "\"parameters\": {\"sku\": {\"type\": \"string\"}},\n  \"resources\"",
    );
    let params = |sku: &str| {
        format!(
            "{{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#\", \"parameters\": {{\"sku\": {{\"value\": \"{sku}\"}}}}}}"
        )
    };
    // No value: unknown, so silent.
    let d = tree(&[("main.json", &tpl)]);
    assert_eq!(scan_json(d.path(), &["--select", "LZ301"]).0, 0);
    // The sibling parameter file gives a value.
    let d = tree(&[
        ("main.json", &tpl),
        ("main.parameters.json", &params("Standard_LRS")),
    ]);
    assert_eq!(scan_json(d.path(), &["--select", "LZ301"]).0, 1);
    // --param-file overrides it.
    common::write(d.path(), "prod.json", &params("Standard_GZRS"));
    let (code, _, stderr) = scan_json(
        d.path(),
        &["--select", "LZ301", "--param-file", "prod.json"],
    );
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn user_policies_join_and_broken_ones_are_named() {
    let rule = "# METADATA\n# title: Registries are Premium\n# description: Premium is needed for private link.\n# custom:\n#   id: ACME001\n#   name: acr-premium\n#   severity: high\npackage acme.acr_premium\n\nimport data.lzscan.lib\n\ndeny contains lib.finding_at(r, \"sku.name\", \"not premium\") if {\n  some r in lib.resources_of(\"Microsoft.ContainerRegistry/registries\")\n  r.sku.name != \"Premium\"\n}\n";
    let acr = template(
        r#"[{"type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01", "name": "acr1", "sku": {"name": "Basic"}}]"#,
    );
    let d = tree(&[
        ("policies/acr.rego", rule),
        ("infra/acr.json", &acr),
        ("broken/x.rego", "package broken\n\nallow if {\n"),
    ]);
    let (code, report, _) = scan_json(
        d.path(),
        &["infra", "--policy-dir", "policies", "--select", "ACME"],
    );
    assert_eq!(code, 1);
    assert_eq!(
        finding_lines(&report),
        vec!["infra/acr.json:4 ACME001 acr1"]
    );
    let (code, report, stderr) = scan_json(
        d.path(),
        &[
            "infra",
            "--policy-dir",
            "policies",
            "--policy-dir",
            "broken",
        ],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("x.rego"), "{stderr}");
    // The other rules still ran.
    assert!(finding_lines(&report).iter().any(|l| l.contains("LZ101")));
    lzscan()
        .current_dir(d.path())
        .args(["rules", "--policy-dir", "policies"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ACME001"));
}

#[test]
fn rules_and_rule_explain_the_catalogue() {
    lzscan()
        .arg("rules")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "LZ101    private-endpoint-required",
        ))
        .stdout(predicate::str::contains("LZ301"));
    lzscan()
        .args(["rule", "lz101"])
        .assert()
        .success()
        .stdout(predicate::str::contains("**Why.**"))
        .stdout(predicate::str::contains("**How to fix.**"))
        .stdout(predicate::str::contains(
            "6edd7eda-6dd8-40f7-810d-67160c639cd9",
        ));
    lzscan()
        .args(["rule", "geo-redundant-storage"])
        .assert()
        .success();
    lzscan().args(["rule", "LZ999"]).assert().code(2);
}

#[test]
fn test_command_runs_builtin_and_user_tests() {
    lzscan()
        .args(["test", "--coverage"])
        .assert()
        .success()
        .stdout(predicate::str::contains(" passed, 0 failed"))
        .stdout(predicate::str::contains("total"));
    lzscan()
        .current_dir(root())
        .args(["test", "policies", "--min-coverage", "90"])
        .assert()
        .success();
    let d = tree(&[
        ("p/rule.rego", "package acme.x\n\nimport data.lzscan.lib\n\nok if lib.label({\"type\": \"T\", \"name\": \"n\"}) == \"T 'n'\"\n"),
        ("p/rule_test.rego", "package acme.x_test\n\nimport data.acme.x\n\ntest_ok if x.ok\n\ntest_wrong if 1 == 2\n"),
    ]);
    lzscan()
        .current_dir(d.path())
        .args(["test", "p"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "FAIL: p/rule_test.rego:7: acme.x_test.test_wrong",
        ))
        .stdout(predicate::str::contains("1 passed, 1 failed"));
    let d = tree(&[("p/none.rego", "package none\n")]);
    lzscan()
        .current_dir(d.path())
        .args(["test", "p"])
        .assert()
        .code(2);
}

#[test]
fn hidden_and_ignored_files_are_skipped() {
    let d = tree(&[
        ("main.json", &template(LRS)),
        (".git-like/x.json", &template(LRS)),
        ("vendored/y.json", &template(LRS)),
        (".lzscanignore", "vendored/\n"),
    ]);
    let (_, report, _) = scan_json(d.path(), &["--select", "LZ301"]);
    assert_eq!(finding_lines(&report), vec!["main.json:8 LZ301 lrsdata"]);
}

#[test]
fn init_writes_a_starter_file_that_config_show_reads_back() {
    let d = tree(&[]);
    let out = lzscan()
        .current_dir(d.path())
        .arg("init")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(d.path().join("lzscan.toml")).unwrap_or_default();
    for want in [
        "# fail_on = \"info\"",
        "[rules.LZ201]",
        "# tags = [\"cost-center\", \"project\", \"environment\"]",
        "[topology.subscriptions]",
    ] {
        assert!(text.contains(want), "missing {want}");
    }
    // Not overwritten without --force.
    let again = lzscan()
        .current_dir(d.path())
        .arg("init")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.status.code(), Some(2));

    // Uncomment one parameter: the effective configuration shows it, and parses.
    let edited = text.replace(
        "# tags = [\"cost-center\", \"project\", \"environment\"]",
        "tags = [\"owner\"]",
    );
    std::fs::write(d.path().join("lzscan.toml"), &edited).unwrap_or_else(|e| panic!("{e}"));
    let show = lzscan()
        .current_dir(d.path())
        .args(["config", "--show"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        show.status.success(),
        "{}",
        String::from_utf8_lossy(&show.stderr)
    );
    let shown = String::from_utf8_lossy(&show.stdout).to_string();
    assert!(shown.contains("tags = [\"owner\"]"), "{shown}");
    assert!(shown.contains("thresholds = [80, 100]"), "{shown}");
    let reparsed = lzscan::config::parse(&shown);
    assert!(reparsed.is_ok(), "{reparsed:?}");
}

#[test]
fn rule_parameters_are_checked_against_the_rules() {
    let d = tree(&[(
        "lzscan.toml",
        "[rules.LZ201]\ntag = [\"owner\"]\n\n[rules.LZ202]\nthresholds = \"80\"\n\n[rules.LZ999]\nseverity = \"low\"\n",
    )]);
    let out = lzscan()
        .current_dir(d.path())
        .args(["config", "--show"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("lzscan.toml:2: [rules.LZ201]: unknown key `tag`; did you mean `tags`?"),
        "{err}"
    );
    assert!(
        err.contains("lzscan.toml:5: [rules.LZ202] thresholds: expected array"),
        "{err}"
    );
    assert!(
        err.contains("lzscan.toml:7: [rules.LZ999]: no rule has this id"),
        "{err}"
    );
    // A scan reports the same problems and exits 2.
    let (code, _, stderr) = scan_json(d.path(), &["."]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("unknown key `tag`"), "{stderr}");
}

#[test]
fn a_rule_parameter_changes_what_the_rule_reports() {
    let tpl = template(
        r#"[{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv", "location": "westeurope", "tags": {"owner": "ai"}, "properties": {"sku": {"family": "A", "name": "premium"}, "tenantId": "t", "enablePurgeProtection": true}}]"#,
    );
    let d = tree(&[
        ("main.json", &tpl),
        (
            "lzscan.toml",
            "[rules.LZ201]\ntags = [\"owner\"]\nignore_paths = []\n",
        ),
    ]);
    let (_, report, stderr) = scan_json(d.path(), &["main.json", "--select", "LZ201"]);
    assert_eq!(report["summary"]["findings"], 0, "{stderr}");
    let d = tree(&[
        ("main.json", &tpl),
        (
            "lzscan.toml",
            "[rules.LZ201]\nignore_paths = [\"*.json\"]\n",
        ),
    ]);
    let (_, report, stderr) = scan_json(d.path(), &["main.json", "--select", "LZ201"]);
    assert_eq!(report["summary"]["findings"], 0, "{stderr}");
    let d = tree(&[("main.json", &tpl)]);
    let (_, report, _) = scan_json(d.path(), &["main.json", "--select", "LZ201"]);
    assert_eq!(report["summary"]["findings"], 1);
}
