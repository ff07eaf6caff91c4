# METADATA
# title: Container registries are geo-replicated to a second region
# description: |
#   Container registries use the Premium SKU and have a geo-replica
#   (`Microsoft.ContainerRegistry/registries/replications`) in at least one
#   region other than the registry's own.
#
#   **Why.** The registry holds the inference images that every deployment pulls,
#   and an Azure Machine Learning model registry is region-locked: the article's
#   disaster-recovery plan backs model artifacts up to a secondary region through
#   ACR geo-replication. Without a replica, a regional outage leaves the secondary
#   region with nothing to pull, and the images that passed the quality gate are
#   lost with the region. Only the Premium SKU can be geo-replicated.
#
#   **How to fix.** Use the Premium SKU and add a replication in another region:
#
#   ```json
#   {
#     "type": "Microsoft.ContainerRegistry/registries",
#     "name": "crmodels",
#     "location": "westeurope",
#     "sku": { "name": "Premium" }
#   },
#   {
#     "type": "Microsoft.ContainerRegistry/registries/replications",
#     "name": "crmodels/northeurope",
#     "location": "northeurope",
#     "dependsOn": ["[resourceId('Microsoft.ContainerRegistry/registries', 'crmodels')]"],
#     "properties": { "zoneRedundancy": "Enabled" }
#   }
#   ```
#
#   In Terraform: `sku = "Premium"` and a `georeplications { location = "northeurope" }`
#   block on `azurerm_container_registry`. Replicas are matched to their registry
#   through the parent relation (nested or `parent:` child resources, or a child id
#   under the registry's id), wherever they are declared in the scan. The number of
#   regions is a parameter (`min_replica_regions`, default 1).
#
#   A SKU or a replica location known only at deployment is not reported; nor is a
#   registry whose home location is unknown while its replicas could still be in
#   enough other regions. A replication whose registry cannot be told (its name is a
#   parameter, or it is built in a loop over a parameter) may belong to any registry
#   of its resource group, so those registries are not reported either.
# custom:
#   id: LZ302
#   name: acr-geo-replication
#   severity: medium
#   tags: [resilience, disaster-recovery, container-registry]
#   resource_types:
#     - Microsoft.ContainerRegistry/registries
#     - Microsoft.ContainerRegistry/registries/replications
#   parameters:
#     - name: min_replica_regions
#       description: How many regions other than the registry's own must hold a replica.
#       default: 1
#   azure_policy:
#     - id: /providers/Microsoft.Authorization/policyDefinitions/bd560fc0-3c69-498a-ae9f-aa8eb7de0e13
#       name: Container registries should have SKUs that support Private Links
package lzscan.rules.acr_geo_replication

import data.lzscan.lib

min_regions := data.lzscan.params.LZ302.min_replica_regions

registries := lib.resources_of("Microsoft.ContainerRegistry/registries")

replications := lib.resources_of("Microsoft.ContainerRegistry/registries/replications")

# "West Europe" and "westeurope" are the same region.
region(loc) := lower(replace(loc, " ", ""))

known_location(r) if {
	not lib.is_unknown(r, "location")
	is_string(r.location)
}

# Positions in `replications` by id (ids may repeat when a template is scanned twice).
replication_at[rep.id] contains i if some i, rep in replications

# The registry of each replication, as [position, lower-case registry id]: from the
# parent edges, and from the id itself (`<registry id>/replications/<name>`).
replication_parent contains [i, lower(e.to)] if {
	some i, rep in replications
	some e in lib.edges_from(rep.id)
	e.kind == "parent"
}

replication_parent contains [i, id_parent(rep.id)] if {
	some i, rep in replications
	is_string(rep.id)
	contains(lower(rep.id), "/replications/")
}

id_parent(id) := concat("/replications/", array.slice(parts, 0, count(parts) - 1)) if {
	parts := split(lower(id), "/replications/")
}

with_parent contains i if some [i, _] in replication_parent

# Regions of the replicas of each registry (by lower-case id).
replica_regions[p] contains region(rep.location) if {
	some [i, p] in replication_parent
	rep := replications[i]
	known_location(rep)
}

# Registries with a replica whose location is only known at deployment.
unknown_replica_region contains p if {
	some [i, p] in replication_parent
	not known_location(replications[i])
}

# Replications whose registry cannot be told: they may belong to any registry of
# their resource group (or of any group when theirs is not known).
orphan_groups contains lower(rep.resource_group) if {
	some i, rep in replications
	not with_parent[i]
	is_string(rep.resource_group)
}

orphan_anywhere if {
	some i, rep in replications
	not with_parent[i]
	not is_string(rep.resource_group)
}

may_own_orphan(r) if orphan_anywhere

may_own_orphan(r) if {
	count(orphan_groups) > 0
	not is_string(r.resource_group)
}

may_own_orphan(r) if orphan_groups[lower(r.resource_group)]

regions_of(key) := s if {
	s := replica_regions[key]
} else := set()

# Replica regions other than the registry's own (all of them when its own is unknown).
other_regions(r, regions) := {x | some x in regions; x != region(r.location)} if known_location(r)

other_regions(r, regions) := regions if not known_location(r)

home(r) := r.location if known_location(r)

home(r) := "(known only at deployment)" if not known_location(r)

not_premium(r) if {
	not lib.is_unknown(r, "sku.name")
	sku := r.sku.name
	is_string(sku)
	lower(sku) != "premium"
}

deny contains lib.finding_at(r, "sku.name", msg) if {
	some r in registries
	not_premium(r)
	msg := sprintf("%s uses the %s SKU, which cannot be geo-replicated (use Premium with a replica in a second region)", [lib.label(r), r.sku.name])
}

deny contains lib.finding(r, msg) if {
	some r in registries
	not not_premium(r)
	not may_own_orphan(r)
	key := lower(r.id)
	not unknown_replica_region[key]
	others := other_regions(r, regions_of(key))
	count(others) < min_regions
	msg := sprintf("%s has %s outside its home region %s (%d other region(s) required): add a Microsoft.ContainerRegistry/registries/replications child (Terraform: a georeplications block) in another region", [lib.label(r), found(others), home(r), min_regions])
}

found(others) := "no replica" if count(others) == 0

found(others) := sprintf("replicas in %d region(s) (%s)", [count(others), concat(", ", sort(others))]) if count(others) > 0
