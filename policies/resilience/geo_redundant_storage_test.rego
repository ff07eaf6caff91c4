package lzscan.rules.geo_redundant_storage_test

import data.lzscan.rules.geo_redundant_storage as rule

graph(sku, unknown) := {
	"resources": [{"id": "sa1", "type": "Microsoft.Storage/storageAccounts", "name": "data", "sku": sku, "unknown": unknown}],
	"index": {"by_type": {"microsoft.storage/storageaccounts": [0]}},
}

test_locally_redundant_storage_is_reported if {
	findings := rule.deny with input as graph({"name": "Standard_LRS"}, [])
	count(findings) == 1
	some f in findings
	f.path == "sku.name"
	contains(f.message, "Standard_LRS")
}

test_zone_redundant_only_is_reported if {
	count(rule.deny) == 1 with input as graph({"name": "Standard_ZRS"}, [])
}

test_geo_redundant_skus_pass if {
	every sku in ["Standard_GRS", "Standard_RAGRS", "standard_gzrs", "Standard_RAGZRS"] {
		count(rule.deny) == 0 with input as graph({"name": sku}, [])
	}
}

test_unknown_sku_is_silent if {
	count(rule.deny) == 0 with input as graph({}, ["sku.name"])
	count(rule.deny) == 0 with input as graph({}, ["sku"])
}

test_absent_sku_is_silent if {
	count(rule.deny) == 0 with input as graph({}, [])
}
