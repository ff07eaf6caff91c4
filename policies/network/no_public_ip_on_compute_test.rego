package lzscan.rules.no_public_ip_on_compute_test

import data.lzscan.rules.no_public_ip_on_compute as rule

# An input of resources (indexed by type) and edges.
graph(resources, edges) := {
	"resources": resources,
	"edges": edges,
	"index": {"by_type": {t: [i | some i; lower(resources[i].type) == t] | some r in resources; t := lower(r.type)}},
}

ref(from, to) := {"kind": "reference", "from": from, "to": to, "resolved": true}

vm(id, props) := {"id": id, "type": "Microsoft.Compute/virtualMachines", "name": id, "properties": props, "unknown": []}

nic(id, ipcs, unknown) := {"id": id, "type": "Microsoft.Network/networkInterfaces", "name": id, "properties": {"ipConfigurations": ipcs}, "unknown": unknown}

pip := {"id": "pip", "type": "Microsoft.Network/publicIPAddresses", "name": "pip-vm", "properties": {}, "unknown": []}

ipc(name, props) := {"name": name, "properties": object.union({"privateIPAllocationMethod": "Dynamic", "subnet": {"id": "snet"}}, props)}

with_pip := ipc("ipconfig1", {"publicIPAddress": {"id": "pip"}})

private_only := ipc("ipconfig1", {})

vm_using(nic_id) := vm("vm-gpu", {"networkProfile": {"networkInterfaces": [{"id": nic_id}]}})

test_nic_of_a_vm_with_public_ip_is_reported if {
	findings := rule.deny with input as graph([vm_using("nic"), nic("nic", [private_only, with_pip], []), pip], [ref("vm-gpu", "nic"), ref("nic", "pip")])
	count(findings) == 1
	some f in findings
	f.resource == "nic"
	f.path == "properties.ipConfigurations[1].properties.publicIPAddress.id"
	contains(f.message, "the network interface of VM 'vm-gpu'")
	contains(f.message, "IP configuration 'ipconfig1'")
}

test_nic_with_private_ips_only_passes if {
	empty_id := ipc("ipconfig1", {"publicIPAddress": {"id": ""}})
	count(rule.deny) == 0 with input as graph([vm_using("nic"), nic("nic", [private_only, empty_id], [])], [ref("vm-gpu", "nic")])
}

test_unattached_nic_is_silent if {
	count(rule.deny) == 0 with input as graph([nic("nic", [with_pip], []), pip], [ref("nic", "pip")])
}

test_exported_nic_names_its_vm if {
	exported := {
		"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/networkInterfaces/nic",
		"type": "Microsoft.Network/networkInterfaces",
		"name": "nic",
		"properties": {
			"ipConfigurations": [with_pip],
			"virtualMachine": {"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm-train-01"},
		},
		"unknown": [],
	}
	findings := rule.deny with input as graph([exported], [])
	count(findings) == 1
	some f in findings
	contains(f.message, "VM 'vm-train-01'")
}

test_vm_without_name_is_named_by_id if {
	unnamed := {"id": "module.x.azurerm_linux_virtual_machine.gpu", "type": "Microsoft.Compute/virtualMachines", "name": null, "properties": {}, "unknown": ["name"]}
	findings := rule.deny with input as graph([unnamed, nic("nic", [with_pip], [])], [ref("module.x.azurerm_linux_virtual_machine.gpu", "nic")])
	some f in findings
	contains(f.message, "VM 'module.x.azurerm_linux_virtual_machine.gpu'")
}

test_unknown_public_ip_of_a_public_ip_resource_is_reported if {
	# public_ip_address_id = azurerm_public_ip.x.id: the id is unknown, the resource is not.
	tf_ipc := ipc("internal", {"publicIPAddress": {}})
	unknown := ["properties.ipConfigurations[0].properties.publicIPAddress.id"]
	findings := rule.deny with input as graph([vm_using("nic"), nic("nic", [tf_ipc], unknown), pip], [ref("vm-gpu", "nic"), ref("nic", "pip")])
	count(findings) == 1
}

test_unknown_public_ip_without_a_public_ip_resource_is_silent if {
	tf_ipc := ipc("internal", {"publicIPAddress": {}})
	unknown := ["properties.ipConfigurations[0].properties.publicIPAddress.id"]
	count(rule.deny) == 0 with input as graph([vm_using("nic"), nic("nic", [tf_ipc], unknown)], [ref("vm-gpu", "nic")])
	count(rule.deny) == 0 with input as graph([vm_using("nic"), nic("nic", [private_only], ["properties.ipConfigurations[0].properties.publicIPAddress"]), pip], [ref("vm-gpu", "nic"), ref("nic", "pip")])
}

test_vm_inline_public_ip_configuration_is_reported if {
	props := {"networkProfile": {"networkApiVersion": "2020-11-01", "networkInterfaceConfigurations": [{
		"name": "nic-vm-gpu",
		"properties": {"primary": true, "ipConfigurations": [
			{"name": "ipconfig1", "properties": {"subnet": {"id": "snet"}}},
			{"name": "ipconfig2", "properties": {"subnet": {"id": "snet"}, "publicIPAddressConfiguration": {"name": "pip", "properties": {"publicIPAllocationMethod": "Static"}}}},
		]},
	}]}}
	findings := rule.deny with input as graph([vm("vm-gpu", props)], [])
	count(findings) == 1
	some f in findings
	f.path == "properties.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[1].properties.publicIPAddressConfiguration"
	contains(f.message, "network interface 'nic-vm-gpu'")
}

vmss(ipc_props, unknown) := {
	"id": "vmss",
	"type": "Microsoft.Compute/virtualMachineScaleSets",
	"name": "vmss-gpu",
	"properties": {"virtualMachineProfile": {"networkProfile": {"networkInterfaceConfigurations": [{"name": "nic", "properties": {"ipConfigurations": [{"name": "internal", "properties": ipc_props}]}}]}}},
	"unknown": unknown,
}

test_scale_set_public_ip_configuration_is_reported if {
	findings := rule.deny with input as graph([vmss({"publicIPAddressConfiguration": {"name": "pip"}}, [])], [])
	count(findings) == 1
	some f in findings
	f.path == "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].properties.publicIPAddressConfiguration"
}

test_scale_set_without_public_ip_passes if {
	count(rule.deny) == 0 with input as graph([vmss({"subnet": {"id": "snet"}}, [])], [])
	count(rule.deny) == 0 with input as graph([vmss({"publicIPAddressConfiguration": null}, [])], [])
	unknown := ["properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].properties.publicIPAddressConfiguration"]
	count(rule.deny) == 0 with input as graph([vmss({"publicIPAddressConfiguration": {"name": "pip"}}, unknown)], [])
}

compute(type, props, unknown) := {
	"id": "c",
	"type": "Microsoft.MachineLearningServices/workspaces/computes",
	"name": "mlw/gpu-cluster",
	"properties": {"computeType": type, "properties": props},
	"unknown": unknown,
}

test_aml_compute_defaults_to_public_ips if {
	findings := rule.deny with input as graph([compute("AmlCompute", {"vmSize": "Standard_NC24ads_A100_v4"}, [])], [])
	count(findings) == 1
	some f in findings
	f.path == "properties.properties.enableNodePublicIp"
	contains(f.message, "does not set enableNodePublicIp")
}

test_aml_compute_instance_with_public_ip_is_reported if {
	findings := rule.deny with input as graph([compute("ComputeInstance", {"enableNodePublicIp": true}, [])], [])
	some f in findings
	contains(f.message, "has enableNodePublicIp true")
}

test_aml_compute_without_public_ip_passes if {
	count(rule.deny) == 0 with input as graph([compute("AmlCompute", {"enableNodePublicIp": false}, [])], [])
}

test_aml_other_compute_and_unknowns_are_silent if {
	count(rule.deny) == 0 with input as graph([compute("Kubernetes", {}, [])], [])
	count(rule.deny) == 0 with input as graph([compute("AmlCompute", {}, ["properties.properties.enableNodePublicIp"])], [])
	count(rule.deny) == 0 with input as graph([compute("AmlCompute", {}, ["properties.properties"])], [])
	unknown_type := {"id": "c", "type": "Microsoft.MachineLearningServices/workspaces/computes", "name": "x", "properties": {}, "unknown": ["properties.computeType"]}
	count(rule.deny) == 0 with input as graph([unknown_type], [])
}

aks(pools, unknown) := {"id": "aks", "type": "Microsoft.ContainerService/managedClusters", "name": "aks-serving", "properties": {"agentPoolProfiles": pools}, "unknown": unknown}

test_aks_pool_with_public_ips_is_reported if {
	pools := [{"name": "system", "mode": "System"}, {"name": "gpu", "vmSize": "Standard_NC24ads_A100_v4", "enableNodePublicIP": true}]
	findings := rule.deny with input as graph([aks(pools, [])], [])
	count(findings) == 1
	some f in findings
	f.path == "properties.agentPoolProfiles[1].enableNodePublicIP"
	contains(f.message, "pool 'gpu'")
}

test_aks_pools_without_public_ips_pass if {
	count(rule.deny) == 0 with input as graph([aks([{"name": "system", "enableNodePublicIP": false}], [])], [])
	count(rule.deny) == 0 with input as graph([aks([{"name": "gpu", "enableNodePublicIP": true}], ["properties.agentPoolProfiles[0].enableNodePublicIP"])], [])
}

pool(props, unknown) := {"id": "p", "type": "Microsoft.ContainerService/managedClusters/agentPools", "name": "aks-serving/gpu", "properties": props, "unknown": unknown}

test_aks_child_pool_with_public_ips_is_reported if {
	findings := rule.deny with input as graph([pool({"enableNodePublicIP": true, "vmSize": "Standard_NC24ads_A100_v4"}, [])], [])
	count(findings) == 1
	some f in findings
	f.path == "properties.enableNodePublicIP"
}

test_aks_child_pool_defaults_and_unknowns_pass if {
	count(rule.deny) == 0 with input as graph([pool({"vmSize": "Standard_NC24ads_A100_v4"}, [])], [])
	count(rule.deny) == 0 with input as graph([pool({"enableNodePublicIP": true}, ["properties.enableNodePublicIP"])], [])
}

# The careful path (no string name, or some unrelated value unknown) gives the same
# findings as the plain one.
test_aml_compute_careful_path_messages if {
	unnamed := object.union(compute("AmlCompute", {}, []), {"name": null})
	rule.deny == {{"resource": unnamed.id, "path": "properties.properties.enableNodePublicIp", "message": "Microsoft.MachineLearningServices/workspaces/computes does not set enableNodePublicIp, and Azure's default is true: its nodes get public IPs (set enableNodePublicIp to false and reach them through Azure Bastion)"}} with input as graph([unnamed], [])
	partly := compute("ComputeInstance", {"enableNodePublicIp": true}, ["properties.properties.vmSize"])
	rule.deny == {{"resource": partly.id, "path": "properties.properties.enableNodePublicIp", "message": sprintf("Microsoft.MachineLearningServices/workspaces/computes '%s' has enableNodePublicIp true: its nodes get public IPs (set enableNodePublicIp to false and reach them through Azure Bastion)", [partly.name])}} with input as graph([partly], [])
}
