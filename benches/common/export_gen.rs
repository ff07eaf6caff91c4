//! Synthetic Azure Resource Graph exports at any size, with a known number of
//! violations of every rule.
//!
//! The building blocks are the rules' own export fixtures
//! (`fixtures/rules/<ID>/{good,bad}.export.json`, or the export files in
//! `{good,bad}_export/` for a rule whose state Azure lists apart, as budgets):
//! each copy of a fixture gets subscriptions of its own, so copies never see
//! each other, and the findings a bad copy must give are the `bad.export.json`
//! (or `bad_export/`) lines of the rule's `expected.txt`. Nine good copies go
//! with every bad one, as in a mostly compliant tenant. Every export fixture breaks only its own rule (a good one
//! none), so every finding in a generated tenant is a planted one. Budgets, which
//! Azure lists apart (`az consumption budget list`), sit among the rows of the
//! fixtures whose AI compute subscriptions need one. Shared by
//! `benches/export.rs`, `tests/export_gen.rs` and `examples/gen_export.rs`.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// One fixture: its rows and, for a bad one, how many findings of its rule it gives.
pub struct Unit {
    pub rule: String,
    pub bad: bool,
    rows: Vec<String>,
    /// The subscription ids the fixture's rows use.
    subscriptions: Vec<String>,
    pub findings: usize,
}

/// What a generated export must give.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub resources: usize,
    /// Rule id → findings of that rule in the copies of its bad fixture.
    pub violations: BTreeMap<String, usize>,
    /// Subscription id → (rule, bad) of the copy it holds.
    pub copies: BTreeMap<String, (String, bool)>,
}

/// Reads every rule's export fixtures under `fixtures/rules`.
pub fn units(root: &Path) -> std::io::Result<Vec<Unit>> {
    let mut out = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(root.join("fixtures/rules"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let rule = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap_or_default();
        for bad in [false, true] {
            // A fixture is one Resource Graph page, or a folder of export files
            // (Resource Graph pages and `az consumption budget list` output) for
            // rules whose state Azure lists apart.
            let (file, folder) = if bad {
                ("bad.export.json", "bad_export")
            } else {
                ("good.export.json", "good_export")
            };
            let mut docs = Vec::new();
            match std::fs::read_to_string(dir.join(file)) {
                Ok(text) => docs.push(serde_json::from_str::<serde_json::Value>(&text)?),
                Err(_) => {
                    let mut files: Vec<_> = std::fs::read_dir(dir.join(folder))
                        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                        .unwrap_or_default();
                    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
                    files.sort();
                    for f in files {
                        docs.push(serde_json::from_str(&std::fs::read_to_string(f)?)?);
                    }
                }
            }
            let all: Vec<&serde_json::Value> = docs
                .iter()
                .flat_map(|doc| match doc {
                    serde_json::Value::Array(rows) => rows.iter().collect::<Vec<_>>(),
                    _ => doc["data"].as_array().into_iter().flatten().collect(),
                })
                .collect();
            if all.is_empty() {
                continue;
            }
            let rows: Vec<String> = all
                .iter()
                .map(|&r| {
                    let mut r = r.clone();
                    if rule != "LZ201" {
                        tag(&mut r);
                    }
                    r.to_string()
                })
                .collect();
            // A row names its subscription in `subscriptionId`, or only in its id
            // (budgets).
            let mut subscriptions: Vec<String> = all
                .iter()
                .flat_map(|r| {
                    let own = r["subscriptionId"].as_str();
                    let in_id = r["id"]
                        .as_str()
                        .and_then(|id| id.strip_prefix("/subscriptions/"))
                        .and_then(|rest| rest.split('/').next());
                    own.into_iter().chain(in_id)
                })
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            subscriptions.sort();
            subscriptions.dedup();
            let findings = if bad {
                expected
                    .lines()
                    .filter(|l| l.starts_with("bad.export.json:") || l.starts_with("bad_export/"))
                    .count()
            } else {
                0
            };
            out.push(Unit {
                rule: rule.clone(),
                bad,
                rows,
                subscriptions,
                findings,
            });
        }
    }
    Ok(out)
}

/// A tenant under a tagging policy is mostly tagged: rows of the other rules'
/// fixtures get the cost tags they lack (LZ201's own fixtures keep theirs).
fn tag(row: &mut serde_json::Value) {
    let Some(o) = row.as_object_mut() else {
        return;
    };
    let tags = o
        .entry("tags")
        .or_insert_with(|| serde_json::Value::Object(Default::default()));
    if !tags.is_object() {
        *tags = serde_json::Value::Object(Default::default());
    }
    if let Some(t) = tags.as_object_mut() {
        for (k, v) in [
            ("cost-center", "cc-4711"),
            ("project", "ai-platform"),
            ("environment", "prod"),
        ] {
            if !t.keys().any(|x| x.eq_ignore_ascii_case(k)) {
                t.insert(k.to_string(), v.into());
            }
        }
    }
}

/// The `j`th subscription of copy `n`: a valid, unique GUID.
fn subscription(n: usize, j: usize) -> String {
    format!("{n:08x}-5eed-4000-8000-{j:012x}")
}

/// Writes an export of about `resources` rows to `path` (a Resource Graph page:
/// `{"data": [...], "count"}`, one row per line; JSON Lines when the path ends in
/// `.jsonl`), cycling through the fixtures: one bad copy in every ten.
pub fn write(units: &[Unit], resources: usize, path: &Path) -> std::io::Result<Manifest> {
    let good: Vec<&Unit> = units
        .iter()
        .filter(|u| !u.bad && !u.rows.is_empty())
        .collect();
    let bad: Vec<&Unit> = units
        .iter()
        .filter(|u| u.bad && !u.rows.is_empty())
        .collect();
    let mut m = Manifest::default();
    if good.is_empty() || bad.is_empty() {
        return Ok(m);
    }
    let lines = path.extension().is_some_and(|e| e == "jsonl");
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    if !lines {
        w.write_all(b"{\"data\": [\n")?;
    }
    let (mut gi, mut bi, mut copy) = (0, 0, 0);
    while m.resources < resources {
        let unit = if copy % 10 == 9 {
            bi += 1;
            bad[(bi - 1) % bad.len()]
        } else {
            gi += 1;
            good[(gi - 1) % good.len()]
        };
        let subs: Vec<String> = (0..unit.subscriptions.len())
            .map(|j| subscription(copy, j))
            .collect();
        copy += 1;
        for row in &unit.rows {
            if m.resources > 0 {
                w.write_all(if lines { b"\n" } else { b",\n" })?;
            }
            let mut row = row.clone();
            for (from, to) in unit.subscriptions.iter().zip(&subs) {
                row = row.replace(from.as_str(), to);
            }
            w.write_all(row.as_bytes())?;
            m.resources += 1;
        }
        if unit.bad {
            *m.violations.entry(unit.rule.clone()).or_default() += unit.findings;
        }
        for sub in subs {
            m.copies.insert(sub, (unit.rule.clone(), unit.bad));
        }
    }
    if lines {
        w.write_all(b"\n")?;
    } else {
        write!(
            w,
            "\n], \"count\": {n}, \"skip_token\": null, \"total_records\": {n}}}\n",
            n = m.resources
        )?;
    }
    w.flush()?;
    // On disk before anything is timed: a gigabyte still being written back
    // would slow the first runs of a benchmark.
    w.get_ref().sync_all()?;
    Ok(m)
}
