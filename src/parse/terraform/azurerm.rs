//! Terraform `azurerm_*` resources mapped onto the canonical ARM shape.
//!
//! lzscan's rules read one shape whatever the input format: the body an ARM
//! template (or `az resource show`) would have, with `sku`, `kind`, `identity`,
//! `zones` and `properties`. This module turns the evaluated attributes of a
//! Terraform resource ([`Val`]: an object of attributes, nested blocks as arrays of
//! objects, [`Val::Unknown`] for values known only after apply) into that body.
//!
//! # Contract
//!
//! - [`map`] knows a fixed list of resource types ([`arm_type`] gives the same list);
//!   for any other type it returns `None` and the caller keeps the raw attributes.
//!   `azurerm_storage_account_network_rules` is deliberately *not* mapped: ARM has no
//!   such resource (the rules are `properties.networkAcls` of the account).
//!   [`storage_network_rules`] gives what it merges into the account it names (see
//!   `super::resources_of`).
//! - `name`, `location` and `tags` are not part of the body; the caller reads them
//!   from the attributes ([`Mapped::name`] overrides the name where the ARM name is
//!   not the `name` attribute).
//! - Unknown values stay unknown at their ARM path; nothing is invented for them.
//!   An unknown boolean stays unknown after an `"Enabled"`/`"Disabled"` conversion;
//!   a value built from several attributes (the storage SKU from tier and
//!   replication) is unknown when any of them is.
//! - Where the provider's default differs from ARM's (or ARM has none), the
//!   provider default is written when the attribute is absent; each such default is
//!   marked `// provider default` below. When provider majors disagree, the 4.x
//!   default is used (the 3.x or 5.x difference is noted beside it): notably
//!   `azurerm_public_ip.sku` "Standard" (3.x: Basic),
//!   `allow_nested_items_to_be_public` true (5.x: false),
//!   `cross_tenant_replication_enabled` false (3.x: true) and a subnet's
//!   `privateEndpointNetworkPolicies` "Disabled" (early 3.x: Enabled).
//! - Attribute names of 3.x, 4.x and 5.x are all accepted (`enable_rbac_authorization`
//!   and `rbac_authorization_enabled`, ...). When both are given, the newer wins.
//! - `null` attributes (as in plan JSON) count as absent; so does an empty list of
//!   blocks.
//! - Values of the wrong type are passed through unchanged rather than dropped, except
//!   that `"true"`/`"false"` and numeric strings are converted as Terraform converts
//!   them. Nothing here panics on any input.
//! - Secrets are never copied (`admin_password`, `custom_data`, `user_data`, a
//!   container app's secret values, a container group's secure environment
//!   variables and registry passwords, SSH private material). Attributes without an ARM
//!   equivalent the rules need are left out (App Gateway cross-references by name,
//!   a container app environment's workspace id, which ARM spells as a customer id).
//! - Shapes worth knowing: `address_prefixes` -> `addressPrefixes` (3.x inline
//!   `address_prefix` -> `addressPrefix`; rules should read both); budget
//!   notifications are an object keyed `notification1`, `notification2`, ... in block
//!   order; a few ARM keys contain dots (`@odata.type` of classic Front Door routes,
//!   `additionalProperties["Network.DNS.Servers"]` of a firewall), so their dotted
//!   paths are ambiguous; a private endpoint connection whose `is_manual_connection`
//!   is unknown is listed under `privateLinkServiceConnections`.
//!
//! # Paths
//!
//! [`Mapped::paths`] pairs a Terraform attribute path with the ARM body path it was
//! written to (`("network_rules[0].default_action",
//! "properties.networkAcls.defaultAction")`), for every attribute mapped, including
//! blocks (`("security_rule[1]", "properties.securityRules[1]")`). A pair is also
//! recorded for a provider default, under the attribute that would set it; such a
//! Terraform path is absent from the input, so the caller should fall back to the
//! resource's own line when it cannot find it.
//!
//! # Children and parents
//!
//! - Some Terraform blocks are separate child resources in ARM. They are returned in
//!   [`Mapped::extra_children`], never inlined into the parent body:
//!   `azurerm_container_registry.georeplications` → `registries/replications` (named
//!   after their location, with their own location and tags);
//!   `azurerm_storage_account.blob_properties` → `storageAccounts/blobServices`
//!   `default` (always, except for `FileStorage` accounts: the provider writes the
//!   blob service settings, soft delete off, even without the block) and
//!   `share_properties` → `storageAccounts/fileServices` `default`;
//!   `azurerm_eventhub_namespace.network_rulesets` → `namespaces/networkRuleSets`
//!   `default`; `azurerm_data_factory`'s `managed_virtual_network_enabled = true` →
//!   `factories/managedVirtualNetworks` `default`; and
//!   `azurerm_private_endpoint.private_dns_zone_group` →
//!   `privateEndpoints/privateDnsZoneGroups`. A child's paths are relative to its own
//!   body. An unknown block element gives a child whose name (and body) is unknown; a
//!   wholly unknown list of georeplications (a `dynamic` block over an unknown
//!   collection) gives one child whose name, location and body are unknown, standing
//!   for however many there are; an unknown `managed_virtual_network_enabled` gives
//!   no child.
//! - The classic firewall rule collections (`azurerm_firewall_application_rule_collection`,
//!   `_network_`, `_nat_`) are inline arrays of the firewall in ARM
//!   (`properties.applicationRuleCollections[]` ...). They map to the *pseudo* child
//!   types `Microsoft.Network/azureFirewalls/applicationRuleCollections`,
//!   `.../networkRuleCollections` and `.../natRuleCollections` (not deployable ARM types),
//!   whose body is exactly one element of that inline array without its `name`, so a
//!   caller may also merge `{name, ...body}` into the firewall.
//! - A child type whose parent is given by an `*_id` attribute returns that id in
//!   [`Mapped::parent`] (node pool, compute cluster/instance, rule collection group,
//!   traffic manager endpoints, cognitive deployment, Front Door security policy,
//!   endpoint, origin group and origin, web app slots, DNS zone link in 5.x,
//!   budgets: their scope). A child whose parent is given by
//!   name (subnet and peering: `virtual_network_name`; DNS zone link:
//!   `private_dns_zone_name`; classic rule collections: `azure_firewall_name`;
//!   `azurerm_network_security_rule`: `network_security_group_name`; `azurerm_route`:
//!   `route_table_name`) returns `parent: None` and the parent's name in
//!   [`Mapped::parent_name`]; the parent is in the resource group
//!   `resource_group_name`, of the ARM type without its last segment.

use crate::value::Val;
use serde_json::Number;
use std::collections::BTreeMap;

/// An azurerm resource in ARM shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapped {
    /// e.g. "Microsoft.Storage/storageAccounts"
    pub arm_type: String,
    /// The ARM body without type/name/location/tags: keys like "sku", "kind",
    /// "identity", "zones", "properties". Always a `Val::Obj` with a "properties"
    /// object (possibly empty).
    pub body: Val,
    /// Terraform attribute path -> ARM body path, for every attribute mapped (see the
    /// module documentation).
    pub paths: Vec<(String, String)>,
    /// The ARM name when it is not the `name` attribute (`azurerm_subscription`: its
    /// `alias`, unknown when absent since the provider then generates one). `None`:
    /// use the `name` attribute.
    pub name: Option<Val>,
    /// The id of the parent resource (or, for budgets, the scope) of a child type
    /// whose parent is given by an `*_id` attribute. May be unknown.
    pub parent: Option<Val>,
    /// The name of the parent resource of a child type whose parent is given by name
    /// (`virtual_network_name`, ...), in the resource group `resource_group_name`.
    pub parent_name: Option<Val>,
    /// Blocks that ARM models as separate child resources.
    pub extra_children: Vec<Child>,
}

/// A child resource that ARM keeps apart from its parent but Terraform writes as a
/// block of the parent (see the module documentation).
#[derive(Debug, Clone, PartialEq)]
pub struct Child {
    /// Full ARM type, e.g. "Microsoft.ContainerRegistry/registries/replications".
    pub arm_type: String,
    /// The child's name (last id segment); unknown when the attribute it comes from is.
    pub name: Val,
    /// The child's own location, for tracked child resources (replications).
    pub location: Option<Val>,
    /// The child's own tags, where its block has them.
    pub tags: Option<Val>,
    /// ARM body, as [`Mapped::body`].
    pub body: Val,
    /// Terraform attribute path (of the parent resource) -> path in this child's body.
    pub paths: Vec<(String, String)>,
}

/// The ARM type of an azurerm resource type, for types `map` knows.
pub fn arm_type(tf_type: &str) -> Option<&'static str> {
    TYPES
        .iter()
        .find(|(t, _, _)| *t == tf_type)
        .map(|(_, arm, _)| *arm)
}

/// Maps a Terraform azurerm resource (its evaluated attributes and blocks) to ARM shape.
/// `None` for types this module does not know: the caller then keeps the raw attributes.
pub fn map(tf_type: &str, attrs: &Val) -> Option<Mapped> {
    let (_, arm, mapper) = TYPES.iter().find(|(t, _, _)| *t == tf_type)?;
    let src = Src::root(attrs);
    let mut o = Obj::default();
    let mut x = Extra::default();
    mapper(&src, &mut o, &mut x);
    if !o.m.contains_key("properties") {
        o.m.insert("properties".to_string(), Val::Obj(BTreeMap::new()));
    }
    Some(Mapped {
        arm_type: (*arm).to_string(),
        body: Val::Obj(o.m),
        paths: o.paths,
        name: x.name,
        parent: x.parent,
        parent_name: x.parent_name,
        extra_children: x.children,
    })
}

/// What `azurerm_storage_account_network_rules` contributes to the account it names.
#[derive(Debug, Clone, PartialEq)]
pub struct StorageNetworkRules {
    /// The account's id (`storage_account_id`); may be unknown.
    pub storage_account_id: Val,
    /// Replaces the account's `properties.networkAcls`.
    pub network_acls: Val,
    /// This resource's attributes -> paths in the account's body
    /// (`properties.networkAcls...`).
    pub paths: Vec<(String, String)>,
}

/// Maps `azurerm_storage_account_network_rules`, which ARM has no resource for, to
/// the `properties.networkAcls` of the account it names. `None` when `attrs` is not
/// an object.
pub fn storage_network_rules(attrs: &Val) -> Option<StorageNetworkRules> {
    if !matches!(attrs, Val::Obj(_)) {
        return None;
    }
    let s = Src::root(attrs);
    let id = s.get("storage_account_id").cloned().unwrap_or(Val::Null);
    let mut c = Obj::default();
    storage_acl_fields(&s, &mut c);
    let arm = "properties.networkAcls";
    let paths = c
        .paths
        .into_iter()
        .map(|(t, a)| (t, join_arm(arm, &a)))
        .collect();
    Some(StorageNetworkRules {
        storage_account_id: id,
        network_acls: Val::Obj(c.m),
        paths,
    })
}

type Mapper = fn(&Src, &mut Obj, &mut Extra);

const STORAGE: &str = "Microsoft.Storage/storageAccounts";
const VMS: &str = "Microsoft.Compute/virtualMachines";
const VMSS: &str = "Microsoft.Compute/virtualMachineScaleSets";
const ML_WORKSPACE: &str = "Microsoft.MachineLearningServices/workspaces";
const ML_COMPUTE: &str = "Microsoft.MachineLearningServices/workspaces/computes";
const WEB_SITE: &str = "Microsoft.Web/sites";
const WEB_SLOT: &str = "Microsoft.Web/sites/slots";
const BUDGET: &str = "Microsoft.Consumption/budgets";
const FD_WAF: &str = "Microsoft.Network/FrontDoorWebApplicationFirewallPolicies";

/// Every known type: Terraform type, ARM type, mapper.
const TYPES: &[(&str, &str, Mapper)] = &[
    ("azurerm_storage_account", STORAGE, storage_account),
    ("azurerm_key_vault", "Microsoft.KeyVault/vaults", key_vault),
    (
        "azurerm_key_vault_managed_hardware_security_module",
        "Microsoft.KeyVault/managedHSMs",
        managed_hsm,
    ),
    (
        "azurerm_container_registry",
        "Microsoft.ContainerRegistry/registries",
        container_registry,
    ),
    (
        "azurerm_cosmosdb_account",
        "Microsoft.DocumentDB/databaseAccounts",
        cosmosdb_account,
    ),
    (
        "azurerm_machine_learning_workspace",
        ML_WORKSPACE,
        ml_workspace,
    ),
    ("azurerm_ai_foundry", ML_WORKSPACE, ai_foundry),
    (
        "azurerm_ai_foundry_project",
        ML_WORKSPACE,
        ai_foundry_project,
    ),
    (
        "azurerm_machine_learning_compute_cluster",
        ML_COMPUTE,
        ml_compute_cluster,
    ),
    (
        "azurerm_machine_learning_compute_instance",
        ML_COMPUTE,
        ml_compute_instance,
    ),
    (
        "azurerm_cognitive_account",
        "Microsoft.CognitiveServices/accounts",
        cognitive_account,
    ),
    (
        "azurerm_cognitive_deployment",
        "Microsoft.CognitiveServices/accounts/deployments",
        cognitive_deployment,
    ),
    (
        "azurerm_eventhub_namespace",
        "Microsoft.EventHub/namespaces",
        eventhub_namespace,
    ),
    (
        "azurerm_data_factory",
        "Microsoft.DataFactory/factories",
        data_factory,
    ),
    (
        "azurerm_private_endpoint",
        "Microsoft.Network/privateEndpoints",
        private_endpoint,
    ),
    (
        "azurerm_private_dns_zone",
        "Microsoft.Network/privateDnsZones",
        private_dns_zone,
    ),
    (
        "azurerm_private_dns_zone_virtual_network_link",
        "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
        private_dns_zone_link,
    ),
    (
        "azurerm_virtual_network",
        "Microsoft.Network/virtualNetworks",
        virtual_network,
    ),
    (
        "azurerm_subnet",
        "Microsoft.Network/virtualNetworks/subnets",
        subnet,
    ),
    (
        "azurerm_virtual_network_peering",
        "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
        vnet_peering,
    ),
    (
        "azurerm_network_security_group",
        "Microsoft.Network/networkSecurityGroups",
        network_security_group,
    ),
    (
        "azurerm_network_security_rule",
        "Microsoft.Network/networkSecurityGroups/securityRules",
        network_security_rule,
    ),
    (
        "azurerm_route_table",
        "Microsoft.Network/routeTables",
        route_table,
    ),
    (
        "azurerm_route",
        "Microsoft.Network/routeTables/routes",
        route,
    ),
    (
        "azurerm_public_ip",
        "Microsoft.Network/publicIPAddresses",
        public_ip,
    ),
    (
        "azurerm_network_interface",
        "Microsoft.Network/networkInterfaces",
        network_interface,
    ),
    (
        "azurerm_bastion_host",
        "Microsoft.Network/bastionHosts",
        bastion_host,
    ),
    (
        "azurerm_firewall",
        "Microsoft.Network/azureFirewalls",
        firewall,
    ),
    (
        "azurerm_firewall_policy",
        "Microsoft.Network/firewallPolicies",
        firewall_policy,
    ),
    (
        "azurerm_firewall_policy_rule_collection_group",
        "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
        rule_collection_group,
    ),
    (
        "azurerm_firewall_application_rule_collection",
        "Microsoft.Network/azureFirewalls/applicationRuleCollections",
        firewall_app_collection,
    ),
    (
        "azurerm_firewall_network_rule_collection",
        "Microsoft.Network/azureFirewalls/networkRuleCollections",
        firewall_network_collection,
    ),
    (
        "azurerm_firewall_nat_rule_collection",
        "Microsoft.Network/azureFirewalls/natRuleCollections",
        firewall_nat_collection,
    ),
    (
        "azurerm_application_gateway",
        "Microsoft.Network/applicationGateways",
        application_gateway,
    ),
    (
        "azurerm_web_application_firewall_policy",
        "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies",
        waf_policy,
    ),
    (
        "azurerm_cdn_frontdoor_profile",
        "Microsoft.Cdn/profiles",
        cdn_frontdoor_profile,
    ),
    (
        "azurerm_cdn_frontdoor_firewall_policy",
        FD_WAF,
        frontdoor_firewall_policy,
    ),
    (
        "azurerm_frontdoor_firewall_policy",
        FD_WAF,
        frontdoor_firewall_policy,
    ),
    (
        "azurerm_cdn_frontdoor_security_policy",
        "Microsoft.Cdn/profiles/securityPolicies",
        cdn_frontdoor_security_policy,
    ),
    (
        "azurerm_cdn_frontdoor_endpoint",
        "Microsoft.Cdn/profiles/afdEndpoints",
        cdn_frontdoor_endpoint,
    ),
    (
        "azurerm_cdn_frontdoor_origin_group",
        "Microsoft.Cdn/profiles/originGroups",
        cdn_frontdoor_origin_group,
    ),
    (
        "azurerm_cdn_frontdoor_origin",
        "Microsoft.Cdn/profiles/originGroups/origins",
        cdn_frontdoor_origin,
    ),
    (
        "azurerm_frontdoor",
        "Microsoft.Network/frontDoors",
        frontdoor,
    ),
    (
        "azurerm_traffic_manager_profile",
        "Microsoft.Network/trafficManagerProfiles",
        traffic_manager_profile,
    ),
    (
        "azurerm_traffic_manager_azure_endpoint",
        "Microsoft.Network/trafficManagerProfiles/azureEndpoints",
        tm_azure_endpoint,
    ),
    (
        "azurerm_traffic_manager_external_endpoint",
        "Microsoft.Network/trafficManagerProfiles/externalEndpoints",
        tm_external_endpoint,
    ),
    (
        "azurerm_traffic_manager_nested_endpoint",
        "Microsoft.Network/trafficManagerProfiles/nestedEndpoints",
        tm_nested_endpoint,
    ),
    ("azurerm_linux_virtual_machine", VMS, linux_vm),
    ("azurerm_windows_virtual_machine", VMS, windows_vm),
    ("azurerm_virtual_machine", VMS, legacy_vm),
    ("azurerm_linux_virtual_machine_scale_set", VMSS, linux_vmss),
    (
        "azurerm_windows_virtual_machine_scale_set",
        VMSS,
        windows_vmss,
    ),
    (
        "azurerm_orchestrated_virtual_machine_scale_set",
        VMSS,
        orchestrated_vmss,
    ),
    (
        "azurerm_kubernetes_cluster",
        "Microsoft.ContainerService/managedClusters",
        kubernetes_cluster,
    ),
    (
        "azurerm_kubernetes_cluster_node_pool",
        "Microsoft.ContainerService/managedClusters/agentPools",
        kubernetes_node_pool,
    ),
    (
        "azurerm_container_app",
        "Microsoft.App/containerApps",
        container_app,
    ),
    (
        "azurerm_container_app_environment",
        "Microsoft.App/managedEnvironments",
        container_app_environment,
    ),
    (
        "azurerm_container_app_job",
        "Microsoft.App/jobs",
        container_app_job,
    ),
    (
        "azurerm_container_group",
        "Microsoft.ContainerInstance/containerGroups",
        container_group,
    ),
    ("azurerm_linux_web_app", WEB_SITE, linux_web_app),
    ("azurerm_windows_web_app", WEB_SITE, windows_web_app),
    ("azurerm_linux_web_app_slot", WEB_SLOT, linux_web_app_slot),
    (
        "azurerm_windows_web_app_slot",
        WEB_SLOT,
        windows_web_app_slot,
    ),
    ("azurerm_consumption_budget_subscription", BUDGET, budget),
    ("azurerm_consumption_budget_resource_group", BUDGET, budget),
    (
        "azurerm_subscription",
        "Microsoft.Subscription/aliases",
        subscription,
    ),
    (
        "azurerm_resource_group",
        "Microsoft.Resources/resourceGroups",
        resource_group,
    ),
    (
        "azurerm_log_analytics_workspace",
        "Microsoft.OperationalInsights/workspaces",
        log_analytics_workspace,
    ),
    (
        "azurerm_application_insights",
        "Microsoft.Insights/components",
        application_insights,
    ),
    (
        "azurerm_user_assigned_identity",
        "Microsoft.ManagedIdentity/userAssignedIdentities",
        user_assigned_identity,
    ),
];

// ---------------------------------------------------------------------------
// Reading Terraform values
// ---------------------------------------------------------------------------

/// A Terraform object (the resource or one block of it) and its attribute path.
struct Src<'a> {
    v: &'a Val,
    tf: String,
}

/// A single nested block.
enum Block<'a> {
    Absent,
    Unknown(Val),
    Known(Src<'a>),
}

/// A list of nested blocks.
enum Blocks<'a> {
    Absent,
    Unknown(Val),
    List(Vec<Item<'a>>),
}

enum Item<'a> {
    Unknown(Val),
    Known(Src<'a>),
}

/// Whether a block was there, for writing defaults when it was not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pres {
    Absent,
    Unknown,
    Known,
}

impl Pres {
    fn absent(self) -> bool {
        self == Pres::Absent
    }
}

impl<'a> Src<'a> {
    fn root(v: &'a Val) -> Src<'a> {
        Src {
            v,
            tf: String::new(),
        }
    }

    /// The Terraform path of attribute `k` of this object.
    fn at(&self, k: &str) -> String {
        if self.tf.is_empty() {
            k.to_string()
        } else {
            format!("{}.{k}", self.tf)
        }
    }

    /// Attribute `k`; `None` when absent or null.
    fn get(&self, k: &str) -> Option<&'a Val> {
        match self.v {
            Val::Obj(o) => o.get(k).filter(|v| !matches!(v, Val::Null)),
            _ => None,
        }
    }

    /// The first present attribute of `ks` (newest name first), with its name.
    fn any<'k>(&self, ks: &[&'k str]) -> Option<(&'k str, &'a Val)> {
        ks.iter().find_map(|k| self.get(k).map(|v| (*k, v)))
    }

    /// A known string attribute.
    fn str(&self, k: &str) -> Option<&'a str> {
        self.get(k).and_then(Val::as_str)
    }

    /// A known boolean attribute (Terraform's string conversion included).
    fn bool(&self, k: &str) -> Option<bool> {
        self.get(k).and_then(|v| boolean(v).as_bool())
    }

    fn blocks(&self, k: &str) -> Blocks<'a> {
        match self.get(k) {
            None => Blocks::Absent,
            Some(u @ Val::Unknown(_)) => Blocks::Unknown(u.clone()),
            Some(Val::Arr(a)) if a.is_empty() => Blocks::Absent,
            Some(Val::Arr(a)) => {
                let base = self.at(k);
                Blocks::List(
                    a.iter()
                        .enumerate()
                        .map(|(i, v)| match v {
                            Val::Unknown(_) => Item::Unknown(v.clone()),
                            _ => Item::Known(Src {
                                v,
                                tf: format!("{base}[{i}]"),
                            }),
                        })
                        .collect(),
                )
            }
            Some(v @ Val::Obj(_)) => Blocks::List(vec![Item::Known(Src { v, tf: self.at(k) })]),
            Some(_) => Blocks::Absent,
        }
    }

    /// The first block of `k` (blocks with at most one element).
    fn block(&self, k: &str) -> Block<'a> {
        match self.blocks(k) {
            Blocks::Absent => Block::Absent,
            Blocks::Unknown(u) => Block::Unknown(u),
            Blocks::List(items) => match items.into_iter().next() {
                None => Block::Absent,
                Some(Item::Unknown(u)) => Block::Unknown(u),
                Some(Item::Known(s)) => Block::Known(s),
            },
        }
    }
}

// ---------------------------------------------------------------------------
// Value conversions. Each passes unknown values (and values of unexpected types)
// through unchanged.
// ---------------------------------------------------------------------------

fn same(v: &Val) -> Val {
    v.clone()
}

/// Terraform's string-to-bool conversion.
fn boolean(v: &Val) -> Val {
    match v {
        Val::Str(s) if s == "true" => Val::Bool(true),
        Val::Str(s) if s == "false" => Val::Bool(false),
        _ => v.clone(),
    }
}

/// Terraform's string-to-number conversion.
fn num(v: &Val) -> Val {
    match v {
        Val::Str(s) => {
            if let Ok(i) = s.trim().parse::<i64>() {
                Val::Num(Number::from(i))
            } else if let Some(n) = s.trim().parse::<f64>().ok().and_then(Number::from_f64) {
                Val::Num(n)
            } else {
                v.clone()
            }
        }
        _ => v.clone(),
    }
}

/// Numbers and booleans as strings (ARM spells some numbers as strings).
fn string(v: &Val) -> Val {
    match v {
        Val::Num(n) => Val::Str(n.to_string()),
        Val::Bool(b) => Val::Str(b.to_string()),
        _ => v.clone(),
    }
}

fn not(v: &Val) -> Val {
    match boolean(v) {
        Val::Bool(b) => Val::Bool(!b),
        other => other,
    }
}

/// `true` -> "Enabled", `false` -> "Disabled".
fn enabled(v: &Val) -> Val {
    match boolean(v) {
        Val::Bool(true) => Val::str("Enabled"),
        Val::Bool(false) => Val::str("Disabled"),
        other => other,
    }
}

/// `true` -> "Disabled", `false` -> "Enabled".
fn enabled_inv(v: &Val) -> Val {
    enabled(&not(v))
}

/// `true` -> "enabled", `false` -> "disabled" (Container Registry policies).
fn enabled_lower(v: &Val) -> Val {
    match boolean(v) {
        Val::Bool(true) => Val::str("enabled"),
        Val::Bool(false) => Val::str("disabled"),
        other => other,
    }
}

/// Applies `f` to each element of a list; anything else passes through.
fn each(v: &Val, f: impl Fn(&Val) -> Val) -> Val {
    match v {
        Val::Arr(a) => Val::Arr(a.iter().map(f).collect()),
        _ => v.clone(),
    }
}

fn obj<const N: usize>(kv: [(&str, Val); N]) -> Val {
    Val::Obj(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// `["a", "b"]` -> `[{key: "a"}, {key: "b"}]`; an unknown element becomes `{key: unknown}`.
fn wrap(key: &'static str) -> impl Fn(&Val) -> Val {
    move |v| each(v, |e| obj([(key, e.clone())]))
}

/// A list joined with `sep` (storage `bypass`), unknown when any element is.
fn joined(sep: &'static str) -> impl Fn(&Val) -> Val {
    move |v| match v {
        Val::Arr(a) => {
            if let Some(u) = Val::unknown_of(&[v]) {
                return u;
            }
            let parts: Vec<String> = a
                .iter()
                .map(|e| match e {
                    Val::Str(s) => s.clone(),
                    other => string(other).as_str().unwrap_or_default().to_string(),
                })
                .collect();
            Val::Str(parts.join(sep))
        }
        _ => v.clone(),
    }
}

/// A list of strings as an ARM object keyed by them (user-assigned identities):
/// unknown when any element is, since an unknown cannot be a key.
fn keyed(v: &Val) -> Val {
    match v {
        Val::Arr(a) => {
            if let Some(u) = Val::unknown_of(&[v]) {
                return u;
            }
            Val::Obj(
                a.iter()
                    .filter_map(|e| e.as_str())
                    .map(|k| (k.to_string(), Val::Obj(BTreeMap::new())))
                    .collect(),
            )
        }
        _ => v.clone(),
    }
}

/// A single value as a one-element list (a VM's `zone` -> `zones`).
fn one(v: &Val) -> Val {
    Val::Arr(vec![v.clone()])
}

/// Drops empty strings and empty lists, which inline attribute syntax
/// (`security_rule = [{...}]`) uses for "not set" and ARM omits.
fn nonempty(v: &Val) -> bool {
    match v {
        Val::Str(s) => !s.is_empty(),
        Val::Arr(a) => !a.is_empty(),
        _ => true,
    }
}

// ---------------------------------------------------------------------------
// Writing ARM bodies
// ---------------------------------------------------------------------------

/// An ARM object under construction, with the paths written into it (ARM paths
/// relative to this object).
#[derive(Default)]
struct Obj {
    m: BTreeMap<String, Val>,
    paths: Vec<(String, String)>,
}

/// Everything else a mapper produces.
#[derive(Default)]
struct Extra {
    name: Option<Val>,
    parent: Option<Val>,
    parent_name: Option<Val>,
    children: Vec<Child>,
}

fn join_arm(prefix: &str, rel: &str) -> String {
    if prefix.is_empty() {
        rel.to_string()
    } else if rel.is_empty() {
        prefix.to_string()
    } else if rel.starts_with('[') {
        format!("{prefix}{rel}")
    } else {
        format!("{prefix}.{rel}")
    }
}

/// Writes `v` at `slot`, merging objects; an unknown slot covers everything below it.
fn merge(slot: &mut Val, v: Val) {
    match (slot, v) {
        (Val::Unknown(_), Val::Obj(_)) => {}
        (Val::Obj(a), Val::Obj(b)) => {
            for (k, x) in b {
                match a.get_mut(&k) {
                    Some(s) => merge(s, x),
                    None => {
                        a.insert(k, x);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

fn set_in(m: &mut BTreeMap<String, Val>, segs: &[&str], v: Val) {
    match segs {
        [] => {
            if let Val::Obj(o) = v {
                for (k, x) in o {
                    set_in(m, &[k.as_str()], x);
                }
            }
        }
        [k] => match m.get_mut(*k) {
            Some(slot) => merge(slot, v),
            None => {
                m.insert((*k).to_string(), v);
            }
        },
        [k, rest @ ..] => {
            let slot = m
                .entry((*k).to_string())
                .or_insert_with(|| Val::Obj(BTreeMap::new()));
            // An unknown (or scalar) value already covers this path.
            if let Val::Obj(inner) = slot {
                set_in(inner, rest, v);
            }
        }
    }
}

impl Obj {
    /// Writes `v` at the dotted path `arm` (object keys only).
    fn set(&mut self, arm: &str, v: Val) {
        let segs: Vec<&str> = arm.split('.').filter(|s| !s.is_empty()).collect();
        set_in(&mut self.m, &segs, v);
    }

    fn path(&mut self, tf: String, arm: &str) {
        self.paths.push((tf, arm.to_string()));
    }

    /// Attribute `k` of `s`, converted, at `arm`. True when it was present.
    fn put(&mut self, s: &Src, k: &str, arm: &str, f: impl Fn(&Val) -> Val) -> bool {
        match s.get(k) {
            Some(v) => {
                self.set(arm, f(v));
                self.path(s.at(k), arm);
                true
            }
            None => false,
        }
    }

    /// As `put`, but skips empty strings and lists (see [`nonempty`]).
    fn put_ne(&mut self, s: &Src, k: &str, arm: &str, f: impl Fn(&Val) -> Val) -> bool {
        match s.get(k) {
            Some(v) if nonempty(v) => {
                self.set(arm, f(v));
                self.path(s.at(k), arm);
                true
            }
            _ => false,
        }
    }

    /// As `put`, writing the provider default `d` (converted) when absent.
    fn put_or(&mut self, s: &Src, k: &str, arm: &str, f: impl Fn(&Val) -> Val, d: Val) {
        let v = s.get(k).unwrap_or(&d);
        self.set(arm, f(v));
        self.path(s.at(k), arm);
    }

    /// The first present of several names of one attribute (newest first).
    fn put_any(&mut self, s: &Src, ks: &[&str], arm: &str, f: impl Fn(&Val) -> Val) -> bool {
        match s.any(ks) {
            Some((k, v)) => {
                self.set(arm, f(v));
                self.path(s.at(k), arm);
                true
            }
            None => false,
        }
    }

    /// As `put_any`, writing the provider default `d` when all names are absent (the
    /// path then names the first, newest, attribute).
    fn put_any_or(&mut self, s: &Src, ks: &[&str], arm: &str, f: impl Fn(&Val) -> Val, d: Val) {
        if !self.put_any(s, ks, arm, &f) {
            self.set(arm, f(&d));
            self.path(s.at(ks.first().copied().unwrap_or_default()), arm);
        }
    }

    /// Writes a constant that the provider always sends (no Terraform attribute).
    fn fixed(&mut self, arm: &str, v: Val) {
        self.set(arm, v);
    }

    /// Writes `v` under a key that itself contains dots (`@odata.type`).
    fn fixed_key(&mut self, key: &str, v: Val) {
        self.m.insert(key.to_string(), v);
    }

    /// Merges `child` (an object built relative to `arm`) at `arm`.
    fn embed(&mut self, arm: &str, child: Obj) {
        for (t, a) in child.paths {
            self.paths.push((t, join_arm(arm, &a)));
        }
        self.set(arm, Val::Obj(child.m));
    }

    /// The single block `k` mapped by `f` into an object at `arm`; an unknown block
    /// becomes an unknown `arm`.
    fn block(&mut self, s: &Src, k: &str, arm: &str, f: impl FnOnce(&Src, &mut Obj)) -> Pres {
        match s.block(k) {
            Block::Absent => Pres::Absent,
            Block::Unknown(u) => {
                self.set(arm, u);
                self.path(s.at(k), arm);
                Pres::Unknown
            }
            Block::Known(b) => {
                let mut c = Obj::default();
                f(&b, &mut c);
                self.path(b.tf.clone(), arm);
                self.embed(arm, c);
                Pres::Known
            }
        }
    }

    /// The single block `k` mapped by `f` into this object itself (for a block whose
    /// attributes land in several places); an unknown block makes each of
    /// `if_unknown` unknown.
    fn block_into(
        &mut self,
        s: &Src,
        k: &str,
        if_unknown: &[&str],
        f: impl FnOnce(&Src, &mut Obj),
    ) -> Pres {
        match s.block(k) {
            Block::Absent => Pres::Absent,
            Block::Unknown(u) => {
                for arm in if_unknown {
                    self.set(arm, u.clone());
                    self.path(s.at(k), arm);
                }
                Pres::Unknown
            }
            Block::Known(b) => {
                f(&b, self);
                Pres::Known
            }
        }
    }

    /// The blocks `k`, each mapped by `f`, as the ARM array at `arm`.
    fn blocks(&mut self, s: &Src, k: &str, arm: &str, f: impl Fn(&Src, &mut Obj)) -> Pres {
        match collect(s, k, arm, 0, &f, &mut self.paths) {
            Coll::Absent => Pres::Absent,
            Coll::Unknown(u) => {
                self.set(arm, u);
                Pres::Unknown
            }
            Coll::Items(items) => {
                self.set(arm, Val::Arr(items));
                Pres::Known
            }
        }
    }
}

/// Blocks mapped to array elements.
enum Coll {
    Absent,
    Unknown(Val),
    Items(Vec<Val>),
}

/// Maps the blocks `k` of `s` to elements of the ARM array at `arm`, numbered from
/// `offset` (several block types may share one ARM array), recording paths.
fn collect(
    s: &Src,
    k: &str,
    arm: &str,
    offset: usize,
    f: &dyn Fn(&Src, &mut Obj),
    paths: &mut Vec<(String, String)>,
) -> Coll {
    match s.blocks(k) {
        Blocks::Absent => Coll::Absent,
        Blocks::Unknown(u) => {
            paths.push((s.at(k), arm.to_string()));
            Coll::Unknown(u)
        }
        Blocks::List(items) => {
            paths.push((s.at(k), arm.to_string()));
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                let ap = format!("{arm}[{}]", offset + i);
                match item {
                    Item::Unknown(u) => {
                        paths.push((format!("{}[{i}]", s.at(k)), ap));
                        out.push(u);
                    }
                    Item::Known(b) => {
                        let mut c = Obj::default();
                        f(&b, &mut c);
                        paths.push((b.tf.clone(), ap.clone()));
                        for (t, a) in c.paths {
                            paths.push((t, join_arm(&ap, &a)));
                        }
                        out.push(Val::Obj(c.m));
                    }
                }
            }
            Coll::Items(out)
        }
    }
}

// ---------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------

/// `identity { type, identity_ids }` -> `identity { type, userAssignedIdentities }`.
/// The type is kept as written ("SystemAssigned, UserAssigned"): resource providers
/// differ in how they spell the combination, so rules should compare loosely.
fn identity(s: &Src, o: &mut Obj) {
    identity_at(s, o, "identity");
}

fn identity_at(s: &Src, o: &mut Obj, arm: &str) {
    o.block(s, "identity", arm, |b, c| {
        c.put(b, "type", "type", same);
        if let Some(ids) = b.get("identity_ids") {
            if nonempty(ids) {
                c.set("userAssignedIdentities", keyed(ids));
                c.path(b.at("identity_ids"), "userAssignedIdentities");
            }
        }
    });
}

/// `zones` (a list) -> `zones`.
fn zones(s: &Src, o: &mut Obj) {
    o.put_ne(s, "zones", "zones", same);
}

/// A parent given by an `*_id` attribute.
fn parent_id(s: &Src, x: &mut Extra, k: &str) {
    x.parent = s.get(k).cloned();
}

/// A parent given by name.
fn parent_named(s: &Src, x: &mut Extra, k: &str) {
    x.parent_name = s.get(k).cloned();
}

// ---------------------------------------------------------------------------
// Storage
// ---------------------------------------------------------------------------

fn storage_account(s: &Src, o: &mut Obj, x: &mut Extra) {
    // sku.name is "{account_tier}_{account_replication_type}", e.g. "Standard_GRS".
    if let (Some(t), Some(r)) = (s.get("account_tier"), s.get("account_replication_type")) {
        let name = match (Val::unknown_of(&[t, r]), t.as_str(), r.as_str()) {
            (Some(u), _, _) => Some(u),
            (None, Some(t), Some(r)) => Some(Val::Str(format!("{t}_{r}"))),
            _ => None,
        };
        if let Some(name) = name {
            o.set("sku.name", name);
            o.path(s.at("account_tier"), "sku.name");
            o.path(s.at("account_replication_type"), "sku.name");
        }
    }
    o.put(s, "account_tier", "sku.tier", same);
    // provider default: StorageV2 (ARM requires a kind).
    o.put_or(s, "account_kind", "kind", same, Val::str("StorageV2"));
    o.put(s, "access_tier", "properties.accessTier", same);
    o.put(s, "is_hns_enabled", "properties.isHnsEnabled", boolean);
    // provider default: public network access enabled.
    o.put_or(
        s,
        "public_network_access_enabled",
        "properties.publicNetworkAccess",
        enabled,
        Val::Bool(true),
    );
    // provider default: TLS1_2 (ARM's default for older API versions is TLS1_0).
    o.put_or(
        s,
        "min_tls_version",
        "properties.minimumTlsVersion",
        same,
        Val::str("TLS1_2"),
    );
    // provider default: true in 3.x and 4.x (false from 5.0, and in current ARM).
    o.put_or(
        s,
        "allow_nested_items_to_be_public",
        "properties.allowBlobPublicAccess",
        boolean,
        Val::Bool(true),
    );
    // provider default: shared key access allowed.
    o.put_or(
        s,
        "shared_access_key_enabled",
        "properties.allowSharedKeyAccess",
        boolean,
        Val::Bool(true),
    );
    // provider default: HTTPS only.
    o.put_any_or(
        s,
        &["https_traffic_only_enabled", "enable_https_traffic_only"],
        "properties.supportsHttpsTrafficOnly",
        boolean,
        Val::Bool(true),
    );
    // provider default: false in 4.x and 5.x (true in 3.x).
    o.put_or(
        s,
        "cross_tenant_replication_enabled",
        "properties.allowCrossTenantReplication",
        boolean,
        Val::Bool(false),
    );
    o.put(
        s,
        "infrastructure_encryption_enabled",
        "properties.encryption.requireInfrastructureEncryption",
        boolean,
    );
    o.put(
        s,
        "default_to_oauth_authentication",
        "properties.defaultToOAuthAuthentication",
        boolean,
    );
    o.put(s, "nfsv3_enabled", "properties.isNfsV3Enabled", boolean);
    o.put(s, "sftp_enabled", "properties.isSftpEnabled", boolean);
    o.put(
        s,
        "local_user_enabled",
        "properties.isLocalUserEnabled",
        boolean,
    );
    o.put(
        s,
        "large_file_share_enabled",
        "properties.largeFileSharesState",
        enabled,
    );
    o.put(s, "allowed_copy_scope", "properties.allowedCopyScope", same);
    o.put(s, "dns_endpoint_type", "properties.dnsEndpointType", same);
    o.put(
        s,
        "queue_encryption_key_type",
        "properties.encryption.services.queue.keyType",
        same,
    );
    o.put(
        s,
        "table_encryption_key_type",
        "properties.encryption.services.table.keyType",
        same,
    );
    o.block(s, "custom_domain", "properties.customDomain", |b, c| {
        c.put(b, "name", "name", same);
        c.put(b, "use_subdomain", "useSubDomainName", boolean);
    });
    o.block(s, "sas_policy", "properties.sasPolicy", |b, c| {
        c.put(b, "expiration_period", "sasExpirationPeriod", same);
        c.put_or(
            b,
            "expiration_action",
            "expirationAction",
            same,
            Val::str("Log"),
        );
    });
    o.block(
        s,
        "immutability_policy",
        "properties.immutableStorageWithVersioning",
        |b, c| {
            c.fixed("enabled", Val::Bool(true));
            c.put(
                b,
                "period_since_creation_in_days",
                "immutabilityPolicy.immutabilityPeriodSinceCreationInDays",
                num,
            );
            c.put(b, "state", "immutabilityPolicy.state", same);
            c.put(
                b,
                "allow_protected_append_writes",
                "immutabilityPolicy.allowProtectedAppendWrites",
                boolean,
            );
        },
    );
    o.block(
        s,
        "customer_managed_key",
        "properties.encryption",
        |b, c| {
            c.fixed("keySource", Val::str("Microsoft.Keyvault"));
            if let Some(k) = b.get("key_vault_key_id") {
                c.set("keyvaultproperties", key_vault_key(k));
                c.path(b.at("key_vault_key_id"), "keyvaultproperties");
            }
            c.put(
                b,
                "user_assigned_identity_id",
                "identity.userAssignedIdentity",
                same,
            );
        },
    );
    o.block(s, "routing", "properties.routingPreference", |b, c| {
        c.put(b, "choice", "routingChoice", same);
        c.put(
            b,
            "publish_microsoft_endpoints",
            "publishMicrosoftEndpoints",
            boolean,
        );
        c.put(
            b,
            "publish_internet_endpoints",
            "publishInternetEndpoints",
            boolean,
        );
    });
    o.block(
        s,
        "azure_files_authentication",
        "properties.azureFilesIdentityBasedAuthentication",
        |b, c| {
            c.put(b, "directory_type", "directoryServiceOptions", same);
            c.put(
                b,
                "default_share_level_permission",
                "defaultSharePermission",
                same,
            );
        },
    );
    storage_acls(s, o);
    identity(s, o);
    storage_services(s, x);
}

/// A Key Vault key URL (`https://v.vault.azure.net/keys/name/version`) as ARM's
/// `keyvaultproperties {keyvaulturi, keyname, keyversion}`.
fn key_vault_key(k: &Val) -> Val {
    key_url(k, ["keyvaulturi", "keyname", "keyversion"])
}

/// A Key Vault key URL split into vault URL, key name and version under the names
/// `keys` (resource providers spell them differently). Unknown stays unknown.
fn key_url(k: &Val, keys: [&str; 3]) -> Val {
    let Some(url) = k.as_str() else {
        return k.clone();
    };
    let mut out = BTreeMap::new();
    let Some((vault, rest)) = url.split_once("/keys/") else {
        out.insert(keys[0].to_string(), k.clone());
        return Val::Obj(out);
    };
    let mut parts = rest.split('/');
    out.insert(keys[0].to_string(), Val::str(format!("{vault}/")));
    if let Some(name) = parts.next().filter(|n| !n.is_empty()) {
        out.insert(keys[1].to_string(), Val::str(name));
    }
    if let Some(version) = parts.next().filter(|n| !n.is_empty()) {
        out.insert(keys[2].to_string(), Val::str(version));
    }
    Val::Obj(out)
}

/// `network_rules` -> `properties.networkAcls`.
fn storage_acls(s: &Src, o: &mut Obj) {
    let arm = "properties.networkAcls";
    if o.block(s, "network_rules", arm, storage_acl_fields)
        .absent()
    {
        // provider default: without network_rules the provider sends an open rule set.
        o.set(
            arm,
            obj([
                ("bypass", Val::str("AzureServices")),
                ("defaultAction", Val::str("Allow")),
                ("ipRules", Val::Arr(vec![])),
                ("virtualNetworkRules", Val::Arr(vec![])),
                ("resourceAccessRules", Val::Arr(vec![])),
            ]),
        );
        o.path(s.at("network_rules"), arm);
    }
}

fn storage_acl_fields(b: &Src, c: &mut Obj) {
    c.put(b, "default_action", "defaultAction", same);
    c.put_ne(b, "bypass", "bypass", joined(", "));
    c.put(b, "ip_rules", "ipRules", |v| {
        each(v, |e| {
            obj([("value", e.clone()), ("action", Val::str("Allow"))])
        })
    });
    c.put(
        b,
        "virtual_network_subnet_ids",
        "virtualNetworkRules",
        |v| {
            each(v, |e| {
                obj([("id", e.clone()), ("action", Val::str("Allow"))])
            })
        },
    );
    c.blocks(b, "private_link_access", "resourceAccessRules", |r, e| {
        e.put(r, "endpoint_resource_id", "resourceId", same);
        e.put(r, "endpoint_tenant_id", "tenantId", same);
    });
}

/// `blob_properties` and `share_properties`: the account's `blobServices/default` and
/// `fileServices/default` children.
fn storage_services(s: &Src, x: &mut Extra) {
    let kind = s.str("account_kind").unwrap_or("StorageV2");
    if kind != "FileStorage" {
        let mut c = Obj::default();
        let pres = c.block(s, "blob_properties", "properties", |b, c| {
            blob_fields(b, c, kind)
        });
        if pres.absent() {
            // provider default: the provider writes the blob service properties even
            // without a blob_properties block.
            let none = Val::Obj(BTreeMap::new());
            let absent = Src {
                v: &none,
                tf: s.at("blob_properties[0]"),
            };
            let mut props = Obj::default();
            blob_fields(&absent, &mut props, kind);
            c.embed("properties", props);
        }
        x.children.push(child(
            "Microsoft.Storage/storageAccounts/blobServices",
            Val::str("default"),
            c,
        ));
    }
    let mut c = Obj::default();
    let pres = c.block(s, "share_properties", "properties", |b, c| {
        c.block(
            b,
            "retention_policy",
            "shareDeleteRetentionPolicy",
            |r, c| {
                c.fixed("enabled", Val::Bool(true));
                c.put_or(r, "days", "days", num, Val::int(7));
            },
        );
        c.block(b, "smb", "protocolSettings.smb", |m, c| {
            c.put(m, "versions", "versions", joined(";"));
            c.put(
                m,
                "authentication_types",
                "authenticationMethods",
                joined(";"),
            );
            c.put(
                m,
                "kerberos_ticket_encryption_type",
                "kerberosTicketEncryption",
                joined(";"),
            );
            c.put(
                m,
                "channel_encryption_type",
                "channelEncryption",
                joined(";"),
            );
            c.put(m, "multichannel_enabled", "multichannel.enabled", boolean);
        });
    });
    if !pres.absent() {
        x.children.push(child(
            "Microsoft.Storage/storageAccounts/fileServices",
            Val::str("default"),
            c,
        ));
    }
}

fn blob_fields(b: &Src, c: &mut Obj, kind: &str) {
    // provider default: soft delete off unless its block is given.
    if c.block(
        b,
        "delete_retention_policy",
        "deleteRetentionPolicy",
        |r, c| {
            c.fixed("enabled", Val::Bool(true));
            c.put_or(r, "days", "days", num, Val::int(7));
            c.put(
                r,
                "permanent_delete_enabled",
                "allowPermanentDelete",
                boolean,
            );
        },
    )
    .absent()
    {
        c.set(
            "deleteRetentionPolicy",
            obj([("enabled", Val::Bool(false))]),
        );
        c.path(b.at("delete_retention_policy"), "deleteRetentionPolicy");
    }
    if c.block(
        b,
        "container_delete_retention_policy",
        "containerDeleteRetentionPolicy",
        |r, c| {
            c.fixed("enabled", Val::Bool(true));
            c.put_or(r, "days", "days", num, Val::int(7));
        },
    )
    .absent()
    {
        c.set(
            "containerDeleteRetentionPolicy",
            obj([("enabled", Val::Bool(false))]),
        );
        c.path(
            b.at("container_delete_retention_policy"),
            "containerDeleteRetentionPolicy",
        );
    }
    c.block(b, "restore_policy", "restorePolicy", |r, c| {
        c.fixed("enabled", Val::Bool(true));
        c.put(r, "days", "days", num);
    });
    c.put(b, "default_service_version", "defaultServiceVersion", same);
    // `Storage` (v1) accounts support none of these; elsewhere the provider writes
    // them, false by default.
    if kind != "Storage" {
        c.put_or(
            b,
            "versioning_enabled",
            "isVersioningEnabled",
            boolean,
            Val::Bool(false),
        );
        c.put_or(
            b,
            "change_feed_enabled",
            "changeFeed.enabled",
            boolean,
            Val::Bool(false),
        );
        c.put(
            b,
            "change_feed_retention_in_days",
            "changeFeed.retentionInDays",
            num,
        );
        c.put_or(
            b,
            "last_access_time_enabled",
            "lastAccessTimeTrackingPolicy.enable",
            boolean,
            Val::Bool(false),
        );
    }
}

fn child(arm_type: &str, name: Val, c: Obj) -> Child {
    let mut m = c.m;
    m.entry("properties".to_string())
        .or_insert_with(|| Val::Obj(BTreeMap::new()));
    Child {
        arm_type: arm_type.to_string(),
        name,
        location: None,
        tags: None,
        body: Val::Obj(m),
        paths: c.paths,
    }
}

// ---------------------------------------------------------------------------
// Key Vault
// ---------------------------------------------------------------------------

fn key_vault(s: &Src, o: &mut Obj, _x: &mut Extra) {
    if o.put(s, "sku_name", "properties.sku.name", same) {
        o.fixed("properties.sku.family", Val::str("A"));
    }
    o.put(s, "tenant_id", "properties.tenantId", same);
    // provider default: the provider always sends these three, false unless set.
    for (k, arm) in [
        ("enabled_for_deployment", "properties.enabledForDeployment"),
        (
            "enabled_for_disk_encryption",
            "properties.enabledForDiskEncryption",
        ),
        (
            "enabled_for_template_deployment",
            "properties.enabledForTemplateDeployment",
        ),
    ] {
        o.put_or(s, k, arm, boolean, Val::Bool(false));
    }
    // provider default: access policies, not RBAC (required from 5.0).
    o.put_any_or(
        s,
        &["rbac_authorization_enabled", "enable_rbac_authorization"],
        "properties.enableRbacAuthorization",
        boolean,
        Val::Bool(false),
    );
    vault_protection(s, o);
    o.block(s, "network_acls", "properties.networkAcls", |b, c| {
        c.put(b, "bypass", "bypass", same);
        c.put(b, "default_action", "defaultAction", same);
        c.put(b, "ip_rules", "ipRules", wrap("value"));
        c.put(
            b,
            "virtual_network_subnet_ids",
            "virtualNetworkRules",
            wrap("id"),
        );
    });
    o.blocks(s, "access_policy", "properties.accessPolicies", |b, c| {
        c.put_ne(b, "tenant_id", "tenantId", same);
        c.put_ne(b, "object_id", "objectId", same);
        c.put_ne(b, "application_id", "applicationId", same);
        c.put(b, "key_permissions", "permissions.keys", same);
        c.put(b, "secret_permissions", "permissions.secrets", same);
        c.put(
            b,
            "certificate_permissions",
            "permissions.certificates",
            same,
        );
        c.put(b, "storage_permissions", "permissions.storage", same);
    });
}

/// What Key Vaults and Managed HSMs share: purge protection, soft delete and
/// public access, with the provider's defaults.
fn vault_protection(s: &Src, o: &mut Obj) {
    // provider default: purge protection off (ARM leaves it absent, which is off).
    o.put_or(
        s,
        "purge_protection_enabled",
        "properties.enablePurgeProtection",
        boolean,
        Val::Bool(false),
    );
    // provider default: 90 days.
    o.put_or(
        s,
        "soft_delete_retention_days",
        "properties.softDeleteRetentionInDays",
        num,
        Val::int(90),
    );
    // The provider always enables soft delete (no attribute since 3.0).
    o.fixed("properties.enableSoftDelete", Val::Bool(true));
    // provider default: public network access enabled.
    o.put_or(
        s,
        "public_network_access_enabled",
        "properties.publicNetworkAccess",
        enabled,
        Val::Bool(true),
    );
}

fn managed_hsm(s: &Src, o: &mut Obj, _x: &mut Extra) {
    if o.put(s, "sku_name", "sku.name", same) {
        o.fixed("sku.family", Val::str("B"));
    }
    o.put(s, "tenant_id", "properties.tenantId", same);
    o.put(
        s,
        "admin_object_ids",
        "properties.initialAdminObjectIds",
        same,
    );
    vault_protection(s, o);
    o.block(s, "network_acls", "properties.networkAcls", |b, c| {
        c.put(b, "bypass", "bypass", same);
        c.put(b, "default_action", "defaultAction", same);
    });
}

// ---------------------------------------------------------------------------
// Container Registry
// ---------------------------------------------------------------------------

fn container_registry(s: &Src, o: &mut Obj, x: &mut Extra) {
    o.put(s, "sku", "sku.name", same);
    o.put(s, "sku", "sku.tier", same);
    // provider default: admin user disabled.
    o.put_or(
        s,
        "admin_enabled",
        "properties.adminUserEnabled",
        boolean,
        Val::Bool(false),
    );
    // provider default: public network access enabled.
    o.put_or(
        s,
        "public_network_access_enabled",
        "properties.publicNetworkAccess",
        enabled,
        Val::Bool(true),
    );
    // provider default: trusted Azure services may bypass the network rules.
    o.put_or(
        s,
        "network_rule_bypass_option",
        "properties.networkRuleBypassOptions",
        same,
        Val::str("AzureServices"),
    );
    o.put(
        s,
        "network_rule_bypass_for_tasks_enabled",
        "properties.networkRuleBypassAllowedForTasks",
        boolean,
    );
    // provider default: not zone redundant.
    o.put_or(
        s,
        "zone_redundancy_enabled",
        "properties.zoneRedundancy",
        enabled,
        Val::Bool(false),
    );
    o.put(
        s,
        "anonymous_pull_enabled",
        "properties.anonymousPullEnabled",
        boolean,
    );
    o.put(
        s,
        "data_endpoint_enabled",
        "properties.dataEndpointEnabled",
        boolean,
    );
    o.put(
        s,
        "role_assignment_mode",
        "properties.roleAssignmentMode",
        same,
    );
    // provider default: export allowed.
    o.put_or(
        s,
        "export_policy_enabled",
        "properties.policies.exportPolicy.status",
        enabled_lower,
        Val::Bool(true),
    );
    o.put(
        s,
        "quarantine_policy_enabled",
        "properties.policies.quarantinePolicy.status",
        enabled_lower,
    );
    o.put(
        s,
        "azuread_authentication_as_arm_policy_enabled",
        "properties.policies.azureADAuthenticationAsArmPolicy.status",
        enabled_lower,
    );
    // 4.x: retention_policy_in_days; 3.x: a retention_policy block.
    if let Some(days) = s.get("retention_policy_in_days") {
        let arm = "properties.policies.retentionPolicy";
        let status = match num(days) {
            Val::Num(n) => enabled_lower(&Val::Bool(n.as_f64().unwrap_or(0.0) > 0.0)),
            other => other,
        };
        o.set(arm, obj([("days", num(days)), ("status", status)]));
        o.path(s.at("retention_policy_in_days"), &format!("{arm}.days"));
    } else {
        o.block(
            s,
            "retention_policy",
            "properties.policies.retentionPolicy",
            |b, c| {
                c.put_or(b, "days", "days", num, Val::int(7));
                c.put_or(b, "enabled", "status", enabled_lower, Val::Bool(false));
            },
        );
    }
    if o.put(
        s,
        "trust_policy_enabled",
        "properties.policies.trustPolicy.status",
        enabled_lower,
    ) {
        o.fixed("properties.policies.trustPolicy.type", Val::str("Notary"));
    } else {
        o.block(
            s,
            "trust_policy",
            "properties.policies.trustPolicy",
            |b, c| {
                c.fixed("type", Val::str("Notary"));
                c.put_or(b, "enabled", "status", enabled_lower, Val::Bool(false));
            },
        );
    }
    o.block(
        s,
        "network_rule_set",
        "properties.networkRuleSet",
        |b, c| {
            // provider default: Allow.
            c.put_or(
                b,
                "default_action",
                "defaultAction",
                same,
                Val::str("Allow"),
            );
            c.blocks(b, "ip_rule", "ipRules", |r, c| {
                c.put(r, "action", "action", same);
                c.put(r, "ip_range", "value", same);
            });
            c.blocks(b, "virtual_network", "virtualNetworkRules", |r, c| {
                c.put(r, "action", "action", same);
                c.put(r, "subnet_id", "id", same);
            });
        },
    );
    o.block(s, "encryption", "properties.encryption", |b, c| {
        match b.get("enabled") {
            Some(e) => {
                c.set("status", enabled_lower(e));
                c.path(b.at("enabled"), "status");
            }
            None => c.fixed("status", Val::str("enabled")),
        }
        c.put(
            b,
            "key_vault_key_id",
            "keyVaultProperties.keyIdentifier",
            same,
        );
        c.put(b, "identity_client_id", "keyVaultProperties.identity", same);
    });
    identity(s, o);
    // Geo-replications are child resources named after their location.
    let replications = s.blocks("georeplications");
    if let Blocks::Unknown(u) = &replications {
        // How many there are is not known, nor where: one child whose name and
        // location are unknown stands for them, so that no rule reports the
        // registry as having none.
        let mut ch = child(
            "Microsoft.ContainerRegistry/registries/replications",
            u.clone(),
            Obj {
                m: [("properties".to_string(), u.clone())]
                    .into_iter()
                    .collect(),
                paths: vec![(s.at("georeplications"), "properties".to_string())],
            },
        );
        ch.location = Some(u.clone());
        x.children.push(ch);
    }
    if let Blocks::List(items) = replications {
        for item in items {
            x.children.push(match item {
                Item::Unknown(u) => child(
                    "Microsoft.ContainerRegistry/registries/replications",
                    u.clone(),
                    Obj {
                        m: [("properties".to_string(), u)].into_iter().collect(),
                        paths: Vec::new(),
                    },
                ),
                Item::Known(b) => {
                    let mut c = Obj::default();
                    c.put_or(
                        &b,
                        "zone_redundancy_enabled",
                        "properties.zoneRedundancy",
                        enabled,
                        Val::Bool(false),
                    );
                    c.put_any(
                        &b,
                        &[
                            "global_endpoint_routing_enabled",
                            "regional_endpoint_enabled",
                        ],
                        "properties.regionEndpointEnabled",
                        boolean,
                    );
                    let name = b.get("location").cloned().unwrap_or(Val::Null);
                    let mut ch = child(
                        "Microsoft.ContainerRegistry/registries/replications",
                        name,
                        c,
                    );
                    ch.location = b.get("location").cloned();
                    ch.tags = b.get("tags").cloned();
                    ch
                }
            });
        }
    }
}

// ---------------------------------------------------------------------------
// Cosmos DB
// ---------------------------------------------------------------------------

fn cosmosdb_account(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.put(s, "offer_type", "properties.databaseAccountOfferType", same);
    // provider default: GlobalDocumentDB.
    o.put_or(s, "kind", "kind", same, Val::str("GlobalDocumentDB"));
    o.block(
        s,
        "consistency_policy",
        "properties.consistencyPolicy",
        |b, c| {
            c.put(b, "consistency_level", "defaultConsistencyLevel", same);
            c.put_or(
                b,
                "max_interval_in_seconds",
                "maxIntervalInSeconds",
                num,
                Val::int(5),
            );
            c.put_or(
                b,
                "max_staleness_prefix",
                "maxStalenessPrefix",
                num,
                Val::int(100),
            );
        },
    );
    o.blocks(s, "geo_location", "properties.locations", |b, c| {
        c.put(b, "location", "locationName", same);
        c.put(b, "failover_priority", "failoverPriority", num);
        c.put_or(
            b,
            "zone_redundant",
            "isZoneRedundant",
            boolean,
            Val::Bool(false),
        );
    });
    // 3.x: a comma-separated string; 4.x: a list.
    o.put(s, "ip_range_filter", "properties.ipRules", |v| match v {
        Val::Str(text) => Val::Arr(
            text.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| obj([("ipAddressOrRange", Val::str(p))]))
                .collect(),
        ),
        other => wrap("ipAddressOrRange")(other),
    });
    // provider default: public network access enabled.
    o.put_or(
        s,
        "public_network_access_enabled",
        "properties.publicNetworkAccess",
        enabled,
        Val::Bool(true),
    );
    o.put_or(
        s,
        "is_virtual_network_filter_enabled",
        "properties.isVirtualNetworkFilterEnabled",
        boolean,
        Val::Bool(false),
    );
    o.blocks(
        s,
        "virtual_network_rule",
        "properties.virtualNetworkRules",
        |b, c| {
            c.put(b, "id", "id", same);
            c.put(
                b,
                "ignore_missing_vnet_service_endpoint",
                "ignoreMissingVNetServiceEndpoint",
                boolean,
            );
        },
    );
    // provider default: no automatic failover, single write region.
    o.put_any_or(
        s,
        &["automatic_failover_enabled", "enable_automatic_failover"],
        "properties.enableAutomaticFailover",
        boolean,
        Val::Bool(false),
    );
    o.put_any_or(
        s,
        &[
            "multiple_write_locations_enabled",
            "enable_multiple_write_locations",
        ],
        "properties.enableMultipleWriteLocations",
        boolean,
        Val::Bool(false),
    );
    o.put_any(
        s,
        &["free_tier_enabled", "enable_free_tier"],
        "properties.enableFreeTier",
        boolean,
    );
    o.put(
        s,
        "analytical_storage_enabled",
        "properties.enableAnalyticalStorage",
        boolean,
    );
    // 4.x local_authentication_enabled (default true); 3.x local_authentication_disabled.
    if !o.put(
        s,
        "local_authentication_enabled",
        "properties.disableLocalAuth",
        not,
    ) && !o.put(
        s,
        "local_authentication_disabled",
        "properties.disableLocalAuth",
        boolean,
    ) {
        o.put_or(
            s,
            "local_authentication_enabled",
            "properties.disableLocalAuth",
            not,
            Val::Bool(true),
        );
    }
    // provider default: metadata writes with keys allowed.
    o.put_or(
        s,
        "access_key_metadata_writes_enabled",
        "properties.disableKeyBasedMetadataWriteAccess",
        not,
        Val::Bool(true),
    );
    o.put_or(
        s,
        "network_acl_bypass_for_azure_services",
        "properties.networkAclBypass",
        |v| match boolean(v) {
            Val::Bool(true) => Val::str("AzureServices"),
            Val::Bool(false) => Val::str("None"),
            other => other,
        },
        Val::Bool(false),
    );
    o.put(
        s,
        "network_acl_bypass_ids",
        "properties.networkAclBypassResourceIds",
        same,
    );
    // provider default: TLS 1.2.
    o.put_or(
        s,
        "minimal_tls_version",
        "properties.minimalTlsVersion",
        same,
        Val::str("Tls12"),
    );
    o.blocks(s, "capabilities", "properties.capabilities", |b, c| {
        c.put(b, "name", "name", same);
    });
    o.put(
        s,
        "mongo_server_version",
        "properties.apiProperties.serverVersion",
        same,
    );
    o.put(s, "key_vault_key_id", "properties.keyVaultKeyUri", same);
    o.put(
        s,
        "default_identity_type",
        "properties.defaultIdentity",
        same,
    );
    o.put(
        s,
        "partition_merge_enabled",
        "properties.enablePartitionMerge",
        boolean,
    );
    o.put(
        s,
        "burst_capacity_enabled",
        "properties.enableBurstCapacity",
        boolean,
    );
    o.block(s, "capacity", "properties.capacity", |b, c| {
        c.put(b, "total_throughput_limit", "totalThroughputLimit", num);
    });
    o.block(
        s,
        "analytical_storage",
        "properties.analyticalStorageConfiguration",
        |b, c| {
            c.put(b, "schema_type", "schemaType", same);
        },
    );
    o.block(s, "backup", "properties.backupPolicy", |b, c| {
        c.put(b, "type", "type", same);
        if b.str("type") == Some("Continuous") {
            c.put(b, "tier", "continuousModeProperties.tier", same);
        } else {
            let periodic = b.str("type") == Some("Periodic");
            for (k, arm, d) in [
                (
                    "interval_in_minutes",
                    "periodicModeProperties.backupIntervalInMinutes",
                    Val::int(240),
                ),
                (
                    "retention_in_hours",
                    "periodicModeProperties.backupRetentionIntervalInHours",
                    Val::int(8),
                ),
                (
                    "storage_redundancy",
                    "periodicModeProperties.backupStorageRedundancy",
                    Val::str("Geo"),
                ),
            ] {
                if periodic {
                    // provider defaults of a periodic backup.
                    c.put_or(b, k, arm, num, d);
                } else {
                    c.put(b, k, arm, num);
                }
            }
        }
    });
    identity(s, o);
}

// ---------------------------------------------------------------------------
// Machine Learning
// ---------------------------------------------------------------------------

fn ml_workspace(s: &Src, o: &mut Obj, _x: &mut Extra) {
    // provider default: Basic.
    o.put_or(s, "sku_name", "sku.name", same, Val::str("Basic"));
    o.put_or(s, "sku_name", "sku.tier", same, Val::str("Basic"));
    // provider default: Default (a plain workspace, not a hub or project).
    o.put_or(s, "kind", "kind", same, Val::str("Default"));
    // provider default: public network access enabled.
    o.put_or(
        s,
        "public_network_access_enabled",
        "properties.publicNetworkAccess",
        enabled,
        Val::Bool(true),
    );
    o.put(
        s,
        "public_access_behind_virtual_network_enabled",
        "properties.allowPublicAccessWhenBehindVnet",
        boolean,
    );
    o.put(s, "key_vault_id", "properties.keyVault", same);
    o.put(s, "storage_account_id", "properties.storageAccount", same);
    o.put(
        s,
        "application_insights_id",
        "properties.applicationInsights",
        same,
    );
    o.put(
        s,
        "container_registry_id",
        "properties.containerRegistry",
        same,
    );
    o.put(
        s,
        "high_business_impact",
        "properties.hbiWorkspace",
        boolean,
    );
    o.put(
        s,
        "image_build_compute_name",
        "properties.imageBuildCompute",
        same,
    );
    o.put(
        s,
        "v1_legacy_mode_enabled",
        "properties.v1LegacyMode",
        boolean,
    );
    o.put(s, "description", "properties.description", same);
    o.put(s, "friendly_name", "properties.friendlyName", same);
    o.put(
        s,
        "primary_user_assigned_identity",
        "properties.primaryUserAssignedIdentity",
        same,
    );
    o.put(
        s,
        "storage_account_access_type",
        "properties.systemDatastoresAuthMode",
        same,
    );
    o.put(
        s,
        "service_side_encryption_enabled",
        "properties.enableServiceSideCMKEncryption",
        boolean,
    );
    if let Block::Known(b) = s.block("managed_network") {
        o.put(
            &b,
            "provision_on_creation_enabled",
            "properties.provisionNetworkNow",
            boolean,
        );
    }
    o.block(s, "managed_network", "properties.managedNetwork", |b, c| {
        c.put(b, "isolation_mode", "isolationMode", same);
    });
    o.block(
        s,
        "serverless_compute",
        "properties.serverlessComputeSettings",
        |b, c| {
            c.put(b, "subnet_id", "serverlessComputeCustomSubnet", same);
            // provider default: no public IP.
            c.put_or(
                b,
                "public_ip_enabled",
                "serverlessComputeNoPublicIP",
                not,
                Val::Bool(false),
            );
        },
    );
    o.block(s, "encryption", "properties.encryption", |b, c| {
        c.fixed("status", Val::str("Enabled"));
        c.put(b, "key_vault_id", "keyVaultProperties.keyVaultArmId", same);
        c.put(b, "key_id", "keyVaultProperties.keyIdentifier", same);
        c.put(
            b,
            "user_assigned_identity_id",
            "identity.userAssignedIdentity",
            same,
        );
    });
    identity(s, o);
}

/// The settings a Foundry hub shares with a plain workspace.
fn workspace_links(s: &Src, o: &mut Obj) {
    o.put(s, "key_vault_id", "properties.keyVault", same);
    o.put(s, "storage_account_id", "properties.storageAccount", same);
    o.put(
        s,
        "application_insights_id",
        "properties.applicationInsights",
        same,
    );
    o.put(
        s,
        "container_registry_id",
        "properties.containerRegistry",
        same,
    );
    o.put(s, "description", "properties.description", same);
    o.put(s, "friendly_name", "properties.friendlyName", same);
    o.put(
        s,
        "high_business_impact_enabled",
        "properties.hbiWorkspace",
        boolean,
    );
    o.put(
        s,
        "primary_user_assigned_identity",
        "properties.primaryUserAssignedIdentity",
        same,
    );
}

/// `azurerm_ai_foundry`: an AI Foundry hub, a workspace of kind `Hub`.
fn ai_foundry(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.fixed("kind", Val::str("Hub"));
    workspace_links(s, o);
    // provider default: public network access enabled. Written as ARM spells it.
    o.put_or(
        s,
        "public_network_access",
        "properties.publicNetworkAccess",
        same,
        Val::str("Enabled"),
    );
    o.block(s, "managed_network", "properties.managedNetwork", |b, c| {
        c.put(b, "isolation_mode", "isolationMode", same);
    });
    o.block(s, "encryption", "properties.encryption", |b, c| {
        c.fixed("status", Val::str("Enabled"));
        c.put(b, "key_vault_id", "keyVaultProperties.keyVaultArmId", same);
        c.put(b, "key_id", "keyVaultProperties.keyIdentifier", same);
        c.put(
            b,
            "user_assigned_identity_id",
            "identity.userAssignedIdentity",
            same,
        );
    });
    identity(s, o);
}

/// `azurerm_ai_foundry_project`: a workspace of kind `Project` under its hub, whose
/// network settings it inherits (the provider has no such attributes; they are
/// mapped should a version add them).
fn ai_foundry_project(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.fixed("kind", Val::str("Project"));
    o.put(s, "ai_services_hub_id", "properties.hubResourceId", same);
    o.put(s, "description", "properties.description", same);
    o.put(s, "friendly_name", "properties.friendlyName", same);
    o.put(
        s,
        "high_business_impact_enabled",
        "properties.hbiWorkspace",
        boolean,
    );
    o.put(
        s,
        "primary_user_assigned_identity",
        "properties.primaryUserAssignedIdentity",
        same,
    );
    o.put(
        s,
        "public_network_access",
        "properties.publicNetworkAccess",
        same,
    );
    o.block(s, "managed_network", "properties.managedNetwork", |b, c| {
        c.put(b, "isolation_mode", "isolationMode", same);
    });
    identity(s, o);
}

fn ml_compute_common(s: &Src, o: &mut Obj, x: &mut Extra, compute_type: &str) {
    parent_id(s, x, "machine_learning_workspace_id");
    o.fixed("properties.computeType", Val::str(compute_type));
    o.put(s, "location", "properties.computeLocation", same);
    o.put(s, "description", "properties.description", same);
    // provider default: local (key) authentication enabled.
    o.put_or(
        s,
        "local_auth_enabled",
        "properties.disableLocalAuth",
        not,
        Val::Bool(true),
    );
    o.put(
        s,
        "subnet_resource_id",
        "properties.properties.subnet.id",
        same,
    );
    // provider default: nodes get public IPs.
    o.put_or(
        s,
        "node_public_ip_enabled",
        "properties.properties.enableNodePublicIp",
        boolean,
        Val::Bool(true),
    );
    identity(s, o);
}

fn ml_compute_cluster(s: &Src, o: &mut Obj, x: &mut Extra) {
    ml_compute_common(s, o, x, "AmlCompute");
    o.put(s, "vm_size", "properties.properties.vmSize", same);
    o.put(s, "vm_priority", "properties.properties.vmPriority", same);
    o.block(
        s,
        "scale_settings",
        "properties.properties.scaleSettings",
        |b, c| {
            c.put(b, "min_node_count", "minNodeCount", num);
            c.put(b, "max_node_count", "maxNodeCount", num);
            c.put(
                b,
                "scale_down_nodes_after_idle_duration",
                "nodeIdleTimeBeforeScaleDown",
                same,
            );
        },
    );
    // provider default: SSH port closed to the internet.
    o.put_or(
        s,
        "ssh_public_access_enabled",
        "properties.properties.remoteLoginPortPublicAccess",
        enabled,
        Val::Bool(false),
    );
    o.block(
        s,
        "ssh",
        "properties.properties.userAccountCredentials",
        |b, c| {
            c.put(b, "admin_username", "adminUserName", same);
            c.put(b, "key_value", "adminUserSshPublicKey", same);
        },
    );
}

fn ml_compute_instance(s: &Src, o: &mut Obj, x: &mut Extra) {
    ml_compute_common(s, o, x, "ComputeInstance");
    o.put(
        s,
        "virtual_machine_size",
        "properties.properties.vmSize",
        same,
    );
    o.put(
        s,
        "authorization_type",
        "properties.properties.computeInstanceAuthorizationType",
        same,
    );
    o.block(
        s,
        "assign_to_user",
        "properties.properties.personalComputeInstanceSettings.assignedUser",
        |b, c| {
            c.put(b, "object_id", "objectId", same);
            c.put(b, "tenant_id", "tenantId", same);
        },
    );
    let ssh = "properties.properties.sshSettings";
    let pres = o.block(s, "ssh", ssh, |b, c| {
        c.fixed("sshPublicAccess", Val::str("Enabled"));
        c.put(b, "public_key", "adminPublicKey", same);
    });
    if pres.absent() {
        // provider default: without an ssh block, SSH access is disabled.
        o.set(ssh, obj([("sshPublicAccess", Val::str("Disabled"))]));
        o.path(s.at("ssh"), ssh);
    }
}

// ---------------------------------------------------------------------------
// Azure AI services (Cognitive Services)
// ---------------------------------------------------------------------------

fn cognitive_account(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.put(s, "kind", "kind", same);
    o.put(s, "sku_name", "sku.name", same);
    o.put(
        s,
        "custom_subdomain_name",
        "properties.customSubDomainName",
        same,
    );
    // provider default: public network access enabled.
    o.put_or(
        s,
        "public_network_access_enabled",
        "properties.publicNetworkAccess",
        enabled,
        Val::Bool(true),
    );
    // provider default: local (key) authentication enabled.
    o.put_or(
        s,
        "local_auth_enabled",
        "properties.disableLocalAuth",
        not,
        Val::Bool(true),
    );
    // provider default: outbound access unrestricted.
    o.put_or(
        s,
        "outbound_network_access_restricted",
        "properties.restrictOutboundNetworkAccess",
        boolean,
        Val::Bool(false),
    );
    o.put(s, "fqdns", "properties.allowedFqdnList", same);
    o.put(
        s,
        "dynamic_throttling_enabled",
        "properties.dynamicThrottlingEnabled",
        boolean,
    );
    o.put(
        s,
        "project_management_enabled",
        "properties.allowProjectManagement",
        boolean,
    );
    o.block(s, "network_acls", "properties.networkAcls", |b, c| {
        c.put(b, "default_action", "defaultAction", same);
        c.put(b, "bypass", "bypass", same);
        c.put(b, "ip_rules", "ipRules", wrap("value"));
        c.blocks(b, "virtual_network_rules", "virtualNetworkRules", |r, c| {
            c.put(r, "subnet_id", "id", same);
            c.put(
                r,
                "ignore_missing_vnet_service_endpoint",
                "ignoreMissingVnetServiceEndpoint",
                boolean,
            );
        });
    });
    o.blocks(
        s,
        "network_injection",
        "properties.networkInjections",
        |b, c| {
            c.put(b, "scenario", "scenario", same);
            c.put(b, "subnet_id", "subnetArmId", same);
        },
    );
    o.block(
        s,
        "customer_managed_key",
        "properties.encryption",
        |b, c| {
            c.fixed("keySource", Val::str("Microsoft.KeyVault"));
            if let Some(k) = b.get("key_vault_key_id") {
                c.set(
                    "keyVaultProperties",
                    key_url(k, ["keyVaultUri", "keyName", "keyVersion"]),
                );
                c.path(b.at("key_vault_key_id"), "keyVaultProperties");
            }
            c.put(
                b,
                "identity_client_id",
                "keyVaultProperties.identityClientId",
                same,
            );
        },
    );
    o.blocks(s, "storage", "properties.userOwnedStorage", |b, c| {
        c.put(b, "storage_account_id", "resourceId", same);
        c.put(b, "identity_client_id", "identityClientId", same);
    });
    identity(s, o);
}

fn cognitive_deployment(s: &Src, o: &mut Obj, x: &mut Extra) {
    parent_id(s, x, "cognitive_account_id");
    o.block(s, "model", "properties.model", |b, c| {
        c.put(b, "format", "format", same);
        c.put(b, "name", "name", same);
        c.put(b, "version", "version", same);
    });
    let sku = |b: &Src, c: &mut Obj, name: &str| {
        c.put(b, name, "name", same);
        c.put(b, "tier", "tier", same);
        c.put(b, "size", "size", same);
        c.put(b, "family", "family", same);
        // provider default: capacity 1.
        c.put_or(b, "capacity", "capacity", num, Val::int(1));
    };
    // 4.x: sku {name}; 3.x: scale {type}.
    if o.block(s, "sku", "sku", |b, c| sku(b, c, "name")).absent() {
        o.block(s, "scale", "sku", |b, c| sku(b, c, "type"));
    }
    o.put(s, "rai_policy_name", "properties.raiPolicyName", same);
    // provider default: follow new default model versions.
    o.put_or(
        s,
        "version_upgrade_option",
        "properties.versionUpgradeOption",
        same,
        Val::str("OnceNewDefaultVersionAvailable"),
    );
    o.put(
        s,
        "dynamic_throttling_enabled",
        "properties.dynamicThrottlingEnabled",
        boolean,
    );
}

// ---------------------------------------------------------------------------
// Event Hubs, Data Factory
// ---------------------------------------------------------------------------

fn eventhub_namespace(s: &Src, o: &mut Obj, x: &mut Extra) {
    o.put(s, "sku", "sku.name", same);
    o.put(s, "sku", "sku.tier", same);
    // provider default: one throughput unit.
    o.put_or(s, "capacity", "sku.capacity", num, Val::int(1));
    // provider default: public network access enabled.
    o.put_or(
        s,
        "public_network_access_enabled",
        "properties.publicNetworkAccess",
        enabled,
        Val::Bool(true),
    );
    o.put(s, "zone_redundant", "properties.zoneRedundant", boolean);
    o.put(
        s,
        "auto_inflate_enabled",
        "properties.isAutoInflateEnabled",
        boolean,
    );
    o.put(
        s,
        "maximum_throughput_units",
        "properties.maximumThroughputUnits",
        num,
    );
    o.put(s, "dedicated_cluster_id", "properties.clusterArmId", same);
    // provider default: SAS (local) authentication enabled.
    o.put_or(
        s,
        "local_authentication_enabled",
        "properties.disableLocalAuth",
        not,
        Val::Bool(true),
    );
    // provider default: TLS 1.2.
    o.put_or(
        s,
        "minimum_tls_version",
        "properties.minimumTlsVersion",
        string,
        Val::str("1.2"),
    );
    identity(s, o);
    // The network rule set is the child `networkRuleSets/default` in ARM.
    let mut c = Obj::default();
    let pres = c.block(s, "network_rulesets", "properties", |b, c| {
        c.put(b, "default_action", "defaultAction", same);
        c.put_or(
            b,
            "public_network_access_enabled",
            "publicNetworkAccess",
            enabled,
            Val::Bool(true),
        );
        c.put(
            b,
            "trusted_service_access_enabled",
            "trustedServiceAccessEnabled",
            boolean,
        );
        c.blocks(b, "virtual_network_rule", "virtualNetworkRules", |r, c| {
            c.put(r, "subnet_id", "subnet.id", same);
            c.put(
                r,
                "ignore_missing_virtual_network_service_endpoint",
                "ignoreMissingVnetServiceEndpoint",
                boolean,
            );
        });
        c.blocks(b, "ip_rule", "ipRules", |r, c| {
            c.put(r, "ip_mask", "ipMask", same);
            c.put_or(r, "action", "action", same, Val::str("Allow"));
        });
    });
    if !pres.absent() {
        x.children.push(child(
            "Microsoft.EventHub/namespaces/networkRuleSets",
            Val::str("default"),
            c,
        ));
    }
}

fn data_factory(s: &Src, o: &mut Obj, x: &mut Extra) {
    // provider default: public network access enabled.
    o.put_or(
        s,
        "public_network_enabled",
        "properties.publicNetworkAccess",
        enabled,
        Val::Bool(true),
    );
    o.put(
        s,
        "purview_id",
        "properties.purviewConfiguration.purviewResourceId",
        same,
    );
    if let Some(k) = s.get("customer_managed_key_id") {
        o.set(
            "properties.encryption",
            key_url(k, ["vaultBaseUrl", "keyName", "keyVersion"]),
        );
        o.path(s.at("customer_managed_key_id"), "properties.encryption");
    }
    o.put(
        s,
        "customer_managed_key_identity_id",
        "properties.encryption.identity.userAssignedIdentity",
        same,
    );
    let repo = |b: &Src, c: &mut Obj, ty: &str| {
        c.fixed("type", Val::str(ty));
        c.put(b, "account_name", "accountName", same);
        c.put(b, "branch_name", "collaborationBranch", same);
        c.put(b, "repository_name", "repositoryName", same);
        c.put(b, "root_folder", "rootFolder", same);
        c.put(b, "git_url", "hostName", same);
        c.put(b, "project_name", "projectName", same);
        c.put(b, "tenant_id", "tenantId", same);
        c.put(b, "publishing_enabled", "disablePublish", not);
    };
    o.block(
        s,
        "github_configuration",
        "properties.repoConfiguration",
        |b, c| repo(b, c, "FactoryGitHubConfiguration"),
    );
    o.block(
        s,
        "vsts_configuration",
        "properties.repoConfiguration",
        |b, c| repo(b, c, "FactoryVSTSConfiguration"),
    );
    identity(s, o);
    // The managed virtual network is the child `managedVirtualNetworks/default` in
    // ARM. An unknown flag creates no child: whether it exists is not known.
    if s.bool("managed_virtual_network_enabled") == Some(true) {
        let mut c = Obj::default();
        c.path(s.at("managed_virtual_network_enabled"), "properties");
        x.children.push(child(
            "Microsoft.DataFactory/factories/managedVirtualNetworks",
            Val::str("default"),
            c,
        ));
    }
}

// ---------------------------------------------------------------------------
// Private Link and private DNS
// ---------------------------------------------------------------------------

fn private_endpoint(s: &Src, o: &mut Obj, x: &mut Extra) {
    o.put(s, "subnet_id", "properties.subnet.id", same);
    o.put(
        s,
        "custom_network_interface_name",
        "properties.customNetworkInterfaceName",
        same,
    );
    // A connection goes to privateLinkServiceConnections, or to
    // manualPrivateLinkServiceConnections when is_manual_connection is true. An
    // unknown flag counts as automatic: both lists name the same kind of target.
    const AUTO: &str = "properties.privateLinkServiceConnections";
    const MANUAL: &str = "properties.manualPrivateLinkServiceConnections";
    match s.blocks("private_service_connection") {
        Blocks::Absent => {}
        Blocks::Unknown(u) => {
            o.set(AUTO, u);
            o.path(s.at("private_service_connection"), AUTO);
        }
        Blocks::List(items) => {
            let (mut auto, mut manual) = (Vec::new(), Vec::new());
            for (i, item) in items.into_iter().enumerate() {
                match item {
                    Item::Unknown(u) => {
                        let ap = format!("{AUTO}[{}]", auto.len());
                        o.path(format!("{}[{i}]", s.at("private_service_connection")), &ap);
                        auto.push(u);
                    }
                    Item::Known(b) => {
                        let is_manual = b.bool("is_manual_connection") == Some(true);
                        let (list, base) = if is_manual {
                            (&mut manual, MANUAL)
                        } else {
                            (&mut auto, AUTO)
                        };
                        let ap = format!("{base}[{}]", list.len());
                        let mut c = Obj::default();
                        c.put(&b, "name", "name", same);
                        c.put_any(
                            &b,
                            &[
                                "private_connection_resource_id",
                                "private_connection_resource_alias",
                            ],
                            "properties.privateLinkServiceId",
                            same,
                        );
                        c.put(&b, "subresource_names", "properties.groupIds", same);
                        c.put_ne(&b, "request_message", "properties.requestMessage", same);
                        o.path(b.tf.clone(), &ap);
                        o.path(b.at("is_manual_connection"), &ap);
                        for (t, a) in c.paths {
                            o.paths.push((t, join_arm(&ap, &a)));
                        }
                        list.push(Val::Obj(c.m));
                    }
                }
            }
            if !auto.is_empty() {
                o.set(AUTO, Val::Arr(auto));
            }
            if !manual.is_empty() {
                o.set(MANUAL, Val::Arr(manual));
            }
        }
    }
    o.blocks(
        s,
        "ip_configuration",
        "properties.ipConfigurations",
        |b, c| {
            c.put(b, "name", "name", same);
            c.put(b, "private_ip_address", "properties.privateIPAddress", same);
            c.put(b, "subresource_name", "properties.groupId", same);
            c.put(b, "member_name", "properties.memberName", same);
        },
    );
    // The DNS zone group is the child `privateDnsZoneGroups/{name}` in ARM.
    match s.block("private_dns_zone_group") {
        Block::Absent => {}
        Block::Unknown(u) => x.children.push(child(
            "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
            u.clone(),
            Obj {
                m: [("properties".to_string(), u)].into_iter().collect(),
                paths: vec![(s.at("private_dns_zone_group"), "properties".to_string())],
            },
        )),
        Block::Known(b) => {
            let mut c = Obj::default();
            c.put(
                &b,
                "private_dns_zone_ids",
                "properties.privateDnsZoneConfigs",
                |v| {
                    each(v, |id| {
                        let name = match id.as_str() {
                            Some(text) => Val::str(text.rsplit('/').next().unwrap_or(text)),
                            None => id.clone(),
                        };
                        obj([
                            ("name", name),
                            ("properties", obj([("privateDnsZoneId", id.clone())])),
                        ])
                    })
                },
            );
            let name = b.get("name").cloned().unwrap_or(Val::Null);
            x.children.push(child(
                "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
                name,
                c,
            ));
        }
    }
}

fn private_dns_zone(_s: &Src, _o: &mut Obj, _x: &mut Extra) {
    // Nothing the rules read: the zone's name is its identity. (The SOA record is a
    // child record set.)
}

fn private_dns_zone_link(s: &Src, o: &mut Obj, x: &mut Extra) {
    // 5.x: private_dns_zone_id; before: private_dns_zone_name in resource_group_name.
    if s.get("private_dns_zone_id").is_some() {
        parent_id(s, x, "private_dns_zone_id");
    } else {
        parent_named(s, x, "private_dns_zone_name");
    }
    o.put(
        s,
        "virtual_network_id",
        "properties.virtualNetwork.id",
        same,
    );
    // provider default: no auto-registration.
    o.put_or(
        s,
        "registration_enabled",
        "properties.registrationEnabled",
        boolean,
        Val::Bool(false),
    );
    o.put(s, "resolution_policy", "properties.resolutionPolicy", same);
}

// ---------------------------------------------------------------------------
// Virtual networks
// ---------------------------------------------------------------------------

fn virtual_network(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.put(
        s,
        "address_space",
        "properties.addressSpace.addressPrefixes",
        same,
    );
    o.put(s, "dns_servers", "properties.dhcpOptions.dnsServers", same);
    o.put(
        s,
        "bgp_community",
        "properties.bgpCommunities.virtualNetworkCommunity",
        same,
    );
    o.put(
        s,
        "flow_timeout_in_minutes",
        "properties.flowTimeoutInMinutes",
        num,
    );
    // provider default: Disabled.
    o.put_or(
        s,
        "private_endpoint_vnet_policies",
        "properties.privateEndpointVNetPolicies",
        same,
        Val::str("Disabled"),
    );
    o.block_into(
        s,
        "ddos_protection_plan",
        &[
            "properties.ddosProtectionPlan",
            "properties.enableDdosProtection",
        ],
        |b, o| {
            o.put(b, "id", "properties.ddosProtectionPlan.id", same);
            o.put(b, "enable", "properties.enableDdosProtection", boolean);
        },
    );
    o.block(s, "encryption", "properties.encryption", |b, c| {
        c.fixed("enabled", Val::Bool(true));
        c.put(b, "enforcement", "enforcement", same);
    });
    o.blocks(s, "subnet", "properties.subnets", |b, c| {
        c.put(b, "name", "name", same);
        let mut p = Obj::default();
        subnet_props(b, &mut p);
        p.put_ne(b, "security_group", "networkSecurityGroup.id", same);
        c.embed("properties", p);
    });
}

/// The properties of a subnet, shared by `azurerm_subnet` and inline `subnet` blocks.
fn subnet_props(b: &Src, c: &mut Obj) {
    // 4.x: address_prefixes; 3.x inline blocks: address_prefix.
    if !c.put(b, "address_prefixes", "addressPrefixes", same) {
        c.put(b, "address_prefix", "addressPrefix", same);
    }
    // 4.x: a string (provider default "Disabled"); 3.x: a boolean (default true,
    // "Enabled"), or earlier still its inverse.
    if !c.put(
        b,
        "private_endpoint_network_policies",
        "privateEndpointNetworkPolicies",
        same,
    ) && !c.put(
        b,
        "private_endpoint_network_policies_enabled",
        "privateEndpointNetworkPolicies",
        enabled,
    ) && !c.put(
        b,
        "enforce_private_link_endpoint_network_policies",
        "privateEndpointNetworkPolicies",
        enabled_inv,
    ) {
        c.put_or(
            b,
            "private_endpoint_network_policies",
            "privateEndpointNetworkPolicies",
            same,
            Val::str("Disabled"),
        );
    }
    // provider default: true ("Enabled").
    if !c.put(
        b,
        "private_link_service_network_policies_enabled",
        "privateLinkServiceNetworkPolicies",
        enabled,
    ) && !c.put(
        b,
        "enforce_private_link_service_network_policies",
        "privateLinkServiceNetworkPolicies",
        enabled_inv,
    ) {
        c.put_or(
            b,
            "private_link_service_network_policies_enabled",
            "privateLinkServiceNetworkPolicies",
            enabled,
            Val::Bool(true),
        );
    }
    // provider default: default outbound access on.
    c.put_or(
        b,
        "default_outbound_access_enabled",
        "defaultOutboundAccess",
        boolean,
        Val::Bool(true),
    );
    c.put_ne(b, "route_table_id", "routeTable.id", same);
    c.put_ne(
        b,
        "network_security_group_id",
        "networkSecurityGroup.id",
        same,
    );
    c.put(b, "sharing_scope", "sharingScope", same);
    // 3.x/4.x: service_endpoints (names); 5.x: service_endpoint blocks.
    if !c.put_ne(b, "service_endpoints", "serviceEndpoints", wrap("service")) {
        c.blocks(b, "service_endpoint", "serviceEndpoints", |e, c| {
            c.put(e, "service", "service", same);
            c.put(e, "network_identifier", "networkIdentifier.id", same);
        });
    }
    c.put_ne(
        b,
        "service_endpoint_policy_ids",
        "serviceEndpointPolicies",
        wrap("id"),
    );
    c.blocks(b, "delegation", "delegations", |d, c| {
        c.put(d, "name", "name", same);
        c.block(d, "service_delegation", "properties", |sd, c| {
            c.put(sd, "name", "serviceName", same);
            c.put(sd, "actions", "actions", same);
        });
    });
}

fn subnet(s: &Src, o: &mut Obj, x: &mut Extra) {
    parent_named(s, x, "virtual_network_name");
    let mut p = Obj::default();
    subnet_props(s, &mut p);
    o.embed("properties", p);
}

fn vnet_peering(s: &Src, o: &mut Obj, x: &mut Extra) {
    parent_named(s, x, "virtual_network_name");
    o.put(
        s,
        "remote_virtual_network_id",
        "properties.remoteVirtualNetwork.id",
        same,
    );
    // provider defaults: access allowed, no forwarding, no gateway transit.
    for (k, arm, d) in [
        (
            "allow_virtual_network_access",
            "properties.allowVirtualNetworkAccess",
            true,
        ),
        (
            "allow_forwarded_traffic",
            "properties.allowForwardedTraffic",
            false,
        ),
        (
            "allow_gateway_transit",
            "properties.allowGatewayTransit",
            false,
        ),
        ("use_remote_gateways", "properties.useRemoteGateways", false),
    ] {
        o.put_or(s, k, arm, boolean, Val::Bool(d));
    }
    o.put(
        s,
        "peer_complete_virtual_networks_enabled",
        "properties.peerCompleteVnets",
        boolean,
    );
    o.put(s, "local_subnet_names", "properties.localSubnetNames", same);
    o.put(
        s,
        "remote_subnet_names",
        "properties.remoteSubnetNames",
        same,
    );
    o.put(
        s,
        "only_ipv6_peering_enabled",
        "properties.enableOnlyIPv6Peering",
        boolean,
    );
}

/// One NSG rule's properties (inline `security_rule` or `azurerm_network_security_rule`).
/// Inline rules give every field, with "" and [] for unset ones: those are left out.
fn nsg_rule_props(b: &Src, c: &mut Obj) {
    for (k, arm) in [
        ("description", "description"),
        ("protocol", "protocol"),
        ("source_port_range", "sourcePortRange"),
        ("source_port_ranges", "sourcePortRanges"),
        ("destination_port_range", "destinationPortRange"),
        ("destination_port_ranges", "destinationPortRanges"),
        ("source_address_prefix", "sourceAddressPrefix"),
        ("source_address_prefixes", "sourceAddressPrefixes"),
        ("destination_address_prefix", "destinationAddressPrefix"),
        ("destination_address_prefixes", "destinationAddressPrefixes"),
        ("access", "access"),
        ("direction", "direction"),
    ] {
        c.put_ne(b, k, arm, same);
    }
    c.put(b, "priority", "priority", num);
    c.put_ne(
        b,
        "source_application_security_group_ids",
        "sourceApplicationSecurityGroups",
        wrap("id"),
    );
    c.put_ne(
        b,
        "destination_application_security_group_ids",
        "destinationApplicationSecurityGroups",
        wrap("id"),
    );
}

fn network_security_group(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.blocks(s, "security_rule", "properties.securityRules", |b, c| {
        c.put(b, "name", "name", same);
        let mut p = Obj::default();
        nsg_rule_props(b, &mut p);
        c.embed("properties", p);
    });
}

fn network_security_rule(s: &Src, o: &mut Obj, x: &mut Extra) {
    parent_named(s, x, "network_security_group_name");
    let mut p = Obj::default();
    nsg_rule_props(s, &mut p);
    o.embed("properties", p);
}

fn route_props(b: &Src, c: &mut Obj) {
    c.put(b, "address_prefix", "addressPrefix", same);
    c.put(b, "next_hop_type", "nextHopType", same);
    c.put_ne(b, "next_hop_in_ip_address", "nextHopIpAddress", same);
}

fn route_table(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.blocks(s, "route", "properties.routes", |b, c| {
        c.put(b, "name", "name", same);
        let mut p = Obj::default();
        route_props(b, &mut p);
        c.embed("properties", p);
    });
    // 4.x: bgp_route_propagation_enabled (default true); 3.x: its inverse.
    if !o.put(
        s,
        "bgp_route_propagation_enabled",
        "properties.disableBgpRoutePropagation",
        not,
    ) {
        o.put_or(
            s,
            "disable_bgp_route_propagation",
            "properties.disableBgpRoutePropagation",
            boolean,
            Val::Bool(false),
        );
    }
}

fn route(s: &Src, o: &mut Obj, x: &mut Extra) {
    parent_named(s, x, "route_table_name");
    let mut p = Obj::default();
    route_props(s, &mut p);
    o.embed("properties", p);
}

fn public_ip(s: &Src, o: &mut Obj, _x: &mut Extra) {
    // provider default: Standard in 4.x and 5.x (Basic in 3.x, and in ARM).
    o.put_or(s, "sku", "sku.name", same, Val::str("Standard"));
    // provider default: Regional.
    o.put_or(s, "sku_tier", "sku.tier", same, Val::str("Regional"));
    zones(s, o);
    o.put(
        s,
        "allocation_method",
        "properties.publicIPAllocationMethod",
        same,
    );
    o.put_or(
        s,
        "ip_version",
        "properties.publicIPAddressVersion",
        same,
        Val::str("IPv4"),
    );
    o.put(
        s,
        "idle_timeout_in_minutes",
        "properties.idleTimeoutInMinutes",
        num,
    );
    o.put(
        s,
        "domain_name_label",
        "properties.dnsSettings.domainNameLabel",
        same,
    );
    o.put(
        s,
        "domain_name_label_scope",
        "properties.dnsSettings.domainNameLabelScope",
        same,
    );
    o.put(
        s,
        "reverse_fqdn",
        "properties.dnsSettings.reverseFqdn",
        same,
    );
    o.put_or(
        s,
        "ddos_protection_mode",
        "properties.ddosSettings.protectionMode",
        same,
        Val::str("VirtualNetworkInherited"),
    );
    o.put(
        s,
        "ddos_protection_plan_id",
        "properties.ddosSettings.ddosProtectionPlan.id",
        same,
    );
    o.put(
        s,
        "public_ip_prefix_id",
        "properties.publicIPPrefix.id",
        same,
    );
    o.put(s, "ip_tags", "properties.ipTags", |v| match v {
        Val::Obj(m) => Val::Arr(
            m.iter()
                .map(|(k, t)| obj([("ipTagType", Val::str(k)), ("tag", t.clone())]))
                .collect(),
        ),
        other => other.clone(),
    });
}

fn network_interface(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.blocks(
        s,
        "ip_configuration",
        "properties.ipConfigurations",
        |b, c| {
            c.put(b, "name", "name", same);
            c.put_ne(b, "subnet_id", "properties.subnet.id", same);
            c.put_ne(
                b,
                "public_ip_address_id",
                "properties.publicIPAddress.id",
                same,
            );
            c.put(
                b,
                "private_ip_address_allocation",
                "properties.privateIPAllocationMethod",
                same,
            );
            c.put_ne(b, "private_ip_address", "properties.privateIPAddress", same);
            c.put(b, "primary", "properties.primary", boolean);
            c.put(
                b,
                "private_ip_address_version",
                "properties.privateIPAddressVersion",
                same,
            );
            c.put_ne(
                b,
                "gateway_load_balancer_frontend_ip_configuration_id",
                "properties.gatewayLoadBalancer.id",
                same,
            );
        },
    );
    // provider defaults: no IP forwarding, no accelerated networking.
    o.put_any_or(
        s,
        &["ip_forwarding_enabled", "enable_ip_forwarding"],
        "properties.enableIPForwarding",
        boolean,
        Val::Bool(false),
    );
    o.put_any_or(
        s,
        &[
            "accelerated_networking_enabled",
            "enable_accelerated_networking",
        ],
        "properties.enableAcceleratedNetworking",
        boolean,
        Val::Bool(false),
    );
    o.put(s, "dns_servers", "properties.dnsSettings.dnsServers", same);
    o.put(
        s,
        "internal_dns_name_label",
        "properties.dnsSettings.internalDnsNameLabel",
        same,
    );
    o.put(s, "auxiliary_mode", "properties.auxiliaryMode", same);
    o.put(s, "auxiliary_sku", "properties.auxiliarySku", same);
}

fn bastion_host(s: &Src, o: &mut Obj, _x: &mut Extra) {
    // provider default: Basic.
    o.put_or(s, "sku", "sku.name", same, Val::str("Basic"));
    zones(s, o);
    o.blocks(
        s,
        "ip_configuration",
        "properties.ipConfigurations",
        |b, c| {
            c.put(b, "name", "name", same);
            c.put(b, "subnet_id", "properties.subnet.id", same);
            c.put(
                b,
                "public_ip_address_id",
                "properties.publicIPAddress.id",
                same,
            );
        },
    );
    // provider default: copy/paste allowed.
    o.put_or(
        s,
        "copy_paste_enabled",
        "properties.disableCopyPaste",
        not,
        Val::Bool(true),
    );
    for (k, arm) in [
        ("file_copy_enabled", "properties.enableFileCopy"),
        ("ip_connect_enabled", "properties.enableIpConnect"),
        ("kerberos_enabled", "properties.enableKerberos"),
        ("shareable_link_enabled", "properties.enableShareableLink"),
        ("tunneling_enabled", "properties.enableTunneling"),
        (
            "session_recording_enabled",
            "properties.enableSessionRecording",
        ),
    ] {
        o.put(s, k, arm, boolean);
    }
    // provider default: 2 scale units.
    o.put_or(s, "scale_units", "properties.scaleUnits", num, Val::int(2));
    o.put(
        s,
        "virtual_network_id",
        "properties.virtualNetwork.id",
        same,
    );
}

// ---------------------------------------------------------------------------
// Azure Firewall
// ---------------------------------------------------------------------------

fn firewall_ip_config(b: &Src, c: &mut Obj) {
    c.put(b, "name", "name", same);
    c.put_ne(b, "subnet_id", "properties.subnet.id", same);
    c.put_ne(
        b,
        "public_ip_address_id",
        "properties.publicIPAddress.id",
        same,
    );
}

fn firewall(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.put(s, "sku_name", "properties.sku.name", same);
    o.put(s, "sku_tier", "properties.sku.tier", same);
    o.put(
        s,
        "firewall_policy_id",
        "properties.firewallPolicy.id",
        same,
    );
    zones(s, o);
    o.blocks(
        s,
        "ip_configuration",
        "properties.ipConfigurations",
        firewall_ip_config,
    );
    o.block(
        s,
        "management_ip_configuration",
        "properties.managementIpConfiguration",
        firewall_ip_config,
    );
    if s.get("threat_intel_mode").is_some() {
        o.put_ne(s, "threat_intel_mode", "properties.threatIntelMode", same);
    } else if s.str("sku_name") != Some("AZFW_Hub") {
        // provider default: Alert (a hub firewall takes none).
        o.put_or(
            s,
            "threat_intel_mode",
            "properties.threatIntelMode",
            same,
            Val::str("Alert"),
        );
    }
    // Classic DNS and SNAT settings are ARM's additionalProperties (dotted keys).
    for (k, key, f) in [
        ("dns_servers", "Network.DNS.Servers", joined(",")),
        (
            "private_ip_ranges",
            "Network.SNAT.PrivateRanges",
            joined(","),
        ),
    ] {
        if let Some(v) = s.get(k).filter(|v| nonempty(v)) {
            o.set(
                "properties.additionalProperties",
                Val::Obj([(key.to_string(), f(v))].into_iter().collect()),
            );
            o.path(s.at(k), &format!("properties.additionalProperties.{key}"));
        }
    }
    if let Some(v) = s.get("dns_proxy_enabled") {
        let key = "Network.DNS.EnableProxy";
        o.set(
            "properties.additionalProperties",
            Val::Obj(
                [(key.to_string(), string(&boolean(v)))]
                    .into_iter()
                    .collect(),
            ),
        );
        o.path(
            s.at("dns_proxy_enabled"),
            &format!("properties.additionalProperties.{key}"),
        );
    }
    o.block_into(
        s,
        "virtual_hub",
        &["properties.virtualHub", "properties.hubIPAddresses"],
        |b, o| {
            o.put(b, "virtual_hub_id", "properties.virtualHub.id", same);
            // provider default: one public IP.
            o.put_or(
                b,
                "public_ip_count",
                "properties.hubIPAddresses.publicIPs.count",
                num,
                Val::int(1),
            );
        },
    );
}

fn firewall_policy(s: &Src, o: &mut Obj, _x: &mut Extra) {
    // provider default: Standard.
    o.put_or(s, "sku", "properties.sku.tier", same, Val::str("Standard"));
    o.put(s, "base_policy_id", "properties.basePolicy.id", same);
    // provider default: Alert.
    o.put_or(
        s,
        "threat_intelligence_mode",
        "properties.threatIntelMode",
        same,
        Val::str("Alert"),
    );
    o.block(s, "dns", "properties.dnsSettings", |b, c| {
        c.put_or(b, "proxy_enabled", "enableProxy", boolean, Val::Bool(false));
        c.put(b, "servers", "servers", same);
    });
    o.block(
        s,
        "threat_intelligence_allowlist",
        "properties.threatIntelWhitelist",
        |b, c| {
            c.put(b, "fqdns", "fqdns", same);
            c.put(b, "ip_addresses", "ipAddresses", same);
        },
    );
    o.block(
        s,
        "tls_certificate",
        "properties.transportSecurity.certificateAuthority",
        |b, c| {
            c.put(b, "key_vault_secret_id", "keyVaultSecretId", same);
            c.put(b, "name", "name", same);
        },
    );
    o.block(
        s,
        "intrusion_detection",
        "properties.intrusionDetection",
        |b, c| {
            c.put(b, "mode", "mode", same);
            c.blocks(
                b,
                "signature_overrides",
                "configuration.signatureOverrides",
                |r, c| {
                    c.put(r, "id", "id", string);
                    c.put(r, "state", "mode", same);
                },
            );
            c.blocks(
                b,
                "traffic_bypass",
                "configuration.bypassTrafficSettings",
                |r, c| {
                    for (k, arm) in [
                        ("name", "name"),
                        ("protocol", "protocol"),
                        ("description", "description"),
                        ("destination_addresses", "destinationAddresses"),
                        ("destination_ip_groups", "destinationIpGroups"),
                        ("destination_ports", "destinationPorts"),
                        ("source_addresses", "sourceAddresses"),
                        ("source_ip_groups", "sourceIpGroups"),
                    ] {
                        c.put(r, k, arm, same);
                    }
                },
            );
            c.put(b, "private_ranges", "configuration.privateRanges", same);
        },
    );
    o.put(
        s,
        "private_ip_ranges",
        "properties.snat.privateRanges",
        same,
    );
    o.put(
        s,
        "auto_learn_private_ranges_enabled",
        "properties.snat.autoLearnPrivateRanges",
        enabled,
    );
    o.put(
        s,
        "sql_redirect_allowed",
        "properties.sql.allowSqlRedirect",
        boolean,
    );
    o.block(s, "insights", "properties.insights", |b, c| {
        c.put(b, "enabled", "isEnabled", boolean);
        c.put(b, "retention_in_days", "retentionDays", num);
        c.put(
            b,
            "default_log_analytics_workspace_id",
            "logAnalyticsResources.defaultWorkspaceId.id",
            same,
        );
        c.blocks(
            b,
            "log_analytics_workspace",
            "logAnalyticsResources.workspaces",
            |w, c| {
                c.put(w, "id", "workspaceId.id", same);
                c.put(w, "firewall_location", "region", same);
            },
        );
    });
    o.block(s, "explicit_proxy", "properties.explicitProxy", |b, c| {
        c.put(b, "enabled", "enableExplicitProxy", boolean);
        c.put(b, "http_port", "httpPort", num);
        c.put(b, "https_port", "httpsPort", num);
        c.put(b, "enable_pac_file", "enablePacFile", boolean);
        c.put(b, "pac_file_port", "pacFilePort", num);
        c.put(b, "pac_file", "pacFile", same);
    });
    identity(s, o);
}

/// Maps one rule block.
type RuleFn = fn(&Src, &mut Obj);

fn rcg_collection(b: &Src, c: &mut Obj, nat: bool, rule: RuleFn) {
    c.fixed(
        "ruleCollectionType",
        Val::str(if nat {
            "FirewallPolicyNatRuleCollection"
        } else {
            "FirewallPolicyFilterRuleCollection"
        }),
    );
    c.put(b, "name", "name", same);
    c.put(b, "priority", "priority", num);
    c.put(b, "action", "action.type", same);
    c.blocks(b, "rule", "rules", rule);
}

fn rcg_app_rule(r: &Src, c: &mut Obj) {
    c.fixed("ruleType", Val::str("ApplicationRule"));
    c.put(r, "name", "name", same);
    c.put_ne(r, "description", "description", same);
    c.blocks(r, "protocols", "protocols", |p, c| {
        c.put(p, "type", "protocolType", same);
        c.put(p, "port", "port", num);
    });
    c.blocks(r, "http_headers", "httpHeadersToInsert", |h, c| {
        c.put(h, "name", "headerName", same);
        c.put(h, "value", "headerValue", same);
    });
    for (k, arm) in [
        ("source_addresses", "sourceAddresses"),
        ("source_ip_groups", "sourceIpGroups"),
        ("destination_addresses", "destinationAddresses"),
        ("destination_urls", "targetUrls"),
        ("destination_fqdns", "targetFqdns"),
        ("destination_fqdn_tags", "fqdnTags"),
        ("web_categories", "webCategories"),
    ] {
        c.put(r, k, arm, same);
    }
    c.put(r, "terminate_tls", "terminateTLS", boolean);
}

fn rcg_network_rule(r: &Src, c: &mut Obj) {
    c.fixed("ruleType", Val::str("NetworkRule"));
    c.put(r, "name", "name", same);
    c.put_ne(r, "description", "description", same);
    for (k, arm) in [
        ("protocols", "ipProtocols"),
        ("source_addresses", "sourceAddresses"),
        ("source_ip_groups", "sourceIpGroups"),
        ("destination_addresses", "destinationAddresses"),
        ("destination_ip_groups", "destinationIpGroups"),
        ("destination_fqdns", "destinationFqdns"),
        ("destination_ports", "destinationPorts"),
    ] {
        c.put(r, k, arm, same);
    }
}

fn rcg_nat_rule(r: &Src, c: &mut Obj) {
    c.fixed("ruleType", Val::str("NatRule"));
    c.put(r, "name", "name", same);
    c.put_ne(r, "description", "description", same);
    for (k, arm) in [
        ("protocols", "ipProtocols"),
        ("source_addresses", "sourceAddresses"),
        ("source_ip_groups", "sourceIpGroups"),
        ("destination_ports", "destinationPorts"),
    ] {
        c.put(r, k, arm, same);
    }
    c.put(r, "destination_address", "destinationAddresses", one);
    c.put_ne(r, "translated_address", "translatedAddress", same);
    c.put_ne(r, "translated_fqdn", "translatedFqdn", same);
    c.put(r, "translated_port", "translatedPort", string);
}

fn rule_collection_group(s: &Src, o: &mut Obj, x: &mut Extra) {
    parent_id(s, x, "firewall_policy_id");
    o.put(s, "priority", "properties.priority", num);
    // The provider sends application, then network, then NAT collections, as one list.
    let arm = "properties.ruleCollections";
    let kinds: [(&str, bool, RuleFn); 3] = [
        ("application_rule_collection", false, rcg_app_rule),
        ("network_rule_collection", false, rcg_network_rule),
        ("nat_rule_collection", true, rcg_nat_rule),
    ];
    let mut all = Vec::new();
    let mut unknown = None;
    for (k, nat, rule) in kinds {
        let f = move |b: &Src, c: &mut Obj| rcg_collection(b, c, nat, rule);
        match collect(s, k, arm, all.len(), &f, &mut o.paths) {
            Coll::Absent => {}
            Coll::Unknown(u) => unknown = Some(u),
            Coll::Items(items) => all.extend(items),
        }
    }
    match unknown {
        // One unknown list makes every index after it unknown: the whole list is.
        Some(u) => o.set(arm, u),
        None if !all.is_empty() => o.set(arm, Val::Arr(all)),
        None => {}
    }
}

/// The classic rule collections: one element of the firewall's inline
/// `applicationRuleCollections` / `networkRuleCollections` / `natRuleCollections`,
/// without its name, under the pseudo child type (see the module documentation).
fn classic_collection(s: &Src, o: &mut Obj, x: &mut Extra, rule: RuleFn) {
    parent_named(s, x, "azure_firewall_name");
    o.put(s, "priority", "properties.priority", num);
    o.put(s, "action", "properties.action.type", same);
    o.blocks(s, "rule", "properties.rules", rule);
}

fn classic_rule_common(r: &Src, c: &mut Obj) {
    c.put(r, "name", "name", same);
    c.put_ne(r, "description", "description", same);
    c.put(r, "source_addresses", "sourceAddresses", same);
    c.put(r, "source_ip_groups", "sourceIpGroups", same);
}

fn firewall_app_collection(s: &Src, o: &mut Obj, x: &mut Extra) {
    classic_collection(s, o, x, |r, c| {
        classic_rule_common(r, c);
        c.put(r, "fqdn_tags", "fqdnTags", same);
        c.put(r, "target_fqdns", "targetFqdns", same);
        c.blocks(r, "protocol", "protocols", |p, c| {
            c.put(p, "type", "protocolType", same);
            c.put(p, "port", "port", num);
        });
    });
}

fn firewall_network_collection(s: &Src, o: &mut Obj, x: &mut Extra) {
    classic_collection(s, o, x, |r, c| {
        classic_rule_common(r, c);
        for (k, arm) in [
            ("destination_addresses", "destinationAddresses"),
            ("destination_ip_groups", "destinationIpGroups"),
            ("destination_fqdns", "destinationFqdns"),
            ("destination_ports", "destinationPorts"),
            ("protocols", "protocols"),
        ] {
            c.put(r, k, arm, same);
        }
    });
}

fn firewall_nat_collection(s: &Src, o: &mut Obj, x: &mut Extra) {
    classic_collection(s, o, x, |r, c| {
        classic_rule_common(r, c);
        for (k, arm) in [
            ("destination_addresses", "destinationAddresses"),
            ("destination_ports", "destinationPorts"),
            ("protocols", "protocols"),
            ("translated_address", "translatedAddress"),
            ("translated_port", "translatedPort"),
        ] {
            c.put(r, k, arm, same);
        }
    });
}

// ---------------------------------------------------------------------------
// Application Gateway and WAF policies
// ---------------------------------------------------------------------------

fn application_gateway(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.block(s, "sku", "properties.sku", |b, c| {
        c.put(b, "name", "name", same);
        c.put(b, "tier", "tier", same);
        c.put(b, "capacity", "capacity", num);
    });
    o.block(
        s,
        "autoscale_configuration",
        "properties.autoscaleConfiguration",
        |b, c| {
            c.put(b, "min_capacity", "minCapacity", num);
            c.put(b, "max_capacity", "maxCapacity", num);
        },
    );
    o.block(
        s,
        "waf_configuration",
        "properties.webApplicationFirewallConfiguration",
        |b, c| {
            c.put(b, "enabled", "enabled", boolean);
            c.put(b, "firewall_mode", "firewallMode", same);
            c.put_or(b, "rule_set_type", "ruleSetType", same, Val::str("OWASP"));
            c.put(b, "rule_set_version", "ruleSetVersion", same);
            // provider defaults of the WAF limits.
            c.put_or(
                b,
                "file_upload_limit_mb",
                "fileUploadLimitInMb",
                num,
                Val::int(100),
            );
            c.put_or(
                b,
                "request_body_check",
                "requestBodyCheck",
                boolean,
                Val::Bool(true),
            );
            c.put_or(
                b,
                "max_request_body_size_kb",
                "maxRequestBodySizeInKb",
                num,
                Val::int(128),
            );
            c.blocks(b, "disabled_rule_group", "disabledRuleGroups", |g, c| {
                c.put(g, "rule_group_name", "ruleGroupName", same);
                c.put(g, "rules", "rules", same);
            });
            c.blocks(b, "exclusion", "exclusions", |e, c| {
                c.put(e, "match_variable", "matchVariable", same);
                c.put(e, "selector_match_operator", "selectorMatchOperator", same);
                c.put(e, "selector", "selector", same);
            });
        },
    );
    o.put(
        s,
        "firewall_policy_id",
        "properties.firewallPolicy.id",
        same,
    );
    o.put(
        s,
        "force_firewall_policy_association",
        "properties.forceFirewallPolicyAssociation",
        boolean,
    );
    // provider default: HTTP/2 off.
    o.put_any_or(
        s,
        &["http2_enabled", "enable_http2"],
        "properties.enableHttp2",
        boolean,
        Val::Bool(false),
    );
    o.put(s, "fips_enabled", "properties.enableFips", boolean);
    zones(s, o);
    identity(s, o);
    o.blocks(
        s,
        "frontend_ip_configuration",
        "properties.frontendIPConfigurations",
        |b, c| {
            c.put(b, "name", "name", same);
            c.put_ne(
                b,
                "public_ip_address_id",
                "properties.publicIPAddress.id",
                same,
            );
            c.put_ne(b, "subnet_id", "properties.subnet.id", same);
            c.put_ne(b, "private_ip_address", "properties.privateIPAddress", same);
            // provider default: Dynamic.
            c.put_or(
                b,
                "private_ip_address_allocation",
                "properties.privateIPAllocationMethod",
                same,
                Val::str("Dynamic"),
            );
        },
    );
    o.blocks(
        s,
        "gateway_ip_configuration",
        "properties.gatewayIPConfigurations",
        |b, c| {
            c.put(b, "name", "name", same);
            c.put(b, "subnet_id", "properties.subnet.id", same);
        },
    );
    o.blocks(s, "frontend_port", "properties.frontendPorts", |b, c| {
        c.put(b, "name", "name", same);
        c.put(b, "port", "properties.port", num);
    });
    o.blocks(
        s,
        "backend_address_pool",
        "properties.backendAddressPools",
        |b, c| {
            c.put(b, "name", "name", same);
            let (fqdns, ips) = (b.get("fqdns"), b.get("ip_addresses"));
            if fqdns.is_some() || ips.is_some() {
                let arm = "properties.backendAddresses";
                let all: Vec<&Val> = fqdns.iter().chain(ips.iter()).copied().collect();
                let v = match Val::unknown_of(&all) {
                    Some(u) => u,
                    None => {
                        let mut list = Vec::new();
                        for (v, key) in [(fqdns, "fqdn"), (ips, "ipAddress")] {
                            if let Some(Val::Arr(a)) = v {
                                list.extend(a.iter().map(|e| obj([(key, e.clone())])));
                            }
                        }
                        Val::Arr(list)
                    }
                };
                c.set(arm, v);
                for k in ["fqdns", "ip_addresses"] {
                    if b.get(k).is_some() {
                        c.path(b.at(k), arm);
                    }
                }
            }
        },
    );
    o.blocks(
        s,
        "backend_http_settings",
        "properties.backendHttpSettingsCollection",
        |b, c| {
            c.put(b, "name", "name", same);
            c.put(b, "port", "properties.port", num);
            c.put(b, "protocol", "properties.protocol", same);
            c.put(
                b,
                "cookie_based_affinity",
                "properties.cookieBasedAffinity",
                same,
            );
            c.put(b, "request_timeout", "properties.requestTimeout", num);
            c.put(
                b,
                "pick_host_name_from_backend_address",
                "properties.pickHostNameFromBackendAddress",
                boolean,
            );
            c.put_ne(b, "host_name", "properties.hostName", same);
            c.put_ne(b, "path", "properties.path", same);
        },
    );
    o.blocks(s, "http_listener", "properties.httpListeners", |b, c| {
        c.put(b, "name", "name", same);
        c.put(b, "protocol", "properties.protocol", same);
        c.put_ne(b, "host_name", "properties.hostName", same);
        c.put_ne(b, "host_names", "properties.hostNames", same);
        c.put(
            b,
            "require_sni",
            "properties.requireServerNameIndication",
            boolean,
        );
        c.put_ne(
            b,
            "firewall_policy_id",
            "properties.firewallPolicy.id",
            same,
        );
    });
    o.blocks(
        s,
        "request_routing_rule",
        "properties.requestRoutingRules",
        |b, c| {
            c.put(b, "name", "name", same);
            c.put(b, "rule_type", "properties.ruleType", same);
            c.put(b, "priority", "properties.priority", num);
        },
    );
    o.blocks(
        s,
        "ssl_certificate",
        "properties.sslCertificates",
        |b, c| {
            c.put(b, "name", "name", same);
            c.put_ne(
                b,
                "key_vault_secret_id",
                "properties.keyVaultSecretId",
                same,
            );
        },
    );
    o.block(s, "ssl_policy", "properties.sslPolicy", |b, c| {
        c.put(b, "policy_type", "policyType", same);
        c.put(b, "policy_name", "policyName", same);
        c.put(b, "min_protocol_version", "minProtocolVersion", same);
        c.put(b, "cipher_suites", "cipherSuites", same);
        c.put(b, "disabled_protocols", "disabledSslProtocols", same);
    });
}

fn waf_policy(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.block(s, "policy_settings", "properties.policySettings", |b, c| {
        // provider defaults inside policy_settings (without the block the provider
        // sends none, and ARM's apply).
        c.put_or(b, "enabled", "state", enabled, Val::Bool(true));
        c.put_or(b, "mode", "mode", same, Val::str("Prevention"));
        c.put_or(
            b,
            "request_body_check",
            "requestBodyCheck",
            boolean,
            Val::Bool(true),
        );
        c.put_or(
            b,
            "file_upload_limit_in_mb",
            "fileUploadLimitInMb",
            num,
            Val::int(100),
        );
        c.put_or(
            b,
            "max_request_body_size_in_kb",
            "maxRequestBodySizeInKb",
            num,
            Val::int(128),
        );
        c.put_or(
            b,
            "request_body_enforcement",
            "requestBodyEnforcement",
            boolean,
            Val::Bool(true),
        );
        c.put(
            b,
            "request_body_inspect_limit_in_kb",
            "requestBodyInspectLimitInKB",
            num,
        );
        c.put(
            b,
            "file_upload_enforcement",
            "fileUploadEnforcement",
            boolean,
        );
        c.put(
            b,
            "js_challenge_cookie_expiration_in_minutes",
            "jsChallengeCookieExpirationInMins",
            num,
        );
    });
    o.block(s, "managed_rules", "properties.managedRules", |b, c| {
        c.blocks(b, "managed_rule_set", "managedRuleSets", |r, c| {
            c.put_or(r, "type", "ruleSetType", same, Val::str("OWASP"));
            c.put(r, "version", "ruleSetVersion", same);
            c.blocks(r, "rule_group_override", "ruleGroupOverrides", |g, c| {
                c.put(g, "rule_group_name", "ruleGroupName", same);
                if !c
                    .blocks(g, "rule", "rules", |x, c| {
                        c.put(x, "id", "ruleId", string);
                        // provider default: an overridden rule is disabled.
                        c.put_or(x, "enabled", "state", enabled, Val::Bool(false));
                        c.put_ne(x, "action", "action", same);
                    })
                    .absent()
                {
                    return;
                }
                // 3.x: disabled_rules, a list of rule ids.
                c.put(g, "disabled_rules", "rules", |v| {
                    each(v, |id| {
                        obj([("ruleId", string(id)), ("state", Val::str("Disabled"))])
                    })
                });
            });
        });
        c.blocks(b, "exclusion", "exclusions", |e, c| {
            c.put(e, "match_variable", "matchVariable", same);
            c.put(e, "selector", "selector", same);
            c.put(e, "selector_match_operator", "selectorMatchOperator", same);
        });
    });
    o.blocks(s, "custom_rules", "properties.customRules", |r, c| {
        c.put_ne(r, "name", "name", same);
        c.put(r, "priority", "priority", num);
        c.put(r, "rule_type", "ruleType", same);
        c.put(r, "action", "action", same);
        c.put_or(r, "enabled", "state", enabled, Val::Bool(true));
        c.put(r, "rate_limit_duration", "rateLimitDuration", same);
        c.put(r, "rate_limit_threshold", "rateLimitThreshold", num);
        c.blocks(r, "match_conditions", "matchConditions", |m, c| {
            c.blocks(m, "match_variables", "matchVariables", |v, c| {
                c.put(v, "variable_name", "variableName", same);
                c.put_ne(v, "selector", "selector", same);
            });
            c.put(m, "match_values", "matchValues", same);
            c.put(m, "operator", "operator", same);
            // ARM spells it "negationConditon".
            c.put(m, "negation_condition", "negationConditon", boolean);
            c.put(m, "transforms", "transforms", same);
        });
    });
}

// ---------------------------------------------------------------------------
// Front Door, Traffic Manager
// ---------------------------------------------------------------------------

fn cdn_frontdoor_profile(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.put(s, "sku_name", "sku.name", same);
    // provider default: 120 seconds.
    o.put_or(
        s,
        "response_timeout_seconds",
        "properties.originResponseTimeoutSeconds",
        num,
        Val::int(120),
    );
    identity(s, o);
}

/// `azurerm_cdn_frontdoor_firewall_policy` and the classic `azurerm_frontdoor_firewall_policy`.
fn frontdoor_firewall_policy(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.put(s, "sku_name", "sku.name", same);
    let ps = "properties.policySettings";
    // provider default: enabled.
    o.put_or(
        s,
        "enabled",
        &format!("{ps}.enabledState"),
        enabled,
        Val::Bool(true),
    );
    o.put(s, "mode", &format!("{ps}.mode"), same);
    o.put(s, "redirect_url", &format!("{ps}.redirectUrl"), same);
    o.put(
        s,
        "custom_block_response_status_code",
        &format!("{ps}.customBlockResponseStatusCode"),
        num,
    );
    o.put(
        s,
        "custom_block_response_body",
        &format!("{ps}.customBlockResponseBody"),
        same,
    );
    // provider default: request bodies inspected.
    o.put_or(
        s,
        "request_body_check_enabled",
        &format!("{ps}.requestBodyCheck"),
        enabled,
        Val::Bool(true),
    );
    o.put(
        s,
        "js_challenge_cookie_expiration_in_minutes",
        &format!("{ps}.javascriptChallengeExpirationInMinutes"),
        num,
    );
    o.put(
        s,
        "captcha_cookie_expiration_in_minutes",
        &format!("{ps}.captchaExpirationInMinutes"),
        num,
    );
    o.blocks(s, "custom_rule", "properties.customRules.rules", |r, c| {
        c.put(r, "name", "name", same);
        c.put(r, "action", "action", same);
        c.put_or(r, "enabled", "enabledState", enabled, Val::Bool(true));
        c.put_or(r, "priority", "priority", num, Val::int(1));
        c.put(r, "type", "ruleType", same);
        c.put_or(
            r,
            "rate_limit_duration_in_minutes",
            "rateLimitDurationInMinutes",
            num,
            Val::int(1),
        );
        c.put_or(
            r,
            "rate_limit_threshold",
            "rateLimitThreshold",
            num,
            Val::int(10),
        );
        c.blocks(r, "match_condition", "matchConditions", |m, c| {
            c.put(m, "match_variable", "matchVariable", same);
            c.put(m, "match_values", "matchValue", same);
            c.put(m, "operator", "operator", same);
            c.put_ne(m, "selector", "selector", same);
            c.put(m, "negation_condition", "negateCondition", boolean);
            c.put(m, "transforms", "transforms", same);
        });
    });
    let exclusion = |e: &Src, c: &mut Obj| {
        c.put(e, "match_variable", "matchVariable", same);
        c.put(e, "operator", "selectorMatchOperator", same);
        c.put(e, "selector", "selector", same);
    };
    o.blocks(
        s,
        "managed_rule",
        "properties.managedRules.managedRuleSets",
        |r, c| {
            c.put(r, "type", "ruleSetType", same);
            c.put(r, "version", "ruleSetVersion", same);
            c.put(r, "action", "ruleSetAction", same);
            c.blocks(r, "exclusion", "exclusions", exclusion);
            c.blocks(r, "override", "ruleGroupOverrides", |g, c| {
                c.put(g, "rule_group_name", "ruleGroupName", same);
                c.blocks(g, "exclusion", "exclusions", exclusion);
                c.blocks(g, "rule", "rules", |x, c| {
                    c.put(x, "rule_id", "ruleId", string);
                    c.put(x, "action", "action", same);
                    c.put_or(x, "enabled", "enabledState", enabled, Val::Bool(false));
                    c.blocks(x, "exclusion", "exclusions", exclusion);
                });
            });
        },
    );
}

fn cdn_frontdoor_security_policy(s: &Src, o: &mut Obj, x: &mut Extra) {
    parent_id(s, x, "cdn_frontdoor_profile_id");
    o.block(s, "security_policies", "properties.parameters", |b, c| {
        c.fixed("type", Val::str("WebApplicationFirewall"));
        c.block_into(b, "firewall", &["wafPolicy", "associations"], |f, c| {
            c.put(f, "cdn_frontdoor_firewall_policy_id", "wafPolicy.id", same);
            c.blocks(f, "association", "associations", |a, c| {
                c.blocks(a, "domain", "domains", |d, c| {
                    c.put(d, "cdn_frontdoor_domain_id", "id", same);
                });
                c.put(a, "patterns_to_match", "patternsToMatch", same);
            });
        });
    });
}

fn cdn_frontdoor_endpoint(s: &Src, o: &mut Obj, x: &mut Extra) {
    parent_id(s, x, "cdn_frontdoor_profile_id");
    // provider default: enabled.
    o.put_or(
        s,
        "enabled",
        "properties.enabledState",
        enabled,
        Val::Bool(true),
    );
}

fn cdn_frontdoor_origin_group(s: &Src, o: &mut Obj, x: &mut Extra) {
    parent_id(s, x, "cdn_frontdoor_profile_id");
    // provider default: session affinity on.
    o.put_or(
        s,
        "session_affinity_enabled",
        "properties.sessionAffinityState",
        enabled,
        Val::Bool(true),
    );
    o.put(
        s,
        "restore_traffic_time_to_healed_or_new_endpoint_in_minutes",
        "properties.trafficRestorationTimeToHealedOrNewEndpointsInMinutes",
        num,
    );
    o.block(
        s,
        "load_balancing",
        "properties.loadBalancingSettings",
        |b, c| {
            c.put(
                b,
                "additional_latency_in_milliseconds",
                "additionalLatencyInMilliseconds",
                num,
            );
            c.put(b, "sample_size", "sampleSize", num);
            c.put(
                b,
                "successful_samples_required",
                "successfulSamplesRequired",
                num,
            );
        },
    );
    o.block(
        s,
        "health_probe",
        "properties.healthProbeSettings",
        |b, c| {
            c.put(b, "path", "probePath", same);
            c.put(b, "protocol", "probeProtocol", same);
            c.put(b, "request_type", "probeRequestType", same);
            c.put(b, "interval_in_seconds", "probeIntervalInSeconds", num);
        },
    );
}

fn cdn_frontdoor_origin(s: &Src, o: &mut Obj, x: &mut Extra) {
    parent_id(s, x, "cdn_frontdoor_origin_group_id");
    o.put(s, "host_name", "properties.hostName", same);
    o.put_ne(s, "origin_host_header", "properties.originHostHeader", same);
    o.put(s, "http_port", "properties.httpPort", num);
    o.put(s, "https_port", "properties.httpsPort", num);
    o.put(s, "priority", "properties.priority", num);
    o.put(s, "weight", "properties.weight", num);
    // provider default: enabled (3.x: `health_probes_enabled`).
    o.put_any_or(
        s,
        &["enabled", "health_probes_enabled"],
        "properties.enabledState",
        enabled,
        Val::Bool(true),
    );
    o.put(
        s,
        "certificate_name_check_enabled",
        "properties.enforceCertificateNameCheck",
        boolean,
    );
    o.block(
        s,
        "private_link",
        "properties.sharedPrivateLinkResource",
        |b, c| {
            c.put(b, "private_link_target_id", "privateLink.id", same);
            c.put(b, "target_type", "groupId", same);
            c.put(b, "location", "privateLinkLocation", same);
            c.put(b, "request_message", "requestMessage", same);
        },
    );
}

fn frontdoor(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.put(s, "friendly_name", "properties.friendlyName", same);
    // provider default: enabled.
    o.put_or(
        s,
        "load_balancer_enabled",
        "properties.enabledState",
        enabled,
        Val::Bool(true),
    );
    o.blocks(
        s,
        "frontend_endpoint",
        "properties.frontendEndpoints",
        |b, c| {
            c.put(b, "name", "name", same);
            c.put(b, "host_name", "properties.hostName", same);
            c.put_or(
                b,
                "session_affinity_enabled",
                "properties.sessionAffinityEnabledState",
                enabled,
                Val::Bool(false),
            );
            c.put(
                b,
                "session_affinity_ttl_seconds",
                "properties.sessionAffinityTtlSeconds",
                num,
            );
            c.put_ne(
                b,
                "web_application_firewall_policy_link_id",
                "properties.webApplicationFirewallPolicyLink.id",
                same,
            );
        },
    );
    o.blocks(s, "backend_pool", "properties.backendPools", |b, c| {
        c.put(b, "name", "name", same);
        c.blocks(b, "backend", "properties.backends", |e, c| {
            c.put(e, "address", "address", same);
            c.put(e, "host_header", "backendHostHeader", same);
            c.put(e, "http_port", "httpPort", num);
            c.put(e, "https_port", "httpsPort", num);
            c.put_or(e, "enabled", "enabledState", enabled, Val::Bool(true));
            c.put_or(e, "priority", "priority", num, Val::int(1));
            c.put_or(e, "weight", "weight", num, Val::int(50));
        });
    });
    o.blocks(s, "routing_rule", "properties.routingRules", |b, c| {
        c.put(b, "name", "name", same);
        c.put(
            b,
            "accepted_protocols",
            "properties.acceptedProtocols",
            same,
        );
        c.put(b, "patterns_to_match", "properties.patternsToMatch", same);
        c.put_or(
            b,
            "enabled",
            "properties.enabledState",
            enabled,
            Val::Bool(true),
        );
        c.block(
            b,
            "forwarding_configuration",
            "properties.routeConfiguration",
            |f, c| {
                c.fixed_key(
                    "@odata.type",
                    Val::str("#Microsoft.Azure.FrontDoor.Models.FrontdoorForwardingConfiguration"),
                );
                c.put_or(
                    f,
                    "forwarding_protocol",
                    "forwardingProtocol",
                    same,
                    Val::str("HttpsOnly"),
                );
                c.put_ne(f, "custom_forwarding_path", "customForwardingPath", same);
            },
        );
        c.block(
            b,
            "redirect_configuration",
            "properties.routeConfiguration",
            |r, c| {
                c.fixed_key(
                    "@odata.type",
                    Val::str("#Microsoft.Azure.FrontDoor.Models.FrontdoorRedirectConfiguration"),
                );
                c.put(r, "redirect_protocol", "redirectProtocol", same);
                c.put(r, "redirect_type", "redirectType", same);
                c.put_ne(r, "custom_host", "customHost", same);
            },
        );
    });
    o.block(
        s,
        "backend_pool_settings",
        "properties.backendPoolsSettings",
        |b, c| {
            c.put(
                b,
                "enforce_backend_pools_certificate_name_check",
                "enforceCertificateNameCheck",
                enabled,
            );
            c.put(
                b,
                "backend_pools_send_receive_timeout_seconds",
                "sendRecvTimeoutSeconds",
                num,
            );
        },
    );
}

/// "200-299" -> {min: 200, max: 299}.
fn status_range(v: &Val) -> Val {
    let parsed = v.as_str().and_then(|t| {
        let (lo, hi) = t.split_once('-')?;
        Some((
            lo.trim().parse::<i64>().ok()?,
            hi.trim().parse::<i64>().ok()?,
        ))
    });
    match parsed {
        Some((lo, hi)) => obj([("min", Val::int(lo)), ("max", Val::int(hi))]),
        None => v.clone(),
    }
}

fn traffic_manager_profile(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.put(
        s,
        "traffic_routing_method",
        "properties.trafficRoutingMethod",
        same,
    );
    // provider default: Enabled.
    o.put_or(
        s,
        "profile_status",
        "properties.profileStatus",
        same,
        Val::str("Enabled"),
    );
    o.put(
        s,
        "traffic_view_enabled",
        "properties.trafficViewEnrollmentStatus",
        enabled,
    );
    o.put(s, "max_return", "properties.maxReturn", num);
    o.block(s, "dns_config", "properties.dnsConfig", |b, c| {
        c.put(b, "relative_name", "relativeName", same);
        c.put(b, "ttl", "ttl", num);
    });
    o.block(s, "monitor_config", "properties.monitorConfig", |b, c| {
        c.put(b, "protocol", "protocol", same);
        c.put(b, "port", "port", num);
        c.put_ne(b, "path", "path", same);
        // provider defaults of the probe.
        c.put_or(
            b,
            "interval_in_seconds",
            "intervalInSeconds",
            num,
            Val::int(30),
        );
        c.put_or(
            b,
            "timeout_in_seconds",
            "timeoutInSeconds",
            num,
            Val::int(10),
        );
        c.put_or(
            b,
            "tolerated_number_of_failures",
            "toleratedNumberOfFailures",
            num,
            Val::int(3),
        );
        c.put(
            b,
            "expected_status_code_ranges",
            "expectedStatusCodeRanges",
            |v| each(v, status_range),
        );
        c.blocks(b, "custom_header", "customHeaders", |h, c| {
            c.put(h, "name", "name", same);
            c.put(h, "value", "value", same);
        });
    });
}

fn tm_endpoint_common(s: &Src, o: &mut Obj, x: &mut Extra) {
    parent_id(s, x, "profile_id");
    // provider defaults: weight 1, enabled.
    o.put_or(s, "weight", "properties.weight", num, Val::int(1));
    o.put(s, "priority", "properties.priority", num);
    o.put_or(
        s,
        "enabled",
        "properties.endpointStatus",
        enabled,
        Val::Bool(true),
    );
    o.put(s, "always_serve_enabled", "properties.alwaysServe", enabled);
    o.put(s, "geo_mappings", "properties.geoMapping", same);
    o.put(s, "endpoint_location", "properties.endpointLocation", same);
    o.blocks(s, "custom_header", "properties.customHeaders", |h, c| {
        c.put(h, "name", "name", same);
        c.put(h, "value", "value", same);
    });
    o.blocks(s, "subnet", "properties.subnets", |b, c| {
        c.put(b, "first", "first", same);
        c.put(b, "last", "last", same);
        c.put(b, "scope", "scope", num);
    });
}

fn tm_azure_endpoint(s: &Src, o: &mut Obj, x: &mut Extra) {
    tm_endpoint_common(s, o, x);
    o.put(s, "target_resource_id", "properties.targetResourceId", same);
}

fn tm_external_endpoint(s: &Src, o: &mut Obj, x: &mut Extra) {
    tm_endpoint_common(s, o, x);
    o.put(s, "target", "properties.target", same);
}

fn tm_nested_endpoint(s: &Src, o: &mut Obj, x: &mut Extra) {
    tm_endpoint_common(s, o, x);
    o.put(s, "target_resource_id", "properties.targetResourceId", same);
    o.put(
        s,
        "minimum_child_endpoints",
        "properties.minChildEndpoints",
        num,
    );
    o.put(
        s,
        "minimum_required_child_endpoints_ipv4",
        "properties.minChildEndpointsIPv4",
        num,
    );
    o.put(
        s,
        "minimum_required_child_endpoints_ipv6",
        "properties.minChildEndpointsIPv6",
        num,
    );
}

// ---------------------------------------------------------------------------
// Virtual machines and scale sets
// ---------------------------------------------------------------------------

fn image_reference(s: &Src, o: &mut Obj, arm: &str) {
    o.block(s, "source_image_reference", arm, |b, c| {
        for k in ["publisher", "offer", "sku", "version"] {
            c.put(b, k, k, same);
        }
    });
    o.put_ne(s, "source_image_id", &format!("{arm}.id"), same);
}

/// `os_disk` of the new VM and scale set resources.
fn os_disk(s: &Src, o: &mut Obj, arm: &str, os_type: Option<&str>) {
    let pres = o.block(s, "os_disk", arm, |b, c| {
        c.put(b, "name", "name", same);
        c.put(b, "caching", "caching", same);
        c.put(
            b,
            "storage_account_type",
            "managedDisk.storageAccountType",
            same,
        );
        c.put_ne(
            b,
            "disk_encryption_set_id",
            "managedDisk.diskEncryptionSet.id",
            same,
        );
        c.put_ne(
            b,
            "security_encryption_type",
            "managedDisk.securityProfile.securityEncryptionType",
            same,
        );
        c.put_ne(
            b,
            "secure_vm_disk_encryption_set_id",
            "managedDisk.securityProfile.diskEncryptionSet.id",
            same,
        );
        c.put(b, "disk_size_gb", "diskSizeGB", num);
        c.put(
            b,
            "write_accelerator_enabled",
            "writeAcceleratorEnabled",
            boolean,
        );
        c.block(b, "diff_disk_settings", "diffDiskSettings", |d, c| {
            c.put(d, "option", "option", same);
            c.put_or(d, "placement", "placement", same, Val::str("CacheDisk"));
        });
    });
    if pres == Pres::Known {
        o.fixed(&format!("{arm}.createOption"), Val::str("FromImage"));
        if let Some(t) = os_type {
            o.fixed(&format!("{arm}.osType"), Val::str(t));
        }
    }
}

/// `admin_ssh_key` blocks -> `ssh.publicKeys` (the provider derives the path).
fn ssh_keys(s: &Src, o: &mut Obj, arm: &str) {
    o.blocks(s, "admin_ssh_key", arm, |b, c| {
        c.put(b, "public_key", "keyData", same);
        if let Some(u) = b.get("username") {
            let path = match u.as_str() {
                Some(name) => Val::str(format!("/home/{name}/.ssh/authorized_keys")),
                None => u.clone(),
            };
            c.set("path", path);
            c.path(b.at("username"), "path");
        }
    });
}

fn boot_diagnostics(s: &Src, o: &mut Obj, arm: &str) {
    o.block(s, "boot_diagnostics", arm, |b, c| {
        c.fixed("enabled", Val::Bool(true));
        c.put_ne(b, "storage_account_uri", "storageUri", same);
    });
}

fn plan(s: &Src, o: &mut Obj) {
    o.block(s, "plan", "plan", |b, c| {
        for k in ["name", "product", "publisher"] {
            c.put(b, k, k, same);
        }
    });
}

/// Spot settings: `priority` (provider default "Regular"), `eviction_policy`, and
/// `max_bid_price` (provider default -1, sent for Spot only) under `prefix`.
fn spot(s: &Src, o: &mut Obj, prefix: &str) {
    o.put_or(
        s,
        "priority",
        &join_arm(prefix, "priority"),
        same,
        Val::str("Regular"),
    );
    o.put(
        s,
        "eviction_policy",
        &join_arm(prefix, "evictionPolicy"),
        same,
    );
    let price = join_arm(prefix, "billingProfile.maxPrice");
    if s.str("priority") == Some("Spot") {
        o.put_or(s, "max_bid_price", &price, num, Val::int(-1));
    } else {
        o.put(s, "max_bid_price", &price, num);
    }
}

fn vm_common(s: &Src, o: &mut Obj, os: &str) {
    o.put(s, "size", "properties.hardwareProfile.vmSize", same);
    spot(s, o, "properties");
    o.put_ne(s, "zone", "zones", one);
    // The provider makes the first network interface the primary one.
    o.put(
        s,
        "network_interface_ids",
        "properties.networkProfile.networkInterfaces",
        |v| match v {
            Val::Arr(a) => Val::Arr(
                a.iter()
                    .enumerate()
                    .map(|(i, id)| {
                        obj([
                            ("id", id.clone()),
                            ("properties", obj([("primary", Val::Bool(i == 0))])),
                        ])
                    })
                    .collect(),
            ),
            other => other.clone(),
        },
    );
    image_reference(s, o, "properties.storageProfile.imageReference");
    os_disk(s, o, "properties.storageProfile.osDisk", Some(os));
    if o.put_ne(
        s,
        "os_managed_disk_id",
        "properties.storageProfile.osDisk.managedDisk.id",
        same,
    ) {
        o.fixed(
            "properties.storageProfile.osDisk.createOption",
            Val::str("Attach"),
        );
    }
    o.put(
        s,
        "admin_username",
        "properties.osProfile.adminUsername",
        same,
    );
    o.put(
        s,
        "computer_name",
        "properties.osProfile.computerName",
        same,
    );
    // provider default: extensions allowed.
    o.put_or(
        s,
        "allow_extension_operations",
        "properties.osProfile.allowExtensionOperations",
        boolean,
        Val::Bool(true),
    );
    o.put(
        s,
        "encryption_at_host_enabled",
        "properties.securityProfile.encryptionAtHost",
        boolean,
    );
    o.put(
        s,
        "secure_boot_enabled",
        "properties.securityProfile.uefiSettings.secureBootEnabled",
        boolean,
    );
    o.put(
        s,
        "vtpm_enabled",
        "properties.securityProfile.uefiSettings.vTpmEnabled",
        boolean,
    );
    boot_diagnostics(s, o, "properties.diagnosticsProfile.bootDiagnostics");
    for (k, arm) in [
        ("availability_set_id", "properties.availabilitySet.id"),
        (
            "proximity_placement_group_id",
            "properties.proximityPlacementGroup.id",
        ),
        (
            "virtual_machine_scale_set_id",
            "properties.virtualMachineScaleSet.id",
        ),
        ("dedicated_host_id", "properties.host.id"),
        ("dedicated_host_group_id", "properties.hostGroup.id"),
        (
            "capacity_reservation_group_id",
            "properties.capacityReservation.capacityReservationGroup.id",
        ),
    ] {
        o.put_ne(s, k, arm, same);
    }
    o.put(
        s,
        "platform_fault_domain",
        "properties.platformFaultDomain",
        num,
    );
    o.put_ne(s, "license_type", "properties.licenseType", same);
    o.block(
        s,
        "additional_capabilities",
        "properties.additionalCapabilities",
        |b, c| {
            c.put(b, "ultra_ssd_enabled", "ultraSSDEnabled", boolean);
            c.put(b, "hibernation_enabled", "hibernationEnabled", boolean);
        },
    );
    plan(s, o);
    identity(s, o);
}

fn linux_vm(s: &Src, o: &mut Obj, _x: &mut Extra) {
    vm_common(s, o, "Linux");
    let lc = "properties.osProfile.linuxConfiguration";
    // provider defaults: key-only SSH, VM agent, image-default patching.
    o.put_or(
        s,
        "disable_password_authentication",
        &format!("{lc}.disablePasswordAuthentication"),
        boolean,
        Val::Bool(true),
    );
    ssh_keys(s, o, &format!("{lc}.ssh.publicKeys"));
    o.put_or(
        s,
        "provision_vm_agent",
        &format!("{lc}.provisionVMAgent"),
        boolean,
        Val::Bool(true),
    );
    o.put_or(
        s,
        "patch_mode",
        &format!("{lc}.patchSettings.patchMode"),
        same,
        Val::str("ImageDefault"),
    );
    o.put(
        s,
        "patch_assessment_mode",
        &format!("{lc}.patchSettings.assessmentMode"),
        same,
    );
}

fn windows_vm(s: &Src, o: &mut Obj, _x: &mut Extra) {
    vm_common(s, o, "Windows");
    let wc = "properties.osProfile.windowsConfiguration";
    // provider defaults: automatic updates, VM agent, OS-managed patching.
    o.put_any_or(
        s,
        &["automatic_updates_enabled", "enable_automatic_updates"],
        &format!("{wc}.enableAutomaticUpdates"),
        boolean,
        Val::Bool(true),
    );
    o.put_or(
        s,
        "provision_vm_agent",
        &format!("{wc}.provisionVMAgent"),
        boolean,
        Val::Bool(true),
    );
    o.put_or(
        s,
        "patch_mode",
        &format!("{wc}.patchSettings.patchMode"),
        same,
        Val::str("AutomaticByOS"),
    );
    o.put(
        s,
        "patch_assessment_mode",
        &format!("{wc}.patchSettings.assessmentMode"),
        same,
    );
    o.put(
        s,
        "hotpatching_enabled",
        &format!("{wc}.patchSettings.enableHotpatching"),
        boolean,
    );
    o.put(s, "timezone", &format!("{wc}.timeZone"), same);
}

/// The legacy `azurerm_virtual_machine`.
fn legacy_vm(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.put(s, "vm_size", "properties.hardwareProfile.vmSize", same);
    zones(s, o);
    let primary = s.get("primary_network_interface_id");
    o.put(
        s,
        "network_interface_ids",
        "properties.networkProfile.networkInterfaces",
        |v| match v {
            Val::Arr(a) => Val::Arr(
                a.iter()
                    .enumerate()
                    .map(|(i, id)| {
                        let is_primary = match primary {
                            Some(p) if p.is_unknown() || id.is_unknown() => Val::unknown(),
                            Some(p) => Val::Bool(p == id),
                            None => Val::Bool(i == 0),
                        };
                        obj([
                            ("id", id.clone()),
                            ("properties", obj([("primary", is_primary)])),
                        ])
                    })
                    .collect(),
            ),
            other => other.clone(),
        },
    );
    o.put_ne(
        s,
        "availability_set_id",
        "properties.availabilitySet.id",
        same,
    );
    o.put_ne(
        s,
        "proximity_placement_group_id",
        "properties.proximityPlacementGroup.id",
        same,
    );
    o.put_ne(s, "license_type", "properties.licenseType", same);
    o.block(
        s,
        "storage_image_reference",
        "properties.storageProfile.imageReference",
        |b, c| {
            for k in ["publisher", "offer", "sku", "version", "id"] {
                c.put_ne(b, k, k, same);
            }
        },
    );
    let disk = |b: &Src, c: &mut Obj| {
        c.put(b, "name", "name", same);
        c.put_ne(b, "caching", "caching", same);
        c.put(b, "create_option", "createOption", same);
        c.put(b, "disk_size_gb", "diskSizeGB", num);
        c.put_ne(b, "os_type", "osType", same);
        c.put(b, "lun", "lun", num);
        c.put_ne(
            b,
            "managed_disk_type",
            "managedDisk.storageAccountType",
            same,
        );
        c.put_ne(b, "managed_disk_id", "managedDisk.id", same);
        c.put(
            b,
            "write_accelerator_enabled",
            "writeAcceleratorEnabled",
            boolean,
        );
        c.put_ne(b, "vhd_uri", "vhd.uri", same);
        c.put_ne(b, "image_uri", "image.uri", same);
    };
    o.block(
        s,
        "storage_os_disk",
        "properties.storageProfile.osDisk",
        disk,
    );
    o.blocks(
        s,
        "storage_data_disk",
        "properties.storageProfile.dataDisks",
        disk,
    );
    o.block(s, "os_profile", "properties.osProfile", |b, c| {
        c.put(b, "computer_name", "computerName", same);
        c.put(b, "admin_username", "adminUsername", same);
    });
    o.block(
        s,
        "os_profile_linux_config",
        "properties.osProfile.linuxConfiguration",
        |b, c| {
            c.put(
                b,
                "disable_password_authentication",
                "disablePasswordAuthentication",
                boolean,
            );
            c.blocks(b, "ssh_keys", "ssh.publicKeys", |k, c| {
                c.put(k, "key_data", "keyData", same);
                c.put(k, "path", "path", same);
            });
        },
    );
    o.block(
        s,
        "os_profile_windows_config",
        "properties.osProfile.windowsConfiguration",
        |b, c| {
            // provider defaults of the legacy resource: both off.
            c.put_or(
                b,
                "provision_vm_agent",
                "provisionVMAgent",
                boolean,
                Val::Bool(false),
            );
            c.put_or(
                b,
                "enable_automatic_upgrades",
                "enableAutomaticUpdates",
                boolean,
                Val::Bool(false),
            );
            c.put_ne(b, "timezone", "timeZone", same);
        },
    );
    o.block(
        s,
        "boot_diagnostics",
        "properties.diagnosticsProfile.bootDiagnostics",
        |b, c| {
            c.put(b, "enabled", "enabled", boolean);
            c.put(b, "storage_uri", "storageUri", same);
        },
    );
    o.block(
        s,
        "additional_capabilities",
        "properties.additionalCapabilities",
        |b, c| {
            c.put(b, "ultra_ssd_enabled", "ultraSSDEnabled", boolean);
        },
    );
    plan(s, o);
    identity(s, o);
}

/// A scale set `network_interface` block -> `networkInterfaceConfigurations[]`.
fn vmss_nic(b: &Src, c: &mut Obj) {
    c.put(b, "name", "name", same);
    c.put(b, "primary", "properties.primary", boolean);
    // provider defaults: no accelerated networking, no IP forwarding.
    c.put_any_or(
        b,
        &[
            "accelerated_networking_enabled",
            "enable_accelerated_networking",
        ],
        "properties.enableAcceleratedNetworking",
        boolean,
        Val::Bool(false),
    );
    c.put_any_or(
        b,
        &["ip_forwarding_enabled", "enable_ip_forwarding"],
        "properties.enableIPForwarding",
        boolean,
        Val::Bool(false),
    );
    c.put_ne(
        b,
        "network_security_group_id",
        "properties.networkSecurityGroup.id",
        same,
    );
    c.put_ne(b, "dns_servers", "properties.dnsSettings.dnsServers", same);
    c.put(b, "auxiliary_mode", "properties.auxiliaryMode", same);
    c.put(b, "auxiliary_sku", "properties.auxiliarySku", same);
    c.blocks(
        b,
        "ip_configuration",
        "properties.ipConfigurations",
        |i, c| {
            c.put(i, "name", "name", same);
            c.put(i, "primary", "properties.primary", boolean);
            c.put_ne(i, "subnet_id", "properties.subnet.id", same);
            c.put(i, "version", "properties.privateIPAddressVersion", same);
            for (k, arm) in [
                (
                    "load_balancer_backend_address_pool_ids",
                    "properties.loadBalancerBackendAddressPools",
                ),
                (
                    "load_balancer_inbound_nat_rules_ids",
                    "properties.loadBalancerInboundNatPools",
                ),
                (
                    "application_gateway_backend_address_pool_ids",
                    "properties.applicationGatewayBackendAddressPools",
                ),
                (
                    "application_security_group_ids",
                    "properties.applicationSecurityGroups",
                ),
            ] {
                c.put_ne(i, k, arm, wrap("id"));
            }
            // ARM takes one public IP configuration; Terraform writes a list of blocks.
            c.block(
                i,
                "public_ip_address",
                "properties.publicIPAddressConfiguration",
                |p, c| {
                    c.put(p, "name", "name", same);
                    c.put(
                        p,
                        "idle_timeout_in_minutes",
                        "properties.idleTimeoutInMinutes",
                        num,
                    );
                    c.put_ne(
                        p,
                        "domain_name_label",
                        "properties.dnsSettings.domainNameLabel",
                        same,
                    );
                    c.put_ne(
                        p,
                        "public_ip_prefix_id",
                        "properties.publicIPPrefix.id",
                        same,
                    );
                    c.put(p, "version", "properties.publicIPAddressVersion", same);
                    c.blocks(p, "ip_tag", "properties.ipTags", |t, c| {
                        c.put(t, "type", "ipTagType", same);
                        c.put(t, "tag", "tag", same);
                    });
                    // orchestrated: sku_name "Standard_Regional" -> sku {name, tier}.
                    if let Some(v) = p.get("sku_name") {
                        let sku = match v.as_str().and_then(|t| t.split_once('_')) {
                            Some((n, t)) => obj([("name", Val::str(n)), ("tier", Val::str(t))]),
                            None => v.clone(),
                        };
                        c.set("sku", sku);
                        c.path(p.at("sku_name"), "sku");
                    }
                },
            );
        },
    );
}

fn vmss_common(s: &Src, o: &mut Obj, os: Option<&str>) {
    let vp = "properties.virtualMachineProfile";
    spot(s, o, vp);
    zones(s, o);
    o.put(s, "zone_balance", "properties.zoneBalance", boolean);
    o.put(
        s,
        "platform_fault_domain_count",
        "properties.platformFaultDomainCount",
        num,
    );
    // provider default: Manual upgrades.
    o.put_or(
        s,
        "upgrade_mode",
        "properties.upgradePolicy.mode",
        same,
        Val::str("Manual"),
    );
    o.block(
        s,
        "rolling_upgrade_policy",
        "properties.upgradePolicy.rollingUpgradePolicy",
        |b, c| {
            for (k, arm, f) in [
                (
                    "max_batch_instance_percent",
                    "maxBatchInstancePercent",
                    num as fn(&Val) -> Val,
                ),
                (
                    "max_unhealthy_instance_percent",
                    "maxUnhealthyInstancePercent",
                    num,
                ),
                (
                    "max_unhealthy_upgraded_instance_percent",
                    "maxUnhealthyUpgradedInstancePercent",
                    num,
                ),
                (
                    "pause_time_between_batches",
                    "pauseTimeBetweenBatches",
                    same,
                ),
                (
                    "cross_zone_upgrades_enabled",
                    "enableCrossZoneUpgrade",
                    boolean,
                ),
                (
                    "prioritize_unhealthy_instances_enabled",
                    "prioritizeUnhealthyInstances",
                    boolean,
                ),
                ("maximum_surge_instances_enabled", "maxSurge", boolean),
            ] {
                c.put(b, k, arm, f);
            }
        },
    );
    o.block(
        s,
        "automatic_os_upgrade_policy",
        "properties.upgradePolicy.automaticOSUpgradePolicy",
        |b, c| {
            c.put_any(
                b,
                &[
                    "automatic_os_upgrade_enabled",
                    "enable_automatic_os_upgrade",
                ],
                "enableAutomaticOSUpgrade",
                boolean,
            );
            if !c.put(
                b,
                "automatic_rollback_enabled",
                "disableAutomaticRollback",
                not,
            ) {
                c.put(
                    b,
                    "disable_automatic_rollback",
                    "disableAutomaticRollback",
                    boolean,
                );
            }
        },
    );
    o.block(
        s,
        "automatic_instance_repair",
        "properties.automaticRepairsPolicy",
        |b, c| {
            c.put(b, "enabled", "enabled", boolean);
            c.put(b, "grace_period", "gracePeriod", same);
            c.put(b, "action", "repairAction", same);
        },
    );
    o.blocks(
        s,
        "network_interface",
        &format!("{vp}.networkProfile.networkInterfaceConfigurations"),
        vmss_nic,
    );
    o.put_ne(
        s,
        "health_probe_id",
        &format!("{vp}.networkProfile.healthProbe.id"),
        same,
    );
    image_reference(s, o, &format!("{vp}.storageProfile.imageReference"));
    os_disk(s, o, &format!("{vp}.storageProfile.osDisk"), os);
    o.blocks(
        s,
        "data_disk",
        &format!("{vp}.storageProfile.dataDisks"),
        |b, c| {
            c.put_ne(b, "name", "name", same);
            c.put(b, "caching", "caching", same);
            c.put_or(b, "create_option", "createOption", same, Val::str("Empty"));
            c.put(b, "disk_size_gb", "diskSizeGB", num);
            c.put(b, "lun", "lun", num);
            c.put(
                b,
                "storage_account_type",
                "managedDisk.storageAccountType",
                same,
            );
            c.put_ne(
                b,
                "disk_encryption_set_id",
                "managedDisk.diskEncryptionSet.id",
                same,
            );
            c.put(
                b,
                "write_accelerator_enabled",
                "writeAcceleratorEnabled",
                boolean,
            );
        },
    );
    o.put(
        s,
        "encryption_at_host_enabled",
        &format!("{vp}.securityProfile.encryptionAtHost"),
        boolean,
    );
    o.put(
        s,
        "secure_boot_enabled",
        &format!("{vp}.securityProfile.uefiSettings.secureBootEnabled"),
        boolean,
    );
    o.put(
        s,
        "vtpm_enabled",
        &format!("{vp}.securityProfile.uefiSettings.vTpmEnabled"),
        boolean,
    );
    boot_diagnostics(s, o, &format!("{vp}.diagnosticsProfile.bootDiagnostics"));
    o.put_ne(s, "license_type", &format!("{vp}.licenseType"), same);
    o.put_ne(
        s,
        "capacity_reservation_group_id",
        &format!("{vp}.capacityReservation.capacityReservationGroup.id"),
        same,
    );
    o.put_ne(
        s,
        "proximity_placement_group_id",
        "properties.proximityPlacementGroup.id",
        same,
    );
    o.put_ne(s, "host_group_id", "properties.hostGroup.id", same);
    o.block(
        s,
        "termination_notification",
        &format!("{vp}.scheduledEventsProfile.terminateNotificationProfile"),
        |b, c| {
            c.put(b, "enabled", "enable", boolean);
            c.put_or(b, "timeout", "notBeforeTimeout", same, Val::str("PT5M"));
        },
    );
    o.block(
        s,
        "additional_capabilities",
        "properties.additionalCapabilities",
        |b, c| {
            c.put(b, "ultra_ssd_enabled", "ultraSSDEnabled", boolean);
        },
    );
    plan(s, o);
    identity(s, o);
}

/// `azurerm_linux_virtual_machine_scale_set` / `azurerm_windows_virtual_machine_scale_set`.
fn uniform_vmss(s: &Src, o: &mut Obj, os: &str) {
    let vp = "properties.virtualMachineProfile";
    o.put(s, "sku", "sku.name", same);
    o.fixed("sku.tier", Val::str("Standard"));
    // provider default: 0 instances in 4.x and 5.x (required in 3.x).
    o.put_or(s, "instances", "sku.capacity", num, Val::int(0));
    vmss_common(s, o, Some(os));
    // provider defaults: overprovisioning on, a single placement group.
    o.put_or(
        s,
        "overprovision",
        "properties.overprovision",
        boolean,
        Val::Bool(true),
    );
    o.put_or(
        s,
        "single_placement_group",
        "properties.singlePlacementGroup",
        boolean,
        Val::Bool(true),
    );
    o.block(s, "scale_in", "properties.scaleInPolicy", |b, c| {
        c.put_or(b, "rule", "rules", one, Val::str("Default"));
        c.put(b, "force_deletion_enabled", "forceDeletion", boolean);
    });
    o.put(s, "scale_in_policy", "properties.scaleInPolicy.rules", one);
    o.block(s, "spot_restore", "properties.spotRestorePolicy", |b, c| {
        c.put(b, "enabled", "enabled", boolean);
        c.put(b, "timeout", "restoreTimeout", same);
    });
    let op = format!("{vp}.osProfile");
    o.put(s, "admin_username", &format!("{op}.adminUsername"), same);
    o.put(
        s,
        "computer_name_prefix",
        &format!("{op}.computerNamePrefix"),
        same,
    );
    // provider default: extensions allowed.
    o.put_or(
        s,
        "extension_operations_enabled",
        &format!("{op}.allowExtensionOperations"),
        boolean,
        Val::Bool(true),
    );
    if os == "Linux" {
        let lc = format!("{op}.linuxConfiguration");
        o.put_or(
            s,
            "disable_password_authentication",
            &format!("{lc}.disablePasswordAuthentication"),
            boolean,
            Val::Bool(true),
        );
        ssh_keys(s, o, &format!("{lc}.ssh.publicKeys"));
        o.put_or(
            s,
            "provision_vm_agent",
            &format!("{lc}.provisionVMAgent"),
            boolean,
            Val::Bool(true),
        );
    } else {
        let wc = format!("{op}.windowsConfiguration");
        o.put_any_or(
            s,
            &["automatic_updates_enabled", "enable_automatic_updates"],
            &format!("{wc}.enableAutomaticUpdates"),
            boolean,
            Val::Bool(true),
        );
        o.put_or(
            s,
            "provision_vm_agent",
            &format!("{wc}.provisionVMAgent"),
            boolean,
            Val::Bool(true),
        );
        o.put(s, "timezone", &format!("{wc}.timeZone"), same);
    }
}

fn linux_vmss(s: &Src, o: &mut Obj, _x: &mut Extra) {
    uniform_vmss(s, o, "Linux");
}

fn windows_vmss(s: &Src, o: &mut Obj, _x: &mut Extra) {
    uniform_vmss(s, o, "Windows");
}

fn orchestrated_vmss(s: &Src, o: &mut Obj, _x: &mut Extra) {
    let vp = "properties.virtualMachineProfile";
    o.fixed("properties.orchestrationMode", Val::str("Flexible"));
    if o.put(s, "sku_name", "sku.name", same) && s.str("sku_name") != Some("Mix") {
        o.fixed("sku.tier", Val::str("Standard"));
    }
    o.put(s, "instances", "sku.capacity", num);
    // The OS is known from os_profile only.
    let os = match s.block("os_profile") {
        Block::Known(b) if !matches!(b.block("windows_configuration"), Block::Absent) => {
            Some("Windows")
        }
        Block::Known(b) if !matches!(b.block("linux_configuration"), Block::Absent) => {
            Some("Linux")
        }
        _ => None,
    };
    vmss_common(s, o, os);
    o.put(
        s,
        "single_placement_group",
        "properties.singlePlacementGroup",
        boolean,
    );
    o.block(s, "os_profile", &format!("{vp}.osProfile"), |b, c| {
        let targets = ["adminUsername", "computerNamePrefix"];
        c.block_into(b, "linux_configuration", &targets, |l, c| {
            c.put(l, "admin_username", "adminUsername", same);
            c.put(l, "computer_name_prefix", "computerNamePrefix", same);
            let lc = "linuxConfiguration";
            c.put_or(
                l,
                "disable_password_authentication",
                &format!("{lc}.disablePasswordAuthentication"),
                boolean,
                Val::Bool(true),
            );
            ssh_keys(l, c, &format!("{lc}.ssh.publicKeys"));
            c.put_or(
                l,
                "provision_vm_agent",
                &format!("{lc}.provisionVMAgent"),
                boolean,
                Val::Bool(true),
            );
            c.put(
                l,
                "patch_mode",
                &format!("{lc}.patchSettings.patchMode"),
                same,
            );
        });
        c.block_into(b, "windows_configuration", &targets, |w, c| {
            c.put(w, "admin_username", "adminUsername", same);
            c.put(w, "computer_name_prefix", "computerNamePrefix", same);
            let wc = "windowsConfiguration";
            c.put_any_or(
                w,
                &["automatic_updates_enabled", "enable_automatic_updates"],
                &format!("{wc}.enableAutomaticUpdates"),
                boolean,
                Val::Bool(true),
            );
            c.put_or(
                w,
                "provision_vm_agent",
                &format!("{wc}.provisionVMAgent"),
                boolean,
                Val::Bool(true),
            );
            c.put(
                w,
                "patch_mode",
                &format!("{wc}.patchSettings.patchMode"),
                same,
            );
            c.put(w, "timezone", &format!("{wc}.timeZone"), same);
        });
    });
    o.put_or(
        s,
        "extension_operations_enabled",
        &format!("{vp}.osProfile.allowExtensionOperations"),
        boolean,
        Val::Bool(true),
    );
    o.block(s, "sku_profile", "properties.skuProfile", |b, c| {
        c.put(b, "allocation_strategy", "allocationStrategy", same);
        if c.blocks(b, "virtual_machine_size", "vmSizes", |v, c| {
            c.put(v, "name", "name", same);
            c.put(v, "rank", "rank", num);
        })
        .absent()
        {
            c.put(b, "vm_sizes", "vmSizes", wrap("name"));
        }
    });
    o.block(s, "priority_mix", "properties.priorityMixPolicy", |b, c| {
        c.put_or(
            b,
            "base_regular_count",
            "baseRegularPriorityCount",
            num,
            Val::int(0),
        );
        c.put_or(
            b,
            "regular_percentage_above_base",
            "regularPriorityPercentageAboveBase",
            num,
            Val::int(0),
        );
    });
}

// ---------------------------------------------------------------------------
// Kubernetes (AKS)
// ---------------------------------------------------------------------------

/// Agent pool properties shared by `default_node_pool` and
/// `azurerm_kubernetes_cluster_node_pool` (whose Spot settings the caller adds).
fn agent_pool_props(b: &Src, c: &mut Obj) {
    c.put(b, "vm_size", "vmSize", same);
    c.put(b, "node_count", "count", num);
    c.put(b, "min_count", "minCount", num);
    c.put(b, "max_count", "maxCount", num);
    // provider defaults: no autoscaling, no node public IPs.
    c.put_any_or(
        b,
        &["auto_scaling_enabled", "enable_auto_scaling"],
        "enableAutoScaling",
        boolean,
        Val::Bool(false),
    );
    c.put_any_or(
        b,
        &["node_public_ip_enabled", "enable_node_public_ip"],
        "enableNodePublicIP",
        boolean,
        Val::Bool(false),
    );
    c.put_any(
        b,
        &["host_encryption_enabled", "enable_host_encryption"],
        "enableEncryptionAtHost",
        boolean,
    );
    c.put_ne(b, "vnet_subnet_id", "vnetSubnetID", same);
    c.put_ne(b, "pod_subnet_id", "podSubnetID", same);
    c.put_ne(b, "node_public_ip_prefix_id", "nodePublicIPPrefixID", same);
    c.put_any(
        b,
        &["zones", "availability_zones"],
        "availabilityZones",
        same,
    );
    c.put(b, "os_disk_size_gb", "osDiskSizeGB", num);
    // provider default: managed OS disks.
    c.put_or(b, "os_disk_type", "osDiskType", same, Val::str("Managed"));
    c.put(b, "os_sku", "osSKU", same);
    c.put(b, "max_pods", "maxPods", num);
    c.put(b, "node_labels", "nodeLabels", same);
    c.put(b, "node_taints", "nodeTaints", same);
    c.put(b, "orchestrator_version", "orchestratorVersion", same);
    c.put(b, "fips_enabled", "enableFIPS", boolean);
    c.put(b, "ultra_ssd_enabled", "enableUltraSSD", boolean);
    c.put(b, "gpu_instance", "gpuInstanceProfile", same);
    c.put(b, "kubelet_disk_type", "kubeletDiskType", same);
    c.put(b, "scale_down_mode", "scaleDownMode", same);
    c.put(b, "workload_runtime", "workloadRuntime", same);
    c.put_ne(
        b,
        "proximity_placement_group_id",
        "proximityPlacementGroupID",
        same,
    );
    c.put_ne(
        b,
        "capacity_reservation_group_id",
        "capacityReservationGroupID",
        same,
    );
    c.put_ne(b, "host_group_id", "hostGroupID", same);
    c.block(b, "upgrade_settings", "upgradeSettings", |u, c| {
        c.put(u, "max_surge", "maxSurge", same);
        c.put(u, "max_unavailable", "maxUnavailable", same);
        c.put(u, "drain_timeout_in_minutes", "drainTimeoutInMinutes", num);
        c.put(
            u,
            "node_soak_duration_in_minutes",
            "nodeSoakDurationInMinutes",
            num,
        );
    });
}

fn kubernetes_cluster(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.fixed("sku.name", Val::str("Base"));
    // provider default: Free.
    o.put_or(s, "sku_tier", "sku.tier", same, Val::str("Free"));
    o.put(s, "dns_prefix", "properties.dnsPrefix", same);
    o.put(
        s,
        "dns_prefix_private_cluster",
        "properties.fqdnSubdomain",
        same,
    );
    o.put(
        s,
        "kubernetes_version",
        "properties.kubernetesVersion",
        same,
    );
    o.put(
        s,
        "node_resource_group",
        "properties.nodeResourceGroup",
        same,
    );
    // default_node_pool -> agentPoolProfiles[0], always the System pool.
    let pools = "properties.agentPoolProfiles";
    match s.block("default_node_pool") {
        Block::Absent => {}
        Block::Unknown(u) => {
            o.set(pools, Val::Arr(vec![u]));
            o.path(s.at("default_node_pool"), &format!("{pools}[0]"));
        }
        Block::Known(b) => {
            let mut c = Obj::default();
            c.put(&b, "name", "name", same);
            agent_pool_props(&b, &mut c);
            c.fixed("mode", Val::str("System"));
            // A system pool cannot be Spot.
            c.fixed("scaleSetPriority", Val::str("Regular"));
            c.fixed("osType", Val::str("Linux"));
            c.put_or(
                &b,
                "type",
                "type",
                same,
                Val::str("VirtualMachineScaleSets"),
            );
            if b.bool("only_critical_addons_enabled") == Some(true) {
                c.set(
                    "nodeTaints",
                    Val::Arr(vec![Val::str("CriticalAddonsOnly=true:NoSchedule")]),
                );
                c.path(b.at("only_critical_addons_enabled"), "nodeTaints");
            }
            let ap = format!("{pools}[0]");
            o.path(b.tf.clone(), &ap);
            for (t, a) in c.paths {
                o.paths.push((t, join_arm(&ap, &a)));
            }
            o.set(pools, Val::Arr(vec![Val::Obj(c.m)]));
        }
    }
    let api = "properties.apiServerAccessProfile";
    // provider default: a public API server.
    o.put_or(
        s,
        "private_cluster_enabled",
        &format!("{api}.enablePrivateCluster"),
        boolean,
        Val::Bool(false),
    );
    o.put(
        s,
        "private_dns_zone_id",
        &format!("{api}.privateDNSZone"),
        same,
    );
    o.put(
        s,
        "private_cluster_public_fqdn_enabled",
        &format!("{api}.enablePrivateClusterPublicFQDN"),
        boolean,
    );
    // provider default: run command enabled.
    o.put_or(
        s,
        "run_command_enabled",
        &format!("{api}.disableRunCommand"),
        not,
        Val::Bool(true),
    );
    // 3.x: api_server_authorized_ip_ranges at the top level.
    o.put(
        s,
        "api_server_authorized_ip_ranges",
        &format!("{api}.authorizedIPRanges"),
        same,
    );
    let targets = [
        format!("{api}.authorizedIPRanges"),
        format!("{api}.subnetId"),
        format!("{api}.enableVnetIntegration"),
    ];
    let targets: Vec<&str> = targets.iter().map(String::as_str).collect();
    o.block_into(s, "api_server_access_profile", &targets, |b, o| {
        o.put(b, "authorized_ip_ranges", targets[0], same);
        o.put(b, "subnet_id", targets[1], same);
        o.put_any(
            b,
            &[
                "virtual_network_integration_enabled",
                "vnet_integration_enabled",
            ],
            targets[2],
            boolean,
        );
    });
    o.put(
        s,
        "public_network_access_enabled",
        "properties.publicNetworkAccess",
        enabled,
    );
    o.block(s, "network_profile", "properties.networkProfile", |b, c| {
        for (k, arm) in [
            ("network_plugin", "networkPlugin"),
            ("network_mode", "networkMode"),
            ("network_policy", "networkPolicy"),
            ("network_plugin_mode", "networkPluginMode"),
            ("dns_service_ip", "dnsServiceIP"),
            ("service_cidr", "serviceCidr"),
            ("service_cidrs", "serviceCidrs"),
            ("pod_cidr", "podCidr"),
            ("pod_cidrs", "podCidrs"),
            ("ip_versions", "ipFamilies"),
        ] {
            c.put(b, k, arm, same);
        }
        c.put_any(
            b,
            &["network_data_plane", "ebpf_data_plane"],
            "networkDataplane",
            same,
        );
        // provider defaults: load balancer outbound, standard load balancer.
        c.put_or(
            b,
            "outbound_type",
            "outboundType",
            same,
            Val::str("loadBalancer"),
        );
        c.put_or(
            b,
            "load_balancer_sku",
            "loadBalancerSku",
            same,
            Val::str("standard"),
        );
        c.block(b, "load_balancer_profile", "loadBalancerProfile", |l, c| {
            c.put(
                l,
                "managed_outbound_ip_count",
                "managedOutboundIPs.count",
                num,
            );
            c.put_ne(
                l,
                "outbound_ip_address_ids",
                "outboundIPs.publicIPs",
                wrap("id"),
            );
            c.put_ne(
                l,
                "outbound_ip_prefix_ids",
                "outboundIPPrefixes.publicIPPrefixes",
                wrap("id"),
            );
            c.put(l, "idle_timeout_in_minutes", "idleTimeoutInMinutes", num);
            c.put(l, "outbound_ports_allocated", "allocatedOutboundPorts", num);
        });
    });
    identity(s, o);
    o.block(
        s,
        "service_principal",
        "properties.servicePrincipalProfile",
        |b, c| {
            c.put(b, "client_id", "clientId", same);
        },
    );
    o.put(
        s,
        "local_account_disabled",
        "properties.disableLocalAccounts",
        boolean,
    );
    // provider default: Kubernetes RBAC on.
    o.put_or(
        s,
        "role_based_access_control_enabled",
        "properties.enableRBAC",
        boolean,
        Val::Bool(true),
    );
    o.block(
        s,
        "azure_active_directory_role_based_access_control",
        "properties.aadProfile",
        |b, c| {
            c.fixed("managed", Val::Bool(true));
            c.put(b, "managed", "managed", boolean);
            c.put(b, "tenant_id", "tenantID", same);
            c.put(b, "admin_group_object_ids", "adminGroupObjectIDs", same);
            c.put(b, "azure_rbac_enabled", "enableAzureRBAC", boolean);
        },
    );
    o.put_any(
        s,
        &["automatic_upgrade_channel", "automatic_channel_upgrade"],
        "properties.autoUpgradeProfile.upgradeChannel",
        same,
    );
    // provider default: NodeImage.
    o.put_any_or(
        s,
        &["node_os_upgrade_channel", "node_os_channel_upgrade"],
        "properties.autoUpgradeProfile.nodeOSUpgradeChannel",
        same,
        Val::str("NodeImage"),
    );
    let addons = "properties.addonProfiles";
    o.put(
        s,
        "azure_policy_enabled",
        &format!("{addons}.azurepolicy.enabled"),
        boolean,
    );
    o.put(
        s,
        "http_application_routing_enabled",
        &format!("{addons}.httpApplicationRouting.enabled"),
        boolean,
    );
    o.put(
        s,
        "open_service_mesh_enabled",
        &format!("{addons}.openServiceMesh.enabled"),
        boolean,
    );
    o.block(s, "oms_agent", &format!("{addons}.omsagent"), |b, c| {
        c.fixed("enabled", Val::Bool(true));
        c.put(
            b,
            "log_analytics_workspace_id",
            "config.logAnalyticsWorkspaceResourceID",
            same,
        );
        c.put(
            b,
            "msi_auth_for_monitoring_enabled",
            "config.useAADAuth",
            |v| string(&boolean(v)),
        );
    });
    o.block(
        s,
        "key_vault_secrets_provider",
        &format!("{addons}.azureKeyvaultSecretsProvider"),
        |b, c| {
            c.fixed("enabled", Val::Bool(true));
            c.put(
                b,
                "secret_rotation_enabled",
                "config.enableSecretRotation",
                |v| string(&boolean(v)),
            );
            c.put(
                b,
                "secret_rotation_interval",
                "config.rotationPollInterval",
                same,
            );
        },
    );
    o.block(
        s,
        "ingress_application_gateway",
        &format!("{addons}.ingressApplicationGateway"),
        |b, c| {
            c.fixed("enabled", Val::Bool(true));
            c.put(b, "gateway_id", "config.applicationGatewayId", same);
            c.put(b, "gateway_name", "config.applicationGatewayName", same);
            c.put(b, "subnet_id", "config.subnetId", same);
            c.put(b, "subnet_cidr", "config.subnetCIDR", same);
        },
    );
    let sec = "properties.securityProfile";
    o.block(
        s,
        "microsoft_defender",
        &format!("{sec}.defender"),
        |b, c| {
            c.put(
                b,
                "log_analytics_workspace_id",
                "logAnalyticsWorkspaceResourceId",
                same,
            );
            c.fixed("securityMonitoring.enabled", Val::Bool(true));
        },
    );
    // provider default: workload identity off.
    o.put_or(
        s,
        "workload_identity_enabled",
        &format!("{sec}.workloadIdentity.enabled"),
        boolean,
        Val::Bool(false),
    );
    o.put(
        s,
        "image_cleaner_enabled",
        &format!("{sec}.imageCleaner.enabled"),
        boolean,
    );
    o.put(
        s,
        "image_cleaner_interval_hours",
        &format!("{sec}.imageCleaner.intervalHours"),
        num,
    );
    o.block(
        s,
        "key_management_service",
        &format!("{sec}.azureKeyVaultKms"),
        |b, c| {
            c.fixed("enabled", Val::Bool(true));
            c.put(b, "key_vault_key_id", "keyId", same);
            c.put_or(
                b,
                "key_vault_network_access",
                "keyVaultNetworkAccess",
                same,
                Val::str("Public"),
            );
        },
    );
    o.put(
        s,
        "oidc_issuer_enabled",
        "properties.oidcIssuerProfile.enabled",
        boolean,
    );
    o.put(
        s,
        "disk_encryption_set_id",
        "properties.diskEncryptionSetID",
        same,
    );
    o.put(
        s,
        "cost_analysis_enabled",
        "properties.metricsProfile.costAnalysis.enabled",
        boolean,
    );
    o.put(s, "support_plan", "properties.supportPlan", same);
    o.block(s, "linux_profile", "properties.linuxProfile", |b, c| {
        c.put(b, "admin_username", "adminUsername", same);
        c.blocks(b, "ssh_key", "ssh.publicKeys", |k, c| {
            c.put(k, "key_data", "keyData", same);
        });
    });
    o.block(s, "storage_profile", "properties.storageProfile", |b, c| {
        c.put(b, "blob_driver_enabled", "blobCSIDriver.enabled", boolean);
        c.put(b, "disk_driver_enabled", "diskCSIDriver.enabled", boolean);
        c.put(b, "file_driver_enabled", "fileCSIDriver.enabled", boolean);
        c.put(
            b,
            "snapshot_controller_enabled",
            "snapshotController.enabled",
            boolean,
        );
    });
}

fn kubernetes_node_pool(s: &Src, o: &mut Obj, x: &mut Extra) {
    parent_id(s, x, "kubernetes_cluster_id");
    let mut c = Obj::default();
    agent_pool_props(s, &mut c);
    c.fixed("type", Val::str("VirtualMachineScaleSets"));
    // provider defaults: a User pool of Linux nodes on regular (not Spot) VMs.
    c.put_or(s, "mode", "mode", same, Val::str("User"));
    c.put_or(s, "os_type", "osType", same, Val::str("Linux"));
    c.put_or(s, "priority", "scaleSetPriority", same, Val::str("Regular"));
    c.put(s, "eviction_policy", "scaleSetEvictionPolicy", same);
    if s.str("priority") == Some("Spot") {
        // provider default: pay up to the on-demand price.
        c.put_or(s, "spot_max_price", "spotMaxPrice", num, Val::int(-1));
    } else {
        c.put(s, "spot_max_price", "spotMaxPrice", num);
    }
    c.block(s, "windows_profile", "windowsProfile", |b, c| {
        c.put(b, "outbound_nat_enabled", "disableOutboundNat", not);
    });
    o.embed("properties", c);
}

// ---------------------------------------------------------------------------
// Container Apps
// ---------------------------------------------------------------------------

fn container(b: &Src, c: &mut Obj) {
    c.put(b, "name", "name", same);
    c.put(b, "image", "image", same);
    c.put(b, "command", "command", same);
    c.put(b, "args", "args", same);
    c.put(b, "cpu", "resources.cpu", num);
    c.put(b, "memory", "resources.memory", same);
    c.put(b, "ephemeral_storage", "resources.ephemeralStorage", same);
    c.blocks(b, "env", "env", |e, c| {
        c.put(e, "name", "name", same);
        c.put_ne(e, "value", "value", same);
        c.put_ne(e, "secret_name", "secretRef", same);
    });
    c.blocks(b, "volume_mounts", "volumeMounts", |v, c| {
        c.put(v, "name", "volumeName", same);
        c.put(v, "path", "mountPath", same);
        c.put_ne(v, "sub_path", "subPath", same);
    });
}

fn container_app(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.put(
        s,
        "container_app_environment_id",
        "properties.environmentId",
        same,
    );
    o.put(
        s,
        "container_app_environment_id",
        "properties.managedEnvironmentId",
        same,
    );
    o.put(
        s,
        "workload_profile_name",
        "properties.workloadProfileName",
        same,
    );
    let cfg = "properties.configuration";
    o.put(
        s,
        "revision_mode",
        &format!("{cfg}.activeRevisionsMode"),
        same,
    );
    o.put(
        s,
        "max_inactive_revisions",
        &format!("{cfg}.maxInactiveRevisions"),
        num,
    );
    o.block(s, "ingress", &format!("{cfg}.ingress"), |b, c| {
        // provider defaults: internal only, auto transport, no plain HTTP.
        c.put_or(b, "external_enabled", "external", boolean, Val::Bool(false));
        c.put(b, "target_port", "targetPort", num);
        c.put(b, "exposed_port", "exposedPort", num);
        c.put_or(b, "transport", "transport", same, Val::str("auto"));
        c.put_or(
            b,
            "allow_insecure_connections",
            "allowInsecure",
            boolean,
            Val::Bool(false),
        );
        c.put(b, "client_certificate_mode", "clientCertificateMode", same);
        c.blocks(
            b,
            "ip_security_restriction",
            "ipSecurityRestrictions",
            |r, c| {
                c.put(r, "name", "name", same);
                c.put(r, "action", "action", same);
                c.put(r, "ip_address_range", "ipAddressRange", same);
                c.put_ne(r, "description", "description", same);
            },
        );
        c.blocks(b, "traffic_weight", "traffic", |t, c| {
            c.put(t, "percentage", "weight", num);
            c.put(t, "latest_revision", "latestRevision", boolean);
            c.put_ne(t, "label", "label", same);
        });
        c.block(b, "cors", "corsPolicy", |r, c| {
            c.put(r, "allowed_origins", "allowedOrigins", same);
            c.put(r, "allow_credentials_enabled", "allowCredentials", boolean);
            c.put(r, "allowed_headers", "allowedHeaders", same);
            c.put(r, "allowed_methods", "allowedMethods", same);
            c.put(r, "exposed_headers", "exposeHeaders", same);
            c.put(r, "max_age_in_seconds", "maxAge", num);
        });
    });
    // Secret values are not carried over: only where they come from.
    app_registries_and_secrets(s, o, cfg);
    o.block(s, "dapr", &format!("{cfg}.dapr"), |b, c| {
        c.fixed("enabled", Val::Bool(true));
        c.put(b, "app_id", "appId", same);
        c.put(b, "app_port", "appPort", num);
        c.put_or(b, "app_protocol", "appProtocol", same, Val::str("http"));
    });
    o.block(s, "template", "properties.template", |b, c| {
        c.blocks(b, "container", "containers", container);
        c.blocks(b, "init_container", "initContainers", container);
        c.put(b, "min_replicas", "scale.minReplicas", num);
        c.put(b, "max_replicas", "scale.maxReplicas", num);
        c.put(b, "cooldown_period_in_seconds", "scale.cooldownPeriod", num);
        c.put(
            b,
            "polling_interval_in_seconds",
            "scale.pollingInterval",
            num,
        );
        c.put_ne(b, "revision_suffix", "revisionSuffix", same);
        c.put(
            b,
            "termination_grace_period_seconds",
            "terminationGracePeriodSeconds",
            num,
        );
        c.blocks(b, "volume", "volumes", |v, c| {
            c.put(v, "name", "name", same);
            c.put_ne(v, "storage_name", "storageName", same);
            c.put_or(v, "storage_type", "storageType", same, Val::str("EmptyDir"));
        });
    });
    identity(s, o);
}

fn container_app_environment(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.put(
        s,
        "infrastructure_subnet_id",
        "properties.vnetConfiguration.infrastructureSubnetId",
        same,
    );
    // provider default: a public (external) environment.
    o.put_or(
        s,
        "internal_load_balancer_enabled",
        "properties.vnetConfiguration.internal",
        boolean,
        Val::Bool(false),
    );
    // provider default: not zone redundant.
    o.put_or(
        s,
        "zone_redundancy_enabled",
        "properties.zoneRedundant",
        boolean,
        Val::Bool(false),
    );
    o.put(
        s,
        "infrastructure_resource_group_name",
        "properties.infrastructureResourceGroup",
        same,
    );
    o.put(
        s,
        "mutual_tls_enabled",
        "properties.peerAuthentication.mtls.enabled",
        boolean,
    );
    o.put(
        s,
        "public_network_access",
        "properties.publicNetworkAccess",
        same,
    );
    // ARM names the workspace by its customer id, which only Azure knows: the
    // destination is mapped, the workspace id is not.
    let dest = "properties.appLogsConfiguration.destination";
    if !o.put_ne(s, "logs_destination", dest, same) && s.get("log_analytics_workspace_id").is_some()
    {
        // 4.x: a workspace id implies the log-analytics destination.
        o.set(dest, Val::str("log-analytics"));
        o.path(s.at("log_analytics_workspace_id"), dest);
    }
    o.blocks(
        s,
        "workload_profile",
        "properties.workloadProfiles",
        |b, c| {
            c.put(b, "name", "name", same);
            c.put(b, "workload_profile_type", "workloadProfileType", same);
            c.put(b, "minimum_count", "minimumCount", num);
            c.put(b, "maximum_count", "maximumCount", num);
        },
    );
    identity(s, o);
}

/// Registries and secrets of a container app or job (secret values are not copied).
fn app_registries_and_secrets(s: &Src, o: &mut Obj, cfg: &str) {
    o.blocks(s, "registry", &format!("{cfg}.registries"), |b, c| {
        c.put(b, "server", "server", same);
        c.put_ne(b, "username", "username", same);
        c.put_ne(b, "password_secret_name", "passwordSecretRef", same);
        c.put_ne(b, "identity", "identity", same);
    });
    o.blocks(s, "secret", &format!("{cfg}.secrets"), |b, c| {
        c.put(b, "name", "name", same);
        c.put_ne(b, "key_vault_secret_id", "keyVaultUrl", same);
        c.put_ne(b, "identity", "identity", same);
    });
}

fn container_app_job(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.put(
        s,
        "container_app_environment_id",
        "properties.environmentId",
        same,
    );
    o.put(
        s,
        "workload_profile_name",
        "properties.workloadProfileName",
        same,
    );
    let cfg = "properties.configuration";
    o.put(
        s,
        "replica_timeout_in_seconds",
        &format!("{cfg}.replicaTimeout"),
        num,
    );
    o.put(
        s,
        "replica_retry_limit",
        &format!("{cfg}.replicaRetryLimit"),
        num,
    );
    // One trigger block says how the job starts.
    for (k, ty, arm) in [
        ("manual_trigger_config", "Manual", "manualTriggerConfig"),
        (
            "schedule_trigger_config",
            "Schedule",
            "scheduleTriggerConfig",
        ),
        ("event_trigger_config", "Event", "eventTriggerConfig"),
    ] {
        let pres = o.block(s, k, &format!("{cfg}.{arm}"), |b, c| {
            c.put(b, "cron_expression", "cronExpression", same);
            c.put(b, "parallelism", "parallelism", num);
            c.put(b, "replica_completion_count", "replicaCompletionCount", num);
        });
        if pres == Pres::Known {
            o.fixed(&format!("{cfg}.triggerType"), Val::str(ty));
        }
    }
    app_registries_and_secrets(s, o, cfg);
    o.block(s, "template", "properties.template", |b, c| {
        c.blocks(b, "container", "containers", container);
        c.blocks(b, "init_container", "initContainers", container);
        c.blocks(b, "volume", "volumes", |v, c| {
            c.put(v, "name", "name", same);
            c.put_ne(v, "storage_name", "storageName", same);
            c.put_or(v, "storage_type", "storageType", same, Val::str("EmptyDir"));
        });
    });
    identity(s, o);
}

// ---------------------------------------------------------------------------
// Container Instances
// ---------------------------------------------------------------------------

/// A map of environment variables as ARM's list of `{name, value}`; unknown when
/// the map is (its names are not known either).
fn env_list(v: &Val) -> Val {
    match v {
        Val::Obj(m) => Val::Arr(
            m.iter()
                .map(|(k, x)| obj([("name", Val::str(k.clone())), ("value", x.clone())]))
                .collect(),
        ),
        _ => v.clone(),
    }
}

/// One container or init container of a container group: `{name, properties}`.
/// Secure environment variables are left out (their values are secrets).
fn group_container(b: &Src, c: &mut Obj) {
    c.put(b, "name", "name", same);
    c.put(b, "image", "properties.image", same);
    c.put_ne(b, "commands", "properties.command", same);
    c.put(b, "cpu", "properties.resources.requests.cpu", num);
    c.put(b, "memory", "properties.resources.requests.memoryInGB", num);
    c.block(b, "gpu", "properties.resources.requests.gpu", |g, c| {
        c.put(g, "count", "count", num);
        c.put(g, "sku", "sku", same);
    });
    c.blocks(b, "ports", "properties.ports", |p, c| {
        c.put(p, "port", "port", num);
        c.put_or(p, "protocol", "protocol", same, Val::str("TCP"));
    });
    c.put_ne(
        b,
        "environment_variables",
        "properties.environmentVariables",
        env_list,
    );
    c.blocks(b, "volume", "properties.volumeMounts", |v, c| {
        c.put(v, "name", "name", same);
        c.put(v, "mount_path", "mountPath", same);
        c.put(v, "read_only", "readOnly", boolean);
    });
}

fn container_group(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.put(s, "os_type", "properties.osType", same);
    // provider default: Always.
    o.put_or(
        s,
        "restart_policy",
        "properties.restartPolicy",
        same,
        Val::str("Always"),
    );
    o.put(s, "sku", "properties.sku", same);
    o.put(s, "priority", "properties.priority", same);
    // provider default: a public IP address; `None` means no address at all.
    let ip = "properties.ipAddress";
    let none = s
        .str("ip_address_type")
        .is_some_and(|t| t.eq_ignore_ascii_case("None"));
    if !none {
        o.put_or(
            s,
            "ip_address_type",
            &format!("{ip}.type"),
            same,
            Val::str("Public"),
        );
        o.put_ne(s, "dns_name_label", &format!("{ip}.dnsNameLabel"), same);
        o.put(
            s,
            "dns_name_label_reuse_policy",
            &format!("{ip}.autoGeneratedDomainNameLabelScope"),
            same,
        );
        o.blocks(s, "exposed_port", &format!("{ip}.ports"), |p, c| {
            c.put(p, "port", "port", num);
            c.put_or(p, "protocol", "protocol", same, Val::str("TCP"));
        });
    }
    o.put_ne(s, "subnet_ids", "properties.subnetIds", wrap("id"));
    o.put_ne(
        s,
        "network_profile_id",
        "properties.networkProfile.id",
        same,
    );
    o.block(s, "dns_config", "properties.dnsConfig", |b, c| {
        c.put(b, "nameservers", "nameServers", same);
        c.put_ne(b, "search_domains", "searchDomains", joined(" "));
        c.put_ne(b, "options", "options", joined(" "));
    });
    // The workspace key is a secret: only where the logs go.
    o.block(s, "diagnostics", "properties.diagnostics", |b, c| {
        c.block(b, "log_analytics", "logAnalytics", |l, c| {
            c.put(l, "workspace_id", "workspaceId", same);
            c.put(l, "log_type", "logType", same);
        });
    });
    o.blocks(
        s,
        "image_registry_credential",
        "properties.imageRegistryCredentials",
        |b, c| {
            c.put(b, "server", "server", same);
            c.put_ne(b, "username", "username", same);
            c.put_ne(b, "user_assigned_identity_id", "identity", same);
        },
    );
    o.blocks(s, "container", "properties.containers", group_container);
    o.blocks(
        s,
        "init_container",
        "properties.initContainers",
        group_container,
    );
    zones(s, o);
    identity(s, o);
}

// ---------------------------------------------------------------------------
// App Service
// ---------------------------------------------------------------------------

/// `application_stack`'s container image as App Service's `DOCKER|<host>/<image>`
/// setting: 4.x `docker_image_name` (with its tag) and `docker_registry_url`, or
/// 3.x `docker_image` and `docker_image_tag`. Windows leaves Docker Hub's host out,
/// as the provider does. `None` when the stack names no image.
fn docker_fx(stack: &Src, windows: bool) -> Option<(String, Val)> {
    if let Some(image) = stack.get("docker_image_name").filter(|v| nonempty(v)) {
        let url = stack
            .get("docker_registry_url")
            .filter(|v| nonempty(v))
            .cloned()
            .unwrap_or(Val::Null);
        if let Some(u) = Val::unknown_of(&[image, &url]) {
            return Some(("docker_image_name".into(), u));
        }
        let image = image.as_str().unwrap_or_default();
        let host = url
            .as_str()
            .unwrap_or_default()
            .trim()
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_end_matches('/');
        let fx = if host.is_empty() || (windows && host.eq_ignore_ascii_case("index.docker.io")) {
            format!("DOCKER|{image}")
        } else {
            format!("DOCKER|{host}/{image}")
        };
        return Some(("docker_image_name".into(), Val::Str(fx)));
    }
    let image = stack.get("docker_image").filter(|v| nonempty(v))?;
    let tag = stack
        .get("docker_image_tag")
        .filter(|v| nonempty(v))
        .cloned()
        .unwrap_or(Val::Null);
    if let Some(u) = Val::unknown_of(&[image, &tag]) {
        return Some(("docker_image".into(), u));
    }
    let image = image.as_str().unwrap_or_default();
    let fx = match tag.as_str() {
        Some(t) => format!("DOCKER|{image}:{t}"),
        None => format!("DOCKER|{image}"),
    };
    Some(("docker_image".into(), Val::Str(fx)))
}

/// Linux and Windows web apps and their slots (`Microsoft.Web/sites[/slots]`).
fn web_app(s: &Src, o: &mut Obj, x: &mut Extra, windows: bool, slot: bool) {
    if slot {
        parent_id(s, x, "app_service_id");
    }
    o.put(s, "service_plan_id", "properties.serverFarmId", same);
    // provider default: public network access enabled.
    o.put_or(
        s,
        "public_network_access_enabled",
        "properties.publicNetworkAccess",
        enabled,
        Val::Bool(true),
    );
    o.put(s, "https_only", "properties.httpsOnly", boolean);
    o.put(s, "enabled", "properties.enabled", boolean);
    o.put(
        s,
        "client_affinity_enabled",
        "properties.clientAffinityEnabled",
        boolean,
    );
    o.put(
        s,
        "client_certificate_enabled",
        "properties.clientCertEnabled",
        boolean,
    );
    o.put_ne(
        s,
        "virtual_network_subnet_id",
        "properties.virtualNetworkSubnetId",
        same,
    );
    o.put(
        s,
        "key_vault_reference_identity_id",
        "properties.keyVaultReferenceIdentity",
        same,
    );
    let fx_key = if windows {
        "windowsFxVersion"
    } else {
        "linuxFxVersion"
    };
    let mut container = Pres::Absent;
    o.block(s, "site_config", "properties.siteConfig", |b, c| {
        c.put(b, "always_on", "alwaysOn", boolean);
        c.put(b, "ftps_state", "ftpsState", same);
        c.put(b, "http2_enabled", "http20Enabled", boolean);
        c.put(b, "minimum_tls_version", "minTlsVersion", string);
        c.put(b, "scm_minimum_tls_version", "scmMinTlsVersion", string);
        c.put(b, "vnet_route_all_enabled", "vnetRouteAllEnabled", boolean);
        c.put(
            b,
            "remote_debugging_enabled",
            "remoteDebuggingEnabled",
            boolean,
        );
        c.put_ne(b, "health_check_path", "healthCheckPath", same);
        c.put(
            b,
            "container_registry_use_managed_identity",
            "acrUseManagedIdentityCreds",
            boolean,
        );
        c.put_ne(
            b,
            "container_registry_managed_identity_client_id",
            "acrUserManagedIdentityID",
            same,
        );
        match b.block("application_stack") {
            Block::Known(stack) => {
                if let Some((k, fx)) = docker_fx(&stack, windows) {
                    container = if fx.is_unknown() {
                        Pres::Unknown
                    } else {
                        Pres::Known
                    };
                    c.set(fx_key, fx);
                    c.path(stack.at(&k), fx_key);
                }
            }
            Block::Unknown(u) => {
                container = Pres::Unknown;
                c.set(fx_key, u);
                c.path(b.at("application_stack"), fx_key);
            }
            Block::Absent => {}
        }
        // A plan reports the setting the provider computed.
        if container == Pres::Absent {
            let tf = if windows {
                "windows_fx_version"
            } else {
                "linux_fx_version"
            };
            if c.put_ne(b, tf, fx_key, same) {
                container = Pres::Known;
            }
        }
    });
    let kind = match (windows, container) {
        (_, Pres::Unknown) => Val::unknown(),
        (false, Pres::Known) => Val::str("app,linux,container"),
        (false, Pres::Absent) => Val::str("app,linux"),
        (true, Pres::Known) => Val::str("app,container,windows"),
        (true, Pres::Absent) => Val::str("app"),
    };
    o.fixed("kind", kind);
    identity(s, o);
}

fn linux_web_app(s: &Src, o: &mut Obj, x: &mut Extra) {
    web_app(s, o, x, false, false);
}

fn windows_web_app(s: &Src, o: &mut Obj, x: &mut Extra) {
    web_app(s, o, x, true, false);
}

fn linux_web_app_slot(s: &Src, o: &mut Obj, x: &mut Extra) {
    web_app(s, o, x, false, true);
}

fn windows_web_app_slot(s: &Src, o: &mut Obj, x: &mut Extra) {
    web_app(s, o, x, true, true);
}

// ---------------------------------------------------------------------------
// Budgets, subscriptions, resource groups, monitoring, identities
// ---------------------------------------------------------------------------

fn budget(s: &Src, o: &mut Obj, x: &mut Extra) {
    x.parent = s
        .get("subscription_id")
        .or_else(|| s.get("resource_group_id"))
        .cloned();
    o.fixed("properties.category", Val::str("Cost"));
    o.put(s, "amount", "properties.amount", num);
    // provider default: Monthly.
    o.put_or(
        s,
        "time_grain",
        "properties.timeGrain",
        same,
        Val::str("Monthly"),
    );
    o.block(s, "time_period", "properties.timePeriod", |b, c| {
        c.put(b, "start_date", "startDate", same);
        c.put_ne(b, "end_date", "endDate", same);
    });
    // ARM keys notifications by name; the names here are generated, in order.
    let arm = "properties.notifications";
    match s.blocks("notification") {
        Blocks::Absent => {}
        Blocks::Unknown(u) => {
            o.set(arm, u);
            o.path(s.at("notification"), arm);
        }
        Blocks::List(items) => {
            let mut m = BTreeMap::new();
            o.path(s.at("notification"), arm);
            for (i, item) in items.into_iter().enumerate() {
                let key = format!("notification{}", i + 1);
                let ap = format!("{arm}.{key}");
                match item {
                    Item::Unknown(u) => {
                        o.path(format!("{}[{i}]", s.at("notification")), &ap);
                        m.insert(key, u);
                    }
                    Item::Known(b) => {
                        let mut c = Obj::default();
                        // provider defaults: enabled, on actual cost.
                        c.put_or(&b, "enabled", "enabled", boolean, Val::Bool(true));
                        c.put(&b, "operator", "operator", same);
                        c.put(&b, "threshold", "threshold", num);
                        c.put_or(
                            &b,
                            "threshold_type",
                            "thresholdType",
                            same,
                            Val::str("Actual"),
                        );
                        c.put(&b, "contact_emails", "contactEmails", same);
                        c.put(&b, "contact_groups", "contactGroups", same);
                        c.put(&b, "contact_roles", "contactRoles", same);
                        o.path(b.tf.clone(), &ap);
                        for (t, a) in c.paths {
                            o.paths.push((t, join_arm(&ap, &a)));
                        }
                        m.insert(key, Val::Obj(c.m));
                    }
                }
            }
            o.set(arm, Val::Obj(m));
        }
    }
    budget_filter(s, o);
}

/// `filter { dimension {...} tag {...} }` -> `properties.filter`: a single condition
/// as `{dimensions}` or `{tags}`, several as `{and: [...]}`.
fn budget_filter(s: &Src, o: &mut Obj) {
    let arm = "properties.filter";
    let f = match s.block("filter") {
        Block::Absent => return,
        Block::Unknown(u) => {
            o.set(arm, u);
            o.path(s.at("filter"), arm);
            return;
        }
        Block::Known(f) => f,
    };
    o.path(f.tf.clone(), arm);
    let cond = |b: &Src, c: &mut Obj| {
        c.put(b, "name", "name", same);
        c.put_or(b, "operator", "operator", same, Val::str("In"));
        c.put(b, "values", "values", same);
    };
    let mut conds: Vec<(String, &str, Item)> = Vec::new();
    for (k, key) in [("dimension", "dimensions"), ("tag", "tags")] {
        match f.blocks(k) {
            Blocks::Absent => {}
            Blocks::Unknown(u) => {
                // The number of conditions is unknown, so is the filter's shape.
                o.set(arm, u);
                o.path(f.at(k), arm);
                return;
            }
            Blocks::List(items) => {
                for (i, item) in items.into_iter().enumerate() {
                    conds.push((format!("{}[{i}]", f.at(k)), key, item));
                }
            }
        }
    }
    let single = conds.len() == 1;
    let mut and = Vec::new();
    for (j, (tf, key, item)) in conds.into_iter().enumerate() {
        let ap = if single {
            format!("{arm}.{key}")
        } else {
            format!("{arm}.and[{j}].{key}")
        };
        o.path(tf, &ap);
        let v = match item {
            Item::Unknown(u) => u,
            Item::Known(b) => {
                let mut c = Obj::default();
                cond(&b, &mut c);
                for (t, a) in c.paths {
                    o.paths.push((t, join_arm(&ap, &a)));
                }
                Val::Obj(c.m)
            }
        };
        if single {
            o.set(&format!("{arm}.{key}"), v);
        } else {
            and.push(obj([(key, v)]));
        }
    }
    if !single && !and.is_empty() {
        o.set(&format!("{arm}.and"), Val::Arr(and));
    }
}

fn subscription(s: &Src, o: &mut Obj, x: &mut Extra) {
    // The alias is the ARM name; without one the provider generates a UUID.
    x.name = Some(s.get("alias").cloned().unwrap_or_else(Val::unknown));
    o.put(s, "subscription_name", "properties.displayName", same);
    // provider default: Production.
    o.put_or(
        s,
        "workload",
        "properties.workload",
        same,
        Val::str("Production"),
    );
    o.put(s, "billing_scope_id", "properties.billingScope", same);
    o.put(s, "subscription_id", "properties.subscriptionId", same);
}

fn resource_group(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.put(s, "managed_by", "managedBy", same);
}

fn log_analytics_workspace(s: &Src, o: &mut Obj, _x: &mut Extra) {
    // provider default: PerGB2018.
    o.put_or(s, "sku", "properties.sku.name", same, Val::str("PerGB2018"));
    o.put(
        s,
        "reservation_capacity_in_gb_per_day",
        "properties.sku.capacityReservationLevel",
        num,
    );
    o.put(s, "retention_in_days", "properties.retentionInDays", num);
    // provider default: no daily cap.
    o.put_or(
        s,
        "daily_quota_gb",
        "properties.workspaceCapping.dailyQuotaGb",
        num,
        Val::int(-1),
    );
    // 5.x: *_access_type strings; before: booleans (provider default true).
    for (new, old, arm) in [
        (
            "internet_ingestion_access_type",
            "internet_ingestion_enabled",
            "properties.publicNetworkAccessForIngestion",
        ),
        (
            "internet_query_access_type",
            "internet_query_enabled",
            "properties.publicNetworkAccessForQuery",
        ),
    ] {
        if !o.put(s, new, arm, same) {
            o.put_or(s, old, arm, enabled, Val::Bool(true));
        }
    }
    // 4.x local_authentication_enabled (default true); 3.x local_authentication_disabled.
    let local = "properties.features.disableLocalAuth";
    if !o.put(s, "local_authentication_enabled", local, not)
        && !o.put(s, "local_authentication_disabled", local, boolean)
    {
        o.put_or(
            s,
            "local_authentication_enabled",
            local,
            not,
            Val::Bool(true),
        );
    }
    // provider default: resource-context access allowed.
    o.put_or(
        s,
        "allow_resource_only_permissions",
        "properties.features.enableLogAccessUsingOnlyResourcePermissions",
        boolean,
        Val::Bool(true),
    );
    o.put(
        s,
        "immediate_data_purge_on_30_days_enabled",
        "properties.features.immediatePurgeDataOn30Days",
        boolean,
    );
    o.put(
        s,
        "cmk_for_query_forced",
        "properties.forceCmkForQuery",
        boolean,
    );
    o.put(
        s,
        "data_collection_rule_id",
        "properties.defaultDataCollectionRuleResourceId",
        same,
    );
    identity(s, o);
}

fn application_insights(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.put(s, "application_type", "kind", same);
    o.put(s, "application_type", "properties.Application_Type", same);
    o.put(s, "workspace_id", "properties.WorkspaceResourceId", same);
    // provider defaults: 90 days, no sampling.
    o.put_or(
        s,
        "retention_in_days",
        "properties.RetentionInDays",
        num,
        Val::int(90),
    );
    o.put_or(
        s,
        "sampling_percentage",
        "properties.SamplingPercentage",
        num,
        Val::int(100),
    );
    // 5.x ip_masking_enabled / local_authentication_enabled; before, their inverses.
    for (new, old, arm) in [
        (
            "ip_masking_enabled",
            "disable_ip_masking",
            "properties.DisableIpMasking",
        ),
        (
            "local_authentication_enabled",
            "local_authentication_disabled",
            "properties.DisableLocalAuth",
        ),
    ] {
        if !o.put(s, new, arm, not) {
            // provider default: masking on, local authentication on.
            o.put_or(s, old, arm, boolean, Val::Bool(false));
        }
    }
    for (k, arm) in [
        (
            "internet_ingestion_enabled",
            "properties.publicNetworkAccessForIngestion",
        ),
        (
            "internet_query_enabled",
            "properties.publicNetworkAccessForQuery",
        ),
    ] {
        // provider default: public ingestion and query.
        o.put_or(s, k, arm, enabled, Val::Bool(true));
    }
    o.put(
        s,
        "force_customer_storage_for_profiler",
        "properties.ForceCustomerStorageForProfiler",
        boolean,
    );
}

fn user_assigned_identity(s: &Src, o: &mut Obj, _x: &mut Extra) {
    o.put(s, "isolation_scope", "properties.isolationScope", same);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Value as Json};

    /// The body as JSON with unknown paths, as lzscan materialises it.
    fn body(m: &Mapped) -> (Json, Vec<String>) {
        let mut unknown = crate::value::UnknownPaths::new();
        let j = m.body.materialize("", &mut unknown).unwrap_or(Json::Null);
        (j, unknown.into_keys().collect())
    }

    fn tf(j: Json) -> Val {
        Val::from_json(&j)
    }

    fn has_path(m: &Mapped, tf: &str, arm: &str) -> bool {
        m.paths.iter().any(|(t, a)| t == tf && a == arm)
    }

    const U: &str = "${unknown}";

    /// Terraform-shaped JSON to `Val`; the string "${unknown}" is an unknown value and
    /// "${unknown:ID}" one that depends on ID.
    fn tfu(j: &Json) -> Val {
        match j {
            Json::String(s) if s == U => Val::unknown(),
            Json::String(s) if s.starts_with("${unknown:") && s.ends_with('}') => {
                Val::unknown_ref(&s["${unknown:".len()..s.len() - 1])
            }
            Json::Array(a) => Val::Arr(a.iter().map(tfu).collect()),
            Json::Object(o) => Val::Obj(o.iter().map(|(k, v)| (k.clone(), tfu(v))).collect()),
            other => Val::from_json(other),
        }
    }

    const SUB: &str = "/subscriptions/00000000-0000-0000-0000-000000000000";
    const RG: &str = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai";

    /// One realistic input per mapped type.
    fn samples() -> Vec<(&'static str, Json)> {
        let snet =
            format!("{RG}/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe");
        vec![
            (
                "azurerm_storage_account",
                json!({
                    "name": "stdata", "resource_group_name": "rg-ai", "location": "westeurope",
                    "account_tier": "Standard", "account_replication_type": "ZRS",
                    "account_kind": "StorageV2", "is_hns_enabled": true,
                    "public_network_access_enabled": false, "min_tls_version": "TLS1_2",
                    "allow_nested_items_to_be_public": false, "shared_access_key_enabled": U,
                    "network_rules": [{"default_action": "Deny", "bypass": ["AzureServices"],
                                       "ip_rules": [], "virtual_network_subnet_ids": [snet.clone()]}],
                    "identity": [{"type": "SystemAssigned"}],
                    "tags": {"project": "fraud"}
                }),
            ),
            (
                "azurerm_key_vault",
                json!({
                    "name": "kv-ai", "location": "westeurope", "resource_group_name": "rg-ai",
                    "sku_name": "premium", "tenant_id": U,
                    "enable_rbac_authorization": true, "soft_delete_retention_days": 30,
                    "network_acls": [{"bypass": "AzureServices", "default_action": "Deny",
                                      "ip_rules": ["203.0.113.4"], "virtual_network_subnet_ids": []}]
                }),
            ),
            (
                "azurerm_key_vault_managed_hardware_security_module",
                json!({
                    "name": "hsm-ai", "sku_name": "Standard_B1", "tenant_id": "t",
                    "admin_object_ids": [U], "purge_protection_enabled": true,
                    "public_network_access_enabled": false,
                    "network_acls": [{"bypass": "None", "default_action": "Deny"}]
                }),
            ),
            (
                "azurerm_container_registry",
                json!({
                    "name": "acrai", "sku": "Premium", "admin_enabled": false,
                    "public_network_access_enabled": U, "zone_redundancy_enabled": true,
                    "network_rule_set": [{"default_action": "Deny",
                                          "ip_rule": [{"action": "Allow", "ip_range": "198.51.100.0/24"}]}],
                    "georeplications": [
                        {"location": "northeurope", "zone_redundancy_enabled": true,
                         "regional_endpoint_enabled": true, "tags": {"project": "fraud"}},
                        {"location": U}
                    ]
                }),
            ),
            (
                "azurerm_cosmosdb_account",
                json!({
                    "name": "cosmos-ai", "offer_type": "Standard", "kind": "GlobalDocumentDB",
                    "consistency_policy": [{"consistency_level": "Session"}],
                    "geo_location": [
                        {"location": "westeurope", "failover_priority": 0, "zone_redundant": true},
                        {"location": "northeurope", "failover_priority": 1}
                    ],
                    "public_network_access_enabled": false, "is_virtual_network_filter_enabled": true,
                    "virtual_network_rule": [{"id": U}],
                    "enable_automatic_failover": true, "ip_range_filter": "203.0.113.0/24, 198.51.100.7",
                    "local_authentication_disabled": true,
                    "backup": [{"type": "Periodic", "storage_redundancy": "Zone"}]
                }),
            ),
            (
                "azurerm_machine_learning_workspace",
                json!({
                    "name": "mlw-ai", "application_insights_id": "/appi", "key_vault_id": "/kv",
                    "storage_account_id": U, "container_registry_id": "/acr",
                    "public_network_access_enabled": false, "sku_name": "Basic",
                    "managed_network": [{"isolation_mode": "AllowOnlyApprovedOutbound"}],
                    "identity": [{"type": "SystemAssigned"}]
                }),
            ),
            (
                "azurerm_machine_learning_compute_cluster",
                json!({
                    "name": "gpu-cluster", "location": "westeurope",
                    "machine_learning_workspace_id": U,
                    "vm_priority": "LowPriority", "vm_size": "Standard_NC24ads_A100_v4",
                    "scale_settings": [{"min_node_count": 0, "max_node_count": 4,
                                        "scale_down_nodes_after_idle_duration": "PT30M"}],
                    "subnet_resource_id": snet.clone(), "node_public_ip_enabled": false,
                    "identity": [{"type": "UserAssigned", "identity_ids": ["/uai"]}]
                }),
            ),
            (
                "azurerm_machine_learning_compute_instance",
                json!({
                    "name": "ci-alice", "machine_learning_workspace_id": "/mlw",
                    "virtual_machine_size": "Standard_DS3_v2", "authorization_type": "personal",
                    "assign_to_user": [{"object_id": U, "tenant_id": "t"}],
                    "node_public_ip_enabled": false, "local_auth_enabled": false
                }),
            ),
            (
                "azurerm_cognitive_account",
                json!({
                    "name": "oai-ai", "kind": "OpenAI", "sku_name": "S0",
                    "custom_subdomain_name": "oai-ai", "public_network_access_enabled": false,
                    "local_auth_enabled": false,
                    "network_acls": [{"default_action": "Deny", "ip_rules": ["203.0.113.9"],
                                      "virtual_network_rules": [{"subnet_id": U}]}],
                    "customer_managed_key": [{"key_vault_key_id": "https://kv-ai.vault.azure.net/keys/cmk/abc",
                                              "identity_client_id": "cid"}],
                    "identity": [{"type": "SystemAssigned"}]
                }),
            ),
            (
                "azurerm_cognitive_deployment",
                json!({
                    "name": "gpt-4o", "cognitive_account_id": "/oai",
                    "model": [{"format": "OpenAI", "name": "gpt-4o", "version": U}],
                    "sku": [{"name": "GlobalStandard", "capacity": 50}]
                }),
            ),
            (
                "azurerm_eventhub_namespace",
                json!({
                    "name": "evh-ai", "sku": "Standard", "capacity": 2,
                    "public_network_access_enabled": false, "local_authentication_enabled": false,
                    "network_rulesets": [{"default_action": "Deny",
                                          "trusted_service_access_enabled": true,
                                          "virtual_network_rule": [{"subnet_id": U}],
                                          "ip_rule": [{"ip_mask": "203.0.113.0/24"}]}]
                }),
            ),
            (
                "azurerm_data_factory",
                json!({
                    "name": "adf-ai", "public_network_enabled": false,
                    "managed_virtual_network_enabled": true,
                    "github_configuration": [{"account_name": "org", "branch_name": "main",
                                              "repository_name": "adf", "root_folder": "/",
                                              "git_url": "https://github.com"}],
                    "identity": [{"type": "SystemAssigned"}],
                    "purview_id": U
                }),
            ),
            (
                "azurerm_private_endpoint",
                json!({
                    "name": "pe-stdata-dfs", "subnet_id": snet.clone(),
                    "private_service_connection": [{
                        "name": "dfs", "is_manual_connection": false,
                        "private_connection_resource_id": "${unknown:azurerm_storage_account.data}",
                        "subresource_names": ["dfs"]
                    }],
                    "private_dns_zone_group": [{
                        "name": "default",
                        "private_dns_zone_ids": [format!("{RG}/providers/Microsoft.Network/privateDnsZones/privatelink.dfs.core.windows.net")]
                    }]
                }),
            ),
            (
                "azurerm_private_dns_zone",
                json!({
                    "name": "privatelink.dfs.core.windows.net", "resource_group_name": "rg-ai",
                    "soa_record": [{"email": U}]
                }),
            ),
            (
                "azurerm_private_dns_zone_virtual_network_link",
                json!({
                    "name": "link-hub", "private_dns_zone_name": "privatelink.dfs.core.windows.net",
                    "resource_group_name": "rg-ai", "virtual_network_id": U,
                    "registration_enabled": false
                }),
            ),
            (
                "azurerm_virtual_network",
                json!({
                    "name": "vnet-spoke", "address_space": ["10.1.0.0/16"], "dns_servers": [U],
                    "subnet": [{"name": "snet-pe", "address_prefixes": ["10.1.1.0/24"],
                                "security_group": "/nsg"}]
                }),
            ),
            (
                "azurerm_subnet",
                json!({
                    "name": "snet-aks", "resource_group_name": "rg-ai",
                    "virtual_network_name": "vnet-spoke", "address_prefixes": ["10.1.2.0/23"],
                    "private_endpoint_network_policies": "Enabled",
                    "service_endpoints": ["Microsoft.Storage", U],
                    "delegation": [{"name": "aci", "service_delegation": [{
                        "name": "Microsoft.ContainerInstance/containerGroups",
                        "actions": ["Microsoft.Network/virtualNetworks/subnets/action"]}]}]
                }),
            ),
            (
                "azurerm_virtual_network_peering",
                json!({
                    "name": "spoke-to-hub", "resource_group_name": "rg-ai",
                    "virtual_network_name": "vnet-spoke",
                    "remote_virtual_network_id": "${unknown:azurerm_virtual_network.hub}",
                    "allow_forwarded_traffic": true, "use_remote_gateways": true
                }),
            ),
            (
                "azurerm_network_security_group",
                json!({
                    "name": "nsg-pe",
                    "security_rule": [{
                        "name": "deny-internet", "priority": 4000, "direction": "Inbound",
                        "access": "Deny", "protocol": "*", "source_port_range": "*",
                        "source_port_ranges": [], "destination_port_range": "*",
                        "destination_port_ranges": [], "source_address_prefix": "Internet",
                        "source_address_prefixes": [], "destination_address_prefix": U,
                        "destination_address_prefixes": [], "description": "",
                        "source_application_security_group_ids": [],
                        "destination_application_security_group_ids": []
                    }]
                }),
            ),
            (
                "azurerm_network_security_rule",
                json!({
                    "name": "allow-https", "network_security_group_name": "nsg-pe",
                    "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
                    "source_port_range": "*", "destination_port_ranges": ["443", U],
                    "source_address_prefix": "VirtualNetwork", "destination_address_prefix": "*"
                }),
            ),
            (
                "azurerm_route_table",
                json!({
                    "name": "rt-spoke", "bgp_route_propagation_enabled": false,
                    "route": [{"name": "default", "address_prefix": "0.0.0.0/0",
                               "next_hop_type": "VirtualAppliance", "next_hop_in_ip_address": U}]
                }),
            ),
            (
                "azurerm_route",
                json!({
                    "name": "default", "route_table_name": "rt-spoke",
                    "address_prefix": "0.0.0.0/0", "next_hop_type": "Internet",
                    "next_hop_in_ip_address": U
                }),
            ),
            (
                "azurerm_public_ip",
                json!({
                    "name": "pip-fw", "allocation_method": "Static", "zones": ["1", "2", "3"],
                    "domain_name_label": U
                }),
            ),
            (
                "azurerm_network_interface",
                json!({
                    "name": "nic-vm",
                    "ip_configuration": [{"name": "ipconfig1", "subnet_id": snet.clone(),
                                          "private_ip_address_allocation": "Dynamic",
                                          "public_ip_address_id": U}],
                    "enable_accelerated_networking": true
                }),
            ),
            (
                "azurerm_bastion_host",
                json!({
                    "name": "bas-hub", "sku": "Standard", "tunneling_enabled": true,
                    "ip_configuration": [{"name": "cfg", "subnet_id": "/AzureBastionSubnet",
                                          "public_ip_address_id": U}]
                }),
            ),
            (
                "azurerm_firewall",
                json!({
                    "name": "fw-hub", "sku_name": "AZFW_VNet", "sku_tier": "Premium",
                    "firewall_policy_id": U, "zones": ["1", "2", "3"],
                    "ip_configuration": [{"name": "cfg", "subnet_id": "/AzureFirewallSubnet",
                                          "public_ip_address_id": "/pip-fw"}]
                }),
            ),
            (
                "azurerm_firewall_policy",
                json!({
                    "name": "fwp-hub", "sku": "Premium",
                    "dns": [{"proxy_enabled": true}],
                    "intrusion_detection": [{"mode": "Deny",
                        "signature_overrides": [{"id": "2024897", "state": "Off"}]}],
                    "tls_certificate": [{"key_vault_secret_id": U, "name": "ca"}],
                    "threat_intelligence_mode": "Deny"
                }),
            ),
            (
                "azurerm_firewall_policy_rule_collection_group",
                json!({
                    "name": "rcg-ai", "firewall_policy_id": "/fwp", "priority": 500,
                    "application_rule_collection": [{
                        "name": "app", "priority": 100, "action": "Allow",
                        "rule": [{"name": "pypi",
                                  "protocols": [{"type": "Https", "port": 443}],
                                  "source_addresses": ["10.1.0.0/16"],
                                  "destination_fqdns": ["pypi.org", "files.pythonhosted.org"]}]
                    }],
                    "network_rule_collection": [{
                        "name": "net", "priority": 200, "action": "Deny",
                        "rule": [{"name": "dns", "protocols": ["UDP"],
                                  "source_addresses": ["*"], "destination_addresses": [U],
                                  "destination_ports": ["53"]}]
                    }],
                    "nat_rule_collection": [{
                        "name": "nat", "priority": 300, "action": "Dnat",
                        "rule": [{"name": "ssh", "protocols": ["TCP"],
                                  "source_addresses": ["203.0.113.0/24"],
                                  "destination_address": "198.51.100.1",
                                  "destination_ports": ["22"], "translated_address": "10.1.1.4",
                                  "translated_port": 22}]
                    }]
                }),
            ),
            (
                "azurerm_firewall_application_rule_collection",
                json!({
                    "name": "app-classic", "azure_firewall_name": "fw-hub", "priority": 100,
                    "action": "Allow",
                    "rule": [{"name": "hf", "source_addresses": ["10.1.0.0/16"],
                              "target_fqdns": ["huggingface.co", U],
                              "protocol": [{"port": 443, "type": "Https"}]}]
                }),
            ),
            (
                "azurerm_firewall_network_rule_collection",
                json!({
                    "name": "net-classic", "azure_firewall_name": "fw-hub", "priority": 200,
                    "action": "Allow",
                    "rule": [{"name": "ntp", "source_addresses": ["*"],
                              "destination_addresses": ["*"], "destination_ports": ["123"],
                              "protocols": ["UDP"], "destination_fqdns": U}]
                }),
            ),
            (
                "azurerm_firewall_nat_rule_collection",
                json!({
                    "name": "nat-classic", "azure_firewall_name": "fw-hub", "priority": 300,
                    "action": "Dnat",
                    "rule": [{"name": "rdp", "source_addresses": ["203.0.113.0/24"],
                              "destination_addresses": [U], "destination_ports": ["3389"],
                              "protocols": ["TCP"], "translated_address": "10.1.1.5",
                              "translated_port": "3389"}]
                }),
            ),
            (
                "azurerm_application_gateway",
                json!({
                    "name": "agw", "sku": [{"name": "WAF_v2", "tier": "WAF_v2", "capacity": 2}],
                    "waf_configuration": [{"enabled": true, "firewall_mode": "Detection",
                                           "rule_set_version": "3.2"}],
                    "firewall_policy_id": U,
                    "gateway_ip_configuration": [{"name": "gw", "subnet_id": "/snet-agw"}],
                    "frontend_ip_configuration": [{"name": "public", "public_ip_address_id": "/pip-agw"}],
                    "frontend_port": [{"name": "https", "port": 443}],
                    "backend_address_pool": [{"name": "be", "fqdns": ["app.internal"], "ip_addresses": []}]
                }),
            ),
            (
                "azurerm_web_application_firewall_policy",
                json!({
                    "name": "waf-agw",
                    "policy_settings": [{"enabled": true, "mode": U}],
                    "managed_rules": [{"managed_rule_set": [{"type": "OWASP", "version": "3.2",
                        "rule_group_override": [{"rule_group_name": "REQUEST-920-PROTOCOL-ENFORCEMENT",
                            "rule": [{"id": "920300", "enabled": true, "action": "Log"}]}]}]}],
                    "custom_rules": [{"name": "blockips", "priority": 1, "rule_type": "MatchRule",
                        "action": "Block",
                        "match_conditions": [{"match_variables": [{"variable_name": "RemoteAddr"}],
                            "operator": "IPMatch", "negation_condition": false,
                            "match_values": ["203.0.113.0/24"]}]}]
                }),
            ),
            (
                "azurerm_cdn_frontdoor_profile",
                json!({
                    "name": "afd", "sku_name": "Premium_AzureFrontDoor", "response_timeout_seconds": U
                }),
            ),
            (
                "azurerm_cdn_frontdoor_firewall_policy",
                json!({
                    "name": "afdwaf", "sku_name": "Premium_AzureFrontDoor", "mode": "Prevention",
                    "enabled": U,
                    "managed_rule": [{"type": "Microsoft_DefaultRuleSet", "version": "2.1",
                                      "action": "Block"}]
                }),
            ),
            (
                "azurerm_frontdoor_firewall_policy",
                json!({
                    "name": "fdwaf", "mode": "Detection", "enabled": false,
                    "custom_rule": [{"name": "rate", "type": "RateLimitRule", "action": "Block",
                        "rate_limit_threshold": U,
                        "match_condition": [{"match_variable": "RemoteAddr", "operator": "IPMatch",
                                             "match_values": ["0.0.0.0/0"]}]}]
                }),
            ),
            (
                "azurerm_cdn_frontdoor_security_policy",
                json!({
                    "name": "afd-waf", "cdn_frontdoor_profile_id": "/afd",
                    "security_policies": [{"firewall": [{
                        "cdn_frontdoor_firewall_policy_id": U,
                        "association": [{"domain": [{"cdn_frontdoor_domain_id": "/afd/domain"}],
                                         "patterns_to_match": ["/*"]}]}]}]
                }),
            ),
            (
                "azurerm_frontdoor",
                json!({
                    "name": "fd-classic",
                    "frontend_endpoint": [{"name": "fe", "host_name": "fd-classic.azurefd.net",
                        "web_application_firewall_policy_link_id": U}],
                    "backend_pool": [{"name": "be", "backend": [{"address": "app.example.com",
                        "host_header": "app.example.com", "http_port": 80, "https_port": 443}]}],
                    "routing_rule": [{"name": "rr", "accepted_protocols": ["Https"],
                        "patterns_to_match": ["/*"], "frontend_endpoints": ["fe"],
                        "forwarding_configuration": [{"backend_pool_name": "be"}]}]
                }),
            ),
            (
                "azurerm_traffic_manager_profile",
                json!({
                    "name": "tm-ai", "traffic_routing_method": "Priority",
                    "dns_config": [{"relative_name": "tm-ai", "ttl": 60}],
                    "monitor_config": [{"protocol": "HTTPS", "port": 443, "path": "/health",
                                        "expected_status_code_ranges": ["200-299"]}],
                    "traffic_view_enabled": U
                }),
            ),
            (
                "azurerm_traffic_manager_azure_endpoint",
                json!({
                    "name": "primary", "profile_id": "/tm", "target_resource_id": U, "priority": 1
                }),
            ),
            (
                "azurerm_traffic_manager_external_endpoint",
                json!({
                    "name": "dr", "profile_id": U, "target": "dr.example.com", "priority": 2,
                    "enabled": false
                }),
            ),
            (
                "azurerm_traffic_manager_nested_endpoint",
                json!({
                    "name": "child", "profile_id": "/tm", "target_resource_id": "/tm-child",
                    "minimum_child_endpoints": U
                }),
            ),
            (
                "azurerm_linux_virtual_machine",
                json!({
                    "name": "vm-train", "size": "Standard_NC6s_v3", "priority": "Spot",
                    "eviction_policy": "Deallocate", "zone": "1",
                    "admin_username": "azureuser",
                    "network_interface_ids": [U],
                    "admin_ssh_key": [{"username": "azureuser", "public_key": "ssh-ed25519 AAAA"}],
                    "os_disk": [{"caching": "ReadWrite", "storage_account_type": "Premium_LRS"}],
                    "source_image_reference": [{"publisher": "microsoft-dsvm", "offer": "ubuntu-hpc",
                                                "sku": "2204", "version": "latest"}]
                }),
            ),
            (
                "azurerm_windows_virtual_machine",
                json!({
                    "name": "vm-jump", "size": "Standard_D4s_v5", "admin_username": "azadmin",
                    "admin_password": "secret!", "network_interface_ids": ["/nic1", "/nic2"],
                    "os_disk": [{"caching": "ReadWrite", "storage_account_type": U}],
                    "source_image_id": "/gallery/image", "encryption_at_host_enabled": true
                }),
            ),
            (
                "azurerm_virtual_machine",
                json!({
                    "name": "vm-legacy", "vm_size": "Standard_D2s_v3",
                    "network_interface_ids": ["/nic1", "/nic2"], "primary_network_interface_id": "/nic2",
                    "zones": ["2"],
                    "storage_os_disk": [{"name": "osdisk", "create_option": "FromImage",
                                         "managed_disk_type": "Standard_LRS", "caching": "ReadWrite"}],
                    "os_profile": [{"computer_name": "legacy", "admin_username": U}],
                    "os_profile_linux_config": [{"disable_password_authentication": true}]
                }),
            ),
            (
                "azurerm_linux_virtual_machine_scale_set",
                json!({
                    "name": "vmss-gpu", "sku": "Standard_NC4as_T4_v3", "instances": 3,
                    "priority": "Spot", "eviction_policy": "Delete", "admin_username": "azureuser",
                    "admin_ssh_key": [{"username": "azureuser", "public_key": "ssh-rsa AAAA"}],
                    "network_interface": [{"name": "nic", "primary": true,
                        "ip_configuration": [{"name": "ip", "primary": true, "subnet_id": U,
                            "public_ip_address": [{"name": "pip", "domain_name_label": "gpu"}]}]}],
                    "os_disk": [{"caching": "ReadOnly", "storage_account_type": "Standard_LRS",
                                 "diff_disk_settings": [{"option": "Local"}]}],
                    "source_image_reference": [{"publisher": "Canonical", "offer": "ubuntu-24_04-lts",
                                                "sku": "server", "version": "latest"}]
                }),
            ),
            (
                "azurerm_windows_virtual_machine_scale_set",
                json!({
                    "name": "vmss-win", "sku": "Standard_D2s_v5", "instances": U,
                    "admin_username": "azadmin", "admin_password": "x", "upgrade_mode": "Rolling",
                    "network_interface": [{"name": "nic", "primary": true,
                        "enable_accelerated_networking": true,
                        "ip_configuration": [{"name": "ip", "primary": true, "subnet_id": "/snet"}]}],
                    "os_disk": [{"caching": "ReadWrite", "storage_account_type": "Premium_LRS"}]
                }),
            ),
            (
                "azurerm_orchestrated_virtual_machine_scale_set",
                json!({
                    "name": "vmss-flex", "platform_fault_domain_count": 1,
                    "sku_name": "Standard_D4s_v5", "instances": 2, "priority": "Regular",
                    "zones": ["1", "2"],
                    "os_profile": [{"linux_configuration": [{"admin_username": "azureuser",
                        "admin_ssh_key": [{"username": "azureuser", "public_key": U}]}]}],
                    "network_interface": [{"name": "nic", "primary": true,
                        "ip_configuration": [{"name": "ip", "primary": true, "subnet_id": "/snet",
                            "public_ip_address": [{"name": "pip", "sku_name": "Standard_Regional"}]}]}]
                }),
            ),
            (
                "azurerm_kubernetes_cluster",
                json!({
                    "name": "aks-ai", "dns_prefix": "aks-ai", "sku_tier": "Standard",
                    "private_cluster_enabled": true,
                    "default_node_pool": [{"name": "system", "vm_size": "Standard_D4s_v5",
                        "auto_scaling_enabled": true, "min_count": 2, "max_count": 5,
                        "vnet_subnet_id": U, "zones": ["1", "2", "3"],
                        "only_critical_addons_enabled": true}],
                    "network_profile": [{"network_plugin": "azure", "network_plugin_mode": "overlay",
                                         "outbound_type": "userDefinedRouting"}],
                    "identity": [{"type": "SystemAssigned"}],
                    "oms_agent": [{"log_analytics_workspace_id": "/law"}],
                    "azure_active_directory_role_based_access_control": [{"azure_rbac_enabled": true}],
                    "local_account_disabled": true
                }),
            ),
            (
                "azurerm_kubernetes_cluster_node_pool",
                json!({
                    "name": "gpu", "kubernetes_cluster_id": "${unknown:azurerm_kubernetes_cluster.aks}",
                    "vm_size": "Standard_NC24ads_A100_v4", "priority": "Spot",
                    "eviction_policy": "Delete", "spot_max_price": -1,
                    "enable_auto_scaling": true, "min_count": 0, "max_count": 8,
                    "node_taints": ["sku=gpu:NoSchedule"], "enable_node_public_ip": false
                }),
            ),
            (
                "azurerm_container_app",
                json!({
                    "name": "ca-infer", "container_app_environment_id": "/cae",
                    "revision_mode": "Single",
                    "template": [{"min_replicas": 0, "max_replicas": 10,
                        "container": [{"name": "api", "image": U, "cpu": 0.5, "memory": "1Gi",
                            "env": [{"name": "MODEL", "value": "gpt-4o"},
                                    {"name": "KEY", "secret_name": "api-key"}]}]}],
                    "ingress": [{"external_enabled": true, "target_port": 8080,
                        "traffic_weight": [{"percentage": 100, "latest_revision": true}]}],
                    "registry": [{"server": "acrai.azurecr.io", "identity": "/uai"}],
                    "secret": [{"name": "api-key", "value": "s3cret"}]
                }),
            ),
            (
                "azurerm_container_app_environment",
                json!({
                    "name": "cae", "infrastructure_subnet_id": U,
                    "internal_load_balancer_enabled": true, "log_analytics_workspace_id": "/law",
                    "workload_profile": [{"name": "gpu", "workload_profile_type": "NC24-A100",
                                          "minimum_count": 0, "maximum_count": 2}]
                }),
            ),
            (
                "azurerm_consumption_budget_subscription",
                json!({
                    "name": "budget-ai", "subscription_id": SUB, "amount": 5000,
                    "time_grain": "Monthly",
                    "time_period": [{"start_date": "2026-01-01T00:00:00Z"}],
                    "notification": [
                        {"operator": "GreaterThan", "threshold": 80,
                         "contact_emails": ["finops@example.com"]},
                        {"operator": "GreaterThan", "threshold": 100, "threshold_type": "Forecasted",
                         "contact_roles": ["Owner"], "enabled": U}
                    ],
                    "filter": [{"tag": [{"name": "project", "values": ["fraud"]}]}]
                }),
            ),
            (
                "azurerm_consumption_budget_resource_group",
                json!({
                    "name": "budget-rg", "resource_group_id": U, "amount": 1000,
                    "time_period": [{"start_date": "2026-01-01T00:00:00Z",
                                     "end_date": "2027-01-01T00:00:00Z"}],
                    "notification": [{"operator": "EqualTo", "threshold": 90,
                                      "contact_groups": ["/ag"]}],
                    "filter": [{"dimension": [{"name": "ResourceId", "values": ["/vm"]}],
                                "tag": [{"name": "env", "operator": "In", "values": ["prod"]}]}]
                }),
            ),
            (
                "azurerm_subscription",
                json!({
                    "subscription_name": "ai-landing-zone", "alias": "ai-lz",
                    "billing_scope_id": U, "workload": "DevTest"
                }),
            ),
            (
                "azurerm_resource_group",
                json!({
                    "name": "rg-ai", "location": "westeurope", "managed_by": U,
                    "tags": {"project": "fraud"}
                }),
            ),
            (
                "azurerm_log_analytics_workspace",
                json!({
                    "name": "law", "sku": "PerGB2018", "retention_in_days": 90,
                    "internet_query_enabled": false, "local_authentication_disabled": U
                }),
            ),
            (
                "azurerm_application_insights",
                json!({
                    "name": "appi", "application_type": "web", "workspace_id": U,
                    "internet_ingestion_enabled": false, "local_authentication_disabled": true
                }),
            ),
            (
                "azurerm_user_assigned_identity",
                json!({
                    "name": "uai-aks", "location": "westeurope", "isolation_scope": U
                }),
            ),
            (
                "azurerm_ai_foundry",
                json!({
                    "name": "hub-ai", "location": "westeurope", "resource_group_name": "rg-ai",
                    "storage_account_id": "/sa", "key_vault_id": "/kv", "application_insights_id": U,
                    "high_business_impact_enabled": true, "public_network_access": "Disabled",
                    "managed_network": [{"isolation_mode": "AllowOnlyApprovedOutbound"}],
                    "identity": [{"type": "SystemAssigned"}]
                }),
            ),
            (
                "azurerm_ai_foundry_project",
                json!({
                    "name": "proj-fraud", "location": "westeurope", "ai_services_hub_id": "/hub",
                    "friendly_name": "Fraud", "identity": [{"type": "SystemAssigned"}]
                }),
            ),
            (
                "azurerm_container_app_job",
                json!({
                    "name": "caj-train", "location": "westeurope", "resource_group_name": "rg-ai",
                    "container_app_environment_id": "/cae", "replica_timeout_in_seconds": 1800,
                    "schedule_trigger_config": [{"cron_expression": "0 * * * *", "parallelism": 1}],
                    "registry": [{"server": "acrai.azurecr.io", "identity": "/uai"}],
                    "template": [{
                        "container": [{"name": "train", "image": "acrai.azurecr.io/train:1.0",
                                       "cpu": 1, "memory": "2Gi"}],
                        "init_container": [{"name": "fetch", "image": U}]
                    }]
                }),
            ),
            (
                "azurerm_container_group",
                json!({
                    "name": "ci-embeddings", "location": "westeurope", "resource_group_name": "rg-ai",
                    "os_type": "Linux", "ip_address_type": "Private", "subnet_ids": [snet.clone()],
                    "container": [{
                        "name": "embeddings", "image": "ghcr.io/hf/tei:cpu-1.5", "cpu": "2", "memory": 8,
                        "ports": [{"port": 80, "protocol": "TCP"}],
                        "environment_variables": {"MODE": "prod"},
                        "secure_environment_variables": {"TOKEN": "secret"}
                    }],
                    "init_container": [{"name": "init", "image": "busybox", "commands": ["true"]}],
                    "image_registry_credential": [{"server": "acrai.azurecr.io", "username": "u",
                                                   "password": "p"}]
                }),
            ),
            (
                "azurerm_linux_web_app",
                json!({
                    "name": "app-fraud-api", "location": "westeurope", "resource_group_name": "rg-ai",
                    "service_plan_id": "/asp", "https_only": true,
                    "public_network_access_enabled": false,
                    "site_config": [{
                        "always_on": true, "minimum_tls_version": "1.2",
                        "container_registry_use_managed_identity": true,
                        "application_stack": [{"docker_image_name": "fraud/api:1.2",
                                               "docker_registry_url": "https://acrai.azurecr.io/"}]
                    }],
                    "identity": [{"type": "SystemAssigned"}]
                }),
            ),
            (
                "azurerm_windows_web_app",
                json!({
                    "name": "app-win", "location": "westeurope", "resource_group_name": "rg-ai",
                    "site_config": [{"application_stack": [{
                        "docker_image_name": "nginx:latest",
                        "docker_registry_url": "https://index.docker.io"
                    }]}]
                }),
            ),
            (
                "azurerm_linux_web_app_slot",
                json!({
                    "name": "staging", "app_service_id": "/app",
                    "site_config": [{"application_stack": [{
                        "docker_image_name": U, "docker_registry_url": "https://acrai.azurecr.io"
                    }]}]
                }),
            ),
            (
                "azurerm_windows_web_app_slot",
                json!({
                    "name": "staging", "app_service_id": "/app-win",
                    "public_network_access_enabled": U,
                    "site_config": [{"application_stack": [{"dotnet_version": "v8.0"}]}]
                }),
            ),
            (
                "azurerm_cdn_frontdoor_endpoint",
                json!({"name": "inference", "cdn_frontdoor_profile_id": "/afd", "enabled": false}),
            ),
            (
                "azurerm_cdn_frontdoor_origin_group",
                json!({
                    "name": "og-inference", "cdn_frontdoor_profile_id": U,
                    "session_affinity_enabled": false,
                    "load_balancing": [{"sample_size": 4, "successful_samples_required": 3}],
                    "health_probe": [{"path": "/health", "protocol": "Https",
                                      "request_type": "GET", "interval_in_seconds": 100}]
                }),
            ),
            (
                "azurerm_cdn_frontdoor_origin",
                json!({
                    "name": "ca-embeddings", "cdn_frontdoor_origin_group_id": "/og",
                    "host_name": U, "certificate_name_check_enabled": true, "priority": 1,
                    "weight": 1000,
                    "private_link": [{"private_link_target_id": "/cae", "target_type": "managedEnvironments",
                                      "location": "westeurope", "request_message": "Front Door"}]
                }),
            ),
        ]
    }

    fn sample(t: &str) -> Val {
        samples()
            .into_iter()
            .find(|(k, _)| *k == t)
            .map(|(_, j)| tfu(&j))
            .unwrap_or(Val::Null)
    }

    fn mapped(t: &str) -> Mapped {
        map(t, &sample(t)).unwrap_or_else(|| panic!("{t} is mapped"))
    }

    #[test]
    fn every_type_has_a_sample_and_maps_an_empty_object() {
        let names: Vec<&str> = samples().iter().map(|(t, _)| *t).collect();
        for (t, arm, _) in TYPES {
            assert!(names.contains(t), "no sample for {t}");
            assert_eq!(arm_type(t), Some(*arm));
            let m = map(t, &Val::Obj(BTreeMap::new())).unwrap_or_else(|| panic!("{t}"));
            assert_eq!(m.arm_type, *arm);
            assert!(
                matches!(m.body.get_ci("properties"), Some(Val::Obj(_))),
                "{t}"
            );
        }
        assert_eq!(names.len(), TYPES.len());
    }

    #[test]
    fn unknown_types_are_not_mapped() {
        assert!(map("azurerm_storage_account_network_rules", &tf(json!({}))).is_none());
        assert!(arm_type("azurerm_storage_account_network_rules").is_none());
        assert!(map("azurerm_nonexistent", &tf(json!({}))).is_none());
    }

    #[test]
    fn storage_account_maps_sku_network_rules_and_defaults() {
        let mut attrs = tf(json!({
            "name": "data",
            "location": "westeurope",
            "account_tier": "Standard",
            "account_replication_type": "LRS",
            "is_hns_enabled": true,
            "public_network_access_enabled": false,
            "network_rules": [{
                "default_action": "Deny",
                "bypass": ["AzureServices", "Logging"],
                "ip_rules": ["203.0.113.0/24"],
                "virtual_network_subnet_ids": [null],
                "private_link_access": []
            }],
            "identity": [{"type": "UserAssigned", "identity_ids": ["/uai/1"]}],
            "blob_properties": [{
                "versioning_enabled": true,
                "delete_retention_policy": [{"days": 14}]
            }],
            "tags": {"project": "x"}
        }));
        // The subnet id is known only after apply.
        if let Val::Obj(o) = &mut attrs {
            if let Some(Val::Arr(nr)) = o.get_mut("network_rules") {
                if let Some(Val::Obj(r)) = nr.get_mut(0) {
                    r.insert(
                        "virtual_network_subnet_ids".into(),
                        Val::Arr(vec![Val::unknown_ref("azurerm_subnet.pe")]),
                    );
                }
            }
        }
        let m = map("azurerm_storage_account", &attrs).expect("mapped");
        assert_eq!(m.arm_type, "Microsoft.Storage/storageAccounts");
        let (j, unknown) = body(&m);
        assert_eq!(
            j,
            json!({
                "sku": {"name": "Standard_LRS", "tier": "Standard"},
                "kind": "StorageV2",
                "identity": {"type": "UserAssigned", "userAssignedIdentities": {"/uai/1": {}}},
                "properties": {
                    "isHnsEnabled": true,
                    "publicNetworkAccess": "Disabled",
                    "minimumTlsVersion": "TLS1_2",
                    "allowBlobPublicAccess": true,
                    "allowSharedKeyAccess": true,
                    "supportsHttpsTrafficOnly": true,
                    "allowCrossTenantReplication": false,
                    "networkAcls": {
                        "defaultAction": "Deny",
                        "bypass": "AzureServices, Logging",
                        "ipRules": [{"value": "203.0.113.0/24", "action": "Allow"}],
                        "virtualNetworkRules": [{"action": "Allow"}]
                    }
                }
            })
        );
        assert_eq!(
            unknown,
            vec!["properties.networkAcls.virtualNetworkRules[0].id"]
        );
        assert!(has_path(&m, "account_replication_type", "sku.name"));
        assert!(has_path(
            &m,
            "network_rules[0].default_action",
            "properties.networkAcls.defaultAction"
        ));
        assert!(has_path(&m, "network_rules[0]", "properties.networkAcls"));
        assert!(has_path(
            &m,
            "min_tls_version",
            "properties.minimumTlsVersion"
        ));
        assert_eq!(m.extra_children.len(), 1);
        let blob = &m.extra_children[0];
        assert_eq!(
            blob.arm_type,
            "Microsoft.Storage/storageAccounts/blobServices"
        );
        assert_eq!(blob.name, Val::str("default"));
        assert_eq!(
            blob.body.to_json(),
            Some(json!({"properties": {
                "deleteRetentionPolicy": {"enabled": true, "days": 14},
                "containerDeleteRetentionPolicy": {"enabled": false},
                "isVersioningEnabled": true,
                "changeFeed": {"enabled": false},
                "lastAccessTimeTrackingPolicy": {"enable": false}
            }}))
        );
        assert!(blob.paths.iter().any(|(t, a)| t
            == "blob_properties[0].delete_retention_policy[0].days"
            && a == "properties.deleteRetentionPolicy.days"));
    }

    #[test]
    fn storage_account_unknowns_and_absent_network_rules() {
        let attrs = Val::Obj(
            [
                ("account_tier".to_string(), Val::str("Standard")),
                (
                    "account_replication_type".to_string(),
                    Val::unknown_ref("var.rep"),
                ),
                ("public_network_access_enabled".to_string(), Val::unknown()),
                (
                    "allow_nested_items_to_be_public".to_string(),
                    Val::Bool(false),
                ),
            ]
            .into_iter()
            .collect(),
        );
        let m = map("azurerm_storage_account", &attrs).expect("mapped");
        let (j, unknown) = body(&m);
        assert_eq!(unknown, vec!["properties.publicNetworkAccess", "sku.name"]);
        assert_eq!(j["properties"]["allowBlobPublicAccess"], json!(false));
        assert_eq!(
            j["properties"]["networkAcls"],
            json!({"bypass": "AzureServices", "defaultAction": "Allow",
                   "ipRules": [], "virtualNetworkRules": [], "resourceAccessRules": []})
        );
        assert!(has_path(&m, "network_rules", "properties.networkAcls"));
    }

    #[test]
    fn storage_network_rules_resource_merges_into_account() {
        let attrs = tf(json!({
            "storage_account_id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/data",
            "default_action": "Deny",
            "ip_rules": ["198.51.100.7"],
            "bypass": ["AzureServices"]
        }));
        let r = storage_network_rules(&attrs).expect("rules");
        let (id, paths) = (&r.storage_account_id, &r.paths);
        assert_eq!(id.as_str().map(|s| s.ends_with("/data")), Some(true));
        assert_eq!(
            r.network_acls.to_json(),
            Some(json!({"defaultAction": "Deny", "bypass": "AzureServices",
                        "ipRules": [{"value": "198.51.100.7", "action": "Allow"}]}))
        );
        assert!(paths.contains(&(
            "default_action".to_string(),
            "properties.networkAcls.defaultAction".to_string()
        )));
        assert!(storage_network_rules(&Val::Null).is_none());
    }

    #[test]
    fn unknown_georeplications_give_one_unknown_replication() {
        let m = map(
            "azurerm_container_registry",
            &tfu(&json!({"name": "cr", "sku": "Premium", "georeplications": "${unknown:var.regions}"})),
        )
        .expect("mapped");
        let [rep] = m.extra_children.as_slice() else {
            panic!("{:?}", m.extra_children)
        };
        assert_eq!(
            rep.arm_type,
            "Microsoft.ContainerRegistry/registries/replications"
        );
        assert!(rep.name.is_unknown());
        assert!(rep.location.as_ref().is_some_and(Val::is_unknown));
        assert!(rep.body.get_ci("properties").is_some_and(Val::is_unknown));
        assert_eq!(
            rep.paths,
            vec![("georeplications".to_string(), "properties".to_string())]
        );
        // No block at all: no replication.
        let m = map("azurerm_container_registry", &tf(json!({"sku": "Premium"}))).expect("mapped");
        assert!(m.extra_children.is_empty());
    }

    #[test]
    fn children_parents_and_names() {
        let acr = mapped("azurerm_container_registry");
        let reps: Vec<&Child> = acr.extra_children.iter().collect();
        assert_eq!(reps.len(), 2);
        assert_eq!(
            reps[0].arm_type,
            "Microsoft.ContainerRegistry/registries/replications"
        );
        assert_eq!(reps[0].name, Val::str("northeurope"));
        assert_eq!(reps[0].location, Some(Val::str("northeurope")));
        assert!(reps[0].tags.is_some());
        assert_eq!(
            reps[0].body.to_json(),
            Some(
                json!({"properties": {"zoneRedundancy": "Enabled", "regionEndpointEnabled": true}})
            )
        );
        assert!(
            reps[1].name.is_unknown(),
            "a replication in an unknown region"
        );
        // Replications are never inlined into the registry body.
        assert!(acr
            .body
            .get_ci("properties")
            .and_then(|p| p.get_ci("replications"))
            .is_none());

        let pe = mapped("azurerm_private_endpoint");
        assert_eq!(pe.extra_children.len(), 1);
        let zg = &pe.extra_children[0];
        assert_eq!(
            zg.arm_type,
            "Microsoft.Network/privateEndpoints/privateDnsZoneGroups"
        );
        assert_eq!(zg.name, Val::str("default"));
        assert_eq!(
            zg.body
                .to_json()
                .map(|b| b["properties"]["privateDnsZoneConfigs"][0]["name"].clone()),
            Some(json!("privatelink.dfs.core.windows.net"))
        );

        let evh = mapped("azurerm_eventhub_namespace");
        assert_eq!(
            evh.extra_children[0].arm_type,
            "Microsoft.EventHub/namespaces/networkRuleSets"
        );
        assert!(evh.extra_children[0].body.contains_unknown());

        let adf = mapped("azurerm_data_factory");
        assert_eq!(
            adf.extra_children[0].arm_type,
            "Microsoft.DataFactory/factories/managedVirtualNetworks"
        );

        assert_eq!(
            mapped("azurerm_consumption_budget_subscription").parent,
            Some(Val::str(SUB))
        );
        assert!(mapped("azurerm_consumption_budget_resource_group")
            .parent
            .is_some_and(|p| p.is_unknown()));
        let pool = mapped("azurerm_kubernetes_cluster_node_pool");
        let mut refs = std::collections::BTreeSet::new();
        pool.parent.iter().for_each(|p| p.collect_refs(&mut refs));
        assert!(refs.contains("azurerm_kubernetes_cluster.aks"));
        assert_eq!(
            mapped("azurerm_subnet").parent_name,
            Some(Val::str("vnet-spoke"))
        );
        assert_eq!(mapped("azurerm_subnet").parent, None);
        assert_eq!(
            mapped("azurerm_virtual_network_peering").parent_name,
            Some(Val::str("vnet-spoke"))
        );
        assert_eq!(
            mapped("azurerm_firewall_nat_rule_collection").parent_name,
            Some(Val::str("fw-hub"))
        );
        assert_eq!(
            mapped("azurerm_firewall_policy_rule_collection_group").parent,
            Some(Val::str("/fwp"))
        );
        assert_eq!(
            mapped("azurerm_cognitive_deployment").parent,
            Some(Val::str("/oai"))
        );
        assert_eq!(
            mapped("azurerm_traffic_manager_azure_endpoint").parent,
            Some(Val::str("/tm"))
        );
        assert_eq!(
            mapped("azurerm_machine_learning_compute_instance").parent,
            Some(Val::str("/mlw"))
        );
        assert_eq!(
            mapped("azurerm_cdn_frontdoor_security_policy").parent,
            Some(Val::str("/afd"))
        );
        assert_eq!(mapped("azurerm_subscription").name, Some(Val::str("ai-lz")));
        let no_alias = map(
            "azurerm_subscription",
            &tf(json!({"subscription_name": "x"})),
        );
        assert!(no_alias
            .and_then(|m| m.name)
            .is_some_and(|n| n.is_unknown()));
        assert_eq!(mapped("azurerm_storage_account").name, None);

        // 5.x names the DNS zone by id.
        let link = map(
            "azurerm_private_dns_zone_virtual_network_link",
            &tf(json!({"private_dns_zone_id": "/zone", "virtual_network_id": "/vnet"})),
        )
        .expect("mapped");
        assert_eq!(
            (link.parent, link.parent_name),
            (Some(Val::str("/zone")), None)
        );
    }

    #[test]
    fn provider_versions_old_and_new_names() {
        // 3.x name.
        let old = map(
            "azurerm_key_vault",
            &tf(json!({"enable_rbac_authorization": true})),
        );
        let old = old.expect("mapped").body.to_json().expect("known");
        assert_eq!(old["properties"]["enableRbacAuthorization"], json!(true));
        // 4.x name wins over the 3.x one when both are given.
        let both = map(
            "azurerm_key_vault",
            &tf(json!({"enable_rbac_authorization": false, "rbac_authorization_enabled": true})),
        )
        .expect("mapped");
        assert!(has_path(
            &both,
            "rbac_authorization_enabled",
            "properties.enableRbacAuthorization"
        ));
        assert_eq!(
            both.body
                .to_json()
                .map(|b| b["properties"]["enableRbacAuthorization"].clone()),
            Some(json!(true))
        );
        // Subnet network policies: 3.x boolean, its older inverse, 4.x string.
        for (attrs, want) in [
            (
                json!({"private_endpoint_network_policies_enabled": false}),
                "Disabled",
            ),
            (
                json!({"enforce_private_link_endpoint_network_policies": true}),
                "Disabled",
            ),
            (
                json!({"enforce_private_link_endpoint_network_policies": false}),
                "Enabled",
            ),
            (
                json!({"private_endpoint_network_policies": "RouteTableEnabled"}),
                "RouteTableEnabled",
            ),
            (json!({}), "Disabled"),
        ] {
            let m = map("azurerm_subnet", &tf(attrs.clone())).expect("mapped");
            let b = m.body.to_json().expect("known");
            assert_eq!(
                b["properties"]["privateEndpointNetworkPolicies"],
                json!(want),
                "{attrs}"
            );
        }
        // Route table: 4.x bgp_route_propagation_enabled, 3.x disable_bgp_route_propagation.
        for (attrs, want) in [
            (json!({"bgp_route_propagation_enabled": true}), false),
            (json!({"disable_bgp_route_propagation": true}), true),
            (json!({}), false),
        ] {
            let b = map("azurerm_route_table", &tf(attrs)).and_then(|m| m.body.to_json());
            assert_eq!(
                b.map(|b| b["properties"]["disableBgpRoutePropagation"].clone()),
                Some(json!(want))
            );
        }
        // Cosmos DB 4.x ip_range_filter is a list.
        let b = map(
            "azurerm_cosmosdb_account",
            &tf(json!({"ip_range_filter": ["1.2.3.4"]})),
        )
        .and_then(|m| m.body.to_json());
        assert_eq!(
            b.map(|b| b["properties"]["ipRules"].clone()),
            Some(json!([{"ipAddressOrRange": "1.2.3.4"}]))
        );
        // Terraform's string conversions.
        let b = map(
            "azurerm_key_vault",
            &tf(json!({"purge_protection_enabled": "true",
                                                     "soft_delete_retention_days": "7"})),
        )
        .and_then(|m| m.body.to_json());
        let b = b.expect("known");
        assert_eq!(b["properties"]["enablePurgeProtection"], json!(true));
        assert_eq!(b["properties"]["softDeleteRetentionInDays"], json!(7));
    }

    #[test]
    fn provider_defaults_when_attributes_are_absent() {
        let kv = map("azurerm_key_vault", &tf(json!({"sku_name": "standard"}))).expect("mapped");
        assert_eq!(
            kv.body.to_json(),
            Some(json!({"properties": {
                "sku": {"family": "A", "name": "standard"},
                "enabledForDeployment": false,
                "enabledForDiskEncryption": false,
                "enabledForTemplateDeployment": false,
                "enableRbacAuthorization": false,
                "enablePurgeProtection": false,
                "softDeleteRetentionInDays": 90,
                "enableSoftDelete": true,
                "publicNetworkAccess": "Enabled"
            }}))
        );
        assert!(has_path(
            &kv,
            "purge_protection_enabled",
            "properties.enablePurgeProtection"
        ));
        let pip = map(
            "azurerm_public_ip",
            &tf(json!({"allocation_method": "Static"})),
        )
        .and_then(|m| m.body.to_json())
        .expect("known");
        assert_eq!(pip["sku"], json!({"name": "Standard", "tier": "Regional"}));
        let peering = map("azurerm_virtual_network_peering", &tf(json!({})))
            .and_then(|m| m.body.to_json())
            .expect("known");
        assert_eq!(
            peering["properties"]["allowVirtualNetworkAccess"],
            json!(true)
        );
        assert_eq!(peering["properties"]["useRemoteGateways"], json!(false));
        let pool = map(
            "azurerm_kubernetes_cluster_node_pool",
            &tf(json!({"priority": "Spot"})),
        )
        .and_then(|m| m.body.to_json())
        .expect("known");
        assert_eq!(pool["properties"]["spotMaxPrice"], json!(-1));
        assert_eq!(pool["properties"]["mode"], json!("User"));
        // A hub firewall takes no threat intelligence mode.
        let hub = map("azurerm_firewall", &tf(json!({"sku_name": "AZFW_Hub"})))
            .and_then(|m| m.body.to_json())
            .expect("known");
        assert_eq!(hub["properties"].get("threatIntelMode"), None);
    }

    #[test]
    fn private_endpoint_manual_connections_and_aliases() {
        let m = map(
            "azurerm_private_endpoint",
            &tf(json!({"private_service_connection": [{
                "name": "c", "is_manual_connection": true,
                "private_connection_resource_alias": "svc.abc.westeurope.azure.privatelinkservice",
                "request_message": "please"
            }]})),
        )
        .expect("mapped");
        assert_eq!(
            m.body.to_json(),
            Some(
                json!({"properties": {"manualPrivateLinkServiceConnections": [{
                    "name": "c",
                    "properties": {
                        "privateLinkServiceId": "svc.abc.westeurope.azure.privatelinkservice",
                        "requestMessage": "please"
                    }
                }]}})
            )
        );
        assert!(has_path(
            &m,
            "private_service_connection[0].private_connection_resource_alias",
            "properties.manualPrivateLinkServiceConnections[0].properties.privateLinkServiceId"
        ));
    }

    #[test]
    fn unknown_blocks_stay_unknown_at_their_arm_path() {
        let attrs = Val::Obj(
            [
                ("account_tier".to_string(), Val::str("Standard")),
                ("account_replication_type".to_string(), Val::str("GRS")),
                ("network_rules".to_string(), Val::unknown_ref("var.rules")),
            ]
            .into_iter()
            .collect(),
        );
        let m = map("azurerm_storage_account", &attrs).expect("mapped");
        let (j, unknown) = body(&m);
        assert_eq!(unknown, vec!["properties.networkAcls"]);
        assert_eq!(j["sku"]["name"], json!("Standard_GRS"));
        assert!(has_path(&m, "network_rules", "properties.networkAcls"));
        let mut unknown = crate::value::UnknownPaths::new();
        m.body.materialize("", &mut unknown);
        assert!(unknown["properties.networkAcls"].contains("var.rules"));

        // One unknown list of rule collections makes the whole list unknown.
        let mut rcg = sample("azurerm_firewall_policy_rule_collection_group");
        if let Val::Obj(o) = &mut rcg {
            o.insert("network_rule_collection".into(), Val::unknown());
        }
        let m = map("azurerm_firewall_policy_rule_collection_group", &rcg).expect("mapped");
        assert_eq!(body(&m).1, vec!["properties.ruleCollections"]);

        // An unknown element of a block list keeps its index.
        let m = map(
            "azurerm_network_security_group",
            &Val::Obj(
                [(
                    "security_rule".to_string(),
                    Val::Arr(vec![Val::unknown(), Val::Obj(BTreeMap::new())]),
                )]
                .into_iter()
                .collect(),
            ),
        )
        .expect("mapped");
        assert_eq!(body(&m).1, vec!["properties.securityRules[0]"]);
        assert!(has_path(
            &m,
            "security_rule[0]",
            "properties.securityRules[0]"
        ));
        assert!(has_path(
            &m,
            "security_rule[1]",
            "properties.securityRules[1]"
        ));
    }

    /// Every lower-case string literal of the mapping code: attribute names (and some
    /// values), so that random inputs hit real attributes.
    const VOCAB: &[&str] = &[
        "a",
        "accelerated_networking_enabled",
        "accepted_protocols",
        "access",
        "access_key_metadata_writes_enabled",
        "access_policy",
        "access_tier",
        "account_kind",
        "account_name",
        "account_replication_type",
        "account_tier",
        "action",
        "actions",
        "additional_capabilities",
        "address",
        "address_prefix",
        "address_prefixes",
        "address_space",
        "admin_enabled",
        "admin_group_object_ids",
        "admin_object_ids",
        "admin_ssh_key",
        "admin_username",
        "alias",
        "allocation_method",
        "allocation_strategy",
        "allow_credentials_enabled",
        "allow_extension_operations",
        "allow_forwarded_traffic",
        "allow_gateway_transit",
        "allow_insecure_connections",
        "allow_nested_items_to_be_public",
        "allow_protected_append_writes",
        "allow_resource_only_permissions",
        "allow_virtual_network_access",
        "allowed_copy_scope",
        "allowed_headers",
        "allowed_methods",
        "allowed_origins",
        "always_serve_enabled",
        "amount",
        "analytical_storage",
        "analytical_storage_enabled",
        "anonymous_pull_enabled",
        "api_server_access_profile",
        "api_server_authorized_ip_ranges",
        "app_id",
        "app_port",
        "app_protocol",
        "application_gateway_backend_address_pool_ids",
        "application_id",
        "application_insights_id",
        "application_rule_collection",
        "application_security_group_ids",
        "application_type",
        "args",
        "assign_to_user",
        "association",
        "associations",
        "authentication_types",
        "authorization_type",
        "authorized_ip_ranges",
        "auto",
        "auto_inflate_enabled",
        "auto_learn_private_ranges_enabled",
        "auto_scaling_enabled",
        "automatic_channel_upgrade",
        "automatic_failover_enabled",
        "automatic_instance_repair",
        "automatic_os_upgrade_enabled",
        "automatic_os_upgrade_policy",
        "automatic_rollback_enabled",
        "automatic_updates_enabled",
        "automatic_upgrade_channel",
        "autoscale_configuration",
        "auxiliary_mode",
        "auxiliary_sku",
        "availability_set_id",
        "availability_zones",
        "azure_active_directory_role_based_access_control",
        "azure_files_authentication",
        "azure_firewall_name",
        "azure_policy_enabled",
        "azure_rbac_enabled",
        "azuread_authentication_as_arm_policy_enabled",
        "azurerm_application_gateway",
        "azurerm_application_insights",
        "azurerm_bastion_host",
        "azurerm_cdn_frontdoor_firewall_policy",
        "azurerm_cdn_frontdoor_profile",
        "azurerm_cdn_frontdoor_security_policy",
        "azurerm_cognitive_account",
        "azurerm_cognitive_deployment",
        "azurerm_consumption_budget_resource_group",
        "azurerm_consumption_budget_subscription",
        "azurerm_container_app",
        "azurerm_container_app_environment",
        "azurerm_container_registry",
        "azurerm_cosmosdb_account",
        "azurerm_data_factory",
        "azurerm_eventhub_namespace",
        "azurerm_firewall",
        "azurerm_firewall_application_rule_collection",
        "azurerm_firewall_nat_rule_collection",
        "azurerm_firewall_network_rule_collection",
        "azurerm_firewall_policy",
        "azurerm_firewall_policy_rule_collection_group",
        "azurerm_frontdoor",
        "azurerm_frontdoor_firewall_policy",
        "azurerm_key_vault",
        "azurerm_key_vault_managed_hardware_security_module",
        "azurerm_kubernetes_cluster",
        "azurerm_kubernetes_cluster_node_pool",
        "azurerm_linux_virtual_machine",
        "azurerm_linux_virtual_machine_scale_set",
        "azurerm_log_analytics_workspace",
        "azurerm_machine_learning_compute_cluster",
        "azurerm_machine_learning_compute_instance",
        "azurerm_machine_learning_workspace",
        "azurerm_network_interface",
        "azurerm_network_security_group",
        "azurerm_network_security_rule",
        "azurerm_orchestrated_virtual_machine_scale_set",
        "azurerm_private_dns_zone",
        "azurerm_private_dns_zone_virtual_network_link",
        "azurerm_private_endpoint",
        "azurerm_public_ip",
        "azurerm_resource_group",
        "azurerm_route",
        "azurerm_route_table",
        "azurerm_storage_account",
        "azurerm_subnet",
        "azurerm_subscription",
        "azurerm_traffic_manager_azure_endpoint",
        "azurerm_traffic_manager_external_endpoint",
        "azurerm_traffic_manager_nested_endpoint",
        "azurerm_traffic_manager_profile",
        "azurerm_user_assigned_identity",
        "azurerm_virtual_machine",
        "azurerm_virtual_network",
        "azurerm_virtual_network_peering",
        "azurerm_web_application_firewall_policy",
        "azurerm_windows_virtual_machine",
        "azurerm_windows_virtual_machine_scale_set",
        "b",
        "backend",
        "backend_address_pool",
        "backend_http_settings",
        "backend_pool",
        "backend_pool_settings",
        "backend_pools_send_receive_timeout_seconds",
        "backup",
        "base_policy_id",
        "base_regular_count",
        "bgp_community",
        "bgp_route_propagation_enabled",
        "billing_scope_id",
        "blob_driver_enabled",
        "blob_properties",
        "boot_diagnostics",
        "branch_name",
        "burst_capacity_enabled",
        "bypass",
        "caching",
        "capabilities",
        "capacity",
        "capacity_reservation_group_id",
        "captcha_cookie_expiration_in_minutes",
        "cdn_frontdoor_domain_id",
        "cdn_frontdoor_firewall_policy_id",
        "cdn_frontdoor_profile_id",
        "certificate_permissions",
        "change_feed_enabled",
        "change_feed_retention_in_days",
        "channel_encryption_type",
        "choice",
        "cipher_suites",
        "client_certificate_mode",
        "client_id",
        "cmk_for_query_forced",
        "cognitive_account_id",
        "command",
        "computer_name",
        "computer_name_prefix",
        "consistency_level",
        "consistency_policy",
        "contact_emails",
        "contact_groups",
        "contact_roles",
        "container",
        "container_app_environment_id",
        "container_delete_retention_policy",
        "container_registry_id",
        "containers",
        "cookie_based_affinity",
        "cooldown_period_in_seconds",
        "copy_paste_enabled",
        "cors",
        "cost_analysis_enabled",
        "count",
        "cpu",
        "create_option",
        "cross_tenant_replication_enabled",
        "cross_zone_upgrades_enabled",
        "custom_block_response_body",
        "custom_block_response_status_code",
        "custom_domain",
        "custom_forwarding_path",
        "custom_header",
        "custom_host",
        "custom_network_interface_name",
        "custom_rule",
        "custom_rules",
        "custom_subdomain_name",
        "customer_managed_key",
        "customer_managed_key_id",
        "customer_managed_key_identity_id",
        "daily_quota_gb",
        "dapr",
        "data_collection_rule_id",
        "data_disk",
        "data_endpoint_enabled",
        "days",
        "ddos_protection_mode",
        "ddos_protection_plan",
        "ddos_protection_plan_id",
        "dedicated_cluster_id",
        "dedicated_host_group_id",
        "dedicated_host_id",
        "default",
        "default_action",
        "default_identity_type",
        "default_log_analytics_workspace_id",
        "default_node_pool",
        "default_outbound_access_enabled",
        "default_service_version",
        "default_share_level_permission",
        "default_to_oauth_authentication",
        "delegation",
        "delegations",
        "delete_retention_policy",
        "description",
        "destination_address",
        "destination_address_prefix",
        "destination_address_prefixes",
        "destination_addresses",
        "destination_application_security_group_ids",
        "destination_fqdn_tags",
        "destination_fqdns",
        "destination_ip_groups",
        "destination_port_range",
        "destination_port_ranges",
        "destination_ports",
        "destination_urls",
        "diff_disk_settings",
        "dimension",
        "dimensions",
        "direction",
        "directory_type",
        "disable_automatic_rollback",
        "disable_bgp_route_propagation",
        "disable_ip_masking",
        "disable_password_authentication",
        "disabled",
        "disabled_protocols",
        "disabled_rule_group",
        "disabled_rules",
        "disk_driver_enabled",
        "disk_encryption_set_id",
        "disk_size_gb",
        "dns",
        "dns_config",
        "dns_endpoint_type",
        "dns_prefix",
        "dns_prefix_private_cluster",
        "dns_proxy_enabled",
        "dns_servers",
        "dns_service_ip",
        "domain",
        "domain_name_label",
        "domain_name_label_scope",
        "domains",
        "drain_timeout_in_minutes",
        "dynamic_throttling_enabled",
        "ebpf_data_plane",
        "enable",
        "enable_accelerated_networking",
        "enable_auto_scaling",
        "enable_automatic_failover",
        "enable_automatic_os_upgrade",
        "enable_automatic_updates",
        "enable_automatic_upgrades",
        "enable_free_tier",
        "enable_host_encryption",
        "enable_http2",
        "enable_https_traffic_only",
        "enable_ip_forwarding",
        "enable_multiple_write_locations",
        "enable_node_public_ip",
        "enable_pac_file",
        "enable_rbac_authorization",
        "enabled",
        "enabled_for_deployment",
        "enabled_for_disk_encryption",
        "enabled_for_template_deployment",
        "encryption",
        "encryption_at_host_enabled",
        "end_date",
        "endpoint_location",
        "endpoint_resource_id",
        "endpoint_tenant_id",
        "enforce_backend_pools_certificate_name_check",
        "enforce_private_link_endpoint_network_policies",
        "enforce_private_link_service_network_policies",
        "enforcement",
        "env",
        "ephemeral_storage",
        "eviction_policy",
        "exclusion",
        "exclusions",
        "expected_status_code_ranges",
        "expiration_action",
        "expiration_period",
        "explicit_proxy",
        "export_policy_enabled",
        "exposed_headers",
        "exposed_port",
        "extension_operations_enabled",
        "external",
        "external_enabled",
        "failover_priority",
        "false",
        "family",
        "file_copy_enabled",
        "file_driver_enabled",
        "file_upload_enforcement",
        "file_upload_limit_in_mb",
        "file_upload_limit_mb",
        "filter",
        "fips_enabled",
        "firewall",
        "firewall_location",
        "firewall_mode",
        "firewall_policy_id",
        "first",
        "flow_timeout_in_minutes",
        "force_customer_storage_for_profiler",
        "force_deletion_enabled",
        "force_firewall_policy_association",
        "format",
        "forwarding_configuration",
        "forwarding_protocol",
        "fqdn",
        "fqdn_tags",
        "fqdns",
        "free_tier_enabled",
        "friendly_name",
        "frontend_endpoint",
        "frontend_ip_configuration",
        "frontend_port",
        "gateway_id",
        "gateway_ip_configuration",
        "gateway_load_balancer_frontend_ip_configuration_id",
        "gateway_name",
        "geo_location",
        "geo_mappings",
        "georeplications",
        "git_url",
        "github_configuration",
        "global_endpoint_routing_enabled",
        "gpu_instance",
        "grace_period",
        "health_probe_id",
        "hibernation_enabled",
        "high_business_impact",
        "host_encryption_enabled",
        "host_group_id",
        "host_header",
        "host_name",
        "host_names",
        "hotpatching_enabled",
        "http",
        "http2_enabled",
        "http_application_routing_enabled",
        "http_headers",
        "http_listener",
        "http_port",
        "https_port",
        "https_traffic_only_enabled",
        "id",
        "identity",
        "identity_client_id",
        "identity_ids",
        "idle_timeout_in_minutes",
        "ignore_missing_virtual_network_service_endpoint",
        "ignore_missing_vnet_service_endpoint",
        "image",
        "image_build_compute_name",
        "image_cleaner_enabled",
        "image_cleaner_interval_hours",
        "image_uri",
        "immediate_data_purge_on_30_days_enabled",
        "immutability_policy",
        "infrastructure_encryption_enabled",
        "infrastructure_resource_group_name",
        "infrastructure_subnet_id",
        "ingress",
        "ingress_application_gateway",
        "init_container",
        "insights",
        "instances",
        "internal_dns_name_label",
        "internal_load_balancer_enabled",
        "internet_ingestion_access_type",
        "internet_ingestion_enabled",
        "internet_query_access_type",
        "internet_query_enabled",
        "interval_in_minutes",
        "interval_in_seconds",
        "intrusion_detection",
        "ip_address_range",
        "ip_addresses",
        "ip_configuration",
        "ip_connect_enabled",
        "ip_forwarding_enabled",
        "ip_mask",
        "ip_masking_enabled",
        "ip_range",
        "ip_range_filter",
        "ip_rule",
        "ip_rules",
        "ip_security_restriction",
        "ip_tag",
        "ip_tags",
        "ip_version",
        "ip_versions",
        "is_hns_enabled",
        "is_manual_connection",
        "is_virtual_network_filter_enabled",
        "isolation_mode",
        "isolation_scope",
        "js_challenge_cookie_expiration_in_minutes",
        "kerberos_enabled",
        "kerberos_ticket_encryption_type",
        "key_data",
        "key_id",
        "key_management_service",
        "key_permissions",
        "key_value",
        "key_vault_id",
        "key_vault_key_id",
        "key_vault_network_access",
        "key_vault_secret_id",
        "key_vault_secrets_provider",
        "keyname",
        "keyvaultproperties",
        "keyvaulturi",
        "keyversion",
        "kind",
        "kubelet_disk_type",
        "kubernetes_cluster_id",
        "kubernetes_version",
        "label",
        "large_file_share_enabled",
        "last",
        "last_access_time_enabled",
        "latest_revision",
        "license_type",
        "linux_configuration",
        "linux_profile",
        "load_balancer_backend_address_pool_ids",
        "load_balancer_enabled",
        "load_balancer_inbound_nat_rules_ids",
        "load_balancer_profile",
        "load_balancer_sku",
        "local_account_disabled",
        "local_auth_enabled",
        "local_authentication_disabled",
        "local_authentication_enabled",
        "local_subnet_names",
        "local_user_enabled",
        "location",
        "log_analytics_workspace",
        "log_analytics_workspace_id",
        "logs_destination",
        "lun",
        "machine_learning_workspace_id",
        "managed",
        "managed_by",
        "managed_disk_id",
        "managed_disk_type",
        "managed_network",
        "managed_outbound_ip_count",
        "managed_rule",
        "managed_rule_set",
        "managed_rules",
        "managed_virtual_network_enabled",
        "management_ip_configuration",
        "match_condition",
        "match_conditions",
        "match_values",
        "match_variable",
        "match_variables",
        "max",
        "max_age_in_seconds",
        "max_batch_instance_percent",
        "max_bid_price",
        "max_capacity",
        "max_count",
        "max_inactive_revisions",
        "max_interval_in_seconds",
        "max_node_count",
        "max_pods",
        "max_replicas",
        "max_request_body_size_in_kb",
        "max_request_body_size_kb",
        "max_return",
        "max_staleness_prefix",
        "max_surge",
        "max_unavailable",
        "max_unhealthy_instance_percent",
        "max_unhealthy_upgraded_instance_percent",
        "maximum_count",
        "maximum_surge_instances_enabled",
        "maximum_throughput_units",
        "member_name",
        "memory",
        "microsoft_defender",
        "min",
        "min_capacity",
        "min_count",
        "min_node_count",
        "min_protocol_version",
        "min_replicas",
        "min_tls_version",
        "minimal_tls_version",
        "minimum_child_endpoints",
        "minimum_count",
        "minimum_required_child_endpoints_ipv4",
        "minimum_required_child_endpoints_ipv6",
        "minimum_tls_version",
        "mode",
        "model",
        "mongo_server_version",
        "monitor_config",
        "msi_auth_for_monitoring_enabled",
        "multichannel_enabled",
        "multiple_write_locations_enabled",
        "mutual_tls_enabled",
        "name",
        "nat_rule_collection",
        "negation_condition",
        "network_acl_bypass_for_azure_services",
        "network_acl_bypass_ids",
        "network_acls",
        "network_data_plane",
        "network_identifier",
        "network_injection",
        "network_interface",
        "network_interface_ids",
        "network_mode",
        "network_plugin",
        "network_plugin_mode",
        "network_policy",
        "network_profile",
        "network_rule_bypass_for_tasks_enabled",
        "network_rule_bypass_option",
        "network_rule_collection",
        "network_rule_set",
        "network_rules",
        "network_rulesets",
        "network_security_group_id",
        "network_security_group_name",
        "next_hop_in_ip_address",
        "next_hop_type",
        "nfsv3_enabled",
        "node_count",
        "node_labels",
        "node_os_channel_upgrade",
        "node_os_upgrade_channel",
        "node_public_ip_enabled",
        "node_public_ip_prefix_id",
        "node_resource_group",
        "node_soak_duration_in_minutes",
        "node_taints",
        "notification",
        "object_id",
        "offer",
        "offer_type",
        "oidc_issuer_enabled",
        "oms_agent",
        "only_critical_addons_enabled",
        "only_ipv6_peering_enabled",
        "open_service_mesh_enabled",
        "operator",
        "option",
        "orchestrator_version",
        "os_disk",
        "os_disk_size_gb",
        "os_disk_type",
        "os_managed_disk_id",
        "os_profile",
        "os_profile_linux_config",
        "os_profile_windows_config",
        "os_sku",
        "os_type",
        "outbound_ip_address_ids",
        "outbound_ip_prefix_ids",
        "outbound_nat_enabled",
        "outbound_network_access_restricted",
        "outbound_ports_allocated",
        "outbound_type",
        "overprovision",
        "override",
        "pac_file",
        "pac_file_port",
        "partition_merge_enabled",
        "password_secret_name",
        "patch_assessment_mode",
        "patch_mode",
        "path",
        "patterns_to_match",
        "pause_time_between_batches",
        "peer_complete_virtual_networks_enabled",
        "percentage",
        "period_since_creation_in_days",
        "permanent_delete_enabled",
        "pick_host_name_from_backend_address",
        "placement",
        "plan",
        "platform_fault_domain",
        "platform_fault_domain_count",
        "pod_cidr",
        "pod_cidrs",
        "pod_subnet_id",
        "policy_name",
        "policy_settings",
        "policy_type",
        "polling_interval_in_seconds",
        "port",
        "primary",
        "primary_network_interface_id",
        "primary_user_assigned_identity",
        "prioritize_unhealthy_instances_enabled",
        "priority",
        "priority_mix",
        "private_cluster_enabled",
        "private_cluster_public_fqdn_enabled",
        "private_connection_resource_alias",
        "private_connection_resource_id",
        "private_dns_zone_group",
        "private_dns_zone_id",
        "private_dns_zone_ids",
        "private_dns_zone_name",
        "private_endpoint_network_policies",
        "private_endpoint_network_policies_enabled",
        "private_endpoint_vnet_policies",
        "private_ip_address",
        "private_ip_address_allocation",
        "private_ip_address_version",
        "private_ip_ranges",
        "private_link_access",
        "private_link_service_network_policies_enabled",
        "private_ranges",
        "private_service_connection",
        "product",
        "profile_id",
        "profile_status",
        "project_management_enabled",
        "project_name",
        "properties",
        "protocol",
        "protocols",
        "provision_on_creation_enabled",
        "provision_vm_agent",
        "proximity_placement_group_id",
        "proxy_enabled",
        "public_access_behind_virtual_network_enabled",
        "public_ip_address",
        "public_ip_address_id",
        "public_ip_count",
        "public_ip_enabled",
        "public_ip_prefix_id",
        "public_key",
        "public_network_access",
        "public_network_access_enabled",
        "public_network_enabled",
        "publish_internet_endpoints",
        "publish_microsoft_endpoints",
        "publisher",
        "publishing_enabled",
        "purge_protection_enabled",
        "purview_id",
        "quarantine_policy_enabled",
        "queue_encryption_key_type",
        "rai_policy_name",
        "rank",
        "rate_limit_duration",
        "rate_limit_duration_in_minutes",
        "rate_limit_threshold",
        "rbac_authorization_enabled",
        "redirect_configuration",
        "redirect_protocol",
        "redirect_type",
        "redirect_url",
        "region",
        "regional_endpoint_enabled",
        "registration_enabled",
        "registry",
        "regular_percentage_above_base",
        "relative_name",
        "remote_subnet_names",
        "remote_virtual_network_id",
        "repository_name",
        "request_body_check",
        "request_body_check_enabled",
        "request_body_enforcement",
        "request_body_inspect_limit_in_kb",
        "request_message",
        "request_routing_rule",
        "request_timeout",
        "require_sni",
        "reservation_capacity_in_gb_per_day",
        "resolution_policy",
        "resource_group_id",
        "response_timeout_seconds",
        "restore_policy",
        "retention_in_days",
        "retention_in_hours",
        "retention_policy",
        "retention_policy_in_days",
        "reverse_fqdn",
        "revision_mode",
        "revision_suffix",
        "role_assignment_mode",
        "role_based_access_control_enabled",
        "rolling_upgrade_policy",
        "root_folder",
        "route",
        "route_table_id",
        "route_table_name",
        "routing",
        "routing_rule",
        "rule",
        "rule_group_name",
        "rule_group_override",
        "rule_id",
        "rule_set_type",
        "rule_set_version",
        "rule_type",
        "rules",
        "run_command_enabled",
        "sampling_percentage",
        "sas_policy",
        "scale",
        "scale_down_mode",
        "scale_down_nodes_after_idle_duration",
        "scale_in",
        "scale_in_policy",
        "scale_settings",
        "scale_units",
        "scenario",
        "schema_type",
        "scope",
        "secret",
        "secret_name",
        "secret_permissions",
        "secret_rotation_enabled",
        "secret_rotation_interval",
        "secure_boot_enabled",
        "secure_vm_disk_encryption_set_id",
        "security_encryption_type",
        "security_group",
        "security_policies",
        "security_rule",
        "selector",
        "selector_match_operator",
        "server",
        "serverless_compute",
        "servers",
        "service",
        "service_cidr",
        "service_cidrs",
        "service_delegation",
        "service_endpoint",
        "service_endpoint_policy_ids",
        "service_endpoints",
        "service_principal",
        "service_side_encryption_enabled",
        "session_affinity_enabled",
        "session_affinity_ttl_seconds",
        "session_recording_enabled",
        "sftp_enabled",
        "share_properties",
        "shareable_link_enabled",
        "shared_access_key_enabled",
        "sharing_scope",
        "signature_overrides",
        "single_placement_group",
        "size",
        "sku",
        "sku_name",
        "sku_profile",
        "sku_tier",
        "smb",
        "snapshot_controller_enabled",
        "soft_delete_retention_days",
        "source_address_prefix",
        "source_address_prefixes",
        "source_addresses",
        "source_application_security_group_ids",
        "source_image_id",
        "source_image_reference",
        "source_ip_groups",
        "source_port_range",
        "source_port_ranges",
        "spot_max_price",
        "spot_restore",
        "sql_redirect_allowed",
        "ssh",
        "ssh_key",
        "ssh_keys",
        "ssh_public_access_enabled",
        "ssl_certificate",
        "ssl_policy",
        "standard",
        "start_date",
        "state",
        "status",
        "storage",
        "storage_account_access_type",
        "storage_account_id",
        "storage_account_type",
        "storage_account_uri",
        "storage_data_disk",
        "storage_image_reference",
        "storage_name",
        "storage_os_disk",
        "storage_permissions",
        "storage_profile",
        "storage_redundancy",
        "storage_type",
        "storage_uri",
        "sub_path",
        "subnet",
        "subnet_cidr",
        "subnet_id",
        "subnet_resource_id",
        "subresource_name",
        "subresource_names",
        "subscription_id",
        "subscription_name",
        "support_plan",
        "table_encryption_key_type",
        "tag",
        "tags",
        "target",
        "target_fqdns",
        "target_port",
        "target_resource_id",
        "template",
        "tenant_id",
        "terminate_tls",
        "termination_grace_period_seconds",
        "termination_notification",
        "threat_intel_mode",
        "threat_intelligence_allowlist",
        "threat_intelligence_mode",
        "threshold",
        "threshold_type",
        "tier",
        "time_grain",
        "time_period",
        "timeout",
        "timeout_in_seconds",
        "timezone",
        "tls_certificate",
        "tolerated_number_of_failures",
        "total_throughput_limit",
        "traffic",
        "traffic_bypass",
        "traffic_routing_method",
        "traffic_view_enabled",
        "traffic_weight",
        "transforms",
        "translated_address",
        "translated_fqdn",
        "translated_port",
        "transport",
        "true",
        "trust_policy",
        "trust_policy_enabled",
        "trusted_service_access_enabled",
        "ttl",
        "tunneling_enabled",
        "type",
        "ultra_ssd_enabled",
        "upgrade_mode",
        "upgrade_settings",
        "use_remote_gateways",
        "use_subdomain",
        "user_assigned_identity_id",
        "username",
        "v1_legacy_mode_enabled",
        "value",
        "values",
        "variable_name",
        "version",
        "version_upgrade_option",
        "versioning_enabled",
        "versions",
        "vhd_uri",
        "virtual_hub",
        "virtual_hub_id",
        "virtual_machine_scale_set_id",
        "virtual_machine_size",
        "virtual_network",
        "virtual_network_id",
        "virtual_network_integration_enabled",
        "virtual_network_name",
        "virtual_network_rule",
        "virtual_network_rules",
        "virtual_network_subnet_ids",
        "vm_priority",
        "vm_size",
        "vm_sizes",
        "vnet_integration_enabled",
        "vnet_subnet_id",
        "volume",
        "volume_mounts",
        "volumes",
        "vsts_configuration",
        "vtpm_enabled",
        "waf_configuration",
        "web_application_firewall_policy_link_id",
        "web_categories",
        "weight",
        "windows_configuration",
        "windows_profile",
        "workload",
        "workload_identity_enabled",
        "workload_profile",
        "workload_profile_name",
        "workload_profile_type",
        "workload_runtime",
        "workspace_id",
        "write_accelerator_enabled",
        "zone",
        "zone_balance",
        "zone_redundancy_enabled",
        "zone_redundant",
        "zones",
    ];

    /// Values that steer branches.
    const STRINGS: &[&str] = &[
        "",
        "true",
        "false",
        "Spot",
        "Regular",
        "AZFW_Hub",
        "Mix",
        "Continuous",
        "Periodic",
        "Storage",
        "FileStorage",
        "Standard",
        "Premium",
        "42",
        "0.5",
        "200-299",
        "x_y",
        "-",
        "https://kv.vault.azure.net/keys/k/v1",
        "https://kv.vault.azure.net/keys/",
        "/subscriptions/s/resourceGroups/r/providers/A.B/c/d",
        "a,b, ,c",
    ];

    fn leaf() -> impl Strategy<Value = Val> {
        prop_oneof![
            Just(Val::Null),
            any::<bool>().prop_map(Val::Bool),
            any::<i64>().prop_map(Val::int),
            any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Val::Num)),
            prop::sample::select(STRINGS).prop_map(Val::str),
            prop::sample::select(VOCAB).prop_map(Val::str),
            "[ -~]{0,12}".prop_map(Val::Str),
            Just(Val::unknown()),
            Just(Val::unknown_ref("azurerm_thing.x")),
        ]
    }

    fn value() -> impl Strategy<Value = Val> {
        leaf().prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Val::Arr),
                prop::collection::btree_map(
                    prop::sample::select(VOCAB).prop_map(str::to_string),
                    inner,
                    0..6,
                )
                .prop_map(Val::Obj),
                // A block list: one or two objects.
                prop::collection::vec(
                    prop::collection::btree_map(
                        prop::sample::select(VOCAB).prop_map(str::to_string),
                        leaf(),
                        0..6,
                    )
                    .prop_map(Val::Obj),
                    1..3,
                )
                .prop_map(Val::Arr),
            ]
        })
    }

    fn attrs() -> impl Strategy<Value = Val> {
        prop::collection::btree_map(
            prop::sample::select(VOCAB).prop_map(str::to_string),
            value(),
            0..12,
        )
        .prop_map(Val::Obj)
    }

    /// The value at a Terraform path (`a[0].b`) of the input.
    fn tf_at<'v>(v: &'v Val, path: &str) -> Option<&'v Val> {
        let mut cur = v;
        for seg in path.split('.') {
            let (key, idx) = match seg.find('[') {
                Some(i) => (&seg[..i], Some(&seg[i..])),
                None => (seg, None),
            };
            cur = match cur {
                Val::Obj(o) => o.get(key)?,
                _ => return None,
            };
            if let Some(idx) = idx {
                for i in idx.trim_matches(|c| c == '[' || c == ']').split("][") {
                    cur = match cur {
                        Val::Arr(a) => a.get(i.parse::<usize>().ok()?)?,
                        _ => return None,
                    };
                }
            }
        }
        Some(cur)
    }

    /// The value at an ARM path of a body; an unknown ancestor is returned as such.
    fn arm_at<'v>(v: &'v Val, path: &str) -> Option<&'v Val> {
        let mut cur = v;
        for seg in path.split('.') {
            if cur.is_unknown() {
                return Some(cur);
            }
            let (key, idx) = match seg.find('[') {
                Some(i) => (&seg[..i], Some(&seg[i..])),
                None => (seg, None),
            };
            cur = match cur {
                Val::Obj(o) => o.get(key)?,
                _ => return None,
            };
            if let Some(idx) = idx {
                for i in idx.trim_matches(|c| c == '[' || c == ']').split("][") {
                    if cur.is_unknown() {
                        return Some(cur);
                    }
                    cur = match cur {
                        Val::Arr(a) => a.get(i.parse::<usize>().ok()?)?,
                        _ => return None,
                    };
                }
            }
        }
        Some(cur)
    }

    /// Invariants of any mapping: a body object with a properties object, JSON that
    /// materialises, and no unknown Terraform value turned into a known ARM value.
    fn check_invariants(t: &str, input: &Val) -> Result<(), TestCaseError> {
        let Some(m) = map(t, input) else {
            return Err(TestCaseError::fail(format!("{t} not mapped")));
        };
        prop_assert!(matches!(m.body.get_ci("properties"), Some(Val::Obj(_))));
        let mut unknown = crate::value::UnknownPaths::new();
        prop_assert!(m.body.materialize("", &mut unknown).is_some());
        for c in &m.extra_children {
            prop_assert!(matches!(c.body, Val::Obj(_)));
        }
        for (i, (tf, arm)) in m.paths.iter().enumerate() {
            prop_assert!(!tf.is_empty() && !arm.starts_with('.') && !arm.contains(".."));
            // Only the last write to an ARM path counts; these pairs are not values.
            let overwritten = m.paths[i + 1..].iter().any(|(_, a)| a == arm);
            let derived = tf.ends_with("is_manual_connection")
                || tf == "log_analytics_workspace_id"
                || arm.contains("@odata")
                || arm.contains("additionalProperties");
            if overwritten || derived {
                continue;
            }
            if tf_at(input, tf).is_some_and(Val::is_unknown) {
                let got = arm_at(&m.body, arm);
                prop_assert!(
                    got.is_some_and(Val::contains_unknown),
                    "{t}: unknown {tf} became {:?} at {arm}",
                    got
                );
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn arbitrary_attributes_never_panic(
            i in 0..TYPES.len(),
            input in attrs(),
        ) {
            check_invariants(TYPES[i].0, &input)?;
            let _ = storage_network_rules(&input);
        }

        #[test]
        fn arbitrary_non_objects_never_panic(i in 0..TYPES.len(), input in value()) {
            let _ = map(TYPES[i].0, &input);
            let _ = storage_network_rules(&input);
        }

        #[test]
        fn mutated_samples_keep_invariants(
            i in 0..59usize,
            edits in prop::collection::vec((any::<usize>(), value()), 1..6),
        ) {
            let all = samples();
            let (t, j) = &all[i % all.len()];
            let mut input = tfu(j);
            for (at, v) in edits {
                let n = count_nodes(&input);
                replace_node(&mut input, at % n, v);
            }
            check_invariants(t, &input)?;
        }
    }

    fn count_nodes(v: &Val) -> usize {
        1 + match v {
            Val::Arr(a) => a.iter().map(count_nodes).sum(),
            Val::Obj(o) => o.values().map(count_nodes).sum(),
            _ => 0,
        }
    }

    /// Replaces the `n`th node (pre-order; the root is 0, and is kept an object).
    fn replace_node(v: &mut Val, n: usize, new: Val) {
        fn go(v: &mut Val, n: &mut usize, new: &mut Option<Val>) {
            let children: Vec<&mut Val> = match v {
                Val::Arr(a) => a.iter_mut().collect(),
                Val::Obj(o) => o.values_mut().collect(),
                _ => return,
            };
            for c in children {
                if new.is_none() {
                    return;
                }
                if *n == 0 {
                    if let Some(x) = new.take() {
                        *c = x;
                    }
                    return;
                }
                *n -= 1;
                go(c, n, new);
            }
        }
        let mut n = n.saturating_sub(1);
        go(v, &mut n, &mut Some(new));
    }

    /// Maps the sample of `t` and compares body, unknown paths and path pairs.
    fn expect(t: &str, want: Json, unknown: &[&str], paths: &[(&str, &str)]) {
        let m = mapped(t);
        let (b, u) = body(&m);
        assert_eq!(b, want, "{t}: body");
        assert_eq!(u, unknown, "{t}: unknown paths");
        let got: Vec<(&str, &str)> = m
            .paths
            .iter()
            .map(|(t, a)| (t.as_str(), a.as_str()))
            .collect();
        assert_eq!(got, paths, "{t}: paths");
    }

    #[test]
    fn maps_storage_account() {
        expect(
            "azurerm_storage_account",
            json!({
              "identity": {
                "type": "SystemAssigned"
              },
              "kind": "StorageV2",
              "properties": {
                "allowBlobPublicAccess": false,
                "allowCrossTenantReplication": false,
                "isHnsEnabled": true,
                "minimumTlsVersion": "TLS1_2",
                "networkAcls": {
                  "bypass": "AzureServices",
                  "defaultAction": "Deny",
                  "ipRules": [],
                  "virtualNetworkRules": [
                    {
                      "action": "Allow",
                      "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe"
                    }
                  ]
                },
                "publicNetworkAccess": "Disabled",
                "supportsHttpsTrafficOnly": true
              },
              "sku": {
                "name": "Standard_ZRS",
                "tier": "Standard"
              }
            }),
            &["properties.allowSharedKeyAccess"],
            &[
                ("account_tier", "sku.name"),
                ("account_replication_type", "sku.name"),
                ("account_tier", "sku.tier"),
                ("account_kind", "kind"),
                ("is_hns_enabled", "properties.isHnsEnabled"),
                (
                    "public_network_access_enabled",
                    "properties.publicNetworkAccess",
                ),
                ("min_tls_version", "properties.minimumTlsVersion"),
                (
                    "allow_nested_items_to_be_public",
                    "properties.allowBlobPublicAccess",
                ),
                (
                    "shared_access_key_enabled",
                    "properties.allowSharedKeyAccess",
                ),
                (
                    "https_traffic_only_enabled",
                    "properties.supportsHttpsTrafficOnly",
                ),
                (
                    "cross_tenant_replication_enabled",
                    "properties.allowCrossTenantReplication",
                ),
                ("network_rules[0]", "properties.networkAcls"),
                (
                    "network_rules[0].default_action",
                    "properties.networkAcls.defaultAction",
                ),
                ("network_rules[0].bypass", "properties.networkAcls.bypass"),
                (
                    "network_rules[0].ip_rules",
                    "properties.networkAcls.ipRules",
                ),
                (
                    "network_rules[0].virtual_network_subnet_ids",
                    "properties.networkAcls.virtualNetworkRules",
                ),
                ("identity[0]", "identity"),
                ("identity[0].type", "identity.type"),
            ],
        );
    }

    #[test]
    fn maps_key_vault() {
        expect(
            "azurerm_key_vault",
            json!({
              "properties": {
                "enablePurgeProtection": false,
                "enableRbacAuthorization": true,
                "enableSoftDelete": true,
                "enabledForDeployment": false,
                "enabledForDiskEncryption": false,
                "enabledForTemplateDeployment": false,
                "networkAcls": {
                  "bypass": "AzureServices",
                  "defaultAction": "Deny",
                  "ipRules": [
                    {
                      "value": "203.0.113.4"
                    }
                  ],
                  "virtualNetworkRules": []
                },
                "publicNetworkAccess": "Enabled",
                "sku": {
                  "family": "A",
                  "name": "premium"
                },
                "softDeleteRetentionInDays": 30
              }
            }),
            &["properties.tenantId"],
            &[
                ("sku_name", "properties.sku.name"),
                ("tenant_id", "properties.tenantId"),
                ("enabled_for_deployment", "properties.enabledForDeployment"),
                (
                    "enabled_for_disk_encryption",
                    "properties.enabledForDiskEncryption",
                ),
                (
                    "enabled_for_template_deployment",
                    "properties.enabledForTemplateDeployment",
                ),
                (
                    "enable_rbac_authorization",
                    "properties.enableRbacAuthorization",
                ),
                (
                    "purge_protection_enabled",
                    "properties.enablePurgeProtection",
                ),
                (
                    "soft_delete_retention_days",
                    "properties.softDeleteRetentionInDays",
                ),
                (
                    "public_network_access_enabled",
                    "properties.publicNetworkAccess",
                ),
                ("network_acls[0]", "properties.networkAcls"),
                ("network_acls[0].bypass", "properties.networkAcls.bypass"),
                (
                    "network_acls[0].default_action",
                    "properties.networkAcls.defaultAction",
                ),
                ("network_acls[0].ip_rules", "properties.networkAcls.ipRules"),
                (
                    "network_acls[0].virtual_network_subnet_ids",
                    "properties.networkAcls.virtualNetworkRules",
                ),
            ],
        );
    }

    #[test]
    fn maps_key_vault_managed_hardware_security_module() {
        expect(
            "azurerm_key_vault_managed_hardware_security_module",
            json!({
              "properties": {
                "enablePurgeProtection": true,
                "enableSoftDelete": true,
                "initialAdminObjectIds": [
                  null
                ],
                "networkAcls": {
                  "bypass": "None",
                  "defaultAction": "Deny"
                },
                "publicNetworkAccess": "Disabled",
                "softDeleteRetentionInDays": 90,
                "tenantId": "t"
              },
              "sku": {
                "family": "B",
                "name": "Standard_B1"
              }
            }),
            &["properties.initialAdminObjectIds[0]"],
            &[
                ("sku_name", "sku.name"),
                ("tenant_id", "properties.tenantId"),
                ("admin_object_ids", "properties.initialAdminObjectIds"),
                (
                    "purge_protection_enabled",
                    "properties.enablePurgeProtection",
                ),
                (
                    "soft_delete_retention_days",
                    "properties.softDeleteRetentionInDays",
                ),
                (
                    "public_network_access_enabled",
                    "properties.publicNetworkAccess",
                ),
                ("network_acls[0]", "properties.networkAcls"),
                ("network_acls[0].bypass", "properties.networkAcls.bypass"),
                (
                    "network_acls[0].default_action",
                    "properties.networkAcls.defaultAction",
                ),
            ],
        );
    }

    #[test]
    fn maps_container_registry() {
        expect(
            "azurerm_container_registry",
            json!({
              "properties": {
                "adminUserEnabled": false,
                "networkRuleBypassOptions": "AzureServices",
                "networkRuleSet": {
                  "defaultAction": "Deny",
                  "ipRules": [
                    {
                      "action": "Allow",
                      "value": "198.51.100.0/24"
                    }
                  ]
                },
                "policies": {
                  "exportPolicy": {
                    "status": "enabled"
                  }
                },
                "zoneRedundancy": "Enabled"
              },
              "sku": {
                "name": "Premium",
                "tier": "Premium"
              }
            }),
            &["properties.publicNetworkAccess"],
            &[
                ("sku", "sku.name"),
                ("sku", "sku.tier"),
                ("admin_enabled", "properties.adminUserEnabled"),
                (
                    "public_network_access_enabled",
                    "properties.publicNetworkAccess",
                ),
                (
                    "network_rule_bypass_option",
                    "properties.networkRuleBypassOptions",
                ),
                ("zone_redundancy_enabled", "properties.zoneRedundancy"),
                (
                    "export_policy_enabled",
                    "properties.policies.exportPolicy.status",
                ),
                ("network_rule_set[0]", "properties.networkRuleSet"),
                (
                    "network_rule_set[0].default_action",
                    "properties.networkRuleSet.defaultAction",
                ),
                (
                    "network_rule_set[0].ip_rule",
                    "properties.networkRuleSet.ipRules",
                ),
                (
                    "network_rule_set[0].ip_rule[0]",
                    "properties.networkRuleSet.ipRules[0]",
                ),
                (
                    "network_rule_set[0].ip_rule[0].action",
                    "properties.networkRuleSet.ipRules[0].action",
                ),
                (
                    "network_rule_set[0].ip_rule[0].ip_range",
                    "properties.networkRuleSet.ipRules[0].value",
                ),
            ],
        );
    }

    #[test]
    fn maps_cosmosdb_account() {
        expect(
            "azurerm_cosmosdb_account",
            json!({
              "kind": "GlobalDocumentDB",
              "properties": {
                "backupPolicy": {
                  "periodicModeProperties": {
                    "backupIntervalInMinutes": 240,
                    "backupRetentionIntervalInHours": 8,
                    "backupStorageRedundancy": "Zone"
                  },
                  "type": "Periodic"
                },
                "consistencyPolicy": {
                  "defaultConsistencyLevel": "Session",
                  "maxIntervalInSeconds": 5,
                  "maxStalenessPrefix": 100
                },
                "databaseAccountOfferType": "Standard",
                "disableKeyBasedMetadataWriteAccess": false,
                "disableLocalAuth": true,
                "enableAutomaticFailover": true,
                "enableMultipleWriteLocations": false,
                "ipRules": [
                  {
                    "ipAddressOrRange": "203.0.113.0/24"
                  },
                  {
                    "ipAddressOrRange": "198.51.100.7"
                  }
                ],
                "isVirtualNetworkFilterEnabled": true,
                "locations": [
                  {
                    "failoverPriority": 0,
                    "isZoneRedundant": true,
                    "locationName": "westeurope"
                  },
                  {
                    "failoverPriority": 1,
                    "isZoneRedundant": false,
                    "locationName": "northeurope"
                  }
                ],
                "minimalTlsVersion": "Tls12",
                "networkAclBypass": "None",
                "publicNetworkAccess": "Disabled",
                "virtualNetworkRules": [
                  {}
                ]
              }
            }),
            &["properties.virtualNetworkRules[0].id"],
            &[
                ("offer_type", "properties.databaseAccountOfferType"),
                ("kind", "kind"),
                ("consistency_policy[0]", "properties.consistencyPolicy"),
                (
                    "consistency_policy[0].consistency_level",
                    "properties.consistencyPolicy.defaultConsistencyLevel",
                ),
                (
                    "consistency_policy[0].max_interval_in_seconds",
                    "properties.consistencyPolicy.maxIntervalInSeconds",
                ),
                (
                    "consistency_policy[0].max_staleness_prefix",
                    "properties.consistencyPolicy.maxStalenessPrefix",
                ),
                ("geo_location", "properties.locations"),
                ("geo_location[0]", "properties.locations[0]"),
                (
                    "geo_location[0].location",
                    "properties.locations[0].locationName",
                ),
                (
                    "geo_location[0].failover_priority",
                    "properties.locations[0].failoverPriority",
                ),
                (
                    "geo_location[0].zone_redundant",
                    "properties.locations[0].isZoneRedundant",
                ),
                ("geo_location[1]", "properties.locations[1]"),
                (
                    "geo_location[1].location",
                    "properties.locations[1].locationName",
                ),
                (
                    "geo_location[1].failover_priority",
                    "properties.locations[1].failoverPriority",
                ),
                (
                    "geo_location[1].zone_redundant",
                    "properties.locations[1].isZoneRedundant",
                ),
                ("ip_range_filter", "properties.ipRules"),
                (
                    "public_network_access_enabled",
                    "properties.publicNetworkAccess",
                ),
                (
                    "is_virtual_network_filter_enabled",
                    "properties.isVirtualNetworkFilterEnabled",
                ),
                ("virtual_network_rule", "properties.virtualNetworkRules"),
                (
                    "virtual_network_rule[0]",
                    "properties.virtualNetworkRules[0]",
                ),
                (
                    "virtual_network_rule[0].id",
                    "properties.virtualNetworkRules[0].id",
                ),
                (
                    "enable_automatic_failover",
                    "properties.enableAutomaticFailover",
                ),
                (
                    "multiple_write_locations_enabled",
                    "properties.enableMultipleWriteLocations",
                ),
                (
                    "local_authentication_disabled",
                    "properties.disableLocalAuth",
                ),
                (
                    "access_key_metadata_writes_enabled",
                    "properties.disableKeyBasedMetadataWriteAccess",
                ),
                (
                    "network_acl_bypass_for_azure_services",
                    "properties.networkAclBypass",
                ),
                ("minimal_tls_version", "properties.minimalTlsVersion"),
                ("backup[0]", "properties.backupPolicy"),
                ("backup[0].type", "properties.backupPolicy.type"),
                (
                    "backup[0].interval_in_minutes",
                    "properties.backupPolicy.periodicModeProperties.backupIntervalInMinutes",
                ),
                (
                    "backup[0].retention_in_hours",
                    "properties.backupPolicy.periodicModeProperties.backupRetentionIntervalInHours",
                ),
                (
                    "backup[0].storage_redundancy",
                    "properties.backupPolicy.periodicModeProperties.backupStorageRedundancy",
                ),
            ],
        );
    }

    #[test]
    fn maps_machine_learning_workspace() {
        expect(
            "azurerm_machine_learning_workspace",
            json!({
              "identity": {
                "type": "SystemAssigned"
              },
              "kind": "Default",
              "properties": {
                "applicationInsights": "/appi",
                "containerRegistry": "/acr",
                "keyVault": "/kv",
                "managedNetwork": {
                  "isolationMode": "AllowOnlyApprovedOutbound"
                },
                "publicNetworkAccess": "Disabled"
              },
              "sku": {
                "name": "Basic",
                "tier": "Basic"
              }
            }),
            &["properties.storageAccount"],
            &[
                ("sku_name", "sku.name"),
                ("sku_name", "sku.tier"),
                ("kind", "kind"),
                (
                    "public_network_access_enabled",
                    "properties.publicNetworkAccess",
                ),
                ("key_vault_id", "properties.keyVault"),
                ("storage_account_id", "properties.storageAccount"),
                ("application_insights_id", "properties.applicationInsights"),
                ("container_registry_id", "properties.containerRegistry"),
                ("managed_network[0]", "properties.managedNetwork"),
                (
                    "managed_network[0].isolation_mode",
                    "properties.managedNetwork.isolationMode",
                ),
                ("identity[0]", "identity"),
                ("identity[0].type", "identity.type"),
            ],
        );
    }

    #[test]
    fn maps_machine_learning_compute_cluster() {
        expect(
            "azurerm_machine_learning_compute_cluster",
            json!({
              "identity": {
                "type": "UserAssigned",
                "userAssignedIdentities": {
                  "/uai": {}
                }
              },
              "properties": {
                "computeLocation": "westeurope",
                "computeType": "AmlCompute",
                "disableLocalAuth": false,
                "properties": {
                  "enableNodePublicIp": false,
                  "remoteLoginPortPublicAccess": "Disabled",
                  "scaleSettings": {
                    "maxNodeCount": 4,
                    "minNodeCount": 0,
                    "nodeIdleTimeBeforeScaleDown": "PT30M"
                  },
                  "subnet": {
                    "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe"
                  },
                  "vmPriority": "LowPriority",
                  "vmSize": "Standard_NC24ads_A100_v4"
                }
              }
            }),
            &[],
            &[
                ("location", "properties.computeLocation"),
                ("local_auth_enabled", "properties.disableLocalAuth"),
                ("subnet_resource_id", "properties.properties.subnet.id"),
                (
                    "node_public_ip_enabled",
                    "properties.properties.enableNodePublicIp",
                ),
                ("identity[0]", "identity"),
                ("identity[0].type", "identity.type"),
                (
                    "identity[0].identity_ids",
                    "identity.userAssignedIdentities",
                ),
                ("vm_size", "properties.properties.vmSize"),
                ("vm_priority", "properties.properties.vmPriority"),
                ("scale_settings[0]", "properties.properties.scaleSettings"),
                (
                    "scale_settings[0].min_node_count",
                    "properties.properties.scaleSettings.minNodeCount",
                ),
                (
                    "scale_settings[0].max_node_count",
                    "properties.properties.scaleSettings.maxNodeCount",
                ),
                (
                    "scale_settings[0].scale_down_nodes_after_idle_duration",
                    "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown",
                ),
                (
                    "ssh_public_access_enabled",
                    "properties.properties.remoteLoginPortPublicAccess",
                ),
            ],
        );
    }

    #[test]
    fn maps_machine_learning_compute_instance() {
        expect(
            "azurerm_machine_learning_compute_instance",
            json!({
              "properties": {
                "computeType": "ComputeInstance",
                "disableLocalAuth": true,
                "properties": {
                  "computeInstanceAuthorizationType": "personal",
                  "enableNodePublicIp": false,
                  "personalComputeInstanceSettings": {
                    "assignedUser": {
                      "tenantId": "t"
                    }
                  },
                  "sshSettings": {
                    "sshPublicAccess": "Disabled"
                  },
                  "vmSize": "Standard_DS3_v2"
                }
              }
            }),
            &["properties.properties.personalComputeInstanceSettings.assignedUser.objectId"],
            &[
                ("local_auth_enabled", "properties.disableLocalAuth"),
                (
                    "node_public_ip_enabled",
                    "properties.properties.enableNodePublicIp",
                ),
                ("virtual_machine_size", "properties.properties.vmSize"),
                (
                    "authorization_type",
                    "properties.properties.computeInstanceAuthorizationType",
                ),
                (
                    "assign_to_user[0]",
                    "properties.properties.personalComputeInstanceSettings.assignedUser",
                ),
                (
                    "assign_to_user[0].object_id",
                    "properties.properties.personalComputeInstanceSettings.assignedUser.objectId",
                ),
                (
                    "assign_to_user[0].tenant_id",
                    "properties.properties.personalComputeInstanceSettings.assignedUser.tenantId",
                ),
                ("ssh", "properties.properties.sshSettings"),
            ],
        );
    }

    #[test]
    fn maps_cognitive_account() {
        expect(
            "azurerm_cognitive_account",
            json!({
              "identity": {
                "type": "SystemAssigned"
              },
              "kind": "OpenAI",
              "properties": {
                "customSubDomainName": "oai-ai",
                "disableLocalAuth": true,
                "encryption": {
                  "keySource": "Microsoft.KeyVault",
                  "keyVaultProperties": {
                    "identityClientId": "cid",
                    "keyName": "cmk",
                    "keyVaultUri": "https://kv-ai.vault.azure.net/",
                    "keyVersion": "abc"
                  }
                },
                "networkAcls": {
                  "defaultAction": "Deny",
                  "ipRules": [
                    {
                      "value": "203.0.113.9"
                    }
                  ],
                  "virtualNetworkRules": [
                    {}
                  ]
                },
                "publicNetworkAccess": "Disabled",
                "restrictOutboundNetworkAccess": false
              },
              "sku": {
                "name": "S0"
              }
            }),
            &["properties.networkAcls.virtualNetworkRules[0].id"],
            &[
                ("kind", "kind"),
                ("sku_name", "sku.name"),
                ("custom_subdomain_name", "properties.customSubDomainName"),
                (
                    "public_network_access_enabled",
                    "properties.publicNetworkAccess",
                ),
                ("local_auth_enabled", "properties.disableLocalAuth"),
                (
                    "outbound_network_access_restricted",
                    "properties.restrictOutboundNetworkAccess",
                ),
                ("network_acls[0]", "properties.networkAcls"),
                (
                    "network_acls[0].default_action",
                    "properties.networkAcls.defaultAction",
                ),
                ("network_acls[0].ip_rules", "properties.networkAcls.ipRules"),
                (
                    "network_acls[0].virtual_network_rules",
                    "properties.networkAcls.virtualNetworkRules",
                ),
                (
                    "network_acls[0].virtual_network_rules[0]",
                    "properties.networkAcls.virtualNetworkRules[0]",
                ),
                (
                    "network_acls[0].virtual_network_rules[0].subnet_id",
                    "properties.networkAcls.virtualNetworkRules[0].id",
                ),
                ("customer_managed_key[0]", "properties.encryption"),
                (
                    "customer_managed_key[0].key_vault_key_id",
                    "properties.encryption.keyVaultProperties",
                ),
                (
                    "customer_managed_key[0].identity_client_id",
                    "properties.encryption.keyVaultProperties.identityClientId",
                ),
                ("identity[0]", "identity"),
                ("identity[0].type", "identity.type"),
            ],
        );
    }

    #[test]
    fn maps_cognitive_deployment() {
        expect(
            "azurerm_cognitive_deployment",
            json!({
              "properties": {
                "model": {
                  "format": "OpenAI",
                  "name": "gpt-4o"
                },
                "versionUpgradeOption": "OnceNewDefaultVersionAvailable"
              },
              "sku": {
                "capacity": 50,
                "name": "GlobalStandard"
              }
            }),
            &["properties.model.version"],
            &[
                ("model[0]", "properties.model"),
                ("model[0].format", "properties.model.format"),
                ("model[0].name", "properties.model.name"),
                ("model[0].version", "properties.model.version"),
                ("sku[0]", "sku"),
                ("sku[0].name", "sku.name"),
                ("sku[0].capacity", "sku.capacity"),
                ("version_upgrade_option", "properties.versionUpgradeOption"),
            ],
        );
    }

    #[test]
    fn maps_eventhub_namespace() {
        expect(
            "azurerm_eventhub_namespace",
            json!({
              "properties": {
                "disableLocalAuth": true,
                "minimumTlsVersion": "1.2",
                "publicNetworkAccess": "Disabled"
              },
              "sku": {
                "capacity": 2,
                "name": "Standard",
                "tier": "Standard"
              }
            }),
            &[],
            &[
                ("sku", "sku.name"),
                ("sku", "sku.tier"),
                ("capacity", "sku.capacity"),
                (
                    "public_network_access_enabled",
                    "properties.publicNetworkAccess",
                ),
                (
                    "local_authentication_enabled",
                    "properties.disableLocalAuth",
                ),
                ("minimum_tls_version", "properties.minimumTlsVersion"),
            ],
        );
    }

    #[test]
    fn maps_data_factory() {
        expect(
            "azurerm_data_factory",
            json!({
              "identity": {
                "type": "SystemAssigned"
              },
              "properties": {
                "publicNetworkAccess": "Disabled",
                "purviewConfiguration": {},
                "repoConfiguration": {
                  "accountName": "org",
                  "collaborationBranch": "main",
                  "hostName": "https://github.com",
                  "repositoryName": "adf",
                  "rootFolder": "/",
                  "type": "FactoryGitHubConfiguration"
                }
              }
            }),
            &["properties.purviewConfiguration.purviewResourceId"],
            &[
                ("public_network_enabled", "properties.publicNetworkAccess"),
                (
                    "purview_id",
                    "properties.purviewConfiguration.purviewResourceId",
                ),
                ("github_configuration[0]", "properties.repoConfiguration"),
                (
                    "github_configuration[0].account_name",
                    "properties.repoConfiguration.accountName",
                ),
                (
                    "github_configuration[0].branch_name",
                    "properties.repoConfiguration.collaborationBranch",
                ),
                (
                    "github_configuration[0].repository_name",
                    "properties.repoConfiguration.repositoryName",
                ),
                (
                    "github_configuration[0].root_folder",
                    "properties.repoConfiguration.rootFolder",
                ),
                (
                    "github_configuration[0].git_url",
                    "properties.repoConfiguration.hostName",
                ),
                ("identity[0]", "identity"),
                ("identity[0].type", "identity.type"),
            ],
        );
    }

    #[test]
    fn maps_private_endpoint() {
        expect(
            "azurerm_private_endpoint",
            json!({
              "properties": {
                "privateLinkServiceConnections": [
                  {
                    "name": "dfs",
                    "properties": {
                      "groupIds": [
                        "dfs"
                      ]
                    }
                  }
                ],
                "subnet": {
                  "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe"
                }
              }
            }),
            &["properties.privateLinkServiceConnections[0].properties.privateLinkServiceId"],
            &[
                ("subnet_id", "properties.subnet.id"),
                (
                    "private_service_connection[0]",
                    "properties.privateLinkServiceConnections[0]",
                ),
                (
                    "private_service_connection[0].is_manual_connection",
                    "properties.privateLinkServiceConnections[0]",
                ),
                (
                    "private_service_connection[0].name",
                    "properties.privateLinkServiceConnections[0].name",
                ),
                (
                    "private_service_connection[0].private_connection_resource_id",
                    "properties.privateLinkServiceConnections[0].properties.privateLinkServiceId",
                ),
                (
                    "private_service_connection[0].subresource_names",
                    "properties.privateLinkServiceConnections[0].properties.groupIds",
                ),
            ],
        );
    }

    #[test]
    fn maps_private_dns_zone() {
        expect(
            "azurerm_private_dns_zone",
            json!({
              "properties": {}
            }),
            &[],
            &[],
        );
    }

    #[test]
    fn maps_private_dns_zone_virtual_network_link() {
        expect(
            "azurerm_private_dns_zone_virtual_network_link",
            json!({
              "properties": {
                "registrationEnabled": false,
                "virtualNetwork": {}
              }
            }),
            &["properties.virtualNetwork.id"],
            &[
                ("virtual_network_id", "properties.virtualNetwork.id"),
                ("registration_enabled", "properties.registrationEnabled"),
            ],
        );
    }

    #[test]
    fn maps_virtual_network() {
        expect(
            "azurerm_virtual_network",
            json!({
              "properties": {
                "addressSpace": {
                  "addressPrefixes": [
                    "10.1.0.0/16"
                  ]
                },
                "dhcpOptions": {
                  "dnsServers": [
                    null
                  ]
                },
                "privateEndpointVNetPolicies": "Disabled",
                "subnets": [
                  {
                    "name": "snet-pe",
                    "properties": {
                      "addressPrefixes": [
                        "10.1.1.0/24"
                      ],
                      "defaultOutboundAccess": true,
                      "networkSecurityGroup": {
                        "id": "/nsg"
                      },
                      "privateEndpointNetworkPolicies": "Disabled",
                      "privateLinkServiceNetworkPolicies": "Enabled"
                    }
                  }
                ]
              }
            }),
            &["properties.dhcpOptions.dnsServers[0]"],
            &[
                ("address_space", "properties.addressSpace.addressPrefixes"),
                ("dns_servers", "properties.dhcpOptions.dnsServers"),
                (
                    "private_endpoint_vnet_policies",
                    "properties.privateEndpointVNetPolicies",
                ),
                ("subnet", "properties.subnets"),
                ("subnet[0]", "properties.subnets[0]"),
                ("subnet[0].name", "properties.subnets[0].name"),
                (
                    "subnet[0].address_prefixes",
                    "properties.subnets[0].properties.addressPrefixes",
                ),
                (
                    "subnet[0].private_endpoint_network_policies",
                    "properties.subnets[0].properties.privateEndpointNetworkPolicies",
                ),
                (
                    "subnet[0].private_link_service_network_policies_enabled",
                    "properties.subnets[0].properties.privateLinkServiceNetworkPolicies",
                ),
                (
                    "subnet[0].default_outbound_access_enabled",
                    "properties.subnets[0].properties.defaultOutboundAccess",
                ),
                (
                    "subnet[0].security_group",
                    "properties.subnets[0].properties.networkSecurityGroup.id",
                ),
            ],
        );
    }

    #[test]
    fn maps_subnet() {
        expect(
            "azurerm_subnet",
            json!({
              "properties": {
                "addressPrefixes": [
                  "10.1.2.0/23"
                ],
                "defaultOutboundAccess": true,
                "delegations": [
                  {
                    "name": "aci",
                    "properties": {
                      "actions": [
                        "Microsoft.Network/virtualNetworks/subnets/action"
                      ],
                      "serviceName": "Microsoft.ContainerInstance/containerGroups"
                    }
                  }
                ],
                "privateEndpointNetworkPolicies": "Enabled",
                "privateLinkServiceNetworkPolicies": "Enabled",
                "serviceEndpoints": [
                  {
                    "service": "Microsoft.Storage"
                  },
                  {}
                ]
              }
            }),
            &["properties.serviceEndpoints[1].service"],
            &[
                ("address_prefixes", "properties.addressPrefixes"),
                (
                    "private_endpoint_network_policies",
                    "properties.privateEndpointNetworkPolicies",
                ),
                (
                    "private_link_service_network_policies_enabled",
                    "properties.privateLinkServiceNetworkPolicies",
                ),
                (
                    "default_outbound_access_enabled",
                    "properties.defaultOutboundAccess",
                ),
                ("service_endpoints", "properties.serviceEndpoints"),
                ("delegation", "properties.delegations"),
                ("delegation[0]", "properties.delegations[0]"),
                ("delegation[0].name", "properties.delegations[0].name"),
                (
                    "delegation[0].service_delegation[0]",
                    "properties.delegations[0].properties",
                ),
                (
                    "delegation[0].service_delegation[0].name",
                    "properties.delegations[0].properties.serviceName",
                ),
                (
                    "delegation[0].service_delegation[0].actions",
                    "properties.delegations[0].properties.actions",
                ),
            ],
        );
    }

    #[test]
    fn maps_virtual_network_peering() {
        expect(
            "azurerm_virtual_network_peering",
            json!({
              "properties": {
                "allowForwardedTraffic": true,
                "allowGatewayTransit": false,
                "allowVirtualNetworkAccess": true,
                "remoteVirtualNetwork": {},
                "useRemoteGateways": true
              }
            }),
            &["properties.remoteVirtualNetwork.id"],
            &[
                (
                    "remote_virtual_network_id",
                    "properties.remoteVirtualNetwork.id",
                ),
                (
                    "allow_virtual_network_access",
                    "properties.allowVirtualNetworkAccess",
                ),
                (
                    "allow_forwarded_traffic",
                    "properties.allowForwardedTraffic",
                ),
                ("allow_gateway_transit", "properties.allowGatewayTransit"),
                ("use_remote_gateways", "properties.useRemoteGateways"),
            ],
        );
    }

    #[test]
    fn maps_network_security_group() {
        expect(
            "azurerm_network_security_group",
            json!({
              "properties": {
                "securityRules": [
                  {
                    "name": "deny-internet",
                    "properties": {
                      "access": "Deny",
                      "destinationPortRange": "*",
                      "direction": "Inbound",
                      "priority": 4000,
                      "protocol": "*",
                      "sourceAddressPrefix": "Internet",
                      "sourcePortRange": "*"
                    }
                  }
                ]
              }
            }),
            &["properties.securityRules[0].properties.destinationAddressPrefix"],
            &[
                ("security_rule", "properties.securityRules"),
                ("security_rule[0]", "properties.securityRules[0]"),
                ("security_rule[0].name", "properties.securityRules[0].name"),
                (
                    "security_rule[0].protocol",
                    "properties.securityRules[0].properties.protocol",
                ),
                (
                    "security_rule[0].source_port_range",
                    "properties.securityRules[0].properties.sourcePortRange",
                ),
                (
                    "security_rule[0].destination_port_range",
                    "properties.securityRules[0].properties.destinationPortRange",
                ),
                (
                    "security_rule[0].source_address_prefix",
                    "properties.securityRules[0].properties.sourceAddressPrefix",
                ),
                (
                    "security_rule[0].destination_address_prefix",
                    "properties.securityRules[0].properties.destinationAddressPrefix",
                ),
                (
                    "security_rule[0].access",
                    "properties.securityRules[0].properties.access",
                ),
                (
                    "security_rule[0].direction",
                    "properties.securityRules[0].properties.direction",
                ),
                (
                    "security_rule[0].priority",
                    "properties.securityRules[0].properties.priority",
                ),
            ],
        );
    }

    #[test]
    fn maps_network_security_rule() {
        expect(
            "azurerm_network_security_rule",
            json!({
              "properties": {
                "access": "Allow",
                "destinationAddressPrefix": "*",
                "destinationPortRanges": [
                  "443",
                  null
                ],
                "direction": "Inbound",
                "priority": 100,
                "protocol": "Tcp",
                "sourceAddressPrefix": "VirtualNetwork",
                "sourcePortRange": "*"
              }
            }),
            &["properties.destinationPortRanges[1]"],
            &[
                ("protocol", "properties.protocol"),
                ("source_port_range", "properties.sourcePortRange"),
                (
                    "destination_port_ranges",
                    "properties.destinationPortRanges",
                ),
                ("source_address_prefix", "properties.sourceAddressPrefix"),
                (
                    "destination_address_prefix",
                    "properties.destinationAddressPrefix",
                ),
                ("access", "properties.access"),
                ("direction", "properties.direction"),
                ("priority", "properties.priority"),
            ],
        );
    }

    #[test]
    fn maps_route_table() {
        expect(
            "azurerm_route_table",
            json!({
              "properties": {
                "disableBgpRoutePropagation": true,
                "routes": [
                  {
                    "name": "default",
                    "properties": {
                      "addressPrefix": "0.0.0.0/0",
                      "nextHopType": "VirtualAppliance"
                    }
                  }
                ]
              }
            }),
            &["properties.routes[0].properties.nextHopIpAddress"],
            &[
                ("route", "properties.routes"),
                ("route[0]", "properties.routes[0]"),
                ("route[0].name", "properties.routes[0].name"),
                (
                    "route[0].address_prefix",
                    "properties.routes[0].properties.addressPrefix",
                ),
                (
                    "route[0].next_hop_type",
                    "properties.routes[0].properties.nextHopType",
                ),
                (
                    "route[0].next_hop_in_ip_address",
                    "properties.routes[0].properties.nextHopIpAddress",
                ),
                (
                    "bgp_route_propagation_enabled",
                    "properties.disableBgpRoutePropagation",
                ),
            ],
        );
    }

    #[test]
    fn maps_route() {
        expect(
            "azurerm_route",
            json!({
              "properties": {
                "addressPrefix": "0.0.0.0/0",
                "nextHopType": "Internet"
              }
            }),
            &["properties.nextHopIpAddress"],
            &[
                ("address_prefix", "properties.addressPrefix"),
                ("next_hop_type", "properties.nextHopType"),
                ("next_hop_in_ip_address", "properties.nextHopIpAddress"),
            ],
        );
    }

    #[test]
    fn maps_public_ip() {
        expect(
            "azurerm_public_ip",
            json!({
              "properties": {
                "ddosSettings": {
                  "protectionMode": "VirtualNetworkInherited"
                },
                "dnsSettings": {},
                "publicIPAddressVersion": "IPv4",
                "publicIPAllocationMethod": "Static"
              },
              "sku": {
                "name": "Standard",
                "tier": "Regional"
              },
              "zones": [
                "1",
                "2",
                "3"
              ]
            }),
            &["properties.dnsSettings.domainNameLabel"],
            &[
                ("sku", "sku.name"),
                ("sku_tier", "sku.tier"),
                ("zones", "zones"),
                ("allocation_method", "properties.publicIPAllocationMethod"),
                ("ip_version", "properties.publicIPAddressVersion"),
                (
                    "domain_name_label",
                    "properties.dnsSettings.domainNameLabel",
                ),
                (
                    "ddos_protection_mode",
                    "properties.ddosSettings.protectionMode",
                ),
            ],
        );
    }

    #[test]
    fn maps_network_interface() {
        expect(
            "azurerm_network_interface",
            json!({
              "properties": {
                "enableAcceleratedNetworking": true,
                "enableIPForwarding": false,
                "ipConfigurations": [
                  {
                    "name": "ipconfig1",
                    "properties": {
                      "privateIPAllocationMethod": "Dynamic",
                      "publicIPAddress": {},
                      "subnet": {
                        "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe"
                      }
                    }
                  }
                ]
              }
            }),
            &["properties.ipConfigurations[0].properties.publicIPAddress.id"],
            &[
                ("ip_configuration", "properties.ipConfigurations"),
                ("ip_configuration[0]", "properties.ipConfigurations[0]"),
                (
                    "ip_configuration[0].name",
                    "properties.ipConfigurations[0].name",
                ),
                (
                    "ip_configuration[0].subnet_id",
                    "properties.ipConfigurations[0].properties.subnet.id",
                ),
                (
                    "ip_configuration[0].public_ip_address_id",
                    "properties.ipConfigurations[0].properties.publicIPAddress.id",
                ),
                (
                    "ip_configuration[0].private_ip_address_allocation",
                    "properties.ipConfigurations[0].properties.privateIPAllocationMethod",
                ),
                ("ip_forwarding_enabled", "properties.enableIPForwarding"),
                (
                    "enable_accelerated_networking",
                    "properties.enableAcceleratedNetworking",
                ),
            ],
        );
    }

    #[test]
    fn maps_bastion_host() {
        expect(
            "azurerm_bastion_host",
            json!({
              "properties": {
                "disableCopyPaste": false,
                "enableTunneling": true,
                "ipConfigurations": [
                  {
                    "name": "cfg",
                    "properties": {
                      "publicIPAddress": {},
                      "subnet": {
                        "id": "/AzureBastionSubnet"
                      }
                    }
                  }
                ],
                "scaleUnits": 2
              },
              "sku": {
                "name": "Standard"
              }
            }),
            &["properties.ipConfigurations[0].properties.publicIPAddress.id"],
            &[
                ("sku", "sku.name"),
                ("ip_configuration", "properties.ipConfigurations"),
                ("ip_configuration[0]", "properties.ipConfigurations[0]"),
                (
                    "ip_configuration[0].name",
                    "properties.ipConfigurations[0].name",
                ),
                (
                    "ip_configuration[0].subnet_id",
                    "properties.ipConfigurations[0].properties.subnet.id",
                ),
                (
                    "ip_configuration[0].public_ip_address_id",
                    "properties.ipConfigurations[0].properties.publicIPAddress.id",
                ),
                ("copy_paste_enabled", "properties.disableCopyPaste"),
                ("tunneling_enabled", "properties.enableTunneling"),
                ("scale_units", "properties.scaleUnits"),
            ],
        );
    }

    #[test]
    fn maps_firewall() {
        expect(
            "azurerm_firewall",
            json!({
              "properties": {
                "firewallPolicy": {},
                "ipConfigurations": [
                  {
                    "name": "cfg",
                    "properties": {
                      "publicIPAddress": {
                        "id": "/pip-fw"
                      },
                      "subnet": {
                        "id": "/AzureFirewallSubnet"
                      }
                    }
                  }
                ],
                "sku": {
                  "name": "AZFW_VNet",
                  "tier": "Premium"
                },
                "threatIntelMode": "Alert"
              },
              "zones": [
                "1",
                "2",
                "3"
              ]
            }),
            &["properties.firewallPolicy.id"],
            &[
                ("sku_name", "properties.sku.name"),
                ("sku_tier", "properties.sku.tier"),
                ("firewall_policy_id", "properties.firewallPolicy.id"),
                ("zones", "zones"),
                ("ip_configuration", "properties.ipConfigurations"),
                ("ip_configuration[0]", "properties.ipConfigurations[0]"),
                (
                    "ip_configuration[0].name",
                    "properties.ipConfigurations[0].name",
                ),
                (
                    "ip_configuration[0].subnet_id",
                    "properties.ipConfigurations[0].properties.subnet.id",
                ),
                (
                    "ip_configuration[0].public_ip_address_id",
                    "properties.ipConfigurations[0].properties.publicIPAddress.id",
                ),
                ("threat_intel_mode", "properties.threatIntelMode"),
            ],
        );
    }

    #[test]
    fn maps_firewall_policy() {
        expect(
            "azurerm_firewall_policy",
            json!({
              "properties": {
                "dnsSettings": {
                  "enableProxy": true
                },
                "intrusionDetection": {
                  "configuration": {
                    "signatureOverrides": [
                      {
                        "id": "2024897",
                        "mode": "Off"
                      }
                    ]
                  },
                  "mode": "Deny"
                },
                "sku": {
                  "tier": "Premium"
                },
                "threatIntelMode": "Deny",
                "transportSecurity": {
                  "certificateAuthority": {
                    "name": "ca"
                  }
                }
              }
            }),
            &["properties.transportSecurity.certificateAuthority.keyVaultSecretId"],
            &[
                ("sku", "properties.sku.tier"),
                ("threat_intelligence_mode", "properties.threatIntelMode"),
                ("dns[0]", "properties.dnsSettings"),
                ("dns[0].proxy_enabled", "properties.dnsSettings.enableProxy"),
                (
                    "tls_certificate[0]",
                    "properties.transportSecurity.certificateAuthority",
                ),
                (
                    "tls_certificate[0].key_vault_secret_id",
                    "properties.transportSecurity.certificateAuthority.keyVaultSecretId",
                ),
                (
                    "tls_certificate[0].name",
                    "properties.transportSecurity.certificateAuthority.name",
                ),
                ("intrusion_detection[0]", "properties.intrusionDetection"),
                (
                    "intrusion_detection[0].mode",
                    "properties.intrusionDetection.mode",
                ),
                (
                    "intrusion_detection[0].signature_overrides",
                    "properties.intrusionDetection.configuration.signatureOverrides",
                ),
                (
                    "intrusion_detection[0].signature_overrides[0]",
                    "properties.intrusionDetection.configuration.signatureOverrides[0]",
                ),
                (
                    "intrusion_detection[0].signature_overrides[0].id",
                    "properties.intrusionDetection.configuration.signatureOverrides[0].id",
                ),
                (
                    "intrusion_detection[0].signature_overrides[0].state",
                    "properties.intrusionDetection.configuration.signatureOverrides[0].mode",
                ),
            ],
        );
    }

    #[test]
    fn maps_firewall_policy_rule_collection_group() {
        expect(
            "azurerm_firewall_policy_rule_collection_group",
            json!({
              "properties": {
                "priority": 500,
                "ruleCollections": [
                  {
                    "action": {
                      "type": "Allow"
                    },
                    "name": "app",
                    "priority": 100,
                    "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
                    "rules": [
                      {
                        "name": "pypi",
                        "protocols": [
                          {
                            "port": 443,
                            "protocolType": "Https"
                          }
                        ],
                        "ruleType": "ApplicationRule",
                        "sourceAddresses": [
                          "10.1.0.0/16"
                        ],
                        "targetFqdns": [
                          "pypi.org",
                          "files.pythonhosted.org"
                        ]
                      }
                    ]
                  },
                  {
                    "action": {
                      "type": "Deny"
                    },
                    "name": "net",
                    "priority": 200,
                    "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
                    "rules": [
                      {
                        "destinationAddresses": [
                          null
                        ],
                        "destinationPorts": [
                          "53"
                        ],
                        "ipProtocols": [
                          "UDP"
                        ],
                        "name": "dns",
                        "ruleType": "NetworkRule",
                        "sourceAddresses": [
                          "*"
                        ]
                      }
                    ]
                  },
                  {
                    "action": {
                      "type": "Dnat"
                    },
                    "name": "nat",
                    "priority": 300,
                    "ruleCollectionType": "FirewallPolicyNatRuleCollection",
                    "rules": [
                      {
                        "destinationAddresses": [
                          "198.51.100.1"
                        ],
                        "destinationPorts": [
                          "22"
                        ],
                        "ipProtocols": [
                          "TCP"
                        ],
                        "name": "ssh",
                        "ruleType": "NatRule",
                        "sourceAddresses": [
                          "203.0.113.0/24"
                        ],
                        "translatedAddress": "10.1.1.4",
                        "translatedPort": "22"
                      }
                    ]
                  }
                ]
              }
            }),
            &["properties.ruleCollections[1].rules[0].destinationAddresses[0]"],
            &[
                ("priority", "properties.priority"),
                ("application_rule_collection", "properties.ruleCollections"),
                (
                    "application_rule_collection[0]",
                    "properties.ruleCollections[0]",
                ),
                (
                    "application_rule_collection[0].name",
                    "properties.ruleCollections[0].name",
                ),
                (
                    "application_rule_collection[0].priority",
                    "properties.ruleCollections[0].priority",
                ),
                (
                    "application_rule_collection[0].action",
                    "properties.ruleCollections[0].action.type",
                ),
                (
                    "application_rule_collection[0].rule",
                    "properties.ruleCollections[0].rules",
                ),
                (
                    "application_rule_collection[0].rule[0]",
                    "properties.ruleCollections[0].rules[0]",
                ),
                (
                    "application_rule_collection[0].rule[0].name",
                    "properties.ruleCollections[0].rules[0].name",
                ),
                (
                    "application_rule_collection[0].rule[0].protocols",
                    "properties.ruleCollections[0].rules[0].protocols",
                ),
                (
                    "application_rule_collection[0].rule[0].protocols[0]",
                    "properties.ruleCollections[0].rules[0].protocols[0]",
                ),
                (
                    "application_rule_collection[0].rule[0].protocols[0].type",
                    "properties.ruleCollections[0].rules[0].protocols[0].protocolType",
                ),
                (
                    "application_rule_collection[0].rule[0].protocols[0].port",
                    "properties.ruleCollections[0].rules[0].protocols[0].port",
                ),
                (
                    "application_rule_collection[0].rule[0].source_addresses",
                    "properties.ruleCollections[0].rules[0].sourceAddresses",
                ),
                (
                    "application_rule_collection[0].rule[0].destination_fqdns",
                    "properties.ruleCollections[0].rules[0].targetFqdns",
                ),
                ("network_rule_collection", "properties.ruleCollections"),
                (
                    "network_rule_collection[0]",
                    "properties.ruleCollections[1]",
                ),
                (
                    "network_rule_collection[0].name",
                    "properties.ruleCollections[1].name",
                ),
                (
                    "network_rule_collection[0].priority",
                    "properties.ruleCollections[1].priority",
                ),
                (
                    "network_rule_collection[0].action",
                    "properties.ruleCollections[1].action.type",
                ),
                (
                    "network_rule_collection[0].rule",
                    "properties.ruleCollections[1].rules",
                ),
                (
                    "network_rule_collection[0].rule[0]",
                    "properties.ruleCollections[1].rules[0]",
                ),
                (
                    "network_rule_collection[0].rule[0].name",
                    "properties.ruleCollections[1].rules[0].name",
                ),
                (
                    "network_rule_collection[0].rule[0].protocols",
                    "properties.ruleCollections[1].rules[0].ipProtocols",
                ),
                (
                    "network_rule_collection[0].rule[0].source_addresses",
                    "properties.ruleCollections[1].rules[0].sourceAddresses",
                ),
                (
                    "network_rule_collection[0].rule[0].destination_addresses",
                    "properties.ruleCollections[1].rules[0].destinationAddresses",
                ),
                (
                    "network_rule_collection[0].rule[0].destination_ports",
                    "properties.ruleCollections[1].rules[0].destinationPorts",
                ),
                ("nat_rule_collection", "properties.ruleCollections"),
                ("nat_rule_collection[0]", "properties.ruleCollections[2]"),
                (
                    "nat_rule_collection[0].name",
                    "properties.ruleCollections[2].name",
                ),
                (
                    "nat_rule_collection[0].priority",
                    "properties.ruleCollections[2].priority",
                ),
                (
                    "nat_rule_collection[0].action",
                    "properties.ruleCollections[2].action.type",
                ),
                (
                    "nat_rule_collection[0].rule",
                    "properties.ruleCollections[2].rules",
                ),
                (
                    "nat_rule_collection[0].rule[0]",
                    "properties.ruleCollections[2].rules[0]",
                ),
                (
                    "nat_rule_collection[0].rule[0].name",
                    "properties.ruleCollections[2].rules[0].name",
                ),
                (
                    "nat_rule_collection[0].rule[0].protocols",
                    "properties.ruleCollections[2].rules[0].ipProtocols",
                ),
                (
                    "nat_rule_collection[0].rule[0].source_addresses",
                    "properties.ruleCollections[2].rules[0].sourceAddresses",
                ),
                (
                    "nat_rule_collection[0].rule[0].destination_ports",
                    "properties.ruleCollections[2].rules[0].destinationPorts",
                ),
                (
                    "nat_rule_collection[0].rule[0].destination_address",
                    "properties.ruleCollections[2].rules[0].destinationAddresses",
                ),
                (
                    "nat_rule_collection[0].rule[0].translated_address",
                    "properties.ruleCollections[2].rules[0].translatedAddress",
                ),
                (
                    "nat_rule_collection[0].rule[0].translated_port",
                    "properties.ruleCollections[2].rules[0].translatedPort",
                ),
            ],
        );
    }

    #[test]
    fn maps_firewall_application_rule_collection() {
        expect(
            "azurerm_firewall_application_rule_collection",
            json!({
              "properties": {
                "action": {
                  "type": "Allow"
                },
                "priority": 100,
                "rules": [
                  {
                    "name": "hf",
                    "protocols": [
                      {
                        "port": 443,
                        "protocolType": "Https"
                      }
                    ],
                    "sourceAddresses": [
                      "10.1.0.0/16"
                    ],
                    "targetFqdns": [
                      "huggingface.co",
                      null
                    ]
                  }
                ]
              }
            }),
            &["properties.rules[0].targetFqdns[1]"],
            &[
                ("priority", "properties.priority"),
                ("action", "properties.action.type"),
                ("rule", "properties.rules"),
                ("rule[0]", "properties.rules[0]"),
                ("rule[0].name", "properties.rules[0].name"),
                (
                    "rule[0].source_addresses",
                    "properties.rules[0].sourceAddresses",
                ),
                ("rule[0].target_fqdns", "properties.rules[0].targetFqdns"),
                ("rule[0].protocol", "properties.rules[0].protocols"),
                ("rule[0].protocol[0]", "properties.rules[0].protocols[0]"),
                (
                    "rule[0].protocol[0].type",
                    "properties.rules[0].protocols[0].protocolType",
                ),
                (
                    "rule[0].protocol[0].port",
                    "properties.rules[0].protocols[0].port",
                ),
            ],
        );
    }

    #[test]
    fn maps_firewall_network_rule_collection() {
        expect(
            "azurerm_firewall_network_rule_collection",
            json!({
              "properties": {
                "action": {
                  "type": "Allow"
                },
                "priority": 200,
                "rules": [
                  {
                    "destinationAddresses": [
                      "*"
                    ],
                    "destinationPorts": [
                      "123"
                    ],
                    "name": "ntp",
                    "protocols": [
                      "UDP"
                    ],
                    "sourceAddresses": [
                      "*"
                    ]
                  }
                ]
              }
            }),
            &["properties.rules[0].destinationFqdns"],
            &[
                ("priority", "properties.priority"),
                ("action", "properties.action.type"),
                ("rule", "properties.rules"),
                ("rule[0]", "properties.rules[0]"),
                ("rule[0].name", "properties.rules[0].name"),
                (
                    "rule[0].source_addresses",
                    "properties.rules[0].sourceAddresses",
                ),
                (
                    "rule[0].destination_addresses",
                    "properties.rules[0].destinationAddresses",
                ),
                (
                    "rule[0].destination_fqdns",
                    "properties.rules[0].destinationFqdns",
                ),
                (
                    "rule[0].destination_ports",
                    "properties.rules[0].destinationPorts",
                ),
                ("rule[0].protocols", "properties.rules[0].protocols"),
            ],
        );
    }

    #[test]
    fn maps_firewall_nat_rule_collection() {
        expect(
            "azurerm_firewall_nat_rule_collection",
            json!({
              "properties": {
                "action": {
                  "type": "Dnat"
                },
                "priority": 300,
                "rules": [
                  {
                    "destinationAddresses": [
                      null
                    ],
                    "destinationPorts": [
                      "3389"
                    ],
                    "name": "rdp",
                    "protocols": [
                      "TCP"
                    ],
                    "sourceAddresses": [
                      "203.0.113.0/24"
                    ],
                    "translatedAddress": "10.1.1.5",
                    "translatedPort": "3389"
                  }
                ]
              }
            }),
            &["properties.rules[0].destinationAddresses[0]"],
            &[
                ("priority", "properties.priority"),
                ("action", "properties.action.type"),
                ("rule", "properties.rules"),
                ("rule[0]", "properties.rules[0]"),
                ("rule[0].name", "properties.rules[0].name"),
                (
                    "rule[0].source_addresses",
                    "properties.rules[0].sourceAddresses",
                ),
                (
                    "rule[0].destination_addresses",
                    "properties.rules[0].destinationAddresses",
                ),
                (
                    "rule[0].destination_ports",
                    "properties.rules[0].destinationPorts",
                ),
                ("rule[0].protocols", "properties.rules[0].protocols"),
                (
                    "rule[0].translated_address",
                    "properties.rules[0].translatedAddress",
                ),
                (
                    "rule[0].translated_port",
                    "properties.rules[0].translatedPort",
                ),
            ],
        );
    }

    #[test]
    fn maps_application_gateway() {
        expect(
            "azurerm_application_gateway",
            json!({
              "properties": {
                "backendAddressPools": [
                  {
                    "name": "be",
                    "properties": {
                      "backendAddresses": [
                        {
                          "fqdn": "app.internal"
                        }
                      ]
                    }
                  }
                ],
                "enableHttp2": false,
                "firewallPolicy": {},
                "frontendIPConfigurations": [
                  {
                    "name": "public",
                    "properties": {
                      "privateIPAllocationMethod": "Dynamic",
                      "publicIPAddress": {
                        "id": "/pip-agw"
                      }
                    }
                  }
                ],
                "frontendPorts": [
                  {
                    "name": "https",
                    "properties": {
                      "port": 443
                    }
                  }
                ],
                "gatewayIPConfigurations": [
                  {
                    "name": "gw",
                    "properties": {
                      "subnet": {
                        "id": "/snet-agw"
                      }
                    }
                  }
                ],
                "sku": {
                  "capacity": 2,
                  "name": "WAF_v2",
                  "tier": "WAF_v2"
                },
                "webApplicationFirewallConfiguration": {
                  "enabled": true,
                  "fileUploadLimitInMb": 100,
                  "firewallMode": "Detection",
                  "maxRequestBodySizeInKb": 128,
                  "requestBodyCheck": true,
                  "ruleSetType": "OWASP",
                  "ruleSetVersion": "3.2"
                }
              }
            }),
            &["properties.firewallPolicy.id"],
            &[
                ("sku[0]", "properties.sku"),
                ("sku[0].name", "properties.sku.name"),
                ("sku[0].tier", "properties.sku.tier"),
                ("sku[0].capacity", "properties.sku.capacity"),
                (
                    "waf_configuration[0]",
                    "properties.webApplicationFirewallConfiguration",
                ),
                (
                    "waf_configuration[0].enabled",
                    "properties.webApplicationFirewallConfiguration.enabled",
                ),
                (
                    "waf_configuration[0].firewall_mode",
                    "properties.webApplicationFirewallConfiguration.firewallMode",
                ),
                (
                    "waf_configuration[0].rule_set_type",
                    "properties.webApplicationFirewallConfiguration.ruleSetType",
                ),
                (
                    "waf_configuration[0].rule_set_version",
                    "properties.webApplicationFirewallConfiguration.ruleSetVersion",
                ),
                (
                    "waf_configuration[0].file_upload_limit_mb",
                    "properties.webApplicationFirewallConfiguration.fileUploadLimitInMb",
                ),
                (
                    "waf_configuration[0].request_body_check",
                    "properties.webApplicationFirewallConfiguration.requestBodyCheck",
                ),
                (
                    "waf_configuration[0].max_request_body_size_kb",
                    "properties.webApplicationFirewallConfiguration.maxRequestBodySizeInKb",
                ),
                ("firewall_policy_id", "properties.firewallPolicy.id"),
                ("http2_enabled", "properties.enableHttp2"),
                (
                    "frontend_ip_configuration",
                    "properties.frontendIPConfigurations",
                ),
                (
                    "frontend_ip_configuration[0]",
                    "properties.frontendIPConfigurations[0]",
                ),
                (
                    "frontend_ip_configuration[0].name",
                    "properties.frontendIPConfigurations[0].name",
                ),
                (
                    "frontend_ip_configuration[0].public_ip_address_id",
                    "properties.frontendIPConfigurations[0].properties.publicIPAddress.id",
                ),
                (
                    "frontend_ip_configuration[0].private_ip_address_allocation",
                    "properties.frontendIPConfigurations[0].properties.privateIPAllocationMethod",
                ),
                (
                    "gateway_ip_configuration",
                    "properties.gatewayIPConfigurations",
                ),
                (
                    "gateway_ip_configuration[0]",
                    "properties.gatewayIPConfigurations[0]",
                ),
                (
                    "gateway_ip_configuration[0].name",
                    "properties.gatewayIPConfigurations[0].name",
                ),
                (
                    "gateway_ip_configuration[0].subnet_id",
                    "properties.gatewayIPConfigurations[0].properties.subnet.id",
                ),
                ("frontend_port", "properties.frontendPorts"),
                ("frontend_port[0]", "properties.frontendPorts[0]"),
                ("frontend_port[0].name", "properties.frontendPorts[0].name"),
                (
                    "frontend_port[0].port",
                    "properties.frontendPorts[0].properties.port",
                ),
                ("backend_address_pool", "properties.backendAddressPools"),
                (
                    "backend_address_pool[0]",
                    "properties.backendAddressPools[0]",
                ),
                (
                    "backend_address_pool[0].name",
                    "properties.backendAddressPools[0].name",
                ),
                (
                    "backend_address_pool[0].fqdns",
                    "properties.backendAddressPools[0].properties.backendAddresses",
                ),
                (
                    "backend_address_pool[0].ip_addresses",
                    "properties.backendAddressPools[0].properties.backendAddresses",
                ),
            ],
        );
    }

    #[test]
    fn maps_web_application_firewall_policy() {
        expect(
            "azurerm_web_application_firewall_policy",
            json!({
              "properties": {
                "customRules": [
                  {
                    "action": "Block",
                    "matchConditions": [
                      {
                        "matchValues": [
                          "203.0.113.0/24"
                        ],
                        "matchVariables": [
                          {
                            "variableName": "RemoteAddr"
                          }
                        ],
                        "negationConditon": false,
                        "operator": "IPMatch"
                      }
                    ],
                    "name": "blockips",
                    "priority": 1,
                    "ruleType": "MatchRule",
                    "state": "Enabled"
                  }
                ],
                "managedRules": {
                  "managedRuleSets": [
                    {
                      "ruleGroupOverrides": [
                        {
                          "ruleGroupName": "REQUEST-920-PROTOCOL-ENFORCEMENT",
                          "rules": [
                            {
                              "action": "Log",
                              "ruleId": "920300",
                              "state": "Enabled"
                            }
                          ]
                        }
                      ],
                      "ruleSetType": "OWASP",
                      "ruleSetVersion": "3.2"
                    }
                  ]
                },
                "policySettings": {
                  "fileUploadLimitInMb": 100,
                  "maxRequestBodySizeInKb": 128,
                  "requestBodyCheck": true,
                  "requestBodyEnforcement": true,
                  "state": "Enabled"
                }
              }
            }),
            &["properties.policySettings.mode"],
            &[
                ("policy_settings[0]", "properties.policySettings"),
                ("policy_settings[0].enabled", "properties.policySettings.state"),
                ("policy_settings[0].mode", "properties.policySettings.mode"),
                ("policy_settings[0].request_body_check", "properties.policySettings.requestBodyCheck"),
                ("policy_settings[0].file_upload_limit_in_mb", "properties.policySettings.fileUploadLimitInMb"),
                ("policy_settings[0].max_request_body_size_in_kb", "properties.policySettings.maxRequestBodySizeInKb"),
                ("policy_settings[0].request_body_enforcement", "properties.policySettings.requestBodyEnforcement"),
                ("managed_rules[0]", "properties.managedRules"),
                ("managed_rules[0].managed_rule_set", "properties.managedRules.managedRuleSets"),
                ("managed_rules[0].managed_rule_set[0]", "properties.managedRules.managedRuleSets[0]"),
                ("managed_rules[0].managed_rule_set[0].type", "properties.managedRules.managedRuleSets[0].ruleSetType"),
                ("managed_rules[0].managed_rule_set[0].version", "properties.managedRules.managedRuleSets[0].ruleSetVersion"),
                ("managed_rules[0].managed_rule_set[0].rule_group_override", "properties.managedRules.managedRuleSets[0].ruleGroupOverrides"),
                ("managed_rules[0].managed_rule_set[0].rule_group_override[0]", "properties.managedRules.managedRuleSets[0].ruleGroupOverrides[0]"),
                ("managed_rules[0].managed_rule_set[0].rule_group_override[0].rule_group_name", "properties.managedRules.managedRuleSets[0].ruleGroupOverrides[0].ruleGroupName"),
                ("managed_rules[0].managed_rule_set[0].rule_group_override[0].rule", "properties.managedRules.managedRuleSets[0].ruleGroupOverrides[0].rules"),
                ("managed_rules[0].managed_rule_set[0].rule_group_override[0].rule[0]", "properties.managedRules.managedRuleSets[0].ruleGroupOverrides[0].rules[0]"),
                ("managed_rules[0].managed_rule_set[0].rule_group_override[0].rule[0].id", "properties.managedRules.managedRuleSets[0].ruleGroupOverrides[0].rules[0].ruleId"),
                ("managed_rules[0].managed_rule_set[0].rule_group_override[0].rule[0].enabled", "properties.managedRules.managedRuleSets[0].ruleGroupOverrides[0].rules[0].state"),
                ("managed_rules[0].managed_rule_set[0].rule_group_override[0].rule[0].action", "properties.managedRules.managedRuleSets[0].ruleGroupOverrides[0].rules[0].action"),
                ("custom_rules", "properties.customRules"),
                ("custom_rules[0]", "properties.customRules[0]"),
                ("custom_rules[0].name", "properties.customRules[0].name"),
                ("custom_rules[0].priority", "properties.customRules[0].priority"),
                ("custom_rules[0].rule_type", "properties.customRules[0].ruleType"),
                ("custom_rules[0].action", "properties.customRules[0].action"),
                ("custom_rules[0].enabled", "properties.customRules[0].state"),
                ("custom_rules[0].match_conditions", "properties.customRules[0].matchConditions"),
                ("custom_rules[0].match_conditions[0]", "properties.customRules[0].matchConditions[0]"),
                ("custom_rules[0].match_conditions[0].match_variables", "properties.customRules[0].matchConditions[0].matchVariables"),
                ("custom_rules[0].match_conditions[0].match_variables[0]", "properties.customRules[0].matchConditions[0].matchVariables[0]"),
                ("custom_rules[0].match_conditions[0].match_variables[0].variable_name", "properties.customRules[0].matchConditions[0].matchVariables[0].variableName"),
                ("custom_rules[0].match_conditions[0].match_values", "properties.customRules[0].matchConditions[0].matchValues"),
                ("custom_rules[0].match_conditions[0].operator", "properties.customRules[0].matchConditions[0].operator"),
                ("custom_rules[0].match_conditions[0].negation_condition", "properties.customRules[0].matchConditions[0].negationConditon"),
            ],
        );
    }

    #[test]
    fn maps_cdn_frontdoor_profile() {
        expect(
            "azurerm_cdn_frontdoor_profile",
            json!({
              "properties": {},
              "sku": {
                "name": "Premium_AzureFrontDoor"
              }
            }),
            &["properties.originResponseTimeoutSeconds"],
            &[
                ("sku_name", "sku.name"),
                (
                    "response_timeout_seconds",
                    "properties.originResponseTimeoutSeconds",
                ),
            ],
        );
    }

    #[test]
    fn maps_cdn_frontdoor_firewall_policy() {
        expect(
            "azurerm_cdn_frontdoor_firewall_policy",
            json!({
              "properties": {
                "managedRules": {
                  "managedRuleSets": [
                    {
                      "ruleSetAction": "Block",
                      "ruleSetType": "Microsoft_DefaultRuleSet",
                      "ruleSetVersion": "2.1"
                    }
                  ]
                },
                "policySettings": {
                  "mode": "Prevention",
                  "requestBodyCheck": "Enabled"
                }
              },
              "sku": {
                "name": "Premium_AzureFrontDoor"
              }
            }),
            &["properties.policySettings.enabledState"],
            &[
                ("sku_name", "sku.name"),
                ("enabled", "properties.policySettings.enabledState"),
                ("mode", "properties.policySettings.mode"),
                (
                    "request_body_check_enabled",
                    "properties.policySettings.requestBodyCheck",
                ),
                ("managed_rule", "properties.managedRules.managedRuleSets"),
                (
                    "managed_rule[0]",
                    "properties.managedRules.managedRuleSets[0]",
                ),
                (
                    "managed_rule[0].type",
                    "properties.managedRules.managedRuleSets[0].ruleSetType",
                ),
                (
                    "managed_rule[0].version",
                    "properties.managedRules.managedRuleSets[0].ruleSetVersion",
                ),
                (
                    "managed_rule[0].action",
                    "properties.managedRules.managedRuleSets[0].ruleSetAction",
                ),
            ],
        );
    }

    #[test]
    fn maps_frontdoor_firewall_policy() {
        expect(
            "azurerm_frontdoor_firewall_policy",
            json!({
              "properties": {
                "customRules": {
                  "rules": [
                    {
                      "action": "Block",
                      "enabledState": "Enabled",
                      "matchConditions": [
                        {
                          "matchValue": [
                            "0.0.0.0/0"
                          ],
                          "matchVariable": "RemoteAddr",
                          "operator": "IPMatch"
                        }
                      ],
                      "name": "rate",
                      "priority": 1,
                      "rateLimitDurationInMinutes": 1,
                      "ruleType": "RateLimitRule"
                    }
                  ]
                },
                "policySettings": {
                  "enabledState": "Disabled",
                  "mode": "Detection",
                  "requestBodyCheck": "Enabled"
                }
              }
            }),
            &["properties.customRules.rules[0].rateLimitThreshold"],
            &[
                ("enabled", "properties.policySettings.enabledState"),
                ("mode", "properties.policySettings.mode"),
                (
                    "request_body_check_enabled",
                    "properties.policySettings.requestBodyCheck",
                ),
                ("custom_rule", "properties.customRules.rules"),
                ("custom_rule[0]", "properties.customRules.rules[0]"),
                (
                    "custom_rule[0].name",
                    "properties.customRules.rules[0].name",
                ),
                (
                    "custom_rule[0].action",
                    "properties.customRules.rules[0].action",
                ),
                (
                    "custom_rule[0].enabled",
                    "properties.customRules.rules[0].enabledState",
                ),
                (
                    "custom_rule[0].priority",
                    "properties.customRules.rules[0].priority",
                ),
                (
                    "custom_rule[0].type",
                    "properties.customRules.rules[0].ruleType",
                ),
                (
                    "custom_rule[0].rate_limit_duration_in_minutes",
                    "properties.customRules.rules[0].rateLimitDurationInMinutes",
                ),
                (
                    "custom_rule[0].rate_limit_threshold",
                    "properties.customRules.rules[0].rateLimitThreshold",
                ),
                (
                    "custom_rule[0].match_condition",
                    "properties.customRules.rules[0].matchConditions",
                ),
                (
                    "custom_rule[0].match_condition[0]",
                    "properties.customRules.rules[0].matchConditions[0]",
                ),
                (
                    "custom_rule[0].match_condition[0].match_variable",
                    "properties.customRules.rules[0].matchConditions[0].matchVariable",
                ),
                (
                    "custom_rule[0].match_condition[0].match_values",
                    "properties.customRules.rules[0].matchConditions[0].matchValue",
                ),
                (
                    "custom_rule[0].match_condition[0].operator",
                    "properties.customRules.rules[0].matchConditions[0].operator",
                ),
            ],
        );
    }

    #[test]
    fn maps_cdn_frontdoor_security_policy() {
        expect(
            "azurerm_cdn_frontdoor_security_policy",
            json!({
              "properties": {
                "parameters": {
                  "associations": [
                    {
                      "domains": [
                        {
                          "id": "/afd/domain"
                        }
                      ],
                      "patternsToMatch": [
                        "/*"
                      ]
                    }
                  ],
                  "type": "WebApplicationFirewall",
                  "wafPolicy": {}
                }
              }
            }),
            &["properties.parameters.wafPolicy.id"],
            &[
                ("security_policies[0]", "properties.parameters"),
                ("security_policies[0].firewall[0].cdn_frontdoor_firewall_policy_id", "properties.parameters.wafPolicy.id"),
                ("security_policies[0].firewall[0].association", "properties.parameters.associations"),
                ("security_policies[0].firewall[0].association[0]", "properties.parameters.associations[0]"),
                ("security_policies[0].firewall[0].association[0].domain", "properties.parameters.associations[0].domains"),
                ("security_policies[0].firewall[0].association[0].domain[0]", "properties.parameters.associations[0].domains[0]"),
                ("security_policies[0].firewall[0].association[0].domain[0].cdn_frontdoor_domain_id", "properties.parameters.associations[0].domains[0].id"),
                ("security_policies[0].firewall[0].association[0].patterns_to_match", "properties.parameters.associations[0].patternsToMatch"),
            ],
        );
    }

    #[test]
    fn maps_frontdoor() {
        expect(
            "azurerm_frontdoor",
            json!({
              "properties": {
                "backendPools": [
                  {
                    "name": "be",
                    "properties": {
                      "backends": [
                        {
                          "address": "app.example.com",
                          "backendHostHeader": "app.example.com",
                          "enabledState": "Enabled",
                          "httpPort": 80,
                          "httpsPort": 443,
                          "priority": 1,
                          "weight": 50
                        }
                      ]
                    }
                  }
                ],
                "enabledState": "Enabled",
                "frontendEndpoints": [
                  {
                    "name": "fe",
                    "properties": {
                      "hostName": "fd-classic.azurefd.net",
                      "sessionAffinityEnabledState": "Disabled",
                      "webApplicationFirewallPolicyLink": {}
                    }
                  }
                ],
                "routingRules": [
                  {
                    "name": "rr",
                    "properties": {
                      "acceptedProtocols": [
                        "Https"
                      ],
                      "enabledState": "Enabled",
                      "patternsToMatch": [
                        "/*"
                      ],
                      "routeConfiguration": {
                        "@odata.type": "#Microsoft.Azure.FrontDoor.Models.FrontdoorForwardingConfiguration",
                        "forwardingProtocol": "HttpsOnly"
                      }
                    }
                  }
                ]
              }
            }),
            &["properties.frontendEndpoints[0].properties.webApplicationFirewallPolicyLink.id"],
            &[
                ("load_balancer_enabled", "properties.enabledState"),
                ("frontend_endpoint", "properties.frontendEndpoints"),
                ("frontend_endpoint[0]", "properties.frontendEndpoints[0]"),
                ("frontend_endpoint[0].name", "properties.frontendEndpoints[0].name"),
                ("frontend_endpoint[0].host_name", "properties.frontendEndpoints[0].properties.hostName"),
                ("frontend_endpoint[0].session_affinity_enabled", "properties.frontendEndpoints[0].properties.sessionAffinityEnabledState"),
                ("frontend_endpoint[0].web_application_firewall_policy_link_id", "properties.frontendEndpoints[0].properties.webApplicationFirewallPolicyLink.id"),
                ("backend_pool", "properties.backendPools"),
                ("backend_pool[0]", "properties.backendPools[0]"),
                ("backend_pool[0].name", "properties.backendPools[0].name"),
                ("backend_pool[0].backend", "properties.backendPools[0].properties.backends"),
                ("backend_pool[0].backend[0]", "properties.backendPools[0].properties.backends[0]"),
                ("backend_pool[0].backend[0].address", "properties.backendPools[0].properties.backends[0].address"),
                ("backend_pool[0].backend[0].host_header", "properties.backendPools[0].properties.backends[0].backendHostHeader"),
                ("backend_pool[0].backend[0].http_port", "properties.backendPools[0].properties.backends[0].httpPort"),
                ("backend_pool[0].backend[0].https_port", "properties.backendPools[0].properties.backends[0].httpsPort"),
                ("backend_pool[0].backend[0].enabled", "properties.backendPools[0].properties.backends[0].enabledState"),
                ("backend_pool[0].backend[0].priority", "properties.backendPools[0].properties.backends[0].priority"),
                ("backend_pool[0].backend[0].weight", "properties.backendPools[0].properties.backends[0].weight"),
                ("routing_rule", "properties.routingRules"),
                ("routing_rule[0]", "properties.routingRules[0]"),
                ("routing_rule[0].name", "properties.routingRules[0].name"),
                ("routing_rule[0].accepted_protocols", "properties.routingRules[0].properties.acceptedProtocols"),
                ("routing_rule[0].patterns_to_match", "properties.routingRules[0].properties.patternsToMatch"),
                ("routing_rule[0].enabled", "properties.routingRules[0].properties.enabledState"),
                ("routing_rule[0].forwarding_configuration[0]", "properties.routingRules[0].properties.routeConfiguration"),
                ("routing_rule[0].forwarding_configuration[0].forwarding_protocol", "properties.routingRules[0].properties.routeConfiguration.forwardingProtocol"),
            ],
        );
    }

    #[test]
    fn maps_traffic_manager_profile() {
        expect(
            "azurerm_traffic_manager_profile",
            json!({
              "properties": {
                "dnsConfig": {
                  "relativeName": "tm-ai",
                  "ttl": 60
                },
                "monitorConfig": {
                  "expectedStatusCodeRanges": [
                    {
                      "max": 299,
                      "min": 200
                    }
                  ],
                  "intervalInSeconds": 30,
                  "path": "/health",
                  "port": 443,
                  "protocol": "HTTPS",
                  "timeoutInSeconds": 10,
                  "toleratedNumberOfFailures": 3
                },
                "profileStatus": "Enabled",
                "trafficRoutingMethod": "Priority"
              }
            }),
            &["properties.trafficViewEnrollmentStatus"],
            &[
                ("traffic_routing_method", "properties.trafficRoutingMethod"),
                ("profile_status", "properties.profileStatus"),
                (
                    "traffic_view_enabled",
                    "properties.trafficViewEnrollmentStatus",
                ),
                ("dns_config[0]", "properties.dnsConfig"),
                (
                    "dns_config[0].relative_name",
                    "properties.dnsConfig.relativeName",
                ),
                ("dns_config[0].ttl", "properties.dnsConfig.ttl"),
                ("monitor_config[0]", "properties.monitorConfig"),
                (
                    "monitor_config[0].protocol",
                    "properties.monitorConfig.protocol",
                ),
                ("monitor_config[0].port", "properties.monitorConfig.port"),
                ("monitor_config[0].path", "properties.monitorConfig.path"),
                (
                    "monitor_config[0].interval_in_seconds",
                    "properties.monitorConfig.intervalInSeconds",
                ),
                (
                    "monitor_config[0].timeout_in_seconds",
                    "properties.monitorConfig.timeoutInSeconds",
                ),
                (
                    "monitor_config[0].tolerated_number_of_failures",
                    "properties.monitorConfig.toleratedNumberOfFailures",
                ),
                (
                    "monitor_config[0].expected_status_code_ranges",
                    "properties.monitorConfig.expectedStatusCodeRanges",
                ),
            ],
        );
    }

    #[test]
    fn maps_traffic_manager_azure_endpoint() {
        expect(
            "azurerm_traffic_manager_azure_endpoint",
            json!({
              "properties": {
                "endpointStatus": "Enabled",
                "priority": 1,
                "weight": 1
              }
            }),
            &["properties.targetResourceId"],
            &[
                ("weight", "properties.weight"),
                ("priority", "properties.priority"),
                ("enabled", "properties.endpointStatus"),
                ("target_resource_id", "properties.targetResourceId"),
            ],
        );
    }

    #[test]
    fn maps_traffic_manager_external_endpoint() {
        expect(
            "azurerm_traffic_manager_external_endpoint",
            json!({
              "properties": {
                "endpointStatus": "Disabled",
                "priority": 2,
                "target": "dr.example.com",
                "weight": 1
              }
            }),
            &[],
            &[
                ("weight", "properties.weight"),
                ("priority", "properties.priority"),
                ("enabled", "properties.endpointStatus"),
                ("target", "properties.target"),
            ],
        );
    }

    #[test]
    fn maps_traffic_manager_nested_endpoint() {
        expect(
            "azurerm_traffic_manager_nested_endpoint",
            json!({
              "properties": {
                "endpointStatus": "Enabled",
                "targetResourceId": "/tm-child",
                "weight": 1
              }
            }),
            &["properties.minChildEndpoints"],
            &[
                ("weight", "properties.weight"),
                ("enabled", "properties.endpointStatus"),
                ("target_resource_id", "properties.targetResourceId"),
                ("minimum_child_endpoints", "properties.minChildEndpoints"),
            ],
        );
    }

    #[test]
    fn maps_linux_virtual_machine() {
        expect(
            "azurerm_linux_virtual_machine",
            json!({
              "properties": {
                "billingProfile": {
                  "maxPrice": -1
                },
                "evictionPolicy": "Deallocate",
                "hardwareProfile": {
                  "vmSize": "Standard_NC6s_v3"
                },
                "networkProfile": {
                  "networkInterfaces": [
                    {
                      "properties": {
                        "primary": true
                      }
                    }
                  ]
                },
                "osProfile": {
                  "adminUsername": "azureuser",
                  "allowExtensionOperations": true,
                  "linuxConfiguration": {
                    "disablePasswordAuthentication": true,
                    "patchSettings": {
                      "patchMode": "ImageDefault"
                    },
                    "provisionVMAgent": true,
                    "ssh": {
                      "publicKeys": [
                        {
                          "keyData": "ssh-ed25519 AAAA",
                          "path": "/home/azureuser/.ssh/authorized_keys"
                        }
                      ]
                    }
                  }
                },
                "priority": "Spot",
                "storageProfile": {
                  "imageReference": {
                    "offer": "ubuntu-hpc",
                    "publisher": "microsoft-dsvm",
                    "sku": "2204",
                    "version": "latest"
                  },
                  "osDisk": {
                    "caching": "ReadWrite",
                    "createOption": "FromImage",
                    "managedDisk": {
                      "storageAccountType": "Premium_LRS"
                    },
                    "osType": "Linux"
                  }
                }
              },
              "zones": [
                "1"
              ]
            }),
            &["properties.networkProfile.networkInterfaces[0].id"],
            &[
                ("size", "properties.hardwareProfile.vmSize"),
                ("priority", "properties.priority"),
                ("eviction_policy", "properties.evictionPolicy"),
                ("max_bid_price", "properties.billingProfile.maxPrice"),
                ("zone", "zones"),
                (
                    "network_interface_ids",
                    "properties.networkProfile.networkInterfaces",
                ),
                (
                    "source_image_reference[0]",
                    "properties.storageProfile.imageReference",
                ),
                (
                    "source_image_reference[0].publisher",
                    "properties.storageProfile.imageReference.publisher",
                ),
                (
                    "source_image_reference[0].offer",
                    "properties.storageProfile.imageReference.offer",
                ),
                (
                    "source_image_reference[0].sku",
                    "properties.storageProfile.imageReference.sku",
                ),
                (
                    "source_image_reference[0].version",
                    "properties.storageProfile.imageReference.version",
                ),
                ("os_disk[0]", "properties.storageProfile.osDisk"),
                (
                    "os_disk[0].caching",
                    "properties.storageProfile.osDisk.caching",
                ),
                (
                    "os_disk[0].storage_account_type",
                    "properties.storageProfile.osDisk.managedDisk.storageAccountType",
                ),
                ("admin_username", "properties.osProfile.adminUsername"),
                (
                    "allow_extension_operations",
                    "properties.osProfile.allowExtensionOperations",
                ),
                (
                    "disable_password_authentication",
                    "properties.osProfile.linuxConfiguration.disablePasswordAuthentication",
                ),
                (
                    "admin_ssh_key",
                    "properties.osProfile.linuxConfiguration.ssh.publicKeys",
                ),
                (
                    "admin_ssh_key[0]",
                    "properties.osProfile.linuxConfiguration.ssh.publicKeys[0]",
                ),
                (
                    "admin_ssh_key[0].public_key",
                    "properties.osProfile.linuxConfiguration.ssh.publicKeys[0].keyData",
                ),
                (
                    "admin_ssh_key[0].username",
                    "properties.osProfile.linuxConfiguration.ssh.publicKeys[0].path",
                ),
                (
                    "provision_vm_agent",
                    "properties.osProfile.linuxConfiguration.provisionVMAgent",
                ),
                (
                    "patch_mode",
                    "properties.osProfile.linuxConfiguration.patchSettings.patchMode",
                ),
            ],
        );
    }

    #[test]
    fn maps_windows_virtual_machine() {
        expect(
            "azurerm_windows_virtual_machine",
            json!({
              "properties": {
                "hardwareProfile": {
                  "vmSize": "Standard_D4s_v5"
                },
                "networkProfile": {
                  "networkInterfaces": [
                    {
                      "id": "/nic1",
                      "properties": {
                        "primary": true
                      }
                    },
                    {
                      "id": "/nic2",
                      "properties": {
                        "primary": false
                      }
                    }
                  ]
                },
                "osProfile": {
                  "adminUsername": "azadmin",
                  "allowExtensionOperations": true,
                  "windowsConfiguration": {
                    "enableAutomaticUpdates": true,
                    "patchSettings": {
                      "patchMode": "AutomaticByOS"
                    },
                    "provisionVMAgent": true
                  }
                },
                "priority": "Regular",
                "securityProfile": {
                  "encryptionAtHost": true
                },
                "storageProfile": {
                  "imageReference": {
                    "id": "/gallery/image"
                  },
                  "osDisk": {
                    "caching": "ReadWrite",
                    "createOption": "FromImage",
                    "managedDisk": {},
                    "osType": "Windows"
                  }
                }
              }
            }),
            &["properties.storageProfile.osDisk.managedDisk.storageAccountType"],
            &[
                ("size", "properties.hardwareProfile.vmSize"),
                ("priority", "properties.priority"),
                (
                    "network_interface_ids",
                    "properties.networkProfile.networkInterfaces",
                ),
                (
                    "source_image_id",
                    "properties.storageProfile.imageReference.id",
                ),
                ("os_disk[0]", "properties.storageProfile.osDisk"),
                (
                    "os_disk[0].caching",
                    "properties.storageProfile.osDisk.caching",
                ),
                (
                    "os_disk[0].storage_account_type",
                    "properties.storageProfile.osDisk.managedDisk.storageAccountType",
                ),
                ("admin_username", "properties.osProfile.adminUsername"),
                (
                    "allow_extension_operations",
                    "properties.osProfile.allowExtensionOperations",
                ),
                (
                    "encryption_at_host_enabled",
                    "properties.securityProfile.encryptionAtHost",
                ),
                (
                    "automatic_updates_enabled",
                    "properties.osProfile.windowsConfiguration.enableAutomaticUpdates",
                ),
                (
                    "provision_vm_agent",
                    "properties.osProfile.windowsConfiguration.provisionVMAgent",
                ),
                (
                    "patch_mode",
                    "properties.osProfile.windowsConfiguration.patchSettings.patchMode",
                ),
            ],
        );
    }

    #[test]
    fn maps_virtual_machine() {
        expect(
            "azurerm_virtual_machine",
            json!({
              "properties": {
                "hardwareProfile": {
                  "vmSize": "Standard_D2s_v3"
                },
                "networkProfile": {
                  "networkInterfaces": [
                    {
                      "id": "/nic1",
                      "properties": {
                        "primary": false
                      }
                    },
                    {
                      "id": "/nic2",
                      "properties": {
                        "primary": true
                      }
                    }
                  ]
                },
                "osProfile": {
                  "computerName": "legacy",
                  "linuxConfiguration": {
                    "disablePasswordAuthentication": true
                  }
                },
                "storageProfile": {
                  "osDisk": {
                    "caching": "ReadWrite",
                    "createOption": "FromImage",
                    "managedDisk": {
                      "storageAccountType": "Standard_LRS"
                    },
                    "name": "osdisk"
                  }
                }
              },
              "zones": [
                "2"
              ]
            }),
            &["properties.osProfile.adminUsername"],
            &[
                ("vm_size", "properties.hardwareProfile.vmSize"),
                ("zones", "zones"),
                (
                    "network_interface_ids",
                    "properties.networkProfile.networkInterfaces",
                ),
                ("storage_os_disk[0]", "properties.storageProfile.osDisk"),
                (
                    "storage_os_disk[0].name",
                    "properties.storageProfile.osDisk.name",
                ),
                (
                    "storage_os_disk[0].caching",
                    "properties.storageProfile.osDisk.caching",
                ),
                (
                    "storage_os_disk[0].create_option",
                    "properties.storageProfile.osDisk.createOption",
                ),
                (
                    "storage_os_disk[0].managed_disk_type",
                    "properties.storageProfile.osDisk.managedDisk.storageAccountType",
                ),
                ("os_profile[0]", "properties.osProfile"),
                (
                    "os_profile[0].computer_name",
                    "properties.osProfile.computerName",
                ),
                (
                    "os_profile[0].admin_username",
                    "properties.osProfile.adminUsername",
                ),
                (
                    "os_profile_linux_config[0]",
                    "properties.osProfile.linuxConfiguration",
                ),
                (
                    "os_profile_linux_config[0].disable_password_authentication",
                    "properties.osProfile.linuxConfiguration.disablePasswordAuthentication",
                ),
            ],
        );
    }

    #[test]
    fn maps_linux_virtual_machine_scale_set() {
        expect(
            "azurerm_linux_virtual_machine_scale_set",
            json!({
              "properties": {
                "overprovision": true,
                "singlePlacementGroup": true,
                "upgradePolicy": {
                  "mode": "Manual"
                },
                "virtualMachineProfile": {
                  "billingProfile": {
                    "maxPrice": -1
                  },
                  "evictionPolicy": "Delete",
                  "networkProfile": {
                    "networkInterfaceConfigurations": [
                      {
                        "name": "nic",
                        "properties": {
                          "enableAcceleratedNetworking": false,
                          "enableIPForwarding": false,
                          "ipConfigurations": [
                            {
                              "name": "ip",
                              "properties": {
                                "primary": true,
                                "publicIPAddressConfiguration": {
                                  "name": "pip",
                                  "properties": {
                                    "dnsSettings": {
                                      "domainNameLabel": "gpu"
                                    }
                                  }
                                },
                                "subnet": {}
                              }
                            }
                          ],
                          "primary": true
                        }
                      }
                    ]
                  },
                  "osProfile": {
                    "adminUsername": "azureuser",
                    "allowExtensionOperations": true,
                    "linuxConfiguration": {
                      "disablePasswordAuthentication": true,
                      "provisionVMAgent": true,
                      "ssh": {
                        "publicKeys": [
                          {
                            "keyData": "ssh-rsa AAAA",
                            "path": "/home/azureuser/.ssh/authorized_keys"
                          }
                        ]
                      }
                    }
                  },
                  "priority": "Spot",
                  "storageProfile": {
                    "imageReference": {
                      "offer": "ubuntu-24_04-lts",
                      "publisher": "Canonical",
                      "sku": "server",
                      "version": "latest"
                    },
                    "osDisk": {
                      "caching": "ReadOnly",
                      "createOption": "FromImage",
                      "diffDiskSettings": {
                        "option": "Local",
                        "placement": "CacheDisk"
                      },
                      "managedDisk": {
                        "storageAccountType": "Standard_LRS"
                      },
                      "osType": "Linux"
                    }
                  }
                }
              },
              "sku": {
                "capacity": 3,
                "name": "Standard_NC4as_T4_v3",
                "tier": "Standard"
              }
            }),
            &["properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].properties.subnet.id"],
            &[
                ("sku", "sku.name"),
                ("instances", "sku.capacity"),
                ("priority", "properties.virtualMachineProfile.priority"),
                ("eviction_policy", "properties.virtualMachineProfile.evictionPolicy"),
                ("max_bid_price", "properties.virtualMachineProfile.billingProfile.maxPrice"),
                ("upgrade_mode", "properties.upgradePolicy.mode"),
                ("network_interface", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations"),
                ("network_interface[0]", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0]"),
                ("network_interface[0].name", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].name"),
                ("network_interface[0].primary", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.primary"),
                ("network_interface[0].accelerated_networking_enabled", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.enableAcceleratedNetworking"),
                ("network_interface[0].ip_forwarding_enabled", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.enableIPForwarding"),
                ("network_interface[0].ip_configuration", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations"),
                ("network_interface[0].ip_configuration[0]", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0]"),
                ("network_interface[0].ip_configuration[0].name", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].name"),
                ("network_interface[0].ip_configuration[0].primary", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].properties.primary"),
                ("network_interface[0].ip_configuration[0].subnet_id", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].properties.subnet.id"),
                ("network_interface[0].ip_configuration[0].public_ip_address[0]", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].properties.publicIPAddressConfiguration"),
                ("network_interface[0].ip_configuration[0].public_ip_address[0].name", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].properties.publicIPAddressConfiguration.name"),
                ("network_interface[0].ip_configuration[0].public_ip_address[0].domain_name_label", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].properties.publicIPAddressConfiguration.properties.dnsSettings.domainNameLabel"),
                ("source_image_reference[0]", "properties.virtualMachineProfile.storageProfile.imageReference"),
                ("source_image_reference[0].publisher", "properties.virtualMachineProfile.storageProfile.imageReference.publisher"),
                ("source_image_reference[0].offer", "properties.virtualMachineProfile.storageProfile.imageReference.offer"),
                ("source_image_reference[0].sku", "properties.virtualMachineProfile.storageProfile.imageReference.sku"),
                ("source_image_reference[0].version", "properties.virtualMachineProfile.storageProfile.imageReference.version"),
                ("os_disk[0]", "properties.virtualMachineProfile.storageProfile.osDisk"),
                ("os_disk[0].caching", "properties.virtualMachineProfile.storageProfile.osDisk.caching"),
                ("os_disk[0].storage_account_type", "properties.virtualMachineProfile.storageProfile.osDisk.managedDisk.storageAccountType"),
                ("os_disk[0].diff_disk_settings[0]", "properties.virtualMachineProfile.storageProfile.osDisk.diffDiskSettings"),
                ("os_disk[0].diff_disk_settings[0].option", "properties.virtualMachineProfile.storageProfile.osDisk.diffDiskSettings.option"),
                ("os_disk[0].diff_disk_settings[0].placement", "properties.virtualMachineProfile.storageProfile.osDisk.diffDiskSettings.placement"),
                ("overprovision", "properties.overprovision"),
                ("single_placement_group", "properties.singlePlacementGroup"),
                ("admin_username", "properties.virtualMachineProfile.osProfile.adminUsername"),
                ("extension_operations_enabled", "properties.virtualMachineProfile.osProfile.allowExtensionOperations"),
                ("disable_password_authentication", "properties.virtualMachineProfile.osProfile.linuxConfiguration.disablePasswordAuthentication"),
                ("admin_ssh_key", "properties.virtualMachineProfile.osProfile.linuxConfiguration.ssh.publicKeys"),
                ("admin_ssh_key[0]", "properties.virtualMachineProfile.osProfile.linuxConfiguration.ssh.publicKeys[0]"),
                ("admin_ssh_key[0].public_key", "properties.virtualMachineProfile.osProfile.linuxConfiguration.ssh.publicKeys[0].keyData"),
                ("admin_ssh_key[0].username", "properties.virtualMachineProfile.osProfile.linuxConfiguration.ssh.publicKeys[0].path"),
                ("provision_vm_agent", "properties.virtualMachineProfile.osProfile.linuxConfiguration.provisionVMAgent"),
            ],
        );
    }

    #[test]
    fn maps_windows_virtual_machine_scale_set() {
        expect(
            "azurerm_windows_virtual_machine_scale_set",
            json!({
              "properties": {
                "overprovision": true,
                "singlePlacementGroup": true,
                "upgradePolicy": {
                  "mode": "Rolling"
                },
                "virtualMachineProfile": {
                  "networkProfile": {
                    "networkInterfaceConfigurations": [
                      {
                        "name": "nic",
                        "properties": {
                          "enableAcceleratedNetworking": true,
                          "enableIPForwarding": false,
                          "ipConfigurations": [
                            {
                              "name": "ip",
                              "properties": {
                                "primary": true,
                                "subnet": {
                                  "id": "/snet"
                                }
                              }
                            }
                          ],
                          "primary": true
                        }
                      }
                    ]
                  },
                  "osProfile": {
                    "adminUsername": "azadmin",
                    "allowExtensionOperations": true,
                    "windowsConfiguration": {
                      "enableAutomaticUpdates": true,
                      "provisionVMAgent": true
                    }
                  },
                  "priority": "Regular",
                  "storageProfile": {
                    "osDisk": {
                      "caching": "ReadWrite",
                      "createOption": "FromImage",
                      "managedDisk": {
                        "storageAccountType": "Premium_LRS"
                      },
                      "osType": "Windows"
                    }
                  }
                }
              },
              "sku": {
                "name": "Standard_D2s_v5",
                "tier": "Standard"
              }
            }),
            &["sku.capacity"],
            &[
                ("sku", "sku.name"),
                ("instances", "sku.capacity"),
                ("priority", "properties.virtualMachineProfile.priority"),
                ("upgrade_mode", "properties.upgradePolicy.mode"),
                ("network_interface", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations"),
                ("network_interface[0]", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0]"),
                ("network_interface[0].name", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].name"),
                ("network_interface[0].primary", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.primary"),
                ("network_interface[0].enable_accelerated_networking", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.enableAcceleratedNetworking"),
                ("network_interface[0].ip_forwarding_enabled", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.enableIPForwarding"),
                ("network_interface[0].ip_configuration", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations"),
                ("network_interface[0].ip_configuration[0]", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0]"),
                ("network_interface[0].ip_configuration[0].name", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].name"),
                ("network_interface[0].ip_configuration[0].primary", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].properties.primary"),
                ("network_interface[0].ip_configuration[0].subnet_id", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].properties.subnet.id"),
                ("os_disk[0]", "properties.virtualMachineProfile.storageProfile.osDisk"),
                ("os_disk[0].caching", "properties.virtualMachineProfile.storageProfile.osDisk.caching"),
                ("os_disk[0].storage_account_type", "properties.virtualMachineProfile.storageProfile.osDisk.managedDisk.storageAccountType"),
                ("overprovision", "properties.overprovision"),
                ("single_placement_group", "properties.singlePlacementGroup"),
                ("admin_username", "properties.virtualMachineProfile.osProfile.adminUsername"),
                ("extension_operations_enabled", "properties.virtualMachineProfile.osProfile.allowExtensionOperations"),
                ("automatic_updates_enabled", "properties.virtualMachineProfile.osProfile.windowsConfiguration.enableAutomaticUpdates"),
                ("provision_vm_agent", "properties.virtualMachineProfile.osProfile.windowsConfiguration.provisionVMAgent"),
            ],
        );
    }

    #[test]
    fn maps_orchestrated_virtual_machine_scale_set() {
        expect(
            "azurerm_orchestrated_virtual_machine_scale_set",
            json!({
              "properties": {
                "orchestrationMode": "Flexible",
                "platformFaultDomainCount": 1,
                "upgradePolicy": {
                  "mode": "Manual"
                },
                "virtualMachineProfile": {
                  "networkProfile": {
                    "networkInterfaceConfigurations": [
                      {
                        "name": "nic",
                        "properties": {
                          "enableAcceleratedNetworking": false,
                          "enableIPForwarding": false,
                          "ipConfigurations": [
                            {
                              "name": "ip",
                              "properties": {
                                "primary": true,
                                "publicIPAddressConfiguration": {
                                  "name": "pip",
                                  "sku": {
                                    "name": "Standard",
                                    "tier": "Regional"
                                  }
                                },
                                "subnet": {
                                  "id": "/snet"
                                }
                              }
                            }
                          ],
                          "primary": true
                        }
                      }
                    ]
                  },
                  "osProfile": {
                    "adminUsername": "azureuser",
                    "allowExtensionOperations": true,
                    "linuxConfiguration": {
                      "disablePasswordAuthentication": true,
                      "provisionVMAgent": true,
                      "ssh": {
                        "publicKeys": [
                          {
                            "path": "/home/azureuser/.ssh/authorized_keys"
                          }
                        ]
                      }
                    }
                  },
                  "priority": "Regular"
                }
              },
              "sku": {
                "capacity": 2,
                "name": "Standard_D4s_v5",
                "tier": "Standard"
              },
              "zones": [
                "1",
                "2"
              ]
            }),
            &["properties.virtualMachineProfile.osProfile.linuxConfiguration.ssh.publicKeys[0].keyData"],
            &[
                ("sku_name", "sku.name"),
                ("instances", "sku.capacity"),
                ("priority", "properties.virtualMachineProfile.priority"),
                ("zones", "zones"),
                ("platform_fault_domain_count", "properties.platformFaultDomainCount"),
                ("upgrade_mode", "properties.upgradePolicy.mode"),
                ("network_interface", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations"),
                ("network_interface[0]", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0]"),
                ("network_interface[0].name", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].name"),
                ("network_interface[0].primary", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.primary"),
                ("network_interface[0].accelerated_networking_enabled", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.enableAcceleratedNetworking"),
                ("network_interface[0].ip_forwarding_enabled", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.enableIPForwarding"),
                ("network_interface[0].ip_configuration", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations"),
                ("network_interface[0].ip_configuration[0]", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0]"),
                ("network_interface[0].ip_configuration[0].name", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].name"),
                ("network_interface[0].ip_configuration[0].primary", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].properties.primary"),
                ("network_interface[0].ip_configuration[0].subnet_id", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].properties.subnet.id"),
                ("network_interface[0].ip_configuration[0].public_ip_address[0]", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].properties.publicIPAddressConfiguration"),
                ("network_interface[0].ip_configuration[0].public_ip_address[0].name", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].properties.publicIPAddressConfiguration.name"),
                ("network_interface[0].ip_configuration[0].public_ip_address[0].sku_name", "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].properties.publicIPAddressConfiguration.sku"),
                ("os_profile[0]", "properties.virtualMachineProfile.osProfile"),
                ("os_profile[0].linux_configuration[0].admin_username", "properties.virtualMachineProfile.osProfile.adminUsername"),
                ("os_profile[0].linux_configuration[0].disable_password_authentication", "properties.virtualMachineProfile.osProfile.linuxConfiguration.disablePasswordAuthentication"),
                ("os_profile[0].linux_configuration[0].admin_ssh_key", "properties.virtualMachineProfile.osProfile.linuxConfiguration.ssh.publicKeys"),
                ("os_profile[0].linux_configuration[0].admin_ssh_key[0]", "properties.virtualMachineProfile.osProfile.linuxConfiguration.ssh.publicKeys[0]"),
                ("os_profile[0].linux_configuration[0].admin_ssh_key[0].public_key", "properties.virtualMachineProfile.osProfile.linuxConfiguration.ssh.publicKeys[0].keyData"),
                ("os_profile[0].linux_configuration[0].admin_ssh_key[0].username", "properties.virtualMachineProfile.osProfile.linuxConfiguration.ssh.publicKeys[0].path"),
                ("os_profile[0].linux_configuration[0].provision_vm_agent", "properties.virtualMachineProfile.osProfile.linuxConfiguration.provisionVMAgent"),
                ("extension_operations_enabled", "properties.virtualMachineProfile.osProfile.allowExtensionOperations"),
            ],
        );
    }

    #[test]
    fn maps_kubernetes_cluster() {
        expect(
            "azurerm_kubernetes_cluster",
            json!({
              "identity": {
                "type": "SystemAssigned"
              },
              "properties": {
                "aadProfile": {
                  "enableAzureRBAC": true,
                  "managed": true
                },
                "addonProfiles": {
                  "omsagent": {
                    "config": {
                      "logAnalyticsWorkspaceResourceID": "/law"
                    },
                    "enabled": true
                  }
                },
                "agentPoolProfiles": [
                  {
                    "availabilityZones": [
                      "1",
                      "2",
                      "3"
                    ],
                    "enableAutoScaling": true,
                    "enableNodePublicIP": false,
                    "maxCount": 5,
                    "minCount": 2,
                    "mode": "System",
                    "name": "system",
                    "nodeTaints": [
                      "CriticalAddonsOnly=true:NoSchedule"
                    ],
                    "osDiskType": "Managed",
                    "osType": "Linux",
                    "scaleSetPriority": "Regular",
                    "type": "VirtualMachineScaleSets",
                    "vmSize": "Standard_D4s_v5"
                  }
                ],
                "apiServerAccessProfile": {
                  "disableRunCommand": false,
                  "enablePrivateCluster": true
                },
                "autoUpgradeProfile": {
                  "nodeOSUpgradeChannel": "NodeImage"
                },
                "disableLocalAccounts": true,
                "dnsPrefix": "aks-ai",
                "enableRBAC": true,
                "networkProfile": {
                  "loadBalancerSku": "standard",
                  "networkPlugin": "azure",
                  "networkPluginMode": "overlay",
                  "outboundType": "userDefinedRouting"
                },
                "securityProfile": {
                  "workloadIdentity": {
                    "enabled": false
                  }
                }
              },
              "sku": {
                "name": "Base",
                "tier": "Standard"
              }
            }),
            &["properties.agentPoolProfiles[0].vnetSubnetID"],
            &[
                ("sku_tier", "sku.tier"),
                ("dns_prefix", "properties.dnsPrefix"),
                ("default_node_pool[0]", "properties.agentPoolProfiles[0]"),
                (
                    "default_node_pool[0].name",
                    "properties.agentPoolProfiles[0].name",
                ),
                (
                    "default_node_pool[0].vm_size",
                    "properties.agentPoolProfiles[0].vmSize",
                ),
                (
                    "default_node_pool[0].min_count",
                    "properties.agentPoolProfiles[0].minCount",
                ),
                (
                    "default_node_pool[0].max_count",
                    "properties.agentPoolProfiles[0].maxCount",
                ),
                (
                    "default_node_pool[0].auto_scaling_enabled",
                    "properties.agentPoolProfiles[0].enableAutoScaling",
                ),
                (
                    "default_node_pool[0].node_public_ip_enabled",
                    "properties.agentPoolProfiles[0].enableNodePublicIP",
                ),
                (
                    "default_node_pool[0].vnet_subnet_id",
                    "properties.agentPoolProfiles[0].vnetSubnetID",
                ),
                (
                    "default_node_pool[0].zones",
                    "properties.agentPoolProfiles[0].availabilityZones",
                ),
                (
                    "default_node_pool[0].os_disk_type",
                    "properties.agentPoolProfiles[0].osDiskType",
                ),
                (
                    "default_node_pool[0].type",
                    "properties.agentPoolProfiles[0].type",
                ),
                (
                    "default_node_pool[0].only_critical_addons_enabled",
                    "properties.agentPoolProfiles[0].nodeTaints",
                ),
                (
                    "private_cluster_enabled",
                    "properties.apiServerAccessProfile.enablePrivateCluster",
                ),
                (
                    "run_command_enabled",
                    "properties.apiServerAccessProfile.disableRunCommand",
                ),
                ("network_profile[0]", "properties.networkProfile"),
                (
                    "network_profile[0].network_plugin",
                    "properties.networkProfile.networkPlugin",
                ),
                (
                    "network_profile[0].network_plugin_mode",
                    "properties.networkProfile.networkPluginMode",
                ),
                (
                    "network_profile[0].outbound_type",
                    "properties.networkProfile.outboundType",
                ),
                (
                    "network_profile[0].load_balancer_sku",
                    "properties.networkProfile.loadBalancerSku",
                ),
                ("identity[0]", "identity"),
                ("identity[0].type", "identity.type"),
                ("local_account_disabled", "properties.disableLocalAccounts"),
                ("role_based_access_control_enabled", "properties.enableRBAC"),
                (
                    "azure_active_directory_role_based_access_control[0]",
                    "properties.aadProfile",
                ),
                (
                    "azure_active_directory_role_based_access_control[0].azure_rbac_enabled",
                    "properties.aadProfile.enableAzureRBAC",
                ),
                (
                    "node_os_upgrade_channel",
                    "properties.autoUpgradeProfile.nodeOSUpgradeChannel",
                ),
                ("oms_agent[0]", "properties.addonProfiles.omsagent"),
                (
                    "oms_agent[0].log_analytics_workspace_id",
                    "properties.addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID",
                ),
                (
                    "workload_identity_enabled",
                    "properties.securityProfile.workloadIdentity.enabled",
                ),
            ],
        );
    }

    #[test]
    fn maps_kubernetes_cluster_node_pool() {
        expect(
            "azurerm_kubernetes_cluster_node_pool",
            json!({
              "properties": {
                "enableAutoScaling": true,
                "enableNodePublicIP": false,
                "maxCount": 8,
                "minCount": 0,
                "mode": "User",
                "nodeTaints": [
                  "sku=gpu:NoSchedule"
                ],
                "osDiskType": "Managed",
                "osType": "Linux",
                "scaleSetEvictionPolicy": "Delete",
                "scaleSetPriority": "Spot",
                "spotMaxPrice": -1,
                "type": "VirtualMachineScaleSets",
                "vmSize": "Standard_NC24ads_A100_v4"
              }
            }),
            &[],
            &[
                ("vm_size", "properties.vmSize"),
                ("min_count", "properties.minCount"),
                ("max_count", "properties.maxCount"),
                ("enable_auto_scaling", "properties.enableAutoScaling"),
                ("enable_node_public_ip", "properties.enableNodePublicIP"),
                ("os_disk_type", "properties.osDiskType"),
                ("node_taints", "properties.nodeTaints"),
                ("mode", "properties.mode"),
                ("os_type", "properties.osType"),
                ("priority", "properties.scaleSetPriority"),
                ("eviction_policy", "properties.scaleSetEvictionPolicy"),
                ("spot_max_price", "properties.spotMaxPrice"),
            ],
        );
    }

    #[test]
    fn maps_ai_foundry_hub_and_project() {
        expect(
            "azurerm_ai_foundry",
            json!({
              "identity": {"type": "SystemAssigned"},
              "kind": "Hub",
              "properties": {
                "hbiWorkspace": true,
                "keyVault": "/kv",
                "managedNetwork": {"isolationMode": "AllowOnlyApprovedOutbound"},
                "publicNetworkAccess": "Disabled",
                "storageAccount": "/sa"
              }
            }),
            &["properties.applicationInsights"],
            &[
                ("key_vault_id", "properties.keyVault"),
                ("storage_account_id", "properties.storageAccount"),
                ("application_insights_id", "properties.applicationInsights"),
                ("high_business_impact_enabled", "properties.hbiWorkspace"),
                ("public_network_access", "properties.publicNetworkAccess"),
                ("managed_network[0]", "properties.managedNetwork"),
                (
                    "managed_network[0].isolation_mode",
                    "properties.managedNetwork.isolationMode",
                ),
                ("identity[0]", "identity"),
                ("identity[0].type", "identity.type"),
            ],
        );
        // provider default: public network access enabled, no managed network.
        let m = map("azurerm_ai_foundry", &tf(json!({}))).expect("mapped");
        assert_eq!(
            body(&m).0,
            json!({"kind": "Hub", "properties": {"publicNetworkAccess": "Enabled"}})
        );
        expect(
            "azurerm_ai_foundry_project",
            json!({
              "identity": {"type": "SystemAssigned"},
              "kind": "Project",
              "properties": {"friendlyName": "Fraud", "hubResourceId": "/hub"}
            }),
            &[],
            &[
                ("ai_services_hub_id", "properties.hubResourceId"),
                ("friendly_name", "properties.friendlyName"),
                ("identity[0]", "identity"),
                ("identity[0].type", "identity.type"),
            ],
        );
    }

    #[test]
    fn maps_container_app_job() {
        expect(
            "azurerm_container_app_job",
            json!({
              "properties": {
                "configuration": {
                  "registries": [{"identity": "/uai", "server": "acrai.azurecr.io"}],
                  "replicaTimeout": 1800,
                  "scheduleTriggerConfig": {"cronExpression": "0 * * * *", "parallelism": 1},
                  "triggerType": "Schedule"
                },
                "environmentId": "/cae",
                "template": {
                  "containers": [{
                    "image": "acrai.azurecr.io/train:1.0",
                    "name": "train",
                    "resources": {"cpu": 1, "memory": "2Gi"}
                  }],
                  "initContainers": [{"name": "fetch"}]
                }
              }
            }),
            &["properties.template.initContainers[0].image"],
            &[
                ("container_app_environment_id", "properties.environmentId"),
                (
                    "replica_timeout_in_seconds",
                    "properties.configuration.replicaTimeout",
                ),
                (
                    "schedule_trigger_config[0]",
                    "properties.configuration.scheduleTriggerConfig",
                ),
                (
                    "schedule_trigger_config[0].cron_expression",
                    "properties.configuration.scheduleTriggerConfig.cronExpression",
                ),
                (
                    "schedule_trigger_config[0].parallelism",
                    "properties.configuration.scheduleTriggerConfig.parallelism",
                ),
                ("registry", "properties.configuration.registries"),
                ("registry[0]", "properties.configuration.registries[0]"),
                (
                    "registry[0].server",
                    "properties.configuration.registries[0].server",
                ),
                (
                    "registry[0].identity",
                    "properties.configuration.registries[0].identity",
                ),
                ("template[0]", "properties.template"),
                ("template[0].container", "properties.template.containers"),
                (
                    "template[0].container[0]",
                    "properties.template.containers[0]",
                ),
                (
                    "template[0].container[0].name",
                    "properties.template.containers[0].name",
                ),
                (
                    "template[0].container[0].image",
                    "properties.template.containers[0].image",
                ),
                (
                    "template[0].container[0].cpu",
                    "properties.template.containers[0].resources.cpu",
                ),
                (
                    "template[0].container[0].memory",
                    "properties.template.containers[0].resources.memory",
                ),
                (
                    "template[0].init_container",
                    "properties.template.initContainers",
                ),
                (
                    "template[0].init_container[0]",
                    "properties.template.initContainers[0]",
                ),
                (
                    "template[0].init_container[0].name",
                    "properties.template.initContainers[0].name",
                ),
                (
                    "template[0].init_container[0].image",
                    "properties.template.initContainers[0].image",
                ),
            ],
        );
    }

    #[test]
    fn maps_container_group() {
        let (b, u) = body(&mapped("azurerm_container_group"));
        assert_eq!(
            b,
            json!({
              "properties": {
                "containers": [{
                  "name": "embeddings",
                  "properties": {
                    "environmentVariables": [{"name": "MODE", "value": "prod"}],
                    "image": "ghcr.io/hf/tei:cpu-1.5",
                    "ports": [{"port": 80, "protocol": "TCP"}],
                    "resources": {"requests": {"cpu": 2, "memoryInGB": 8}}
                  }
                }],
                "imageRegistryCredentials": [{"server": "acrai.azurecr.io", "username": "u"}],
                "initContainers": [{
                  "name": "init",
                  "properties": {"command": ["true"], "image": "busybox"}
                }],
                "ipAddress": {"type": "Private"},
                "osType": "Linux",
                "restartPolicy": "Always",
                "subnetIds": [{"id": format!("{RG}/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe")}]
              }
            }),
            "no secret is copied: secure variables and the registry password stay out"
        );
        assert!(u.is_empty(), "{u:?}");
        let m = mapped("azurerm_container_group");
        assert!(has_path(
            &m,
            "container[0].image",
            "properties.containers[0].properties.image"
        ));
        assert!(has_path(
            &m,
            "init_container[0].image",
            "properties.initContainers[0].properties.image"
        ));
        assert!(has_path(&m, "ip_address_type", "properties.ipAddress.type"));
        // provider default: a public address; `None`: none at all.
        let public = map("azurerm_container_group", &tf(json!({}))).expect("mapped");
        assert_eq!(
            body(&public).0["properties"]["ipAddress"],
            json!({"type": "Public"})
        );
        let none = map(
            "azurerm_container_group",
            &tf(json!({"ip_address_type": "None", "dns_name_label": "x"})),
        )
        .expect("mapped");
        assert_eq!(body(&none).0["properties"].get("ipAddress"), None);
    }

    #[test]
    fn maps_web_apps_and_slots() {
        expect(
            "azurerm_linux_web_app",
            json!({
              "identity": {"type": "SystemAssigned"},
              "kind": "app,linux,container",
              "properties": {
                "httpsOnly": true,
                "publicNetworkAccess": "Disabled",
                "serverFarmId": "/asp",
                "siteConfig": {
                  "acrUseManagedIdentityCreds": true,
                  "alwaysOn": true,
                  "linuxFxVersion": "DOCKER|acrai.azurecr.io/fraud/api:1.2",
                  "minTlsVersion": "1.2"
                }
              }
            }),
            &[],
            &[
                ("service_plan_id", "properties.serverFarmId"),
                (
                    "public_network_access_enabled",
                    "properties.publicNetworkAccess",
                ),
                ("https_only", "properties.httpsOnly"),
                ("site_config[0]", "properties.siteConfig"),
                ("site_config[0].always_on", "properties.siteConfig.alwaysOn"),
                (
                    "site_config[0].minimum_tls_version",
                    "properties.siteConfig.minTlsVersion",
                ),
                (
                    "site_config[0].container_registry_use_managed_identity",
                    "properties.siteConfig.acrUseManagedIdentityCreds",
                ),
                (
                    "site_config[0].application_stack[0].docker_image_name",
                    "properties.siteConfig.linuxFxVersion",
                ),
                ("identity[0]", "identity"),
                ("identity[0].type", "identity.type"),
            ],
        );
        let (b, _) = body(&mapped("azurerm_windows_web_app"));
        assert_eq!(
            b,
            json!({
              "kind": "app,container,windows",
              "properties": {
                "publicNetworkAccess": "Enabled",
                "siteConfig": {"windowsFxVersion": "DOCKER|nginx:latest"}
              }
            }),
            "Windows leaves Docker Hub's host out"
        );
        let slot = mapped("azurerm_linux_web_app_slot");
        assert_eq!(slot.arm_type, "Microsoft.Web/sites/slots");
        assert_eq!(slot.parent, Some(Val::str("/app")));
        let (b, u) = body(&slot);
        assert_eq!(
            b,
            json!({"properties": {"publicNetworkAccess": "Enabled", "siteConfig": {}}})
        );
        assert_eq!(u, vec!["kind", "properties.siteConfig.linuxFxVersion"]);
        let (b, u) = body(&mapped("azurerm_windows_web_app_slot"));
        assert_eq!(b, json!({"kind": "app", "properties": {"siteConfig": {}}}));
        assert_eq!(u, vec!["properties.publicNetworkAccess"]);
        // 3.x image and tag; a plan's computed setting; no registry URL.
        let fx = |t: &str, j: Json| {
            let m = map(t, &tf(j)).expect("mapped");
            body(&m).0["properties"]["siteConfig"].clone()
        };
        assert_eq!(
            fx(
                "azurerm_linux_web_app",
                json!({"site_config": [{"application_stack": [{"docker_image": "acrai.azurecr.io/api", "docker_image_tag": "2"}]}]})
            ),
            json!({"linuxFxVersion": "DOCKER|acrai.azurecr.io/api:2"})
        );
        assert_eq!(
            fx(
                "azurerm_linux_web_app",
                json!({"site_config": [{"application_stack": [], "linux_fx_version": "DOCKER|x.azurecr.io/a:1"}]})
            ),
            json!({"linuxFxVersion": "DOCKER|x.azurecr.io/a:1"})
        );
        assert_eq!(
            fx(
                "azurerm_linux_web_app",
                json!({"site_config": [{"application_stack": [{"docker_image_name": "api:1", "docker_registry_url": null}]}]})
            ),
            json!({"linuxFxVersion": "DOCKER|api:1"})
        );
    }

    #[test]
    fn maps_front_door_endpoints_origin_groups_and_origins() {
        let ep = mapped("azurerm_cdn_frontdoor_endpoint");
        assert_eq!(ep.parent, Some(Val::str("/afd")));
        assert_eq!(
            body(&ep).0,
            json!({"properties": {"enabledState": "Disabled"}})
        );
        let og = mapped("azurerm_cdn_frontdoor_origin_group");
        assert!(og.parent.as_ref().is_some_and(Val::is_unknown));
        assert_eq!(
            body(&og).0,
            json!({"properties": {
                "healthProbeSettings": {"probeIntervalInSeconds": 100, "probePath": "/health",
                                        "probeProtocol": "Https", "probeRequestType": "GET"},
                "loadBalancingSettings": {"sampleSize": 4, "successfulSamplesRequired": 3},
                "sessionAffinityState": "Disabled"
            }})
        );
        expect(
            "azurerm_cdn_frontdoor_origin",
            json!({"properties": {
                "enabledState": "Enabled",
                "enforceCertificateNameCheck": true,
                "priority": 1,
                "sharedPrivateLinkResource": {
                    "groupId": "managedEnvironments",
                    "privateLink": {"id": "/cae"},
                    "privateLinkLocation": "westeurope",
                    "requestMessage": "Front Door"
                },
                "weight": 1000
            }}),
            &["properties.hostName"],
            &[
                ("host_name", "properties.hostName"),
                ("priority", "properties.priority"),
                ("weight", "properties.weight"),
                ("enabled", "properties.enabledState"),
                (
                    "certificate_name_check_enabled",
                    "properties.enforceCertificateNameCheck",
                ),
                ("private_link[0]", "properties.sharedPrivateLinkResource"),
                (
                    "private_link[0].private_link_target_id",
                    "properties.sharedPrivateLinkResource.privateLink.id",
                ),
                (
                    "private_link[0].target_type",
                    "properties.sharedPrivateLinkResource.groupId",
                ),
                (
                    "private_link[0].location",
                    "properties.sharedPrivateLinkResource.privateLinkLocation",
                ),
                (
                    "private_link[0].request_message",
                    "properties.sharedPrivateLinkResource.requestMessage",
                ),
            ],
        );
        assert_eq!(
            mapped("azurerm_cdn_frontdoor_origin").parent,
            Some(Val::str("/og"))
        );
    }

    #[test]
    fn maps_container_app() {
        expect(
            "azurerm_container_app",
            json!({
              "properties": {
                "configuration": {
                  "activeRevisionsMode": "Single",
                  "ingress": {
                    "allowInsecure": false,
                    "external": true,
                    "targetPort": 8080,
                    "traffic": [
                      {
                        "latestRevision": true,
                        "weight": 100
                      }
                    ],
                    "transport": "auto"
                  },
                  "registries": [
                    {
                      "identity": "/uai",
                      "server": "acrai.azurecr.io"
                    }
                  ],
                  "secrets": [
                    {
                      "name": "api-key"
                    }
                  ]
                },
                "environmentId": "/cae",
                "managedEnvironmentId": "/cae",
                "template": {
                  "containers": [
                    {
                      "env": [
                        {
                          "name": "MODEL",
                          "value": "gpt-4o"
                        },
                        {
                          "name": "KEY",
                          "secretRef": "api-key"
                        }
                      ],
                      "name": "api",
                      "resources": {
                        "cpu": 0.5,
                        "memory": "1Gi"
                      }
                    }
                  ],
                  "scale": {
                    "maxReplicas": 10,
                    "minReplicas": 0
                  }
                }
              }
            }),
            &["properties.template.containers[0].image"],
            &[
                ("container_app_environment_id", "properties.environmentId"),
                (
                    "container_app_environment_id",
                    "properties.managedEnvironmentId",
                ),
                (
                    "revision_mode",
                    "properties.configuration.activeRevisionsMode",
                ),
                ("ingress[0]", "properties.configuration.ingress"),
                (
                    "ingress[0].external_enabled",
                    "properties.configuration.ingress.external",
                ),
                (
                    "ingress[0].target_port",
                    "properties.configuration.ingress.targetPort",
                ),
                (
                    "ingress[0].transport",
                    "properties.configuration.ingress.transport",
                ),
                (
                    "ingress[0].allow_insecure_connections",
                    "properties.configuration.ingress.allowInsecure",
                ),
                (
                    "ingress[0].traffic_weight",
                    "properties.configuration.ingress.traffic",
                ),
                (
                    "ingress[0].traffic_weight[0]",
                    "properties.configuration.ingress.traffic[0]",
                ),
                (
                    "ingress[0].traffic_weight[0].percentage",
                    "properties.configuration.ingress.traffic[0].weight",
                ),
                (
                    "ingress[0].traffic_weight[0].latest_revision",
                    "properties.configuration.ingress.traffic[0].latestRevision",
                ),
                ("registry", "properties.configuration.registries"),
                ("registry[0]", "properties.configuration.registries[0]"),
                (
                    "registry[0].server",
                    "properties.configuration.registries[0].server",
                ),
                (
                    "registry[0].identity",
                    "properties.configuration.registries[0].identity",
                ),
                ("secret", "properties.configuration.secrets"),
                ("secret[0]", "properties.configuration.secrets[0]"),
                ("secret[0].name", "properties.configuration.secrets[0].name"),
                ("template[0]", "properties.template"),
                ("template[0].container", "properties.template.containers"),
                (
                    "template[0].container[0]",
                    "properties.template.containers[0]",
                ),
                (
                    "template[0].container[0].name",
                    "properties.template.containers[0].name",
                ),
                (
                    "template[0].container[0].image",
                    "properties.template.containers[0].image",
                ),
                (
                    "template[0].container[0].cpu",
                    "properties.template.containers[0].resources.cpu",
                ),
                (
                    "template[0].container[0].memory",
                    "properties.template.containers[0].resources.memory",
                ),
                (
                    "template[0].container[0].env",
                    "properties.template.containers[0].env",
                ),
                (
                    "template[0].container[0].env[0]",
                    "properties.template.containers[0].env[0]",
                ),
                (
                    "template[0].container[0].env[0].name",
                    "properties.template.containers[0].env[0].name",
                ),
                (
                    "template[0].container[0].env[0].value",
                    "properties.template.containers[0].env[0].value",
                ),
                (
                    "template[0].container[0].env[1]",
                    "properties.template.containers[0].env[1]",
                ),
                (
                    "template[0].container[0].env[1].name",
                    "properties.template.containers[0].env[1].name",
                ),
                (
                    "template[0].container[0].env[1].secret_name",
                    "properties.template.containers[0].env[1].secretRef",
                ),
                (
                    "template[0].min_replicas",
                    "properties.template.scale.minReplicas",
                ),
                (
                    "template[0].max_replicas",
                    "properties.template.scale.maxReplicas",
                ),
            ],
        );
    }

    #[test]
    fn maps_container_app_environment() {
        expect(
            "azurerm_container_app_environment",
            json!({
              "properties": {
                "appLogsConfiguration": {
                  "destination": "log-analytics"
                },
                "vnetConfiguration": {
                  "internal": true
                },
                "workloadProfiles": [
                  {
                    "maximumCount": 2,
                    "minimumCount": 0,
                    "name": "gpu",
                    "workloadProfileType": "NC24-A100"
                  }
                ],
                "zoneRedundant": false
              }
            }),
            &["properties.vnetConfiguration.infrastructureSubnetId"],
            &[
                (
                    "infrastructure_subnet_id",
                    "properties.vnetConfiguration.infrastructureSubnetId",
                ),
                (
                    "internal_load_balancer_enabled",
                    "properties.vnetConfiguration.internal",
                ),
                ("zone_redundancy_enabled", "properties.zoneRedundant"),
                (
                    "log_analytics_workspace_id",
                    "properties.appLogsConfiguration.destination",
                ),
                ("workload_profile", "properties.workloadProfiles"),
                ("workload_profile[0]", "properties.workloadProfiles[0]"),
                (
                    "workload_profile[0].name",
                    "properties.workloadProfiles[0].name",
                ),
                (
                    "workload_profile[0].workload_profile_type",
                    "properties.workloadProfiles[0].workloadProfileType",
                ),
                (
                    "workload_profile[0].minimum_count",
                    "properties.workloadProfiles[0].minimumCount",
                ),
                (
                    "workload_profile[0].maximum_count",
                    "properties.workloadProfiles[0].maximumCount",
                ),
            ],
        );
    }

    #[test]
    fn maps_consumption_budget_subscription() {
        expect(
            "azurerm_consumption_budget_subscription",
            json!({
              "properties": {
                "amount": 5000,
                "category": "Cost",
                "filter": {
                  "tags": {
                    "name": "project",
                    "operator": "In",
                    "values": [
                      "fraud"
                    ]
                  }
                },
                "notifications": {
                  "notification1": {
                    "contactEmails": [
                      "finops@example.com"
                    ],
                    "enabled": true,
                    "operator": "GreaterThan",
                    "threshold": 80,
                    "thresholdType": "Actual"
                  },
                  "notification2": {
                    "contactRoles": [
                      "Owner"
                    ],
                    "operator": "GreaterThan",
                    "threshold": 100,
                    "thresholdType": "Forecasted"
                  }
                },
                "timeGrain": "Monthly",
                "timePeriod": {
                  "startDate": "2026-01-01T00:00:00Z"
                }
              }
            }),
            &["properties.notifications.notification2.enabled"],
            &[
                ("amount", "properties.amount"),
                ("time_grain", "properties.timeGrain"),
                ("time_period[0]", "properties.timePeriod"),
                (
                    "time_period[0].start_date",
                    "properties.timePeriod.startDate",
                ),
                ("notification", "properties.notifications"),
                ("notification[0]", "properties.notifications.notification1"),
                (
                    "notification[0].enabled",
                    "properties.notifications.notification1.enabled",
                ),
                (
                    "notification[0].operator",
                    "properties.notifications.notification1.operator",
                ),
                (
                    "notification[0].threshold",
                    "properties.notifications.notification1.threshold",
                ),
                (
                    "notification[0].threshold_type",
                    "properties.notifications.notification1.thresholdType",
                ),
                (
                    "notification[0].contact_emails",
                    "properties.notifications.notification1.contactEmails",
                ),
                ("notification[1]", "properties.notifications.notification2"),
                (
                    "notification[1].enabled",
                    "properties.notifications.notification2.enabled",
                ),
                (
                    "notification[1].operator",
                    "properties.notifications.notification2.operator",
                ),
                (
                    "notification[1].threshold",
                    "properties.notifications.notification2.threshold",
                ),
                (
                    "notification[1].threshold_type",
                    "properties.notifications.notification2.thresholdType",
                ),
                (
                    "notification[1].contact_roles",
                    "properties.notifications.notification2.contactRoles",
                ),
                ("filter[0]", "properties.filter"),
                ("filter[0].tag[0]", "properties.filter.tags"),
                ("filter[0].tag[0].name", "properties.filter.tags.name"),
                (
                    "filter[0].tag[0].operator",
                    "properties.filter.tags.operator",
                ),
                ("filter[0].tag[0].values", "properties.filter.tags.values"),
            ],
        );
    }

    #[test]
    fn maps_consumption_budget_resource_group() {
        expect(
            "azurerm_consumption_budget_resource_group",
            json!({
              "properties": {
                "amount": 1000,
                "category": "Cost",
                "filter": {
                  "and": [
                    {
                      "dimensions": {
                        "name": "ResourceId",
                        "operator": "In",
                        "values": [
                          "/vm"
                        ]
                      }
                    },
                    {
                      "tags": {
                        "name": "env",
                        "operator": "In",
                        "values": [
                          "prod"
                        ]
                      }
                    }
                  ]
                },
                "notifications": {
                  "notification1": {
                    "contactGroups": [
                      "/ag"
                    ],
                    "enabled": true,
                    "operator": "EqualTo",
                    "threshold": 90,
                    "thresholdType": "Actual"
                  }
                },
                "timeGrain": "Monthly",
                "timePeriod": {
                  "endDate": "2027-01-01T00:00:00Z",
                  "startDate": "2026-01-01T00:00:00Z"
                }
              }
            }),
            &[],
            &[
                ("amount", "properties.amount"),
                ("time_grain", "properties.timeGrain"),
                ("time_period[0]", "properties.timePeriod"),
                (
                    "time_period[0].start_date",
                    "properties.timePeriod.startDate",
                ),
                ("time_period[0].end_date", "properties.timePeriod.endDate"),
                ("notification", "properties.notifications"),
                ("notification[0]", "properties.notifications.notification1"),
                (
                    "notification[0].enabled",
                    "properties.notifications.notification1.enabled",
                ),
                (
                    "notification[0].operator",
                    "properties.notifications.notification1.operator",
                ),
                (
                    "notification[0].threshold",
                    "properties.notifications.notification1.threshold",
                ),
                (
                    "notification[0].threshold_type",
                    "properties.notifications.notification1.thresholdType",
                ),
                (
                    "notification[0].contact_groups",
                    "properties.notifications.notification1.contactGroups",
                ),
                ("filter[0]", "properties.filter"),
                (
                    "filter[0].dimension[0]",
                    "properties.filter.and[0].dimensions",
                ),
                (
                    "filter[0].dimension[0].name",
                    "properties.filter.and[0].dimensions.name",
                ),
                (
                    "filter[0].dimension[0].operator",
                    "properties.filter.and[0].dimensions.operator",
                ),
                (
                    "filter[0].dimension[0].values",
                    "properties.filter.and[0].dimensions.values",
                ),
                ("filter[0].tag[0]", "properties.filter.and[1].tags"),
                (
                    "filter[0].tag[0].name",
                    "properties.filter.and[1].tags.name",
                ),
                (
                    "filter[0].tag[0].operator",
                    "properties.filter.and[1].tags.operator",
                ),
                (
                    "filter[0].tag[0].values",
                    "properties.filter.and[1].tags.values",
                ),
            ],
        );
    }

    #[test]
    fn maps_subscription() {
        expect(
            "azurerm_subscription",
            json!({
              "properties": {
                "displayName": "ai-landing-zone",
                "workload": "DevTest"
              }
            }),
            &["properties.billingScope"],
            &[
                ("subscription_name", "properties.displayName"),
                ("workload", "properties.workload"),
                ("billing_scope_id", "properties.billingScope"),
            ],
        );
    }

    #[test]
    fn maps_resource_group() {
        expect(
            "azurerm_resource_group",
            json!({
              "properties": {}
            }),
            &["managedBy"],
            &[("managed_by", "managedBy")],
        );
    }

    #[test]
    fn maps_log_analytics_workspace() {
        expect(
            "azurerm_log_analytics_workspace",
            json!({
              "properties": {
                "features": {
                  "enableLogAccessUsingOnlyResourcePermissions": true
                },
                "publicNetworkAccessForIngestion": "Enabled",
                "publicNetworkAccessForQuery": "Disabled",
                "retentionInDays": 90,
                "sku": {
                  "name": "PerGB2018"
                },
                "workspaceCapping": {
                  "dailyQuotaGb": -1
                }
              }
            }),
            &["properties.features.disableLocalAuth"],
            &[
                ("sku", "properties.sku.name"),
                ("retention_in_days", "properties.retentionInDays"),
                ("daily_quota_gb", "properties.workspaceCapping.dailyQuotaGb"),
                (
                    "internet_ingestion_enabled",
                    "properties.publicNetworkAccessForIngestion",
                ),
                (
                    "internet_query_enabled",
                    "properties.publicNetworkAccessForQuery",
                ),
                (
                    "local_authentication_disabled",
                    "properties.features.disableLocalAuth",
                ),
                (
                    "allow_resource_only_permissions",
                    "properties.features.enableLogAccessUsingOnlyResourcePermissions",
                ),
            ],
        );
    }

    #[test]
    fn maps_application_insights() {
        expect(
            "azurerm_application_insights",
            json!({
              "kind": "web",
              "properties": {
                "Application_Type": "web",
                "DisableIpMasking": false,
                "DisableLocalAuth": true,
                "RetentionInDays": 90,
                "SamplingPercentage": 100,
                "publicNetworkAccessForIngestion": "Disabled",
                "publicNetworkAccessForQuery": "Enabled"
              }
            }),
            &["properties.WorkspaceResourceId"],
            &[
                ("application_type", "kind"),
                ("application_type", "properties.Application_Type"),
                ("workspace_id", "properties.WorkspaceResourceId"),
                ("retention_in_days", "properties.RetentionInDays"),
                ("sampling_percentage", "properties.SamplingPercentage"),
                ("disable_ip_masking", "properties.DisableIpMasking"),
                (
                    "local_authentication_disabled",
                    "properties.DisableLocalAuth",
                ),
                (
                    "internet_ingestion_enabled",
                    "properties.publicNetworkAccessForIngestion",
                ),
                (
                    "internet_query_enabled",
                    "properties.publicNetworkAccessForQuery",
                ),
            ],
        );
    }

    #[test]
    fn maps_user_assigned_identity() {
        expect(
            "azurerm_user_assigned_identity",
            json!({
              "properties": {}
            }),
            &["properties.isolationScope"],
            &[("isolation_scope", "properties.isolationScope")],
        );
    }
}
