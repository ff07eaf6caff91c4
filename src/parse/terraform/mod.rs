//! The Terraform reader: root modules and the modules they call, evaluated as
//! `terraform plan` would (variables, tfvars, locals, `count`/`for_each`, `dynamic`
//! blocks, module inputs and outputs, the built-in functions), without running
//! Terraform; `azurerm_*` resources mapped onto the ARM shape.
//!
//! A directory of `.tf` files is a module. The roots are the scanned modules that
//! no other scanned module calls; every module is parsed once, whatever calls it,
//! and evaluated once per call with that call's inputs.

pub mod azurerm;
pub mod eval;
pub mod functions;
pub mod module;
pub mod plan;

use crate::discover::{display_path, Input};
use crate::finding::Diagnostic;
use crate::graph::{Format, ParentRef, Resource, SourceInfo};
use crate::source::{comment_directives, Region, Span};
use crate::value::{UnknownPaths, Val};
use eval::{Env, EvalError, Evaluator, Expansion};
use module::{Call, Instance, Loader, ModuleSrc, ResourceInstance, TfFile};
use rayon::prelude::*;
use serde_json::{Map, Value as Json};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Variable values given on the command line.
#[derive(Debug, Clone, Default)]
pub struct TfOptions {
    /// `--var-file` files, applied in order after `terraform.tfvars` and `*.auto.tfvars`.
    pub var_files: Vec<PathBuf>,
    /// `--var NAME=VALUE`, applied last.
    pub vars: Vec<(String, String)>,
}

/// What reading the Terraform of a scan produced.
#[derive(Debug, Default)]
pub struct TfResult {
    pub resources: Vec<Resource>,
    pub diagnostics: Vec<Diagnostic>,
    /// Files read (display path → path), for reports.
    pub files: BTreeMap<String, PathBuf>,
}

/// Parses one `.tf` (or `.tfvars`) file, with a clear error naming line and column.
pub fn parse_file(path: &Path, display: &str) -> Result<TfFile, Diagnostic> {
    let file = crate::parse::load_path(path, display)?;
    let first = match hcl_edit::parser::parse_body(&file.text) {
        Ok(body) => {
            return Ok(TfFile {
                source: Arc::new(file),
                body,
            })
        }
        Err(e) => e,
    };
    // Terraform accepts two things hcl-edit rejects, both seen in the Azure
    // landing-zone modules: an expression continued on the next line after a
    // trailing `&&` / `||`, and a key written twice in one object constructor (the
    // last one wins). Repair those without moving any byte, so spans stay valid.
    let mut text = join_operator_continuations(&file.text);
    for _ in 0..64 {
        match hcl_edit::parser::parse_body(&text) {
            Ok(body) => {
                return Ok(TfFile {
                    source: Arc::new(file),
                    body,
                })
            }
            Err(e) if e.message().contains("redefined object key") => {
                match shadow_earlier_key(&text, e.location().offset()) {
                    Some(t) => text = t,
                    None => break,
                }
            }
            Err(_) => break,
        }
    }
    let loc = first.location();
    Err(Diagnostic::error(
        display,
        Some(Region {
            start_line: loc.line(),
            start_column: loc.column(),
            end_line: loc.line(),
            end_column: loc.column(),
        }),
        format!("invalid HCL: {}", first.message()),
    ))
}

/// For a key redefined at `offset`, renames its earlier definition (first letter to
/// `_`) so the later one wins, as in Terraform.
fn shadow_earlier_key(text: &str, offset: usize) -> Option<String> {
    let rest = text.get(offset..)?;
    let key: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    if key.is_empty() {
        return None;
    }
    let before = text.get(..offset)?;
    let mut search_end = before.len();
    while let Some(pos) = before.get(..search_end)?.rfind(key.as_str()) {
        let boundary_before = before[..pos]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'));
        let after = before[pos + key.len()..].trim_start();
        if boundary_before
            && (after.starts_with('=') && !after.starts_with("==") || after.starts_with(':'))
        {
            let mut out = String::with_capacity(text.len());
            out.push_str(&text[..pos]);
            out.push('_');
            out.push_str(&text[pos + 1..]);
            return Some(out);
        }
        search_end = pos;
    }
    None
}

/// Terraform's JSON syntax (`*.tf.json`) rewritten as native syntax, so that one
/// evaluator serves both. Strings keep their `${...}` templates. Objects inside a
/// resource are read as attribute values (JSON syntax cannot tell them from nested
/// blocks without the provider schema). Line numbers of findings in such files
/// refer to this rewriting.
fn tf_json_to_hcl(doc: &Json) -> String {
    fn expr(v: &Json, out: &mut String, depth: usize) {
        match v {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(&n.to_string()),
            Json::String(s) => {
                // Escape the literal parts; copy `${...}` / `%{...}` as written.
                out.push('"');
                let chars: Vec<char> = s.chars().collect();
                let mut depth = 0usize;
                let mut i = 0;
                while let Some(&c) = chars.get(i) {
                    if depth == 0 && (c == '$' || c == '%') && chars.get(i + 1) == Some(&'{') {
                        depth = 1;
                        out.push(c);
                        out.push('{');
                        i += 2;
                        continue;
                    }
                    if depth > 0 {
                        match c {
                            '{' => depth += 1,
                            '}' => depth -= 1,
                            _ => {}
                        }
                        out.push(c);
                    } else {
                        match c {
                            '"' => out.push_str("\\\""),
                            '\\' => out.push_str("\\\\"),
                            '\n' => out.push_str("\\n"),
                            '\r' => out.push_str("\\r"),
                            '\t' => out.push_str("\\t"),
                            c => out.push(c),
                        }
                    }
                    i += 1;
                }
                out.push('"');
            }
            Json::Array(a) => {
                out.push('[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    expr(x, out, depth + 1);
                }
                out.push(']');
            }
            Json::Object(o) => {
                out.push_str("{\n");
                for (k, x) in o {
                    out.push_str(&"  ".repeat(depth + 1));
                    expr(&Json::String(k.clone()), out, depth + 1);
                    out.push_str(" = ");
                    expr(x, out, depth + 1);
                    out.push('\n');
                }
                out.push_str(&"  ".repeat(depth));
                out.push('}');
            }
        }
    }
    fn body(o: &Map<String, Json>, out: &mut String) {
        for (k, v) in o {
            out.push_str("  ");
            out.push_str(k);
            out.push_str(" = ");
            expr(v, out, 1);
            out.push('\n');
        }
    }
    fn items(v: &Json) -> Vec<&Map<String, Json>> {
        match v {
            Json::Object(o) => vec![o],
            Json::Array(a) => a.iter().filter_map(Json::as_object).collect(),
            _ => Vec::new(),
        }
    }
    let mut out = String::new();
    let Some(top) = doc.as_object() else {
        return out;
    };
    for (kind, v) in top {
        match kind.as_str() {
            "locals" => {
                for o in items(v) {
                    out.push_str("locals {\n");
                    body(o, &mut out);
                    out.push_str("}\n");
                }
            }
            "variable" | "output" | "module" | "provider" => {
                for o in items(v) {
                    for (name, b) in o {
                        for bo in items(b) {
                            out.push_str(&format!("{kind} \"{name}\" {{\n"));
                            body(bo, &mut out);
                            out.push_str("}\n");
                        }
                    }
                }
            }
            "resource" | "data" => {
                for o in items(v) {
                    for (ty, named) in o {
                        for no in items(named) {
                            for (name, b) in no {
                                for bo in items(b) {
                                    out.push_str(&format!("{kind} \"{ty}\" \"{name}\" {{\n"));
                                    body(bo, &mut out);
                                    out.push_str("}\n");
                                }
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Parses a `.tf.json` file.
pub fn parse_json_file(path: &Path, display: &str) -> Result<TfFile, Diagnostic> {
    let file = crate::parse::load_path(path, display)?;
    let doc = crate::parse::json::parse(&file.text).map_err(|e| {
        Diagnostic::error(
            display,
            Some(file.region(Span::new(e.offset, e.offset))),
            format!("invalid JSON: {}", e.message),
        )
    })?;
    let hcl = tf_json_to_hcl(&doc.to_json());
    let body = hcl_edit::parser::parse_body(&hcl).map_err(|e| {
        Diagnostic::error(
            display,
            None,
            format!("cannot read Terraform JSON syntax: {}", e.message()),
        )
    })?;
    Ok(TfFile {
        source: Arc::new(crate::source::SourceFile::new(
            path,
            display.to_string(),
            hcl,
        )),
        body,
    })
}

/// Replaces the newline after a trailing `&&`, `||`, `?` or `:`-free binary
/// operator with a space, keeping byte offsets unchanged.
fn join_operator_continuations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let t = body.trim_end();
        if line.ends_with('\n') && (t.ends_with("&&") || t.ends_with("||")) {
            out.push_str(body);
            out.push_str(&" ".repeat(line.len() - body.len()));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// `.tf` and `.tf.json` files are Terraform configuration.
pub fn is_tf_file(p: &Path) -> bool {
    p.extension().is_some_and(|x| x == "tf") || p.to_string_lossy().ends_with(".tf.json")
}

/// Reads every `.tf` file of a directory into a module; files that do not parse
/// are reported and the rest of the module is still read.
fn load_dir(dir: &Path, cwd: Option<&Path>) -> (Option<ModuleSrc>, Vec<Diagnostic>) {
    let paths: Result<Vec<PathBuf>, _> = std::fs::read_dir(dir).map(|rd| {
        rd.filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| is_tf_file(p) && p.is_file())
            .collect()
    });
    let mut paths = match paths {
        Ok(p) => p,
        Err(e) => {
            return (
                None,
                vec![Diagnostic::error(
                    display_path(dir, cwd),
                    None,
                    format!("cannot read module folder: {e}"),
                )],
            )
        }
    };
    paths.sort();
    if paths.is_empty() {
        return (None, Vec::new());
    }
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for p in paths {
        let display = display_path(&p, cwd);
        let parsed = if p.to_string_lossy().ends_with(".tf.json") {
            parse_json_file(&p, &display)
        } else {
            parse_file(&p, &display)
        };
        match parsed {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    (Some(ModuleSrc::new(dir.to_path_buf(), files)), diags)
}

/// An environment where nothing can be referred to (tfvars files).
struct Literal;

impl Env for Literal {
    fn var(&self, _: &str) -> Option<Val> {
        None
    }
    fn local(&self, _: &str) -> Option<Result<Val, EvalError>> {
        None
    }
    fn resource(&self, _: &str, _: &str) -> Option<Expansion> {
        None
    }
    fn resource_attr(&self, _: &str, _: &str, _: Option<&Val>, _: &str) -> Val {
        Val::unknown()
    }
    fn resource_address(&self, ty: &str, name: &str, _: Option<&Val>) -> String {
        format!("{ty}.{name}")
    }
    fn resource_object(&self, _: &str, _: &str, _: Option<&Val>) -> Val {
        Val::unknown()
    }
    fn module(&self, _: &str) -> Option<Expansion> {
        None
    }
    fn module_output(&self, _: &str, _: Option<&Val>, _: &str) -> Result<Val, EvalError> {
        Ok(Val::unknown())
    }
    fn module_outputs(&self, _: &str) -> Vec<String> {
        Vec::new()
    }
    fn path(&self, _: &str) -> Option<String> {
        None
    }
    fn read_file(&self, _: &str) -> Option<String> {
        None
    }
}

/// The values of a `.tfvars` file.
fn tfvars(path: &Path, cwd: Option<&Path>, diags: &mut Vec<Diagnostic>) -> BTreeMap<String, Val> {
    let display = display_path(path, cwd);
    let mut out = BTreeMap::new();
    match parse_file(path, &display) {
        Ok(f) => {
            for a in f.body.attributes() {
                let mut ev = Evaluator::new(&Literal);
                match ev.eval(&a.value) {
                    Ok(v) => {
                        out.insert(a.key.as_str().to_string(), v);
                    }
                    Err(e) => {
                        diags.push(Diagnostic::error(
                            &display,
                            Some(f.source.region(Span::new(
                                e.offset().unwrap_or(0),
                                e.offset().unwrap_or(0),
                            ))),
                            format!("variable value: {}", e.message()),
                        ))
                    }
                }
            }
        }
        Err(d) => diags.push(d),
    }
    out
}

/// `--var NAME=VALUE`: HCL when it parses as an expression (`["a"]`, `3`), a string otherwise.
fn cli_var(value: &str) -> Val {
    match hcl_edit::parser::parse_expr(value) {
        Ok(e)
            if !matches!(
                e,
                hcl_edit::expr::Expression::Variable(_) | hcl_edit::expr::Expression::Traversal(_)
            ) =>
        {
            Evaluator::new(&Literal)
                .eval(&e)
                .unwrap_or_else(|_| Val::str(value))
        }
        _ => Val::str(value),
    }
}

/// Module keys → folders from `.terraform/modules/modules.json` (after `terraform init`).
fn registry_modules(root: &Path) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    let p = root.join(".terraform/modules/modules.json");
    let Ok(text) = std::fs::read_to_string(&p) else {
        return out;
    };
    let Ok(v) = serde_json::from_str::<Json>(&text) else {
        return out;
    };
    for m in v["Modules"].as_array().into_iter().flatten() {
        if let (Some(k), Some(d)) = (m["Key"].as_str(), m["Dir"].as_str()) {
            if !k.is_empty() {
                out.insert(k.to_string(), module::normalize(&root.join(d)));
            }
        }
    }
    out
}

/// Where each resource block of a root module (and of the local modules it calls)
/// is written, by configuration address (`module.hub.azurerm_key_vault.hub`).
pub type BlockIndex = HashMap<
    String,
    (
        Arc<crate::source::SourceFile>,
        Region,
        BTreeMap<String, Region>,
    ),
>;

/// Indexes the resource blocks of the root module in `dir`, following local module
/// calls; empty when the folder holds no `.tf` file.
pub fn block_index(dir: &Path, diags: &mut Vec<Diagnostic>) -> BlockIndex {
    let cwd = std::env::current_dir().ok();
    let mut out = BlockIndex::new();
    let mut stack = Vec::new();
    index_module(dir, "", cwd.as_deref(), &mut out, &mut stack, diags);
    out
}

fn index_module(
    dir: &Path,
    prefix: &str,
    cwd: Option<&Path>,
    out: &mut BlockIndex,
    stack: &mut Vec<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) {
    if stack.contains(&dir.to_path_buf()) || stack.len() > 32 {
        return;
    }
    let (Some(m), d) = load_dir(dir, cwd) else {
        return;
    };
    diags.extend(d);
    for (tn, decl) in &m.resources {
        let Some(f) = m.files.get(decl.file) else {
            continue;
        };
        let file = f.source.clone();
        let region = hcl_edit::Span::span(&decl.item)
            .map(|s| file.region(Span::new(s.start, s.end)))
            .unwrap_or_default();
        let mut spans = BTreeMap::new();
        collect_spans(&decl.item.body, "", &file, &mut spans, 0);
        out.insert(format!("{prefix}{tn}"), (file, region, spans));
    }
    stack.push(dir.to_path_buf());
    for (name, decl) in &m.modules {
        if let Some(hcl_edit::expr::Expression::String(s)) =
            decl.item.body.get_attribute("source").map(|a| &a.value)
        {
            if module::is_local_source(s.value()) {
                let child = module::normalize(&dir.join(s.value()));
                index_module(
                    &child,
                    &format!("{prefix}module.{name}."),
                    cwd,
                    out,
                    stack,
                    diags,
                );
            }
        }
    }
    stack.pop();
}

/// Attribute and block regions of a block body, by Terraform path.
fn collect_spans(
    body: &hcl_edit::structure::Body,
    prefix: &str,
    file: &crate::source::SourceFile,
    out: &mut BTreeMap<String, Region>,
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for s in body.iter() {
        match s {
            hcl_edit::structure::Structure::Attribute(a) => {
                if let Some(sp) = hcl_edit::Span::span(a) {
                    out.insert(
                        format!("{prefix}{}", a.key.as_str()),
                        file.region(Span::new(sp.start, sp.end)),
                    );
                }
            }
            hcl_edit::structure::Structure::Block(b) => {
                let ident = b.ident.as_str().to_string();
                let n = counts.entry(ident.clone()).or_default();
                let path = format!("{prefix}{ident}[{n}]");
                *n += 1;
                if let Some(sp) = hcl_edit::Span::span(b) {
                    out.insert(path.clone(), file.region(Span::new(sp.start, sp.end)));
                }
                collect_spans(&b.body, &format!("{path}."), file, out, depth + 1);
            }
        }
    }
}

/// Points plan resources at the `.tf` blocks that declare them.
pub fn locate_in_source(instances: &mut [ResourceInstance], blocks: &BlockIndex) {
    for ri in instances {
        if let Some((file, region, spans)) = blocks.get(&plan::config_address(&ri.address)) {
            ri.file = file.clone();
            ri.region = *region;
            ri.spans = spans.clone();
        }
    }
}

/// Reads the Terraform among `inputs` (the `.tf` files of the scan). Root modules
/// in `planned` are covered by a plan file and are not evaluated again.
pub fn read(inputs: &[&Input], opts: &TfOptions, planned: &BTreeSet<PathBuf>) -> TfResult {
    let cwd = std::env::current_dir().ok();
    let mut result = TfResult::default();
    let dirs: BTreeSet<PathBuf> = inputs
        .iter()
        .filter_map(|i| {
            let abs = std::path::absolute(&i.path).ok()?;
            abs.parent().map(module::normalize)
        })
        .collect();
    let cwd2 = cwd.clone();
    let loader = Loader {
        cache: Mutex::new(HashMap::new()),
        diags: Mutex::new(Vec::new()),
        load_dir: Box::new(move |d| load_dir(d, cwd2.as_deref())),
    };
    // Parse every scanned module (in parallel) and find which ones others call.
    let loaded: Vec<(PathBuf, Option<Arc<ModuleSrc>>)> = dirs
        .par_iter()
        .map(|d| (d.clone(), loader.get(d)))
        .collect();
    let mut called = BTreeSet::new();
    for (_, m) in &loaded {
        if let Some(m) = m {
            called.extend(m.local_calls());
        }
    }
    let roots: Vec<&PathBuf> = loaded
        .iter()
        .filter(|(d, m)| m.is_some() && !called.contains(d) && !planned.contains(d))
        .map(|(d, _)| d)
        .collect();

    let per_root: Vec<(Vec<ResourceInstance>, Vec<Diagnostic>)> = roots
        .par_iter()
        .map(|root| {
            let mut diags = Vec::new();
            let mut vars = BTreeMap::new();
            let mut auto: Vec<PathBuf> = std::fs::read_dir(root)
                .map(|rd| {
                    rd.filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| {
                            p.file_name()
                                .and_then(|n| n.to_str())
                                .is_some_and(|n| n.ends_with(".auto.tfvars"))
                        })
                        .collect()
                })
                .unwrap_or_default();
            auto.sort();
            let main = root.join("terraform.tfvars");
            if main.is_file() {
                vars.extend(tfvars(&main, cwd.as_deref(), &mut diags));
            }
            for p in auto.iter().chain(opts.var_files.iter()) {
                vars.extend(tfvars(p, cwd.as_deref(), &mut diags));
            }
            for (k, v) in &opts.vars {
                vars.insert(k.clone(), cli_var(v));
            }
            let registry = registry_modules(root);
            let mut out = Vec::new();
            if let Some(src) = loader.get(root) {
                // Addresses are unique within one root module only: resources of
                // several roots are told apart by the root's folder.
                let root_display = display_path(root, cwd.as_deref());
                let call = Call {
                    prefix: root_prefix(&root_display),
                    vars,
                    providers: BTreeMap::new(),
                    key: String::new(),
                    depth: 0,
                    stack: Vec::new(),
                };
                let mut inst = Instance::new(src, call, &loader, &registry);
                inst.init_providers();
                inst.resources(&mut out);
            }
            (out, diags)
        })
        .collect();

    for (instances, diags) in per_root {
        result.diagnostics.extend(diags);
        for ri in &instances {
            result
                .files
                .insert(ri.file.display.clone(), ri.file.path.clone());
        }
        result
            .resources
            .extend(resources_of(instances, Format::Terraform));
    }
    if let Ok(mut d) = loader.diags.lock() {
        result.diagnostics.append(&mut d);
    }
    for (d, m) in &loaded {
        if let Some(m) = m {
            for f in &m.files {
                result
                    .files
                    .insert(f.source.display.clone(), f.source.path.clone());
            }
        } else {
            let _ = d;
        }
    }
    result
}

/// The id prefix of a root module's resources: its folder, or nothing for the
/// working directory itself.
pub fn root_prefix(display_dir: &str) -> String {
    if display_dir == "." || display_dir.is_empty() {
        String::new()
    } else {
        format!("{display_dir}:")
    }
}

fn str_attr(attrs: &Val, key: &str) -> Option<String> {
    attrs.get_ci(key).and_then(Val::as_str).map(str::to_string)
}

/// `00000000-0000-0000-0000-000000000000`: a subscription id.
pub(crate) fn is_guid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| {
            matches!(i, 8 | 13 | 18 | 23) == (b == b'-') && (b == b'-' || b.is_ascii_hexdigit())
        })
}

/// `/subscriptions/<s>[/resourceGroups/<g>...]` (or a bare subscription GUID) →
/// its subscription and resource group.
fn id_scope(id: &str) -> (Option<String>, Option<String>) {
    let segs: Vec<&str> = id.trim().split('/').filter(|s| !s.is_empty()).collect();
    let named = |i: usize, key: &str| {
        segs.get(i)
            .filter(|s| s.eq_ignore_ascii_case(key))
            .and_then(|_| segs.get(i + 1))
            .map(|s| (*s).to_string())
    };
    match segs.as_slice() {
        [guid] if is_guid(guid) => (Some((*guid).to_string()), None),
        _ => match named(0, "subscriptions") {
            Some(sub) => (Some(sub), named(2, "resourceGroups")),
            None => (None, None),
        },
    }
}

/// The subscription and resource group a resource is deployed to: the provider's
/// subscription and `resource_group_name`, except for budgets, which name their
/// scope by id (a budget on another subscription than the provider's is common:
/// one budget pipeline for every subscription). An unknown id keeps the provider's.
fn deployment_scope(ri: &ResourceInstance) -> (Option<String>, Option<String>) {
    let provider = (
        ri.subscription.clone(),
        str_attr(&ri.attrs, "resource_group_name"),
    );
    let scoped_by = match ri.tf_type.as_str() {
        "azurerm_consumption_budget_subscription" => "subscription_id",
        "azurerm_consumption_budget_resource_group" => "resource_group_id",
        _ => return provider,
    };
    match str_attr(&ri.attrs, scoped_by).map(|id| id_scope(&id)) {
        Some((Some(sub), rg)) => (Some(sub), rg),
        _ => provider,
    }
}

const NETWORK_RULES: &str = "azurerm_storage_account_network_rules";
const STORAGE_ACCOUNT: &str = "Microsoft.Storage/storageAccounts";
const NETWORK_ACLS: &str = "properties.networkAcls";

/// The resources of one root module's (or one plan's) instances. A resource that
/// ARM has no type for, `azurerm_storage_account_network_rules`, is merged into the
/// account it names, as Azure applies it; kept apart only when that account is not
/// among them (it may be declared elsewhere).
pub fn resources_of(instances: Vec<ResourceInstance>, format: Format) -> Vec<Resource> {
    let (rules, others): (Vec<_>, Vec<_>) = instances
        .into_iter()
        .partition(|ri| ri.tf_type == NETWORK_RULES);
    let mut out: Vec<Resource> = others
        .into_iter()
        .flat_map(|ri| to_resources(ri, format))
        .collect();
    for ri in rules {
        if !merge_network_rules(&ri, &mut out) {
            out.extend(to_resources(ri, format));
        }
    }
    out
}

/// The one storage account among `resources` that a network rules resource names:
/// by its address (an unknown `storage_account_id` that refers to exactly one
/// resource), by a known id's resource group and name, or (2.x) by
/// `storage_account_name` and `resource_group_name`.
fn named_account(ri: &ResourceInstance, id: &Val, resources: &[Resource]) -> Option<usize> {
    let is_account = |r: &Resource| r.r#type.eq_ignore_ascii_case(STORAGE_ACCOUNT);
    // An unknown resource group on either side does not rule an account out.
    let same = |a: Option<&str>, b: Option<&str>| match (a, b) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        _ => true,
    };
    let by_name = |name: &str, rg: Option<&str>| {
        let found: Vec<usize> = resources
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                is_account(r)
                    && r.name
                        .as_deref()
                        .is_some_and(|n| n.eq_ignore_ascii_case(name))
                    && same(rg, r.resource_group.as_deref())
            })
            .map(|(i, _)| i)
            .collect();
        match found[..] {
            [one] => Some(one),
            _ => None,
        }
    };
    match id {
        Val::Str(id) => {
            let segs: Vec<&str> = id.split('/').collect();
            let after = |key: &str| {
                segs.iter()
                    .position(|s| s.eq_ignore_ascii_case(key))
                    .and_then(|i| segs.get(i + 1).copied())
            };
            by_name(after("storageAccounts")?, after("resourceGroups"))
        }
        Val::Unknown(u) => {
            let [address] = u.refs.iter().collect::<Vec<_>>()[..] else {
                return None;
            };
            resources
                .iter()
                .position(|r| is_account(r) && *r.id == **address)
        }
        _ => by_name(
            &str_attr(&ri.attrs, "storage_account_name")?,
            str_attr(&ri.attrs, "resource_group_name").as_deref(),
        ),
    }
}

/// Replaces the `properties.networkAcls` of the account `ri` names with the rules
/// `ri` declares; false when that account is not among `resources`. Findings on
/// the rules point at the rules resource's attributes when it is in the account's
/// file (a finding names one file), else at the account.
fn merge_network_rules(ri: &ResourceInstance, resources: &mut [Resource]) -> bool {
    let Some(rules) = azurerm::storage_network_rules(&ri.attrs) else {
        return false;
    };
    let Some(i) = named_account(ri, &rules.storage_account_id, resources) else {
        return false;
    };
    let account = &mut resources[i];
    let mut unknown = UnknownPaths::new();
    let acls = rules.network_acls.materialize(NETWORK_ACLS, &mut unknown);
    let covered = |p: &str| crate::graph::model::path_covers(NETWORK_ACLS, p);
    account.unknown.retain(|p, _| !covered(p));
    account.unknown.extend(unknown);
    // A rare merge: edit the body as JSON and store it back.
    let mut body = match account.body_json() {
        Json::Object(o) => o,
        _ => Map::new(),
    };
    let props = body
        .entry("properties")
        .or_insert_with(|| Json::Object(Map::new()));
    if let Json::Object(props) = props {
        match acls {
            Some(a) => {
                props.insert("networkAcls".to_string(), a);
            }
            None => {
                props.remove("networkAcls");
            }
        }
    }
    account.body = crate::graph::body::from_map(body);
    let regions = &mut account.source.properties;
    regions.retain(|p, _| !covered(p));
    if ri.file.display == account.source.file {
        regions.insert(NETWORK_ACLS.to_string(), ri.region);
        for (tf, arm) in &rules.paths {
            if let Some(r) = ri.spans.get(tf) {
                regions.insert(arm.clone(), *r);
            }
        }
    }
    true
}

/// One evaluated resource instance as canonical resources (azurerm mapped onto
/// ARM; `azapi_resource` used as written; anything else kept with its attributes).
pub fn to_resources(ri: ResourceInstance, format: Format) -> Vec<Resource> {
    let attrs = &ri.attrs;
    let (subscription, resource_group) = deployment_scope(&ri);
    let mut unknown = UnknownPaths::new();
    let mut properties: BTreeMap<String, Region> = BTreeMap::new();
    for k in ["name", "location", "tags"] {
        if let Some(r) = ri.spans.get(k) {
            properties.insert(k.to_string(), *r);
        }
    }
    let name = match attrs.get_ci("name") {
        Some(Val::Str(s)) => Some(s.clone()),
        Some(v) => {
            v.materialize("name", &mut unknown);
            None
        }
        None => None,
    };
    let location = match attrs.get_ci("location") {
        Some(Val::Str(s)) => Some(s.clone()),
        Some(v) => {
            v.materialize("location", &mut unknown);
            None
        }
        None => None,
    };
    let mut tags = crate::graph::model::Tags::new();
    if let Some(t) = attrs.get_ci("tags") {
        if let Some(Json::Object(o)) = t.materialize("tags", &mut unknown) {
            tags = crate::graph::model::tags_from_json(o);
        }
    }

    let mut children = Vec::new();
    let mut parent = None;
    let mut name = name;
    let (ty, body_val, paths) = if ri.tf_type == "azapi_resource" {
        let ty = str_attr(attrs, "type")
            .map(|t| t.split('@').next().unwrap_or_default().to_string())
            .unwrap_or_else(|| "azapi_resource".to_string());
        let body = match attrs.get_ci("body") {
            Some(Val::Str(s)) => serde_json::from_str::<Json>(s)
                .map(|j| Val::from_json(&j))
                .unwrap_or(Val::unknown()),
            Some(v) => v.clone(),
            None => Val::Obj(BTreeMap::new()),
        };
        (ty, body, vec![("body".to_string(), String::new())])
    } else if let Some(m) = azurerm::map(&ri.tf_type, attrs) {
        if let Some(n) = &m.name {
            name = match n {
                Val::Str(s) => Some(s.clone()),
                other => {
                    other.materialize("name", &mut unknown);
                    None
                }
            };
        }
        parent = parent_ref(&m).map(Box::new);
        children = m.extra_children;
        (m.arm_type, m.body, m.paths)
    } else {
        // Unmapped: keep the attributes so that generic rules (tags) still apply.
        let mut props = BTreeMap::new();
        if let Val::Obj(o) = attrs {
            for (k, v) in o {
                if !matches!(k.as_str(), "name" | "location" | "tags") {
                    props.insert(k.clone(), v.clone());
                }
            }
        }
        let mut body = BTreeMap::new();
        body.insert("properties".to_string(), Val::Obj(props));
        let paths = ri
            .spans
            .keys()
            .map(|k| (k.clone(), format!("properties.{k}")))
            .collect();
        (ri.tf_type.clone(), Val::Obj(body), paths)
    };
    let body: Map<String, Json> = match body_val.materialize("", &mut unknown) {
        Some(Json::Object(o)) => o,
        _ => Map::new(),
    };
    // Unknown paths from materialising at the root start with a dot.
    let unknown: UnknownPaths = unknown
        .into_iter()
        .map(|(k, v)| (k.trim_start_matches('.').to_string(), v))
        .collect();
    for (tf, arm) in &paths {
        if arm.is_empty() {
            continue;
        }
        if let Some(r) = ri.spans.get(tf) {
            properties.insert(arm.clone(), *r);
        }
    }
    let ignores = comment_directives(&ri.file, ri.region.start_line, ri.region.end_line);
    let mut out = Vec::with_capacity(1 + children.len());
    // Blocks that ARM models as child resources (ACR replications, blob services...).
    for c in children {
        let mut cu = UnknownPaths::new();
        let cname = match &c.name {
            Val::Str(s) => Some(s.clone()),
            other => {
                other.materialize("name", &mut cu);
                None
            }
        };
        let cbody: Map<String, Json> = match c.body.materialize("", &mut cu) {
            Some(Json::Object(o)) => o,
            _ => Map::new(),
        };
        let mut ctags = BTreeMap::new();
        if let Some(Json::Object(o)) = c.tags.as_ref().and_then(|t| t.materialize("tags", &mut cu))
        {
            for (k, v) in o {
                if let Json::String(s) = v {
                    ctags.insert(k, s);
                }
            }
        }
        let mut cprops = BTreeMap::new();
        for (tf, arm) in &c.paths {
            if let Some(r) = ri.spans.get(tf) {
                cprops.insert(arm.clone(), *r);
            }
        }
        let region = c
            .paths
            .first()
            .and_then(|(tf, _)| ri.spans.get(tf.split('.').next().unwrap_or(tf)))
            .copied()
            .unwrap_or(ri.region);
        let short = c.arm_type.rsplit('/').next().unwrap_or("child").to_string();
        let clocation = match &c.location {
            Some(Val::Str(l)) => Some(l.clone()),
            Some(other) => {
                other.materialize("location", &mut cu);
                None
            }
            None => None,
        };
        out.push(Resource {
            id: format!("{}/{short}/{}", ri.address, cname.as_deref().unwrap_or("*")).into(),
            r#type: c.arm_type.into(),
            name: cname.map(Into::into),
            location: clocation.map(Into::into),
            subscription: subscription.as_deref().map(Into::into),
            resource_group: resource_group.as_deref().map(Into::into),
            tags: ctags.into(),
            body: crate::graph::body::from_map(cbody),
            unknown: cu,
            source: SourceInfo {
                format,
                file: ri.file.display.clone(),
                region,
                properties: cprops,
            },
            ignores: ignores.clone(),
            parent: Some(Box::new(ParentRef::Id(ri.address.clone()))),
        });
    }
    out.insert(
        0,
        Resource {
            id: ri.address.as_str().into(),
            r#type: ty.into(),
            name: name.map(Into::into),
            location: location.map(Into::into),
            subscription: subscription.map(Into::into),
            resource_group: resource_group.map(Into::into),
            tags,
            body: crate::graph::body::from_map(body),
            unknown,
            source: SourceInfo {
                format,
                file: ri.file.display.clone(),
                region: ri.region,
                properties,
            },
            ignores,
            parent,
        },
    );
    out
}

/// The parent a mapped child resource names: a known id, the address an unknown
/// id comes from, or the parent's name.
fn parent_ref(m: &azurerm::Mapped) -> Option<ParentRef> {
    if let Some(p) = &m.parent {
        return match p {
            Val::Str(s) => Some(ParentRef::Id(s.clone())),
            other => {
                let mut refs = BTreeSet::new();
                other.collect_refs(&mut refs);
                // Only an unambiguous reference names the parent.
                (refs.len() == 1)
                    .then(|| refs.into_iter().next().map(ParentRef::Id))
                    .flatten()
            }
        };
    }
    let Some(Val::Str(name)) = &m.parent_name else {
        return None;
    };
    let (ty, _) = m.arm_type.rsplit_once('/')?;
    Some(ParentRef::Named {
        r#type: ty.to_string(),
        name: name.clone(),
    })
}

#[cfg(test)]
mod tests;
