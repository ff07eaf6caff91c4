package lzscan.rules.inference_multi_region_test

import data.lzscan.rules.inference_multi_region as rule

graph(resources) := graph_with(resources, [])

graph_with(resources, edges) := {
	"resources": resources,
	"edges": edges,
	"index": {"by_type": {t: [i | some i, x in resources; lower(x.type) == t] | some r in resources; t := lower(r.type)}},
}

res(type, name, location) := {
	"id": sprintf("%s/%s", [type, name]), "type": type, "name": name, "location": location,
	"subscription": "sub-serving", "tags": {}, "unknown": [],
}

endpoint(name, location) := res("Microsoft.MachineLearningServices/workspaces/onlineEndpoints", name, location)

app(name, location) := res("Microsoft.App/containerApps", name, location)

aks(name, location) := res("Microsoft.ContainerService/managedClusters", name, location)

tm := res("Microsoft.Network/trafficManagerProfiles", "tm-fraud-scoring", "global")

front_door(sku) := object.union(res("Microsoft.Cdn/profiles", "afd-ailz", "global"), {"sku": {"name": sku}})

test_one_region_without_failover_is_reported_on_each_endpoint if {
	findings := rule.deny with input as graph([endpoint("fraud-weu", "westeurope"), endpoint("churn-weu", "westeurope")])
	count(findings) == 2
	every f in findings {
		f.path == "location"
		contains(f.message, "run in 1 region(s) (westeurope), fewer than the 2 required and no Traffic Manager profile or Front Door")
	}
}

test_two_regions_behind_traffic_manager_pass if {
	count(rule.deny) == 0 with input as graph([endpoint("fraud-weu", "westeurope"), endpoint("fraud-neu", "North Europe"), tm])
}

test_two_regions_without_failover_are_reported_on_the_resource if {
	findings := rule.deny with input as graph([endpoint("fraud-weu", "westeurope"), endpoint("fraud-neu", "northeurope")])
	count(findings) == 2
	every f in findings {
		not f.path
		endswith(f.message, "but no Traffic Manager profile or Front Door in the scan fails traffic over between regions: deploy inference to a secondary region and fail over with Traffic Manager or Front Door")
	}
}

test_one_region_behind_front_door_is_reported if {
	findings := rule.deny with input as graph([endpoint("fraud-weu", "westeurope"), front_door("Premium_AzureFrontDoor")])
	count(findings) == 1
	some f in findings
	not contains(f.message, "Traffic Manager profile or Front Door in the scan")
}

test_front_door_kinds if {
	two := [endpoint("a", "westeurope"), endpoint("b", "northeurope")]
	count(rule.deny) == 0 with input as graph(array.concat(two, [front_door("Standard_AzureFrontDoor")]))
	count(rule.deny) == 0 with input as graph(array.concat(two, [res("Microsoft.Network/frontDoors", "fd-classic", "global")]))
	# a CDN profile is no Front Door
	count(rule.deny) == 2 with input as graph(array.concat(two, [front_door("Standard_Microsoft")]))
	# a CDN profile whose SKU is unknown might be one
	unknown_sku := object.union(res("Microsoft.Cdn/profiles", "afd", "global"), {"unknown": ["sku.name"]})
	count(rule.deny) == 0 with input as graph(array.concat(two, [unknown_sku]))
}

test_no_inference_no_finding if {
	count(rule.deny) == 0 with input as graph([app("ca-frontend", "westeurope"), aks("aks-batch", "westeurope")])
}

test_marked_by_name if {
	findings := rule.deny with input as graph([app("ca-Fraud-Inference", "westeurope"), aks("aks-batch", "northeurope")])
	count(findings) == 1
	some f in findings
	contains(f.message, "Microsoft.App/containerApps 'ca-Fraud-Inference' (name matches '*inference*') is an inference endpoint")
}

test_marked_by_tag if {
	tagged := object.union(aks("aks-ailz-01", "westeurope"), {"tags": {"Workload": "Inference"}})
	findings := rule.deny with input as graph([tagged])
	some f in findings
	contains(f.message, "(tag Workload=Inference)")
	# the value may be a glob; a tag rule without '=' is ignored
	count(rule.deny) == 1 with input as graph([object.union(aks("aks-ailz-01", "westeurope"), {"tags": {"workload": "llm-serving"}})])
		with data.lzscan.params.LZ303.tags as ["workload=*serving", "malformed"]
}

test_marked_by_serving_subscription if {
	inp := object.union(graph([aks("aks-ailz-01", "westeurope")]), {"topology": {"subscriptions": {"sub-serving": {"role": "serving"}}}})
	findings := rule.deny with input as inp
	some f in findings
	contains(f.message, "(its subscription serves models)")
	count(rule.deny) == 0 with input as object.union(inp, {"topology": {"subscriptions": {"sub-serving": {"role": "ai_compute"}}}})
}

test_unknown_endpoint_location_is_silent_about_regions if {
	somewhere := object.union(endpoint("fraud", null), {"unknown": ["location"]})
	findings := rule.deny with input as graph([endpoint("fraud-weu", "westeurope"), somewhere])
	count(findings) == 2
	every f in findings {
		not contains(f.message, "region(s)")
	}
	count(rule.deny) == 0 with input as graph([endpoint("fraud-weu", "westeurope"), somewhere, tm])
}

test_resource_that_may_be_inference_is_silent_about_regions if {
	unnamed := object.union(app(null, "northeurope"), {"unknown": ["name"]})
	count(rule.deny) == 0 with input as graph([endpoint("fraud-weu", "westeurope"), unnamed, tm])
	untagged := object.union(aks("aks-ailz-02", "northeurope"), {"unknown": ["tags"]})
	count(rule.deny) == 0 with input as graph([endpoint("fraud-weu", "westeurope"), untagged, tm])
	unknown_tag := object.union(aks("aks-ailz-02", null), {"unknown": ["tags.workload", "location"]})
	count(rule.deny) == 0 with input as graph([endpoint("fraud-weu", "westeurope"), unknown_tag, tm])
	# ... unless it would add no region
	same_region := object.union(app(null, "westeurope"), {"unknown": ["name"]})
	count(rule.deny) == 1 with input as graph([endpoint("fraud-weu", "westeurope"), same_region, tm])
	# an unknown tag that marks nothing does not matter
	other_tag := object.union(aks("aks-ailz-02", "northeurope"), {"unknown": ["tags.owner"]})
	count(rule.deny) == 1 with input as graph([endpoint("fraud-weu", "westeurope"), other_tag, tm])
}

test_container_app_takes_the_region_of_its_environment if {
	env_weu := res("Microsoft.App/managedEnvironments", "cae-weu", "westeurope")
	env_neu := res("Microsoft.App/managedEnvironments", "cae-neu", "northeurope")
	app_weu := app("ca-scoring-weu", null)
	app_neu := app("ca-scoring-neu", null)
	edges := [
		{"kind": "reference", "from": app_weu.id, "to": env_weu.id, "resolved": true},
		{"kind": "reference", "from": app_neu.id, "to": env_neu.id, "resolved": true},
	]
	count(rule.deny) == 0 with input as graph_with([env_weu, env_neu, app_weu, app_neu, tm], edges)
	one := [edges[0], {"kind": "reference", "from": app_neu.id, "to": env_weu.id, "resolved": true}]
	count(rule.deny) == 2 with input as graph_with([env_weu, env_neu, app_weu, app_neu, tm], one)
	# an environment whose location is unknown
	env_unknown := object.union(env_neu, {"location": null, "unknown": ["location"]})
	count(rule.deny) == 0 with input as graph_with([env_weu, env_unknown, app_weu, app_neu, tm], edges)
	# an app without any environment
	count(rule.deny) == 0 with input as graph_with([env_weu, app_weu, app_neu, tm], [edges[0]])
}

test_min_regions_parameter if {
	inp := graph([endpoint("fraud-weu", "westeurope"), tm])
	count(rule.deny) == 1 with input as inp
	count(rule.deny) == 0 with input as inp with data.lzscan.params.LZ303.min_regions as 1
	findings := rule.deny with input as graph([endpoint("a", "westeurope"), endpoint("b", "northeurope"), tm]) with data.lzscan.params.LZ303.min_regions as 3
	some f in findings
	contains(f.message, "run in 2 region(s) (northeurope, westeurope), fewer than the 3 required")
}

test_type_parameters if {
	web := res("Microsoft.Web/sites", "app-scoring", "westeurope")
	count(rule.deny) == 0 with input as graph([web])
	count(rule.deny) == 1 with input as graph([web]) with data.lzscan.params.LZ303.endpoint_types as ["Microsoft.Web/sites"]
	count(rule.deny) == 1 with input as graph([web]) with data.lzscan.params.LZ303.marked_types as ["microsoft.web/sites"]
	count(rule.deny) == 0 with input as graph([app("ca-fraud-inference", "westeurope")]) with data.lzscan.params.LZ303.marked_types as []
}

test_name_patterns_parameter if {
	inp := graph([aks("aks-llm-01", "westeurope")])
	count(rule.deny) == 0 with input as inp
	count(rule.deny) == 1 with input as inp with data.lzscan.params.LZ303.name_patterns as ["AKS-LLM-*"]
}

test_name_patterns_with_braces_are_matched_one_by_one if {
	inp := graph([aks("aks-llm-01", "westeurope")])
	count(rule.deny) == 1 with input as inp with data.lzscan.params.LZ303.name_patterns as ["{aks,ca}-llm-*", "*serving*"]
	count(rule.deny) == 0 with input as inp with data.lzscan.params.LZ303.name_patterns as ["{ca,vm}-llm-*"]
	count(rule.deny) == 0 with input as inp with data.lzscan.params.LZ303.name_patterns as []
}

test_regions_are_counted_per_subscription if {
	weu := endpoint("fraud-weu", "westeurope")
	neu := object.union(endpoint("fraud-neu", "northeurope"), {"subscription": "sub-other"})
	findings := rule.deny with input as graph([weu, neu, tm])
	count(findings) == 2
	some f in findings
	contains(f.message, "the inference endpoints of its subscription run in 1 region(s)")
	unknown_sub := object.union(endpoint("x-neu", "northeurope"), {"subscription": null})
	other := object.union(endpoint("x-weu", "westeurope"), {"subscription": null})
	count(rule.deny) == 0 with input as graph([unknown_sub, other, tm])
}

# input.index.tagged as a scan builds it: lower-case tag name -> positions with a non-blank value.
with_tag_index(g) := object.union(g, {"index": {"tagged": {lower(k): {i |
	some i, x in g.resources
	some k2, v in x.tags
	lower(k2) == lower(k)
	trim_space(v) != ""
} |
	some r in g.resources
	some k, _ in r.tags
}}})

test_marked_by_tag_through_the_tag_index if {
	tagged := object.union(aks("aks-ailz-01", "westeurope"), {"tags": {"Workload": "Inference"}})
	blank := object.union(app("ca-web", "westeurope"), {"tags": {"workload": " "}})
	inp := with_tag_index(graph([tagged, blank]))
	findings := rule.deny with input as inp
	count(findings) == 1
	some f in findings
	contains(f.message, "(tag Workload=Inference)")
	# a pattern that may match a blank value looks at every candidate
	count(rule.deny) == 2 with input as inp with data.lzscan.params.LZ303.tags as ["workload=*"]
}

test_marked_by_name_and_tag_gives_every_reason if {
	tagged := object.union(aks("aks-inference-01", "westeurope"), {"tags": {"workload": "inference"}})
	findings := rule.deny with input as graph([tagged])
	count(findings) == 1
	some f in findings
	contains(f.message, "Microsoft.ContainerService/managedClusters 'aks-inference-01' (name matches '*inference*', tag workload=inference) is an inference endpoint")
}

test_app_that_may_be_inference_takes_the_region_of_its_environment if {
	env_neu := res("Microsoft.App/managedEnvironments", "cae-neu", "northeurope")
	env_weu := res("Microsoft.App/managedEnvironments", "cae-weu", "westeurope")
	unnamed := object.union(app(null, null), {"id": "app-unnamed", "unknown": ["name"]})
	to_neu := [{"kind": "reference", "from": "app-unnamed", "to": env_neu.id, "resolved": true}]
	to_weu := [{"kind": "reference", "from": "app-unnamed", "to": env_weu.id, "resolved": true}]
	count(rule.deny) == 0 with input as graph_with([endpoint("fraud-weu", "westeurope"), env_neu, unnamed, tm], to_neu)
	count(rule.deny) == 1 with input as graph_with([endpoint("fraud-weu", "westeurope"), env_weu, unnamed, tm], to_weu)
}

# input.index.by_subscription as a scan builds it: subscription -> positions.
with_subscription_index(g) := object.union(g, {"index": {"by_subscription": {s: [i | some i, x in g.resources; x.subscription == s] |
	some r in g.resources
	s := r.subscription
	is_string(s)
}}})

test_short_groups_through_the_subscription_index if {
	weu := endpoint("fraud-weu", "westeurope")
	neu := object.union(endpoint("fraud-neu", "northeurope"), {"subscription": "sub-other"})
	scan := object.union(endpoint("x-weu", "westeurope"), {"subscription": null})
	inp := graph([weu, neu, scan, tm])
	findings := rule.deny with input as with_subscription_index(inp)
	count(findings) == 3
	findings == rule.deny with input as inp
	# a candidate of a serving subscription
	serving := object.union(graph([aks("aks-ailz-01", "westeurope"), app("ca-web", "westeurope")]), {"topology": {"subscriptions": {
		"sub-serving": {"role": "serving"},
		"sub-unused": {"role": "serving"},
	}}})
	marked := rule.deny with input as with_subscription_index(serving)
	count(marked) == 2
	marked == rule.deny with input as serving
}
