//! `lzscan test`: a Rego unit-test runner (regorus has none).
//!
//! Like `opa test`: every rule named `test_*` in a `*_test.rego` file is evaluated
//! on its own; `true` passes, anything else (undefined, false, an error) fails.

use super::engine::PolicySet;
use super::is_test_file;
use regorus::utils::limits::ExecutionTimerConfig;
use regorus::Value;
use serde::Serialize;
use std::collections::BTreeSet;
use std::num::NonZeroU32;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Pass,
    Fail,
    Error,
}

#[derive(Debug, Clone, Serialize)]
pub struct TestCase {
    pub file: String,
    pub package: String,
    pub name: String,
    pub line: usize,
    pub outcome: Outcome,
    /// Why it failed or errored.
    pub detail: Option<String>,
    pub duration: Duration,
}

/// Line coverage of one policy file.
#[derive(Debug, Clone, Serialize)]
pub struct FileCoverage {
    pub file: String,
    pub covered: BTreeSet<u32>,
    pub not_covered: BTreeSet<u32>,
}

impl FileCoverage {
    pub fn percent(&self) -> f64 {
        let total = self.covered.len() + self.not_covered.len();
        if total == 0 {
            100.0
        } else {
            100.0 * self.covered.len() as f64 / total as f64
        }
    }
}

#[derive(Debug, Default, Serialize)]
pub struct TestReport {
    pub cases: Vec<TestCase>,
    /// Policy files (tests excluded), when coverage was asked for.
    pub coverage: Vec<FileCoverage>,
}

impl TestReport {
    pub fn count(&self, o: Outcome) -> usize {
        self.cases.iter().filter(|c| c.outcome == o).count()
    }

    /// Covered share of all coverable lines of the non-test files.
    pub fn total_coverage(&self) -> f64 {
        let (c, n) = self.coverage.iter().fold((0, 0), |(c, n), f| {
            (c + f.covered.len(), n + f.not_covered.len())
        });
        if c + n == 0 {
            100.0
        } else {
            100.0 * c as f64 / (c + n) as f64
        }
    }
}

/// The `test_*` rules a test file declares, with their lines, deduplicated (a test
/// may have several bodies).
pub fn test_names(text: &str) -> Vec<(String, usize)> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if !line.starts_with("test_") {
            continue;
        }
        let name: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if seen.insert(name.clone()) {
            out.push((name, i + 1));
        }
    }
    out
}

/// Runs every test of every test file in the set. `filter` keeps tests whose
/// name contains it.
pub fn run(set: &PolicySet, filter: Option<&str>, coverage: bool, timeout: Duration) -> TestReport {
    let mut engine = set.engine();
    engine.set_enable_coverage(coverage);
    engine.set_execution_timer_config(ExecutionTimerConfig {
        limit: timeout,
        check_interval: NonZeroU32::new(256).unwrap_or(NonZeroU32::MIN),
    });
    let mut report = TestReport::default();
    for src in set.sources.iter().filter(|s| is_test_file(&s.path)) {
        for (name, line) in test_names(&src.text) {
            if filter.is_some_and(|f| !name.contains(f)) {
                continue;
            }
            let start = Instant::now();
            let result = engine.eval_rule(format!("data.{}.{}", src.package, name));
            let (outcome, detail) = match result {
                Ok(Value::Bool(true)) => (Outcome::Pass, None),
                Ok(Value::Undefined) => (Outcome::Fail, Some("undefined".to_string())),
                Ok(v) => (Outcome::Fail, Some(format!("evaluated to {v}"))),
                Err(e) => (Outcome::Error, Some(e.to_string().trim().to_string())),
            };
            report.cases.push(TestCase {
                file: src.path.clone(),
                package: src.package.clone(),
                name,
                line,
                outcome,
                detail,
                duration: start.elapsed(),
            });
        }
    }
    if coverage {
        if let Ok(cov) = engine.get_coverage_report() {
            report.coverage = cov
                .files
                .into_iter()
                .filter(|f| !is_test_file(&f.path) && set.sources.iter().any(|s| s.path == f.path))
                .map(|f| FileCoverage {
                    file: f.path,
                    covered: f.covered,
                    not_covered: f.not_covered,
                })
                .collect();
            report.coverage.sort_by(|a, b| a.file.cmp(&b.file));
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_test_rules_once() {
        let text = "package p_test\n\ntest_a if { true }\ntest_a if { false }\n  test_indented if { true }\ntest_b := true\nnot_a_test if { true }\n";
        let names: Vec<_> = test_names(text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, vec!["test_a", "test_b"]);
    }

    #[test]
    fn the_builtin_library_passes_its_own_tests() {
        let set = PolicySet::load(true, &[], true).unwrap_or_else(|e| panic!("{e:?}"));
        let report = run(&set, None, true, Duration::from_secs(30));
        assert!(report.cases.len() > 10);
        let failed: Vec<_> = report
            .cases
            .iter()
            .filter(|c| c.outcome != Outcome::Pass)
            .map(|c| format!("{}::{} {:?}", c.file, c.name, c.detail))
            .collect();
        assert!(failed.is_empty(), "{failed:#?}");
        assert!(report.total_coverage() > 0.0);
    }
}
