# METADATA
# title: Firewall rules list egress destinations explicitly
# description: |
#   No Azure Firewall rule that allows traffic has "any" as its destination: a
#   destination address, FQDN or URL of `*`, `0.0.0.0/0`, `::/0`, `Internet` or
#   `Any`. The check covers the rule collection groups of firewall policies
#   (`Microsoft.Network/firewallPolicies/ruleCollectionGroups`, filter collections
#   whose action is `Allow`) and the classic application and network rule
#   collections of a firewall (`properties.applicationRuleCollections`,
#   `properties.networkRuleCollections`, or the Terraform
#   `azurerm_firewall_application_rule_collection` and
#   `azurerm_firewall_network_rule_collection` resources). NAT (DNAT) collections
#   are inbound and not checked.
#
#   **Why.** A hub firewall only controls egress if it denies what it does not
#   list. One "allow any" rule turns it into a router: training jobs can pull
#   unvetted packages and models from anywhere, and data can leave to anywhere.
#   AI workloads need a known, short list of destinations (PyPI, Hugging Face,
#   conda, the model download endpoints), and that list belongs in the rules.
#
#   **How to fix.** Replace the wildcard with the destinations the workload needs,
#   for example an application rule over HTTPS:
#
#   ```json
#   {
#     "ruleType": "ApplicationRule",
#     "name": "python-packages",
#     "sourceAddresses": ["10.10.0.0/16"],
#     "protocols": [{ "protocolType": "Https", "port": 443 }],
#     "targetFqdns": ["pypi.org", "files.pythonhosted.org", "huggingface.co", "*.hf.co"]
#   }
#   ```
#
#   In Terraform: `destination_fqdns` (or `destination_addresses`) in the `rule`
#   blocks of `azurerm_firewall_policy_rule_collection_group`, `target_fqdns` in
#   `azurerm_firewall_application_rule_collection`. A wildcard inside a name
#   (`*.hf.co`) is explicit enough and is not reported; a destination list known
#   only at deployment is not reported either. IP groups
#   (`destinationIpGroups`) are not expanded.
# custom:
#   id: LZ106
#   name: explicit-egress
#   severity: high
#   tags: [network, firewall, egress]
#   resource_types:
#     - Microsoft.Network/firewallPolicies/ruleCollectionGroups
#     - Microsoft.Network/azureFirewalls
#   parameters:
#     - name: any_destinations
#       description: >-
#         Destination values that mean "anywhere" (addresses, FQDNs or URLs, compared
#         case-insensitively).
#       default: ["*", "0.0.0.0/0", "::/0", "Internet", "Any"]
package lzscan.rules.explicit_egress

import data.lzscan.lib

anywhere := {lower(trim_space(d)) | some d in data.lzscan.params.LZ106.any_destinations}

# Rule fields that name where traffic goes (application and network rules).
destination_fields := ["destinationAddresses", "destinationFqdns", "targetFqdns", "targetUrls"]

# Classic collections of a firewall, inline (ARM) or as Terraform's own resources.
classic_kinds := ["applicationRuleCollections", "networkRuleCollections"]

allows(collection, action_path) if lower(object.get(collection, action_path, "")) == "allow"

# The first value of a rule's destination field that means "anywhere".
wildcard(rule, field) := ws[0] if {
	ws := [d | some d in object.get(rule, field, []); is_string(d); anywhere[lower(trim_space(d))]]
	count(ws) > 0
}

# Firewall policy rule collection groups.
deny contains lib.finding_at(r, path, msg) if {
	some r in lib.resources_of("Microsoft.Network/firewallPolicies/ruleCollectionGroups")
	some i, c in object.get(r, ["properties", "ruleCollections"], [])
	allows(c, ["action", "type"])
	not lib.is_unknown(r, sprintf("properties.ruleCollections[%d].action.type", [i]))
	some j, rule in object.get(c, "rules", [])
	some field in destination_fields
	d := wildcard(rule, field)
	path := sprintf("properties.ruleCollections[%d].rules[%d].%s", [i, j, field])
	not lib.is_unknown(r, path)
	msg := message(r, c, rule, field, d)
}

# Classic rule collections inline in a firewall.
deny contains lib.finding_at(r, path, msg) if {
	some r in lib.resources_of("Microsoft.Network/azureFirewalls")
	some kind in classic_kinds
	some i, c in object.get(r, ["properties", kind], [])
	allows(c, ["properties", "action", "type"])
	not lib.is_unknown(r, sprintf("properties.%s[%d].properties.action.type", [kind, i]))
	some j, rule in object.get(c, ["properties", "rules"], [])
	some field in destination_fields
	d := wildcard(rule, field)
	path := sprintf("properties.%s[%d].properties.rules[%d].%s", [kind, i, j, field])
	not lib.is_unknown(r, path)
	msg := message(r, c, rule, field, d)
}

# Classic rule collections as separate Terraform resources (one element of the
# firewall's inline array each, named after the collection).
deny contains lib.finding_at(r, path, msg) if {
	some kind in classic_kinds
	some r in lib.resources_of(concat("/", ["Microsoft.Network/azureFirewalls", kind]))
	allows(r, ["properties", "action", "type"])
	not lib.is_unknown(r, "properties.action.type")
	some j, rule in object.get(r, ["properties", "rules"], [])
	some field in destination_fields
	d := wildcard(rule, field)
	path := sprintf("properties.rules[%d].%s", [j, field])
	not lib.is_unknown(r, path)
	msg := message(r, r, rule, field, d)
}

message(r, collection, rule, field, d) := sprintf(
	"%s: rule '%s' of collection '%s' allows any destination ('%s' in %s): list the egress destinations explicitly",
	[lib.label(r), object.get(rule, "name", "?"), object.get(collection, "name", "?"), d, field],
)
