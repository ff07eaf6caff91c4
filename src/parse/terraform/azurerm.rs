//! TEMPORARY STUB: replaced by the full azurerm → ARM mapping.
use crate::value::Val;
use std::collections::BTreeMap;
#[derive(Debug, Clone, PartialEq)]
pub struct Mapped {
    pub arm_type: String,
    pub body: Val,
    pub paths: Vec<(String, String)>,
}
pub fn map(tf_type: &str, attrs: &Val) -> Option<Mapped> {
    let g = |k: &str| attrs.get_ci(k).cloned();
    match tf_type {
        "azurerm_storage_account" => {
            let mut sku = BTreeMap::new();
            if let (Some(t), Some(r)) = (g("account_tier"), g("account_replication_type")) {
                sku.insert(
                    "name".to_string(),
                    match (t, r) {
                        (Val::Str(t), Val::Str(r)) => Val::str(format!("{t}_{r}")),
                        (a, b) => Val::unknown_of(&[&a, &b]).unwrap_or_else(Val::unknown),
                    },
                );
            }
            let mut body = BTreeMap::new();
            body.insert("sku".to_string(), Val::Obj(sku));
            body.insert("properties".to_string(), Val::Obj(BTreeMap::new()));
            Some(Mapped {
                arm_type: "Microsoft.Storage/storageAccounts".into(),
                body: Val::Obj(body),
                paths: vec![("account_replication_type".into(), "sku.name".into())],
            })
        }
        "azurerm_private_endpoint" => {
            let mut conns = Vec::new();
            if let Some(Val::Arr(psc)) = g("private_service_connection") {
                for c in psc {
                    let mut p = BTreeMap::new();
                    p.insert(
                        "privateLinkServiceId".to_string(),
                        c.get_ci("private_connection_resource_id")
                            .cloned()
                            .unwrap_or(Val::Null),
                    );
                    let mut o = BTreeMap::new();
                    o.insert("properties".to_string(), Val::Obj(p));
                    conns.push(Val::Obj(o));
                }
            }
            let mut props = BTreeMap::new();
            props.insert("privateLinkServiceConnections".to_string(), Val::Arr(conns));
            let mut body = BTreeMap::new();
            body.insert("properties".to_string(), Val::Obj(props));
            Some(Mapped {
                arm_type: "Microsoft.Network/privateEndpoints".into(),
                body: Val::Obj(body),
                paths: vec![],
            })
        }
        _ => None,
    }
}
