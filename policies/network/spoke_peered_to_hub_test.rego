package lzscan.rules.spoke_peered_to_hub_test

import data.lzscan.rules.spoke_peered_to_hub as rule

peer(via, remote, role) := {"via": via, "path": null, "remote": remote, "remote_role": role}

vnet(name, role, peers) := {"name": name, "role": role, "peers": peers, "unknown_peers": false}

graph(vnets, resources, edges) := {
	"resources": resources,
	"edges": edges,
	"index": {"by_type": {lower(r.type): [i | some i, x in resources; lower(x.type) == lower(r.type)] | some r in resources}},
	"topology": {"subscriptions": {}, "vnets": vnets},
}

deny_of(vnets) := d if {
	d := rule.deny with input as graph(vnets, [], [])
}

hub := vnet("vnet-hub", "hub", [])

test_spoke_without_peering_is_reported_when_the_scan_has_a_hub if {
	findings := deny_of({"hub": hub, "s1": vnet("vnet-s1", "spoke", [])})
	count(findings) == 1
	some f in findings
	f.resource == "s1"
	not f.path
	f.message == "spoke VNet 'vnet-s1' is not peered to a hub VNet: peer it to the hub so that its traffic goes through the hub firewall"
}

test_spoke_peered_only_to_spokes_is_reported_even_without_a_hub if {
	s1 := vnet("vnet-s1", "spoke", [peer("s1/p", "s2", "spoke")])
	s2 := vnet(null, "spoke", [peer("s2/p", "s1", "spoke")])
	findings := deny_of({"s1": s1, "s2": s2})
	{f.resource | some f in findings} == {"s1", "s2"}
	some f in findings
	f.resource == "s2"
	contains(f.message, "spoke VNet 's2' is not peered")
	contains(f.message, "its 1 peering(s) reach only other spokes")
}

test_spoke_peered_to_hub_passes if {
	count(deny_of({"hub": hub, "s1": vnet("vnet-s1", "spoke", [peer("s1/p", "hub", "hub")])})) == 0
}

test_peering_declared_by_the_hub_counts if {
	h := vnet("vnet-hub", "hub", [peer("hub/p-s1", "s1", "spoke")])
	count(deny_of({"hub": h, "s1": vnet("vnet-s1", "spoke", [])})) == 0
}

test_lone_spoke_without_hub_in_scan_is_silent if {
	count(deny_of({"s1": vnet("vnet-s1", "spoke", [])})) == 0
}

test_unknown_or_outside_peers_are_silent if {
	outside := vnet("vnet-s1", "spoke", [peer("s1/p", "/subscriptions/x/vnet-hub", null)])
	count(deny_of({"hub": hub, "s1": outside})) == 0
	unknown := {"name": "vnet-s1", "role": "spoke", "peers": [], "unknown_peers": true}
	count(deny_of({"hub": hub, "s1": unknown})) == 0
	unknown_role := vnet("vnet-u", null, [])
	count(deny_of({"hub": hub, "u": unknown_role})) == 0
}

test_virtual_wan_connection_counts if {
	conn := {"id": "conn", "type": "Microsoft.Network/virtualHubs/hubVirtualNetworkConnections", "name": "vhub/conn-s1", "unknown": []}
	edges := [{"kind": "reference", "from": "conn", "to": "s1", "resolved": true}]
	count(rule.deny) == 0 with input as graph({"hub": hub, "s1": vnet("vnet-s1", "spoke", [])}, [conn], edges)
}

test_virtual_network_manager_is_silent if {
	avnm := {"id": "cc", "type": "Microsoft.Network/networkManagers/connectivityConfigurations", "name": "avnm/hub-spoke", "unknown": []}
	count(rule.deny) == 0 with input as graph({"hub": hub, "s1": vnet("vnet-s1", "spoke", [])}, [avnm], [])
}

test_no_topology_is_silent if {
	count(rule.deny) == 0 with input as {"resources": [], "edges": [], "index": {"by_type": {}}}
}

test_unnamed_spoke_without_peering_is_named_by_id if {
	findings := deny_of({"hub": hub, "s1": vnet(null, "spoke", [])})
	count(findings) == 1
	some f in findings
	f.message == "spoke VNet 's1' is not peered to a hub VNet: peer it to the hub so that its traffic goes through the hub firewall"
}

test_spoke_peered_to_a_spoke_and_the_hub_passes if {
	s1 := vnet("vnet-s1", "spoke", [peer("s1/p2", "s2", "spoke"), peer("s1/p", "hub", "hub")])
	s2 := vnet("vnet-s2", "spoke", [peer("s2/p", "s1", "spoke"), peer("s2/ph", "hub", "hub")])
	count(deny_of({"hub": hub, "s1": s1, "s2": s2})) == 0
}

test_spoke_peers_with_an_unresolved_one_are_silent if {
	s2 := vnet("vnet-s2", "spoke", [peer("s2/ph", "hub", "hub")])
	outside := vnet("vnet-s1", "spoke", [peer("s1/p2", "s2", "spoke"), peer("s1/p", "/subscriptions/x/vnet-hub", null)])
	count(deny_of({"hub": hub, "s1": outside, "s2": s2})) == 0
	unresolved := {"name": "vnet-s1", "role": "spoke", "peers": [peer("s1/p2", "s2", "spoke")], "unknown_peers": true}
	count(deny_of({"hub": hub, "s1": unresolved, "s2": s2})) == 0
}
