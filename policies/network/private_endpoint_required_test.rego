package lzscan.rules.private_endpoint_required_test

import data.lzscan.rules.private_endpoint_required as rule

sa := {"id": "sa1", "type": "Microsoft.Storage/storageAccounts", "name": "data", "unknown": []}

kv := {"id": "kv1", "type": "Microsoft.KeyVault/vaults", "name": "secrets", "unknown": []}

graph(resources, targets, doubtful) := {
	"resources": resources,
	"index": {
		"by_type": {lower(r.type): [i | some i, x in resources; lower(x.type) == lower(r.type)] | some r in resources},
		"private_endpoint_targets": targets,
		"private_endpoint_unknown": doubtful,
	},
}

test_service_without_private_endpoint_is_reported if {
	findings := rule.deny with input as graph([sa, kv], {}, {})
	count(findings) == 2
	some f in findings
	f.resource == "sa1"
	contains(f.message, "'data' has no private endpoint")
}

test_service_with_private_endpoint_passes if {
	findings := rule.deny with input as graph([sa, kv], {"sa1": ["pe1"], "kv1": ["pe2"]}, {})
	count(findings) == 0
}

test_unresolvable_private_endpoint_is_silent if {
	findings := rule.deny with input as graph([sa], {}, {"sa1": true})
	count(findings) == 0
}

test_type_match_is_case_insensitive if {
	lower_sa := object.union(sa, {"type": "microsoft.storage/STORAGEACCOUNTS"})
	count(rule.deny) == 1 with input as graph([lower_sa], {}, {})
}

test_other_types_are_ignored if {
	vnet := {"id": "v", "type": "Microsoft.Network/virtualNetworks", "name": "hub", "unknown": []}
	count(rule.deny) == 0 with input as graph([vnet], {}, {})
}

test_unexported_properties_are_silent if {
	listed := object.union(sa, {"unknown": ["properties"]})
	count(rule.deny) == 0 with input as graph([listed], {}, {})
}

# The careful path (no string name, or some value unknown) gives the same findings
# as the plain one.
test_resource_without_name_is_labelled_by_type if {
	unnamed := object.union(sa, {"name": null})
	rule.deny == {{"resource": "sa1", "message": "Microsoft.Storage/storageAccounts has no private endpoint connected to it"}} with input as graph([unnamed], {}, {})
}

test_other_unknown_values_do_not_hide_a_finding if {
	partly := object.union(sa, {"unknown": ["properties.encryption", "properties.privateEndpointConnectionsX"]})
	rule.deny == {{"resource": "sa1", "message": "Microsoft.Storage/storageAccounts 'data' has no private endpoint connected to it"}} with input as graph([partly], {}, {})
	count(rule.deny) == 0 with input as graph([partly], {"sa1": ["pe1"]}, {})
}

test_missing_doubtful_index_is_read_as_empty if {
	count(rule.deny) == 1 with input as {"resources": [sa], "index": {"by_type": {"microsoft.storage/storageaccounts": [0]}, "private_endpoint_targets": {}}}
}
