# METADATA
# title: AI subscriptions have a budget that alerts the team at 80% and 100%
# description: |
#   Two checks on cost budgets (`Microsoft.Consumption/budgets`):
#
#   - Every budget in the scan alerts at each percentage of `thresholds` (by
#     default 80 and 100) with an enabled notification that has a contact:
#     `contactEmails`, `contactGroups` (action groups) or `contactRoles` not
#     empty. A notification is enabled unless `enabled` is `false`; actual and
#     forecasted notifications both count, whatever their operator.
#   - Every subscription whose role is one of `subscription_roles` (by default
#     `ai_compute`) has a budget. Roles come from the topology: `lzscan.toml`
#     `[topology.subscriptions]`, an `lz-role` tag on the subscription, or a
#     Terraform provider alias such as `azurerm.ai_compute`. The finding points
#     at the subscription's own resource (`Microsoft.Resources/subscriptions`
#     or `Microsoft.Subscription/aliases`) when the scan declares it, otherwise at
#     the first resource of that subscription in the scan. A budget at resource
#     group scope counts for its subscription.
#
#   **Why.** GPU spend grows fast when a cluster does not scale down or a job
#   loops. A budget with an 80% alert warns while there is still time to
#   act, the 100% alert says the money is spent, and both must reach the team
#   that runs the workload: an alert that only reaches finance arrives at the
#   end of the month.
#
#   **How to fix.** Deploy a budget in each AI subscription with both alerts:
#
#   ```json
#   {
#     "type": "Microsoft.Consumption/budgets",
#     "apiVersion": "2023-11-01",
#     "name": "budget-ai-compute",
#     "properties": {
#       "category": "Cost",
#       "amount": 50000,
#       "timeGrain": "Monthly",
#       "timePeriod": { "startDate": "2025-01-01" },
#       "notifications": {
#         "Actual_GreaterThan_80_Percentage": {
#           "enabled": true, "operator": "GreaterThan", "threshold": 80,
#           "contactEmails": ["ai-platform@contoso.com"]
#         },
#         "Actual_GreaterThan_100_Percentage": {
#           "enabled": true, "operator": "GreaterThan", "threshold": 100,
#           "contactGroups": ["[resourceId('Microsoft.Insights/actionGroups', 'ag-ai-platform')]"]
#         }
#       }
#     }
#   }
#   ```
#
#   In Terraform (`azurerm_consumption_budget_subscription` or
#   `azurerm_consumption_budget_resource_group`): one `notification` block per
#   threshold with `threshold = 80` / `threshold = 100` and `contact_emails`,
#   `contact_groups` or `contact_roles`.
#
#   Values known only at deployment are not reported: a notification whose
#   threshold is unknown may be any threshold, one whose contacts are unknown
#   may have a contact. When the scan holds a budget whose subscription cannot
#   be told, no subscription is reported as lacking one.
# custom:
#   id: LZ202
#   name: budget-alert-thresholds
#   severity: medium
#   tags: [cost, budget, governance]
#   resource_types:
#     - Microsoft.Consumption/budgets
#     - Microsoft.Resources/subscriptions
#     - Microsoft.Subscription/aliases
#   parameters:
#     - name: thresholds
#       description: Percentages of the budget at which an enabled notification with a contact must alert.
#       default: [80, 100]
#     - name: subscription_roles
#       description: Subscription roles (ai_compute, data, serving, hub, general) whose subscriptions must have a budget.
#       default: [ai_compute]
#   alz:
#     - Deploy-Budget
package lzscan.rules.budget_alert_thresholds

import data.lzscan.lib

params := data.lzscan.params.LZ202

# The required thresholds, as numbers, in ascending order.
thresholds := sort({num(t) | some t in params.thresholds})

roles := {lower(r) | some r in params.subscription_roles}

budgets := lib.resources_of("Microsoft.Consumption/budgets")

contact_fields := ["contactEmails", "contactGroups", "contactRoles"]

# ARM templates often pass thresholds as strings ("80").
num(x) := x if is_number(x)

num(x) := to_number(trim_space(x)) if {
	is_string(x)
	regex.match(`^\s*[0-9]+(\.[0-9]+)?\s*$`, x)
}

# True when `path` or anything below it is unknown.
unknown_within(r, path) if lib.is_unknown(r, path)

unknown_within(r, path) if {
	some u in r.unknown
	startswith(u, concat("", [path, "."]))
}

unknown_within(r, path) if {
	some u in r.unknown
	startswith(u, concat("", [path, "["]))
}

# ---------------------------------------------------------------------------
# (a) Each budget alerts at every threshold, to someone.
# ---------------------------------------------------------------------------

# [path, notification] of each notification that is (or may be) enabled.
enabled_notifications(r) := [[p, n] |
	some k, n in object.get(r, ["properties", "notifications"], {})
	is_object(n)
	p := sprintf("properties.notifications.%v", [k])
	object.get(n, "enabled", true) != false
]

may_alert_at(r, p, n, t) if lib.is_unknown(r, concat(".", [p, "threshold"]))

may_alert_at(r, p, n, t) if num(n.threshold) == t

may_have_contact(r, p, n) if {
	some f in contact_fields
	count(object.get(n, f, [])) > 0
}

may_have_contact(r, p, n) if {
	some f in contact_fields
	unknown_within(r, concat(".", [p, f]))
}

# Thresholds no enabled notification alerts at.
missing(r, notes) := [t |
	some t in thresholds
	not any_at(r, notes, t)
]

# Thresholds whose notifications all lack a contact.
silent(r, notes) := [t |
	some t in thresholds
	any_at(r, notes, t)
	not any_at_with_contact(r, notes, t)
]

any_at(r, notes, t) if {
	some [p, n] in notes
	may_alert_at(r, p, n, t)
}

any_at_with_contact(r, notes, t) if {
	some [p, n] in notes
	may_alert_at(r, p, n, t)
	may_have_contact(r, p, n)
}

# Whole notification entries that are unknown may alert at any threshold.
unknown_entry(r) if {
	some u in r.unknown
	startswith(u, "properties.notifications.")
	count(split(u, ".")) == 3
}

percentages(ts) := concat(", ", [sprintf("%v%%", [t]) | some t in ts])

expected := percentages(thresholds)

problems(miss, sil) := array.concat(
	[sprintf("no enabled notification at %s", [percentages(miss)]) | count(miss) > 0],
	[sprintf("its alert at %s has no contact (contactEmails, contactGroups or contactRoles)", [percentages(sil)]) | count(sil) > 0],
)

# Fast path for the common case: every threshold has an enabled notification with
# a known contact. Only the other budgets go through the careful checks above.
# Only numeric thresholds count here (exports and most templates write numbers):
# a budget whose thresholds are strings goes the careful way, which reads them too.
alerts_to_contacts(notes) if {
	covered := {th |
		some n in notes
		th := n.threshold
		is_number(th)
		object.get(n, "enabled", true) != false
		some f in contact_fields
		count(object.get(n, f, [])) > 0
	}
	every t in thresholds {
		covered[t]
	}
}

# Budgets are many and their notifications few: each distinct notifications
# value is judged once, and only the budgets holding a value that fails are
# visited again (none, in the common case: the pass is skipped).
notification_values := {object.get(r, ["properties", "notifications"], {}) | some r in budgets}

alerting_notifications := {notes |
	some notes in notification_values
	alerts_to_contacts(notes)
}

failing_notifications := notification_values - alerting_notifications

# `deny` is the union of two comprehensions (one per part): cheaper per finding
# than `contains` rules.
deny := budget_findings | subscription_findings

budget_findings := {lib.finding_at(r, "properties.notifications", msg) |
	failing := failing_notifications
	count(failing) > 0
	some r in budgets
	failing[object.get(r, ["properties", "notifications"], {})]
	not lib.is_unknown(r, "properties.notifications")
	not unknown_entry(r)
	notes := enabled_notifications(r)
	miss := missing(r, notes)
	sil := silent(r, notes)
	count(miss) + count(sil) > 0
	msg := sprintf(
		"%s does not alert the team at %s of the budget: %s",
		[lib.label(r), expected, concat("; ", problems(miss, sil))],
	)
}

# ---------------------------------------------------------------------------
# (b) Each AI subscription has a budget.
# ---------------------------------------------------------------------------

# Speed (regorus): there are thousands of subscriptions at 100k and most need a
# budget, so part (b) avoids per-subscription function calls: declarations,
# anchors and labels are comprehensions with plain tests, and messages are built
# only for the subscriptions reported.

# The distinct subscription values of the budgets, in one pass (null when absent).
budget_subscriptions := {object.get(r, "subscription", null) | some r in budgets}

# A budget whose subscription cannot be told might be any subscription's. Values
# sort by type (null < booleans < numbers < strings < arrays < sets < objects), so
# the set holds a non-string exactly when its least or greatest member is one:
# min and max run natively, instead of a `not is_string` per budget.
budget_subscription_unknown if {
	least := min(budget_subscriptions) # undefined when there are no budgets
	not is_string(least)
}

budget_subscription_unknown if {
	greatest := max(budget_subscriptions)
	not is_string(greatest)
}

subscription_types := ["microsoft.resources/subscriptions", "microsoft.subscription/aliases"]

# [key, position] of each resource that declares a subscription reported (as the
# topology keys it): its properties.subscriptionId, else for a subscription row
# the last segment of its id. Only the few reported keys are kept (a pair per
# subscription row of the tenant would cost more than the rest of part (b)).
declarations := {[k, i] |
	need := unbudgeted
	rs := input.resources
	some t in subscription_types
	some i in object.get(input.index.by_type, t, [])
	k := rs[i].properties.subscriptionId
	need[k]
} | {[k, i] |
	need := unbudgeted
	rs := input.resources
	some i in object.get(input.index.by_type, "microsoft.resources/subscriptions", [])
	r := rs[i]
	not is_string(r.properties.subscriptionId) # also when there is none
	parts := split(r.id, "/")
	k := parts[count(parts) - 1]
	need[k]
}

# Subscription key → positions of the resources that declare it, built once.
declared_at[k] contains i if some [k, i] in declarations

subscriptions := object.get(input, ["topology", "subscriptions"], {})

# The subscriptions without a budget (removed natively, not tested one by one).
without_budget := object.remove(subscriptions, budget_subscriptions)

# The role values, as written, of subscriptions without a budget that need one:
# decided once per distinct value (tens of thousands of subscriptions, a handful
# of roles; is_string and lower per subscription would cost more than the rest).
budget_roles := {role |
	some role in {s.role | some s in without_budget}
	is_string(role)
	roles[lower(role)]
}

# Subscriptions (key → topology entry) whose role needs a budget and have none.
# Usually none of the subscriptions without a budget has a role that needs one
# (budget_roles is empty): they are then not visited a second time.
unbudgeted := {key: s |
	not budget_subscription_unknown
	need := budget_roles
	count(need) > 0
	some key, s in without_budget
	need[s.role]
}

# Where to report each: its own resource (the first that declares it), else its
# first resource (a subscription without either cannot be reported).
own_anchor := {key: min(own) | some key, _ in unbudgeted; own := declared_at[key]}

anchor := object.union(own_anchor, {key: min(positions) |
	some key, _ in object.remove(unbudgeted, object.keys(own_anchor))
	positions := object.get(input.index, ["by_subscription", key], [])
	count(positions) > 0
})

# "'name' (key)", or "'key'" when the name is unknown or is the key itself.
named := {key: sprintf("'%s' (%s)", [s.name, key]) |
	some key, _ in anchor
	s := unbudgeted[key]
	is_string(s.name)
	s.name != key
}

subscription_label := object.union(named, {key: sprintf("'%s'", [key]) | some key, _ in object.remove(anchor, object.keys(named))})

subscription_findings := {{"resource": input.resources[i].id, "message": msg} |
	some key, i in anchor
	msg := sprintf(
		"Subscription %s has the role %s but no budget (Microsoft.Consumption/budgets): add one that alerts the team at %s",
		[subscription_label[key], unbudgeted[key].role, expected],
	)
}
