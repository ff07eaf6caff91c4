# METADATA
# title: Key Vaults are HSM-backed and protected from purge
# description: |
#   Key Vaults use the Premium SKU (keys can be HSM-protected) or are Managed HSMs,
#   and have purge protection enabled.
#
#   **Why.** The hub's Key Vault holds the platform's secrets and the API keys of
#   the models it serves. HSM-backed keys never leave the hardware, and purge
#   protection stops a deleted vault, or a deleted key, from being purged before
#   its retention period ends: a mistake or an attacker cannot destroy them for good.
#
#   **How to fix.** Use the Premium SKU and enable purge protection:
#
#   ```json
#   "properties": {
#     "sku": { "family": "A", "name": "premium" },
#     "enablePurgeProtection": true
#   }
#   ```
#
#   In Terraform: `sku_name = "premium"` and `purge_protection_enabled = true`. A
#   Managed HSM (`Microsoft.KeyVault/managedHSMs`) is HSM-backed by design and only
#   needs purge protection. Values known only at deployment are not reported.
# custom:
#   id: LZ401
#   name: key-vault-hsm
#   severity: medium
#   tags: [security, key-vault]
#   resource_types:
#     - Microsoft.KeyVault/vaults
#     - Microsoft.KeyVault/managedHSMs
#   azure_policy:
#     - id: /providers/Microsoft.Authorization/policyDefinitions/0b60c0b2-2dc2-4e1c-b5c9-abbed971de53
#       name: Key vaults should have deletion protection enabled
#     - id: /providers/Microsoft.Authorization/policyDefinitions/587c79fe-dd04-4a5e-9d0b-f89598c7261b
#       name: Keys should be backed by a hardware security module (HSM)
package lzscan.rules.key_vault_hsm

import data.lzscan.lib

# Speed: the plain property test that passes most vaults comes first; the unknown
# check (a function call) runs only for the vaults that would be reported.

deny contains lib.finding_at(r, "properties.sku.name", msg) if {
	some r in lib.resources_of("Microsoft.KeyVault/vaults")
	sku := object.get(r, ["properties", "sku", "name"], "standard")
	lower(sku) != "premium"
	not lib.is_unknown(r, "properties.sku.name")
	msg := sprintf("%s uses the %s SKU: its keys cannot be HSM-protected (use premium)", [lib.label(r), sku])
}

deny contains lib.finding_at(r, "properties.enablePurgeProtection", msg) if {
	some t in ["Microsoft.KeyVault/vaults", "Microsoft.KeyVault/managedHSMs"]
	some r in lib.resources_of(t)
	object.get(r, ["properties", "enablePurgeProtection"], false) != true
	not lib.is_unknown(r, "properties.enablePurgeProtection")
	msg := sprintf("%s does not have purge protection enabled", [lib.label(r)])
}
