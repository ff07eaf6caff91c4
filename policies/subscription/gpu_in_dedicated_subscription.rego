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

# Speed: at 100k there are ~16k sized resources in ~26k subscriptions; most GPU
# sizes run where they belong. Subscriptions are judged once per distinct role, and
# resources are first told by a set lookup on their subscription, the most
# selective test; the GPU globs run once per distinct size value of the few left.
# Rules are bound to local variables before the loops (a local lookup is cheaper
# than a rule reference).

# Roles, once each, that are known and do not allow GPUs.
roles := {sub.role | some sub in input.topology.subscriptions}

denied_roles := {role | some role in roles; is_string(role); not allowed_roles[lower(role)]}

# Keys of the subscriptions whose role does not allow GPUs.
denied_subscriptions := {key |
	denied := denied_roles
	some key, sub in input.topology.subscriptions
	denied[sub.role]
}

# [resource, property path, size] for every resource sized by one property in such
# a subscription (an array: each entry is distinct, no set hashing needed).
sized := [[r, path, size] |
	denied := denied_subscriptions
	some t, path in size_paths
	keys := split(path, ".")
	some i in input.index.by_type[lower(t)]
	r := input.resources[i]
	denied[r.subscription]
	size := object.get(r, keys, null)
]

# [resource, pool index, size] of the inline AKS node pools (the default node pool in
# Terraform) in such a subscription; the path is spelled out only for findings.
pool_sized := [[r, j, pool.vmSize] |
	denied := denied_subscriptions
	some i in input.index.by_type["microsoft.containerservice/managedclusters"]
	r := input.resources[i]
	denied[r.subscription]
	some j, pool in r.properties.agentPoolProfiles
]

# Globs are matched once per distinct size value, not once per resource: a tenant has
# thousands of VMs but a few dozen sizes.
size_values := {size | some [_, _, size] in sized} | {size | some [_, _, size] in pool_sized}

gpu_sizes := {size |
	some size in size_values
	is_string(size)
	some p in patterns
	glob.match(p, [], lower(size))
}

roles_text := concat(" or ", data.lzscan.params.LZ501.allowed_roles)

# [resource, property path, size, end of the message] of every GPU resource in a
# subscription whose role is known and does not allow GPUs. The subscription is
# named by its name, else by its key (picked with object.get rather than a
# two-body function: a call per finding costs more than the lookups).
reported := array.concat(
	[[r, path, size, message_end] |
		some [r, path, size] in sized
		gpu_sizes[size]
		sub := input.topology.subscriptions[r.subscription]
		name := object.get(sub, "name", null)
		message_end := concat("", [" in subscription ", object.get({true: name}, is_string(name), r.subscription), ", whose role is ", sub.role, ": GPU capacity belongs in a subscription dedicated to AI compute (role ", roles_text, ")"])
	],
	[[r, path, size, message_end] |
		some [r, j, size] in pool_sized
		gpu_sizes[size]
		sub := input.topology.subscriptions[r.subscription]
		path := sprintf("properties.agentPoolProfiles[%d].vmSize", [j])
		name := object.get(sub, "name", null)
		message_end := concat("", [" in subscription ", object.get({true: name}, is_string(name), r.subscription), ", whose role is ", sub.role, ": GPU capacity belongs in a subscription dedicated to AI compute (role ", roles_text, ")"])
	],
)

# Findings can number thousands (one per misplaced GPU resource), so each one is
# cheap: lib.label(r) is spelled out for the usual named resource,
# lib.finding_at(r, path, msg) is written as its object, and lib.is_unknown(r, path)
# as a comprehension that costs nothing when r.unknown is empty (the same tests,
# without three function calls per finding).
deny contains {"resource": r.id, "message": msg, "path": path} if {
	some [r, path, size, message_end] in reported
	is_string(r.name)
	count([u | some u in r.unknown; lib.covers(u, path)]) == 0
	msg := concat("", [r.type, " '", r.name, "' uses the GPU size ", size, message_end])
}

deny contains lib.finding_at(r, path, msg) if {
	some [r, path, size, message_end] in reported
	not is_string(r.name)
	not lib.is_unknown(r, path)
	msg := concat("", [lib.label(r), " uses the GPU size ", size, message_end])
}
