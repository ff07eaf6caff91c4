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

# Speed: at 100k there are ~1.4k rule collection groups and ~1.4k firewalls, stamped
# from a few templates. A list of collections is judged once per distinct value
# (native dedup): per resource one lookup remains, and the unknown checks and the
# messages are made only for the few hits.

# The hits of one list of collections: [action path, rule field path, message tail].
hits(collections, prefix, action_path, rules_path) := [[action, path, tail(c, rule, field, d)] |
	some i, c in collections
	allows(c, action_path)
	some j, rule in object.get(c, rules_path, [])
	some field in destination_fields
	d := wildcard(rule, field)
	action := sprintf("%s[%d].%s", [prefix, i, concat(".", action_path)])
	path := sprintf("%s[%d].%s[%d].%s", [prefix, i, concat(".", rules_path), j, field])
]

groups := [input.resources[i] | some i in input.index.by_type["microsoft.network/firewallpolicies/rulecollectiongroups"]]

firewalls := [input.resources[i] | some i in input.index.by_type["microsoft.network/azurefirewalls"]]

# Firewall policy rule collection groups: distinct ruleCollections -> hits. A missing
# list has no hits, as an empty one.
group_hits := {cs: found |
	some cs in {r.properties.ruleCollections | some r in groups}
	found := hits(cs, "properties.ruleCollections", ["action", "type"], ["rules"])
	count(found) > 0
}

# Classic rule collections inline in a firewall: kind -> distinct collections -> hits
# (kinds without any hit are left out, so their firewalls are not visited again).
classic_hits := {kind: by_collections |
	some kind in classic_kinds
	by_collections := {cs: found |
		some cs in {r.properties[kind] | some r in firewalls}
		found := hits(cs, concat(".", ["properties", kind]), ["properties", "action", "type"], ["properties", "rules"])
		count(found) > 0
	}
	count(by_collections) > 0
}

# [resource, action path, rule field path, message tail] of every wildcard destination
# in a collection that allows traffic.
reported := array.concat(
	array.concat(
		[[r, action, path, msg_tail] |
			hits_of := group_hits
			some r in groups
			some [action, path, msg_tail] in hits_of[r.properties.ruleCollections]
		],
		[[r, action, path, msg_tail] |
			some kind, hits_of in classic_hits
			some r in firewalls
			some [action, path, msg_tail] in hits_of[r.properties[kind]]
		],
	),
	# Classic rule collections as separate Terraform resources (one element of the
	# firewall's inline array each, named after the collection).
	[[r, "properties.action.type", path, tail(r, rule, field, d)] |
		some kind in classic_kinds
		some r in lib.resources_of(concat("/", ["Microsoft.Network/azureFirewalls", kind]))
		allows(r, ["properties", "action", "type"])
		some j, rule in object.get(r, ["properties", "rules"], [])
		some field in destination_fields
		d := wildcard(rule, field)
		path := sprintf("properties.rules[%d].%s", [j, field])
	],
)

# The usual named resource: lib.label and lib.finding_at written out, lib.is_unknown
# as comprehensions that cost nothing when r.unknown is empty (no calls per finding).
plain := {{"resource": r.id, "message": msg, "path": path} |
	some [r, action, path, msg_tail] in reported
	is_string(r.name)
	count([u | some u in r.unknown; lib.covers(u, action)]) == 0
	count([u | some u in r.unknown; lib.covers(u, path)]) == 0
	msg := concat("", [r.type, " '", r.name, "'", msg_tail])
}

careful := {lib.finding_at(r, path, concat("", [lib.label(r), msg_tail])) |
	some [r, action, path, msg_tail] in reported
	not is_string(r.name)
	not lib.is_unknown(r, action)
	not lib.is_unknown(r, path)
}

deny := plain | careful

# The message after the resource's label.
tail(collection, rule, field, d) := sprintf(
	": rule '%s' of collection '%s' allows any destination ('%s' in %s): list the egress destinations explicitly",
	[object.get(rule, "name", "?"), object.get(collection, "name", "?"), d, field],
)
