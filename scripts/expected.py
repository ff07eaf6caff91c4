#!/usr/bin/env python3
"""Prints what fixtures/rules/<ID>/expected.txt should hold: the findings of every
bad fixture, as tests/rules.rs lists them. Review the output before committing it:

    cargo build && scripts/expected.py LZ102 > fixtures/rules/LZ102/expected.txt
"""
import json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "debug", "lzscan")

rule = sys.argv[1]
d = os.path.join(ROOT, "fixtures", "rules", rule)
for f in sorted(n for n in os.listdir(d) if n.startswith("bad.") or n.startswith("bad_")):
    out = subprocess.run([BIN, "scan", f, "--select", rule, "-f", "json"], cwd=d,
                         capture_output=True, text=True)
    for x in json.loads(out.stdout)["findings"]:
        print("%s:%s %s %s" % (x["location"]["file"], x["location"]["start_line"], x["rule_id"],
                               x["resource"].get("name") or "?"))
