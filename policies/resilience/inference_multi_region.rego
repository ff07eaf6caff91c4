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
# variable ~1 µs, and a partial `contains` rule more per element than a
# comprehension. So the rule works on resource positions (set algebra on them is
# native) and makes few passes: one over the candidates to mark them by name, one
# over the inference endpoints for their [subscription, location]; the endpoints of
# the groups short of regions are found through input.index.by_subscription. Those
# passes make field tests and local lookups only: glob.match, lower and the like
# run once per distinct name, location or tag value; helper functions run per
# group, per distinct message, or on the few resources without a location or with
# unknown values. Rule values and input.resources are bound to a local variable
# before a loop (`m := marked`, `rs := input.resources`), and `x[a][b]` with
# computed keys is avoided (regorus evaluates it much more slowly than two
# lookups). name, location and subscription are a string or null (input contract),
# so `x != null` stands for is_string(x); `"name" in r.unknown` is
# lib.is_unknown(r, "name") for a top-level path.

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

endpoint_type := {lower(t) | some t in params.endpoint_types}

# The positions (in input.resources) of the resources of endpoint_types, and of
# marked_types (the candidates).
endpoint_positions := {i | some t in endpoint_type; some i in input.index.by_type[t]}

candidate_positions := {i | some t in params.marked_types; some i in input.index.by_type[lower(t)]}

# A resource of marked_types is an inference endpoint when its name, a tag or its
# subscription's role says so. (The reasons are spelled out only for findings.)

# The candidates' names, matched once each: a tenant repeats a few names thousands of times.
candidate_names := {rs[i].name | rs := input.resources; some i in candidate_positions}

# name -> ["name matches '*scoring*'", ...], for the names that match a pattern.
name_reasons_of[n] := reasons if {
	some n in candidate_names
	is_string(n)
	lname := lower(n)
	reasons := [sprintf("name matches '%s'", [p]) | some p in name_patterns; glob.match(p, null, lname)]
	count(reasons) > 0
}

marked_by_name := {i |
	matching := name_reasons_of
	rs := input.resources
	some i in candidate_positions
	r := rs[i]
	matching[r.name]
	not "name" in r.unknown
}

# The candidates a tag may mark. A tag rule whose pattern is plain text (as the
# default `workload=inference`) matches that text only, never a blank value, so the
# candidates with a non-blank value of a rule's tag (input.index.tagged, a native
# set intersection) are all it can mark. Other patterns: every candidate.
tag_checked := candidate_positions & tagged_positions if {
	input.index.tagged
	every rule in tag_rules {
		rule[1] != ""
		not regex.match(`[*?\[\]{}\\/\x00]`, rule[1])
	}
} else := candidate_positions

tagged_positions := {i | some t in tag_names; some i in input.index.tagged[t]}

# [tag rule, lower-case value] of the checked candidates' tags, matched once each.
tag_values := {[rule, lower(v)] |
	rs := input.resources
	some i in tag_checked
	some k, v in object.get(rs[i], "tags", {})
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

marked_by_tag := {i | rs := input.resources; some i in tag_checked; count(tag_reasons(rs[i])) > 0}

# (A lookup per candidate: a tenant's topology has more subscriptions than candidates.)
marked_by_role := {i |
	subscriptions := input.topology.subscriptions
	rs := input.resources
	some i in candidate_positions
	subscriptions[rs[i].subscription].role == "serving"
}

marked := (marked_by_name | marked_by_tag) | marked_by_role

# The inference endpoints; those that are only marked candidates say why in their
# findings (a resource of an endpoint type needs no reason).
entries := endpoint_positions | marked

reasoned := marked - endpoint_positions

# A resource of marked_types that may be an inference endpoint: its name, or a tag
# that would mark it, is known only at deployment.
maybe_inference := unnamed_candidates | may_be_marked

unnamed_candidates := {i |
	rs := input.resources
	some i in candidate_positions - marked
	not rs[i].name != null
}

may_be_marked := {i |
	rs := input.resources
	some i in candidate_positions - marked
	some u in rs[i].unknown
	may_mark(u)
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
environment_regions(app) := {region(env.location) | some env in envs} if {
	envs := referenced_environments(app)
	every env in envs {
		known_location(env)
	}
}

referenced_environments(app) := [env |
	some e in lib.edges_from(app.id)
	e.kind == "reference"
	env := environments[e.to]
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
# resources whose subscription is not known form one group: the scan, "". In the
# passes a group is keyed by the subscription itself (null for the scan), mapped to
# its group on the (small) sets of groups.
group(r) := r.subscription if is_string(r.subscription)

else := ""

groups_of(subscriptions) := (subscriptions - {null}) | {"" | null in subscriptions}

# Position -> [subscription, location] of each inference endpoint whose region can
# be told: by its own location (known_location inlined; its region is worked out
# later, once per distinct location, not in a pass of its own over the endpoints) ...
own_located := {i: [r.subscription, loc] |
	rs := input.resources
	some i in entries
	r := rs[i]
	loc := r.location
	loc != null
	loc != ""
	not "location" in r.unknown
}

# ... or, for a Container App without one, by its environment (regions_of(r)
# inlined: these have no known location).
environment_located := {i: [r.subscription, reg] |
	rs := input.resources
	some i in (entries - object.keys(own_located)) & container_apps
	r := rs[i]
	regs := environment_regions(r)
	count(regs) == 1
	some reg in regs
}

container_apps := {i | some i in input.index.by_type["microsoft.app/containerapps"]}

# (object.union builds a new object of the ~10k members: skipped when there is nothing to add.)
located := own_located if {
	count(environment_located) == 0
} else := object.union(own_located, environment_located)

# [subscription, location] of the inference endpoints whose region can be told (an
# environment's region stands for its location: region() leaves a region as it is).
subscription_locations := {p | some p in located}

# The regions of the locations in use, worked out once per distinct location.
region_of := {loc: region(loc) | some loc in {l | some [_, l] in subscription_locations}}

# The regions of each group's inference endpoints whose region can be told: per
# subscription, then null (and "") merged into the scan's group "" on the groups,
# not on each pair.
subscription_known[s] contains reg if {
	regions := region_of
	some [s, loc] in subscription_locations
	reg := regions[loc]
}

known_regions := object.union(object.remove(subscription_known, [null]), {"": regs |
	known := subscription_known
	regs := {reg | some s in [null, ""]; some reg in known[s]}
	count(regs) > 0
})

# The groups with an inference endpoint whose region cannot be told.
unlocated_groups := groups_of({rs[i].subscription | rs := input.resources; some i in entries - object.keys(located)})

maybe_uncertain contains group(r) if {
	some i in maybe_inference
	r := input.resources[i]
	not regions_of(r)
}

maybe_uncertain contains g if {
	some i in maybe_inference
	r := input.resources[i]
	some reg in regions_of(r)
	g := group(r)
	not reg in object.get(known_regions, g, set())
}

# The groups short of regions, whose regions are all told: set algebra rather than
# a test per group.
short_of_regions := ((object.keys(known_regions) - well_spread) - unlocated_groups) - maybe_uncertain

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
# [scan group?, regions], keyed by subscription (null for the scan).
short_problems := object.union(
	{g: texts[[g == "", regions[g]]] |
		texts := short_texts
		regions := known_regions
		some g in short_of_regions
	},
	{null: short_problems_scan | short_of_regions[""]},
)

short_problems_scan := short_texts[[true, known_regions[""]]]

short_texts := {key: concat(" and ", array.concat([region_problem], failover_problem)) |
	some key in {[g == "", known_regions[g]] | some g in short_of_regions}
	[scan, regs] := key
	region_problem := sprintf("%s run in %d region(s) (%s), fewer than the %d required", [scope_text_of(scan), count(regs), concat(", ", sort(regs)), min_regions])
}

scope_text_of(scan) := scope_text("") if scan

else := scope_text("-")

# Position -> problems of each inference endpoint to report: those of a group short
# of regions (all located), and the others when nothing fails over.
reported_short := object.union(reported_indexed, reported_unindexed)

# The endpoints of the (few) short groups, found through input.index.by_subscription
# rather than by a pass over every located endpoint ...
reported_indexed := {i: text |
	problems := short_problems
	loc := located
	subscription_positions := input.index.by_subscription
	some s, text in problems
	some i in subscription_positions[s]
	loc[i]
}

# ... and those without a subscription (not in the index), or all of them when the
# input has no such index (unit tests).
reported_unindexed := {i: text |
	text := short_problems[null]
	some i, [null, _] in located
} if {
	input.index.by_subscription
} else := {i: text |
	problems := short_problems
	some i, [s, _] in located
	text := problems[s]
}

reported_failover := {i: text |
	count(failover_problem) > 0
	text := concat(" and ", failover_problem)
	problems := short_problems
	rs := input.resources
	some i in entries
	not problems[rs[i].subscription]
}

reported := object.union(reported_short, reported_failover)

# Position -> message. The common cases are written inline: an endpoint type or a
# candidate marked by its name only, with a known name (lib.label and the reasons
# inlined, the reasons worked out once per name). The others (a name known only at
# deployment, a candidate marked by a tag or its subscription's role) take the
# careful path through lib.label and the reasons.
plain_messages := {i: msg |
	rs := input.resources
	some i, text in object.remove(reported, reasoned)
	r := rs[i]
	r.name != null
	msg := sprintf("%s '%s' is an inference endpoint, but %s: deploy inference to a secondary region and fail over with Traffic Manager or Front Door", [r.type, r.name, text])
}

named_messages := {i: msg |
	why := name_why
	some i, text in object.filter(reported, (reasoned & marked_by_name) - (marked_by_tag | marked_by_role))
	r := input.resources[i]
	msg := sprintf("%s '%s'%s is an inference endpoint, but %s: deploy inference to a secondary region and fail over with Traffic Manager or Front Door", [r.type, r.name, why[r.name], text])
}

name_why := {name: sprintf(" (%s)", [concat(", ", reasons)]) | some name, reasons in name_reasons_of}

careful_messages := {i: message(concat("", [lib.label(r), why_text(i, r)]), text) |
	some i, text in object.remove(reported, object.keys(plain_messages) | object.keys(named_messages))
	r := input.resources[i]
}

message(prefix, text) := sprintf("%s is an inference endpoint, but %s: deploy inference to a secondary region and fail over with Traffic Manager or Front Door", [prefix, text])

# Why a marked candidate is an inference endpoint (said unless its type is also an
# endpoint type).
why_text(i, r) := sprintf(" (%s)", [concat(", ", reasons)]) if {
	reasoned[i]
	reasons := array.concat(array.concat(name_reasons(r.name, i in marked_by_name), tag_reasons_of(i, r)), role_reasons(i in marked_by_role))
} else := ""

name_reasons(name, true) := name_reasons_of[name]

name_reasons(_, false) := []

tag_reasons_of(i, r) := tag_reasons(r) if marked_by_tag[i]

else := []

role_reasons(true) := ["its subscription serves models"]

role_reasons(false) := []

messages := object.union_n([plain_messages, named_messages, careful_messages])

# A group short of regions is reported at each endpoint's location; the lack of
# failover on the resource.
deny := {{"resource": input.resources[i].id, "message": msg, "path": "location"} |
	some i, msg in object.filter(messages, object.keys(reported_short))
} | {{"resource": input.resources[i].id, "message": msg} |
	some i, msg in object.remove(messages, object.keys(reported_short))
}
