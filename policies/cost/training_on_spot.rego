# METADATA
# title: Training clusters run on low-priority (spot) capacity
# description: |
#   Azure Machine Learning compute clusters (`Microsoft.MachineLearningServices/workspaces/computes`
#   with `computeType` `AmlCompute`) that run training use low-priority VMs:
#   `properties.properties.vmPriority` is `LowPriority`. A cluster that does not
#   set it takes Azure's default, `Dedicated`, and is reported.
#
#   Every AmlCompute cluster counts as a training cluster, except those the
#   parameters exempt: a cluster whose name matches one of `exempt_names` (globs,
#   case-insensitive, on the cluster's own name), or that carries one of the tags
#   of `exempt_tags` (tag name -> accepted values, case-insensitive; by default
#   `workload = inference` or `workload = serving`, for clusters that serve batch
#   inference with a deadline).
#
#   **Why.** Training is interruptible: with checkpointing, an evicted job resumes
#   on new nodes. Low-priority (spot) capacity for NC and ND series GPUs costs
#   60-80% less than dedicated capacity, and it draws on a separate quota. Keep
#   dedicated capacity, and reservations, for inference.
#
#   **How to fix.** Create training clusters on low-priority VMs and checkpoint
#   the jobs that run on them:
#
#   ```json
#   "properties": {
#     "computeType": "AmlCompute",
#     "properties": {
#       "vmSize": "Standard_NC24ads_A100_v4",
#       "vmPriority": "LowPriority",
#       "scaleSettings": { "minNodeCount": 0, "maxNodeCount": 8 }
#     }
#   }
#   ```
#
#   In Terraform (`azurerm_machine_learning_compute_cluster`):
#   `vm_priority = "LowPriority"`. To keep a cluster dedicated on purpose, tag it
#   (`workload = "inference"`) or list its name in `exempt_names`:
#
#   ```toml
#   [rules.LZ204]
#   exempt_names = ["*-dedicated", "batch-score-*"]
#   exempt_tags = { workload = ["inference", "serving"], capacity = ["dedicated"] }
#   ```
#
#   A priority, name or tag known only at deployment is not reported.
# custom:
#   id: LZ204
#   name: training-on-spot
#   severity: low
#   tags: [cost, machine-learning, gpu, spot]
#   resource_types:
#     - Microsoft.MachineLearningServices/workspaces/computes
#   parameters:
#     - name: exempt_names
#       description: Globs on the cluster name (case-insensitive) of clusters that are not training clusters and may stay dedicated.
#       default: []
#     - name: exempt_tags
#       description: Tags that mark a cluster as not a training cluster, as tag name -> accepted values (case-insensitive).
#       default:
#         workload: [inference, serving]
package lzscan.rules.training_on_spot

import data.lzscan.lib

params := data.lzscan.params.LZ204

priority_path := "properties.properties.vmPriority"

# Accepted values per exempting tag name, all lower-case. A single string is one value.
exempt_tags := {lower(k): {lower(v) | some v in values(vs)} | some k, vs in params.exempt_tags}

values(vs) := vs if is_array(vs)

values(vs) := [vs] if is_string(vs)

# The cluster's own name: ARM writes "workspace/cluster".
short_name(r) := n if {
	parts := split(r.name, "/")
	n := lower(parts[count(parts) - 1])
}

# Exempt, or possibly exempt because a name or tag it is judged on is unknown.
exempt(r) if {
	some p in params.exempt_names
	glob.match(lower(p), null, short_name(r))
}

exempt(r) if {
	count(params.exempt_names) > 0
	not is_string(r.name)
}

# (Judged once per distinct set of tags: a tenant repeats the same few.)
exempt(r) if exempt_tag_sets[r.tags]

exempt(r) if {
	count(exempt_tags) > 0
	lib.is_unknown(r, "tags")
}

exempt(r) if {
	some u in r.unknown
	startswith(u, "tags.")
	exempt_tags[lower(substring(u, 5, -1))]
}

# Speed: ~10k AML computes. The vmPriority values and compute types in use are
# judged once per distinct value; the passes over the computes then make field
# lookups in local sets only, most selective first, and call helpers (exempt,
# is_unknown) on the few dedicated clusters.
computes := lib.resources_of("Microsoft.MachineLearningServices/workspaces/computes")

# The vmPriority values that are not spot, and the computeType spellings of a
# cluster (aml_cluster).
dedicated := {p |
	some p in {r.properties.properties.vmPriority | some r in computes}
	lower(p) != "lowpriority"
}

cluster_types := {t |
	some t in {r.properties.computeType | some r in computes}
	lower(t) == "amlcompute"
}

# The non-spot clusters as [resource, vmPriority], before exemptions.
dedicated_clusters := array.concat(
	[[r, priority] |
		not_spot := dedicated
		clusters := cluster_types
		some r in computes
		priority := r.properties.properties.vmPriority
		not_spot[priority]
		clusters[r.properties.computeType]
		not lib.is_unknown(r, priority_path)
	],
	# Without vmPriority a cluster is Dedicated. (`not` is true of a missing value
	# or false; object.get tells them apart.)
	[[r, priority] |
		clusters := cluster_types
		some r in computes
		not r.properties.properties.vmPriority
		clusters[r.properties.computeType]
		not lib.is_unknown(r, priority_path)
		priority := object.get(r, ["properties", "properties", "vmPriority"], "Dedicated")
		lower(priority) != "lowpriority"
	],
)

# The tag sets of those clusters that carry an exempting tag.
exempt_tag_sets := {tags |
	some tags in {r.tags | some [r, _] in dedicated_clusters}
	some k, v in tags
	is_string(v)
	exempt_tags[lower(k)][lower(v)]
}

deny contains lib.finding_at(r, priority_path, msg) if {
	some [r, priority] in dedicated_clusters
	not exempt(r)
	msg := sprintf(
		"%s trains on %s VMs: use vmPriority LowPriority (spot capacity costs 60-80%% less; checkpoint the jobs), or exempt the cluster if it is not for training",
		[lib.label(r), priority],
	)
}
