# METADATA
# title: AI compute, data and serving do not share one subscription
# description: |
#   No subscription holds all three kinds of AI workload at once: training
#   compute (Azure Machine Learning compute clusters and instances, Batch pools,
#   GPU virtual machines and scale sets), the data platform (ADLS Gen2 data
#   lakes, Event Hubs, Data Factory, Synapse, Fabric, Data Explorer) and serving
#   (Azure Machine Learning online and serverless endpoints, Container Apps,
#   App Service, AKS, Azure OpenAI and AI services model deployments).
#
#   **Why.** "Putting everything in one subscription" is the first of the common
#   mistakes of AI landing zones: training jobs, data pipelines and inference
#   then compete for the same per-subscription quotas (a training run can take
#   the GPUs that production inference needs), their costs blur into one bill,
#   and one compromised or misconfigured workload reaches everything else.
#
#   **How to fix.** Split the workloads into spokes with subscriptions of their
#   own: AI compute (training), data platform, and inference and serving. In
#   Terraform use one provider alias per subscription
#   (`provider "azurerm" { alias = "ai_compute" subscription_id = ... }`) and
#   set `provider = azurerm.ai_compute` on the resources; in ARM and Bicep deploy
#   each spoke with a deployment scoped to its subscription
#   (`"subscriptionId": "..."` on `Microsoft.Resources/deployments`, or
#   `scope: subscription('...')` on a Bicep module).
#
#   Each class is a parameter (ARM types, compared case-insensitively). Azure
#   Machine Learning computes count as compute only when they are AmlCompute
#   clusters or compute instances (attached computes are classified by their
#   own resource), and storage accounts count as data only when they have a
#   hierarchical namespace (ADLS Gen2): every workload has plain storage
#   accounts of its own. Cosmos DB is not data by default, because the serving
#   spoke keeps its request logs and feature cache there; add it to `data_types`
#   if your serving tier does not. Resources whose subscription cannot be told
#   are not counted.
# custom:
#   id: LZ502
#   name: workloads-split
#   severity: medium
#   tags: [subscription, governance, quota, blast-radius]
#   resource_types: ["*"]
#   parameters:
#     - name: compute_types
#       description: ARM types that are AI (training) compute.
#       default:
#         - Microsoft.MachineLearningServices/workspaces/computes
#         - Microsoft.Batch/batchAccounts/pools
#     - name: gpu_sku_patterns
#       description: Virtual machines and scale sets whose size matches one of these glob patterns (case-insensitive) are AI compute too.
#       default: [Standard_NC*, Standard_ND*, Standard_NV*]
#     - name: data_types
#       description: ARM types that belong to the data platform.
#       default:
#         - Microsoft.DataLakeStore/accounts
#         - Microsoft.EventHub/namespaces
#         - Microsoft.DataFactory/factories
#         - Microsoft.Synapse/workspaces
#         - Microsoft.Fabric/capacities
#         - Microsoft.Kusto/clusters
#     - name: data_lake_storage
#       description: Storage accounts with a hierarchical namespace (ADLS Gen2) are data.
#       default: true
#     - name: serving_types
#       description: ARM types that serve models.
#       default:
#         - Microsoft.MachineLearningServices/workspaces/onlineEndpoints
#         - Microsoft.MachineLearningServices/workspaces/serverlessEndpoints
#         - Microsoft.App/containerApps
#         - Microsoft.Web/sites
#         - Microsoft.ContainerService/managedClusters
#         - Microsoft.CognitiveServices/accounts/deployments
package lzscan.rules.workloads_split

import data.lzscan.lib

params := data.lzscan.params.LZ502

compute_types := {lower(t) | some t in params.compute_types}

data_types := {lower(t) | some t in params.data_types}

serving_types := {lower(t) | some t in params.serving_types}

patterns := [lower(p) | some p in params.gpu_sku_patterns]

aml_compute := "microsoft.machinelearningservices/workspaces/computes"

# Computes that run jobs themselves (not attachments of other resources).
aml_runs_jobs := {"amlcompute", "computeinstance"}

is_compute(r, t) if {
	compute_types[t]
	t != aml_compute
}

is_compute(r, t) if {
	compute_types[t]
	t == aml_compute
	not lib.is_unknown(r, "properties.computeType")
	aml_runs_jobs[lower(r.properties.computeType)]
}

is_compute(r, "microsoft.compute/virtualmachines") if gpu(r, "properties.hardwareProfile.vmSize", r.properties.hardwareProfile.vmSize)

is_compute(r, "microsoft.compute/virtualmachinescalesets") if gpu(r, "sku.name", r.sku.name)

gpu(r, path, size) if {
	not lib.is_unknown(r, path)
	is_string(size)
	some p in patterns
	glob.match(p, [], lower(size))
}

is_data(r, t) if data_types[t]

is_data(r, "microsoft.storage/storageaccounts") if {
	params.data_lake_storage == true
	not lib.is_unknown(r, "properties.isHnsEnabled")
	r.properties.isHnsEnabled == true
}

is_serving(r, t) if serving_types[t]

# Per subscription key: the [id, position] of each class's resources, sorted by id.
# Subscription → positions of its resources of each class, built from the type
# index: only resources of the listed types are looked at.
vm_types := {"microsoft.compute/virtualmachines", "microsoft.compute/virtualmachinescalesets"}

compute_at[r.subscription] contains i if {
	some t in compute_types | vm_types
	some i in object.get(input.index.by_type, t, [])
	r := input.resources[i]
	is_string(r.subscription)
	is_compute(r, t)
}

data_at[r.subscription] contains i if {
	some t in data_types | {"microsoft.storage/storageaccounts"}
	some i in object.get(input.index.by_type, t, [])
	r := input.resources[i]
	is_string(r.subscription)
	is_data(r, t)
}

serving_at[r.subscription] contains i if {
	some t in serving_types
	some i in object.get(input.index.by_type, t, [])
	r := input.resources[i]
	is_string(r.subscription)
	is_serving(r, t)
}

members(positions) := sort([[input.resources[i].id, i] | some i in positions])

classes[key] := c if {
	some key, compute in compute_at
	data_at[key]
	serving_at[key]
	c := {
		"compute": members(compute),
		"data": members(data_at[key]),
		"serving": members(serving_at[key]),
	}
}

subscription_name(key) := name if {
	name := input.topology.subscriptions[key].name
	is_string(name)
} else := key

deny contains lib.finding(input.resources[c.compute[0][1]], msg) if {
	some key, c in classes
	count(c.compute) > 0
	count(c.data) > 0
	count(c.serving) > 0
	msg := sprintf("subscription %s holds AI compute (%s), data (%s) and serving (%s) together: split them into subscriptions of their own (AI compute, data platform, serving)", [
		subscription_name(key),
		example(c.compute),
		example(c.data),
		example(c.serving),
	])
}

# The first resource of a class, and how many others there are.
example(members) := lib.label(input.resources[members[0][1]]) if count(members) == 1

example(members) := sprintf("%s and %d more", [lib.label(input.resources[members[0][1]]), count(members) - 1]) if count(members) > 1
