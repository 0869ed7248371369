#!/usr/bin/env python3
"""Writes a schemaVersion 2 report in the version-1 shape of its tests: each test's accesses whole,
with `evidence` as the list of step ids from the test to the sink, for tools that read version 1
(such as a precision worksheet that follows tests[].accesses[].evidence).

  scripts/report-v1.py REPORT.json > REPORT-v1.json

Every other section is copied as it is; `accesses` and `chains` are dropped, since their content is
now inside the tests. Version-1 reports are copied unchanged.
"""
import json
import sys


def expand(report):
    if report.get("schemaVersion") != 2:
        return report
    table = report["accesses"]
    chains = report["chains"]
    out = {}
    for name, value in report.items():
        if name in ("accesses", "chains"):
            continue
        if name == "schemaVersion":
            value = 1
        if name == "tests":
            value = [expand_test(t, table, chains) for t in value]
        out[name] = value
    return out


def expand_test(test, table, chains):
    test = dict(test)
    accesses = []
    for use in test["accesses"]:
        access = {k: v for k, v in table[use["access"]].items() if k != "id"}
        steps, link = [], use["evidence"]
        while link is not None:
            steps.append(chains[link]["step"])
            link = chains[link]["next"]
        access["evidence"] = steps
        accesses.append(access)
    test["accesses"] = accesses
    return test


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip())
    try:
        with open(sys.argv[1], encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"report-v1.py: {sys.argv[1]}: {e}")
    json.dump(expand(report), sys.stdout, indent=2)
    sys.stdout.write("\n")
