#!/usr/bin/env python3
"""Raise eval/baseline.json to the figures of a new run, metric by metric, never lowering one: a baseline only
moves up (for "lower is better" rates, only down). Usage: scripts/raise-baseline.py OLD.json NEW.json > OUT.json"""
import json
import sys

old = json.load(open(sys.argv[1]))
new = json.load(open(sys.argv[2]))
for name, figure in new["metrics"].items():
    before = old["metrics"].get(name)
    if before is None:
        continue
    # Each metric says which way is better (no_event_rate and no_event_rate_mapped: lower).
    lower = figure.get("lower_is_better", False)
    better = figure["value"] < before["value"] if lower else figure["value"] > before["value"]
    if not better:
        new["metrics"][name] = before
json.dump(new, sys.stdout, indent=2)
print()
