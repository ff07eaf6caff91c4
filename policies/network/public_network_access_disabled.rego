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

services := {lower(t) | some t in data.lzscan.params.LZ102.services}

path := "properties.publicNetworkAccess"

# Values that close the public endpoint (compared case-insensitively).
closed := {"disabled", "securedbyperimeter"}

deny contains lib.finding_at(r, path, msg) if {
	some t in services
	some r in lib.resources_of(t)
	not lib.is_unknown(r, path)
	value := object.get(r, ["properties", "publicNetworkAccess"], null)
	is_string(value)
	not closed[lower(value)]
	not storage_firewall_accepted(r)
	msg := sprintf("%s has publicNetworkAccess '%s': its public endpoint stays reachable (set it to Disabled and use a private endpoint)", [lib.label(r), value])
}

deny contains lib.finding_at(r, path, msg) if {
	some t in services
	some r in lib.resources_of(t)
	not lib.is_unknown(r, path)
	object.get(r, ["properties", "publicNetworkAccess"], null) == null
	not inherits_network(r)
	not storage_firewall_accepted(r)
	msg := sprintf("%s does not set publicNetworkAccess, so Azure leaves its public endpoint enabled (set it to Disabled and use a private endpoint)", [lib.label(r)])
}

# An AI Foundry project takes its network settings from its hub; a kind known only
# at deployment might be a project, so it is given the same benefit.
inherits_network(r) if {
	lower(r.type) == "microsoft.machinelearningservices/workspaces"
	lower(object.get(r, "kind", "")) == "project"
}

inherits_network(r) if {
	lower(r.type) == "microsoft.machinelearningservices/workspaces"
	lib.is_unknown(r, "kind")
}

# With `storage_firewall_accepted`, a storage account whose firewall denies by
# default and lets no IP range in is accepted. Unknown firewall settings are given
# the benefit of the doubt (nothing is reported from an unknown value): an unknown
# default action here, unknown IP rules by their absence from the body.
storage_firewall_accepted(r) if {
	data.lzscan.params.LZ102.storage_firewall_accepted == true
	lower(r.type) == "microsoft.storage/storageaccounts"
	firewall_closed(r)
}

firewall_closed(r) if lib.is_unknown(r, "properties.networkAcls.defaultAction")

firewall_closed(r) if {
	lower(object.get(r, ["properties", "networkAcls", "defaultAction"], "Allow")) == "deny"
	count(object.get(r, ["properties", "networkAcls", "ipRules"], [])) == 0
}
