# METADATA
# title: Azure Machine Learning workspaces are isolated in a managed VNet without public access
# description: |
#   Azure Machine Learning workspaces (and Azure AI Foundry hubs and feature
#   stores, which are workspaces too) run their managed computes in a managed
#   virtual network whose isolation mode is `AllowOnlyApprovedOutbound`, and
#   disable public network access. Foundry projects (`kind: Project`) inherit
#   both settings from their hub and are not checked.
#
#   **Why.** The training spoke holds the data, the models and the GPU computes
#   of the platform. With a managed VNet, Azure Machine Learning places compute
#   instances, clusters, serverless compute and managed online endpoints in an
#   isolated network that reaches storage, registries and Key Vault through
#   private endpoints and reaches the internet only through the outbound rules
#   you approve. Without it, computes get public IPs and unrestricted egress;
#   with public network access left on, the workspace API, its studio and its
#   data can be reached from the internet.
#
#   **How to fix.** Enable the managed network and close public access:
#
#   ```json
#   "properties": {
#     "publicNetworkAccess": "Disabled",
#     "managedNetwork": {
#       "isolationMode": "AllowOnlyApprovedOutbound",
#       "outboundRules": {}
#     }
#   }
#   ```
#
#   In Terraform (`azurerm_machine_learning_workspace`):
#   `public_network_access_enabled = false` and
#   `managed_network { isolation_mode = "AllowOnlyApprovedOutbound" }`. Reach the
#   workspace through a private endpoint (see LZ101). An absent `managedNetwork`
#   means isolation mode `Disabled`; an absent `publicNetworkAccess` means
#   `Enabled`. Values known only at deployment are not reported.
# custom:
#   id: LZ601
#   name: aml-workspace-isolated
#   severity: high
#   tags: [ai, machine-learning, network, security]
#   resource_types:
#     - Microsoft.MachineLearningServices/workspaces
#   parameters:
#     - name: allowed_isolation_modes
#       description: Managed network isolation modes accepted (compared case-insensitively). Add AllowInternetOutbound to accept a managed VNet with open egress.
#       default: [AllowOnlyApprovedOutbound]
#   azure_policy:
#     - id: /providers/Microsoft.Authorization/policyDefinitions/438c38d2-3772-465a-a9cc-7a6666a275ce
#       name: Azure Machine Learning Workspaces should disable public network access
#     - id: /providers/Microsoft.Authorization/policyDefinitions/6ddb1705-c8cf-450e-aa4b-19ad6703c440
#       name: Azure Machine Learning and Ai Studio should use Allow Only Approved Outbound Managed Vnet mode
package lzscan.rules.aml_workspace_isolated

import data.lzscan.lib

allowed_modes := {lower(m) | some m in data.lzscan.params.LZ601.allowed_isolation_modes}

mode_path := "properties.managedNetwork.isolationMode"

pna_path := "properties.publicNetworkAccess"

# Hubs, feature stores and plain workspaces; projects inherit their hub's network.
checked(r) if {
	not lib.is_unknown(r, "kind")
	not is_project(r)
}

is_project(r) if lower(r.kind) == "project"

# A property's value, or `fallback` when it is absent or null.
value(r, path, fallback) := v if {
	v := object.get(r, split(path, "."), null)
	v != null
} else := fallback

expected := concat(" or ", data.lzscan.params.LZ601.allowed_isolation_modes)

why(mode) := "its computes do not run in a managed VNet" if lower(mode) == "disabled"

why(mode) := "egress from its computes is open to any internet destination" if lower(mode) == "allowinternetoutbound"

why(mode) := "this isolation mode is not accepted" if not lower(mode) in {"disabled", "allowinternetoutbound"}

# Speed: each body first settles the common cases with plain property tests and no
# call (an accepted isolation mode, public access Disabled, a project) and leaves
# the helpers and unknown checks to the few workspaces that remain. The tests only
# drop workspaces that the full conditions below drop too.

deny contains lib.finding_at(r, mode_path, msg) if {
	some r in lib.resources_of("Microsoft.MachineLearningServices/workspaces")
	not allowed_modes[lower(object.get(r, ["properties", "managedNetwork", "isolationMode"], ""))]
	not lower(r.kind) == "project"
	checked(r)
	not lib.is_unknown(r, mode_path)
	mode := value(r, mode_path, "Disabled")
	is_string(mode)
	not allowed_modes[lower(mode)]
	msg := sprintf("%s has managed network isolation mode %s: %s (use %s)", [lib.label(r), mode, why(mode), expected])
}

deny contains lib.finding_at(r, pna_path, msg) if {
	some r in lib.resources_of("Microsoft.MachineLearningServices/workspaces")
	object.get(r, ["properties", "publicNetworkAccess"], "Enabled") != "Disabled"
	not lower(r.kind) == "project"
	checked(r)
	not lib.is_unknown(r, pna_path)
	pna := value(r, pna_path, "Enabled")
	is_string(pna)
	lower(pna) != "disabled"
	msg := sprintf("%s has public network access %s: the workspace can be reached from the internet (set publicNetworkAccess to Disabled and reach it through a private endpoint)", [lib.label(r), pna])
}
