# METADATA
# title: Inference containers run pinned images from a private registry
# description: |
#   Container images of Container Apps and Container Apps jobs, container
#   instances, Azure Machine Learning environments and App Service containers come
#   from an allowed private registry (by default Azure Container Registry,
#   `*.azurecr.io`) and name a fixed version: a tag other than `latest`, or a digest.
#
#   **Why.** The container registry is the contract between training and
#   inference: a model is built into an image, validated, pushed to ACR, and only
#   then deployed. An image pulled from a public registry skips that quality gate,
#   and a `latest` (or missing) tag means the running version changes whenever
#   someone pushes: nobody can tell which model is serving, and a bad deployment
#   cannot be rolled back to the previous image.
#
#   **How to fix.** Push the image to your registry and reference it with a version
#   tag, or better a digest:
#
#   ```json
#   "template": {
#     "containers": [{
#       "name": "scoring",
#       "image": "crailzmodels.azurecr.io/fraud/scoring:1.4.2"
#     }]
#   }
#   ```
#
#   In Terraform: `template { container { image = "crailzmodels.azurecr.io/fraud/scoring:1.4.2" } }`
#   on `azurerm_container_app`. Images are read from
#   `properties.template.containers[]` and `initContainers[]` (Container Apps and
#   jobs), `properties.containers[].properties.image` and `initContainers[]`
#   (container groups), `properties.image` (AML environment versions in workspaces
#   and registries, App Service site containers) and `DOCKER|<image>` in
#   `linuxFxVersion` / `windowsFxVersion` (web apps, slots and their `web` config).
#   An image without a registry host comes from Docker Hub, except in App Service,
#   where the registry may be set apart (`DOCKER_REGISTRY_SERVER_URL`), so only its
#   tag is judged there. Kubernetes manifests are not ARM resources and are not
#   scanned: for AKS, assign the Azure Policy below, which checks pods against an
#   allowed-image pattern in the cluster.
#
#   Allowed registries are glob patterns in which `*` matches one DNS label; add
#   `mcr.microsoft.com` to accept Microsoft's images (AML curated environments).
#   An image known only at deployment (built from a parameter or from another
#   resource's login server) is not reported.
# custom:
#   id: LZ402
#   name: pinned-model-images
#   severity: high
#   tags: [security, supply-chain, container-registry, mlops]
#   resource_types:
#     - Microsoft.App/containerApps
#     - Microsoft.App/jobs
#     - Microsoft.ContainerInstance/containerGroups
#     - Microsoft.MachineLearningServices/workspaces/environments/versions
#     - Microsoft.MachineLearningServices/registries/environments/versions
#     - Microsoft.Web/sites
#     - Microsoft.Web/sites/slots
#     - Microsoft.Web/sites/config
#     - Microsoft.Web/sites/sitecontainers
#   parameters:
#     - name: allowed_registries
#       description: Registry hosts images may come from (glob patterns, `*` matches one DNS label, compared case-insensitively).
#       default: ["*.azurecr.io"]
#     - name: require_digest
#       description: Require every image to be pinned by digest (`@sha256:...`), not only by tag.
#       default: false
#     - name: mutable_tags
#       description: Tags that do not pin a version (compared case-insensitively).
#       default: [latest]
#   azure_policy:
#     - id: /providers/Microsoft.Authorization/policyDefinitions/febd0533-8e55-448f-b837-bd0e06f16469
#       name: Kubernetes cluster containers should only use allowed images
package lzscan.rules.pinned_model_images

import data.lzscan.lib

params := data.lzscan.params.LZ402

allowed := [lower(p) | some p in params.allowed_registries]

mutable := {lower(t) | some t in params.mutable_tags}

# All allowed registries as one glob (`{a,b}`): one match per image instead of one
# per pattern. Patterns that contain `{`, `}` or `,` are matched one by one.
allowed_glob := sprintf("{%s}", [concat(",", allowed)]) if {
	count(allowed) > 0
	every p in allowed {
		not contains(p, "{")
		not contains(p, "}")
		not contains(p, ",")
	}
}

allowed_host(host) if glob.match(allowed_glob, ["."], host)

allowed_host(host) if {
	not allowed_glob
	some p in allowed
	glob.match(p, ["."], host)
}

# Where images are named. Each family is read with plain references (a variable key
# is fine in a reference; object.get with a path costs ~2.5 µs a call).

# Container Apps and jobs: properties.template.<list>[j].image.
app_types := ["microsoft.app/containerapps", "microsoft.app/jobs"]

# Container groups: properties.<list>[j].properties.image.
group_type := "microsoft.containerinstance/containergroups"

container_keys := ["containers", "initContainers"]

# Resources that name one image: properties.image.
single_image_types := [
	"microsoft.machinelearningservices/workspaces/environments/versions",
	"microsoft.machinelearningservices/registries/environments/versions",
	"microsoft.web/sites/sitecontainers",
]

# App Service `DOCKER|<image>` settings: lower-case type -> the path of the object
# that holds them.
fx_parents := {
	"microsoft.web/sites": ["properties", "siteConfig"],
	"microsoft.web/sites/slots": ["properties", "siteConfig"],
	"microsoft.web/sites/config": ["properties"],
}

fx_keys := ["linuxFxVersion", "windowsFxVersion"]

# Speed: a tenant runs the same few images in thousands of containers, so each
# distinct image value is parsed and judged once (parse, glob.match, the problem
# chains: ~30 µs). One pass over the resources (comprehensions over the type index,
# cheaper per element than `deny` bodies) lists every image setting as a small
# array; the distinct values and the settings with problems (a lookup in a local
# variable each) are then read from those lists, not from the resources again. The
# path, the unknown check and the message are paid only by the few with problems.

# [position, list, index, image] of every container of the apps and jobs.
app_containers := [[i, k, j, c.image] |
	some t in app_types
	some i in input.index.by_type[t]
	template := input.resources[i].properties.template
	some k in container_keys
	some j, c in template[k]
]

# [position, list, index, image] of every container of the container groups.
group_containers := [[i, k, j, c.properties.image] |
	some i in input.index.by_type[group_type]
	props := input.resources[i].properties
	some k in container_keys
	some j, c in props[k]
]

# [position, image] of the resources that name one image.
single_images := [[i, input.resources[i].properties.image] |
	some t in single_image_types
	some i in input.index.by_type[t]
]

# [position, path of the parent, key, value] of the App Service settings.
fx_settings := [[i, parent_path, k, parent[k]] |
	some t, parent_path in fx_parents
	some i in input.index.by_type[t]
	parent := object.get(input.resources[i], parent_path, null)
	some k in fx_keys
]

# Container and single-image values, where an image without a registry host is a
# Docker Hub image.
hub_images := {image | some [_, _, _, image] in app_containers} | {image | some [_, _, _, image] in group_containers} | {image | some [_, image] in single_images}

# App Service settings values.
fx_values := {fx | some [_, _, _, fx] in fx_settings}

# Image value -> the end of its message, for the values with problems.
hub_image_problems := {image: m | some image in hub_images; m := verdict(image, true)}

fx_problems := {fx: m |
	some fx in fx_values
	is_string(fx)
	startswith(upper(fx), "DOCKER|")
	m := verdict(substring(fx, 7, -1), false)
}

# [position, path, end of message] of every image setting with problems.
reported := array.concat(
	array.concat(
		[[i, path, m] |
			problems := hub_image_problems
			some [i, k, j, image] in app_containers
			m := problems[image]
			path := sprintf("properties.template.%s[%d].image", [k, j])
		],
		[[i, path, m] |
			problems := hub_image_problems
			some [i, k, j, image] in group_containers
			m := problems[image]
			path := sprintf("properties.%s[%d].properties.image", [k, j])
		],
	),
	array.concat(
		[[i, "properties.image", m] |
			problems := hub_image_problems
			some [i, image] in single_images
			m := problems[image]
		],
		[[i, path, m] |
			problems := fx_problems
			some [i, parent_path, k, fx] in fx_settings
			m := problems[fx]
			path := concat(".", array.concat(parent_path, [k]))
		],
	),
)

deny contains lib.finding_at(r, path, msg) if {
	some [i, path, problems] in reported
	r := input.resources[i]
	not lib.is_unknown(r, path)
	msg := concat(" ", [lib.label(r), problems])
}

# What is wrong with an image value, as the end of a finding's message ("uses the
# image ..."); undefined when it is fine or empty.
# `hostless_is_hub`: an image without a registry host comes from Docker Hub.
verdict(image, hostless_is_hub) := msg if {
	is_string(image)
	img := trim_space(image)
	img != ""
	ref := parse(img)
	problems := array.concat(registry_problem(ref, hostless_is_hub), version_problem(ref))
	count(problems) > 0
	msg := sprintf("uses the image '%s', which %s: %s from an allowed private registry (%s)", [img, concat(" and ", problems), advice, concat(", ", allowed)])
}

advice := "pin it by digest" if params.require_digest == true

advice := "use a fixed version tag or digest" if params.require_digest != true

# {host, tag, digest} of an image reference; host is "" when the reference names none.
parse(img) := {"host": host, "tag": tag, "digest": digest} if {
	at := split(img, "@")
	digest := concat("@", array.slice(at, 1, count(at)))
	segments := split(at[0], "/")
	host := host_of(segments)
	last := split(segments[count(segments) - 1], ":")
	tag := concat(":", array.slice(last, 1, count(last)))
}

host_of(segments) := lower(segments[0]) if {
	count(segments) > 1
	looks_like_host(segments[0])
} else := ""

looks_like_host(s) if contains(s, ".")

looks_like_host(s) if contains(s, ":")

looks_like_host(s) if s == "localhost"

registry_problem(ref, hostless_is_hub) := [] if {
	ref.host != ""
	allowed_host(ref.host)
} else := [] if {
	ref.host == ""
	not hostless_is_hub
} else := ["comes from Docker Hub (no registry host), not an allowed private registry"] if {
	ref.host == ""
} else := [sprintf("comes from %s, not an allowed private registry", [ref.host])]

version_problem(ref) := ["is not pinned by a digest (@sha256:...)"] if {
	params.require_digest == true
	ref.digest == ""
} else := [] if {
	ref.digest != ""
} else := ["has no tag, so it runs whatever 'latest' is"] if {
	ref.tag == ""
} else := [sprintf("uses the mutable tag '%s'", [ref.tag])] if {
	mutable[lower(ref.tag)]
} else := []
