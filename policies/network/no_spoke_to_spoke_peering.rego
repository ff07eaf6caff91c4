# METADATA
# title: Spoke VNets are never peered to each other
# description: |
#   A virtual network peering never joins two spoke VNets: each spoke connects to
#   the hub, and spoke-to-spoke traffic goes through the hub's firewall.
#
#   Hubs are the VNets named by `[topology] hubs` in `lzscan.toml`, VNets tagged
#   `lz-role = hub`, and VNets holding an `AzureFirewallSubnet`, `GatewaySubnet` or
#   `AzureBastionSubnet`; every other VNet in the scan is a spoke. Each peering
#   declared by a spoke (a `virtualNetworkPeerings` child resource, an inline
#   `properties.virtualNetworkPeerings` entry, or a Terraform
#   `azurerm_virtual_network_peering`) whose remote VNet is also a spoke is
#   reported where it is declared. Both sides of such a peering are reported.
#
#   **Why.** The hub is where an AI landing zone inspects and logs traffic: the
#   Azure Firewall sees what flows between training, serving and data spokes. A
#   direct spoke-to-spoke peering is a path around it: the inference spoke can
#   read the data platform without any rule, and a compromise in one spoke
#   reaches the next one unseen.
#
#   **How to fix.** Remove the peering and peer each spoke to the hub only; route
#   spoke-to-spoke traffic through the hub firewall with a route table on the
#   spoke subnets (`0.0.0.0/0` or the other spoke's prefix to the firewall's
#   private IP). If a VNet is in fact a hub, say so in `lzscan.toml`:
#
#   ```toml
#   [topology]
#   hubs = ["vnet-*-hub"]
#   ```
#
#   or tag it `lz-role = hub`. A peering whose remote VNet is not in the scan,
#   or whose remote cannot be resolved before deployment, is not reported.
# custom:
#   id: LZ103
#   name: no-spoke-to-spoke-peering
#   severity: high
#   tags: [network, hub-spoke, peering]
#   resource_types:
#     - Microsoft.Network/virtualNetworks
#     - Microsoft.Network/virtualNetworks/virtualNetworkPeerings
#   alz:
#     - Deny-VNET-Peering-To-Non-Approved-VNETs
package lzscan.rules.no_spoke_to_spoke_peering

import data.lzscan.lib

vnets := object.get(input, ["topology", "vnets"], {})

vnet_name(id) := name if {
	name := object.get(vnets, [id, "name"], null)
	is_string(name)
}

vnet_name(id) := id if not is_string(object.get(vnets, [id, "name"], null))

deny contains peer_finding(p, msg) if {
	some id, v in vnets
	v.role == "spoke"
	some p in v.peers
	object.get(p, "remote_role", null) == "spoke"
	msg := sprintf("spoke VNet '%s' is peered directly to spoke VNet '%s': peer spokes only to the hub and route traffic between them through the hub firewall", [vnet_name(id), vnet_name(p.remote)])
}

peer_finding(p, msg) := lib.finding_at({"id": p.via}, p.path, msg) if is_string(p.path)

peer_finding(p, msg) := lib.finding({"id": p.via}, msg) if not is_string(p.path)
