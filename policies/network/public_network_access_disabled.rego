# METADATA
# title: Data and AI services disable public network access
# description: |
#   Storage accounts (ADLS Gen2), Key Vaults, container registries, Cosmos DB
#   accounts, Azure Machine Learning workspaces, Azure AI services (Cognitive
#   Services and Azure OpenAI), Event Hubs namespaces and Data Factories set
#   `publicNetworkAccess` to `Disabled` (or `SecuredByPerimeter`, where a network
#   security perimeter governs access).
#
#   **Why.** A private endpoint adds a private path to a service; it does not close
#   the public one. As long as public network access is enabled, the service still
#   answers on its public endpoint, and "we hope nothing leaks" replaces "nothing
#   can leak". Azure leaves the public endpoint on by default: a resource that does
#   not set `publicNetworkAccess` is public, and lzscan reports it.
#
#   **How to fix.** Disable public network access and reach the service through its
#   private endpoint (rule LZ101):
#
#   ```json
#   "properties": {
#     "publicNetworkAccess": "Disabled"
#   }
#   ```
#
#   In Terraform: `public_network_access_enabled = false` (`public_network_enabled =
#   false` for `azurerm_data_factory`).
#
#   A storage account that keeps its public endpoint behind a firewall
#   (`networkAcls.defaultAction` `Deny`) is still reported by default: IP rules and
#   trusted-service bypasses keep that endpoint reachable from outside the landing
#   zone. Teams that reach storage through virtual network service endpoints can
#   accept such an account with the `storage_firewall_accepted` parameter; an
#   account with IP rules is reported even then. An Azure AI Foundry project
#   workspace (`kind: Project`) that does not set the property inherits its hub's
#   network settings and is not reported. Values known only at deployment are not
#   reported.
# custom:
#   id: LZ102
#   name: public-network-access-disabled
#   severity: high
#   tags: [network, private-link, security]
#   resource_types:
#     - Microsoft.Storage/storageAccounts
#     - Microsoft.KeyVault/vaults
#     - Microsoft.ContainerRegistry/registries
#     - Microsoft.DocumentDB/databaseAccounts
#     - Microsoft.MachineLearningServices/workspaces
#     - Microsoft.CognitiveServices/accounts
#     - Microsoft.EventHub/namespaces
#     - Microsoft.DataFactory/factories
#   parameters:
#     - name: services
#       description: The ARM resource types that must disable public network access.
#       default:
#         - Microsoft.Storage/storageAccounts
#         - Microsoft.KeyVault/vaults
#         - Microsoft.ContainerRegistry/registries
#         - Microsoft.DocumentDB/databaseAccounts
#         - Microsoft.MachineLearningServices/workspaces
#         - Microsoft.CognitiveServices/accounts
#         - Microsoft.EventHub/namespaces
#         - Microsoft.DataFactory/factories
#     - name: storage_firewall_accepted
#       description: >-
#         Accept a storage account whose public endpoint stays enabled behind a firewall
#         that denies by default and has no IP rules (access through virtual network
#         service endpoints only).
#       default: false
#   azure_policy:
#     - id: /providers/Microsoft.Authorization/policyDefinitions/b2982f36-99f2-4db5-8eff-283140c09693
#       name: Storage accounts should disable public network access
#     - id: /providers/Microsoft.Authorization/policyDefinitions/405c5871-3e91-4644-8a63-58e19d68ff5b
#       name: Azure Key Vault should disable public network access
#     - id: /providers/Microsoft.Authorization/policyDefinitions/0fdf0491-d080-4575-b627-ad0e843cba0f
#       name: Public network access should be disabled for Container registries
#     - id: /providers/Microsoft.Authorization/policyDefinitions/797b37f7-06b8-444c-b1ad-fc62867f335a
#       name: Azure Cosmos DB should disable public network access
#     - id: /providers/Microsoft.Authorization/policyDefinitions/438c38d2-3772-465a-a9cc-7a6666a275ce
#       name: Azure Machine Learning workspaces should disable public network access
#     - id: /providers/Microsoft.Authorization/policyDefinitions/0725b4dd-7e76-479c-a735-68e7ee23d5ca
#       name: Cognitive Services accounts should disable public network access
#     - id: /providers/Microsoft.Authorization/policyDefinitions/0602787f-9896-402a-a6e1-39ee63ee435e
#       name: Event Hub Namespaces should disable public network access
#     - id: /providers/Microsoft.Authorization/policyDefinitions/1cf164be-6819-4a50-b8fa-4bcaa4f98fb6
#       name: Public network access on Azure Data Factory should be disabled
package lzscan.rules.public_network_access_disabled

import data.lzscan.lib

# Speed (regorus): ~25k resources are judged at 100k, nearly all with
# publicNetworkAccess "Disabled". One pass through the type index rejects them with
# a single plain property test (`input.resources` bound to a local); the few others
# are classified (open value or unset) and labelled; lib.is_unknown and messages
# run only on violators. The passes are comprehensions (much cheaper per element
# than `contains` rules; `deny` is built by one) combined with native set/object
# operations.

services := {lower(t) | some t in data.lzscan.params.LZ102.services}

path := "properties.publicNetworkAccess"

# Values that close the public endpoint (compared case-insensitively).
closed := {"disabled", "securedbyperimeter"}

workspaces := "microsoft.machinelearningservices/workspaces"

# Position → lower-case type of the judged resources whose publicNetworkAccess is
# not "Disabled" (absent included).
undisabled := {i: t |
	rs := input.resources
	by_type := input.index.by_type
	some t in services
	some i in by_type[t]
	not rs[i].properties.publicNetworkAccess == "Disabled"
}

# Position → publicNetworkAccess of the judged resources where it is a string that
# leaves the endpoint open.
open_value := object.remove(
	{i: value |
		some i, _ in undisabled
		value := input.resources[i].properties.publicNetworkAccess
		is_string(value)
		not closed[lower(value)]
	},
	storage_firewall_accepted,
)

# Positions of the judged resources that do not set publicNetworkAccess (Azure then
# leaves the endpoint enabled).
unset := (unset_services | unset_workspaces) - storage_firewall_accepted

unset_services := {i |
	some i, t in undisabled
	t != workspaces
	object.get(input.resources[i], ["properties", "publicNetworkAccess"], null) == null
}

# An AI Foundry project workspace takes its network settings from its hub; a kind
# known only at deployment might be a project, so it is given the same benefit.
unset_workspaces := {i |
	some i, t in undisabled
	t == workspaces
	r := input.resources[i]
	# Projects are most of these: the usual spelling is rejected with a plain test.
	not r.kind == "Project"
	not lower(object.get(r, "kind", "")) == "project"
	object.get(r, ["properties", "publicNetworkAccess"], null) == null
	not lib.is_unknown(r, "kind")
}

# Position → message of each violator. The common case, a string name and nothing
# unknown, is tested with two plain comparisons and labelled inline (as lib.label
# does); the rare others take the careful path with lib.label and lib.is_unknown
# (much costlier per resource).
plain_open := {i: msg |
	some i, value in open_value
	r := input.resources[i]
	is_string(r.name)
	r.unknown == []
	msg := sprintf("%s '%s' has publicNetworkAccess '%s': its public endpoint stays reachable (set it to Disabled and use a private endpoint)", [r.type, r.name, value])
}

plain_unset := {i: msg |
	some i in unset
	r := input.resources[i]
	is_string(r.name)
	r.unknown == []
	msg := sprintf("%s '%s' does not set publicNetworkAccess, so Azure leaves its public endpoint enabled (set it to Disabled and use a private endpoint)", [r.type, r.name])
}

careful_open := {i: msg |
	some i, value in object.remove(open_value, object.keys(plain_open))
	r := input.resources[i]
	not lib.is_unknown(r, path)
	msg := sprintf("%s has publicNetworkAccess '%s': its public endpoint stays reachable (set it to Disabled and use a private endpoint)", [lib.label(r), value])
}

careful_unset := {i: msg |
	some i in unset - object.keys(plain_unset)
	r := input.resources[i]
	not lib.is_unknown(r, path)
	msg := sprintf("%s does not set publicNetworkAccess, so Azure leaves its public endpoint enabled (set it to Disabled and use a private endpoint)", [lib.label(r)])
}

deny := {{"resource": input.resources[i].id, "message": msg, "path": path} |
	some i, msg in object.union_n([plain_open, plain_unset, careful_open, careful_unset])
}

# With `storage_firewall_accepted`, the positions of the storage accounts whose
# firewall denies by default and lets no IP range in. Unknown firewall settings are
# given the benefit of the doubt (nothing is reported from an unknown value): an
# unknown default action here, unknown IP rules by their absence from the body.
# Built only when the parameter is set.
storage_firewall_accepted := {i |
	data.lzscan.params.LZ102.storage_firewall_accepted == true
	some i in input.index.by_type["microsoft.storage/storageaccounts"]
	firewall_closed(input.resources[i])
}

firewall_closed(r) if lib.is_unknown(r, "properties.networkAcls.defaultAction")

firewall_closed(r) if {
	lower(object.get(r, ["properties", "networkAcls", "defaultAction"], "Allow")) == "deny"
	count(object.get(r, ["properties", "networkAcls", "ipRules"], [])) == 0
}
