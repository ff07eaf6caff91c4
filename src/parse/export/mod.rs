//! Exported tenant state: Azure Resource Graph results (`az graph query -o json`,
//! plain arrays of rows, JSON Lines), `az resource list`, `az consumption budget
//! list` and `ResourceContainers` rows (subscriptions and resource groups).
//!
//! Exports can be far larger than templates, so a file is streamed: [`rows`] cuts
//! it into rows, a pool of threads parses them in batches, and only the resources
//! stay in memory. Each resource points at its row's lines.

pub mod rows;

use super::Parsed;
use crate::discover::{Input, Kind};
use crate::finding::Diagnostic;
use crate::graph::model::{tags_from_json, Tags};
use crate::graph::{body, Format, Resource, SourceInfo};
use crate::source::Region;
use crate::value::UnknownPaths;
use regorus::Value;
use rows::{Row, RowError, Rows};
use serde_json::{Map, Value as Json};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufReader, Read};
use std::sync::{mpsc, Arc, Mutex, OnceLock};

/// Rows parsed per batch: large enough to amortise the hand-off, small enough
/// that every thread gets work on a 1k-row file.
const BATCH: usize = 256;

/// Row errors reported one by one per file; the rest are counted.
const MAX_ROW_ERRORS: usize = 50;

/// Keys of a row that describe the resource rather than its ARM body.
const ENVELOPE: [&str; 10] = [
    "id",
    "name",
    "type",
    "location",
    "tags",
    "resourceGroup",
    "subscriptionId",
    "tenantId",
    "etag",
    "systemData",
];

/// Keys `az resource list` adds beside the body; when a row holds nothing else,
/// its properties were not exported.
const LIST_ONLY: [&str; 10] = [
    "sku",
    "kind",
    "identity",
    "zones",
    "plan",
    "managedBy",
    "extendedLocation",
    "createdTime",
    "changedTime",
    "provisioningState",
];

/// True when a `.json` file is an export: its first row (within the first MiB) is
/// an object with an `id` and a `type`.
pub fn is_export(path: &std::path::Path) -> bool {
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    let mut rows = Rows::sniff(BufReader::new(f.take(1 << 20)));
    match rows.next() {
        Some(Ok(row)) => serde_json::from_slice::<Map<String, Json>>(&row.bytes)
            .is_ok_and(|o| o.get("id").is_some_and(Json::is_string) && o.contains_key("type")),
        _ => false,
    }
}

/// Reads one export file.
pub fn read(input: &Input) -> Parsed {
    let mut parsed = Parsed {
        recognised: true,
        ..Parsed::default()
    };
    let file = match std::fs::File::open(&input.path) {
        Ok(f) => f,
        Err(e) => {
            parsed.diagnostics.push(Diagnostic::error(
                &input.display,
                None,
                format!("cannot read: {e}"),
            ));
            return parsed;
        }
    };
    let reader = BufReader::with_capacity(1 << 16, file);
    let rows = if input.kind == Kind::JsonLines {
        Rows::lines(reader)
    } else {
        Rows::new(reader)
    };
    let (resources, mut errors) = read_rows(rows, &input.display);
    parsed.resources = resources;
    let extra = errors.len().saturating_sub(MAX_ROW_ERRORS);
    errors.truncate(MAX_ROW_ERRORS);
    if extra > 0 {
        errors.push(Diagnostic::error(
            &input.display,
            None,
            format!("{extra} more rows could not be read"),
        ));
    }
    parsed.diagnostics = errors;
    parsed
}

/// Parses rows on a pool of threads (as many as the current rayon pool has),
/// keeping their order.
fn read_rows<R: std::io::BufRead>(
    mut rows: Rows<R>,
    file: &str,
) -> (Vec<Resource>, Vec<Diagnostic>) {
    let threads = rayon::current_num_threads().max(1);
    let (tx, rx) = mpsc::sync_channel::<(usize, Vec<Row>)>(threads * 2);
    let rx = Mutex::new(rx);
    let mut split_error = None;
    let mut batches: Vec<(usize, Vec<Resource>, Vec<Diagnostic>)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let rx = &rx;
                s.spawn(move || {
                    let mut out = Vec::new();
                    loop {
                        let next = rx.lock().ok().and_then(|r| r.recv().ok());
                        let Some((n, batch)) = next else {
                            break;
                        };
                        let mut resources = Vec::with_capacity(batch.len());
                        let mut errors = Vec::new();
                        for row in batch {
                            match to_resource(&row, file) {
                                Ok(r) => resources.push(r),
                                Err(m) => errors.push(Diagnostic::error(
                                    file,
                                    Some(line_region(row.line, row.end_line)),
                                    m,
                                )),
                            }
                        }
                        out.push((n, resources, errors));
                    }
                    out
                })
            })
            .collect();
        let mut n = 0;
        let mut batch = Vec::with_capacity(BATCH);
        for row in rows.by_ref() {
            match row {
                Ok(r) => {
                    batch.push(r);
                    if batch.len() == BATCH {
                        if tx.send((n, std::mem::take(&mut batch))).is_err() {
                            break;
                        }
                        n += 1;
                    }
                }
                Err(e) => split_error = Some(e),
            }
        }
        if !batch.is_empty() {
            let _ = tx.send((n, batch));
        }
        drop(tx);
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    batches.sort_by_key(|b| b.0);
    // Sized once: at a million rows, growing by doubling copies the rows again.
    let mut resources = Vec::with_capacity(batches.iter().map(|b| b.1.len()).sum());
    let mut errors = Vec::new();
    for (_, r, e) in batches {
        resources.extend(r);
        errors.extend(e);
    }
    if let Some(e) = split_error {
        let line = match &e {
            RowError::Truncated { line, .. } | RowError::Syntax { line, .. } => Some(*line),
            RowError::Io(_) => None,
        };
        let message = match &e {
            RowError::Syntax { message, .. } => message.clone(),
            other => other.to_string(),
        };
        errors.push(Diagnostic::error(
            file,
            line.map(|l| line_region(l, l)),
            message,
        ));
    }
    (resources, errors)
}

fn line_region(line: usize, end_line: usize) -> Region {
    Region {
        start_line: line,
        start_column: 1,
        end_line,
        end_column: 1,
    }
}

/// One row as a canonical resource. The row is parsed straight into the body
/// value the rules read; only the envelope is copied out.
fn to_resource(row: &Row, file: &str) -> Result<Resource, String> {
    let row_members = match body::parse_top(&row.bytes).map_err(|e| format!("invalid row: {e}"))? {
        body::Top::Members(m) => m,
        body::Top::Other(v) => {
            return Err(format!(
                "a row must be an object with an id and a type, found {}",
                body::kind(&v)
            ))
        }
    };
    // A repeated member counts with its last value, as in an object.
    let get = |k: &str| {
        row_members
            .iter()
            .rev()
            .find(|(m, _)| body::as_str(m) == Some(k))
            .map(|(_, v)| v)
    };
    // The envelope keeps the row's own strings, shared rather than copied.
    let text = |k: &str| match get(k) {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    };
    let id = text("id").ok_or("the row has no `id`")?;
    let ty = text("type")
        .map(|t| body::shared_str(&canonical_type(&t)))
        .ok_or_else(|| format!("the row for {id} has no `type`"))?;
    let name = text("name").or_else(|| id.rsplit('/').next().map(Arc::from));
    let location = text("location");
    let subscription = text("subscriptionId").or_else(|| id_segment(&id, "subscriptions"));
    let resource_group = text("resourceGroup").or_else(|| id_segment(&id, "resourcegroups"));
    // Resource Graph's tags are string values: kept as read. Other shapes
    // (numbers, nulls) go through the rule every parser applies.
    let tags = match get("tags") {
        Some(v) => Tags::from_value(v).unwrap_or_else(|| match body::to_json(v) {
            Json::Object(t) => tags_from_json(t),
            _ => Tags::new(),
        }),
        None => Tags::new(),
    };

    let mut members: BTreeMap<Value, Value> = row_members
        .into_iter()
        .filter(|(k, _)| !body::as_str(k).is_some_and(|k| ENVELOPE.contains(&k)))
        .collect();
    let mut unknown = UnknownPaths::new();
    let properties = body::key("properties");
    if !matches!(members.get(&properties), Some(Value::Object(_))) {
        members.remove(&properties);
        let (envelope, flat): (BTreeMap<Value, Value>, BTreeMap<Value, Value>) = members
            .into_iter()
            .partition(|(k, _)| body::as_str(k).is_some_and(|k| LIST_ONLY.contains(&k)));
        members = envelope;
        if flat.is_empty() {
            // `az resource list` leaves properties out: they are unknown, not
            // empty, so no rule may judge them.
            unknown.insert("properties".into(), Default::default());
            members.insert(properties, body::empty());
        } else {
            // `az ... list` commands flatten the properties into the row.
            members.insert(properties, Value::from(flat));
        }
    }
    let mut r = Resource {
        id,
        r#type: ty,
        name,
        location,
        subscription,
        resource_group,
        tags,
        body: Value::Null,
        unknown,
        source: SourceInfo {
            format: Format::Export,
            file: file.to_string(),
            region: line_region(row.line, row.end_line),
            properties: BTreeMap::new(),
        },
        ignores: Vec::new(),
        parent: None,
    };
    // The body is built as the row's rule-input object here, on the parse
    // threads: a tenant's resources are then held as one object each.
    members.extend(crate::graph::input::envelope(&r));
    r.body = Value::from(members);
    Ok(r)
}

/// The segment after `/<key>/` in an id (case-insensitive key).
fn id_segment(id: &str, key: &str) -> Option<Arc<str>> {
    let mut it = id.split('/');
    while let Some(s) = it.next() {
        if s.eq_ignore_ascii_case(key) {
            return it.next().filter(|v| !v.is_empty()).map(Arc::from);
        }
    }
    None
}

/// The ARM casing of a type Resource Graph wrote in lower case.
pub fn canonical_type(t: &str) -> String {
    static TYPES: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let map = TYPES.get_or_init(|| {
        let mut m: HashMap<String, &'static str> = include_str!("types.txt")
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| (l.to_ascii_lowercase(), l))
            .collect();
        // Resource Graph's name for resource groups in ResourceContainers.
        m.insert(
            "microsoft.resources/subscriptions/resourcegroups".into(),
            "Microsoft.Resources/resourceGroups",
        );
        m
    });
    map.get(&t.to_ascii_lowercase())
        .map_or_else(|| t.to_string(), |c| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(text: &str) -> Row {
        Row {
            line: 7,
            end_line: 9,
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn resource_graph_rows_become_canonical_resources() {
        let r = to_resource(
            &row(
                r#"{"id": "/subscriptions/S/resourceGroups/RG/providers/Microsoft.Storage/storageAccounts/sa1",
                "type": "microsoft.storage/storageaccounts", "name": "sa1", "location": "westeurope",
                "resourceGroup": "rg", "subscriptionId": "S", "tags": {"env": "prod", "n": 1, "x": null},
                "sku": {"name": "Standard_LRS"}, "kind": "StorageV2", "tenantId": "T",
                "properties": {"publicNetworkAccess": "Enabled"}}"#,
            ),
            "e.json",
        );
        let r = r.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&*r.r#type, "Microsoft.Storage/storageAccounts");
        assert_eq!(r.subscription.as_deref(), Some("S"));
        assert_eq!(r.resource_group.as_deref(), Some("rg"));
        assert_eq!(r.tags.get("n"), Some("1"));
        assert!(!r.tags.contains_key("x"));
        assert!(r.body_json().get("sku").is_some() && r.body_json().get("tenantId").is_none());
        assert!(r.unknown.is_empty());
        assert_eq!(r.source.region.start_line, 7);
        assert_eq!(r.source.format, Format::Export);
    }

    #[test]
    fn a_repeated_row_member_counts_with_its_last_value() {
        let text = r#"{"id": "/subscriptions/S/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv",
            "type": "Microsoft.KeyVault/vaults", "name": "first", "sku": {"name": "standard"},
            "name": "kv", "sku": {"name": "premium"}}"#;
        let r = to_resource(&row(text), "e.json").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.name.as_deref(), Some("kv"));
        assert_eq!(r.body_json()["sku"]["name"], "premium");
        for other in ["[1, 2]", "\"text\"", "null", "7"] {
            let e = to_resource(&row(other), "e.json").err().unwrap_or_default();
            assert!(e.starts_with("a row must be an object"), "{other}: {e}");
        }
    }

    #[test]
    fn a_row_body_is_its_rule_input_object_and_reads_as_the_rest() {
        let text = r#"{"id": "/subscriptions/S/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv",
            "type": "microsoft.keyvault/vaults", "name": "kv", "location": "westeurope", "tags": {"env": "prod"},
            "sku": {"name": "premium"}, "properties": {"publicNetworkAccess": "Disabled"}}"#;
        let r = to_resource(&row(text), "e.json").unwrap_or_else(|e| panic!("{e}"));
        assert!(r.body_is_input());
        // Readers of the body see the rest of the ARM body only.
        let rest: Vec<&str> = r
            .body_members()
            .filter_map(|(k, _)| body::as_str(k))
            .collect();
        assert_eq!(rest, ["properties", "sku"]);
        assert_eq!(
            r.body_json(),
            serde_json::json!({"properties": {"publicNetworkAccess": "Disabled"}, "sku": {"name": "premium"}})
        );
        // The object is the one the rule input would build from the resource.
        let mut detached = r.clone();
        detached.detach_input_body();
        assert!(!detached.body_is_input());
        assert_eq!(detached.body_json(), r.body_json());
        assert_eq!(crate::graph::input::resource_value(&detached), r.body);
        // A renamed resource no longer takes its body for its input object.
        let mut renamed = r.clone();
        renamed.id = Arc::from(format!("{}#2", r.id));
        assert!(!renamed.body_is_input());
    }

    #[test]
    fn resource_list_rows_have_unknown_properties_and_budgets_flat_ones() {
        let r = to_resource(
            &row(r#"{"id": "/subscriptions/S/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv", "type": "Microsoft.KeyVault/vaults", "sku": null, "properties": null}"#),
            "l.json",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(r.is_unknown("properties.enablePurgeProtection"));
        assert_eq!(r.subscription.as_deref(), Some("S"));
        assert_eq!(r.resource_group.as_deref(), Some("rg"));
        let b = to_resource(
            &row(r#"{"id": "/subscriptions/S/providers/Microsoft.Consumption/budgets/ai", "type": "Microsoft.Consumption/budgets",
                "name": "ai", "amount": 1000, "notifications": {"a": {"threshold": 80}}}"#),
            "b.json",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(b.unknown.is_empty());
        assert_eq!(b.body_json()["properties"]["amount"], 1000);
        assert_eq!(b.subscription.as_deref(), Some("S"));
    }

    #[test]
    fn bad_rows_say_what_is_missing() {
        assert!(to_resource(&row("[1]"), "f").is_err_and(|e| e.contains("found array")));
        assert!(to_resource(&row(r#"{"type": "x"}"#), "f").is_err_and(|e| e.contains("no `id`")));
        assert!(to_resource(&row(r#"{"id": "/a"}"#), "f").is_err_and(|e| e.contains("no `type`")));
        assert!(to_resource(&row("{"), "f").is_err_and(|e| e.contains("invalid row")));
    }

    #[test]
    fn containers_and_types() {
        assert_eq!(
            canonical_type("microsoft.resources/subscriptions/resourcegroups"),
            "Microsoft.Resources/resourceGroups"
        );
        assert_eq!(
            canonical_type("MICROSOFT.NETWORK/VIRTUALNETWORKS"),
            "Microsoft.Network/virtualNetworks"
        );
        assert_eq!(canonical_type("contoso.x/y"), "contoso.x/y");
    }

    #[test]
    fn rows_keep_their_order_across_threads() {
        let text: String = std::iter::once("[".to_string())
            .chain((0..2000).map(|i| {
                format!(
                    "{}{{\"id\": \"/subscriptions/s/providers/A.B/c/r{i}\", \"type\": \"A.B/c\", \"properties\": {{}}}}\n",
                    if i == 0 { "" } else { "," }
                )
            }))
            .chain(std::iter::once("]".to_string()))
            .collect();
        let (rs, errs) = read_rows(Rows::new(text.as_bytes()), "f");
        assert!(errs.is_empty());
        assert_eq!(rs.len(), 2000);
        assert!(rs
            .iter()
            .enumerate()
            .all(|(i, r)| r.name.as_deref() == Some(&format!("r{i}"))));
        assert_eq!(rs[1999].source.region.start_line, 2000);
    }

    proptest! {
        #[test]
        fn arbitrary_rows_never_panic(text in "\\PC{0,300}") {
            let _ = to_resource(&row(&text), "f");
        }

        #[test]
        fn arbitrary_row_shapes_never_panic(
            id in proptest::option::of("[ -~]{0,40}"),
            ty in proptest::option::of("[ -~]{0,40}"),
            props in prop_oneof![Just("null"), Just("1"), Just("[]"), Just("{\"a\": {\"b\": [1]}}")],
            tags in prop_oneof![Just("null"), Just("\"x\""), Just("{\"a\": [1]}"), Just("{\"a\": \"b\"}")],
        ) {
            let mut o = serde_json::Map::new();
            if let Some(i) = id { o.insert("id".into(), Json::from(i)); }
            if let Some(t) = ty { o.insert("type".into(), Json::from(t)); }
            o.insert("properties".into(), serde_json::from_str(props).unwrap_or_default());
            o.insert("tags".into(), serde_json::from_str(tags).unwrap_or_default());
            let text = Json::Object(o).to_string();
            let _ = to_resource(&row(&text), "f");
        }
    }
}
