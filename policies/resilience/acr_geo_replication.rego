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

# Speed (regorus): registries and replications are each visited a few times in
# comprehensions with plain tests first; per-resource helper calls are inlined or
# replaced by values computed once per resource (home_region, rep_region), set
# differences replace per-region filters, and labels and messages are built only
# for the few registries reported.

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
# parent edges, and from the id itself (`<registry id>/replications/<name>`, the
# registry id being everything before the last "/replications/").
# (lib.edges_from inlined: one function call per replication costs more than the
# lookup itself.)
replication_parent := {[i, lower(e.to)] |
	input.index.edges_from
	some i, rep in replications
	some e in object.get(input.index.edges_from, rep.id, [])
	e.kind == "parent"
} | {[i, lower(e.to)] |
	not input.index.edges_from
	some e in input.edges
	e.kind == "parent"
	some i in replication_at[e.from]
} | {[i, concat("/replications/", array.slice(parts, 0, count(parts) - 1))] |
	some i, rep in replications
	is_string(rep.id)
	parts := split(lower(rep.id), "/replications/")
	count(parts) > 1
}

with_parent := {i | some [i, _] in replication_parent}

# Position in `replications` → region of the replica, when its location is known.
# Resources with nothing unknown (nearly all) skip lib.is_unknown and the region()
# call (inlined).
rep_region := object.union(
	{i: lower(replace(rep.location, " ", "")) | some i, rep in replications; is_string(rep.location); rep.unknown == []},
	{i: region(rep.location) | some i, rep in replications; not rep.unknown == []; known_location(rep)},
)

# Regions of the replicas of each registry (by lower-case id). (regorus leaves a
# partial object without entries undefined, hence the default.)
replica_regions[p] contains rep_region[i] if some [i, p] in replication_parent

default registry_regions := {}

registry_regions := replica_regions

# Registries with a replica whose location is only known at deployment.
unknown_replica_region := {p | some [i, p] in replication_parent; not rep_region[i]}

# Replications whose registry cannot be told: they may belong to any registry of
# their resource group (or of any group when theirs is not known).
orphans := {i | some i, _ in replications} - with_parent

orphan_groups := {lower(rep.resource_group) | some i in orphans; rep := replications[i]; is_string(rep.resource_group)}

orphan_anywhere if {
	some i in orphans
	not is_string(replications[i].resource_group)
}

registry_positions := {i | some i, _ in registries}

# Positions in `registries` of the registries that might own an orphan replication
# (none in the common case: the tests on orphans come first).
may_own_orphan := {i | orphan_anywhere; some i, _ in registries} | {i |
	count(orphan_groups) > 0
	some i, r in registries
	not is_string(r.resource_group)
} | {i |
	count(orphan_groups) > 0
	some i, r in registries
	orphan_groups[lower(r.resource_group)]
}

# Positions in `registries` of those on a SKU other than Premium (a known one).
not_premium := {i |
	some i, r in registries
	sku := r.sku.name
	is_string(sku)
	lower(sku) != "premium"
	not lib.is_unknown(r, "sku.name")
}

# Position in `registries` → home region, when known.
home_region := object.union(
	{i: lower(replace(r.location, " ", "")) | some i, r in registries; is_string(r.location); r.unknown == []},
	{i: region(r.location) | some i, r in registries; not r.unknown == []; known_location(r)},
)

home(r) := r.location if known_location(r)

home(r) := "(known only at deployment)" if not known_location(r)

deny contains lib.finding_at(r, "sku.name", msg) if {
	some i in not_premium
	r := registries[i]
	msg := sprintf("%s uses the %s SKU, which cannot be geo-replicated (use Premium with a replica in a second region)", [lib.label(r), r.sku.name])
}

# Position in `registries` → replica regions other than the registry's own (all of
# them when its own is unknown: the set holds no null), for registries with too few.
too_few := {i: others |
	some i in (registry_positions - not_premium) - may_own_orphan
	key := lower(registries[i].id)
	not unknown_replica_region[key]
	others := object.get(registry_regions, key, set()) - {object.get(home_region, i, null)}
	count(others) < min_regions
}

deny contains lib.finding(r, msg) if {
	some i, others in too_few
	r := registries[i]
	msg := sprintf("%s has %s outside its home region %s (%d other region(s) required): add a Microsoft.ContainerRegistry/registries/replications child (Terraform: a georeplications block) in another region", [lib.label(r), found(others), home(r), min_regions])
}

found(others) := "no replica" if count(others) == 0

found(others) := sprintf("replicas in %d region(s) (%s)", [count(others), concat(", ", sort(others))]) if count(others) > 0
