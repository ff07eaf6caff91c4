# METADATA
# title: Inference runs in two regions behind Traffic Manager or Front Door
# description: |
#   When the scan holds inference endpoints, they run in at least two Azure
#   regions, and a Traffic Manager profile or an Azure Front Door (Standard,
#   Premium or classic) in the scan can fail traffic over between them.
#
#   **Why.** Models, images and data can be restored after a regional outage;
#   the serving endpoint cannot wait for that. The article's disaster-recovery plan
#   deploys inference endpoints to a secondary region with Traffic Manager failover,
#   so that clients keep one name while a region is down.
#
#   **How to fix.** Deploy the endpoint (or the cluster or container app that
#   serves the model) in a second region, and put a Traffic Manager profile (or
#   Front Door) in front of both:
#
#   ```json
#   {
#     "type": "Microsoft.Network/trafficManagerProfiles",
#     "name": "tm-fraud-scoring",
#     "location": "global",
#     "properties": {
#       "trafficRoutingMethod": "Priority",
#       "dnsConfig": { "relativeName": "fraud-scoring", "ttl": 30 },
#       "monitorConfig": { "protocol": "HTTPS", "port": 443, "path": "/health" }
#     }
#   }
#   ```
#
#   In Terraform: `azurerm_traffic_manager_profile` (or `azurerm_cdn_frontdoor_profile`
#   with `sku_name = "Standard_AzureFrontDoor"` or `"Premium_AzureFrontDoor"`).
#
#   What counts as an inference endpoint: every resource of the types in
#   `endpoint_types` (Azure ML managed online endpoints), and resources of the types
#   in `marked_types` (AKS clusters, Container Apps) whose name matches one of
#   `name_patterns`, that carry one of the `tags` (`name=value`), or whose
#   subscription has the role `serving` (from `[topology.subscriptions]` in
#   `lzscan.toml`, an `lz-role` subscription tag or a Terraform provider alias). A
#   Container App without a location of its own (Terraform) is in the region of
#   its managed environment.
#
#   The regions are counted per subscription (resources whose subscription is
#   not known, as in most templates, count together as the scan). The rule checks that a Traffic
#   Manager profile or Front Door exists, not which endpoints it routes to. It
#   stays silent about regions when an inference endpoint's location, or whether a
#   resource is an inference endpoint (its name or tags), is known only at
#   deployment; and about failover when a CDN profile's SKU is.
# custom:
#   id: LZ303
#   name: inference-multi-region
#   severity: medium
#   tags: [resilience, disaster-recovery, inference]
#   resource_types:
#     - Microsoft.MachineLearningServices/workspaces/onlineEndpoints
#     - Microsoft.ContainerService/managedClusters
#     - Microsoft.App/containerApps
#     - Microsoft.Network/trafficManagerProfiles
#     - Microsoft.Cdn/profiles
#     - Microsoft.Network/frontDoors
#   parameters:
#     - name: min_regions
#       description: How many regions the scan's inference endpoints must span.
#       default: 2
#     - name: endpoint_types
#       description: ARM types that are always inference endpoints.
#       default: [Microsoft.MachineLearningServices/workspaces/onlineEndpoints]
#     - name: marked_types
#       description: ARM types that are inference endpoints when their name, tags or subscription role say so.
#       default: [Microsoft.ContainerService/managedClusters, Microsoft.App/containerApps]
#     - name: name_patterns
#       description: Glob patterns (case-insensitive, `*` matches anything) of names that mark a resource of marked_types as inference.
#       default: ["*inference*", "*serving*", "*scoring*"]
#     - name: tags
#       description: Tags (`name=value`, compared case-insensitively; the value may be a glob) that mark a resource of marked_types as inference.
#       default: [workload=inference]
package lzscan.rules.inference_multi_region

import data.lzscan.lib

params := data.lzscan.params.LZ303

min_regions := params.min_regions

# "West Europe" and "westeurope" are the same region.
region(loc) := lower(replace(loc, " ", ""))

known_location(r) if {
	not lib.is_unknown(r, "location")
	is_string(r.location)
	r.location != ""
}

name_patterns := [lower(p) | some p in params.name_patterns]

# [tag name, value pattern], both lower-case.
tag_rules := [[lower(trim_space(kv[0])), lower(trim_space(concat("=", array.slice(kv, 1, count(kv)))))] |
	some t in params.tags
	kv := split(t, "=")
	count(kv) > 1
]

endpoints := [r | some t in params.endpoint_types; some r in lib.resources_of(t)]

candidates := [r | some t in params.marked_types; some r in lib.resources_of(t)]

# A resource of marked_types is an inference endpoint when its name, a tag or its
# subscription's role says so. (The reasons are spelled out only for findings.)
reasons(r) := array.concat(array.concat(name_reasons(r), tag_reasons(r)), role_reasons(r))

name_reasons(r) := [sprintf("name matches '%s'", [p]) |
	known_name(r)
	some p in name_patterns
	glob.match(p, null, lower(r.name))
]

# All name patterns as one glob (`{a,b,c}`): one match per resource instead of one
# per pattern. Patterns that contain `{`, `}` or `,` are matched one by one.
name_glob := sprintf("{%s}", [concat(",", name_patterns)]) if {
	count(name_patterns) > 0
	every p in name_patterns {
		not contains(p, "{")
		not contains(p, "}")
		not contains(p, ",")
	}
}

name_matches(r) if {
	known_name(r)
	glob.match(name_glob, null, lower(r.name))
}

name_matches(r) if {
	known_name(r)
	not name_glob
	some p in name_patterns
	glob.match(p, null, lower(r.name))
}

tag_reasons(r) := [sprintf("tag %s=%s", [k, v]) |
	some rule in tag_rules
	some k, v in object.get(r, "tags", {})
	lower(k) == rule[0]
	is_string(v)
	glob.match(rule[1], null, lower(v))
]

role_reasons(r) := ["its subscription serves models"] if {
	is_string(r.subscription)
	input.topology.subscriptions[r.subscription].role == "serving"
} else := []

known_name(r) if {
	not lib.is_unknown(r, "name")
	is_string(r.name)
}

# A resource of marked_types that may be an inference endpoint: its name, or a tag
# that would mark it, is known only at deployment.
may_be_marked(r) if not known_name(r)

may_be_marked(r) if lib.is_unknown(r, "tags")

may_be_marked(r) if {
	some u in r.unknown
	startswith(u, "tags.")
	some rule in tag_rules
	lower(substring(u, 5, -1)) == rule[0]
}

# The marked candidates, as sets built in one pass each (cheaper than asking
# is_marked of every candidate).
tag_names := {rule[0] | some rule in tag_rules}

marked_by_name := {r.id |
	some r in candidates
	name_matches(r)
}

marked_by_tag := {r.id |
	some r in candidates
	some k, _ in object.get(r, "tags", {})
	tag_names[lower(k)]
	count(tag_reasons(r)) > 0
}

marked_by_role := {r.id |
	some r in candidates
	is_string(r.subscription)
	input.topology.subscriptions[r.subscription].role == "serving"
}

marked_ids := (marked_by_name | marked_by_tag) | marked_by_role

inference := array.concat(endpoints, [r | some r in candidates; marked_ids[r.id]])

maybe_inference := [r | some r in candidates; not marked_ids[r.id]; may_be_marked(r)]

# A Container App's region is its managed environment's (Terraform gives the app none).
referenced_region[e.from] contains region(env.location) if {
	some env in lib.resources_of("Microsoft.App/managedEnvironments")
	known_location(env)
	some e in lib.edges_to(env.id)
	e.kind == "reference"
}

references_unknown_region contains e.from if {
	some env in lib.resources_of("Microsoft.App/managedEnvironments")
	not known_location(env)
	some e in lib.edges_to(env.id)
	e.kind == "reference"
}

# The region of a resource, as a one-element set; undefined when it cannot be told.
regions_of(r) := {region(r.location)} if known_location(r)

regions_of(r) := regs if {
	not known_location(r)
	lower(r.type) == "microsoft.app/containerapps"
	not references_unknown_region[r.id]
	regs := referenced_region[r.id]
	count(regs) == 1
}

# Regions are counted per subscription (a tenant export holds many workloads);
# resources whose subscription is not known form one group: the scan.
group(r) := r.subscription if is_string(r.subscription)

else := ""

# [group, id, regions (empty when they cannot be told)] of each inference
# endpoint, worked out once.
entries := [[group(r), r.id, regions_or_none(r)] | some r in inference]

regions_or_none(r) := regs if {
	regs := regions_of(r)
} else := set()

inference_in[g] contains id if some [g, id, _] in entries

located_in[g] contains id if {
	some [g, id, regs] in entries
	count(regs) > 0
}

# The regions of each group's inference endpoints whose region can be told.
known_regions[g] contains reg if {
	some [g, _, regs] in entries
	some reg in regs
}

regions_in(g) := object.get(known_regions, g, set())

regions_uncertain(g) if count(object.get(located_in, g, set())) < count(inference_in[g])

regions_uncertain(g) if maybe_uncertain[g]

maybe_uncertain contains group(r) if {
	some r in maybe_inference
	not regions_of(r)
}

maybe_uncertain contains g if {
	some r in maybe_inference
	some reg in regions_of(r)
	g := group(r)
	not regions_in(g)[reg]
}

too_few_regions(g) if {
	inference_in[g]
	count(regions_in(g)) < min_regions
	not regions_uncertain(g)
}

front_door_skus := {"standard_azurefrontdoor", "premium_azurefrontdoor"}

cdn_profiles := lib.resources_of("Microsoft.Cdn/profiles")

has_failover if count(lib.resources_of("Microsoft.Network/trafficManagerProfiles")) > 0

has_failover if count(lib.resources_of("Microsoft.Network/frontDoors")) > 0

has_failover if {
	some p in cdn_profiles
	is_string(p.sku.name)
	front_door_skus[lower(p.sku.name)]
}

# A CDN profile whose SKU is not known might be a Front Door.
failover_uncertain if {
	some p in cdn_profiles
	not is_string(object.get(p, ["sku", "name"], null))
}

no_failover if {
	not has_failover
	not failover_uncertain
}

scope_text(g) := "the scan's inference endpoints" if g == ""

else := "the inference endpoints of its subscription"

region_problem(g) := [sprintf("%s run in %d region(s) (%s), fewer than the %d required", [scope_text(g), count(regions_in(g)), concat(", ", sort(regions_in(g))), min_regions])] if {
	too_few_regions(g)
} else := []

failover_problem := ["no Traffic Manager profile or Front Door in the scan fails traffic over between regions"] if {
	no_failover
} else := []

problems(g) := array.concat(region_problem(g), failover_problem)

# Each group's problems and whether regions are short, worked out once per group.
group_problems[g] := concat(" and ", problems(g)) if {
	some g, _ in inference_in
	count(problems(g)) > 0
}

short_of_regions contains g if {
	some g, _ in inference_in
	too_few_regions(g)
}

deny contains finding(r, msg) if {
	some r in inference
	text := group_problems[group(r)]
	msg := sprintf("%s%s is an inference endpoint, but %s: deploy inference to a secondary region and fail over with Traffic Manager or Front Door", [lib.label(r), why_text(r), text])
}

why_text(r) := sprintf(" (%s)", [concat(", ", reasons(r))]) if {
	marked_type[lower(r.type)]
	not endpoint_type[lower(r.type)]
} else := ""

marked_type := {lower(t) | some t in params.marked_types}

endpoint_type := {lower(t) | some t in params.endpoint_types}

finding(r, msg) := lib.finding_at(r, "location", msg) if short_of_regions[group(r)]

finding(r, msg) := lib.finding(r, msg) if not short_of_regions[group(r)]
