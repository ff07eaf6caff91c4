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

aml_cluster(r) if lower(object.get(r, ["properties", "computeType"], "")) == "amlcompute"

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

exempt(r) if {
	some k, v in r.tags
	is_string(v)
	exempt_tags[lower(k)][lower(v)]
}

exempt(r) if {
	count(exempt_tags) > 0
	lib.is_unknown(r, "tags")
}

exempt(r) if {
	some u in r.unknown
	startswith(u, "tags.")
	exempt_tags[lower(substring(u, 5, -1))]
}

deny contains lib.finding_at(r, priority_path, msg) if {
	some r in lib.resources_of("Microsoft.MachineLearningServices/workspaces/computes")
	aml_cluster(r)
	not lib.is_unknown(r, priority_path)
	priority := object.get(r, ["properties", "properties", "vmPriority"], "Dedicated")
	lower(priority) != "lowpriority"
	not exempt(r)
	msg := sprintf(
		"%s trains on %s VMs: use vmPriority LowPriority (spot capacity costs 60-80%% less; checkpoint the jobs), or exempt the cluster if it is not for training",
		[lib.label(r), priority],
	)
}
