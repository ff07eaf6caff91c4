//! ARM template expressions: parser and static evaluator.
//!
//! A JSON string in an Azure Resource Manager template that starts with `[` and
//! ends with `]` is an expression (`"[concat('vm', copyIndex())]"`); one that starts
//! with `[[` is a literal whose first bracket is an escape. This module parses the
//! expression language (function calls with case-insensitive names, single-quoted
//! strings with `''` escapes, integers, `.property` and `[index]` access) and
//! evaluates it statically, before any deployment, against a [`Context`] that knows
//! the template's parameters, variables, copy loops and scope.
//!
//! Whatever is known only at deployment time (`reference()`, `list*()`, `utcNow()`,
//! a parameter without a value, lambdas, user-defined functions, ...) evaluates to
//! [`Val::Unknown`], which carries the ids of the resources it depends on. Unknowns
//! propagate: a function whose needed arguments are unknown returns an unknown with
//! the union of their refs, and property or index access on an unknown is that
//! unknown. Structure is kept where it can be: `createArray`, `createObject`,
//! `union` and array `concat` keep unknown parts inside the values they build,
//! `if` with a known condition picks its branch, `coalesce` returns the first known
//! non-null value, and `length`/`empty` of an array or object with unknown members
//! are known.
//!
//! Resource ids are built with the context's subscription and resource group when
//! it knows them and otherwise with the placeholders [`SUBSCRIPTION_PLACEHOLDER`],
//! [`RESOURCE_GROUP_PLACEHOLDER`] and [`MANAGEMENT_GROUP_PLACEHOLDER`], so that
//! `resourceId(...)`, `resourceGroup().id` and `uniqueString(resourceGroup().id)`
//! give stable values that the resource graph can match on.
//!
//! `uniqueString()` and `guid()` are *not* Azure's algorithms: they are opaque,
//! stable values shaped like Azure's (13 lowercase base-32 characters; a GUID)
//! computed from a 64-bit FNV-1a hash of the arguments joined with `-`. They are
//! good as identity keys within a scan, never as the names Azure would produce.
//!
//! The evaluator never panics: nesting is limited to [`MAX_DEPTH`] levels (a syntax
//! error beyond), arithmetic is checked, and strings built by repetition (`format`,
//! `replace`, `padLeft`, `join`, ...) are limited to [`MAX_STRING_LEN`] bytes (the
//! size limit of a whole ARM template) and `split` to [`MAX_SPLIT`] pieces.

use crate::value::{Unknown, Val};
use serde_json::{Number, Value as Json};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Deepest nesting of calls, property and index accesses an expression may have.
pub const MAX_DEPTH: usize = 128;
/// Longest string (in bytes) a function may build.
pub const MAX_STRING_LEN: usize = 4 * 1024 * 1024;
/// Most pieces `split()` may produce.
pub const MAX_SPLIT: usize = 100_000;
/// Largest `count` of `range()`, as in ARM.
pub const MAX_RANGE: i64 = 10_000;
/// The subscription id in resource ids when the context does not know it.
pub const SUBSCRIPTION_PLACEHOLDER: &str = "{subscriptionId}";
/// The resource group name in resource ids when the context does not know it.
pub const RESOURCE_GROUP_PLACEHOLDER: &str = "{resourceGroupName}";
/// The management group name in `managementGroupResourceId()` when not given.
pub const MANAGEMENT_GROUP_PLACEHOLDER: &str = "{managementGroupName}";

/// Why an expression could not be parsed or evaluated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExprError {
    /// The expression text is malformed; `pos` is a character offset (see [`parse`]
    /// and [`eval_string`] for what it counts from).
    #[error("syntax error at character {pos}: {message}")]
    Syntax { pos: usize, message: String },
    /// The expression is well formed but cannot be evaluated (unknown function,
    /// wrong argument count or type, missing property, ...).
    #[error("{0}")]
    Eval(String),
}

/// What the expression can ask of the template it lives in.
pub trait Context {
    /// The value of a parameter; an error if it is not declared.
    fn parameter(&self, name: &str) -> Result<Val, ExprError>;
    /// The value of a variable; an error if it is not declared.
    fn variable(&self, name: &str) -> Result<Val, ExprError>;
    /// The current index of a copy loop (the named one, or the innermost resource
    /// loop): an integer or an unknown; an error outside a loop.
    fn copy_index(&self, loop_name: Option<&str>) -> Result<Val, ExprError>;
    /// The subscription deployed to; `None` when not known (the usual case).
    fn subscription_id(&self) -> Option<String>;
    /// The resource group deployed to; `None` when not known.
    fn resource_group_name(&self) -> Option<String>;
    /// languageVersion 2.0: the resource id of a resource's symbolic name.
    fn symbol_id(&self, symbolic_name: &str) -> Option<String>;
    /// `variables('v').a[0].b` (or `parameters(...)`) without copying all of `v`:
    /// the value at `path`, or `None` to let the caller evaluate it the long way
    /// (which also produces the proper error message).
    fn lookup(&self, _function: &str, _name: &str, _path: &[Seg]) -> Option<Val> {
        None
    }
}

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// `null` (bare, accepted leniently; `null()` is a call).
    Null,
    /// `true` / `false` (bare, accepted leniently).
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// A number literal with a fraction (accepted leniently).
    Float(f64),
    /// A single-quoted string literal, unescaped.
    Str(String),
    /// `name(args...)`; `name` as written (compared case-insensitively), `pos` the
    /// character offset of the name.
    Call {
        name: String,
        args: Vec<Expr>,
        pos: usize,
    },
    /// `target.name`.
    Property {
        target: Box<Expr>,
        name: String,
        pos: usize,
    },
    /// `target[index]`.
    Index {
        target: Box<Expr>,
        index: Box<Expr>,
        pos: usize,
    },
}

/// True when a template string is an expression: it starts with `[`, ends with
/// `]` and does not start with `[[` (an escaped literal).
pub fn is_expression(s: &str) -> bool {
    s.starts_with('[') && s.ends_with(']') && !s.starts_with("[[")
}

/// The literal text of an escaped template string: `"[[foo]"` → `"[foo]"`;
/// anything else is returned unchanged.
pub fn unescape_literal(s: &str) -> String {
    if s.starts_with("[[") && s.ends_with(']') {
        s.get(1..).unwrap_or(s).to_string()
    } else {
        s.to_string()
    }
}

/// Parses the text *inside* the outer brackets of an expression. Syntax error
/// positions are 0-based character offsets into `src`.
pub fn parse(src: &str) -> Result<Expr, ExprError> {
    let mut p = Parser {
        chars: src.chars().collect(),
        pos: 0,
    };
    p.skip_ws();
    let (e, _) = p.expr(1)?;
    p.skip_ws();
    if let Some(c) = p.peek() {
        return Err(p.error(
            p.pos,
            format!("unexpected '{c}' after the end of the expression"),
        ));
    }
    Ok(e)
}

/// Evaluates a JSON string value of a template: an expression is evaluated, an
/// escaped literal (`"[[..."`) is unescaped, anything else is a plain string.
/// Syntax error positions are 0-based character offsets into `s` (the opening
/// bracket is character 0).
pub fn eval_string(s: &str, ctx: &dyn Context) -> Result<Val, ExprError> {
    if !is_expression(s) {
        return Ok(Val::Str(unescape_literal(s)));
    }
    let inner = s.get(1..s.len().saturating_sub(1)).unwrap_or("");
    let expr = parse(inner).map_err(|e| match e {
        ExprError::Syntax { pos, message } => ExprError::Syntax {
            pos: pos.saturating_add(1),
            message,
        },
        other => other,
    })?;
    eval(&expr, ctx)
}

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '$'
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos.checked_add(offset)?).copied()
    }

    fn bump(&mut self) {
        self.pos = self.pos.saturating_add(1);
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn error(&self, pos: usize, message: impl Into<String>) -> ExprError {
        ExprError::Syntax {
            pos,
            message: message.into(),
        }
    }

    fn too_deep(&self) -> ExprError {
        self.error(
            self.pos,
            format!("expression is nested more than {MAX_DEPTH} levels deep"),
        )
    }

    /// Characters from `start` while `pred` holds.
    fn take_while(&mut self, pred: impl Fn(char) -> bool) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if !pred(c) {
                break;
            }
            s.push(c);
            self.bump();
        }
        s
    }

    /// One expression with its postfix accesses; returns it with its height.
    /// This and [`Parser::call_or_literal`] are the recursive part: they keep
    /// their frames small (everything else is in separate functions).
    fn expr(&mut self, depth: usize) -> Result<(Expr, usize), ExprError> {
        if depth > MAX_DEPTH {
            return Err(self.too_deep());
        }
        self.skip_ws();
        let (e, height) = if self.peek().is_some_and(is_ident_start) {
            self.call_or_literal(depth)?
        } else {
            (self.atom()?, 1)
        };
        self.postfix(e, height, depth)
    }

    /// `.name` and `[index]` accesses after an expression.
    fn postfix(
        &mut self,
        mut e: Expr,
        mut height: usize,
        depth: usize,
    ) -> Result<(Expr, usize), ExprError> {
        loop {
            self.skip_ws();
            let at = self.pos;
            match self.peek() {
                Some('.') => {
                    let name = self.property_name()?;
                    e = Expr::Property {
                        target: Box::new(e),
                        name,
                        pos: at,
                    };
                    height = height.saturating_add(1);
                }
                Some('[') => {
                    self.bump();
                    let (index, h) = self.expr(depth.saturating_add(1))?;
                    self.close_index()?;
                    e = Expr::Index {
                        target: Box::new(e),
                        index: Box::new(index),
                        pos: at,
                    };
                    height = height.max(h).saturating_add(1);
                }
                _ => break,
            }
            if height > MAX_DEPTH {
                return Err(self.too_deep());
            }
        }
        Ok((e, height))
    }

    /// A string or number literal.
    #[inline(never)]
    fn atom(&mut self) -> Result<Expr, ExprError> {
        let start = self.pos;
        match self.peek() {
            None => Err(self.error(start, "expected an expression, found the end of the text")),
            Some('\'') => Ok(Expr::Str(self.string()?)),
            Some(c) if c == '-' || c.is_ascii_digit() => self.number(),
            Some(c) => Err(self.error(start, format!("unexpected '{c}', expected an expression"))),
        }
    }

    /// `.name` (the parser is at the dot).
    #[inline(never)]
    fn property_name(&mut self) -> Result<String, ExprError> {
        self.bump();
        self.skip_ws();
        let name = self.take_while(is_name_char);
        if name.is_empty() {
            return Err(self.error(self.pos, "expected a property name after '.'"));
        }
        Ok(name)
    }

    /// The `]` closing an index.
    #[inline(never)]
    fn close_index(&mut self) -> Result<(), ExprError> {
        self.skip_ws();
        if self.peek() != Some(']') {
            return Err(self.error(self.pos, "expected ']' after the index"));
        }
        self.bump();
        Ok(())
    }

    /// `'...'` with `''` for a quote.
    fn string(&mut self) -> Result<String, ExprError> {
        let start = self.pos;
        self.bump();
        let mut s = String::new();
        loop {
            match self.peek() {
                None => return Err(self.error(start, "unterminated string literal")),
                Some('\'') => {
                    if self.peek_at(1) == Some('\'') {
                        s.push('\'');
                        self.bump();
                        self.bump();
                    } else {
                        self.bump();
                        return Ok(s);
                    }
                }
                Some(c) => {
                    s.push(c);
                    self.bump();
                }
            }
        }
    }

    /// An integer, possibly negative; a fraction is accepted leniently.
    fn number(&mut self) -> Result<Expr, ExprError> {
        let start = self.pos;
        let mut text = String::new();
        if self.peek() == Some('-') {
            text.push('-');
            self.bump();
        }
        let digits = self.take_while(|c| c.is_ascii_digit());
        if digits.is_empty() {
            return Err(self.error(start, "expected digits after '-'"));
        }
        text.push_str(&digits);
        if self.peek() == Some('.') && self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
            text.push('.');
            text.push_str(&self.take_while(|c| c.is_ascii_digit()));
            return match text.parse::<f64>() {
                Ok(f) if f.is_finite() => Ok(Expr::Float(f)),
                _ => Err(self.error(start, format!("invalid number '{text}'"))),
            };
        }
        if self.peek().is_some_and(is_ident_start) {
            return Err(self.error(self.pos, "unexpected letter after a number"));
        }
        text.parse::<i64>()
            .map(Expr::Int)
            .map_err(|_| self.error(start, format!("integer '{text}' is out of range")))
    }

    /// `name(args)`, or the bare literals `true`, `false`, `null`.
    fn call_or_literal(&mut self, depth: usize) -> Result<(Expr, usize), ExprError> {
        let start = self.pos;
        let name = self.take_while(|c| is_name_char(c) || c == '.');
        self.skip_ws();
        if self.peek() != Some('(') {
            return self.bare_literal(start, &name).map(|lit| (lit, 1));
        }
        self.check_function_name(start, &name)?;
        self.bump();
        let mut args = Vec::new();
        let mut height = 1usize;
        self.skip_ws();
        if self.peek() == Some(')') {
            self.bump();
        } else {
            loop {
                let (arg, h) = self.expr(depth.saturating_add(1))?;
                height = height.max(h.saturating_add(1));
                if height > MAX_DEPTH {
                    return Err(self.too_deep());
                }
                args.push(arg);
                if self.after_argument(&name)? {
                    break;
                }
            }
        }
        Ok((
            Expr::Call {
                name,
                args,
                pos: start,
            },
            height,
        ))
    }

    /// `true`, `false` or `null` without parentheses, possibly followed by a
    /// property access (`true.x`): the parser is put back after the literal.
    #[inline(never)]
    fn bare_literal(&mut self, start: usize, name: &str) -> Result<Expr, ExprError> {
        let head = name.split('.').next().unwrap_or("");
        let literal = match head.to_ascii_lowercase().as_str() {
            "true" => Expr::Bool(true),
            "false" => Expr::Bool(false),
            "null" => Expr::Null,
            _ => {
                return Err(self.error(
                    self.pos,
                    format!("expected '(' after the function name '{name}'"),
                ))
            }
        };
        self.pos = start.saturating_add(head.chars().count());
        Ok(literal)
    }

    #[inline(never)]
    fn check_function_name(&self, start: usize, name: &str) -> Result<(), ExprError> {
        if name.ends_with('.') || name.contains("..") {
            return Err(self.error(start, format!("invalid function name '{name}'")));
        }
        Ok(())
    }

    /// After an argument: `,` (more to come: `false`) or `)` (done: `true`).
    #[inline(never)]
    fn after_argument(&mut self, name: &str) -> Result<bool, ExprError> {
        self.skip_ws();
        match self.peek() {
            Some(',') => {
                self.bump();
                Ok(false)
            }
            Some(')') => {
                self.bump();
                Ok(true)
            }
            Some(c) => Err(self.error(
                self.pos,
                format!("unexpected '{c}' in the arguments of '{name}', expected ',' or ')'"),
            )),
            None => Err(self.error(
                self.pos,
                format!("unterminated argument list of '{name}', expected ')'"),
            )),
        }
    }
}

// ---------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------

type R = Result<Val, ExprError>;

fn fail(message: impl Into<String>) -> ExprError {
    ExprError::Eval(message.into())
}

/// One step into a value: `.name` or `[index]`.
#[derive(Debug, Clone, PartialEq)]
pub enum Seg {
    Prop(String),
    Index(Val),
}

/// Follows `path` into `v` by reference; `None` when a step does not exist. An
/// unknown met on the way is the answer.
pub fn navigate<'v>(mut v: &'v Val, path: &[Seg]) -> Option<&'v Val> {
    for seg in path {
        if v.is_unknown() {
            return Some(v);
        }
        v = match (seg, v) {
            (Seg::Prop(name), Val::Obj(_)) => v.get_ci(name)?,
            (Seg::Index(Val::Num(n)), Val::Arr(a)) => a.get(usize::try_from(n.as_i64()?).ok()?)?,
            (Seg::Index(Val::Str(k)), Val::Obj(_)) => v.get_ci(k)?,
            _ => return None,
        };
    }
    Some(v)
}

/// `variables('v')...` / `parameters('p')...` chains: (function, name, path).
fn projection(expr: &Expr, ctx: &dyn Context) -> Option<(String, String, Vec<Seg>)> {
    let mut segs = Vec::new();
    let mut e = expr;
    loop {
        match e {
            Expr::Property { target, name, .. } => {
                segs.push(Seg::Prop(name.clone()));
                e = target;
            }
            Expr::Index { target, index, .. } => {
                let i = eval(index, ctx).ok()?;
                if i.is_unknown() {
                    return None;
                }
                segs.push(Seg::Index(i));
                e = target;
            }
            Expr::Call { name, args, .. }
                if (name.eq_ignore_ascii_case("variables")
                    || name.eq_ignore_ascii_case("parameters"))
                    && args.len() == 1 =>
            {
                let Some(Expr::Str(n)) = args.first() else {
                    return None;
                };
                segs.reverse();
                return Some((name.to_ascii_lowercase(), n.clone(), segs));
            }
            _ => return None,
        }
    }
}

/// Evaluates a parsed expression.
pub fn eval(expr: &Expr, ctx: &dyn Context) -> R {
    if matches!(expr, Expr::Property { .. } | Expr::Index { .. }) {
        if let Some((function, name, path)) = projection(expr, ctx) {
            if let Some(v) = ctx.lookup(&function, &name, &path) {
                return Ok(v);
            }
        }
    }
    match expr {
        Expr::Null => Ok(Val::Null),
        Expr::Bool(b) => Ok(Val::Bool(*b)),
        Expr::Int(i) => Ok(Val::int(*i)),
        Expr::Float(f) => float_val("number literal", *f),
        Expr::Str(s) => Ok(Val::Str(s.clone())),
        Expr::Call { name, args, .. } => eval_call(name, args, ctx),
        Expr::Property { target, name, .. } => property(eval(target, ctx)?, name),
        Expr::Index { target, index, .. } => eval_index(target, index, ctx),
    }
}

fn eval_index(target: &Expr, index: &Expr, ctx: &dyn Context) -> R {
    let t = eval(target, ctx)?;
    let i = eval(index, ctx)?;
    index_val(t, i)
}

/// `target.name`: case-insensitive member of an object; unknown stays unknown.
fn property(target: Val, name: &str) -> R {
    match target {
        Val::Unknown(_) => Ok(target),
        Val::Obj(mut m) => {
            let key = if m.contains_key(name) {
                Some(name.to_string())
            } else {
                m.keys().find(|k| k.eq_ignore_ascii_case(name)).cloned()
            };
            match key.and_then(|k| m.remove(&k)) {
                Some(v) => Ok(v),
                None => {
                    let mut available: Vec<&str> = m.keys().take(20).map(String::as_str).collect();
                    if m.len() > 20 {
                        available.push("...");
                    }
                    Err(fail(format!(
                        "The language expression property '{name}' doesn't exist, available properties are '{}'.",
                        available.join(", ")
                    )))
                }
            }
        }
        other => Err(fail(format!(
            "The language expression property '{name}' cannot be evaluated: the value is {} {}, not an object.",
            article(other.type_name()),
            other.type_name()
        ))),
    }
}

fn article(type_name: &str) -> &'static str {
    match type_name.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// `target[index]`: array by integer, object by (case-insensitive) key.
fn index_val(target: Val, index: Val) -> R {
    if target.is_unknown() || index.is_unknown() {
        return Ok(deep_unknown(&[target, index]).unwrap_or_else(Val::unknown));
    }
    match (target, index) {
        (Val::Arr(mut a), Val::Num(n)) => {
            let len = a.len();
            let i = Val::Num(n.clone())
                .as_i64()
                .ok_or_else(|| fail(format!("The array index '{n}' is not an integer.")))?;
            match usize::try_from(i).ok().filter(|i| *i < len) {
                Some(i) => Ok(a.swap_remove(i)),
                None => Err(fail(format!(
                    "The language expression array index '{i}' is out of bounds: the array has {len} elements."
                ))),
            }
        }
        (t @ Val::Obj(_), Val::Str(k)) => property(t, &k),
        (t, i) => Err(fail(format!(
            "Cannot index {} {} with {} {}.",
            article(t.type_name()),
            t.type_name(),
            article(i.type_name()),
            i.type_name()
        ))),
    }
}

/// Functions whose values are only known at deployment, or that lzscan does not
/// evaluate statically: unknown, arguments not evaluated.
const DEPLOYMENT_TIME: &[&str] = &[
    "utcnow",
    "newguid",
    "datetimeadd",
    "datetimetoepoch",
    "datetimefromepoch",
    "deployment",
    "deployer",
    "tenant",
    "managementgroup",
    "pickzones",
    "roledefinitions",
    "cidrsubnet",
    "cidrhost",
    "parsecidr",
];

/// Lambda functions: unknown, arguments not evaluated.
const LAMBDA: &[&str] = &[
    "filter",
    "map",
    "reduce",
    "sort",
    "toobject",
    "groupby",
    "mapvalues",
    "lambda",
    "lambdavariables",
];

fn eval_call(name: &str, args: &[Expr], ctx: &dyn Context) -> R {
    let lname = name.to_ascii_lowercase();
    if lname.contains('.') {
        // A user-defined function `namespace.name`.
        return Ok(Val::unknown());
    }
    if DEPLOYMENT_TIME.contains(&lname.as_str()) || LAMBDA.contains(&lname.as_str()) {
        return Ok(Val::unknown());
    }
    if lname == "if" {
        return eval_if(name, args, ctx);
    }
    let mut vals = Vec::with_capacity(args.len());
    for a in args {
        vals.push(eval(a, ctx)?);
    }
    call_function(name, &lname, vals, ctx)
}

/// `if(cond, a, b)`: only the chosen branch is evaluated; with an unknown
/// condition both are, and the result is unknown (a branch that fails to
/// evaluate then contributes nothing).
fn eval_if(name: &str, args: &[Expr], ctx: &dyn Context) -> R {
    let [cond, yes, no] = args else {
        return Err(arity_error(name, 3, Some(3), args.len()));
    };
    match eval(cond, ctx)? {
        Val::Bool(true) => eval(yes, ctx),
        Val::Bool(false) => eval(no, ctx),
        c @ Val::Unknown(_) => {
            let mut refs = BTreeSet::new();
            c.collect_refs(&mut refs);
            for branch in [yes, no] {
                if let Ok(v) = eval(branch, ctx) {
                    v.collect_refs(&mut refs);
                }
            }
            Ok(Val::Unknown(Unknown { refs }))
        }
        other => Err(fail(format!(
            "{name}: the condition must be a boolean, got {}",
            other.type_name()
        ))),
    }
}

fn arity_error(name: &str, min: usize, max: Option<usize>, got: usize) -> ExprError {
    let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
    let expected = match max {
        Some(max) if max == min => format!("{min} {}", plural(min)),
        Some(max) => format!("{min} to {max} arguments"),
        None => format!("at least {min} {}", plural(min)),
    };
    fail(format!("{name} expects {expected}, got {got}"))
}

fn arity(name: &str, args: &[Val], min: usize, max: Option<usize>) -> Result<(), ExprError> {
    let n = args.len();
    if n < min || max.is_some_and(|m| n > m) {
        Err(arity_error(name, min, max, n))
    } else {
        Ok(())
    }
}

/// The unknown combining all refs if anything in `args` is (deeply) unknown.
fn deep_unknown(args: &[Val]) -> Option<Val> {
    let refs: Vec<&Val> = args.iter().collect();
    Val::unknown_of(&refs)
}

/// The unknown combining all refs if one of `args` is itself unknown.
fn top_unknown(args: &[Val]) -> Option<Val> {
    if args.iter().any(Val::is_unknown) {
        deep_unknown(args)
    } else {
        None
    }
}

fn float_val(name: &str, f: f64) -> R {
    Number::from_f64(f)
        .map(Val::Num)
        .ok_or_else(|| fail(format!("{name}: the result {f} is not a finite number")))
}

/// Calls a template function on evaluated arguments, as Bicep does for the same
/// functions (`concat`, `format`, `resourceId`, `uniqueString`, ...).
pub fn call(name: &str, args: Vec<Val>, ctx: &dyn Context) -> R {
    let lname = name.to_ascii_lowercase();
    if DEPLOYMENT_TIME.contains(&lname.as_str()) || LAMBDA.contains(&lname.as_str()) {
        return Ok(Val::unknown());
    }
    call_function(name, &lname, args, ctx)
}

/// Calls a function on evaluated arguments.
#[inline(never)]
fn call_function(name: &str, lname: &str, args: Vec<Val>, ctx: &dyn Context) -> R {
    if lname.starts_with("list") {
        arity(name, &args, 1, None)?;
        return Ok(reference_of(&args, ctx));
    }
    match lname {
        "parameters" | "variables" => {
            arity(name, &args, 1, Some(1))?;
            if let Some(u) = deep_unknown(&args) {
                return Ok(u);
            }
            let n = str_arg(name, &args, 0)?;
            if lname == "parameters" {
                ctx.parameter(n)
            } else {
                ctx.variable(n)
            }
        }
        "copyindex" => copy_index(name, &args, ctx),
        "resourceid" => resource_id(name, IdKind::ResourceGroup, &args, ctx),
        "subscriptionresourceid" => resource_id(name, IdKind::Subscription, &args, ctx),
        "tenantresourceid" => resource_id(name, IdKind::Tenant, &args, ctx),
        "extensionresourceid" => resource_id(name, IdKind::Extension, &args, ctx),
        "managementgroupresourceid" => resource_id(name, IdKind::ManagementGroup, &args, ctx),
        "resourcegroup" => {
            arity(name, &args, 0, Some(0))?;
            Ok(resource_group_object(ctx))
        }
        "subscription" => {
            arity(name, &args, 0, Some(0))?;
            Ok(subscription_object(ctx))
        }
        "reference" => {
            arity(name, &args, 1, Some(3))?;
            Ok(reference_of(&args, ctx))
        }
        "resourceinfo" => {
            arity(name, &args, 1, Some(1))?;
            Ok(reference_of(&args, ctx))
        }
        _ => builtin(name, lname, args),
    }
}

/// `copyIndex()`, `copyIndex(offset)`, `copyIndex('loop')`, `copyIndex('loop', offset)`
/// (and the two arguments the other way round).
fn copy_index(name: &str, args: &[Val], ctx: &dyn Context) -> R {
    arity(name, args, 0, Some(2))?;
    if let Some(u) = deep_unknown(args) {
        return Ok(u);
    }
    let mut loop_name: Option<&str> = None;
    let mut offset: Option<i64> = None;
    for (i, a) in args.iter().enumerate() {
        match a {
            Val::Str(s) if loop_name.is_none() => loop_name = Some(s),
            Val::Num(_) if offset.is_none() => offset = Some(int_arg(name, args, i)?),
            other => {
                return Err(fail(format!(
                    "{name}: expects an optional loop name (string) and an optional offset (integer), got {} as argument {}",
                    other.type_name(),
                    i.saturating_add(1)
                )))
            }
        }
    }
    let index = ctx.copy_index(loop_name)?;
    if index.is_unknown() {
        return Ok(index);
    }
    let i = index
        .as_i64()
        .ok_or_else(|| fail(format!("{name}: the copy index is not an integer")))?;
    i.checked_add(offset.unwrap_or(0))
        .map(Val::int)
        .ok_or_else(|| fail(format!("{name}: the index overflows")))
}

fn subscription_of(ctx: &dyn Context) -> String {
    ctx.subscription_id()
        .unwrap_or_else(|| SUBSCRIPTION_PLACEHOLDER.to_string())
}

fn resource_group_of(ctx: &dyn Context) -> String {
    ctx.resource_group_name()
        .unwrap_or_else(|| RESOURCE_GROUP_PLACEHOLDER.to_string())
}

fn obj(members: Vec<(&str, Val)>) -> Val {
    Val::Obj(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

fn resource_group_object(ctx: &dyn Context) -> Val {
    resource_group_scope(
        &Val::Str(subscription_of(ctx)),
        &Val::Str(resource_group_of(ctx)),
    )
}

fn subscription_object(ctx: &dyn Context) -> Val {
    subscription_scope(&Val::Str(subscription_of(ctx)))
}

/// The object `resourceGroup()` returns, for a given subscription and resource
/// group (Bicep's `resourceGroup(subId, name)` too). An unknown (or non-string)
/// value stays unknown where it is a field of its own, and becomes its placeholder
/// in the id, which still names the resource group wherever it is.
pub fn resource_group_scope(subscription: &Val, name: &Val) -> Val {
    let sub = subscription.as_str().unwrap_or(SUBSCRIPTION_PLACEHOLDER);
    let rg = name.as_str().unwrap_or(RESOURCE_GROUP_PLACEHOLDER);
    obj(vec![
        (
            "id",
            Val::Str(format!("/subscriptions/{sub}/resourceGroups/{rg}")),
        ),
        ("name", scope_field(name)),
        ("type", Val::str("Microsoft.Resources/resourceGroups")),
        ("location", Val::unknown()),
        ("properties", Val::unknown()),
        ("tags", Val::unknown()),
        ("managedBy", Val::unknown()),
    ])
}

/// The object `subscription()` returns, for a given subscription (Bicep's
/// `subscription(subId)` too); unknown values as in [`resource_group_scope`].
pub fn subscription_scope(subscription: &Val) -> Val {
    let sub = subscription.as_str().unwrap_or(SUBSCRIPTION_PLACEHOLDER);
    obj(vec![
        ("id", Val::Str(format!("/subscriptions/{sub}"))),
        ("subscriptionId", scope_field(subscription)),
        ("tenantId", Val::unknown()),
        ("displayName", Val::unknown()),
    ])
}

/// A scope object's own field: a string as it is, anything else unknown.
fn scope_field(v: &Val) -> Val {
    match v {
        Val::Str(_) | Val::Unknown(_) => v.clone(),
        _ => Val::unknown(),
    }
}

/// `environment()` of the public Azure cloud.
fn environment_object() -> Val {
    let s = Val::str;
    obj(vec![
        ("name", s("AzureCloud")),
        ("gallery", s("https://gallery.azure.com/")),
        ("graph", s("https://graph.windows.net/")),
        ("portal", s("https://portal.azure.com")),
        ("graphAudience", s("https://graph.windows.net/")),
        ("activeDirectoryDataLake", s("https://datalake.azure.net/")),
        ("batch", s("https://batch.core.windows.net/")),
        ("media", s("https://rest.media.azure.net")),
        ("sqlManagement", s("https://management.core.windows.net:8443/")),
        (
            "vmImageAliasDoc",
            s("https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json"),
        ),
        ("resourceManager", s("https://management.azure.com/")),
        (
            "authentication",
            obj(vec![
                ("loginEndpoint", s("https://login.microsoftonline.com/")),
                (
                    "audiences",
                    Val::Arr(vec![
                        s("https://management.core.windows.net/"),
                        s("https://management.azure.com/"),
                    ]),
                ),
                ("tenant", s("common")),
                ("identityProvider", s("AAD")),
            ]),
        ),
        (
            "suffixes",
            obj(vec![
                ("acrLoginServer", s(".azurecr.io")),
                ("azureDatalakeAnalyticsCatalogAndJob", s("azuredatalakeanalytics.net")),
                ("azureDatalakeStoreFileSystem", s("azuredatalakestore.net")),
                ("azureFrontDoorEndpointSuffix", s("azurefd.net")),
                ("keyvaultDns", s(".vault.azure.net")),
                ("sqlServerHostname", s(".database.windows.net")),
                ("storage", s("core.windows.net")),
            ]),
        ),
    ])
}

/// `reference(x, ...)`, `resourceInfo(x)`, `list*(x, ...)`: unknown, with a ref to
/// the resource `x` names when it can be told.
fn reference_of(args: &[Val], ctx: &dyn Context) -> Val {
    let Some(target) = args.first() else {
        return Val::unknown();
    };
    let s = match target {
        Val::Str(s) => s,
        other => {
            let mut refs = BTreeSet::new();
            other.collect_refs(&mut refs);
            return Val::Unknown(Unknown { refs });
        }
    };
    if s.starts_with('/') {
        return Val::unknown_ref(s.as_str());
    }
    if let Some(id) = ctx.symbol_id(s) {
        return Val::unknown_ref(id);
    }
    let segments: Vec<&str> = s.split('/').collect();
    let relative = segments.len() >= 3
        && segments.len() % 2 == 1
        && segments.first().is_some_and(|ns| ns.contains('.'))
        && segments.iter().all(|seg| !seg.is_empty());
    if relative {
        return Val::unknown_ref(format!(
            "/subscriptions/{}/resourceGroups/{}/providers/{s}",
            subscription_of(ctx),
            resource_group_of(ctx)
        ));
    }
    Val::unknown()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdKind {
    ResourceGroup,
    Subscription,
    Tenant,
    Extension,
    ManagementGroup,
}

/// True for a resource type argument: `Namespace.Name/type[/type...]`.
fn looks_like_type(s: &str) -> bool {
    s.contains('/') && s.split('/').next().is_some_and(|ns| ns.contains('.'))
}

/// `providers/{ns}/{type1}/{name1}/{type2}/{name2}...`
fn providers_path(name: &str, rtype: &str, names: &[String]) -> Result<String, ExprError> {
    let segs: Vec<&str> = rtype.trim_matches('/').split('/').collect();
    let (ns, types) = match segs.split_first() {
        Some((ns, types)) if !types.is_empty() => (*ns, types),
        _ => return Err(fail(format!("{name}: '{rtype}' is not a resource type"))),
    };
    let names: Vec<&str> = names.iter().flat_map(|n| n.split('/')).collect();
    if names.len() != types.len() {
        return Err(fail(format!(
            "{name}: the resource type '{rtype}' needs {} resource name{}, got {}",
            types.len(),
            if types.len() == 1 { "" } else { "s" },
            names.len()
        )));
    }
    let mut path = format!("providers/{ns}");
    for (t, n) in types.iter().zip(names) {
        path.push('/');
        path.push_str(t);
        path.push('/');
        path.push_str(n);
    }
    Ok(path)
}

fn resource_id(name: &str, kind: IdKind, args: &[Val], ctx: &dyn Context) -> R {
    let min = if kind == IdKind::Extension { 3 } else { 2 };
    arity(name, args, min, None)?;
    if let Some(u) = deep_unknown(args) {
        return Ok(u);
    }
    let mut strs = Vec::with_capacity(args.len());
    for (i, a) in args.iter().enumerate() {
        strs.push(match a {
            Val::Str(s) => s.clone(),
            Val::Num(n) => n.to_string(),
            other => {
                return Err(fail(format!(
                    "{name}: argument {} must be a string, got {}",
                    i.saturating_add(1),
                    other.type_name()
                )))
            }
        });
    }
    let (first_possible, max_leading) = match kind {
        IdKind::ResourceGroup => (0, 2),
        IdKind::Subscription | IdKind::ManagementGroup => (0, 1),
        IdKind::Tenant => (0, 0),
        IdKind::Extension => (1, 1),
    };
    let t = strs
        .iter()
        .enumerate()
        .skip(first_possible)
        .find(|(_, s)| looks_like_type(s))
        .map(|(i, _)| i)
        .filter(|i| *i <= max_leading)
        .ok_or_else(|| {
            fail(format!(
                "{name}: no resource type ('Namespace.Provider/type') among the first {} arguments",
                max_leading.saturating_add(1)
            ))
        })?;
    let leading = strs.get(..t).unwrap_or(&[]);
    let rtype = strs.get(t).map(String::as_str).unwrap_or("");
    let names = strs.get(t.saturating_add(1)..).unwrap_or(&[]);
    let path = providers_path(name, rtype, names)?;
    let id = match kind {
        IdKind::ResourceGroup => {
            let (sub, rg) = match leading {
                [sub, rg] => (sub.clone(), rg.clone()),
                [rg] => (subscription_of(ctx), rg.clone()),
                _ => (subscription_of(ctx), resource_group_of(ctx)),
            };
            format!("/subscriptions/{sub}/resourceGroups/{rg}/{path}")
        }
        IdKind::Subscription => {
            let sub = leading
                .first()
                .cloned()
                .unwrap_or_else(|| subscription_of(ctx));
            format!("/subscriptions/{sub}/{path}")
        }
        IdKind::Tenant => format!("/{path}"),
        IdKind::ManagementGroup => {
            let mg = leading
                .first()
                .cloned()
                .unwrap_or_else(|| MANAGEMENT_GROUP_PLACEHOLDER.to_string());
            format!("/providers/Microsoft.Management/managementGroups/{mg}/{path}")
        }
        IdKind::Extension => {
            let base = leading.first().map(String::as_str).unwrap_or("");
            format!("{}/{path}", base.trim_end_matches('/'))
        }
    };
    Ok(Val::Str(id))
}

// ---------------------------------------------------------------------------
// Argument helpers
// ---------------------------------------------------------------------------

fn type_error(name: &str, i: usize, expected: &str, got: &Val) -> ExprError {
    fail(format!(
        "{name}: argument {} must be {expected}, got {}",
        i.saturating_add(1),
        got.type_name()
    ))
}

fn arg<'v>(name: &str, args: &'v [Val], i: usize) -> Result<&'v Val, ExprError> {
    args.get(i).ok_or_else(|| {
        fail(format!(
            "{name}: argument {} is missing",
            i.saturating_add(1)
        ))
    })
}

fn str_arg<'v>(name: &str, args: &'v [Val], i: usize) -> Result<&'v str, ExprError> {
    match arg(name, args, i)? {
        Val::Str(s) => Ok(s),
        other => Err(type_error(name, i, "a string", other)),
    }
}

fn int_arg(name: &str, args: &[Val], i: usize) -> Result<i64, ExprError> {
    let v = arg(name, args, i)?;
    v.as_i64()
        .ok_or_else(|| type_error(name, i, "an integer", v))
}

fn bool_arg(name: &str, args: &[Val], i: usize) -> Result<bool, ExprError> {
    let v = arg(name, args, i)?;
    v.as_bool()
        .ok_or_else(|| type_error(name, i, "a boolean", v))
}

/// A scalar as text, the way ARM's string conversions print it (`True`/`False` for
/// booleans, nothing for null); `None` for arrays, objects and unknowns.
fn scalar_text(v: &Val) -> Option<String> {
    match v {
        Val::Str(s) => Some(s.clone()),
        Val::Num(n) => Some(n.to_string()),
        Val::Bool(true) => Some("True".into()),
        Val::Bool(false) => Some("False".into()),
        Val::Null => Some(String::new()),
        _ => None,
    }
}

/// Compact JSON text of a known value.
fn json_text(v: &Val) -> String {
    v.to_json()
        .and_then(|j| serde_json::to_string(&j).ok())
        .unwrap_or_default()
}

/// Appends `piece` unless the string would grow beyond [`MAX_STRING_LEN`].
fn push_limited(name: &str, out: &mut String, piece: &str) -> Result<(), ExprError> {
    if out.len().saturating_add(piece.len()) > MAX_STRING_LEN {
        return Err(fail(format!(
            "{name}: the result would be longer than {MAX_STRING_LEN} bytes"
        )));
    }
    out.push_str(piece);
    Ok(())
}

fn num_eq(a: &Number, b: &Number) -> bool {
    match (a.as_i64(), b.as_i64()) {
        (Some(x), Some(y)) => x == y,
        _ => match (a.as_u64(), b.as_u64()) {
            (Some(x), Some(y)) => x == y,
            _ => a.as_f64() == b.as_f64(),
        },
    }
}

/// Deep equality as ARM's `equals`: strings case-sensitive, numbers by value.
fn deep_eq(a: &Val, b: &Val) -> bool {
    match (a, b) {
        (Val::Num(x), Val::Num(y)) => num_eq(x, y),
        (Val::Arr(x), Val::Arr(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| deep_eq(p, q))
        }
        (Val::Obj(x), Val::Obj(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| deep_eq(v, w)))
        }
        _ => a == b,
    }
}

/// Canonical text of a known value, for set operations.
fn canonical(v: &Val) -> String {
    json_text(v)
}

fn compare(name: &str, a: &Val, b: &Val) -> Result<Ordering, ExprError> {
    match (a, b) {
        (Val::Num(x), Val::Num(y)) => Ok(match (x.as_i64(), y.as_i64()) {
            (Some(p), Some(q)) => p.cmp(&q),
            _ => {
                let p = x.as_f64().unwrap_or(0.0);
                let q = y.as_f64().unwrap_or(0.0);
                p.partial_cmp(&q).unwrap_or(Ordering::Equal)
            }
        }),
        (Val::Str(x), Val::Str(y)) => Ok(x.cmp(y)),
        _ => Err(fail(format!(
            "{name}: expects two integers or two strings, got {} and {}",
            a.type_name(),
            b.type_name()
        ))),
    }
}

/// Lowercases each character to one character, so character offsets survive.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

/// Character offset of a byte offset.
fn char_offset(s: &str, byte: usize) -> usize {
    s.get(..byte).map_or(0, |p| p.chars().count())
}

fn usize_to_val(n: usize) -> Val {
    Val::int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// A count argument clamped to `0..=len`.
fn clamp_count(n: i64, len: usize) -> usize {
    usize::try_from(n.max(0)).unwrap_or(usize::MAX).min(len)
}

// ---------------------------------------------------------------------------
// Built-in functions
// ---------------------------------------------------------------------------

/// Functions that handle unknown arguments themselves (keeping structure).
#[inline(never)]
fn builtin(name: &str, lname: &str, args: Vec<Val>) -> R {
    match lname {
        "null" => {
            arity(name, &args, 0, Some(0))?;
            Ok(Val::Null)
        }
        "true" | "false" => {
            arity(name, &args, 0, Some(0))?;
            Ok(Val::Bool(lname == "true"))
        }
        "environment" => {
            arity(name, &args, 0, Some(0))?;
            Ok(environment_object())
        }
        "createarray" => Ok(Val::Arr(args)),
        "createobject" => create_object(name, args),
        "concat" => concat(name, args),
        "union" => union(name, args),
        "coalesce" => {
            arity(name, &args, 1, None)?;
            for (i, a) in args.iter().enumerate() {
                match a {
                    Val::Null => {}
                    Val::Unknown(_) => {
                        return Ok(
                            deep_unknown(args.get(i..).unwrap_or(&[])).unwrap_or_else(Val::unknown)
                        )
                    }
                    _ => return Ok(a.clone()),
                }
            }
            Ok(Val::Null)
        }
        "and" | "or" => {
            arity(name, &args, 2, None)?;
            let decisive = lname == "or";
            let mut unknown = false;
            for (i, a) in args.iter().enumerate() {
                match a {
                    Val::Bool(b) if *b == decisive => return Ok(Val::Bool(decisive)),
                    Val::Bool(_) => {}
                    Val::Unknown(_) => unknown = true,
                    other => return Err(type_error(name, i, "a boolean", other)),
                }
            }
            if unknown {
                Ok(deep_unknown(&args).unwrap_or_else(Val::unknown))
            } else {
                Ok(Val::Bool(!decisive))
            }
        }
        "length" | "empty" => {
            arity(name, &args, 1, Some(1))?;
            let v = arg(name, &args, 0)?;
            let len = match v {
                Val::Unknown(_) => return Ok(v.clone()),
                Val::Null if lname == "empty" => 0,
                Val::Str(s) => s.chars().count(),
                Val::Arr(a) => a.len(),
                Val::Obj(o) => o.len(),
                other => {
                    return Err(type_error(
                        name,
                        0,
                        "a string, an array or an object",
                        other,
                    ))
                }
            };
            Ok(if lname == "empty" {
                Val::Bool(len == 0)
            } else {
                usize_to_val(len)
            })
        }
        "contains" => contains(name, args),
        "first" | "last" => {
            arity(name, &args, 1, Some(1))?;
            let first = lname == "first";
            match args.into_iter().next().unwrap_or(Val::Null) {
                v @ Val::Unknown(_) => Ok(v),
                Val::Arr(mut a) => {
                    Ok(if first { a.into_iter().next() } else { a.pop() }.unwrap_or(Val::Null))
                }
                Val::Str(s) => {
                    let c = if first {
                        s.chars().next()
                    } else {
                        s.chars().next_back()
                    };
                    Ok(Val::Str(c.map(String::from).unwrap_or_default()))
                }
                Val::Null => Ok(Val::Null),
                other => Err(type_error(name, 0, "an array or a string", &other)),
            }
        }
        "take" | "skip" => {
            arity(name, &args, 2, Some(2))?;
            if let Some(u) = top_unknown(&args) {
                return Ok(u);
            }
            let n = int_arg(name, &args, 1)?;
            let take = lname == "take";
            match args.into_iter().next().unwrap_or(Val::Null) {
                Val::Arr(a) => {
                    let k = clamp_count(n, a.len());
                    Ok(Val::Arr(if take {
                        a.into_iter().take(k).collect()
                    } else {
                        a.into_iter().skip(k).collect()
                    }))
                }
                Val::Str(s) => {
                    let k = clamp_count(n, s.chars().count());
                    Ok(Val::Str(if take {
                        s.chars().take(k).collect()
                    } else {
                        s.chars().skip(k).collect()
                    }))
                }
                other => Err(type_error(name, 0, "an array or a string", &other)),
            }
        }
        "items" | "objectkeys" => {
            arity(name, &args, 1, Some(1))?;
            match args.into_iter().next().unwrap_or(Val::Null) {
                v @ Val::Unknown(_) => Ok(v),
                Val::Obj(o) if lname == "items" => Ok(Val::Arr(
                    o.into_iter()
                        .map(|(k, v)| obj(vec![("key", Val::Str(k)), ("value", v)]))
                        .collect(),
                )),
                Val::Obj(o) => Ok(Val::Arr(o.into_keys().map(Val::Str).collect())),
                other => Err(type_error(name, 0, "an object", &other)),
            }
        }
        "array" => {
            arity(name, &args, 1, Some(1))?;
            match args.into_iter().next().unwrap_or(Val::Null) {
                v @ (Val::Unknown(_) | Val::Arr(_)) => Ok(v),
                v => Ok(Val::Arr(vec![v])),
            }
        }
        "tryget" => try_get(name, args),
        "shallowmerge" => shallow_merge(name, args),
        "flatten" => {
            arity(name, &args, 1, Some(1))?;
            match args.into_iter().next().unwrap_or(Val::Null) {
                v @ Val::Unknown(_) => Ok(v),
                Val::Arr(a) => {
                    if let Some(u) = top_unknown(&a) {
                        return Ok(u);
                    }
                    let mut out = Vec::new();
                    for (i, item) in a.into_iter().enumerate() {
                        match item {
                            Val::Arr(inner) => out.extend(inner),
                            other => {
                                return Err(fail(format!(
                                    "{name}: element {i} must be an array, got {}",
                                    other.type_name()
                                )))
                            }
                        }
                    }
                    Ok(Val::Arr(out))
                }
                other => Err(type_error(name, 0, "an array of arrays", &other)),
            }
        }
        _ => strict(name, lname, args),
    }
}

fn create_object(name: &str, args: Vec<Val>) -> R {
    if args.len() % 2 != 0 {
        return Err(fail(format!(
            "{name} expects an even number of arguments (key, value pairs), got {}",
            args.len()
        )));
    }
    if args.iter().step_by(2).any(Val::is_unknown) {
        return Ok(deep_unknown(&args).unwrap_or_else(Val::unknown));
    }
    let mut out = BTreeMap::new();
    let mut it = args.into_iter().enumerate();
    while let (Some((i, k)), Some((_, v))) = (it.next(), it.next()) {
        match k {
            Val::Str(k) => {
                out.insert(k, v);
            }
            other => return Err(type_error(name, i, "a string (a key)", &other)),
        }
    }
    Ok(Val::Obj(out))
}

fn concat(name: &str, args: Vec<Val>) -> R {
    arity(name, &args, 1, None)?;
    if let Some(u) = top_unknown(&args) {
        return Ok(u);
    }
    if args.iter().any(|a| matches!(a, Val::Arr(_))) {
        let mut out = Vec::new();
        for (i, a) in args.into_iter().enumerate() {
            match a {
                Val::Arr(items) => out.extend(items),
                Val::Null => {}
                other => {
                    return Err(fail(format!(
                        "{name}: cannot concatenate arrays with {} {} (argument {})",
                        article(other.type_name()),
                        other.type_name(),
                        i.saturating_add(1)
                    )))
                }
            }
        }
        return Ok(Val::Arr(out));
    }
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        match scalar_text(a) {
            Some(t) => push_limited(name, &mut out, &t)?,
            None => return Err(type_error(name, i, "a string or an array", a)),
        }
    }
    Ok(Val::Str(out))
}

/// Deep merge of `later` into `earlier` (objects merge recursively, last wins).
fn merge(earlier: Val, later: Val) -> Val {
    match (earlier, later) {
        (Val::Obj(mut x), Val::Obj(y)) => {
            for (k, v) in y {
                let existing = if x.contains_key(&k) {
                    Some(k.clone())
                } else {
                    x.keys().find(|e| e.eq_ignore_ascii_case(&k)).cloned()
                };
                match existing {
                    Some(e) => {
                        let old = x.remove(&e).unwrap_or(Val::Null);
                        x.insert(e, merge(old, v));
                    }
                    None => {
                        x.insert(k, v);
                    }
                }
            }
            Val::Obj(x)
        }
        (a @ Val::Unknown(_), b @ Val::Obj(_)) | (a @ Val::Obj(_), b @ Val::Unknown(_)) => {
            deep_unknown(&[a, b]).unwrap_or_else(Val::unknown)
        }
        (_, b) => b,
    }
}

fn union(name: &str, args: Vec<Val>) -> R {
    arity(name, &args, 1, None)?;
    if let Some(u) = top_unknown(&args) {
        return Ok(u);
    }
    let args: Vec<Val> = args.into_iter().filter(|a| *a != Val::Null).collect();
    if args.iter().all(|a| matches!(a, Val::Obj(_))) {
        let mut it = args.into_iter();
        let Some(mut acc) = it.next() else {
            return Ok(Val::Null);
        };
        for a in it {
            acc = merge(acc, a);
        }
        return Ok(acc);
    }
    if args.iter().all(|a| matches!(a, Val::Arr(_))) {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for a in args {
            if let Val::Arr(items) = a {
                for item in items {
                    if item.contains_unknown() || seen.insert(canonical(&item)) {
                        out.push(item);
                    }
                }
            }
        }
        return Ok(Val::Arr(out));
    }
    Err(fail(format!(
        "{name}: expects all objects or all arrays, got {}",
        args.iter()
            .map(Val::type_name)
            .collect::<Vec<_>>()
            .join(", ")
    )))
}

fn contains(name: &str, args: Vec<Val>) -> R {
    arity(name, &args, 2, Some(2))?;
    let (container, item) = match args.as_slice() {
        [c, i] => (c, i),
        _ => return Err(arity_error(name, 2, Some(2), args.len())),
    };
    if container.is_unknown() || item.contains_unknown() {
        return Ok(deep_unknown(&args).unwrap_or_else(Val::unknown));
    }
    match container {
        Val::Str(s) => match scalar_text(item) {
            Some(t) if !matches!(item, Val::Null) => Ok(Val::Bool(s.contains(t.as_str()))),
            _ => Err(type_error(
                name,
                1,
                "a string when searching a string",
                item,
            )),
        },
        Val::Obj(o) => match item {
            Val::Str(k) => Ok(Val::Bool(o.keys().any(|key| key.eq_ignore_ascii_case(k)))),
            other => Err(type_error(
                name,
                1,
                "a string when searching an object's keys",
                other,
            )),
        },
        Val::Arr(a) => {
            if a.iter().any(|e| !e.contains_unknown() && deep_eq(e, item)) {
                Ok(Val::Bool(true))
            } else if a.iter().any(Val::contains_unknown) {
                Ok(deep_unknown(&args).unwrap_or_else(Val::unknown))
            } else {
                Ok(Val::Bool(false))
            }
        }
        other => Err(type_error(
            name,
            0,
            "a string, an array or an object",
            other,
        )),
    }
}

/// `tryGet(value, key, ...)`: the member or element, or null when missing.
fn try_get(name: &str, args: Vec<Val>) -> R {
    arity(name, &args, 2, None)?;
    if args.iter().skip(1).any(Val::contains_unknown) {
        return Ok(deep_unknown(&args).unwrap_or_else(Val::unknown));
    }
    let mut it = args.into_iter();
    let mut cur = it.next().unwrap_or(Val::Null);
    for (i, key) in it.enumerate() {
        cur = match (cur, key) {
            (Val::Null, _) => return Ok(Val::Null),
            (u @ Val::Unknown(_), _) => return Ok(u),
            (o @ Val::Obj(_), Val::Str(k)) => o.get_ci(&k).cloned().unwrap_or(Val::Null),
            (Val::Arr(a), k @ Val::Num(_)) => k
                .as_i64()
                .and_then(|i| usize::try_from(i).ok())
                .and_then(|i| a.get(i).cloned())
                .unwrap_or(Val::Null),
            (c, k) => {
                return Err(fail(format!(
                    "{name}: cannot look up {} {} in {} {} (argument {})",
                    article(k.type_name()),
                    k.type_name(),
                    article(c.type_name()),
                    c.type_name(),
                    i.saturating_add(2)
                )))
            }
        };
    }
    Ok(cur)
}

/// `shallowMerge(array of objects)`: later top-level members win.
fn shallow_merge(name: &str, args: Vec<Val>) -> R {
    arity(name, &args, 1, Some(1))?;
    match args.into_iter().next().unwrap_or(Val::Null) {
        v @ Val::Unknown(_) => Ok(v),
        Val::Arr(a) => {
            if let Some(u) = top_unknown(&a) {
                return Ok(u);
            }
            let mut out = BTreeMap::new();
            for (i, item) in a.into_iter().enumerate() {
                match item {
                    Val::Obj(o) => out.extend(o),
                    Val::Null => {}
                    other => {
                        return Err(fail(format!(
                            "{name}: element {i} must be an object, got {}",
                            other.type_name()
                        )))
                    }
                }
            }
            Ok(Val::Obj(out))
        }
        other => Err(type_error(name, 0, "an array of objects", &other)),
    }
}

/// Argument counts of the functions that need every argument known.
fn signature(lname: &str) -> Option<(usize, Option<usize>)> {
    Some(match lname {
        "tolower"
        | "toupper"
        | "not"
        | "json"
        | "string"
        | "int"
        | "bool"
        | "float"
        | "trim"
        | "base64"
        | "base64tostring"
        | "base64tojson"
        | "uricomponent"
        | "uricomponenttostring" => (1, Some(1)),
        "equals" | "less" | "lessorequals" | "greater" | "greaterorequals" | "add" | "sub"
        | "mul" | "div" | "mod" | "range" | "split" | "join" | "indexof" | "lastindexof"
        | "startswith" | "endswith" | "uri" => (2, Some(2)),
        "replace" => (3, Some(3)),
        "substring" => (1, Some(3)),
        "padleft" => (2, Some(3)),
        "format" | "min" | "max" | "guid" | "uniquestring" => (1, None),
        "intersection" => (2, None),
        _ => return None,
    })
}

/// Functions that need every argument known: unknown in, unknown out.
#[inline(never)]
fn strict(name: &str, lname: &str, args: Vec<Val>) -> R {
    let Some((min, max)) = signature(lname) else {
        return Err(fail(format!("unknown function '{name}'")));
    };
    arity(name, &args, min, max)?;
    if let Some(u) = deep_unknown(&args) {
        return Ok(u);
    }
    match lname {
        "tolower" => Ok(Val::Str(str_arg(name, &args, 0)?.to_lowercase())),
        "toupper" => Ok(Val::Str(str_arg(name, &args, 0)?.to_uppercase())),
        "trim" => Ok(Val::str(str_arg(name, &args, 0)?.trim())),
        "not" => Ok(Val::Bool(!bool_arg(name, &args, 0)?)),
        "equals" => Ok(Val::Bool(deep_eq(
            arg(name, &args, 0)?,
            arg(name, &args, 1)?,
        ))),
        "less" | "lessorequals" | "greater" | "greaterorequals" => {
            let o = compare(name, arg(name, &args, 0)?, arg(name, &args, 1)?)?;
            Ok(Val::Bool(match lname {
                "less" => o == Ordering::Less,
                "lessorequals" => o != Ordering::Greater,
                "greater" => o == Ordering::Greater,
                _ => o != Ordering::Less,
            }))
        }
        "add" | "sub" | "mul" | "div" | "mod" => {
            let a = int_arg(name, &args, 0)?;
            let b = int_arg(name, &args, 1)?;
            if matches!(lname, "div" | "mod") && b == 0 {
                return Err(fail(format!("{name}: division by zero")));
            }
            let r = match lname {
                "add" => a.checked_add(b),
                "sub" => a.checked_sub(b),
                "mul" => a.checked_mul(b),
                "div" => a.checked_div(b),
                _ => a.checked_rem(b),
            };
            r.map(Val::int)
                .ok_or_else(|| fail(format!("{name}: integer overflow")))
        }
        "min" | "max" => {
            let items: &[Val] = match args.as_slice() {
                [Val::Arr(a)] => a,
                other => other,
            };
            let mut best: Option<i64> = None;
            for (i, v) in items.iter().enumerate() {
                let n = v
                    .as_i64()
                    .ok_or_else(|| type_error(name, i, "an integer", v))?;
                best = Some(match best {
                    Some(b) if lname == "min" => b.min(n),
                    Some(b) => b.max(n),
                    None => n,
                });
            }
            best.map(Val::int)
                .ok_or_else(|| fail(format!("{name}: the array is empty")))
        }
        "range" => {
            let start = int_arg(name, &args, 0)?;
            let count = int_arg(name, &args, 1)?;
            if !(0..=MAX_RANGE).contains(&count) {
                return Err(fail(format!(
                    "{name}: the count must be between 0 and {MAX_RANGE}, got {count}"
                )));
            }
            let end = start
                .checked_add(count)
                .ok_or_else(|| fail(format!("{name}: start plus count overflows")))?;
            Ok(Val::Arr((start..end).map(Val::int).collect()))
        }
        "intersection" => intersection(name, args),
        "json" => {
            let s = str_arg(name, &args, 0)?;
            serde_json::from_str::<Json>(s)
                .map(|j| Val::from_json(&j))
                .map_err(|e| fail(format!("{name}: invalid JSON: {e}")))
        }
        "string" => {
            let v = arg(name, &args, 0)?;
            Ok(Val::Str(scalar_text(v).unwrap_or_else(|| json_text(v))))
        }
        "int" => to_int(name, arg(name, &args, 0)?),
        "bool" => match arg(name, &args, 0)? {
            Val::Bool(b) => Ok(Val::Bool(*b)),
            Val::Str(s) if s.trim().eq_ignore_ascii_case("true") => Ok(Val::Bool(true)),
            Val::Str(s) if s.trim().eq_ignore_ascii_case("false") => Ok(Val::Bool(false)),
            v @ Val::Num(n) => match n.as_f64() {
                Some(f) => Ok(Val::Bool(f != 0.0)),
                None => Err(type_error(
                    name,
                    0,
                    "a boolean, 'true'/'false' or a number",
                    v,
                )),
            },
            other => Err(type_error(
                name,
                0,
                "a boolean, 'true'/'false' or a number",
                other,
            )),
        },
        "float" => match arg(name, &args, 0)? {
            Val::Num(n) => float_val(name, n.as_f64().unwrap_or(0.0)),
            Val::Str(s) => match s.trim().parse::<f64>() {
                Ok(f) => float_val(name, f),
                Err(_) => Err(fail(format!("{name}: '{s}' is not a number"))),
            },
            other => Err(type_error(name, 0, "a number or a string", other)),
        },
        "format" => format_fn(name, str_arg(name, &args, 0)?, args.get(1..).unwrap_or(&[])),
        "replace" => {
            let s = str_arg(name, &args, 0)?;
            let old = str_arg(name, &args, 1)?;
            let new = str_arg(name, &args, 2)?;
            if old.is_empty() {
                return Err(fail(format!(
                    "{name}: the string to replace must not be empty"
                )));
            }
            if new.len() > old.len() {
                let grow = new
                    .len()
                    .saturating_sub(old.len())
                    .saturating_mul(s.matches(old).count());
                if s.len().saturating_add(grow) > MAX_STRING_LEN {
                    return Err(fail(format!(
                        "{name}: the result would be longer than {MAX_STRING_LEN} bytes"
                    )));
                }
            }
            Ok(Val::Str(s.replace(old, new)))
        }
        "split" => {
            let s = str_arg(name, &args, 0)?;
            let delims: Vec<&str> = match arg(name, &args, 1)? {
                Val::Str(d) => vec![d.as_str()],
                Val::Arr(a) => {
                    let mut ds = Vec::with_capacity(a.len());
                    for d in a {
                        match d {
                            Val::Str(d) => ds.push(d.as_str()),
                            other => {
                                return Err(fail(format!(
                                    "{name}: delimiters must be strings, got {}",
                                    other.type_name()
                                )))
                            }
                        }
                    }
                    ds
                }
                other => {
                    return Err(type_error(
                        name,
                        1,
                        "a string or an array of strings",
                        other,
                    ))
                }
            };
            let pieces = split_multi(s, &delims)
                .ok_or_else(|| fail(format!("{name}: more than {MAX_SPLIT} pieces")))?;
            Ok(Val::Arr(pieces.into_iter().map(Val::Str).collect()))
        }
        "join" => {
            let items = match arg(name, &args, 0)? {
                Val::Arr(a) => a,
                other => return Err(type_error(name, 0, "an array", other)),
            };
            let delim = str_arg(name, &args, 1)?;
            let mut out = String::new();
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    push_limited(name, &mut out, delim)?;
                }
                match item {
                    Val::Arr(_) | Val::Obj(_) => {
                        return Err(fail(format!(
                            "{name}: element {i} must be a string, got {}",
                            item.type_name()
                        )))
                    }
                    v => push_limited(name, &mut out, &scalar_text(v).unwrap_or_default())?,
                }
            }
            Ok(Val::Str(out))
        }
        "substring" => {
            let s = str_arg(name, &args, 0)?;
            let chars: Vec<char> = s.chars().collect();
            let len = chars.len();
            let start = if args.len() > 1 {
                int_arg(name, &args, 1)?
            } else {
                0
            };
            let start = usize::try_from(start)
                .ok()
                .filter(|st| *st <= len)
                .ok_or_else(|| {
                    fail(format!(
                        "{name}: the start index {start} is outside the string (length {len})"
                    ))
                })?;
            let count = if args.len() > 2 {
                let c = int_arg(name, &args, 2)?;
                usize::try_from(c)
                    .ok()
                    .filter(|c| start.checked_add(*c).is_some_and(|end| end <= len))
                    .ok_or_else(|| {
                        fail(format!(
                            "{name}: the index and length parameters must refer to a location within the string (start {start}, length {c}, string length {len})"
                        ))
                    })?
            } else {
                len.saturating_sub(start)
            };
            Ok(Val::Str(chars.iter().skip(start).take(count).collect()))
        }
        "indexof" | "lastindexof" => {
            let last = lname == "lastindexof";
            match arg(name, &args, 0)? {
                Val::Arr(a) => {
                    let item = arg(name, &args, 1)?;
                    let pos = if last {
                        a.iter().rposition(|e| deep_eq(e, item))
                    } else {
                        a.iter().position(|e| deep_eq(e, item))
                    };
                    Ok(pos.map_or(Val::int(-1), usize_to_val))
                }
                Val::Str(s) => {
                    let needle = match arg(name, &args, 1)? {
                        v @ (Val::Str(_) | Val::Num(_) | Val::Bool(_)) => {
                            scalar_text(v).unwrap_or_default()
                        }
                        other => return Err(type_error(name, 1, "a string", other)),
                    };
                    let hay = fold(s);
                    let needle = fold(&needle);
                    let found = if last {
                        hay.rfind(&needle)
                    } else {
                        hay.find(&needle)
                    };
                    Ok(found.map_or(Val::int(-1), |b| usize_to_val(char_offset(&hay, b))))
                }
                other => Err(type_error(name, 0, "a string or an array", other)),
            }
        }
        "startswith" | "endswith" => {
            let s = fold(str_arg(name, &args, 0)?);
            let p = fold(str_arg(name, &args, 1)?);
            Ok(Val::Bool(if lname == "startswith" {
                s.starts_with(&p)
            } else {
                s.ends_with(&p)
            }))
        }
        "padleft" => {
            let v = arg(name, &args, 0)?;
            let s = match v {
                Val::Str(_) | Val::Num(_) => scalar_text(v).unwrap_or_default(),
                other => return Err(type_error(name, 0, "a string or an integer", other)),
            };
            let total = int_arg(name, &args, 1)?;
            let pad = if args.len() > 2 {
                let p = str_arg(name, &args, 2)?;
                p.chars().next().ok_or_else(|| {
                    fail(format!("{name}: the padding character must not be empty"))
                })?
            } else {
                ' '
            };
            let have = s.chars().count();
            let want = usize::try_from(total.max(0)).unwrap_or(usize::MAX);
            if want <= have {
                return Ok(Val::Str(s));
            }
            let missing = want.saturating_sub(have);
            if missing
                .saturating_mul(pad.len_utf8())
                .saturating_add(s.len())
                > MAX_STRING_LEN
            {
                return Err(fail(format!(
                    "{name}: the result would be longer than {MAX_STRING_LEN} bytes"
                )));
            }
            let mut out: String = std::iter::repeat_n(pad, missing).collect();
            out.push_str(&s);
            Ok(Val::Str(out))
        }
        "base64" => Ok(Val::Str(base64_encode(str_arg(name, &args, 0)?.as_bytes()))),
        "base64tostring" | "base64tojson" => {
            let bytes = base64_decode(str_arg(name, &args, 0)?)
                .ok_or_else(|| fail(format!("{name}: the argument is not valid base64")))?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            if lname == "base64tostring" {
                Ok(Val::Str(text))
            } else {
                serde_json::from_str::<Json>(&text)
                    .map(|j| Val::from_json(&j))
                    .map_err(|e| fail(format!("{name}: invalid JSON: {e}")))
            }
        }
        "uri" => uri_combine(name, str_arg(name, &args, 0)?, str_arg(name, &args, 1)?),
        "uricomponent" => Ok(Val::Str(percent_encode(str_arg(name, &args, 0)?))),
        "uricomponenttostring" => Ok(Val::Str(percent_decode(str_arg(name, &args, 0)?))),
        "guid" | "uniquestring" => {
            let mut parts = Vec::with_capacity(args.len());
            for (i, a) in args.iter().enumerate() {
                match a {
                    Val::Str(_) | Val::Num(_) | Val::Bool(_) => {
                        parts.push(scalar_text(a).unwrap_or_default())
                    }
                    other => return Err(type_error(name, i, "a string", other)),
                }
            }
            let joined = parts.join("-");
            Ok(Val::Str(if lname == "guid" {
                opaque_guid(&joined)
            } else {
                unique_string(&joined)
            }))
        }
        _ => Err(fail(format!("unknown function '{name}'"))),
    }
}

fn to_int(name: &str, v: &Val) -> R {
    match v {
        Val::Num(n) => {
            if let Some(i) = n.as_i64() {
                return Ok(Val::int(i));
            }
            let f = n.as_f64().unwrap_or(f64::NAN).trunc();
            if f.is_finite() && f >= i64::MIN as f64 && f < i64::MAX as f64 {
                Ok(Val::int(f as i64))
            } else {
                Err(fail(format!("{name}: {n} does not fit in an integer")))
            }
        }
        Val::Str(s) => s
            .trim()
            .parse::<i64>()
            .map(Val::int)
            .map_err(|_| fail(format!("{name}: '{s}' is not an integer"))),
        other => Err(type_error(name, 0, "a string or a number", other)),
    }
}

fn intersection(name: &str, args: Vec<Val>) -> R {
    if args.iter().all(|a| matches!(a, Val::Obj(_))) {
        let mut it = args.iter();
        let Some(Val::Obj(first)) = it.next() else {
            return Ok(Val::Null);
        };
        let rest: Vec<&BTreeMap<String, Val>> = it
            .filter_map(|a| match a {
                Val::Obj(o) => Some(o),
                _ => None,
            })
            .collect();
        let out = first
            .iter()
            .filter(|(k, v)| {
                rest.iter()
                    .all(|o| o.get(*k).is_some_and(|w| deep_eq(v, w)))
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        return Ok(Val::Obj(out));
    }
    if args.iter().all(|a| matches!(a, Val::Arr(_))) {
        let mut it = args.iter();
        let Some(Val::Arr(first)) = it.next() else {
            return Ok(Val::Null);
        };
        let rest: Vec<BTreeSet<String>> = it
            .filter_map(|a| match a {
                Val::Arr(items) => Some(items.iter().map(canonical).collect()),
                _ => None,
            })
            .collect();
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for item in first {
            let key = canonical(item);
            if rest.iter().all(|set| set.contains(&key)) && seen.insert(key) {
                out.push(item.clone());
            }
        }
        return Ok(Val::Arr(out));
    }
    Err(fail(format!(
        "{name}: expects all objects or all arrays, got {}",
        args.iter()
            .map(Val::type_name)
            .collect::<Vec<_>>()
            .join(", ")
    )))
}

/// Splits at any of `delims` (the first that matches at a position wins, as .NET
/// does); empty delimiters are ignored and empty pieces kept.
fn split_multi(s: &str, delims: &[&str]) -> Option<Vec<String>> {
    let delims: Vec<&str> = delims.iter().copied().filter(|d| !d.is_empty()).collect();
    if delims.is_empty() {
        return Some(vec![s.to_string()]);
    }
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while let Some(rest) = s.get(i..) {
        if rest.is_empty() {
            break;
        }
        if let Some(d) = delims.iter().find(|d| rest.starts_with(**d)) {
            if out.len() >= MAX_SPLIT {
                return None;
            }
            out.push(s.get(start..i).unwrap_or("").to_string());
            i = i.saturating_add(d.len());
            start = i;
        } else {
            i = i.saturating_add(rest.chars().next().map_or(1, char::len_utf8));
        }
    }
    out.push(s.get(start..).unwrap_or("").to_string());
    Some(out)
}

/// .NET composite formatting: `{0}`, `{1,-5}`, `{0:D3}`, `{{` and `}}`.
fn format_fn(name: &str, fmt: &str, args: &[Val]) -> R {
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0usize;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i.saturating_add(1)).copied();
        match c {
            '{' if next == Some('{') => {
                out.push('{');
                i = i.saturating_add(2);
            }
            '}' if next == Some('}') => {
                out.push('}');
                i = i.saturating_add(2);
            }
            '{' => {
                let open = i;
                let close = chars
                    .iter()
                    .skip(open)
                    .position(|&c| c == '}')
                    .and_then(|p| p.checked_add(open))
                    .ok_or_else(|| {
                        fail(format!("{name}: the format string has a '{{' without '}}'"))
                    })?;
                let item: String = chars
                    .get(open.saturating_add(1)..close)
                    .unwrap_or(&[])
                    .iter()
                    .collect();
                let piece = format_item(name, &item, args)?;
                push_limited(name, &mut out, &piece)?;
                i = close.saturating_add(1);
            }
            '}' => {
                return Err(fail(format!(
                    "{name}: the format string has a '}}' without '{{'"
                )))
            }
            c => {
                out.push(c);
                i = i.saturating_add(1);
            }
        }
    }
    Ok(Val::Str(out))
}

/// One `{index[,alignment][:format]}` item (without the braces).
fn format_item(name: &str, item: &str, args: &[Val]) -> Result<String, ExprError> {
    let (head, spec) = match item.split_once(':') {
        Some((h, s)) => (h, Some(s)),
        None => (item, None),
    };
    let (index, align) = match head.split_once(',') {
        Some((i, a)) => (i, Some(a)),
        None => (head, None),
    };
    let bad = || fail(format!("{name}: invalid format item '{{{item}}}'"));
    let index: usize = index.trim().parse().map_err(|_| bad())?;
    let v = args.get(index).ok_or_else(|| {
        fail(format!(
            "{name}: the format item '{{{item}}}' refers to argument {index}, but only {} were given",
            args.len()
        ))
    })?;
    let mut text = match (v, spec) {
        (Val::Num(n), Some(spec)) if n.as_i64().is_some() => {
            format_int(n.as_i64().unwrap_or(0), spec.trim())
        }
        _ => scalar_text(v).unwrap_or_else(|| json_text(v)),
    };
    if let Some(a) = align {
        let width: i64 = a.trim().parse().map_err(|_| bad())?;
        let want = usize::try_from(width.unsigned_abs()).unwrap_or(usize::MAX);
        if want > MAX_STRING_LEN {
            return Err(fail(format!(
                "{name}: the alignment {width} is larger than {MAX_STRING_LEN}"
            )));
        }
        let have = text.chars().count();
        if want > have {
            let pad = " ".repeat(want.saturating_sub(have));
            text = if width < 0 { text + &pad } else { pad + &text };
        }
    }
    Ok(text)
}

/// Standard numeric formats of integers: `D`/`d` (zero-padded), `X`/`x` (hex),
/// `N`/`n` (thousands separators); others print the plain number.
fn format_int(n: i64, spec: &str) -> String {
    let mut chars = spec.chars();
    let kind = chars.next();
    let precision: usize = chars.as_str().parse::<usize>().unwrap_or(0).min(1000);
    match kind {
        Some('D' | 'd') => {
            let digits = n.unsigned_abs().to_string();
            let zeros = "0".repeat(precision.saturating_sub(digits.len()));
            format!("{}{zeros}{digits}", if n < 0 { "-" } else { "" })
        }
        Some('X') => format!("{n:0precision$X}"),
        Some('x') => format!("{n:0precision$x}"),
        Some('N' | 'n') => {
            let digits = n.unsigned_abs().to_string();
            let mut grouped = String::new();
            let len = digits.len();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && len.saturating_sub(i) % 3 == 0 {
                    grouped.push(',');
                }
                grouped.push(c);
            }
            let sign = if n < 0 { "-" } else { "" };
            if precision > 0 {
                format!("{sign}{grouped}.{}", "0".repeat(precision))
            } else {
                format!("{sign}{grouped}")
            }
        }
        _ => n.to_string(),
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3).saturating_mul(4));
    for chunk in bytes.chunks(3) {
        let b0 = chunk.first().copied().unwrap_or(0);
        let b1 = chunk.get(1).copied().unwrap_or(0);
        let b2 = chunk.get(2).copied().unwrap_or(0);
        let n = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
        let sextet = |shift: u32| {
            char::from(
                BASE64
                    .get(((n >> shift) & 63) as usize)
                    .copied()
                    .unwrap_or(b'A'),
            )
        };
        out.push(sextet(18));
        out.push(sextet(12));
        out.push(if chunk.len() > 1 { sextet(6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(0) } else { '=' });
    }
    out
}

/// Standard base64 (whitespace ignored, padding optional); `None` if invalid.
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let body = s.trim_end_matches(|c: char| c == '=' || c.is_whitespace());
    let mut out = Vec::with_capacity(body.len().saturating_mul(3) / 4);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for c in body.chars().filter(|c| !c.is_whitespace()) {
        let v = match c {
            'A'..='Z' => c as u32 - 'A' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 26,
            '0'..='9' => c as u32 - '0' as u32 + 52,
            '+' | '-' => 62,
            '/' | '_' => 63,
            _ => return None,
        };
        acc = ((acc << 6) | v) & 0x00FF_FFFF;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xFF) as u8);
        }
    }
    // A lone trailing sextet cannot encode a byte.
    if bits >= 6 {
        return None;
    }
    Some(out)
}

/// `uri(base, relative)`: RFC 3986 reference resolution, without dot-segment
/// removal.
fn uri_combine(name: &str, base: &str, relative: &str) -> R {
    let scheme_end = base
        .find("://")
        .filter(|i| {
            *i > 0
                && base.get(..*i).is_some_and(|s| {
                    s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                })
        })
        .ok_or_else(|| fail(format!("{name}: '{base}' is not an absolute URI")))?;
    let has_scheme = |s: &str| {
        s.find(':').is_some_and(|i| {
            i > 0
                && s.get(..i).is_some_and(|p| {
                    p.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                        && p.chars()
                            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                })
        })
    };
    if has_scheme(relative) {
        return Ok(Val::str(relative));
    }
    let scheme = base.get(..scheme_end).unwrap_or("");
    let after = base.get(scheme_end.saturating_add(3)..).unwrap_or("");
    let authority_len = after.find(['/', '?', '#']).unwrap_or(after.len());
    let authority = after.get(..authority_len).unwrap_or("");
    let rest = after.get(authority_len..).unwrap_or("");
    let path = rest.split(['?', '#']).next().unwrap_or("");
    let query = rest.get(path.len()..).unwrap_or("");
    let query = query.split('#').next().unwrap_or("");
    let joined = if relative.starts_with("//") {
        format!("{scheme}:{relative}")
    } else if relative.starts_with('/') {
        format!("{scheme}://{authority}{relative}")
    } else if relative.is_empty() {
        format!("{scheme}://{authority}{path}{query}")
    } else if relative.starts_with('?') {
        format!("{scheme}://{authority}{path}{relative}")
    } else if relative.starts_with('#') {
        format!("{scheme}://{authority}{path}{query}{relative}")
    } else {
        let dir = match path.rfind('/') {
            Some(i) => path.get(..=i).unwrap_or("/"),
            None => "/",
        };
        format!("{scheme}://{authority}{dir}{relative}")
    };
    Ok(Val::Str(joined))
}

/// Percent-encoding of everything but RFC 3986 unreserved characters, as .NET's
/// `Uri.EscapeDataString`.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes (invalid escapes stay as they are).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes
                .get(i.saturating_add(1)..i.saturating_add(3))
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(v) = hex {
                out.push(v);
                i = i.saturating_add(3);
                continue;
            }
        }
        out.push(b);
        i = i.saturating_add(1);
    }
    String::from_utf8_lossy(&out).into_owned()
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// 64-bit FNV-1a.
fn fnv1a(seed: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(seed, |h, b| (h ^ u64::from(*b)).wrapping_mul(FNV_PRIME))
}

/// An opaque, stable stand-in for Azure's `uniqueString()`: 13 lowercase base-32
/// characters of a 64-bit FNV-1a hash (not Azure's algorithm).
fn unique_string(joined: &str) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut h = fnv1a(FNV_OFFSET, joined.as_bytes());
    let mut out = String::with_capacity(13);
    for _ in 0..13 {
        out.push(char::from(
            ALPHABET.get((h & 31) as usize).copied().unwrap_or(b'a'),
        ));
        h >>= 5;
    }
    out
}

/// An opaque, stable GUID-shaped stand-in for Azure's `guid()` (version-5 and
/// variant bits set; not Azure's algorithm).
fn opaque_guid(joined: &str) -> String {
    let hi = fnv1a(FNV_OFFSET, joined.as_bytes());
    let lo = fnv1a(hi ^ 0x9e37_79b9_7f4a_7c15, joined.as_bytes());
    let hi = (hi & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_5000;
    let lo = (lo & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xFFFF,
        hi & 0xFFFF,
        lo >> 48,
        lo & 0xFFFF_FFFF_FFFF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small template: a few parameters, a variable, one copy loop, a symbol.
    struct TestCtx {
        params: BTreeMap<String, Val>,
        vars: BTreeMap<String, Val>,
        copy: Option<(String, Val)>,
        sub: Option<String>,
        rg: Option<String>,
        symbols: BTreeMap<String, String>,
    }

    const STORAGE_ID: &str =
        "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/st";

    fn j(text: &str) -> Val {
        Val::from_json(&serde_json::from_str::<Json>(text).expect("test JSON"))
    }

    fn ctx() -> TestCtx {
        let mut params = BTreeMap::new();
        params.insert("name".to_string(), Val::str("Stor"));
        params.insert("count".to_string(), Val::int(3));
        params.insert("flag".to_string(), Val::Bool(true));
        params.insert(
            "obj".to_string(),
            j(r#"{"a": {"b": [1, 2, {"c": "deep"}]}, "Tags": {"env": "prod"}}"#),
        );
        params.insert("arr".to_string(), j(r#"["a", "b", "c"]"#));
        params.insert("unk".to_string(), Val::unknown_ref("/u1"));
        params.insert("unk2".to_string(), Val::unknown_ref("/u2"));
        params.insert("nothing".to_string(), Val::unknown());
        let mut vars = BTreeMap::new();
        vars.insert("prefix".to_string(), Val::str("pre"));
        vars.insert(
            "mixed".to_string(),
            Val::Arr(vec![Val::int(1), Val::unknown_ref("/m")]),
        );
        let mut symbols = BTreeMap::new();
        symbols.insert("storage".to_string(), STORAGE_ID.to_string());
        TestCtx {
            params,
            vars,
            copy: Some(("loop".to_string(), Val::int(2))),
            sub: None,
            rg: None,
            symbols,
        }
    }

    impl Context for TestCtx {
        fn parameter(&self, name: &str) -> Result<Val, ExprError> {
            self.params
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
                .ok_or_else(|| ExprError::Eval(format!("parameter '{name}' is not declared")))
        }
        fn variable(&self, name: &str) -> Result<Val, ExprError> {
            self.vars
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
                .ok_or_else(|| ExprError::Eval(format!("variable '{name}' is not declared")))
        }
        fn copy_index(&self, loop_name: Option<&str>) -> Result<Val, ExprError> {
            match (&self.copy, loop_name) {
                (Some((_, v)), None) => Ok(v.clone()),
                (Some((n, v)), Some(l)) if n.eq_ignore_ascii_case(l) => Ok(v.clone()),
                _ => Err(ExprError::Eval("copyIndex() outside a copy loop".into())),
            }
        }
        fn subscription_id(&self) -> Option<String> {
            self.sub.clone()
        }
        fn resource_group_name(&self) -> Option<String> {
            self.rg.clone()
        }
        fn symbol_id(&self, symbolic_name: &str) -> Option<String> {
            self.symbols.get(symbolic_name).cloned()
        }
    }

    fn ev_in(c: &TestCtx, s: &str) -> Val {
        match eval_string(s, c) {
            Ok(v) => v,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    fn ev(s: &str) -> Val {
        ev_in(&ctx(), s)
    }

    fn err(s: &str) -> String {
        match eval_string(s, &ctx()) {
            Ok(v) => panic!("{s}: expected an error, got {v:?}"),
            Err(e) => e.to_string(),
        }
    }

    fn refs(v: &Val) -> Vec<String> {
        match v {
            Val::Unknown(u) => u.refs.iter().cloned().collect(),
            other => panic!("expected an unknown, got {other:?}"),
        }
    }

    fn s(text: &str) -> Val {
        Val::str(text)
    }

    #[test]
    fn scope_objects_for_given_subscription_and_resource_group() {
        let sub = Val::str("11111111-1111-1111-1111-111111111111");
        let rg = resource_group_scope(&sub, &Val::str("rg-a"));
        assert_eq!(
            rg.get_ci("id"),
            Some(&Val::str(
                "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-a"
            ))
        );
        assert_eq!(rg.get_ci("name"), Some(&Val::str("rg-a")));
        let unknown = Val::unknown_ref("x");
        let rg = resource_group_scope(&unknown, &unknown);
        assert_eq!(
            rg.get_ci("id"),
            Some(&Val::str(
                "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}"
            )),
            "the id names the resource group wherever it is"
        );
        assert_eq!(rg.get_ci("name"), Some(&unknown));
        let s = subscription_scope(&sub);
        assert_eq!(
            s.get_ci("id"),
            Some(&Val::str(
                "/subscriptions/11111111-1111-1111-1111-111111111111"
            ))
        );
        assert_eq!(s.get_ci("subscriptionId"), Some(&sub));
        assert!(subscription_scope(&Val::int(3))
            .get_ci("subscriptionId")
            .is_some_and(Val::is_unknown));
    }

    #[test]
    fn literals_and_escapes() {
        assert!(is_expression("[concat('a')]"));
        assert!(!is_expression("[[concat('a')]"));
        assert!(!is_expression("plain"));
        assert!(!is_expression("[unterminated"));
        assert_eq!(unescape_literal("[[foo]"), "[foo]");
        assert_eq!(unescape_literal("plain"), "plain");
        assert_eq!(unescape_literal("[x]"), "[x]");
        assert_eq!(ev("plain text"), s("plain text"));
        assert_eq!(ev("[[concat('a')]"), s("[concat('a')]"));
        assert_eq!(ev("['it''s']"), s("it's"));
        assert_eq!(ev("['']"), s(""));
        assert_eq!(ev("[42]"), Val::int(42));
        assert_eq!(ev("[-7]"), Val::int(-7));
        assert_eq!(ev("[ true ]"), Val::Bool(true));
        assert_eq!(ev("[False]"), Val::Bool(false));
        assert_eq!(ev("[null]"), Val::Null);
        assert_eq!(ev("[null()]"), Val::Null);
        assert_eq!(ev("[true()]"), Val::Bool(true));
        assert_eq!(ev("[false()]"), Val::Bool(false));
        assert_eq!(ev("[1.5]"), j("1.5"));
        assert_eq!(
            parse("concat ( 'a' , 1 )"),
            Ok(Expr::Call {
                name: "concat".into(),
                args: vec![Expr::Str("a".into()), Expr::Int(1)],
                pos: 0
            })
        );
    }

    #[test]
    fn parameters_variables_and_copy_index() {
        assert_eq!(ev("[parameters('name')]"), s("Stor"));
        assert_eq!(ev("[PARAMETERS('NAME')]"), s("Stor"));
        assert_eq!(ev("[variables('prefix')]"), s("pre"));
        assert!(err("[parameters('missing')]").contains("not declared"));
        assert!(err("[variables('missing')]").contains("not declared"));
        assert!(err("[parameters(1)]").contains("parameters"));
        assert_eq!(ev("[copyIndex()]"), Val::int(2));
        assert_eq!(ev("[copyIndex(1)]"), Val::int(3));
        assert_eq!(ev("[copyIndex('loop')]"), Val::int(2));
        assert_eq!(ev("[copyIndex('loop', 10)]"), Val::int(12));
        assert_eq!(ev("[copyIndex(10, 'loop')]"), Val::int(12));
        assert!(err("[copyIndex('other')]").contains("outside"));
        assert!(err("[copyIndex(1, 2)]").contains("copyIndex"));
        assert!(err("[copyIndex(1, 2, 3)]").contains("copyIndex expects 0 to 2 arguments"));
        let mut c = ctx();
        c.copy = Some(("loop".into(), Val::unknown_ref("/count")));
        assert_eq!(refs(&ev_in(&c, "[copyIndex(1)]")), vec!["/count"]);
        assert_eq!(
            ev("[concat(parameters('name'), '-', copyIndex(1))]"),
            s("Stor-3")
        );
    }

    #[test]
    fn concat_and_format() {
        assert_eq!(ev("[concat('a', 'b', 'c')]"), s("abc"));
        assert_eq!(ev("[concat('vm', 1, true)]"), s("vm1True"));
        assert_eq!(
            ev("[concat(createArray(1), createArray(2, 3))]"),
            j("[1, 2, 3]")
        );
        assert!(err("[concat('a', createObject())]").contains("concat"));
        assert!(err("[concat(createArray(1), 'a')]").contains("concat"));
        assert!(err("[concat()]").contains("concat expects at least 1 argument"));
        assert_eq!(ev("[format('{0}-{1}', 'a', 2)]"), s("a-2"));
        assert_eq!(ev("[format('{0:D}', 7)]"), s("7"));
        assert_eq!(ev("[format('{0:D3}', 7)]"), s("007"));
        assert_eq!(ev("[format('{0:N0}', 1234567)]"), s("1,234,567"));
        assert_eq!(ev("[format('{0:x}', 255)]"), s("ff"));
        assert_eq!(ev("[format('{{{0}}}', 'x')]"), s("{x}"));
        assert_eq!(ev("[format('[{0,4}|{0,-4}]', 'ab')]"), s("[  ab|ab  ]"));
        assert_eq!(ev("[format('{0}', true)]"), s("True"));
        assert_eq!(ev("[format('{0}', createArray(1))]"), s("[1]"));
        assert!(err("[format('{1}', 'a')]").contains("format"));
        assert!(err("[format('{0', 'a')]").contains("format"));
        assert!(err("[format('}', 'a')]").contains("format"));
        assert!(err("[format('{x}', 'a')]").contains("format"));
    }

    #[test]
    fn string_functions() {
        assert_eq!(ev("[toLower('AbC')]"), s("abc"));
        assert_eq!(ev("[toUpper('AbC')]"), s("ABC"));
        assert!(err("[toLower(1)]").contains("toLower: argument 1 must be a string"));
        assert!(err("[toUpper('a', 'b')]").contains("toUpper expects 1 argument, got 2"));
        assert_eq!(ev("[trim('  a b  ')]"), s("a b"));
        assert_eq!(ev("[replace('a-b-c', '-', '_')]"), s("a_b_c"));
        assert!(err("[replace('abc', '', 'x')]").contains("replace"));
        assert_eq!(ev("[split('a,b,,c', ',')]"), j(r#"["a","b","","c"]"#));
        assert_eq!(
            ev("[split('a,b;c', createArray(',', ';'))]"),
            j(r#"["a","b","c"]"#)
        );
        assert_eq!(ev("[join(createArray('a', 'b', 1), '-')]"), s("a-b-1"));
        assert!(err("[join(createArray(createArray()), '-')]").contains("join"));
        assert_eq!(ev("[substring('hello', 1, 3)]"), s("ell"));
        assert_eq!(ev("[substring('hello', 2)]"), s("llo"));
        assert!(err("[substring('hello', 3, 5)]").contains("substring"));
        assert!(err("[substring('hello', -1)]").contains("substring"));
        assert_eq!(ev("[take('hello', 2)]"), s("he"));
        assert_eq!(ev("[take('hello', 99)]"), s("hello"));
        assert_eq!(ev("[skip('hello', 3)]"), s("lo"));
        assert_eq!(ev("[skip('hello', -3)]"), s("hello"));
        assert_eq!(ev("[take(createArray(1, 2, 3), 2)]"), j("[1, 2]"));
        assert_eq!(ev("[skip(createArray(1, 2, 3), 2)]"), j("[3]"));
        assert_eq!(ev("[first('abc')]"), s("a"));
        assert_eq!(ev("[last('abc')]"), s("c"));
        assert_eq!(ev("[first(createArray(1, 2))]"), Val::int(1));
        assert_eq!(ev("[last(createArray(1, 2))]"), Val::int(2));
        assert_eq!(ev("[first(createArray())]"), Val::Null);
        assert_eq!(ev("[indexOf('abcABC', 'B')]"), Val::int(1));
        assert_eq!(ev("[lastIndexOf('abcABC', 'b')]"), Val::int(4));
        assert_eq!(ev("[indexOf('abc', 'z')]"), Val::int(-1));
        assert_eq!(ev("[indexOf('żółw', 'W')]"), Val::int(3));
        assert_eq!(
            ev("[indexOf(createArray('a', 'b', 'a'), 'a')]"),
            Val::int(0)
        );
        assert_eq!(
            ev("[lastIndexOf(createArray('a', 'b', 'a'), 'a')]"),
            Val::int(2)
        );
        assert_eq!(ev("[startsWith('Hello', 'he')]"), Val::Bool(true));
        assert_eq!(ev("[endsWith('Hello', 'LO')]"), Val::Bool(true));
        assert_eq!(ev("[endsWith('Hello', 'x')]"), Val::Bool(false));
        assert_eq!(ev("[padLeft('7', 3, '0')]"), s("007"));
        assert_eq!(ev("[padLeft(7, 3)]"), s("  7"));
        assert_eq!(ev("[padLeft('long', 2)]"), s("long"));
        assert!(err("[padLeft('a', 999999999)]").contains("padLeft"));
        assert_eq!(ev("[length('héllo')]"), Val::int(5));
        assert_eq!(ev("[length(createArray(1, 2))]"), Val::int(2));
        assert_eq!(ev("[length(parameters('obj'))]"), Val::int(2));
        assert!(err("[length(1)]").contains("length"));
        assert_eq!(ev("[empty('')]"), Val::Bool(true));
        assert_eq!(ev("[empty(createArray())]"), Val::Bool(true));
        assert_eq!(ev("[empty(createObject())]"), Val::Bool(true));
        assert_eq!(ev("[empty(null())]"), Val::Bool(true));
        assert_eq!(ev("[empty('x')]"), Val::Bool(false));
        assert_eq!(ev("[contains('Hello', 'ell')]"), Val::Bool(true));
        assert_eq!(ev("[contains('Hello', 'ELL')]"), Val::Bool(false));
        assert_eq!(ev("[contains(parameters('obj'), 'TAGS')]"), Val::Bool(true));
        assert_eq!(ev("[contains(parameters('arr'), 'b')]"), Val::Bool(true));
        assert_eq!(ev("[contains(parameters('arr'), 'z')]"), Val::Bool(false));
        assert!(err("[contains(1, 1)]").contains("contains"));
    }

    #[test]
    fn logic_and_comparison() {
        assert_eq!(ev("[if(true, 'a', 'b')]"), s("a"));
        assert_eq!(ev("[if(false, 'a', 'b')]"), s("b"));
        // Only the chosen branch is evaluated.
        assert_eq!(ev("[if(true, 'a', parameters('missing'))]"), s("a"));
        assert!(err("[if(1, 'a', 'b')]").contains("if"));
        assert!(err("[if(true, 'a')]").contains("if expects 3 arguments, got 2"));
        assert_eq!(ev("[equals('a', 'a')]"), Val::Bool(true));
        assert_eq!(ev("[equals('a', 'A')]"), Val::Bool(false));
        assert_eq!(ev("[equals(1, 1)]"), Val::Bool(true));
        assert_eq!(ev("[equals(json('1.0'), 1)]"), Val::Bool(true));
        assert_eq!(
            ev("[equals(createObject('a', createArray(1)), json('{\"a\":[1]}'))]"),
            Val::Bool(true)
        );
        assert_eq!(
            ev("[equals(createArray(1), createArray(2))]"),
            Val::Bool(false)
        );
        assert_eq!(ev("[not(false)]"), Val::Bool(true));
        assert!(err("[not('x')]").contains("not: argument 1 must be a boolean"));
        assert_eq!(ev("[and(true, true, true)]"), Val::Bool(true));
        assert_eq!(ev("[and(true, false)]"), Val::Bool(false));
        assert_eq!(ev("[or(false, false)]"), Val::Bool(false));
        assert_eq!(ev("[or(false, false, true)]"), Val::Bool(true));
        assert!(err("[and(true)]").contains("and expects at least 2 arguments, got 1"));
        assert!(err("[or(1, true)]").contains("or"));
        assert_eq!(ev("[less(1, 2)]"), Val::Bool(true));
        assert_eq!(ev("[less('A', 'a')]"), Val::Bool(true));
        assert_eq!(ev("[lessOrEquals(2, 2)]"), Val::Bool(true));
        assert_eq!(ev("[greater(2, 1)]"), Val::Bool(true));
        assert_eq!(ev("[greaterOrEquals(1, 2)]"), Val::Bool(false));
        assert!(err("[less(1, 'a')]").contains("less"));
        assert_eq!(ev("[coalesce(null(), null(), 'x', 'y')]"), s("x"));
        assert_eq!(ev("[coalesce(null())]"), Val::Null);
        assert_eq!(ev("[coalesce('x', parameters('unk'))]"), s("x"));
        assert_eq!(
            refs(&ev("[coalesce(null(), parameters('unk'), 'x')]")),
            vec!["/u1"]
        );
    }

    #[test]
    fn arithmetic() {
        assert_eq!(ev("[add(1, 2)]"), Val::int(3));
        assert_eq!(ev("[sub(1, 2)]"), Val::int(-1));
        assert_eq!(ev("[mul(3, -2)]"), Val::int(-6));
        assert_eq!(ev("[div(7, 2)]"), Val::int(3));
        assert_eq!(ev("[div(-7, 2)]"), Val::int(-3));
        assert_eq!(ev("[mod(7, 3)]"), Val::int(1));
        assert_eq!(ev("[mod(-7, 3)]"), Val::int(-1));
        assert!(err("[div(1, 0)]").contains("div: division by zero"));
        assert!(err("[mod(1, 0)]").contains("mod"));
        assert!(err("[add(9223372036854775807, 1)]").contains("overflow"));
        assert!(err("[mul(-9223372036854775808, -1)]").contains("overflow"));
        assert!(err("[div(-9223372036854775808, -1)]").contains("overflow"));
        assert!(err("[add('1', 2)]").contains("add: argument 1 must be an integer"));
        assert_eq!(ev("[min(3, 1, 2)]"), Val::int(1));
        assert_eq!(ev("[max(createArray(3, 9, 2))]"), Val::int(9));
        assert!(err("[max(createArray())]").contains("max"));
        assert_eq!(ev("[range(2, 3)]"), j("[2, 3, 4]"));
        assert_eq!(ev("[range(0, 0)]"), j("[]"));
        assert!(err("[range(0, 10001)]").contains("range"));
        assert!(err("[range(0, -1)]").contains("range"));
        assert!(err("[range(9223372036854775807, 2)]").contains("range"));
    }

    #[test]
    fn collections() {
        assert_eq!(
            ev("[createArray(1, 'a', createArray())]"),
            j(r#"[1, "a", []]"#)
        );
        assert_eq!(ev("[createArray()]"), j("[]"));
        assert_eq!(
            ev("[createObject('a', 1, 'b', 'x')]"),
            j(r#"{"a": 1, "b": "x"}"#)
        );
        assert!(err("[createObject('a')]").contains("createObject"));
        assert!(err("[createObject(1, 2)]").contains("createObject"));
        assert_eq!(
            ev(r#"[union(json('{"a":{"x":1,"y":2},"b":1}'), json('{"a":{"y":3},"c":2}'))]"#),
            j(r#"{"a": {"x": 1, "y": 3}, "b": 1, "c": 2}"#)
        );
        assert_eq!(
            ev("[union(createArray(1, 2), createArray(2, 3), createArray(1))]"),
            j("[1, 2, 3]")
        );
        assert!(err("[union(createArray(1), createObject())]").contains("union"));
        assert_eq!(
            ev(r#"[intersection(json('{"a":1,"b":2}'), json('{"a":1,"b":3}'))]"#),
            j(r#"{"a": 1}"#)
        );
        assert_eq!(
            ev("[intersection(createArray(1, 2, 3, 2), createArray(2, 3), createArray(3, 2))]"),
            j("[2, 3]")
        );
        assert!(err("[intersection(createArray(1))]").contains("intersection"));
        assert_eq!(ev("[array('a')]"), j(r#"["a"]"#));
        assert_eq!(ev("[array(createArray(1))]"), j("[1]"));
        assert_eq!(
            ev(r#"[items(json('{"b":2,"a":1}'))]"#),
            j(r#"[{"key": "a", "value": 1}, {"key": "b", "value": 2}]"#)
        );
        assert_eq!(
            ev(r#"[objectKeys(json('{"b":2,"a":1}'))]"#),
            j(r#"["a", "b"]"#)
        );
        assert!(err("[items('x')]").contains("items"));
        assert_eq!(ev("[tryGet(parameters('obj'), 'a', 'b', 1)]"), Val::int(2));
        assert_eq!(ev("[tryGet(parameters('obj'), 'zz', 'b')]"), Val::Null);
        assert_eq!(
            ev(r#"[shallowMerge(json('[{"a":{"x":1}},{"a":{"y":2}, "b":1}]'))]"#),
            j(r#"{"a": {"y": 2}, "b": 1}"#)
        );
        assert_eq!(ev("[flatten(json('[[1],[2,3],[]]'))]"), j("[1, 2, 3]"));
        assert!(err("[flatten(json('[1]'))]").contains("flatten"));
    }

    #[test]
    fn conversions_and_encodings() {
        assert_eq!(
            ev(r#"[json('{"a":[1,true,null]}')]"#),
            j(r#"{"a":[1,true,null]}"#)
        );
        assert_eq!(ev("[json('null')]"), Val::Null);
        assert!(err("[json('{')]").contains("json: invalid JSON"));
        assert_eq!(ev("[string(createObject('a', 1))]"), s(r#"{"a":1}"#));
        assert_eq!(ev("[string(createArray('x', 2))]"), s(r#"["x",2]"#));
        assert_eq!(ev("[string(true)]"), s("True"));
        assert_eq!(ev("[string(false)]"), s("False"));
        assert_eq!(ev("[string('x')]"), s("x"));
        assert_eq!(ev("[string(12)]"), s("12"));
        assert_eq!(ev("[int('42')]"), Val::int(42));
        assert_eq!(ev("[int(json('4.7'))]"), Val::int(4));
        assert!(err("[int('x')]").contains("int"));
        assert_eq!(ev("[bool('TRUE')]"), Val::Bool(true));
        assert_eq!(ev("[bool(0)]"), Val::Bool(false));
        assert!(err("[bool('yes')]").contains("bool"));
        assert_eq!(ev("[float('1.5')]"), j("1.5"));
        assert_eq!(ev("[float(2)]"), j("2.0"));
        assert_eq!(ev("[base64('one, two')]"), s("b25lLCB0d28="));
        assert_eq!(ev("[base64('ab')]"), s("YWI="));
        assert_eq!(ev("[base64ToString('b25lLCB0d28=')]"), s("one, two"));
        assert_eq!(ev("[base64ToString('YWI')]"), s("ab"));
        assert!(err("[base64ToString('!!!')]").contains("base64ToString"));
        assert!(err("[base64ToString('YWJjZ')]").contains("base64ToString"));
        assert_eq!(ev(r#"[base64ToJson(base64('{"a":1}'))]"#), j(r#"{"a":1}"#));
        assert_eq!(
            ev("[uri('http://contoso.org/firstpath', 'myscript.sh')]"),
            s("http://contoso.org/myscript.sh")
        );
        assert_eq!(
            ev("[uri('http://contoso.org/firstpath/', 'myscript.sh')]"),
            s("http://contoso.org/firstpath/myscript.sh")
        );
        assert_eq!(ev("[uri('https://a.b/c/d?x=1', '/e')]"), s("https://a.b/e"));
        assert_eq!(ev("[uri('https://a.b', 'e')]"), s("https://a.b/e"));
        assert_eq!(ev("[uri('https://a.b/c', 'ftp://x/y')]"), s("ftp://x/y"));
        assert!(err("[uri('relative', 'x')]").contains("uri"));
        assert_eq!(
            ev("[uriComponent('http://contoso.com/resources/nested/azuredeploy.json')]"),
            s("http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json")
        );
        assert_eq!(
            ev("[uriComponentToString('http%3A%2F%2Fcontoso.com%2Fa%20b')]"),
            s("http://contoso.com/a b")
        );
        assert_eq!(ev("[uriComponentToString('100%')]"), s("100%"));
        assert_eq!(ev("[uriComponent('é')]"), s("%C3%A9"));
    }

    #[test]
    fn opaque_hashes_are_stable_and_shaped() {
        let u = ev("[uniqueString(resourceGroup().id)]");
        assert_eq!(u, ev("[uniqueString(resourceGroup().id)]"));
        let text = u.as_str().expect("string").to_string();
        assert_eq!(text.len(), 13);
        assert!(text
            .chars()
            .all(|c| c.is_ascii_lowercase() || ('2'..='7').contains(&c)));
        assert_ne!(u, ev("[uniqueString(subscription().id)]"));
        assert_ne!(ev("[uniqueString('a', 'b')]"), ev("[uniqueString('ab')]"));
        assert_eq!(ev("[uniqueString('a', 'b')]"), ev("[uniqueString('a-b')]"));
        let g = ev("[guid('a', 'b')]");
        assert_eq!(g, ev("[guid('a', 'b')]"));
        assert_ne!(g, ev("[guid('a', 'c')]"));
        let g = g.as_str().expect("string").to_string();
        let groups: Vec<usize> = g.split('-').map(str::len).collect();
        assert_eq!(groups, vec![8, 4, 4, 4, 12]);
        assert!(g.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
        assert!(err("[guid()]").contains("guid expects at least 1 argument, got 0"));
        assert!(err("[uniqueString(createArray())]").contains("uniqueString"));
        assert_eq!(refs(&ev("[uniqueString(parameters('unk'))]")), vec!["/u1"]);
    }

    #[test]
    fn resource_ids() {
        assert_eq!(
            ev("[resourceId('Microsoft.Storage/storageAccounts', 'st')]"),
            s("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Storage/storageAccounts/st")
        );
        assert_eq!(
            ev("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1', 's1')]"),
            s("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/s1")
        );
        assert_eq!(
            ev("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1/s1')]"),
            ev("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1', 's1')]")
        );
        assert_eq!(
            ev("[resourceId('other-rg', 'Microsoft.Network/virtualNetworks', 'v')]"),
            s("/subscriptions/{subscriptionId}/resourceGroups/other-rg/providers/Microsoft.Network/virtualNetworks/v")
        );
        assert_eq!(
            ev("[resourceId('sub-1', 'other.rg', 'Microsoft.Network/virtualNetworks', 'v')]"),
            s("/subscriptions/sub-1/resourceGroups/other.rg/providers/Microsoft.Network/virtualNetworks/v")
        );
        assert!(
            err("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v')]")
                .contains("needs 2 resource names, got 1")
        );
        assert!(err("[resourceId('a', 'b', 'c', 'Microsoft.X/y', 'n')]").contains("resourceId"));
        assert!(err("[resourceId('nothing', 'here')]").contains("resourceId"));
        assert!(err("[resourceId('Microsoft.X/y')]").contains("resourceId expects at least 2"));
        let mut known = ctx();
        known.sub = Some("0000".into());
        known.rg = Some("rg1".into());
        assert_eq!(
            ev_in(&known, "[resourceId('Microsoft.Storage/storageAccounts', 'st')]"),
            s("/subscriptions/0000/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/st")
        );
        assert_eq!(
            ev_in(&known, "[resourceGroup().id]"),
            s("/subscriptions/0000/resourceGroups/rg1")
        );
        assert_eq!(ev_in(&known, "[subscription().subscriptionId]"), s("0000"));
        assert_eq!(
            ev("[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg')]"),
            s("/subscriptions/{subscriptionId}/providers/Microsoft.Resources/resourceGroups/rg")
        );
        assert_eq!(
            ev("[subscriptionResourceId('s9', 'Microsoft.Resources/resourceGroups', 'rg')]"),
            s("/subscriptions/s9/providers/Microsoft.Resources/resourceGroups/rg")
        );
        assert_eq!(
            ev("[tenantResourceId('Microsoft.Management/managementGroups', 'mg')]"),
            s("/providers/Microsoft.Management/managementGroups/mg")
        );
        assert_eq!(
            ev("[extensionResourceId(resourceId('Microsoft.Storage/storageAccounts', 'st'), 'Microsoft.Authorization/locks', 'lock')]"),
            s("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Storage/storageAccounts/st/providers/Microsoft.Authorization/locks/lock")
        );
        assert_eq!(
            ev("[managementGroupResourceId('Microsoft.Authorization/policyDefinitions', 'p')]"),
            s("/providers/Microsoft.Management/managementGroups/{managementGroupName}/providers/Microsoft.Authorization/policyDefinitions/p")
        );
        assert_eq!(
            ev("[managementGroupResourceId('mg1', 'Microsoft.Authorization/policyDefinitions', 'p')]"),
            s("/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/p")
        );
        assert_eq!(
            refs(&ev(
                "[resourceId('Microsoft.Storage/storageAccounts', parameters('unk'))]"
            )),
            vec!["/u1"]
        );
    }

    #[test]
    fn scope_objects_and_environment() {
        assert_eq!(
            ev("[resourceGroup().id]"),
            s("/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}")
        );
        assert_eq!(ev("[resourceGroup().name]"), s("{resourceGroupName}"));
        assert_eq!(
            ev("[resourceGroup().type]"),
            s("Microsoft.Resources/resourceGroups")
        );
        assert!(ev("[resourceGroup().location]").is_unknown());
        assert!(ev("[resourceGroup().tags.env]").is_unknown());
        assert_eq!(
            ev("[subscription().id]"),
            s("/subscriptions/{subscriptionId}")
        );
        assert_eq!(ev("[subscription().subscriptionId]"), s("{subscriptionId}"));
        assert!(ev("[subscription().tenantId]").is_unknown());
        assert!(
            err("[resourceGroup('x')]").contains("resourceGroup expects 0 arguments"),
            "ARM's scope functions take no arguments (Bicep's do: see the scope builders)"
        );
        assert_eq!(ev("[environment().name]"), s("AzureCloud"));
        assert_eq!(
            ev("[environment().suffixes.storage]"),
            s("core.windows.net")
        );
        assert_eq!(
            ev("[environment().suffixes.keyvaultDns]"),
            s(".vault.azure.net")
        );
        assert_eq!(
            ev("[environment().resourceManager]"),
            s("https://management.azure.com/")
        );
        assert_eq!(
            ev("[environment().authentication.loginEndpoint]"),
            s("https://login.microsoftonline.com/")
        );
        assert_eq!(ev("[environment().graph]"), s("https://graph.windows.net/"));
        assert_eq!(ev("[environment().portal]"), s("https://portal.azure.com"));
    }

    #[test]
    fn references_and_deployment_time_values() {
        assert_eq!(
            refs(&ev("[reference('/subscriptions/x/r')]")),
            vec!["/subscriptions/x/r"]
        );
        assert_eq!(
            refs(&ev("[reference('storage').primaryEndpoints.blob]")),
            vec![STORAGE_ID]
        );
        assert_eq!(
            refs(&ev("[reference(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-01-01', 'Full').properties]")),
            vec!["/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Storage/storageAccounts/st"]
        );
        assert_eq!(
            refs(&ev("[reference('Microsoft.Network/virtualNetworks/v/subnets/s')]")),
            vec!["/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/v/subnets/s"]
        );
        assert!(refs(&ev("[reference('justAName')]")).is_empty());
        assert_eq!(refs(&ev("[resourceInfo('storage').id]")), vec![STORAGE_ID]);
        assert_eq!(
            refs(&ev("[listKeys('storage', '2023-01-01').keys[0].value]")),
            vec![STORAGE_ID]
        );
        assert_eq!(refs(&ev("[listSecrets('/a/b', '2020')]")), vec!["/a/b"]);
        assert_eq!(refs(&ev("[reference(parameters('unk'))]")), vec!["/u1"]);
        assert!(err("[reference()]").contains("reference expects 1 to 3 arguments"));
        for f in [
            "utcNow()",
            "utcNow('u')",
            "newGuid()",
            "dateTimeAdd(utcNow(), 'P1D')",
            "deployment().name",
            "tenant().tenantId",
            "managementGroup().id",
            "pickZones('Microsoft.Compute', 'virtualMachines', 'westus2')",
            "filter(parameters('arr'), x => x)",
            "map(parameters('arr'), lambda('x', lambdaVariables('x')))",
            "reduce(createArray(), 0, lambda('a', 'b', 1))",
            "sort(createArray(), lambda('a', 'b', true()))",
            "toObject(createArray(), lambda('x', 'k'))",
            "groupBy(createArray(), lambda('x', 'k'))",
            "mapValues(createObject(), lambda('x', 1))",
            "myNs.myFunc(parameters('missing'))",
        ] {
            let expr = format!("[{f}]");
            match eval_string(&expr, &ctx()) {
                Ok(v) => assert!(refs(&v).is_empty(), "{f}"),
                // `x => x` is not ARM syntax; the lambda family is still unknown
                // when written with lambda().
                Err(ExprError::Syntax { .. }) if f.contains("=>") => {}
                Err(e) => panic!("{f}: {e}"),
            }
        }
        assert!(err("[foo(1)]").contains("unknown function 'foo'"));
        assert!(err("[notAFunction()]").contains("unknown function 'notAFunction'"));
    }

    #[test]
    fn unknown_propagation() {
        assert_eq!(refs(&ev("[toLower(parameters('unk'))]")), vec!["/u1"]);
        assert_eq!(
            refs(&ev("[concat(parameters('unk'), '-', parameters('unk2'))]")),
            vec!["/u1", "/u2"]
        );
        assert_eq!(
            refs(&ev("[format('{0}{1}', 'a', parameters('unk'))]")),
            vec!["/u1"]
        );
        assert!(refs(&ev("[parameters('nothing')]")).is_empty());
        assert_eq!(refs(&ev("[parameters('unk').a.b[3]]")), vec!["/u1"]);
        assert_eq!(
            refs(&ev("[parameters('obj')[parameters('unk')]]")),
            vec!["/u1"]
        );
        // if with a known condition picks its branch; unknown condition is unknown.
        assert_eq!(ev("[if(true, 'a', parameters('unk'))]"), s("a"));
        assert_eq!(
            refs(&ev("[if(false, 'a', parameters('unk'))]")),
            vec!["/u1"]
        );
        assert_eq!(
            refs(&ev(
                "[if(equals(parameters('unk'), 'x'), parameters('unk2'), 'b')]"
            )),
            vec!["/u1", "/u2"]
        );
        // length/empty of arrays with unknown elements are known.
        assert_eq!(ev("[length(variables('mixed'))]"), Val::int(2));
        assert_eq!(ev("[empty(variables('mixed'))]"), Val::Bool(false));
        assert_eq!(refs(&ev("[length(parameters('unk'))]")), vec!["/u1"]);
        // structure is kept.
        let a = ev("[createArray('x', parameters('unk'))]");
        assert_eq!(a, Val::Arr(vec![s("x"), Val::unknown_ref("/u1")]));
        let o = ev("[createObject('k', parameters('unk'), 'j', 1)]");
        assert_eq!(o.get_ci("k"), Some(&Val::unknown_ref("/u1")));
        assert_eq!(o.get_ci("j"), Some(&Val::int(1)));
        assert_eq!(
            refs(&ev("[createObject(parameters('unk'), 1)]")),
            vec!["/u1"]
        );
        let u = ev("[union(createObject('a', 1), createObject('b', parameters('unk')))]");
        assert_eq!(u.get_ci("a"), Some(&Val::int(1)));
        assert_eq!(u.get_ci("b"), Some(&Val::unknown_ref("/u1")));
        assert_eq!(
            refs(&ev("[union(createObject('a', 1), parameters('unk'))]")),
            vec!["/u1"]
        );
        assert_eq!(
            ev("[concat(variables('mixed'), createArray(3))]"),
            Val::Arr(vec![Val::int(1), Val::unknown_ref("/m"), Val::int(3)])
        );
        assert_eq!(ev("[first(variables('mixed'))]"), Val::int(1));
        assert_eq!(ev("[variables('mixed')[0]]"), Val::int(1));
        assert_eq!(refs(&ev("[variables('mixed')[1]]")), vec!["/m"]);
        assert_eq!(refs(&ev("[string(variables('mixed'))]")), vec!["/m"]);
        assert_eq!(
            refs(&ev("[equals(variables('mixed'), createArray())]")),
            vec!["/m"]
        );
        assert_eq!(ev("[contains(variables('mixed'), 1)]"), Val::Bool(true));
        assert_eq!(refs(&ev("[contains(variables('mixed'), 2)]")), vec!["/m"]);
        assert_eq!(ev("[and(false, parameters('unk'))]"), Val::Bool(false));
        assert_eq!(ev("[or(parameters('unk'), true)]"), Val::Bool(true));
        assert_eq!(refs(&ev("[and(true, parameters('unk'))]")), vec!["/u1"]);
        assert_eq!(refs(&ev("[add(1, parameters('unk'))]")), vec!["/u1"]);
        assert_eq!(refs(&ev("[split(parameters('unk'), ',')[0]]")), vec!["/u1"]);
        assert_eq!(
            ev("[items(createObject('a', parameters('unk')))]"),
            Val::Arr(vec![obj(vec![
                ("key", s("a")),
                ("value", Val::unknown_ref("/u1"))
            ])])
        );
        // Arity errors still win over unknown arguments.
        assert!(err("[toLower(parameters('unk'), 1)]").contains("toLower expects 1 argument"));
    }

    #[test]
    fn property_and_index_access() {
        assert_eq!(ev("[parameters('obj').a.b[2].c]"), s("deep"));
        assert_eq!(ev("[parameters('obj').A.B[0]]"), Val::int(1));
        assert_eq!(ev("[parameters('obj')['a']['b'][1]]"), Val::int(2));
        assert_eq!(ev("[parameters('obj').tags.env]"), s("prod"));
        assert_eq!(ev("[parameters('obj') . a . b [ 2 ] . c]"), s("deep"));
        assert_eq!(ev("[parameters('arr')[add(1, 1)]]"), s("c"));
        assert_eq!(ev("[json('{\"a-b\":1}')['a-b']]"), Val::int(1));
        let e = err("[parameters('obj').missing]");
        assert!(
            e.contains("The language expression property 'missing' doesn't exist"),
            "{e}"
        );
        assert!(err("[parameters('arr')[3]]").contains("out of bounds"));
        assert!(err("[parameters('arr')[-1]]").contains("out of bounds"));
        assert!(err("[parameters('arr')['x']]").contains("index"));
        assert!(err("[parameters('name').length]").contains("'length'"));
        assert!(err("[parameters('obj')[0]]").contains("index"));
    }

    fn syntax_pos(src: &str) -> usize {
        match parse(src) {
            Err(ExprError::Syntax { pos, .. }) => pos,
            other => panic!("{src}: expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn syntax_errors_have_positions() {
        assert_eq!(syntax_pos(""), 0);
        assert_eq!(syntax_pos("   "), 3);
        assert_eq!(syntax_pos("concat('a'"), 10);
        assert_eq!(syntax_pos("concat('a' 'b')"), 11);
        assert_eq!(syntax_pos("concat('a',)"), 11);
        assert_eq!(syntax_pos("'abc"), 0);
        assert_eq!(syntax_pos("concat('a') x"), 12);
        assert_eq!(syntax_pos("foo"), 3);
        assert_eq!(syntax_pos("a.b"), 3);
        assert_eq!(syntax_pos("x().'"), 4);
        assert_eq!(syntax_pos("x()[1"), 5);
        assert_eq!(syntax_pos("-x"), 0);
        assert_eq!(syntax_pos("99999999999999999999"), 0);
        assert_eq!(syntax_pos("1a"), 1);
        assert_eq!(syntax_pos("#"), 0);
        assert_eq!(syntax_pos("f(1) )"), 5);
        // Through eval_string the position counts the opening bracket.
        match eval_string("[concat('a' 'b')]", &ctx()) {
            Err(ExprError::Syntax { pos, .. }) => assert_eq!(pos, 12),
            other => panic!("{other:?}"),
        }
        let e = parse("concat(").map(|_| ()).unwrap_err().to_string();
        assert!(e.starts_with("syntax error at character 7:"), "{e}");
    }

    #[test]
    fn sizes_are_limited() {
        assert!(err("[padLeft('', 5000000, 'x')]").contains("padLeft"));
        assert!(
            err("[replace(padLeft('', 100000, 'x'), 'x', padLeft('', 100, 'y'))]")
                .contains("replace")
        );
        assert!(err("[split(padLeft('', 200000, ','), ',')]").contains("split"));
        assert!(err("[format('{0}{0}{0}{0}{0}', padLeft('', 1000000, 'x'))]").contains("format"));
        assert!(
            err("[join(createArray('a', 'b', 'c'), padLeft('', 3000000, 'x'))]").contains("join")
        );
        assert!(err("[format('{0,99999999}', 'x')]").contains("format"));
        assert_eq!(
            ev("[length(split(padLeft('', 99999, ','), ','))]"),
            Val::int(100_000)
        );
    }

    #[test]
    fn literal_property_access() {
        assert!(err("[true.x]").contains("'x'"));
        assert!(err("[null.x]").contains("'x'"));
        assert_eq!(parse("true .x").map(|_| ()), Ok(()));
    }

    #[test]
    fn nesting_is_limited() {
        let nested = |n: usize| format!("{}'x'{}", "concat(".repeat(n), ")".repeat(n));
        assert_eq!(
            eval(&parse(&nested(MAX_DEPTH - 1)).expect("parses"), &ctx()),
            Ok(s("x"))
        );
        assert!(matches!(
            parse(&nested(MAX_DEPTH)),
            Err(ExprError::Syntax { .. })
        ));
        assert!(matches!(
            parse(&nested(100_000)),
            Err(ExprError::Syntax { .. })
        ));
        let chain = format!("parameters('obj'){}", ".a".repeat(10_000));
        assert!(matches!(parse(&chain), Err(ExprError::Syntax { .. })));
        let index = format!("parameters('obj'){}", "[0]".repeat(10_000));
        assert!(matches!(parse(&index), Err(ExprError::Syntax { .. })));
        let inner = format!("{}1{}", "x()[".repeat(10_000), "]".repeat(10_000));
        assert!(matches!(parse(&inner), Err(ExprError::Syntax { .. })));
        // The deepest accepted expression evaluates on a small thread stack.
        let handle = std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || {
                let e = parse(&nested(MAX_DEPTH - 1)).map_err(|e| e.to_string())?;
                eval(&e, &ctx()).map_err(|e| e.to_string())
            })
            .expect("thread");
        assert_eq!(handle.join().expect("no overflow"), Ok(s("x")));
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        const FUNCTIONS: &[&str] = &[
            "parameters",
            "variables",
            "copyIndex",
            "concat",
            "format",
            "toLower",
            "toUpper",
            "if",
            "equals",
            "not",
            "and",
            "or",
            "less",
            "lessOrEquals",
            "greater",
            "greaterOrEquals",
            "add",
            "sub",
            "mul",
            "div",
            "mod",
            "min",
            "max",
            "range",
            "union",
            "intersection",
            "createArray",
            "createObject",
            "array",
            "json",
            "string",
            "int",
            "bool",
            "float",
            "length",
            "empty",
            "contains",
            "replace",
            "split",
            "join",
            "substring",
            "take",
            "skip",
            "first",
            "last",
            "indexOf",
            "lastIndexOf",
            "startsWith",
            "endsWith",
            "trim",
            "padLeft",
            "coalesce",
            "null",
            "true",
            "false",
            "base64",
            "base64ToString",
            "base64ToJson",
            "uri",
            "uriComponent",
            "uriComponentToString",
            "guid",
            "uniqueString",
            "utcNow",
            "newGuid",
            "dateTimeAdd",
            "deployment",
            "tenant",
            "managementGroup",
            "pickZones",
            "reference",
            "resourceInfo",
            "listKeys",
            "environment",
            "subscription",
            "resourceGroup",
            "resourceId",
            "subscriptionResourceId",
            "tenantResourceId",
            "extensionResourceId",
            "managementGroupResourceId",
            "items",
            "objectKeys",
            "filter",
            "map",
            "lambda",
            "lambdaVariables",
            "tryGet",
            "shallowMerge",
            "flatten",
            "ns.fn",
            "noSuchFunction",
        ];

        fn leaf() -> impl Strategy<Value = String> {
            prop_oneof![
                prop::sample::select(vec![
                    "''",
                    "'a'",
                    "'a,b'",
                    "'{0}-{1}'",
                    "'{'",
                    "'Microsoft.Network/virtualNetworks/subnets'",
                    "'Microsoft.Storage/storageAccounts'",
                    "'v/s'",
                    "'/subscriptions/x'",
                    "'storage'",
                    "'true'",
                    "'12'",
                    "'YWI='",
                    "'{\"a\":[1]}'",
                    "'[1,2]'",
                    "'http://a.b/c'",
                    "'%41%'",
                    "'obj'",
                    "'arr'",
                    "'unk'",
                    "'mixed'",
                    "'name'",
                    "'loop'",
                    "'é'",
                ])
                .prop_map(str::to_string),
                prop::sample::select(vec![
                    -3i64,
                    0,
                    1,
                    2,
                    3,
                    7,
                    10_000,
                    10_001,
                    i64::MAX,
                    i64::MIN,
                    99_999_999,
                ])
                .prop_map(|i| i.to_string()),
                prop::sample::select(vec![
                    "true",
                    "false",
                    "null",
                    "parameters('obj')",
                    "parameters('arr')",
                    "parameters('unk')",
                    "variables('mixed')",
                    "copyIndex()",
                    "resourceGroup()",
                ])
                .prop_map(str::to_string),
            ]
        }

        fn tree() -> impl Strategy<Value = String> {
            leaf().prop_recursive(6, 64, 4, |inner| {
                prop_oneof![
                    (
                        prop::sample::select(FUNCTIONS.to_vec()),
                        prop::collection::vec(inner.clone(), 0..4),
                    )
                        .prop_map(|(f, args)| format!("{f}({})", args.join(", "))),
                    (
                        inner.clone(),
                        prop::sample::select(vec!["a", "b", "c", "id", "name"])
                    )
                        .prop_map(|(t, p)| format!("{t}.{p}")),
                    (inner.clone(), inner).prop_map(|(t, i)| format!("{t}[{i}]")),
                ]
            })
        }

        proptest! {
            #[test]
            fn parse_never_panics(src in any::<String>()) {
                let _ = parse(&src);
                let _ = eval_string(&src, &ctx());
                let _ = eval_string(&format!("[{src}]"), &ctx());
            }

            #[test]
            fn arm_like_text_never_panics(src in "[\\[\\](),.'a-zA-Z0-9 {}:/-]{0,60}") {
                let _ = parse(&src);
                let _ = eval_string(&format!("[{src}]"), &ctx());
            }

            #[test]
            fn well_formed_trees_parse_and_never_panic(src in tree()) {
                let e = parse(&src);
                prop_assert!(e.is_ok(), "{src}: {e:?}");
                if let Ok(e) = e {
                    match eval(&e, &ctx()) {
                        Ok(_) | Err(ExprError::Eval(_)) => {}
                        Err(other) => prop_assert!(false, "{src}: {other:?}"),
                    }
                }
                let _ = eval_string(&format!("[{src}]"), &ctx());
            }
        }
    }
}
