# METADATA
# title: Every taggable resource carries the cost-allocation tags
# description: |
#   Every resource that supports tags carries the tags `cost-center`, `project`
#   and `environment`, each with a non-empty value. Tag names are compared
#   case-insensitively, as Azure does.
#
#   **Why.** GPU spend is the largest line of an AI platform's bill. Azure Cost
#   Management can only attribute it to teams and projects when every resource is
#   tagged; one untagged GPU cluster turns the monthly report into guesswork.
#
#   **How to fix.** Add the three tags to the resource (or to a shared `tags`
#   variable or parameter that every resource uses):
#
#   ```json
#   "tags": {
#     "cost-center": "ai-platform",
#     "project": "fraud-model",
#     "environment": "prod"
#   }
#   ```
#
#   Child resources that Azure cannot tag (subnets, peerings, blob containers,
#   role assignments, diagnostic settings, budgets) are not checked. A tag whose
#   value is only known at deployment counts as present.
# custom:
#   id: LZ201
#   name: required-cost-tags
#   severity: medium
#   tags: [cost, tagging, governance]
#   resource_types: ["*"]
#   parameters:
#     - name: tags
#       description: The tag names every taggable resource must carry (compared case-insensitively).
#       default: [cost-center, project, environment]
#   azure_policy:
#     - id: /providers/Microsoft.Authorization/policyDefinitions/871b6d14-10aa-478d-b590-94f262ecfa99
#       name: Require a tag on resources
#     - id: /providers/Microsoft.Authorization/policyDefinitions/96670d01-0a4d-4649-9c89-2d3abc0a5025
#       name: Require a tag on resource groups
package lzscan.rules.required_cost_tags

import data.lzscan.lib

required_tags := [lower(t) | some t in data.lzscan.params.LZ201.tags]

# Child types that accept tags; every other child type does not.
taggable_children := {
	"microsoft.sql/servers/databases",
	"microsoft.sql/servers/elasticpools",
	"microsoft.web/sites/slots",
	"microsoft.machinelearningservices/workspaces/computes",
	"microsoft.machinelearningservices/workspaces/onlineendpoints",
	"microsoft.machinelearningservices/workspaces/onlineendpoints/deployments",
	"microsoft.machinelearningservices/workspaces/batchendpoints",
	"microsoft.synapse/workspaces/sqlpools",
	"microsoft.synapse/workspaces/bigdatapools",
	"microsoft.network/frontdoorwebapplicationfirewallpolicies",
}

# Top-level types that Azure cannot tag.
untaggable := {
	"microsoft.authorization/roleassignments",
	"microsoft.authorization/roledefinitions",
	"microsoft.authorization/policyassignments",
	"microsoft.authorization/policydefinitions",
	"microsoft.authorization/policysetdefinitions",
	"microsoft.authorization/policyexemptions",
	"microsoft.authorization/locks",
	"microsoft.insights/diagnosticsettings",
	"microsoft.consumption/budgets",
	"microsoft.costmanagement/scheduledactions",
	"microsoft.resources/deployments",
	"microsoft.resources/deploymentscripts/logs",
	"microsoft.security/pricings",
	"microsoft.subscription/aliases",
	"microsoft.managedidentity/userassignedidentities/federatedidentitycredentials",
}

taggable(r) if {
	t := lower(r.type)
	not untaggable[t]
	count(split(t, "/")) == 2
}

taggable(r) if taggable_children[lower(r.type)]

# Fast path, native set operations over the tag index: the positions of the
# resources that lack a required tag (or carry it empty). Only those go through
# the case-insensitive checks below.
all_positions := input.index.positions if input.index.positions

all_positions := {i | some i, _ in input.resources} if not input.index.positions

with_tag(t) := object.get(input.index.tagged, t, set()) if input.index.tagged

with_tag(t) := {i | some i, r in input.resources; trim_space(r.tags[t]) != ""} if not input.index.tagged

incomplete := all_positions - intersection({with_tag(t) | some t in required_tags})

# Tag names present with a value, or whose value is only known at deployment.
present(r) := {lower(k) | some k, v in r.tags; trim_space(v) != ""} | {lower(substring(p, 5, -1)) | some p in r.unknown; startswith(p, "tags.")}

deny contains lib.finding_at(r, "tags", msg) if {
	some i in incomplete
	r := input.resources[i]
	taggable(r)
	not lib.is_unknown(r, "tags")
	have := present(r)
	missing := [t | some t in required_tags; not have[t]]
	count(missing) > 0
	msg := sprintf("%s is missing the cost-allocation tag(s) %s", [lib.label(r), concat(", ", missing)])
}
