# METADATA
# title: Public inference is fronted by a WAF in prevention mode
# description: |
#   Inference APIs that the internet can reach are published through Application
#   Gateway WAF_v2, or Front Door, with a Web Application Firewall policy in
#   Prevention mode. lzscan checks, from the code alone:
#
#   - **Application Gateways with a public frontend IP** use the `WAF_v2` tier
#     (`properties.sku.tier`, else `properties.sku.name`) and have a WAF: a gateway-level
#     `properties.firewallPolicy`, a policy on every HTTP listener, or else an
#     inline `webApplicationFirewallConfiguration` that is `enabled` with
#     `firewallMode: Prevention`. Gateways whose frontends are all private are not
#     public-facing and are not checked.
#   - **Front Door Standard/Premium profiles** (`Microsoft.Cdn/profiles` with a
#     `*_AzureFrontDoor` SKU) have a security policy
#     (`Microsoft.Cdn/profiles/securityPolicies`, type `WebApplicationFirewall`)
#     that attaches a WAF policy. **Classic Front Doors**
#     (`Microsoft.Network/frontDoors`) link a WAF policy on every frontend endpoint.
#   - **WAF policies** (`ApplicationGatewayWebApplicationFirewallPolicies`,
#     `FrontDoorWebApplicationFirewallPolicies`) set `policySettings.mode` to
#     `Prevention` explicitly (tools differ in the mode they create a policy in) and
#     are not disabled (`policySettings.state` / `enabledState`).
#   - **Inference endpoints open to the internet** and fronted by no Application
#     Gateway or Front Door origin (no gateway backend or origin refers to them):
#     Azure ML online endpoints whose `publicNetworkAccess` is not `Disabled`;
#     Container Apps with external ingress, no `Allow` IP restriction, in an
#     environment that is neither internal (`vnetConfiguration.internal`) nor closed
#     to public network access; Cognitive Services accounts of the kinds listed in
#     the parameter `cognitive_kinds` whose `publicNetworkAccess` is not `Disabled`
#     and whose `networkAcls.defaultAction` is not `Deny`.
#
#   **Why.** A public inference API is an application endpoint like any other:
#   prompt payloads, scoring requests and file uploads carry injection and
#   exploit attempts, and model endpoints are expensive to flood. A WAF in
#   Detection mode only logs the attack it sees; Prevention mode blocks it. An
#   endpoint that the internet reaches directly bypasses the gateway altogether.
#
#   **How to fix.** Put the endpoint behind a WAF_v2 Application Gateway with a
#   WAF policy in Prevention mode, and close its own public access:
#
#   ```json
#   {
#     "type": "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies",
#     "name": "waf-inference",
#     "properties": {
#       "policySettings": { "state": "Enabled", "mode": "Prevention" },
#       "managedRules": { "managedRuleSets": [{ "ruleSetType": "OWASP", "ruleSetVersion": "3.2" }] }
#     }
#   },
#   {
#     "type": "Microsoft.Network/applicationGateways",
#     "name": "agw-inference",
#     "properties": {
#       "sku": { "name": "WAF_v2", "tier": "WAF_v2" },
#       "firewallPolicy": { "id": "[resourceId('Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies', 'waf-inference')]" }
#     }
#   }
#   ```
#
#   In Terraform: `azurerm_application_gateway` with `sku { tier = "WAF_v2" }` and
#   `firewall_policy_id`, an `azurerm_web_application_firewall_policy` with
#   `policy_settings { mode = "Prevention" }`; for Front Door an
#   `azurerm_cdn_frontdoor_security_policy` whose `firewall` block names an
#   `azurerm_cdn_frontdoor_firewall_policy` with `mode = "Prevention"`; on the
#   endpoints `public_network_access_enabled = false`, or
#   `internal_load_balancer_enabled = true` on the Container Apps environment.
#
#   A gateway is "fronting" an endpoint when its backend pool (or a Front Door
#   origin) refers to the endpoint's resource, e.g. its FQDN attribute. A fronted
#   endpoint that stays publicly reachable is the concern of LZ102. Values known
#   only at deployment, WAF policies outside the scan and Front Door security
#   policies whose profile cannot be resolved are not reported. AKS ingress is
#   defined inside the cluster, not in its IaC, and is not checked.
# custom:
#   id: LZ107
#   name: inference-behind-waf
#   severity: high
#   tags: [network, waf, inference, security]
#   resource_types:
#     - Microsoft.Network/applicationGateways
#     - Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies
#     - Microsoft.Cdn/profiles
#     - Microsoft.Network/frontDoors
#     - Microsoft.Network/FrontDoorWebApplicationFirewallPolicies
#     - Microsoft.MachineLearningServices/workspaces/onlineEndpoints
#     - Microsoft.App/containerApps
#     - Microsoft.CognitiveServices/accounts
#   parameters:
#     - name: cognitive_kinds
#       description: Kinds of Cognitive Services accounts that serve inference and must not be reachable from the internet without a WAF in front (compared case-insensitively).
#       default: [OpenAI, AIServices]
#   azure_policy:
#     - id: /providers/Microsoft.Authorization/policyDefinitions/564feb30-bf6a-4854-b4bb-0d2d2d1e6c66
#       name: Web Application Firewall (WAF) should be enabled for Application Gateway
#     - id: /providers/Microsoft.Authorization/policyDefinitions/ff1f1879-a60d-4f23-9641-41e7391ec19a
#       name: Azure Application Gateway should be deployed with Azure WAF
#     - id: /providers/Microsoft.Authorization/policyDefinitions/12430be1-6cc8-4527-a9a8-e3d38f250096
#       name: Web Application Firewall (WAF) should use the specified mode for Application Gateway
#     - id: /providers/Microsoft.Authorization/policyDefinitions/055aa869-bc98-4af8-bafc-23f1ab6ffe2c
#       name: Azure Web Application Firewall should be enabled for Azure Front Door entry-points
#     - id: /providers/Microsoft.Authorization/policyDefinitions/425bea59-a659-4cbb-8d31-34499bd030b8
#       name: Web Application Firewall (WAF) should use the specified mode for Azure Front Door Service
#     - id: /providers/Microsoft.Authorization/policyDefinitions/783ea2a8-b8fd-46be-896a-9ae79643a0b1
#       name: Container Apps should disable external network access
#     - id: /providers/Microsoft.Authorization/policyDefinitions/d074ddf8-01a5-4b5e-a2b8-964aed452c0a
#       name: Container Apps environment should disable public network access
#     - id: /providers/Microsoft.Authorization/policyDefinitions/0725b4dd-7e76-479c-a735-68e7ee23d5ca
#       name: Cognitive Services accounts should disable public network access
package lzscan.rules.inference_behind_waf

import data.lzscan.lib

# Speed (regorus interprets every statement, ~1 µs each, and a function call costs
# 2-5 µs): resources are visited once, through the type index, in comprehensions
# whose first test is a plain property comparison that settles most of them (a
# WAF_v2 gateway with a policy, an endpoint with public access Disabled); the
# passes are combined with native set operations; helpers, lib.is_unknown and
# messages run only on the few resources left. A rule looked up in a loop is first
# bound to a local variable (a local lookup is cheaper than a rule reference).

# ---------------------------------------------------------------------------
# Indexes, built once
# ---------------------------------------------------------------------------

# The edge indexes, looked up directly (no call per resource). Test inputs carry
# only input.edges: the same lists are then built from them.
edges_from := input.index.edges_from if input.index.edges_from
else := {id: [e | some e in input.edges; e.from == id] | some x in input.edges; id := x.from}

edges_to := input.index.edges_to if input.index.edges_to
else := {id: [e | some e in input.edges; e.to == id] | some x in input.edges; id := x.to}

# Resources that publish a backend to the internet through a WAF-capable edge.
front_types := [
	"microsoft.network/applicationgateways",
	"microsoft.cdn/profiles/origingroups/origins",
	"microsoft.network/frontdoors",
]

front_resources := [input.resources[i] | some t in front_types; some i in input.index.by_type[t]]

# Resources that a gateway backend pool or a Front Door origin refers to in the code.
fronted_by_reference := {e.to |
	index := edges_from
	some r in front_resources
	some e in index[r.id]
	e.kind == "reference"
}

# In deployed state a backend names the endpoint by host name: every string value
# (not key) of the front resources that contains a dot and no '/' (a host name has
# none) is a candidate host. walk() would visit the ~60 nodes of each gateway in
# Rego (~10 µs a node); instead the strings are pulled out natively from the
# serialized resources, in two regex passes:
# 1. front_chunks: each match is a run of skipped material (non-string text, keys
#    with their ':', values with a '/' or without a '.') ending with one wanted
#    value, or the tail of the text (`\z`). Every match starts where the previous
#    one ended, on a token boundary, so a match never starts inside a string;
#    leftmost-first matching skips keys as keys, never as values.
# 2. front_host_tokens: the wanted value closing each chunk (one chunk per line;
#    serialized strings hold no raw newline; its opening quote is preceded by
#    ':', ',' or '[', never by a backslash, so no match starts earlier).
# The tokens, lower-cased (case only changes string contents), are read back as
# the keys of one JSON object; `{""` keeps it valid when there are none.
front_chunks := regex.find_n(
	`(?:[^"]|"(?:[^"\\]|\\.)*":|"(?:[^"\\]|\\.)*/(?:[^"\\]|\\.)*"|"(?:[^"\\.]|\\.)*")*(?:"(?:[^"\\/]|\\.)*\.(?:[^"\\/]|\\.)*"|\z)`,
	json.marshal(front_resources),
	-1,
)

front_host_tokens := regex.find_n(`(?m)"(?:[^"\\]|\\.)*"$`, concat("\n", front_chunks), -1)

front_hosts := object.keys(json.unmarshal(concat("", [
	lower(concat(":0,", array.concat([`{""`], front_host_tokens))),
	":0}",
]))) - {""}

# The inference endpoints (that would be reported otherwise) whose host name a
# gateway backend or a Front Door origin names. [position, value] of their host
# settings, read with plain references (cheaper than object.get with a path) ...
host_settings := {[i, u] |
	some i in unfronted_endpoints
	u := input.resources[i].properties.configuration.ingress.fqdn
} | {[i, u] |
	some i in unfronted_endpoints
	u := input.resources[i].properties.scoringUri
} | {[i, u] |
	some i in unfronted_endpoints
	u := input.resources[i].properties.endpoint
}

unfronted_endpoints := (open_online_endpoints | open_cognitive_accounts) | exposed_apps

# ... their distinct values that name a front host (the host name is cut out once
# per value: endpoints share a few) ...
fronted_values := {u |
	some u in {v | some [_, v] in host_settings}
	is_string(u)
	u != ""
	front_hosts[lower(split(trim_prefix(trim_prefix(u, "https://"), "http://"), "/")[0])]
}

# ... and the positions of those endpoints.
fronted_by_host := {i |
	values := fronted_values
	some [i, u] in host_settings
	values[u]
}

# Container Apps environments reachable from the internet. Nothing unknown, the
# common case, is told by one comparison; the others take lib.is_unknown.
public_environments := {r.id |
	some i in input.index.by_type["microsoft.app/managedenvironments"]
	r := input.resources[i]
	object.get(r, ["properties", "vnetConfiguration", "internal"], false) != true
	lower(object.get(r, ["properties", "publicNetworkAccess"], "Enabled")) != "disabled"
	r.unknown == []
} | {r.id |
	some i in input.index.by_type["microsoft.app/managedenvironments"]
	r := input.resources[i]
	r.unknown != []
	object.get(r, ["properties", "vnetConfiguration", "internal"], false) != true
	lower(object.get(r, ["properties", "publicNetworkAccess"], "Enabled")) != "disabled"
	not lib.is_unknown(r, "properties.vnetConfiguration.internal")
	not lib.is_unknown(r, "properties.publicNetworkAccess")
}

# Resources (Container Apps) that sit in a public environment.
in_public_environment := {e.from |
	index := edges_to
	some id in public_environments
	some e in index[id]
	e.kind == "reference"
}

afd_skus := {"standard_azurefrontdoor", "premium_azurefrontdoor"}

afd_profile_ids := {r.id | some r in lib.resources_of("Microsoft.Cdn/profiles")}

security_policy_ids := {r.id | some r in lib.resources_of("Microsoft.Cdn/profiles/securityPolicies")}

waf_security_policy_ids := {r.id |
	some r in lib.resources_of("Microsoft.Cdn/profiles/securityPolicies")
	waf_security_policy(r)
}

waf_security_policy(r) if lib.is_unknown(r, "properties.parameters.type")

waf_security_policy(r) if {
	lower(object.get(r, ["properties", "parameters", "type"], "")) == "webapplicationfirewall"
	has_value(r, "properties.parameters.wafPolicy.id")
}

# A security policy belongs to the profile it is a child of (or refers to).
profile_edges := {[e.from, e.to] |
	some id in security_policy_ids
	some e in edges_from[id]
	e.kind in {"parent", "reference"}
	afd_profile_ids[e.to]
}

protected_profiles := {p | some [sp, p] in profile_edges; waf_security_policy_ids[sp]}

# Security policies whose profile cannot be told: "has no WAF" cannot be claimed.
unattached_security_policies := security_policy_ids - {sp | some [sp, _] in profile_edges}

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

# The value at the dotted `path` (no list index) is set, or known only at deployment.
has_value(r, path) if set_or_unknown(object.get(r, split(path, "."), null), r, path)

# `v`, read from `path` of `r`, is set, or known only at deployment.
set_or_unknown(v, _, _) if not v in {null, ""}

set_or_unknown(_, r, path) if lib.is_unknown(r, path)

# ---------------------------------------------------------------------------
# Application Gateways
# ---------------------------------------------------------------------------

agw_type := "microsoft.network/applicationgateways"

# Gateways no check below can fault, the common case: the WAF_v2 tier (in sku.tier,
# which is read first) and a gateway-level WAF policy. Two plain comparisons each.
settled_gateways := {i |
	some i in input.index.by_type[agw_type]
	r := input.resources[i]
	r.properties.sku.tier == "WAF_v2"
	policy := r.properties.firewallPolicy.id
	not policy in {null, ""}
}

public_facing(r) if {
	some fe in object.get(r, ["properties", "frontendIPConfigurations"], [])
	object.get(fe, ["properties", "publicIPAddress"], null) != null
	not lib.is_unknown(r, "properties.frontendIPConfigurations")
}

# A frontend whose public IP is known only at deployment counts too; the sprintf per
# frontend is only paid by gateways with unknown values.
public_facing(r) if {
	count(r.unknown) > 0
	not lib.is_unknown(r, "properties.frontendIPConfigurations")
	some i, _ in object.get(r, ["properties", "frontendIPConfigurations"], [])
	prefix := sprintf("properties.frontendIPConfigurations[%d].properties.publicIPAddress", [i])
	some u in r.unknown
	startswith(u, prefix)
}

# The tier is read from properties.sku.tier, else properties.sku.name.
sku_keys := {
	true: ["properties", "sku", "tier"],
	false: ["properties", "sku", "name"],
}

# [gateway, tier, path of the tier] for the public-facing gateways whose tier is
# known, worked out once for the three checks below.
public_gateways := [[r, tier, path] |
	some i in input.index.by_type[agw_type]
	not settled_gateways[i]
	r := input.resources[i]
	public_facing(r)
	keys := sku_keys[is_string(object.get(r, ["properties", "sku", "tier"], null))]
	tier := object.get(r, keys, null)
	is_string(tier)
	not lib.is_unknown(r, "properties.sku")
	path := concat(".", keys)
]

has_waf_policy(r) if has_value(r, "properties.firewallPolicy.id")

has_waf_policy(r) if {
	listeners := object.get(r, ["properties", "httpListeners"], [])
	count(listeners) > 0
	every i, l in listeners {
		v := object.get(l, ["properties", "firewallPolicy", "id"], null)
		set_or_unknown(v, r, sprintf("properties.httpListeners[%d].properties.firewallPolicy.id", [i]))
	}
}

has_waf_policy(r) if lib.is_unknown(r, "properties.httpListeners")

# WAF_v2 gateways with no WAF policy. A gateway-level policy id, the common case,
# settles it before the has_waf_policy call.
waf_v2_without_policy := [r |
	some [r, tier, _] in public_gateways
	object.get(r, ["properties", "firewallPolicy", "id"], null) in {null, ""}
	lower(tier) == "waf_v2"
	not has_waf_policy(r)
]

waf_config := "properties.webApplicationFirewallConfiguration"

deny contains lib.finding_at(r, path, msg) if {
	some [r, tier, path] in public_gateways
	lower(tier) != "waf_v2"
	msg := sprintf("%s is public-facing on the %s tier: use WAF_v2 with a WAF policy in Prevention mode", [lib.label(r), tier])
}

deny contains lib.finding(r, msg) if {
	some r in waf_v2_without_policy
	not has_value(r, waf_config)
	msg := sprintf("%s is public-facing with no WAF policy: set properties.firewallPolicy to a WAF policy in Prevention mode", [lib.label(r)])
}

deny contains lib.finding_at(r, path, msg) if {
	some r in waf_v2_without_policy
	not lib.is_unknown(r, waf_config)
	cfg := object.get(r, split(waf_config, "."), null)
	is_object(cfg)
	some [path, msg] in inline_waf_problems(r, cfg)
}

inline_waf_problems(r, cfg) := {[p, m] |
	object.get(cfg, "enabled", false) != true
	p := concat(".", [waf_config, "enabled"])
	m := sprintf("%s has its WAF configuration disabled: enable it in Prevention mode (or attach a WAF policy)", [lib.label(r)])
} | {[p, m] |
	object.get(cfg, "enabled", false) == true
	mode := object.get(cfg, "firewallMode", "Detection")
	lower(mode) != "prevention"
	p := concat(".", [waf_config, "firewallMode"])
	m := sprintf("%s runs its WAF in %s mode, which only logs attacks: set firewallMode to Prevention", [lib.label(r), mode])
}

# ---------------------------------------------------------------------------
# WAF policies
# ---------------------------------------------------------------------------

# Lower-case type (as in the type index) → the key of its enabled state.
waf_policy_types := {
	"microsoft.network/applicationgatewaywebapplicationfirewallpolicies": "state",
	"microsoft.network/frontdoorwebapplicationfirewallpolicies": "enabledState",
}

# Position → mode of the WAF policies whose mode is not exactly "Prevention" (most
# are: one comparison settles them).
not_prevention := {i: mode |
	some t, _ in waf_policy_types
	some i in input.index.by_type[t]
	mode := object.get(input.resources[i], ["properties", "policySettings", "mode"], null)
	mode != "Prevention"
}

deny contains lib.finding_at(r, "properties.policySettings.mode", msg) if {
	some i, mode in not_prevention
	not prevention(mode)
	r := input.resources[i]
	not lib.is_unknown(r, "properties.policySettings.mode")
	msg := mode_message(r, mode)
}

prevention(mode) if {
	is_string(mode)
	lower(mode) == "prevention"
}

mode_message(r, mode) := sprintf("%s is in %s mode, which only logs attacks: set policySettings.mode to Prevention", [lib.label(r), mode]) if is_string(mode)

mode_message(r, mode) := sprintf("%s does not set policySettings.mode: set it to Prevention explicitly", [lib.label(r)]) if not is_string(mode)

# [position, path] of the WAF policies whose state is not exactly "Enabled" (most
# are: one comparison settles them).
not_enabled := {[i, path] |
	some t, state in waf_policy_types
	some i in input.index.by_type[t]
	value := object.get(input.resources[i], ["properties", "policySettings", state], "Enabled")
	value != "Enabled"
	lower(value) == "disabled"
	path := concat(".", ["properties.policySettings", state])
}

deny contains lib.finding_at(r, path, msg) if {
	some [i, path] in not_enabled
	r := input.resources[i]
	not lib.is_unknown(r, path)
	msg := sprintf("%s is disabled (%s is Disabled): requests pass uninspected", [lib.label(r), path])
}

# ---------------------------------------------------------------------------
# Front Door
# ---------------------------------------------------------------------------

deny contains lib.finding(r, msg) if {
	some r in lib.resources_of("Microsoft.Cdn/profiles")
	afd_skus[lower(object.get(r, ["sku", "name"], ""))]
	not lib.is_unknown(r, "sku.name")
	not protected_profiles[r.id]
	count(unattached_security_policies) == 0
	msg := sprintf("%s has no security policy attaching a WAF policy: add a Microsoft.Cdn/profiles/securityPolicies of type WebApplicationFirewall with a WAF policy in Prevention mode", [lib.label(r)])
}

deny contains lib.finding_at(r, path, msg) if {
	some r in lib.resources_of("Microsoft.Network/frontDoors")
	not lib.is_unknown(r, "properties.frontendEndpoints")
	some i, fe in object.get(r, ["properties", "frontendEndpoints"], [])
	path := sprintf("properties.frontendEndpoints[%d]", [i])
	link := object.get(fe, ["properties", "webApplicationFirewallPolicyLink", "id"], null)
	not set_or_unknown(link, r, concat(".", [path, "properties.webApplicationFirewallPolicyLink.id"]))
	msg := sprintf("%s frontend endpoint '%s' has no WAF policy link: set webApplicationFirewallPolicyLink to a WAF policy in Prevention mode", [lib.label(r), object.get(fe, "name", i)])
}

# ---------------------------------------------------------------------------
# Inference endpoints reachable from the internet without a gateway
# ---------------------------------------------------------------------------

# Each kind below is a set of positions: the endpoints open to the internet that no
# front refers to; those whose host name a front names (fronted_by_host) are then
# taken out natively.

unfronted_message(r, how) := sprintf("%s serves inference to the internet (%s) and no Application Gateway or Front Door fronts it: close its public access and publish it through Application Gateway WAF_v2 or Front Door with a WAF policy in Prevention mode", [lib.label(r), how])

public_access(r) if {
	lower(object.get(r, ["properties", "publicNetworkAccess"], "Enabled")) != "disabled"
	not lib.is_unknown(r, "properties.publicNetworkAccess")
}

# Positions of the resources of type `t` whose publicNetworkAccess is not exactly
# "Disabled" (unset counts as open): all positions less those that say "Disabled",
# found by one plain comparison each.
not_disabled(t) := {i | some i in input.index.by_type[t]} - {i |
	some i in input.index.by_type[t]
	input.resources[i].properties.publicNetworkAccess == "Disabled"
}

open_online_endpoints := {i |
	some i in not_disabled("microsoft.machinelearningservices/workspaces/onlineendpoints")
	r := input.resources[i]
	public_access(r)
	not fronted_by_reference[r.id]
}

deny contains lib.finding_at(r, "properties.publicNetworkAccess", msg) if {
	some i in open_online_endpoints - fronted_by_host
	r := input.resources[i]
	msg := unfronted_message(r, "public network access enabled")
}

cognitive_kinds := {lower(k) | some k in data.lzscan.params.LZ107.cognitive_kinds}

open_cognitive_accounts := {i |
	some i in not_disabled("microsoft.cognitiveservices/accounts")
	r := input.resources[i]
	cognitive_kinds[lower(object.get(r, "kind", ""))]
	lower(object.get(r, ["properties", "networkAcls", "defaultAction"], "Allow")) != "deny"
	public_access(r)
	not lib.is_unknown(r, "kind")
	not lib.is_unknown(r, "properties.networkAcls.defaultAction")
	not fronted_by_reference[r.id]
}

deny contains lib.finding_at(r, "properties.publicNetworkAccess", msg) if {
	some i in open_cognitive_accounts - fronted_by_host
	r := input.resources[i]
	msg := unfronted_message(r, "public network access enabled, network ACLs allow all")
}

# Container Apps with external ingress in a public environment that no front
# refers to (the environment, the more selective test, first). The unknown and
# IP-restriction checks (calls) wait for the few that no front names either.
exposed_apps := {i |
	public := in_public_environment
	some i in input.index.by_type["microsoft.app/containerapps"]
	r := input.resources[i]
	public[r.id]
	r.properties.configuration.ingress.external == true
	not fronted_by_reference[r.id]
}

deny contains lib.finding_at(r, path, msg) if {
	some i in exposed_apps - fronted_by_host
	r := input.resources[i]
	path := "properties.configuration.ingress.external"
	not lib.is_unknown(r, path)
	not ip_restricted(r)
	msg := unfronted_message(r, "external ingress in a public environment")
}

ip_restricted(r) if lib.is_unknown(r, "properties.configuration.ingress.ipSecurityRestrictions")

ip_restricted(r) if {
	some rule in r.properties.configuration.ingress.ipSecurityRestrictions
	lower(object.get(rule, "action", "")) == "allow"
}
