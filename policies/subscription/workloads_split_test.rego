package lzscan.rules.workloads_split_test

import data.lzscan.rules.workloads_split as rule

# Builds the input from [id, type, subscription, body] rows, with both indexes.
graph(rows) := {
	"resources": resources,
	"index": {
		"by_type": {t: [i | some i, x in resources; lower(x.type) == t] | some r in resources; t := lower(r.type)},
		"by_subscription": {s: [i | some i, x in resources; x.subscription == s] | some r in resources; s := r.subscription; s != null},
	},
	"topology": {"subscriptions": {
		"sub-all": {"id": "sub-all", "name": "ai-everything", "tags": {}, "role": "general"},
		"sub-other": {"id": "sub-other", "name": null, "tags": {}, "role": null},
	}},
} if {
	resources := [object.union({"id": row[0], "type": row[1], "name": row[0], "subscription": row[2], "unknown": []}, row[3]) | some row in rows]
}

cluster(id, sub) := [id, "Microsoft.MachineLearningServices/workspaces/computes", sub, {"properties": {"computeType": "AmlCompute", "properties": {"vmSize": "Standard_NC24ads_A100_v4"}}}]

lake(id, sub) := [id, "Microsoft.Storage/storageAccounts", sub, {"kind": "StorageV2", "properties": {"isHnsEnabled": true}}]

app(id, sub) := [id, "Microsoft.App/containerApps", sub, {"properties": {}}]

test_all_three_in_one_subscription_is_reported_once if {
	findings := rule.deny with input as graph([cluster("gpu-b", "sub-all"), cluster("gpu-a", "sub-all"), lake("lake", "sub-all"), app("api", "sub-all")])
	count(findings) == 1
	some f in findings
	f.resource == "gpu-a"
	contains(f.message, "subscription ai-everything holds AI compute (Microsoft.MachineLearningServices/workspaces/computes 'gpu-a' and 1 more), data (Microsoft.Storage/storageAccounts 'lake') and serving (Microsoft.App/containerApps 'api') together")
}

test_split_subscriptions_pass if {
	count(rule.deny) == 0 with input as graph([cluster("gpu", "sub-all"), lake("lake", "sub-all"), app("api", "sub-other")])
}

test_unknown_subscription_is_not_counted if {
	count(rule.deny) == 0 with input as graph([cluster("gpu", "sub-all"), lake("lake", "sub-all"), app("api", null)])
}

test_subscription_without_name_is_named_by_key if {
	findings := rule.deny with input as graph([cluster("gpu", "sub-other"), lake("lake", "sub-other"), app("api", "sub-other")])
	some f in findings
	startswith(f.message, "subscription sub-other holds")
}

test_plain_storage_is_not_data if {
	plain := ["st", "Microsoft.Storage/storageAccounts", "sub-all", {"properties": {"isHnsEnabled": false}}]
	absent := ["st2", "Microsoft.Storage/storageAccounts", "sub-all", {"properties": {}}]
	count(rule.deny) == 0 with input as graph([cluster("gpu", "sub-all"), plain, absent, app("api", "sub-all")])
}

test_unknown_namespace_is_not_data if {
	inp := graph([cluster("gpu", "sub-all"), lake("lake", "sub-all"), app("api", "sub-all")])
	unknown := object.union(inp.resources[1], {"unknown": ["properties.isHnsEnabled"]})
	count(rule.deny) == 0 with input as object.union(inp, {"resources": [inp.resources[0], unknown, inp.resources[2]]})
}

test_data_lake_storage_parameter if {
	inp := graph([cluster("gpu", "sub-all"), lake("lake", "sub-all"), app("api", "sub-all")])
	count(rule.deny) == 0 with input as inp with data.lzscan.params.LZ502.data_lake_storage as false
}

test_data_types_parameter if {
	cosmos := ["logs", "Microsoft.DocumentDB/databaseAccounts", "sub-all", {}]
	inp := graph([cluster("gpu", "sub-all"), cosmos, app("api", "sub-all")])
	count(rule.deny) == 0 with input as inp
	count(rule.deny) == 1 with input as inp with data.lzscan.params.LZ502.data_types as ["Microsoft.DocumentDB/databaseAccounts"]
}

test_attached_computes_are_not_compute if {
	attached := ["aks-attach", "Microsoft.MachineLearningServices/workspaces/computes", "sub-all", {"properties": {"computeType": "Kubernetes"}}]
	unknown := ["c2", "Microsoft.MachineLearningServices/workspaces/computes", "sub-all", {"properties": {}, "unknown": ["properties.computeType"]}]
	count(rule.deny) == 0 with input as graph([attached, unknown, lake("lake", "sub-all"), app("api", "sub-all")])
}

test_compute_instance_is_compute if {
	ci := ["ci", "Microsoft.MachineLearningServices/workspaces/computes", "sub-all", {"properties": {"computeType": "ComputeInstance"}}]
	count(rule.deny) == 1 with input as graph([ci, lake("lake", "sub-all"), app("api", "sub-all")])
}

test_gpu_virtual_machines_and_scale_sets_are_compute if {
	vm := ["vm", "Microsoft.Compute/virtualMachines", "sub-all", {"properties": {"hardwareProfile": {"vmSize": "Standard_ND96isr_H100_v5"}}}]
	vmss := ["vmss", "Microsoft.Compute/virtualMachineScaleSets", "sub-all", {"sku": {"name": "standard_nc4as_t4_v3"}}]
	count(rule.deny) == 1 with input as graph([vm, lake("lake", "sub-all"), app("api", "sub-all")])
	count(rule.deny) == 1 with input as graph([vmss, lake("lake", "sub-all"), app("api", "sub-all")])
}

test_cpu_virtual_machines_are_not_compute if {
	vm := ["vm", "Microsoft.Compute/virtualMachines", "sub-all", {"properties": {"hardwareProfile": {"vmSize": "Standard_D4s_v5"}}}]
	count(rule.deny) == 0 with input as graph([vm, lake("lake", "sub-all"), app("api", "sub-all")])
}

test_unknown_vm_size_is_not_compute if {
	vm := ["vm", "Microsoft.Compute/virtualMachines", "sub-all", {"properties": {"hardwareProfile": {"vmSize": "Standard_NC6s_v3"}}, "unknown": ["properties.hardwareProfile.vmSize"]}]
	count(rule.deny) == 0 with input as graph([vm, lake("lake", "sub-all"), app("api", "sub-all")])
}

test_gpu_sku_patterns_parameter if {
	vm := ["vm", "Microsoft.Compute/virtualMachines", "sub-all", {"properties": {"hardwareProfile": {"vmSize": "Standard_NG32ads_V620_v1"}}}]
	inp := graph([vm, lake("lake", "sub-all"), app("api", "sub-all")])
	count(rule.deny) == 0 with input as inp
	count(rule.deny) == 1 with input as inp with data.lzscan.params.LZ502.gpu_sku_patterns as ["Standard_NG*"]
}

test_compute_and_serving_types_parameters if {
	aks := ["aks", "Microsoft.ContainerService/managedClusters", "sub-all", {}]
	eh := ["events", "Microsoft.EventHub/namespaces", "sub-all", {}]
	batch := ["pool", "Microsoft.Batch/batchAccounts/pools", "sub-all", {}]
	count(rule.deny) == 1 with input as graph([batch, eh, aks])
	count(rule.deny) == 0 with input as graph([batch, eh, aks]) with data.lzscan.params.LZ502.serving_types as ["Microsoft.Web/sites"]
	count(rule.deny) == 0 with input as graph([batch, eh, aks]) with data.lzscan.params.LZ502.compute_types as []
}
