# METADATA
# title: AML compute clusters scale to zero when idle
# description: |
#   Azure Machine Learning compute clusters (`Microsoft.MachineLearningServices/workspaces/computes`
#   with `computeType` `AmlCompute`) keep no node running when no job is queued:
#   `properties.properties.scaleSettings.minNodeCount` is 0 (or at most the
#   `max_min_nodes` parameter). A cluster that does not set it takes Azure's
#   default, 0, and passes.
#
#   **Why.** A GPU node of an A100 or H100 cluster costs tens of dollars an hour.
#   With a minimum above zero those nodes run 24/7 for training jobs that run
#   weekly. Clusters that scale to zero start nodes when a job is submitted and
#   release them after the idle time (`nodeIdleTimeBeforeScaleDown`).
#
#   **How to fix.** Set the minimum node count to 0 and keep a short idle time:
#
#   ```json
#   "properties": {
#     "computeType": "AmlCompute",
#     "properties": {
#       "vmSize": "Standard_NC24ads_A100_v4",
#       "scaleSettings": {
#         "minNodeCount": 0,
#         "maxNodeCount": 4,
#         "nodeIdleTimeBeforeScaleDown": "PT15M"
#       }
#     }
#   }
#   ```
#
#   In Terraform (`azurerm_machine_learning_compute_cluster`):
#   `scale_settings { min_node_count = 0, max_node_count = 4,
#   scale_down_nodes_after_idle_duration = "PT15M" }`. Compute instances and
#   attached computes are not clusters and are not checked. A minimum node count
#   known only at deployment is not reported.
# custom:
#   id: LZ203
#   name: training-scales-to-zero
#   severity: medium
#   tags: [cost, machine-learning, gpu]
#   resource_types:
#     - Microsoft.MachineLearningServices/workspaces/computes
#   parameters:
#     - name: max_min_nodes
#       description: The largest minimum node count a compute cluster may keep running when idle.
#       default: 0
package lzscan.rules.training_scales_to_zero

import data.lzscan.lib

max_min_nodes := data.lzscan.params.LZ203.max_min_nodes

min_path := "properties.properties.scaleSettings.minNodeCount"

aml_cluster(r) if lower(object.get(r, ["properties", "computeType"], "")) == "amlcompute"

# ARM writes integers; a string from a parameter file is read as a number too.
num(x) := x if is_number(x)

num(x) := to_number(trim_space(x)) if {
	is_string(x)
	regex.match(`^\s*[0-9]+(\.[0-9]+)?\s*$`, x)
}

expected := "0" if max_min_nodes == 0

expected := sprintf("at most %v", [max_min_nodes]) if max_min_nodes != 0

# Speed: ~10k AML computes. The minimum node counts and compute types in use are
# judged once per distinct value; the pass over the computes then makes field
# lookups in local sets only, most selective first, and calls helpers on the few
# clusters that keep nodes.
computes := lib.resources_of("Microsoft.MachineLearningServices/workspaces/computes")

# The minNodeCount values above the maximum, and the computeType spellings of a
# cluster (aml_cluster).
over_max := {v |
	some v in {r.properties.properties.scaleSettings.minNodeCount | some r in computes}
	num(v) > max_min_nodes
}

cluster_types := {t |
	some t in {r.properties.computeType | some r in computes}
	lower(t) == "amlcompute"
}

deny contains lib.finding_at(r, min_path, msg) if {
	over := over_max
	clusters := cluster_types
	some r in computes
	over[r.properties.properties.scaleSettings.minNodeCount]
	clusters[r.properties.computeType]
	not lib.is_unknown(r, min_path)
	msg := message(r)
}

# A cluster without minNodeCount has 0: above a negative maximum.
deny contains lib.finding_at(r, min_path, message(r)) if {
	0 > max_min_nodes
	some r in computes
	aml_cluster(r)
	not lib.is_unknown(r, min_path)
	num(object.get(r, ["properties", "properties", "scaleSettings", "minNodeCount"], 0)) > max_min_nodes
}

message(r) := sprintf(
	"%s has scaleSettings.minNodeCount %v: its nodes run even when no job is queued (set it to %s so that the cluster scales to zero)",
	[lib.label(r), n, expected],
) if {
	n := num(object.get(r, ["properties", "properties", "scaleSettings", "minNodeCount"], 0))
}
