# METADATA
# title: Compute has no public IP; access goes through Bastion
# description: |
#   Virtual machines, scale sets, GPU node pools and Azure Machine Learning compute
#   get no public IP address:
#
#   - a VM or VM scale set network interface configuration has no
#     `publicIPAddressConfiguration`;
#   - a network interface attached to a VM has no IP configuration that references
#     a public IP (`ipConfigurations[].properties.publicIPAddress`);
#   - an AML compute cluster (`AmlCompute`) or compute instance sets
#     `enableNodePublicIp` to `false` (Azure's default is `true`);
#   - an AKS node pool does not set `enableNodePublicIP` to `true`.
#
#   **Why.** A GPU VM with a public IP is a machine worth a lot of money, holding
#   training data and model weights, one weak SSH key away from the internet. The
#   landing zone's hub has Azure Bastion for interactive access and the firewall
#   for egress; compute in the spokes needs neither an inbound public address nor
#   one that bypasses the firewall on the way out.
#
#   **How to fix.** Remove the public IP and connect through Bastion:
#
#   ```json
#   "ipConfigurations": [{
#     "name": "ipconfig1",
#     "properties": {
#       "subnet": { "id": "[variables('computeSubnetId')]" },
#       "privateIPAllocationMethod": "Dynamic"
#     }
#   }]
#   ```
#
#   For AML compute set `"enableNodePublicIp": false` in the compute's
#   `properties.properties` (Terraform: `node_public_ip_enabled = false` on
#   `azurerm_machine_learning_compute_cluster` and `_instance`); it needs a subnet
#   or a workspace managed network. In Terraform, drop `public_ip_address_id` from
#   `azurerm_network_interface`, the `public_ip_address` block from a scale set's
#   `ip_configuration`, and `node_public_ip_enabled` from AKS node pools.
#
#   A network interface is judged when a VM in the scan uses it (or, in exported
#   state, when its `virtualMachine` is set); an interface whose public IP id is
#   known only at deployment is reported when it references a public IP address
#   resource of the scan. Other values known only at deployment are not reported.
# custom:
#   id: LZ108
#   name: no-public-ip-on-compute
#   severity: high
#   tags: [network, compute, bastion]
#   resource_types:
#     - Microsoft.Compute/virtualMachines
#     - Microsoft.Compute/virtualMachineScaleSets
#     - Microsoft.Network/networkInterfaces
#     - Microsoft.MachineLearningServices/workspaces/computes
#     - Microsoft.ContainerService/managedClusters
#     - Microsoft.ContainerService/managedClusters/agentPools
#   azure_policy:
#     - id: /providers/Microsoft.Authorization/policyDefinitions/83a86a26-fd1f-447c-b59d-e51f44264114
#       name: Network interfaces should not have public IPs
package lzscan.rules.no_public_ip_on_compute

import data.lzscan.lib

# Speed (regorus): nearly all compute is compliant, so each resource type is
# visited once through its type index with plain property references (a missing
# property stops the body at once), `input.resources` bound to a local, and the
# public IP tested first. The edges, the VMs and the public IP resources are read
# only when a network interface holds a public IP (rules are computed on first use).

# Position of each VM by id, to name the VMs of a reported network interface.
vm_at := {rs[i].id: i |
	rs := input.resources
	some i in input.index.by_type["microsoft.compute/virtualmachines"]
}

public_ips := {rs[i].id |
	rs := input.resources
	some i in input.index.by_type["microsoft.network/publicipaddresses"]
}

display(r) := r.name if is_string(r.name)

display(r) := r.id if not is_string(r.name)

# The VM a network interface belongs to, from the scan or from exported state.
attached_to(nic) := concat(", ", sort(names)) if {
	names := {display(input.resources[vm_at[e.from]]) |
		some e in lib.edges_to(nic.id)
		e.kind == "reference"
		e.to == nic.id
	}
	count(names) > 0
} else := last(split(id, "/")) if {
	id := nic.properties.virtualMachine.id
	is_string(id)
}

last(parts) := parts[count(parts) - 1]

# Network interfaces attached to a VM with an IP configuration holding a public IP.
# (Both cases need a publicIPAddress, tested first; the path, the VM and the
# message are built only for the IP configurations that have one.)
deny contains lib.finding_at(r, path, msg) if {
	rs := input.resources
	some n in input.index.by_type["microsoft.network/networkinterfaces"]
	r := rs[n]
	some i, ipc in r.properties.ipConfigurations
	ipc.properties.publicIPAddress
	path := sprintf("properties.ipConfigurations[%d].properties.publicIPAddress.id", [i])
	has_public_ip(r, ipc, path)
	vm := attached_to(r)
	msg := sprintf("%s, the network interface of VM '%s', has a public IP in IP configuration '%s': remove it and reach the VM through Azure Bastion", [lib.label(r), vm, object.get(ipc, "name", i)])
}

# A public IP id written out.
has_public_ip(_, ipc, path) if {
	id := ipc.properties.publicIPAddress.id
	is_string(id)
	id != ""
}

# A public IP id known only at deployment, taken from a public IP address resource
# of the scan (`azurerm_public_ip.x.id`, `pip.id`).
has_public_ip(r, ipc, path) if {
	is_object(ipc.properties.publicIPAddress)
	lib.is_unknown(r, path)
	some e in lib.edges_from(r.id)
	e.kind == "reference"
	e.from == r.id
	public_ips[e.to]
}

vm_nic_configs := "properties.networkProfile.networkInterfaceConfigurations"

vmss_nic_configs := "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations"

# VMs (networkApiVersion 2020-11-01 and later) and scale sets that create their
# network interfaces inline.
deny contains lib.finding_at(r, path, msg) if {
	rs := input.resources
	some p in input.index.by_type["microsoft.compute/virtualmachines"]
	r := rs[p]
	some i, nic in r.properties.networkProfile.networkInterfaceConfigurations
	some j, ipc in nic.properties.ipConfigurations
	is_object(ipc.properties.publicIPAddressConfiguration)
	path := sprintf("%s[%d].properties.ipConfigurations[%d].properties.publicIPAddressConfiguration", [vm_nic_configs, i, j])
	not lib.is_unknown(r, path)
	msg := inline_message(r, nic, i)
}

deny contains lib.finding_at(r, path, msg) if {
	rs := input.resources
	some p in input.index.by_type["microsoft.compute/virtualmachinescalesets"]
	r := rs[p]
	some i, nic in r.properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations
	some j, ipc in nic.properties.ipConfigurations
	is_object(ipc.properties.publicIPAddressConfiguration)
	path := sprintf("%s[%d].properties.ipConfigurations[%d].properties.publicIPAddressConfiguration", [vmss_nic_configs, i, j])
	not lib.is_unknown(r, path)
	msg := inline_message(r, nic, i)
}

inline_message(r, nic, i) := sprintf("%s gives its network interface '%s' a public IP: remove publicIPAddressConfiguration and reach the machines through Azure Bastion", [lib.label(r), object.get(nic, "name", i)])

aml_compute_types := {"amlcompute", "computeinstance"}

node_public_ip := "properties.properties.enableNodePublicIp"

# AML compute clusters and instances: Azure gives their nodes public IPs unless told otherwise.
# Speed: thousands of computes at 100k, nearly all with enableNodePublicIp false,
# which is tested first; the compute type, the labels (inline as lib.label does,
# lib.label and lib.is_unknown for the rare computes without a string name or with
# unknown values) and the messages are looked at only for the others.

# Position → enableNodePublicIp (null when not set) of the computes with public nodes.
aml_public := {i: value |
	rs := input.resources
	some i in input.index.by_type["microsoft.machinelearningservices/workspaces/computes"]
	p := rs[i].properties
	not p.properties.enableNodePublicIp == false
	aml_compute_types[lower(p.computeType)]
	value := object.get(p, ["properties", "enableNodePublicIp"], null)
}

aml_plain := object.union(
	{i: sprintf("%s '%s' does not set enableNodePublicIp, and Azure's default is true: its nodes get public IPs (set enableNodePublicIp to false and reach them through Azure Bastion)", [r.type, r.name]) |
		some i, value in aml_public
		value == null
		r := input.resources[i]
		is_string(r.name)
		r.unknown == []
	},
	{i: sprintf("%s '%s' has enableNodePublicIp %v: its nodes get public IPs (set enableNodePublicIp to false and reach them through Azure Bastion)", [r.type, r.name, value]) |
		some i, value in aml_public
		value != null
		r := input.resources[i]
		is_string(r.name)
		r.unknown == []
	},
)

aml_careful := {i: sprintf("%s %s: its nodes get public IPs (set enableNodePublicIp to false and reach them through Azure Bastion)", [lib.label(r), aml_state(value)]) |
	some i, value in object.remove(aml_public, object.keys(aml_plain))
	r := input.resources[i]
	not lib.is_unknown(r, node_public_ip)
}

deny contains {"resource": input.resources[i].id, "message": msg, "path": node_public_ip} if {
	some i, msg in object.union(aml_plain, aml_careful)
}

aml_state(v) := "does not set enableNodePublicIp, and Azure's default is true" if v == null

aml_state(v) := sprintf("has enableNodePublicIp %v", [v]) if v != null

# AKS node pools, inline in the cluster or as child resources.
deny contains lib.finding_at(r, path, msg) if {
	rs := input.resources
	some p in input.index.by_type["microsoft.containerservice/managedclusters"]
	r := rs[p]
	some i, pool in r.properties.agentPoolProfiles
	pool.enableNodePublicIP == true
	path := sprintf("properties.agentPoolProfiles[%d].enableNodePublicIP", [i])
	not lib.is_unknown(r, path)
	msg := sprintf("%s gives the nodes of pool '%s' public IPs: set enableNodePublicIP to false and reach the nodes through Azure Bastion", [lib.label(r), object.get(pool, "name", i)])
}

deny contains lib.finding_at(r, "properties.enableNodePublicIP", msg) if {
	rs := input.resources
	some p in input.index.by_type["microsoft.containerservice/managedclusters/agentpools"]
	rs[p].properties.enableNodePublicIP == true
	r := rs[p]
	not lib.is_unknown(r, "properties.enableNodePublicIP")
	msg := sprintf("%s gives its nodes public IPs: set enableNodePublicIP to false and reach the nodes through Azure Bastion", [lib.label(r)])
}
