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

use super::body::{key, object as obj};
use super::edges::{private_endpoint_targets, Target, PRIVATE_ENDPOINT};
use super::model::{EdgeKind, Resource};
use super::Graph;
use rayon::prelude::*;
use regorus::Value;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

pub(super) fn build(g: &mut Graph, topology: &crate::config::Topology) -> Value {
    // Ids are unique: one value each, shared by resources, edges and indexes.
    let ids: Vec<Value> = g
        .resources
        .par_iter()
        .map(|r| Value::String(r.id.clone()))
        .collect();
    // Edges first, then freed: a tenant's edges (a million or more, each with
    // two ids) are not held twice while the resource objects are built. The
    // topology, which allocates little, is built beside them.
    let (edge_parts, (topology, by_subscription)) = {
        let g = &*g;
        rayon::join(
            || edge_parts(g, &ids),
            || super::topology::build(g, topology),
        )
    };
    g.edges.retain(|e| e.kind == EdgeKind::Peering);
    g.edges.shrink_to_fit();
    let g = &*g;
    let (resources, index_parts) = rayon::join(
        || {
            // Bodies, tags and envelope strings are shared with the graph, not
            // copied; an exported row's body already is its input object.
            g.resources
                .par_iter()
                .map(|r| {
                    if r.body_is_input() {
                        r.body.clone()
                    } else {
                        resource_value(r)
                    }
                })
                .collect::<Vec<Value>>()
        },
        || index_parts(g),
    );
    let EdgeParts {
        edges,
        edges_from,
        edges_to,
        pe_targets,
        pe_unknown,
    } = edge_parts;
    let IndexParts {
        by_type,
        positions,
        tagged,
    } = index_parts;
    let index = obj([
        ("by_type", by_type),
        ("private_endpoint_targets", pe_targets),
        ("private_endpoint_unknown", pe_unknown),
        ("edges_from", edges_from),
        ("positions", positions),
        ("tagged", tagged),
        ("edges_to", edges_to),
        ("by_subscription", by_subscription),
    ]);
    obj([
        ("resources", Value::from(resources)),
        ("edges", edges),
        ("index", index),
        ("topology", topology),
    ])
}

/// The positions of an edge's `from` and `to`, when they are resources of the scan.
type Ends = (Option<usize>, Option<usize>);

struct EdgeParts {
    edges: Value,
    edges_from: Value,
    edges_to: Value,
    pe_targets: Value,
    pe_unknown: Value,
}

/// `input.edges` and the indexes that follow them.
fn edge_parts<'g>(g: &'g Graph, ids: &[Value]) -> EdgeParts {
    // An end is a resource of the scan (its position, its id's value) or only
    // written (one value per distinct string).
    let at = |known: Option<usize>, text: &str| known.or_else(|| g.position_of_exact(text));
    let ends: Vec<Ends> = g
        .edges
        .par_iter()
        // An unresolved `to` names nothing in the scan: no lookup (most are
        // subscriptions that were not exported).
        .map(|e| {
            let to = if e.resolved { at(e.to_at, &e.to) } else { None };
            (at(e.from_at, &e.from), to)
        })
        .collect();
    // Every end's text is an id the graph already shares (a resource's, or one
    // per subscription that was not exported): the values share it too.
    let text = |t: &Arc<str>| Value::String(t.clone());
    let kinds: FxHashMap<EdgeKind, Value> =
        EDGE_KINDS.iter().map(|&k| (k, s(edge_kind(k)))).collect();
    let shape = super::body::Shape::new(["kind", "from", "to", "resolved"]);
    let edges: Vec<Value> = g
        .edges
        .par_iter()
        .map(|e| {
            shape.make([
                kinds.get(&e.kind).cloned().unwrap_or(Value::Null),
                text(&e.from),
                text(&e.to),
                Value::from(e.resolved),
            ])
        })
        .collect();

    // Rules start from the few resources they judge and follow their edges, rather
    // than scanning every edge of the graph. Grouped by position; the keys then
    // go in sorted by id, so building the maps is a merge, not a search per key.
    let mut order: Vec<usize> = (0..g.resources.len()).collect();
    order.par_sort_unstable_by(|&a, &b| g.resources[a].id.cmp(&g.resources[b].id));
    let group = |end: fn(&Ends) -> Option<usize>, written: fn(&'g super::Edge) -> &'g Arc<str>| {
        // Lists are allocated at their final length: a tenant has a list per
        // resource, most of one or two edges, and growth would double them.
        let mut counts: Vec<u32> = vec![0; g.resources.len()];
        for p in ends.iter().filter_map(end) {
            counts[p] += 1;
        }
        let mut by_position: Vec<Vec<Value>> = vec![Vec::new(); g.resources.len()];
        let mut by_text: FxHashMap<&'g Arc<str>, Vec<Value>> = FxHashMap::default();
        for ((e, v), ends) in g.edges.iter().zip(&edges).zip(&ends) {
            match end(ends) {
                Some(p) => {
                    let list = &mut by_position[p];
                    if list.capacity() == 0 {
                        list.reserve_exact(counts[p] as usize);
                    }
                    list.push(v.clone());
                }
                None => by_text.entry(written(e)).or_default().push(v.clone()),
            }
        }
        drop(counts);
        let mut entries: Vec<(Value, Value)> = order
            .iter()
            .filter_map(|&p| {
                let list = std::mem::take(&mut by_position[p]);
                (!list.is_empty()).then(|| (ids[p].clone(), Value::from(list)))
            })
            .collect();
        entries.extend(by_text.into_iter().map(|(k, mut v)| {
            v.shrink_to_fit();
            (text(k), Value::from(v))
        }));
        Value::from(entries.into_iter().collect::<BTreeMap<_, _>>())
    };
    let (edges_from, edges_to) =
        rayon::join(|| group(|e| e.0, |e| &e.from), || group(|e| e.1, |e| &e.to));

    let mut pe_targets: BTreeMap<&Arc<str>, Vec<Value>> = BTreeMap::new();
    for e in &g.edges {
        if e.kind == EdgeKind::PrivateEndpoint && e.resolved {
            pe_targets.entry(&e.to).or_default().push(text(&e.from));
        }
    }
    let pe_targets = Value::from(
        pe_targets
            .into_iter()
            .map(|(k, v)| (text(k), Value::from(v)))
            .collect::<BTreeMap<_, _>>(),
    );

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
        .zip(ids)
        .filter(|(r, _)| doubtful_files.contains(r.source.file.as_str()))
        .map(|(_, id)| (id.clone(), Value::from(true)))
        .collect();
    EdgeParts {
        edges: Value::from(edges),
        edges_from,
        edges_to,
        pe_targets,
        pe_unknown: Value::from(pe_unknown),
    }
}

struct IndexParts {
    by_type: Value,
    positions: Value,
    tagged: Value,
}

/// The indexes of positions: by type, every position, and by tag.
fn index_parts(g: &Graph) -> IndexParts {
    let mut by_type: FxHashMap<&str, Vec<Value>> = FxHashMap::default();
    for (i, r) in g.resources.iter().enumerate() {
        by_type.entry(&r.r#type).or_default().push(Value::from(i));
    }
    // Types differ in case only across formats: merged under the lower-case name.
    let mut lower: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (t, v) in by_type {
        lower.entry(t.to_ascii_lowercase()).or_default().extend(v);
    }
    let by_type = Value::from(
        lower
            .into_iter()
            .map(|(k, mut v)| {
                v.sort();
                v.shrink_to_fit();
                (s(&k), Value::from(v))
            })
            .collect::<BTreeMap<_, _>>(),
    );

    // Positions of the resources carrying each tag (lower-case name, non-empty
    // value): a tag rule takes the complement natively instead of visiting
    // every resource in Rego.
    let mut tagged: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in g.resources.iter().enumerate() {
        for (k, v) in r.tags.iter() {
            if !v.trim().is_empty() {
                tagged.entry(k.to_ascii_lowercase()).or_default().push(i);
            }
        }
    }
    let tagged = Value::from(
        tagged
            .into_iter()
            .map(|(k, v)| {
                // Positions come in order: the set is built in bulk.
                let set: BTreeSet<Value> = v.into_iter().map(Value::from).collect();
                (s(&k), Value::from(set))
            })
            .collect::<BTreeMap<_, _>>(),
    );
    let positions: BTreeSet<Value> = (0..g.resources.len()).map(Value::from).collect();
    IndexParts {
        by_type,
        positions: Value::from(positions),
        tagged,
    }
}

/// Most resources have no unknown paths: one shared empty list.
fn no_unknowns() -> Value {
    static EMPTY: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    EMPTY
        .get_or_init(|| Value::from(Vec::<Value>::new()))
        .clone()
}

/// A resource's object in `input.resources`: its body's members and the envelope.
pub(crate) fn resource_value(r: &Resource) -> Value {
    let mut m = r.body_map();
    m.extend(envelope(r));
    Value::from(m)
}

/// The members of [`super::model::INPUT_ENVELOPE`], from the resource's fields.
/// The envelope's strings are the graph's, shared.
pub(crate) fn envelope(r: &Resource) -> [(Value, Value); 8] {
    let opt = |o: &Option<Arc<str>>| o.as_ref().map_or(Value::Null, |x| Value::String(x.clone()));
    let unknown = if r.unknown.is_empty() {
        no_unknowns()
    } else {
        Value::from(r.unknown.keys().map(|p| s(p)).collect::<Vec<_>>())
    };
    [
        (key("name"), opt(&r.name)),
        (key("location"), opt(&r.location)),
        (key("subscription"), opt(&r.subscription)),
        (key("resource_group"), opt(&r.resource_group)),
        (key("id"), Value::String(r.id.clone())),
        (key("type"), Value::String(r.r#type.clone())),
        (key("tags"), r.tags.value()),
        (key("unknown"), unknown),
    ]
}

const EDGE_KINDS: [EdgeKind; 5] = [
    EdgeKind::Reference,
    EdgeKind::PrivateEndpoint,
    EdgeKind::Peering,
    EdgeKind::Parent,
    EdgeKind::Scope,
];

fn edge_kind(k: EdgeKind) -> &'static str {
    match k {
        EdgeKind::Reference => "reference",
        EdgeKind::PrivateEndpoint => "private_endpoint",
        EdgeKind::Peering => "peering",
        EdgeKind::Parent => "parent",
        EdgeKind::Scope => "scope",
    }
}

fn s(v: &str) -> Value {
    Value::from(v)
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
            text["index"]["private_endpoint_targets"][&*sa("data").id],
            json!(["pe"])
        );
        assert_eq!(text["index"]["private_endpoint_unknown"], json!({}));
    }

    #[test]
    fn edge_indexes_key_by_exact_ids_and_written_ends() {
        let vnet = |name: &str| {
            format!("/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/{name}")
        };
        // `a` peers with `b` (written in another case) and with a VNet outside the scan;
        // the account names a private endpoint that is not in the scan either.
        let a = resource(
            &vnet("a"),
            "Microsoft.Network/virtualNetworks",
            json!({"properties": {"virtualNetworkPeerings": [
                {"properties": {"remoteVirtualNetwork": {"id": vnet("B").to_uppercase()}}},
                {"properties": {"remoteVirtualNetwork": {"id": vnet("elsewhere")}}}
            ]}}),
        );
        let b = resource(&vnet("b"), "Microsoft.Network/virtualNetworks", json!({}));
        let outside_pe =
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/privateEndpoints/far";
        let account = resource(
            &sa("data").id,
            "Microsoft.Storage/storageAccounts",
            json!({"properties": {"privateEndpointConnections": [
                {"properties": {"privateEndpoint": {"id": outside_pe}}}
            ]}}),
        );
        let mut g = Graph::build(vec![a, b, account]);
        let v = serde_json::to_value(g.to_policy_input(&Default::default())).unwrap_or_default();
        let keys = |m: &str| -> Vec<String> {
            v["index"][m]
                .as_object()
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default()
        };
        // Keys are the ids as the graph holds them (a resolved end is the resource's
        // own id) and, for ends outside the scan, the ids as written; sorted.
        assert_eq!(keys("edges_from"), [outside_pe.to_string(), vnet("a")]);
        assert_eq!(
            keys("edges_to"),
            [vnet("b"), vnet("elsewhere"), sa("data").id.to_string()]
        );
        let to_b = &v["index"]["edges_to"][vnet("b").as_str()];
        assert_eq!(to_b[0]["from"], json!(vnet("a")));
        assert_eq!(to_b[0]["resolved"], json!(true));
        assert_eq!(
            v["index"]["edges_to"][vnet("elsewhere").as_str()][0]["resolved"],
            json!(false)
        );
        // Every edge is listed once under its from and once under its to.
        let listed = |m: &str| -> usize {
            v["index"][m]
                .as_object()
                .map(|o| o.values().filter_map(|l| l.as_array()).map(Vec::len).sum())
                .unwrap_or(0)
        };
        let edges = v["edges"].as_array().map(Vec::len).unwrap_or(0);
        assert_eq!(listed("edges_from"), edges);
        assert_eq!(listed("edges_to"), edges);
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
            text["index"]["private_endpoint_unknown"][&*sa("data").id],
            json!(true)
        );
    }
}
