package lzscan.rules.budget_alert_thresholds_test

import data.lzscan.rules.budget_alert_thresholds as rule

budget(notifications, unknown) := {
	"id": "b1",
	"type": "Microsoft.Consumption/budgets",
	"name": "budget-ai",
	"subscription": "sub-ai",
	"properties": {"category": "Cost", "amount": 1000, "notifications": notifications},
	"unknown": unknown,
}

only(r) := {"resources": [r], "index": {"by_type": {"microsoft.consumption/budgets": [0]}}}

note(threshold, contact) := object.union({"enabled": true, "operator": "GreaterThan", "threshold": threshold}, contact)

emails := {"contactEmails": ["ai-platform@contoso.com"]}

compliant := {
	"Actual_GreaterThan_80_Percentage": note(80, emails),
	"Actual_GreaterThan_100_Percentage": note(100, {"contactGroups": ["/subscriptions/x/resourceGroups/rg/providers/microsoft.insights/actionGroups/ag"]}),
}

# --- (a) thresholds and contacts ---------------------------------------------

test_budget_with_both_alerts_and_contacts_passes if {
	count(rule.deny) == 0 with input as only(budget(compliant, []))
}

test_missing_threshold_is_reported if {
	findings := rule.deny with input as only(budget({"n1": note(80, emails)}, []))
	count(findings) == 1
	some f in findings
	f.path == "properties.notifications"
	f.resource == "b1"
	contains(f.message, "no enabled notification at 100%")
	not contains(f.message, "no contact")
}

test_budget_without_notifications_misses_all_thresholds if {
	findings := rule.deny with input as only(budget({}, []))
	some f in findings
	contains(f.message, "no enabled notification at 80%, 100%")
	r := json.patch(budget({}, []), [{"op": "remove", "path": "/properties/notifications"}])
	count(rule.deny) == 1 with input as only(r)
}

# Budgets sharing a notifications value are judged together, each reported.
test_only_the_budgets_with_failing_notifications_are_reported if {
	missing_100 := {"n1": note(80, emails)}
	rs := [
		budget(compliant, []),
		object.union(budget(missing_100, []), {"id": "b2"}),
		object.union(budget(missing_100, []), {"id": "b3"}),
	]
	findings := rule.deny with input as {"resources": rs, "index": {"by_type": {"microsoft.consumption/budgets": [0, 1, 2]}}}
	{f.resource | some f in findings} == {"b2", "b3"}
}

test_notification_without_contact_is_reported if {
	notes := {"n1": note(80, {"contactEmails": []}), "n2": note(100, emails)}
	findings := rule.deny with input as only(budget(notes, []))
	some f in findings
	contains(f.message, "its alert at 80% has no contact")
	not contains(f.message, "no enabled notification")
}

test_contact_roles_count_as_contact if {
	notes := {"n1": note(80, {"contactRoles": ["Owner", "Contributor"]}), "n2": note(100, {"contactRoles": ["Owner"]})}
	count(rule.deny) == 0 with input as only(budget(notes, []))
}

test_disabled_notification_does_not_count if {
	notes := object.union(compliant, {"Actual_GreaterThan_100_Percentage": object.union(note(100, emails), {"enabled": false})})
	findings := rule.deny with input as only(budget(notes, []))
	some f in findings
	contains(f.message, "no enabled notification at 100%")
}

test_string_and_float_thresholds_match if {
	notes := {"n1": note("80", emails), "n2": note(100.0, emails)}
	count(rule.deny) == 0 with input as only(budget(notes, []))
}

test_other_thresholds_do_not_count if {
	notes := {"n1": note(50, emails), "n2": note(90, emails), "n3": note(100, emails), "n4": note("high", emails)}
	findings := rule.deny with input as only(budget(notes, []))
	some f in findings
	contains(f.message, "no enabled notification at 80%")
}

test_forecasted_notifications_count if {
	notes := {"n1": object.union(note(80, emails), {"thresholdType": "Forecasted"}), "n2": note(100, emails)}
	count(rule.deny) == 0 with input as only(budget(notes, []))
}

test_unknown_notifications_are_silent if {
	count(rule.deny) == 0 with input as only(budget({}, ["properties.notifications"]))
	count(rule.deny) == 0 with input as only(budget({"n1": note(80, emails)}, ["properties.notifications.n2"]))
}

test_unknown_threshold_may_be_any_threshold if {
	notes := {"n1": {"enabled": true, "contactEmails": ["a@contoso.com"]}}
	count(rule.deny) == 0 with input as only(budget(notes, ["properties.notifications.n1.threshold"]))
}

test_unknown_contact_may_be_a_contact if {
	notes := {"n1": note(80, {"contactGroups": [null]}), "n2": note(100, {})}
	unknown := ["properties.notifications.n1.contactGroups[0]", "properties.notifications.n2.contactEmails"]
	count(rule.deny) == 0 with input as only(budget(notes, unknown))
	findings := rule.deny with input as only(budget(notes, ["properties.notifications.n1.contactGroups[0]"]))
	some f in findings
	contains(f.message, "its alert at 100% has no contact")
}

test_unknown_enabled_counts_as_enabled if {
	notes := {"n1": {"threshold": 80, "contactEmails": ["a@contoso.com"]}, "n2": note(100, emails)}
	count(rule.deny) == 0 with input as only(budget(notes, ["properties.notifications.n1.enabled"]))
}

test_thresholds_parameter if {
	notes := {"n1": note(50, emails), "n2": note(90, emails)}
	count(rule.deny) == 0 with input as only(budget(notes, [])) with data.lzscan.params.LZ202.thresholds as [90, 50, 90]
	findings := rule.deny with input as only(budget(notes, [])) with data.lzscan.params.LZ202.thresholds as [75, 90]
	some f in findings
	contains(f.message, "at 75%, 90% of the budget: no enabled notification at 75%")
}

# --- (b) AI subscriptions have a budget ----------------------------------------

rg(id, sub) := {"id": id, "type": "Microsoft.Resources/resourceGroups", "name": id, "subscription": sub, "properties": {}, "unknown": []}

topology(resources, by_type, by_subscription, subscriptions) := {
	"resources": resources,
	"index": {"by_type": by_type, "by_subscription": by_subscription},
	"topology": {"subscriptions": subscriptions, "vnets": {}},
}

sub(key, name, role) := {"id": key, "name": name, "tags": {}, "role": role}

test_ai_subscription_without_budget_is_reported_on_its_first_resource if {
	inp := topology(
		[rg("rg-hub", "sub-hub"), rg("rg-train", "azurerm.ai_compute"), rg("rg-data", "azurerm.ai_compute")],
		{"microsoft.resources/resourcegroups": [0, 1, 2]},
		{"sub-hub": [0], "azurerm.ai_compute": [2, 1]},
		{"sub-hub": sub("sub-hub", null, "hub"), "azurerm.ai_compute": sub("azurerm.ai_compute", null, "ai_compute")},
	)
	findings := rule.deny with input as inp
	count(findings) == 1
	some f in findings
	f.resource == "rg-train"
	not f.path
	startswith(f.message, "Subscription 'azurerm.ai_compute' has the role ai_compute but no budget")
}

test_ai_subscription_is_reported_on_its_own_resource if {
	alias := {
		"id": "/providers/Microsoft.Subscription/aliases/sub-ai-compute", "type": "Microsoft.Subscription/aliases",
		"name": "sub-ai-compute", "subscription": null, "unknown": [],
		"properties": {"displayName": "sub-ai-compute", "subscriptionId": "5f3b0a2e-8c1d-4b7a-9e6f-2d4c8a1b3e5f"},
	}
	inp := topology(
		[rg("rg-train", "5f3b0a2e-8c1d-4b7a-9e6f-2d4c8a1b3e5f"), alias],
		{"microsoft.resources/resourcegroups": [0], "microsoft.subscription/aliases": [1]},
		{"5f3b0a2e-8c1d-4b7a-9e6f-2d4c8a1b3e5f": [0]},
		{"5f3b0a2e-8c1d-4b7a-9e6f-2d4c8a1b3e5f": sub("5f3b0a2e-8c1d-4b7a-9e6f-2d4c8a1b3e5f", "sub-ai-compute", "ai_compute")},
	)
	findings := rule.deny with input as inp
	some f in findings
	f.resource == "/providers/Microsoft.Subscription/aliases/sub-ai-compute"
	contains(f.message, "Subscription 'sub-ai-compute' (5f3b0a2e-8c1d-4b7a-9e6f-2d4c8a1b3e5f) has the role ai_compute")
}

test_exported_subscription_row_is_the_anchor if {
	row := {
		"id": "/subscriptions/5f3b0a2e-8c1d-4b7a-9e6f-2d4c8a1b3e5f", "type": "microsoft.resources/subscriptions",
		"name": "5f3b0a2e-8c1d-4b7a-9e6f-2d4c8a1b3e5f", "subscription": "5f3b0a2e-8c1d-4b7a-9e6f-2d4c8a1b3e5f", "unknown": [],
		"properties": {"state": "Enabled"},
	}
	inp := topology(
		[rg("rg-train", "5f3b0a2e-8c1d-4b7a-9e6f-2d4c8a1b3e5f"), row],
		{"microsoft.resources/resourcegroups": [0], "microsoft.resources/subscriptions": [1]},
		{"5f3b0a2e-8c1d-4b7a-9e6f-2d4c8a1b3e5f": [0, 1]},
		{"5f3b0a2e-8c1d-4b7a-9e6f-2d4c8a1b3e5f": sub("5f3b0a2e-8c1d-4b7a-9e6f-2d4c8a1b3e5f", "5f3b0a2e-8c1d-4b7a-9e6f-2d4c8a1b3e5f", "ai_compute")},
	)
	findings := rule.deny with input as inp
	some f in findings
	f.resource == "/subscriptions/5f3b0a2e-8c1d-4b7a-9e6f-2d4c8a1b3e5f"
	contains(f.message, "Subscription '5f3b0a2e-8c1d-4b7a-9e6f-2d4c8a1b3e5f' has the role")
}

test_ai_subscription_with_a_budget_passes if {
	b := object.union(budget(compliant, []), {"subscription": "azurerm.ai_compute"})
	inp := topology(
		[rg("rg-train", "azurerm.ai_compute"), b],
		{"microsoft.resources/resourcegroups": [0], "microsoft.consumption/budgets": [1]},
		{"azurerm.ai_compute": [0, 1]},
		{"azurerm.ai_compute": sub("azurerm.ai_compute", null, "ai_compute")},
	)
	count(rule.deny) == 0 with input as inp
}

test_budget_of_unknown_subscription_silences_part_b if {
	b := object.union(budget(compliant, []), {"subscription": null})
	inp := topology(
		[rg("rg-train", "azurerm.ai_compute"), b],
		{"microsoft.resources/resourcegroups": [0], "microsoft.consumption/budgets": [1]},
		{"azurerm.ai_compute": [0]},
		{"azurerm.ai_compute": sub("azurerm.ai_compute", null, "ai_compute")},
	)
	count(rule.deny) == 0 with input as inp
}

# Any value that is not a string, whether it sorts before strings (null) or after
# them (an array), among budgets whose subscriptions are known; or no value at all.
test_any_budget_of_unknown_subscription_silences_part_b if {
	known := object.union(budget(compliant, []), {"id": "b2", "subscription": "sub-other"})
	inp := topology(
		[rg("rg-train", "azurerm.ai_compute"), known, budget(compliant, [])],
		{"microsoft.resources/resourcegroups": [0], "microsoft.consumption/budgets": [1, 2]},
		{"azurerm.ai_compute": [0]},
		{"azurerm.ai_compute": sub("azurerm.ai_compute", null, "ai_compute")},
	)
	count(rule.deny) == 1 with input as json.patch(inp, [{"op": "replace", "path": "/resources/2/subscription", "value": "sub-third"}])
	count(rule.deny) == 0 with input as json.patch(inp, [{"op": "remove", "path": "/resources/2/subscription"}])
	every odd in [null, ["sub-a"], {"ref": "sub-a"}] {
		count(rule.deny) == 0 with input as json.patch(inp, [{"op": "replace", "path": "/resources/2/subscription", "value": odd}])
	}
}

test_other_roles_and_unknown_roles_need_no_budget if {
	inp := topology(
		[rg("rg-a", "sub-a"), rg("rg-b", "sub-b")],
		{"microsoft.resources/resourcegroups": [0, 1]},
		{"sub-a": [0], "sub-b": [1]},
		{"sub-a": sub("sub-a", null, "serving"), "sub-b": sub("sub-b", null, null)},
	)
	count(rule.deny) == 0 with input as inp
	findings := rule.deny with input as inp with data.lzscan.params.LZ202.subscription_roles as ["ai_compute", "Serving"]
	count(findings) == 1
	some f in findings
	f.resource == "rg-a"
}

test_without_topology_part_b_is_silent if {
	count(rule.deny) == 0 with input as {"resources": [rg("rg", "s")], "index": {"by_type": {}}}
}

test_subscription_without_resources_cannot_be_reported if {
	inp := topology([], {}, {}, {"s": sub("s", "s", "ai_compute")})
	count(rule.deny) == 0 with input as inp
}
