//! The pipeline, end to end: discover → parse → graph → evaluate → findings.
//!
//! Each stage lives in its own module; this one only wires them together, in one
//! direction, and collects every diagnostic so that one bad file or rule never
//! stops the rest of the scan.

use crate::config::{Config, Date};
use crate::discover::{self, Input};
use crate::finding::{fingerprint, Diagnostic, Finding, Level};
use crate::graph::{Format, Graph};
use crate::parse::{self, Overrides};
use crate::policy::{PolicySet, Prepared, RuleMeta};
use crate::suppress::{self, Baseline};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What to scan and how.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub paths: Vec<PathBuf>,
    pub policy_dirs: Vec<PathBuf>,
    /// Leave out the built-in rules (only `policy_dirs` run).
    pub no_builtin: bool,
    /// Rule ids, id prefixes (`LZ1`) or names to run; empty = all.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub param_files: Vec<PathBuf>,
    /// Terraform variable values (`--var-file`, `--var`).
    pub terraform: crate::parse::terraform::TfOptions,
    pub rule_timeout: Duration,
    /// The configuration (`lzscan.toml`), its file, and the folder its relative
    /// paths start from.
    pub config: Config,
    pub config_file: Option<String>,
    pub config_base: PathBuf,
    /// Accepted findings (`--baseline`), with the file they came from.
    pub baseline: Option<(String, Baseline)>,
    /// Today's date, for waiver expiry.
    pub today: Option<Date>,
    /// When not empty, only findings and problems located in these files are
    /// reported (the pre-commit hook's changed files); the graph is still built
    /// from everything under `paths`.
    pub report_only: Vec<PathBuf>,
    /// Told how the scan advances (the command line draws a progress bar).
    pub progress: Option<std::sync::Arc<dyn Progress>>,
}

/// An observer of a running scan. Calls come from worker threads.
pub trait Progress: Send + Sync + std::fmt::Debug {
    /// A stage begins; `total` units of work are ahead of it (0: unknown).
    fn stage(&self, name: &str, total: u64);
    /// `n` more units of the current stage are done.
    fn advance(&self, n: u64);
    /// `n` more resources were read.
    fn resources(&self, n: u64);
    /// The scan is over.
    fn finish(&self);
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            paths: vec![PathBuf::from(".")],
            policy_dirs: Vec::new(),
            no_builtin: false,
            select: Vec::new(),
            ignore: Vec::new(),
            param_files: Vec::new(),
            terraform: Default::default(),
            rule_timeout: Duration::from_secs(60),
            config: Config::default(),
            config_file: None,
            config_base: PathBuf::from("."),
            baseline: None,
            today: None,
            report_only: Vec::new(),
            progress: None,
        }
    }
}

/// Time spent per stage, for `--stats` and benchmarks.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    /// Loading and preparing the policies, while the files are read.
    pub policies: Duration,
    pub discover: Duration,
    pub parse: Duration,
    pub graph: Duration,
    pub evaluate: Duration,
    /// Each evaluated rule's own time (rules run in parallel), slowest first.
    pub rules: Vec<(String, Duration)>,
    /// The process's peak resident memory (kB) at the end of each stage, where the
    /// system reports it.
    pub peak_kb: Vec<(&'static str, u64)>,
}

impl Timings {
    fn mark_peak(&mut self, stage: &'static str) {
        if let Some(kb) = peak_memory_kb() {
            self.peak_kb.push((stage, kb));
        }
    }
}

/// The peak resident memory of this process so far, in kB (Linux only).
pub fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// Everything a report needs.
#[derive(Debug, Default)]
pub struct ScanResult {
    /// Sorted by file, position, rule, resource.
    pub findings: Vec<Finding>,
    /// Sorted; any `Level::Error` makes the run exit 2.
    pub diagnostics: Vec<Diagnostic>,
    /// The rules that ran, sorted by id.
    pub rules: Vec<RuleMeta>,
    /// Files read as inputs, by display path → path on disk (for snippets).
    pub files: BTreeMap<String, PathBuf>,
    pub resource_count: usize,
    pub graph: Graph,
    /// The rule input the rules read. Kept, like the graph, so that the command
    /// line can leave both to the end of the process: a tenant's input is
    /// millions of values, and freeing them one by one takes seconds.
    pub rule_input: Option<regorus::Value>,
    pub timings: Timings,
}

impl ScanResult {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.level == Level::Error)
    }
}

/// True when `rule` is named by `pattern`: its id, an id prefix, or its name.
pub fn rule_matches(rule: &RuleMeta, pattern: &str) -> bool {
    let p = pattern.trim();
    !p.is_empty()
        && (rule
            .id
            .to_ascii_uppercase()
            .starts_with(&p.to_ascii_uppercase())
            || rule.name.eq_ignore_ascii_case(p)
            || p.eq_ignore_ascii_case("ALL"))
}

/// Loads the policies a scan would use; broken ones become error diagnostics and
/// are left out, so that the rest still runs.
pub fn load_policies(opts: &ScanOptions, with_tests: bool) -> (PolicySet, Vec<Diagnostic>) {
    match PolicySet::load(!opts.no_builtin, &opts.policy_dirs, with_tests) {
        Ok(set) => (set, Vec::new()),
        Err(errors) => {
            let diags: Vec<Diagnostic> = errors
                .iter()
                .map(|e| Diagnostic {
                    level: Level::Error,
                    file: Some(e.file.clone()),
                    region: e.line.map(|l| crate::source::Region {
                        start_line: l,
                        start_column: 1,
                        end_line: l,
                        end_column: 1,
                    }),
                    message: format!("policy: {}", e.message),
                })
                .collect();
            // Retry without the broken user directories' files: built-ins still run.
            let broken: Vec<&str> = errors.iter().map(|e| e.file.as_str()).collect();
            let dirs: Vec<PathBuf> = opts
                .policy_dirs
                .iter()
                .filter(|d| !broken.iter().any(|b| b.starts_with(&*d.to_string_lossy())))
                .cloned()
                .collect();
            let set = PolicySet::load(!opts.no_builtin, &dirs, with_tests)
                .or_else(|_| PolicySet::load(!opts.no_builtin, &[], with_tests))
                .or_else(|_| PolicySet::load(false, &[], with_tests));
            match set {
                Ok(set) => (set, diags),
                Err(_) => {
                    let mut d = diags;
                    d.push(Diagnostic::general(
                        Level::Error,
                        "no policy could be loaded",
                    ));
                    (PolicySet::empty(), d)
                }
            }
        }
    }
}

/// The rules of a scan, loaded, configured and prepared.
struct ReadyRules {
    policies: PolicySet,
    prepared: Prepared,
    /// Indexes into `policies.rules` of the rules to run.
    selected: Vec<usize>,
    diagnostics: Vec<Diagnostic>,
    elapsed: Duration,
}

/// Loads the policies and applies the configuration to them: parameters,
/// severities, `--select` and `--ignore`.
fn ready_rules(opts: &ScanOptions) -> ReadyRules {
    let t = Instant::now();
    let (mut policies, mut diagnostics) = load_policies(opts, false);
    for e in opts.config.check_rules(&policies.rules) {
        diagnostics.push(Diagnostic {
            level: Level::Error,
            file: opts.config_file.clone(),
            region: e.line.map(|l| crate::source::Region {
                start_line: l,
                start_column: 1,
                end_line: l,
                end_column: 1,
            }),
            message: e.message,
        });
    }
    policies.set_params(opts.config.params(&policies.rules));
    for r in &mut policies.rules {
        if let Some(sev) = opts.config.rules.get(&r.id).and_then(|c| c.severity) {
            r.severity = sev;
        }
    }
    // The command line's --select replaces the configuration's; ignores add up.
    let select = if opts.select.is_empty() {
        &opts.config.scan.select
    } else {
        &opts.select
    };
    let ignore: Vec<&String> = opts.ignore.iter().chain(&opts.config.scan.ignore).collect();
    let selected: Vec<usize> = policies
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| select.is_empty() || select.iter().any(|p| rule_matches(r, p)))
        .filter(|(_, r)| !ignore.iter().any(|p| rule_matches(r, p)))
        .map(|(i, _)| i)
        .collect();
    let prepared = policies.prepare(&selected, opts.rule_timeout);
    ReadyRules {
        policies,
        prepared,
        selected,
        diagnostics,
        elapsed: t.elapsed(),
    }
}

/// Runs the whole pipeline on the current rayon pool (the global one, unless
/// called inside `ThreadPool::install`).
pub fn scan(opts: &ScanOptions) -> ScanResult {
    let mut result = ScanResult::default();
    // The policies are loaded and prepared while the files are read: the two do
    // not depend on each other, and below a few thousand resources the policies
    // are a third of the scan.
    let (input, rules) = rayon::join(|| read_inputs(opts, &mut result), || ready_rules(opts));
    let ReadyRules {
        policies,
        prepared,
        selected,
        diagnostics,
        elapsed,
    } = rules;
    result.diagnostics.extend(diagnostics);
    result.timings.policies = elapsed;
    let graph = std::mem::take(&mut result.graph);
    let progress = opts.progress.as_deref();
    let t = Instant::now();
    if let Some(p) = progress {
        p.stage("evaluating rules", selected.len() as u64);
    }
    let done = || {
        if let Some(p) = progress {
            p.advance(1);
        }
    };
    let outcomes = policies.evaluate_with(&prepared, input.clone(), &selected, &done);
    result.rule_input = Some(input);
    result.timings.evaluate = t.elapsed();
    result.timings.mark_peak("evaluate");

    for o in outcomes {
        let Some(rule) = policies.rules.get(o.rule) else {
            continue;
        };
        result.timings.rules.push((rule.id.clone(), o.elapsed));
        for e in o.errors {
            result.diagnostics.push(Diagnostic {
                level: Level::Error,
                file: Some(rule.file.clone()),
                region: None,
                message: format!("rule {} failed: {e}", rule.id),
            });
        }
        // Located and fingerprinted in parallel: a tenant's scan can have tens
        // of thousands of findings.
        let converted: Vec<Result<Finding, Diagnostic>> = o
            .findings
            .into_par_iter()
            .map(|f| {
                let Some(r) = graph.get(&f.resource) else {
                    return Err(Diagnostic {
                        level: Level::Error,
                        file: Some(rule.file.clone()),
                        region: None,
                        message: format!(
                            "rule {} reported resource '{}', which is not in the input",
                            rule.id, f.resource
                        ),
                    });
                };
                let scope = if r.source.format == Format::Export {
                    ""
                } else {
                    r.source.file.as_str()
                };
                Ok(Finding {
                    rule_id: rule.id.clone(),
                    rule_name: rule.name.clone(),
                    severity: rule.severity,
                    title: rule.title.clone(),
                    message: f.message.to_string(),
                    resource_id: r.id.to_string(),
                    resource_type: r.r#type.to_string(),
                    resource_name: r.name.as_deref().map(str::to_string),
                    file: r.source.file.clone(),
                    region: r.source.region_of(f.path.as_deref()),
                    fingerprint: fingerprint(&rule.id, &r.id, scope, f.path.as_deref()),
                    property: f.path.map(|p| p.to_string()),
                    suppression: None,
                })
            })
            .collect();
        for c in converted {
            match c {
                Ok(f) => result.findings.push(f),
                Err(d) => result.diagnostics.push(d),
            }
        }
    }
    result
        .timings
        .rules
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    drop_ignored_paths(&mut result, &opts.config, &opts.config_base);
    result.findings.par_sort();
    result.findings.dedup();
    result.rules = selected
        .iter()
        .filter_map(|&i| policies.rules.get(i).cloned())
        .collect();
    // The engines hold every policy's syntax tree and analysis: freed on a
    // worker while the findings are suppressed and reported.
    rayon::spawn(move || drop((policies, prepared)));

    let sources = suppress::Sources {
        waivers: &opts.config.waivers,
        config_file: opts.config_file.as_deref(),
        baseline: opts.baseline.as_ref().map(|(_, b)| b),
        baseline_file: opts.baseline.as_ref().map(|(f, _)| f.as_str()),
        today: opts.today,
    };
    let diags = suppress::apply(&mut result.findings, &graph, &result.rules, &sources);
    result.diagnostics.extend(diags);

    if !opts.report_only.is_empty() {
        restrict_to(&mut result, &opts.report_only);
    }
    result.diagnostics.sort();
    result.diagnostics.dedup();
    result.graph = graph;
    if let Some(p) = progress {
        p.finish();
    }
    result
}

/// Discovers and reads the inputs, and builds the graph (left in `result`) and
/// the rule input (returned).
fn read_inputs(opts: &ScanOptions, result: &mut ScanResult) -> regorus::Value {
    let t = Instant::now();
    let (mut inputs, diags) = discover::discover(&opts.paths);
    result.diagnostics.extend(diags);
    if !opts.config.scan.exclude.is_empty() {
        inputs = exclude(inputs, &opts.config.scan.exclude, &opts.config_base);
    }
    result.timings.discover = t.elapsed();

    let mut overrides = Overrides::default();
    for p in &opts.param_files {
        match parse::arm::read_parameter_file(p) {
            Ok(values) => overrides.parameters.extend(values),
            Err(d) => result.diagnostics.push(d),
        }
    }

    let t = Instant::now();
    let (tf_inputs, rest): (Vec<&Input>, Vec<&Input>) = inputs
        .iter()
        .partition(|i| i.kind == discover::Kind::Terraform);
    let (bicep_inputs, file_inputs): (Vec<&Input>, Vec<&Input>) = rest
        .into_iter()
        .partition(|i| i.kind == discover::Kind::Bicep);
    let progress = opts.progress.as_deref();
    if let Some(p) = progress {
        p.stage("reading", inputs.len() as u64);
    }
    let parsed: Vec<(&Input, parse::Parsed)> = file_inputs
        .par_iter()
        .map(|input| {
            let parsed = parse::parse(input, &overrides);
            if let Some(p) = progress {
                p.advance(1);
                p.resources(parsed.resources.len() as u64);
            }
            (*input, parsed)
        })
        .collect();
    // A plan beside its root module replaces evaluating that module.
    let planned: std::collections::BTreeSet<PathBuf> = parsed
        .iter()
        .filter_map(|(_, p)| p.plan_root.clone())
        .collect();
    let tf = if tf_inputs.is_empty() {
        Default::default()
    } else {
        parse::terraform::read(&tf_inputs, &opts.terraform, &planned)
    };
    let bicep = if bicep_inputs.is_empty() {
        Default::default()
    } else {
        parse::bicep::read(&bicep_inputs, &overrides)
    };
    if let Some(p) = progress {
        p.advance((tf_inputs.len() + bicep_inputs.len()) as u64);
        p.resources((tf.resources.len() + bicep.resources.len()) as u64);
    }
    let mut resources = tf.resources;
    resources.extend(bicep.resources);
    result.files.extend(tf.files);
    result.files.extend(bicep.files);
    result.diagnostics.extend(tf.diagnostics);
    result.diagnostics.extend(bicep.diagnostics);
    for (input, p) in parsed {
        if p.recognised {
            result
                .files
                .insert(input.display.clone(), input.path.clone());
        }
        // One export file is most of a tenant's scan: taken, not copied.
        if resources.is_empty() {
            resources = p.resources;
        } else {
            resources.extend(p.resources);
        }
        result.diagnostics.extend(p.diagnostics);
    }
    result.timings.parse = t.elapsed();
    result.timings.mark_peak("parse");

    dedup_exports(&mut resources, &mut result.diagnostics);
    if let Some(p) = progress {
        p.stage("building the graph", 0);
    }
    let t = Instant::now();
    let mut graph = Graph::build(resources);
    result.resource_count = graph.resources.len();
    result.timings.mark_peak("graph");
    let input = graph.to_policy_input(&opts.config.topology);
    result.timings.graph = t.elapsed();
    result.timings.mark_peak("rule input");
    result.graph = graph;
    input
}

/// Exports of overlapping scopes (a tenant, then one of its subscriptions) hold
/// the same resource twice: the first row read stands for it.
fn dedup_exports(resources: &mut Vec<crate::graph::Resource>, diags: &mut Vec<Diagnostic>) {
    // The graph's case-insensitive id lookup finds the repeats; the first row stays.
    let exported: Vec<usize> = (0..resources.len())
        .filter(|&i| resources[i].source.format == Format::Export)
        .collect();
    let mut keep = vec![true; resources.len()];
    for group in crate::graph::repeated_ids(resources, &exported) {
        for i in group.into_iter().skip(1) {
            keep[i] = false;
        }
    }
    let before = resources.len();
    let mut keep = keep.into_iter();
    resources.retain(|_| keep.next().unwrap_or(true));
    let dropped = before - resources.len();
    if dropped > 0 {
        diags.push(Diagnostic {
            level: Level::Note,
            file: None,
            region: None,
            message: format!(
                "{dropped} exported rows repeat a resource already read; the first row is used"
            ),
        });
    }
}

/// Globs on paths relative to the configuration's folder.
struct PathGlobs {
    set: globset::GlobSet,
    base: PathBuf,
}

impl PathGlobs {
    fn new(patterns: &[String], base: &std::path::Path) -> Option<PathGlobs> {
        let mut b = globset::GlobSetBuilder::new();
        for p in patterns {
            if let Ok(g) = globset::Glob::new(p) {
                b.add(g);
            }
        }
        Some(PathGlobs {
            set: b.build().ok()?,
            base: std::path::absolute(base).unwrap_or_else(|_| base.to_path_buf()),
        })
    }

    fn is_match(&self, path: &std::path::Path) -> bool {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.set
            .is_match(abs.strip_prefix(&self.base).unwrap_or(&abs))
    }
}

/// Drops inputs matching the configuration's `exclude` globs (relative to its folder).
fn exclude(inputs: Vec<Input>, patterns: &[String], base: &std::path::Path) -> Vec<Input> {
    let Some(globs) = PathGlobs::new(patterns, base) else {
        return inputs;
    };
    inputs
        .into_iter()
        .filter(|i| !globs.is_match(&i.path))
        .collect()
}

/// Drops the findings of a rule in files its `[rules.ID] ignore_paths` names.
fn drop_ignored_paths(result: &mut ScanResult, config: &Config, base: &std::path::Path) {
    let globs: std::collections::BTreeMap<&str, PathGlobs> = config
        .rules
        .iter()
        .filter(|(_, s)| !s.ignore_paths.is_empty())
        .filter_map(|(id, s)| Some((id.as_str(), PathGlobs::new(&s.ignore_paths, base)?)))
        .collect();
    if globs.is_empty() {
        return;
    }
    let files = &result.files;
    result.findings.retain(|f| {
        let Some(g) = globs.get(f.rule_id.as_str()) else {
            return true;
        };
        let path = files
            .get(&f.file)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(&f.file));
        !g.is_match(&path)
    });
}

/// Keeps only what is located in `files` (or in the template a changed parameter
/// file belongs to), plus problems that belong to no file.
fn restrict_to(result: &mut ScanResult, files: &[PathBuf]) {
    let cwd = std::env::current_dir().ok();
    let mut keep: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    // Variable files count for the module folder they set values for.
    let mut dirs: Vec<String> = Vec::new();
    for f in files {
        let d = discover::display_path(f, cwd.as_deref());
        if let Some(t) = d.strip_suffix(".parameters.json") {
            keep.insert(format!("{t}.json"));
        }
        if let Some(t) = d.strip_suffix(".bicepparam") {
            keep.insert(format!("{t}.bicep"));
        }
        if d.ends_with(".tfvars") {
            let dir = d
                .rsplit_once('/')
                .map_or(String::new(), |(dir, _)| format!("{dir}/"));
            dirs.push(dir);
        }
        keep.insert(d);
    }
    let in_var_dir = |file: &str| {
        dirs.iter().any(|dir| {
            file.strip_prefix(dir.as_str())
                .is_some_and(|rest| !rest.contains('/') && rest.ends_with(".tf"))
        })
    };
    result
        .findings
        .retain(|f| keep.contains(&f.file) || in_var_dir(&f.file));
    result
        .diagnostics
        .retain(|d| d.file.as_ref().is_none_or(|f| keep.contains(f)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::testutil::resource;

    #[test]
    fn repeated_export_rows_keep_the_first_whatever_the_case() {
        let export = |id: &str, line: usize| {
            let mut r = resource(id, "T/x", serde_json::json!({}));
            r.source.format = Format::Export;
            r.source.region.start_line = line;
            r
        };
        let mut resources = vec![
            export("/subscriptions/s/x/A", 1),
            resource("/subscriptions/s/x/a", "T/x", serde_json::json!({})),
            export("/SUBSCRIPTIONS/s/x/a", 2),
            export("/subscriptions/s/x/b", 3),
            export("/subscriptions/s/x/a", 4),
        ];
        let mut diags = Vec::new();
        dedup_exports(&mut resources, &mut diags);
        let kept: Vec<(&str, usize)> = resources
            .iter()
            .map(|r| (&*r.id, r.source.region.start_line))
            .collect();
        // Code resources are never dropped: the graph renames their repeats.
        assert_eq!(
            kept,
            vec![
                ("/subscriptions/s/x/A", 1),
                ("/subscriptions/s/x/a", 0),
                ("/subscriptions/s/x/b", 3)
            ]
        );
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.starts_with("2 exported rows repeat"));
    }
}
