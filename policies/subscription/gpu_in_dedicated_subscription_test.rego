package lzscan.rules.gpu_in_dedicated_subscription_test

import data.lzscan.rules.gpu_in_dedicated_subscription as rule

subs := {
	"sub-compute": {"id": "sub-compute", "name": "ai-compute", "tags": {}, "role": "ai_compute"},
	"sub-general": {"id": "sub-general", "name": "corp-general", "tags": {}, "role": "general"},
	"sub-serving": {"id": "sub-serving", "tags": {}, "role": "serving"},
	"sub-unknown": {"id": "sub-unknown", "name": "unknown-role", "tags": {}, "role": null},
}

# One resource of type `t` in subscription `sub`, with `body` merged in.
one(t, sub, body, unknown) := {
	"resources": [object.union({"id": "r1", "type": t, "name": "gpu", "subscription": sub, "unknown": unknown}, body)],
	"index": {"by_type": {lower(t): [0]}, "by_subscription": {sub: [0]}},
	"topology": {"subscriptions": subs},
}

vm(size, sub) := one("Microsoft.Compute/virtualMachines", sub, {"properties": {"hardwareProfile": {"vmSize": size}}}, [])

test_gpu_vm_in_general_subscription_is_reported if {
	findings := rule.deny with input as vm("Standard_NC24ads_A100_v4", "sub-general")
	count(findings) == 1
	some f in findings
	f.path == "properties.hardwareProfile.vmSize"
	contains(f.message, "GPU size Standard_NC24ads_A100_v4 in subscription corp-general, whose role is general")
	endswith(f.message, "(role ai_compute)")
}

test_gpu_vm_in_ai_compute_subscription_passes if {
	count(rule.deny) == 0 with input as vm("Standard_ND96isr_H100_v5", "sub-compute")
}

test_non_gpu_vm_passes if {
	count(rule.deny) == 0 with input as vm("Standard_D4s_v5", "sub-general")
}

test_sizes_compare_case_insensitively if {
	count(rule.deny) == 1 with input as vm("standard_nv36ads_a10_v5", "sub-general")
	count(rule.deny) == 1 with input as vm("STANDARD_NC6S_V3", "sub-general")
}

test_unknown_subscription_or_role_is_silent if {
	count(rule.deny) == 0 with input as vm("Standard_NC6s_v3", "sub-unknown")
	count(rule.deny) == 0 with input as vm("Standard_NC6s_v3", "sub-elsewhere")
	count(rule.deny) == 0 with input as vm("Standard_NC6s_v3", null)
}

test_subscription_without_name_is_named_by_key if {
	findings := rule.deny with input as vm("Standard_NC6s_v3", "sub-serving")
	some f in findings
	contains(f.message, "in subscription sub-serving, whose role is serving")
}

test_unknown_size_is_silent if {
	inp := one("Microsoft.Compute/virtualMachines", "sub-general", {"properties": {"hardwareProfile": {"vmSize": "Standard_NC6s_v3"}}}, ["properties.hardwareProfile.vmSize"])
	count(rule.deny) == 0 with input as inp
}

test_scale_set_sku_is_reported if {
	inp := one("Microsoft.Compute/virtualMachineScaleSets", "sub-general", {"sku": {"name": "Standard_NC4as_T4_v3", "capacity": 2}}, [])
	some f in rule.deny with input as inp
	f.path == "sku.name"
}

test_aml_compute_size_is_reported if {
	inp := one("Microsoft.MachineLearningServices/workspaces/computes", "sub-general", {"properties": {"computeType": "AmlCompute", "properties": {"vmSize": "STANDARD_NC24ADS_A100_V4"}}}, [])
	some f in rule.deny with input as inp
	f.path == "properties.properties.vmSize"
}

test_online_deployment_instance_type_is_reported if {
	inp := one("Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments", "sub-general", {"properties": {"instanceType": "Standard_NC6s_v3"}}, [])
	some f in rule.deny with input as inp
	f.path == "properties.instanceType"
}

test_aks_pools_are_reported_each if {
	pools := [{"name": "system", "vmSize": "Standard_D4s_v5"}, {"name": "gpu", "vmSize": "Standard_NC24ads_A100_v4"}]
	inp := one("Microsoft.ContainerService/managedClusters", "sub-general", {"properties": {"agentPoolProfiles": pools}}, [])
	findings := rule.deny with input as inp
	{f.path | some f in findings} == {"properties.agentPoolProfiles[1].vmSize"}
	count(rule.deny) == 0 with input as object.union(inp, {"resources": [object.union(inp.resources[0], {"unknown": ["properties.agentPoolProfiles"]})]})
}

test_aks_agent_pool_child_is_reported if {
	inp := one("Microsoft.ContainerService/managedClusters/agentPools", "sub-general", {"properties": {"vmSize": "Standard_NC6s_v3", "mode": "User"}}, [])
	some f in rule.deny with input as inp
	f.path == "properties.vmSize"
}

test_gpu_sku_patterns_parameter if {
	inp := vm("Standard_NG32ads_V620_v1", "sub-general")
	count(rule.deny) == 0 with input as inp
	count(rule.deny) == 1 with input as inp with data.lzscan.params.LZ501.gpu_sku_patterns as ["Standard_NG*"]
	count(rule.deny) == 0 with input as vm("Standard_NC6s_v3", "sub-general") with data.lzscan.params.LZ501.gpu_sku_patterns as ["Standard_NG*"]
}

test_allowed_roles_parameter if {
	roles := ["ai_compute", "Serving"]
	count(rule.deny) == 0 with input as vm("Standard_NC6s_v3", "sub-serving") with data.lzscan.params.LZ501.allowed_roles as roles
	findings := rule.deny with input as vm("Standard_NC6s_v3", "sub-general") with data.lzscan.params.LZ501.allowed_roles as roles
	some f in findings
	endswith(f.message, "(role ai_compute or Serving)")
}

test_batch_pool_size_is_reported if {
	inp := one("Microsoft.Batch/batchAccounts/pools", "sub-general", {"properties": {"vmSize": "STANDARD_ND40RS_V2"}}, [])
	some f in rule.deny with input as inp
	f.path == "properties.vmSize"
}

# Sizes are judged once per value and messages end once per subscription: every
# resource still gets its own finding and label (a resource without a name is
# labelled by its type).
test_each_resource_gets_its_own_message if {
	inp := vm("Standard_NC6s_v3", "sub-general")
	nameless := object.union(inp.resources[0], {"id": "r2", "name": null})
	pool := {"id": "r3", "type": "Microsoft.ContainerService/managedClusters", "name": "aks", "subscription": "sub-serving", "unknown": [], "properties": {"agentPoolProfiles": [{"name": "gpu", "vmSize": "Standard_NC6s_v3"}]}}
	findings := rule.deny with input as {
		"resources": [inp.resources[0], nameless, pool],
		"index": {"by_type": {"microsoft.compute/virtualmachines": [0, 1], "microsoft.containerservice/managedclusters": [2]}},
		"topology": inp.topology,
	}
	{f.resource: f.message | some f in findings} == {
		"r1": "Microsoft.Compute/virtualMachines 'gpu' uses the GPU size Standard_NC6s_v3 in subscription corp-general, whose role is general: GPU capacity belongs in a subscription dedicated to AI compute (role ai_compute)",
		"r2": "Microsoft.Compute/virtualMachines uses the GPU size Standard_NC6s_v3 in subscription corp-general, whose role is general: GPU capacity belongs in a subscription dedicated to AI compute (role ai_compute)",
		"r3": "Microsoft.ContainerService/managedClusters 'aks' uses the GPU size Standard_NC6s_v3 in subscription sub-serving, whose role is serving: GPU capacity belongs in a subscription dedicated to AI compute (role ai_compute)",
	}
}
