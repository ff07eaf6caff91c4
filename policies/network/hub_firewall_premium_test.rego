package lzscan.rules.hub_firewall_premium_test

import data.lzscan.rules.hub_firewall_premium as rule

fw_type := "Microsoft.Network/azureFirewalls"

pol_type := "Microsoft.Network/firewallPolicies"

firewall(id, props, unknown) := {"id": id, "type": fw_type, "name": id, "properties": props, "unknown": unknown}

policy(id, props, unknown) := {"id": id, "type": pol_type, "name": id, "properties": props, "unknown": unknown}

premium_fw(id) := firewall(id, {"sku": {"name": "AZFW_VNet", "tier": "Premium"}, "firewallPolicy": {"id": "afwp"}}, [])

tls := {"certificateAuthority": {"name": "ca", "keyVaultSecretId": "https://kv.vault.azure.net/secrets/ca"}}

good_policy := policy("afwp", {"sku": {"tier": "Premium"}, "transportSecurity": tls, "intrusionDetection": {"mode": "Deny"}}, [])

ref(from, to) := {"kind": "reference", "from": from, "to": to, "resolved": true}

# resources: firewalls first, then policies; edges as given.
graph(fws, pols, edges) := {
	"resources": array.concat(fws, pols),
	"edges": edges,
	"index": {"by_type": {
		"microsoft.network/azurefirewalls": [i | some i; fws[i]],
		"microsoft.network/firewallpolicies": [j | some i; pols[i]; j := count(fws) + i],
	}},
}

paths(findings) := {[f.resource, f.path] | some f in findings}

test_premium_firewall_with_tls_policy_passes if {
	count(rule.deny) == 0 with input as graph([premium_fw("afw")], [good_policy], [ref("afw", "afwp")])
}

test_standard_firewall_and_policy_are_reported if {
	fw := firewall("afw", {"sku": {"name": "AZFW_VNet", "tier": "Standard"}, "firewallPolicy": {"id": "afwp"}}, [])
	pol := policy("afwp", {"sku": {"tier": "Standard"}}, [])
	findings := rule.deny with input as graph([fw], [pol], [ref("afw", "afwp")])
	paths(findings) == {
		["afw", "properties.sku.tier"],
		["afwp", "properties.sku.tier"],
		["afwp", "properties.transportSecurity"],
	}
}

test_absent_tiers_are_standard if {
	fw := firewall("afw", {"firewallPolicy": {"id": "afwp"}}, [])
	pol := policy("afwp", {"transportSecurity": tls}, [])
	findings := rule.deny with input as graph([fw], [pol], [ref("afw", "afwp")])
	paths(findings) == {["afw", "properties.sku.tier"], ["afwp", "properties.sku.tier"]}
	some f in findings
	f.resource == "afw"
	contains(f.message, "uses the Standard tier")
}

test_premium_policy_without_certificate_is_reported if {
	pol := policy("afwp", {"sku": {"tier": "Premium"}, "transportSecurity": {}}, [])
	findings := rule.deny with input as graph([premium_fw("afw")], [pol], [ref("afw", "afwp")])
	count(findings) == 1
	some f in findings
	f.path == "properties.transportSecurity"
	contains(f.message, "the policy of Azure Firewall 'afw'")
}

test_firewall_without_policy_is_reported if {
	fw := firewall("afw", {"sku": {"name": "AZFW_VNet", "tier": "Premium"}}, [])
	findings := rule.deny with input as graph([fw], [], [])
	count(findings) == 1
	some f in findings
	f.path == "properties.firewallPolicy"
}

test_unresolved_policy_is_silent if {
	# The policy is not in the scan: only the firewall's own tier is judged.
	count(rule.deny) == 0 with input as graph([premium_fw("afw")], [], [])
	fw := firewall("afw", {"sku": {"tier": "Premium"}, "firewallPolicy": {}}, ["properties.firewallPolicy.id"])
	count(rule.deny) == 0 with input as graph([fw], [], [])
}

test_unlinked_policy_is_not_checked if {
	pol := policy("afwp-spare", {"sku": {"tier": "Standard"}}, [])
	count(rule.deny) == 0 with input as graph([premium_fw("afw")], [good_policy, pol], [ref("afw", "afwp")])
}

test_other_references_are_ignored if {
	pol := policy("afwp", {"sku": {"tier": "Standard"}}, [])
	edges := [
		{"kind": "parent", "from": "afw", "to": "afwp", "resolved": true},
		ref("vnet", "afwp"),
		ref("afw", "pip"),
	]
	count(rule.deny) == 0 with input as graph([premium_fw("afw")], [pol], edges)
}

test_unknown_values_are_silent if {
	fw := firewall("afw", {"firewallPolicy": {}}, ["properties.sku.tier", "properties.firewallPolicy.id"])
	pol := policy("afwp", {}, ["properties.sku", "properties.transportSecurity"])
	count(rule.deny) == 0 with input as graph([fw], [pol], [ref("afw", "afwp")])
	unknown_ca := policy("afwp", {"sku": {"tier": "Premium"}, "transportSecurity": {}}, ["properties.transportSecurity.certificateAuthority"])
	count(rule.deny) == 0 with input as graph([premium_fw("afw")], [unknown_ca], [ref("afw", "afwp")])
}

test_shared_policy_is_reported_once_naming_its_firewalls if {
	pol := policy("afwp", {"sku": {"tier": "Premium"}}, [])
	findings := rule.deny with input as graph([premium_fw("afw-b"), premium_fw("afw-a")], [pol], [ref("afw-b", "afwp"), ref("afw-a", "afwp")])
	count(findings) == 1
	some f in findings
	contains(f.message, "Azure Firewall 'afw-a', 'afw-b'")
}

test_firewall_without_name_is_named_by_id if {
	fw := {"id": "module.hub.azurerm_firewall.hub", "type": fw_type, "name": null, "properties": {"sku": {"tier": "Premium"}, "firewallPolicy": {"id": "afwp"}}, "unknown": ["name"]}
	pol := policy("afwp", {"sku": {"tier": "Premium"}}, [])
	findings := rule.deny with input as graph([fw], [pol], [ref("module.hub.azurerm_firewall.hub", "afwp")])
	some f in findings
	contains(f.message, "'module.hub.azurerm_firewall.hub'")
}

test_idps_is_not_required_by_default if {
	pol := policy("afwp", {"sku": {"tier": "Premium"}, "transportSecurity": tls}, [])
	count(rule.deny) == 0 with input as graph([premium_fw("afw")], [pol], [ref("afw", "afwp")])
}

test_idps_required_by_parameter if {
	off := policy("afwp", {"sku": {"tier": "Premium"}, "transportSecurity": tls, "intrusionDetection": {"mode": "Off"}}, [])
	findings := rule.deny with input as graph([premium_fw("afw")], [off], [ref("afw", "afwp")])
		with data.lzscan.params.LZ105.require_idps as true
	count(findings) == 1
	some f in findings
	f.path == "properties.intrusionDetection.mode"
	contains(f.message, "IDPS mode Off")

	absent := policy("afwp", {"sku": {"tier": "Premium"}, "transportSecurity": tls}, [])
	count(rule.deny) == 1 with input as graph([premium_fw("afw")], [absent], [ref("afw", "afwp")])
		with data.lzscan.params.LZ105.require_idps as true

	count(rule.deny) == 0 with input as graph([premium_fw("afw")], [good_policy], [ref("afw", "afwp")])
		with data.lzscan.params.LZ105.require_idps as true

	alert := policy("afwp", {"sku": {"tier": "Premium"}, "transportSecurity": tls, "intrusionDetection": {"mode": "Alert"}}, [])
	count(rule.deny) == 0 with input as graph([premium_fw("afw")], [alert], [ref("afw", "afwp")])
		with data.lzscan.params.LZ105.require_idps as true

	unknown := policy("afwp", {"sku": {"tier": "Premium"}, "transportSecurity": tls}, ["properties.intrusionDetection"])
	count(rule.deny) == 0 with input as graph([premium_fw("afw")], [unknown], [ref("afw", "afwp")])
		with data.lzscan.params.LZ105.require_idps as true
}

# The same graph with the edge indexes a scan provides.
indexed(g) := object.union(g, {"index": object.union(g.index, {
	"edges_from": {f: [e | some e in g.edges; e.from == f] | some f in {e.from | some e in g.edges}},
	"edges_to": {t: [e | some e in g.edges; e.to == t] | some t in {e.to | some e in g.edges}},
})})

test_edge_indexes_give_the_same_findings if {
	fw_b := firewall("afw-b", {"sku": {"tier": "Standard"}, "firewallPolicy": {"id": "afwp"}}, [])
	pol := policy("afwp", {"sku": {"tier": "Standard"}}, [])
	spare := policy("afwp-spare", {"sku": {"tier": "Standard"}}, [])
	edges := [
		ref("afw-b", "afwp"),
		ref("afw-a", "afwp"),
		{"kind": "parent", "from": "afw-a", "to": "afwp-spare", "resolved": true},
		ref("afw-a", "pip"),
		ref("vnet", "afwp-spare"),
	]
	g := graph([fw_b, premium_fw("afw-a")], [pol, spare], edges)
	findings := rule.deny with input as indexed(g)
	findings == rule.deny with input as g
	paths(findings) == {
		["afw-b", "properties.sku.tier"],
		["afwp", "properties.sku.tier"],
		["afwp", "properties.transportSecurity"],
	}
	some f in findings
	f.resource == "afwp"
	f.path == "properties.sku.tier"
	f.message == "Microsoft.Network/firewallPolicies 'afwp', the policy of Azure Firewall 'afw-a', 'afw-b', uses the Standard tier: TLS inspection needs a Premium policy (set the tier to Premium)"
}
