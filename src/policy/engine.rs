//! Loading policies into regorus and evaluating them over the graph.

use super::metadata::{self, package_of, RuleMeta};
use super::{builtin_policies, is_test_file};
use rayon::prelude::*;
use regorus::utils::limits::ExecutionTimerConfig;
use regorus::{Engine, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// A policy that could not be loaded, or a rule that failed while evaluating.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct PolicyError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

/// One policy source file.
#[derive(Debug, Clone)]
pub struct PolicySource {
    pub path: String,
    pub text: String,
    pub package: String,
    pub builtin: bool,
}

/// One `deny` entry of a rule, before it is located in the source.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
///
/// The strings are the rule's own values, shared rather than copied: a tenant's
/// scan can have hundreds of thousands of findings, whose ids are the input's.
pub struct RawFinding {
    pub resource: Arc<str>,
    pub message: Arc<str>,
    pub path: Option<Arc<str>>,
}

/// What one rule produced.
#[derive(Debug)]
pub struct RuleResult {
    pub rule: usize,
    pub findings: Vec<RawFinding>,
    /// Entries that broke the output contract, or the rule's evaluation error.
    pub errors: Vec<String>,
    /// How long the rule took.
    pub elapsed: Duration,
}

/// All policies of a run, loaded once; [`PolicySet::prepare`] readies the rules'
/// engines for a scan.
#[derive(Clone)]
pub struct PolicySet {
    /// Every loaded file, each parsed into the engine its rule runs on, in path
    /// order.
    modules: Arc<[Module]>,
    /// Rules sorted by id.
    pub rules: Vec<RuleMeta>,
    /// The loaded files, for listing and testing (a command may narrow them).
    pub sources: Vec<PolicySource>,
    /// `data.lzscan.params`: each rule's parameters (defaults until
    /// [`PolicySet::set_params`]).
    params: serde_json::Value,
}

/// One loaded file, and an engine holding it and the modules it needs (see
/// [`super::deps`]), parsed but not yet analysed.
struct Module {
    path: String,
    text: String,
    engine: Engine,
}

/// Each selected rule's own engine: its module and the modules it needs,
/// parameters added, analysed, ready to be cloned for an input.
#[derive(Clone)]
pub struct Prepared {
    /// By rule index; `None` for rules not selected.
    engines: Vec<Option<Engine>>,
    timeout: Duration,
}

/// A sandboxed engine with OPA's builtin error behaviour: a builtin that fails
/// on one value leaves that expression undefined instead of failing the rule.
fn new_engine() -> Engine {
    let mut engine = Engine::new();
    engine.set_strict_builtin_errors(false);
    engine
}

/// Builtins that make a policy's result depend on something other than its input.
const NONDETERMINISTIC: &[&str] = &["rand.intn("];

impl PolicySet {
    /// Loads the built-in library (unless `builtin` is false) and every `.rego`
    /// file under `dirs`. Test files are loaded only with `with_tests`. A user file
    /// that declares the same package as a built-in one replaces it.
    pub fn load(
        builtin: bool,
        dirs: &[PathBuf],
        with_tests: bool,
    ) -> Result<PolicySet, Vec<PolicyError>> {
        let mut errors = Vec::new();
        let mut sources = Vec::new();
        for dir in dirs {
            match read_dir_policies(dir) {
                Ok(files) => {
                    for (path, text) in files {
                        if !with_tests && is_test_file(&path) {
                            continue;
                        }
                        match package_of(&text) {
                            Some((package, _)) => sources.push(PolicySource {
                                path,
                                text,
                                package,
                                builtin: false,
                            }),
                            None => errors.push(PolicyError {
                                file: path,
                                line: Some(1),
                                message: "no package declaration".into(),
                            }),
                        }
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        let user_packages: BTreeSet<String> = sources.iter().map(|s| s.package.clone()).collect();
        if builtin {
            for (path, text) in builtin_policies() {
                if !with_tests && is_test_file(path) {
                    continue;
                }
                if let Some((package, _)) = package_of(text) {
                    if !user_packages.contains(&package) {
                        sources.push(PolicySource {
                            path: path.to_string(),
                            text: text.to_string(),
                            package,
                            builtin: true,
                        });
                    }
                }
            }
        }
        sources.sort_by(|a, b| a.path.cmp(&b.path));

        // Each file is parsed, and its metadata read, side by side: into an
        // engine that already holds the modules it needs (see `deps`), which is
        // the engine its rule will run on. Rules mostly share one set of needs
        // (the library): each set is parsed once, then cloned.
        let named: Vec<(&str, &str)> = sources
            .iter()
            .map(|s| (s.package.as_str(), s.text.as_str()))
            .collect();
        let mut needs = super::deps::needed(&named);
        for (n, s) in needs.iter_mut().zip(&sources) {
            // Tests run on one engine of everything (`engine`): they need no base.
            if is_test_file(&s.path) {
                n.clear();
            }
        }
        let sets: Vec<&Vec<usize>> = needs
            .iter()
            .filter(|n| !n.is_empty())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let bases: BTreeMap<&Vec<usize>, Engine> = sets
            .par_iter()
            .filter_map(|set| {
                let mut engine = new_engine();
                for &j in set.iter() {
                    let m = sources.get(j)?;
                    // A module that does not parse reports its own error.
                    engine.add_policy(m.path.clone(), m.text.clone()).ok()?;
                }
                Some((*set, engine))
            })
            .collect();
        let checked: Vec<Checked> = sources
            .par_iter()
            .zip(&needs)
            .map(|(s, n)| check(s, bases.get(n)))
            .collect();
        let mut rules: Vec<RuleMeta> = Vec::new();
        let mut ids: BTreeMap<String, String> = BTreeMap::new();
        let mut modules = Vec::with_capacity(sources.len());
        for (s, c) in sources.iter().zip(checked) {
            let engine = match c.engine {
                Ok(engine) => engine,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            modules.push((s, engine));
            match c.meta {
                Ok(Some(meta)) => {
                    if let Some(other) = ids.insert(meta.id.clone(), s.path.clone()) {
                        errors.push(PolicyError {
                            file: s.path.clone(),
                            line: None,
                            message: format!("rule id {} is already defined in {other}", meta.id),
                        });
                    } else {
                        rules.push(meta);
                    }
                }
                Ok(None) => {}
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let params = crate::config::Config::default().params(&rules);
        let modules: Arc<[Module]> = modules
            .into_iter()
            .map(|(s, engine)| Module {
                path: s.path.clone(),
                text: s.text.clone(),
                engine,
            })
            .collect();
        Ok(PolicySet {
            modules,
            rules,
            sources,
            params,
        })
    }

    /// A set with no policies at all.
    pub fn empty() -> PolicySet {
        PolicySet {
            modules: Arc::new([]),
            rules: Vec::new(),
            sources: Vec::new(),
            params: serde_json::Value::Object(Default::default()),
        }
    }

    pub fn rule(&self, id: &str) -> Option<&RuleMeta> {
        self.rules.iter().find(|r| r.id.eq_ignore_ascii_case(id))
    }

    /// Replaces the rules' parameters (`{rule id: {name: value}}`, see
    /// [`crate::config::Config::params`]).
    pub fn set_params(&mut self, params: serde_json::Value) {
        self.params = params;
    }

    /// `data.lzscan.params`, as regorus data.
    fn params_data(&self) -> Value {
        crate::graph::body::from_json(serde_json::json!({"lzscan": {"params": self.params}}))
    }

    /// One engine holding every loaded file (tests included, when loaded), with
    /// the parameters as data: for `lzscan test` and coverage.
    pub fn engine(&self) -> Engine {
        let mut engine = new_engine();
        for m in self.modules.iter() {
            // Each file parsed on its own when loaded; parsing it again cannot fail.
            let _ = engine.add_policy(m.path.clone(), m.text.clone());
        }
        // Only fails when the data conflicts with a rule's path; no package is
        // named lzscan.params, so it cannot.
        let _ = engine.add_data(self.params_data());
        engine
    }

    /// Evaluates the selected rules (indexes into `rules`) over `input`, in
    /// parallel on the current rayon pool. Each rule runs on its own engine and
    /// is stopped after `timeout`. Results come back in rule order.
    pub fn evaluate(&self, input: Value, selected: &[usize], timeout: Duration) -> Vec<RuleResult> {
        self.evaluate_with(&self.prepare(selected, timeout), input, selected, &|| {})
    }

    /// The engines the `selected` rules start from, each stopping its rule after
    /// `timeout`. Built side by side, and without the input, so that a scan
    /// prepares them while its files are still being read.
    pub fn prepare(&self, selected: &[usize], timeout: Duration) -> Prepared {
        let params = self.params_data();
        let built: Vec<(usize, Engine)> = selected
            .par_iter()
            .filter_map(|&i| Some((i, self.rule_engine(self.rules.get(i)?, &params, timeout)?)))
            .collect();
        let mut engines = vec![None; self.rules.len()];
        for (i, e) in built {
            engines[i] = Some(e);
        }
        Prepared { engines, timeout }
    }

    /// `None` when the rule's file is not in the set (the rule then reports
    /// that it was not prepared).
    fn rule_engine(&self, rule: &RuleMeta, params: &Value, timeout: Duration) -> Option<Engine> {
        let module = self.modules.iter().find(|m| m.path == rule.file)?;
        let mut engine = module.engine.clone();
        let _ = engine.add_data(params.clone());
        engine.set_execution_timer_config(ExecutionTimerConfig {
            limit: timeout,
            check_interval: NonZeroU32::new(256).unwrap_or(NonZeroU32::MIN),
        });
        // The first evaluation analyses the modules (schedules, loop hoisting):
        // done here, once, rather than on the input's clone.
        let _ = engine.eval_query("true".to_string(), false);
        Some(engine)
    }

    /// [`PolicySet::evaluate`] from engines [`PolicySet::prepare`]d before,
    /// calling `done` as each rule finishes.
    pub fn evaluate_with(
        &self,
        prepared: &Prepared,
        input: Value,
        selected: &[usize],
        done: &(dyn Fn() + Sync),
    ) -> Vec<RuleResult> {
        let timeout = prepared.timeout;
        let mut results: Vec<RuleResult> = selected
            .par_iter()
            .filter_map(|&i| self.rules.get(i).map(|r| (i, r)))
            .map(|(i, rule)| {
                let start = std::time::Instant::now();
                let result = match prepared.engines.get(i) {
                    Some(Some(engine)) => {
                        let mut engine = engine.clone();
                        engine.set_input(input.clone());
                        engine
                            .eval_rule(format!("data.{}.deny", rule.package))
                            .map_err(|e| e.to_string())
                    }
                    _ => Err("the rule was not prepared".to_string()),
                };
                let elapsed = start.elapsed();
                done();
                match result {
                    Ok(v) => {
                        let (findings, errors) = decode(&v);
                        RuleResult {
                            rule: i,
                            findings,
                            errors,
                            elapsed,
                        }
                    }
                    Err(e) => RuleResult {
                        rule: i,
                        findings: Vec::new(),
                        errors: vec![first_line_message(&e, timeout)],
                        elapsed,
                    },
                }
            })
            .collect();
        results.sort_by_key(|r| r.rule);
        crate::graph::body::free_in_parallel(input);
        results
    }
}

/// One file, parsed into its engine, and its rule's metadata.
struct Checked {
    engine: Result<Engine, PolicyError>,
    meta: Result<Option<RuleMeta>, PolicyError>,
}

/// Parses `s` into a clone of `base` (the modules it needs), or alone when they
/// did not parse, and reads its metadata.
fn check(s: &PolicySource, base: Option<&Engine>) -> Checked {
    let error = |line, message| PolicyError {
        file: s.path.clone(),
        line,
        message,
    };
    let nondeterministic = s
        .text
        .lines()
        .enumerate()
        .find(|(_, l)| NONDETERMINISTIC.iter().any(|n| l.contains(n)));
    let engine = if let Some((line, _)) = nondeterministic {
        Err(error(
            Some(line + 1),
            "rand.intn is not allowed: a policy's result must depend only on its input".into(),
        ))
    } else {
        let mut engine = base.cloned().unwrap_or_else(new_engine);
        match engine.add_policy(s.path.clone(), s.text.clone()) {
            Ok(_) => Ok(engine),
            Err(e) => {
                let (line, message) = regorus_error(&e.to_string());
                Err(error(line, message))
            }
        }
    };
    let meta = if engine.is_err() || is_test_file(&s.path) {
        Ok(None)
    } else {
        match metadata::parse(&s.text, &s.path, s.builtin) {
            Ok(None) if declares_deny(&s.text) => Err(error(
                Some(1),
                "defines `deny` but has no `# METADATA` block with custom.id, custom.name and custom.severity".into(),
            )),
            Ok(m) => Ok(m),
            Err(e) => Err(error(Some(e.line), e.message)),
        }
    };
    Checked { engine, meta }
}

/// regorus reports `--> file:line:col`, a source excerpt, then `error: message`;
/// keep the line and the message (with the column), drop the excerpt.
fn regorus_error(text: &str) -> (Option<usize>, String) {
    let mut line = None;
    let mut column = None;
    let mut message = None;
    for l in text.lines() {
        let t = l.trim();
        if let Some(loc) = t.strip_prefix("-->") {
            let mut parts = loc.trim().rsplitn(3, ':');
            column = parts.next().and_then(|c| c.parse::<usize>().ok());
            line = parts.next().and_then(|c| c.parse::<usize>().ok());
        } else if let Some(m) = t.strip_prefix("error:") {
            message = Some(m.trim().to_string());
        }
    }
    match (message, column) {
        (Some(m), Some(c)) => (line, format!("{m} (column {c})")),
        (Some(m), None) => (line, m),
        _ => (line, text.trim().to_string()),
    }
}

fn first_line_message(e: &str, timeout: Duration) -> String {
    if e.contains("time limit") || e.contains("execution timer") || e.contains("exceeded") {
        format!("stopped after {:?}: {}", timeout, e.trim())
    } else {
        e.trim().to_string()
    }
}

fn declares_deny(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("deny contains")
            || l.starts_with("deny[")
            || l.starts_with("deny if")
            || l.starts_with("deny :=")
    })
}

/// Turns a `deny` set into findings; entries that break the contract become errors.
fn decode(v: &Value) -> (Vec<RawFinding>, Vec<String>) {
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    let items: Vec<&Value> = match v {
        Value::Undefined | Value::Null => return (findings, errors),
        Value::Set(s) => s.iter().collect(),
        Value::Array(a) => a.iter().collect(),
        other => {
            errors.push(format!("`deny` must be a set of objects, got {other}"));
            return (findings, errors);
        }
    };
    for item in items {
        let field = |k: &str| match item {
            Value::Object(o) => o.get(&Value::from(k)).and_then(|v| match v {
                Value::String(s) => Some(s.clone()),
                _ => None,
            }),
            _ => None,
        };
        match (field("resource"), field("message")) {
            (Some(resource), Some(message)) => findings.push(RawFinding {
                resource,
                message,
                path: field("path"),
            }),
            _ => errors.push(format!(
                "a `deny` entry must be an object with string fields `resource` and `message`, got {item}"
            )),
        }
    }
    findings.sort();
    (findings, errors)
}

/// The `.rego` files under `dir`, sorted, as `(display path, text)`.
fn read_dir_policies(dir: &Path) -> Result<Vec<(String, String)>, PolicyError> {
    let err = |message: String| PolicyError {
        file: dir.display().to_string(),
        line: None,
        message,
    };
    if !dir.exists() {
        return Err(err("policy directory does not exist".into()));
    }
    let mut out = Vec::new();
    let files = if dir.is_file() {
        vec![dir.to_path_buf()]
    } else {
        let mut v = Vec::new();
        for entry in ignore::WalkBuilder::new(dir).hidden(true).build() {
            let entry = entry.map_err(|e| err(e.to_string()))?;
            let p = entry.path();
            if p.is_file() && p.extension().is_some_and(|e| e == "rego") {
                v.push(p.to_path_buf());
            }
        }
        v
    };
    for p in files {
        let text = std::fs::read_to_string(&p).map_err(|e| PolicyError {
            file: p.display().to_string(),
            line: None,
            message: format!("cannot read: {e}"),
        })?;
        out.push((p.display().to_string(), text));
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for (name, text) in files {
            fs::write(d.path().join(name), text).unwrap_or_else(|e| panic!("{e}"));
        }
        d
    }

    const RULE: &str = "# METADATA\n# title: No foo\n# description: Foo is bad.\n# custom:\n#   id: ACME001\n#   name: no-foo\n#   severity: low\npackage acme.nofoo\n\ndeny contains {\"resource\": r.id, \"message\": \"foo\"} if {\n  some r in input.resources\n  r.type == \"Foo\"\n}\n";

    #[test]
    fn user_rules_join_the_builtin_library() {
        let d = dir_with(&[("nofoo.rego", RULE)]);
        let set = PolicySet::load(true, &[d.path().to_path_buf()], false)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(set.rule("ACME001").is_some());
        assert!(set.rule("LZ101").is_some());
    }

    #[test]
    fn evaluates_and_decodes_findings() {
        let d = dir_with(&[("nofoo.rego", RULE)]);
        let set = PolicySet::load(false, &[d.path().to_path_buf()], false)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let input = Value::from_json_str(
            r#"{"resources":[{"id":"a","type":"Foo"},{"id":"b","type":"Bar"}]}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let res = set.evaluate(input, &[0], Duration::from_secs(5));
        assert_eq!(res[0].findings.len(), 1);
        assert_eq!(&*res[0].findings[0].resource, "a");
        assert!(res[0].errors.is_empty());
    }

    #[test]
    fn each_rule_sees_the_modules_it_reads() {
        // A helper package of the user's, the built-in library, and a rule that
        // reads another rule's result: each rule runs on its own engine, which
        // must hold all of them.
        let helper = "package acme.util\n\nis_foo(r) if r.type == \"Foo\"\n";
        let uses = RULE
            .replace(
                "package acme.nofoo",
                "package acme.nofoo\n\nimport data.acme.util\nimport data.lzscan.lib",
            )
            .replace(
                "r.type == \"Foo\"",
                "util.is_foo(r)\n  lib.label(r) != \"\"",
            );
        let reads = RULE
            .replace("ACME001", "ACME002")
            .replace("no-foo", "counts-foo")
            .replace("package acme.nofoo", "package acme.counts")
            .replace(
                "r.type == \"Foo\"",
                "count(data.acme.nofoo.deny) == 1\n  r.id == \"b\"",
            );
        let d = dir_with(&[
            ("util.rego", helper),
            ("nofoo.rego", &uses),
            ("counts.rego", &reads),
        ]);
        let set = PolicySet::load(true, &[d.path().to_path_buf()], false)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let input = Value::from_json_str(
            r#"{"resources":[{"id":"a","type":"Foo","name":"a"},{"id":"b","type":"Bar","name":"b"}]}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let ids: Vec<usize> = ["ACME001", "ACME002"]
            .iter()
            .filter_map(|id| set.rules.iter().position(|r| r.id == *id))
            .collect();
        let res = set.evaluate(input, &ids, Duration::from_secs(5));
        let found: Vec<(usize, Vec<&str>)> = res
            .iter()
            .map(|r| (r.rule, r.findings.iter().map(|f| &*f.resource).collect()))
            .collect();
        assert_eq!(found, [(ids[0], vec!["a"]), (ids[1], vec!["b"])], "{res:?}");
        assert!(res.iter().all(|r| r.errors.is_empty()), "{res:?}");
    }

    #[test]
    fn broken_policies_name_their_file() {
        let d = dir_with(&[(
            "broken.rego",
            "package broken\n\ndeny contains x if {\n  x := \n}\n",
        )]);
        let errs = PolicySet::load(false, &[d.path().to_path_buf()], false)
            .err()
            .unwrap_or_default();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, Some(4), "{}", errs[0]);
        assert!(
            errs[0]
                .to_string()
                .starts_with(&format!("{}:4: ", errs[0].file)),
            "{}",
            errs[0]
        );
        assert!(errs[0].to_string().contains("broken.rego"), "{}", errs[0]);
    }

    #[test]
    fn deny_without_metadata_and_duplicate_ids_are_errors() {
        let d = dir_with(&[
            (
                "a.rego",
                "package a\ndeny contains x if { x := 1; false }\n",
            ),
            ("b.rego", &RULE.replace("acme.nofoo", "acme.b")),
            ("c.rego", RULE),
        ]);
        let errs = PolicySet::load(false, &[d.path().to_path_buf()], false)
            .err()
            .unwrap_or_default();
        let text: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert!(text.iter().any(|e| e.contains("METADATA")), "{text:?}");
        assert!(
            text.iter().any(|e| e.contains("already defined")),
            "{text:?}"
        );
    }

    #[test]
    fn sandbox_rejects_network_time_and_randomness() {
        for body in [
            "x := http.send({})",
            "x := time.now_ns()",
            "x := rand.intn(\"a\", 3)",
        ] {
            let text = format!("package p\nv if {{ {body} }}\n");
            let d = dir_with(&[("p.rego", &text)]);
            // Rejected when loaded, or at the latest when evaluated.
            let rejected = match PolicySet::load(false, &[d.path().to_path_buf()], false) {
                Err(_) => true,
                Ok(set) => set.engine().eval_rule("data.p.v".to_string()).is_err(),
            };
            assert!(rejected, "{body} must be rejected");
        }
    }

    #[test]
    fn runaway_rules_are_stopped() {
        let slow = RULE.replace(
            "r.type == \"Foo\"",
            "count([x | some x in numbers.range(1, 100000000)]) > 0",
        );
        let d = dir_with(&[("slow.rego", &slow)]);
        let set = PolicySet::load(false, &[d.path().to_path_buf()], false)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let input =
            Value::from_json_str(r#"{"resources":[{"id":"a"}]}"#).unwrap_or_else(|e| panic!("{e}"));
        let res = set.evaluate(input, &[0], Duration::from_millis(200));
        assert!(!res[0].errors.is_empty());
    }
}
