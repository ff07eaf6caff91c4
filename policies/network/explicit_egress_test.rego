package lzscan.rules.explicit_egress_test

import data.lzscan.rules.explicit_egress as rule

inp(r) := {"resources": [r], "index": {"by_type": {lower(r.type): [0]}}}

rcg(collections, unknown) := {
	"id": "rcg",
	"type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
	"name": "afwp-hub/rcg-egress",
	"properties": {"priority": 200, "ruleCollections": collections},
	"unknown": unknown,
}

filter(name, action, rules) := {
	"ruleCollectionType": "FirewallPolicyFilterRuleCollection",
	"name": name,
	"priority": 100,
	"action": {"type": action},
	"rules": rules,
}

net_rule(name, dests) := {"ruleType": "NetworkRule", "name": name, "sourceAddresses": ["10.1.0.0/16"], "destinationAddresses": dests, "destinationPorts": ["443"], "ipProtocols": ["TCP"]}

app_rule(name, fqdns) := {"ruleType": "ApplicationRule", "name": name, "sourceAddresses": ["*"], "targetFqdns": fqdns, "protocols": [{"protocolType": "Https", "port": 443}]}

test_network_rule_to_any_address_is_reported if {
	findings := rule.deny with input as inp(rcg([filter("egress", "Allow", [net_rule("ok", ["10.2.0.4"]), net_rule("all", ["*"])])], []))
	count(findings) == 1
	some f in findings
	f.path == "properties.ruleCollections[0].rules[1].destinationAddresses"
	contains(f.message, "rule 'all' of collection 'egress' allows any destination ('*' in destinationAddresses)")
}

test_each_any_value_is_reported if {
	values := ["0.0.0.0/0", "::/0", "Internet", "any", " * "]
	every v in values {
		count(rule.deny) == 1 with input as inp(rcg([filter("egress", "Allow", [net_rule("r", [v])])], []))
	}
}

test_application_rule_to_any_fqdn_is_reported if {
	findings := rule.deny with input as inp(rcg([filter("web", "Allow", [app_rule("all-https", ["*"])])], []))
	count(findings) == 1
	some f in findings
	f.path == "properties.ruleCollections[0].rules[0].targetFqdns"
}

test_network_rule_fqdns_and_urls_are_checked if {
	r1 := {"ruleType": "NetworkRule", "name": "dns", "destinationFqdns": ["*"]}
	r2 := {"ruleType": "ApplicationRule", "name": "urls", "targetUrls": ["*"], "terminateTLS": true}
	findings := rule.deny with input as inp(rcg([filter("egress", "Allow", [r1, r2])], []))
	{f.path | some f in findings} == {
		"properties.ruleCollections[0].rules[0].destinationFqdns",
		"properties.ruleCollections[0].rules[1].targetUrls",
	}
}

test_several_wildcards_in_one_field_give_one_finding if {
	count(rule.deny) == 1 with input as inp(rcg([filter("egress", "Allow", [net_rule("r", ["*", "0.0.0.0/0"])])], []))
}

test_explicit_destinations_pass if {
	rules := [app_rule("pypi", ["pypi.org", "files.pythonhosted.org", "*.hf.co"]), net_rule("ntp", ["10.0.0.4", "AzureCloud.westeurope"])]
	count(rule.deny) == 0 with input as inp(rcg([filter("egress", "Allow", rules)], []))
}

test_deny_and_nat_collections_are_not_checked if {
	nat := {"ruleCollectionType": "FirewallPolicyNatRuleCollection", "name": "dnat", "action": {"type": "DNAT"}, "rules": [net_rule("in", ["*"])]}
	collections := [filter("block", "Deny", [net_rule("all", ["*"])]), nat]
	count(rule.deny) == 0 with input as inp(rcg(collections, []))
}

test_unknown_values_are_silent if {
	# The whole list, one destination field, or the action known only at deployment.
	count(rule.deny) == 0 with input as inp(rcg([], ["properties.ruleCollections"]))
	known := filter("egress", "Allow", [net_rule("all", ["*"])])
	count(rule.deny) == 0 with input as inp(rcg([known], ["properties.ruleCollections[0].rules[0].destinationAddresses"]))
	no_action := object.remove(known, ["action"])
	count(rule.deny) == 0 with input as inp(rcg([no_action], ["properties.ruleCollections[0].action.type"]))
	count(rule.deny) == 0 with input as inp(rcg([known], ["properties.ruleCollections[0].action.type"]))
}

test_missing_rule_collections_pass if {
	count(rule.deny) == 0 with input as inp({"id": "rcg", "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "name": "g", "properties": {}, "unknown": []})
}

classic(props, unknown) := {"id": "afw", "type": "Microsoft.Network/azureFirewalls", "name": "afw-hub", "properties": props, "unknown": unknown}

test_classic_collections_in_a_firewall_are_checked if {
	app := {"name": "web", "properties": {"priority": 100, "action": {"type": "Allow"}, "rules": [{"name": "all", "targetFqdns": ["*"], "protocols": [{"protocolType": "Https", "port": 443}]}]}}
	net := {"name": "net", "properties": {"priority": 200, "action": {"type": "Allow"}, "rules": [{"name": "ok", "destinationAddresses": ["10.0.0.4"]}, {"name": "all", "destinationAddresses": ["0.0.0.0/0"]}]}}
	blocked := {"name": "block", "properties": {"priority": 300, "action": {"type": "Deny"}, "rules": [{"name": "all", "destinationAddresses": ["*"]}]}}
	fw := classic({"applicationRuleCollections": [app], "networkRuleCollections": [blocked, net]}, [])
	findings := rule.deny with input as inp(fw)
	{f.path | some f in findings} == {
		"properties.applicationRuleCollections[0].properties.rules[0].targetFqdns",
		"properties.networkRuleCollections[1].properties.rules[1].destinationAddresses",
	}
}

test_classic_unknown_values_are_silent if {
	net := {"name": "net", "properties": {"action": {"type": "Allow"}, "rules": [{"name": "all", "destinationAddresses": ["*"]}]}}
	count(rule.deny) == 0 with input as inp(classic({"networkRuleCollections": [net]}, ["properties.networkRuleCollections[0].properties.rules[0].destinationAddresses"]))
	count(rule.deny) == 0 with input as inp(classic({"networkRuleCollections": [net]}, ["properties.networkRuleCollections[0].properties.action.type"]))
	count(rule.deny) == 0 with input as inp(classic({}, []))
}

tf_collection(type, props, unknown) := {"id": "c", "type": type, "name": "allow-all", "properties": props, "unknown": unknown}

test_terraform_classic_collections_are_checked if {
	app := tf_collection("Microsoft.Network/azureFirewalls/applicationRuleCollections", {"priority": 100, "action": {"type": "Allow"}, "rules": [{"name": "all", "targetFqdns": ["*"]}]}, [])
	findings := rule.deny with input as inp(app)
	count(findings) == 1
	some f in findings
	f.path == "properties.rules[0].targetFqdns"
	contains(f.message, "of collection 'allow-all'")
	net := tf_collection("Microsoft.Network/azureFirewalls/networkRuleCollections", {"action": {"type": "Allow"}, "rules": [{"name": "all", "destinationAddresses": ["*"]}]}, [])
	count(rule.deny) == 1 with input as inp(net)
}

test_terraform_classic_unknown_and_deny_are_silent if {
	rules := [{"name": "all", "destinationAddresses": ["*"]}]
	deny := tf_collection("Microsoft.Network/azureFirewalls/networkRuleCollections", {"action": {"type": "Deny"}, "rules": rules}, [])
	count(rule.deny) == 0 with input as inp(deny)
	unknown_action := tf_collection("Microsoft.Network/azureFirewalls/networkRuleCollections", {"action": {"type": "Allow"}, "rules": rules}, ["properties.action.type"])
	count(rule.deny) == 0 with input as inp(unknown_action)
	unknown_dest := tf_collection("Microsoft.Network/azureFirewalls/networkRuleCollections", {"action": {"type": "Allow"}, "rules": rules}, ["properties.rules[0].destinationAddresses"])
	count(rule.deny) == 0 with input as inp(unknown_dest)
	nat := tf_collection("Microsoft.Network/azureFirewalls/natRuleCollections", {"action": {"type": "Dnat"}, "rules": rules}, [])
	count(rule.deny) == 0 with input as inp(nat)
}

test_any_destinations_parameter if {
	r := rcg([filter("egress", "Allow", [net_rule("wide", ["10.0.0.0/8"]), net_rule("all", ["*"])])], [])
	findings := rule.deny with input as inp(r) with data.lzscan.params.LZ106.any_destinations as ["10.0.0.0/8"]
	count(findings) == 1
	some f in findings
	contains(f.message, "rule 'wide'")
}

# Resources without a string name take the careful path (labelled by type alone).
test_unnamed_resources_are_reported_by_type if {
	known := filter("egress", "Allow", [net_rule("all", ["*"])])
	unnamed := object.remove(rcg([known], []), ["name"])
	findings := rule.deny with input as inp(unnamed)
	count(findings) == 1
	some f in findings
	f.message == "Microsoft.Network/firewallPolicies/ruleCollectionGroups: rule 'all' of collection 'egress' allows any destination ('*' in destinationAddresses): list the egress destinations explicitly"
	f.path == "properties.ruleCollections[0].rules[0].destinationAddresses"
	count(rule.deny) == 0 with input as inp(object.remove(rcg([known], ["properties.ruleCollections[0].action.type"]), ["name"]))
	count(rule.deny) == 0 with input as inp(object.remove(rcg([known], ["properties.ruleCollections[0].rules"]), ["name"]))
}

test_same_collections_in_several_groups_are_reported_on_each if {
	known := filter("egress", "Allow", [net_rule("all", ["*"])])
	a := rcg([known], [])
	b := object.union(a, {"id": "rcg2", "name": "afwp-hub/rcg-2"})
	c := object.union(a, {"id": "rcg3", "name": "afwp-hub/rcg-3", "unknown": ["properties.ruleCollections[0].rules[0]"]})
	findings := rule.deny with input as {"resources": [a, b, c], "index": {"by_type": {"microsoft.network/firewallpolicies/rulecollectiongroups": [0, 1, 2]}}}
	{f.resource | some f in findings} == {"rcg", "rcg2"}
}
