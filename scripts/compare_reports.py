#!/usr/bin/env python3
"""Compares two JSON reports of the same suite and prints their differences by category.

usage: compare_reports.py BEFORE.json AFTER.json

Evidence is compared as chains of steps (class, method, file, line), not as indexes into steps[],
so a chain that moved in steps[] is no difference. Used by compare-reports.sh.
"""
import json
import sys
from collections import Counter


def load(path):
    with open(path) as f:
        return json.load(f)


def chains(report):
    """Resolves an access's evidence to its steps: an index into chains[] (each link a step and
    the next link), or, in reports before that, a list of indexes into steps[]."""
    steps = report.get("steps", [])
    links = report.get("chains", [])

    def step(i):
        s = steps[i]
        return (s["class"], s["method"], s.get("file", ""), s.get("line", 0))

    def resolve(ev):
        if isinstance(ev, list):
            return tuple(step(i) for i in ev)
        out = []
        while ev is not None:
            out.append(step(links[ev]["step"]))
            ev = links[ev]["next"]
        return tuple(out)

    return resolve


def ident(a):
    return (a["resource"], a.get("customKind", ""), a["key"], a["keyKind"], a["mode"], a["scope"], a["sink"])


def accesses(report):
    resolve = chains(report)
    table = report.get("accesses", [])
    result = {}
    for t in report.get("tests", []):
        acc = {}
        order = []
        for ref in t.get("accesses", []):
            # Today a test lists {access, evidence}: an index into accesses[] and one into chains[];
            # before, each access in full with its evidence.
            a = table[ref["access"]] if "access" in ref else ref
            rest = {k: v for k, v in a.items() if k not in ("evidence", "id")}
            acc[ident(a)] = (rest, resolve(ref.get("evidence", [])))
            order.append(ident(a))
        result[t["id"]] = (acc, order)
    return result


def canon(x):
    return json.dumps(x, sort_keys=True)


def main(before_path, after_path):
    before, after = load(before_path), load(after_path)
    a, b = accesses(before), accesses(after)
    counts = Counter()
    examples = {}

    def note(cat, example):
        counts[cat] += 1
        examples.setdefault(cat, example)

    for test in sorted(set(a) | set(b)):
        if test not in b:
            note("test only before", test)
            continue
        if test not in a:
            note("test only after", test)
            continue
        (x, xo), (y, yo) = a[test], b[test]
        for k in sorted(set(x) | set(y)):
            if k not in y:
                note("access only before: " + k[0] + " " + k[6], (test, k))
            elif k not in x:
                note("access only after: " + k[0] + " " + k[6], (test, k))
            else:
                (rx, cx), (ry, cy) = x[k], y[k]
                if rx != ry:
                    changed = sorted(f for f in set(rx) | set(ry) if rx.get(f) != ry.get(f))
                    note("access fields changed: " + ",".join(changed), (test, k, {f: (rx.get(f), ry.get(f)) for f in changed}))
                if cx != cy:
                    if len(cx) == len(cy):
                        note("evidence: another chain of the same length", (test, k, cx, cy))
                    elif len(cy) < len(cx):
                        note("evidence: shorter chain after", (test, k, cx, cy))
                    else:
                        note("evidence: longer chain after", (test, k, cx, cy))
        if [k for k in xo if k in y] != [k for k in yo if k in x]:
            note("order of a test's accesses", test)
    for section in ("conflicts", "findings", "markers", "problems", "inputs", "configuration"):
        xs = Counter(canon(v) for v in before.get(section, []) or [])
        ys = Counter(canon(v) for v in after.get(section, []) or [])
        if xs != ys:
            only_b = list((xs - ys).elements())
            only_a = list((ys - xs).elements())
            counts[section + " only before"] += len(only_b)
            counts[section + " only after"] += len(only_a)
            if only_b:
                examples.setdefault(section + " only before", only_b[0][:600])
            if only_a:
                examples.setdefault(section + " only after", only_a[0][:600])
        elif [canon(v) for v in before.get(section, []) or []] != [canon(v) for v in after.get(section, []) or []]:
            note(section + ": same entries, another order", section)
    sb, sa = before.get("summary", {}), after.get("summary", {})
    for k in sorted(set(sb) | set(sa)):
        if sb.get(k) != sa.get(k):
            note("summary." + k + " changed", (sb.get(k), sa.get(k)))
    total_b = sum(len(v[0]) for v in a.values())
    total_a = sum(len(v[0]) for v in b.values())
    print(f"tests {len(a)} -> {len(b)}; accesses {total_b} -> {total_a}")
    if not counts:
        print("semantically identical (the bytes differ only in layout or step order)")
    for cat, n in sorted(counts.items()):
        print(f"  {n:7d}  {cat}")
        print("           e.g. " + str(examples.get(cat))[:700])


if __name__ == "__main__":
    main(*sys.argv[1:3])
