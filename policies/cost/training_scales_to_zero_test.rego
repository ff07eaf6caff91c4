package lzscan.rules.training_scales_to_zero_test

import data.lzscan.rules.training_scales_to_zero as rule

compute(props, unknown) := {
	"resources": [{
		"id": "c1",
		"type": "Microsoft.MachineLearningServices/workspaces/computes",
		"name": "mlw-ai/gpu-train",
		"properties": props,
		"unknown": unknown,
	}],
	"index": {"by_type": {"microsoft.machinelearningservices/workspaces/computes": [0]}},
}

cluster(scale) := {"computeType": "AmlCompute", "properties": {"vmSize": "Standard_NC24ads_A100_v4", "scaleSettings": scale}}

test_minimum_above_zero_is_reported if {
	findings := rule.deny with input as compute(cluster({"minNodeCount": 2, "maxNodeCount": 4}), [])
	count(findings) == 1
	some f in findings
	f.path == "properties.properties.scaleSettings.minNodeCount"
	contains(f.message, "minNodeCount 2")
	contains(f.message, "set it to 0")
}

test_zero_minimum_passes if {
	count(rule.deny) == 0 with input as compute(cluster({"minNodeCount": 0, "maxNodeCount": 4}), [])
}

test_absent_minimum_is_zero if {
	count(rule.deny) == 0 with input as compute(cluster({"maxNodeCount": 4}), [])
	count(rule.deny) == 0 with input as compute({"computeType": "AmlCompute"}, [])
}

test_string_minimum_is_read_as_a_number if {
	count(rule.deny) == 1 with input as compute(cluster({"minNodeCount": "1"}), [])
	count(rule.deny) == 0 with input as compute(cluster({"minNodeCount": "0"}), [])
}

test_compute_type_is_case_insensitive if {
	props := {"computeType": "amlcompute", "properties": {"scaleSettings": {"minNodeCount": 1}}}
	count(rule.deny) == 1 with input as compute(props, [])
}

test_other_compute_types_are_skipped if {
	props := {"computeType": "ComputeInstance", "properties": {"scaleSettings": {"minNodeCount": 1}}}
	count(rule.deny) == 0 with input as compute(props, [])
}

test_unknown_values_are_silent if {
	count(rule.deny) == 0 with input as compute(cluster({}), ["properties.properties.scaleSettings.minNodeCount"])
	count(rule.deny) == 0 with input as compute(cluster({}), ["properties.properties.scaleSettings"])
	count(rule.deny) == 0 with input as compute({"properties": {"scaleSettings": {"minNodeCount": 3}}}, ["properties.computeType"])
}

test_max_min_nodes_parameter if {
	inp := compute(cluster({"minNodeCount": 1}), [])
	count(rule.deny) == 0 with input as inp with data.lzscan.params.LZ203.max_min_nodes as 1
	findings := rule.deny with input as compute(cluster({"minNodeCount": 2}), []) with data.lzscan.params.LZ203.max_min_nodes as 1
	some f in findings
	contains(f.message, "set it to at most 1")
}

test_missing_minimum_reads_as_zero if {
	count(rule.deny) == 0 with input as compute(cluster({"maxNodeCount": 4}), [])
	# zero is above a negative maximum
	findings := rule.deny with input as compute(cluster({"maxNodeCount": 4}), []) with data.lzscan.params.LZ203.max_min_nodes as -1
	count(findings) == 1
	some f in findings
	contains(f.message, "minNodeCount 0")
	count(rule.deny) == 0 with input as compute({"computeType": "ComputeInstance"}, []) with data.lzscan.params.LZ203.max_min_nodes as -1
}
