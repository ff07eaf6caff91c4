package lzscan.rules.inference_not_on_spot_test

import data.lzscan.rules.inference_not_on_spot as rule

cluster(pools, unknown) := {
	"resources": [{
		"id": "aks",
		"type": "Microsoft.ContainerService/managedClusters",
		"name": "aks-serving",
		"tags": {},
		"properties": {"agentPoolProfiles": pools},
		"unknown": unknown,
	}],
	"index": {"by_type": {"microsoft.containerservice/managedclusters": [0]}},
}

agent_pool(name, tags, props, unknown) := {
	"resources": [{
		"id": "pool",
		"type": "Microsoft.ContainerService/managedClusters/agentPools",
		"name": name,
		"tags": tags,
		"properties": props,
		"unknown": unknown,
	}],
	"index": {"by_type": {"microsoft.containerservice/managedclusters/agentpools": [0]}},
}

system := {"name": "system", "mode": "System", "vmSize": "Standard_D4s_v5"}

test_inline_inference_pool_on_spot_is_reported if {
	pools := [system, {"name": "gpuinfer", "mode": "User", "scaleSetPriority": "Spot"}]
	findings := rule.deny with input as cluster(pools, [])
	count(findings) == 1
	some f in findings
	f.path == "properties.agentPoolProfiles[1].scaleSetPriority"
	contains(f.message, "node pool 'gpuinfer' of Microsoft.ContainerService/managedClusters 'aks-serving'")
	contains(f.message, "its name matches '*infer*'")
}

test_regular_or_default_priority_passes if {
	count(rule.deny) == 0 with input as cluster([system, {"name": "gpuinfer", "scaleSetPriority": "Regular"}], [])
	count(rule.deny) == 0 with input as cluster([system, {"name": "gpuinfer"}], [])
}

test_spot_pool_that_does_not_serve_inference_passes if {
	count(rule.deny) == 0 with input as cluster([system, {"name": "batch", "scaleSetPriority": "Spot"}], [])
}

test_node_label_or_tag_marks_inference if {
	by_label := {"name": "gpua100", "scaleSetPriority": "spot", "nodeLabels": {"Workload": "Inference"}}
	findings := rule.deny with input as cluster([by_label], [])
	some f in findings
	contains(f.message, "node label Workload=Inference")
	by_tag := {"name": "gpua100", "scaleSetPriority": "Spot", "tags": {"workload": "serving"}}
	count(rule.deny) == 1 with input as cluster([by_tag], [])
	other := {"name": "gpua100", "scaleSetPriority": "Spot", "tags": {"workload": "training"}, "nodeLabels": "x"}
	count(rule.deny) == 0 with input as cluster([other], [])
}

test_unknown_priority_is_silent if {
	pools := [{"name": "gpuinfer"}]
	count(rule.deny) == 0 with input as cluster(pools, ["properties.agentPoolProfiles[0].scaleSetPriority"])
	count(rule.deny) == 0 with input as cluster([], ["properties.agentPoolProfiles"])
}

test_pool_with_unknown_name_and_labels_is_silent if {
	count(rule.deny) == 0 with input as cluster([{"scaleSetPriority": "Spot"}], ["properties.agentPoolProfiles[0].name"])
}

test_separate_agent_pool_is_checked if {
	findings := rule.deny with input as agent_pool("aks-serving/serve", {}, {"mode": "User", "scaleSetPriority": "Spot"}, [])
	count(findings) == 1
	some f in findings
	f.path == "properties.scaleSetPriority"
	startswith(f.message, "Microsoft.ContainerService/managedClusters/agentPools 'aks-serving/serve' serves inference")
	count(rule.deny) == 0 with input as agent_pool("aks-serving/serve", {}, {"scaleSetPriority": "Regular"}, [])
	count(rule.deny) == 0 with input as agent_pool("aks-serving/serve", {}, {"scaleSetPriority": "Spot"}, ["properties.scaleSetPriority"])
}

test_separate_agent_pool_tags_in_properties_or_resource if {
	arm := {"scaleSetPriority": "Spot", "tags": {"workload": "inference"}}
	count(rule.deny) == 1 with input as agent_pool("aks-serving/gpu", {}, arm, [])
	count(rule.deny) == 1 with input as agent_pool("gpu", {"workload": "inference"}, {"scaleSetPriority": "Spot"}, [])
	count(rule.deny) == 0 with input as agent_pool("gpu", {}, {"scaleSetPriority": "Spot", "tags": "x"}, [])
	count(rule.deny) == 0 with input as agent_pool(null, {}, {"scaleSetPriority": "Spot"}, ["name"])
}

test_inference_names_parameter if {
	inp := cluster([{"name": "llama", "scaleSetPriority": "Spot"}], [])
	count(rule.deny) == 0 with input as inp
	count(rule.deny) == 1 with input as inp with data.lzscan.params.LZ205.inference_names as ["LLM*", "llama*"]
	srv := cluster([{"name": "gpuserve", "scaleSetPriority": "Spot"}], [])
	count(rule.deny) == 0 with input as srv with data.lzscan.params.LZ205.inference_names as []
}

test_inference_tags_parameter if {
	pool := {"name": "gpua100", "scaleSetPriority": "Spot", "nodeLabels": {"app.kubernetes.io/component": "predictor"}}
	count(rule.deny) == 0 with input as cluster([pool], [])
	count(rule.deny) == 1 with input as cluster([pool], []) with data.lzscan.params.LZ205.inference_tags as {"app.kubernetes.io/component": "predictor"}
	count(rule.deny) == 1 with input as cluster([pool], []) with data.lzscan.params.LZ205.inference_tags as {"APP.kubernetes.io/component": ["Predictor"]}
}
