#!/usr/bin/env python3
"""Writes fixtures/rules/<ID>/{bad,good}.export.json from the rule's ARM fixtures.

Each ARM fixture is scanned with `lzscan scan --write-graph`, and its resources
become Azure Resource Graph rows as `az graph query -o json` prints them (lower-case
types, a real subscription id and resource group, one row per line), so that each
rule is also tested on exported state. Run from the repository root after
changing a rule's ARM fixtures:

    cargo build && scripts/export-fixtures.py LZ102 LZ103 ...

Then check the new findings and add their lines to the rule's expected.txt.
"""
import json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "debug", "lzscan")


def rows_of(template, rule):
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as out:
        subprocess.run([BIN, "scan", template, "--no-config", "--write-graph", out.name,
                        "-f", "json", "--exit-zero"], check=True, capture_output=True,
                       cwd=os.path.dirname(template))
        rows = [json.loads(l) for l in open(out.name) if l.strip()]
    n = int(rule[2:])
    sub = "00000000-0000-0000-0000-%012d" % n
    rg = "rg-%s" % rule.lower()
    out = []
    for r in rows:
        text = json.dumps(r).replace("{subscriptionId}", sub).replace("{resourceGroupName}", rg)
        r = json.loads(text)
        r["type"] = r["type"].lower()
        if r.get("subscriptionId") is None:
            r["subscriptionId"] = sub
        if r.get("resourceGroup") is None and "/resourceGroups/" in r["id"]:
            r["resourceGroup"] = r["id"].split("/resourceGroups/")[1].split("/")[0]
        r["tenantId"] = "72f988bf-0000-0000-0000-000000000000"
        out.append(r)
    return out


def main():
    for rule in sys.argv[1:]:
        d = os.path.join(ROOT, "fixtures", "rules", rule)
        for kind in ("bad", "good"):
            src = os.path.join(d, kind + ".json")
            if not os.path.exists(src):
                continue
            rows = rows_of(src, rule)
            lines = ",\n".join("    " + json.dumps(r, sort_keys=True) for r in rows)
            text = ('{\n  "count": %d,\n  "data": [\n%s\n  ],\n  "skip_token": null,\n'
                    '  "total_records": %d\n}\n') % (len(rows), lines, len(rows))
            with open(os.path.join(d, kind + ".export.json"), "w") as f:
                f.write(text)
            print(rule, kind, len(rows), "rows")


main()
