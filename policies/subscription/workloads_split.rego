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

# Speed: the classes span ~40k resources of a tenant. They are first reduced to the
# set of subscriptions holding each class, in passes that make plain field tests
# and lookups in local variables only (glob.match and lower run once per distinct
# SKU or compute type, lib.is_unknown only on the resources that pass); the members
# are then listed with is_compute/is_data/is_serving for the few subscriptions that
# hold all three classes. In the passes, `every u in r.unknown { not lib.covers(u,
# path) }` is `not lib.is_unknown(r, path)` inlined: most resources have no unknown
# path, and `every` over an empty list makes no call.

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
	gpu_sizes[size]
}

is_data(r, t) if data_types[t]

is_data(r, "microsoft.storage/storageaccounts") if {
	params.data_lake_storage == true
	not lib.is_unknown(r, "properties.isHnsEnabled")
	r.properties.isHnsEnabled == true
}

is_serving(r, t) if serving_types[t]

of_types(types) := [r | resources := input.resources; some t in types; some i in object.get(input.index.by_type, t, []); r := resources[i]]

vms := of_types({"microsoft.compute/virtualmachines"})

scale_sets := of_types({"microsoft.compute/virtualmachinescalesets"})

aml_computes := of_types({aml_compute})

# The VM sizes and SKUs in use that match a GPU pattern, matched once per distinct value.
sizes := {r.properties.hardwareProfile.vmSize | some r in vms} | {r.sku.name | some r in scale_sets}

gpu_sizes := {size |
	some size in sizes
	is_string(size)
	some p in patterns
	glob.match(p, [], lower(size))
}

# The AML compute types in use that run jobs (in their own casing).
job_compute_types := {ct |
	some ct in {r.properties.computeType | some r in aml_computes}
	is_string(ct)
	aml_runs_jobs[lower(ct)]
}

# The subscriptions holding each class: is_compute, is_data and is_serving inlined.
compute_subscriptions := ((plain_compute | job_computes) | gpu_vms) | gpu_scale_sets

plain_compute := {r.subscription | some r in of_types(compute_types - {aml_compute})}

job_computes := {r.subscription |
	compute_types[aml_compute]
	job_types := job_compute_types
	some r in aml_computes
	job_types[r.properties.computeType]
	every u in r.unknown { not lib.covers(u, "properties.computeType") }
}

gpu_vms := {r.subscription |
	gpu := gpu_sizes
	some r in vms
	gpu[r.properties.hardwareProfile.vmSize]
	every u in r.unknown { not lib.covers(u, "properties.hardwareProfile.vmSize") }
}

gpu_scale_sets := {r.subscription |
	gpu := gpu_sizes
	some r in scale_sets
	gpu[r.sku.name]
	every u in r.unknown { not lib.covers(u, "sku.name") }
}

data_subscriptions := {r.subscription | some r in of_types(data_types)} | lake_subscriptions

lake_subscriptions := {r.subscription |
	params.data_lake_storage == true
	some r in of_types({"microsoft.storage/storageaccounts"})
	r.properties.isHnsEnabled == true
	every u in r.unknown { not lib.covers(u, "properties.isHnsEnabled") }
}

serving_subscriptions := {r.subscription | some r in of_types(serving_types)}

# The subscription keys (strings) holding all three classes.
mixed := {key | some key in (compute_subscriptions & data_subscriptions) & serving_subscriptions; is_string(key)}

# Per subscription key: the [id, position] of each class's resources, sorted by id.
members(key, class) := sort([[r.id, i] |
	some i in input.index.by_subscription[key]
	r := input.resources[i]
	t := lower(r.type)
	member(class, r, t)
])

member("compute", r, t) if {
	compute_member_types[t]
	is_compute(r, t)
}

member("data", r, t) if {
	data_member_types[t]
	is_data(r, t)
}

member("serving", r, t) if is_serving(r, t)

compute_member_types := compute_types | {"microsoft.compute/virtualmachines", "microsoft.compute/virtualmachinescalesets"}

data_member_types := data_types | {"microsoft.storage/storageaccounts"}

classes[key] := c if {
	some key in mixed
	c := {
		"compute": members(key, "compute"),
		"data": members(key, "data"),
		"serving": members(key, "serving"),
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
