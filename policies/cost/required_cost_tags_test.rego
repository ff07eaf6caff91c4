package lzscan.rules.required_cost_tags_test

import data.lzscan.rules.required_cost_tags as rule

all_tags := {"cost-center": "ai", "project": "p", "environment": "prod"}

res(type, tags, unknown) := {"id": "r1", "type": type, "name": "n", "tags": tags, "unknown": unknown}

test_untagged_resource_is_reported if {
	findings := rule.deny with input as {"resources": [res("Microsoft.Storage/storageAccounts", {}, [])]}
	count(findings) == 1
	some f in findings
	f.path == "tags"
	contains(f.message, "cost-center, project, environment")
}

test_partially_tagged_resource_names_the_missing_tag if {
	tags := {"cost-center": "ai", "project": "p"}
	findings := rule.deny with input as {"resources": [res("Microsoft.KeyVault/vaults", tags, [])]}
	some f in findings
	endswith(f.message, "tag(s) environment")
}

test_fully_tagged_resource_passes if {
	count(rule.deny) == 0 with input as {"resources": [res("Microsoft.KeyVault/vaults", all_tags, [])]}
}

test_tag_names_are_case_insensitive if {
	tags := {"Cost-Center": "ai", "PROJECT": "p", "Environment": "prod"}
	count(rule.deny) == 0 with input as {"resources": [res("Microsoft.KeyVault/vaults", tags, [])]}
}

test_empty_tag_value_is_missing if {
	tags := object.union(all_tags, {"project": "  "})
	count(rule.deny) == 1 with input as {"resources": [res("Microsoft.KeyVault/vaults", tags, [])]}
}

test_unknown_tags_are_silent if {
	count(rule.deny) == 0 with input as {"resources": [res("Microsoft.KeyVault/vaults", {}, ["tags"])]}
}

test_unknown_tag_value_counts_as_present if {
	tags := {"cost-center": "ai", "project": "p"}
	count(rule.deny) == 0 with input as {"resources": [res("Microsoft.KeyVault/vaults", tags, ["tags.environment"])]}
}

test_untaggable_types_are_skipped if {
	resources := [
		res("Microsoft.Network/virtualNetworks/subnets", {}, []),
		res("Microsoft.Authorization/roleAssignments", {}, []),
		res("Microsoft.Consumption/budgets", {}, []),
	]
	count(rule.deny) == 0 with input as {"resources": resources}
}

test_taggable_children_are_checked if {
	count(rule.deny) == 1 with input as {"resources": [res("Microsoft.MachineLearningServices/workspaces/computes", {}, [])]}
}

test_configured_tags_replace_the_defaults if {
	tags := {"Owner": "x"}
	inp := {"resources": [res("Microsoft.KeyVault/vaults", tags, [])]}
	count(rule.deny) == 0 with input as inp with data.lzscan.params.LZ201.tags as ["owner"]
	findings := rule.deny with input as inp with data.lzscan.params.LZ201.tags as ["owner", "Team"]
	some f in findings
	endswith(f.message, "tag(s) team")
}
