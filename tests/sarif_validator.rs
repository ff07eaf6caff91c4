//! The SARIF report passes Microsoft's SARIF validator with the GitHub rule set,
//! with no error and no warning.
//!
//! `.ci/run` installs the validator (`npm ci` in `.ci/tools`). Without it the test
//! says so and passes, except under CI (`CI=true`), where a missing validator fails.

mod common;
use common::*;
use std::path::PathBuf;

fn multitool() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("LZSCAN_SARIF_MULTITOOL") {
        return Some(PathBuf::from(p));
    }
    let p = root().join(".ci/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    p.is_file().then_some(p)
}

#[test]
fn sarif_passes_the_sarif_multitool_validator() {
    let Some(tool) = multitool() else {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "CI must install the SARIF validator (.ci/run does: npm ci in .ci/tools)"
        );
        eprintln!("skipped: SARIF validator not installed (run `npm ci` in .ci/tools)");
        return;
    };
    let d = tree(&[
        ("infra/storage.json", &template(r#"[{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "data", "sku": {"name": "Standard_LRS"}}]"#)),
        ("infra/broken.json", "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", \"resources\": [}"),
    ]);
    let fixtures = root().join("fixtures");
    let out = d.path().join("lzscan.sarif");
    let status = lzscan()
        .current_dir(d.path())
        .arg("scan")
        .arg(".")
        .arg(&fixtures)
        .args(["-f", "sarif=lzscan.sarif", "--exit-zero", "-q"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        status.status.code(),
        Some(2),
        "the broken template makes the run exit 2"
    );
    let output = std::process::Command::new(&tool)
        .args([
            "validate",
            "--rule-kind",
            "Gh;Sarif",
            "--level",
            "Error;Warning",
        ])
        .arg(&out)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", tool.display()));
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    let problems: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.contains("): error ")
                || l.contains("): warning ")
                || l.contains(": error ") && l.contains("SARIF")
        })
        .collect();
    assert!(output.status.success(), "validator failed:\n{text}");
    assert!(text.contains("Analysis completed successfully"), "{text}");
    assert!(
        problems.is_empty(),
        "SARIF problems:\n{}",
        problems.join("\n")
    );
}
