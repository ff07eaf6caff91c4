//! `terraform show -json` plans: `resource_changes` (resources being deleted are not
//! findings), `after_unknown` (unknown, never a finding), and the `configuration`
//! section's references, which become edges, and provider configurations, which
//! give each resource its subscription. Recognised by content.

use super::module::ResourceInstance;
use crate::parse::json::Node;
use crate::source::{Region, SourceFile};
use crate::value::{Unknown, Val};
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// True when a JSON document is a Terraform plan.
pub fn is_plan(root: &Node) -> bool {
    root.get("format_version").is_some()
        && root.get("terraform_version").is_some()
        && (root.get("resource_changes").is_some() || root.get("planned_values").is_some())
}

/// References of one configured resource, by attribute path (`a`, `blk[0].b`).
type Refs = BTreeMap<String, Vec<String>>;

/// Collects `expressions` references per attribute path.
fn expression_refs(expr: &Json, prefix: &str, out: &mut Refs) {
    let Some(o) = expr.as_object() else { return };
    for (k, v) in o {
        let path = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        if let Some(refs) = v.get("references").and_then(Json::as_array) {
            out.insert(
                path,
                refs.iter()
                    .filter_map(|r| r.as_str().map(str::to_string))
                    .collect(),
            );
        } else if let Some(blocks) = v.as_array() {
            for (i, b) in blocks.iter().enumerate() {
                expression_refs(b, &format!("{path}[{i}]"), out);
            }
        }
    }
}

/// The configuration's resources (by config address, module path without keys)
/// and module outputs (by `module path` + `output`), with their references.
#[derive(Default)]
struct Config {
    resources: BTreeMap<String, Refs>,
    outputs: BTreeMap<String, Vec<String>>,
    /// Each resource's `provider_config_key` (a key of `provider_config`).
    providers: BTreeMap<String, String>,
}

fn walk_module(m: &Json, prefix: &str, cfg: &mut Config) {
    for r in m["resources"].as_array().into_iter().flatten() {
        if let Some(addr) = r["address"].as_str() {
            let mut refs = Refs::new();
            expression_refs(&r["expressions"], "", &mut refs);
            cfg.resources.insert(format!("{prefix}{addr}"), refs);
            if let Some(key) = r["provider_config_key"].as_str() {
                cfg.providers
                    .insert(format!("{prefix}{addr}"), key.to_string());
            }
        }
    }
    if let Some(outs) = m["outputs"].as_object() {
        for (name, o) in outs {
            let refs = o["expression"]["references"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|r| r.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            cfg.outputs.insert(format!("{prefix}{name}"), refs);
        }
    }
    if let Some(calls) = m["module_calls"].as_object() {
        for (name, c) in calls {
            walk_module(&c["module"], &format!("{prefix}module.{name}."), cfg);
        }
    }
}

/// The subscription of each provider configuration (by its `provider_config` key):
/// a constant `subscription_id`, or a root module variable's value (the plan's
/// `variables`) when the expression refers to that variable alone and its value is a
/// subscription id; else, for an aliased `azurerm` provider, the key
/// `azurerm.<alias>`, which stands for one subscription as it does for `.tf` files
/// (see `Instance::init_providers`). Terraform points a resource of a module that
/// was passed a provider (`providers = {...}`) at the caller's configuration, so
/// the key of a resource is enough.
fn provider_subscriptions(doc: &Json) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some(pcs) = doc["configuration"]["provider_config"].as_object() else {
        return out;
    };
    for (key, pc) in pcs {
        let expr = &pc["expressions"]["subscription_id"];
        let constant = expr["constant_value"]
            .as_str()
            .filter(|s| !s.trim().is_empty())
            .map(str::to_string);
        // Only the plan's root variables are known, and the expression is not in
        // the plan: a single `var.x` whose value is a GUID can only be that GUID.
        let root = pc["module_address"].as_str().unwrap_or_default().is_empty();
        let from_var = || {
            let refs = expr["references"].as_array()?;
            let [r] = refs.as_slice() else { return None };
            let name = r.as_str()?.strip_prefix("var.")?;
            let v = doc["variables"][name]["value"].as_str()?;
            (root && super::is_guid(v)).then(|| v.to_string())
        };
        let alias = pc["alias"].as_str().filter(|a| !a.is_empty());
        let name = pc["name"].as_str().unwrap_or_default();
        let sub = constant.or_else(from_var).or_else(|| {
            alias
                .filter(|_| name == "azurerm")
                .map(|a| format!("azurerm.{a}"))
        });
        if let Some(sub) = sub {
            out.insert(key.clone(), sub);
        }
    }
    out
}

/// `module.a["x"].module.b[0].azurerm_t.n["k"]` → `module.a.module.b.azurerm_t.n`.
pub fn config_address(address: &str) -> String {
    // Drop the root folder prefix (`dir:module.a...`), if any.
    let address = match address.find(':') {
        Some(i) if !address[..i].contains('[') => &address[i + 1..],
        _ => address,
    };
    let mut out = String::new();
    let mut depth = 0usize;
    let mut in_str = false;
    let mut prev = '\0';
    for c in address.chars() {
        match c {
            '"' if depth > 0 && prev != '\\' => in_str = !in_str,
            '[' if !in_str => depth += 1,
            ']' if !in_str => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
        prev = c;
    }
    out
}

/// Resolves a configuration reference written in module `prefix` to resource
/// instance addresses of the plan.
fn resolve(
    reference: &str,
    prefix: &str,
    cfg: &Config,
    by_config: &BTreeMap<String, Vec<String>>,
    depth: usize,
    out: &mut BTreeSet<String>,
) {
    if depth > 16 {
        return;
    }
    let parts: Vec<&str> = reference.split('.').collect();
    match parts.first() {
        Some(&"var") | Some(&"local") | Some(&"data") | Some(&"each") | Some(&"count")
        | Some(&"path") | Some(&"self") => {}
        Some(&"module") if parts.len() >= 3 => {
            let output = format!("{prefix}module.{}.{}", parts[1], parts[2]);
            let child_prefix = format!("{prefix}module.{}.", parts[1]);
            if let Some(refs) = cfg.outputs.get(&output) {
                for r in refs {
                    resolve(r, &child_prefix, cfg, by_config, depth + 1, out);
                }
            }
        }
        Some(_) if parts.len() >= 2 => {
            let base = format!("{prefix}{}.{}", parts[0], config_address(parts[1]));
            if let Some(instances) = by_config.get(&base) {
                out.extend(instances.iter().cloned());
            }
        }
        _ => {}
    }
}

/// `after` with `after_unknown` folded in: unknown leaves carry `refs(path)`.
fn merge(after: &Json, unknown: &Json, path: &str, refs: &dyn Fn(&str) -> BTreeSet<String>) -> Val {
    if unknown == &Json::Bool(true) {
        return Val::Unknown(Unknown { refs: refs(path) });
    }
    match (after, unknown) {
        (Json::Object(a), u) => {
            let mut m = BTreeMap::new();
            let keys: BTreeSet<&String> = a
                .keys()
                .chain(
                    u.as_object()
                        .map(|o| o.keys().collect::<Vec<_>>())
                        .unwrap_or_default(),
                )
                .collect();
            for k in keys {
                let child = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                let av = a.get(k).unwrap_or(&Json::Null);
                let uv = u.get(k).unwrap_or(&Json::Null);
                m.insert(k.clone(), merge(av, uv, &child, refs));
            }
            Val::Obj(m)
        }
        (Json::Array(a), u) => Val::Arr(
            a.iter()
                .enumerate()
                .map(|(i, x)| {
                    merge(
                        x,
                        u.get(i).unwrap_or(&Json::Null),
                        &format!("{path}[{i}]"),
                        refs,
                    )
                })
                .collect(),
        ),
        (Json::Null, Json::Object(_) | Json::Array(_)) => {
            Val::Unknown(Unknown { refs: refs(path) })
        }
        (other, _) => Val::from_json(other),
    }
}

/// The resource instances a plan will have after apply. Addresses (and the
/// references between them) get `id_prefix`, the root module's folder.
pub fn read(file: &Arc<SourceFile>, root: &Node, id_prefix: &str) -> Vec<ResourceInstance> {
    let doc = root.to_json();
    let mut cfg = Config::default();
    walk_module(&doc["configuration"]["root_module"], "", &mut cfg);
    let subscriptions = provider_subscriptions(&doc);
    let changes: Vec<&Json> = doc["resource_changes"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let mut by_config: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in &changes {
        if let Some(a) = c["address"].as_str() {
            by_config
                .entry(config_address(a))
                .or_default()
                .push(a.to_string());
        }
    }
    let spans: Vec<Region> = root
        .get("resource_changes")
        .and_then(Node::as_array)
        .map(|a| a.iter().map(|n| file.region(n.span)).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    for (i, c) in changes.iter().enumerate() {
        if c["mode"].as_str() != Some("managed") {
            continue;
        }
        let actions: Vec<&str> = c["change"]["actions"]
            .as_array()
            .map(|a| a.iter().filter_map(Json::as_str).collect())
            .unwrap_or_default();
        if actions == ["delete"] {
            continue;
        }
        let (Some(address), Some(ty)) = (c["address"].as_str(), c["type"].as_str()) else {
            continue;
        };
        let module_prefix = c["module_address"]
            .as_str()
            .map(|m| format!("{}.", config_address(m)))
            .unwrap_or_default();
        let expr_refs = cfg
            .resources
            .get(&config_address(address))
            .cloned()
            .unwrap_or_default();
        let subscription = cfg
            .providers
            .get(&config_address(address))
            .and_then(|k| subscriptions.get(k))
            .cloned();
        let refs = |path: &str| {
            let mut out = BTreeSet::new();
            // The references of the attribute itself or of the block holding it.
            let mut p = path;
            loop {
                let key = p.to_string();
                if let Some(rs) = expr_refs.get(&key) {
                    for r in rs {
                        resolve(r, &module_prefix, &cfg, &by_config, 0, &mut out);
                    }
                    break;
                }
                match p.rfind(['.', '[']) {
                    Some(j) => p = &p[..j],
                    None => break,
                }
            }
            out.remove(address);
            out.into_iter().map(|a| format!("{id_prefix}{a}")).collect()
        };
        let attrs = merge(
            &c["change"]["after"],
            &c["change"]["after_unknown"],
            "",
            &refs,
        );
        out.push(ResourceInstance {
            tf_type: ty.to_string(),
            address: format!("{id_prefix}{address}"),
            attrs,
            file: file.clone(),
            region: spans.get(i).copied().unwrap_or_default(),
            spans: BTreeMap::new(),
            subscription,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletes_are_skipped_unknowns_kept_and_references_resolved() {
        let text = r#"{
  "format_version": "1.2", "terraform_version": "1.9.8",
  "resource_changes": [
    {"address": "azurerm_storage_account.sa", "mode": "managed", "type": "azurerm_storage_account", "name": "sa",
     "change": {"actions": ["create"], "after": {"name": "data", "account_tier": "Standard", "account_replication_type": "LRS"},
                "after_unknown": {"id": true}}},
    {"address": "azurerm_storage_account.old", "mode": "managed", "type": "azurerm_storage_account", "name": "old",
     "change": {"actions": ["delete"], "after": null, "after_unknown": {}}},
    {"address": "data.azurerm_client_config.c", "mode": "data", "type": "azurerm_client_config", "name": "c",
     "change": {"actions": ["read"], "after": {}, "after_unknown": {}}},
    {"address": "azurerm_private_endpoint.pe", "mode": "managed", "type": "azurerm_private_endpoint", "name": "pe",
     "change": {"actions": ["create"], "after": {"name": "pe", "private_service_connection": [{"name": "blob"}]},
                "after_unknown": {"id": true, "private_service_connection": [{"private_connection_resource_id": true}]}}}
  ],
  "configuration": {"root_module": {"resources": [
    {"address": "azurerm_private_endpoint.pe", "expressions": {"private_service_connection": [
      {"private_connection_resource_id": {"references": ["azurerm_storage_account.sa.id", "azurerm_storage_account.sa"]}}]}}
  ]}}
}"#;
        let file = Arc::new(SourceFile::new(
            std::path::Path::new("p.json"),
            "p.json".into(),
            text.to_string(),
        ));
        let root = crate::parse::json::parse(text).unwrap_or_else(|e| panic!("{e}"));
        assert!(is_plan(&root));
        let rs = read(&file, &root, "infra:");
        let ids: Vec<&str> = rs.iter().map(|r| r.address.as_str()).collect();
        assert_eq!(
            ids,
            vec![
                "infra:azurerm_storage_account.sa",
                "infra:azurerm_private_endpoint.pe"
            ]
        );
        let pe = &rs[1];
        let conn = pe
            .attrs
            .get_ci("private_service_connection")
            .and_then(|v| match v {
                Val::Arr(a) => a.first().cloned(),
                _ => None,
            })
            .and_then(|c| c.get_ci("private_connection_resource_id").cloned());
        match conn {
            Some(Val::Unknown(u)) => {
                assert!(u.refs.contains("infra:azurerm_storage_account.sa"), "{u:?}")
            }
            other => panic!("expected an unknown with a reference, got {other:?}"),
        }
        assert_eq!(
            rs[0].region.start_line, 4,
            "points at the resource_changes entry"
        );
    }

    #[test]
    fn subscriptions_come_from_the_provider_configurations() {
        let change = |addr: &str, module: Option<&str>| {
            let ty = addr.rsplit('.').nth(1).unwrap_or_default();
            let module = module
                .map(|m| format!(r#""module_address": "{m}","#))
                .unwrap_or_default();
            format!(
                r#"{{"address": "{addr}", {module} "mode": "managed", "type": "{ty}", "name": "x",
                    "change": {{"actions": ["create"], "after": {{"name": "x"}}, "after_unknown": {{}}}}}}"#
            )
        };
        let text = format!(
            r#"{{
  "format_version": "1.2", "terraform_version": "1.9.8",
  "variables": {{"ai": {{"value": "not-a-guid"}}, "gpu": {{"value": "11111111-1111-1111-1111-111111111111"}}}},
  "resource_changes": [{}, {}, {}, {}, {}, {}, {}],
  "configuration": {{
    "provider_config": {{
      "azurerm": {{"name": "azurerm", "expressions": {{"subscription_id": {{"constant_value": "22222222-2222-2222-2222-222222222222"}}}}}},
      "azurerm.ai": {{"name": "azurerm", "alias": "ai", "expressions": {{"subscription_id": {{"references": ["var.ai"]}}}}}},
      "azurerm.sandbox": {{"name": "azurerm", "alias": "sandbox", "expressions": {{"subscription_id": {{"constant_value": "33333333-3333-3333-3333-333333333333"}}}}}},
      "module.m:azurerm.inner": {{"name": "azurerm", "alias": "inner", "module_address": "module.m"}},
      "azurerm.gpu": {{"name": "azurerm", "alias": "gpu", "expressions": {{"subscription_id": {{"references": ["var.gpu"]}}}}}},
      "azapi": {{"name": "azapi"}}
    }},
    "root_module": {{
      "resources": [
        {{"address": "azurerm_resource_group.hub", "provider_config_key": "azurerm"}},
        {{"address": "azurerm_resource_group.ai", "provider_config_key": "azurerm.ai"}},
        {{"address": "azapi_resource.x", "provider_config_key": "azapi"}},
        {{"address": "azurerm_resource_group.gpu", "provider_config_key": "azurerm.gpu"}}
      ],
      "module_calls": {{"m": {{"module": {{"resources": [
        {{"address": "azurerm_resource_group.passed", "provider_config_key": "azurerm.sandbox"}},
        {{"address": "azurerm_resource_group.inner", "provider_config_key": "module.m:azurerm.inner"}},
        {{"address": "azurerm_resource_group.old", "provider_config_key": "module.m:azurerm"}}
      ]}}}}}}
    }}
  }}
}}"#,
            change("azurerm_resource_group.hub", None),
            change("azurerm_resource_group.ai", None),
            change("azapi_resource.x", None),
            change("azurerm_resource_group.gpu", None),
            change(
                r#"module.m[\"a\"].azurerm_resource_group.passed"#,
                Some(r#"module.m[\"a\"]"#)
            ),
            change(
                r#"module.m[\"a\"].azurerm_resource_group.inner"#,
                Some(r#"module.m[\"a\"]"#)
            ),
            change(
                r#"module.m[\"a\"].azurerm_resource_group.old"#,
                Some(r#"module.m[\"a\"]"#)
            ),
        );
        let file = Arc::new(SourceFile::new(
            std::path::Path::new("p.json"),
            "p.json".into(),
            text.clone(),
        ));
        let root = crate::parse::json::parse(&text).unwrap_or_else(|e| panic!("{e}"));
        let subs: Vec<(String, Option<String>)> = read(&file, &root, "")
            .into_iter()
            .map(|r| (config_address(&r.address), r.subscription))
            .collect();
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            subs,
            vec![
                (
                    "azurerm_resource_group.hub".into(),
                    s("22222222-2222-2222-2222-222222222222")
                ),
                ("azurerm_resource_group.ai".into(), s("azurerm.ai")),
                ("azapi_resource.x".into(), None),
                (
                    "azurerm_resource_group.gpu".into(),
                    s("11111111-1111-1111-1111-111111111111")
                ),
                (
                    "module.m.azurerm_resource_group.passed".into(),
                    s("33333333-3333-3333-3333-333333333333")
                ),
                (
                    "module.m.azurerm_resource_group.inner".into(),
                    s("azurerm.inner")
                ),
                ("module.m.azurerm_resource_group.old".into(), None),
            ]
        );
    }

    #[test]
    fn config_addresses_drop_instance_keys() {
        assert_eq!(
            config_address(r#"module.a["x.y"].module.b[0].azurerm_t.n["k[1]"]"#),
            "module.a.module.b.azurerm_t.n"
        );
        assert_eq!(config_address("azurerm_t.n"), "azurerm_t.n");
    }
}
