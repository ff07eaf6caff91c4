package lzscan.rules.training_on_spot_test

import data.lzscan.rules.training_on_spot as rule

compute(name, tags, props, unknown) := {
	"resources": [{
		"id": "c1",
		"type": "Microsoft.MachineLearningServices/workspaces/computes",
		"name": name,
		"tags": tags,
		"properties": props,
		"unknown": unknown,
	}],
	"index": {"by_type": {"microsoft.machinelearningservices/workspaces/computes": [0]}},
}

cluster(priority) := {"computeType": "AmlCompute", "properties": {"vmSize": "Standard_NC24ads_A100_v4", "vmPriority": priority}}

test_dedicated_cluster_is_reported if {
	findings := rule.deny with input as compute("mlw/gpu-train", {}, cluster("Dedicated"), [])
	count(findings) == 1
	some f in findings
	f.path == "properties.properties.vmPriority"
	contains(f.message, "trains on Dedicated VMs")
}

test_absent_priority_is_dedicated if {
	props := {"computeType": "AmlCompute", "properties": {"vmSize": "Standard_NC24ads_A100_v4"}}
	findings := rule.deny with input as compute("gpu-train", {}, props, [])
	some f in findings
	contains(f.message, "Dedicated")
}

test_low_priority_cluster_passes if {
	count(rule.deny) == 0 with input as compute("gpu-train", {}, cluster("LowPriority"), [])
	count(rule.deny) == 0 with input as compute("gpu-train", {}, cluster("lowpriority"), [])
}

test_other_compute_types_are_skipped if {
	props := {"computeType": "ComputeInstance", "properties": {"vmSize": "Standard_DS11_v2"}}
	count(rule.deny) == 0 with input as compute("ci-alice", {}, props, [])
}

test_unknown_priority_is_silent if {
	props := {"computeType": "AmlCompute", "properties": {}}
	count(rule.deny) == 0 with input as compute("gpu-train", {}, props, ["properties.properties.vmPriority"])
	count(rule.deny) == 0 with input as compute("gpu-train", {}, {}, ["properties"])
}

test_default_exempt_tag_workload_inference if {
	count(rule.deny) == 0 with input as compute("gpu-batch", {"Workload": "Inference"}, cluster("Dedicated"), [])
	count(rule.deny) == 0 with input as compute("gpu-batch", {"workload": "serving"}, cluster("Dedicated"), [])
	count(rule.deny) == 1 with input as compute("gpu-batch", {"workload": "training"}, cluster("Dedicated"), [])
}

test_unknown_exempting_tag_is_silent if {
	count(rule.deny) == 0 with input as compute("gpu-batch", {}, cluster("Dedicated"), ["tags.workload"])
	count(rule.deny) == 0 with input as compute("gpu-batch", {}, cluster("Dedicated"), ["tags"])
	count(rule.deny) == 1 with input as compute("gpu-batch", {}, cluster("Dedicated"), ["tags.owner"])
}

test_exempt_names_parameter if {
	inp := compute("mlw-ai/Batch-Score-gpu", {}, cluster("Dedicated"), [])
	count(rule.deny) == 1 with input as inp
	count(rule.deny) == 0 with input as inp with data.lzscan.params.LZ204.exempt_names as ["batch-score-*"]
	count(rule.deny) == 1 with input as inp with data.lzscan.params.LZ204.exempt_names as ["mlw-ai*"]
}

test_unknown_name_is_silent_only_when_names_are_exempted if {
	inp := compute(null, {}, cluster("Dedicated"), ["name"])
	count(rule.deny) == 1 with input as inp
	count(rule.deny) == 0 with input as inp with data.lzscan.params.LZ204.exempt_names as ["batch-*"]
}

test_exempt_tags_parameter if {
	inp := compute("gpu-train", {"capacity": "Dedicated"}, cluster("Dedicated"), [])
	count(rule.deny) == 1 with input as inp
	count(rule.deny) == 0 with input as inp with data.lzscan.params.LZ204.exempt_tags as {"capacity": "dedicated"}
	count(rule.deny) == 0 with input as inp with data.lzscan.params.LZ204.exempt_tags as {"Capacity": ["reserved", "dedicated"]}
	no_tags := compute("gpu-train", {}, cluster("Dedicated"), ["tags"])
	count(rule.deny) == 1 with input as no_tags with data.lzscan.params.LZ204.exempt_tags as {}
}
