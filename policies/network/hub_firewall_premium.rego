# METADATA
# title: The hub's Azure Firewall is Premium and inspects TLS
# description: |
#   Azure Firewalls use the Premium tier and are governed by a Premium firewall
#   policy with TLS inspection configured: the policy names the intermediate CA
#   certificate (`transportSecurity.certificateAuthority`) the firewall uses to
#   decrypt and re-encrypt outbound HTTPS.
#
#   **Why.** Almost all of an AI workload's egress is HTTPS: package mirrors,
#   Hugging Face, model downloads. A Standard firewall sees only the host name of
#   that traffic; it cannot filter full URLs, nor let the intrusion detection and
#   prevention system (IDPS) look inside it. TLS inspection, URL filtering and IDPS
#   on decrypted traffic are Premium features, configured in a Premium firewall
#   policy; a firewall with classic rules and no policy cannot use them.
#
#   **How to fix.** Use the Premium tier for the firewall and its policy, and give
#   the policy a CA certificate stored in Key Vault (the policy's managed identity
#   needs read access to it):
#
#   ```json
#   {
#     "type": "Microsoft.Network/firewallPolicies",
#     "name": "afwp-hub",
#     "identity": { "type": "UserAssigned", "userAssignedIdentities": { "[variables('fwIdentityId')]": {} } },
#     "properties": {
#       "sku": { "tier": "Premium" },
#       "transportSecurity": {
#         "certificateAuthority": {
#           "name": "afw-tls-inspection-ca",
#           "keyVaultSecretId": "https://kv-hub.vault.azure.net/secrets/afw-tls-inspection-ca"
#         }
#       },
#       "intrusionDetection": { "mode": "Deny" }
#     }
#   }
#   ```
#
#   and on the firewall `"sku": { "name": "AZFW_VNet", "tier": "Premium" }` with
#   `"firewallPolicy": { "id": "[resourceId('Microsoft.Network/firewallPolicies', 'afwp-hub')]" }`.
#   In Terraform: `sku_tier = "Premium"` and `firewall_policy_id` on
#   `azurerm_firewall`; `sku = "Premium"` and a `tls_certificate` block
#   (`key_vault_secret_id`, `name`) on `azurerm_firewall_policy`
#   (`intrusion_detection { mode = "Deny" }` for IDPS).
#
#   An absent tier is Standard, Azure's default. Policies are checked when a
#   firewall in the scan uses them, wherever they are defined; a firewall whose
#   policy is not in the scan, or cannot be resolved before deployment, is judged
#   on its own tier only. IDPS is required only when the `require_idps` parameter is
#   set: the design article asks for TLS inspection.
# custom:
#   id: LZ105
#   name: hub-firewall-premium
#   severity: medium
#   tags: [network, firewall, hub]
#   resource_types:
#     - Microsoft.Network/azureFirewalls
#     - Microsoft.Network/firewallPolicies
#   parameters:
#     - name: require_idps
#       description: >-
#         Also require the firewall policy's intrusion detection and prevention system
#         (IDPS) to run in Alert or Deny mode.
#       default: false
#   azure_policy:
#     - id: /providers/Microsoft.Authorization/policyDefinitions/8c19196d-7fd7-45b2-a9b4-7288f47c769a
#       name: Azure Firewall Standard should be upgraded to Premium for next generation protection
#     - id: /providers/Microsoft.Authorization/policyDefinitions/711c24bb-7f18-4578-b192-81a6161e1f17
#       name: Azure Firewall Premium should configure a valid intermediate certificate to enable TLS inspection
#     - id: /providers/Microsoft.Authorization/policyDefinitions/6484db87-a62d-4327-9f07-80a2cbdf333a
#       name: Firewall Policy Premium should enable the Intrusion Detection and Prevention System (IDPS)
package lzscan.rules.hub_firewall_premium

import data.lzscan.lib

firewalls := {r.id: r | some r in lib.resources_of("Microsoft.Network/azureFirewalls")}

policies := {r.id: r | some r in lib.resources_of("Microsoft.Network/firewallPolicies")}

# Speed: at 100k there are ~1.4k firewalls, ~1.4k policies in use and ~400 findings.
# Each body tests the plain property first and calls lib.is_unknown only for the few
# violators; tiers are read inline (no tier/premium calls per resource); the names of
# a policy's firewalls are gathered only for reported policies.

# The ids of the policies in the scan that a firewall in the scan references, from the
# resolved reference edges. The edge index is read directly (a lib.edges_from call per
# firewall costs more than the lookup); inputs without it take one pass over the edges.
used := {e.to |
	input.index.edges_from
	some id, _ in firewalls
	some e in object.get(input.index.edges_from, id, [])
	e.kind == "reference"
	policies[e.to]
} | {e.to |
	not input.index.edges_from
	some e in input.edges
	e.kind == "reference"
	firewalls[e.from]
	policies[e.to]
}

# "'afw-a', 'afw-b'": the firewalls in the scan that use the policy `id`, each by its
# name, else its id (picked with object.get: cheaper than a two-body function).
users_text(id) := concat(", ", [sprintf("'%s'", [n]) | some n in sort(names)]) if {
	names := {object.get({true: name}, is_string(name), fw.id) |
		some e in lib.edges_to(id)
		e.kind == "reference"
		fw := firewalls[e.from]
		name := object.get(fw, "name", null)
	}
}

# `not lower(tier) == "premium"` rather than `!=`: a tier that is not a string is
# reported, as a not-Premium tier.
deny contains lib.finding_at(r, "properties.sku.tier", msg) if {
	some r in firewalls
	tier := object.get(r, ["properties", "sku", "tier"], "Standard")
	not lower(tier) == "premium"
	not lib.is_unknown(r, "properties.sku.tier")
	msg := sprintf("%s uses the %s tier: TLS inspection and IDPS need Azure Firewall Premium (set the tier to Premium)", [lib.label(r), tier])
}

deny contains lib.finding_at(r, "properties.firewallPolicy", msg) if {
	some r in firewalls
	object.get(r, ["properties", "firewallPolicy", "id"], null) == null
	not lib.is_unknown(r, "properties.firewallPolicy.id")
	msg := sprintf("%s has no firewall policy: TLS inspection is configured in a Premium firewall policy, which classic rules cannot replace", [lib.label(r)])
}

deny contains lib.finding_at(p, "properties.sku.tier", msg) if {
	some id in used
	p := policies[id]
	tier := object.get(p, ["properties", "sku", "tier"], "Standard")
	not lower(tier) == "premium"
	not lib.is_unknown(p, "properties.sku.tier")
	msg := sprintf("%s, the policy of Azure Firewall %s, uses the %s tier: TLS inspection needs a Premium policy (set the tier to Premium)", [lib.label(p), users_text(id), tier])
}

deny contains lib.finding_at(p, "properties.transportSecurity", msg) if {
	some id in used
	p := policies[id]
	object.get(p, ["properties", "transportSecurity", "certificateAuthority"], null) == null
	not lib.is_unknown(p, "properties.transportSecurity.certificateAuthority")
	msg := sprintf("%s, the policy of Azure Firewall %s, does not inspect TLS: set transportSecurity.certificateAuthority to an intermediate CA certificate in Key Vault", [lib.label(p), users_text(id)])
}

deny contains lib.finding_at(p, "properties.intrusionDetection.mode", msg) if {
	data.lzscan.params.LZ105.require_idps == true
	some id in used
	p := policies[id]
	mode := object.get(p, ["properties", "intrusionDetection", "mode"], "Off")
	not lower(mode) in {"alert", "deny"}
	not lib.is_unknown(p, "properties.intrusionDetection.mode")
	msg := sprintf("%s, the policy of Azure Firewall %s, has IDPS mode %s: set intrusionDetection.mode to Alert or Deny", [lib.label(p), users_text(id), mode])
}
