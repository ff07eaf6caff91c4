//! The ARM template reader.
//!
//! Reads templates as Azure accepts them (comments, trailing commas, raw control
//! characters: see [`super::json`]), both the classic resource array and
//! `languageVersion` 2.0 symbolic resources, nested child resources, `copy` loops
//! (resource and property), `condition`, nested deployments with inner templates,
//! and parameter values from defaults, `<name>.parameters.json` beside the template
//! and `--param-file`. Expressions are evaluated statically by [`expr`]; anything
//! known only at deployment becomes an unknown path of the resource.

pub mod expr;

use super::json::{self, Kind as J, Node};
use super::{load_path, Overrides, Parsed};
use crate::finding::Diagnostic;
use crate::graph::{
    Format, Resource, SourceInfo, RESOURCE_GROUP_PLACEHOLDER, SUBSCRIPTION_PLACEHOLDER,
};
use crate::source::{comment_directives, parse_directive, Directive, Region, SourceFile};
use crate::value::{UnknownPaths, Val};
use expr::{Context, ExprError};
use serde_json::{Map, Value as Json};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::path::Path;

/// Copy loops larger than this are cut (and reported): nobody deploys more.
const MAX_COPY: i64 = 800;
/// Variables referring to variables deeper than this are refused.
const MAX_VARIABLE_DEPTH: usize = 64;
/// Nested deployments deeper than this are not followed.
const MAX_NESTING: usize = 16;

/// The deployment scope a template's `$schema` (or Bicep's `targetScope`) declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    ResourceGroup,
    Subscription,
    ManagementGroup,
    Tenant,
}

fn schema_of(root: &Node) -> Option<&str> {
    root.get_ci("$schema").and_then(Node::as_str)
}

/// The scope of an ARM deployment template, from its `$schema`; `None` when the
/// JSON is not a template.
fn template_scope(root: &Node) -> Option<Scope> {
    let s = schema_of(root)?.to_ascii_lowercase();
    if s.contains("subscriptiondeploymenttemplate.json") {
        Some(Scope::Subscription)
    } else if s.contains("managementgroupdeploymenttemplate.json") {
        Some(Scope::ManagementGroup)
    } else if s.contains("tenantdeploymenttemplate.json") {
        Some(Scope::Tenant)
    } else if s.contains("deploymenttemplate.json") {
        Some(Scope::ResourceGroup)
    } else {
        None
    }
}

/// True for ARM parameter files.
pub fn is_parameter_file(root: &Node) -> bool {
    schema_of(root).is_some_and(|s| s.to_ascii_lowercase().contains("deploymentparameters.json"))
}

/// The values of a parameter file (`parameters.<name>.value`); Key Vault
/// references are unknown.
pub fn parameter_values(root: &Node) -> BTreeMap<String, Val> {
    let mut out = BTreeMap::new();
    if let Some(params) = root.get_ci("parameters").and_then(Node::as_object) {
        for m in params {
            let v = if let Some(v) = m.value.get_ci("value") {
                Val::from_json(&v.to_json())
            } else {
                Val::unknown()
            };
            out.insert(m.key.to_ascii_lowercase(), v);
        }
    }
    out
}

/// Reads a parameter file given with `--param-file`.
pub fn read_parameter_file(path: &Path) -> Result<BTreeMap<String, Val>, Diagnostic> {
    let display = path.display().to_string();
    let file = load_path(path, &display)?;
    let root = json::parse(&file.text).map_err(|e| {
        Diagnostic::error(
            &display,
            Some(point(&file, e.offset)),
            format!("invalid JSON: {}", e.message),
        )
    })?;
    if !is_parameter_file(&root) && root.get_ci("parameters").is_none() {
        return Err(Diagnostic::error(
            &display,
            None,
            "not an ARM parameter file (no deploymentParameters $schema or `parameters` object)",
        ));
    }
    Ok(parameter_values(&root))
}

fn point(file: &SourceFile, offset: usize) -> Region {
    file.region(crate::source::Span::new(offset, offset))
}

/// Reads one JSON file: an ARM template gives resources; any other JSON
/// (parameter files included) is skipped quietly.
pub fn read(
    file: &SourceFile,
    sibling_params: &Option<std::path::PathBuf>,
    overrides: &Overrides,
) -> Parsed {
    read_parsed(file, json::parse(&file.text), sibling_params, overrides)
}

/// [`read`] for a file whose JSON has already been parsed.
pub fn read_parsed(
    file: &SourceFile,
    parsed_json: Result<Node, json::JsonError>,
    sibling_params: &Option<std::path::PathBuf>,
    overrides: &Overrides,
) -> Parsed {
    let mut parsed = Parsed::default();
    let root = match parsed_json {
        Ok(r) => r,
        Err(e) => {
            // Broken JSON that still names a template schema is a broken template;
            // other broken JSON is none of ours.
            let head = file.text.get(..file.text.len().min(4096)).unwrap_or("");
            if head.contains("deploymentTemplate.json") {
                parsed.recognised = true;
                parsed.diagnostics.push(Diagnostic::error(
                    &file.display,
                    Some(point(file, e.offset)),
                    format!("invalid JSON: {}", e.message),
                ));
            }
            return parsed;
        }
    };
    let Some(scope) = template_scope(&root) else {
        return parsed;
    };
    parsed.recognised = true;

    let mut values = BTreeMap::new();
    if let Some(p) = sibling_params {
        match read_parameter_file(p) {
            Ok(v) => values = v,
            Err(d) => parsed.diagnostics.push(d),
        }
    }
    values.extend(
        overrides
            .parameters
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v.clone())),
    );

    let reader = Reader {
        file,
        diags: RefCell::new(Vec::new()),
        out: RefCell::new(Vec::new()),
        quiet: Cell::new(0),
    };
    let tpl = Template::new(&reader, &root, values, scope, None, None, None);
    reader.template(&tpl, &root, "", 0);
    parsed.resources = reader.out.into_inner();
    parsed.diagnostics.extend(reader.diags.into_inner());
    parsed
}

/// One template being evaluated: its parameters, variables and symbols.
struct Template<'a> {
    reader: &'a Reader<'a>,
    params: BTreeMap<String, ParamState<'a>>,
    vars: BTreeMap<String, VarDef<'a>>,
    var_values: RefCell<BTreeMap<String, Val>>,
    var_stack: RefCell<Vec<String>>,
    symbols: RefCell<BTreeMap<String, String>>,
    scope: Scope,
    subscription: Option<String>,
    resource_group: Option<String>,
    /// Variables and parameters come from this template instead (outer-scope nested
    /// deployments).
    outer: Option<&'a Template<'a>>,
}

#[derive(Clone, Copy)]
enum VarDef<'a> {
    Value(&'a Node),
    /// An element of the `variables.copy` array: `{name, count, input}`.
    Copy(&'a Node),
}

enum ParamState<'a> {
    Given(Val),
    Default(&'a Node),
    Missing,
}

impl<'a> Template<'a> {
    fn new(
        reader: &'a Reader<'a>,
        root: &'a Node,
        mut values: BTreeMap<String, Val>,
        scope: Scope,
        subscription: Option<String>,
        resource_group: Option<String>,
        outer: Option<&'a Template<'a>>,
    ) -> Template<'a> {
        let mut params = BTreeMap::new();
        if let Some(ps) = root.get_ci("parameters").and_then(Node::as_object) {
            for m in ps {
                let key = m.key.to_ascii_lowercase();
                let state = match values.remove(&key) {
                    Some(v) => ParamState::Given(v),
                    None => match m.value.get_ci("defaultValue") {
                        Some(d) => ParamState::Default(d),
                        None => ParamState::Missing,
                    },
                };
                params.insert(key, state);
            }
        }
        let mut vars = BTreeMap::new();
        if let Some(vs) = root.get_ci("variables").and_then(Node::as_object) {
            for m in vs {
                if m.key.eq_ignore_ascii_case("copy") {
                    // Variable loops: each element defines the variable it names.
                    for l in m.value.as_array().unwrap_or_default() {
                        if let Some(name) = l.get_ci("name").and_then(Node::as_str) {
                            vars.insert(name.to_ascii_lowercase(), VarDef::Copy(l));
                        }
                    }
                } else {
                    vars.insert(m.key.to_ascii_lowercase(), VarDef::Value(&m.value));
                }
            }
        }
        Template {
            reader,
            params,
            vars,
            var_values: RefCell::new(BTreeMap::new()),
            var_stack: RefCell::new(Vec::new()),
            symbols: RefCell::new(BTreeMap::new()),
            scope,
            subscription,
            resource_group,
            outer,
        }
    }

    /// Evaluates a variable or parameter default once, refusing cycles and chains
    /// deep enough to exhaust the stack.
    fn memo(&self, key: &str, name: &str, def: VarDef<'_>) -> Result<Val, ExprError> {
        let key = key.to_ascii_lowercase();
        if let Some(v) = self.var_values.borrow().get(&key) {
            return Ok(v.clone());
        }
        {
            let stack = self.var_stack.borrow();
            if stack.contains(&key) {
                return Err(ExprError::Eval(format!("'{name}' refers to itself")));
            }
            if stack.len() >= MAX_VARIABLE_DEPTH {
                return Err(ExprError::Eval(format!(
                    "variables and parameters refer to each other more than {MAX_VARIABLE_DEPTH} levels deep"
                )));
            }
        }
        self.var_stack.borrow_mut().push(key.clone());
        let ctx = Ctx::new(self);
        let v = match def {
            VarDef::Value(node) => self.reader.value(node, &ctx, ""),
            VarDef::Copy(l) => self
                .reader
                .property_copy(l, &ctx, "")
                .map_or_else(Val::unknown, |(_, v)| v),
        };
        self.var_stack.borrow_mut().pop();
        self.var_values.borrow_mut().insert(key, v.clone());
        Ok(v)
    }

    fn vars_owner(&self) -> &Template<'a> {
        match self.outer {
            Some(o) => o.vars_owner(),
            None => self,
        }
    }
}

/// A template plus the copy loops currently being expanded: what expressions see.
struct Ctx<'t, 'a> {
    tpl: &'t Template<'a>,
    copies: Vec<(String, Val)>,
}

impl<'t, 'a> Ctx<'t, 'a> {
    fn new(tpl: &'t Template<'a>) -> Self {
        Ctx {
            tpl,
            copies: Vec::new(),
        }
    }

    fn with_copy(&self, name: &str, index: Val) -> Ctx<'t, 'a> {
        let mut copies = self.copies.clone();
        copies.push((name.to_string(), index));
        Ctx {
            tpl: self.tpl,
            copies,
        }
    }
}

impl Context for Ctx<'_, '_> {
    fn parameter(&self, name: &str) -> Result<Val, ExprError> {
        let owner = self.tpl.vars_owner();
        match owner.params.get(&name.to_ascii_lowercase()) {
            Some(ParamState::Given(v)) => Ok(v.clone()),
            Some(ParamState::Default(node)) => {
                owner.memo(&format!("p:{name}"), name, VarDef::Value(node))
            }
            Some(ParamState::Missing) => Ok(Val::unknown()),
            None => Err(ExprError::Eval(format!(
                "parameter '{name}' is not declared"
            ))),
        }
    }

    fn variable(&self, name: &str) -> Result<Val, ExprError> {
        let owner = self.tpl.vars_owner();
        match owner.vars.get(&name.to_ascii_lowercase()) {
            Some(def) => owner.memo(&format!("v:{name}"), name, *def),
            None => Err(ExprError::Eval(format!(
                "variable '{name}' is not declared"
            ))),
        }
    }

    fn copy_index(&self, loop_name: Option<&str>) -> Result<Val, ExprError> {
        let found = match loop_name {
            Some(n) => self
                .copies
                .iter()
                .rev()
                .find(|(c, _)| c.eq_ignore_ascii_case(n)),
            None => self.copies.first(),
        };
        match found {
            Some((_, v)) => Ok(v.clone()),
            None => Err(ExprError::Eval(match loop_name {
                Some(n) => format!("copyIndex('{n}') is used outside the copy loop '{n}'"),
                None => "copyIndex() is used outside a copy loop".into(),
            })),
        }
    }

    fn subscription_id(&self) -> Option<String> {
        self.tpl.subscription.clone()
    }

    fn resource_group_name(&self) -> Option<String> {
        self.tpl.resource_group.clone()
    }

    fn symbol_id(&self, symbolic_name: &str) -> Option<String> {
        self.tpl.symbols.borrow().get(symbolic_name).cloned()
    }

    fn lookup(&self, function: &str, name: &str, path: &[expr::Seg]) -> Option<Val> {
        let owner = self.tpl.vars_owner();
        let key = match function {
            "variables" => format!("v:{name}").to_ascii_lowercase(),
            _ => match owner.params.get(&name.to_ascii_lowercase())? {
                ParamState::Given(v) => return expr::navigate(v, path).cloned(),
                ParamState::Missing => return Some(Val::unknown()),
                ParamState::Default(_) => format!("p:{name}").to_ascii_lowercase(),
            },
        };
        if !owner.var_values.borrow().contains_key(&key) {
            // Evaluate (and memoise) once; errors are reported by the long way.
            let _ = if function == "variables" {
                self.variable(name)
            } else {
                self.parameter(name)
            };
        }
        let cache = owner.var_values.borrow();
        expr::navigate(cache.get(&key)?, path).cloned()
    }
}

struct Reader<'a> {
    file: &'a SourceFile,
    diags: RefCell<Vec<Diagnostic>>,
    out: RefCell<Vec<Resource>>,
    /// While positive, evaluation problems are not reported (look-ahead passes).
    quiet: Cell<u32>,
}

/// Members of a resource declaration that are not part of its ARM body.
const NOT_BODY: &[&str] = &[
    "type",
    "name",
    "apiversion",
    "location",
    "tags",
    "dependson",
    "comments",
    "condition",
    "copy",
    "resources",
    "scope",
    "existing",
    "import",
    "metadata",
    "id",
];

impl<'a> Reader<'a> {
    fn error(&self, node: &Node, message: String) {
        if self.quiet.get() > 0 {
            return;
        }
        self.diags.borrow_mut().push(Diagnostic::error(
            &self.file.display,
            Some(self.file.region(node.span)),
            message,
        ));
    }

    fn note(&self, node: &Node, message: String) {
        if self.quiet.get() > 0 {
            return;
        }
        self.diags.borrow_mut().push(Diagnostic::note(
            &self.file.display,
            Some(self.file.region(node.span)),
            message,
        ));
    }

    /// Evaluates a template JSON value: expressions in strings, property `copy`
    /// loops in objects. An expression that fails is reported and becomes unknown.
    fn value(&self, node: &Node, ctx: &Ctx<'_, '_>, path: &str) -> Val {
        match &node.kind {
            J::Null => Val::Null,
            J::Bool(b) => Val::Bool(*b),
            J::Number(n) => Val::Num(n.clone()),
            J::String(s) => match expr::eval_string(s, ctx) {
                Ok(v) => v,
                Err(e) => {
                    let what = if path.is_empty() {
                        String::new()
                    } else {
                        format!(" in `{path}`")
                    };
                    if is_template_error(&e) {
                        self.error(node, format!("cannot evaluate expression{what}: {e}"));
                    } else {
                        // A type mismatch usually comes from a parameter whose real value
                        // only the deployment knows: the value is unknown, the template
                        // is not wrong.
                        self.note(node, format!("expression{what} treated as unknown: {e}"));
                    }
                    Val::unknown()
                }
            },
            J::Array(items) => Val::Arr(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, n)| self.value(n, ctx, &format!("{path}[{i}]")))
                    .collect(),
            ),
            J::Object(members) => {
                let mut m = BTreeMap::new();
                for mem in members {
                    let child = join(path, &mem.key);
                    if mem.key.eq_ignore_ascii_case("copy") {
                        if let Some(loops) = mem.value.as_array() {
                            for l in loops {
                                if let Some((name, v)) = self.property_copy(l, ctx, path) {
                                    m.insert(name, v);
                                }
                            }
                            continue;
                        }
                    }
                    m.insert(mem.key.clone(), self.value(&mem.value, ctx, &child));
                }
                Val::Obj(m)
            }
        }
    }

    /// `"copy": [{"name": "subnets", "count": 3, "input": {...}}]` → `subnets: [...]`.
    fn property_copy(&self, l: &Node, ctx: &Ctx<'_, '_>, path: &str) -> Option<(String, Val)> {
        let name = l.get_ci("name")?.as_str()?.to_string();
        let input = l.get_ci("input")?;
        let count_node = l.get_ci("count")?;
        let child = join(path, &name);
        let val = match self.count(count_node, ctx) {
            Some(n) => Val::Arr(
                (0..n)
                    .map(|i| {
                        self.value(
                            input,
                            &ctx.with_copy(&name, Val::int(i)),
                            &format!("{child}[{i}]"),
                        )
                    })
                    .collect(),
            ),
            None => Val::unknown(),
        };
        Some((name, val))
    }

    /// A copy count: `None` when unknown; cut at [`MAX_COPY`].
    fn count(&self, node: &Node, ctx: &Ctx<'_, '_>) -> Option<i64> {
        let v = self.value(node, ctx, "copy.count");
        let n = v.as_i64()?;
        if n > MAX_COPY {
            self.note(node, format!("copy count {n} is larger than {MAX_COPY}; only the first {MAX_COPY} instances are scanned"));
        }
        Some(n.clamp(0, MAX_COPY))
    }

    fn template(&self, tpl: &Template<'_>, root: &Node, parent_path: &str, depth: usize) {
        let Some(resources) = root.get_ci("resources") else {
            return;
        };
        let ctx = Ctx::new(tpl);
        match &resources.kind {
            J::Array(items) => {
                for (i, r) in items.iter().enumerate() {
                    self.declaration(
                        tpl,
                        &ctx,
                        r,
                        None,
                        &format!("{parent_path}resources[{i}]"),
                        None,
                        depth,
                    );
                }
            }
            J::Object(members) => {
                // languageVersion 2.0: learn every symbol's id first, then declare.
                self.quiet.set(self.quiet.get() + 1);
                for m in members.iter().filter(|m| m.value.get_ci("copy").is_none()) {
                    if let Some((ty, name)) = self.type_and_name(&ctx, &m.value, None) {
                        if let (Some(ty), Some(name)) = (ty.as_str(), name.as_str()) {
                            let id = resource_id(tpl, ty, name);
                            tpl.symbols.borrow_mut().insert(m.key.clone(), id);
                        }
                    }
                }
                self.quiet.set(self.quiet.get() - 1);
                for m in members {
                    self.declaration(
                        tpl,
                        &ctx,
                        &m.value,
                        None,
                        &format!("{parent_path}resources.{}", m.key),
                        Some(&m.key),
                        depth,
                    );
                }
            }
            _ => self.error(
                resources,
                "`resources` must be an array or an object".into(),
            ),
        }
    }

    fn type_and_name(
        &self,
        ctx: &Ctx<'_, '_>,
        decl: &Node,
        parent: Option<(&str, &str)>,
    ) -> Option<(Val, Val)> {
        let ty = self.value(decl.get_ci("type")?, ctx, "type");
        let name = decl
            .get_ci("name")
            .map_or(Val::unknown(), |n| self.value(n, ctx, "name"));
        Some(match (parent, ty) {
            (Some((pt, pn)), Val::Str(t)) if !t.contains('.') => {
                let full_name = match name {
                    Val::Str(n) if !n.contains('/') => Val::Str(format!("{pn}/{n}")),
                    other => other,
                };
                (Val::Str(format!("{pt}/{t}")), full_name)
            }
            (_, ty) => (ty, name),
        })
    }

    /// One resource declaration, expanded over its copy loop.
    #[allow(clippy::too_many_arguments)]
    fn declaration(
        &self,
        tpl: &Template<'_>,
        ctx: &Ctx<'_, '_>,
        decl: &Node,
        parent: Option<(&str, &str)>,
        path: &str,
        symbol: Option<&str>,
        depth: usize,
    ) {
        if decl.as_object().is_none() {
            self.error(decl, "a resource must be an object".into());
            return;
        }
        if decl
            .get_ci("existing")
            .is_some_and(|e| matches!(e.kind, J::Bool(true)))
        {
            return;
        }
        match decl.get_ci("copy").filter(|c| c.as_object().is_some()) {
            Some(copy) => {
                let name = copy
                    .get_ci("name")
                    .and_then(Node::as_str)
                    .unwrap_or("copy")
                    .to_string();
                match copy.get_ci("count").and_then(|c| self.count(c, ctx)) {
                    Some(n) => {
                        for i in 0..n {
                            let c = ctx.with_copy(&name, Val::int(i));
                            self.instance(
                                tpl,
                                &c,
                                decl,
                                parent,
                                &format!("{path}[{i}]"),
                                symbol,
                                depth,
                            );
                        }
                    }
                    None => {
                        let c = ctx.with_copy(&name, Val::unknown());
                        self.instance(tpl, &c, decl, parent, path, symbol, depth);
                    }
                }
            }
            None => self.instance(tpl, ctx, decl, parent, path, symbol, depth),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn instance(
        &self,
        tpl: &Template<'_>,
        ctx: &Ctx<'_, '_>,
        decl: &Node,
        parent: Option<(&str, &str)>,
        path: &str,
        symbol: Option<&str>,
        depth: usize,
    ) {
        if let Some(cond) = decl.get_ci("condition") {
            if let Val::Bool(false) = self.value(cond, ctx, "condition") {
                return;
            }
        }
        let Some((ty, name)) = self.type_and_name(ctx, decl, parent) else {
            self.error(decl, "resource has no `type`".into());
            return;
        };
        let Val::Str(ty) = ty else {
            self.note(
                decl,
                "resource type is only known at deployment; resource skipped".into(),
            );
            return;
        };
        if ty.eq_ignore_ascii_case("Microsoft.Resources/deployments") {
            self.nested_deployment(tpl, ctx, decl, depth);
            return;
        }
        let name = name.as_str().map(str::to_string);
        let id = match (&name, decl.get_ci("scope")) {
            (Some(n), Some(scope)) => match self.value(scope, ctx, "scope") {
                Val::Str(s) => {
                    let base = tpl
                        .symbols
                        .borrow()
                        .get(&s)
                        .cloned()
                        .unwrap_or_else(|| scope_id(tpl, &s));
                    format!("{base}/providers/{ty}/{n}")
                }
                _ => format!("{}#{path}", self.file.display),
            },
            (Some(n), None) => resource_id(tpl, &ty, n),
            (None, _) => format!("{}#{path}", self.file.display),
        };
        if let Some(sym) = symbol {
            tpl.symbols.borrow_mut().insert(sym.to_string(), id.clone());
        }

        let mut unknown = UnknownPaths::new();
        let mut body = Map::new();
        let mut location = None;
        let mut tags = BTreeMap::new();
        if let Some(members) = decl.as_object() {
            for m in members {
                let key = m.key.to_ascii_lowercase();
                if key == "location" {
                    match self.value(&m.value, ctx, "location") {
                        Val::Str(l) => location = Some(l),
                        v => {
                            v.materialize("location", &mut unknown);
                        }
                    }
                } else if key == "tags" {
                    let v = self.value(&m.value, ctx, "tags");
                    match v.materialize("tags", &mut unknown) {
                        Some(Json::Object(t)) => {
                            for (k, v) in t {
                                let s = match v {
                                    Json::String(s) => s,
                                    Json::Null => continue,
                                    other => other.to_string(),
                                };
                                tags.insert(k, s);
                            }
                        }
                        Some(Json::Null) | None => {}
                        Some(_) => self.error(&m.value, "`tags` must be an object".into()),
                    }
                } else if !NOT_BODY.contains(&key.as_str()) {
                    let v = self.value(&m.value, ctx, &m.key);
                    if let Some(j) = v.materialize(&m.key, &mut unknown) {
                        body.insert(m.key.clone(), j);
                    }
                }
            }
        }
        if name.is_none() {
            unknown.entry("name".into()).or_default();
        }
        let mut properties = BTreeMap::new();
        if let Some(members) = decl.as_object() {
            for m in members {
                if m.key.eq_ignore_ascii_case("resources") {
                    continue;
                }
                record_spans(self.file, &m.key, m, &mut properties, 0);
            }
        }
        let (subscription, resource_group) = match tpl.scope {
            Scope::ResourceGroup => (tpl.subscription.clone(), tpl.resource_group.clone()),
            Scope::Subscription => (tpl.subscription.clone(), None),
            _ => (None, None),
        };
        self.out.borrow_mut().push(Resource {
            id: id.as_str().into(),
            r#type: ty.as_str().into(),
            name: name.as_deref().map(Into::into),
            location: location.map(Into::into),
            subscription: subscription.map(Into::into),
            resource_group: resource_group.map(Into::into),
            tags: tags.into(),
            body: crate::graph::body::from_map(body),
            unknown,
            source: SourceInfo {
                format: Format::Arm,
                file: self.file.display.clone(),
                region: self.file.region(decl.span),
                properties,
            },
            ignores: self.ignores(decl),
            parent: None,
        });

        // Nested child resources.
        if let (Some(children), Some(n)) =
            (decl.get_ci("resources").and_then(Node::as_array), &name)
        {
            for (i, child) in children.iter().enumerate() {
                self.declaration(
                    tpl,
                    ctx,
                    child,
                    Some((&ty, n)),
                    &format!("{path}.resources[{i}]"),
                    None,
                    depth,
                );
            }
        }
    }

    /// `lzscan:ignore` directives of a resource: entries of its `metadata` object
    /// (`"lzscan:ignore": "LZ201 reason"`, or a list of such strings) and `//`
    /// comments on the line before it or inside it.
    fn ignores(&self, decl: &Node) -> Vec<Directive> {
        let mut out = Vec::new();
        if let Some(m) = decl
            .get_ci("metadata")
            .and_then(|m| m.member_ci("lzscan:ignore"))
        {
            let items: Vec<&Node> = match &m.value.kind {
                J::Array(a) => a.iter().collect(),
                _ => vec![&m.value],
            };
            for item in items {
                let line = self.file.position(item.span.start).0;
                match item.as_str().and_then(|s| parse_directive(s, line)) {
                    Some(d) => out.push(d),
                    None => self.error(
                        item,
                        "`lzscan:ignore` must be a string like \"LZ201 reason\" or a list of them"
                            .into(),
                    ),
                }
            }
        }
        let region = self.file.region(decl.span);
        out.extend(comment_directives(
            self.file,
            region.start_line,
            region.end_line,
        ));
        out
    }

    /// `Microsoft.Resources/deployments` with an inline template: its resources are
    /// read in place; linked templates are reported as not followed.
    fn nested_deployment(&self, tpl: &Template<'_>, ctx: &Ctx<'_, '_>, decl: &Node, depth: usize) {
        let Some(props) = decl.get_ci("properties") else {
            return;
        };
        if props.get_ci("templateLink").is_some() {
            self.note(
                decl,
                "linked template (templateLink) is not followed".into(),
            );
            return;
        }
        let Some(inner) = props.get_ci("template") else {
            return;
        };
        if depth >= MAX_NESTING {
            self.error(
                decl,
                format!("nested deployments deeper than {MAX_NESTING} levels are not followed"),
            );
            return;
        }
        let known = |key: &str| match decl.get_ci(key).map(|n| self.value(n, ctx, key)) {
            Some(Val::Str(s)) => Some(s),
            _ => None,
        };
        let subscription = known("subscriptionId").or_else(|| tpl.subscription.clone());
        let resource_group = known("resourceGroup").or_else(|| tpl.resource_group.clone());
        let scope = if decl.get_ci("resourceGroup").is_some() {
            Scope::ResourceGroup
        } else {
            template_scope(inner).unwrap_or(tpl.scope)
        };
        let inner_scope = props
            .get_ci("expressionEvaluationOptions")
            .and_then(|o| o.get_ci("scope"))
            .and_then(Node::as_str)
            .is_some_and(|s| s.eq_ignore_ascii_case("inner"));
        let owned;
        let nested = if inner_scope {
            let mut values = BTreeMap::new();
            if let Some(ps) = props.get_ci("parameters").and_then(Node::as_object) {
                for m in ps {
                    let v = match m.value.get_ci("value") {
                        Some(v) => self.value(v, ctx, &m.key),
                        None => Val::unknown(),
                    };
                    values.insert(m.key.to_ascii_lowercase(), v);
                }
            }
            owned = Template::new(
                self,
                inner,
                values,
                scope,
                subscription,
                resource_group,
                None,
            );
            &owned
        } else {
            owned = Template::new(
                self,
                inner,
                BTreeMap::new(),
                scope,
                subscription,
                resource_group,
                Some(tpl),
            );
            &owned
        };
        self.template(nested, inner, "", depth + 1);
    }
}

/// True for errors Azure itself would reject the template for: bad syntax, names
/// that are not declared, cycles. Other evaluation failures (types that do not fit
/// with the values lzscan assumed) make the value unknown.
fn is_template_error(e: &ExprError) -> bool {
    match e {
        ExprError::Syntax { .. } => true,
        ExprError::Eval(m) => {
            m.contains("is not declared")
                || m.contains("refers to itself")
                || m.contains("refer to each other")
                || m.contains("outside a copy loop")
                || m.contains("outside the copy loop")
        }
    }
}

/// Records the region of every property under a resource member, by dotted path.
fn record_spans(
    file: &SourceFile,
    path: &str,
    m: &json::Member,
    out: &mut BTreeMap<String, Region>,
    depth: usize,
) {
    let span = crate::source::Span::new(m.key_span.start, m.value.span.end);
    out.insert(path.to_string(), file.region(span));
    if depth > 32 {
        return;
    }
    match &m.value.kind {
        J::Object(members) => {
            for c in members {
                record_spans(file, &join(path, &c.key), c, out, depth + 1);
            }
        }
        J::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let p = format!("{path}[{i}]");
                out.insert(p.clone(), file.region(item.span));
                if let Some(members) = item.as_object() {
                    for c in members {
                        record_spans(file, &join(&p, &c.key), c, out, depth + 1);
                    }
                }
            }
        }
        _ => {}
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The id of a resource declared at the template's scope.
fn resource_id(tpl: &Template<'_>, ty: &str, name: &str) -> String {
    resource_id_at(
        tpl.scope,
        tpl.subscription.as_deref(),
        tpl.resource_group.as_deref(),
        ty,
        name,
    )
}

/// The id of a resource of type `ty` named `name` (`parent/child` for children)
/// deployed at `scope`; an unknown subscription or resource group is written as
/// its placeholder.
pub fn resource_id_at(
    scope: Scope,
    subscription: Option<&str>,
    resource_group: Option<&str>,
    ty: &str,
    name: &str,
) -> String {
    let sub = subscription.unwrap_or(SUBSCRIPTION_PLACEHOLDER);
    if ty.eq_ignore_ascii_case("Microsoft.Resources/resourceGroups") {
        return format!("/subscriptions/{sub}/resourceGroups/{name}");
    }
    let path = provider_path(ty, name);
    match scope {
        Scope::ResourceGroup => {
            let rg = resource_group.unwrap_or(RESOURCE_GROUP_PLACEHOLDER);
            format!("/subscriptions/{sub}/resourceGroups/{rg}/providers/{path}")
        }
        Scope::Subscription => format!("/subscriptions/{sub}/providers/{path}"),
        Scope::ManagementGroup | Scope::Tenant => format!("/providers/{path}"),
    }
}

/// A `scope` value: a full id, or a relative `Namespace/type/name` at the template's scope.
fn scope_id(tpl: &Template<'_>, scope: &str) -> String {
    if scope.starts_with('/') {
        return scope.trim_end_matches('/').to_string();
    }
    let segs: Vec<&str> = scope.split('/').collect();
    // Namespace/type/name[/type/name]: the types are the odd positions.
    if segs.len() >= 3 && segs.len() % 2 == 1 {
        let ty: Vec<&str> = std::iter::once(segs[0])
            .chain(segs[1..].iter().step_by(2).copied())
            .collect();
        let names: Vec<&str> = segs[2..].iter().step_by(2).copied().collect();
        return resource_id(tpl, &ty.join("/"), &names.join("/"));
    }
    scope.to_string()
}

/// `Microsoft.Network/virtualNetworks/subnets` + `hub/app` →
/// `Microsoft.Network/virtualNetworks/hub/subnets/app`.
fn provider_path(ty: &str, name: &str) -> String {
    let mut tsegs = ty.split('/');
    let ns = tsegs.next().unwrap_or("");
    let types: Vec<&str> = tsegs.collect();
    let names: Vec<&str> = name.split('/').collect();
    if types.len() != names.len() {
        return format!("{ty}/{name}");
    }
    let mut out = ns.to_string();
    for (t, n) in types.iter().zip(names.iter()) {
        out.push('/');
        out.push_str(t);
        out.push('/');
        out.push_str(n);
    }
    out
}

#[cfg(test)]
mod tests;
