//! Edges derived from ARM-shaped bodies, so that every format gets the same
//! relations: whatever a parser produced, a private endpoint is a private endpoint.

use super::body;
use super::model::{path_covers, Edge, EdgeKind, Resource};
use super::{looks_like_resource_id, Graph};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::sync::Arc;

pub const PRIVATE_ENDPOINT: &str = "microsoft.network/privateendpoints";
const VNET: &str = "microsoft.network/virtualnetworks";
const PEERING: &str = "microsoft.network/virtualnetworks/virtualnetworkpeerings";

/// Where a private endpoint or a peering points: a written id, or an unknown value
/// with the resources it depends on.
pub enum Target<'a> {
    Id(&'a str),
    Unknown(&'a BTreeSet<String>),
}

/// The targets of a private endpoint's (manual) private link service connections.
pub fn private_endpoint_targets(r: &Resource) -> Vec<Target<'_>> {
    let mut out = Vec::new();
    for list in [
        "privateLinkServiceConnections",
        "manualPrivateLinkServiceConnections",
    ] {
        let base = format!("properties.{list}");
        targets_at(r, &base, &["properties", "privateLinkServiceId"], &mut out);
    }
    out
}

/// The remote VNets of a VNet's inline peerings or of a peering resource.
pub(super) fn peering_remotes<'a>(r: &'a Resource, lower_type: &str) -> Vec<Target<'a>> {
    let mut out = Vec::new();
    if lower_type == PEERING {
        targets_at(
            r,
            "",
            &["properties", "remoteVirtualNetwork", "id"],
            &mut out,
        );
    } else {
        targets_at(
            r,
            "properties.virtualNetworkPeerings",
            &["properties", "remoteVirtualNetwork", "id"],
            &mut out,
        );
    }
    out
}

/// Collects `leaf` under each element of the array at `base` (or under the body
/// itself when `base` is empty), as a known id or as an unknown value.
fn targets_at<'a>(r: &'a Resource, base: &str, leaf: &[&str], out: &mut Vec<Target<'a>>) {
    let leaf_path = leaf.join(".");
    if base.is_empty() {
        match body::at(&r.body, leaf).and_then(body::as_str) {
            Some(id) => out.push(Target::Id(id)),
            None => out.extend(unknown_under(r, &leaf_path).map(Target::Unknown)),
        }
        return;
    }
    let segs: Vec<&str> = base.split('.').collect();
    if let Some(items) = body::at(&r.body, &segs).and_then(body::items) {
        for (i, item) in items.enumerate() {
            match body::at(item, leaf).and_then(body::as_str) {
                Some(id) => out.push(Target::Id(id)),
                None => out.extend(
                    unknown_under(r, &format!("{base}[{i}].{leaf_path}")).map(Target::Unknown),
                ),
            }
        }
    }
    // The whole list, or the whole body part holding it, may be unknown.
    out.extend(
        r.unknown
            .iter()
            .filter(|(p, _)| path_covers(p, base))
            .map(|(_, refs)| Target::Unknown(refs)),
    );
}

/// The refs of the unknown entry that covers `path` (itself or an ancestor).
fn unknown_under<'a>(r: &'a Resource, path: &str) -> Option<&'a BTreeSet<String>> {
    r.unknown
        .iter()
        .find_map(|(p, refs)| path_covers(p, path).then_some(refs))
}

/// The id of the parent of a child resource id (`.../vnets/a/subnets/b` → `.../vnets/a`).
pub fn parent_id(id: &str) -> Option<&str> {
    // Every resource asks this once: searched in place, not in a lower-case copy.
    const PROVIDERS: &[u8] = b"/providers/";
    let b = id.as_bytes();
    let start = (0..=b.len().checked_sub(PROVIDERS.len())?)
        .rev()
        .find(|&i| b[i] == b'/' && b[i..i + PROVIDERS.len()].eq_ignore_ascii_case(PROVIDERS))?
        + PROVIDERS.len();
    // namespace/type/name[/type/name]*: a child has at least five segments.
    if id[start..].split('/').count() < 5 {
        return None;
    }
    let cut = id.rfind('/')?;
    let cut = id[..cut].rfind('/')?;
    Some(&id[..cut])
}

pub(super) fn derive(g: &Graph) -> Vec<Edge> {
    // Each resource's edges depend only on the (read-only) graph: derive them in
    // parallel; the caller sorts them.
    g.resources
        .par_iter()
        .enumerate()
        .map_init(FxHashMap::default, |subscriptions, (i, r)| {
            resource_edges(g, i, r, subscriptions)
        })
        .flat_map_iter(|edges| edges)
        .collect()
}

/// Subscription key → the id of its scope, shared by the resources that name it.
type Subscriptions<'g> = FxHashMap<&'g str, (Arc<str>, bool, Option<usize>)>;

fn resource_edges<'g>(
    g: &'g Graph,
    i: usize,
    r: &'g Resource,
    subscriptions: &mut Subscriptions<'g>,
) -> Vec<Edge> {
    let mut edges = Vec::new();
    {
        let lower_type = r.r#type.to_ascii_lowercase();
        // `from` with its position, when it is a resource of the scan. Ids of the
        // scan's resources are shared, not copied.
        // `targets` are `g.resolve(to)`, which callers often have already.
        let link = |kind: EdgeKind,
                    from: (&Arc<str>, Option<usize>),
                    to: &str,
                    targets: Vec<usize>,
                    edges: &mut Vec<Edge>| {
            if targets.is_empty() {
                edges.push(Edge {
                    kind,
                    from: from.0.clone(),
                    to: to.into(),
                    resolved: false,
                    from_at: from.1,
                    to_at: None,
                });
            }
            for t in targets {
                let to = &g.resources[t].id;
                if !to.eq_ignore_ascii_case(from.0) {
                    edges.push(Edge {
                        kind,
                        from: from.0.clone(),
                        to: to.clone(),
                        resolved: true,
                        from_at: from.1,
                        to_at: Some(t),
                    });
                }
            }
        };

        // Typed edges first, so that a reference to the same target is not the only record.
        if lower_type == PRIVATE_ENDPOINT {
            for t in private_endpoint_targets(r) {
                match t {
                    Target::Id(id) => link(
                        EdgeKind::PrivateEndpoint,
                        (&r.id, Some(i)),
                        id,
                        g.resolve(id),
                        &mut edges,
                    ),
                    Target::Unknown(refs) => {
                        for id in refs {
                            let targets = g.resolve(id);
                            if !targets.is_empty() {
                                let from = (&r.id, Some(i));
                                link(EdgeKind::PrivateEndpoint, from, id, targets, &mut edges);
                            }
                        }
                    }
                }
            }
        }
        if let Some(conns) =
            body::at(&r.body, &["properties", "privateEndpointConnections"]).and_then(body::items)
        {
            for c in conns {
                if let Some(pe) =
                    body::at(c, &["properties", "privateEndpoint", "id"]).and_then(body::as_str)
                {
                    let from_at = g.resolve(pe).first().copied();
                    let from = from_at.map_or_else(|| pe.into(), |p| g.resources[p].id.clone());
                    edges.push(Edge {
                        kind: EdgeKind::PrivateEndpoint,
                        from,
                        to: r.id.clone(),
                        resolved: true,
                        from_at,
                        to_at: Some(i),
                    });
                }
            }
        }
        if lower_type == VNET || lower_type == PEERING {
            let (from, from_at) = if lower_type == PEERING {
                match g.parent_of(i).first() {
                    Some(&p) => (g.resources[p].id.clone(), Some(p)),
                    None => (
                        parent_id(&r.id).map_or_else(|| r.id.clone(), Arc::from),
                        None,
                    ),
                }
            } else {
                (r.id.clone(), Some(i))
            };
            let from = (&from, from_at);
            for t in peering_remotes(r, &lower_type) {
                match t {
                    Target::Id(id) => link(EdgeKind::Peering, from, id, g.resolve(id), &mut edges),
                    Target::Unknown(refs) => {
                        for id in refs {
                            let targets = g.resolve(id);
                            if !targets.is_empty() {
                                link(EdgeKind::Peering, from, id, targets, &mut edges);
                            }
                        }
                    }
                }
            }
        }
        for p in g.parent_of(i) {
            edges.push(Edge {
                kind: EdgeKind::Parent,
                from: r.id.clone(),
                to: g.resources[p].id.clone(),
                resolved: true,
                from_at: Some(i),
                to_at: Some(p),
            });
        }
        if let Some(sub) = &r.subscription {
            // Resolved once per subscription and thread: a tenant's resources
            // name a few thousand subscriptions.
            let (to, resolved, to_at) = subscriptions
                .entry(sub)
                .or_insert_with(|| {
                    let to = format!("/subscriptions/{sub}");
                    let found = g.resolve(&to);
                    let to_at = found.first().copied().filter(|&p| *g.resources[p].id == to);
                    let text =
                        to_at.map_or_else(|| to.as_str().into(), |p| g.resources[p].id.clone());
                    (text, !found.is_empty(), to_at)
                })
                .clone();
            edges.push(Edge {
                kind: EdgeKind::Scope,
                from: r.id.clone(),
                to,
                resolved,
                from_at: Some(i),
                to_at,
            });
        }

        // Plain references: ids written in the body and the resources unknown values use.
        let mut ids = BTreeSet::new();
        for (_, v) in r.body_members() {
            body::strings(v, &mut |s| {
                if looks_like_resource_id(s) {
                    ids.insert(s);
                }
            });
        }
        for refs in r.unknown.values() {
            ids.extend(refs.iter().map(String::as_str));
        }
        for id in ids {
            let targets = g.resolve(id);
            if !targets.is_empty() {
                link(
                    EdgeKind::Reference,
                    (&r.id, Some(i)),
                    id,
                    targets,
                    &mut edges,
                );
            }
        }
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use serde_json::json;

    #[test]
    fn parent_of_child_ids() {
        assert_eq!(
            parent_id("/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/a"),
            Some("/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v")
        );
        assert_eq!(
            parent_id(
                "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v"
            ),
            None
        );
        // The last providers segment counts, in any case.
        assert_eq!(
            parent_id("/subscriptions/s/providers/Microsoft.Resources/x/PROVIDERS/A.B/c/n/d/m"),
            Some("/subscriptions/s/providers/Microsoft.Resources/x/PROVIDERS/A.B/c/n")
        );
        assert_eq!(parent_id(""), None);
        assert_eq!(parent_id("/providers"), None);
    }

    #[test]
    fn private_endpoint_edges_from_both_sides() {
        let pe = resource(
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/privateEndpoints/pe",
            "Microsoft.Network/privateEndpoints",
            json!({"properties": {"privateLinkServiceConnections": [
                {"name": "c", "properties": {"privateLinkServiceId": "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Storage/storageAccounts/data"}}
            ]}}),
        );
        let mut other = sa("other");
        other.body = body::from_json(json!({"properties": {"privateEndpointConnections": [
            {"properties": {"privateEndpoint": {"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/privateEndpoints/elsewhere"}}}
        ]}}));
        let g = Graph::build(vec![pe, sa("data"), other]);
        let mut pes: Vec<_> = g
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::PrivateEndpoint)
            .map(|e| {
                (
                    e.from.rsplit('/').next().unwrap_or(""),
                    e.to.rsplit('/').next().unwrap_or(""),
                )
            })
            .collect();
        pes.sort();
        assert_eq!(pes, vec![("elsewhere", "other"), ("pe", "data")]);
    }

    #[test]
    fn unknown_private_link_with_a_ref_still_links() {
        let mut pe = resource(
            "pe",
            "Microsoft.Network/privateEndpoints",
            json!({"properties": {"privateLinkServiceConnections": [{"properties": {}}]}}),
        );
        let target = sa("data").id;
        pe.unknown.insert(
            "properties.privateLinkServiceConnections[0].properties.privateLinkServiceId".into(),
            [target.to_string()].into_iter().collect(),
        );
        let g = Graph::build(vec![pe, sa("data")]);
        assert!(g
            .edges
            .iter()
            .any(|e| e.kind == EdgeKind::PrivateEndpoint && e.to == target));
    }
}
