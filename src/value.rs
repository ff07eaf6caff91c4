//! Values of the template languages while they are evaluated.
//!
//! ARM expressions (and later Bicep and Terraform) are evaluated statically, before
//! deployment. Anything that is only known at deployment time (`reference()`, a
//! parameter without a value, an attribute computed by Azure) becomes
//! [`Val::Unknown`], which remembers the resources it points at so that the graph
//! can draw `reference` edges. When a resource body is finally materialised into
//! JSON, unknown leaves are left out and their paths recorded: a rule never sees an
//! unknown value as if it were a real one.

use serde_json::{Map, Number, Value as Json};
use std::collections::{BTreeMap, BTreeSet};

/// A value that is either known or (somewhere inside) unknown.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Null,
    Bool(bool),
    Num(Number),
    Str(String),
    Arr(Vec<Val>),
    Obj(BTreeMap<String, Val>),
    Unknown(Unknown),
}

/// Paths of a resource whose values are unknown, each with the resource ids it
/// depends on.
pub type UnknownPaths = BTreeMap<String, BTreeSet<String>>;

/// A value known only at deployment; `refs` are the resource ids it depends on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Unknown {
    pub refs: BTreeSet<String>,
}

impl Val {
    pub fn unknown() -> Val {
        Val::Unknown(Unknown::default())
    }

    pub fn unknown_ref(id: impl Into<String>) -> Val {
        let mut refs = BTreeSet::new();
        refs.insert(id.into());
        Val::Unknown(Unknown { refs })
    }

    pub fn str(s: impl Into<String>) -> Val {
        Val::Str(s.into())
    }

    pub fn int(i: i64) -> Val {
        Val::Num(Number::from(i))
    }

    pub fn from_json(j: &Json) -> Val {
        match j {
            Json::Null => Val::Null,
            Json::Bool(b) => Val::Bool(*b),
            Json::Number(n) => Val::Num(n.clone()),
            Json::String(s) => Val::Str(s.clone()),
            Json::Array(a) => Val::Arr(a.iter().map(Val::from_json).collect()),
            Json::Object(o) => Val::Obj(
                o.iter()
                    .map(|(k, v)| (k.clone(), Val::from_json(v)))
                    .collect(),
            ),
        }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Val::Unknown(_))
    }

    /// True when this value or anything inside it is unknown.
    pub fn contains_unknown(&self) -> bool {
        match self {
            Val::Unknown(_) => true,
            Val::Arr(a) => a.iter().any(Val::contains_unknown),
            Val::Obj(o) => o.values().any(Val::contains_unknown),
            _ => false,
        }
    }

    /// Every resource id that unknown parts of this value depend on.
    pub fn collect_refs(&self, out: &mut BTreeSet<String>) {
        match self {
            Val::Unknown(u) => out.extend(u.refs.iter().cloned()),
            Val::Arr(a) => a.iter().for_each(|v| v.collect_refs(out)),
            Val::Obj(o) => o.values().for_each(|v| v.collect_refs(out)),
            _ => {}
        }
    }

    /// If any of `vals` is (deeply) unknown, the unknown that combines all their refs.
    pub fn unknown_of(vals: &[&Val]) -> Option<Val> {
        if !vals.iter().any(|v| v.contains_unknown()) {
            return None;
        }
        let mut refs = BTreeSet::new();
        for v in vals {
            v.collect_refs(&mut refs);
        }
        Some(Val::Unknown(Unknown { refs }))
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Val::Num(n) => n
                .as_i64()
                .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Val::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Object member by name, compared case-insensitively as ARM does.
    pub fn get_ci(&self, key: &str) -> Option<&Val> {
        match self {
            Val::Obj(o) => o.get(key).or_else(|| {
                o.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(key))
                    .map(|(_, v)| v)
            }),
            _ => None,
        }
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            Val::Null => "null",
            Val::Bool(_) => "bool",
            Val::Num(_) => "number",
            Val::Str(_) => "string",
            Val::Arr(_) => "array",
            Val::Obj(_) => "object",
            Val::Unknown(_) => "unknown",
        }
    }

    /// A fully known value as JSON; `None` if anything inside is unknown.
    pub fn to_json(&self) -> Option<Json> {
        let mut unknown = UnknownPaths::new();
        let j = self.materialize("", &mut unknown);
        if unknown.is_empty() {
            j
        } else {
            None
        }
    }

    /// JSON with unknown leaves left out; their dotted paths (under `prefix`) and the
    /// resources they depend on go to `unknown`. Unknown array elements stay as `null`
    /// so indexes keep their meaning.
    pub fn materialize(&self, prefix: &str, unknown: &mut UnknownPaths) -> Option<Json> {
        Some(match self {
            Val::Null => Json::Null,
            Val::Bool(b) => Json::Bool(*b),
            Val::Num(n) => Json::Number(n.clone()),
            Val::Str(s) => Json::String(s.clone()),
            Val::Unknown(u) => {
                unknown.insert(prefix.to_string(), u.refs.clone());
                return None;
            }
            Val::Arr(a) => Json::Array(
                a.iter()
                    .enumerate()
                    .map(|(i, v)| {
                        v.materialize(&format!("{prefix}[{i}]"), unknown)
                            .unwrap_or(Json::Null)
                    })
                    .collect(),
            ),
            Val::Obj(o) => {
                let mut m = Map::new();
                for (k, v) in o {
                    let path = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    if let Some(j) = v.materialize(&path, unknown) {
                        m.insert(k.clone(), j);
                    }
                }
                Json::Object(m)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn materialize_drops_unknown_leaves_and_records_paths() {
        let mut props = BTreeMap::new();
        props.insert("a".to_string(), Val::str("x"));
        props.insert("b".to_string(), Val::unknown_ref("/id"));
        props.insert("c".to_string(), Val::Arr(vec![Val::int(1), Val::unknown()]));
        let v = Val::Obj(props);
        let mut unknown = UnknownPaths::new();
        let j = v.materialize("properties", &mut unknown);
        assert_eq!(j, Some(json!({"a": "x", "c": [1, null]})));
        let paths: Vec<_> = unknown.keys().cloned().collect();
        assert_eq!(paths, vec!["properties.b", "properties.c[1]"]);
        assert!(unknown["properties.b"].contains("/id"));
        let mut refs = BTreeSet::new();
        v.collect_refs(&mut refs);
        assert!(refs.contains("/id"));
        assert_eq!(v.to_json(), None);
    }

    #[test]
    fn lookup_is_case_insensitive() {
        let v = Val::from_json(&json!({"Properties": {"x": 1}}));
        assert!(v.get_ci("properties").is_some());
    }
}
