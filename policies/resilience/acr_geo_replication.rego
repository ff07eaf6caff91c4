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
# for the few registries reported. A builtin call costs far more than a lookup
# (regorus resolves its name at every call), so calls per resource are few:
# regions are computed per distinct location, a replication's registry comes from
# its id as one object entry (edges add only other registries), orphans are found
# by a count, and rule values are bound to locals before the loops that read them.

min_regions := data.lzscan.params.LZ302.min_replica_regions

registries := lib.resources_of("Microsoft.ContainerRegistry/registries")

replications := lib.resources_of("Microsoft.ContainerRegistry/registries/replications")

# The region of each location of the scan ("West Europe" and "westeurope" are the
# same region): there are few distinct locations, so the builtins run a few times
# rather than for each resource, and a non-string location has no entry.
region_of := {loc: lower(replace(loc, " ", "")) |
	some loc in {r.location | some r in registries} | {r.location | some r in replications}
	is_string(loc)
}

known_location(r) if {
	not lib.is_unknown(r, "location")
	is_string(r.location)
}

# Positions in `replications` by id (ids may repeat when a template is scanned twice).
replication_at[rep.id] contains i if some i, rep in replications

# The registry of each replication, by lower-case registry id: from the id itself
# (`<registry id>/replications/<name>`, the registry id being everything before the
# last "/replications/"), as position → registry ...
# (Most ids hold one "/replications/": their registry is the first part, taken
# without the calls that join the others.)
id_parent := object.union(short_id_parent, {i: concat("/replications/", array.slice(parts, 0, count(parts) - 1)) |
	some i in object.keys(id_parts) - object.keys(short_id_parent)
	parts := id_parts[i]
})

id_parts := {i: parts |
	some i, rep in replications
	is_string(rep.id)
	parts := split(lower(rep.id), "/replications/")
	parts[1]
}

short_id_parent := {i: parts[0] | some i, parts in id_parts; not parts[2]}

# ... and from the parent edges, as [position, registry], when that is another
# registry than the id's (for exports they agree: each replication is then
# grouped once below). (lib.edges_from inlined: one function call per replication
# costs more than the lookup itself.)
edge_parent := {[i, p] |
	ef := input.index.edges_from
	idp := id_parent
	some i, rep in replications
	some e in ef[rep.id]
	e.kind == "parent"
	p := lower(e.to)
	object.get(idp, i, null) != p
} | {[i, p] |
	not input.index.edges_from
	some e in input.edges
	e.kind == "parent"
	some i in replication_at[e.from]
	p := lower(e.to)
	object.get(id_parent, i, null) != p
}

# Position in `replications` → region of the replica, when its location is known.
# Resources with nothing unknown (nearly all) skip lib.is_unknown.
rep_region := object.union(
	{i: rg[rep.location] | rg := region_of; some i, rep in replications; rep.unknown == []},
	{i: rg[rep.location] | rg := region_of; some i, rep in replications; not rep.unknown == []; not lib.is_unknown(rep, "location")},
)

# Regions of the replicas of each registry (by lower-case id), false for a replica
# whose location is only known at deployment. (regorus leaves a partial object
# without entries undefined, hence the default.)
replica_regions[p] contains object.get(rr, i, false) if {
	rr := rep_region
	some i, p in id_parent
}

replica_regions[p] contains object.get(rr, i, false) if {
	rr := rep_region
	some [i, p] in edge_parent
}

default registry_regions := {}

registry_regions := replica_regions

# Replications whose registry cannot be told: they may belong to any registry of
# their resource group (or of any group when theirs is not known).
# (Nearly always every replication has one in its id: no pass over them then.)
orphans := set() if {
	count(id_parent) == count(replications)
} else := ({i | some i, _ in replications} - object.keys(id_parent)) - {i | some [i, _] in edge_parent}

orphan_groups := {lower(rep.resource_group) | some i in orphans; rep := replications[i]; is_string(rep.resource_group)}

orphan_anywhere if {
	some i in orphans
	not is_string(replications[i].resource_group)
}

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
	sku != "Premium" # the common case, rejected before any builtin
	is_string(sku)
	lower(sku) != "premium"
	not lib.is_unknown(r, "sku.name")
}

# Position in `registries` → home region, when known.
home_region := object.union(
	{i: rg[r.location] | rg := region_of; some i, r in registries; r.unknown == []},
	{i: rg[r.location] | rg := region_of; some i, r in registries; not r.unknown == []; not lib.is_unknown(r, "location")},
)

home(r) := r.location if known_location(r)

home(r) := "(known only at deployment)" if not known_location(r)

deny contains lib.finding_at(r, "sku.name", msg) if {
	some i in not_premium
	r := registries[i]
	msg := sprintf("%s uses the %s SKU, which cannot be geo-replicated (use Premium with a replica in a second region)", [lib.label(r), r.sku.name])
}

# Position in `registries` → replica regions other than the registry's own (all of
# them when its own is unknown: the set holds no null), for registries with too few;
# one with a replica in an unknown region (false) is not judged. (Rule values are
# bound once before the loop: each reference is a lookup.)
too_few := {i: others |
	rr := registry_regions
	hr := home_region
	m := min_regions
	skip := not_premium | may_own_orphan
	some i, r in registries
	not skip[i]
	regions := object.get(rr, lower(r.id), set())
	not regions[false]
	others := regions - {object.get(hr, i, null)}
	count(others) < m
}

deny contains lib.finding(r, msg) if {
	some i, others in too_few
	r := registries[i]
	msg := sprintf("%s has %s outside its home region %s (%d other region(s) required): add a Microsoft.ContainerRegistry/registries/replications child (Terraform: a georeplications block) in another region", [lib.label(r), found(others), home(r), min_regions])
}

found(others) := "no replica" if count(others) == 0

found(others) := sprintf("replicas in %d region(s) (%s)", [count(others), concat(", ", sort(others))]) if count(others) > 0
