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

use super::body::key;
use super::edges::{private_endpoint_targets, Target, PRIVATE_ENDPOINT};
use super::model::{EdgeKind, Resource};
use super::Graph;
use rayon::prelude::*;
use regorus::Value;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn build<'g>(g: &'g Graph, topology: &crate::config::Topology) -> Value {
    // First, so that its JSON form is freed before the large parts are built.
    let (topology, by_subscription) = super::topology::build(g, topology);
    let topology = super::body::from_json(topology);
    // Bodies are shared with the graph, not copied. Types, locations and tag
    // values recur: each thread gives each distinct one a single shared value.
    let resources: Vec<Value> = g
        .resources
        .par_iter()
        .map_init(Shared::default, |shared, r| resource_value(r, shared))
        .collect();
    // Edges and indexes name resources by id: they share the resources' id values.
    let mut shared = Shared(FxHashMap::with_capacity_and_hasher(
        g.resources.len() + 1024,
        Default::default(),
    ));
    for (r, v) in g.resources.iter().zip(&resources) {
        if let Some(id) = super::body::member(v, "id") {
            shared.0.insert(&r.id, id.clone());
        }
    }
    for e in &g.edges {
        shared.get(edge_kind(e.kind));
        shared.get(&e.from);
        shared.get(&e.to);
    }
    let edges: Vec<Value> = g
        .edges
        .par_iter()
        .map(|e| {
            obj([
                ("kind", shared.known(edge_kind(e.kind))),
                ("from", shared.known(&e.from)),
                ("to", shared.known(&e.to)),
                ("resolved", Value::from(e.resolved)),
            ])
        })
        .collect();
    // Rules start from the few resources they judge and follow their edges, rather
    // than scanning every edge of the graph.
    // Grouped by hash, then sorted once: a million ids in a search tree cost a
    // string comparison per level on every insert.
    let mut edges_from: FxHashMap<&'g str, Vec<Value>> = FxHashMap::default();
    let mut edges_to: FxHashMap<&'g str, Vec<Value>> = FxHashMap::default();
    for (e, v) in g.edges.iter().zip(&edges) {
        edges_from.entry(&e.from).or_default().push(v.clone());
        edges_to.entry(&e.to).or_default().push(v.clone());
    }
    let mut group = |m: FxHashMap<&'g str, Vec<Value>>| {
        Value::from(
            m.into_iter()
                .map(|(k, v)| (shared.get(k), Value::from(v)))
                .collect::<BTreeMap<_, _>>(),
        )
    };
    let edges_from = group(edges_from);
    let edges_to = group(edges_to);

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
        pe_targets
            .entry(&e.to)
            .or_default()
            .push(shared.get(&e.from));
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
        .map(|r| (shared.get(&r.id), Value::from(true)))
        .collect();

    // Positions of the resources carrying each tag (lower-case name, non-empty
    // value): a tag rule takes the complement natively instead of visiting
    // every resource in Rego.
    let mut tagged: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in g.resources.iter().enumerate() {
        for (k, v) in &r.tags {
            if !v.trim().is_empty() {
                tagged.entry(k.to_ascii_lowercase()).or_default().push(i);
            }
        }
    }
    let positions: std::collections::BTreeSet<Value> =
        (0..g.resources.len()).map(Value::from).collect();
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
                    .map(|(k, v)| (shared.get(k), Value::from(v)))
                    .collect::<BTreeMap<_, _>>(),
            ),
        ),
        ("private_endpoint_unknown", Value::from(pe_unknown)),
        ("edges_from", edges_from),
        ("positions", Value::from(positions)),
        (
            "tagged",
            Value::from(
                tagged
                    .into_iter()
                    .map(|(k, v)| {
                        // Positions come in order: the set is built in bulk.
                        let set: BTreeSet<Value> = v.into_iter().map(Value::from).collect();
                        (s(&k), Value::from(set))
                    })
                    .collect::<BTreeMap<_, _>>(),
            ),
        ),
        ("edges_to", edges_to),
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
        ("topology", topology),
    ])
}

fn resource_value<'g>(r: &'g Resource, shared: &mut Shared<'g>) -> Value {
    let mut m: BTreeMap<Value, Value> = match &r.body {
        Value::Object(o) => o.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        _ => BTreeMap::new(),
    };
    let mut opt = |o: &'g Option<String>| o.as_deref().map_or(Value::Null, |x| shared.get(x));
    m.insert(key("name"), opt(&r.name));
    m.insert(key("location"), opt(&r.location));
    m.insert(key("subscription"), opt(&r.subscription));
    m.insert(key("resource_group"), opt(&r.resource_group));
    // Ids are unique: no table to look them up in (edges reuse this value).
    m.insert(key("id"), s(&r.id));
    m.insert(key("type"), shared.get(&r.r#type));
    m.insert(
        key("tags"),
        Value::from(
            r.tags
                .iter()
                .map(|(k, v)| (key(k), shared.get(v)))
                .collect::<BTreeMap<_, _>>(),
        ),
    );
    m.insert(
        key("unknown"),
        Value::from(r.unknown.keys().map(|p| s(p)).collect::<Vec<_>>()),
    );
    Value::from(m)
}

fn edge_kind(k: EdgeKind) -> &'static str {
    match k {
        EdgeKind::Reference => "reference",
        EdgeKind::PrivateEndpoint => "private_endpoint",
        EdgeKind::Peering => "peering",
        EdgeKind::Parent => "parent",
        EdgeKind::Scope => "scope",
    }
}

/// One value per distinct string.
#[derive(Default)]
struct Shared<'g>(FxHashMap<&'g str, Value>);

impl<'g> Shared<'g> {
    fn get(&mut self, text: &'g str) -> Value {
        self.0.entry(text).or_insert_with(|| s(text)).clone()
    }

    /// The shared value of a string already met (read-only, so threads can share
    /// the table), else a new one.
    fn known(&self, text: &str) -> Value {
        self.0.get(text).cloned().unwrap_or_else(|| s(text))
    }
}

fn s(v: &str) -> Value {
    Value::from(v)
}

fn obj<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::from(
        pairs
            .into_iter()
            .map(|(k, v)| (key(k), v))
            .collect::<BTreeMap<_, _>>(),
    )
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
        let g = Graph::build(vec![pe, sa("data"), sa("lonely")]);
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
        let g = Graph::build(vec![pe, sa("data")]);
        let text = serde_json::to_value(g.to_policy_input(&Default::default())).unwrap_or_default();
        assert_eq!(
            text["index"]["private_endpoint_unknown"][sa("data").id.as_str()],
            json!(true)
        );
    }
}
