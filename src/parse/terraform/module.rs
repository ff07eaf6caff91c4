//! Terraform modules: loading a directory of `.tf` files once, and evaluating an
//! instance of it (a root module, or a module call with its inputs) into resources.
//!
//! Evaluation is lazy and memoised, like Terraform's own graph walk: a local, a
//! module output or a resource attribute is evaluated when something refers to it,
//! once per module instance, with cycle detection.

use super::eval::{iterate, to_string, Env, EvalError, Evaluator, Expansion};
use crate::finding::Diagnostic;
use crate::source::{Region, SourceFile, Span};
use crate::value::Val;
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, BlockLabel, Body, Structure};
use hcl_edit::Span as _;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Module calls nested deeper than this are not followed.
const MAX_MODULE_DEPTH: usize = 32;
/// Instances of one resource or module block beyond this are cut.
const MAX_INSTANCES: usize = 10_000;

/// One parsed `.tf` file.
pub struct TfFile {
    pub source: Arc<SourceFile>,
    pub body: Body,
}

/// A declaration and the file it is in.
#[derive(Clone)]
pub struct Decl<T> {
    pub file: usize,
    pub item: T,
}

/// A variable's `default` and `type` expressions.
pub type VariableDecl = (Option<Expression>, Option<Expression>);

/// A module directory, parsed once.
pub struct ModuleSrc {
    pub dir: PathBuf,
    pub files: Vec<TfFile>,
    pub variables: BTreeMap<String, Decl<VariableDecl>>,
    pub locals: BTreeMap<String, Decl<Expression>>,
    pub outputs: BTreeMap<String, Decl<Expression>>,
    /// `type.name` → block.
    pub resources: BTreeMap<String, Decl<Block>>,
    /// `type.name` of data sources.
    pub data: BTreeSet<String>,
    pub modules: BTreeMap<String, Decl<Block>>,
    pub providers: Vec<Decl<Block>>,
}

fn label(b: &Block, i: usize) -> Option<String> {
    b.labels.get(i).map(|l| match l {
        BlockLabel::Ident(id) => id.as_str().to_string(),
        BlockLabel::String(s) => s.value().clone(),
    })
}

fn attr<'b>(body: &'b Body, key: &str) -> Option<&'b Expression> {
    body.get_attribute(key).map(|a| &a.value)
}

impl ModuleSrc {
    pub fn new(dir: PathBuf, files: Vec<TfFile>) -> ModuleSrc {
        let mut m = ModuleSrc {
            dir,
            files,
            variables: BTreeMap::new(),
            locals: BTreeMap::new(),
            outputs: BTreeMap::new(),
            resources: BTreeMap::new(),
            data: BTreeSet::new(),
            modules: BTreeMap::new(),
            providers: Vec::new(),
        };
        for (fi, f) in m.files.iter().enumerate() {
            for s in f.body.iter() {
                let Structure::Block(b) = s else { continue };
                match b.ident.as_str() {
                    "variable" => {
                        if let Some(n) = label(b, 0) {
                            m.variables.insert(
                                n,
                                Decl {
                                    file: fi,
                                    item: (
                                        attr(&b.body, "default").cloned(),
                                        attr(&b.body, "type").cloned(),
                                    ),
                                },
                            );
                        }
                    }
                    "locals" => {
                        for a in b.body.attributes() {
                            m.locals.insert(
                                a.key.as_str().to_string(),
                                Decl {
                                    file: fi,
                                    item: a.value.clone(),
                                },
                            );
                        }
                    }
                    "output" => {
                        if let (Some(n), Some(v)) = (label(b, 0), attr(&b.body, "value")) {
                            m.outputs.insert(
                                n,
                                Decl {
                                    file: fi,
                                    item: v.clone(),
                                },
                            );
                        }
                    }
                    "resource" => {
                        if let (Some(t), Some(n)) = (label(b, 0), label(b, 1)) {
                            m.resources.insert(
                                format!("{t}.{n}"),
                                Decl {
                                    file: fi,
                                    item: b.clone(),
                                },
                            );
                        }
                    }
                    "data" => {
                        if let (Some(t), Some(n)) = (label(b, 0), label(b, 1)) {
                            m.data.insert(format!("{t}.{n}"));
                        }
                    }
                    "module" => {
                        if let Some(n) = label(b, 0) {
                            m.modules.insert(
                                n,
                                Decl {
                                    file: fi,
                                    item: b.clone(),
                                },
                            );
                        }
                    }
                    "provider" => m.providers.push(Decl {
                        file: fi,
                        item: b.clone(),
                    }),
                    _ => {}
                }
            }
        }
        m
    }

    /// Local `source` paths of the module calls (`./x`, `../y`), resolved.
    pub fn local_calls(&self) -> Vec<PathBuf> {
        self.modules
            .values()
            .filter_map(|d| attr(&d.item.body, "source"))
            .filter_map(|e| match e {
                Expression::String(s) => Some(s.value().clone()),
                _ => None,
            })
            .filter(|s| is_local_source(s))
            .map(|s| normalize(&self.dir.join(s)))
            .collect()
    }
}

pub fn is_local_source(s: &str) -> bool {
    s.starts_with("./") || s.starts_with("../") || s == "." || s == ".."
}

/// Lexically normalises `a/b/../c` (without touching the filesystem, so that
/// missing folders still get a stable name).
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            std::path::Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Values for a root module's variables (tfvars, --var-file, --var), already evaluated.
pub type VarValues = BTreeMap<String, Val>;

/// Parses a folder into a module, with the problems met on the way.
pub type LoadDir = dyn Fn(&Path) -> (Option<ModuleSrc>, Vec<Diagnostic>) + Send + Sync;

/// Child module instances by (call name, instance key); `None` when not resolvable.
type Children<'l> = HashMap<(String, String), Option<Arc<Instance<'l>>>>;

/// Loads module sources (once each) and collects problems.
pub struct Loader {
    pub cache: Mutex<HashMap<PathBuf, Arc<ModuleSrc>>>,
    pub diags: Mutex<Vec<Diagnostic>>,
    /// Parses a directory of `.tf` files into a module (provided by the reader).
    pub load_dir: Box<LoadDir>,
}

impl Loader {
    pub fn get(&self, dir: &Path) -> Option<Arc<ModuleSrc>> {
        let key = normalize(dir);
        if let Ok(c) = self.cache.lock() {
            if let Some(m) = c.get(&key) {
                return Some(m.clone());
            }
        }
        let (m, diags) = (self.load_dir)(&key);
        let m = m.map(Arc::new);
        if let Ok(mut c) = self.cache.lock() {
            // Another thread may have loaded it meanwhile: report its problems once.
            if let Some(existing) = c.get(&key) {
                return Some(existing.clone());
            }
            if let Some(m) = &m {
                c.insert(key, m.clone());
            }
        }
        self.report(diags);
        m
    }

    pub fn report(&self, d: Vec<Diagnostic>) {
        if let Ok(mut v) = self.diags.lock() {
            v.extend(d);
        }
    }
}

/// A resource instance, evaluated: its Terraform type, address, attributes (Val)
/// and where each attribute was written.
pub struct ResourceInstance {
    pub tf_type: String,
    pub address: String,
    pub attrs: Val,
    pub file: Arc<SourceFile>,
    pub region: Region,
    /// Terraform attribute path (`network_rules[0].default_action`) → region.
    pub spans: BTreeMap<String, Region>,
    pub subscription: Option<String>,
}

/// What a module instance was given by its caller.
pub struct Call {
    /// Address prefix: `""` for a root, `module.hub.` / `module.spoke["a"].` below.
    pub prefix: String,
    pub vars: VarValues,
    /// Provider configurations visible here: `azurerm` / `azurerm.alias` → subscription.
    pub providers: BTreeMap<String, Option<String>>,
    /// Module keys from the root (`hub`, `hub.spoke`) for `.terraform/modules/modules.json`.
    pub key: String,
    pub depth: usize,
    pub stack: Vec<PathBuf>,
}

/// An instance of a module: the caller's inputs plus lazily evaluated values.
pub struct Instance<'l> {
    pub src: Arc<ModuleSrc>,
    pub call: Call,
    loader: &'l Loader,
    /// Resolves `.terraform/modules` keys for non-local sources.
    registry: &'l BTreeMap<String, PathBuf>,
    locals: RefCell<BTreeMap<String, Val>>,
    evaluating: RefCell<BTreeSet<String>>,
    attr_cache: RefCell<HashMap<(String, String), Val>>,
    children: RefCell<Children<'l>>,
    expansions: RefCell<HashMap<String, Expansion>>,
    /// `for_each` values by block (its address in the module source, which lives
    /// as long as the instance).
    for_each_cache: RefCell<HashMap<usize, Val>>,
    noted: RefCell<BTreeSet<String>>,
}

impl<'l> Instance<'l> {
    pub fn new(
        src: Arc<ModuleSrc>,
        call: Call,
        loader: &'l Loader,
        registry: &'l BTreeMap<String, PathBuf>,
    ) -> Self {
        Instance {
            src,
            call,
            loader,
            registry,
            locals: RefCell::new(BTreeMap::new()),
            evaluating: RefCell::new(BTreeSet::new()),
            attr_cache: RefCell::new(HashMap::new()),
            children: RefCell::new(HashMap::new()),
            expansions: RefCell::new(HashMap::new()),
            for_each_cache: RefCell::new(HashMap::new()),
            noted: RefCell::new(BTreeSet::new()),
        }
    }

    fn file(&self, i: usize) -> Option<&Arc<SourceFile>> {
        self.src.files.get(i).map(|f| &f.source)
    }

    /// Reports an evaluation problem at `offset` in file `fi`: configuration errors
    /// are errors, type trouble a note (the value becomes unknown).
    fn problem(&self, fi: usize, fallback: Option<usize>, e: &EvalError, what: &str) {
        let Some(f) = self.file(fi) else { return };
        let off = e.offset().or(fallback).unwrap_or(0);
        let region = Some(f.region(Span::new(off, off)));
        // The file was read: a configuration mistake is a warning (its value is
        // unknown, so it cannot produce a finding); exit 2 is for files that could
        // not be read as Terraform at all.
        let d = if e.is_configuration_error() {
            Diagnostic::warning(
                &f.display,
                region,
                format!("{what}: {} (value treated as unknown)", e.message()),
            )
        } else {
            Diagnostic::note(
                &f.display,
                region,
                format!("{what} treated as unknown: {}", e.message()),
            )
        };
        self.loader.report(vec![d]);
    }

    /// Evaluates `e` from file `fi` with `bindings`; problems are reported and the
    /// value becomes unknown.
    pub fn eval_in(
        &self,
        fi: usize,
        e: &Expression,
        bindings: &[(String, Val)],
        what: &str,
    ) -> Val {
        let mut ev = Evaluator::new(self);
        for (k, v) in bindings {
            ev.bind(k, v.clone());
        }
        match ev.eval(e) {
            Ok(v) => v,
            Err(err) => {
                self.problem(fi, e.span().map(|s| s.start), &err, what);
                Val::unknown()
            }
        }
    }

    /// The expansion of a resource or module block from its `count` / `for_each`.
    fn expansion_of(&self, fi: usize, body: &Body, key: &str) -> Expansion {
        if let Some(e) = self.expansions.borrow().get(key) {
            return e.clone();
        }
        let exp = if let Some(c) = attr(body, "count") {
            match self.eval_in(fi, c, &[], "count") {
                Val::Num(n) => Expansion::Count(
                    (n.as_f64().unwrap_or(0.0).max(0.0) as usize).min(MAX_INSTANCES),
                ),
                _ => Expansion::Unknown,
            }
        } else if attr(body, "for_each").is_some() {
            match self.for_each_value(fi, body) {
                Val::Obj(o) => Expansion::ForEach(o.keys().take(MAX_INSTANCES).cloned().collect()),
                Val::Arr(a) if !Val::Arr(a.clone()).contains_unknown() => {
                    let mut keys: Vec<String> = a.iter().filter_map(to_string).collect();
                    keys.sort();
                    keys.dedup();
                    keys.truncate(MAX_INSTANCES);
                    Expansion::ForEach(keys)
                }
                _ => Expansion::Unknown,
            }
        } else {
            Expansion::Single
        };
        self.expansions
            .borrow_mut()
            .insert(key.to_string(), exp.clone());
        exp
    }

    /// The value of a block's `for_each`, evaluated once per module instance (every
    /// instance and every attribute lookup needs it).
    fn for_each_value(&self, fi: usize, body: &Body) -> Val {
        let id = body as *const Body as usize;
        if let Some(v) = self.for_each_cache.borrow().get(&id) {
            return v.clone();
        }
        let v = attr(body, "for_each")
            .map(|fe| self.eval_in(fi, fe, &[], "for_each"))
            .unwrap_or(Val::Null);
        self.for_each_cache.borrow_mut().insert(id, v.clone());
        v
    }

    /// `each` / `count` bindings for one instance.
    fn instance_bindings(&self, fi: usize, body: &Body, key: Option<&Val>) -> Vec<(String, Val)> {
        let mut b = Vec::new();
        match key {
            Some(Val::Num(n)) => {
                let mut o = BTreeMap::new();
                o.insert("index".to_string(), Val::Num(n.clone()));
                b.push(("count".to_string(), Val::Obj(o)));
            }
            Some(k) => {
                let value = match self.for_each_value(fi, body) {
                    Val::Obj(o) => to_string(k).and_then(|ks| o.get(&ks).cloned()),
                    Val::Null => None,
                    _ => Some(k.clone()),
                }
                .unwrap_or_else(Val::unknown);
                let mut o = BTreeMap::new();
                o.insert("key".to_string(), k.clone());
                o.insert("value".to_string(), value);
                b.push(("each".to_string(), Val::Obj(o)));
            }
            None => {}
        }
        b
    }

    fn key_suffix(key: Option<&Val>) -> String {
        match key {
            None => String::new(),
            Some(Val::Num(n)) => format!("[{n}]"),
            Some(k) => format!(
                "[{}]",
                serde_json::to_string(&to_string(k).unwrap_or_default()).unwrap_or_default()
            ),
        }
    }

    /// The keys of an expansion (`None` = one unkeyed instance).
    fn keys(exp: &Expansion) -> Vec<Option<Val>> {
        match exp {
            Expansion::Single | Expansion::Unknown => vec![None],
            Expansion::Count(n) => (0..*n).map(|i| Some(Val::int(i as i64))).collect(),
            Expansion::ForEach(ks) => ks.iter().map(|k| Some(Val::str(k.clone()))).collect(),
        }
    }

    /// The instance of a child module call (created and cached on first use).
    fn child(&self, name: &str, key: Option<&Val>) -> Option<Arc<Instance<'l>>> {
        let cache_key = (name.to_string(), Self::key_suffix(key));
        if let Some(c) = self.children.borrow().get(&cache_key) {
            return c.clone();
        }
        let made = self.make_child(name, key).map(Arc::new);
        self.children.borrow_mut().insert(cache_key, made.clone());
        made
    }

    fn make_child(&self, name: &str, key: Option<&Val>) -> Option<Instance<'l>> {
        let decl = self.src.modules.get(name)?;
        let body = &decl.item.body;
        let fi = decl.file;
        let source = match attr(body, "source") {
            Some(Expression::String(s)) => s.value().clone(),
            _ => return None,
        };
        let module_key = if self.call.key.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.call.key)
        };
        let dir = if is_local_source(&source) {
            Some(normalize(&self.src.dir.join(&source)))
        } else {
            self.registry.get(&module_key).cloned()
        };
        let Some(dir) = dir else {
            if self.noted.borrow_mut().insert(module_key.clone()) {
                if let Some(f) = self.file(fi) {
                    self.loader.report(vec![Diagnostic::note(
                        &f.display,
                        decl.item.span().map(|s| f.region(Span::new(s.start, s.start))),
                        format!("module \"{name}\" (source \"{source}\") is not resolved: run `terraform init` so that .terraform/modules/modules.json lists it; its resources are not scanned"),
                    )]);
                }
            }
            return None;
        };
        let warn = |message: String| {
            if let Some(f) = self.file(fi) {
                let region = decl
                    .item
                    .span()
                    .map(|s| f.region(Span::new(s.start, s.start)));
                self.loader
                    .report(vec![Diagnostic::warning(&f.display, region, message)]);
            }
        };
        if self.call.stack.contains(&dir) || self.call.depth >= MAX_MODULE_DEPTH {
            warn(format!(
                "module \"{name}\" calls itself (module cycle through {})",
                dir.display()
            ));
            return None;
        }
        let Some(src) = self.loader.get(&dir) else {
            warn(format!(
                "module \"{name}\": source \"{source}\" ({}) holds no Terraform files",
                dir.display()
            ));
            return None;
        };
        let bindings = self.instance_bindings(fi, body, key);
        let mut vars = BTreeMap::new();
        for a in body.attributes() {
            let k = a.key.as_str();
            if matches!(
                k,
                "source" | "version" | "count" | "for_each" | "providers" | "depends_on"
            ) {
                continue;
            }
            vars.insert(
                k.to_string(),
                self.eval_in(
                    fi,
                    &a.value,
                    &bindings,
                    &format!("module \"{name}\" input \"{k}\""),
                ),
            );
        }
        // Providers: the default one is inherited; `providers = { azurerm = azurerm.x }` maps.
        let mut providers: BTreeMap<String, Option<String>> = self
            .call
            .providers
            .iter()
            .filter(|(k, _)| !k.contains('.'))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if let Some(Expression::Object(o)) = attr(body, "providers") {
            for (k, v) in o.iter() {
                let target = expr_text(v.expr());
                let local = match k {
                    hcl_edit::expr::ObjectKey::Ident(i) => i.as_str().to_string(),
                    hcl_edit::expr::ObjectKey::Expression(e) => expr_text(e),
                };
                if let Some(sub) = self.call.providers.get(&target) {
                    providers.insert(local, sub.clone());
                }
            }
        }
        let mut stack = self.call.stack.clone();
        stack.push(self.src.dir.clone());
        let call = Call {
            prefix: format!(
                "{}module.{name}{}.",
                self.call.prefix,
                Self::key_suffix(key)
            ),
            vars,
            providers,
            key: module_key,
            depth: self.call.depth + 1,
            stack,
        };
        let mut inst = Instance::new(src, call, self.loader, self.registry);
        inst.init_providers();
        Some(inst)
    }

    /// Reads this module's own `provider` blocks (their `subscription_id`).
    pub fn init_providers(&mut self) {
        let mut found = Vec::new();
        for p in &self.src.providers {
            let Some(name) = label(&p.item, 0) else {
                continue;
            };
            let alias = attr(&p.item.body, "alias").and_then(|e| match e {
                Expression::String(s) => Some(s.value().clone()),
                _ => None,
            });
            let sub = attr(&p.item.body, "subscription_id")
                .map(|e| self.eval_in(p.file, e, &[], "provider subscription_id"))
                .and_then(|v| v.as_str().map(str::to_string));
            let aliased = alias.is_some();
            let key = match alias {
                Some(a) => format!("{name}.{a}"),
                None => name,
            };
            // An aliased provider whose subscription is not known here still
            // stands for one subscription: its alias names it (and may tell its role).
            let sub = sub.or_else(|| (aliased && key.starts_with("azurerm.")).then(|| key.clone()));
            found.push((key, sub));
        }
        for (k, v) in found {
            self.call.providers.insert(k, v);
        }
    }

    /// Every resource instance of this module and of the modules it calls.
    pub fn resources(&self, out: &mut Vec<ResourceInstance>) {
        for (tn, decl) in &self.src.resources {
            let Some((ty, name)) = tn.split_once('.') else {
                continue;
            };
            let body = &decl.item.body;
            let exp = self.expansion_of(decl.file, body, &format!("r:{tn}"));
            for key in Self::keys(&exp) {
                if let Some(r) = self.resource_instance(ty, name, decl, key.as_ref(), &exp) {
                    out.push(r);
                }
            }
        }
        for (name, decl) in &self.src.modules {
            let exp = self.expansion_of(decl.file, &decl.item.body, &format!("m:{name}"));
            for key in Self::keys(&exp) {
                if let Some(c) = self.child(name, key.as_ref()) {
                    c.resources(out);
                }
            }
        }
    }

    fn resource_instance(
        &self,
        ty: &str,
        name: &str,
        decl: &Decl<Block>,
        key: Option<&Val>,
        exp: &Expansion,
    ) -> Option<ResourceInstance> {
        let file = self.file(decl.file)?.clone();
        let body = &decl.item.body;
        let bindings = self.instance_bindings(decl.file, body, key);
        let mut spans = BTreeMap::new();
        let attrs = self.body_value(decl.file, body, &bindings, "", &mut spans, &file, 0);
        let suffix = if *exp == Expansion::Unknown {
            "[*]".to_string()
        } else {
            Self::key_suffix(key)
        };
        let provider = attr(body, "provider")
            .map(expr_text)
            .unwrap_or_else(|| ty.split('_').next().unwrap_or("azurerm").to_string());
        let subscription = self.call.providers.get(&provider).cloned().flatten();
        let region = decl
            .item
            .span()
            .map(|s| file.region(Span::new(s.start, s.end)))
            .unwrap_or_default();
        Some(ResourceInstance {
            tf_type: ty.to_string(),
            address: format!("{}{ty}.{name}{suffix}", self.call.prefix),
            attrs,
            file,
            region,
            spans,
            subscription,
        })
    }

    /// The value of a block body: attributes, nested blocks (as lists of objects),
    /// `dynamic` blocks expanded. Meta-arguments are left out.
    #[allow(clippy::too_many_arguments)]
    fn body_value(
        &self,
        fi: usize,
        body: &Body,
        bindings: &[(String, Val)],
        prefix: &str,
        spans: &mut BTreeMap<String, Region>,
        file: &SourceFile,
        depth: usize,
    ) -> Val {
        let mut m: BTreeMap<String, Val> = BTreeMap::new();
        if depth > 16 {
            return Val::Obj(m);
        }
        for s in body.iter() {
            match s {
                Structure::Attribute(a) => {
                    let k = a.key.as_str();
                    if depth == 0 && matches!(k, "count" | "for_each" | "provider" | "depends_on") {
                        continue;
                    }
                    let path = format!("{prefix}{k}");
                    if let Some(sp) = a.span() {
                        spans.insert(path.clone(), file.region(Span::new(sp.start, sp.end)));
                    }
                    m.insert(
                        k.to_string(),
                        self.eval_in(fi, &a.value, bindings, &format!("`{path}`")),
                    );
                }
                Structure::Block(b) => {
                    let ident = b.ident.as_str();
                    if depth == 0 && matches!(ident, "lifecycle" | "provisioner" | "connection") {
                        continue;
                    }
                    if ident == "dynamic" {
                        let Some(bname) = label(b, 0) else { continue };
                        let iterator = attr(&b.body, "iterator")
                            .map(expr_text)
                            .unwrap_or_else(|| bname.clone());
                        let coll = attr(&b.body, "for_each")
                            .map(|e| self.eval_in(fi, e, bindings, "dynamic for_each"))
                            .unwrap_or(Val::Null);
                        let Some(content) = b.body.get_blocks("content").next() else {
                            continue;
                        };
                        let entry = m
                            .entry(bname.clone())
                            .or_insert_with(|| Val::Arr(Vec::new()));
                        let Some(items) = iterate(&coll) else {
                            // Unknown collection: the whole block list is unknown,
                            // written where the `dynamic` block is.
                            if let Some(sp) = b.span() {
                                spans.insert(
                                    format!("{prefix}{bname}"),
                                    file.region(Span::new(sp.start, sp.end)),
                                );
                            }
                            *entry = coll;
                            continue;
                        };
                        let mut produced = Vec::new();
                        for (k, v) in items.into_iter().take(MAX_INSTANCES) {
                            let mut it = BTreeMap::new();
                            it.insert("key".to_string(), k);
                            it.insert("value".to_string(), v);
                            let mut b2 = bindings.to_vec();
                            b2.push((iterator.clone(), Val::Obj(it)));
                            let idx = produced.len();
                            let p = format!("{prefix}{bname}[{idx}].");
                            produced.push(self.body_value(
                                fi,
                                &content.body,
                                &b2,
                                &p,
                                spans,
                                file,
                                depth + 1,
                            ));
                        }
                        if let Val::Arr(list) = entry {
                            list.extend(produced);
                        }
                        continue;
                    }
                    let list = m
                        .entry(ident.to_string())
                        .or_insert_with(|| Val::Arr(Vec::new()));
                    if let Val::Arr(list) = list {
                        let idx = list.len();
                        let path = format!("{prefix}{ident}[{idx}]");
                        if let Some(sp) = b.span() {
                            spans.insert(path.clone(), file.region(Span::new(sp.start, sp.end)));
                        }
                        let p = format!("{path}.");
                        list.push(self.body_value(
                            fi,
                            &b.body,
                            bindings,
                            &p,
                            spans,
                            file,
                            depth + 1,
                        ));
                    }
                }
            }
        }
        Val::Obj(m)
    }
}

/// Converts a value to a variable's type constraint the way Terraform does for the
/// part that changes what expressions see: object attributes declared
/// `optional(type, default)` and missing from the value get their default (or
/// null), through `map(...)`, `list(...)`, `set(...)` and `tuple([...])`.
fn convert(ty: &Expression, v: Val, inst: &Instance<'_>, fi: usize) -> Val {
    let Expression::FuncCall(f) = ty else {
        return v;
    };
    let arg = f.args.iter().next();
    match (f.name.name.as_str(), v) {
        ("object", Val::Obj(mut o)) => {
            let Some(Expression::Object(fields)) = arg else {
                return Val::Obj(o);
            };
            for (k, fv) in fields.iter() {
                let key = match k {
                    hcl_edit::expr::ObjectKey::Ident(i) => i.as_str().to_string(),
                    hcl_edit::expr::ObjectKey::Expression(e) => expr_text(e),
                };
                let fty = fv.expr();
                let (inner, default) = match fty {
                    Expression::FuncCall(of) if of.name.name.as_str() == "optional" => {
                        let mut it = of.args.iter();
                        (it.next(), it.next())
                    }
                    other => (Some(other), None),
                };
                let value = match o.remove(&key) {
                    Some(Val::Null) | None => match default {
                        Some(d) => inst.eval_in(fi, d, &[], "optional attribute default"),
                        None => Val::Null,
                    },
                    Some(x) => x,
                };
                let value = match inner {
                    Some(t) if value != Val::Null => convert(t, value, inst, fi),
                    _ => value,
                };
                o.insert(key, value);
            }
            Val::Obj(o)
        }
        ("map", Val::Obj(o)) => match arg {
            Some(t) => Val::Obj(
                o.into_iter()
                    .map(|(k, x)| (k, convert(t, x, inst, fi)))
                    .collect(),
            ),
            None => Val::Obj(o),
        },
        ("list" | "set", Val::Arr(a)) => match arg {
            Some(t) => Val::Arr(a.into_iter().map(|x| convert(t, x, inst, fi)).collect()),
            None => Val::Arr(a),
        },
        (_, other) => other,
    }
}

/// The text of a simple reference expression (`azurerm.hub`, `each.value`).
pub fn expr_text(e: &Expression) -> String {
    match e {
        Expression::Variable(v) => v.as_str().to_string(),
        Expression::String(s) => s.value().clone(),
        Expression::Traversal(t) => {
            let mut s = expr_text(&t.expr);
            for op in t.operators.iter() {
                if let hcl_edit::expr::TraversalOperator::GetAttr(a) = op.value() {
                    s.push('.');
                    s.push_str(a.as_str());
                }
            }
            s
        }
        _ => String::new(),
    }
}

impl Env for Instance<'_> {
    fn var(&self, name: &str) -> Option<Val> {
        let given = self.call.vars.get(name).cloned();
        let Some(decl) = self.src.variables.get(name) else {
            return given;
        };
        let (default, ty) = &decl.item;
        let v = match (given, default) {
            (Some(v), _) => v,
            (None, Some(d)) => self.eval_in(
                decl.file,
                d,
                &[],
                &format!("default of variable \"{name}\""),
            ),
            (None, None) => Val::unknown(),
        };
        Some(match ty {
            Some(t) => convert(t, v, self, decl.file),
            None => v,
        })
    }

    fn local(&self, name: &str) -> Option<Result<Val, EvalError>> {
        if let Some(v) = self.locals.borrow().get(name) {
            return Some(Ok(v.clone()));
        }
        let decl = self.src.locals.get(name)?;
        let key = format!("local.{name}");
        if !self.evaluating.borrow_mut().insert(key.clone()) {
            return Some(Err(EvalError::Reference {
                message: format!("local value \"{name}\" refers to itself"),
                offset: decl.item.span().map(|s| s.start),
            }));
        }
        let v = self.eval_in(decl.file, &decl.item, &[], &format!("local \"{name}\""));
        self.evaluating.borrow_mut().remove(&key);
        self.locals.borrow_mut().insert(name.to_string(), v.clone());
        Some(Ok(v))
    }

    fn resource(&self, ty: &str, name: &str) -> Option<Expansion> {
        let key = format!("{ty}.{name}");
        if self.src.data.contains(&key) && !self.src.resources.contains_key(&key) {
            return None;
        }
        let decl = self.src.resources.get(&key)?;
        Some(self.expansion_of(decl.file, &decl.item.body, &format!("r:{key}")))
    }

    fn resource_attr(&self, ty: &str, name: &str, key: Option<&Val>, a: &str) -> Val {
        let address = self.resource_address(ty, name, key);
        let cache_key = (address.clone(), a.to_string());
        if let Some(v) = self.attr_cache.borrow().get(&cache_key) {
            return v.clone();
        }
        let unknown = Val::unknown_ref(address.clone());
        let Some(decl) = self.src.resources.get(&format!("{ty}.{name}")) else {
            return unknown;
        };
        let Some(expr) = attr(&decl.item.body, a) else {
            // Not set in the configuration: computed by the provider.
            return unknown;
        };
        let guard = format!("{address}.{a}");
        if !self.evaluating.borrow_mut().insert(guard.clone()) {
            return unknown;
        }
        let bindings = self.instance_bindings(decl.file, &decl.item.body, key);
        let v = self.eval_in(decl.file, expr, &bindings, &format!("`{a}`"));
        self.evaluating.borrow_mut().remove(&guard);
        // A configured value that is itself unknown still depends on this resource.
        let v = match v {
            Val::Unknown(mut u) => {
                u.refs.insert(address);
                Val::Unknown(u)
            }
            known => known,
        };
        self.attr_cache.borrow_mut().insert(cache_key, v.clone());
        v
    }

    fn resource_address(&self, ty: &str, name: &str, key: Option<&Val>) -> String {
        format!("{}{ty}.{name}{}", self.call.prefix, Self::key_suffix(key))
    }

    fn resource_object(&self, ty: &str, name: &str, key: Option<&Val>) -> Val {
        let mut o = BTreeMap::new();
        o.insert(
            super::eval::ADDRESS_KEY.to_string(),
            Val::Str(self.resource_address(ty, name, key)),
        );
        if let Some(decl) = self.src.resources.get(&format!("{ty}.{name}")) {
            for a in decl.item.body.attributes() {
                let k = a.key.as_str();
                if !matches!(k, "count" | "for_each" | "provider" | "depends_on") {
                    o.insert(k.to_string(), self.resource_attr(ty, name, key, k));
                }
            }
        }
        Val::Obj(o)
    }

    fn module(&self, name: &str) -> Option<Expansion> {
        let decl = self.src.modules.get(name)?;
        Some(self.expansion_of(decl.file, &decl.item.body, &format!("m:{name}")))
    }

    fn module_output(&self, name: &str, key: Option<&Val>, output: &str) -> Result<Val, EvalError> {
        let Some(child) = self.child(name, key) else {
            return Ok(Val::unknown());
        };
        let Some(decl) = child.src.outputs.get(output) else {
            return Err(EvalError::Reference {
                message: format!("module \"{name}\" has no output \"{output}\""),
                offset: None,
            });
        };
        let guard = format!("output.{output}");
        if !child.evaluating.borrow_mut().insert(guard.clone()) {
            return Ok(Val::unknown());
        }
        let v = child.eval_in(decl.file, &decl.item, &[], &format!("output \"{output}\""));
        child.evaluating.borrow_mut().remove(&guard);
        Ok(v)
    }

    fn module_outputs(&self, name: &str) -> Vec<String> {
        match self.child(name, None) {
            Some(c) => c.src.outputs.keys().cloned().collect(),
            None => {
                // Keyed calls: any instance has the same source.
                self.children
                    .borrow()
                    .iter()
                    .find(|((n, _), c)| n == name && c.is_some())
                    .and_then(|(_, c)| c.as_ref().map(|c| c.src.outputs.keys().cloned().collect()))
                    .unwrap_or_default()
            }
        }
    }

    fn path(&self, what: &str) -> Option<String> {
        match what {
            "module" => Some(self.src.dir.display().to_string()),
            "root" | "cwd" => Some(".".to_string()),
            _ => None,
        }
    }

    fn read_file(&self, path: &str) -> Option<String> {
        let p = Path::new(path);
        let full = if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.src.dir.join(p)
        };
        std::fs::read_to_string(full).ok()
    }
}
