#!/usr/bin/env python3
"""Helpers of precision-audit.sh: the edits worksheet and carrying judgements over.

  precision_audit.py edits REPORT.json TEST-SOURCES.jar > edits-sheet.md
  precision_audit.py carry JUDGED.md SHEET.md > SHEET-carried.md

`edits` lists every edit (`findings[].edits[]`, `markers[].edits[]`) of a schemaVersion 2 report
with the source lines around its line, each ending in `judgement: ?` like the worksheets of
sample-audit.py (so its --tally counts them).

`carry` copies the judgement of every item of an earlier judged sheet onto the same item of a new
sheet: a finding or pair is the same when its heading (without the test count) and its evidence
lines (tests, modes, sinks, chains) are equal; a marker verdict when its heading, reason and
recommendation are equal; an edit when its owner (without the finding's number, which moves when
findings merge) and edit line are equal. Carried judgements get
the suffix "[carried]"; the rest stay `?` for a person to judge. A summary goes to stderr.
"""
import json
import re
import sys
import zipfile

ITEM = re.compile(r"### ([FPVE])(\d+): (.*)")


def parse(path):
    items, order, cur, section = {}, [], None, None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("## "):
                section, cur = line[3:].split("(")[0].strip(), None
                continue
            m = ITEM.match(line)
            if m:
                cur = m.group(1) + m.group(2)
                items[cur] = {"title": m.group(3).strip(), "body": [], "judgement": None, "section": section}
                order.append(cur)
                continue
            if cur:
                if line.startswith("judgement:"):
                    items[cur]["judgement"] = line[len("judgement:"):].strip()
                else:
                    items[cur]["body"].append(line.rstrip("\n"))
    return items, order


def identity(item):
    title = re.sub(r"\(\d+ tests\)", "", item["title"]).strip()
    title = re.sub(r"^F\d+ ", "", title)
    kept = ("- ", "  at ", "  READ", "  WRITE", "reason:", "recommendation:", "edit:")
    body = tuple(line for line in item["body"] if line.startswith(kept))
    return item["section"], title, body


def carry(judged_path, sheet_path):
    old, _ = parse(judged_path)
    by_identity = {}
    for key, item in old.items():
        if item["judgement"] and item["judgement"] != "?":
            by_identity.setdefault(identity(item), item["judgement"])
    new, _ = parse(sheet_path)
    carried = {key: by_identity[identity(item)] for key, item in new.items() if identity(item) in by_identity}
    cur, out = None, []
    with open(sheet_path, encoding="utf-8") as fh:
        for line in fh:
            m = ITEM.match(line)
            if m:
                cur = m.group(1) + m.group(2)
            elif line.startswith("## "):
                cur = None
            if line.startswith("judgement: ?") and cur in carried:
                text = carried[cur]
                line = f"judgement: {text}{'' if text.endswith('[carried]') else ' [carried]'}\n"
            out.append(line)
    sys.stdout.write("".join(out))
    print(f"{sheet_path}: {len(carried)} of {len(new)} items carried from {judged_path}, "
          f"{len(new) - len(carried)} to judge", file=sys.stderr)


def edits(report_path, sources_path):
    report = json.load(open(report_path, encoding="utf-8"))
    jar = zipfile.ZipFile(sources_path)
    cache = {}

    def lines(path):
        if path not in cache:
            try:
                cache[path] = jar.read(path).decode("utf-8", "replace").splitlines()
            except KeyError:
                cache[path] = None
        return cache[path]

    owners = []
    for i, f in enumerate(report.get("findings", []), 1):
        owners.append((f"F{i} {f.get('kind')} {f.get('resource')} {f.get('key')}", f.get("edits") or []))
    for m in report.get("markers", []):
        method = "#" + m["method"] if m.get("method") else ""
        name = str(m.get("annotation", "")).split(".")[-1]
        owners.append((f"marker @{name} on {m.get('class')}{method}: {m.get('verdict')}", m.get("edits") or []))
    out = ["# Edits worksheet (every edit of every finding and marker verdict)", "",
           "## Edits (all, of every finding and marker verdict)", ""]
    n = 0
    for owner, items in owners:
        for e in items:
            n += 1
            out.append(f"### E{n}: {owner}")
            out.append(f"edit: {e.get('action')} {e.get('file')}:{e.get('line')} class={e.get('class')} "
                       f"method={e.get('method') or '-'} text={e.get('text')!r} imports={e.get('imports')}")
            source, at = lines(e.get("file") or ""), e.get("line") or 0
            if source and at:
                for k in range(max(1, at - 3), min(len(source), at + 1) + 1):
                    out.append(f"    {'>' if k == at else ' '} {k:5d}  {source[k - 1]}")
                framework = [s for s in source if s.startswith("import ") and ("junit" in s or "testng" in s)][:3]
                out.append("    framework imports: " + "; ".join(framework))
            out += ["judgement: ?", ""]
    print("\n".join(out))


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "edits":
        edits(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "carry":
        carry(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
