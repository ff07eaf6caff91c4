//! The policy input document, built straight into regorus values (no JSON text
//! round trip), with the indexes rules look up instead of scanning.
//!
//! ```text
//! input.resources[i]  {id, type, name, location, subscription, resource_group, tags,
//!                      unknown: [path], sku, kind, properties, ...}
//! input.edges[i]      {kind, from, to, resolved}
//! input.index.by_type[lower-case type]              -> [position in resources]
//! input.index.private_endpoint_targets[target id]   -> [private endpoint id]
//! input.index.private_endpoint_unknown[resource id] -> true when a private endpoint
//!     in the same file has a target that cannot be resolved (rules stay silent)
//! input.index.by_subscription[subscription]          -> [position in resources]
//! input.index.edges_from[id], input.index.edges_to[id] -> [edge]
//! input.index.positions                               -> {every position}
//! input.index.tagged[lower-case tag name]            -> {positions with a value}
//! input.topology                                     -> see the topology module
//! ```

use super::edges::{private_endpoint_targets, Target, PRIVATE_ENDPOINT};
use super::model::{EdgeKind, Resource};
use super::Graph;
use rayon::prelude::*;
use regorus::Value;
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn build(g: &mut Graph, topology: &crate::config::Topology, release: bool) -> Value {
    let edges: Vec<Value> = g
        .edges
        .iter()
        .map(|e| {
            obj([
                ("kind", s(&edge_kind(e.kind))),
                ("from", s(&e.from)),
                ("to", s(&e.to)),
                ("resolved", Value::from(e.resolved)),
            ])
        })
        .collect();
    // Rules start from the few resources they judge and follow their edges, rather
    // than scanning every edge of the graph.
    let mut edges_from: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    let mut edges_to: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for (e, v) in g.edges.iter().zip(&edges) {
        edges_from.entry(&e.from).or_default().push(v.clone());
        edges_to.entry(&e.to).or_default().push(v.clone());
    }
    let group = |m: BTreeMap<&str, Vec<Value>>| {
        Value::from(
            m.into_iter()
                .map(|(k, v)| (s(k), Value::from(v)))
                .collect::<BTreeMap<_, _>>(),
        )
    };

    let mut by_type: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (i, r) in g.resources.iter().enumerate() {
        by_type
            .entry(r.r#type.to_ascii_lowercase())
            .or_default()
            .push(Value::from(i));
    }
    let mut pe_targets: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for e in g
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::PrivateEndpoint && e.resolved)
    {
        pe_targets.entry(&e.to).or_default().push(s(&e.from));
    }

    // Files holding a private endpoint whose target cannot be known: every resource
    // there might be its target, so "has no private endpoint" cannot be claimed.
    let mut doubtful_files = BTreeSet::new();
    for r in &g.resources {
        if r.r#type.eq_ignore_ascii_case(PRIVATE_ENDPOINT)
            && private_endpoint_targets(r).iter().any(|t| match t {
                Target::Id(_) => false,
                Target::Unknown(refs) => refs.iter().all(|id| g.resolve(id).is_empty()),
            })
        {
            doubtful_files.insert(r.source.file.as_str());
        }
    }
    let pe_unknown: BTreeMap<Value, Value> = g
        .resources
        .iter()
        .filter(|r| doubtful_files.contains(r.source.file.as_str()))
        .map(|r| (s(&r.id), Value::from(true)))
        .collect();

    // Positions of the resources carrying each tag (lower-case name, non-empty
    // value): a tag rule takes the complement natively instead of visiting
    // every resource in Rego.
    let mut tagged: BTreeMap<String, std::collections::BTreeSet<Value>> = BTreeMap::new();
    for (i, r) in g.resources.iter().enumerate() {
        for (k, v) in &r.tags {
            if !v.trim().is_empty() {
                tagged
                    .entry(k.to_ascii_lowercase())
                    .or_default()
                    .insert(Value::from(i));
            }
        }
    }
    let positions: std::collections::BTreeSet<Value> =
        (0..g.resources.len()).map(Value::from).collect();
    let (topology, by_subscription) = super::topology::build(g, topology);
    // Last, as it may take the bodies: everything above reads them.
    let resources: Vec<Value> = g
        .resources
        .par_iter_mut()
        .map(|r| {
            let v = resource_value(r);
            if release {
                r.body = serde_json::Map::new();
            }
            v
        })
        .collect();
    let index = obj([
        (
            "by_type",
            Value::from(
                by_type
                    .into_iter()
                    .map(|(k, v)| (s(&k), Value::from(v)))
                    .collect::<BTreeMap<_, _>>(),
            ),
        ),
        (
            "private_endpoint_targets",
            Value::from(
                pe_targets
                    .into_iter()
                    .map(|(k, v)| (s(k), Value::from(v)))
                    .collect::<BTreeMap<_, _>>(),
            ),
        ),
        ("private_endpoint_unknown", Value::from(pe_unknown)),
        ("edges_from", group(edges_from)),
        ("positions", Value::from(positions)),
        (
            "tagged",
            Value::from(
                tagged
                    .into_iter()
                    .map(|(k, v)| (s(&k), Value::from(v)))
                    .collect::<BTreeMap<_, _>>(),
            ),
        ),
        ("edges_to", group(edges_to)),
        (
            "by_subscription",
            Value::from(
                by_subscription
                    .into_iter()
                    .map(|(k, v)| {
                        (
                            s(&k),
                            Value::from(v.into_iter().map(Value::from).collect::<Vec<_>>()),
                        )
                    })
                    .collect::<BTreeMap<_, _>>(),
            ),
        ),
    ]);

    obj([
        ("resources", Value::from(resources)),
        ("edges", Value::from(edges)),
        ("index", index),
        ("topology", json(&topology)),
    ])
}

fn resource_value(r: &Resource) -> Value {
    let mut m: BTreeMap<Value, Value> = BTreeMap::new();
    for (k, v) in &r.body {
        m.insert(key(k), json(v));
    }
    let opt = |o: &Option<String>| o.as_deref().map_or(Value::Null, s);
    m.insert(s("id"), s(&r.id));
    m.insert(s("type"), s(&r.r#type));
    m.insert(s("name"), opt(&r.name));
    m.insert(s("location"), opt(&r.location));
    m.insert(s("subscription"), opt(&r.subscription));
    m.insert(s("resource_group"), opt(&r.resource_group));
    m.insert(
        s("tags"),
        Value::from(
            r.tags
                .iter()
                .map(|(k, v)| (s(k), s(v)))
                .collect::<BTreeMap<_, _>>(),
        ),
    );
    m.insert(
        s("unknown"),
        Value::from(r.unknown.keys().map(|p| s(p)).collect::<Vec<_>>()),
    );
    Value::from(m)
}

fn edge_kind(k: EdgeKind) -> String {
    match k {
        EdgeKind::Reference => "reference",
        EdgeKind::PrivateEndpoint => "private_endpoint",
        EdgeKind::Peering => "peering",
        EdgeKind::Parent => "parent",
        EdgeKind::Scope => "scope",
    }
    .to_string()
}

fn s(v: &str) -> Value {
    Value::from(v)
}

fn obj<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::from(
        pairs
            .into_iter()
            .map(|(k, v)| (s(k), v))
            .collect::<BTreeMap<_, _>>(),
    )
}

thread_local! {
    /// Object keys seen on this thread: the same key in 100k resources is one
    /// shared string, not 100k allocations.
    static KEYS: std::cell::RefCell<std::collections::HashMap<String, Value>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

fn key(k: &str) -> Value {
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if let Some(v) = keys.get(k) {
            return v.clone();
        }
        let v = s(k);
        // Bounded: keys are a schema's vocabulary; free-form maps (tags) can be large.
        if keys.len() < 65_536 {
            keys.insert(k.to_string(), v.clone());
        }
        v
    })
}

/// serde_json → regorus, directly.
pub fn json(v: &Json) -> Value {
    match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::from(*b),
        Json::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                Value::from(n.as_f64().unwrap_or(0.0))
            }
        }
        Json::String(x) => s(x),
        Json::Array(a) => Value::from(a.iter().map(json).collect::<Vec<_>>()),
        Json::Object(o) => Value::from(
            o.iter()
                .map(|(k, v)| (key(k), json(v)))
                .collect::<BTreeMap<_, _>>(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use serde_json::json;

    #[test]
    fn input_has_resources_edges_and_indexes() {
        let pe = resource(
            "pe",
            "Microsoft.Network/privateEndpoints",
            json!({"properties": {"privateLinkServiceConnections": [
                {"properties": {"privateLinkServiceId": sa("data").id}}
            ]}}),
        );
        let mut g = Graph::build(vec![pe, sa("data"), sa("lonely")]);
        let v = g.to_policy_input(&Default::default());
        let text = serde_json::to_value(&v).unwrap_or_default();
        assert_eq!(text["resources"].as_array().map(Vec::len), Some(3));
        assert_eq!(
            text["index"]["by_type"]["microsoft.storage/storageaccounts"]
                .as_array()
                .map(Vec::len),
            Some(2)
        );
        assert_eq!(
            text["index"]["private_endpoint_targets"][sa("data").id.as_str()],
            json!(["pe"])
        );
        assert_eq!(text["index"]["private_endpoint_unknown"], json!({}));
    }

    #[test]
    fn unresolvable_private_endpoint_marks_its_file_doubtful() {
        let mut pe = resource(
            "pe",
            "Microsoft.Network/privateEndpoints",
            json!({"properties": {"privateLinkServiceConnections": [{"properties": {}}]}}),
        );
        pe.unknown.insert(
            "properties.privateLinkServiceConnections[0].properties.privateLinkServiceId".into(),
            Default::default(),
        );
        let mut g = Graph::build(vec![pe, sa("data")]);
        let text = serde_json::to_value(g.to_policy_input(&Default::default())).unwrap_or_default();
        assert_eq!(
            text["index"]["private_endpoint_unknown"][sa("data").id.as_str()],
            json!(true)
        );
    }
}
