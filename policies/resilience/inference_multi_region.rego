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

# Speed (a tenant export holds ~10k inference endpoints and candidates): in regorus
# a builtin or function call costs ~3-15 µs, a field test or a lookup in a local
# variable ~1 µs. So the passes over endpoints and candidates make field tests and
# local lookups only: glob.match, lower and the like run once per distinct name,
# location or tag value; helper functions run per group, per finding, or on the
# few resources with unknown values. Rule values are bound to a local variable
# before a loop (`m := marked_ids`), as a rule lookup costs twice a local one.
# name, location and subscription are a string or null (input contract), so
# `x != null` stands for is_string(x); `"name" in r.unknown` is lib.is_unknown(r,
# "name") for a top-level path.

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

tag_names := {rule[0] | some rule in tag_rules}

endpoints := [r | some t in params.endpoint_types; some r in lib.resources_of(t)]

candidates := [r | some t in params.marked_types; some r in lib.resources_of(t)]

# A resource of marked_types is an inference endpoint when its name, a tag or its
# subscription's role says so. (The reasons are spelled out only for findings.)

# The candidates' names, matched once each: a tenant repeats a few names thousands of times.
candidate_names := {r.name | some r in candidates}

# name -> ["name matches '*scoring*'", ...], for the names that match a pattern.
name_reasons_of[n] := reasons if {
	some n in candidate_names
	is_string(n)
	lname := lower(n)
	reasons := [sprintf("name matches '%s'", [p]) | some p in name_patterns; glob.match(p, null, lname)]
	count(reasons) > 0
}

marked_by_name := {r.id |
	matching := name_reasons_of
	some r in candidates
	matching[r.name]
	not "name" in r.unknown
}

# The candidates a tag may mark. A tag rule whose pattern is plain text (as the
# default `workload=inference`) matches that text only, never a blank value, so the
# candidates with a non-blank value of a rule's tag (input.index.tagged, a native
# set intersection) are all it can mark. Other patterns: every candidate.
tag_checked := [input.resources[i] | some i in candidate_positions & tagged_positions] if {
	input.index.tagged
	every rule in tag_rules {
		rule[1] != ""
		not regex.match(`[*?\[\]{}\\/\x00]`, rule[1])
	}
} else := candidates

candidate_positions := {i | some t in params.marked_types; some i in input.index.by_type[lower(t)]}

tagged_positions := {i | some t in tag_names; some i in input.index.tagged[t]}

# [tag rule, lower-case value] of the checked candidates' tags, matched once each.
tag_values := {[rule, lower(v)] |
	some r in tag_checked
	some k, v in object.get(r, "tags", {})
	is_string(v)
	some rule in tag_rules
	lower(k) == rule[0]
}

tag_matches := {[rule, v] | some [rule, v] in tag_values; glob.match(rule[1], null, v)}

tag_reasons(r) := [sprintf("tag %s=%s", [k, v]) |
	some rule in tag_rules
	some k, v in object.get(r, "tags", {})
	lower(k) == rule[0]
	is_string(v)
	tag_matches[[rule, lower(v)]]
]

marked_by_tag := {r.id | some r in tag_checked; count(tag_reasons(r)) > 0}

marked_by_role := {r.id |
	subscriptions := input.topology.subscriptions
	some r in candidates
	subscriptions[r.subscription].role == "serving"
}

marked_ids := (marked_by_name | marked_by_tag) | marked_by_role

marked := [r | m := marked_ids; some r in candidates; m[r.id]]

# A resource of marked_types that may be an inference endpoint: its name, or a tag
# that would mark it, is known only at deployment.
maybe_inference contains r if {
	m := marked_ids
	some r in candidates
	not r.name != null
	not m[r.id]
}

maybe_inference contains r if {
	some r in candidates
	some u in r.unknown
	may_mark(u)
	not marked_ids[r.id]
}

may_mark(u) if u in {"name", "tags"}

may_mark(u) if {
	startswith(u, "tags.")
	tag_names[lower(substring(u, 5, -1))]
}

# The managed environments, by id: a Container App without a location of its own
# (Terraform gives it none) is in the region of the environment it references.
environments := {env.id: env | some env in lib.resources_of("Microsoft.App/managedEnvironments")}

# The regions of the environments the app references; undefined when one of them
# has no known location.
environment_regions(app) := {region(env.location) |
	some env in referenced_environments(app)
	known_location(env)
} if not references_unknown_region(app)

references_unknown_region(app) if {
	some env in referenced_environments(app)
	not known_location(env)
}

referenced_environments(app) := [env |
	envs := environments
	some e in lib.edges_from(app.id)
	e.kind == "reference"
	env := envs[e.to]
]

# The region of a resource, as a one-element set; undefined when it cannot be told.
regions_of(r) := {region(r.location)} if known_location(r)

regions_of(r) := regs if {
	not known_location(r)
	lower(r.type) == "microsoft.app/containerapps"
	regs := environment_regions(r)
	count(regs) == 1
}

# Regions are counted per subscription (a tenant export holds many workloads);
# resources whose subscription is not known form one group: the scan.
group(r) := r.subscription if is_string(r.subscription)

else := ""

# [group, resource, marked candidate?] of each inference endpoint (group(r) inlined).
entries := array.concat(
	array.concat(
		[[r.subscription, r, false] | some r in endpoints; r.subscription != null],
		[["", r, false] | some r in endpoints; not r.subscription != null],
	),
	array.concat(
		[[r.subscription, r, true] | some r in marked; r.subscription != null],
		[["", r, true] | some r in marked; not r.subscription != null],
	),
)

# The regions of the locations in use, worked out once per distinct location.
locations := {r.location | some [_, r, _] in entries}

region_of := {loc: region(loc) | some loc in locations; is_string(loc); loc != ""}

# [group, region] of the endpoints located by their own location (regions_of(r),
# inlined) ...
own_regions := {[g, reg] |
	regions := region_of
	some [g, r, _] in entries
	reg := regions[r.location]
	not "location" in r.unknown
}

# ... and the few without one, as [group, resource]: they are located by their
# environment (Container Apps) or not at all.
no_own_location := array.concat(
	[[g, r] | regions := region_of; some [g, r, _] in entries; not regions[r.location]],
	[[g, r] | some [g, r, _] in entries; "location" in r.unknown],
)

environment_located := [[g, r.id, reg] |
	some [g, r] in no_own_location
	some reg in regions_of(r)
]

# The groups with an inference endpoint whose region cannot be told.
unlocated_groups := {g |
	located := {id | some [_, id, _] in environment_located}
	some [g, r] in no_own_location
	not located[r.id]
}

region_pairs := own_regions | {[g, reg] | some [g, _, reg] in environment_located}

# The regions of each group's inference endpoints whose region can be told.
known_regions[g] contains reg if some [g, reg] in region_pairs

regions_in(g) := object.get(known_regions, g, set())

# Every group has an endpoint whose region is told, or is an unlocated group.
groups := {g | some [g, _] in region_pairs} | unlocated_groups

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

# The groups short of regions, whose regions are all told: set algebra rather than
# a test per group. (A group without a told region is an unlocated one.)
short_of_regions := ((groups - well_spread) - unlocated_groups) - maybe_uncertain

well_spread := {g | some g, regs in known_regions; count(regs) >= min_regions}

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

failover_problem := ["no Traffic Manager profile or Front Door in the scan fails traffic over between regions"] if {
	no_failover
} else := []

# The problems of each group short of regions, written once per distinct
# [scan group?, regions]. (The other groups have only the failover problem, if any.)
short_problems := {g: texts[[g == "", regions[g]]] |
	texts := short_texts
	regions := known_regions
	some g in short_of_regions
}

short_texts := {key: concat(" and ", array.concat([region_problem], failover_problem)) |
	some key in {[g == "", known_regions[g]] | some g in short_of_regions}
	[scan, regs] := key
	region_problem := sprintf("%s run in %d region(s) (%s), fewer than the %d required", [scope_text_of(scan), count(regs), concat(", ", sort(regs)), min_regions])
}

scope_text_of(scan) := scope_text("") if scan

else := scope_text("-")

# [resource, look, problems] of each endpoint to report, where its look is
# [type, name, marked candidate?, marked by name?, by role?, [tags] if marked by a tag]:
# what its message says about it, worked out once per distinct look (a tenant
# repeats the same names in many subscriptions).
reported_short := [[r, look, text] |
	problems := short_problems
	by_name := marked_by_name
	by_role := marked_by_role
	by_tag := marked_by_tag
	some [g, r, c] in entries
	text := problems[g]
	look := [r.type, r.name, c, r.id in by_name, r.id in by_role, [r.tags | by_tag[r.id]]]
]

reported_failover := [[r, look, text] |
	count(failover_problem) > 0
	text := concat(" and ", failover_problem)
	short := short_of_regions
	by_name := marked_by_name
	by_role := marked_by_role
	by_tag := marked_by_tag
	some [g, r, c] in entries
	not short[g]
	look := [r.type, r.name, c, r.id in by_name, r.id in by_role, [r.tags | by_tag[r.id]]]
]

# A group short of regions is reported at each endpoint's location.
deny contains lib.finding_at(r, "location", message(prefixes[look], text)) if {
	prefixes := prefix_of
	some [r, look, text] in reported_short
}

deny contains lib.finding(r, message(prefixes[look], text)) if {
	prefixes := prefix_of
	some [r, look, text] in reported_failover
}

looks := {look | some [_, look, _] in array.concat(reported_short, reported_failover)}

message(prefix, text) := sprintf("%s is an inference endpoint, but %s: deploy inference to a secondary region and fail over with Traffic Manager or Front Door", [prefix, text])

prefix_of := {look: concat("", [lib.label({"type": type, "name": name}), why_text(look)]) |
	some look in looks
	[type, name, _, _, _, _] := look
}

# Why a marked candidate is an inference endpoint (said unless its type is also an
# endpoint type).
why_text([type, name, candidate, by_name, by_role, tags]) := sprintf(" (%s)", [concat(", ", reasons)]) if {
	candidate
	not endpoint_type[lower(type)]
	reasons := array.concat(array.concat(name_reasons(name, by_name), tag_reasons_of(tags)), role_reasons(by_role))
} else := ""

endpoint_type := {lower(t) | some t in params.endpoint_types}

name_reasons(name, true) := name_reasons_of[name]

name_reasons(_, false) := []

tag_reasons_of([tags]) := tag_reasons({"tags": tags})

tag_reasons_of([]) := []

role_reasons(true) := ["its subscription serves models"]

role_reasons(false) := []
