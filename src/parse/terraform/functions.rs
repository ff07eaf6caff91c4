//! Terraform's built-in functions, evaluated statically.
//!
//! [`call`] evaluates one of Terraform 1.x's built-in functions on already
//! evaluated arguments. The semantics follow `hashicorp/terraform` and the `go-cty`
//! standard library it uses: automatic conversions (a number or bool where a string
//! is expected, `"12"` where a number is expected, `"true"` where a bool is
//! expected), error cases, and output formats such as Go's JSON escaping
//! (`jsonencode("<")` is `"\u003c"`) or libyaml's block layout for `yamlencode`.
//!
//! Values use lzscan's [`Val`]: lists and tuples are [`Val::Arr`], sets are
//! [`Val::Arr`] sorted and without duplicates, maps and objects are [`Val::Obj`],
//! numbers stay `i64` when integral.
//!
//! Unknown values propagate: if an argument is (deeply) unknown the result is
//! [`Val::Unknown`] with the union of the arguments' refs, except where Terraform
//! can still know the result (`length` of a list of unknowns, `merge`, `concat`,
//! `lookup` of a known key, `keys` of an object, `coalesce` whose first non-null
//! argument is known, ...): those keep unknown leaves inside known structure. When
//! in doubt the result is unknown: a wrong known value would be worse than none.
//!
//! Not here: functions that need lazy evaluation or the filesystem (`try`, `can`,
//! `file`, `fileexists`, `fileset`, `filebase64`, `filemd5`, `filesha*`,
//! `filebase64sha*`, `templatefile`, `templatestring`) make [`call`] answer
//! [`FnError::Unknown`], like provider functions and the removed `list` and `map`:
//! the caller decides. Functions
//! whose result exists only at apply time or depends on the machine (`timestamp`,
//! `plantimestamp`, `uuid`, `bcrypt`, `abspath`, `pathexpand`, `rsadecrypt`,
//! `base64gzip`, `type`) return an unknown value.
//!
//! Known deviations from Terraform:
//! - numbers are `i64`/`u64`/`f64`, not arbitrary precision; `sum` and `range`
//!   add decimals exactly when their shortest forms allow it (`0.1 + 0.2` is `0.3`
//!   as in Terraform), infinities are errors;
//! - string lengths, `substr`, `strrev` and `format` widths count Unicode scalar
//!   values, not grapheme clusters (`length("👾🕹️")` is 3, Terraform says 2);
//! - type unification (`tolist(["a", 1])`, `setunion`, `coalesce`, ...) converts
//!   mixed primitive elements to strings as Terraform does, but nested structures
//!   are not unified or checked;
//! - `issensitive` is always false (lzscan does not track sensitivity);
//! - `yamldecode` answers unknown for plain scalars whose YAML 1.1 reading (Terraform:
//!   `yes`, `on`, `017`, timestamps...) differs from YAML 1.2, as those cannot be told
//!   apart from quoted strings after parsing; `yamlencode` answers unknown for mapping
//!   keys that need libyaml's complex-key syntax (multi-line or over 128 bytes);
//! - `textencodebase64`/`textdecodebase64` support UTF-8, UTF-16LE and UTF-16BE;
//!   other encodings give an unknown value;
//! - regular expressions run on the `regex` crate with Go's ASCII meaning of `\d`,
//!   `\w`, `\s` and `\b`; Go-only syntax such as `\Q...\E` is an error;
//! - Terraform's own quirks are kept where they are deterministic: `cidrsubnets`
//!   fails on networks starting at the all-zero address (hashicorp/terraform#35486),
//!   `format("%v", 1000000)` is `1e+06`, `substr(s, -n, 0)` returns the rest.
//!
//! `md5`, `sha1` and `uuidv5` use small implementations in this module;
//! `formatdate`, `timeadd` and `timecmp` are computed for known RFC 3339 input.
//!
//! Every input is bounded (strings up to 16 MiB, nesting depth, result sizes,
//! `range` at Terraform's 1024 elements, `setproduct` at 1,000,000) and nothing
//! panics: arithmetic is checked and indexing goes through `get`.

use crate::value::{Unknown, Val};
use base64::Engine as _;
use serde_json::Number;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Why a function call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FnError {
    /// Not a Terraform function (or a provider-defined one): the caller decides.
    #[error("unknown function '{0}'")]
    Unknown(String),
    #[error("{0}")]
    Eval(String),
}

type R = Result<Val, FnError>;

/// Longest string an argument or a result may be.
const MAX_STR: usize = 16 << 20;
/// Most elements a produced list may have.
const MAX_ELEMS: usize = 1_000_000;
/// Deepest nesting of an argument.
const MAX_DEPTH: usize = 200;
/// Largest width or precision in a `format` verb.
const MAX_WIDTH: usize = 1_000_000;
/// Terraform's own cap on `range`.
const RANGE_LIMIT: usize = 1024;

fn ev(name: &str, msg: impl std::fmt::Display) -> FnError {
    FnError::Eval(format!("{name}: {msg}"))
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Any (deeply) unknown argument makes the whole result unknown.
    Strict,
    /// The function handles unknown arguments itself.
    Own,
}
use Mode::{Own, Strict};

type Impl = fn(&str, Vec<Val>) -> R;

struct Def {
    name: &'static str,
    min: usize,
    max: usize,
    mode: Mode,
    f: Impl,
}

const VAR: usize = usize::MAX;

const fn d(name: &'static str, min: usize, max: usize, mode: Mode, f: Impl) -> Def {
    Def {
        name,
        min,
        max,
        mode,
        f,
    }
}

static DEFS: &[Def] = &[
    // numbers
    d("abs", 1, 1, Strict, f_abs),
    d("ceil", 1, 1, Strict, f_ceil),
    d("floor", 1, 1, Strict, f_floor),
    d("log", 2, 2, Strict, f_log),
    d("max", 1, VAR, Strict, f_max),
    d("min", 1, VAR, Strict, f_min),
    d("parseint", 2, 2, Strict, f_parseint),
    d("pow", 2, 2, Strict, f_pow),
    d("signum", 1, 1, Strict, f_signum),
    d("sum", 1, 1, Strict, f_sum),
    // strings
    d("chomp", 1, 1, Strict, f_chomp),
    d("endswith", 2, 2, Strict, f_endswith),
    d("format", 1, VAR, Strict, f_format),
    d("formatlist", 1, VAR, Own, f_formatlist),
    d("indent", 2, 2, Strict, f_indent),
    d("join", 1, VAR, Strict, f_join),
    d("lower", 1, 1, Strict, f_lower),
    d("upper", 1, 1, Strict, f_upper),
    d("regex", 2, 2, Strict, f_regex),
    d("regexall", 2, 2, Strict, f_regexall),
    d("replace", 3, 3, Strict, f_replace),
    d("split", 2, 2, Strict, f_split),
    d("startswith", 2, 2, Own, f_startswith),
    d("strcontains", 2, 2, Strict, f_strcontains),
    d("strrev", 1, 1, Strict, f_strrev),
    d("substr", 3, 3, Strict, f_substr),
    d("title", 1, 1, Strict, f_title),
    d("trim", 2, 2, Strict, f_trim),
    d("trimprefix", 2, 2, Strict, f_trimprefix),
    d("trimsuffix", 2, 2, Strict, f_trimsuffix),
    d("trimspace", 1, 1, Strict, f_trimspace),
    // collections
    d("alltrue", 1, 1, Own, f_alltrue),
    d("anytrue", 1, 1, Own, f_anytrue),
    d("chunklist", 2, 2, Own, f_chunklist),
    d("coalesce", 1, VAR, Own, f_coalesce),
    d("coalescelist", 1, VAR, Own, f_coalescelist),
    d("compact", 1, 1, Strict, f_compact),
    d("concat", 1, VAR, Own, f_concat),
    d("contains", 2, 2, Own, f_contains),
    d("distinct", 1, 1, Strict, f_distinct),
    d("element", 2, 2, Own, f_element),
    d("flatten", 1, 1, Own, f_flatten),
    d("index", 2, 2, Own, f_index),
    d("keys", 1, 1, Own, f_keys),
    d("length", 1, 1, Own, f_length),
    d("lookup", 2, 3, Own, f_lookup),
    d("matchkeys", 3, 3, Own, f_matchkeys),
    d("merge", 0, VAR, Own, f_merge),
    d("one", 1, 1, Own, f_one),
    d("range", 1, 3, Strict, f_range),
    d("reverse", 1, 1, Own, f_reverse),
    d("setintersection", 1, VAR, Strict, f_setintersection),
    d("setproduct", 1, VAR, Strict, f_setproduct),
    d("setsubtract", 2, 2, Strict, f_setsubtract),
    d("setunion", 1, VAR, Strict, f_setunion),
    d("slice", 3, 3, Own, f_slice),
    d("sort", 1, 1, Strict, f_sort),
    d("transpose", 1, 1, Strict, f_transpose),
    d("values", 1, 1, Own, f_values),
    d("zipmap", 2, 2, Own, f_zipmap),
    // encoding
    d("base64decode", 1, 1, Strict, f_base64decode),
    d("base64encode", 1, 1, Strict, f_base64encode),
    d("base64gzip", 1, 1, Own, f_unknown_result),
    d("csvdecode", 1, 1, Strict, f_csvdecode),
    d("jsondecode", 1, 1, Strict, f_jsondecode),
    d("jsonencode", 1, 1, Strict, f_jsonencode),
    d("textdecodebase64", 2, 2, Strict, f_textdecodebase64),
    d("textencodebase64", 2, 2, Strict, f_textencodebase64),
    d("urlencode", 1, 1, Strict, f_urlencode),
    d("yamldecode", 1, 1, Strict, f_yamldecode),
    d("yamlencode", 1, 1, Strict, f_yamlencode),
    // filesystem paths (no filesystem access)
    d("abspath", 1, 1, Own, f_unknown_result),
    d("basename", 1, 1, Strict, f_basename),
    d("dirname", 1, 1, Strict, f_dirname),
    d("pathexpand", 1, 1, Own, f_unknown_result),
    // hashes and crypto
    d("base64sha256", 1, 1, Strict, f_base64sha256),
    d("base64sha512", 1, 1, Strict, f_base64sha512),
    d("bcrypt", 1, 2, Own, f_unknown_result),
    d("md5", 1, 1, Strict, f_md5),
    d("rsadecrypt", 2, 2, Own, f_unknown_result),
    d("sha1", 1, 1, Strict, f_sha1),
    d("sha256", 1, 1, Strict, f_sha256),
    d("sha512", 1, 1, Strict, f_sha512),
    d("uuid", 0, 0, Own, f_unknown_result),
    d("uuidv5", 2, 2, Strict, f_uuidv5),
    // date and time
    d("formatdate", 2, 2, Strict, f_formatdate),
    d("plantimestamp", 0, 0, Own, f_unknown_result),
    d("timeadd", 2, 2, Strict, f_timeadd),
    d("timecmp", 2, 2, Strict, f_timecmp),
    d("timestamp", 0, 0, Own, f_unknown_result),
    // type conversion
    d("ephemeralasnull", 1, 1, Own, f_identity),
    d("issensitive", 1, 1, Own, f_issensitive),
    d("nonsensitive", 1, 1, Own, f_identity),
    d("sensitive", 1, 1, Own, f_identity),
    d("tobool", 1, 1, Strict, f_tobool),
    d("tolist", 1, 1, Own, f_tolist),
    d("tomap", 1, 1, Own, f_tomap),
    d("tonumber", 1, 1, Strict, f_tonumber),
    d("toset", 1, 1, Strict, f_toset),
    d("tostring", 1, 1, Strict, f_tostring),
    d("type", 1, 1, Own, f_unknown_result),
    // IP networks
    d("cidrhost", 2, 2, Strict, f_cidrhost),
    d("cidrnetmask", 1, 1, Strict, f_cidrnetmask),
    d("cidrsubnet", 3, 3, Strict, f_cidrsubnet),
    d("cidrsubnets", 1, VAR, Strict, f_cidrsubnets),
];

fn find(name: &str) -> Option<&'static Def> {
    let short = name.strip_prefix("core::").unwrap_or(name);
    DEFS.iter().find(|d| d.name == short)
}

/// Calls a built-in function on evaluated arguments.
pub fn call(name: &str, args: Vec<Val>) -> Result<Val, FnError> {
    let Some(def) = find(name) else {
        return Err(FnError::Unknown(name.to_string()));
    };
    let n = args.len();
    if n < def.min || n > def.max {
        return Err(ev(def.name, arity_message(def.min, def.max, n)));
    }
    for a in &args {
        check_input(def.name, a, 0)?;
    }
    if def.mode == Strict {
        if let Some(u) = unknown_in(&args) {
            return Ok(u);
        }
    }
    let out = (def.f)(def.name, args)?;
    if let Val::Str(s) = &out {
        check_len(def.name, s.len())?;
    }
    Ok(out)
}

/// True for names `call` implements (for error messages and tests).
pub fn is_builtin(name: &str) -> bool {
    find(name).is_some()
}

fn arity_message(min: usize, max: usize, n: usize) -> String {
    let plural = |k: usize| if k == 1 { "argument" } else { "arguments" };
    if min == max {
        format!("expected {min} {}, got {n}", plural(min))
    } else if max == VAR {
        format!("expected at least {min} {}, got {n}", plural(min))
    } else {
        format!("expected {min} to {max} arguments, got {n}")
    }
}

fn check_input(name: &str, v: &Val, depth: usize) -> Result<(), FnError> {
    if depth > MAX_DEPTH {
        return Err(ev(name, "argument is nested too deeply"));
    }
    match v {
        Val::Str(s) => check_len(name, s.len()),
        Val::Arr(a) => a.iter().try_for_each(|x| check_input(name, x, depth + 1)),
        Val::Obj(o) => o.values().try_for_each(|x| check_input(name, x, depth + 1)),
        _ => Ok(()),
    }
}

fn check_len(name: &str, len: usize) -> Result<(), FnError> {
    if len > MAX_STR {
        return Err(ev(name, "string is longer than 16 MiB"));
    }
    Ok(())
}

fn check_count(name: &str, n: usize) -> Result<(), FnError> {
    if n > MAX_ELEMS {
        return Err(ev(
            name,
            format!("result would have more than {MAX_ELEMS} elements"),
        ));
    }
    Ok(())
}

/// The unknown combining the refs of every unknown part of `vals`, if any.
fn unknown_in(vals: &[Val]) -> Option<Val> {
    let all: Vec<&Val> = vals.iter().collect();
    Val::unknown_of(&all)
}

/// An unknown value depending on everything `vals` depends on.
fn unknown_from(vals: &[Val]) -> Val {
    let mut refs = BTreeSet::new();
    for v in vals {
        v.collect_refs(&mut refs);
    }
    Val::Unknown(Unknown { refs })
}

static NULL: Val = Val::Null;

fn arg(args: &[Val], i: usize) -> &Val {
    args.get(i).unwrap_or(&NULL)
}

fn is_null(v: &Val) -> bool {
    matches!(v, Val::Null)
}

fn type_name(v: &Val) -> &'static str {
    match v {
        Val::Null => "null",
        Val::Bool(_) => "bool",
        Val::Num(_) => "number",
        Val::Str(_) => "string",
        Val::Arr(_) => "list",
        Val::Obj(_) => "object",
        Val::Unknown(_) => "unknown value",
    }
}

// ---------------------------------------------------------------------------
// Numbers

#[derive(Clone, Copy, Debug, PartialEq)]
enum Num {
    I(i64),
    F(f64),
}

impl Num {
    fn of(n: &Number) -> Num {
        match n.as_i64() {
            Some(i) => Num::I(i),
            None => Num::F(n.as_f64().unwrap_or(f64::NAN)),
        }
    }

    fn f(self) -> f64 {
        match self {
            Num::I(i) => i as f64,
            Num::F(f) => f,
        }
    }

    /// Integral floats in `i64` range become integers.
    fn norm(self) -> Num {
        match self {
            Num::F(f) => match f64_to_i64(f) {
                Some(i) => Num::I(i),
                None => Num::F(f),
            },
            i => i,
        }
    }

    fn as_i64(self) -> Option<i64> {
        match self.norm() {
            Num::I(i) => Some(i),
            Num::F(_) => None,
        }
    }
}

fn f64_to_i64(f: f64) -> Option<i64> {
    // 2^63 is exactly representable; the range check makes the cast exact.
    if f.is_finite()
        && f.fract() == 0.0
        && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f)
    {
        Some(f as i64)
    } else {
        None
    }
}

fn num_val(name: &str, n: Num) -> R {
    match n.norm() {
        Num::I(i) => Ok(Val::int(i)),
        Num::F(f) => Number::from_f64(f)
            .map(Val::Num)
            .ok_or_else(|| ev(name, "result is not a finite number")),
    }
}

fn num_cmp(a: Num, b: Num) -> Ordering {
    match (a, b) {
        (Num::I(x), Num::I(y)) => x.cmp(&y),
        _ => a.f().partial_cmp(&b.f()).unwrap_or(Ordering::Equal),
    }
}

/// A number as Terraform writes it in a string: decimal, no exponent.
fn num_to_string(n: Num) -> String {
    match n.norm() {
        Num::I(i) => i.to_string(),
        Num::F(f) => format!("{f}"),
    }
}

fn number_to_string(n: &Number) -> String {
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    num_to_string(Num::of(n))
}

/// Parses a decimal number as Terraform converts strings to numbers.
fn parse_decimal(s: &str) -> Option<Num> {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+') | Some(b'-')) {
        i += 1;
    }
    let mut digits = 0;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
        digits += 1;
    }
    let mut plain_int = true;
    if b.get(i) == Some(&b'.') {
        plain_int = false;
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            digits += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e') | Some(b'E')) {
        plain_int = false;
        i += 1;
        if matches!(b.get(i), Some(b'+') | Some(b'-')) {
            i += 1;
        }
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    if plain_int {
        if let Ok(v) = s.parse::<i64>() {
            return Some(Num::I(v));
        }
    }
    let f: f64 = s.parse().ok()?;
    f.is_finite().then_some(Num::F(f).norm())
}

/// Decimal digits and scale of a float's shortest form, when small enough for
/// exact decimal arithmetic.
fn decimal_parts(n: Num) -> Option<(i128, u32)> {
    match n {
        Num::I(i) => Some((i128::from(i), 0)),
        Num::F(f) => {
            let s = format!("{f}");
            let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
            let scale = u32::try_from(frac.len()).ok()?;
            if scale > 18 || int.len() + frac.len() > 36 {
                return None;
            }
            let m: i128 = format!("{int}{frac}").parse().ok()?;
            Some((m, scale))
        }
    }
}

fn decimal_from_parts(m: i128, scale: u32) -> Option<Num> {
    let neg = m < 0;
    let digits = m.unsigned_abs().to_string();
    let scale = scale as usize;
    let s = if scale == 0 {
        digits
    } else if digits.len() > scale {
        let (a, b) = digits.split_at(digits.len() - scale);
        format!("{a}.{b}")
    } else {
        format!("0.{}{digits}", "0".repeat(scale - digits.len()))
    };
    let f: f64 = s.parse().ok()?;
    let f = if neg { -f } else { f };
    f.is_finite().then_some(Num::F(f).norm())
}

/// `a + b`, exact for integers and for decimals with short forms (as Terraform's
/// arbitrary precision gives `0.1 + 0.2 = 0.3`).
fn num_add(a: Num, b: Num) -> Num {
    if let (Num::I(x), Num::I(y)) = (a, b) {
        if let Some(s) = x.checked_add(y) {
            return Num::I(s);
        }
    }
    if let (Some((ma, sa)), Some((mb, sb))) = (decimal_parts(a), decimal_parts(b)) {
        let scale = sa.max(sb);
        let pa = 10i128.checked_pow(scale - sa);
        let pb = 10i128.checked_pow(scale - sb);
        if let (Some(pa), Some(pb)) = (pa, pb) {
            let sum = ma
                .checked_mul(pa)
                .and_then(|x| mb.checked_mul(pb).and_then(|y| x.checked_add(y)));
            if let Some(r) = sum.and_then(|s| decimal_from_parts(s, scale)) {
                return r;
            }
        }
    }
    Num::F(a.f() + b.f()).norm()
}

// ---------------------------------------------------------------------------
// Conversions

fn null_error(name: &str, what: &str) -> FnError {
    ev(name, format!("{what} must not be null"))
}

/// A value where Terraform expects a string.
fn conv_str(name: &str, v: &Val, what: &str) -> Result<String, FnError> {
    match v {
        Val::Str(s) => Ok(s.clone()),
        Val::Num(n) => Ok(number_to_string(n)),
        Val::Bool(b) => Ok(b.to_string()),
        Val::Null => Err(null_error(name, what)),
        other => Err(ev(
            name,
            format!("{what} must be a string, not {}", type_name(other)),
        )),
    }
}

/// A value where Terraform expects a number.
fn conv_num(name: &str, v: &Val, what: &str) -> Result<Num, FnError> {
    match v {
        Val::Num(n) => Ok(Num::of(n)),
        Val::Str(s) => parse_decimal(s).ok_or_else(|| {
            ev(
                name,
                format!("{what}: cannot convert {s:?} to number; given string must be a decimal representation of a number"),
            )
        }),
        Val::Null => Err(null_error(name, what)),
        other => Err(ev(
            name,
            format!("{what} must be a number, not {}", type_name(other)),
        )),
    }
}

/// A value where Terraform expects a whole number that fits an `i64`.
fn conv_int(name: &str, v: &Val, what: &str) -> Result<i64, FnError> {
    conv_num(name, v, what)?
        .as_i64()
        .ok_or_else(|| ev(name, format!("{what} must be a whole number")))
}

/// A value where Terraform expects a bool.
fn conv_bool(name: &str, v: &Val, what: &str) -> Result<bool, FnError> {
    match v {
        Val::Bool(b) => Ok(*b),
        Val::Str(s) if s == "true" => Ok(true),
        Val::Str(s) if s == "false" => Ok(false),
        Val::Str(s) => Err(ev(
            name,
            format!("{what}: cannot convert {s:?} to bool; only the strings \"true\" or \"false\" are allowed"),
        )),
        Val::Null => Err(null_error(name, what)),
        other => Err(ev(
            name,
            format!("{what}: cannot convert {} to bool", type_name(other)),
        )),
    }
}

/// The elements of a list, set or tuple.
fn conv_list<'a>(name: &str, v: &'a Val, what: &str) -> Result<&'a [Val], FnError> {
    match v {
        Val::Arr(a) => Ok(a),
        Val::Null => Err(null_error(name, what)),
        other => Err(ev(
            name,
            format!("{what} must be a list, not {}", type_name(other)),
        )),
    }
}

fn conv_obj<'a>(name: &str, v: &'a Val, what: &str) -> Result<&'a BTreeMap<String, Val>, FnError> {
    match v {
        Val::Obj(o) => Ok(o),
        Val::Null => Err(null_error(name, what)),
        other => Err(ev(
            name,
            format!("{what} must be a map or object, not {}", type_name(other)),
        )),
    }
}

// ---------------------------------------------------------------------------
// Equality, set order and type unification

/// Terraform's `==` on known values (numbers compare by value).
fn val_eq(a: &Val, b: &Val) -> bool {
    match (a, b) {
        (Val::Null, Val::Null) => true,
        (Val::Bool(x), Val::Bool(y)) => x == y,
        (Val::Num(x), Val::Num(y)) => num_cmp(Num::of(x), Num::of(y)) == Ordering::Equal,
        (Val::Str(x), Val::Str(y)) => x == y,
        (Val::Arr(x), Val::Arr(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| val_eq(p, q))
        }
        (Val::Obj(x), Val::Obj(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((k1, v1), (k2, v2))| k1 == k2 && val_eq(v1, v2))
        }
        _ => false,
    }
}

fn kind_rank(v: &Val) -> u8 {
    match v {
        Val::Null => 0,
        Val::Bool(_) => 1,
        Val::Num(_) => 2,
        Val::Str(_) => 3,
        Val::Arr(_) => 4,
        Val::Obj(_) => 5,
        Val::Unknown(_) => 6,
    }
}

/// The order of set elements: strings lexically, numbers by value.
fn set_cmp(a: &Val, b: &Val) -> Ordering {
    match (a, b) {
        (Val::Bool(x), Val::Bool(y)) => x.cmp(y),
        (Val::Num(x), Val::Num(y)) => num_cmp(Num::of(x), Num::of(y)),
        (Val::Str(x), Val::Str(y)) => x.cmp(y),
        (Val::Arr(x), Val::Arr(y)) => {
            for (p, q) in x.iter().zip(y) {
                let o = set_cmp(p, q);
                if o != Ordering::Equal {
                    return o;
                }
            }
            x.len().cmp(&y.len())
        }
        (Val::Obj(x), Val::Obj(y)) => {
            for ((k1, v1), (k2, v2)) in x.iter().zip(y) {
                let o = k1.cmp(k2).then_with(|| set_cmp(v1, v2));
                if o != Ordering::Equal {
                    return o;
                }
            }
            x.len().cmp(&y.len())
        }
        _ => kind_rank(a).cmp(&kind_rank(b)),
    }
}

/// Sorted and without duplicates.
fn make_set(mut vals: Vec<Val>) -> Vec<Val> {
    vals.sort_by(set_cmp);
    vals.dedup_by(|a, b| val_eq(a, b));
    vals
}

enum Unified {
    Known(Vec<Val>),
    /// An unknown element could change the unified type: the result is unknown.
    Ambiguous,
}

/// Converts elements to a single type as Terraform does for lists, sets and maps:
/// mixed strings, numbers and bools all become strings.
fn unify(name: &str, vals: Vec<Val>) -> Result<Unified, FnError> {
    let (mut s, mut n, mut b, mut a, mut o, mut u) = (false, false, false, false, false, false);
    for v in &vals {
        match v {
            Val::Str(_) => s = true,
            Val::Num(_) => n = true,
            Val::Bool(_) => b = true,
            Val::Arr(_) => a = true,
            Val::Obj(_) => o = true,
            Val::Unknown(_) => u = true,
            Val::Null => {}
        }
    }
    let prims = usize::from(s) + usize::from(n) + usize::from(b);
    if (a || o) && prims > 0 || a && o {
        return Err(ev(name, "all elements must have the same type"));
    }
    if prims == 1 && !s && u {
        return Ok(Unified::Ambiguous);
    }
    if prims < 2 {
        return Ok(Unified::Known(vals));
    }
    let out = vals
        .into_iter()
        .map(|v| match v {
            Val::Num(x) => Val::Str(number_to_string(&x)),
            Val::Bool(x) => Val::Str(x.to_string()),
            other => other,
        })
        .collect();
    Ok(Unified::Known(out))
}

// ---------------------------------------------------------------------------
// Numeric functions

fn f_abs(name: &str, a: Vec<Val>) -> R {
    match conv_num(name, arg(&a, 0), "num")? {
        Num::I(i) => match i.checked_abs() {
            Some(v) => Ok(Val::int(v)),
            None => num_val(name, Num::F((i as f64).abs())),
        },
        Num::F(f) => num_val(name, Num::F(f.abs())),
    }
}

fn f_ceil(name: &str, a: Vec<Val>) -> R {
    match conv_num(name, arg(&a, 0), "num")? {
        Num::F(f) => num_val(name, Num::F(f.ceil())),
        i => num_val(name, i),
    }
}

fn f_floor(name: &str, a: Vec<Val>) -> R {
    match conv_num(name, arg(&a, 0), "num")? {
        Num::F(f) => num_val(name, Num::F(f.floor())),
        i => num_val(name, i),
    }
}

fn f_log(name: &str, a: Vec<Val>) -> R {
    let num = conv_num(name, arg(&a, 0), "num")?.f();
    let base = conv_num(name, arg(&a, 1), "base")?.f();
    let r = num.ln() / base.ln();
    if r.is_nan() {
        return Err(ev(name, "result is not a number"));
    }
    num_val(name, Num::F(r))
}

fn f_pow(name: &str, a: Vec<Val>) -> R {
    let num = conv_num(name, arg(&a, 0), "num")?;
    let power = conv_num(name, arg(&a, 1), "power")?;
    if let (Num::I(x), Some(p)) = (num, power.as_i64()) {
        if let Some(r) = u32::try_from(p).ok().and_then(|p| x.checked_pow(p)) {
            return Ok(Val::int(r));
        }
    }
    let r = num.f().powf(power.f());
    if r.is_nan() {
        return Err(ev(name, "result is not a number"));
    }
    num_val(name, Num::F(r))
}

fn f_signum(name: &str, a: Vec<Val>) -> R {
    let n = conv_num(name, arg(&a, 0), "num")?;
    Ok(Val::int(match num_cmp(n, Num::I(0)) {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    }))
}

fn extreme(name: &str, a: &[Val], want: Ordering) -> R {
    let mut best: Option<Num> = None;
    for (i, v) in a.iter().enumerate() {
        let n = conv_num(name, v, &format!("argument {}", i + 1))?;
        best = match best {
            Some(b) if num_cmp(n, b) != want => Some(b),
            _ => Some(n),
        };
    }
    match best {
        Some(b) => num_val(name, b),
        None => Err(ev(name, "must pass at least one number")),
    }
}

fn f_max(name: &str, a: Vec<Val>) -> R {
    extreme(name, &a, Ordering::Greater)
}

fn f_min(name: &str, a: Vec<Val>) -> R {
    extreme(name, &a, Ordering::Less)
}

fn f_parseint(name: &str, a: Vec<Val>) -> R {
    let s = match arg(&a, 0) {
        Val::Str(s) => s.clone(),
        Val::Null => return Err(null_error(name, "number")),
        other => {
            return Err(ev(
                name,
                format!("first argument must be a string, not {}", type_name(other)),
            ))
        }
    };
    let base = conv_num(name, arg(&a, 1), "base")?
        .as_i64()
        .filter(|b| (2..=62).contains(b))
        .ok_or_else(|| {
            ev(
                name,
                "base must be a whole number between 2 and 62 inclusive",
            )
        })?;
    let bad = || ev(name, format!("cannot parse {s:?} as a base {base} integer"));
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(&s)),
    };
    if digits.is_empty() {
        return Err(bad());
    }
    let mut acc: Option<i128> = Some(0);
    for c in digits.chars() {
        let dv = match c {
            '0'..='9' => u32::from(c) - u32::from('0'),
            'a'..='z' => u32::from(c) - u32::from('a') + 10,
            'A'..='Z' if base <= 36 => u32::from(c) - u32::from('A') + 10,
            'A'..='Z' => u32::from(c) - u32::from('A') + 36,
            _ => return Err(bad()),
        };
        if i64::from(dv) >= base {
            return Err(bad());
        }
        acc = acc
            .and_then(|x| x.checked_mul(i128::from(base)))
            .and_then(|x| x.checked_add(i128::from(dv)));
    }
    // Too large for lzscan's numbers: Terraform knows it, we do not.
    let Some(mut v) = acc else {
        return Ok(Val::unknown());
    };
    if neg {
        v = -v;
    }
    if let Ok(i) = i64::try_from(v) {
        Ok(Val::int(i))
    } else if let Ok(u) = u64::try_from(v) {
        Ok(Val::Num(Number::from(u)))
    } else {
        Ok(Val::unknown())
    }
}

fn f_sum(name: &str, a: Vec<Val>) -> R {
    let items: Vec<&Val> = match arg(&a, 0) {
        Val::Arr(x) => x.iter().collect(),
        Val::Obj(o) => {
            if o.is_empty() {
                return Err(ev(name, "cannot sum an empty list"));
            }
            return Err(ev(
                name,
                "argument must be list, set, or tuple. Received object",
            ));
        }
        Val::Null => return Err(null_error(name, "list")),
        _ => return Err(ev(name, "cannot sum noniterable")),
    };
    if items.is_empty() {
        return Err(ev(name, "cannot sum an empty list"));
    }
    let mut total: Option<Num> = None;
    for v in items {
        let n = match v {
            Val::Null => None,
            other => conv_num(name, other, "element").ok(),
        }
        .ok_or_else(|| {
            ev(
                name,
                "argument must be list, set, or tuple of number values",
            )
        })?;
        total = Some(match total {
            None => n,
            Some(t) => num_add(t, n),
        });
    }
    num_val(name, total.unwrap_or(Num::I(0)))
}

// ---------------------------------------------------------------------------
// String functions

fn str_arg(name: &str, a: &[Val], i: usize, what: &str) -> Result<String, FnError> {
    conv_str(name, arg(a, i), what)
}

fn f_chomp(name: &str, a: Vec<Val>) -> R {
    let s = str_arg(name, &a, 0, "str")?;
    Ok(Val::str(s.trim_end_matches(['\r', '\n'])))
}

fn f_endswith(name: &str, a: Vec<Val>) -> R {
    let s = str_arg(name, &a, 0, "str")?;
    let suffix = str_arg(name, &a, 1, "suffix")?;
    Ok(Val::Bool(s.ends_with(&suffix)))
}

fn f_startswith(name: &str, a: Vec<Val>) -> R {
    if arg(&a, 0).is_unknown() && matches!(arg(&a, 1), Val::Str(p) if p.is_empty()) {
        return Ok(Val::Bool(true));
    }
    if let Some(u) = unknown_in(&a) {
        return Ok(u);
    }
    let s = str_arg(name, &a, 0, "str")?;
    let prefix = str_arg(name, &a, 1, "prefix")?;
    Ok(Val::Bool(s.starts_with(&prefix)))
}

fn f_strcontains(name: &str, a: Vec<Val>) -> R {
    let s = str_arg(name, &a, 0, "str")?;
    let sub = str_arg(name, &a, 1, "substr")?;
    Ok(Val::Bool(s.contains(&sub)))
}

fn f_indent(name: &str, a: Vec<Val>) -> R {
    let spaces = conv_int(name, arg(&a, 0), "spaces")?;
    let s = str_arg(name, &a, 1, "str")?;
    let spaces = usize::try_from(spaces).map_err(|_| ev(name, "spaces must not be negative"))?;
    let lines = s.matches('\n').count();
    if lines == 0 {
        return Ok(Val::Str(s));
    }
    let size = lines
        .checked_mul(spaces)
        .and_then(|x| x.checked_add(s.len()));
    check_len(name, size.unwrap_or(usize::MAX))?;
    let pad = format!("\n{}", " ".repeat(spaces));
    Ok(Val::Str(s.replace('\n', &pad)))
}

fn f_join(name: &str, a: Vec<Val>) -> R {
    let sep = str_arg(name, &a, 0, "separator")?;
    let lists = a.get(1..).unwrap_or_default();
    if lists.is_empty() {
        return Err(ev(name, "at least one list is required"));
    }
    let mut out = String::new();
    let mut first = true;
    for (li, l) in lists.iter().enumerate() {
        for (ei, e) in conv_list(name, l, "lists")?.iter().enumerate() {
            if is_null(e) {
                return Err(ev(
                    name,
                    if lists.len() > 1 {
                        format!(
                            "element {ei} of list {} is null; cannot concatenate null values",
                            li + 1
                        )
                    } else {
                        format!("element {ei} is null; cannot concatenate null values")
                    },
                ));
            }
            if !first {
                out.push_str(&sep);
            }
            first = false;
            out.push_str(&conv_str(name, e, "list element")?);
            check_len(name, out.len())?;
        }
    }
    Ok(Val::Str(out))
}

/// Go's `unicode.ToUpper`: simple (one character) case mapping.
fn simple_upper(c: char) -> char {
    match u32::from(c) {
        0x1F80..=0x1F87 | 0x1F90..=0x1F97 | 0x1FA0..=0x1FA7 => {
            char::from_u32(u32::from(c) + 8).unwrap_or(c)
        }
        0x1FB3 => '\u{1FBC}',
        0x1FC3 => '\u{1FCC}',
        0x1FF3 => '\u{1FFC}',
        _ => {
            let mut it = c.to_uppercase();
            match (it.next(), it.next()) {
                (Some(u), None) => u,
                _ => c,
            }
        }
    }
}

/// Go's `unicode.ToLower`.
fn simple_lower(c: char) -> char {
    if c == '\u{130}' {
        return 'i';
    }
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Go's `unicode.ToTitle`.
fn simple_title(c: char) -> char {
    match u32::from(c) {
        0x1C4..=0x1C6 => '\u{1C5}',
        0x1C7..=0x1C9 => '\u{1C8}',
        0x1CA..=0x1CC => '\u{1CB}',
        0x1F1..=0x1F3 => '\u{1F2}',
        _ => simple_upper(c),
    }
}

fn f_lower(name: &str, a: Vec<Val>) -> R {
    Ok(Val::Str(
        str_arg(name, &a, 0, "str")?
            .chars()
            .map(simple_lower)
            .collect(),
    ))
}

fn f_upper(name: &str, a: Vec<Val>) -> R {
    Ok(Val::Str(
        str_arg(name, &a, 0, "str")?
            .chars()
            .map(simple_upper)
            .collect(),
    ))
}

/// Go's `strings.Title` word separators.
fn is_title_separator(c: char) -> bool {
    if c.is_ascii() {
        return !(c.is_ascii_alphanumeric() || c == '_');
    }
    if c.is_alphabetic() || c.is_numeric() {
        return false;
    }
    c.is_whitespace()
}

fn f_title(name: &str, a: Vec<Val>) -> R {
    let s = str_arg(name, &a, 0, "str")?;
    let mut prev = ' ';
    let out = s
        .chars()
        .map(|c| {
            let r = if is_title_separator(prev) {
                simple_title(c)
            } else {
                c
            };
            prev = c;
            r
        })
        .collect();
    Ok(Val::Str(out))
}

fn f_strrev(name: &str, a: Vec<Val>) -> R {
    Ok(Val::Str(
        str_arg(name, &a, 0, "str")?.chars().rev().collect(),
    ))
}

fn f_substr(name: &str, a: Vec<Val>) -> R {
    let s = str_arg(name, &a, 0, "str")?;
    let mut offset = conv_int(name, arg(&a, 1), "offset")?;
    let length = conv_int(name, arg(&a, 2), "length")?;
    let chars: Vec<char> = s.chars().collect();
    let total = i64::try_from(chars.len()).unwrap_or(i64::MAX);
    if offset < 0 {
        offset = offset.saturating_add(total);
    } else if length == 0 {
        return Ok(Val::str(""));
    }
    let start = usize::try_from(offset.max(0)).unwrap_or(usize::MAX);
    let rest = chars.get(start..).unwrap_or_default();
    // As in Terraform, a length of zero with a negative offset takes the rest.
    let take = if length <= 0 {
        rest.len()
    } else {
        usize::try_from(length)
            .unwrap_or(usize::MAX)
            .min(rest.len())
    };
    Ok(Val::Str(rest.iter().take(take).collect()))
}

fn f_trim(name: &str, a: Vec<Val>) -> R {
    let s = str_arg(name, &a, 0, "str")?;
    let cut = str_arg(name, &a, 1, "cutset")?;
    Ok(Val::str(s.trim_matches(|c| cut.contains(c))))
}

fn f_trimprefix(name: &str, a: Vec<Val>) -> R {
    let s = str_arg(name, &a, 0, "str")?;
    let p = str_arg(name, &a, 1, "prefix")?;
    Ok(Val::str(s.strip_prefix(p.as_str()).unwrap_or(&s)))
}

fn f_trimsuffix(name: &str, a: Vec<Val>) -> R {
    let s = str_arg(name, &a, 0, "str")?;
    let p = str_arg(name, &a, 1, "suffix")?;
    Ok(Val::str(s.strip_suffix(p.as_str()).unwrap_or(&s)))
}

fn f_trimspace(name: &str, a: Vec<Val>) -> R {
    Ok(Val::str(
        str_arg(name, &a, 0, "str")?.trim_matches(char::is_whitespace),
    ))
}

fn f_split(name: &str, a: Vec<Val>) -> R {
    let sep = str_arg(name, &a, 0, "separator")?;
    let s = str_arg(name, &a, 1, "str")?;
    let parts: Vec<Val> = if sep.is_empty() {
        s.chars().map(|c| Val::Str(c.to_string())).collect()
    } else {
        s.split(sep.as_str()).map(Val::str).collect()
    };
    check_count(name, parts.len())?;
    Ok(Val::Arr(parts))
}

fn f_replace(name: &str, a: Vec<Val>) -> R {
    let s = str_arg(name, &a, 0, "str")?;
    let sub = str_arg(name, &a, 1, "substr")?;
    let rep = str_arg(name, &a, 2, "replace")?;
    if sub.len() > 1 && sub.starts_with('/') && sub.ends_with('/') {
        let pat = sub.get(1..sub.len() - 1).unwrap_or_default();
        let re = compile_regex(name, pat)?;
        let mut out = String::new();
        let mut last = 0;
        for caps in re.captures_iter(&s) {
            let Some(m) = caps.get(0) else { continue };
            out.push_str(s.get(last..m.start()).unwrap_or_default());
            caps.expand(&rep, &mut out);
            last = m.end();
            check_len(name, out.len())?;
        }
        out.push_str(s.get(last..).unwrap_or_default());
        check_len(name, out.len())?;
        return Ok(Val::Str(out));
    }
    let count = if sub.is_empty() {
        s.chars().count().saturating_add(1)
    } else {
        s.matches(sub.as_str()).count()
    };
    let size = count
        .checked_mul(rep.len())
        .and_then(|x| x.checked_add(s.len()));
    check_len(name, size.unwrap_or(usize::MAX))?;
    Ok(Val::Str(s.replace(sub.as_str(), &rep)))
}

/// Compiles a Go (RE2) pattern, giving `\d`, `\w`, `\s` and `\b` their ASCII
/// meaning as in Go.
fn compile_regex(name: &str, pat: &str) -> Result<regex::Regex, FnError> {
    let mut out = String::with_capacity(pat.len());
    let mut chars = pat.chars().peekable();
    let mut in_class = false;
    let mut class_start = false;
    while let Some(c) = chars.next() {
        if c == '\\' {
            let Some(e) = chars.next() else {
                out.push('\\');
                break;
            };
            let rep = match (e, in_class) {
                ('d', false) => Some("[0-9]"),
                ('d', true) => Some("0-9"),
                ('D', false) => Some("[^0-9]"),
                ('D', true) => Some("[:^digit:]"),
                ('w', false) => Some("[0-9A-Za-z_]"),
                ('w', true) => Some("0-9A-Za-z_"),
                ('W', false) => Some("[^0-9A-Za-z_]"),
                ('W', true) => Some("[:^word:]"),
                ('s', false) => Some(r"[\t\n\f\r ]"),
                ('s', true) => Some(r"\t\n\f\r "),
                ('S', false) => Some(r"[^\t\n\f\r ]"),
                ('S', true) => Some("[:^space:]"),
                ('b', false) => Some(r"(?-u:\b)"),
                ('B', false) => Some(r"(?-u:\B)"),
                _ => None,
            };
            match rep {
                Some(r) => out.push_str(r),
                None => {
                    out.push('\\');
                    out.push(e);
                }
            }
            class_start = false;
            continue;
        }
        if in_class {
            if c == '[' && chars.peek() == Some(&':') {
                // A POSIX class such as [:alpha:] inside a bracket expression.
                out.push(c);
                for x in chars.by_ref() {
                    out.push(x);
                    if x == ']' {
                        break;
                    }
                }
            } else {
                if c == ']' && !class_start {
                    in_class = false;
                }
                out.push(c);
            }
            class_start = false;
        } else {
            out.push(c);
            if c == '[' {
                in_class = true;
                class_start = true;
                if chars.peek() == Some(&'^') {
                    chars.next();
                    out.push('^');
                }
            }
        }
    }
    regex::Regex::new(&out).map_err(|e| ev(name, format!("error parsing pattern: {e}")))
}

enum CaptureShape {
    Whole,
    Unnamed,
    Named(Vec<Option<String>>),
}

fn capture_shape(name: &str, re: &regex::Regex) -> Result<CaptureShape, FnError> {
    let names: Vec<Option<String>> = re
        .capture_names()
        .skip(1)
        .map(|n| n.map(str::to_string))
        .collect();
    let named = names.iter().filter(|n| n.is_some()).count();
    let unnamed = names.len() - named;
    Ok(match (named, unnamed) {
        (0, 0) => CaptureShape::Whole,
        (0, _) => CaptureShape::Unnamed,
        (_, 0) => CaptureShape::Named(names),
        _ => {
            return Err(ev(
                name,
                "invalid regexp pattern: cannot mix both named and unnamed capture groups",
            ))
        }
    })
}

fn capture_value(shape: &CaptureShape, caps: &regex::Captures<'_>) -> Val {
    let group = |i: usize| caps.get(i).map_or(Val::Null, |m| Val::str(m.as_str()));
    match shape {
        CaptureShape::Whole => group(0),
        CaptureShape::Unnamed => Val::Arr((1..caps.len()).map(group).collect()),
        CaptureShape::Named(names) => Val::Obj(
            names
                .iter()
                .enumerate()
                .filter_map(|(i, n)| n.as_ref().map(|n| (n.clone(), group(i + 1))))
                .collect(),
        ),
    }
}

fn f_regex(name: &str, a: Vec<Val>) -> R {
    let pat = str_arg(name, &a, 0, "pattern")?;
    let s = str_arg(name, &a, 1, "string")?;
    let re = compile_regex(name, &pat)?;
    let shape = capture_shape(name, &re)?;
    match re.captures(&s) {
        Some(caps) => Ok(capture_value(&shape, &caps)),
        None => Err(ev(
            name,
            "pattern did not match any part of the given string",
        )),
    }
}

fn f_regexall(name: &str, a: Vec<Val>) -> R {
    let pat = str_arg(name, &a, 0, "pattern")?;
    let s = str_arg(name, &a, 1, "string")?;
    let re = compile_regex(name, &pat)?;
    let shape = capture_shape(name, &re)?;
    let mut out = Vec::new();
    for caps in re.captures_iter(&s) {
        out.push(capture_value(&shape, &caps));
        check_count(name, out.len())?;
    }
    Ok(Val::Arr(out))
}

// ---------------------------------------------------------------------------
// format and formatlist (go-cty's printf dialect)

#[derive(Default)]
struct Verb {
    raw: String,
    offset: usize,
    arg: usize,
    mode: char,
    zero: bool,
    sharp: bool,
    plus: bool,
    minus: bool,
    space: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

/// Reads a decimal number starting at `i`, bounded by `MAX_WIDTH`.
fn read_num(name: &str, b: &[u8], i: &mut usize) -> Result<usize, FnError> {
    let mut n: usize = 0;
    while let Some(c) = b.get(*i).filter(|c| c.is_ascii_digit()) {
        n = n
            .checked_mul(10)
            .and_then(|x| x.checked_add(usize::from(c - b'0')))
            .filter(|x| *x <= MAX_WIDTH)
            .ok_or_else(|| ev(name, "width, precision or argument index is too large"))?;
        *i += 1;
    }
    Ok(n)
}

fn format_str(name: &str, spec: &str, args: &[Val]) -> Result<String, FnError> {
    let b = spec.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    let mut next_arg = 1usize;
    let mut highest = 0usize;
    let mut lit_start = 0;
    while i < b.len() {
        if b.get(i) != Some(&b'%') {
            i += 1;
            continue;
        }
        out.push_str(spec.get(lit_start..i).unwrap_or_default());
        let start = i;
        i += 1;
        if b.get(i) == Some(&b'%') {
            out.push('%');
            i += 1;
            lit_start = i;
            continue;
        }
        let mut v = Verb {
            offset: start,
            arg: next_arg,
            ..Verb::default()
        };
        while let Some(c) = b.get(i) {
            match c {
                b'0' => v.zero = true,
                b'#' => v.sharp = true,
                b'-' => v.minus = true,
                b'+' => v.plus = true,
                b' ' => v.space = true,
                _ => break,
            }
            i += 1;
        }
        if b.get(i).is_some_and(|c| (b'1'..=b'9').contains(c)) {
            v.width = Some(read_num(name, b, &mut i)?);
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            v.prec = Some(read_num(name, b, &mut i)?);
        }
        if b.get(i) == Some(&b'[') {
            i += 1;
            if !b.get(i).is_some_and(|c| (b'1'..=b'9').contains(c)) {
                return Err(ev(
                    name,
                    format!("invalid format string starting at offset {start}"),
                ));
            }
            v.arg = read_num(name, b, &mut i)?;
            if b.get(i) != Some(&b']') {
                return Err(ev(
                    name,
                    format!("invalid format string starting at offset {start}"),
                ));
            }
            i += 1;
        }
        match b.get(i) {
            Some(c) if c.is_ascii_alphabetic() => v.mode = char::from(*c),
            Some(_) => {
                let c = spec.get(i..).and_then(|r| r.chars().next()).unwrap_or('?');
                return Err(ev(
                    name,
                    format!("unrecognized format character {c:?} at offset {i}"),
                ));
            }
            None => {
                return Err(ev(
                    name,
                    format!("invalid format string starting at offset {start}"),
                ))
            }
        }
        i += 1;
        v.raw = spec.get(start..i).unwrap_or_default().to_string();
        highest = highest.max(v.arg);
        format_verb(name, &v, args, &mut out)?;
        check_len(name, out.len())?;
        next_arg = v.arg.saturating_add(1);
        lit_start = i;
    }
    out.push_str(spec.get(lit_start..).unwrap_or_default());
    if highest < args.len() {
        return Err(ev(
            name,
            if highest == 0 {
                "too many arguments; no verbs in format string".to_string()
            } else {
                format!("too many arguments; only {highest} used by format string")
            },
        ));
    }
    Ok(out)
}

fn format_verb(name: &str, v: &Verb, args: &[Val], out: &mut String) -> Result<(), FnError> {
    let Some(a) = v.arg.checked_sub(1).and_then(|i| args.get(i)) else {
        return Err(ev(
            name,
            format!(
                "not enough arguments for {:?} at {}: need index {} but have {} total",
                v.raw,
                v.offset,
                v.arg,
                args.len()
            ),
        ));
    };
    if v.mode != 'v' && is_null(a) {
        return Err(ev(
            name,
            format!(
                "unsupported value for {:?} at {}: null value cannot be formatted",
                v.raw, v.offset
            ),
        ));
    }
    let bad = |m: String| {
        ev(
            name,
            format!("unsupported value for {:?} at {}: {m}", v.raw, v.offset),
        )
    };
    match v.mode {
        'v' => {
            let s = match a {
                Val::Str(s) if !v.sharp => s.clone(),
                Val::Num(n) if !v.sharp => go_float(Num::of(n).f(), 'g', None),
                other => json_encode(other).map_err(|e| bad(e.to_string()))?,
            };
            out.push_str(&pad_width(v, &s));
        }
        't' => {
            let b = conv_bool(name, a, "argument").map_err(|e| bad(e.to_string()))?;
            out.push_str(if b { "true" } else { "false" });
        }
        'b' | 'd' | 'o' | 'x' | 'X' => {
            let n = conv_num(name, a, "argument").map_err(|e| bad(e.to_string()))?;
            let i = n
                .as_i64()
                .ok_or_else(|| bad("an integer is required".into()))?;
            out.push_str(&go_int(v, i));
        }
        'e' | 'E' | 'f' | 'g' | 'G' => {
            let n = conv_num(name, a, "argument").map_err(|e| bad(e.to_string()))?;
            out.push_str(&go_float_verb(v, n.f()));
        }
        's' | 'q' => {
            let mut s = conv_str(name, a, "argument").map_err(|e| bad(e.to_string()))?;
            if let Some(p) = v.prec.filter(|p| *p > 0) {
                s = s.chars().take(p).collect();
            }
            if v.mode == 'q' {
                let mut q = String::new();
                json_string(&s, &mut q);
                s = q;
            }
            out.push_str(&pad_width(v, &s));
        }
        m => {
            return Err(ev(
                name,
                format!(
                    "unsupported format verb {m:?} in {:?} at offset {}",
                    v.raw, v.offset
                ),
            ))
        }
    }
    Ok(())
}

/// go-cty's own padding (for %v, %s, %q): counts characters, pads with zeros
/// when asked, on the right with `-`.
fn pad_width(v: &Verb, s: &str) -> String {
    let Some(w) = v.width else {
        return s.to_string();
    };
    let len = s.chars().count();
    if len >= w {
        return s.to_string();
    }
    let pads = (if v.zero { "0" } else { " " }).repeat(w - len);
    if v.minus {
        format!("{s}{pads}")
    } else {
        format!("{pads}{s}")
    }
}

/// Go's `fmt` on a `*big.Int` (%b %d %o %x %X).
fn go_int(v: &Verb, i: i64) -> String {
    let abs = i.unsigned_abs();
    let mut digits = match v.mode {
        'b' => format!("{abs:b}"),
        'o' => format!("{abs:o}"),
        'x' => format!("{abs:x}"),
        'X' => format!("{abs:X}"),
        _ => abs.to_string(),
    };
    let sign = if i < 0 {
        "-"
    } else if v.plus {
        "+"
    } else if v.space {
        " "
    } else {
        ""
    };
    let prefix = match (v.sharp, v.mode) {
        (true, 'b') => "0b",
        (true, 'o') => "0",
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        _ => "",
    };
    let mut zeros = 0;
    if let Some(p) = v.prec {
        if digits.len() < p {
            zeros = p - digits.len();
        } else if digits == "0" && p == 0 {
            digits.clear();
        }
    }
    let (mut left, mut right) = (0, 0);
    let length = sign.len() + prefix.len() + zeros + digits.len();
    if let Some(w) = v.width.filter(|w| *w > length) {
        let dlt = w - length;
        // Go's fmt drops the zero flag when '-' is given.
        if v.minus {
            right = dlt;
        } else if v.zero && v.prec.is_none() {
            zeros = dlt;
        } else {
            left = dlt;
        }
    }
    format!(
        "{}{sign}{prefix}{}{digits}{}",
        " ".repeat(left),
        "0".repeat(zeros),
        " ".repeat(right)
    )
}

/// Go's `fmt` on a `*big.Float` (%e %E %f %g %G) with flags and width.
fn go_float_verb(v: &Verb, f: f64) -> String {
    let prec = match v.mode {
        'g' | 'G' => v.prec,
        _ => Some(v.prec.unwrap_or(6)),
    };
    let body = go_float(f, v.mode, prec);
    let (sign, body) = match body.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None if v.plus => ("+", body),
        None if v.space => (" ", body),
        None => ("", body),
    };
    let len = sign.len() + body.len();
    let padding = v.width.filter(|w| *w > len).map_or(0, |w| w - len);
    if v.zero && !v.minus {
        format!("{sign}{}{body}", "0".repeat(padding))
    } else if v.minus {
        format!("{sign}{body}{}", " ".repeat(padding))
    } else {
        format!("{}{sign}{body}", " ".repeat(padding))
    }
}

/// Decimal digits (no trailing zeros) and exponent such that `|f| = 0.d × 10^exp`,
/// rounded to `sig` significant digits or shortest when `None`.
fn decimal_digits(f: f64, sig: Option<usize>) -> (String, i64) {
    let s = match sig {
        Some(p) => format!("{:.*e}", p.saturating_sub(1), f.abs()),
        None => format!("{:e}", f.abs()),
    };
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0').to_string();
    if digits.is_empty() {
        return (String::new(), 0);
    }
    (digits, exp + 1)
}

fn go_exp(buf: &mut String, e: char, exp: i64) {
    buf.push(e);
    buf.push(if exp < 0 { '-' } else { '+' });
    let a = exp.unsigned_abs();
    if a < 10 {
        buf.push('0');
    }
    let _ = write!(buf, "{a}");
}

/// Go's `big.Float.Text(fmt, prec)`: `None` precision means shortest.
fn go_float(f: f64, mode: char, prec: Option<usize>) -> String {
    let mut buf = String::new();
    if f.is_sign_negative() && f != 0.0 {
        buf.push('-');
    }
    let upper = mode.is_ascii_uppercase();
    let e = if upper { 'E' } else { 'e' };
    match mode.to_ascii_lowercase() {
        'f' => {
            let p = prec.unwrap_or(6);
            let _ = write!(buf, "{:.*}", p, f.abs());
        }
        'e' => {
            let p = prec.unwrap_or(6);
            let (d, exp) = decimal_digits(f, Some(p.saturating_add(1)));
            fmt_e(&mut buf, e, p, &d, exp);
        }
        _ => {
            let shortest = prec.is_none();
            let mut p = prec.unwrap_or(0).max(1);
            let (d, dexp) = decimal_digits(f, prec.map(|p| p.max(1)));
            if shortest {
                p = d.len();
            }
            let mut eprec = i64::try_from(p).unwrap_or(i64::MAX);
            let dl = i64::try_from(d.len()).unwrap_or(i64::MAX);
            if eprec > dl && dl >= dexp {
                eprec = dl;
            }
            if shortest {
                eprec = 6;
            }
            let exp = dexp - 1;
            if exp < -4 || exp >= eprec {
                let p = p.min(d.len());
                fmt_e(&mut buf, e, p.saturating_sub(1), &d, dexp);
            } else {
                let p = if i64::try_from(p).unwrap_or(i64::MAX) > dexp {
                    d.len()
                } else {
                    p
                };
                let frac = (i64::try_from(p).unwrap_or(0) - dexp).max(0);
                fmt_f(&mut buf, usize::try_from(frac).unwrap_or(0), &d, dexp);
            }
        }
    }
    buf
}

fn fmt_e(buf: &mut String, e: char, prec: usize, d: &str, dexp: i64) {
    let mut chars = d.chars();
    buf.push(chars.next().unwrap_or('0'));
    if prec > 0 {
        buf.push('.');
        let rest: String = chars.take(prec).collect();
        let n = rest.len();
        buf.push_str(&rest);
        buf.push_str(&"0".repeat(prec - n));
    }
    let exp = if d.is_empty() { 0 } else { dexp - 1 };
    go_exp(buf, e, exp);
}

fn fmt_f(buf: &mut String, prec: usize, d: &str, dexp: i64) {
    let db = d.as_bytes();
    if dexp > 0 {
        let de = usize::try_from(dexp).unwrap_or(0);
        for k in 0..de {
            buf.push(char::from(*db.get(k).unwrap_or(&b'0')));
        }
    } else {
        buf.push('0');
    }
    if prec > 0 {
        buf.push('.');
        for k in 0..prec {
            let j = dexp.saturating_add(i64::try_from(k).unwrap_or(0));
            let c = usize::try_from(j)
                .ok()
                .and_then(|j| db.get(j))
                .copied()
                .unwrap_or(b'0');
            buf.push(char::from(c));
        }
    }
}

fn f_format(name: &str, a: Vec<Val>) -> R {
    let spec = str_arg(name, &a, 0, "format")?;
    let rest = a.get(1..).unwrap_or_default();
    Ok(Val::Str(format_str(name, &spec, rest)?))
}

fn f_formatlist(name: &str, a: Vec<Val>) -> R {
    let spec = match arg(&a, 0) {
        Val::Unknown(_) => return Ok(unknown_from(&a)),
        v => conv_str(name, v, "format")?,
    };
    let rest = a.get(1..).unwrap_or_default();
    if rest.iter().any(Val::is_unknown) {
        return Ok(unknown_from(&a));
    }
    let mut len: Option<(usize, usize)> = None;
    for (i, v) in rest.iter().enumerate() {
        if let Val::Arr(l) = v {
            match len {
                None => len = Some((l.len(), i)),
                Some((n, j)) if n != l.len() => {
                    return Err(ev(
                        name,
                        format!(
                            "argument {} has length {}, which is inconsistent with argument {} of length {n}",
                            i + 1,
                            l.len(),
                            j + 1
                        ),
                    ))
                }
                _ => {}
            }
        }
    }
    let n = len.map_or(1, |(n, _)| n);
    let mut out = Vec::with_capacity(n.min(MAX_ELEMS));
    let mut total = 0usize;
    for k in 0..n {
        let row: Vec<Val> = rest
            .iter()
            .map(|v| match v {
                Val::Arr(l) => l.get(k).cloned().unwrap_or(Val::Null),
                other => other.clone(),
            })
            .collect();
        if let Some(u) = unknown_in(&row) {
            out.push(u);
            continue;
        }
        let s = format_str(name, &spec, &row)
            .map_err(|e| ev(name, format!("error on format iteration {k}: {e}")))?;
        total = total.saturating_add(s.len());
        check_len(name, total)?;
        out.push(Val::Str(s));
    }
    Ok(Val::Arr(out))
}

// ---------------------------------------------------------------------------
// Collection functions

fn f_alltrue(name: &str, a: Vec<Val>) -> R {
    let list = match arg(&a, 0) {
        Val::Unknown(_) => return Ok(unknown_from(&a)),
        v => conv_list(name, v, "list")?,
    };
    for v in list {
        match v {
            Val::Null => return Ok(Val::Bool(false)),
            v if v.contains_unknown() => return Ok(unknown_from(&a)),
            v => {
                if !conv_bool(name, v, "list element")? {
                    return Ok(Val::Bool(false));
                }
            }
        }
    }
    Ok(Val::Bool(true))
}

fn f_anytrue(name: &str, a: Vec<Val>) -> R {
    let list = match arg(&a, 0) {
        Val::Unknown(_) => return Ok(unknown_from(&a)),
        v => conv_list(name, v, "list")?,
    };
    let mut unknown = false;
    for v in list {
        match v {
            Val::Null => {}
            v if v.contains_unknown() => unknown = true,
            v => {
                if conv_bool(name, v, "list element")? {
                    return Ok(Val::Bool(true));
                }
            }
        }
    }
    Ok(if unknown {
        unknown_from(&a)
    } else {
        Val::Bool(false)
    })
}

fn f_chunklist(name: &str, a: Vec<Val>) -> R {
    if arg(&a, 0).is_unknown() || arg(&a, 1).contains_unknown() {
        return Ok(unknown_from(&a));
    }
    let list = conv_list(name, arg(&a, 0), "list")?;
    let size =
        conv_int(name, arg(&a, 1), "size").map_err(|e| ev(name, format!("invalid size: {e}")))?;
    if size < 0 {
        return Err(ev(name, "the size argument must be positive"));
    }
    if list.is_empty() {
        return Ok(Val::Arr(vec![]));
    }
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    if size == 0 {
        return Ok(Val::Arr(vec![Val::Arr(list.to_vec())]));
    }
    Ok(Val::Arr(
        list.chunks(size).map(|c| Val::Arr(c.to_vec())).collect(),
    ))
}

fn f_coalesce(name: &str, a: Vec<Val>) -> R {
    let vals = match unify(name, a.clone())
        .map_err(|_| ev(name, "all arguments must have the same type"))?
    {
        Unified::Known(v) => v,
        // An unknown of unknown type could turn the known arguments into strings.
        Unified::Ambiguous => return Ok(unknown_from(&a)),
    };
    let string_type = vals.iter().any(|v| matches!(v, Val::Str(_)));
    for v in vals {
        match v {
            Val::Unknown(_) => return Ok(unknown_from(&a)),
            Val::Null => continue,
            Val::Str(s) if s.is_empty() && string_type => continue,
            other => return Ok(other),
        }
    }
    Err(ev(name, "no non-null, non-empty-string arguments"))
}

fn f_coalescelist(name: &str, a: Vec<Val>) -> R {
    for v in &a {
        match v {
            Val::Unknown(_) => return Ok(unknown_from(&a)),
            Val::Null => continue,
            Val::Arr(l) if l.is_empty() => continue,
            Val::Arr(_) => return Ok(v.clone()),
            _ => return Err(ev(name, "coalescelist arguments must be lists or tuples")),
        }
    }
    Err(ev(name, "no non-null arguments"))
}

fn f_compact(name: &str, a: Vec<Val>) -> R {
    let list = conv_list(name, arg(&a, 0), "list")?;
    let mut out = Vec::new();
    for v in list {
        if is_null(v) {
            continue;
        }
        let s = conv_str(name, v, "list element")?;
        if !s.is_empty() {
            out.push(Val::Str(s));
        }
    }
    Ok(Val::Arr(out))
}

fn f_concat(name: &str, a: Vec<Val>) -> R {
    let mut out = Vec::new();
    for (i, v) in a.iter().enumerate() {
        match v {
            Val::Unknown(_) => return Ok(unknown_from(&a)),
            Val::Arr(l) => {
                out.extend(l.iter().cloned());
                check_count(name, out.len())?;
            }
            other => {
                return Err(ev(
                    name,
                    format!(
                        "all arguments must be lists or tuples; argument {} is {}",
                        i + 1,
                        type_name(other)
                    ),
                ))
            }
        }
    }
    Ok(Val::Arr(out))
}

fn f_contains(name: &str, a: Vec<Val>) -> R {
    let list = match arg(&a, 0) {
        Val::Unknown(_) => return Ok(unknown_from(&a)),
        Val::Null => return Err(ev(name, "cannot search a nil list or set")),
        Val::Arr(l) => l,
        _ => return Err(ev(name, "argument must be list, tuple, or set")),
    };
    if list.is_empty() {
        return Ok(Val::Bool(false));
    }
    let value = arg(&a, 1);
    if value.contains_unknown() {
        return Ok(unknown_from(&a));
    }
    let mut unknown = false;
    for v in list {
        if v.contains_unknown() {
            unknown = true;
        } else if val_eq(v, value) {
            return Ok(Val::Bool(true));
        }
    }
    Ok(if unknown {
        unknown_from(&a)
    } else {
        Val::Bool(false)
    })
}

fn f_distinct(name: &str, a: Vec<Val>) -> R {
    let list = conv_list(name, arg(&a, 0), "list")?.to_vec();
    let Unified::Known(list) = unify(name, list)? else {
        return Ok(unknown_from(&a));
    };
    // Sort positions by value to find duplicates in O(n log n), keep first ones.
    let mut order: Vec<(usize, &Val)> = list.iter().enumerate().collect();
    order.sort_by(|(i, x), (j, y)| set_cmp(x, y).then(i.cmp(j)));
    let mut keep = vec![false; list.len()];
    let mut prev: Option<&Val> = None;
    for (i, v) in order {
        if !prev.is_some_and(|p| val_eq(p, v)) {
            if let Some(k) = keep.get_mut(i) {
                *k = true;
            }
        }
        prev = Some(v);
    }
    let out = list
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(v, _)| v.clone())
        .collect();
    Ok(Val::Arr(out))
}

/// Membership in a sorted set (as made by `make_set`).
fn set_has(set: &[Val], v: &Val) -> bool {
    set.binary_search_by(|x| set_cmp(x, v)).is_ok()
}

fn f_element(name: &str, a: Vec<Val>) -> R {
    if arg(&a, 0).is_unknown() || arg(&a, 1).contains_unknown() {
        return Ok(unknown_from(&a));
    }
    let list = match arg(&a, 0) {
        Val::Arr(l) => l,
        Val::Null => return Err(null_error(name, "list")),
        other => {
            return Err(ev(
                name,
                format!("cannot read elements from {}", type_name(other)),
            ))
        }
    };
    let idx =
        conv_int(name, arg(&a, 1), "index").map_err(|e| ev(name, format!("invalid index: {e}")))?;
    let len = i64::try_from(list.len()).unwrap_or(i64::MAX);
    if len == 0 {
        return Err(ev(name, "cannot use element function with an empty list"));
    }
    let i = idx.rem_euclid(len);
    Ok(usize::try_from(i)
        .ok()
        .and_then(|i| list.get(i))
        .cloned()
        .unwrap_or(Val::Null))
}

fn flatten_into(
    name: &str,
    list: &[Val],
    out: &mut Vec<Val>,
    depth: usize,
) -> Result<bool, FnError> {
    if depth > MAX_DEPTH {
        return Err(ev(name, "argument is nested too deeply"));
    }
    for v in list {
        match v {
            // An unknown could be a list that would be flattened.
            Val::Unknown(_) => return Ok(false),
            Val::Arr(inner) => {
                if !flatten_into(name, inner, out, depth + 1)? {
                    return Ok(false);
                }
            }
            other => out.push(other.clone()),
        }
        check_count(name, out.len())?;
    }
    Ok(true)
}

fn f_flatten(name: &str, a: Vec<Val>) -> R {
    let list = match arg(&a, 0) {
        Val::Unknown(_) => return Ok(unknown_from(&a)),
        Val::Arr(l) => l,
        Val::Null => return Err(null_error(name, "list")),
        _ => return Err(ev(name, "can only flatten lists, sets and tuples")),
    };
    let mut out = Vec::new();
    if flatten_into(name, list, &mut out, 0)? {
        Ok(Val::Arr(out))
    } else {
        Ok(unknown_from(&a))
    }
}

fn f_index(name: &str, a: Vec<Val>) -> R {
    let list = match arg(&a, 0) {
        Val::Unknown(_) => return Ok(unknown_from(&a)),
        Val::Arr(l) => l,
        Val::Null => return Err(null_error(name, "list")),
        _ => return Err(ev(name, "argument must be a list or tuple")),
    };
    if list.is_empty() {
        return Err(ev(name, "cannot search an empty list"));
    }
    let value = arg(&a, 1);
    if value.contains_unknown() {
        return Ok(unknown_from(&a));
    }
    for (i, v) in list.iter().enumerate() {
        if v.contains_unknown() {
            return Ok(unknown_from(&a));
        }
        if val_eq(v, value) {
            return Ok(Val::int(i64::try_from(i).unwrap_or(i64::MAX)));
        }
    }
    Err(ev(name, "item not found"))
}

fn f_keys(name: &str, a: Vec<Val>) -> R {
    match arg(&a, 0) {
        Val::Unknown(_) => Ok(unknown_from(&a)),
        Val::Obj(o) => Ok(Val::Arr(o.keys().map(Val::str).collect())),
        Val::Null => Err(null_error(name, "inputMap")),
        _ => Err(ev(name, "must have map or object type")),
    }
}

fn f_values(name: &str, a: Vec<Val>) -> R {
    match arg(&a, 0) {
        Val::Unknown(_) => Ok(unknown_from(&a)),
        Val::Obj(o) => Ok(Val::Arr(o.values().cloned().collect())),
        Val::Null => Err(null_error(name, "mapping")),
        _ => Err(ev(name, "values() requires a map as the first argument")),
    }
}

fn f_length(name: &str, a: Vec<Val>) -> R {
    let n = match arg(&a, 0) {
        Val::Unknown(_) => return Ok(unknown_from(&a)),
        Val::Str(s) => s.chars().count(),
        Val::Arr(l) => l.len(),
        Val::Obj(o) => o.len(),
        Val::Null => return Err(null_error(name, "value")),
        _ => {
            return Err(ev(
                name,
                "argument must be a string, a collection type, or a structural type",
            ))
        }
    };
    Ok(Val::int(i64::try_from(n).unwrap_or(i64::MAX)))
}

fn f_lookup(name: &str, a: Vec<Val>) -> R {
    let map = arg(&a, 0);
    let key = arg(&a, 1);
    if map.is_unknown() || key.contains_unknown() {
        return Ok(unknown_from(&a));
    }
    let obj = match map {
        Val::Obj(o) => o,
        Val::Null => return Err(null_error(name, "inputMap")),
        _ => return Err(ev(name, "lookup() requires a map as the first argument")),
    };
    let key = conv_str(name, key, "key")?;
    if let Some(v) = obj.get(&key) {
        return Ok(v.clone());
    }
    match a.get(2) {
        Some(default) => Ok(default.clone()),
        None => Err(ev(name, format!("lookup failed to find key {key:?}"))),
    }
}

fn f_matchkeys(name: &str, a: Vec<Val>) -> R {
    if a.iter().any(Val::is_unknown) {
        return Ok(unknown_from(&a));
    }
    let values = conv_list(name, arg(&a, 0), "values")?;
    let keys = conv_list(name, arg(&a, 1), "keys")?;
    let search = conv_list(name, arg(&a, 2), "searchset")?;
    if values.len() != keys.len() {
        return Err(ev(name, "length of keys and values should be equal"));
    }
    if search.is_empty() {
        return Ok(Val::Arr(vec![]));
    }
    if unknown_in(&a).is_some() {
        return Ok(unknown_from(&a));
    }
    let mut both = keys.to_vec();
    both.extend(search.iter().cloned());
    let Unified::Known(both) =
        unify(name, both).map_err(|_| ev(name, "keys and searchset must be of the same type"))?
    else {
        return Ok(unknown_from(&a));
    };
    let (keys, search) = both.split_at(keys.len().min(both.len()));
    let search = make_set(search.to_vec());
    let out = keys
        .iter()
        .zip(values)
        .filter(|(k, _)| set_has(&search, k))
        .map(|(_, v)| v.clone())
        .collect();
    Ok(Val::Arr(out))
}

fn f_merge(name: &str, a: Vec<Val>) -> R {
    let mut out = BTreeMap::new();
    for v in &a {
        match v {
            Val::Unknown(_) => return Ok(unknown_from(&a)),
            Val::Null => {}
            Val::Obj(o) => out.extend(o.iter().map(|(k, v)| (k.clone(), v.clone()))),
            other => {
                return Err(ev(
                    name,
                    format!(
                        "arguments must be maps or objects, got {:?}",
                        type_name(other)
                    ),
                ))
            }
        }
    }
    Ok(Val::Obj(out))
}

fn f_one(name: &str, a: Vec<Val>) -> R {
    match arg(&a, 0) {
        Val::Unknown(_) => Ok(unknown_from(&a)),
        Val::Arr(l) if l.is_empty() => Ok(Val::Null),
        Val::Arr(l) if l.len() == 1 => Ok(l.first().cloned().unwrap_or(Val::Null)),
        Val::Null => Err(null_error(name, "list")),
        _ => Err(ev(
            name,
            "must be a list, set, or tuple value with either zero or one elements",
        )),
    }
}

fn f_range(name: &str, a: Vec<Val>) -> R {
    let nums: Vec<Num> = a
        .iter()
        .enumerate()
        .map(|(i, v)| conv_num(name, v, &format!("argument {}", i + 1)))
        .collect::<Result<_, _>>()?;
    let zero = Num::I(0);
    let (start, end, step) = match nums.as_slice() {
        [end] => (
            zero,
            *end,
            Num::I(if num_cmp(*end, zero) == Ordering::Less {
                -1
            } else {
                1
            }),
        ),
        [start, end] => (
            *start,
            *end,
            Num::I(if num_cmp(*end, *start) == Ordering::Less {
                -1
            } else {
                1
            }),
        ),
        [start, end, step] => (*start, *end, *step),
        _ => return Err(ev(name, "must have one, two, or three arguments")),
    };
    if num_cmp(step, zero) == Ordering::Equal {
        return Err(ev(name, "step must not be zero"));
    }
    let down = num_cmp(step, zero) == Ordering::Less;
    if down && num_cmp(end, start) == Ordering::Greater {
        return Err(ev(
            name,
            "end must be less than start when step is negative",
        ));
    }
    if !down && num_cmp(end, start) == Ordering::Less {
        return Err(ev(
            name,
            "end must be greater than start when step is positive",
        ));
    }
    let mut out = Vec::new();
    let mut n = start;
    loop {
        let c = num_cmp(n, end);
        if (down && c != Ordering::Greater) || (!down && c != Ordering::Less) {
            break;
        }
        if out.len() >= RANGE_LIMIT {
            return Err(ev(
                name,
                "more than 1024 values were generated; either decrease the difference between start and end or use a smaller step",
            ));
        }
        out.push(num_val(name, n)?);
        n = num_add(n, step);
    }
    Ok(Val::Arr(out))
}

fn f_reverse(name: &str, a: Vec<Val>) -> R {
    match arg(&a, 0) {
        Val::Unknown(_) => Ok(unknown_from(&a)),
        Val::Arr(l) => Ok(Val::Arr(l.iter().rev().cloned().collect())),
        Val::Null => Err(null_error(name, "list")),
        other => Err(ev(
            name,
            format!(
                "can only reverse list or tuple values, not {}",
                type_name(other)
            ),
        )),
    }
}

/// The arguments of a set function, unified together and turned into sets.
fn set_args(name: &str, a: &[Val]) -> Result<Option<Vec<Vec<Val>>>, FnError> {
    let mut all = Vec::new();
    let mut lens = Vec::new();
    for (i, v) in a.iter().enumerate() {
        let l = conv_list(name, v, &format!("argument {}", i + 1))?;
        lens.push(l.len());
        all.extend(l.iter().cloned());
    }
    let Unified::Known(all) = unify(name, all)
        .map_err(|_| ev(name, "given sets must all have compatible element types"))?
    else {
        return Ok(None);
    };
    let mut it = all.into_iter();
    Ok(Some(
        lens.into_iter()
            .map(|n| make_set(it.by_ref().take(n).collect()))
            .collect(),
    ))
}

fn f_setunion(name: &str, a: Vec<Val>) -> R {
    let Some(sets) = set_args(name, &a)? else {
        return Ok(unknown_from(&a));
    };
    Ok(Val::Arr(make_set(sets.into_iter().flatten().collect())))
}

fn f_setintersection(name: &str, a: Vec<Val>) -> R {
    let Some(mut sets) = set_args(name, &a)? else {
        return Ok(unknown_from(&a));
    };
    let first = if sets.is_empty() {
        Vec::new()
    } else {
        sets.remove(0)
    };
    let out = first
        .into_iter()
        .filter(|v| sets.iter().all(|s| set_has(s, v)))
        .collect();
    Ok(Val::Arr(out))
}

fn f_setsubtract(name: &str, a: Vec<Val>) -> R {
    let Some(sets) = set_args(name, &a)? else {
        return Ok(unknown_from(&a));
    };
    let mut it = sets.into_iter();
    let first = it.next().unwrap_or_default();
    let second = it.next().unwrap_or_default();
    Ok(Val::Arr(
        first.into_iter().filter(|v| !set_has(&second, v)).collect(),
    ))
}

fn f_setproduct(name: &str, a: Vec<Val>) -> R {
    if a.len() < 2 {
        return Err(ev(name, "at least two arguments are required"));
    }
    let mut lists = Vec::new();
    let mut total: usize = 1;
    for (i, v) in a.iter().enumerate() {
        let l = conv_list(name, v, &format!("argument {}", i + 1))?.to_vec();
        let Unified::Known(l) = unify(name, l)? else {
            return Ok(unknown_from(&a));
        };
        total = total.saturating_mul(l.len());
        lists.push(l);
    }
    check_count(name, total)?;
    check_count(name, total.saturating_mul(lists.len()))?;
    let mut out: Vec<Vec<Val>> = vec![vec![]];
    for l in &lists {
        let mut next = Vec::with_capacity(out.len().saturating_mul(l.len()));
        for prefix in &out {
            for v in l {
                let mut row = prefix.clone();
                row.push(v.clone());
                next.push(row);
            }
        }
        out = next;
    }
    Ok(Val::Arr(out.into_iter().map(Val::Arr).collect()))
}

fn f_slice(name: &str, a: Vec<Val>) -> R {
    if arg(&a, 0).is_unknown() || arg(&a, 1).contains_unknown() || arg(&a, 2).contains_unknown() {
        return Ok(unknown_from(&a));
    }
    let list = match arg(&a, 0) {
        Val::Arr(l) => l,
        Val::Null => return Err(null_error(name, "list")),
        _ => return Err(ev(name, "must be a list or tuple value")),
    };
    let start = conv_int(name, arg(&a, 1), "start index")?;
    let end = conv_int(name, arg(&a, 2), "end index")?;
    let len = i64::try_from(list.len()).unwrap_or(i64::MAX);
    if start < 0 {
        return Err(ev(name, "start index must not be less than zero"));
    }
    if start > len {
        return Err(ev(
            name,
            "start index must not be greater than the length of the list",
        ));
    }
    if end < 0 {
        return Err(ev(name, "end index must not be less than zero"));
    }
    if end > len {
        return Err(ev(
            name,
            "end index must not be greater than the length of the list",
        ));
    }
    if start > end {
        return Err(ev(name, "start index must not be greater than end index"));
    }
    let (s, e) = (
        usize::try_from(start).unwrap_or(0),
        usize::try_from(end).unwrap_or(0),
    );
    Ok(Val::Arr(list.get(s..e).unwrap_or_default().to_vec()))
}

fn f_sort(name: &str, a: Vec<Val>) -> R {
    let list = conv_list(name, arg(&a, 0), "list")?;
    let mut out = Vec::with_capacity(list.len());
    for v in list {
        if is_null(v) {
            return Err(ev(
                name,
                "given list element is null; a null string cannot be sorted",
            ));
        }
        out.push(conv_str(name, v, "list element")?);
    }
    out.sort();
    Ok(Val::Arr(out.into_iter().map(Val::Str).collect()))
}

fn f_transpose(name: &str, a: Vec<Val>) -> R {
    let obj = conv_obj(name, arg(&a, 0), "values")?;
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in obj {
        let list = match v {
            Val::Null => return Err(ev(name, "input must not contain null list")),
            Val::Arr(l) => l,
            _ => return Err(ev(name, "input must be a map of lists of strings")),
        };
        for e in list {
            let s = match e {
                Val::Null => return Err(ev(name, "input list must not contain null string")),
                Val::Arr(_) | Val::Obj(_) => {
                    return Err(ev(name, "input must be a map of lists of strings"))
                }
                other => conv_str(name, other, "element")?,
            };
            let entry = out.entry(s).or_default();
            // Keys come in sorted order, as Terraform sorts each list.
            entry.push(k.clone());
        }
    }
    Ok(Val::Obj(
        out.into_iter()
            .map(|(k, v)| (k, Val::Arr(v.into_iter().map(Val::Str).collect())))
            .collect(),
    ))
}

fn f_zipmap(name: &str, a: Vec<Val>) -> R {
    if arg(&a, 0).contains_unknown() || arg(&a, 1).is_unknown() {
        return Ok(unknown_from(&a));
    }
    let keys = conv_list(name, arg(&a, 0), "keys")?;
    let values = conv_list(name, arg(&a, 1), "values")
        .map_err(|_| ev(name, "values argument must be a list or tuple value"))?;
    if keys.len() != values.len() {
        return Err(ev(
            name,
            format!(
                "number of keys ({}) does not match number of values ({})",
                keys.len(),
                values.len()
            ),
        ));
    }
    let mut out = BTreeMap::new();
    for (i, (k, v)) in keys.iter().zip(values).enumerate() {
        if is_null(k) {
            return Err(ev(name, format!("keys list has null value at index {i}")));
        }
        out.insert(conv_str(name, k, "key")?, v.clone());
    }
    Ok(Val::Obj(out))
}

// ---------------------------------------------------------------------------
// Type conversion functions

fn f_identity(_name: &str, a: Vec<Val>) -> R {
    Ok(a.into_iter().next().unwrap_or(Val::Null))
}

fn f_issensitive(_name: &str, _a: Vec<Val>) -> R {
    Ok(Val::Bool(false))
}

fn f_unknown_result(_name: &str, a: Vec<Val>) -> R {
    Ok(unknown_from(&a))
}

fn f_tostring(name: &str, a: Vec<Val>) -> R {
    match arg(&a, 0) {
        Val::Null => Ok(Val::Null),
        v @ (Val::Str(_) | Val::Num(_) | Val::Bool(_)) => Ok(Val::Str(conv_str(name, v, "v")?)),
        Val::Arr(_) => Err(ev(name, "cannot convert tuple to string")),
        _ => Err(ev(name, "cannot convert object to string")),
    }
}

fn f_tonumber(name: &str, a: Vec<Val>) -> R {
    match arg(&a, 0) {
        Val::Null => Ok(Val::Null),
        v => num_val(name, conv_num(name, v, "v")?),
    }
}

fn f_tobool(name: &str, a: Vec<Val>) -> R {
    match arg(&a, 0) {
        Val::Null => Ok(Val::Null),
        v => Ok(Val::Bool(conv_bool(name, v, "v")?)),
    }
}

fn f_tolist(name: &str, a: Vec<Val>) -> R {
    match arg(&a, 0) {
        Val::Unknown(_) => Ok(unknown_from(&a)),
        Val::Null => Ok(Val::Null),
        Val::Arr(l) => match unify(name, l.clone())
            .map_err(|_| ev(name, "cannot convert tuple to list of any single type"))?
        {
            Unified::Known(v) => Ok(Val::Arr(v)),
            Unified::Ambiguous => Ok(unknown_from(&a)),
        },
        other => Err(ev(
            name,
            format!(
                "cannot convert {} to list of any single type",
                type_name(other)
            ),
        )),
    }
}

fn f_toset(name: &str, a: Vec<Val>) -> R {
    match arg(&a, 0) {
        Val::Null => Ok(Val::Null),
        Val::Arr(l) => match unify(name, l.clone())
            .map_err(|_| ev(name, "cannot convert tuple to set of any single type"))?
        {
            Unified::Known(v) => Ok(Val::Arr(make_set(v))),
            Unified::Ambiguous => Ok(unknown_from(&a)),
        },
        other => Err(ev(
            name,
            format!(
                "cannot convert {} to set of any single type",
                type_name(other)
            ),
        )),
    }
}

fn f_tomap(name: &str, a: Vec<Val>) -> R {
    match arg(&a, 0) {
        Val::Unknown(_) => Ok(unknown_from(&a)),
        Val::Null => Ok(Val::Null),
        Val::Obj(o) => {
            let keys: Vec<String> = o.keys().cloned().collect();
            match unify(name, o.values().cloned().collect())
                .map_err(|_| ev(name, "cannot convert object to map of any single type"))?
            {
                Unified::Known(v) => Ok(Val::Obj(keys.into_iter().zip(v).collect())),
                Unified::Ambiguous => Ok(unknown_from(&a)),
            }
        }
        other => Err(ev(
            name,
            format!(
                "cannot convert {} to map of any single type",
                type_name(other)
            ),
        )),
    }
}

// ---------------------------------------------------------------------------
// JSON (Go's encoding/json output, go-cty's decoding rules)

/// Appends `s` as a JSON string the way Go's `json.Marshal` writes it.
fn json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn json_write(v: &Val, out: &mut String, depth: usize) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err("value is nested too deeply".into());
    }
    if out.len() > MAX_STR {
        return Err("result is longer than 16 MiB".into());
    }
    match v {
        Val::Null => out.push_str("null"),
        Val::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Val::Num(n) => out.push_str(&number_to_string(n)),
        Val::Str(s) => json_string(s, out),
        Val::Arr(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_write(x, out, depth + 1)?;
            }
            out.push(']');
        }
        Val::Obj(o) => {
            out.push('{');
            for (i, (k, x)) in o.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_string(k, out);
                out.push(':');
                json_write(x, out, depth + 1)?;
            }
            out.push('}');
        }
        Val::Unknown(_) => return Err("value is not known".into()),
    }
    Ok(())
}

fn json_encode(v: &Val) -> Result<String, String> {
    let mut out = String::new();
    json_write(v, &mut out, 0)?;
    Ok(out)
}

fn f_jsonencode(name: &str, a: Vec<Val>) -> R {
    json_encode(arg(&a, 0))
        .map(Val::Str)
        .map_err(|e| ev(name, e))
}

struct JsonParser<'a> {
    b: &'a [u8],
    s: &'a str,
    i: usize,
    /// A number Terraform can hold but lzscan cannot (beyond `f64`).
    unrepresentable: bool,
}

impl JsonParser<'_> {
    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn err<T>(&self, msg: &str) -> Result<T, String> {
        Err(format!("{msg} at offset {}", self.i))
    }

    fn value(&mut self, depth: usize) -> Result<Val, String> {
        if depth > MAX_DEPTH {
            return self.err("JSON is nested too deeply");
        }
        self.ws();
        match self.b.get(self.i) {
            None => self.err("unexpected end of JSON input"),
            Some(b'{') => {
                self.i += 1;
                let mut o = BTreeMap::new();
                self.ws();
                if self.b.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Ok(Val::Obj(o));
                }
                loop {
                    self.ws();
                    if self.b.get(self.i) != Some(&b'"') {
                        return self.err("expected a property name");
                    }
                    let k = self.string()?;
                    self.ws();
                    if self.b.get(self.i) != Some(&b':') {
                        return self.err("expected ':'");
                    }
                    self.i += 1;
                    let v = self.value(depth + 1)?;
                    if o.contains_key(&k) {
                        return Err(format!("duplicate {k:?} property in JSON object"));
                    }
                    o.insert(k, v);
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(Val::Obj(o));
                        }
                        _ => return self.err("expected ',' or '}'"),
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut a = Vec::new();
                self.ws();
                if self.b.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Ok(Val::Arr(a));
                }
                loop {
                    a.push(self.value(depth + 1)?);
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(Val::Arr(a));
                        }
                        _ => return self.err("expected ',' or ']'"),
                    }
                }
            }
            Some(b'"') => self.string().map(Val::Str),
            Some(b't') => self.word("true", Val::Bool(true)),
            Some(b'f') => self.word("false", Val::Bool(false)),
            Some(b'n') => self.word("null", Val::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => {
                let c = self
                    .s
                    .get(self.i..)
                    .and_then(|r| r.chars().next())
                    .unwrap_or('?');
                Err(format!(
                    "a JSON document cannot contain the character {c:?} at offset {}",
                    self.i
                ))
            }
        }
    }

    fn word(&mut self, w: &str, v: Val) -> Result<Val, String> {
        if self.b.get(self.i..self.i + w.len()) == Some(w.as_bytes()) {
            self.i += w.len();
            Ok(v)
        } else {
            self.err("invalid literal")
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Val, String> {
        let start = self.i;
        if self.b.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        let int_start = self.i;
        let n = self.digits();
        if n == 0 || (n > 1 && self.b.get(int_start) == Some(&b'0')) {
            return self.err("invalid number");
        }
        let mut plain = true;
        if self.b.get(self.i) == Some(&b'.') {
            plain = false;
            self.i += 1;
            if self.digits() == 0 {
                return self.err("invalid number");
            }
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
            plain = false;
            self.i += 1;
            if matches!(self.b.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if self.digits() == 0 {
                return self.err("invalid number");
            }
        }
        let text = self.s.get(start..self.i).unwrap_or("0");
        if plain {
            if let Ok(i) = text.parse::<i64>() {
                return Ok(Val::int(i));
            }
            if let Ok(u) = text.parse::<u64>() {
                return Ok(Val::Num(Number::from(u)));
            }
        }
        let f: f64 = text.parse().unwrap_or(f64::INFINITY);
        match Number::from_f64(f) {
            Some(_) => Ok(match Num::F(f).norm() {
                Num::I(i) => Val::int(i),
                Num::F(f) => Number::from_f64(f).map_or(Val::Null, Val::Num),
            }),
            None => {
                self.unrepresentable = true;
                Ok(Val::Null)
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let h = self
            .s
            .get(self.i..self.i + 4)
            .ok_or_else(|| format!("invalid escape at offset {}", self.i))?;
        let v = u32::from_str_radix(h, 16)
            .map_err(|_| format!("invalid escape at offset {}", self.i))?;
        if !h.bytes().all(|c| c.is_ascii_hexdigit()) {
            return self.err("invalid escape");
        }
        self.i += 4;
        Ok(v)
    }

    fn string(&mut self) -> Result<String, String> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let Some(rest) = self.s.get(self.i..) else {
                return self.err("invalid string");
            };
            let Some(c) = rest.chars().next() else {
                return self.err("unexpected end of JSON input in string");
            };
            self.i += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let e = self.b.get(self.i).copied();
                    self.i += 1;
                    match e {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi)
                                && self.b.get(self.i..self.i + 2) == Some(b"\\u")
                            {
                                let save = self.i;
                                self.i += 2;
                                let lo = self.hex4()?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                } else {
                                    self.i = save;
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            // Go decodes lone surrogates as U+FFFD.
                            out.push(c.unwrap_or('\u{FFFD}'));
                        }
                        _ => return self.err("invalid escape in string"),
                    }
                }
                c if u32::from(c) < 0x20 => return self.err("invalid control character in string"),
                c => out.push(c),
            }
        }
    }
}

fn f_jsondecode(name: &str, a: Vec<Val>) -> R {
    let s = str_arg(name, &a, 0, "str")?;
    let mut p = JsonParser {
        b: s.as_bytes(),
        s: &s,
        i: 0,
        unrepresentable: false,
    };
    let v = p.value(0).map_err(|e| ev(name, e))?;
    p.ws();
    if p.i < s.len() {
        return Err(ev(
            name,
            format!("extraneous data after JSON value at offset {}", p.i),
        ));
    }
    if p.unrepresentable {
        return Ok(Val::unknown());
    }
    Ok(v)
}

// ---------------------------------------------------------------------------
// YAML

/// True when go-cty-yaml would read `s`, written as a plain scalar, as something
/// other than the string `s` (YAML 1.1 booleans, octal-looking integers,
/// timestamps...).
fn yaml11_not_string(s: &str) -> bool {
    const SPECIAL: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no",
        "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "", "~", "null", "Null",
        "NULL", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
        ".nan", ".NaN", ".NAN",
    ];
    if SPECIAL.contains(&s) {
        return true;
    }
    let b = s.as_bytes();
    match b.first() {
        Some(b'.') => parse_decimal(s).is_some(),
        Some(b'+' | b'-' | b'0'..=b'9') => {
            let ts =
                b.len() > 5 && b.iter().take(4).all(u8::is_ascii_digit) && b.get(4) == Some(&b'-');
            let body = s.strip_prefix(['+', '-']).unwrap_or(s);
            let int = !body.is_empty() && body.bytes().all(|c| c.is_ascii_digit());
            let oct = s
                .strip_prefix("0o")
                .is_some_and(|r| !r.is_empty() && r.bytes().all(|c| (b'0'..=b'7').contains(&c)));
            let hex = s
                .strip_prefix("0x")
                .is_some_and(|r| !r.is_empty() && r.bytes().all(|c| c.is_ascii_hexdigit()));
            ts || int || oct || hex || parse_decimal(s).is_some()
        }
        _ => false,
    }
}

/// A string from serde_yaml_ng that may have been a plain scalar Terraform reads
/// differently.
fn yaml_ambiguous(s: &str) -> bool {
    yaml11_not_string(s)
        && matches!(
            serde_yaml_ng::from_str::<serde_yaml_ng::Value>(s),
            Ok(serde_yaml_ng::Value::String(_))
        )
}

fn yaml_to_val(name: &str, v: serde_yaml_ng::Value, depth: usize) -> Result<Option<Val>, FnError> {
    use serde_yaml_ng::Value as Y;
    if depth > MAX_DEPTH {
        return Err(ev(name, "YAML is nested too deeply"));
    }
    Ok(Some(match v {
        Y::Null => Val::Null,
        Y::Bool(b) => Val::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Val::int(i)
            } else if let Some(u) = n.as_u64() {
                Val::Num(Number::from(u))
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                if f.is_nan() {
                    return Err(ev(name, "floating point NaN is not supported"));
                }
                if f.is_infinite() {
                    return Ok(None);
                }
                num_val(name, Num::F(f))?
            }
        }
        Y::String(s) => {
            if yaml_ambiguous(&s) {
                return Ok(None);
            }
            Val::Str(s)
        }
        Y::Sequence(seq) => {
            let mut out = Vec::with_capacity(seq.len());
            for x in seq {
                match yaml_to_val(name, x, depth + 1)? {
                    Some(v) => out.push(v),
                    None => return Ok(None),
                }
            }
            Val::Arr(out)
        }
        Y::Mapping(m) => {
            let mut out = BTreeMap::new();
            for (k, x) in m {
                let key = match k {
                    Y::String(s) if !yaml_ambiguous(&s) => s,
                    Y::Bool(b) => b.to_string(),
                    Y::Number(n) => match yaml_to_val(name, Y::Number(n), depth + 1)? {
                        Some(Val::Num(n)) => number_to_string(&n),
                        _ => return Ok(None),
                    },
                    _ => return Ok(None),
                };
                match yaml_to_val(name, x, depth + 1)? {
                    Some(v) => {
                        out.insert(key, v);
                    }
                    None => return Ok(None),
                }
            }
            Val::Obj(out)
        }
        Y::Tagged(t) => {
            let tag = t.tag.to_string();
            if tag.starts_with("!!") || tag.starts_with("tag:yaml.org,2002:") {
                return Ok(None);
            }
            return Err(ev(name, format!("unsupported tag {tag:?}")));
        }
    }))
}

fn f_yamldecode(name: &str, a: Vec<Val>) -> R {
    let s = str_arg(name, &a, 0, "src")?;
    let mut y: serde_yaml_ng::Value = serde_yaml_ng::from_str(&s).map_err(|e| ev(name, e))?;
    y.apply_merge().map_err(|e| ev(name, e))?;
    Ok(yaml_to_val(name, y, 0)?.unwrap_or_else(Val::unknown))
}

/// libyaml's emitter, reduced to what go-cty-yaml asks of it: block style,
/// double-quoted or literal strings, plain numbers, bools and null.
struct YamlEmitter {
    out: String,
    column: usize,
    indent: i64,
    indents: Vec<i64>,
    whitespace: bool,
    indention: bool,
    open_ended: bool,
    flow_level: usize,
    root_context: bool,
    mapping_context: bool,
    simple_key_context: bool,
}

const YAML_INDENT: i64 = 2;
const YAML_WIDTH: usize = 80;

fn yaml_printable(c: char) -> bool {
    let u = u32::from(c);
    u == 0x0A
        || (0x20..=0x7E).contains(&u)
        || (0xA0..=0xD7FF).contains(&u)
        || ((0xE000..=0xFFFD).contains(&u) && u != 0xFEFF)
}

fn yaml_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

impl YamlEmitter {
    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    fn write_indent(&mut self) {
        let indent = usize::try_from(self.indent.max(0)).unwrap_or(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(&mut self, ind: &str, need_ws: bool, is_ws: bool, is_indention: bool) {
        if need_ws && !self.whitespace {
            self.put(' ');
        }
        for c in ind.chars() {
            self.put(c);
        }
        self.whitespace = is_ws;
        self.indention = self.indention && is_indention;
        self.open_ended = false;
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { YAML_INDENT } else { 0 };
        } else if !indentless {
            self.indent += YAML_INDENT;
        }
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    /// `Err` when the value needs output this emitter does not produce.
    fn node(
        &mut self,
        v: &Val,
        root: bool,
        mapping: bool,
        simple_key: bool,
        depth: usize,
    ) -> Result<(), ()> {
        if depth > MAX_DEPTH || self.out.len() > MAX_STR {
            return Err(());
        }
        self.root_context = root;
        self.mapping_context = mapping;
        self.simple_key_context = simple_key;
        match v {
            Val::Null => self.plain("null"),
            Val::Bool(b) => self.plain(if *b { "true" } else { "false" }),
            Val::Num(n) => self.plain(&number_to_string(n)),
            Val::Str(s) => self.string(s),
            Val::Arr(a) if a.is_empty() => self.empty_flow("[", "]"),
            Val::Obj(o) if o.is_empty() => self.empty_flow("{", "}"),
            Val::Arr(a) => {
                let indentless = self.mapping_context && !self.indention;
                self.increase_indent(false, indentless);
                for x in a {
                    self.write_indent();
                    self.write_indicator("-", true, false, true);
                    self.node(x, false, false, false, depth + 1)?;
                }
                self.pop_indent();
            }
            Val::Obj(o) => {
                self.increase_indent(false, false);
                for (k, x) in o {
                    self.write_indent();
                    if k.len() > 128 || k.chars().any(yaml_break) {
                        return Err(());
                    }
                    self.node(&Val::Str(k.clone()), false, true, true, depth + 1)?;
                    self.write_indicator(":", false, false, false);
                    self.node(x, false, true, false, depth + 1)?;
                }
                self.pop_indent();
            }
            Val::Unknown(_) => return Err(()),
        }
        Ok(())
    }

    fn empty_flow(&mut self, open: &str, close: &str) {
        self.write_indicator(open, true, true, false);
        self.increase_indent(true, false);
        self.pop_indent();
        self.write_indicator(close, false, false, false);
    }

    fn plain(&mut self, s: &str) {
        self.increase_indent(true, false);
        if !self.whitespace {
            self.put(' ');
        }
        for c in s.chars() {
            self.put(c);
        }
        self.whitespace = false;
        self.indention = false;
        if self.root_context {
            self.open_ended = true;
        }
        self.pop_indent();
    }

    fn string(&mut self, s: &str) {
        let mut literal = s.contains('\n');
        if literal {
            let chars: Vec<char> = s.chars().collect();
            let mut special = false;
            let (mut prev_space, mut space_break) = (false, false);
            for c in &chars {
                if !yaml_printable(*c) {
                    special = true;
                }
                if *c == ' ' {
                    prev_space = true;
                } else {
                    if yaml_break(*c) && prev_space {
                        space_break = true;
                    }
                    prev_space = false;
                }
            }
            let trailing_space = chars.last() == Some(&' ');
            let block_allowed = !(trailing_space || space_break || special);
            if !block_allowed || self.flow_level > 0 || self.simple_key_context {
                literal = false;
            }
        }
        self.increase_indent(true, false);
        if literal {
            self.literal(s);
        } else {
            self.double_quoted(s, !self.simple_key_context);
        }
        self.pop_indent();
    }

    fn double_quoted(&mut self, s: &str, allow_breaks: bool) {
        // libyaml checks for a byte order mark at the start of the value for every
        // character, so a leading BOM escapes the whole string.
        let bom = s.starts_with('\u{FEFF}');
        self.write_indicator("\"", true, false, false);
        let mut spaces = false;
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut k = 0;
        while let Some(&(i, c)) = chars.get(k) {
            k += 1;
            if bom || !yaml_printable(c) || yaml_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                match c {
                    '\0' => self.put('0'),
                    '\u{7}' => self.put('a'),
                    '\u{8}' => self.put('b'),
                    '\t' => self.put('t'),
                    '\n' => self.put('n'),
                    '\u{b}' => self.put('v'),
                    '\u{c}' => self.put('f'),
                    '\r' => self.put('r'),
                    '\u{1b}' => self.put('e'),
                    '"' => self.put('"'),
                    '\\' => self.put('\\'),
                    '\u{85}' => self.put('N'),
                    '\u{a0}' => self.put('_'),
                    '\u{2028}' => self.put('L'),
                    '\u{2029}' => self.put('P'),
                    c => {
                        let u = u32::from(c);
                        let esc = if u <= 0xFF {
                            format!("x{u:02X}")
                        } else if u <= 0xFFFF {
                            format!("u{u:04X}")
                        } else {
                            format!("U{u:08X}")
                        };
                        for e in esc.chars() {
                            self.put(e);
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.column > YAML_WIDTH && i > 0 && i + 1 < s.len() {
                    self.write_indent();
                    if chars.get(k).is_some_and(|(_, n)| *n == ' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn literal(&mut self, s: &str) {
        self.write_indicator("|", true, false, false);
        let chars: Vec<char> = s.chars().collect();
        if chars.first().is_some_and(|c| *c == ' ' || yaml_break(*c)) {
            self.write_indicator("2", false, false, false);
        }
        self.open_ended = false;
        let n = chars.len();
        let last = chars.last().copied();
        let chomp = match last {
            None => Some("-"),
            Some(c) if !yaml_break(c) => Some("-"),
            Some(_) if n == 1 => {
                self.open_ended = true;
                Some("+")
            }
            Some(_) => {
                if chars
                    .get(n.saturating_sub(2))
                    .is_some_and(|c| yaml_break(*c))
                {
                    self.open_ended = true;
                    Some("+")
                } else {
                    None
                }
            }
        };
        if let Some(h) = chomp {
            // As in go-yaml, writing the indicator clears `open_ended` again.
            self.write_indicator(h, false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for c in chars {
            if yaml_break(c) {
                if c == '\n' {
                    self.put_break();
                } else {
                    self.out.push(c);
                    self.column = 0;
                }
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                breaks = false;
            }
        }
    }
}

fn yaml_encode(v: &Val) -> Option<String> {
    let mut e = YamlEmitter {
        out: String::new(),
        column: 0,
        indent: -1,
        indents: Vec::new(),
        whitespace: true,
        indention: true,
        open_ended: false,
        flow_level: 0,
        root_context: false,
        mapping_context: false,
        simple_key_context: false,
    };
    e.node(v, true, false, false, 0).ok()?;
    e.write_indent();
    if e.open_ended {
        e.write_indicator("...", true, false, false);
        e.write_indent();
    }
    Some(e.out)
}

fn f_yamlencode(_name: &str, a: Vec<Val>) -> R {
    Ok(yaml_encode(arg(&a, 0)).map_or_else(|| unknown_from(&a), Val::Str))
}

// ---------------------------------------------------------------------------
// CSV (Go's encoding/csv)

fn csv_records(name: &str, s: &str) -> Result<Vec<Vec<String>>, FnError> {
    let perr = |line: usize, m: &str| ev(name, format!("CSV parse error on line {line}: {m}"));
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut line = 1usize;
    let mut records = Vec::new();
    while i < chars.len() {
        // Skip empty lines.
        match (chars.get(i), chars.get(i + 1)) {
            (Some('\n'), _) => {
                i += 1;
                line += 1;
                continue;
            }
            (Some('\r'), Some('\n')) => {
                i += 2;
                line += 1;
                continue;
            }
            _ => {}
        }
        let start_line = line;
        let mut record = Vec::new();
        loop {
            let mut field = String::new();
            if chars.get(i) == Some(&'"') {
                i += 1;
                loop {
                    match chars.get(i) {
                        None => {
                            return Err(perr(
                                start_line,
                                "extraneous or missing \" in quoted-field",
                            ))
                        }
                        Some('"') => {
                            if chars.get(i + 1) == Some(&'"') {
                                field.push('"');
                                i += 2;
                            } else {
                                i += 1;
                                break;
                            }
                        }
                        Some('\r') if chars.get(i + 1) == Some(&'\n') => {
                            field.push('\n');
                            i += 2;
                            line += 1;
                        }
                        Some(c) => {
                            if *c == '\n' {
                                line += 1;
                            }
                            field.push(*c);
                            i += 1;
                        }
                    }
                }
                match (chars.get(i), chars.get(i + 1)) {
                    (None | Some('\n') | Some(','), _) | (Some('\r'), Some('\n')) => {}
                    (Some('\r'), None) => i += 1,
                    _ => return Err(perr(line, "extraneous or missing \" in quoted-field")),
                }
            } else {
                while let Some(c) = chars.get(i) {
                    if *c == ',' || *c == '\n' || (*c == '\r' && chars.get(i + 1) == Some(&'\n')) {
                        break;
                    }
                    if *c == '"' {
                        return Err(perr(line, "bare \" in non-quoted-field"));
                    }
                    // Go drops a carriage return at the very end of the input.
                    if !(*c == '\r' && i + 1 == chars.len()) {
                        field.push(*c);
                    }
                    i += 1;
                }
            }
            record.push(field);
            check_count(name, record.len())?;
            match chars.get(i) {
                Some(',') => {
                    i += 1;
                }
                Some('\r') => {
                    i += 2;
                    line += 1;
                    break;
                }
                Some('\n') => {
                    i += 1;
                    line += 1;
                    break;
                }
                _ => break,
            }
        }
        records.push((start_line, record));
        check_count(name, records.len())?;
    }
    let width = records.first().map_or(0, |(_, r)| r.len());
    for (l, r) in &records {
        if r.len() != width {
            return Err(perr(*l, "wrong number of fields"));
        }
    }
    Ok(records.into_iter().map(|(_, r)| r).collect())
}

fn f_csvdecode(name: &str, a: Vec<Val>) -> R {
    let s = str_arg(name, &a, 0, "str")?;
    let records = csv_records(name, &s)?;
    let mut it = records.into_iter();
    let Some(headers) = it.next() else {
        return Err(ev(name, "missing header line"));
    };
    let mut seen = BTreeSet::new();
    for h in &headers {
        if !seen.insert(h.clone()) {
            return Err(ev(name, format!("duplicate column name {h:?}")));
        }
    }
    let rows = it
        .map(|r| {
            Val::Obj(
                headers
                    .iter()
                    .cloned()
                    .zip(r.into_iter().map(Val::Str))
                    .collect(),
            )
        })
        .collect();
    Ok(Val::Arr(rows))
}

// ---------------------------------------------------------------------------
// Base64, text encodings, URLs

/// Go's `base64.StdEncoding`: padding required, stray trailing bits allowed.
fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireCanonical),
    )
}

/// Go's decoder ignores line breaks.
fn b64_decode(s: &str) -> Option<Vec<u8>> {
    let clean: String = s.chars().filter(|c| *c != '\r' && *c != '\n').collect();
    b64().decode(clean).ok()
}

fn f_base64encode(name: &str, a: Vec<Val>) -> R {
    let s = str_arg(name, &a, 0, "str")?;
    Ok(Val::Str(b64().encode(s.as_bytes())))
}

fn f_base64decode(name: &str, a: Vec<Val>) -> R {
    let s = str_arg(name, &a, 0, "str")?;
    let bytes = b64_decode(&s).ok_or_else(|| ev(name, "failed to decode base64 data"))?;
    String::from_utf8(bytes).map(Val::Str).map_err(|_| {
        ev(
            name,
            "the result of decoding the provided string is not valid UTF-8",
        )
    })
}

#[derive(Clone, Copy, PartialEq)]
enum TextEnc {
    Utf8,
    Utf16Le,
    Utf16Be,
}

fn text_encoding(name: &str) -> Option<TextEnc> {
    match name.to_ascii_lowercase().as_str() {
        "utf-8" | "utf8" | "csutf8" => Some(TextEnc::Utf8),
        "utf-16le" | "csutf16le" => Some(TextEnc::Utf16Le),
        "utf-16be" | "csutf16be" => Some(TextEnc::Utf16Be),
        _ => None,
    }
}

fn f_textencodebase64(name: &str, a: Vec<Val>) -> R {
    let s = str_arg(name, &a, 0, "string")?;
    let enc = str_arg(name, &a, 1, "encoding")?;
    let Some(enc) = text_encoding(&enc) else {
        return Ok(unknown_from(&a));
    };
    let bytes: Vec<u8> = match enc {
        TextEnc::Utf8 => s.into_bytes(),
        TextEnc::Utf16Le => s.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        TextEnc::Utf16Be => s.encode_utf16().flat_map(u16::to_be_bytes).collect(),
    };
    Ok(Val::Str(b64().encode(bytes)))
}

fn f_textdecodebase64(name: &str, a: Vec<Val>) -> R {
    let s = str_arg(name, &a, 0, "source")?;
    let enc = str_arg(name, &a, 1, "encoding")?;
    let Some(enc) = text_encoding(&enc) else {
        return Ok(unknown_from(&a));
    };
    let bytes = b64_decode(&s).ok_or_else(|| ev(name, "the given value is not valid base64"))?;
    let text = match enc {
        TextEnc::Utf8 => String::from_utf8(bytes).ok(),
        TextEnc::Utf16Le | TextEnc::Utf16Be => {
            if bytes.len() % 2 != 0 {
                None
            } else {
                let units: Vec<u16> = bytes
                    .chunks(2)
                    .map(|c| {
                        let pair = [
                            c.first().copied().unwrap_or(0),
                            c.get(1).copied().unwrap_or(0),
                        ];
                        if enc == TextEnc::Utf16Le {
                            u16::from_le_bytes(pair)
                        } else {
                            u16::from_be_bytes(pair)
                        }
                    })
                    .collect();
                String::from_utf16(&units).ok()
            }
        }
    };
    // Go substitutes U+FFFD for invalid input; the exact substitution is not
    // reproduced here.
    Ok(text.map_or_else(|| unknown_from(&a), Val::Str))
}

fn f_urlencode(name: &str, a: Vec<Val>) -> R {
    let s = str_arg(name, &a, 0, "str")?;
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    Ok(Val::Str(out))
}

// ---------------------------------------------------------------------------
// Paths (Go's path/filepath on a Unix system)

/// Go's `path.Clean`.
fn clean_path(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

fn f_basename(name: &str, a: Vec<Val>) -> R {
    let p = str_arg(name, &a, 0, "path")?;
    if p.is_empty() {
        return Ok(Val::str("."));
    }
    let trimmed = p.trim_end_matches('/');
    if trimmed.is_empty() {
        return Ok(Val::str("/"));
    }
    Ok(Val::str(trimmed.rsplit('/').next().unwrap_or(trimmed)))
}

fn f_dirname(name: &str, a: Vec<Val>) -> R {
    let p = str_arg(name, &a, 0, "path")?;
    let dir = match p.rfind('/') {
        Some(i) => p.get(..=i).unwrap_or_default(),
        None => "",
    };
    Ok(Val::Str(clean_path(dir)))
}

// ---------------------------------------------------------------------------
// Hashes and UUIDs

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Message padding shared by MD5 (little-endian length) and SHA-1 (big-endian).
fn md_pad(data: &[u8], big_endian: bool) -> Vec<u8> {
    let mut m = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    m.push(0x80);
    while m.len() % 64 != 56 {
        m.push(0);
    }
    m.extend(if big_endian {
        bits.to_be_bytes()
    } else {
        bits.to_le_bytes()
    });
    m
}

fn md5(data: &[u8]) -> [u8; 16] {
    const S: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5,
        9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10,
        15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];
    let k: Vec<u32> = (0..64u32)
        .map(|i| ((f64::from(i) + 1.0).sin().abs() * 4_294_967_296.0) as u32)
        .collect();
    let mut h: [u32; 4] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476];
    for chunk in md_pad(data, false).chunks_exact(64) {
        let w: Vec<u32> = chunk
            .chunks_exact(4)
            .map(|c| <[u8; 4]>::try_from(c).map_or(0, u32::from_le_bytes))
            .collect();
        let [mut a, mut b, mut c, mut d] = h;
        for i in 0..64usize {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let sum = a
                .wrapping_add(f)
                .wrapping_add(k.get(i).copied().unwrap_or(0))
                .wrapping_add(w.get(g).copied().unwrap_or(0));
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(sum.rotate_left(S.get(i).copied().unwrap_or(0)));
        }
        for (hv, x) in h.iter_mut().zip([a, b, c, d]) {
            *hv = hv.wrapping_add(x);
        }
    }
    let mut out = [0u8; 16];
    for (o, b) in out.iter_mut().zip(h.iter().flat_map(|x| x.to_le_bytes())) {
        *o = b;
    }
    out
}

fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [
        0x6745_2301,
        0xEFCD_AB89,
        0x98BA_DCFE,
        0x1032_5476,
        0xC3D2_E1F0,
    ];
    for chunk in md_pad(data, true).chunks_exact(64) {
        let mut w: Vec<u32> = chunk
            .chunks_exact(4)
            .map(|c| <[u8; 4]>::try_from(c).map_or(0, u32::from_be_bytes))
            .collect();
        for i in 16..80 {
            let at = |k: usize| w.get(i - k).copied().unwrap_or(0);
            let v = (at(3) ^ at(8) ^ at(14) ^ at(16)).rotate_left(1);
            w.push(v);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i / 20 {
                0 => ((b & c) | (!b & d), 0x5A82_7999),
                1 => (b ^ c ^ d, 0x6ED9_EBA1),
                2 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (hv, x) in h.iter_mut().zip([a, b, c, d, e]) {
            *hv = hv.wrapping_add(x);
        }
    }
    let mut out = [0u8; 20];
    for (o, b) in out.iter_mut().zip(h.iter().flat_map(|x| x.to_be_bytes())) {
        *o = b;
    }
    out
}

fn f_md5(name: &str, a: Vec<Val>) -> R {
    Ok(Val::Str(hex(&md5(str_arg(name, &a, 0, "str")?.as_bytes()))))
}

fn f_sha1(name: &str, a: Vec<Val>) -> R {
    Ok(Val::Str(hex(&sha1(
        str_arg(name, &a, 0, "str")?.as_bytes(),
    ))))
}

fn f_sha256(name: &str, a: Vec<Val>) -> R {
    use sha2::Digest as _;
    Ok(Val::Str(hex(&sha2::Sha256::digest(
        str_arg(name, &a, 0, "str")?.as_bytes(),
    ))))
}

fn f_sha512(name: &str, a: Vec<Val>) -> R {
    use sha2::Digest as _;
    Ok(Val::Str(hex(&sha2::Sha512::digest(
        str_arg(name, &a, 0, "str")?.as_bytes(),
    ))))
}

fn f_base64sha256(name: &str, a: Vec<Val>) -> R {
    use sha2::Digest as _;
    Ok(Val::Str(b64().encode(sha2::Sha256::digest(
        str_arg(name, &a, 0, "str")?.as_bytes(),
    ))))
}

fn f_base64sha512(name: &str, a: Vec<Val>) -> R {
    use sha2::Digest as _;
    Ok(Val::Str(b64().encode(sha2::Sha512::digest(
        str_arg(name, &a, 0, "str")?.as_bytes(),
    ))))
}

/// google/uuid's `Parse`: plain, `urn:uuid:`, braced or 32 hex digits.
fn parse_uuid(s: &str) -> Option<[u8; 16]> {
    let body = if s.len() == 45
        && s.get(..9)
            .is_some_and(|p| p.eq_ignore_ascii_case("urn:uuid:"))
    {
        s.get(9..)?
    } else if s.len() == 38 && s.starts_with('{') && s.ends_with('}') {
        s.get(1..37)?
    } else {
        s
    };
    let hexdigits: String = match body.len() {
        36 => {
            let b = body.as_bytes();
            if [8, 13, 18, 23].iter().any(|i| b.get(*i) != Some(&b'-')) {
                return None;
            }
            body.chars().filter(|c| *c != '-').collect()
        }
        32 => body.to_string(),
        _ => return None,
    };
    if hexdigits.len() != 32 || !hexdigits.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(hexdigits.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

fn f_uuidv5(name: &str, a: Vec<Val>) -> R {
    let ns = str_arg(name, &a, 0, "namespace")?;
    let n = str_arg(name, &a, 1, "name")?;
    let ns_uuid = match ns.as_str() {
        "dns" => parse_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
        "url" => parse_uuid("6ba7b811-9dad-11d1-80b4-00c04fd430c8"),
        "oid" => parse_uuid("6ba7b812-9dad-11d1-80b4-00c04fd430c8"),
        "x500" => parse_uuid("6ba7b814-9dad-11d1-80b4-00c04fd430c8"),
        other => parse_uuid(other),
    }
    .ok_or_else(|| {
        ev(
            name,
            format!("uuidv5() doesn't support namespace {ns} (invalid UUID format)"),
        )
    })?;
    let mut data = ns_uuid.to_vec();
    data.extend_from_slice(n.as_bytes());
    let h = sha1(&data);
    let mut u: Vec<u8> = h.iter().take(16).copied().collect();
    if let Some(b) = u.get_mut(6) {
        *b = (*b & 0x0f) | 0x50;
    }
    if let Some(b) = u.get_mut(8) {
        *b = (*b & 0x3f) | 0x80;
    }
    let x = hex(&u);
    let part = |r: std::ops::Range<usize>| x.get(r).unwrap_or_default().to_string();
    Ok(Val::Str(format!(
        "{}-{}-{}-{}-{}",
        part(0..8),
        part(8..12),
        part(12..16),
        part(16..20),
        part(20..32)
    )))
}

// ---------------------------------------------------------------------------
// Date and time (RFC 3339 timestamps as go-cty parses them)

#[derive(Clone, Copy)]
struct Timestamp {
    /// Seconds since the Unix epoch.
    secs: i64,
    nanos: u32,
    /// UTC offset in seconds.
    offset: i64,
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn parse_timestamp(s: &str) -> Result<Timestamp, String> {
    let bad = || format!("not a valid RFC3339 timestamp: {s:?}");
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>, lo: i64, hi: i64| -> Option<i64> {
        let part = b.get(r)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let v = part
            .iter()
            .fold(0i64, |acc, c| acc * 10 + i64::from(c - b'0'));
        (lo..=hi).contains(&v).then_some(v)
    };
    if b.len() < 19
        || b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || b.get(10) != Some(&b'T')
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return Err(bad());
    }
    let year = num(0..4, 0, 9999).ok_or_else(bad)?;
    let month = u32::try_from(num(5..7, 1, 12).ok_or_else(bad)?).map_err(|_| bad())?;
    let day = num(8..10, 1, i64::from(days_in_month(year, month))).ok_or_else(bad)?;
    let hour = num(11..13, 0, 23).ok_or_else(bad)?;
    let min = num(14..16, 0, 59).ok_or_else(bad)?;
    let sec = num(17..19, 0, 59).ok_or_else(bad)?;
    let mut i = 19;
    let mut nanos = 0u32;
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        let mut n = i + 1;
        while b.get(n).is_some_and(u8::is_ascii_digit) {
            n += 1;
        }
        let digits = b.get(i + 1..n).unwrap_or_default();
        for k in 0..9 {
            nanos = nanos * 10 + u32::from(digits.get(k).map_or(0, |c| c - b'0'));
        }
        i = n;
    }
    let rest = b.get(i..).unwrap_or_default();
    let offset = if rest == b"Z" {
        0
    } else {
        if rest.len() != 6 || rest.get(3) != Some(&b':') {
            return Err(bad());
        }
        let hh = num(i + 1..i + 3, 0, 23).ok_or_else(bad)?;
        let mm = num(i + 4..i + 6, 0, 59).ok_or_else(bad)?;
        let off = (hh * 60 + mm) * 60;
        match rest.first() {
            Some(b'+') => off,
            Some(b'-') => -off,
            _ => return Err(bad()),
        }
    };
    let days = days_from_civil(year, month, u32::try_from(day).unwrap_or(1));
    let local = days * 86_400 + hour * 3600 + min * 60 + sec;
    Ok(Timestamp {
        secs: local - offset,
        nanos,
        offset,
    })
}

struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: i64,
    min: i64,
    sec: i64,
    weekday: usize,
}

fn civil(t: &Timestamp) -> Civil {
    let local = t.secs.saturating_add(t.offset);
    let days = local.div_euclid(86_400);
    let sod = local.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    Civil {
        year,
        month,
        day,
        hour: sod / 3600,
        min: sod / 60 % 60,
        sec: sod % 60,
        weekday: usize::try_from((days + 4).rem_euclid(7)).unwrap_or(0),
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

fn zone(offset: i64, colon: bool) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let a = offset.abs();
    if colon {
        format!("{sign}{:02}:{:02}", a / 3600, a / 60 % 60)
    } else {
        format!("{sign}{:02}{:02}", a / 3600, a / 60 % 60)
    }
}

/// Splits a `formatdate` spec the way go-cty's scanner does.
fn date_tokens(f: &[u8]) -> Vec<&[u8]> {
    let verb = |c: u8| c.is_ascii_alphabetic();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < f.len() {
        let rest = f.get(i..).unwrap_or_default();
        let n = match rest.first() {
            Some(b'\'') => {
                if rest.get(1) == Some(&b'\'') {
                    2
                } else {
                    let mut n = rest.len();
                    let mut j = 1;
                    while j < rest.len() {
                        if rest.get(j) == Some(&b'\'') {
                            if j + 1 == rest.len() {
                                break;
                            }
                            if rest.get(j + 1) == Some(&b'\'') {
                                j += 2;
                                continue;
                            }
                            n = j + 1;
                            break;
                        }
                        j += 1;
                    }
                    n
                }
            }
            Some(c) if verb(*c) => rest.iter().position(|x| x != c).unwrap_or(rest.len()),
            _ => rest
                .iter()
                .skip(1)
                .position(|x| *x == b'\'' || verb(*x))
                .map_or(rest.len(), |p| p + 1),
        };
        toks.push(rest.get(..n).unwrap_or(rest));
        i += n.max(1);
    }
    toks
}

fn f_formatdate(name: &str, a: Vec<Val>) -> R {
    let spec = str_arg(name, &a, 0, "format")?;
    let ts = str_arg(name, &a, 1, "time")?;
    let t = parse_timestamp(&ts).map_err(|e| ev(name, e))?;
    let c = civil(&t);
    let mut out: Vec<u8> = Vec::new();
    let bad = |tok: &[u8], m: &str| {
        ev(
            name,
            format!(
                "invalid date format verb {:?}{m}",
                String::from_utf8_lossy(tok)
            ),
        )
    };
    for tok in date_tokens(spec.as_bytes()) {
        let Some(&first) = tok.first() else { continue };
        let n = tok.len();
        let piece: String = match first {
            b'\'' => {
                if tok.last() != Some(&b'\'') || n == 1 {
                    return Err(ev(name, "unterminated literal '"));
                }
                if n == 2 {
                    out.push(b'\'');
                } else {
                    let raw = tok.get(1..n - 1).unwrap_or_default();
                    let mut k = 0;
                    while let Some(&ch) = raw.get(k) {
                        out.push(ch);
                        k += if ch == b'\'' { 2 } else { 1 };
                    }
                }
                continue;
            }
            b'Y' => match n {
                2 => format!("{:02}", c.year % 100),
                4 => format!("{:04}", c.year),
                _ => return Err(bad(tok, ": year must either be \"YY\" or \"YYYY\"")),
            },
            b'M' => {
                let mname = MONTHS
                    .get(usize::try_from(c.month).unwrap_or(1).saturating_sub(1))
                    .unwrap_or(&"");
                match n {
                    1 => c.month.to_string(),
                    2 => format!("{:02}", c.month),
                    3 => mname.get(..3).unwrap_or_default().to_string(),
                    4 => (*mname).to_string(),
                    _ => {
                        return Err(bad(
                            tok,
                            ": month must be \"M\", \"MM\", \"MMM\", or \"MMMM\"",
                        ))
                    }
                }
            }
            b'D' => match n {
                1 => c.day.to_string(),
                2 => format!("{:02}", c.day),
                _ => return Err(bad(tok, ": day of month must either be \"D\" or \"DD\"")),
            },
            b'E' => {
                let wname = WEEKDAYS.get(c.weekday).unwrap_or(&"");
                match n {
                    3 => wname.get(..3).unwrap_or_default().to_string(),
                    4 => (*wname).to_string(),
                    _ => return Err(bad(tok, ": day of week must either be \"EEE\" or \"EEEE\"")),
                }
            }
            b'h' => match n {
                1 => c.hour.to_string(),
                2 => format!("{:02}", c.hour),
                _ => return Err(bad(tok, ": 24-hour must either be \"h\" or \"hh\"")),
            },
            b'H' => {
                let h = if c.hour % 12 == 0 { 12 } else { c.hour % 12 };
                match n {
                    1 => h.to_string(),
                    2 => format!("{h:02}"),
                    _ => return Err(bad(tok, ": 12-hour must either be \"H\" or \"HH\"")),
                }
            }
            b'A' | b'a' => {
                if n != 2 {
                    let l = char::from(first);
                    return Err(bad(tok, &format!(": must be \"{l}{l}\"")));
                }
                let pm = c.hour >= 12;
                match (first == b'A', pm) {
                    (true, false) => "AM".into(),
                    (true, true) => "PM".into(),
                    (false, false) => "am".into(),
                    (false, true) => "pm".into(),
                }
            }
            b'm' => match n {
                1 => c.min.to_string(),
                2 => format!("{:02}", c.min),
                _ => return Err(bad(tok, ": minute must either be \"m\" or \"mm\"")),
            },
            b's' => match n {
                1 => c.sec.to_string(),
                2 => format!("{:02}", c.sec),
                _ => return Err(bad(tok, ": second must either be \"s\" or \"ss\"")),
            },
            b'Z' => match n {
                1 if t.offset == 0 => "Z".into(),
                1 => zone(t.offset, true),
                3 if t.offset == 0 => "UTC".into(),
                3 | 4 => zone(t.offset, false),
                5 => zone(t.offset, true),
                _ => return Err(bad(tok, ": timezone must be Z, ZZZZ, or ZZZZZ")),
            },
            c if c.is_ascii_alphabetic() => return Err(bad(tok, "")),
            _ => {
                out.extend_from_slice(tok);
                continue;
            }
        };
        out.extend_from_slice(piece.as_bytes());
    }
    String::from_utf8(out)
        .map(Val::Str)
        .map_err(|_| ev(name, "invalid format string"))
}

/// Go's `time.ParseDuration`, in nanoseconds.
fn parse_duration(orig: &str) -> Result<i64, String> {
    let invalid = || format!("time: invalid duration {orig:?}");
    let mut s = orig;
    let mut neg = false;
    if let Some(r) = s.strip_prefix('-') {
        neg = true;
        s = r;
    } else if let Some(r) = s.strip_prefix('+') {
        s = r;
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    const LIMIT: u128 = 1 << 63;
    let mut total: u128 = 0;
    while !s.is_empty() {
        let b = s.as_bytes();
        if !b.first().is_some_and(|c| *c == b'.' || c.is_ascii_digit()) {
            return Err(invalid());
        }
        let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
        let mut v: u128 = 0;
        for c in b.iter().take(int_len) {
            v = v * 10 + u128::from(c - b'0');
            if v > LIMIT {
                return Err(invalid());
            }
        }
        s = s.get(int_len..).unwrap_or_default();
        let mut frac: u128 = 0;
        let mut scale: f64 = 1.0;
        let mut post = false;
        if let Some(r) = s.strip_prefix('.') {
            let n = r.bytes().take_while(u8::is_ascii_digit).count();
            let mut overflow = false;
            for c in r.bytes().take(n) {
                if overflow {
                    continue;
                }
                let next = frac * 10 + u128::from(c - b'0');
                if next > LIMIT {
                    overflow = true;
                    continue;
                }
                frac = next;
                scale *= 10.0;
            }
            post = n > 0;
            s = r.get(n..).unwrap_or_default();
        }
        if int_len == 0 && !post {
            return Err(invalid());
        }
        let unit_len = s
            .bytes()
            .take_while(|c| *c != b'.' && !c.is_ascii_digit())
            .count();
        if unit_len == 0 {
            return Err(format!("time: missing unit in duration {orig:?}"));
        }
        let unit_str = s.get(..unit_len).unwrap_or_default();
        let unit: u128 = match unit_str {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {unit_str:?} in duration {orig:?}"
                ))
            }
        };
        s = s.get(unit_len..).unwrap_or_default();
        if v > LIMIT / unit {
            return Err(invalid());
        }
        v *= unit;
        if frac > 0 {
            v += (frac as f64 * (unit as f64 / scale)) as u128;
            if v > LIMIT {
                return Err(invalid());
            }
        }
        total += v;
        if total > LIMIT {
            return Err(invalid());
        }
    }
    if neg {
        return Ok(i64::try_from(total).map_or(i64::MIN, |t| -t));
    }
    i64::try_from(total).map_err(|_| invalid())
}

fn f_timeadd(name: &str, a: Vec<Val>) -> R {
    let ts = str_arg(name, &a, 0, "timestamp")?;
    let dur = str_arg(name, &a, 1, "duration")?;
    let t = parse_timestamp(&ts).map_err(|e| ev(name, e))?;
    let d = parse_duration(&dur).map_err(|e| ev(name, e))?;
    let total = i128::from(t.secs) * 1_000_000_000 + i128::from(t.nanos) + i128::from(d);
    let secs = i64::try_from(total.div_euclid(1_000_000_000))
        .map_err(|_| ev(name, "result is out of range"))?;
    let r = Timestamp {
        secs,
        nanos: 0,
        offset: t.offset,
    };
    let c = civil(&r);
    if !(0..=9999).contains(&c.year) {
        return Ok(Val::unknown());
    }
    let z = if t.offset == 0 {
        "Z".to_string()
    } else {
        zone(t.offset, true)
    };
    Ok(Val::Str(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{z}",
        c.year, c.month, c.day, c.hour, c.min, c.sec
    )))
}

fn f_timecmp(name: &str, a: Vec<Val>) -> R {
    let x = parse_timestamp(&str_arg(name, &a, 0, "timestamp_a")?).map_err(|e| ev(name, e))?;
    let y = parse_timestamp(&str_arg(name, &a, 1, "timestamp_b")?).map_err(|e| ev(name, e))?;
    Ok(Val::int(match (x.secs, x.nanos).cmp(&(y.secs, y.nanos)) {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    }))
}

// ---------------------------------------------------------------------------
// IP networks (Go's net.ParseCIDR, hashicorp/go-cidr)

#[derive(Clone, Copy)]
struct Cidr {
    v6: bool,
    /// Network address (host bits cleared).
    addr: u128,
    prefix: u32,
}

impl Cidr {
    fn width(self) -> u32 {
        if self.v6 {
            128
        } else {
            32
        }
    }
}

fn all_ones(width: u32) -> u128 {
    u128::MAX.checked_shr(128 - width).unwrap_or(0)
}

fn net_mask(prefix: u32, width: u32) -> u128 {
    all_ones(width) & !all_ones(width.saturating_sub(prefix))
}

/// Go's pre-1.17 IPv4 parser, which Terraform keeps: leading zeros are decimal.
fn parse_ipv4(s: &str) -> Option<u32> {
    let mut out: u32 = 0;
    let mut parts = 0;
    for p in s.split('.') {
        if p.is_empty() || !p.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let v: u32 = p.trim_start_matches('0').parse().unwrap_or(0);
        if p.len() > 12 || v > 255 {
            return None;
        }
        out = (out << 8) | v;
        parts += 1;
    }
    (parts == 4).then_some(out)
}

fn parse_cidr(s: &str) -> Result<Cidr, String> {
    let bad = || format!("invalid CIDR expression: invalid CIDR address: {s}");
    let (addr, bits) = s.split_once('/').ok_or_else(bad)?;
    let (v6, ip) = match parse_ipv4(addr) {
        Some(v4) => (false, u128::from(v4)),
        None => {
            let v6: std::net::Ipv6Addr = addr.parse().map_err(|_| bad())?;
            (true, u128::from(v6))
        }
    };
    if bits.is_empty() || bits.len() > 8 || !bits.bytes().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let prefix: u32 = bits.parse().map_err(|_| bad())?;
    let width = if v6 { 128 } else { 32 };
    if prefix > width {
        return Err(bad());
    }
    Ok(Cidr {
        v6,
        addr: ip & net_mask(prefix, width),
        prefix,
    })
}

/// IPv4-mapped IPv6 addresses, which Go prints and masks as IPv4.
fn v4_mapped(v6: bool, addr: u128) -> bool {
    v6 && addr >> 32 == 0xffff
}

/// Go's `net.IP.String`; `None` where Go would switch to IPv4 notation.
fn fmt_ip(v6: bool, addr: u128) -> Option<String> {
    if !v6 {
        let b = u32::try_from(addr).ok()?.to_be_bytes();
        return Some(format!("{}.{}.{}.{}", b[0], b[1], b[2], b[3]));
    }
    if v4_mapped(v6, addr) {
        return None;
    }
    let groups: Vec<u16> = addr
        .to_be_bytes()
        .chunks_exact(2)
        .map(|c| <[u8; 2]>::try_from(c).map_or(0, u16::from_be_bytes))
        .collect();
    let zero = |i: usize| groups.get(i) == Some(&0);
    let (mut e0, mut e1): (isize, isize) = (-1, -1);
    let mut i = 0usize;
    while i < 8 {
        let mut j = i;
        while j < 8 && zero(j) {
            j += 1;
        }
        let (ii, jj) = (isize::try_from(i).ok()?, isize::try_from(j).ok()?);
        if j > i && jj - ii > e1 - e0 {
            e0 = ii;
            e1 = jj;
            i = j;
        }
        i += 1;
    }
    if e1 - e0 <= 1 {
        e0 = -1;
        e1 = -1;
    }
    let mut out = String::new();
    let mut i: isize = 0;
    while i < 8 {
        if i == e0 {
            out.push_str("::");
            i = e1;
            if i >= 8 {
                break;
            }
        } else if i > 0 {
            out.push(':');
        }
        let g = usize::try_from(i)
            .ok()
            .and_then(|k| groups.get(k))
            .copied()
            .unwrap_or(0);
        let _ = write!(out, "{g:x}");
        i += 1;
    }
    Some(out)
}

fn fmt_cidr(v6: bool, addr: u128, prefix: u32) -> Option<String> {
    Some(format!("{}/{prefix}", fmt_ip(v6, addr)?))
}

/// A whole number as `i128` (Terraform's network and host numbers are big ints).
fn conv_big(name: &str, v: &Val, what: &str) -> Result<i128, FnError> {
    match conv_num(name, v, what)? {
        Num::I(i) => Ok(i128::from(i)),
        Num::F(f) if f.fract() == 0.0 && f.abs() < 1.7e38 => Ok(f as i128),
        _ => Err(ev(name, format!("{what} must be a whole number"))),
    }
}

fn f_cidrhost(name: &str, a: Vec<Val>) -> R {
    let prefix = str_arg(name, &a, 0, "prefix")?;
    let hostnum = conv_big(name, arg(&a, 1), "hostnum")?;
    let net = parse_cidr(&prefix).map_err(|e| ev(name, e))?;
    if v4_mapped(net.v6, net.addr) {
        return Ok(Val::unknown());
    }
    let max = all_ones(net.width() - net.prefix);
    let too_big = || {
        ev(
            name,
            format!(
                "prefix of {} does not accommodate a host numbered {hostnum}",
                net.prefix
            ),
        )
    };
    let num = if hostnum < 0 {
        let n = u128::try_from(-(hostnum + 1)).map_err(|_| too_big())?;
        max.checked_sub(n).ok_or_else(too_big)?
    } else {
        let n = u128::try_from(hostnum).map_err(|_| too_big())?;
        if n > max {
            return Err(too_big());
        }
        n
    };
    Ok(fmt_ip(net.v6, net.addr | num).map_or_else(Val::unknown, Val::Str))
}

fn f_cidrnetmask(name: &str, a: Vec<Val>) -> R {
    let prefix = str_arg(name, &a, 0, "prefix")?;
    let net = parse_cidr(&prefix).map_err(|e| ev(name, e))?;
    if v4_mapped(net.v6, net.addr) {
        return Ok(Val::unknown());
    }
    if net.v6 {
        return Err(ev(
            name,
            format!("IPv6 addresses cannot have a netmask: {prefix}"),
        ));
    }
    Ok(fmt_ip(false, net_mask(net.prefix, 32)).map_or_else(Val::unknown, Val::Str))
}

fn f_cidrsubnet(name: &str, a: Vec<Val>) -> R {
    let prefix = str_arg(name, &a, 0, "prefix")?;
    let newbits = conv_int(name, arg(&a, 1), "newbits")?;
    let netnum = conv_big(name, arg(&a, 2), "netnum")?;
    let net = parse_cidr(&prefix).map_err(|e| ev(name, e))?;
    // Negative extensions and network numbers go through Go's big-integer
    // arithmetic in ways not reproduced here.
    let (Ok(newbits), Ok(netnum)) = (u32::try_from(newbits), u128::try_from(netnum)) else {
        return Ok(Val::unknown());
    };
    if v4_mapped(net.v6, net.addr) {
        return Ok(Val::unknown());
    }
    let new_prefix = net.prefix.saturating_add(newbits);
    if new_prefix > net.width() {
        return Err(ev(
            name,
            format!(
                "insufficient address space to extend prefix of {} by {newbits}",
                net.prefix
            ),
        ));
    }
    if netnum > all_ones(newbits) {
        return Err(ev(
            name,
            format!(
                "prefix extension of {newbits} does not accommodate a subnet numbered {netnum}"
            ),
        ));
    }
    let addr = net.addr | netnum.checked_shl(net.width() - new_prefix).unwrap_or(0);
    Ok(fmt_cidr(net.v6, addr, new_prefix).map_or_else(Val::unknown, Val::Str))
}

fn f_cidrsubnets(name: &str, a: Vec<Val>) -> R {
    let prefix = str_arg(name, &a, 0, "prefix")?;
    let net = parse_cidr(&prefix).map_err(|e| ev(name, e))?;
    if v4_mapped(net.v6, net.addr) {
        return Ok(Val::unknown());
    }
    let width = net.width();
    let mut out = Vec::new();
    let mut current: Option<(u128, u32)> = None;
    for (i, v) in a.iter().skip(1).enumerate() {
        let what = format!("argument {}", i + 2);
        let ext = conv_int(name, v, &what)?;
        if ext < 1 {
            return Err(ev(
                name,
                format!("{what}: must extend prefix by at least one bit"),
            ));
        }
        if ext > 32 {
            return Err(ev(
                name,
                format!("{what}: may not extend prefix by more than 32 bits"),
            ));
        }
        let length = net.prefix.saturating_add(u32::try_from(ext).unwrap_or(32));
        if length > width {
            let proto = if net.v6 { "IPv6" } else { "IPv4" };
            return Err(ev(
                name,
                format!("{what}: would extend prefix to {length} bits, which is too long for an {proto} address"),
            ));
        }
        let (cur_addr, cur_len) = match current {
            Some(c) => c,
            // go-cidr's PreviousSubnet: the subnet of this size just below the network.
            None => (
                net.addr.wrapping_sub(1) & all_ones(width) & net_mask(length, width),
                length,
            ),
        };
        // go-cidr's NextSubnet.
        let cur_last = cur_addr | all_ones(width - cur_len);
        let sub = cur_last & net_mask(length, width);
        let last = (sub | all_ones(width - length)).wrapping_add(1) & all_ones(width);
        let next = last & net_mask(length, width);
        if v4_mapped(net.v6, next) || v4_mapped(net.v6, cur_last) {
            return Ok(Val::unknown());
        }
        if last == 0 || next & net_mask(net.prefix, width) != net.addr {
            let after = fmt_cidr(net.v6, cur_addr, cur_len).unwrap_or_default();
            return Err(ev(
                name,
                format!("{what}: not enough remaining address space for a subnet with a prefix of {length} bits after {after}"),
            ));
        }
        current = Some((next, length));
        match fmt_cidr(net.v6, next, length) {
            Some(s) => out.push(Val::Str(s)),
            None => return Ok(Val::unknown()),
        }
    }
    Ok(Val::Arr(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Value as Json};

    fn vals(args: &[Json]) -> Vec<Val> {
        args.iter().map(Val::from_json).collect()
    }

    /// Calls `name` on JSON arguments and returns the known result as JSON.
    fn run(name: &str, args: &[Json]) -> Json {
        let v = call(name, vals(args)).unwrap_or_else(|e| panic!("{name}: {e}"));
        v.to_json()
            .unwrap_or_else(|| panic!("{name}: unknown result {v:?}"))
    }

    fn run_val(name: &str, args: Vec<Val>) -> Val {
        call(name, args).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    fn fail(name: &str, args: &[Json]) -> String {
        match call(name, vals(args)) {
            Err(FnError::Eval(m)) => m,
            other => panic!("{name}: expected an error, got {other:?}"),
        }
    }

    fn unknown_refs(v: &Val) -> Vec<String> {
        match v {
            Val::Unknown(u) => u.refs.iter().cloned().collect(),
            other => panic!("expected unknown, got {other:?}"),
        }
    }

    fn u(r: &str) -> Val {
        Val::unknown_ref(r)
    }

    fn s(x: &str) -> Val {
        Val::str(x)
    }

    #[test]
    fn numeric_functions() {
        assert_eq!(run("abs", &[json!(-10)]), json!(10));
        assert_eq!(run("abs", &[json!(-12.4)]), json!(12.4));
        assert_eq!(run("ceil", &[json!(5)]), json!(5));
        assert_eq!(run("ceil", &[json!(5.1)]), json!(6));
        assert_eq!(run("floor", &[json!(5)]), json!(5));
        assert_eq!(run("floor", &[json!(4.9)]), json!(4));
        assert_eq!(
            run("log", &[json!(50), json!(10)]),
            json!(1.6989700043360185)
        );
        assert_eq!(run("log", &[json!(16), json!(2)]), json!(4));
        for (n, want) in [(15, 4), (16, 4), (17, 5)] {
            let l = run_val("log", vec![Val::int(n), Val::int(2)]);
            assert_eq!(run_val("ceil", vec![l]), Val::int(want));
        }
        assert_eq!(run("max", &[json!(12), json!(54), json!(3)]), json!(54));
        assert_eq!(run("min", &[json!(12), json!(54), json!(3)]), json!(3));
        assert_eq!(run("max", &[json!("7"), json!(2.5)]), json!(7));
        assert_eq!(run("parseint", &[json!("100"), json!(10)]), json!(100));
        assert_eq!(run("parseint", &[json!("FF"), json!(16)]), json!(255));
        assert_eq!(run("parseint", &[json!("-10"), json!(16)]), json!(-16));
        assert_eq!(
            run("parseint", &[json!("1011111011101111"), json!(2)]),
            json!(48879)
        );
        assert_eq!(run("parseint", &[json!("aA"), json!(62)]), json!(656));
        assert_eq!(
            fail("parseint", &[json!("12"), json!(2)]),
            "parseint: cannot parse \"12\" as a base 2 integer"
        );
        assert!(fail("parseint", &[json!("1"), json!(63)]).contains("between 2 and 62"));
        assert_eq!(run("pow", &[json!(3), json!(2)]), json!(9));
        assert_eq!(run("pow", &[json!(4), json!(0)]), json!(1));
        assert_eq!(run("pow", &[json!(2), json!(-1)]), json!(0.5));
        assert_eq!(run("signum", &[json!(-13)]), json!(-1));
        assert_eq!(run("signum", &[json!(0)]), json!(0));
        assert_eq!(run("signum", &[json!(344)]), json!(1));
        assert_eq!(run("sum", &[json!([10, 13, 6, 4.5])]), json!(33.5));
        assert_eq!(run("sum", &[json!([0.1, 0.2])]), json!(0.3));
        assert_eq!(fail("sum", &[json!([])]), "sum: cannot sum an empty list");
        assert!(fail("pow", &[json!(-8), json!(0.5)]).contains("not a number"));
        assert!(fail("log", &[json!(0), json!(10)]).contains("finite"));
    }

    #[test]
    fn string_functions() {
        assert_eq!(run("chomp", &[json!("hello\n")]), json!("hello"));
        assert_eq!(run("chomp", &[json!("hello\r\n")]), json!("hello"));
        assert_eq!(run("chomp", &[json!("hello\n\n")]), json!("hello"));
        assert_eq!(
            run("endswith", &[json!("hello world"), json!("world")]),
            json!(true)
        );
        assert_eq!(
            run("endswith", &[json!("hello world"), json!("hello")]),
            json!(false)
        );
        assert_eq!(
            run("startswith", &[json!("hello world"), json!("hello")]),
            json!(true)
        );
        assert_eq!(
            run("startswith", &[json!("hello world"), json!("world")]),
            json!(false)
        );
        assert_eq!(
            run("strcontains", &[json!("hello world"), json!("wor")]),
            json!(true)
        );
        assert_eq!(
            run("strcontains", &[json!("hello world"), json!("wod")]),
            json!(false)
        );
        assert_eq!(
            run("indent", &[json!(2), json!("[\n  foo,\n  bar,\n]\n")]),
            json!("[\n    foo,\n    bar,\n  ]\n  ")
        );
        assert_eq!(
            run("join", &[json!("-"), json!(["foo", "bar", "baz"])]),
            json!("foo-bar-baz")
        );
        assert_eq!(
            run("join", &[json!(", "), json!(["foo", "bar", "baz"])]),
            json!("foo, bar, baz")
        );
        assert_eq!(run("join", &[json!(", "), json!(["foo"])]), json!("foo"));
        assert_eq!(
            run("join", &[json!(","), json!(["a", 1]), json!([true])]),
            json!("a,1,true")
        );
        assert!(fail("join", &[json!(","), json!(["a", null])]).contains("element 1 is null"));
        assert_eq!(run("lower", &[json!("HELLO")]), json!("hello"));
        assert_eq!(run("lower", &[json!("ΓΕΙΑ ΣΟΥ")]), json!("γεια σου"));
        assert_eq!(run("upper", &[json!("hello")]), json!("HELLO"));
        assert_eq!(run("upper", &[json!("алло!")]), json!("АЛЛО!"));
        assert_eq!(run("upper", &[json!("straße")]), json!("STRAßE"));
        assert_eq!(run("lower", &[json!(1)]), json!("1"));
        assert_eq!(run("upper", &[json!(true)]), json!("TRUE"));
        assert_eq!(
            run("replace", &[json!("1 + 2 + 3"), json!("+"), json!("-")]),
            json!("1 - 2 - 3")
        );
        assert_eq!(
            run(
                "replace",
                &[json!("hello world"), json!("/w.*d/"), json!("everybody")]
            ),
            json!("hello everybody")
        );
        assert_eq!(
            run(
                "replace",
                &[json!("a-1 b-2"), json!("/([a-z])-(\\d)/"), json!("$2$1")]
            ),
            json!("1a 2b")
        );
        assert_eq!(
            run("replace", &[json!("baaac"), json!("/a*/"), json!("-")]),
            json!("-b-c-")
        );
        assert_eq!(
            run("replace", &[json!("abc"), json!(""), json!("-")]),
            json!("-a-b-c-")
        );
        assert_eq!(
            run("split", &[json!(","), json!("foo,bar,baz")]),
            json!(["foo", "bar", "baz"])
        );
        assert_eq!(run("split", &[json!(","), json!("foo")]), json!(["foo"]));
        assert_eq!(run("split", &[json!(","), json!("")]), json!([""]));
        assert_eq!(run("strrev", &[json!("hello")]), json!("olleh"));
        assert_eq!(run("strrev", &[json!("a ☃")]), json!("☃ a"));
        assert_eq!(
            run("substr", &[json!("hello world"), json!(1), json!(4)]),
            json!("ello")
        );
        assert_eq!(
            run("substr", &[json!("🤔🤷"), json!(0), json!(1)]),
            json!("🤔")
        );
        assert_eq!(
            run("substr", &[json!("hello world"), json!(-5), json!(-1)]),
            json!("world")
        );
        assert_eq!(
            run("substr", &[json!("hello world"), json!(6), json!(10)]),
            json!("world")
        );
        assert_eq!(
            run("substr", &[json!("hello"), json!(9), json!(2)]),
            json!("")
        );
        assert_eq!(run("title", &[json!("hello world")]), json!("Hello World"));
        assert_eq!(
            run("title", &[json!("o'neil x_y-z")]),
            json!("O'Neil X_y-Z")
        );
        assert_eq!(
            run("trim", &[json!("?!hello?!"), json!("!?")]),
            json!("hello")
        );
        assert_eq!(run("trim", &[json!("foobar"), json!("far")]), json!("oob"));
        assert_eq!(
            run("trim", &[json!("   hello! world.!  "), json!("! ")]),
            json!("hello! world.")
        );
        assert_eq!(
            run("trimprefix", &[json!("helloworld"), json!("hello")]),
            json!("world")
        );
        assert_eq!(
            run("trimprefix", &[json!("helloworld"), json!("cat")]),
            json!("helloworld")
        );
        assert_eq!(
            run("trimprefix", &[json!("--hello"), json!("-")]),
            json!("-hello")
        );
        assert_eq!(
            run("trimsuffix", &[json!("helloworld"), json!("world")]),
            json!("hello")
        );
        assert_eq!(
            run("trimsuffix", &[json!("helloworld"), json!("cat")]),
            json!("helloworld")
        );
        assert_eq!(
            run("trimsuffix", &[json!("hello--"), json!("-")]),
            json!("hello-")
        );
        assert_eq!(run("trimspace", &[json!("  hello\n\n")]), json!("hello"));
    }

    #[test]
    fn regex_functions() {
        assert_eq!(
            run(
                "regex",
                &[json!("[a-z]+"), json!("53453453.345345aaabbbccc23454")]
            ),
            json!("aaabbbccc")
        );
        assert_eq!(
            run(
                "regex",
                &[
                    json!("(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)"),
                    json!("2019-02-01")
                ]
            ),
            json!(["2019", "02", "01"])
        );
        assert_eq!(
            run(
                "regex",
                &[
                    json!("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?"),
                    json!("https://terraform.io/docs/")
                ]
            ),
            json!({"authority": "terraform.io", "scheme": "https"})
        );
        assert_eq!(
            fail("regex", &[json!("[a-z]+"), json!("53453453.34534523454")]),
            "regex: pattern did not match any part of the given string"
        );
        assert_eq!(
            run("regexall", &[json!("[a-z]+"), json!("1234abcd5678efgh9")]),
            json!(["abcd", "efgh"])
        );
        let all = run_val(
            "regexall",
            vals(&[json!("[a-z]+"), json!("1234abcd5678efgh9")]),
        );
        assert_eq!(run_val("length", vec![all]), Val::int(2));
        assert_eq!(
            run("regexall", &[json!("[a-z]+"), json!("123456789")]),
            json!([])
        );
        // Unmatched optional groups are null; \d is ASCII-only as in Go.
        assert_eq!(
            run("regex", &[json!("(a)?(b)"), json!("b")]),
            json!([null, "b"])
        );
        assert!(fail("regex", &[json!("\\d"), json!("٣")]).contains("did not match"));
        assert!(fail("regex", &[json!("(?P<x>a)(b)"), json!("ab")]).contains("cannot mix"));
        assert!(fail("regex", &[json!("("), json!("a")]).contains("error parsing pattern"));
        assert_eq!(run("regex", &[json!("[\\d]+"), json!("ab12")]), json!("12"));
        assert_eq!(
            run("regex", &[json!("\\bfoo\\b"), json!("a foo b")]),
            json!("foo")
        );
    }

    #[test]
    fn format_functions() {
        assert_eq!(
            run("format", &[json!("Hello, %s!"), json!("Ander")]),
            json!("Hello, Ander!")
        );
        assert_eq!(
            run("format", &[json!("There are %d lights"), json!(4)]),
            json!("There are 4 lights")
        );
        assert_eq!(
            run(
                "format",
                &[
                    json!("%[1]s%[2]s%[1]s%[3]s"),
                    json!("/"),
                    json!("path"),
                    json!("file.tf")
                ]
            ),
            json!("/path/file.tf")
        );
        assert_eq!(
            run("format", &[json!("%#v"), json!("hello")]),
            json!("\"hello\"")
        );
        assert_eq!(run("format", &[json!("%#v"), json!(true)]), json!("true"));
        assert_eq!(run("format", &[json!("%#v"), json!(1)]), json!("1"));
        assert_eq!(
            run("format", &[json!("%#v"), json!({"a": 1})]),
            json!("{\"a\":1}")
        );
        assert_eq!(
            run("format", &[json!("%#v"), json!([true])]),
            json!("[true]")
        );
        assert_eq!(run("format", &[json!("%#v"), json!(null)]), json!("null"));
        assert_eq!(
            run("format", &[json!("%05.2f"), json!(7.12345)]),
            json!("07.12")
        );
        assert_eq!(
            run("format", &[json!("%-5s|"), json!("ab")]),
            json!("ab   |")
        );
        assert_eq!(
            run("format", &[json!("%5s|"), json!("ab")]),
            json!("   ab|")
        );
        assert_eq!(run("format", &[json!("%.2s"), json!("abcd")]), json!("ab"));
        assert_eq!(
            run("format", &[json!("%q"), json!("a\"b<")]),
            json!("\"a\\\"b\\u003c\"")
        );
        assert_eq!(
            run("format", &[json!("%t %t"), json!(true), json!("false")]),
            json!("true false")
        );
        assert_eq!(run("format", &[json!("%d%%"), json!("12")]), json!("12%"));
        assert_eq!(
            run(
                "format",
                &[
                    json!("%x %X %o %b"),
                    json!(255),
                    json!(255),
                    json!(8),
                    json!(5)
                ]
            ),
            json!("ff FF 10 101")
        );
        assert_eq!(
            run(
                "format",
                &[json!("%+d|%04d|%-4d|"), json!(5), json!(-5), json!(5)]
            ),
            json!("+5|-005|5   |")
        );
        assert_eq!(
            run("format", &[json!("%e"), json!(1234.5678)]),
            json!("1.234568e+03")
        );
        assert_eq!(
            run("format", &[json!("%.3g"), json!(1234.5678)]),
            json!("1.23e+03")
        );
        assert_eq!(
            run("format", &[json!("%g"), json!(0.000012)]),
            json!("1.2e-05")
        );
        assert_eq!(
            run("format", &[json!("%v %v"), json!(1000000), json!(1.5)]),
            json!("1e+06 1.5")
        );
        assert_eq!(
            run("format", &[json!("%s"), json!(1000000)]),
            json!("1000000")
        );
        assert_eq!(
            run("format", &[json!("%v"), json!([1, "a"])]),
            json!("[1,\"a\"]")
        );
        assert_eq!(
            run("format", &[json!("%[2]s %[1]s"), json!("a"), json!("b")]),
            json!("b a")
        );
        assert_eq!(
            run("format", &[json!("%s%02d"), json!("foo"), json!(1)]),
            json!("foo01")
        );
        assert!(fail("format", &[json!("%d"), json!(1.5)]).contains("an integer is required"));
        assert!(fail("format", &[json!("%s")]).contains("not enough arguments"));
        assert_eq!(
            fail("format", &[json!("hello"), json!(1)]),
            "format: too many arguments; no verbs in format string"
        );
        assert!(
            fail("format", &[json!("%s %s"), json!(1), json!(2), json!(3)]).contains("only 2 used")
        );
        assert!(
            fail("format", &[json!("%s"), json!(null)]).contains("null value cannot be formatted")
        );
        assert!(fail("format", &[json!("%y"), json!(1)]).contains("unsupported format verb"));
        assert!(fail("format", &[json!("%")]).contains("invalid format string"));
        assert_eq!(
            run(
                "formatlist",
                &[
                    json!("Hello, %s!"),
                    json!(["Valentina", "Ander", "Olivia", "Sam"])
                ]
            ),
            json!([
                "Hello, Valentina!",
                "Hello, Ander!",
                "Hello, Olivia!",
                "Hello, Sam!"
            ])
        );
        assert_eq!(
            run(
                "formatlist",
                &[
                    json!("%s, %s!"),
                    json!("Salutations"),
                    json!(["Valentina", "Ander", "Olivia", "Sam"])
                ]
            ),
            json!([
                "Salutations, Valentina!",
                "Salutations, Ander!",
                "Salutations, Olivia!",
                "Salutations, Sam!"
            ])
        );
        assert!(fail(
            "formatlist",
            &[json!("%s%s"), json!(["a"]), json!(["a", "b"])]
        )
        .contains("inconsistent"));
        let r = run_val("formatlist", vec![s("%s"), Val::Arr(vec![s("a"), u("x")])]);
        assert_eq!(r, Val::Arr(vec![s("a"), u("x")]));
    }

    #[test]
    fn collection_functions() {
        assert_eq!(run("alltrue", &[json!(["true", true])]), json!(true));
        assert_eq!(run("alltrue", &[json!([true, false])]), json!(false));
        assert_eq!(run("anytrue", &[json!(["true"])]), json!(true));
        assert_eq!(run("anytrue", &[json!([true])]), json!(true));
        assert_eq!(run("anytrue", &[json!([true, false])]), json!(true));
        assert_eq!(run("anytrue", &[json!([])]), json!(false));
        assert_eq!(
            run("chunklist", &[json!(["a", "b", "c", "d", "e"]), json!(2)]),
            json!([["a", "b"], ["c", "d"], ["e"]])
        );
        assert_eq!(
            run("chunklist", &[json!(["a", "b", "c", "d", "e"]), json!(1)]),
            json!([["a"], ["b"], ["c"], ["d"], ["e"]])
        );
        assert_eq!(run("coalesce", &[json!("a"), json!("b")]), json!("a"));
        assert_eq!(run("coalesce", &[json!(""), json!("b")]), json!("b"));
        assert_eq!(run("coalesce", &[json!(1), json!(2)]), json!(1));
        assert_eq!(run("coalesce", &[json!(1), json!("hello")]), json!("1"));
        assert_eq!(
            run("coalesce", &[json!(true), json!("hello")]),
            json!("true")
        );
        assert_eq!(
            run("coalesce", &[json!(null), json!(""), json!("c")]),
            json!("c")
        );
        assert_eq!(
            fail("coalesce", &[json!({}), json!("hello")]),
            "coalesce: all arguments must have the same type"
        );
        assert!(fail("coalesce", &[json!(null), json!("")]).contains("no non-null"));
        assert_eq!(
            run("coalescelist", &[json!(["a", "b"]), json!(["c", "d"])]),
            json!(["a", "b"])
        );
        assert_eq!(
            run("coalescelist", &[json!([]), json!(["c", "d"])]),
            json!(["c", "d"])
        );
        assert_eq!(
            run("compact", &[json!(["a", "", "b", null, "c"])]),
            json!(["a", "b", "c"])
        );
        assert_eq!(
            run("concat", &[json!(["a", ""]), json!(["b", "c"])]),
            json!(["a", "", "b", "c"])
        );
        assert_eq!(
            run("concat", &[json!([]), json!([1, "a"]), json!([[3], "c"])]),
            json!([1, "a", [3], "c"])
        );
        assert!(fail("concat", &[json!("a")]).contains("must be lists or tuples"));
        assert_eq!(
            run("contains", &[json!(["a", "b", "c"]), json!("a")]),
            json!(true)
        );
        assert_eq!(
            run("contains", &[json!(["a", "b", "c"]), json!("d")]),
            json!(false)
        );
        assert_eq!(run("contains", &[json!([1, 2]), json!(2.0)]), json!(true));
        assert_eq!(
            run("distinct", &[json!(["a", "b", "a", "c", "d", "b"])]),
            json!(["a", "b", "c", "d"])
        );
        assert_eq!(
            run("element", &[json!(["a", "b", "c"]), json!(1)]),
            json!("b")
        );
        assert_eq!(
            run("element", &[json!(["a", "b", "c"]), json!(3)]),
            json!("a")
        );
        assert_eq!(
            run("element", &[json!(["a", "b", "c"]), json!(-1)]),
            json!("c")
        );
        assert!(fail("element", &[json!([]), json!(0)]).contains("empty list"));
        assert_eq!(
            run("flatten", &[json!([["a", "b"], [], ["c"]])]),
            json!(["a", "b", "c"])
        );
        assert_eq!(
            run("flatten", &[json!([[["a", "b"], []], ["c"]])]),
            json!(["a", "b", "c"])
        );
        assert_eq!(
            run("flatten", &[json!([{"a": [1]}, [2]])]),
            json!([{"a": [1]}, 2])
        );
        assert_eq!(
            run("index", &[json!(["a", "b", "c"]), json!("b")]),
            json!(1)
        );
        assert_eq!(
            run("index", &[json!(["one", "two", "two"]), json!("two")]),
            json!(1)
        );
        assert_eq!(
            fail("index", &[json!(["a"]), json!("z")]),
            "index: item not found"
        );
        assert_eq!(
            run("keys", &[json!({"a": 1, "c": 2, "d": 3})]),
            json!(["a", "c", "d"])
        );
        assert_eq!(run("length", &[json!([])]), json!(0));
        assert_eq!(run("length", &[json!(["a", "b"])]), json!(2));
        assert_eq!(run("length", &[json!({"a": "b"})]), json!(1));
        assert_eq!(run("length", &[json!("hello")]), json!(5));
        assert_eq!(run("length", &[json!("🤔🤷")]), json!(2));
        assert!(fail("length", &[json!(5)]).contains("must be a string, a collection type"));
        assert_eq!(
            run(
                "lookup",
                &[json!({"a": "ay", "b": "bee"}), json!("a"), json!("what?")]
            ),
            json!("ay")
        );
        assert_eq!(
            run(
                "lookup",
                &[json!({"a": "ay", "b": "bee"}), json!("c"), json!("what?")]
            ),
            json!("what?")
        );
        assert_eq!(
            fail("lookup", &[json!({"a": 1}), json!("c")]),
            "lookup: lookup failed to find key \"c\""
        );
        assert_eq!(
            run(
                "matchkeys",
                &[
                    json!(["i-123", "i-abc", "i-def"]),
                    json!(["us-west", "us-east", "us-east"]),
                    json!(["us-east"])
                ]
            ),
            json!(["i-abc", "i-def"])
        );
        assert_eq!(
            run(
                "merge",
                &[json!({"a": "b", "c": "d"}), json!({"e": "f", "c": "z"})]
            ),
            json!({"a": "b", "c": "z", "e": "f"})
        );
        assert_eq!(
            run(
                "merge",
                &[
                    json!({"a": "b"}),
                    json!({"a": [1, 2], "c": "z"}),
                    json!({"d": 3})
                ]
            ),
            json!({"a": [1, 2], "c": "z", "d": 3})
        );
        assert_eq!(
            run(
                "merge",
                &[
                    json!({"a": "b", "c": "d"}),
                    json!({}),
                    json!({"e": "f", "c": "z"})
                ]
            ),
            json!({"a": "b", "c": "z", "e": "f"})
        );
        assert_eq!(run("one", &[json!([])]), json!(null));
        assert_eq!(run("one", &[json!(["hello"])]), json!("hello"));
        assert!(fail("one", &[json!(["hello", "goodbye"])]).contains("either zero or one elements"));
        assert_eq!(run("range", &[json!(3)]), json!([0, 1, 2]));
        assert_eq!(run("range", &[json!(1), json!(4)]), json!([1, 2, 3]));
        assert_eq!(
            run("range", &[json!(1), json!(8), json!(2)]),
            json!([1, 3, 5, 7])
        );
        assert_eq!(
            run("range", &[json!(1), json!(4), json!(0.5)]),
            json!([1, 1.5, 2, 2.5, 3, 3.5])
        );
        assert_eq!(run("range", &[json!(4), json!(1)]), json!([4, 3, 2]));
        assert_eq!(
            run("range", &[json!(10), json!(5), json!(-2)]),
            json!([10, 8, 6])
        );
        assert_eq!(
            run("range", &[json!(0), json!(0.3), json!(0.1)]),
            json!([0, 0.1, 0.2])
        );
        assert!(fail("range", &[json!(0), json!(2000)]).contains("more than 1024 values"));
        assert!(fail("range", &[json!(0), json!(5), json!(0)]).contains("step must not be zero"));
        assert!(
            fail("range", &[json!(0), json!(5), json!(-1)]).contains("end must be less than start")
        );
        assert_eq!(run("reverse", &[json!([1, 2, 3])]), json!([3, 2, 1]));
        assert_eq!(
            run(
                "setintersection",
                &[json!(["a", "b"]), json!(["b", "c"]), json!(["b", "d"])]
            ),
            json!(["b"])
        );
        assert_eq!(
            run(
                "setintersection",
                &[
                    json!([3, 3.3, 4]),
                    json!([4, 3.3, 65, 99]),
                    json!([4.0, 3.3])
                ]
            ),
            json!([3.3, 4])
        );
        assert_eq!(
            run(
                "setintersection",
                &[
                    json!(["bob", "jane", 3]),
                    json!(["jane", 3, "ajax", 10]),
                    json!(["3", "jane", 26, "nomad"])
                ]
            ),
            json!(["3", "jane"])
        );
        assert_eq!(
            run(
                "setproduct",
                &[
                    json!(["development", "staging", "production"]),
                    json!(["app1", "app2"])
                ]
            ),
            json!([
                ["development", "app1"],
                ["development", "app2"],
                ["staging", "app1"],
                ["staging", "app2"],
                ["production", "app1"],
                ["production", "app2"]
            ])
        );
        assert_eq!(
            run(
                "setproduct",
                &[json!(["development", "staging", "production"]), json!([])]
            ),
            json!([])
        );
        assert_eq!(
            run("setproduct", &[json!(["a"]), json!(["b"])]),
            json!([["a", "b"]])
        );
        assert_eq!(
            run(
                "setproduct",
                &[json!(["staging", "production"]), json!(["a", 2])]
            ),
            json!([
                ["staging", "a"],
                ["staging", "2"],
                ["production", "a"],
                ["production", "2"]
            ])
        );
        assert!(fail("setproduct", &[json!(["a"])]).contains("at least two arguments"));
        assert_eq!(
            run("setsubtract", &[json!(["a", "b", "c"]), json!(["a", "c"])]),
            json!(["b"])
        );
        let sym = run_val(
            "setunion",
            vec![
                run_val(
                    "setsubtract",
                    vals(&[json!(["a", "b", "c"]), json!(["a", "c", "d"])]),
                ),
                run_val(
                    "setsubtract",
                    vals(&[json!(["a", "c", "d"]), json!(["a", "b", "c"])]),
                ),
            ],
        );
        assert_eq!(sym.to_json(), Some(json!(["b", "d"])));
        assert_eq!(
            run(
                "setunion",
                &[json!(["a", "b"]), json!(["b", "c"]), json!(["d"])]
            ),
            json!(["a", "b", "c", "d"])
        );
        assert_eq!(
            run("slice", &[json!(["a", "b", "c", "d"]), json!(1), json!(3)]),
            json!(["b", "c"])
        );
        assert!(fail("slice", &[json!(["a"]), json!(0), json!(2)]).contains("end index"));
        assert_eq!(
            run("sort", &[json!(["e", "d", "a", "x"])]),
            json!(["a", "d", "e", "x"])
        );
        assert_eq!(run("sort", &[json!([3, 10, 1])]), json!(["1", "10", "3"]));
        assert_eq!(
            run("transpose", &[json!({"a": ["1", "2"], "b": ["2", "3"]})]),
            json!({"1": ["a"], "2": ["a", "b"], "3": ["b"]})
        );
        assert_eq!(
            run("values", &[json!({"a": 3, "c": 2, "d": 1})]),
            json!([3, 2, 1])
        );
        assert_eq!(
            run("zipmap", &[json!(["a", "b"]), json!([1, 2])]),
            json!({"a": 1, "b": 2})
        );
        assert!(fail("zipmap", &[json!(["a"]), json!([1, 2])]).contains("number of keys (1)"));
    }

    #[test]
    fn conversion_functions() {
        assert_eq!(run("tobool", &[json!(true)]), json!(true));
        assert_eq!(run("tobool", &[json!("true")]), json!(true));
        assert_eq!(run("tobool", &[json!(null)]), json!(null));
        assert!(fail("tobool", &[json!("no")])
            .contains("only the strings \"true\" or \"false\" are allowed"));
        assert!(fail("tobool", &[json!(1)]).contains("cannot convert number to bool"));
        assert_eq!(
            run("tolist", &[json!(["a", "b", "c"])]),
            json!(["a", "b", "c"])
        );
        assert_eq!(
            run("tolist", &[json!(["a", "b", 3])]),
            json!(["a", "b", "3"])
        );
        assert_eq!(
            run("tomap", &[json!({"a": 1, "b": 2})]),
            json!({"a": 1, "b": 2})
        );
        assert_eq!(
            run("tomap", &[json!({"a": "foo", "b": true})]),
            json!({"a": "foo", "b": "true"})
        );
        assert_eq!(run("tonumber", &[json!(1)]), json!(1));
        assert_eq!(run("tonumber", &[json!("1")]), json!(1));
        assert_eq!(run("tonumber", &[json!("-1.5e2")]), json!(-150));
        assert_eq!(run("tonumber", &[json!(null)]), json!(null));
        assert!(fail("tonumber", &[json!("no")])
            .contains("must be a decimal representation of a number"));
        assert_eq!(
            run("toset", &[json!(["a", "b", "c"])]),
            json!(["a", "b", "c"])
        );
        assert_eq!(
            run("toset", &[json!(["a", "b", 3])]),
            json!(["3", "a", "b"])
        );
        assert_eq!(run("toset", &[json!(["c", "b", "b"])]), json!(["b", "c"]));
        assert_eq!(run("toset", &[json!([10, 2, 2.0])]), json!([2, 10]));
        assert_eq!(run("tostring", &[json!("hello")]), json!("hello"));
        assert_eq!(run("tostring", &[json!(1)]), json!("1"));
        assert_eq!(run("tostring", &[json!(true)]), json!("true"));
        assert_eq!(run("tostring", &[json!(null)]), json!(null));
        assert_eq!(
            fail("tostring", &[json!([])]),
            "tostring: cannot convert tuple to string"
        );
        assert_eq!(run("sensitive", &[json!("hello")]), json!("hello"));
        assert_eq!(run("nonsensitive", &[json!({"a": 1})]), json!({"a": 1}));
        assert_eq!(run("issensitive", &[json!("hello")]), json!(false));
        assert_eq!(run("ephemeralasnull", &[json!("x")]), json!("x"));
        assert!(run_val("type", vec![s("x")]).is_unknown());
        // Automatic conversions of arguments.
        assert_eq!(run("abs", &[json!("-3")]), json!(3));
        assert!(fail("abs", &[json!("x")]).starts_with("abs: num: cannot convert \"x\" to number"));
        assert!(fail("abs", &[json!(null)]).contains("must not be null"));
        assert!(fail("lower", &[json!([])]).contains("must be a string, not list"));
    }

    #[test]
    fn encoding_functions() {
        assert_eq!(
            run("base64decode", &[json!("SGVsbG8gV29ybGQ=")]),
            json!("Hello World")
        );
        assert_eq!(
            run("base64encode", &[json!("Hello World")]),
            json!("SGVsbG8gV29ybGQ=")
        );
        assert!(fail("base64decode", &[json!("SGVsbG8=x")]).contains("failed to decode"));
        assert!(fail("base64decode", &[json!("/w==")]).contains("not valid UTF-8"));
        assert_eq!(
            run("csvdecode", &[json!("a,b,c\n1,2,3\n4,5,6")]),
            json!([{"a": "1", "b": "2", "c": "3"}, {"a": "4", "b": "5", "c": "6"}])
        );
        assert_eq!(
            run(
                "csvdecode",
                &[json!("a,b\r\n\"x,\"\"y\"\"\",2\r\n\n\"multi\nline\",3\n")]
            ),
            json!([{"a": "x,\"y\"", "b": "2"}, {"a": "multi\nline", "b": "3"}])
        );
        assert!(fail("csvdecode", &[json!("a,b\n1\n")]).contains("wrong number of fields"));
        assert!(fail("csvdecode", &[json!("a,b\n1,x\"y\n")]).contains("bare \""));
        assert_eq!(
            fail("csvdecode", &[json!("")]),
            "csvdecode: missing header line"
        );
        assert!(fail("csvdecode", &[json!("a,a\n1,2")]).contains("duplicate column name"));
        assert_eq!(
            run("jsondecode", &[json!("{\"hello\": \"world\"}")]),
            json!({"hello": "world"})
        );
        assert_eq!(run("jsondecode", &[json!("true")]), json!(true));
        assert_eq!(
            run(
                "jsondecode",
                &[json!("[1, 2.5, 1.0, \"\\u00e9\\ud83d\\ude00\"]")]
            ),
            json!([1, 2.5, 1, "é😀"])
        );
        assert!(
            fail("jsondecode", &[json!("{\"a\":1,\"a\":2}")]).contains("duplicate \"a\" property")
        );
        assert!(fail("jsondecode", &[json!("[1,]")]).starts_with("jsondecode: "));
        assert!(fail("jsondecode", &[json!("1 2")]).contains("extraneous data"));
        assert!(run_val("jsondecode", vec![s("1e999")]).is_unknown());
        assert_eq!(
            run("jsonencode", &[json!({"hello": "world"})]),
            json!("{\"hello\":\"world\"}")
        );
        assert_eq!(
            run(
                "jsonencode",
                &[json!({"b": [1, 2.5, null, true], "a": "<&>\n\u{1}"})]
            ),
            json!("{\"a\":\"\\u003c\\u0026\\u003e\\n\\u0001\",\"b\":[1,2.5,null,true]}")
        );
        assert_eq!(
            run(
                "textencodebase64",
                &[json!("Hello World"), json!("UTF-16LE")]
            ),
            json!("SABlAGwAbABvACAAVwBvAHIAbABkAA==")
        );
        assert_eq!(
            run(
                "textdecodebase64",
                &[json!("SABlAGwAbABvACAAVwBvAHIAbABkAA=="), json!("UTF-16LE")]
            ),
            json!("Hello World")
        );
        assert_eq!(
            run("textencodebase64", &[json!("hé"), json!("utf-8")]),
            json!("aMOp")
        );
        assert!(run_val("textencodebase64", vec![s("x"), s("windows-1252")]).is_unknown());
        assert_eq!(
            run("urlencode", &[json!("Hello World!")]),
            json!("Hello+World%21")
        );
        assert_eq!(run("urlencode", &[json!("☃")]), json!("%E2%98%83"));
        assert_eq!(
            run("urlencode", &[json!("terraform urlencode")]),
            json!("terraform+urlencode")
        );
    }

    #[test]
    fn yaml_functions() {
        assert_eq!(
            run("yamldecode", &[json!("hello: world")]),
            json!({"hello": "world"})
        );
        assert_eq!(run("yamldecode", &[json!("true")]), json!(true));
        assert_eq!(
            run("yamldecode", &[json!("{a: &foo [1, 2, 3], b: *foo}")]),
            json!({"a": [1, 2, 3], "b": [1, 2, 3]})
        );
        assert!(fail("yamldecode", &[json!("{a: &foo [1, *foo, 3]}")]).starts_with("yamldecode: "));
        assert!(fail("yamldecode", &[json!("{a: !not-supported foo}")]).contains("unsupported tag"));
        assert_eq!(
            run(
                "yamldecode",
                &[json!(
                    "a: 'x'\nb: \"017 \"\nc: 1.5\nd: ~\ne: [0x10, 1e3, +2, True]\n"
                )]
            ),
            json!({"a": "x", "b": "017 ", "c": 1.5, "d": null, "e": [16, 1000, 2, true]})
        );
        // Quoted or not, "yes" cannot be told apart after parsing: unknown.
        assert!(run_val("yamldecode", vec![s("a: 'yes'")]).is_unknown());
        // YAML 1.1 readings that YAML 1.2 parsers do not share: unknown.
        assert!(run_val("yamldecode", vec![s("a: yes")]).is_unknown());
        assert!(run_val("yamldecode", vec![s("a: 2019-01-01")]).is_unknown());
        assert_eq!(
            run(
                "yamldecode",
                &[json!("base: &b {x: 1}\nc:\n  <<: *b\n  z: 2\n")]
            ),
            json!({"base": {"x": 1}, "c": {"x": 1, "z": 2}})
        );
        // go-cty-yaml reads a plain `y` key as the bool true.
        assert!(run_val("yamldecode", vec![s("y: 2")]).is_unknown());
        assert!(fail("yamldecode", &[json!("a: 1\n---\nb: 2\n")]).starts_with("yamldecode: "));
        assert_eq!(
            run("yamlencode", &[json!({"a": "b", "c": "d"})]),
            json!("\"a\": \"b\"\n\"c\": \"d\"\n")
        );
        assert_eq!(
            run("yamlencode", &[json!({"foo": [1, 2, 3], "bar": "baz"})]),
            json!("\"bar\": \"baz\"\n\"foo\":\n- 1\n- 2\n- 3\n")
        );
        assert_eq!(
            run(
                "yamlencode",
                &[json!({"foo": [1, {"a": "b", "c": "d"}, 3], "bar": "baz"})]
            ),
            json!("\"bar\": \"baz\"\n\"foo\":\n- 1\n- \"a\": \"b\"\n  \"c\": \"d\"\n- 3\n")
        );
        // go-cty-yaml's own test expectations.
        assert_eq!(run("yamlencode", &[json!(true)]), json!("true\n...\n"));
        assert_eq!(run("yamlencode", &[json!("")]), json!("\"\"\n"));
        assert_eq!(
            run("yamlencode", &[json!("hello\nworld")]),
            json!("|-\n  hello\n  world\n")
        );
        assert_eq!(run("yamlencode", &[json!(0)]), json!("0\n...\n"));
        assert_eq!(run("yamlencode", &[json!({})]), json!("{}\n"));
        assert_eq!(run("yamlencode", &[json!([])]), json!("[]\n"));
        assert_eq!(run("yamlencode", &[json!(["b"])]), json!("- \"b\"\n"));
        assert_eq!(run("yamlencode", &[json!(null)]), json!("null\n...\n"));
        assert_eq!(
            run("yamlencode", &[json!({"a": {"b": [[1, 2]], "c": "x\n"}, "t": "\u{1}\t😀"})]),
            json!("\"a\":\n  \"b\":\n  - - 1\n    - 2\n  \"c\": |\n    x\n\"t\": \"\\x01\\t\\U0001F600\"\n")
        );
        let long = "word ".repeat(30);
        let enc = run("yamlencode", &[json!(long.trim_end())]);
        assert!(
            enc.as_str().is_some_and(|e| e.contains("\n  word")),
            "{enc}"
        );
        assert!(run_val(
            "yamlencode",
            vec![Val::Obj([("a\nb".to_string(), Val::int(1))].into())]
        )
        .is_unknown());
    }

    #[test]
    fn filesystem_and_hash_functions() {
        assert_eq!(
            run("basename", &[json!("foo/bar/baz.txt")]),
            json!("baz.txt")
        );
        assert_eq!(run("basename", &[json!("/")]), json!("/"));
        assert_eq!(run("basename", &[json!("a/b/")]), json!("b"));
        assert_eq!(
            run("dirname", &[json!("foo/bar/baz.txt")]),
            json!("foo/bar")
        );
        assert_eq!(run("dirname", &[json!("baz.txt")]), json!("."));
        assert_eq!(run("dirname", &[json!("/a//b/../c")]), json!("/a"));
        assert!(run_val("abspath", vec![s("x")]).is_unknown());
        assert!(run_val("pathexpand", vec![s("~/x")]).is_unknown());
        assert_eq!(
            run("base64sha256", &[json!("hello world")]),
            json!("uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=")
        );
        assert_eq!(
            run("base64sha512", &[json!("hello world")]),
            json!("MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw==")
        );
        assert_eq!(
            run("md5", &[json!("hello world")]),
            json!("5eb63bbbe01eeed093cb22bb8f5acdc3")
        );
        assert_eq!(
            run("md5", &[json!("")]),
            json!("d41d8cd98f00b204e9800998ecf8427e")
        );
        assert_eq!(
            run("sha1", &[json!("hello world")]),
            json!("2aae6c35c94fcfb415dbe95f408b9ce91ee846ed")
        );
        assert_eq!(
            run("sha1", &[json!("a".repeat(1000))]),
            json!("291e9a6c66994949b57ba5e650361e98fc36b1ba")
        );
        assert_eq!(
            run("sha256", &[json!("hello world")]),
            json!("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9")
        );
        assert_eq!(
            run("sha512", &[json!("hello world")]),
            json!("309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f")
        );
        assert_eq!(
            run("uuidv5", &[json!("dns"), json!("www.terraform.io")]),
            json!("a5008fae-b28c-5ba5-96cd-82b4c53552d6")
        );
        assert_eq!(
            run(
                "uuidv5",
                &[json!("url"), json!("https://www.terraform.io/")]
            ),
            json!("9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5")
        );
        assert_eq!(
            run("uuidv5", &[json!("oid"), json!("1.3.6.1.4")]),
            json!("af9d40a5-7a36-5c07-b23a-851cd99fbfa5")
        );
        assert_eq!(
            run("uuidv5", &[json!("x500"), json!("CN=Example,C=GB")]),
            json!("84e09961-4aa4-57f8-95b7-03edb1073253")
        );
        assert_eq!(
            run(
                "uuidv5",
                &[
                    json!("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
                    json!("www.terraform.io")
                ]
            ),
            json!("a5008fae-b28c-5ba5-96cd-82b4c53552d6")
        );
        assert_eq!(
            run(
                "uuidv5",
                &[
                    json!("743ac3c0-3bf7-4a5b-9e6c-59360447c757"),
                    json!("LIBS:diskfont.library")
                ]
            ),
            json!("ede1a974-df7e-5f17-84b9-76208818b2c8")
        );
        assert!(fail("uuidv5", &[json!("nope"), json!("x")]).contains("doesn't support namespace"));
        for f in ["uuid", "timestamp", "plantimestamp"] {
            assert!(run_val(f, vec![]).is_unknown());
        }
        assert!(run_val("bcrypt", vec![s("pw")]).is_unknown());
        assert!(run_val("base64gzip", vec![s("x")]).is_unknown());
    }

    #[test]
    fn time_functions() {
        let ts = json!("2018-01-02T23:12:01Z");
        assert_eq!(
            run("formatdate", &[json!("DD MMM YYYY hh:mm ZZZ"), ts.clone()]),
            json!("02 Jan 2018 23:12 UTC")
        );
        assert_eq!(
            run(
                "formatdate",
                &[json!("EEEE, DD-MMM-YY hh:mm:ss ZZZ"), ts.clone()]
            ),
            json!("Tuesday, 02-Jan-18 23:12:01 UTC")
        );
        assert_eq!(
            run(
                "formatdate",
                &[
                    json!("EEE, DD MMM YYYY hh:mm:ss ZZZ"),
                    json!("2018-01-02T23:12:01-08:00")
                ]
            ),
            json!("Tue, 02 Jan 2018 23:12:01 -0800")
        );
        assert_eq!(
            run("formatdate", &[json!("MMM DD, YYYY"), ts.clone()]),
            json!("Jan 02, 2018")
        );
        assert_eq!(
            run("formatdate", &[json!("HH:mmaa"), ts.clone()]),
            json!("11:12pm")
        );
        assert_eq!(
            run(
                "formatdate",
                &[
                    json!("YYYY-MM-DD'T'hh:mm:ssZ 'o''clock' ''"),
                    json!("2024-02-29T05:06:07.5+05:30")
                ]
            ),
            json!("2024-02-29T05:06:07+05:30 o'clock '")
        );
        assert!(fail("formatdate", &[json!("YYY"), ts.clone()]).contains("year must either be"));
        assert!(fail("formatdate", &[json!("q"), ts.clone()]).contains("invalid date format verb"));
        assert!(fail("formatdate", &[json!("'abc"), ts.clone()]).contains("unterminated literal"));
        assert!(fail(
            "formatdate",
            &[json!("YYYY"), json!("2018-02-30T00:00:00Z")]
        )
        .contains("not a valid RFC3339"));
        assert!(fail("formatdate", &[json!("YYYY"), json!("2018-01-02")])
            .contains("not a valid RFC3339"));
        assert_eq!(
            run("timeadd", &[json!("2024-08-16T12:45:05Z"), json!("10m")]),
            json!("2024-08-16T12:55:05Z")
        );
        assert_eq!(
            run("timeadd", &[json!("2024-08-16T12:45:05Z"), json!("-10m")]),
            json!("2024-08-16T12:35:05Z")
        );
        assert_eq!(
            run("timeadd", &[json!("2017-11-22T00:00:00Z"), json!("1.5h")]),
            json!("2017-11-22T01:30:00Z")
        );
        assert_eq!(
            run(
                "timeadd",
                &[json!("2024-12-31T23:00:00-01:00"), json!("1h30m")]
            ),
            json!("2025-01-01T00:30:00-01:00")
        );
        assert!(
            fail("timeadd", &[json!("2024-08-16T12:45:05Z"), json!("10")]).contains("missing unit")
        );
        assert!(
            fail("timeadd", &[json!("2024-08-16T12:45:05Z"), json!("1y")]).contains("unknown unit")
        );
        assert_eq!(
            run(
                "timecmp",
                &[json!("2017-11-22T00:00:00Z"), json!("2017-11-22T00:00:00Z")]
            ),
            json!(0)
        );
        assert_eq!(
            run(
                "timecmp",
                &[json!("2017-11-22T00:00:00Z"), json!("2017-11-22T01:00:00Z")]
            ),
            json!(-1)
        );
        assert_eq!(
            run(
                "timecmp",
                &[json!("2017-11-22T01:00:00Z"), json!("2017-11-22T00:00:00Z")]
            ),
            json!(1)
        );
        assert_eq!(
            run(
                "timecmp",
                &[
                    json!("2017-11-22T01:00:00Z"),
                    json!("2017-11-22T00:00:00-01:00")
                ]
            ),
            json!(0)
        );
    }

    #[test]
    fn cidr_functions() {
        assert_eq!(
            run("cidrhost", &[json!("10.12.112.0/20"), json!(16)]),
            json!("10.12.112.16")
        );
        assert_eq!(
            run("cidrhost", &[json!("10.12.112.0/20"), json!(268)]),
            json!("10.12.113.12")
        );
        assert_eq!(
            run(
                "cidrhost",
                &[json!("fd00:fd12:3456:7890:00a2::/72"), json!(34)]
            ),
            json!("fd00:fd12:3456:7890::22")
        );
        assert_eq!(
            run("cidrhost", &[json!("10.0.0.0/24"), json!(-1)]),
            json!("10.0.0.255")
        );
        assert_eq!(
            run("cidrhost", &[json!("010.0.0.0/24"), json!(1)]),
            json!("10.0.0.1")
        );
        assert_eq!(
            fail("cidrhost", &[json!("10.0.0.0/24"), json!(256)]),
            "cidrhost: prefix of 24 does not accommodate a host numbered 256"
        );
        assert!(
            fail("cidrhost", &[json!("10.0.0.0/24"), json!(-257)]).contains("does not accommodate")
        );
        assert_eq!(
            run("cidrnetmask", &[json!("172.16.0.0/12")]),
            json!("255.240.0.0")
        );
        assert_eq!(run("cidrnetmask", &[json!("10.0.0.0/0")]), json!("0.0.0.0"));
        assert!(fail("cidrnetmask", &[json!("fd00::/8")])
            .contains("IPv6 addresses cannot have a netmask"));
        assert!(fail("cidrnetmask", &[json!("10.0.0.0/33")]).contains("invalid CIDR address"));
        assert!(fail("cidrnetmask", &[json!("10.0.0.0")]).contains("invalid CIDR address"));
        assert_eq!(
            run("cidrsubnet", &[json!("172.16.0.0/12"), json!(4), json!(2)]),
            json!("172.18.0.0/16")
        );
        assert_eq!(
            run("cidrsubnet", &[json!("10.1.2.0/24"), json!(4), json!(15)]),
            json!("10.1.2.240/28")
        );
        assert_eq!(
            run(
                "cidrsubnet",
                &[json!("fd00:fd12:3456:7890::/56"), json!(16), json!(162)]
            ),
            json!("fd00:fd12:3456:7800:a200::/72")
        );
        assert_eq!(
            run("cidrsubnet", &[json!("10.0.0.0/8"), json!(0), json!(0)]),
            json!("10.0.0.0/8")
        );
        assert_eq!(
            fail("cidrsubnet", &[json!("10.0.0.0/24"), json!(9), json!(0)]),
            "cidrsubnet: insufficient address space to extend prefix of 24 by 9"
        );
        assert_eq!(
            fail("cidrsubnet", &[json!("10.0.0.0/24"), json!(4), json!(16)]),
            "cidrsubnet: prefix extension of 4 does not accommodate a subnet numbered 16"
        );
        assert_eq!(
            run(
                "cidrsubnets",
                &[json!("10.1.0.0/16"), json!(4), json!(4), json!(8), json!(4)]
            ),
            json!([
                "10.1.0.0/20",
                "10.1.16.0/20",
                "10.1.32.0/24",
                "10.1.48.0/20"
            ])
        );
        assert_eq!(
            run(
                "cidrsubnets",
                &[
                    json!("fd00:fd12:3456:7890::/56"),
                    json!(16),
                    json!(16),
                    json!(16),
                    json!(32)
                ]
            ),
            json!([
                "fd00:fd12:3456:7800::/72",
                "fd00:fd12:3456:7800:100::/72",
                "fd00:fd12:3456:7800:200::/72",
                "fd00:fd12:3456:7800:300::/88"
            ])
        );
        let outer = run_val(
            "cidrsubnets",
            vals(&[json!("10.0.0.0/8"), json!(8), json!(8), json!(8), json!(8)]),
        );
        let Val::Arr(blocks) = outer else {
            panic!("not a list")
        };
        let nested: Vec<Json> = blocks
            .into_iter()
            .map(|b| {
                run_val("cidrsubnets", vec![b, Val::int(4), Val::int(4)])
                    .to_json()
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(
            Json::Array(nested),
            json!([
                ["10.0.0.0/20", "10.0.16.0/20"],
                ["10.1.0.0/20", "10.1.16.0/20"],
                ["10.2.0.0/20", "10.2.16.0/20"],
                ["10.3.0.0/20", "10.3.16.0/20"]
            ])
        );
        assert_eq!(run("cidrsubnets", &[json!("10.0.0.0/8")]), json!([]));
        // Terraform's own bug (hashicorp/terraform#35486): all-zero networks fail.
        assert_eq!(
            fail("cidrsubnets", &[json!("0.0.0.0/1"), json!(1), json!(1)]),
            "cidrsubnets: argument 2: not enough remaining address space for a subnet with a prefix of 2 bits after 192.0.0.0/2"
        );
        assert!(fail("cidrsubnets", &[json!("10.0.0.0/30"), json!(1), json!(1), json!(1)])
            .contains("not enough remaining address space for a subnet with a prefix of 31 bits after 10.0.0.2/31"));
        assert!(fail("cidrsubnets", &[json!("10.0.0.0/24"), json!(9)])
            .contains("too long for an IPv4 address"));
        assert!(fail("cidrsubnets", &[json!("10.0.0.0/8"), json!(0)]).contains("at least one bit"));
        assert!(fail("cidrsubnets", &[json!("fd00::/8"), json!(33)]).contains("more than 32 bits"));
        assert!(run_val("cidrhost", vec![s("::ffff:10.0.0.0/120"), Val::int(1)]).is_unknown());
    }

    #[test]
    fn unknown_values_propagate() {
        let r = run_val("lower", vec![u("a")]);
        assert_eq!(unknown_refs(&r), vec!["a"]);
        let r = run_val("join", vec![s(","), Val::Arr(vec![u("a"), u("b"), s("c")])]);
        assert_eq!(unknown_refs(&r), vec!["a", "b"]);
        let r = run_val("format", vec![s("%s-%s"), s("x"), u("r")]);
        assert_eq!(unknown_refs(&r), vec!["r"]);
        let r = run_val(
            "jsonencode",
            vec![Val::Obj([("a".to_string(), u("r"))].into())],
        );
        assert_eq!(unknown_refs(&r), vec!["r"]);
        // Known structure with unknown leaves.
        assert_eq!(
            run_val("length", vec![Val::Arr(vec![u("a"), u("b")])]),
            Val::int(2)
        );
        assert!(run_val("length", vec![u("a")]).is_unknown());
        assert_eq!(
            run_val(
                "concat",
                vec![Val::Arr(vec![Val::int(1)]), Val::Arr(vec![u("x")])]
            ),
            Val::Arr(vec![Val::int(1), u("x")])
        );
        assert!(run_val("concat", vec![Val::Arr(vec![]), u("x")]).is_unknown());
        let m = run_val(
            "merge",
            vec![
                Val::Obj([("a".to_string(), u("x"))].into()),
                Val::Obj([("b".to_string(), Val::int(1))].into()),
            ],
        );
        assert_eq!(
            m,
            Val::Obj([("a".to_string(), u("x")), ("b".to_string(), Val::int(1))].into())
        );
        let obj = Val::Obj([("a".to_string(), Val::int(1)), ("b".to_string(), u("x"))].into());
        assert_eq!(run_val("lookup", vec![obj.clone(), s("a")]), Val::int(1));
        assert_eq!(run_val("lookup", vec![obj.clone(), s("b")]), u("x"));
        assert!(run_val("lookup", vec![obj.clone(), u("k")]).is_unknown());
        assert_eq!(
            run_val("keys", vec![obj.clone()]),
            Val::Arr(vec![s("a"), s("b")])
        );
        assert_eq!(
            run_val("values", vec![obj]),
            Val::Arr(vec![Val::int(1), u("x")])
        );
        assert_eq!(run_val("coalesce", vec![Val::Null, s("a"), u("x")]), s("a"));
        assert!(run_val("coalesce", vec![u("x"), s("a")]).is_unknown());
        assert!(run_val("coalesce", vec![Val::int(1), u("x")]).is_unknown());
        assert_eq!(
            run_val("element", vec![Val::Arr(vec![u("x"), s("b")]), Val::int(1)]),
            s("b")
        );
        assert!(run_val("element", vec![Val::Arr(vec![s("b")]), u("i")]).is_unknown());
        assert_eq!(
            run_val("tolist", vec![Val::Arr(vec![s("a"), u("x")])]),
            Val::Arr(vec![s("a"), u("x")])
        );
        assert!(run_val("tolist", vec![Val::Arr(vec![Val::int(1), u("x")])]).is_unknown());
        assert!(run_val("toset", vec![Val::Arr(vec![s("a"), u("x")])]).is_unknown());
        assert!(run_val(
            "flatten",
            vec![Val::Arr(vec![Val::Arr(vec![s("a")]), u("x")])]
        )
        .is_unknown());
        assert_eq!(run_val("startswith", vec![u("x"), s("")]), Val::Bool(true));
        assert!(run_val("startswith", vec![u("x"), s("a")]).is_unknown());
        assert_eq!(
            run_val("contains", vec![Val::Arr(vec![u("x"), s("a")]), s("a")]),
            Val::Bool(true)
        );
        assert!(run_val("contains", vec![Val::Arr(vec![u("x"), s("a")]), s("b")]).is_unknown());
        assert_eq!(
            run_val("contains", vec![Val::Arr(vec![]), u("x")]),
            Val::Bool(false)
        );
        assert_eq!(
            run_val("alltrue", vec![Val::Arr(vec![Val::Bool(false), u("x")])]),
            Val::Bool(false)
        );
        assert!(run_val("alltrue", vec![Val::Arr(vec![u("x"), Val::Bool(false)])]).is_unknown());
        assert_eq!(
            run_val("anytrue", vec![Val::Arr(vec![u("x"), Val::Bool(true)])]),
            Val::Bool(true)
        );
        assert_eq!(
            run_val(
                "slice",
                vec![
                    Val::Arr(vec![u("x"), s("b"), s("c")]),
                    Val::int(0),
                    Val::int(2)
                ]
            ),
            Val::Arr(vec![u("x"), s("b")])
        );
        assert_eq!(
            run_val("reverse", vec![Val::Arr(vec![u("x"), s("b")])]),
            Val::Arr(vec![s("b"), u("x")])
        );
        assert_eq!(run_val("one", vec![Val::Arr(vec![u("x")])]), u("x"));
        assert_eq!(
            run_val(
                "zipmap",
                vec![Val::Arr(vec![s("k")]), Val::Arr(vec![u("x")])]
            ),
            Val::Obj([("k".to_string(), u("x"))].into())
        );
        assert!(run_val(
            "zipmap",
            vec![Val::Arr(vec![u("k")]), Val::Arr(vec![s("x")])]
        )
        .is_unknown());
        assert_eq!(run_val("sensitive", vec![u("x")]), u("x"));
        let r = run_val("uuid", vec![]);
        assert!(r.is_unknown());
    }

    #[test]
    fn not_builtin_and_arity() {
        for f in [
            "list",
            "map",
            "try",
            "can",
            "file",
            "templatefile",
            "fileexists",
            "fileset",
            "filebase64",
            "templatestring",
            "filesha256",
            "provider::azurerm::normalise_resource_id",
            "nosuch",
        ] {
            assert!(!is_builtin(f), "{f}");
            assert_eq!(call(f, vec![s("x")]), Err(FnError::Unknown(f.to_string())));
        }
        assert!(is_builtin("cidrsubnet"));
        assert!(is_builtin("core::upper"));
        assert_eq!(run("core::upper", &[json!("a")]), json!("A"));
        assert_eq!(fail("lower", &[]), "lower: expected 1 argument, got 0");
        assert_eq!(
            fail("lookup", &[json!({})]),
            "lookup: expected 2 to 3 arguments, got 1"
        );
        assert_eq!(fail("max", &[]), "max: expected at least 1 argument, got 0");
        assert_eq!(
            fail("uuid", &[json!(1)]),
            "uuid: expected 0 arguments, got 1"
        );
        // Arity is checked even when arguments are unknown.
        assert!(call("lower", vec![u("a"), u("b")]).is_err());
    }

    #[test]
    fn work_is_bounded() {
        let big = "a".repeat(MAX_STR + 1);
        assert!(fail("lower", &[json!(big)]).contains("16 MiB"));
        let half = "a\n".repeat(1 << 20);
        assert!(fail("indent", &[json!(100), json!(half)]).contains("16 MiB"));
        assert_eq!(
            run("indent", &[json!(1_000_000_000_000i64), json!("a")]),
            json!("a")
        );
        assert!(fail("indent", &[json!(1_000_000_000_000i64), json!("a\nb")]).contains("16 MiB"));
        assert!(fail("indent", &[json!(-1), json!("a\nb")]).contains("must not be negative"));
        assert!(fail(
            "replace",
            &[
                json!("a".repeat(1 << 20)),
                json!("a"),
                json!("b".repeat(100))
            ]
        )
        .contains("16 MiB"));
        assert!(fail("format", &[json!("%99999999s"), json!("a")]).contains("too large"));
        let hundred: Vec<i64> = (0..100).collect();
        assert!(fail(
            "setproduct",
            &[
                json!(hundred),
                json!(hundred),
                json!(hundred),
                json!(hundred)
            ]
        )
        .contains("more than 1000000"));
        let mut deep = Val::Null;
        for _ in 0..(MAX_DEPTH + 5) {
            deep = Val::Arr(vec![deep]);
        }
        assert!(call("flatten", vec![deep]).is_err());
    }

    fn arb_val() -> impl Strategy<Value = Val> {
        let leaf = prop_oneof![
            Just(Val::Null),
            any::<bool>().prop_map(Val::Bool),
            any::<i64>().prop_map(Val::int),
            (-5i64..40).prop_map(Val::int),
            any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Val::Num)),
            any::<String>().prop_map(Val::Str),
            "[a-z0-9 ./%:,\\-\\[\\]\\n\"'*]{0,12}".prop_map(Val::Str),
            prop::sample::select(vec![
                "10.0.0.0/8",
                "fd00::/56",
                "::/0",
                "0.0.0.0/0",
                "%d",
                "%[2]s",
                "%05.2f %v",
                "%#v",
                "/(a)|b/",
                "2018-01-02T23:12:01Z",
                "YYYY-MM-DD'T'hh",
                "a,b\n1,2\n",
                "{\"a\":[1,2.5]}",
                "- 1\n- yes",
                "1h30m",
                "UTF-16LE",
                "true",
                "12",
                "-1.5e3",
                "dns",
            ])
            .prop_map(Val::str),
            "[a-z]{0,3}".prop_map(Val::unknown_ref),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Val::Arr),
                prop::collection::btree_map("[a-c]{0,2}", inner, 0..4).prop_map(Val::Obj),
            ]
        })
    }

    /// Values whose YAML serde_yaml_ng can read back (no huge numbers).
    fn arb_yamlish() -> impl Strategy<Value = Val> {
        let leaf = prop_oneof![
            Just(Val::Null),
            any::<bool>().prop_map(Val::Bool),
            (-1000i64..1000).prop_map(Val::int),
            any::<String>().prop_map(Val::Str),
            "[a-z \n\t:#'\"-]{0,100}".prop_map(Val::Str),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Val::Arr),
                prop::collection::btree_map("[a-c :-]{0,3}", inner, 0..4).prop_map(Val::Obj),
            ]
        })
    }

    fn arb_name() -> impl Strategy<Value = String> {
        let names: Vec<String> = DEFS.iter().map(|d| d.name.to_string()).collect();
        prop_oneof![
            4 => prop::sample::select(names),
            1 => any::<String>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn never_panics(name in arb_name(), args in prop::collection::vec(arb_val(), 0..4)) {
            let known = unknown_in(&args).is_none();
            match call(&name, args) {
                Ok(_) => {}
                Err(FnError::Unknown(n)) => prop_assert!(!is_builtin(&n)),
                Err(FnError::Eval(m)) => {
                    prop_assert!(m.starts_with(name.strip_prefix("core::").unwrap_or(&name)), "{}", m);
                    let _ = known;
                }
            }
        }

        #[test]
        fn json_round_trips(v in arb_val()) {
            if let Some(j) = v.to_json() {
                let _ = j;
                let enc = call("jsonencode", vec![v.clone()]);
                if let Ok(Val::Str(text)) = enc {
                    let back = call("jsondecode", vec![Val::Str(text)]);
                    prop_assert!(matches!(&back, Ok(b) if val_eq(b, &v)), "{:?} -> {:?}", v, back);
                }
            }
        }

        #[test]
        fn yamlencode_output_parses_back(v in arb_yamlish()) {
            if v.to_json().is_some() {
                if let Ok(Val::Str(text)) = call("yamlencode", vec![v.clone()]) {
                    let parsed: Result<serde_yaml_ng::Value, _> = serde_yaml_ng::from_str(&text);
                    prop_assert!(parsed.is_ok(), "{:?} -> {:?}", v, text);
                }
            }
        }
    }
}
