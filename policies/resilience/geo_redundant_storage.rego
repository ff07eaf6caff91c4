# METADATA
# title: Storage accounts replicate to a second region
# description: |
#   Storage accounts use a geo-redundant replication SKU: `Standard_GRS`,
#   `Standard_RAGRS`, `Standard_GZRS` or `Standard_RAGZRS`.
#
#   **Why.** Training data in ADLS Gen2 and raw model weights in Blob Storage are
#   the slowest things to rebuild after a regional outage: data lineage, curated
#   layers and checkpoints cannot be re-downloaded. Geo-redundant replication keeps
#   a copy in the paired region.
#
#   **How to fix.** Set the SKU to a geo-redundant one:
#
#   ```json
#   "sku": { "name": "Standard_GZRS" }
#   ```
#
#   Premium storage accounts support only LRS and ZRS; keep such data in a
#   standard account as well, or accept the finding with a documented waiver. A SKU
#   known only at deployment (a parameter without a value) is not reported.
# custom:
#   id: LZ301
#   name: geo-redundant-storage
#   severity: medium
#   tags: [resilience, disaster-recovery, storage]
#   resource_types:
#     - Microsoft.Storage/storageAccounts
#   azure_policy:
#     - id: /providers/Microsoft.Authorization/policyDefinitions/bf045164-79ba-4215-8f95-f8048dc1780b
#       name: Geo-redundant storage should be enabled for Storage Accounts
package lzscan.rules.geo_redundant_storage

import data.lzscan.lib

accepted := {"standard_grs", "standard_ragrs", "standard_gzrs", "standard_ragzrs"}

# Speed: the SKU test that passes most accounts comes first; the unknown check (a
# function call) runs only for the accounts that would be reported.
deny contains lib.finding_at(r, "sku.name", msg) if {
	some r in lib.resources_of("Microsoft.Storage/storageAccounts")
	sku := r.sku.name
	not accepted[lower(sku)]
	is_string(sku)
	not lib.is_unknown(r, "sku.name")
	msg := sprintf("%s replicates with %s, which keeps no copy in a second region (use Standard_GRS, Standard_RAGRS, Standard_GZRS or Standard_RAGZRS)", [lib.label(r), sku])
}
