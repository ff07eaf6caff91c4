package lzscan.rules.public_network_access_disabled_test

import data.lzscan.rules.public_network_access_disabled as rule

res(type, body, unknown) := object.union({"id": "r1", "type": type, "name": "svc", "unknown": unknown}, body)

inp(r) := {
	"resources": [r],
	"index": {"by_type": {lower(r.type): [0]}},
}

storage(props) := res("Microsoft.Storage/storageAccounts", {"kind": "StorageV2", "properties": props}, [])

test_enabled_is_reported if {
	findings := rule.deny with input as inp(res("Microsoft.KeyVault/vaults", {"properties": {"publicNetworkAccess": "Enabled"}}, []))
	count(findings) == 1
	some f in findings
	f.path == "properties.publicNetworkAccess"
	contains(f.message, "publicNetworkAccess 'Enabled'")
}

test_absent_means_enabled if {
	findings := rule.deny with input as inp(res("Microsoft.ContainerRegistry/registries", {"properties": {}}, []))
	count(findings) == 1
	some f in findings
	contains(f.message, "does not set publicNetworkAccess")
}

test_absent_properties_means_enabled if {
	count(rule.deny) == 1 with input as inp(res("Microsoft.DataFactory/factories", {}, []))
}

test_disabled_and_secured_by_perimeter_pass if {
	count(rule.deny) == 0 with input as inp(res("Microsoft.DocumentDB/databaseAccounts", {"properties": {"publicNetworkAccess": "Disabled"}}, []))
	count(rule.deny) == 0 with input as inp(res("Microsoft.Storage/storageAccounts", {"properties": {"publicNetworkAccess": "SecuredByPerimeter"}}, []))
	count(rule.deny) == 0 with input as inp(res("Microsoft.EventHub/namespaces", {"properties": {"publicNetworkAccess": "disabled"}}, []))
}

test_every_default_service_is_checked if {
	types := [
		"Microsoft.Storage/storageAccounts",
		"Microsoft.KeyVault/vaults",
		"Microsoft.ContainerRegistry/registries",
		"Microsoft.DocumentDB/databaseAccounts",
		"Microsoft.MachineLearningServices/workspaces",
		"Microsoft.CognitiveServices/accounts",
		"Microsoft.EventHub/namespaces",
		"Microsoft.DataFactory/factories",
	]
	resources := [res(t, {"properties": {"publicNetworkAccess": "Enabled"}}, []) | some t in types]
	by_type := {lower(t): [i] | some i, t in types}
	count(rule.deny) == 8 with input as {"resources": resources, "index": {"by_type": by_type}}
}

test_other_types_are_not_checked if {
	count(rule.deny) == 0 with input as inp(res("Microsoft.Web/sites", {"properties": {"publicNetworkAccess": "Enabled"}}, []))
}

test_unknown_value_is_silent if {
	count(rule.deny) == 0 with input as inp(res("Microsoft.KeyVault/vaults", {"properties": {}}, ["properties.publicNetworkAccess"]))
	count(rule.deny) == 0 with input as inp(res("Microsoft.KeyVault/vaults", {}, ["properties"]))
}

test_non_string_value_is_not_judged if {
	count(rule.deny) == 0 with input as inp(res("Microsoft.KeyVault/vaults", {"properties": {"publicNetworkAccess": true}}, []))
}

test_foundry_project_inherits_from_its_hub if {
	project := res("Microsoft.MachineLearningServices/workspaces", {"kind": "Project", "properties": {"hubResourceId": "hub"}}, [])
	count(rule.deny) == 0 with input as inp(project)
	unknown_kind := res("Microsoft.MachineLearningServices/workspaces", {"properties": {}}, ["kind"])
	count(rule.deny) == 0 with input as inp(unknown_kind)
}

test_foundry_project_kind_is_case_insensitive if {
	project := res("Microsoft.MachineLearningServices/workspaces", {"kind": "project", "properties": {}}, [])
	count(rule.deny) == 0 with input as inp(project)
}

test_foundry_project_that_enables_access_is_reported if {
	project := res("Microsoft.MachineLearningServices/workspaces", {"kind": "Project", "properties": {"publicNetworkAccess": "Enabled"}}, [])
	count(rule.deny) == 1 with input as inp(project)
}

test_hub_workspace_without_the_property_is_reported if {
	hub := res("Microsoft.MachineLearningServices/workspaces", {"kind": "Hub", "properties": {}}, [])
	count(rule.deny) == 1 with input as inp(hub)
}

test_storage_firewall_is_not_enough_by_default if {
	acct := storage({"publicNetworkAccess": "Enabled", "networkAcls": {"defaultAction": "Deny", "ipRules": []}})
	count(rule.deny) == 1 with input as inp(acct)
}

test_storage_firewall_accepted_when_configured if {
	closed := storage({"publicNetworkAccess": "Enabled", "networkAcls": {"defaultAction": "Deny", "virtualNetworkRules": [{"id": "snet"}]}})
	count(rule.deny) == 0 with input as inp(closed) with data.lzscan.params.LZ102.storage_firewall_accepted as true
	absent := storage({"networkAcls": {"defaultAction": "Deny"}})
	count(rule.deny) == 0 with input as inp(absent) with data.lzscan.params.LZ102.storage_firewall_accepted as true
}

test_storage_firewall_with_ip_rules_or_allow_is_reported_even_when_accepted if {
	ips := storage({"publicNetworkAccess": "Enabled", "networkAcls": {"defaultAction": "Deny", "ipRules": [{"value": "203.0.113.0/24", "action": "Allow"}]}})
	count(rule.deny) == 1 with input as inp(ips) with data.lzscan.params.LZ102.storage_firewall_accepted as true
	open := storage({"publicNetworkAccess": "Enabled", "networkAcls": {"defaultAction": "Allow"}})
	count(rule.deny) == 1 with input as inp(open) with data.lzscan.params.LZ102.storage_firewall_accepted as true
	none := storage({"publicNetworkAccess": "Enabled"})
	count(rule.deny) == 1 with input as inp(none) with data.lzscan.params.LZ102.storage_firewall_accepted as true
}

test_storage_firewall_unknown_default_action_is_given_the_benefit if {
	acct := res("Microsoft.Storage/storageAccounts", {"properties": {"publicNetworkAccess": "Enabled"}}, ["properties.networkAcls"])
	count(rule.deny) == 0 with input as inp(acct) with data.lzscan.params.LZ102.storage_firewall_accepted as true
	count(rule.deny) == 1 with input as inp(acct)
}

test_firewall_parameter_applies_to_storage_only if {
	vault := res("Microsoft.KeyVault/vaults", {"properties": {"publicNetworkAccess": "Enabled", "networkAcls": {"defaultAction": "Deny"}}}, [])
	count(rule.deny) == 1 with input as inp(vault) with data.lzscan.params.LZ102.storage_firewall_accepted as true
}

test_services_parameter_narrows_the_check if {
	vault := res("Microsoft.KeyVault/vaults", {"properties": {"publicNetworkAccess": "Enabled"}}, [])
	count(rule.deny) == 0 with input as inp(vault) with data.lzscan.params.LZ102.services as ["Microsoft.Storage/storageAccounts"]
	site := res("Microsoft.Web/sites", {"properties": {"publicNetworkAccess": "Enabled"}}, [])
	count(rule.deny) == 1 with input as inp(site) with data.lzscan.params.LZ102.services as ["microsoft.web/SITES"]
}

# The careful path (no string name, or some value unknown) gives the same findings
# as the plain one.
test_resource_without_name_is_labelled_by_type if {
	open := object.union(res("Microsoft.KeyVault/vaults", {"properties": {"publicNetworkAccess": "Enabled"}}, []), {"name": null})
	rule.deny == {{"resource": "r1", "path": "properties.publicNetworkAccess", "message": "Microsoft.KeyVault/vaults has publicNetworkAccess 'Enabled': its public endpoint stays reachable (set it to Disabled and use a private endpoint)"}} with input as inp(open)
	unset := object.union(res("Microsoft.KeyVault/vaults", {"properties": {}}, []), {"name": null})
	rule.deny == {{"resource": "r1", "path": "properties.publicNetworkAccess", "message": "Microsoft.KeyVault/vaults does not set publicNetworkAccess, so Azure leaves its public endpoint enabled (set it to Disabled and use a private endpoint)"}} with input as inp(unset)
}

test_other_unknown_values_do_not_hide_a_finding if {
	open := res("Microsoft.KeyVault/vaults", {"properties": {"publicNetworkAccess": "Enabled"}}, ["properties.tenantId"])
	rule.deny == {{"resource": "r1", "path": "properties.publicNetworkAccess", "message": "Microsoft.KeyVault/vaults 'svc' has publicNetworkAccess 'Enabled': its public endpoint stays reachable (set it to Disabled and use a private endpoint)"}} with input as inp(open)
	unset := res("Microsoft.KeyVault/vaults", {"properties": {}}, ["properties.publicNetworkAccessx"])
	rule.deny == {{"resource": "r1", "path": "properties.publicNetworkAccess", "message": "Microsoft.KeyVault/vaults 'svc' does not set publicNetworkAccess, so Azure leaves its public endpoint enabled (set it to Disabled and use a private endpoint)"}} with input as inp(unset)
}
