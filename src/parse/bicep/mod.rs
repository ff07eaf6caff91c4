//! The Bicep reader: a native parser ([`syntax`]; no Bicep CLI, no .NET) and an
//! evaluator onto the canonical resource model.
//!
//! Params come from defaults, from a `.bicepparam` file that `using`s the template,
//! and from `--param-file`; the template functions are the ARM ones (shared with
//! the ARM reader); loops and conditions expand where their values are known; a
//! module file scanned through its caller is not scanned again on its own.
//! `symbol.id` is known (Bicep compiles it to `resourceId(...)`), so references
//! between resources are ordinary ids for the graph; anything only known at
//! deployment (`symbol.properties.x`, `listKeys()`) is unknown. A module's
//! `scope` (`subscription(id)`, `resourceGroup([id, ]name)`, a resource group
//! symbol) puts its resources in that subscription and resource group where the
//! values are known.

pub mod syntax;

use super::arm::expr::{self, Context, ExprError};
use super::arm::{resource_id_at, Scope};
use super::Overrides;
use crate::discover::{display_path, Input};
use crate::finding::Diagnostic;
use crate::graph::{Format, Resource, SourceInfo};
use crate::source::{comment_directives, Region, SourceFile, Span};
use crate::value::{UnknownPaths, Val};
use rayon::prelude::*;
use serde_json::{Map, Number, Value as Json};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use syntax::{BinaryOp, Decl, DeclKind, Expr, ExprKind, ObjItem, Program, StrPart, UnaryOp};

/// Module calls nested deeper than this are not followed.
const MAX_MODULE_DEPTH: usize = 16;
/// Loop iterations beyond this are cut.
const MAX_ITEMS: usize = 10_000;
/// Expression nesting beyond this is refused.
const MAX_DEPTH: usize = 200;

/// What reading the Bicep of a scan produced.
#[derive(Debug, Default)]
pub struct BicepResult {
    pub resources: Vec<Resource>,
    pub diagnostics: Vec<Diagnostic>,
    pub files: BTreeMap<String, PathBuf>,
}

/// A parsed file.
pub struct Parsed {
    pub file: Arc<SourceFile>,
    pub program: Program,
}

/// Parses a `.bicep` or `.bicepparam` file; a syntax error names line and column.
pub fn parse_file(path: &Path, display: &str) -> Result<Parsed, Diagnostic> {
    let file = crate::parse::load_path(path, display)?;
    match syntax::parse(&file.text) {
        Ok(program) => Ok(Parsed {
            file: Arc::new(file),
            program,
        }),
        Err(e) => Err(Diagnostic::error(
            display,
            Some(file.region(Span::new(e.offset, e.offset))),
            format!("invalid Bicep: {}", e.message),
        )),
    }
}

fn canonical(p: &Path) -> PathBuf {
    std::path::absolute(p)
        .map(|a| super::terraform::module::normalize(&a))
        .unwrap_or_else(|_| p.to_path_buf())
}

/// Local module paths a program refers to (`module m './x.bicep'`).
fn local_modules(dir: &Path, program: &Program) -> Vec<PathBuf> {
    program
        .decls
        .iter()
        .filter_map(|d| match &d.kind {
            DeclKind::Module { path, .. } if is_local(&path.value) => {
                Some(canonical(&dir.join(&path.value)))
            }
            _ => None,
        })
        .collect()
}

fn is_local(path: &str) -> bool {
    !path.contains(':') && path.ends_with(".bicep")
}

/// Reads the Bicep among `inputs` (`.bicep` and `.bicepparam` files of the scan).
pub fn read(inputs: &[&Input], overrides: &Overrides) -> BicepResult {
    let cwd = std::env::current_dir().ok();
    let mut result = BicepResult::default();
    let parsed: Vec<(PathBuf, Result<Parsed, Diagnostic>)> = inputs
        .par_iter()
        .map(|i| (canonical(&i.path), parse_file(&i.path, &i.display)))
        .collect();
    let mut templates: BTreeMap<PathBuf, Arc<Parsed>> = BTreeMap::new();
    let mut param_files: BTreeMap<PathBuf, BTreeMap<String, Val>> = BTreeMap::new();
    for (path, p) in parsed {
        match p {
            Err(d) => result.diagnostics.push(d),
            Ok(p) => {
                result
                    .files
                    .insert(p.file.display.clone(), p.file.path.clone());
                if path.extension().is_some_and(|e| e == "bicepparam") {
                    let (target, values) = param_file_values(&path, &p, &mut result.diagnostics);
                    if let Some(t) = target {
                        param_files.entry(t).or_default().extend(values);
                    }
                } else {
                    templates.insert(path, Arc::new(p));
                }
            }
        }
    }
    let called: BTreeSet<PathBuf> = templates
        .iter()
        .flat_map(|(path, p)| local_modules(path.parent().unwrap_or(Path::new(".")), &p.program))
        .collect();
    let roots: Vec<(&PathBuf, &Arc<Parsed>)> = templates
        .iter()
        .filter(|(p, _)| !called.contains(*p))
        .collect();
    let outputs: Vec<(Vec<Resource>, Vec<Diagnostic>)> = roots
        .par_iter()
        .map(|(path, p)| {
            let mut values = param_files.get(*path).cloned().unwrap_or_default();
            values.extend(
                overrides
                    .parameters
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone())),
            );
            let mut out = Vec::new();
            let mut diags = Vec::new();
            let mut stack = vec![(*path).clone()];
            evaluate(
                p,
                values,
                Target::default(),
                cwd.as_deref(),
                &mut out,
                &mut diags,
                &mut stack,
            );
            (out, diags)
        })
        .collect();
    for (rs, ds) in outputs {
        for r in &rs {
            result
                .files
                .entry(r.source.file.clone())
                .or_insert_with(|| PathBuf::from(&r.source.file));
        }
        result.resources.extend(rs);
        result.diagnostics.extend(ds);
    }
    result
}

/// A `.bicepparam` file: the template it `using`s and its values.
fn param_file_values(
    path: &Path,
    p: &Parsed,
    diags: &mut Vec<Diagnostic>,
) -> (Option<PathBuf>, BTreeMap<String, Val>) {
    let mut target = None;
    let mut values = BTreeMap::new();
    let ev = Evaluator::new(p.file.clone(), Scope::ResourceGroup, Target::default());
    for d in &p.program.decls {
        match &d.kind {
            DeclKind::Using { path: Some(u) } if is_local(&u.value) => {
                target = Some(canonical(
                    &path.parent().unwrap_or(Path::new(".")).join(&u.value),
                ));
            }
            DeclKind::Param {
                name,
                default: Some(v),
                ..
            } => {
                values.insert(name.name.to_ascii_lowercase(), ev.eval(v));
            }
            _ => {}
        }
    }
    diags.extend(ev.diags.into_inner());
    (target, values)
}

/// A resource symbol: what `symbol.x` can tell before deployment.
#[derive(Clone)]
struct Symbol {
    id: Option<String>,
    ty: String,
    name: Val,
}

/// Where a file's resources are deployed: the subscription and resource group a
/// module's `scope` names, where known (`None` for a root template).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Target {
    subscription: Option<String>,
    resource_group: Option<String>,
}

/// Evaluates Bicep expressions of one file.
struct Evaluator {
    file: Arc<SourceFile>,
    scope: Scope,
    target: Target,
    params: BTreeMap<String, Val>,
    param_decls: BTreeMap<String, Expr>,
    vars: BTreeMap<String, Expr>,
    var_values: RefCell<BTreeMap<String, Val>>,
    evaluating: RefCell<BTreeSet<String>>,
    symbols: RefCell<BTreeMap<String, Symbol>>,
    /// Resource loops: the list of their instances' objects.
    collections: RefCell<BTreeMap<String, Val>>,
    /// Module symbols (their outputs are only known at deployment).
    modules: BTreeSet<String>,
    funcs: BTreeSet<String>,
    /// The file imports symbols (`import {...} from`): names lzscan does not see
    /// may come from there, so they are not reported.
    has_imports: bool,
    locals: RefCell<Vec<(String, Val)>>,
    diags: RefCell<Vec<Diagnostic>>,
    depth: RefCell<usize>,
    /// Look-ahead passes report nothing.
    quiet: std::cell::Cell<bool>,
}

fn num(n: f64) -> Val {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Val::Num(Number::from(n as i64))
    } else {
        Number::from_f64(n).map_or(Val::Null, Val::Num)
    }
}

fn text(v: &Val) -> Option<String> {
    match v {
        Val::Str(s) => Some(s.clone()),
        Val::Num(n) => Some(n.to_string()),
        Val::Bool(b) => Some(b.to_string()),
        Val::Null => Some(String::new()),
        _ => None,
    }
}

/// The key under which a resource object carries its id, so that a property
/// the template does not know reads as unknown (with a reference to it).
const ID_KEY: &str = "@id";

impl Context for Evaluator {
    fn parameter(&self, name: &str) -> Result<Val, ExprError> {
        Err(ExprError::Eval(format!(
            "parameters('{name}') is not Bicep"
        )))
    }
    fn variable(&self, name: &str) -> Result<Val, ExprError> {
        Err(ExprError::Eval(format!("variables('{name}') is not Bicep")))
    }
    fn copy_index(&self, _: Option<&str>) -> Result<Val, ExprError> {
        Err(ExprError::Eval("copyIndex() is not Bicep".into()))
    }
    fn subscription_id(&self) -> Option<String> {
        self.target.subscription.clone()
    }
    fn resource_group_name(&self) -> Option<String> {
        self.target.resource_group.clone()
    }
    fn symbol_id(&self, symbolic_name: &str) -> Option<String> {
        self.symbols
            .borrow()
            .get(symbolic_name)
            .and_then(|s| s.id.clone())
    }
}

impl Evaluator {
    fn new(file: Arc<SourceFile>, scope: Scope, target: Target) -> Self {
        Evaluator {
            file,
            scope,
            target,
            params: BTreeMap::new(),
            param_decls: BTreeMap::new(),
            vars: BTreeMap::new(),
            var_values: RefCell::new(BTreeMap::new()),
            evaluating: RefCell::new(BTreeSet::new()),
            symbols: RefCell::new(BTreeMap::new()),
            collections: RefCell::new(BTreeMap::new()),
            modules: BTreeSet::new(),
            funcs: BTreeSet::new(),
            has_imports: false,
            locals: RefCell::new(Vec::new()),
            diags: RefCell::new(Vec::new()),
            depth: RefCell::new(0),
            quiet: std::cell::Cell::new(false),
        }
    }

    fn region(&self, span: Span) -> Region {
        self.file.region(span)
    }

    /// Reports a problem at the start of `span`, unless looking ahead.
    fn report(&self, level: crate::finding::Level, span: Span, message: String) {
        if self.quiet.get() {
            return;
        }
        self.diags.borrow_mut().push(Diagnostic {
            level,
            file: Some(self.file.display.clone()),
            region: Some(self.region(Span::new(span.start, span.start))),
            message,
        });
    }

    fn warn(&self, span: Span, message: String) {
        self.report(crate::finding::Level::Warning, span, message);
    }

    fn note(&self, span: Span, message: String) {
        self.report(crate::finding::Level::Note, span, message);
    }

    fn with_local<T>(&self, name: &str, v: Val, f: impl FnOnce(&Self) -> T) -> T {
        self.locals.borrow_mut().push((name.to_string(), v));
        let r = f(self);
        self.locals.borrow_mut().pop();
        r
    }

    fn ident(&self, name: &str, span: Span) -> Val {
        if let Some(v) = self
            .locals
            .borrow()
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
        {
            return v;
        }
        let key = name.to_ascii_lowercase();
        if let Some(v) = self.params.get(&key) {
            return v.clone();
        }
        if let Some(d) = self.param_decls.get(name) {
            return self.memo(&format!("p:{name}"), d);
        }
        if self.param_decls.contains_key(&format!("?{name}")) {
            return Val::unknown();
        }
        if let Some(e) = self.vars.get(name) {
            return self.memo(&format!("v:{name}"), e);
        }
        if let Some(s) = self.symbols.borrow().get(name) {
            return resource_object(s);
        }
        if let Some(c) = self.collections.borrow().get(name) {
            return c.clone();
        }
        if self.modules.contains(name) {
            return Val::unknown();
        }
        match name {
            "az" | "sys" => Val::unknown(),
            _ if self.has_imports => Val::unknown(),
            _ => {
                self.warn(
                    span,
                    format!("`{name}` is not declared (value treated as unknown)"),
                );
                Val::unknown()
            }
        }
    }

    fn memo(&self, key: &str, e: &Expr) -> Val {
        if let Some(v) = self.var_values.borrow().get(key) {
            return v.clone();
        }
        if !self.evaluating.borrow_mut().insert(key.to_string()) {
            self.warn(e.span, format!("`{}` refers to itself", &key[2..]));
            return Val::unknown();
        }
        let v = self.eval(e);
        self.evaluating.borrow_mut().remove(key);
        self.var_values
            .borrow_mut()
            .insert(key.to_string(), v.clone());
        v
    }

    fn eval(&self, e: &Expr) -> Val {
        {
            let mut d = self.depth.borrow_mut();
            if *d >= MAX_DEPTH {
                return Val::unknown();
            }
            *d += 1;
        }
        let v = self.eval_inner(e);
        *self.depth.borrow_mut() -= 1;
        v
    }

    fn eval_inner(&self, e: &Expr) -> Val {
        match &e.kind {
            ExprKind::Null => Val::Null,
            ExprKind::Bool(b) => Val::Bool(*b),
            ExprKind::Int(i) => Val::int(*i),
            ExprKind::String(parts) => {
                let mut s = String::new();
                let mut vals = Vec::new();
                for p in parts {
                    match p {
                        StrPart::Lit(l) => s.push_str(l),
                        StrPart::Expr(x) => {
                            let v = self.eval(x);
                            match text(&v) {
                                Some(t) if !v.is_unknown() => s.push_str(&t),
                                _ => vals.push(v),
                            }
                        }
                    }
                }
                match Val::unknown_of(&vals.iter().collect::<Vec<_>>()) {
                    Some(u) => u,
                    None if vals.is_empty() => Val::Str(s),
                    None => Val::unknown(),
                }
            }
            ExprKind::Array(items) => {
                let mut out = Vec::new();
                for x in items {
                    match &x.kind {
                        ExprKind::Spread(inner) => match self.eval(inner) {
                            Val::Arr(a) => out.extend(a),
                            other => out.push(other),
                        },
                        ExprKind::For { .. } => match self.eval(x) {
                            Val::Arr(a) => out.extend(a),
                            other => out.push(other),
                        },
                        _ => out.push(self.eval(x)),
                    }
                }
                Val::Arr(out)
            }
            ExprKind::Object(items) => {
                let mut m = BTreeMap::new();
                for it in items {
                    match it {
                        ObjItem::Prop { key, value, .. } => {
                            m.insert(key.clone(), self.eval(value));
                        }
                        ObjItem::Spread(x) => match self.eval(x) {
                            Val::Obj(o) => m.extend(o),
                            other => return other,
                        },
                        ObjItem::Resource(_) => {}
                    }
                }
                Val::Obj(m)
            }
            ExprKind::Ident(n) => self.ident(n, e.span),
            ExprKind::Member { target, name, safe } => {
                let t = self.eval(target);
                member(&t, name, *safe)
            }
            ExprKind::Index {
                target,
                index,
                safe,
                from_end,
            } => {
                let t = self.eval(target);
                let i = self.eval(index);
                if let Some(u) = Val::unknown_of(&[&t, &i]) {
                    if t.is_unknown() || i.is_unknown() {
                        return u;
                    }
                }
                match (&t, &i) {
                    (Val::Arr(a), Val::Num(n)) => {
                        let n = n.as_i64().unwrap_or(-1);
                        let idx = if *from_end { a.len() as i64 - n } else { n };
                        usize::try_from(idx)
                            .ok()
                            .and_then(|k| a.get(k).cloned())
                            .unwrap_or(if *safe { Val::Null } else { Val::unknown() })
                    }
                    (Val::Obj(_), Val::Str(k)) => member(&t, k, *safe),
                    (Val::Null, _) if *safe => Val::Null,
                    _ => Val::unknown(),
                }
            }
            ExprKind::Call {
                namespace,
                name,
                args,
            } => self.call(namespace.as_deref(), name, args, e.span),
            ExprKind::MethodCall { target, name, args } => {
                // `sa.listKeys()` and friends: runtime values of that resource.
                let t = self.eval(target);
                if let Val::Obj(o) = &t {
                    if let Some(Val::Str(id)) = o.get(ID_KEY) {
                        return Val::unknown_ref(id.clone());
                    }
                }
                // `ns.func()` of an imported namespace.
                let _ = (name, args);
                Val::unknown()
            }
            ExprKind::Unary { op, expr } => {
                let v = self.eval(expr);
                match (op, &v) {
                    (_, Val::Unknown(_)) => v,
                    (UnaryOp::Not, Val::Bool(b)) => Val::Bool(!b),
                    (UnaryOp::Neg, Val::Num(n)) => num(-n.as_f64().unwrap_or(0.0)),
                    _ => Val::unknown(),
                }
            }
            ExprKind::Binary { op, lhs, rhs } => self.binary(*op, lhs, rhs),
            ExprKind::Ternary { cond, then, els } => match self.eval(cond) {
                Val::Bool(true) => self.eval(then),
                Val::Bool(false) => self.eval(els),
                c => {
                    let mut refs = BTreeSet::new();
                    c.collect_refs(&mut refs);
                    Val::Unknown(crate::value::Unknown { refs })
                }
            },
            ExprKind::NonNull(x) => self.eval(x),
            ExprKind::ResourceAccess { name, .. } => match self.symbols.borrow().get(name.as_str())
            {
                Some(s) => resource_object(s),
                None => Val::unknown(),
            },
            ExprKind::For {
                item,
                index,
                iterable,
                body,
            } => {
                let coll = self.eval(iterable);
                let Some(items) = iterate(&coll) else {
                    return Val::unknown();
                };
                let mut out = Vec::new();
                for (i, v) in items.into_iter().take(MAX_ITEMS).enumerate() {
                    let r = self.with_local(item, v, |s| match index {
                        Some(ix) => s.with_local(ix, Val::int(i as i64), |s| s.loop_body(body)),
                        None => s.loop_body(body),
                    });
                    if let Some(v) = r {
                        out.push(v);
                    }
                }
                Val::Arr(out)
            }
            ExprKind::If { cond, body } => match self.eval(cond) {
                Val::Bool(false) => Val::Null,
                _ => self.eval(body),
            },
            _ => Val::unknown(),
        }
    }

    /// A loop body: `None` when its `if` filters the item out.
    fn loop_body(&self, body: &Expr) -> Option<Val> {
        match &body.kind {
            ExprKind::If { cond, body } => match self.eval(cond) {
                Val::Bool(false) => None,
                _ => Some(self.eval(body)),
            },
            _ => Some(self.eval(body)),
        }
    }

    fn binary(&self, op: BinaryOp, lhs: &Expr, rhs: &Expr) -> Val {
        let l = self.eval(lhs);
        match (op, &l) {
            (BinaryOp::And, Val::Bool(false)) => return Val::Bool(false),
            (BinaryOp::Or, Val::Bool(true)) => return Val::Bool(true),
            (BinaryOp::Coalesce, v) if !matches!(v, Val::Null | Val::Unknown(_)) => return l,
            _ => {}
        }
        let r = self.eval(rhs);
        if op == BinaryOp::Coalesce && l == Val::Null {
            return r;
        }
        if let Some(u) = Val::unknown_of(&[&l, &r]) {
            return u;
        }
        let nums = || -> Option<(f64, f64)> {
            match (&l, &r) {
                (Val::Num(a), Val::Num(b)) => Some((a.as_f64()?, b.as_f64()?)),
                _ => None,
            }
        };
        let ci = |a: &Val, b: &Val| match (a, b) {
            (Val::Str(x), Val::Str(y)) => x.eq_ignore_ascii_case(y),
            _ => a == b,
        };
        match op {
            BinaryOp::Eq => Val::Bool(l == r),
            BinaryOp::Ne => Val::Bool(l != r),
            BinaryOp::EqI => Val::Bool(ci(&l, &r)),
            BinaryOp::NeI => Val::Bool(!ci(&l, &r)),
            BinaryOp::And | BinaryOp::Or => match (&l, &r) {
                (Val::Bool(a), Val::Bool(b)) => Val::Bool(if op == BinaryOp::And {
                    *a && *b
                } else {
                    *a || *b
                }),
                _ => Val::unknown(),
            },
            BinaryOp::Coalesce => l,
            _ => match nums() {
                Some((a, b)) => match op {
                    BinaryOp::Lt => Val::Bool(a < b),
                    BinaryOp::Gt => Val::Bool(a > b),
                    BinaryOp::Le => Val::Bool(a <= b),
                    BinaryOp::Ge => Val::Bool(a >= b),
                    BinaryOp::Add => num(a + b),
                    BinaryOp::Sub => num(a - b),
                    BinaryOp::Mul => num(a * b),
                    BinaryOp::Div if b != 0.0 => num((a / b).trunc()),
                    BinaryOp::Mod if b != 0.0 => num(a % b),
                    _ => Val::unknown(),
                },
                None => match (op, &l, &r) {
                    (BinaryOp::Lt, Val::Str(a), Val::Str(b)) => Val::Bool(a < b),
                    (BinaryOp::Gt, Val::Str(a), Val::Str(b)) => Val::Bool(a > b),
                    _ => Val::unknown(),
                },
            },
        }
    }

    fn call(&self, namespace: Option<&str>, name: &str, args: &[Expr], span: Span) -> Val {
        if namespace.is_none() && self.funcs.contains(name) {
            return Val::unknown();
        }
        match name {
            "any" => return args.first().map_or(Val::Null, |a| self.eval(a)),
            "loadTextContent"
            | "loadJsonContent"
            | "loadYamlContent"
            | "loadFileAsBase64"
            | "readEnvironmentVariable"
            | "externalInput"
            | "getSecret"
            | "deployer"
            | "loadResourceId" => return Val::unknown(),
            _ => {}
        }
        let vals: Vec<Val> = args.iter().map(|a| self.eval(a)).collect();
        // Bicep's scope functions take the scope they name; ARM's take nothing.
        if namespace.is_none_or(|n| n == "az") && !vals.is_empty() {
            let here = || {
                self.target
                    .subscription
                    .clone()
                    .map_or(Val::str(expr::SUBSCRIPTION_PLACEHOLDER), Val::Str)
            };
            match (name, vals.as_slice()) {
                ("subscription", [sub]) => return expr::subscription_scope(sub),
                ("resourceGroup", [rg]) => return expr::resource_group_scope(&here(), rg),
                ("resourceGroup", [sub, rg]) => return expr::resource_group_scope(sub, rg),
                _ => {}
            }
        }
        match expr::call(name, vals, self) {
            Ok(v) => v,
            Err(e) => {
                let msg = e.to_string();
                if msg.starts_with("unknown function") && !self.has_imports {
                    self.warn(span, format!("{msg} (value treated as unknown)"));
                } else {
                    self.note(span, format!("`{name}(...)` treated as unknown: {msg}"));
                }
                Val::unknown()
            }
        }
    }
}

/// The object a resource symbol stands for: what is known before deployment,
/// everything else unknown with a reference to the resource.
fn resource_object(s: &Symbol) -> Val {
    let mut o = BTreeMap::new();
    match &s.id {
        Some(id) => {
            o.insert(ID_KEY.to_string(), Val::str(id.clone()));
            o.insert("id".to_string(), Val::str(id.clone()));
        }
        None => {
            o.insert("id".to_string(), Val::unknown());
        }
    }
    o.insert("name".to_string(), s.name.clone());
    o.insert("type".to_string(), Val::str(s.ty.clone()));
    Val::Obj(o)
}

fn member(t: &Val, name: &str, safe: bool) -> Val {
    match t {
        Val::Unknown(_) => t.clone(),
        Val::Obj(o) => match t.get_ci(name) {
            Some(v) => v.clone(),
            None => match o.get(ID_KEY) {
                Some(Val::Str(id)) => Val::unknown_ref(id.clone()),
                _ if safe => Val::Null,
                _ => Val::unknown(),
            },
        },
        Val::Null if safe => Val::Null,
        _ => Val::unknown(),
    }
}

fn iterate(v: &Val) -> Option<Vec<Val>> {
    match v {
        Val::Arr(a) => Some(a.clone()),
        // `items()` gives the list of {key, value}; a plain object is not iterable.
        _ => None,
    }
}

/// Declares a template's params, vars, functions and resource symbols.
fn declare(ev: &mut Evaluator, program: &Program, values: &BTreeMap<String, Val>) {
    for d in &program.decls {
        match &d.kind {
            DeclKind::Param { name, default, .. } => {
                let key = name.name.to_ascii_lowercase();
                if let Some(v) = values.get(&key) {
                    ev.params.insert(key, v.clone());
                } else if let Some(def) = default {
                    ev.param_decls.insert(name.name.clone(), def.clone());
                } else {
                    ev.param_decls.insert(
                        format!("?{}", name.name),
                        Expr {
                            kind: ExprKind::Null,
                            span: name.span,
                        },
                    );
                }
            }
            DeclKind::Var { name, value, .. } => {
                ev.vars.insert(name.name.clone(), value.clone());
            }
            DeclKind::Func { name, .. } => {
                ev.funcs.insert(name.name.clone());
            }
            DeclKind::Module { name, .. } => {
                ev.modules.insert(name.name.clone());
            }
            DeclKind::Import { .. } => ev.has_imports = true,
            _ => {}
        }
    }
}

/// The scope a file deploys to, from `targetScope`.
fn target_scope(program: &Program, default: Scope) -> Scope {
    for d in &program.decls {
        if let DeclKind::TargetScope(e) = &d.kind {
            if let ExprKind::String(parts) = &e.kind {
                if let Some(StrPart::Lit(s)) = parts.first() {
                    return match s.as_str() {
                        "subscription" => Scope::Subscription,
                        "managementGroup" => Scope::ManagementGroup,
                        "tenant" => Scope::Tenant,
                        _ => Scope::ResourceGroup,
                    };
                }
            }
        }
    }
    default
}

/// The subscription and resource group a module's `scope` names (the value of
/// `subscription(id)`, `resourceGroup([id, ]name)` or a resource group symbol);
/// without a `scope`, the caller's. Unknown parts stay `None`, so an unknown
/// subscription never lands a module's resources in a known one.
fn module_target(caller: &Target, body: &Val) -> Target {
    let scope = match body {
        Val::Unknown(_) => return Target::default(),
        _ => body.get_ci("scope"),
    };
    let id = match scope {
        None | Some(Val::Null) => return caller.clone(),
        Some(v) => match v.get_ci("id") {
            Some(Val::Str(id)) => id,
            _ => return Target::default(),
        },
    };
    let segs: Vec<&str> = id.trim_start_matches('/').split('/').collect();
    let known = |s: Option<&&str>, placeholder: &str| {
        s.filter(|s| !s.is_empty() && **s != placeholder)
            .map(|s| (*s).to_string())
    };
    let mut t = Target::default();
    if segs
        .first()
        .is_some_and(|s| s.eq_ignore_ascii_case("subscriptions"))
    {
        t.subscription = known(segs.get(1), expr::SUBSCRIPTION_PLACEHOLDER);
        if segs
            .get(2)
            .is_some_and(|s| s.eq_ignore_ascii_case("resourceGroups"))
        {
            t.resource_group = known(segs.get(3), expr::RESOURCE_GROUP_PLACEHOLDER);
        }
    }
    t
}

fn evaluate(
    p: &Parsed,
    values: BTreeMap<String, Val>,
    target: Target,
    cwd: Option<&Path>,
    out: &mut Vec<Resource>,
    diags: &mut Vec<Diagnostic>,
    stack: &mut Vec<PathBuf>,
) {
    // A file without `targetScope` deploys to a resource group, whoever calls it.
    let scope = target_scope(&p.program, Scope::ResourceGroup);
    let mut ev = Evaluator::new(p.file.clone(), scope, target);
    declare(&mut ev, &p.program, &values);
    // Learn every resource's id first: Bicep is order-free. Twice, so that a name
    // built from a resource declared further down resolves too; quietly.
    ev.quiet.set(true);
    for _ in 0..2 {
        for d in &p.program.decls {
            if let DeclKind::Resource {
                name,
                type_string,
                value,
                ..
            } = &d.kind
            {
                let body = match &value.kind {
                    ExprKind::If { body, .. } => body,
                    _ => value,
                };
                match &body.kind {
                    ExprKind::Object(_) => {
                        let sym = resource_symbol(&ev, type_string, body, None);
                        register_children(&ev, body, &sym);
                        ev.symbols.borrow_mut().insert(name.name.clone(), sym);
                    }
                    ExprKind::For {
                        item,
                        index,
                        iterable,
                        body,
                    } => {
                        let coll = ev.eval(iterable);
                        let objs = match iterate(&coll) {
                            Some(items) => Val::Arr(
                                items
                                    .into_iter()
                                    .take(MAX_ITEMS)
                                    .enumerate()
                                    .map(|(i, v)| {
                                        ev.with_local(item, v, |ev| {
                                            let one = |ev: &Evaluator| {
                                                let b = match &body.kind {
                                                    ExprKind::If { body, .. } => body,
                                                    _ => body,
                                                };
                                                resource_object(&resource_symbol(
                                                    ev,
                                                    type_string,
                                                    b,
                                                    None,
                                                ))
                                            };
                                            match index {
                                                Some(ix) => {
                                                    ev.with_local(ix, Val::int(i as i64), one)
                                                }
                                                None => one(ev),
                                            }
                                        })
                                    })
                                    .collect(),
                            ),
                            None => Val::unknown(),
                        };
                        ev.collections.borrow_mut().insert(name.name.clone(), objs);
                    }
                    _ => {}
                }
            }
        }
        // Values memoised during look-ahead may have missed forward symbols.
        ev.var_values.borrow_mut().clear();
    }
    ev.quiet.set(false);
    for d in &p.program.decls {
        match &d.kind {
            DeclKind::Resource {
                name,
                type_string,
                existing,
                value,
            } => {
                instances(&ev, d, &name.name, type_string, *existing, value, None, out);
            }
            DeclKind::Module { path, value, .. } if is_local(&path.value) => {
                let dir = p
                    .file
                    .path
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                let module_file = canonical(&dir.join(&path.value));
                let bodies = match &value.kind {
                    ExprKind::For { .. } => match ev.eval(value) {
                        Val::Arr(a) => a,
                        _ => vec![Val::unknown()],
                    },
                    ExprKind::If { cond, body } => match ev.eval(cond) {
                        Val::Bool(false) => Vec::new(),
                        _ => vec![ev.eval(body)],
                    },
                    _ => vec![ev.eval(value)],
                };
                if stack.contains(&module_file) || stack.len() > MAX_MODULE_DEPTH {
                    ev.warn(
                        d.span,
                        format!("module '{}' calls itself (cycle)", path.value),
                    );
                    continue;
                }
                let child = match parse_file(&module_file, &display_path(&module_file, cwd)) {
                    Ok(c) => c,
                    Err(e) => {
                        ev.warn(path.span, format!("module '{}': {}", path.value, e.message));
                        continue;
                    }
                };
                for b in bodies {
                    let mut vals = BTreeMap::new();
                    if let Some(Val::Obj(ps)) = b.get_ci("params") {
                        for (k, v) in ps {
                            vals.insert(k.to_ascii_lowercase(), v.clone());
                        }
                    } else if let Some(Val::Unknown(_)) = b.get_ci("params") {
                        // Every param unknown: leave them without values.
                    }
                    let target = module_target(&ev.target, &b);
                    stack.push(module_file.clone());
                    evaluate(&child, vals, target, cwd, out, diags, stack);
                    stack.pop();
                }
            }
            DeclKind::Module { path, .. } => {
                ev.note(
                    path.span,
                    format!("module '{}' (registry or template spec) is not resolved; its resources are not scanned", path.value),
                );
            }
            _ => {}
        }
    }
    diags.extend(ev.diags.into_inner());
}

/// Nested child resources are symbols too (`dependsOn: [child]`, `parent::child`).
fn register_children(ev: &Evaluator, body: &Expr, parent: &Symbol) {
    let ExprKind::Object(items) = &body.kind else {
        return;
    };
    for it in items {
        if let ObjItem::Resource(child) = it {
            if let DeclKind::Resource {
                name,
                type_string,
                value,
                ..
            } = &child.kind
            {
                if matches!(value.kind, ExprKind::Object(_)) {
                    let sym = resource_symbol(ev, type_string, value, Some(parent));
                    register_children(ev, value, &sym);
                    ev.symbols.borrow_mut().insert(name.name.clone(), sym);
                }
            }
        }
    }
}

/// Type and name of a resource declaration, composed with its parent's.
fn resource_symbol(
    ev: &Evaluator,
    type_string: &syntax::StrLit,
    body: &Expr,
    parent: Option<&Symbol>,
) -> Symbol {
    let mut ty = type_string
        .value
        .split('@')
        .next()
        .unwrap_or_default()
        .to_string();
    let mut name = prop(body, "name").map_or(Val::unknown(), |e| ev.eval(e));
    // `parent: symbol` or nesting: type and name are relative.
    let explicit_parent = prop(body, "parent").and_then(|e| match &e.kind {
        ExprKind::Ident(n) => ev.symbols.borrow().get(n).cloned(),
        _ => None,
    });
    if let Some(par) = parent.cloned().or(explicit_parent) {
        if !ty.contains('.') {
            ty = format!("{}/{ty}", par.ty);
        }
        name = match (&par.name, &name) {
            (Val::Str(a), Val::Str(b)) => Val::str(format!("{a}/{b}")),
            _ => Val::unknown(),
        };
    }
    let id = name.as_str().map(|n| {
        resource_id_at(
            ev.scope,
            ev.target.subscription.as_deref(),
            ev.target.resource_group.as_deref(),
            &ty,
            n,
        )
    });
    Symbol { id, ty, name }
}

fn prop<'e>(body: &'e Expr, key: &str) -> Option<&'e Expr> {
    match &body.kind {
        ExprKind::Object(items) => items.iter().find_map(|it| match it {
            ObjItem::Prop { key: k, value, .. } if k.eq_ignore_ascii_case(key) => Some(value),
            _ => None,
        }),
        _ => None,
    }
}

/// Keys of a resource body that are not part of its ARM body.
const NOT_BODY: &[&str] = &["name", "location", "tags", "parent", "scope", "dependsOn"];

/// The instances of a resource declaration (loops and conditions expanded).
#[allow(clippy::too_many_arguments)]
fn instances(
    ev: &Evaluator,
    decl: &Decl,
    symbol: &str,
    type_string: &syntax::StrLit,
    existing: bool,
    value: &Expr,
    parent: Option<&Symbol>,
    out: &mut Vec<Resource>,
) {
    match &value.kind {
        ExprKind::If { cond, body } if ev.eval(cond) != Val::Bool(false) => {
            instances(ev, decl, symbol, type_string, existing, body, parent, out);
        }
        ExprKind::For {
            item,
            index,
            iterable,
            body,
        } => {
            let coll = ev.eval(iterable);
            let items = iterate(&coll).unwrap_or_else(|| vec![Val::unknown()]);
            for (i, v) in items.into_iter().take(MAX_ITEMS).enumerate() {
                ev.with_local(item, v, |ev| {
                    let mut go = |ev: &Evaluator| {
                        instances(ev, decl, symbol, type_string, existing, body, parent, out)
                    };
                    match index {
                        Some(ix) => ev.with_local(ix, Val::int(i as i64), go),
                        None => go(ev),
                    }
                });
            }
        }
        ExprKind::Object(items) => {
            let sym = resource_symbol(ev, type_string, value, parent);
            if !existing {
                out.push(to_resource(ev, decl, symbol, &sym, value));
            }
            for it in items {
                if let ObjItem::Resource(child) = it {
                    if let DeclKind::Resource {
                        name,
                        type_string,
                        existing,
                        value,
                    } = &child.kind
                    {
                        instances(
                            ev,
                            child,
                            &name.name,
                            type_string,
                            *existing,
                            value,
                            Some(&sym),
                            out,
                        );
                    }
                }
            }
        }
        _ => {}
    }
}

fn to_resource(ev: &Evaluator, decl: &Decl, symbol: &str, sym: &Symbol, body: &Expr) -> Resource {
    let mut unknown = UnknownPaths::new();
    let mut props: BTreeMap<String, Region> = BTreeMap::new();
    let mut obj = Map::new();
    let mut location = None;
    let mut tags = crate::graph::model::Tags::new();
    if let ExprKind::Object(items) = &body.kind {
        for it in items {
            let ObjItem::Prop {
                key,
                key_span,
                value,
            } = it
            else {
                continue;
            };
            record_spans(ev, key, *key_span, value, &mut props, 0);
            let v = ev.eval(value);
            match key.as_str() {
                "location" => match v {
                    Val::Str(s) => location = Some(s),
                    other => {
                        other.materialize("location", &mut unknown);
                    }
                },
                "tags" => {
                    if let Some(Json::Object(o)) = v.materialize("tags", &mut unknown) {
                        tags = crate::graph::model::tags_from_json(o);
                    }
                }
                k if NOT_BODY.contains(&k) => {}
                _ => {
                    if let Some(j) = v.materialize(key, &mut unknown) {
                        obj.insert(key.clone(), j);
                    }
                }
            }
        }
    }
    let name = sym.name.as_str().map(str::to_string);
    if name.is_none() {
        unknown.entry("name".into()).or_default();
    }
    let region = ev.region(decl.span);
    let id = sym
        .id
        .clone()
        .unwrap_or_else(|| format!("{}#{symbol}", ev.file.display));
    let (subscription, resource_group) = match ev.scope {
        Scope::ResourceGroup => (
            ev.target.subscription.clone(),
            ev.target.resource_group.clone(),
        ),
        Scope::Subscription => (ev.target.subscription.clone(), None),
        Scope::ManagementGroup | Scope::Tenant => (None, None),
    };
    Resource {
        id: id.into(),
        r#type: sym.ty.as_str().into(),
        name: name.map(Into::into),
        location: location.map(Into::into),
        subscription: subscription.map(Into::into),
        resource_group: resource_group.map(Into::into),
        tags,
        body: crate::graph::body::from_map(obj),
        unknown,
        source: SourceInfo {
            format: Format::Bicep,
            file: ev.file.display.clone(),
            region,
            properties: props,
        },
        ignores: comment_directives(&ev.file, region.start_line, region.end_line),
        parent: None,
    }
}

/// Regions of a resource body's properties, by dotted path.
fn record_spans(
    ev: &Evaluator,
    path: &str,
    key_span: Span,
    value: &Expr,
    out: &mut BTreeMap<String, Region>,
    depth: usize,
) {
    out.insert(
        path.to_string(),
        ev.region(Span::new(key_span.start, value.span.end)),
    );
    if depth > 32 {
        return;
    }
    match &value.kind {
        ExprKind::Object(items) => {
            for it in items {
                if let ObjItem::Prop {
                    key,
                    key_span,
                    value,
                } = it
                {
                    record_spans(
                        ev,
                        &format!("{path}.{key}"),
                        *key_span,
                        value,
                        out,
                        depth + 1,
                    );
                }
            }
        }
        ExprKind::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                let p = format!("{path}[{i}]");
                out.insert(p.clone(), ev.region(x.span));
                if let ExprKind::Object(members) = &x.kind {
                    for it in members {
                        if let ObjItem::Prop {
                            key,
                            key_span,
                            value,
                        } = it
                        {
                            record_spans(
                                ev,
                                &format!("{p}.{key}"),
                                *key_span,
                                value,
                                out,
                                depth + 1,
                            );
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests;
