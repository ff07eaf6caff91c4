//! The resource graph: every resource of the scan, the edges between them, and the
//! indexes that keep cross-resource rules O(N).
//!
//! Parsers hand over resources with raw references (ids as written, unknown values
//! with the ids they depend on); this module resolves them across files, formats
//! and modules, case-insensitively, and turns the result into the policy input.

pub mod body;
mod edges;
pub mod input;
mod lookup;
pub mod model;
mod topology;

pub use edges::parent_id;
pub use model::{Edge, EdgeKind, Format, ParentRef, Resource, SourceInfo};
pub use topology::{role_of_word, ROLES};

use lookup::{Key, Lookup};
use rayon::prelude::*;

/// Placeholders that ARM `resourceId()` uses when a template does not know its
/// subscription or resource group; ids holding them match by provider path.
pub const SUBSCRIPTION_PLACEHOLDER: &str = "{subscriptionId}";
pub const RESOURCE_GROUP_PLACEHOLDER: &str = "{resourceGroupName}";

/// All resources of a scan and their relations.
#[derive(Debug, Default)]
pub struct Graph {
    pub resources: Vec<Resource>,
    pub edges: Vec<Edge>,
    by_id: Lookup,
    by_provider_path: Lookup,
    /// The same, only for resources whose id holds placeholders: a concrete id
    /// that names nothing may still name one of them.
    placeholders_by_provider_path: Lookup,
    /// (lower-case type, lower-case name) → resources, for parents named by name.
    by_type_name: Lookup,
}

impl Graph {
    /// Builds the graph: sorts resources into a deterministic order, indexes them,
    /// and derives every edge.
    pub fn build(mut resources: Vec<Resource>) -> Graph {
        resources.sort_by(|a, b| {
            (&a.source.file, a.source.region.start_line, &a.id).cmp(&(
                &b.source.file,
                b.source.region.start_line,
                &b.id,
            ))
        });
        // Ids must be unique, or a finding could not name its resource. Two
        // templates may declare the same resource (dev and prod variants): later
        // ones get `#n` before their provider path, so that references by type and
        // name still reach all of them. Repeats are rare: the lookups are built
        // once, and again only after a rename.
        let all: Vec<usize> = (0..resources.len()).collect();
        let mut lookups = Lookups::build(&resources, &all);
        let repeated: Vec<Vec<usize>> = lookups.by_id.shared().map(<[usize]>::to_vec).collect();
        if !repeated.is_empty() {
            for positions in &repeated {
                for (n, &i) in positions.iter().enumerate().skip(1) {
                    let n = n + 1;
                    let r = &mut resources[i];
                    r.detach_input_body();
                    r.id = match r.id.find("/providers/") {
                        Some(at) => format!("{}#{n}{}", &r.id[..at], &r.id[at..]).into(),
                        None => format!("{}#{n}", r.id).into(),
                    };
                }
            }
            lookups = Lookups::build(&resources, &all);
        }
        let Lookups {
            by_id,
            by_provider_path,
            placeholders_by_provider_path,
            by_type_name,
        } = lookups;
        let mut g = Graph {
            resources,
            edges: Vec::new(),
            by_id,
            by_provider_path,
            placeholders_by_provider_path,
            by_type_name,
        };
        g.edges = edges::derive(&g);
        g.edges.par_sort();
        // Positions follow from the ids: equal ids are one edge.
        g.edges.dedup_by(|a, b| {
            (a.kind, &a.from, &a.to, a.resolved) == (b.kind, &b.from, &b.to, b.resolved)
        });
        g
    }

    /// Resources an id refers to: the exact id (case-insensitive), or, when the id
    /// was written without a known subscription or resource group, every resource
    /// with the same provider path (type and names).
    pub fn resolve(&self, id: &str) -> Vec<usize> {
        let rs = &self.resources;
        let candidates = provider_path(id).map(|pp| self.by_provider_path.get(rs, Key("", pp)));
        // An id written without its subscription or resource group names every
        // resource of that type and name (templates deployed side by side).
        let placeholder = has_placeholder(id);
        if placeholder {
            if let Some(c) = candidates.filter(|c| !c.is_empty()) {
                return c.to_vec();
            }
        }
        if let Some(&i) = self.by_id.get(rs, Key("", id)).first() {
            return vec![i];
        }
        if placeholder {
            return candidates.unwrap_or_default().to_vec();
        }
        // The target may be the one holding placeholders while the reference is concrete.
        provider_path(id)
            .map(|pp| {
                self.placeholders_by_provider_path
                    .get(rs, Key("", pp))
                    .to_vec()
            })
            .unwrap_or_default()
    }

    /// The parents of resource `i` in the scan: named by the resource itself
    /// (Terraform), else read from its id. Several when a name is ambiguous.
    pub fn parent_of(&self, i: usize) -> Vec<usize> {
        let r = &self.resources[i];
        let found = match r.parent.as_deref() {
            Some(ParentRef::Id(id)) => self.resolve(id),
            Some(ParentRef::Named { r#type, name }) => self
                .by_type_name
                .get(&self.resources, Key(r#type, name))
                .to_vec(),
            None => parent_id(&r.id)
                .map(|p| self.resolve(p))
                .unwrap_or_default(),
        };
        found.into_iter().filter(|&p| p != i).collect()
    }

    pub fn get(&self, id: &str) -> Option<&Resource> {
        self.by_id
            .get(&self.resources, Key("", id))
            .first()
            .map(|&i| &self.resources[i])
    }

    /// The position of the resource whose id is exactly `id`.
    pub(super) fn position_of_exact(&self, id: &str) -> Option<usize> {
        self.by_id
            .get(&self.resources, Key("", id))
            .first()
            .copied()
            .filter(|&i| *self.resources[i].id == *id)
    }

    /// The policy input: resources, edges and indexes as one Rego value. Bodies are
    /// shared with the graph.
    ///
    /// Building it sheds what only the build needs, so that a tenant's scan
    /// evaluates its rules without holding it: every edge but the peerings
    /// (reports draw them), and the lookup of parents by name.
    pub fn to_policy_input(&mut self, topology: &crate::config::Topology) -> regorus::Value {
        let input = input::build(self, topology);
        self.by_type_name = Lookup::default();
        input
    }
}

/// A resource as an Azure Resource Graph row (`--write-graph`): the envelope
/// fields Resource Graph has, then the ARM body.
pub fn export_row(r: &Resource) -> serde_json::Value {
    let mut row = serde_json::Map::new();
    row.insert("id".into(), r.id.to_string().into());
    let text = |t: &Option<std::sync::Arc<str>>| t.as_deref().into();
    row.insert("type".into(), r.r#type.as_ref().into());
    row.insert("name".into(), text(&r.name));
    row.insert("location".into(), text(&r.location));
    row.insert("subscriptionId".into(), text(&r.subscription));
    row.insert("resourceGroup".into(), text(&r.resource_group));
    row.insert(
        "tags".into(),
        serde_json::Value::Object(
            r.tags
                .iter()
                .map(|(k, v)| (k.to_string(), v.into()))
                .collect(),
        ),
    );
    if let serde_json::Value::Object(body) = r.body_json() {
        row.extend(body);
    }
    serde_json::Value::Object(row)
}

fn has_placeholder(id: &str) -> bool {
    id.contains('{')
        && (find_ignore_case(id, SUBSCRIPTION_PLACEHOLDER).is_some()
            || find_ignore_case(id, RESOURCE_GROUP_PLACEHOLDER).is_some())
}

/// `/subscriptions/x/resourceGroups/y/providers/A.B/c/n` → `A.B/c/n`.
fn provider_path(id: &str) -> Option<&str> {
    const PROVIDERS: &str = "/providers/";
    find_ignore_case(id, PROVIDERS)
        .map(|i| &id[i + PROVIDERS.len()..])
        .filter(|p| !p.is_empty())
}

/// Where `needle` (ASCII, starting with a `/` or `{`) first occurs in
/// `haystack`, ignoring ASCII case.
fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let first = char::from(*n.first()?);
    // The candidates are the few places holding the first character, found by
    // the standard library's byte search rather than byte by byte.
    haystack.match_indices(first).map(|(i, _)| i).find(|&i| {
        h.get(i..i + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

/// The groups of resources (among `positions`, ascending) whose ids are equal
/// ignoring case, each in position order.
pub fn repeated_ids(resources: &[Resource], positions: &[usize]) -> Vec<Vec<usize>> {
    Lookup::build(resources, id_key, positions)
        .shared()
        .map(<[usize]>::to_vec)
        .collect()
}

/// The graph's lookups, built side by side: each inserts a million keys one by
/// one at tenant scale.
struct Lookups {
    by_id: Lookup,
    by_provider_path: Lookup,
    placeholders_by_provider_path: Lookup,
    by_type_name: Lookup,
}

impl Lookups {
    fn build(resources: &[Resource], all: &[usize]) -> Lookups {
        let ((by_id, by_type_name), (by_provider_path, placeholders_by_provider_path)) =
            rayon::join(
                || {
                    rayon::join(
                        || Lookup::build(resources, id_key, all),
                        || Lookup::build(resources, type_name_key, all),
                    )
                },
                || {
                    rayon::join(
                        || Lookup::build(resources, provider_path_key, all),
                        || {
                            let placeholders: Vec<usize> = all
                                .par_iter()
                                .copied()
                                .filter(|&i| has_placeholder(&resources[i].id))
                                .collect();
                            Lookup::build(resources, provider_path_key, &placeholders)
                        },
                    )
                },
            );
        Lookups {
            by_id,
            by_provider_path,
            placeholders_by_provider_path,
            by_type_name,
        }
    }
}

fn id_key(r: &Resource) -> Option<Key<'_>> {
    Some(Key("", &r.id))
}

fn provider_path_key(r: &Resource) -> Option<Key<'_>> {
    provider_path(&r.id).map(|pp| Key("", pp))
}

fn type_name_key(r: &Resource) -> Option<Key<'_>> {
    r.name.as_deref().map(|n| Key(&r.r#type, n))
}

/// True when a string looks like an ARM resource id.
pub fn looks_like_resource_id(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() == Some(&b'/')
        && s.len() < 2048
        && (s
            .get(..15)
            .is_some_and(|p| p.eq_ignore_ascii_case("/subscriptions/"))
            || s.get(..11)
                .is_some_and(|p| p.eq_ignore_ascii_case("/providers/")))
}

#[cfg(test)]
pub(crate) mod testutil {
    use super::*;
    use crate::source::Region;
    use serde_json::{json, Value as Json};

    /// A resource for graph tests: `body` is the ARM body without type/name/tags.
    pub fn resource(id: &str, ty: &str, body: Json) -> Resource {
        Resource {
            id: id.into(),
            r#type: ty.into(),
            name: id.rsplit('/').next().map(Into::into),
            location: None,
            subscription: None,
            resource_group: None,
            tags: Default::default(),
            body: body::from_json(body),
            unknown: Default::default(),
            source: SourceInfo {
                format: Format::Arm,
                file: "t.json".into(),
                region: Region::default(),
                properties: Default::default(),
            },
            ignores: Vec::new(),
            parent: None,
        }
    }

    pub fn sa(name: &str) -> Resource {
        resource(
            &format!("/subscriptions/{{subscriptionId}}/resourceGroups/{{resourceGroupName}}/providers/Microsoft.Storage/storageAccounts/{name}"),
            "Microsoft.Storage/storageAccounts",
            json!({"properties": {}}),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::*;
    use super::*;

    #[test]
    fn ids_are_searched_ignoring_case() {
        let id = "/subscriptions/{SubscriptionId}/resourceGroups/rg/PROVIDERS/A.B/c/n";
        assert_eq!(provider_path(id), Some("A.B/c/n"));
        assert!(has_placeholder(id));
        assert!(!has_placeholder(
            "/subscriptions/s/resourceGroups/{x}/providers/A.B/c/n"
        ));
        assert!(has_placeholder(
            "/subscriptions/s/resourceGroups/{RESOURCEGROUPNAME}"
        ));
        assert_eq!(provider_path("/subscriptions/s/providers/"), None);
        assert_eq!(provider_path("/providers"), None);
        assert_eq!(find_ignore_case("a/b/PROVIDERS/", "/providers/"), Some(3));
        assert_eq!(find_ignore_case("", "/x"), None);
    }

    #[test]
    fn resolves_case_insensitively_and_by_provider_path() {
        let g = Graph::build(vec![sa("data")]);
        assert_eq!(
            g.resolve("/SUBSCRIPTIONS/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/microsoft.storage/storageaccounts/DATA").len(),
            1
        );
        // A concrete id matches a template resource whose scope is unknown.
        assert_eq!(
            g.resolve("/subscriptions/1111/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data").len(),
            1
        );
        assert!(g.resolve("/subscriptions/1111/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/other").is_empty());
    }

    #[test]
    fn a_renamed_resource_keeps_its_body_without_the_stale_envelope() {
        let mut b = sa("data");
        b.source.file = "z.json".into();
        b.body = input::resource_value(&b);
        assert!(b.body_is_input());
        let rest = sa("data").body_json();
        let mut g = Graph::build(vec![sa("data"), b]);
        assert!(g.resources[1].id.contains("#2/"));
        assert!(!g.resources[1].body_is_input());
        assert_eq!(g.resources[1].body_json(), rest);
        // Its input object carries the new id.
        let v = serde_json::to_value(g.to_policy_input(&Default::default())).unwrap_or_default();
        assert_eq!(
            v["resources"][1]["id"],
            serde_json::json!(&*g.resources[1].id)
        );
    }

    #[test]
    fn duplicate_ids_are_made_unique_and_still_resolve_by_name() {
        let mut b = sa("data");
        b.source.file = "z.json".into();
        let g = Graph::build(vec![sa("data"), b]);
        assert_ne!(g.resources[0].id, g.resources[1].id);
        assert!(g.resources[1].id.contains("#2/providers/"));
        assert_eq!(
            g.resolve(&sa("data").id.replace("{subscriptionId}", "s1"))
                .len(),
            2
        );
    }

    #[test]
    fn concrete_ids_do_not_match_other_subscriptions() {
        let mut a = sa("data");
        a.id =
            "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data"
                .into();
        let g = Graph::build(vec![a]);
        assert!(g.resolve("/subscriptions/2/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data").is_empty());
    }

    #[test]
    fn recognises_resource_ids() {
        assert!(looks_like_resource_id("/subscriptions/x/resourceGroups/y"));
        assert!(looks_like_resource_id(
            "/providers/Microsoft.Management/managementGroups/x"
        ));
        assert!(!looks_like_resource_id("subscriptions/x"));
        assert!(!looks_like_resource_id("/etc/passwd"));
    }
}
