# METADATA
# title: Data and AI services are reached through a private endpoint
# description: |
#   Storage accounts (ADLS Gen2), Key Vaults, container registries, Cosmos DB
#   accounts, Azure Machine Learning workspaces, Azure AI services (Cognitive
#   Services and Azure OpenAI), Event Hubs namespaces and Data Factories must each
#   have a private endpoint connected to them.
#
#   **Why.** AI workloads move large data sets between these services. Without
#   Private Link the traffic crosses public endpoints, and "we hope nothing leaks"
#   replaces "nothing can leak". Adding private endpoints later means re-plumbing
#   DNS and every client, so landing zones design them in from day one.
#
#   **How to fix.** Add a `Microsoft.Network/privateEndpoints` resource in a spoke
#   subnet whose `privateLinkServiceConnections[].properties.privateLinkServiceId`
#   is the service's id, with the matching group id (`blob`, `dfs`, `vault`,
#   `registry`, `Sql`, `amlworkspace`, `account`, `namespace`, `dataFactory`), and
#   link the matching private DNS zone. The endpoint may live in another file or
#   module: lzscan resolves it across the whole scan.
#
#   ```json
#   {
#     "type": "Microsoft.Network/privateEndpoints",
#     "name": "pe-data-dfs",
#     "properties": {
#       "subnet": { "id": "[variables('peSubnetId')]" },
#       "privateLinkServiceConnections": [{
#         "name": "dfs",
#         "properties": {
#           "privateLinkServiceId": "[resourceId('Microsoft.Storage/storageAccounts', 'data')]",
#           "groupIds": ["dfs"]
#         }
#       }]
#     }
#   }
#   ```
#
#   A private endpoint whose target cannot be resolved before deployment (a
#   parameter without a value) might serve any resource of its file, so lzscan
#   stays silent for that file rather than guess.
# custom:
#   id: LZ101
#   name: private-endpoint-required
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
#   azure_policy:
#     - id: /providers/Microsoft.Authorization/policyDefinitions/6edd7eda-6dd8-40f7-810d-67160c639cd9
#       name: Storage accounts should use private link
#     - id: /providers/Microsoft.Authorization/policyDefinitions/a6abeaec-4d90-4a02-805f-6b26c4d3fbe9
#       name: Azure Key Vaults should use private link
#     - id: /providers/Microsoft.Authorization/policyDefinitions/e8eef0a8-67cf-4eb4-9386-14b0e78733d4
#       name: Container registries should use private link
#     - id: /providers/Microsoft.Authorization/policyDefinitions/58440f8a-10c5-4151-bdce-dfbaad4a20b7
#       name: CosmosDB accounts should use private link
#     - id: /providers/Microsoft.Authorization/policyDefinitions/45e05259-1eb5-4f70-9574-baf73e9d219b
#       name: Azure Machine Learning workspaces should use private link
#     - id: /providers/Microsoft.Authorization/policyDefinitions/cddd188c-4b82-4c48-a19d-ddf74ee66a01
#       name: Azure AI Services resources should use Azure Private Link
#     - id: /providers/Microsoft.Authorization/policyDefinitions/b8564268-eb4a-4337-89be-a19db070c59d
#       name: Event Hub namespaces should use private link
#     - id: /providers/Microsoft.Authorization/policyDefinitions/8b0323be-cc25-4b61-935d-002c3798c6ea
#       name: Azure Data Factory should use private link
#   alz:
#     - Deploy-Private-DNS-Zones
package lzscan.rules.private_endpoint_required

import data.lzscan.lib

private_link_types := [
	"microsoft.storage/storageaccounts",
	"microsoft.keyvault/vaults",
	"microsoft.containerregistry/registries",
	"microsoft.documentdb/databaseaccounts",
	"microsoft.machinelearningservices/workspaces",
	"microsoft.cognitiveservices/accounts",
	"microsoft.eventhub/namespaces",
	"microsoft.datafactory/factories",
]

# Speed (regorus): nearly every judged resource (~20k at 100k) has a private
# endpoint, so the cost is the one pass that tells them apart: the covered ids
# are a native set (object.keys), and the pass reads `input.resources` and
# `covered` through locals bound once (a rule or `input` reference per resource
# costs an extra path lookup). Only the few uncovered resources are looked at
# further: the common case (a string name, nothing unknown) with the label
# inlined, the rare others through lib.label and lib.is_unknown.

# Ids that have a private endpoint, or might have one (a private endpoint whose
# target cannot be told is in their file).
covered := object.keys(input.index.private_endpoint_targets) | object.keys(object.get(input.index, "private_endpoint_unknown", {}))

# Positions of the judged resources without a private endpoint.
uncovered := {i |
	rs := input.resources
	cv := covered
	some t in private_link_types
	some i in input.index.by_type[t]
	not cv[rs[i].id]
}

# Position → message, for the common case.
plain := {i: msg |
	some i in uncovered
	r := input.resources[i]
	is_string(r.name)
	r.unknown == []
	msg := sprintf("%s '%s' has no private endpoint connected to it", [r.type, r.name])
}

careful := {i: msg |
	some i in uncovered - object.keys(plain)
	r := input.resources[i]
	# Exported state without properties (`az resource list`) cannot tell.
	not lib.is_unknown(r, "properties.privateEndpointConnections")
	msg := sprintf("%s has no private endpoint connected to it", [lib.label(r)])
}

deny := {{"resource": input.resources[i].id, "message": msg} | some i, msg in object.union(plain, careful)}
