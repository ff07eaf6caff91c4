# Helpers shared by the built-in rules. Import with `import data.lzscan.lib`.
#
# Everything here is O(size of its argument): rules look resources up through
# input.index instead of scanning input.resources inside a per-resource body.
package lzscan.lib

# The resources of one ARM type (case-insensitive), found through the type index.
resources_of(t) := [input.resources[i] | some i in input.index.by_type[lower(t)]]

# True when `path` (or a property above it) could not be resolved before deployment.
# A rule never reports a violation from such a value.
is_unknown(r, path) if {
	some u in r.unknown
	covers(u, path)
}

covers(u, path) if u == path

covers(u, path) if startswith(path, concat("", [u, "."]))

covers(u, path) if startswith(path, concat("", [u, "["]))

# The edges that leave (or reach) the resource `id`, through the edge index: rules
# start from the few resources they judge instead of scanning every edge.
edges_from(id) := object.get(input.index.edges_from, id, []) if input.index.edges_from

edges_from(id) := [e | some e in input.edges; e.from == id] if not input.index.edges_from

edges_to(id) := object.get(input.index.edges_to, id, []) if input.index.edges_to

edges_to(id) := [e | some e in input.edges; e.to == id] if not input.index.edges_to

# "Microsoft.Storage/storageAccounts 'data'"
# One body with `else` and `concat`: every finding builds a label, and regorus
# evaluates all bodies of a function and formats `sprintf` slowly.
label(r) := concat("", [r.type, " '", r.name, "'"]) if is_string(r.name)

else := r.type

# A finding about the resource as a whole.
finding(r, msg) := {"resource": r.id, "message": msg}

# A finding about one property of the resource (reports point at its line).
finding_at(r, path, msg) := {"resource": r.id, "message": msg, "path": path}
