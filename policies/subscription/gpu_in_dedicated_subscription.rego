# METADATA
# title: GPU capacity runs only in subscriptions dedicated to AI compute
# description: |
#   Virtual machines, VM scale sets, AKS node pools, Azure Machine Learning
#   compute clusters and instances, Batch pools and managed online deployments
#   with a GPU size (the NC, ND and NV series) are deployed only in
#   subscriptions whose landing-zone role is AI compute (`ai_compute`).
#
#   **Why.** GPU quotas are per subscription and per region, and quota increases
#   take days. A subscription dedicated to AI compute gives GPU work a clean
#   quota ceiling of its own; GPU sizes in a general, hub or data subscription
#   compete with the standard VM reservations there and spread GPU spend over
#   bills that no one watches for it.
#
#   **How to fix.** Move the resource to the AI compute subscription (in
#   Terraform, a provider alias whose `subscription_id` is that subscription; in
#   ARM and Bicep, a deployment scoped to it), or mark the subscription as AI
#   compute if that is what it is:
#
#   ```toml
#   # lzscan.toml
#   [topology.subscriptions]
#   ai_compute = ["00000000-0000-0000-0000-000000000000"]
#   ```
#
#   A subscription can also carry the tag `lz-role = ai_compute`. If the
#   serving subscription runs GPU inference node pools by design, add `serving`
#   to the rule's `allowed_roles`. Resources whose subscription, or whose
#   subscription's role, cannot be told are not reported, nor are sizes known
#   only at deployment.
# custom:
#   id: LZ501
#   name: gpu-in-dedicated-subscription
#   severity: medium
#   tags: [subscription, gpu, quota, governance]
#   resource_types:
#     - Microsoft.Compute/virtualMachines
#     - Microsoft.Compute/virtualMachineScaleSets
#     - Microsoft.ContainerService/managedClusters
#     - Microsoft.ContainerService/managedClusters/agentPools
#     - Microsoft.MachineLearningServices/workspaces/computes
#     - Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments
#     - Microsoft.Batch/batchAccounts/pools
#   parameters:
#     - name: gpu_sku_patterns
#       description: Glob patterns of the GPU VM sizes (compared case-insensitively).
#       default: [Standard_NC*, Standard_ND*, Standard_NV*]
#     - name: allowed_roles
#       description: Subscription roles in which GPU sizes may run.
#       default: [ai_compute]
package lzscan.rules.gpu_in_dedicated_subscription

import data.lzscan.lib

patterns := [lower(p) | some p in data.lzscan.params.LZ501.gpu_sku_patterns]

allowed_roles := {lower(r) | some r in data.lzscan.params.LZ501.allowed_roles}

# Types whose size is one property: type -> property path.
size_paths := {
	"Microsoft.Compute/virtualMachines": "properties.hardwareProfile.vmSize",
	"Microsoft.Compute/virtualMachineScaleSets": "sku.name",
	"Microsoft.ContainerService/managedClusters/agentPools": "properties.vmSize",
	"Microsoft.MachineLearningServices/workspaces/computes": "properties.properties.vmSize",
	"Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments": "properties.instanceType",
	"Microsoft.Batch/batchAccounts/pools": "properties.vmSize",
}

# [position in input.resources, property path, size] for every sized resource.
sized contains [i, path, size] if {
	some t, path in size_paths
	some i in input.index.by_type[lower(t)]
	size := object.get(input.resources[i], split(path, "."), null)
}

# Inline AKS node pools (the default node pool in Terraform).
sized contains [i, sprintf("properties.agentPoolProfiles[%d].vmSize", [j]), pool.vmSize] if {
	some i in input.index.by_type["microsoft.containerservice/managedclusters"]
	some j, pool in input.resources[i].properties.agentPoolProfiles
}

# Globs are matched once per distinct size, not once per resource: a tenant has
# thousands of VMs but a few dozen sizes.
sizes := {lower(size) | some [_, _, size] in sized; is_string(size)}

gpu_sizes := {s |
	some s in sizes
	some p in patterns
	glob.match(p, [], s)
}

gpu(size) if gpu_sizes[lower(size)]

subscription_name(key, sub) := sub.name if is_string(sub.name)

subscription_name(key, sub) := key if not is_string(sub.name)

deny contains lib.finding_at(r, path, msg) if {
	some [i, path, size] in sized
	gpu(size)
	r := input.resources[i]
	not lib.is_unknown(r, path)
	sub := input.topology.subscriptions[r.subscription]
	is_string(sub.role)
	not allowed_roles[lower(sub.role)]
	msg := sprintf("%s uses the GPU size %s in subscription %s, whose role is %s: GPU capacity belongs in a subscription dedicated to AI compute (role %s)", [lib.label(r), size, subscription_name(r.subscription, sub), sub.role, concat(" or ", data.lzscan.params.LZ501.allowed_roles)])
}
