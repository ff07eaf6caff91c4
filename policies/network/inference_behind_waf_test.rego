package lzscan.rules.inference_behind_waf_test

import data.lzscan.rules.inference_behind_waf as rule

graph(resources, edges) := {
	"resources": resources,
	"edges": edges,
	"index": {"by_type": {lower(r.type): [i | some i, x in resources; lower(x.type) == lower(r.type)] | some r in resources}},
}

res(id, type, body, unknown) := object.union({"id": id, "type": type, "name": id, "unknown": unknown}, body)

ref(from, to) := {"kind": "reference", "from": from, "to": to, "resolved": true}

public_fe := [{"name": "public", "properties": {"publicIPAddress": {"id": "pip"}}}]

private_fe := [{"name": "private", "properties": {"privateIPAddress": "10.0.0.20", "subnet": {"id": "snet"}}}]

agw(props, unknown) := res("agw", "Microsoft.Network/applicationGateways", {"properties": object.union({"frontendIPConfigurations": public_fe}, props)}, unknown)

waf_v2 := {"name": "WAF_v2", "tier": "WAF_v2"}

deny_of(resources, edges) := d if {
	d := rule.deny with input as graph(resources, edges)
}

paths(findings) := {f.path | some f in findings}

# --- Application Gateways ---------------------------------------------------

test_standard_v2_gateway_is_reported_at_its_tier if {
	findings := deny_of([agw({"sku": {"name": "Standard_v2", "tier": "Standard_v2"}}, [])], [])
	count(findings) == 1
	some f in findings
	f.path == "properties.sku.tier"
	contains(f.message, "on the Standard_v2 tier")
}

test_sku_name_is_read_when_tier_is_absent if {
	findings := deny_of([agw({"sku": {"name": "Standard_v2"}}, [])], [])
	paths(findings) == {"properties.sku.name"}
}

test_private_gateway_is_not_checked if {
	g := res("agw", "Microsoft.Network/applicationGateways", {"properties": {"sku": {"tier": "Standard_v2"}, "frontendIPConfigurations": private_fe}}, [])
	count(deny_of([g], [])) == 0
}

test_unknown_public_ip_counts_as_public if {
	fe := [{"name": "public", "properties": {}}]
	g := res("agw", "Microsoft.Network/applicationGateways", {"properties": {"sku": {"tier": "Standard_v2"}, "frontendIPConfigurations": fe}}, ["properties.frontendIPConfigurations[0].properties.publicIPAddress.id"])
	count(deny_of([g], [])) == 1
}

test_unknown_frontends_or_sku_are_silent if {
	count(deny_of([agw({"sku": {"tier": "Standard_v2"}}, ["properties.frontendIPConfigurations"])], [])) == 0
	count(deny_of([agw({}, ["properties.sku"])], [])) == 0
}

test_waf_v2_without_any_waf_is_reported if {
	findings := deny_of([agw({"sku": waf_v2}, [])], [])
	count(findings) == 1
	some f in findings
	not f.path
	contains(f.message, "no WAF policy")
}

test_waf_v2_with_policy_passes if {
	count(deny_of([agw({"sku": waf_v2, "firewallPolicy": {"id": "waf"}}, [])], [])) == 0
	count(deny_of([agw({"sku": waf_v2}, ["properties.firewallPolicy.id"])], [])) == 0
}

test_policies_on_every_listener_count_as_a_waf if {
	with_policy := {"name": "l1", "properties": {"firewallPolicy": {"id": "waf"}}}
	without := {"name": "l2", "properties": {}}
	count(deny_of([agw({"sku": waf_v2, "httpListeners": [with_policy]}, [])], [])) == 0
	count(deny_of([agw({"sku": waf_v2, "httpListeners": [with_policy, without]}, [])], [])) == 1
	count(deny_of([agw({"sku": waf_v2, "httpListeners": [without]}, ["properties.httpListeners[0].properties.firewallPolicy.id"])], [])) == 0
	count(deny_of([agw({"sku": waf_v2}, ["properties.httpListeners"])], [])) == 0
}

test_inline_waf_configuration_in_prevention_passes if {
	cfg := {"enabled": true, "firewallMode": "Prevention", "ruleSetType": "OWASP", "ruleSetVersion": "3.2"}
	count(deny_of([agw({"sku": waf_v2, "webApplicationFirewallConfiguration": cfg}, [])], [])) == 0
}

test_inline_waf_configuration_in_detection_is_reported if {
	cfg := {"enabled": true, "firewallMode": "Detection"}
	findings := deny_of([agw({"sku": waf_v2, "webApplicationFirewallConfiguration": cfg}, [])], [])
	paths(findings) == {"properties.webApplicationFirewallConfiguration.firewallMode"}
	some f in findings
	contains(f.message, "Detection mode")
}

test_disabled_inline_waf_configuration_is_reported if {
	cfg := {"enabled": false, "firewallMode": "Prevention"}
	findings := deny_of([agw({"sku": waf_v2, "webApplicationFirewallConfiguration": cfg}, [])], [])
	paths(findings) == {"properties.webApplicationFirewallConfiguration.enabled"}
}

test_unknown_inline_waf_configuration_is_silent if {
	count(deny_of([agw({"sku": waf_v2}, ["properties.webApplicationFirewallConfiguration"])], [])) == 0
}

# --- WAF policies -------------------------------------------------------------

agw_policy(settings, unknown) := res("waf", "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies", {"properties": {"policySettings": settings}}, unknown)

fd_policy(settings, unknown) := res("fdwaf", "Microsoft.Network/FrontDoorWebApplicationFirewallPolicies", {"properties": {"policySettings": settings}}, unknown)

test_policy_in_detection_mode_is_reported if {
	findings := deny_of([agw_policy({"state": "Enabled", "mode": "Detection"}, []), fd_policy({"mode": "Detection"}, [])], [])
	count(findings) == 2
	every f in findings {
		f.path == "properties.policySettings.mode"
		contains(f.message, "Detection mode")
	}
}

test_policy_without_mode_is_reported if {
	findings := deny_of([agw_policy({"state": "Enabled"}, [])], [])
	count(findings) == 1
	some f in findings
	contains(f.message, "does not set policySettings.mode")
}

test_policy_in_prevention_mode_passes if {
	count(deny_of([agw_policy({"state": "Enabled", "mode": "Prevention"}, []), fd_policy({"enabledState": "Enabled", "mode": "prevention"}, [])], [])) == 0
}

test_disabled_policy_is_reported if {
	findings := deny_of([agw_policy({"state": "Disabled", "mode": "Prevention"}, []), fd_policy({"enabledState": "Disabled", "mode": "Prevention"}, [])], [])
	paths(findings) == {"properties.policySettings.state", "properties.policySettings.enabledState"}
}

test_unknown_policy_settings_are_silent if {
	count(deny_of([agw_policy({}, ["properties.policySettings"]), fd_policy({}, ["properties.policySettings.mode", "properties.policySettings.enabledState"])], [])) == 0
}

# --- Front Door -------------------------------------------------------------

afd := res("afd", "Microsoft.Cdn/profiles", {"sku": {"name": "Premium_AzureFrontDoor"}}, [])

sp(params, unknown) := res("sp", "Microsoft.Cdn/profiles/securityPolicies", {"properties": {"parameters": params}}, unknown)

waf_params := {"type": "WebApplicationFirewall", "wafPolicy": {"id": "fdwaf"}, "associations": []}

parent(from, to) := {"kind": "parent", "from": from, "to": to, "resolved": true}

test_front_door_without_security_policy_is_reported if {
	findings := deny_of([afd], [])
	count(findings) == 1
	some f in findings
	contains(f.message, "no security policy attaching a WAF policy")
}

test_front_door_with_waf_security_policy_passes if {
	count(deny_of([afd, sp(waf_params, [])], [parent("sp", "afd")])) == 0
	count(deny_of([afd, sp(waf_params, [])], [ref("sp", "afd")])) == 0
	count(deny_of([afd, sp({}, ["properties.parameters.type"])], [parent("sp", "afd")])) == 0
	count(deny_of([afd, sp({"type": "WebApplicationFirewall", "wafPolicy": {}}, ["properties.parameters.wafPolicy.id"])], [parent("sp", "afd")])) == 0
}

test_security_policy_without_waf_policy_does_not_count if {
	count(deny_of([afd, sp({"type": "WebApplicationFirewall"}, [])], [parent("sp", "afd")])) == 1
}

test_security_policy_of_unknown_profile_is_silent if {
	count(deny_of([afd, sp(waf_params, [])], [])) == 0
}

test_cdn_profiles_and_unknown_skus_are_not_checked if {
	cdn := res("cdn", "Microsoft.Cdn/profiles", {"sku": {"name": "Standard_Microsoft"}}, [])
	unknown := res("afd2", "Microsoft.Cdn/profiles", {}, ["sku.name"])
	count(deny_of([cdn, unknown], [])) == 0
}

test_classic_front_door_endpoint_without_waf_link_is_reported if {
	endpoints := [
		{"name": "linked", "properties": {"hostName": "a.azurefd.net", "webApplicationFirewallPolicyLink": {"id": "fdwaf"}}},
		{"name": "open", "properties": {"hostName": "b.azurefd.net"}},
		{"name": "later", "properties": {"hostName": "c.azurefd.net"}},
	]
	fd := res("fd", "Microsoft.Network/frontDoors", {"properties": {"frontendEndpoints": endpoints}}, ["properties.frontendEndpoints[2].properties.webApplicationFirewallPolicyLink.id"])
	findings := deny_of([fd], [])
	paths(findings) == {"properties.frontendEndpoints[1]"}
	some f in findings
	contains(f.message, "endpoint 'open'")
}

test_classic_front_door_with_unknown_endpoints_is_silent if {
	fd := res("fd", "Microsoft.Network/frontDoors", {"properties": {}}, ["properties.frontendEndpoints"])
	count(deny_of([fd], [])) == 0
}

# --- Inference endpoints -----------------------------------------------------

online(props, unknown) := res("ep", "Microsoft.MachineLearningServices/workspaces/onlineEndpoints", {"properties": props}, unknown)

gateway := agw({"sku": waf_v2, "firewallPolicy": {"id": "waf"}}, [])

test_public_online_endpoint_without_gateway_is_reported if {
	findings := deny_of([online({"authMode": "Key"}, [])], [])
	count(findings) == 1
	some f in findings
	f.path == "properties.publicNetworkAccess"
	contains(f.message, "no Application Gateway or Front Door fronts it")
}

test_private_fronted_or_unknown_online_endpoint_passes if {
	count(deny_of([online({"publicNetworkAccess": "Disabled"}, [])], [])) == 0
	count(deny_of([online({}, ["properties.publicNetworkAccess"])], [])) == 0
	count(deny_of([online({}, []), gateway], [ref("agw", "ep")])) == 0
	origin := res("origin", "Microsoft.Cdn/profiles/originGroups/origins", {"properties": {}}, ["properties.hostName"])
	count(deny_of([online({}, []), origin], [ref("origin", "ep")])) == 0
}

account(kind, props, unknown) := res("oai", "Microsoft.CognitiveServices/accounts", {"kind": kind, "properties": props}, unknown)

test_public_openai_account_is_reported if {
	findings := deny_of([account("OpenAI", {"publicNetworkAccess": "Enabled"}, [])], [])
	count(findings) == 1
	count(deny_of([account("AIServices", {"networkAcls": {"defaultAction": "Allow"}}, [])], [])) == 1
}

test_closed_or_other_cognitive_accounts_pass if {
	count(deny_of([account("OpenAI", {"publicNetworkAccess": "Disabled"}, [])], [])) == 0
	count(deny_of([account("OpenAI", {"networkAcls": {"defaultAction": "Deny"}}, [])], [])) == 0
	count(deny_of([account("FormRecognizer", {}, [])], [])) == 0
	count(deny_of([account("OpenAI", {}, ["properties.networkAcls.defaultAction"])], [])) == 0
	count(deny_of([account(null, {}, ["kind"])], [])) == 0
}

test_cognitive_kinds_parameter if {
	findings := rule.deny with input as graph([account("FormRecognizer", {}, [])], [])
		with data.lzscan.params.LZ107.cognitive_kinds as ["formrecognizer"]
	count(findings) == 1
	count(rule.deny) == 0 with input as graph([account("OpenAI", {}, [])], [])
		with data.lzscan.params.LZ107.cognitive_kinds as []
}

env(props, unknown) := res("cae", "Microsoft.App/managedEnvironments", {"properties": props}, unknown)

app(ingress, unknown) := res("ca", "Microsoft.App/containerApps", {"properties": {"configuration": {"ingress": ingress}}}, unknown)

test_external_container_app_in_public_environment_is_reported if {
	findings := deny_of([env({}, []), app({"external": true, "targetPort": 8080}, [])], [ref("ca", "cae")])
	paths(findings) == {"properties.configuration.ingress.external"}
}

test_container_app_behind_gateway_or_restricted_passes if {
	count(deny_of([env({}, []), app({"external": true}, []), gateway], [ref("ca", "cae"), ref("agw", "ca")])) == 0
	allow := {"external": true, "ipSecurityRestrictions": [{"name": "agw", "action": "Allow", "ipAddressRange": "10.0.1.0/24"}]}
	count(deny_of([env({}, []), app(allow, [])], [ref("ca", "cae")])) == 0
	deny_only := {"external": true, "ipSecurityRestrictions": [{"name": "bad", "action": "Deny", "ipAddressRange": "1.2.3.4/32"}]}
	count(deny_of([env({}, []), app(deny_only, [])], [ref("ca", "cae")])) == 1
	count(deny_of([env({}, []), app({"external": true}, ["properties.configuration.ingress.ipSecurityRestrictions"])], [ref("ca", "cae")])) == 0
}

test_container_app_in_internal_environment_passes if {
	count(deny_of([env({"vnetConfiguration": {"internal": true}}, []), app({"external": true}, [])], [ref("ca", "cae")])) == 0
	count(deny_of([env({"publicNetworkAccess": "Disabled"}, []), app({"external": true}, [])], [ref("ca", "cae")])) == 0
	count(deny_of([env({}, ["properties.vnetConfiguration.internal"]), app({"external": true}, [])], [ref("ca", "cae")])) == 0
	count(deny_of([env({}, ["properties.publicNetworkAccess"]), app({"external": true}, [])], [ref("ca", "cae")])) == 0
	count(deny_of([env({}, ["tags.environment"]), app({"external": true}, [])], [ref("ca", "cae")])) == 1
}

# Scans give the edge indexes; the rule follows them instead of input.edges.
test_edges_are_read_from_the_index if {
	edges := [ref("ca", "cae"), ref("agw", "ep")]
	indexed := object.union(graph([env({}, []), app({"external": true}, []), online({}, []), gateway], []), {"index": {
		"edges_from": {"ca": [edges[0]], "agw": [edges[1]]},
		"edges_to": {"cae": [edges[0]], "ep": [edges[1]]},
	}})
	findings := rule.deny with input as indexed
	{f.resource | some f in findings} == {"ca"}
}

test_container_app_internal_unknown_or_without_environment_is_silent if {
	count(deny_of([env({}, []), app({"external": false}, [])], [ref("ca", "cae")])) == 0
	count(deny_of([env({}, []), app({}, [])], [ref("ca", "cae")])) == 0
	count(deny_of([env({}, []), app({}, ["properties.configuration.ingress.external"])], [ref("ca", "cae")])) == 0
	count(deny_of([app({"external": true}, [])], [])) == 0
}

test_deployed_backends_front_endpoints_by_host_name if {
	pool := {"backendAddressPools": [{"name": "b", "properties": {"backendAddresses": [{"fqdn": "ca-llm.happy.westeurope.azurecontainerapps.io"}]}}]}
	gw := agw(object.union({"sku": waf_v2, "firewallPolicy": {"id": "waf"}}, pool), [])
	fqdn := {"external": true, "fqdn": "CA-LLM.happy.westeurope.azurecontainerapps.io"}
	count(deny_of([app(fqdn, []), gw], [])) == 0
	ep := online({"scoringUri": "https://ep.westeurope.inference.ml.azure.com/score"}, [])
	origin := res("origin", "Microsoft.Cdn/profiles/originGroups/origins", {"properties": {"hostName": "ep.westeurope.inference.ml.azure.com"}}, [])
	count(deny_of([ep, origin], [])) == 0
	other := online({"scoringUri": "https://other.westeurope.inference.ml.azure.com/score"}, [])
	count(deny_of([other, origin], [])) == 1
}

# Host names are read from the string values of the gateway (any depth, any case),
# never from its object keys nor from inside a longer string.
test_host_names_are_whole_string_values_of_the_front if {
	fqdn := {"external": true, "fqdn": "ca-llm.happy.westeurope.azurecontainerapps.io"}
	apps := [env({}, []), app(fqdn, [])]
	edges := [ref("ca", "cae")]
	in_value := {"backendAddressPools": [{"properties": {"backendAddresses": [{"fqdn": "CA-LLM.happy.westeurope.azurecontainerapps.io"}]}}]}
	count(deny_of(array.concat(apps, [agw(object.union({"sku": waf_v2}, in_value), [])]), edges)) == 1 # the gateway's own finding
	as_key := {"tagsLike": {"ca-llm.happy.westeurope.azurecontainerapps.io": "x"}}
	count(deny_of(array.concat(apps, [agw(object.union({"sku": waf_v2, "firewallPolicy": {"id": "waf"}}, as_key), [])]), edges)) == 1
	quoted := {"note": `x":"ca-llm.happy.westeurope.azurecontainerapps.io`, "other": "\"ca-llm.happy.westeurope.azurecontainerapps.io\""}
	count(deny_of(array.concat(apps, [agw(object.union({"sku": waf_v2, "firewallPolicy": {"id": "waf"}}, quoted), [])]), edges)) == 1
	with_path := {"backendAddressPools": [{"properties": {"backendAddresses": [{"fqdn": "ca-llm.happy.westeurope.azurecontainerapps.io/"}]}}]}
	count(deny_of(array.concat(apps, [agw(object.union({"sku": waf_v2, "firewallPolicy": {"id": "waf"}}, with_path), [])]), edges)) == 1
	escaped := {"a": "line\nbreak", "b": ["ca-llm.happy.westeurope.azurecontainerapps.io"]}
	count(deny_of(array.concat(apps, [agw(object.union({"sku": waf_v2, "firewallPolicy": {"id": "waf"}}, escaped), [])]), edges)) == 0
}
