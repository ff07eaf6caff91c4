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

# Speed: at 100k there are ~9.5k VNets, ~6.8k spokes and ~1.5k findings. The spokes
# attached from the hub's side or by Virtual WAN are removed with native set
# differences; only the rest are looked at one by one, with inline tests instead of
# multi-body functions (regorus evaluates every body of a function): the name is
# the VNet's name, else its id, picked with object.get.

# The hub VNets, picked out once for the two rules below.
hubs := [v | some v in vnets; v.role == "hub"]

hub_count := count(hubs)

spokes := {id | some id, v in vnets; v.role == "spoke"}

# Spokes that a hub peers to, from the hub's side.
peered_from_hub := {p.remote | some v in hubs; some p in v.peers}

vwan_connection_ids := {r.id | some r in lib.resources_of("Microsoft.Network/virtualHubs/hubVirtualNetworkConnections")}

# VNets that a Virtual WAN hub connection attaches.
vwan_connected := {e.to |
	some id in vwan_connection_ids
	some e in lib.edges_from(id)
	e.kind == "reference"
}

# Azure Virtual Network Manager makes peerings that the code does not show.
avnm_managed if count(lib.resources_of("Microsoft.Network/networkManagers/connectivityConfigurations")) > 0

# The spokes that neither a hub's peering nor a Virtual WAN connection attaches.
candidates := (spokes - peered_from_hub) - vwan_connected

# A candidate without peerings: judged only when the scan holds a hub (a spoke
# module scanned on its own, whose hub is elsewhere, is not reported).
deny contains {"resource": id, "message": msg} if {
	not avnm_managed
	hub_count > 0
	some id in candidates
	v := vnets[id]
	count(v.peers) == 0
	# A peering whose remote cannot be resolved might reach the hub.
	not v.unknown_peers == true
	name := object.get(v, "name", null)
	msg := concat("", ["spoke VNet '", object.get({true: name}, is_string(name), id), "' is not peered to a hub VNet: peer it to the hub so that its traffic goes through the hub firewall"])
}

# A candidate whose peerings all reach spokes: none reaches a hub, and none reaches a
# VNet outside the scan or unknown (remote_role null), which might be the hub.
deny contains {"resource": id, "message": msg} if {
	not avnm_managed
	some id in candidates
	v := vnets[id]
	n := count(v.peers)
	n > 0
	not v.unknown_peers == true
	remote_roles := {object.get(p, "remote_role", null) | some p in v.peers}
	not null in remote_roles
	not "hub" in remote_roles
	name := object.get(v, "name", null)
	msg := sprintf("spoke VNet '%s' is not peered to a hub VNet: peer it to the hub so that its traffic goes through the hub firewall (its %d peering(s) reach only other spokes)", [object.get({true: name}, is_string(name), id), n])
}
