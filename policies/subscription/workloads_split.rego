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

# Speed: the classes span ~40k resources of a tenant, but few subscriptions hold
# all three. Only the data platform (usually the smallest class) is read resource by
# resource, for the subscriptions that hold it; those that also hold serving are
# found by position lookups (their by_subscription positions against the serving
# types' positions, no resource read); only the resources of these few candidate
# subscriptions are then classified with is_compute/is_data (glob.match once per
# distinct size among them), which alone decide the findings.

params := data.lzscan.params.LZ502

compute_types := {lower(t) | some t in params.compute_types}

data_types := {lower(t) | some t in params.data_types}

serving_types := {lower(t) | some t in params.serving_types}

patterns := [lower(p) | some p in params.gpu_sku_patterns]

aml_compute := "microsoft.machinelearningservices/workspaces/computes"

vm := "microsoft.compute/virtualmachines"

vmss := "microsoft.compute/virtualmachinescalesets"

storage := "microsoft.storage/storageaccounts"

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
	gpu_sizes[size]
}

is_data(r, t) if data_types[t]

is_data(r, "microsoft.storage/storageaccounts") if {
	params.data_lake_storage == true
	not lib.is_unknown(r, "properties.isHnsEnabled")
	r.properties.isHnsEnabled == true
}

# The subscriptions holding data (with null for resources whose subscription
# cannot be told: by_subscription has no such key).
data_subscriptions := {rs[i].subscription |
	rs := input.resources
	bt := input.index.by_type
	some t in data_types
	some i in bt[t]
} | lake_subscriptions

# (isHnsEnabled may be unknown here: the candidates are only narrowed by these
# subscriptions, and their members are judged by is_data.)
lake_subscriptions := {rs[i].subscription |
	params.data_lake_storage == true
	rs := input.resources
	some i in input.index.by_type[storage]
	rs[i].properties.isHnsEnabled == true
}

serving_at := {i | bt := input.index.by_type; some t in serving_types; some i in bt[t]}

# The subscriptions holding data and serving.
candidates := {s |
	serving := serving_at
	by_subscription := input.index.by_subscription
	some s in data_subscriptions
	some i in by_subscription[s]
	serving[i]
}

# Position → lower-case type, of the resources of the candidate subscriptions.
candidate_types := {i: lower(rs[i].type) |
	rs := input.resources
	by_subscription := input.index.by_subscription
	some s in candidates
	some i in by_subscription[s]
}

# The VM sizes and SKUs of the candidates that match a GPU pattern, matched once
# per distinct value.
sizes := {input.resources[i].properties.hardwareProfile.vmSize | some i, t in candidate_types; t == vm} | {input.resources[i].sku.name | some i, t in candidate_types; t == vmss}

gpu_sizes := {size |
	some size in sizes
	is_string(size)
	some p in patterns
	glob.match(p, [], lower(size))
}

compute_member_types := compute_types | {vm, vmss}

data_member_types := data_types | {storage}

# Per candidate subscription key: the [id, position] of each class's resources,
# sorted by id.
classes[key] := c if {
	some key in candidates
	positions := input.index.by_subscription[key]
	c := {
		"compute": sort([[r.id, i] |
			some i in positions
			t := candidate_types[i]
			compute_member_types[t]
			r := input.resources[i]
			is_compute(r, t)
		]),
		"data": sort([[r.id, i] |
			some i in positions
			t := candidate_types[i]
			data_member_types[t]
			r := input.resources[i]
			is_data(r, t)
		]),
		"serving": sort([[input.resources[i].id, i] | some i in positions; serving_types[candidate_types[i]]]),
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
# (One body with `else`: regorus evaluates every body of a function.)
example(members) := lib.label(input.resources[members[0][1]]) if count(members) == 1

else := sprintf("%s and %d more", [lib.label(input.resources[members[0][1]]), count(members) - 1])
