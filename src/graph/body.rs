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
        Ok(Value::from(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
        let mut members = std::collections::BTreeMap::new();
        while let Some(k) = a.next_key::<std::borrow::Cow<'de, str>>()? {
            // A repeated member keeps its last value, as serde_json does.
            members.insert(key(&k), a.next_value_seed(Seed)?);
        }
        Ok(Value::from(members))
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

/// The body as JSON (reports, `--write-graph`, tests).
pub fn to_json(v: &Value) -> Json {
    serde_json::to_value(v).unwrap_or(Json::Null)
}

/// Strings seen on one thread, each one shared value.
type Table = std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Value>>;

thread_local! {
    /// Object keys: the same key in 100k resources is one shared string, not 100k
    /// allocations.
    static KEYS: Table = Table::default();
    /// Short string values (states, SKUs, locations, flags).
    static TEXTS: Table = Table::default();
}

/// Strings up to this length are shared: most are an enumeration's values,
/// repeated in every resource; longer ones (ids, names) are mostly unique.
const SHARED_TEXT_MAX: usize = 24;

/// The shared value of `x` in `table`. Bounded: a schema's vocabulary fits;
/// free-form strings (tag names, unique short names) stop being added.
fn shared(table: &'static std::thread::LocalKey<Table>, x: &str) -> Value {
    table.with(|t| {
        let mut t = t.borrow_mut();
        if let Some(v) = t.get(x) {
            return v.clone();
        }
        let v = Value::from(x);
        if t.len() < 65_536 {
            t.insert(x.into(), v.clone());
        }
        v
    })
}

/// A string value; short ones shared per thread.
pub fn text(x: &str) -> Value {
    if x.len() > SHARED_TEXT_MAX {
        Value::from(x)
    } else {
        shared(&TEXTS, x)
    }
}

/// A string of a small vocabulary (resource types), shared per thread whatever
/// its length.
pub fn shared_str(x: &str) -> std::sync::Arc<str> {
    match shared(&TEXTS, x) {
        Value::String(s) => s,
        _ => x.into(),
    }
}

/// A shared string value for an object key.
pub fn key(k: &str) -> Value {
    shared(&KEYS, k)
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
}
