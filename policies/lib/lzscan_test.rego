package lzscan.lib_test

import data.lzscan.lib

test_is_unknown_covers_descendants if {
	r := {"unknown": ["properties.encryption"]}
	lib.is_unknown(r, "properties.encryption")
	lib.is_unknown(r, "properties.encryption.services")
	lib.is_unknown({"unknown": ["properties.rules"]}, "properties.rules[0].x")
	not lib.is_unknown(r, "properties.encryptionAtHost")
	not lib.is_unknown(r, "properties")
}

test_resources_of_uses_the_type_index if {
	res := lib.resources_of("Microsoft.Storage/storageAccounts") with input as {
		"resources": [{"id": "a"}, {"id": "b"}],
		"index": {"by_type": {"microsoft.storage/storageaccounts": [1]}},
	}
	res == [{"id": "b"}]
}

test_label if {
	lib.label({"type": "T", "name": "n"}) == "T 'n'"
	lib.label({"type": "T", "name": null}) == "T"
}

test_findings if {
	lib.finding({"id": "x"}, "m") == {"resource": "x", "message": "m"}
	lib.finding_at({"id": "x"}, "sku.name", "m") == {"resource": "x", "message": "m", "path": "sku.name"}
}

test_edges_follow_the_index_or_the_edge_list if {
	e := {"kind": "reference", "from": "a", "to": "b", "resolved": true}
	indexed := {"edges": [], "index": {"edges_from": {"a": [e]}, "edges_to": {"b": [e]}}}
	lib.edges_from("a") == [e] with input as indexed
	lib.edges_to("b") == [e] with input as indexed
	lib.edges_from("b") == [] with input as indexed
	listed := {"edges": [e], "index": {}}
	lib.edges_from("a") == [e] with input as listed
	lib.edges_to("b") == [e] with input as listed
}
