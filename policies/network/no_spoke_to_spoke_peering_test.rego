package lzscan.rules.no_spoke_to_spoke_peering_test

import data.lzscan.rules.no_spoke_to_spoke_peering as rule

peer(via, path, remote, role) := {"via": via, "path": path, "remote": remote, "remote_role": role}

vnet(name, role, peers) := {"name": name, "role": role, "peers": peers, "unknown_peers": false}

topology(vnets) := {"resources": [], "edges": [], "index": {"by_type": {}}, "topology": {"subscriptions": {}, "vnets": vnets}}

hub := vnet("vnet-hub", "hub", [peer("p-hub-s1", null, "s1", "spoke"), peer("p-hub-s2", null, "s2", "spoke")])

test_inline_spoke_to_spoke_peering_is_reported_at_its_entry if {
	s1 := vnet("vnet-s1", "spoke", [peer("s1", "properties.virtualNetworkPeerings[0]", "hub", "hub"), peer("s1", "properties.virtualNetworkPeerings[1]", "s2", "spoke")])
	s2 := vnet("vnet-s2", "spoke", [])
	findings := rule.deny with input as topology({"hub": hub, "s1": s1, "s2": s2})
	count(findings) == 1
	some f in findings
	f.resource == "s1"
	f.path == "properties.virtualNetworkPeerings[1]"
	contains(f.message, "spoke VNet 'vnet-s1' is peered directly to spoke VNet 'vnet-s2'")
}

test_peering_resource_is_reported_on_itself if {
	s1 := vnet("vnet-s1", "spoke", [peer("s1/p-s2", null, "s2", "spoke")])
	s2 := vnet("vnet-s2", "spoke", [peer("s2/p-s1", null, "s1", "spoke")])
	findings := rule.deny with input as topology({"s1": s1, "s2": s2})
	{f.resource | some f in findings} == {"s1/p-s2", "s2/p-s1"}
	every f in findings {
		not f.path
	}
}

test_hub_spoke_peerings_pass if {
	s1 := vnet("vnet-s1", "spoke", [peer("s1/p-hub", null, "hub", "hub")])
	count(rule.deny) == 0 with input as topology({"hub": hub, "s1": s1, "s2": vnet("vnet-s2", "spoke", [])})
}

test_unknown_roles_are_silent if {
	s1 := vnet("vnet-s1", "spoke", [peer("s1/p-x", null, "x", null), peer("s1/p-y", null, "y", "spoke")])
	unknown := vnet("vnet-u", null, [peer("u/p-s1", null, "s1", "spoke")])
	findings := rule.deny with input as topology({"s1": s1, "u": unknown})
	{f.resource | some f in findings} == {"s1/p-y"}
	contains(concat("", [f.message | some f in findings]), "spoke VNet 'y'")
}

test_no_topology_is_silent if {
	count(rule.deny) == 0 with input as {"resources": [], "edges": [], "index": {"by_type": {}}}
}
