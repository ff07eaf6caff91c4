//! The Terraform expression evaluator: HCL expressions (hcl-edit's AST) to [`Val`].
//!
//! Values that only `terraform apply` knows — a resource attribute the
//! configuration does not set (`azurerm_storage_account.sa.id`), a data source, a
//! variable without a value — are [`Val::Unknown`], carrying the addresses of the
//! resources they come from so the graph can draw `reference` edges.

use super::functions::{self, FnError};
use crate::value::{Unknown, Val};
use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::template::{Directive, Element, Template};
use hcl_edit::Span;
use serde_json::Number;
use std::collections::{BTreeMap, BTreeSet};

/// Nesting deeper than this is refused instead of exhausting the stack.
const MAX_DEPTH: usize = 200;
/// For-expressions and template loops producing more elements than this are cut.
const MAX_ITEMS: usize = 100_000;

/// An evaluation problem. `Reference` and `Function` are errors in the
/// configuration itself; `Type` usually means lzscan assumed a value Terraform would
/// only know later, so the caller treats the value as unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvalError {
    Reference {
        message: String,
        offset: Option<usize>,
    },
    Function {
        message: String,
        offset: Option<usize>,
    },
    Type {
        message: String,
        offset: Option<usize>,
    },
}

impl EvalError {
    pub fn message(&self) -> &str {
        match self {
            EvalError::Reference { message, .. }
            | EvalError::Function { message, .. }
            | EvalError::Type { message, .. } => message,
        }
    }

    pub fn offset(&self) -> Option<usize> {
        match self {
            EvalError::Reference { offset, .. }
            | EvalError::Function { offset, .. }
            | EvalError::Type { offset, .. } => *offset,
        }
    }

    /// True for errors in the configuration (Terraform would refuse it).
    pub fn is_configuration_error(&self) -> bool {
        !matches!(self, EvalError::Type { .. })
    }

    fn ty(message: impl Into<String>, offset: Option<usize>) -> Self {
        EvalError::Type {
            message: message.into(),
            offset,
        }
    }
}

type R = Result<Val, EvalError>;

/// The key under which a resource object carries its address (see
/// [`Env::resource_object`]); not a valid Terraform attribute name.
pub const ADDRESS_KEY: &str = "@address";

/// How a resource or module block is expanded.
#[derive(Debug, Clone, PartialEq)]
pub enum Expansion {
    Single,
    Count(usize),
    ForEach(Vec<String>),
    /// `count` or `for_each` whose value is not known before apply.
    Unknown,
}

/// What an expression can refer to in the module it is written in.
pub trait Env {
    fn var(&self, name: &str) -> Option<Val>;
    fn local(&self, name: &str) -> Option<R>;
    /// How a resource of this module is expanded; `None` if there is no such resource.
    fn resource(&self, ty: &str, name: &str) -> Option<Expansion>;
    /// A configured attribute of one resource instance (`key` is the count index or
    /// for_each key); attributes the configuration does not set are unknown.
    fn resource_attr(&self, ty: &str, name: &str, key: Option<&Val>, attr: &str) -> Val;
    /// The address of a resource instance, e.g. `module.hub.azurerm_subnet.pe["a"]`.
    fn resource_address(&self, ty: &str, name: &str, key: Option<&Val>) -> String;
    /// A resource instance as an object of its configured attributes, marked with
    /// [`ADDRESS_KEY`] so that attributes it does not configure read as unknown.
    fn resource_object(&self, ty: &str, name: &str, key: Option<&Val>) -> Val;
    /// How a module call is expanded; `None` if there is no such call.
    fn module(&self, name: &str) -> Option<Expansion>;
    fn module_output(&self, name: &str, key: Option<&Val>, output: &str) -> R;
    /// The output names of a module call's source.
    fn module_outputs(&self, name: &str) -> Vec<String>;
    /// `path.module`, `path.root`, `path.cwd`.
    fn path(&self, what: &str) -> Option<String>;
    /// Reads a file relative to the module (`file()`); `None` when it cannot be read.
    fn read_file(&self, path: &str) -> Option<String>;
}

/// An evaluator: an environment plus the names bound by `count`, `for_each`,
/// `dynamic` blocks and `for` expressions.
pub struct Evaluator<'a> {
    env: &'a dyn Env,
    bindings: Vec<(String, Val)>,
    depth: usize,
}

fn num(n: f64) -> Val {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Val::Num(Number::from(n as i64))
    } else {
        Number::from_f64(n).map_or(Val::Null, Val::Num)
    }
}

fn as_f64(v: &Val) -> Option<f64> {
    match v {
        Val::Num(n) => n.as_f64(),
        Val::Str(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Terraform's string conversion of a primitive.
pub fn to_string(v: &Val) -> Option<String> {
    match v {
        Val::Str(s) => Some(s.clone()),
        Val::Num(n) => Some(n.to_string()),
        Val::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn truthy(v: &Val, offset: Option<usize>) -> Result<bool, EvalError> {
    match v {
        Val::Bool(b) => Ok(*b),
        Val::Str(s) if s == "true" => Ok(true),
        Val::Str(s) if s == "false" => Ok(false),
        other => Err(EvalError::ty(
            format!("a condition must be a bool, got {}", other.type_name()),
            offset,
        )),
    }
}

fn unknown_refs(vals: &[&Val]) -> Option<Val> {
    Val::unknown_of(vals)
}

impl<'a> Evaluator<'a> {
    pub fn new(env: &'a dyn Env) -> Self {
        Evaluator {
            env,
            bindings: Vec::new(),
            depth: 0,
        }
    }

    /// Binds `name` (e.g. `each`, `count`, a `for` variable) for nested evaluations.
    pub fn bind(&mut self, name: &str, v: Val) {
        self.bindings.push((name.to_string(), v));
    }

    pub fn unbind(&mut self) {
        self.bindings.pop();
    }

    fn binding(&self, name: &str) -> Option<&Val> {
        self.bindings
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }

    pub fn eval(&mut self, e: &Expression) -> R {
        if self.depth >= MAX_DEPTH {
            return Err(EvalError::ty(
                "expression nested too deeply",
                e.span().map(|s| s.start),
            ));
        }
        self.depth += 1;
        let r = self.eval_inner(e);
        self.depth -= 1;
        r
    }

    fn eval_inner(&mut self, e: &Expression) -> R {
        let at = e.span().map(|s| s.start);
        match e {
            Expression::Null(_) => Ok(Val::Null),
            Expression::Bool(b) => Ok(Val::Bool(*b.value())),
            Expression::Number(n) => {
                let n = n.value();
                Ok(match n.as_i64() {
                    Some(i) => Val::int(i),
                    None => num(n.as_f64().unwrap_or(0.0)),
                })
            }
            Expression::String(s) => Ok(Val::Str(s.value().clone())),
            Expression::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for x in a.iter() {
                    out.push(self.eval(x)?);
                }
                Ok(Val::Arr(out))
            }
            Expression::Object(o) => {
                let mut m = BTreeMap::new();
                for (k, v) in o.iter() {
                    let key = match k {
                        ObjectKey::Ident(id) => id.as_str().to_string(),
                        ObjectKey::Expression(ke) => {
                            // `(var.x) = ...` and `"literal" = ...`
                            match self.eval(ke)? {
                                Val::Unknown(u) => return Ok(Val::Unknown(u)),
                                kv => to_string(&kv).ok_or_else(|| {
                                    EvalError::ty("object keys must be strings", at)
                                })?,
                            }
                        }
                    };
                    m.insert(key, self.eval(v.expr())?);
                }
                Ok(Val::Obj(m))
            }
            Expression::StringTemplate(t) => self.template(t),
            Expression::HeredocTemplate(h) => {
                let v = self.template(&h.template)?;
                Ok(v)
            }
            Expression::Parenthesis(p) => self.eval(p.inner()),
            Expression::Variable(v) => self.root(v.as_str(), &[], at),
            Expression::Conditional(c) => {
                let cond = self.eval(&c.cond_expr)?;
                if let Val::Unknown(_) = cond {
                    // Either branch: unknown, but keep what both depend on.
                    let a = self.eval(&c.true_expr).unwrap_or_else(|_| Val::unknown());
                    let b = self.eval(&c.false_expr).unwrap_or_else(|_| Val::unknown());
                    let mut refs = BTreeSet::new();
                    cond.collect_refs(&mut refs);
                    a.collect_refs(&mut refs);
                    b.collect_refs(&mut refs);
                    return Ok(Val::Unknown(Unknown { refs }));
                }
                if truthy(&cond, at)? {
                    self.eval(&c.true_expr)
                } else {
                    self.eval(&c.false_expr)
                }
            }
            Expression::FuncCall(f) => self.call(f, at),
            Expression::Traversal(t) => {
                if let Expression::Variable(v) = &t.expr {
                    let ops: Vec<&TraversalOperator> =
                        t.operators.iter().map(|o| o.value()).collect();
                    return self.root(v.as_str(), &ops, at);
                }
                let base = self.eval(&t.expr)?;
                let ops: Vec<&TraversalOperator> = t.operators.iter().map(|o| o.value()).collect();
                self.apply(base, &ops, at)
            }
            Expression::UnaryOp(u) => {
                let v = self.eval(&u.expr)?;
                if v.is_unknown() {
                    return Ok(v);
                }
                match u.operator.value() {
                    UnaryOperator::Neg => as_f64(&v)
                        .map(|n| num(-n))
                        .ok_or_else(|| EvalError::ty("`-` needs a number", at)),
                    UnaryOperator::Not => Ok(Val::Bool(!truthy(&v, at)?)),
                }
            }
            Expression::BinaryOp(b) => self.binary(b, at),
            Expression::ForExpr(f) => self.for_expr(f, at),
        }
    }

    fn binary(&mut self, b: &hcl_edit::expr::BinaryOp, at: Option<usize>) -> R {
        use BinaryOperator as B;
        let op = *b.operator.value();
        let l = self.eval(&b.lhs_expr)?;
        // Short-circuit on a known deciding operand.
        if op == B::And && l == Val::Bool(false) {
            return Ok(Val::Bool(false));
        }
        if op == B::Or && l == Val::Bool(true) {
            return Ok(Val::Bool(true));
        }
        let r = self.eval(&b.rhs_expr)?;
        if matches!(op, B::And | B::Or) {
            if let Some(u) = unknown_refs(&[&l, &r]) {
                if (op == B::And && r == Val::Bool(false)) || (op == B::Or && r == Val::Bool(true))
                {
                    return Ok(r);
                }
                return Ok(u);
            }
            let (lb, rb) = (truthy(&l, at)?, truthy(&r, at)?);
            return Ok(Val::Bool(if op == B::And { lb && rb } else { lb || rb }));
        }
        if let Some(u) = unknown_refs(&[&l, &r]) {
            return Ok(u);
        }
        match op {
            B::Eq => Ok(Val::Bool(equal(&l, &r))),
            B::NotEq => Ok(Val::Bool(!equal(&l, &r))),
            _ => {
                let (Some(x), Some(y)) = (as_f64(&l), as_f64(&r)) else {
                    return Err(EvalError::ty(
                        format!(
                            "arithmetic and comparison need numbers, got {} and {}",
                            l.type_name(),
                            r.type_name()
                        ),
                        at,
                    ));
                };
                Ok(match op {
                    B::Less => Val::Bool(x < y),
                    B::LessEq => Val::Bool(x <= y),
                    B::Greater => Val::Bool(x > y),
                    B::GreaterEq => Val::Bool(x >= y),
                    B::Plus => num(x + y),
                    B::Minus => num(x - y),
                    B::Mul => num(x * y),
                    B::Div => {
                        if y == 0.0 {
                            return Err(EvalError::ty("division by zero", at));
                        }
                        num(x / y)
                    }
                    B::Mod => {
                        if y == 0.0 {
                            return Err(EvalError::ty("modulo by zero", at));
                        }
                        num(x % y)
                    }
                    _ => Val::Null,
                })
            }
        }
    }

    fn template(&mut self, t: &Template) -> R {
        let mut out = String::new();
        let mut refs = BTreeSet::new();
        let mut unknown = false;
        self.template_into(t, &mut out, &mut refs, &mut unknown)?;
        Ok(if unknown {
            Val::Unknown(Unknown { refs })
        } else {
            Val::Str(out)
        })
    }

    fn template_into(
        &mut self,
        t: &Template,
        out: &mut String,
        refs: &mut BTreeSet<String>,
        unknown: &mut bool,
    ) -> Result<(), EvalError> {
        for i in 0..t.len() {
            let Some(el) = t.get(i) else { continue };
            match el {
                Element::Literal(s) => out.push_str(s.value()),
                Element::Interpolation(ip) => {
                    let v = self.eval(&ip.expr)?;
                    match &v {
                        Val::Unknown(u) => {
                            *unknown = true;
                            refs.extend(u.refs.iter().cloned());
                        }
                        Val::Null => {
                            return Err(EvalError::ty(
                                "a null value cannot be interpolated into a string",
                                ip.expr.span().map(|s| s.start),
                            ))
                        }
                        other => match to_string(other) {
                            Some(s) => out.push_str(&s),
                            None => {
                                return Err(EvalError::ty(
                                    format!(
                                        "a {} cannot be interpolated into a string",
                                        other.type_name()
                                    ),
                                    ip.expr.span().map(|s| s.start),
                                ))
                            }
                        },
                    }
                }
                Element::Directive(d) => match d.as_ref() {
                    Directive::If(ifd) => {
                        let c = self.eval(&ifd.if_expr.cond_expr)?;
                        if c.is_unknown() {
                            *unknown = true;
                            c.collect_refs(refs);
                        } else if truthy(&c, None)? {
                            self.template_into(&ifd.if_expr.template, out, refs, unknown)?;
                        } else if let Some(e) = &ifd.else_expr {
                            self.template_into(&e.template, out, refs, unknown)?;
                        }
                    }
                    Directive::For(fd) => {
                        let coll = self.eval(&fd.for_expr.collection_expr)?;
                        let items = match iterate(&coll) {
                            Some(items) => items,
                            None => {
                                *unknown = true;
                                coll.collect_refs(refs);
                                continue;
                            }
                        };
                        for (k, v) in items.into_iter().take(MAX_ITEMS) {
                            let kv = fd.for_expr.key_var.as_ref().map(|x| x.as_str().to_string());
                            if let Some(kn) = &kv {
                                self.bind(kn, k);
                            }
                            self.bind(fd.for_expr.value_var.as_str(), v);
                            let r = self.template_into(&fd.for_expr.template, out, refs, unknown);
                            self.unbind();
                            if kv.is_some() {
                                self.unbind();
                            }
                            r?;
                        }
                    }
                },
            }
        }
        Ok(())
    }

    fn for_expr(&mut self, f: &hcl_edit::expr::ForExpr, at: Option<usize>) -> R {
        let coll = self.eval(&f.intro.collection_expr)?;
        let Some(items) = iterate(&coll) else {
            let mut refs = BTreeSet::new();
            coll.collect_refs(&mut refs);
            return Ok(Val::Unknown(Unknown { refs }));
        };
        let key_var = f.intro.key_var.as_ref().map(|k| k.as_str().to_string());
        let value_var = f.intro.value_var.as_str().to_string();
        let mut list = Vec::new();
        let mut obj: BTreeMap<String, Val> = BTreeMap::new();
        let mut groups: BTreeMap<String, Vec<Val>> = BTreeMap::new();
        let mut refs = BTreeSet::new();
        let mut unknown = false;
        for (k, v) in items.into_iter().take(MAX_ITEMS) {
            if let Some(kn) = &key_var {
                self.bind(kn, k);
            }
            self.bind(&value_var, v);
            let r = (|| -> Result<(), EvalError> {
                if let Some(c) = &f.cond {
                    let cv = self.eval(&c.expr)?;
                    if cv.is_unknown() {
                        unknown = true;
                        cv.collect_refs(&mut refs);
                        return Ok(());
                    }
                    if !truthy(&cv, at)? {
                        return Ok(());
                    }
                }
                let value = self.eval(&f.value_expr)?;
                match &f.key_expr {
                    None => list.push(value),
                    Some(ke) => {
                        let kv = self.eval(ke)?;
                        if kv.is_unknown() {
                            unknown = true;
                            kv.collect_refs(&mut refs);
                            return Ok(());
                        }
                        let key = to_string(&kv)
                            .ok_or_else(|| EvalError::ty("object keys must be strings", at))?;
                        if f.grouping {
                            groups.entry(key).or_default().push(value);
                        } else {
                            obj.insert(key, value);
                        }
                    }
                }
                Ok(())
            })();
            self.unbind();
            if key_var.is_some() {
                self.unbind();
            }
            r?;
        }
        if unknown {
            return Ok(Val::Unknown(Unknown { refs }));
        }
        Ok(match &f.key_expr {
            None => Val::Arr(list),
            Some(_) if f.grouping => {
                Val::Obj(groups.into_iter().map(|(k, v)| (k, Val::Arr(v))).collect())
            }
            Some(_) => Val::Obj(obj),
        })
    }

    fn call(&mut self, f: &hcl_edit::expr::FuncCall, at: Option<usize>) -> R {
        let name = f.name.name.as_str();
        if !f.name.namespace.is_empty() {
            // provider::azurerm::... functions run in the provider: unknown here.
            return Ok(Val::unknown());
        }
        let args: Vec<&Expression> = f.args.iter().collect();
        match name {
            "try" => {
                for a in &args {
                    match self.eval(a) {
                        Ok(v) => return Ok(v),
                        Err(e)
                            if e.is_configuration_error()
                                && matches!(e, EvalError::Function { .. }) =>
                        {
                            return Err(e)
                        }
                        Err(_) => continue,
                    }
                }
                return Err(EvalError::ty("try: no argument could be evaluated", at));
            }
            "can" => {
                let Some(a) = args.first() else {
                    return Err(EvalError::Function {
                        message: "can: expects 1 argument".into(),
                        offset: at,
                    });
                };
                return Ok(match self.eval(a) {
                    Ok(v) if v.is_unknown() => v,
                    Ok(_) => Val::Bool(true),
                    Err(_) => Val::Bool(false),
                });
            }
            _ => {}
        }
        let mut vals = Vec::with_capacity(args.len());
        for a in &args {
            vals.push(self.eval(a)?);
        }
        if f.args.expand_final() {
            if let Some(last) = vals.pop() {
                match last {
                    Val::Arr(items) => vals.extend(items),
                    Val::Unknown(u) => return Ok(Val::Unknown(u)),
                    other => {
                        return Err(EvalError::ty(
                            format!("{name}: `...` needs a list, got {}", other.type_name()),
                            at,
                        ))
                    }
                }
            }
        }
        match name {
            "file" | "filebase64" | "fileexists" | "templatefile" | "filemd5" | "filesha256"
            | "fileset" => {
                if let Some(u) = Val::unknown_of(&vals.iter().collect::<Vec<_>>()) {
                    return Ok(u);
                }
                let path = vals.first().and_then(to_string);
                return Ok(match (name, path) {
                    ("file", Some(p)) => self.env.read_file(&p).map_or_else(Val::unknown, Val::Str),
                    ("fileexists", Some(p)) => Val::Bool(self.env.read_file(&p).is_some()),
                    _ => Val::unknown(),
                });
            }
            "abspath" | "pathexpand" | "timestamp" | "plantimestamp" | "uuid" | "bcrypt" => {
                return Ok(Val::unknown())
            }
            _ => {}
        }
        functions::call(name, vals).map_err(|e| match e {
            FnError::Unknown(n) => EvalError::Function {
                message: format!("unknown function '{n}'"),
                offset: at,
            },
            FnError::Eval(m) => EvalError::ty(m, at),
        })
    }

    /// A traversal that starts at a name: `var.x`, `local.y`, `module.m.out`,
    /// `data.t.n.attr`, `azurerm_x.y[0].attr`, `each.value`, a `for` variable...
    fn root(&mut self, name: &str, ops: &[&TraversalOperator], at: Option<usize>) -> R {
        let attr = |i: usize| match ops.get(i) {
            Some(TraversalOperator::GetAttr(a)) => Some(a.as_str().to_string()),
            _ => None,
        };
        if let Some(v) = self.binding(name).cloned() {
            return self.apply(v, ops, at);
        }
        let reference = |m: String| EvalError::Reference {
            message: m,
            offset: at,
        };
        match name {
            "var" => {
                let n = attr(0)
                    .ok_or_else(|| reference("`var` must be followed by a variable name".into()))?;
                let v = self
                    .env
                    .var(&n)
                    .ok_or_else(|| reference(format!("variable \"{n}\" is not declared")))?;
                self.apply(v, &ops[1..], at)
            }
            "local" => {
                let n = attr(0)
                    .ok_or_else(|| reference("`local` must be followed by a name".into()))?;
                let v = self
                    .env
                    .local(&n)
                    .ok_or_else(|| reference(format!("local value \"{n}\" is not declared")))??;
                self.apply(v, &ops[1..], at)
            }
            "data" | "ephemeral" => {
                // Data sources are read at plan time, ephemeral values never stored:
                // unknown here.
                Ok(Val::unknown())
            }
            "path" => {
                let n = attr(0).unwrap_or_default();
                let v = self.env.path(&n).map_or_else(Val::unknown, Val::Str);
                self.apply(v, &ops[1..], at)
            }
            "terraform" => {
                let v = match attr(0).as_deref() {
                    Some("workspace") => Val::str("default"),
                    _ => Val::unknown(),
                };
                self.apply(v, &ops[1..], at)
            }
            "self" | "each" | "count" => Ok(Val::unknown()),
            "module" => {
                let m = attr(0).ok_or_else(|| {
                    reference("`module` must be followed by a module name".into())
                })?;
                let exp = self
                    .env
                    .module(&m)
                    .ok_or_else(|| reference(format!("module \"{m}\" is not declared")))?;
                let rest = &ops[1..];
                let indexed = matches!(
                    rest.first(),
                    Some(TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_))
                );
                // `module.x` of a counted / for_each call, or `module.x` alone: the
                // module object(s) with all their outputs.
                if !indexed && matches!(exp, Expansion::Count(_) | Expansion::ForEach(_)) {
                    let coll = collection(&exp, |k| self.module_object(&m, Some(k)))?;
                    return self.apply(coll, rest, at);
                }
                let (key, rest) = self.instance_key(&exp, rest, at)?;
                let Some(key) = key else {
                    return Ok(Val::unknown());
                };
                match rest.first() {
                    Some(TraversalOperator::GetAttr(o)) => {
                        let v = self.env.module_output(&m, key.as_ref(), o.as_str())?;
                        self.apply(v, &rest[1..], at)
                    }
                    _ => {
                        let v = self.module_object(&m, key.as_ref())?;
                        self.apply(v, rest, at)
                    }
                }
            }
            ty => {
                let Some(n) = attr(0) else {
                    return Err(reference(format!("unknown name \"{ty}\"")));
                };
                let Some(exp) = self.env.resource(ty, &n) else {
                    return Err(reference(format!(
                        "reference to undeclared resource \"{ty}.{n}\""
                    )));
                };
                let rest = &ops[1..];
                // `azurerm_x.y[*].id` and `azurerm_x.y.*.id`: every instance.
                if matches!(
                    rest.first(),
                    Some(TraversalOperator::FullSplat(_) | TraversalOperator::AttrSplat(_))
                ) {
                    let keys = match &exp {
                        Expansion::Single => vec![None],
                        Expansion::Count(c) => (0..*c).map(|i| Some(Val::int(i as i64))).collect(),
                        Expansion::ForEach(ks) => {
                            ks.iter().map(|k| Some(Val::str(k.clone()))).collect()
                        }
                        Expansion::Unknown => {
                            return Ok(Val::unknown_ref(self.env.resource_address(ty, &n, None)))
                        }
                    };
                    let mut items = Vec::new();
                    for k in keys {
                        let v = self.instance_value(ty, &n, k.as_ref(), &rest[1..], at)?;
                        items.push(v);
                    }
                    return Ok(Val::Arr(items));
                }
                // The whole collection of a counted or for_each resource: a list or map
                // of instance objects (`for_each = azurerm_storage_account.lake`).
                let indexed = matches!(
                    rest.first(),
                    Some(TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_))
                );
                if !indexed && matches!(exp, Expansion::Count(_) | Expansion::ForEach(_)) {
                    let coll = collection(&exp, |k| Ok(self.env.resource_object(ty, &n, Some(k))))?;
                    return self.apply(coll, rest, at);
                }
                let (key, rest) = self.instance_key(&exp, rest, at)?;
                let Some(key) = key else {
                    return Ok(Val::unknown_ref(self.env.resource_address(ty, &n, None)));
                };
                self.instance_value(ty, &n, key.as_ref(), rest, at)
            }
        }
    }

    /// A module instance as an object of all its outputs.
    fn module_object(&mut self, name: &str, key: Option<&Val>) -> R {
        let mut o = BTreeMap::new();
        for out in self.env.module_outputs(name) {
            let v = self.env.module_output(name, key, &out)?;
            o.insert(out, v);
        }
        Ok(Val::Obj(o))
    }

    fn instance_value(
        &mut self,
        ty: &str,
        name: &str,
        key: Option<&Val>,
        rest: &[&TraversalOperator],
        at: Option<usize>,
    ) -> R {
        match rest.first() {
            Some(TraversalOperator::GetAttr(a)) => {
                let v = self.env.resource_attr(ty, name, key, a.as_str());
                self.apply(v, &rest[1..], at)
            }
            // The whole resource object.
            _ => {
                let v = self.env.resource_object(ty, name, key);
                self.apply(v, rest, at)
            }
        }
    }

    /// The instance key an index selects: `Ok((Some(None), rest))` for a single
    /// instance, `Ok((Some(Some(k)), rest))` for `[k]`, `Ok((None, _))` when unknown.
    #[allow(clippy::type_complexity)]
    fn instance_key<'o>(
        &mut self,
        exp: &Expansion,
        ops: &'o [&'o TraversalOperator],
        at: Option<usize>,
    ) -> Result<(Option<Option<Val>>, &'o [&'o TraversalOperator]), EvalError> {
        match exp {
            Expansion::Single => Ok((Some(None), ops)),
            Expansion::Unknown => Ok((None, ops)),
            _ => match ops.first() {
                Some(TraversalOperator::Index(e)) => {
                    let k = self.eval(e)?;
                    if k.is_unknown() {
                        return Ok((None, &ops[1..]));
                    }
                    Ok((Some(Some(k)), &ops[1..]))
                }
                Some(TraversalOperator::LegacyIndex(i)) => {
                    Ok((Some(Some(Val::int(*i.value() as i64))), &ops[1..]))
                }
                _ => Err(EvalError::ty(
                    "a resource with count or for_each must be indexed",
                    at,
                )),
            },
        }
    }

    /// Applies attribute access, indexing and splats to a value.
    pub fn apply(&mut self, mut v: Val, ops: &[&TraversalOperator], at: Option<usize>) -> R {
        for (i, op) in ops.iter().enumerate() {
            if v.is_unknown() {
                return Ok(v);
            }
            match op {
                TraversalOperator::GetAttr(a) => {
                    v = match &v {
                        Val::Obj(o) => match o.get(a.as_str()) {
                            Some(x) => x.clone(),
                            // An attribute the provider computes.
                            None if o.contains_key(ADDRESS_KEY) => match o.get(ADDRESS_KEY) {
                                Some(Val::Str(addr)) => Val::unknown_ref(addr.clone()),
                                _ => Val::unknown(),
                            },
                            None => {
                                return Err(EvalError::ty(
                                    format!("this object has no attribute \"{}\"", a.as_str()),
                                    at,
                                ))
                            }
                        },
                        Val::Null => {
                            return Err(EvalError::ty("attempt to get an attribute of null", at))
                        }
                        other => {
                            return Err(EvalError::ty(
                                format!(
                                    "a {} has no attribute \"{}\"",
                                    other.type_name(),
                                    a.as_str()
                                ),
                                at,
                            ))
                        }
                    }
                }
                TraversalOperator::Index(e) => {
                    let k = self.eval(e)?;
                    v = index(&v, &k, at)?;
                }
                TraversalOperator::LegacyIndex(n) => {
                    v = index(&v, &Val::int(*n.value() as i64), at)?;
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    let items = match v {
                        Val::Arr(a) => a,
                        Val::Null => Vec::new(),
                        other => vec![other],
                    };
                    let rest = &ops[i + 1..];
                    let mut out = Vec::with_capacity(items.len());
                    for item in items {
                        out.push(self.apply(item, rest, at)?);
                    }
                    return Ok(Val::Arr(out));
                }
            }
        }
        Ok(v)
    }
}

/// The instances of a counted (list) or `for_each` (map) block, built by `f`
/// from each instance key.
fn collection(exp: &Expansion, mut f: impl FnMut(&Val) -> R) -> R {
    Ok(match exp {
        Expansion::Count(c) => Val::Arr(
            (0..*c)
                .map(|i| f(&Val::int(i as i64)))
                .collect::<Result<_, _>>()?,
        ),
        Expansion::ForEach(ks) => Val::Obj(
            ks.iter()
                .map(|k| Ok((k.clone(), f(&Val::str(k.clone()))?)))
                .collect::<Result<_, EvalError>>()?,
        ),
        _ => Val::unknown(),
    })
}

fn index(v: &Val, k: &Val, at: Option<usize>) -> R {
    if let Some(u) = Val::unknown_of(&[v, k]) {
        if !v.is_unknown() && !k.is_unknown() {
            // Indexing a known key into a structure with unknown parts elsewhere.
        } else {
            return Ok(u);
        }
    }
    match v {
        Val::Arr(a) => {
            let i = as_f64(k).ok_or_else(|| EvalError::ty("a list index must be a number", at))?;
            if i < 0.0 || i.fract() != 0.0 {
                return Err(EvalError::ty(format!("invalid list index {i}"), at));
            }
            a.get(i as usize).cloned().ok_or_else(|| {
                EvalError::ty(
                    format!("index {i} out of range for a list of {} elements", a.len()),
                    at,
                )
            })
        }
        Val::Obj(o) => {
            let key =
                to_string(k).ok_or_else(|| EvalError::ty("a map key must be a string", at))?;
            o.get(&key).cloned().ok_or_else(|| {
                EvalError::ty(
                    format!("the given key \"{key}\" does not exist in the map"),
                    at,
                )
            })
        }
        other => Err(EvalError::ty(
            format!("a {} cannot be indexed", other.type_name()),
            at,
        )),
    }
}

/// Terraform equality: numbers by value, everything else structurally.
fn equal(a: &Val, b: &Val) -> bool {
    match (a, b) {
        (Val::Num(x), Val::Num(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// The (key, value) pairs a `for` iterates: list index or map key.
pub fn iterate(v: &Val) -> Option<Vec<(Val, Val)>> {
    match v {
        Val::Arr(a) => Some(
            a.iter()
                .enumerate()
                .map(|(i, x)| (Val::int(i as i64), x.clone()))
                .collect(),
        ),
        Val::Obj(o) => Some(
            o.iter()
                .map(|(k, x)| (Val::str(k.clone()), x.clone()))
                .collect(),
        ),
        Val::Null => Some(Vec::new()),
        _ => None,
    }
}
