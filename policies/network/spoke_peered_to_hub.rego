# METADATA
# title: Every spoke VNet is peered to a hub
# description: |
#   Every spoke VNet has a peering to a hub VNet: the landing zone is a hub-spoke
#   topology, and a spoke that is not attached to the hub has no inspected
#   egress, no shared DNS and no route to the other spokes.
#
#   Hubs are the VNets named by `[topology] hubs` in `lzscan.toml`, VNets tagged
#   `lz-role = hub`, and VNets holding an `AzureFirewallSubnet`, `GatewaySubnet` or
#   `AzureBastionSubnet`; every other VNet in the scan is a spoke. A spoke is
#   attached when one of its peerings (child resource, inline entry or Terraform
#   `azurerm_virtual_network_peering`) reaches a hub, when a hub declares a
#   peering to it (the spoke's own side may be deployed elsewhere), or when a
#   Virtual WAN hub connection (`hubVirtualNetworkConnections`) refers to it.
#
#   lzscan judges a spoke only where the scan can show the answer. It stays
#   silent when the spoke has a peering whose remote VNet is not in the scan or
#   cannot be resolved before deployment (it may be the hub), when the scan
#   holds an Azure Virtual Network Manager connectivity configuration (which
#   creates peerings outside the code), and when the scan holds neither a hub
#   VNet nor any peering of that spoke: a spoke module scanned on its own,
#   whose hub peering is made by the platform team's code, is not reported.
#
#   **Why.** The article's topology is hub-spoke: "each spoke connects to hub".
#   The hub carries Azure Firewall Premium (TLS inspection, explicit egress to
#   PyPI and Hugging Face), Bastion, the private DNS zones and Log Analytics. A
#   GPU training spoke that is not peered to it either cannot reach its
#   dependencies or reaches them around the firewall.
#
#   **How to fix.** Peer the spoke to the hub (and the hub to the spoke):
#
#   ```json
#   {
#     "type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
#     "name": "vnet-ai-training/peer-to-hub",
#     "properties": {
#       "remoteVirtualNetwork": { "id": "[parameters('hubVnetId')]" },
#       "allowVirtualNetworkAccess": true,
#       "allowForwardedTraffic": true,
#       "useRemoteGateways": false
#     }
#   }
#   ```
#
#   In Terraform: `azurerm_virtual_network_peering` with `virtual_network_name`
#   set to the spoke and `remote_virtual_network_id` to the hub. If the VNet is
#   in fact a hub, name it in `[topology] hubs` in `lzscan.toml` or tag it
#   `lz-role = hub`.
# custom:
#   id: LZ104
#   name: spoke-peered-to-hub
#   severity: medium
#   tags: [network, hub-spoke, peering]
#   resource_types:
#     - Microsoft.Network/virtualNetworks
#   alz:
#     - Deploy-VNET-HubSpoke
package lzscan.rules.spoke_peered_to_hub

import data.lzscan.lib

vnets := object.get(input, ["topology", "vnets"], {})

hub_count := count({id | some id, v in vnets; v.role == "hub"})

# Spokes that a hub peers to, from the hub's side.
peered_from_hub := {p.remote | some v in vnets; v.role == "hub"; some p in v.peers}

vwan_connection_ids := {r.id | some r in lib.resources_of("Microsoft.Network/virtualHubs/hubVirtualNetworkConnections")}

# VNets that a Virtual WAN hub connection attaches.
vwan_connected := {e.to |
	some id in vwan_connection_ids
	some e in lib.edges_from(id)
	e.kind == "reference"
}

# Azure Virtual Network Manager makes peerings that the code does not show.
avnm_managed if count(lib.resources_of("Microsoft.Network/networkManagers/connectivityConfigurations")) > 0

attached(_, v) if {
	some p in v.peers
	p.remote_role == "hub"
}

attached(id, _) if peered_from_hub[id]

attached(id, _) if vwan_connected[id]

# A peer whose remote is outside the scan or unknown might be the hub.
undecidable(v) if v.unknown_peers == true

undecidable(v) if {
	some p in v.peers
	object.get(p, "remote_role", null) == null
}

# Nothing in the scan to judge against: no hub, and no peering of this spoke.
undecidable(v) if {
	hub_count == 0
	count(v.peers) == 0
}

deny contains lib.finding({"id": id}, msg) if {
	not avnm_managed
	some id, v in vnets
	v.role == "spoke"
	not undecidable(v)
	not attached(id, v)
	msg := sprintf("spoke VNet '%s' is not peered to a hub VNet: peer it to the hub so that its traffic goes through the hub firewall%s", [vnet_name(id, v), hint(v)])
}

vnet_name(_, v) := v.name if is_string(v.name)

vnet_name(id, v) := id if not is_string(object.get(v, "name", null))

hint(v) := "" if count(v.peers) == 0

hint(v) := sprintf(" (its %d peering(s) reach only other spokes)", [count(v.peers)]) if count(v.peers) > 0
