package lzscan.rules.acr_geo_replication_test

import data.lzscan.rules.acr_geo_replication as rule

reg_type := "Microsoft.ContainerRegistry/registries"

rep_type := "Microsoft.ContainerRegistry/registries/replications"

rg_id := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries"

graph(resources, edges) := {
	"resources": resources,
	"edges": edges,
	"index": {"by_type": {t: [i | some i, x in resources; lower(x.type) == t] | some r in resources; t := lower(r.type)}},
}

registry(name, sku, location) := {
	"id": sprintf("%s/%s", [rg_id, name]), "type": reg_type, "name": name,
	"location": location, "resource_group": "rg", "sku": {"name": sku}, "unknown": [],
}

# A replication whose id lies under its registry's id.
replica(reg, location) := {
	"id": sprintf("%s/replications/%s", [reg.id, location]), "type": rep_type,
	"name": sprintf("%s/%s", [reg.name, location]), "location": location,
	"resource_group": "rg", "properties": {}, "unknown": [],
}

acr := registry("crmodels", "Premium", "westeurope")

test_premium_without_replica_is_reported if {
	findings := rule.deny with input as graph([acr], [])
	count(findings) == 1
	some f in findings
	f.resource == acr.id
	not f.path
	contains(f.message, "has no replica outside its home region westeurope")
}

test_replica_in_another_region_passes if {
	count(rule.deny) == 0 with input as graph([acr, replica(acr, "northeurope")], [])
}

test_replica_in_the_home_region_does_not_count if {
	findings := rule.deny with input as graph([acr, replica(acr, "westeurope")], [])
	count(findings) == 1
}

test_region_names_are_compared_without_case_and_spaces if {
	home_spelled := object.union(replica(acr, "x"), {"location": "West Europe"})
	count(rule.deny) == 1 with input as graph([acr, home_spelled], [])
}

test_basic_sku_is_reported_once_at_the_sku if {
	basic := registry("crdev", "Basic", "westeurope")
	findings := rule.deny with input as graph([basic], [])
	count(findings) == 1
	some f in findings
	f.path == "sku.name"
	contains(f.message, "Basic SKU")
}

test_replica_found_through_a_parent_edge if {
	rep := object.union(replica(acr, "northeurope"), {"id": "main.bicep#replica"})
	edge := {"kind": "parent", "from": "main.bicep#replica", "to": acr.id, "resolved": true}
	count(rule.deny) == 0 with input as graph([acr, rep], [edge])
	# only parent edges count (the replication, now without a registry, is in another group)
	elsewhere := object.union(rep, {"resource_group": "rg-other"})
	count(rule.deny) == 1 with input as graph([acr, elsewhere], [object.union(edge, {"kind": "reference"})])
}

test_replica_of_another_registry_does_not_count if {
	other := registry("crother", "Premium", "westeurope")
	findings := rule.deny with input as graph([acr, other, replica(other, "northeurope")], [])
	count(findings) == 1
	some f in findings
	f.resource == acr.id
}

test_unknown_sku_is_not_reported_but_missing_replica_is if {
	unknown_sku := object.union(acr, {"sku": {}, "unknown": ["sku.name"]})
	findings := rule.deny with input as graph([unknown_sku], [])
	count(findings) == 1
	some f in findings
	not f.path
	count(rule.deny) == 0 with input as graph([unknown_sku, replica(acr, "northeurope")], [])
}

test_unknown_replica_location_is_silent if {
	rep := object.union(replica(acr, "northeurope"), {"location": null, "unknown": ["location"]})
	count(rule.deny) == 0 with input as graph([acr, rep], [])
	# a null location without an unknown marker cannot be judged either
	count(rule.deny) == 0 with input as graph([acr, object.union(rep, {"unknown": []})], [])
}

test_unknown_home_region if {
	somewhere := object.union(acr, {"location": null, "unknown": ["location"]})
	# one replica might be in the home region itself: silent
	count(rule.deny) == 0 with input as graph([somewhere, replica(acr, "northeurope")], [])
	# no replica at all is a violation wherever the registry is
	findings := rule.deny with input as graph([somewhere], [])
	some f in findings
	contains(f.message, "home region (known only at deployment)")
}

test_replica_of_unknown_registry_silences_its_resource_group if {
	orphan := object.union(replica(acr, "northeurope"), {"id": "main.bicep#replicas", "name": null, "location": null, "unknown": ["name", "location"]})
	count(rule.deny) == 0 with input as graph([acr, orphan], [])
	# a registry of another resource group is still judged
	elsewhere := object.union(acr, {"resource_group": "rg-other"})
	count(rule.deny) == 1 with input as graph([elsewhere, orphan], [])
	# a registry whose resource group is not known might be its parent
	nowhere := object.union(acr, {"resource_group": null})
	count(rule.deny) == 0 with input as graph([nowhere, orphan], [])
	# an orphan of an unknown resource group might belong to any registry
	count(rule.deny) == 0 with input as graph([elsewhere, object.union(orphan, {"resource_group": null})], [])
}

test_min_replica_regions_parameter if {
	two := [acr, replica(acr, "northeurope"), replica(acr, "swedencentral")]
	count(rule.deny) == 0 with input as graph(two, []) with data.lzscan.params.LZ302.min_replica_regions as 2
	findings := rule.deny with input as graph([acr, replica(acr, "northeurope")], []) with data.lzscan.params.LZ302.min_replica_regions as 2
	some f in findings
	contains(f.message, "replicas in 1 region(s) (northeurope)")
	contains(f.message, "(2 other region(s) required)")
}

test_registry_id_from_replication_id if {
	reps := [
		{"id": "/subscriptions/S/resourceGroups/RG/providers/Microsoft.ContainerRegistry/registries/CR/replications/x", "type": rep_type, "unknown": []},
		{"id": "tf:azurerm_container_registry.acr/replications/northeurope", "type": rep_type, "unknown": []},
		{"id": "main.bicep#replica", "type": rep_type, "unknown": []},
	]
	rule.replication_parent == {
		[0, "/subscriptions/s/resourcegroups/rg/providers/microsoft.containerregistry/registries/cr"],
		[1, "tf:azurerm_container_registry.acr"],
	} with input as graph(reps, [])
}

indexed(g, edges_from) := object.union(g, {"index": object.union(g.index, {"edges_from": edges_from})})

test_parent_edges_through_the_edge_index if {
	rep := object.union(replica(acr, "northeurope"), {"id": "main.bicep#replica"})
	edge := {"kind": "parent", "from": "main.bicep#replica", "to": acr.id, "resolved": true}
	count(rule.deny) == 0 with input as indexed(graph([acr, rep], [edge]), {"main.bicep#replica": [edge]})
	# the index is what counts; only parent edges count (the replication, now
	# without a registry, is in another group)
	elsewhere := object.union(rep, {"resource_group": "rg-other"})
	count(rule.deny) == 1 with input as indexed(graph([acr, elsewhere], [edge]), {})
	reference := object.union(edge, {"kind": "reference"})
	count(rule.deny) == 1 with input as indexed(graph([acr, elsewhere], [reference]), {"main.bicep#replica": [reference]})
}
