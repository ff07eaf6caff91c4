//! Rule documentation, generated from each rule's metadata: printed by
//! `lzscan rule ID` and written to `docs/rules/ID.md`, so the two never differ.

use super::RuleMeta;
use std::fmt::Write;

/// The Markdown page of one rule.
pub fn rule_markdown(r: &RuleMeta) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}: {}\n", r.id, r.title);
    let _ = writeln!(s, "| | |\n|---|---|");
    let _ = writeln!(s, "| Name | `{}` |", r.name);
    let _ = writeln!(s, "| Severity | {} |", r.severity);
    if !r.resource_types.is_empty() {
        let types: Vec<String> = r.resource_types.iter().map(|t| format!("`{t}`")).collect();
        let _ = writeln!(s, "| Resource types | {} |", types.join(", "));
    }
    if !r.tags.is_empty() {
        let _ = writeln!(s, "| Tags | {} |", r.tags.join(", "));
    }
    let _ = writeln!(s, "| Policy | `{}` |", r.file);
    let _ = writeln!(s, "\n{}\n", r.description);
    if !r.parameters.is_empty() {
        let _ = writeln!(
            s,
            "## Parameters\n\nSet in `lzscan.toml` under `[rules.{}]`.\n\n| Name | Default | Description |\n|---|---|---|",
            r.id
        );
        for p in &r.parameters {
            let _ = writeln!(
                s,
                "| `{}` | `{}` | {} |",
                p.name,
                p.default,
                p.description.trim().replace('\n', " ").replace('|', "\\|")
            );
        }
        s.push('\n');
    }
    if !r.azure_policy.is_empty() || !r.alz.is_empty() {
        let _ = writeln!(s, "## Corresponding Azure Policy definitions\n");
        for p in &r.azure_policy {
            let _ = writeln!(s, "- {} (`{}`)", p.name, p.id);
        }
        for a in &r.alz {
            let _ = writeln!(s, "- Azure landing zones: `{a}`");
        }
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "## Suppressing\n\nRun only other rules with `--ignore {}`, or select this one alone with `--select {}`.",
        r.id, r.id
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::PolicySet;
    use std::path::Path;

    /// The committed `docs/rules/*.md` are what the metadata generates. Run with
    /// `LZSCAN_UPDATE_DOCS=1` to rewrite them after changing a rule.
    #[test]
    fn generated_rule_docs_are_up_to_date() {
        let set = PolicySet::load(true, &[], false).unwrap_or_else(|e| panic!("{e:?}"));
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
        let update = std::env::var_os("LZSCAN_UPDATE_DOCS").is_some();
        let mut stale = Vec::new();
        for r in &set.rules {
            let path = dir.join(format!("{}.md", r.id));
            let want = rule_markdown(r);
            if update {
                std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
                std::fs::write(&path, &want).unwrap_or_else(|e| panic!("{e}"));
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
                stale.push(path.display().to_string());
            }
        }
        assert!(
            stale.is_empty(),
            "stale rule docs (regenerate with LZSCAN_UPDATE_DOCS=1 cargo test generated_rule_docs): {stale:?}"
        );
    }
}
