package lzscan.rules.aml_workspace_isolated_test

import data.lzscan.rules.aml_workspace_isolated as rule

ws(kind, props, unknown) := {
	"resources": [{
		"id": "w1", "type": "Microsoft.MachineLearningServices/workspaces", "name": "mlw-train",
		"kind": kind, "properties": props, "unknown": unknown,
	}],
	"index": {"by_type": {"microsoft.machinelearningservices/workspaces": [0]}},
}

isolated := {"publicNetworkAccess": "Disabled", "managedNetwork": {"isolationMode": "AllowOnlyApprovedOutbound"}}

paths(findings) := {f.path | some f in findings}

test_defaults_give_two_findings if {
	findings := rule.deny with input as ws("Default", {}, [])
	paths(findings) == {"properties.managedNetwork.isolationMode", "properties.publicNetworkAccess"}
	some f in findings
	f.path == "properties.managedNetwork.isolationMode"
	contains(f.message, "isolation mode Disabled: its computes do not run in a managed VNet (use AllowOnlyApprovedOutbound)")
	some g in findings
	g.path == "properties.publicNetworkAccess"
	contains(g.message, "public network access Enabled")
}

test_null_values_take_the_azure_defaults if {
	findings := rule.deny with input as ws("Hub", {"publicNetworkAccess": null, "managedNetwork": null}, [])
	count(findings) == 2
}

test_isolated_workspace_passes if {
	count(rule.deny) == 0 with input as ws("Default", isolated, [])
	count(rule.deny) == 0 with input as ws("Hub", isolated, [])
}

test_values_compare_case_insensitively if {
	props := {"publicNetworkAccess": "disabled", "managedNetwork": {"isolationMode": "allowonlyapprovedoutbound"}}
	count(rule.deny) == 0 with input as ws("FeatureStore", props, [])
}

test_internet_outbound_is_not_accepted_by_default if {
	props := object.union(isolated, {"managedNetwork": {"isolationMode": "AllowInternetOutbound"}})
	findings := rule.deny with input as ws("Default", props, [])
	count(findings) == 1
	some f in findings
	contains(f.message, "AllowInternetOutbound: egress from its computes is open to any internet destination")
}

test_allowed_isolation_modes_parameter if {
	props := object.union(isolated, {"managedNetwork": {"isolationMode": "AllowInternetOutbound"}})
	modes := ["AllowOnlyApprovedOutbound", "AllowInternetOutbound"]
	count(rule.deny) == 0 with input as ws("Default", props, []) with data.lzscan.params.LZ601.allowed_isolation_modes as modes
	findings := rule.deny with input as ws("Default", isolated, []) with data.lzscan.params.LZ601.allowed_isolation_modes as ["AllowInternetOutbound"]
	some f in findings
	endswith(f.message, "AllowOnlyApprovedOutbound: this isolation mode is not accepted (use AllowInternetOutbound)")
}

test_public_access_alone_is_reported if {
	props := object.union(isolated, {"publicNetworkAccess": "Enabled"})
	findings := rule.deny with input as ws("Default", props, [])
	paths(findings) == {"properties.publicNetworkAccess"}
}

test_projects_inherit_their_hub_network if {
	count(rule.deny) == 0 with input as ws("Project", {"hubResourceId": "hub"}, [])
	count(rule.deny) == 0 with input as ws("project", {}, [])
}

test_absent_kind_is_a_plain_workspace if {
	inp := {
		"resources": [{"id": "w1", "type": "Microsoft.MachineLearningServices/workspaces", "name": "w", "properties": {}, "unknown": []}],
		"index": {"by_type": {"microsoft.machinelearningservices/workspaces": [0]}},
	}
	count(rule.deny) == 2 with input as inp
}

test_unknown_values_are_silent if {
	count(rule.deny) == 0 with input as ws("Default", {}, ["properties.managedNetwork", "properties.publicNetworkAccess"])
	count(rule.deny) == 0 with input as ws("Default", {}, ["properties.managedNetwork.isolationMode", "properties.publicNetworkAccess"])
	count(rule.deny) == 0 with input as ws("Default", {}, ["properties"])
	count(rule.deny) == 0 with input as ws(null, {}, ["kind"])
}

# The cheap pre-tests only skip what the full conditions skip: a workspace without a
# (string) kind is still checked, only projects are not.
test_workspace_without_kind_is_checked if {
	count(rule.deny) == 2 with input as ws(null, {}, [])
	count(rule.deny) == 2 with input as ws(42, {"publicNetworkAccess": "Enabled", "managedNetwork": {"isolationMode": "Disabled"}}, [])
	count(rule.deny) == 0 with input as ws("PROJECT", {}, [])
}
