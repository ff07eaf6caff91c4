package lzscan.rules.key_vault_hsm_test

import data.lzscan.rules.key_vault_hsm as rule

vault(props, unknown) := {
	"resources": [{"id": "kv1", "type": "Microsoft.KeyVault/vaults", "name": "secrets", "properties": props, "unknown": unknown}],
	"index": {"by_type": {"microsoft.keyvault/vaults": [0]}},
}

test_standard_sku_without_purge_protection_gives_two_findings if {
	findings := rule.deny with input as vault({"sku": {"family": "A", "name": "standard"}}, [])
	count(findings) == 2
	paths := {f.path | some f in findings}
	paths == {"properties.sku.name", "properties.enablePurgeProtection"}
}

test_absent_sku_is_standard if {
	findings := rule.deny with input as vault({"enablePurgeProtection": true}, [])
	count(findings) == 1
	some f in findings
	contains(f.message, "standard SKU")
}

test_premium_with_purge_protection_passes if {
	count(rule.deny) == 0 with input as vault({"sku": {"name": "Premium"}, "enablePurgeProtection": true}, [])
}

test_unknown_values_are_silent if {
	count(rule.deny) == 0 with input as vault({}, ["properties.sku.name", "properties.enablePurgeProtection"])
	count(rule.deny) == 0 with input as vault({}, ["properties"])
}

test_managed_hsm_needs_only_purge_protection if {
	hsm := {
		"resources": [{"id": "h", "type": "Microsoft.KeyVault/managedHSMs", "name": "hsm", "properties": {}, "unknown": []}],
		"index": {"by_type": {"microsoft.keyvault/managedhsms": [0]}},
	}
	findings := rule.deny with input as hsm
	count(findings) == 1
	some f in findings
	f.path == "properties.enablePurgeProtection"
}
