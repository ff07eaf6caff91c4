//! The landing zone's shape, as rules need it: which VNets are hubs and which are
//! spokes, who peers with whom, and what each subscription is for.
//!
//! ```text
//! input.topology.subscriptions[key] = {id, name, tags, role}
//! input.topology.vnets[vnet id]     = {role, name, peers: [{via, path, remote, remote_role}],
//!                                      unknown_peers}
//! ```
//!
//! A role is `null` when nothing tells it: rules stay silent on such values.

use super::body;
use super::model::{Resource, Tags};
use super::Graph;
use crate::config::Topology;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::Arc;

const VNET: &str = "microsoft.network/virtualnetworks";
const SUBNET: &str = "microsoft.network/virtualnetworks/subnets";
const PEERING: &str = "microsoft.network/virtualnetworks/virtualnetworkpeerings";
const SUBSCRIPTION: &str = "microsoft.resources/subscriptions";
const ALIAS: &str = "microsoft.subscription/aliases";

/// Subnets only a hub holds.
const HUB_SUBNETS: [&str; 3] = ["azurefirewallsubnet", "gatewaysubnet", "azurebastionsubnet"];

/// Subscription roles, as rules name them.
pub const ROLES: [&str; 5] = ["ai_compute", "data", "serving", "hub", "general"];

/// Globs matched case-insensitively against names and ids.
struct Patterns(globset::GlobSet);

impl Patterns {
    fn new(patterns: &[String]) -> Patterns {
        let mut b = globset::GlobSetBuilder::new();
        for p in patterns {
            if let Ok(g) = globset::GlobBuilder::new(p)
                .case_insensitive(true)
                .literal_separator(false)
                .build()
            {
                b.add(g);
            }
        }
        Patterns(b.build().unwrap_or_else(|_| globset::GlobSet::empty()))
    }

    fn any(&self, candidates: &[&str]) -> bool {
        !self.0.is_empty() && candidates.iter().any(|c| self.0.is_match(c))
    }
}

/// A role written as a tag or an alias: `ai-compute`, `AI_Compute`, `gpu`, ...
pub fn role_of_word(word: &str) -> Option<&'static str> {
    let w = word.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    Some(match w.as_str() {
        "ai_compute" | "aicompute" | "compute" | "gpu" | "training" | "ai" => "ai_compute",
        "data" | "ai_data" => "data",
        "serving" | "inference" | "ai_serving" => "serving",
        "hub" | "connectivity" => "hub",
        "general" | "shared" | "management" | "identity" => "general",
        _ => return None,
    })
}

fn lz_role_tag(tags: &Tags) -> Option<&str> {
    tags.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("lz-role"))
        .map(|(_, v)| v)
}

#[derive(Default, Clone)]
struct Sub {
    name: Option<String>,
    tags: Tags,
}

/// `input.topology` and `input.index.by_subscription`.
pub(super) fn build(g: &Graph, cfg: &Topology) -> (regorus::Value, regorus::Value) {
    // By hash, sorted once at the end: a tenant has tens of thousands of
    // subscriptions, and most resources name one.
    let mut subs: FxHashMap<&str, Sub> = FxHashMap::default();
    let mut by_subscription: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let mut declared: Vec<(String, Option<String>, &Tags)> = Vec::new();
    for (i, r) in g.resources.iter().enumerate() {
        if let Some(s) = &r.subscription {
            subs.entry(s).or_default();
            by_subscription.entry(s).or_default().push(i);
        }
        if let Some((key, name)) = declared_subscription(r) {
            declared.push((key, name, &r.tags));
        }
    }
    // Declared keys may be new: owned, merged in resource order.
    let mut owned: BTreeMap<String, Sub> = BTreeMap::new();
    for (key, name, tags) in declared {
        let e = match subs.get_mut(key.as_str()) {
            Some(e) => e,
            None => owned.entry(key).or_default(),
        };
        e.name = e.name.take().or(name);
        for (k, v) in tags.iter() {
            if !e.tags.contains_key(k) {
                e.tags.insert(k, v);
            }
        }
    }
    let mut all: Vec<(&str, Sub)> = subs.into_iter().collect();
    all.extend(owned.iter().map(|(k, v)| (k.as_str(), v.clone())));
    all.sort_unstable_by(|a, b| a.0.cmp(b.0));

    let roles: Vec<(&str, Patterns)> = cfg
        .subscriptions
        .by_role()
        .into_iter()
        .map(|(role, p)| (role, Patterns::new(p)))
        .collect();
    let text = |v: Option<&str>| v.map_or(regorus::Value::Null, regorus::Value::from);
    let shape = body::Shape::new(["id", "name", "tags", "role"]);
    let subscriptions: BTreeMap<regorus::Value, regorus::Value> = all
        .into_iter()
        .map(|(key, s)| {
            let full = format!("/subscriptions/{key}");
            let mut cands = vec![key, full.as_str()];
            if let Some(n) = &s.name {
                cands.push(n);
            }
            let role = roles
                .iter()
                .find(|(_, p)| p.any(&cands))
                .map(|(r, _)| *r)
                .or_else(|| lz_role_tag(&s.tags).and_then(role_of_word))
                .or_else(|| {
                    // A Terraform provider alias standing for a subscription.
                    key.strip_prefix("azurerm.").and_then(role_of_word)
                })
                .or_else(|| is_subscription_id(key).then_some("general"));
            let v = shape.make([
                regorus::Value::from(key),
                text(s.name.as_deref()),
                s.tags.value(),
                text(role),
            ]);
            (regorus::Value::from(key), v)
        })
        .collect();
    let vnets = vnets(g, &Patterns::new(&cfg.hubs));
    let mut by_subscription: Vec<(&str, Vec<usize>)> = by_subscription.into_iter().collect();
    by_subscription.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let by_subscription: BTreeMap<regorus::Value, regorus::Value> = by_subscription
        .into_iter()
        .map(|(k, v)| {
            let positions: Vec<regorus::Value> = v.into_iter().map(regorus::Value::from).collect();
            (regorus::Value::from(k), regorus::Value::from(positions))
        })
        .collect();
    (
        body::object([
            ("subscriptions", regorus::Value::from(subscriptions)),
            ("vnets", vnets),
        ]),
        regorus::Value::from(by_subscription),
    )
}

/// A real subscription id (a GUID), as opposed to a provider alias standing in for one.
fn is_subscription_id(key: &str) -> bool {
    key.len() == 36
        && key.bytes().enumerate().all(|(i, b)| {
            matches!(i, 8 | 13 | 18 | 23) == (b == b'-') && (b == b'-' || b.is_ascii_hexdigit())
        })
}

/// A subscription the scan declares (an exported container row, or an alias that
/// creates one): its key and display name.
fn declared_subscription(r: &Resource) -> Option<(String, Option<String>)> {
    let is_sub = r.r#type.eq_ignore_ascii_case(SUBSCRIPTION);
    if !is_sub && !r.r#type.eq_ignore_ascii_case(ALIAS) {
        return None;
    }
    let prop = |k: &str| body::at(&r.body, &["properties", k]).and_then(body::as_str);
    if is_sub {
        let key = prop("subscriptionId")
            .map(str::to_string)
            .or_else(|| r.subscription.as_deref().map(str::to_string))
            .or_else(|| r.id.rsplit('/').next().map(str::to_string))?;
        let name = prop("displayName")
            .map(str::to_string)
            .or_else(|| r.name.as_deref().map(str::to_string));
        return Some((key, name));
    }
    let key = prop("subscriptionId").map(str::to_string)?;
    let name = prop("displayName")
        .map(str::to_string)
        .or_else(|| r.name.as_deref().map(str::to_string));
    Some((key, name))
}

fn vnets(g: &Graph, hubs: &Patterns) -> regorus::Value {
    use regorus::Value;
    let is_type = |i: usize, t: &str| g.resources[i].r#type.eq_ignore_ascii_case(t);
    let peer = body::Shape::new(["via", "path", "remote", "remote_role"]);
    let mut role: BTreeMap<usize, &'static str> = BTreeMap::new();
    for (i, r) in g.resources.iter().enumerate() {
        if !r.r#type.eq_ignore_ascii_case(VNET) {
            continue;
        }
        let name = r.name.as_deref().unwrap_or("");
        let tag = lz_role_tag(&r.tags).map(str::to_ascii_lowercase);
        let inline_hub_subnet = body::at(&r.body, &["properties", "subnets"])
            .and_then(body::items)
            .is_some_and(|mut subnets| {
                subnets.any(|s| {
                    body::member(s, "name")
                        .and_then(body::as_str)
                        .is_some_and(is_hub_subnet)
                })
            });
        let hub = hubs.any(&[name, &r.id]) || tag.as_deref() == Some("hub") || inline_hub_subnet;
        role.insert(i, if hub { "hub" } else { "spoke" });
    }
    // Subnets declared as resources of their own.
    for (i, r) in g.resources.iter().enumerate() {
        if r.r#type.eq_ignore_ascii_case(SUBNET) && r.name.as_deref().is_some_and(is_hub_subnet) {
            for p in g.parent_of(i) {
                if let Some(x) = role.get_mut(&p) {
                    *x = "hub";
                }
            }
        }
    }

    // A tenant has tens of thousands of VNets: ids are the graph's shared
    // strings, and roles and peering paths one value each.
    let mut texts: FxHashMap<String, Value> = FxHashMap::default();
    let mut text = |t: &str| -> Value {
        if let Some(v) = texts.get(t) {
            return v.clone();
        }
        let v = Value::from(t);
        texts.insert(t.to_string(), v.clone());
        v
    };
    let hub_role = text("hub");
    let spoke_role = text("spoke");
    let role_value = |r: Option<&str>| match r {
        Some("hub") => hub_role.clone(),
        Some(_) => spoke_role.clone(),
        None => Value::Null,
    };
    let remote_role = |id: &str| -> Option<&'static str> {
        let found: Vec<usize> = g
            .resolve(id)
            .into_iter()
            .filter(|&i| is_type(i, VNET))
            .collect();
        if let Some(i) = found.first() {
            return role.get(i).copied();
        }
        let name = id.rsplit('/').next().unwrap_or(id);
        hubs.any(&[name, id]).then_some("hub")
    };

    struct Vnet {
        role: Option<&'static str>,
        name: Value,
        peers: Vec<Value>,
        unknown: bool,
    }
    let shared = |t: &Arc<str>| Value::String(t.clone());
    let mut out: BTreeMap<Arc<str>, Vnet> = BTreeMap::new();
    for (&i, &rl) in &role {
        let r = &g.resources[i];
        let name = r.name.as_ref().map_or(Value::Null, shared);
        out.insert(
            r.id.clone(),
            Vnet {
                role: Some(rl),
                name,
                peers: Vec::new(),
                unknown: false,
            },
        );
    }
    for (i, r) in g.resources.iter().enumerate() {
        let (owner, peerings): (Arc<str>, Vec<Peering>) = if r.r#type.eq_ignore_ascii_case(VNET) {
            (r.id.clone(), inline_peerings(g, r))
        } else if r.r#type.eq_ignore_ascii_case(PEERING) {
            let owner = g
                .parent_of(i)
                .into_iter()
                .find(|&p| is_type(p, VNET))
                .map(|p| g.resources[p].id.clone())
                .or_else(|| super::parent_id(&r.id).map(Arc::from))
                .unwrap_or_else(|| r.id.clone());
            let remote = remote_at(
                g,
                r,
                "properties.remoteVirtualNetwork.id",
                body::member(&r.body, "properties"),
            );
            (owner, vec![(None, remote)])
        } else {
            continue;
        };
        if peerings.is_empty() {
            continue;
        }
        let entry = out.entry(owner.clone()).or_insert_with(|| {
            let name = owner.rsplit('/').next().unwrap_or(&owner);
            Vnet {
                role: hubs.any(&[name, &owner]).then_some("hub"),
                name: Value::from(name),
                peers: Vec::new(),
                unknown: false,
            }
        });
        for (path, remote) in peerings {
            let Some(remote) = remote else {
                entry.unknown = true;
                continue;
            };
            // A remote written with unknown parts resolves by type and name.
            let resolved = g
                .resolve(remote)
                .into_iter()
                .find(|&x| is_type(x, VNET))
                .map_or_else(|| Value::from(remote), |x| shared(&g.resources[x].id));
            entry.peers.push(peer.make([
                shared(&r.id),
                path.as_deref().map_or(Value::Null, &mut text),
                resolved,
                role_value(remote_role(remote)),
            ]));
        }
    }
    let shape = body::Shape::new(["role", "name", "peers", "unknown_peers"]);
    let vnets: BTreeMap<Value, Value> = out
        .into_iter()
        .map(|(id, v)| {
            let value = shape.make([
                role_value(v.role),
                v.name,
                Value::from(v.peers),
                Value::from(v.unknown),
            ]);
            (Value::String(id), value)
        })
        .collect();
    Value::from(vnets)
}

/// A peering: its inline property path (none for a peering resource) and its
/// remote VNet id when it can be told.
type Peering<'g> = (Option<String>, Option<&'g str>);

fn is_hub_subnet(name: &str) -> bool {
    HUB_SUBNETS.iter().any(|h| name.eq_ignore_ascii_case(h))
}

/// The remote VNet id at `path` (below `props`, the peering's properties): as
/// written, or, when unknown, the one VNet of the scan the value depends on.
fn remote_at<'g>(
    g: &'g Graph,
    r: &'g Resource,
    path: &str,
    props: Option<&'g regorus::Value>,
) -> Option<&'g str> {
    if let Some(refs) = r
        .unknown
        .iter()
        .find_map(|(p, refs)| super::model::path_covers(p, path).then_some(refs))
    {
        let vnets: Vec<usize> = refs
            .iter()
            .flat_map(|id| g.resolve(id))
            .filter(|&i| g.resources[i].r#type.eq_ignore_ascii_case(VNET))
            .collect();
        return match vnets.as_slice() {
            [one] => Some(&*g.resources[*one].id),
            _ => None,
        };
    }
    props
        .and_then(|p| body::at(p, &["remoteVirtualNetwork", "id"]))
        .and_then(body::as_str)
}

/// A VNet's inline peerings: (their property path, their remote id when known).
/// An unknown list counts as one unknown peering.
fn inline_peerings<'g>(g: &'g Graph, r: &'g Resource) -> Vec<Peering<'g>> {
    const BASE: &str = "properties.virtualNetworkPeerings";
    if r.is_unknown(BASE) {
        return vec![(None, None)];
    }
    let Some(list) =
        body::at(&r.body, &["properties", "virtualNetworkPeerings"]).and_then(body::items)
    else {
        return Vec::new();
    };
    list.enumerate()
        .map(|(k, p)| {
            let path = format!("{BASE}[{k}]");
            let leaf = format!("{path}.properties.remoteVirtualNetwork.id");
            (
                Some(path),
                remote_at(g, r, &leaf, body::member(p, "properties")),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::config::SubscriptionRoles;
    use serde_json::{json, Value as Json};

    const SUB: &str = "00000000-0000-0000-0000-000000000001";

    fn vnet(name: &str, subnets: &[&str], peers: &[&str]) -> Resource {
        let subnets: Vec<Json> = subnets.iter().map(|s| json!({"name": s})).collect();
        let peers: Vec<Json> = peers
            .iter()
            .map(|p| json!({"name": p, "properties": {"remoteVirtualNetwork": {"id": vnet_id(p)}}}))
            .collect();
        resource(
            &vnet_id(name),
            "Microsoft.Network/virtualNetworks",
            json!({"properties": {"subnets": subnets, "virtualNetworkPeerings": peers}}),
        )
    }

    fn vnet_id(name: &str) -> String {
        format!("/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/{name}")
    }

    fn topo(resources: Vec<Resource>, cfg: &Topology) -> Json {
        let mut resources = resources;
        for r in &mut resources {
            r.name = r.id.rsplit('/').next().map(Into::into);
        }
        body::to_json(&build(&Graph::build(resources), cfg).0)
    }

    #[test]
    fn hubs_by_subnet_tag_and_configuration() {
        let mut tagged = vnet("tagged", &[], &[]);
        tagged.tags.insert("LZ-Role", "hub");
        let cfg = Topology {
            hubs: vec!["conf-*".into()],
            ..Default::default()
        };
        let t = topo(
            vec![
                vnet("fw", &["AzureFirewallSubnet"], &[]),
                tagged,
                vnet("conf-hub", &[], &[]),
                vnet("spoke", &["default"], &["fw", "elsewhere", "conf-remote"]),
            ],
            &cfg,
        );
        let v = &t["vnets"];
        assert_eq!(v[vnet_id("fw")]["role"], "hub");
        assert_eq!(v[vnet_id("tagged")]["role"], "hub");
        assert_eq!(v[vnet_id("conf-hub")]["role"], "hub");
        let spoke = &v[vnet_id("spoke")];
        assert_eq!(spoke["role"], "spoke");
        let roles: Vec<&Json> = spoke["peers"]
            .as_array()
            .map(|a| a.iter().map(|p| &p["remote_role"]).collect())
            .unwrap_or_default();
        assert_eq!(roles, [&json!("hub"), &Json::Null, &json!("hub")]);
        assert_eq!(
            spoke["peers"][0]["path"],
            "properties.virtualNetworkPeerings[0]"
        );
    }

    #[test]
    fn subnet_and_peering_resources_count_for_their_vnet() {
        let subnet = resource(
            &format!("{}/subnets/GatewaySubnet", vnet_id("hub")),
            "Microsoft.Network/virtualNetworks/subnets",
            json!({}),
        );
        let peering = resource(
            &format!("{}/virtualNetworkPeerings/to-b", vnet_id("a")),
            "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
            json!({"properties": {"remoteVirtualNetwork": {"id": vnet_id("b")}}}),
        );
        let mut unknown = resource(
            &format!("{}/virtualNetworkPeerings/x", vnet_id("b")),
            "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
            json!({"properties": {}}),
        );
        unknown.unknown.insert(
            "properties.remoteVirtualNetwork.id".into(),
            Default::default(),
        );
        let t = topo(
            vec![
                vnet("hub", &[], &[]),
                vnet("a", &[], &[]),
                vnet("b", &[], &[]),
                subnet,
                peering,
                unknown,
            ],
            &Topology::default(),
        );
        let v = &t["vnets"];
        assert_eq!(v[vnet_id("hub")]["role"], "hub");
        let a = &v[vnet_id("a")]["peers"][0];
        assert_eq!(a["remote_role"], "spoke");
        assert!(a["via"].as_str().is_some_and(|s| s.ends_with("/to-b")));
        assert_eq!(a["path"], Json::Null);
        assert_eq!(v[vnet_id("b")]["unknown_peers"], true);
    }

    #[test]
    fn subscription_roles_from_configuration_tags_and_aliases() {
        let in_sub = |id: &str, sub: &str| {
            let mut r = resource(id, "Microsoft.Storage/storageAccounts", json!({}));
            r.subscription = Some(sub.into());
            r
        };
        let mut container = resource(
            "/subscriptions/11111111-1111-1111-1111-111111111111",
            "Microsoft.Resources/subscriptions",
            json!({"properties": {"displayName": "sub-ai-data"}}),
        );
        container.tags.insert("lz-role", "data");
        let cfg = Topology {
            subscriptions: SubscriptionRoles {
                serving: vec!["*-serving".into()],
                ..Default::default()
            },
            ..Default::default()
        };
        let rs = vec![
            in_sub("a", SUB),
            in_sub("b", "azurerm.gpu"),
            in_sub("c", "azurerm.mystery"),
            in_sub("d", "prod-serving"),
            container,
        ];
        let t = topo(rs, &cfg);
        let s = &t["subscriptions"];
        assert_eq!(s[SUB]["role"], "general");
        assert_eq!(s["azurerm.gpu"]["role"], "ai_compute");
        assert_eq!(s["azurerm.mystery"]["role"], Json::Null);
        assert_eq!(s["prod-serving"]["role"], "serving");
        let d = &s["11111111-1111-1111-1111-111111111111"];
        assert_eq!(d["role"], "data");
        assert_eq!(d["name"], "sub-ai-data");
    }
}
