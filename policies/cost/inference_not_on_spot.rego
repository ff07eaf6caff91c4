# METADATA
# title: Inference runs on regular capacity, never on Spot
# description: |
#   AKS node pools that serve inference use regular VMs: `scaleSetPriority` is
#   `Regular` (the default), not `Spot`. Both the pools declared inline in a
#   cluster (`Microsoft.ContainerService/managedClusters`,
#   `properties.agentPoolProfiles[]`) and separate pools
#   (`Microsoft.ContainerService/managedClusters/agentPools`) are checked.
#
#   A pool serves inference when its name matches one of `inference_names`
#   (globs, case-insensitive; by default `*infer*` and `*serv*`), or when its
#   tags or its Kubernetes node labels (`nodeLabels`) carry one of
#   `inference_tags` (tag or label name -> accepted values, case-insensitive; by
#   default `workload = inference` or `workload = serving`). Other pools
#   (system pools, batch and training pools) may use Spot.
#
#   Azure Machine Learning managed online deployments
#   (`workspaces/onlineEndpoints/deployments`) have no Spot or low-priority option:
#   they always run on dedicated capacity, so there is nothing to check. Batch
#   endpoints run on AmlCompute clusters, where low-priority VMs suit
#   interruptible batch scoring (see LZ204).
#
#   **Why.** Training is interruptible; inference is not. Azure evicts Spot VMs
#   with 30 seconds' notice whenever it needs the capacity back (or the price
#   rises above the maximum), and GPU capacity is scarce: an inference pool on
#   Spot can lose its model servers at any time and may not get them back. Use
#   regular capacity (with reservations for steady production load) for serving.
#
#   **How to fix.** Give inference pools regular priority:
#
#   ```json
#   "agentPoolProfiles": [{
#     "name": "gpuinfer",
#     "mode": "User",
#     "vmSize": "Standard_NC24ads_A100_v4",
#     "scaleSetPriority": "Regular",
#     "nodeLabels": { "workload": "inference" }
#   }]
#   ```
#
#   In Terraform (`azurerm_kubernetes_cluster_node_pool`): `priority = "Regular"`
#   (the default) and no `eviction_policy` or `spot_max_price`. Tune which pools
#   count as inference in `lzscan.toml`:
#
#   ```toml
#   [rules.LZ205]
#   inference_names = ["*infer*", "*serv*", "llm*"]
#   inference_tags = { workload = ["inference", "serving"], "app.kubernetes.io/component" = ["predictor"] }
#   ```
#
#   A priority known only at deployment is not reported, nor a pool whose name,
#   tags and labels are unknown.
# custom:
#   id: LZ205
#   name: inference-not-on-spot
#   severity: high
#   tags: [cost, reliability, aks, inference, spot]
#   resource_types:
#     - Microsoft.ContainerService/managedClusters
#     - Microsoft.ContainerService/managedClusters/agentPools
#   parameters:
#     - name: inference_names
#       description: Globs on the node pool name (case-insensitive) that mark a pool as serving inference.
#       default: ["*infer*", "*serv*"]
#     - name: inference_tags
#       description: Tags or node labels that mark a pool as serving inference, as name -> accepted values (case-insensitive).
#       default:
#         workload: [inference, serving]
package lzscan.rules.inference_not_on_spot

import data.lzscan.lib

params := data.lzscan.params.LZ205

# Accepted values per marking tag or label name, all lower-case. A single string is one value.
marks := {lower(k): {lower(v) | some v in values(vs)} | some k, vs in params.inference_tags}

values(vs) := vs if is_array(vs)

values(vs) := [vs] if is_string(vs)

# Speed: ~5k clusters and pools. The scaleSetPriority values in use are judged
# once per distinct value, so the passes over the pools make field lookups in a
# local set only; the few Spot pools then get the full checks.
clusters := lib.resources_of("Microsoft.ContainerService/managedClusters")

pools := lib.resources_of("Microsoft.ContainerService/managedClusters/agentPools")

# The scaleSetPriority values that mean Spot (spot(p), per distinct value).
spot_values := {v |
	some v in {p.scaleSetPriority | some r in clusters; some p in r.properties.agentPoolProfiles} | {r.properties.scaleSetPriority | some r in pools}
	spot({"scaleSetPriority": v})
}

# Pools declared inline in a cluster: properties.agentPoolProfiles[i].
spot_inline := [[r, i, p] |
	is_spot := spot_values
	some r in clusters
	some i, p in r.properties.agentPoolProfiles
	is_spot[p.scaleSetPriority]
]

spot_pools := [r | is_spot := spot_values; some r in pools; is_spot[r.properties.scaleSetPriority]]

# A tenant repeats a few pool shapes thousands of times, most Spot pools running
# batch work: the reasons are worked out once per distinct inline pool body (native
# dedup), and a pool without any is dropped with one lookup. `deny` is a union of
# comprehensions (cheaper in regorus than `contains` rules).
inline_reasons := {p: why |
	some p in {q | some [_, _, q] in spot_inline}
	why := reasons(object.get(p, "name", null), object.get(p, "tags", {}), object.get(p, "nodeLabels", {}))
	count(why) > 0
}

inline_findings := {lib.finding_at(r, path, msg) |
	why_of := inline_reasons
	some [r, i, p] in spot_inline
	why := why_of[p]
	path := sprintf("properties.agentPoolProfiles[%d].scaleSetPriority", [i])
	not lib.is_unknown(r, path)
	msg := message(sprintf("node pool '%s' of %s", [display(object.get(p, "name", null)), lib.label(r)]), why)
}

# Separate pools: ARM names them "cluster/pool" and keeps their tags under
# properties; Terraform's node pool resource carries them as resource tags.
pool_findings := {lib.finding_at(r, "properties.scaleSetPriority", msg) |
	some r in spot_pools
	body := r.properties
	not lib.is_unknown(r, "properties.scaleSetPriority")
	tags := object.union(as_object(object.get(r, "tags", {})), as_object(object.get(body, "tags", {})))
	why := reasons(pool_name(r), tags, object.get(body, "nodeLabels", {}))
	count(why) > 0
	msg := message(lib.label(r), why)
}

deny := inline_findings | pool_findings

message(subject, why) := sprintf(
	"%s serves inference (%s) but runs on Spot VMs, which Azure evicts at any time: use scaleSetPriority Regular",
	[subject, concat(", ", why)],
)

# Unknown values are absent from the body: they read as the default, Regular.
spot(p) if lower(object.get(p, "scaleSetPriority", "Regular")) == "spot"

as_object(x) := x if is_object(x)

as_object(x) := {} if not is_object(x)

pool_name(r) := n if {
	parts := split(r.name, "/")
	n := parts[count(parts) - 1]
}

pool_name(r) := null if not is_string(r.name)

display(name) := name if is_string(name)

display(name) := "?" if not is_string(name)

# Why a pool counts as inference (empty when it does not).
reasons(name, tags, labels) := array.concat(named_of[name], marked(tags, labels))

# named(name) of the Spot pools' names, once per distinct name.
named_of := {name: named(name) |
	some name in {object.get(p, "name", null) | some [_, _, p] in spot_inline} | {pool_name(r) | some r in spot_pools}
}

named(name) := [sprintf("its name matches '%s'", [g]) |
	some g in params.inference_names
	is_string(name)
	glob.match(lower(g), null, lower(name))
]

marked(tags, labels) := [sprintf("%s %s=%s", [kind, k, v]) |
	some kind, src in {"tag": tags, "node label": labels}
	is_object(src)
	some k, v in src
	is_string(v)
	marks[lower(k)][lower(v)]
]
