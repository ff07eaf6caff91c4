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

/// serde_json → regorus, borrowing.
pub fn from_json_ref(v: &Json) -> Value {
    from_json(v.clone())
}

/// The body as JSON (reports, `--write-graph`, tests).
pub fn to_json(v: &Value) -> Json {
    serde_json::to_value(v).unwrap_or(Json::Null)
}

thread_local! {
    /// Object keys seen on this thread: the same key in 100k resources is one
    /// shared string, not 100k allocations.
    static KEYS: std::cell::RefCell<std::collections::HashMap<String, Value>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// A shared string value for an object key.
pub fn key(k: &str) -> Value {
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if let Some(v) = keys.get(k) {
            return v.clone();
        }
        let v = Value::from(k);
        // Bounded: keys are a schema's vocabulary; free-form maps (tags) can be large.
        if keys.len() < 65_536 {
            keys.insert(k.to_string(), v.clone());
        }
        v
    })
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

/// The members of an object value, in key order.
pub fn entries(v: &Value) -> impl Iterator<Item = (&str, &Value)> {
    let obj = match v {
        Value::Object(o) => Some(o),
        _ => None,
    };
    obj.into_iter()
        .flat_map(|o| o.iter_sorted())
        .filter_map(|(k, x)| as_str(k).map(|k| (k, x)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
        assert_eq!(
            entries(&v).map(|(k, _)| k).collect::<Vec<_>>(),
            vec!["Properties", "Sku", "properties"]
        );
    }
}
