package lzscan.rules.pinned_model_images_test

import data.lzscan.rules.pinned_model_images as rule

graph(resources) := {
	"resources": resources,
	"index": {"by_type": {t: [i | some i, x in resources; lower(x.type) == t] | some r in resources; t := lower(r.type)}},
}

app(images, unknown) := {
	"id": "app", "type": "Microsoft.App/containerApps", "name": "ca-fraud-scoring", "unknown": unknown,
	"properties": {"template": {"containers": [{"name": sprintf("c%d", [i]), "image": img} | some i, img in images]}},
}

pinned := "crailzmodels.azurecr.io/fraud/scoring:1.4.2"

digest := "crailzmodels.azurecr.io/fraud/scoring@sha256:4b1f0c3e9a7d2b6e8f5a1c0d9e3b7a6f2c4d8e1f0a9b3c5d7e2f4a6b8c0d1e3f"

only(findings) := f if {
	count(findings) == 1
	some f in findings
}

test_pinned_image_from_acr_passes if {
	count(rule.deny) == 0 with input as graph([app([pinned, digest], [])])
}

test_latest_tag_is_reported_at_the_image if {
	f := only(rule.deny) with input as graph([app([pinned, "crailzmodels.azurecr.io/fraud/scoring:latest"], [])])
	f.path == "properties.template.containers[1].image"
	contains(f.message, "uses the mutable tag 'latest'")
	not contains(f.message, "comes from")
}

test_missing_tag_is_reported if {
	f := only(rule.deny) with input as graph([app(["crailzmodels.azurecr.io/fraud/scoring"], [])])
	contains(f.message, "has no tag")
}

test_public_image_is_reported_with_both_problems if {
	f := only(rule.deny) with input as graph([app(["nginx"], [])])
	contains(f.message, "comes from Docker Hub (no registry host), not an allowed private registry and has no tag")
	f2 := only(rule.deny) with input as graph([app(["mcr.microsoft.com/azuredocs/containerapps-helloworld:latest"], [])])
	contains(f2.message, "comes from mcr.microsoft.com, not an allowed private registry and uses the mutable tag 'latest'")
	contains(f2.message, "(*.azurecr.io)")
}

test_docker_hub_user_repository_has_no_host if {
	f := only(rule.deny) with input as graph([app(["huggingface/text-generation-inference:2.0"], [])])
	contains(f.message, "Docker Hub")
}

test_registry_with_port_and_no_tag if {
	f := only(rule.deny) with input as graph([app(["localhost:5000/scoring"], [])])
	contains(f.message, "comes from localhost:5000")
	contains(f.message, "has no tag")
	ref := rule.parse("localhost/scoring:1")
	ref.host == "localhost"
}

test_digest_pins_even_with_latest_tag if {
	count(rule.deny) == 0 with input as graph([app(["crailzmodels.azurecr.io/fraud/scoring:latest@sha256:abc"], [])])
}

test_unknown_image_is_silent if {
	count(rule.deny) == 0 with input as graph([app([null], ["properties.template.containers[0].image"])])
	count(rule.deny) == 0 with input as graph([app(["nginx"], ["properties.template"])])
	count(rule.deny) == 0 with input as graph([app(["", "  "], [])])
}

test_init_containers_and_jobs_are_checked if {
	job := {
		"id": "job", "type": "Microsoft.App/jobs", "name": "caj-batch-scoring", "unknown": [],
		"properties": {"template": {"initContainers": [{"name": "fetch", "image": "busybox"}], "containers": [{"image": pinned}]}},
	}
	f := only(rule.deny) with input as graph([job])
	f.path == "properties.template.initContainers[0].image"
}

test_container_group_images if {
	aci := {
		"id": "aci", "type": "Microsoft.ContainerInstance/containerGroups", "name": "ci-scoring", "unknown": [],
		"properties": {"containers": [
			{"name": "a", "properties": {"image": pinned}},
			{"name": "b", "properties": {"image": "crailzmodels.azurecr.io/fraud/scoring:LATEST"}},
		]},
	}
	f := only(rule.deny) with input as graph([aci])
	f.path == "properties.containers[1].properties.image"
	contains(f.message, "mutable tag 'LATEST'")
}

test_aml_environment_image if {
	env := {
		"id": "env", "type": "Microsoft.MachineLearningServices/workspaces/environments/versions",
		"name": "mlw/fraud-inference/1", "unknown": [],
		"properties": {"image": "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest"},
	}
	f := only(rule.deny) with input as graph([env])
	f.path == "properties.image"
	# an environment built from a Docker context names no image
	count(rule.deny) == 0 with input as graph([object.union(object.remove(env, ["properties"]), {"properties": {"build": {"contextUri": "https://x"}}})])
}

web(fx) := {
	"id": "web", "type": "Microsoft.Web/sites", "name": "app-fraud-scoring", "unknown": [],
	"properties": {"siteConfig": {"linuxFxVersion": fx}},
}

test_web_app_docker_image if {
	f := only(rule.deny) with input as graph([web("DOCKER|docker.io/library/nginx:latest")])
	f.path == "properties.siteConfig.linuxFxVersion"
	contains(f.message, "'docker.io/library/nginx:latest'")
	contains(f.message, "comes from docker.io")
	count(rule.deny) == 0 with input as graph([web("DOCKER|crailzmodels.azurecr.io/fraud/scoring:1.4.2")])
}

test_web_app_without_registry_host_is_judged_on_its_tag_only if {
	f := only(rule.deny) with input as graph([web("DOCKER|fraud/scoring:latest")])
	not contains(f.message, "comes from")
	count(rule.deny) == 0 with input as graph([web("docker|fraud/scoring:1.4.2")])
}

test_web_app_runtime_stacks_are_not_images if {
	count(rule.deny) == 0 with input as graph([web("PYTHON|3.11")])
}

test_web_config_resource if {
	cfg := {
		"id": "cfg", "type": "Microsoft.Web/sites/config", "name": "app-fraud-scoring/web", "unknown": [],
		"properties": {"windowsFxVersion": "DOCKER|mcr.microsoft.com/dotnet/framework/aspnet:4.8"},
	}
	f := only(rule.deny) with input as graph([cfg])
	f.path == "properties.windowsFxVersion"
}

test_allowed_registries_parameter if {
	inp := graph([app(["mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:20240101.v1"], [])])
	count(rule.deny) == 1 with input as inp
	count(rule.deny) == 0 with input as inp with data.lzscan.params.LZ402.allowed_registries as ["*.azurecr.io", "MCR.microsoft.com"]
	# `*` matches one DNS label only
	count(rule.deny) == 1 with input as inp with data.lzscan.params.LZ402.allowed_registries as ["*.com"]
}

test_require_digest_parameter if {
	inp := graph([app([pinned, digest], [])])
	f := only(rule.deny) with input as inp with data.lzscan.params.LZ402.require_digest as true
	f.path == "properties.template.containers[0].image"
	contains(f.message, "is not pinned by a digest (@sha256:...): pin it by digest from an allowed private registry")
}

test_mutable_tags_parameter if {
	inp := graph([app(["crailzmodels.azurecr.io/fraud/scoring:stable"], [])])
	count(rule.deny) == 0 with input as inp
	count(rule.deny) == 1 with input as inp with data.lzscan.params.LZ402.mutable_tags as ["latest", "Stable"]
}

test_allowed_registries_with_braces_are_matched_one_by_one if {
	inp := graph([app(["crmodels.azurecr.io/fraud/scoring:1.0"], [])])
	count(rule.deny) == 0 with input as inp with data.lzscan.params.LZ402.allowed_registries as ["{crmodels,crshared}.azurecr.io"]
	count(rule.deny) == 1 with input as inp with data.lzscan.params.LZ402.allowed_registries as ["{crdev,crshared}.azurecr.io"]
	count(rule.deny) == 1 with input as inp with data.lzscan.params.LZ402.allowed_registries as []
}

# Each distinct image is judged once; every container that uses it is still reported
# with its own resource and path, and an image is judged by where it is used
# (a host-less reference is Docker Hub in a container, not in a web app setting).
test_shared_image_is_reported_on_every_use if {
	other := object.union(app([pinned, "fraud/scoring:1.4.2"], []), {"id": "app2", "name": "ca-fraud-batch"})
	findings := rule.deny with input as graph([app(["fraud/scoring:1.4.2"], []), other, web("DOCKER|fraud/scoring:1.4.2")])
	{[f.resource, f.path] | some f in findings} == {
		["app", "properties.template.containers[0].image"],
		["app2", "properties.template.containers[1].image"],
	}
	some f in findings
	f.resource == "app2"
	startswith(f.message, "Microsoft.App/containerApps 'ca-fraud-batch' uses the image 'fraud/scoring:1.4.2', which comes from Docker Hub")
}

# Settings are read with plain references: missing or null parents and containers
# without an image are skipped, as with object.get.
test_missing_or_null_settings_are_skipped if {
	no_image := object.union(app([], []), {"properties": {"template": {"containers": [{"name": "c0"}]}}})
	null_template := object.union(app([], []), {"properties": {"template": null}})
	null_site := {"id": "web", "type": "Microsoft.Web/sites", "name": "app", "unknown": [], "properties": {"siteConfig": null}}
	count(rule.deny) == 0 with input as graph([no_image, null_template, null_site])
	aci := {
		"id": "aci", "type": "Microsoft.ContainerInstance/containerGroups", "name": "ci-scoring", "unknown": [],
		"properties": {"initContainers": [{"name": "init", "properties": {"image": "busybox"}}, {"name": "other"}]},
	}
	f := only(rule.deny) with input as graph([aci])
	f.path == "properties.initContainers[0].properties.image"
}
