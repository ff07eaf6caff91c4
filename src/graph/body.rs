//! Resource bodies as the rules see them: regorus values, built once by the parsers
//! and shared (reference-counted) by the graph and the policy input, so that a
//! tenant's bodies are held in memory once.
//!
//! The graph reads bodies the way ARM names things: object members match
//! ASCII-case-insensitively when no exact member exists.

use regorus::Value;
use serde_json::{Map, Value as Json};

/// An empty body.
pub fn empty() -> Value {
    Value::new_object()
}

/// A parser's JSON body as a body value.
pub fn from_map(map: Map<String, Json>) -> Value {
    from_json(Json::Object(map))
}

/// serde_json → regorus, consuming the JSON so that each piece is freed as soon as
/// it is converted.
pub fn from_json(v: Json) -> Value {
    match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::from(b),
        Json::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                Value::from(n.as_f64().unwrap_or(0.0))
            }
        }
        Json::String(x) => Value::from(x),
        Json::Array(a) => Value::from(a.into_iter().map(from_json).collect::<Vec<_>>()),
        Json::Object(o) => Value::from(
            o.into_iter()
                .map(|(k, v)| (key(&k), from_json(v)))
                .collect::<std::collections::BTreeMap<_, _>>(),
        ),
    }
}

/// Parses JSON text straight into a value, without an intermediate JSON tree;
/// object keys are shared (see [`key`]).
pub fn parse(bytes: &[u8]) -> Result<Value, serde_json::Error> {
    use serde::de::DeserializeSeed;
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let v = Seed.deserialize(&mut de)?;
    de.end()?;
    Ok(v)
}

/// A JSON document read with its top level kept apart.
pub enum Top {
    /// An object's members as written: in order, repeated keys included.
    Members(Vec<(Value, Value)>),
    /// Any other value.
    Other(Value),
}

/// Parses JSON text like [`parse`], but hands an object's members over as read
/// instead of building the object: an exported row is split into its envelope and
/// body without building the row first.
pub fn parse_top(bytes: &[u8]) -> Result<Top, serde_json::Error> {
    use serde::de::Deserializer as _;
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let v = (&mut de).deserialize_any(TopSeed)?;
    de.end()?;
    Ok(v)
}

struct TopSeed;

impl<'de> serde::de::Visitor<'de> for TopSeed {
    type Value = Top;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Top, E> {
        Ok(Top::Other(Value::Null))
    }
    fn visit_bool<E>(self, b: bool) -> Result<Top, E> {
        Ok(Top::Other(Value::from(b)))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Top, E> {
        Ok(Top::Other(Value::from(n)))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Top, E> {
        Ok(Top::Other(Value::from(n)))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Top, E> {
        Ok(Top::Other(Value::from(n)))
    }
    fn visit_str<E>(self, x: &str) -> Result<Top, E> {
        Ok(Top::Other(text(x)))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, a: A) -> Result<Top, A::Error> {
        serde::de::Visitor::visit_seq(Seed, a).map(Top::Other)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, a: A) -> Result<Top, A::Error> {
        members(a).map(Top::Members)
    }
}

/// An object's members as read.
fn members<'de, A: serde::de::MapAccess<'de>>(mut a: A) -> Result<Vec<(Value, Value)>, A::Error> {
    let mut members = Vec::new();
    while let Some(k) = a.next_key::<std::borrow::Cow<'de, str>>()? {
        members.push((key(&k), a.next_value_seed(Seed)?));
    }
    Ok(members)
}

/// Frees a large value on every thread of the current pool. A tenant's rule
/// input is millions of small values, which one thread takes a second or more to
/// free; members still shared elsewhere (resource bodies) are only released.
pub fn free_in_parallel(v: Value) {
    free(v, 0)
}

fn free(v: Value, depth: usize) {
    use rayon::prelude::*;
    // Large containers are split; so are the few small ones at the top that
    // hold them (the input, its index and topology). The rest is freed in place.
    const LARGE: usize = 256;
    const TOP: usize = 2;
    let members: Vec<Value> = match v {
        Value::Object(o) if o.len() >= LARGE || depth < TOP => {
            match std::sync::Arc::try_unwrap(o) {
                Ok(o) => o.into_iter().map(|(_, x)| x).collect(),
                Err(_) => return,
            }
        }
        Value::Array(a) if a.len() >= LARGE => match std::sync::Arc::try_unwrap(a) {
            Ok(a) => a.into_vec(),
            Err(_) => return,
        },
        _ => return,
    };
    members.into_par_iter().for_each(|m| free(m, depth + 1));
}

/// What a value is, in JSON's words (for messages).
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null | Value::Undefined => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) | Value::Set(_) => "array",
        Value::Object(_) => "object",
    }
}

struct Seed;

impl<'de> serde::de::DeserializeSeed<'de> for Seed {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(Seed)
    }
}

impl<'de> serde::de::Visitor<'de> for Seed {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::from(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::from(n))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::from(n))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Value::from(n))
    }
    fn visit_str<E>(self, x: &str) -> Result<Value, E> {
        Ok(text(x))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(a.size_hint().unwrap_or(0));
        while let Some(v) = a.next_element_seed(Seed)? {
            items.push(v);
        }
        // Kept for the whole scan: without the growth's spare room.
        items.shrink_to_fit();
        Ok(leaf(Value::from(items)))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, a: A) -> Result<Value, A::Error> {
        // Built in bulk (exports write members sorted): a stable sort, then a
        // repeated member keeps its last value, as serde_json does.
        Ok(leaf(Value::from(
            members(a)?
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
        )))
    }
}

/// An object value from fixed members.
pub fn object<const N: usize>(members: [(&str, Value); N]) -> Value {
    Value::from(
        members
            .into_iter()
            .map(|(k, v)| (key(k), v))
            .collect::<std::collections::BTreeMap<_, _>>(),
    )
}

/// Objects with one fixed set of members, made by filling in a template rather
/// than built member by member: a tenant's input holds millions of them (its
/// edges). A filled copy keeps the template's compact storage.
pub struct Shape<const N: usize> {
    template: Value,
    keys: [Value; N],
}

impl<const N: usize> Shape<N> {
    pub fn new(keys: [&str; N]) -> Shape<N> {
        Shape {
            template: object(keys.map(|k| (k, Value::Null))),
            keys: keys.map(key),
        }
    }

    /// The object with `values` as the members named by the keys, in their order.
    pub fn make(&self, values: [Value; N]) -> Value {
        let mut v = self.template.clone();
        if let Ok(o) = v.as_object_mut() {
            for (k, x) in self.keys.iter().zip(values) {
                if let Some(slot) = o.get_mut(k) {
                    *slot = x;
                }
            }
        }
        v
    }
}

/// The body as JSON (reports, `--write-graph`, tests).
pub fn to_json(v: &Value) -> Json {
    serde_json::to_value(v).unwrap_or(Json::Null)
}

/// Strings seen on one thread, each one shared string: the set holds the very
/// string values hand out (one allocation per distinct string, looked up by
/// its text).
type Table = std::cell::RefCell<rustc_hash::FxHashSet<std::sync::Arc<str>>>;

thread_local! {
    /// Object keys: the same key in 100k resources is one shared string, not 100k
    /// allocations.
    static KEYS: Table = Table::default();
    /// Short string values (states, SKUs, locations, flags).
    static TEXTS: Table = Table::default();
    /// Small leaf objects and arrays, by hash (see [`leaf`]).
    static LEAVES: std::cell::RefCell<rustc_hash::FxHashMap<u64, Vec<Value>>> =
        Default::default();
}

/// Distinct values a thread's table keeps: a schema's vocabulary fits; free-form
/// values stop being added.
const MAX_SHARED: usize = 65_536;

/// Strings up to this length are shared: most are an enumeration's values,
/// repeated in every resource; longer ones (ids, names) are mostly unique. 36 is
/// a GUID's length: every exported row carries its tenant's id, and rows of one
/// subscription its id.
const SHARED_TEXT_MAX: usize = 36;

/// The shared value of `x` in `table`. Bounded: a schema's vocabulary fits;
/// free-form strings (tag names, unique short names) stop being added.
fn shared(table: &'static std::thread::LocalKey<Table>, x: &str) -> std::sync::Arc<str> {
    table.with(|t| {
        let mut t = t.borrow_mut();
        if let Some(s) = t.get(x) {
            return s.clone();
        }
        let s: std::sync::Arc<str> = x.into();
        if t.len() < MAX_SHARED {
            t.insert(s.clone());
        }
        s
    })
}

/// Small objects and arrays of scalars (`{"name": "Standard_LRS"}`, `["1", "2"]`,
/// a tag set, `{}`) recur across a tenant's resources: each thread keeps one
/// value per distinct one. A miss only costs the sharing, never the value.
fn leaf(v: Value) -> Value {
    const MAX_BUCKET: usize = 8;
    let Some(h) = leaf_hash(&v) else {
        return v;
    };
    LEAVES.with(|t| {
        let mut t = t.borrow_mut();
        let full = t.len() >= MAX_SHARED;
        if let Some(bucket) = t.get_mut(&h) {
            if let Some(x) = bucket.iter().find(|x| **x == v) {
                return x.clone();
            }
            if bucket.len() < MAX_BUCKET {
                bucket.push(v.clone());
            }
        } else if !full {
            t.insert(h, vec![v.clone()]);
        }
        v
    })
}

/// A hash of a small object or array whose members are all short scalars; `None`
/// for anything else. Equal values hash alike; a rare unequal pair may too.
fn leaf_hash(v: &Value) -> Option<u64> {
    use std::hash::Hasher;
    const MAX_MEMBERS: usize = 8;
    let mut h = rustc_hash::FxHasher::default();
    let mut scalar = |x: &Value| -> Option<()> {
        match x {
            Value::String(s) if s.len() <= SHARED_TEXT_MAX * 2 => {
                h.write(s.as_bytes());
                h.write_u8(0xff);
            }
            Value::Number(n) => h.write_u64(n.as_f64().map_or(0, f64::to_bits)),
            Value::Bool(b) => h.write_u8(u8::from(*b) + 1),
            Value::Null => h.write_u8(3),
            _ => return None,
        }
        Some(())
    };
    match v {
        Value::Object(o) if o.len() <= MAX_MEMBERS => {
            for (k, x) in o.iter() {
                scalar(k)?;
                scalar(x)?;
            }
            h.write_u8(4);
        }
        Value::Array(a) if a.len() <= MAX_MEMBERS => {
            for x in a.iter() {
                scalar(x)?;
            }
            h.write_u8(5);
        }
        _ => return None,
    }
    Some(h.finish())
}

/// A string value; short ones shared per thread.
pub fn text(x: &str) -> Value {
    if x.len() > SHARED_TEXT_MAX {
        Value::from(x)
    } else {
        Value::String(shared(&TEXTS, x))
    }
}

/// A string of a small vocabulary (resource types), shared per thread whatever
/// its length.
pub fn shared_str(x: &str) -> std::sync::Arc<str> {
    shared(&TEXTS, x)
}

/// A shared string value for an object key.
pub fn key(k: &str) -> Value {
    Value::String(shared(&KEYS, k))
}

/// The member `name` of an object value (exact, else ASCII-case-insensitive).
pub fn member<'a>(v: &'a Value, name: &str) -> Option<&'a Value> {
    let Value::Object(o) = v else { return None };
    let mut loose = None;
    for (k, x) in o.iter() {
        if let Value::String(s) = k {
            if s.as_ref() == name {
                return Some(x);
            }
            if loose.is_none() && s.eq_ignore_ascii_case(name) {
                loose = Some(x);
            }
        }
    }
    loose
}

/// The value at a path of member names.
pub fn at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, name| member(v, name))
}

pub fn as_str(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// The items of an array value.
pub fn items(v: &Value) -> Option<impl Iterator<Item = &Value>> {
    match v {
        Value::Array(a) => Some(a.iter()),
        _ => None,
    }
}

/// The string leaves of a value, depth first.
pub fn strings<'a>(v: &'a Value, out: &mut dyn FnMut(&'a str)) {
    match v {
        Value::String(s) => out(s),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.iter().for_each(|(_, x)| strings(x, out)),
        Value::Set(s) => s.iter().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parsing_text_gives_what_converting_json_gives() {
        let text = r#"{"a": [1, -2, 2.5, true, null, "s\u00e9"], "b": {"c": {}}, "a2": 18446744073709551615}"#;
        let direct = parse(text.as_bytes()).unwrap_or(Value::Undefined);
        let via_json = from_json(serde_json::from_str(text).unwrap_or(Json::Null));
        assert_eq!(direct, via_json);
        // A repeated member keeps its last value, as serde_json does.
        let repeated = parse(br#"{"b": 0, "a": 1, "a": 2}"#).unwrap_or(Value::Undefined);
        assert_eq!(to_json(&repeated), serde_json::json!({"a": 2, "b": 0}));
        assert!(parse(b"{\"a\": 1} x").is_err());
        assert!(parse(b"{\"a\": ").is_err());
        assert_eq!(kind(&direct), "object");
    }

    #[test]
    fn members_match_exactly_then_loosely() {
        let v =
            from_json(json!({"Properties": {"a": 1}, "properties": {"b": [1, "x"]}, "Sku": "s"}));
        assert_eq!(
            to_json(at(&v, &["properties", "b"]).unwrap_or(&Value::Null)),
            json!([1, "x"])
        );
        assert_eq!(member(&v, "sku").and_then(as_str), Some("s"));
        assert!(at(&v, &["properties", "c"]).is_none());
        let mut seen = Vec::new();
        strings(&v, &mut |s| seen.push(s.to_string()));
        assert_eq!(seen, vec!["s", "x"]);
        assert_eq!(
            to_json(&v),
            json!({"Properties": {"a": 1}, "properties": {"b": [1, "x"]}, "Sku": "s"})
        );
    }

    #[test]
    fn small_leaves_are_shared_and_equal_to_what_was_read() {
        let text = br#"[{"sku": {"name": "S0", "n": 1}, "zones": ["1", "2"], "e": {}},
                       {"sku": {"n": 1, "name": "S0"}, "zones": ["1", "2"], "e": {}},
                       {"sku": {"name": "S0", "n": 1.5}, "zones": ["2", "1"]}]"#;
        let v = parse(text).unwrap_or(Value::Undefined);
        let rows: Vec<&Value> = items(&v).map(|i| i.collect()).unwrap_or_default();
        let same = |a: Option<&Value>, b: Option<&Value>| match (a, b) {
            (Some(Value::Object(a)), Some(Value::Object(b))) => std::sync::Arc::ptr_eq(a, b),
            (Some(Value::Array(a)), Some(Value::Array(b))) => std::sync::Arc::ptr_eq(a, b),
            _ => false,
        };
        assert!(same(member(rows[0], "sku"), member(rows[1], "sku")));
        assert!(same(member(rows[0], "zones"), member(rows[1], "zones")));
        assert!(same(member(rows[0], "e"), member(rows[1], "e")));
        // Different values stay different, and the whole reads as it was written.
        assert!(!same(member(rows[0], "sku"), member(rows[2], "sku")));
        assert!(!same(member(rows[0], "zones"), member(rows[2], "zones")));
        let json: Json = serde_json::from_slice(text).unwrap_or(Json::Null);
        assert_eq!(to_json(&v), json);
        // Long strings (ids) are not leaves: their objects are not kept.
        let long = format!(r#"{{"id": "{}"}}"#, "x".repeat(100));
        assert!(leaf_hash(&parse(long.as_bytes()).unwrap_or(Value::Undefined)).is_none());
    }

    #[test]
    fn a_shape_makes_what_building_makes() {
        let shape = Shape::new(["to", "from", "kind"]);
        let made = shape.make([Value::from("b"), Value::from("a"), Value::Null]);
        let built = object([
            ("kind", Value::Null),
            ("from", Value::from("a")),
            ("to", Value::from("b")),
        ]);
        assert_eq!(made, built);
        assert_eq!(
            to_json(&made),
            json!({"from": "a", "kind": null, "to": "b"})
        );
        // The template is not changed by what is made from it.
        let other = shape.make([Value::from(1), Value::from(2), Value::from(3)]);
        assert_eq!(to_json(&other), json!({"from": 2, "kind": 3, "to": 1}));
        assert_eq!(
            to_json(&made),
            json!({"from": "a", "kind": null, "to": "b"})
        );
    }

    #[test]
    fn freeing_in_parallel_leaves_shared_members_intact() {
        let shared = from_json(serde_json::json!({"kept": [1, 2, 3]}));
        let big: Vec<Value> = (0..1000)
            .map(|i| object([("n", Value::from(i)), ("body", shared.clone())]))
            .collect();
        let input = object([
            ("resources", Value::from(big)),
            ("index", object([("also", shared.clone())])),
        ]);
        free_in_parallel(input);
        assert_eq!(to_json(&shared), serde_json::json!({"kept": [1, 2, 3]}));
        free_in_parallel(Value::from(7));
    }
}
