#!/usr/bin/env python3
"""The "remove" advice of a scan report, applied to a copy of the test sources and checked by
running the touched classes sequentially before and after (issue 9: "every 'remove' edit
applied: the sequential run shows no new failure").

  removes.py select REPORT.json                 # one line per removal: family, class, file, line, kind, text
  removes.py apply SELECTION SRC_DIR            # edits SRC_DIR in place (a copy of the sources)
  removes.py tally BEFORE_DIR AFTER_DIR         # surefire XML and TestNG results -> markdown table

A removal is a marker with an edit of action REMOVE_ANNOTATION, or a DEFENSIVE/LEGACY verdict whose
recommendation says "Remove @X" (annotation removed whole) or "drop the ordering" (the TestNG
priority attribute removed, the annotation kept).
"""
import collections
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET


def select(report):
    rows = []
    for m in json.load(open(report))["markers"]:
        simple = "@" + m["annotation"].rsplit(".", 1)[-1]
        edits = [e for e in m.get("edits", []) if e.get("action") == "REMOVE_ANNOTATION"]
        rec = m.get("recommendation", "")
        if edits:
            for e in edits:
                rows.append((m["family"], e["class"], e["file"], e["line"], "edit", e["text"] or simple))
        elif m["verdict"] in ("DEFENSIVE", "LEGACY") and rec.startswith("Remove @"):
            rows.append((m["family"], m["class"], m["file"], m["line"], "advice", simple))
        elif m["verdict"] in ("DEFENSIVE", "LEGACY") and "drop the ordering" in rec:
            rows.append((m["family"], m["class"], m["file"], m["line"], "advice-drop-ordering", simple))
    for r in rows:
        print("\t".join(str(x) for x in r))


def _annotation_span(lines, i, text):
    """Start column and (end line, end column) of the annotation `text` starting on line i."""
    col = lines[i].find(text)
    if col < 0:
        raise SystemExit(f"line {i + 1} does not hold {text}: {lines[i].strip()}")
    j, k = i, col + len(text)
    while k < len(lines[j]) and lines[j][k] in " \t":
        k += 1
    if k < len(lines[j]) and lines[j][k] == "(":
        depth = 0
        while True:
            ch = lines[j][k]
            depth += ch == "("
            depth -= ch == ")"
            k += 1
            if depth == 0:
                break
            if k >= len(lines[j]):
                j, k = j + 1, 0
    else:
        k = col + len(text)
    return col, j, k


def apply(selection, src):
    for row in open(selection):
        family, cls, path, line, kind, text = row.rstrip("\n").split("\t")
        f = os.path.join(src, path)
        lines = open(f).read().split("\n")
        i = int(line) - 1
        if kind == "advice-drop-ordering":
            new = re.sub(r"\(\s*priority\s*=\s*[^,)]+\)", "", lines[i])
            new = re.sub(r",\s*priority\s*=\s*[^,)]+", "", new)
            new = re.sub(r"priority\s*=\s*[^,)]+,\s*", "", new)
            print(f"{path}:{line}: {lines[i].strip()} -> {new.strip()}")
            lines[i] = new
            open(f, "w").write("\n".join(lines))
            continue
        col, j, k = _annotation_span(lines, i, text.split("(")[0])
        removed = "\n".join(lines[i:j + 1])
        rest = lines[i][:col] + lines[j][k:]
        lines[i:j + 1] = [rest] if rest.strip() else []
        names = set(re.findall(r"[A-Za-z_]\w*", removed))
        body = "\n".join(l for l in lines if not l.startswith("import "))
        kept = []
        for l in lines:
            m = re.match(r"import (static )?[\w.]+\.(\w+);", l)
            if m and m.group(2) in names and not re.search(r"\b" + m.group(2) + r"\b", body):
                print(f"{path}: dropped unused {l}")
                continue
            kept.append(l)
        print(f"{path}:{line}: removed {removed.strip()}")
        open(f, "w").write("\n".join(kept))


def _results(d):
    """{class: {test id: status}} from surefire XML reports and testng-results.xml under d."""
    out = collections.defaultdict(dict)
    for x in glob.glob(os.path.join(d, "**", "TEST-*.xml"), recursive=True):
        if "junitreports" in x.split(os.sep):
            continue  # TestNG's copies of what testng-results.xml holds
        for tc in ET.parse(x).getroot().iter("testcase"):
            st = "FAIL" if tc.find("failure") is not None or tc.find("error") is not None else \
                "SKIP" if tc.find("skipped") is not None else "PASS"
            out[tc.get("classname")][tc.get("name")] = st
    for x in glob.glob(os.path.join(d, "**", "testng-results.xml"), recursive=True):
        for c in ET.parse(x).getroot().iter("class"):
            n = collections.Counter()
            for m in c.iter("test-method"):
                if m.get("is-config") == "true":
                    continue
                key = m.get("name") + (m.find("params") is not None and ET.tostring(m.find("params")).decode() or "")
                n[key] += 1
                out[c.get("name")][f"{key}#{n[key]}"] = m.get("status")
    return out


def tally(before, after, selection=None):
    b, a = _results(before), _results(after)
    removed = {}
    if selection:
        for row in open(selection):
            family, cls, path, line, kind, text = row.rstrip("\n").split("\t")
            removed.setdefault(cls, []).append(f"{text} ({kind}, :{line})")
    print("| class | removed | tests run before / after | failures before / after | new failures |")
    print("|---|---|---|---|---|")
    total_new = 0
    for cls in sorted(set(b) | set(a)):
        fb = {t for t, s in b.get(cls, {}).items() if s not in ("PASS", "SKIP")}
        fa = {t for t, s in a.get(cls, {}).items() if s not in ("PASS", "SKIP")}
        new = sorted(fa - fb)
        lost = len(b.get(cls, {})) - len(a.get(cls, {}))
        total_new += len(new) + max(lost, 0)
        print(f"| {cls.rsplit('.', 1)[-1]} | {'; '.join(removed.get(cls, [])) or '-'} | "
              f"{len(b.get(cls, {}))} / {len(a.get(cls, {}))} | {len(fb)} / {len(fa)} | "
              f"{', '.join(new) or ('none' if lost <= 0 else f'{lost} test(s) no longer run')} |")
    print(f"\nnew failures (or tests lost): {total_new}")
    return total_new


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "select":
        select(sys.argv[2])
    elif cmd == "apply":
        apply(sys.argv[2], sys.argv[3])
    elif cmd == "tally":
        sys.exit(1 if tally(*sys.argv[2:5]) else 0)
    else:
        raise SystemExit(__doc__)
