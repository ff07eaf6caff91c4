//! The canonical resource model: what every parser produces and every rule reads.

use crate::source::{Directive, Region};
use crate::value::UnknownPaths;
use serde::Serialize;
use serde_json::{Map, Value as Json};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// The input format a resource was read from. Rules never see it; reports do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Arm,
    Terraform,
    Plan,
    Bicep,
    Export,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Arm => "arm",
            Format::Terraform => "terraform",
            Format::Plan => "plan",
            Format::Bicep => "bicep",
            Format::Export => "export",
        })
    }
}

/// Where a resource was declared, and where each of its properties was.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceInfo {
    pub format: Format,
    /// The file as reports show it.
    pub file: String,
    pub region: Region,
    /// Dotted property path (`properties.publicNetworkAccess`) → its region.
    pub properties: BTreeMap<String, Region>,
}

impl SourceInfo {
    /// The region of `path` or of its nearest ancestor the parser located; the
    /// resource itself when none is known (an absent property takes its default, so
    /// the finding belongs to the declaration).
    pub fn region_of(&self, path: Option<&str>) -> Region {
        let mut p = match path {
            Some(p) => p,
            None => return self.region,
        };
        loop {
            if let Some(r) = self.properties.get(p) {
                return *r;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.region,
            }
        }
    }
}

/// The members the rule input adds to a body (see `graph/input.rs`).
pub const INPUT_ENVELOPE: [&str; 8] = [
    "id",
    "type",
    "name",
    "location",
    "subscription",
    "resource_group",
    "tags",
    "unknown",
];

/// One Azure resource in canonical, ARM-shaped form.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// Stable identity: a real ARM id for exported state, a source-derived id for code.
    pub id: Arc<str>,
    /// ARM resource type, e.g. `Microsoft.Storage/storageAccounts`.
    pub r#type: Arc<str>,
    pub name: Option<Arc<str>>,
    pub location: Option<Arc<str>>,
    pub subscription: Option<Arc<str>>,
    pub resource_group: Option<Arc<str>>,
    pub tags: Tags,
    /// The rest of the ARM body: `sku`, `kind`, `identity`, `zones`, `properties`,
    /// ... as an object value (see [`super::body`]), shared with the policy input.
    /// An exported row's body is its whole rule-input object, envelope included
    /// (see [`Resource::body_is_input`]); read the rest through
    /// [`Resource::body_members`] or [`Resource::body_json`].
    pub body: regorus::Value,
    /// Paths whose values could not be resolved, with the resources they depend on.
    pub unknown: UnknownPaths,
    pub source: SourceInfo,
    /// `lzscan:ignore` directives written on the resource (comments, ARM metadata).
    pub ignores: Vec<Directive>,
    /// The parent, where the id does not say (Terraform writes child resources
    /// apart, naming their parent by id or by name). Boxed: rare, and a tenant
    /// holds a million resources.
    pub parent: Option<Box<ParentRef>>,
}

/// How a child resource names its parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParentRef {
    /// The parent's id, or an address of the resource it comes from.
    Id(String),
    /// The parent's ARM type and name (`virtual_network_name`).
    Named { r#type: String, name: String },
}

impl Resource {
    /// A short human label: `Microsoft.Storage/storageAccounts 'data'`.
    pub fn label(&self) -> String {
        match &self.name {
            Some(n) => format!("{} '{}'", self.r#type, n),
            None => self.r#type.to_string(),
        }
    }

    /// The body as JSON, without the envelope when the body is the rule input.
    pub fn body_json(&self) -> Json {
        if !self.body_is_input() {
            return super::body::to_json(&self.body);
        }
        Json::Object(
            self.body_members()
                .filter_map(|(k, v)| {
                    super::body::as_str(k).map(|k| (k.to_string(), super::body::to_json(v)))
                })
                .collect(),
        )
    }

    /// True when `body` already is this resource's rule-input object: the
    /// envelope (`id`, `type`, `name`, ... see [`INPUT_ENVELOPE`]) merged with the
    /// body. Exports build it while parsing, on every parse thread, so that a
    /// tenant's resources are not held as two objects each. It holds this very id,
    /// so a resource renamed since is told apart.
    pub fn body_is_input(&self) -> bool {
        let regorus::Value::Object(o) = &self.body else {
            return false;
        };
        matches!(
            o.get(&super::body::key("id")),
            Some(regorus::Value::String(id)) if Arc::ptr_eq(id, &self.id)
        )
    }

    /// The members of the ARM body, without the rule-input envelope.
    pub fn body_members(&self) -> impl Iterator<Item = (&regorus::Value, &regorus::Value)> {
        let input = self.body_is_input();
        let members = match &self.body {
            regorus::Value::Object(o) => Some(o.iter()),
            _ => None,
        };
        members.into_iter().flatten().filter(move |(k, _)| {
            !input || !super::body::as_str(k).is_some_and(|k| INPUT_ENVELOPE.contains(&k))
        })
    }

    /// Turns a rule-input `body` back into the rest of the ARM body, before the
    /// envelope changes.
    pub fn detach_input_body(&mut self) {
        if self.body_is_input() {
            self.body = regorus::Value::from(self.body_map());
        }
    }

    /// [`Resource::body_members`] as a map of shared values, to build an object from.
    pub(crate) fn body_map(&self) -> BTreeMap<regorus::Value, regorus::Value> {
        self.body_members()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// True when `path` or one of its ancestors is unknown.
    pub fn is_unknown(&self, path: &str) -> bool {
        self.unknown.keys().any(|u| path_covers(u, path))
    }
}

/// A resource's tags: names to string values, held as one rule-input object
/// whose strings are shared, so that the graph and the policy input hold a
/// tenant's tags once (a `BTreeMap` of owned strings took ~700 bytes a resource).
#[derive(Clone, PartialEq)]
pub struct Tags(regorus::Value);

impl Tags {
    pub fn new() -> Tags {
        Tags(super::body::empty())
    }

    /// Tags from an object value whose members are all strings (an exported row's
    /// `tags`), kept as they are; `None` for any other shape.
    pub fn from_value(v: &regorus::Value) -> Option<Tags> {
        let regorus::Value::Object(o) = v else {
            return None;
        };
        o.iter()
            .all(|(k, v)| {
                matches!(k, regorus::Value::String(_)) && matches!(v, regorus::Value::String(_))
            })
            .then(|| Tags(v.clone()))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// Name and value pairs, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        let members = match &self.0 {
            regorus::Value::Object(o) => Some(o.iter()),
            _ => None,
        };
        members
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| Some((super::body::as_str(k)?, super::body::as_str(v)?)))
    }

    /// Sets a tag (rebuilds the object: tags are few and set rarely).
    pub fn insert(&mut self, name: &str, value: &str) {
        let mut all: BTreeMap<&str, &str> = self.iter().collect();
        all.insert(name, value);
        *self = all.into_iter().collect();
    }

    /// The tags as the rule input's `tags` object (shared, not copied).
    pub fn value(&self) -> regorus::Value {
        self.0.clone()
    }
}

impl Default for Tags {
    fn default() -> Tags {
        Tags::new()
    }
}

impl fmt::Debug for Tags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for Tags {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Tags {
        use super::body::{key, text};
        Tags(regorus::Value::from(
            pairs
                .into_iter()
                .map(|(k, v)| (key(k.as_ref()), text(v.as_ref())))
                .collect::<BTreeMap<_, _>>(),
        ))
    }
}

impl From<BTreeMap<String, String>> for Tags {
    fn from(m: BTreeMap<String, String>) -> Tags {
        m.into_iter().collect()
    }
}

/// Tags as ARM holds them: string values; a number or boolean written as a tag
/// value is its text, a null tag is no tag.
pub fn tags_from_json(o: Map<String, Json>) -> Tags {
    o.into_iter()
        .filter_map(|(k, v)| match v {
            Json::String(s) => Some((k, s)),
            Json::Null => None,
            other => Some((k, other.to_string())),
        })
        .collect()
}

/// True when `path` is `ancestor` or lies below it (`a.b` covers `a.b.c` and `a.b[0]`).
pub fn path_covers(ancestor: &str, path: &str) -> bool {
    path.starts_with(ancestor)
        && (path.len() == ancestor.len()
            || matches!(path.as_bytes().get(ancestor.len()), Some(b'.') | Some(b'[')))
}

/// The kinds of relation between resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// One resource uses another's id or attribute.
    Reference,
    /// A private endpoint connects to its target service.
    PrivateEndpoint,
    /// A VNet is peered to a remote VNet.
    Peering,
    /// A child resource belongs to its parent.
    Parent,
    /// A resource lives in a subscription.
    Scope,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Edge {
    pub kind: EdgeKind,
    pub from: Arc<str>,
    pub to: Arc<str>,
    /// False when `to` names nothing in the scan.
    pub resolved: bool,
    /// Positions in `Graph::resources` of the resources whose ids are exactly
    /// `from` and `to`, when they are: the rule input is built by position,
    /// without looking ids up.
    #[serde(skip)]
    pub from_at: Option<usize>,
    #[serde(skip)]
    pub to_at: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn res() -> Resource {
        let mut props = BTreeMap::new();
        let r = |l| Region {
            start_line: l,
            start_column: 1,
            end_line: l,
            end_column: 5,
        };
        props.insert("properties".to_string(), r(5));
        props.insert("properties.networkAcls".to_string(), r(7));
        let mut unknown = UnknownPaths::new();
        unknown.insert("properties.encryption".into(), Default::default());
        Resource {
            id: "x".into(),
            r#type: "Microsoft.Storage/storageAccounts".into(),
            name: Some("sa".into()),
            location: None,
            subscription: None,
            resource_group: None,
            tags: Tags::new(),
            body: super::super::body::empty(),
            unknown,
            source: SourceInfo {
                format: Format::Arm,
                file: "a.json".into(),
                region: r(2),
                properties: props,
            },
            ignores: Vec::new(),
            parent: None,
        }
    }

    #[test]
    fn region_falls_back_to_nearest_ancestor() {
        let r = res();
        assert_eq!(
            r.source
                .region_of(Some("properties.networkAcls.defaultAction"))
                .start_line,
            7
        );
        assert_eq!(
            r.source
                .region_of(Some("properties.minimumTlsVersion"))
                .start_line,
            5
        );
        assert_eq!(r.source.region_of(Some("sku.name")).start_line, 2);
        assert_eq!(r.source.region_of(None).start_line, 2);
    }

    #[test]
    fn unknown_covers_descendants_only() {
        let r = res();
        assert!(r.is_unknown("properties.encryption"));
        assert!(r.is_unknown("properties.encryption.services"));
        assert!(!r.is_unknown("properties.encryptionX"));
        assert!(!r.is_unknown("properties"));
    }

    #[test]
    fn tags_keep_strings_sort_by_name_and_convert_other_shapes() {
        let json = serde_json::json!({"b": "2", "a": 1, "gone": null, "c": true});
        let Json::Object(o) = json else { return };
        let mut t = tags_from_json(o);
        assert_eq!(
            t.iter().collect::<Vec<_>>(),
            vec![("a", "1"), ("b", "2"), ("c", "true")]
        );
        t.insert("a", "x");
        assert_eq!(t.get("a"), Some("x"));
        assert!(!t.contains_key("gone"));
        assert!(!t.is_empty() && Tags::new().is_empty());
        // An exported row's tags are kept as they are only when all are strings.
        let strings = super::super::body::from_json(serde_json::json!({"k": "v"}));
        assert_eq!(Tags::from_value(&strings).map(|t| t.value()), Some(strings));
        let mixed = super::super::body::from_json(serde_json::json!({"k": 1}));
        assert!(Tags::from_value(&mixed).is_none());
        assert_eq!(format!("{t:?}"), r#"{"a": "x", "b": "2", "c": "true"}"#);
    }
}
