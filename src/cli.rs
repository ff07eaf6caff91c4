//! The command line: clap definitions and the commands behind them.

use crate::finding::{Level, Severity};
use crate::policy::{docs, testing, PolicySet};
use crate::report::{self, ReportFormat, ReportOptions};
use crate::scan::{self, ScanOptions, ScanResult};
use anyhow::{bail, Context as _, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser, Debug)]
#[command(
    name = "lzscan",
    version,
    about = "Policy-as-code compliance scanner for Azure landing zones that run AI workloads",
    long_about = "lzscan reads ARM templates, normalizes every resource into one resource graph, \
evaluates Rego policies over it and reports findings.\n\nExit codes: 0 no finding at or above \
--fail-on, 1 findings, 2 the scan failed (unparseable input, bad policy, bad argument)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Scan files and folders (default: the current folder).
    Scan(Box<ScanArgs>),
    /// List every rule.
    Rules(RulesArgs),
    /// Explain one rule: what it checks, why, how to fix it.
    Rule(RuleArgs),
    /// Run Rego unit tests (`test_*` rules in `*_test.rego` files).
    Test(TestArgs),
    /// Print the configuration in effect (`--show`), every rule's parameters included.
    Config(ConfigArgs),
    /// Write a commented starter `lzscan.toml` with every setting and its default.
    Init(InitArgs),
}

#[derive(Args, Debug)]
pub struct ConfigArgs {
    /// Print the effective configuration as `lzscan.toml` text.
    #[arg(long)]
    pub show: bool,
    /// The path whose configuration is shown (found from it upwards).
    #[arg(value_name = "PATH", default_value = ".")]
    pub path: PathBuf,
    /// Use this configuration file instead of looking for one.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub policy: PolicyArgs,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// The folder to write `lzscan.toml` into.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// Replace an existing `lzscan.toml`.
    #[arg(long)]
    pub force: bool,
    /// Print the file instead of writing it.
    #[arg(long)]
    pub stdout: bool,
    #[command(flatten)]
    pub policy: PolicyArgs,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug, Clone)]
pub struct PolicyArgs {
    /// A folder of your own Rego rules, added to the built-in ones (repeatable).
    #[arg(long = "policy-dir", value_name = "DIR")]
    pub policy_dirs: Vec<PathBuf>,
    /// Leave out the built-in rules.
    #[arg(long)]
    pub no_builtin: bool,
}

#[derive(Args, Debug)]
pub struct ScanArgs {
    /// Files and folders to scan.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Report format, optionally written to a file: `sarif=lzscan.sarif`. Repeat to
    /// write several reports; at most one goes to standard output.
    #[arg(
        short,
        long = "format",
        value_name = "FORMAT[=FILE]",
        default_value = "text"
    )]
    pub formats: Vec<String>,
    /// Only these rules: ids, id prefixes (LZ1) or names, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Skip these rules: ids, id prefixes or names, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Exit 1 when an unsuppressed finding has at least this severity (default:
    /// the configuration's `scan.fail_on`, else any finding).
    #[arg(long, value_name = "SEVERITY")]
    pub fail_on: Option<Severity>,
    /// Exit 0 even when there are findings (scan errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Worker threads (default: one per core).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Colour in text output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// An ARM parameter file applied to every template (repeatable; later wins).
    #[arg(long = "param-file", value_name = "FILE")]
    pub param_files: Vec<PathBuf>,
    /// A Terraform variables file for every root module (repeatable, after
    /// terraform.tfvars and *.auto.tfvars).
    #[arg(long = "var-file", value_name = "FILE")]
    pub var_files: Vec<PathBuf>,
    /// A Terraform variable value, NAME=VALUE (repeatable, applied last).
    #[arg(long = "var", value_name = "NAME=VALUE")]
    pub vars: Vec<String>,
    /// Stop a rule that runs longer than this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub rule_timeout: u64,
    /// Print only errors on standard error (no notes, no warnings).
    #[arg(short, long)]
    pub quiet: bool,
    /// Print the time spent in each stage on standard error.
    #[arg(long)]
    pub stats: bool,
    /// The configuration file (default: the nearest lzscan.toml or .lzscan.toml
    /// from the first path upwards).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Use no configuration file.
    #[arg(long)]
    pub no_config: bool,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write the current findings to this baseline file (and accept them).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Show suppressed findings in text output too.
    #[arg(long)]
    pub show_suppressed: bool,
    /// Write the normalized resources to this file, one Resource Graph row per
    /// line (JSON Lines): what the rules see, and a valid export to scan again.
    /// Values known only at deployment are left out.
    #[arg(long, value_name = "FILE")]
    pub write_graph: Option<PathBuf>,
    /// The paths are changed files (pre-commit): scan the whole project around
    /// them (the current folder), report only what is located in them.
    #[arg(long)]
    pub changed: bool,
    #[command(flatten)]
    pub policy: PolicyArgs,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
    #[command(flatten)]
    pub policy: PolicyArgs,
}

#[derive(Args, Debug)]
pub struct RuleArgs {
    /// The rule id (LZ101) or name (private-endpoint-required).
    pub rule: String,
    #[command(flatten)]
    pub policy: PolicyArgs,
}

#[derive(Args, Debug)]
pub struct TestArgs {
    /// Folders of policies and their tests (default: the built-in library).
    #[arg(value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// Report the policy lines the tests cover.
    #[arg(long)]
    pub coverage: bool,
    /// Fail when total coverage is below this percentage (implies --coverage).
    #[arg(long, value_name = "PERCENT")]
    pub min_coverage: Option<f64>,
    /// Run only tests whose name contains this text.
    #[arg(long, value_name = "TEXT")]
    pub run: Option<String>,
    /// List only failures, not every test.
    #[arg(short, long)]
    pub quiet: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
    /// Stop a test that runs longer than this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
}

/// Parses the command line and runs it.
pub fn run() -> Result<ExitCode> {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return Ok(ExitCode::from(code));
        }
    };
    match cli.command {
        Command::Scan(a) => cmd_scan(*a),
        Command::Rules(a) => cmd_rules(a),
        Command::Rule(a) => cmd_rule(a),
        Command::Test(a) => cmd_test(a),
        Command::Config(a) => cmd_config(a),
        Command::Init(a) => cmd_init(a),
    }
}

/// `FORMAT` or `FORMAT=FILE`.
fn parse_outputs(specs: &[String]) -> Result<Vec<(ReportFormat, Option<PathBuf>)>> {
    let mut out = Vec::new();
    for spec in specs {
        let (f, path) = match spec.split_once('=') {
            Some((f, p)) if !p.is_empty() => (f, Some(PathBuf::from(p))),
            Some((f, _)) => (f, None),
            None => (spec.as_str(), None),
        };
        let format: ReportFormat = f.parse().map_err(anyhow::Error::msg)?;
        out.push((format, path));
    }
    if out.iter().filter(|(_, p)| p.is_none()).count() > 1 {
        bail!("only one report can go to standard output; give the others a file, e.g. `--format sarif=lzscan.sarif`");
    }
    Ok(out)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Starts the worker threads as rayon's global pool, so that the scan and the
/// reports after it share them.
fn start_workers(jobs: Option<usize>) -> Result<()> {
    let n = jobs
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        // Deeply nested templates recurse; give workers room.
        .stack_size(16 * 1024 * 1024)
        .build_global()
        .context("cannot start worker threads")
}

/// The configuration a scan uses: `--config`, else the nearest file, else none.
fn load_config(
    a: &ScanArgs,
    scan_root: &std::path::Path,
) -> Result<crate::config::Loaded, ExitCode> {
    let path = if a.no_config {
        None
    } else {
        a.config.clone().or_else(|| crate::config::find(scan_root))
    };
    match path {
        None => Ok(crate::config::Loaded::default()),
        Some(p) => crate::config::load(&p).map_err(|e| {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }),
    }
}

fn cmd_scan(a: ScanArgs) -> Result<ExitCode> {
    let outputs = parse_outputs(&a.formats)?;
    let color = use_color(a.color);
    colored::control::set_override(color);
    // With --changed the paths are files inside the project: scan the project.
    let (paths, report_only) = if a.changed {
        (vec![PathBuf::from(".")], a.paths.clone())
    } else {
        (a.paths.clone(), Vec::new())
    };
    let loaded = match load_config(
        &a,
        paths
            .first()
            .map_or(std::path::Path::new("."), |p| p.as_path()),
    ) {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let base = loaded.base();
    let mut policy_dirs = a.policy.policy_dirs.clone();
    policy_dirs.extend(loaded.config.scan.policy_dirs.iter().map(|d| base.join(d)));
    let baseline = match &a.baseline {
        Some(p) => match crate::suppress::Baseline::read(p) {
            Ok(b) => Some((p.display().to_string(), b)),
            Err(e) => {
                eprintln!("error: {}: {e}", p.display());
                return Ok(ExitCode::from(2));
            }
        },
        None => None,
    };
    let mut tf_vars = Vec::new();
    for v in &a.vars {
        match v.split_once('=') {
            Some((k, val)) if !k.trim().is_empty() => {
                tf_vars.push((k.trim().to_string(), val.to_string()))
            }
            _ => {
                eprintln!("error: --var {v}: expected NAME=VALUE");
                return Ok(ExitCode::from(2));
            }
        }
    }
    let fail_on = a
        .fail_on
        .or(loaded.config.scan.fail_on)
        .unwrap_or(Severity::Info);
    let opts = ScanOptions {
        paths,
        policy_dirs,
        no_builtin: a.policy.no_builtin,
        select: a.select.clone(),
        ignore: a.ignore.clone(),
        param_files: a.param_files.clone(),
        terraform: crate::parse::terraform::TfOptions {
            var_files: a.var_files.clone(),
            vars: tf_vars,
        },
        rule_timeout: Duration::from_secs(a.rule_timeout.max(1)),
        config_file: loaded.path.as_ref().map(|p| p.display().to_string()),
        config: loaded.config,
        config_base: base,
        baseline,
        today: Some(crate::config::Date::today()),
        report_only,
        progress: (!a.quiet && std::io::stderr().is_terminal())
            .then(|| std::sync::Arc::new(Bar::new()) as std::sync::Arc<dyn scan::Progress>),
    };
    start_workers(a.jobs)?;
    let mut result = scan::scan(&opts);
    if let Some(p) = &a.write_baseline {
        let b = crate::suppress::Baseline::of(&result.findings);
        if let Err(e) = std::fs::write(p, b.to_json()) {
            eprintln!("error: cannot write {}: {e}", p.display());
            return Ok(ExitCode::from(2));
        }
        for f in result
            .findings
            .iter_mut()
            .filter(|f| f.suppression.is_none())
        {
            f.suppression = Some(crate::finding::Suppression {
                kind: crate::finding::SuppressionKind::External,
                justification: format!("written to the baseline {}", p.display()),
            });
        }
        eprintln!(
            "lzscan: wrote {} to {}",
            report::plural(b.findings.len(), "finding"),
            p.display()
        );
    }

    if let Some(p) = &a.write_graph {
        let mut text = String::new();
        for r in &result.graph.resources {
            text.push_str(&crate::graph::export_row(r).to_string());
            text.push('\n');
        }
        if let Err(e) = std::fs::write(p, text) {
            eprintln!("error: cannot write {}: {e}", p.display());
            return Ok(ExitCode::from(2));
        }
    }

    let ropts = ReportOptions {
        color,
        show_suppressed: a.show_suppressed,
        root_uri: std::env::current_dir().ok().map(|d| {
            let mut s = d.to_string_lossy().replace('\\', "/");
            if !s.ends_with('/') {
                s.push('/');
            }
            if s.starts_with('/') {
                format!("file://{s}")
            } else {
                format!("file:///{s}")
            }
        }),
    };
    let mut write_failed = false;
    for (format, path) in &outputs {
        let ropts = ReportOptions {
            color: color && path.is_none(),
            ..ropts.clone()
        };
        match path {
            Some(p) => {
                if let Some(parent) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
                    let _ = std::fs::create_dir_all(parent);
                }
                let written = std::fs::File::create(p).and_then(|f| {
                    let mut out = std::io::BufWriter::new(f);
                    report::write(*format, &result, &ropts, &mut out)?;
                    out.flush()
                });
                if let Err(e) = written {
                    eprintln!("error: cannot write {}: {e}", p.display());
                    write_failed = true;
                }
            }
            None => {
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                if report::write(*format, &result, &ropts, &mut out)
                    .and_then(|_| out.flush())
                    .is_err()
                {
                    // A closed pipe (`| head`) is not an error of the scan.
                    return Ok(ExitCode::from(exit_code(&result, &a, fail_on, false)));
                }
            }
        }
    }
    print_diagnostics(&result, a.quiet);
    if a.stats {
        let t = &result.timings;
        eprintln!(
            "stats: {} files, {} resources, {} rules; policies {:?} (while reading), discover {:?}, parse {:?}, graph {:?}, evaluate {:?}",
            result.files.len(),
            result.resource_count,
            result.rules.len(),
            t.policies,
            t.discover,
            t.parse,
            t.graph,
            t.evaluate
        );
        let slowest: Vec<String> = t
            .rules
            .iter()
            .take(5)
            .map(|(id, d)| format!("{id} {d:?}"))
            .collect();
        if !slowest.is_empty() {
            eprintln!("stats: slowest rules: {}", slowest.join(", "));
        }
        // Linux reports the peak resident memory of the process.
        if let Some(peak) = crate::scan::peak_memory_kb() {
            let stages: Vec<String> = t
                .peak_kb
                .iter()
                .map(|(stage, kb)| format!("{} MB after {stage}", kb / 1024))
                .collect();
            eprintln!(
                "stats: peak memory {} MB ({})",
                peak / 1024,
                stages.join(", ")
            );
        }
    }
    let code = exit_code(&result, &a, fail_on, write_failed);
    // The process ends here: freeing a large graph value by value takes seconds
    // and gives nothing back.
    std::mem::forget(result);
    Ok(ExitCode::from(code))
}

/// The progress bar on standard error (only on a terminal, never with --quiet).
#[derive(Debug)]
struct Bar {
    bar: indicatif::ProgressBar,
    resources: std::sync::atomic::AtomicU64,
}

impl Bar {
    fn new() -> Bar {
        let bar = indicatif::ProgressBar::with_draw_target(
            None,
            indicatif::ProgressDrawTarget::stderr_with_hz(8),
        );
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {prefix:>18} [{bar:24}] {pos}/{len} {msg} ({elapsed})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        Bar {
            bar,
            resources: std::sync::atomic::AtomicU64::new(0),
        }
    }
}

impl scan::Progress for Bar {
    fn stage(&self, name: &str, total: u64) {
        self.bar.set_prefix(name.to_string());
        self.bar.set_position(0);
        self.bar.set_length(total);
    }

    fn advance(&self, n: u64) {
        self.bar.inc(n);
    }

    fn resources(&self, n: u64) {
        let total = self
            .resources
            .fetch_add(n, std::sync::atomic::Ordering::Relaxed)
            + n;
        self.bar.set_message(format!("· {total} resources"));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

fn exit_code(result: &ScanResult, a: &ScanArgs, fail_on: Severity, write_failed: bool) -> u8 {
    if result.has_errors() || write_failed {
        2
    } else if !a.exit_zero
        && result
            .findings
            .iter()
            .any(|f| f.suppression.is_none() && f.severity >= fail_on)
    {
        1
    } else {
        0
    }
}

fn print_diagnostics(result: &ScanResult, quiet: bool) {
    let mut err = std::io::stderr().lock();
    for d in &result.diagnostics {
        if quiet && d.level != Level::Error {
            continue;
        }
        let _ = writeln!(err, "{d}");
    }
    let errors = result
        .diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
        .count();
    if errors > 0 {
        let _ = writeln!(
            err,
            "lzscan: {} — the scan is incomplete (exit code 2)",
            report::plural(errors, "error")
        );
    }
}

fn load_for_listing(p: &PolicyArgs) -> Result<PolicySet> {
    PolicySet::load(!p.no_builtin, &p.policy_dirs, false).map_err(|errs| {
        let text: Vec<String> = errs.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("cannot load policies:\n  {}", text.join("\n  "))
    })
}

fn cmd_config(a: ConfigArgs) -> Result<ExitCode> {
    if !a.show {
        bail!("say what to do: `lzscan config --show [PATH]` prints the configuration in effect");
    }
    let path = a.config.clone().or_else(|| crate::config::find(&a.path));
    let loaded = match &path {
        None => crate::config::Loaded::default(),
        Some(p) => match crate::config::load(p) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: {e}");
                return Ok(ExitCode::from(2));
            }
        },
    };
    let mut dirs = a.policy.policy_dirs.clone();
    let base = loaded.base();
    dirs.extend(loaded.config.scan.policy_dirs.iter().map(|d| base.join(d)));
    let set = load_for_listing(&PolicyArgs {
        policy_dirs: dirs,
        no_builtin: a.policy.no_builtin,
    })?;
    let errors = loaded.config.check_rules(&set.rules);
    if !errors.is_empty() {
        let file = path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        for e in &errors {
            match e.line {
                Some(l) => eprintln!("error: {file}:{l}: {}", e.message),
                None => eprintln!("error: {file}: {}", e.message),
            }
        }
        return Ok(ExitCode::from(2));
    }
    match &path {
        Some(p) => println!("# Configuration in effect, from {}", p.display()),
        None => println!("# No lzscan.toml found: the defaults are in effect"),
    }
    print!(
        "{}",
        crate::config::render(&loaded.config, &set.rules, false)
    );
    Ok(ExitCode::SUCCESS)
}

fn cmd_init(a: InitArgs) -> Result<ExitCode> {
    let set = load_for_listing(&a.policy)?;
    let text = crate::config::render(&crate::config::Config::default(), &set.rules, true);
    if a.stdout {
        print!("{text}");
        return Ok(ExitCode::SUCCESS);
    }
    let path = a.dir.join("lzscan.toml");
    if path.exists() && !a.force {
        eprintln!(
            "error: {} exists; use --force to replace it, or --stdout to print the starter file",
            path.display()
        );
        return Ok(ExitCode::from(2));
    }
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!("lzscan: wrote {}", path.display());
    Ok(ExitCode::SUCCESS)
}

fn cmd_rules(a: RulesArgs) -> Result<ExitCode> {
    let set = load_for_listing(&a.policy)?;
    let mut out = String::new();
    match a.format {
        ListFormat::Json => {
            out = serde_json::to_string_pretty(&set.rules)?;
            out.push('\n');
        }
        ListFormat::Text => {
            let w = set.rules.iter().map(|r| r.name.len()).max().unwrap_or(4);
            for r in &set.rules {
                out.push_str(&format!(
                    "{:<8} {:<w$}  {:<8}  {}\n",
                    r.id,
                    r.name,
                    r.severity.as_str(),
                    r.title
                ));
            }
        }
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn cmd_rule(a: RuleArgs) -> Result<ExitCode> {
    let set = load_for_listing(&a.policy)?;
    let Some(rule) = set.rule(&a.rule).or_else(|| {
        set.rules
            .iter()
            .find(|r| r.name.eq_ignore_ascii_case(&a.rule))
    }) else {
        let known: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
        eprintln!("error: no rule '{}' (known: {})", a.rule, known.join(", "));
        return Ok(ExitCode::from(2));
    };
    print!("{}", docs::rule_markdown(rule));
    Ok(ExitCode::SUCCESS)
}

fn cmd_test(a: TestArgs) -> Result<ExitCode> {
    let coverage = a.coverage || a.min_coverage.is_some();
    // A user's own folders get the built-in library as a dependency, minus the
    // packages they define themselves.
    let set = match PolicySet::load(true, &a.dirs, true) {
        Ok(s) => s,
        Err(errs) => {
            for e in errs {
                eprintln!("error: {e}");
            }
            return Ok(ExitCode::from(2));
        }
    };
    let set = if a.dirs.is_empty() {
        set
    } else {
        restrict_tests_to_user(set)
    };
    let report = testing::run(
        &set,
        a.run.as_deref(),
        coverage,
        Duration::from_secs(a.timeout.max(1)),
    );
    let (passed, failed, errored) = (
        report.count(testing::Outcome::Pass),
        report.count(testing::Outcome::Fail),
        report.count(testing::Outcome::Error),
    );
    if a.format == ListFormat::Json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        for c in &report.cases {
            let show = !a.quiet || c.outcome != testing::Outcome::Pass;
            if !show {
                continue;
            }
            let tag = match c.outcome {
                testing::Outcome::Pass => "PASS",
                testing::Outcome::Fail => "FAIL",
                testing::Outcome::Error => "ERROR",
            };
            println!(
                "{tag}: {}:{}: {}.{} ({:?})",
                c.file, c.line, c.package, c.name, c.duration
            );
            if let Some(d) = &c.detail {
                if c.outcome != testing::Outcome::Pass {
                    println!("  {}", d.replace('\n', "\n  "));
                }
            }
        }
        if coverage {
            println!("coverage:");
            for f in &report.coverage {
                println!(
                    "  {:>6.2}%  {}  ({} of {} lines)",
                    f.percent(),
                    f.file,
                    f.covered.len(),
                    f.covered.len() + f.not_covered.len()
                );
            }
            println!("  {:>6.2}%  total", report.total_coverage());
        }
        println!("{passed} passed, {} failed", failed + errored);
    }
    if report.cases.is_empty() {
        eprintln!("error: no test found (tests are `test_*` rules in `*_test.rego` files)");
        return Ok(ExitCode::from(2));
    }
    if failed + errored > 0 {
        return Ok(ExitCode::from(1));
    }
    if let Some(min) = a.min_coverage {
        if report.total_coverage() < min {
            eprintln!(
                "error: coverage {:.2}% is below the required {min:.2}%",
                report.total_coverage()
            );
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// With user folders, run only their tests (the built-in library is loaded as a
/// dependency, not tested again).
fn restrict_tests_to_user(mut set: PolicySet) -> PolicySet {
    set.sources.retain(|s| !s.builtin);
    set
}
