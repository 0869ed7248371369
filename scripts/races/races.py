#!/usr/bin/env python3
"""Helper of race-runs.sh: reads JUnit XML reports and compares failures with an audit report.

  races.py failures RUN_DIR   failing tests of one run (RUN_DIR/reports/*.xml) as TSV on stdout
                              (test, first message line); writes RUN_DIR/counts
  races.py excludes POM        the Surefire <excludes> of a pom as launcher --exclude-classname
                              regexes, one a line (simple '**/Name*.java' patterns)
  races.py compare OUT_DIR    parallel-only failures, the comparison with OUT_DIR/audit.json;
                              writes parallel-only.txt and comparison.tsv, the summary on stdout
  races.py fix-compare OUT_DIR the runs before and after isolation-audit fix (runs/fix-par-N)
  races.py plan-lane-selectors PLAN LANE [--include RX | --exclude RX]...
                              the launcher arguments that select the lane's tests, one a line:
                              its classes that a launcher scan with these class-name patterns
                              would run (default include: the launcher's own), or its methods for
                              a lane that selects methods, and the methods other lanes run left out
"""
import glob
import json
import os
import re
import sys
import xml.etree.ElementTree as ET


def test_key(classname, name):
    """class#method from a legacy XML testcase: Jupiter names are 'm(Params)' or 'm(Params)[3]',
    Vintage ones 'm' or 'm[3]'; a container failure carries the class name."""
    method = re.split(r"[(\[]", name, maxsplit=1)[0].strip() or name
    return f"{classname}#{method}"


def first_line(text):
    for line in (text or "").splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def read_run(run_dir):
    """(counts, {test: message}) of one run; counts None when no report was written."""
    files = sorted(glob.glob(os.path.join(run_dir, "reports", "*.xml")))
    counts = {"tests": 0, "skipped": 0, "failed": 0}
    failures = {}
    if not files:
        return None, failures
    for f in files:
        try:
            root = ET.parse(f).getroot()
        except ET.ParseError:
            continue
        for case in root.iter("testcase"):
            counts["tests"] += 1
            if case.find("skipped") is not None:
                counts["skipped"] += 1
            bad = case.find("failure")
            if bad is None:
                bad = case.find("error")
            if bad is None:
                continue
            counts["failed"] += 1
            key = test_key(case.get("classname", "?"), case.get("name", "?"))
            message = bad.get("message") or first_line(bad.text)
            typ = bad.get("type") or ""
            failures.setdefault(key, first_line(f"{typ}: {message}" if typ else message))
    return counts, failures


def cmd_failures(run_dir):
    counts, failures = read_run(run_dir)
    with open(os.path.join(run_dir, "counts"), "w") as fh:
        if counts is None:
            fh.write("no report\n")
        else:
            fh.write(f"{counts['tests']} tests, {counts['skipped']} skipped, {counts['failed']} failed "
                     f"({len(failures)} distinct class#method)\n")
    for key in sorted(failures):
        print(f"{key}\t{failures[key]}")


def load_failures(run_dir):
    result = {}
    path = os.path.join(run_dir, "failures.tsv")
    if os.path.exists(path):
        with open(path) as fh:
            for line in fh:
                key, _, msg = line.rstrip("\n").partition("\t")
                if key:
                    result[key] = msg
    return result


def strip_params(test_id):
    return test_id.split("(", 1)[0]


def audit_index(audit_path):
    """Who the report names: by_test / by_class map a test (class) to the labels of the findings
    naming it, most specific (fewest tests) first; conflict_tests maps a test to the conflicts
    naming it that no finding reports (e.g. POSSIBLE ones)."""
    with open(audit_path) as fh:
        report = json.load(fh)
    conflicts = {}
    for c in report.get("conflicts", []):
        conflicts.setdefault((c["resource"], c["key"]), []).append(c)
    by_test, by_class, kinds, reported = {}, {}, {}, set()
    for f in report.get("findings", []):
        if f["kind"] not in ("UNPROTECTED", "INSUFFICIENT"):
            continue
        kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
        tests = set(f.get("tests", []))
        for c in conflicts.get((f["resource"], f["key"]), []):
            reported.add(id(c))
            tests.update(c.get("writers", []))
            tests.update(c.get("readers", []))
            tests.update(c.get("possibleReadersSample", []))
        count = max(f.get("testCount", 0), len(tests))
        label = (count, f"{f['kind']} {f['resource']} {f['key']} ({count} tests"
                 + (f", {len(tests)} known)" if len(tests) < count else ")"))
        for t in tests:
            t = strip_params(t)
            by_test.setdefault(t, set()).add(label)
            by_class.setdefault(t.split("#", 1)[0], set()).add(label)
    conflict_tests = {}
    for cs in conflicts.values():
        for c in cs:
            if id(c) in reported:
                continue
            n = len(set(c["writers"]) | set(c["readers"]))
            label = (n, f"{c['certainty']} conflict {c['resource']} {c['key']} ({n} tests), no finding")
            for t in c["writers"] + c["readers"]:
                conflict_tests.setdefault(strip_params(t), set()).add(label)
    order = lambda m: {k: [l for _, l in sorted(v)] for k, v in m.items()}
    return order(by_test), order(by_class), order(conflict_tests), kinds, len(report.get("tests", []))


def cmd_compare(out):
    def read(name):
        p = os.path.join(out, name)
        return open(p).read().strip() if os.path.exists(p) else ""

    runs_dir = os.path.join(out, "runs")
    par_names = sorted((d for d in os.listdir(runs_dir) if d.startswith("par-")),
                       key=lambda d: int(d.split("-")[1]))
    seq = load_failures(os.path.join(runs_dir, "seq"))
    par = {n: load_failures(os.path.join(runs_dir, n)) for n in par_names}

    lines = [read("setup.txt"), ""]
    lines.append(f"{'run':8} {'wall_s':>8} {'exit':>5} {'parallel-only':>13}  counts")
    for n in ["seq"] + par_names:
        d = os.path.join(runs_dir, n)
        only = "" if n == "seq" else str(len(set(par[n]) - set(seq)))
        lines.append(f"{n:8} {read(os.path.join('runs', n, 'wall_s')):>8} "
                     f"{read(os.path.join('runs', n, 'exit')):>5} {only:>13}  "
                     f"{read(os.path.join('runs', n, 'counts'))}")
    union = {}
    for n in par_names:
        for key, msg in par[n].items():
            if key not in seq:
                union.setdefault(key, (msg, []))[1].append(n)
    with open(os.path.join(out, "parallel-only.txt"), "w") as fh:
        for key in sorted(union):
            fh.write(key + "\n")
    lines.append("")
    lines.append(f"sequential failures: {len(seq)}; parallel-only failures (union of {len(par_names)} runs): "
                 f"{len(union)}")

    audit_path = os.path.join(out, "audit.json")
    if not os.path.exists(audit_path):
        lines.append("no audit.json: no comparison")
        print("\n".join(lines))
        return
    by_test, by_class, conflict_tests, kinds, n_tests = audit_index(audit_path)
    lines.append(f"isolation-audit: {n_tests} tests, findings {kinds or 'none'}, naming "
                 f"{len(by_test)} tests in {len(by_class)} classes")
    named_test = [k for k in union if k in by_test]
    named_class = [k for k in union if k.split("#", 1)[0] in by_class]
    total = len(union)
    lines.append(f"parallel-only failures named by a finding: by test {len(named_test)}/{total}, "
                 f"by class {len(named_class)}/{total}")
    all_par = set().union(*[set(p) for p in par.values()]) if par else set()
    flagged_failed = [t for t in by_test if t in union]
    lines.append(f"tests named by findings that failed parallel-only: {len(flagged_failed)}/{len(by_test)}"
                 f" (failed in any parallel run: {len([t for t in by_test if t in all_par])})")
    lines.append("")
    lines.append("parallel-only failures (TEST: named by test, CLASS: its class named, -: not named):")
    rows = []
    for key in sorted(union):
        msg, in_runs = union[key]
        cls = key.split("#", 1)[0]
        if key in by_test:
            tag, why = "TEST", by_test[key]
        elif cls in by_class:
            tag, why = "CLASS", by_class[cls]
        else:
            tag, why = "-", []
        rows.append((key, tag, len(in_runs), len(par_names), "; ".join(why), msg))
        lines.append(f"  {tag:5} {key}  [{len(in_runs)}/{len(par_names)} runs]")
        for w in why[:3]:
            lines.append(f"        finding: {w}")
        if len(why) > 3:
            lines.append(f"        ... {len(why) - 3} more findings")
        for w in conflict_tests.get(key, [])[:2]:
            lines.append(f"        also: {w}")
        lines.append(f"        failure: {msg}")
    groups = {}
    for key, tag, _, _, why, _ in rows:
        label = why.split("; ", 1)[0] if why else "not named"
        groups[label] = groups.get(label, 0) + 1
    lines.append("")
    lines.append("by the most specific finding naming them (the fewest tests; for CLASS its class):")
    for label, n in sorted(groups.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {n:4}  {label}")
    with open(os.path.join(out, "comparison.tsv"), "w") as fh:
        fh.write("test\tnamed\truns_failed\truns\tfinding\tfailure\n")
        for r in rows:
            fh.write("\t".join(str(x) for x in r) + "\n")
    print("\n".join(lines))


def cmd_excludes(pom):
    ns = "{http://maven.apache.org/POM/4.0.0}"
    root = ET.parse(pom).getroot()
    seen = []
    build = root.find(f"{ns}build")
    if build is None:
        return
    for plugin in build.iter(f"{ns}plugin"):
        if plugin.findtext(f"{ns}artifactId") != "maven-surefire-plugin":
            continue
        for ex in plugin.iter(f"{ns}exclude"):
            glob_ = (ex.text or "").strip()
            if not glob_.endswith(".java") and not glob_.endswith(".class"):
                continue
            name = glob_.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            pkg = glob_.rsplit("/", 1)[0] if "/" in glob_ else ""
            rx_name = re.escape(name).replace(r"\*", "[^.]*")
            if pkg in ("", "**"):
                rx = rf"^(.*\.)?{rx_name}$"
            else:
                rx_pkg = re.escape(pkg.replace("/", ".")).replace(r"\*\*", ".*").replace(r"\*", "[^.]*")
                rx = rf"^{rx_pkg}\.{rx_name}$"
            if rx not in seen:
                seen.append(rx)
                print(rx)


def load_plan(path):
    with open(path) as fh:
        return json.load(fh)["plan"]


def cmd_plan_stages(path):
    """One line per stage: the names of its lanes, in the order the plan runs them."""
    for stage in load_plan(path)["stages"]:
        print(" ".join(stage["lanes"]))


# The console launcher's default --include-classname pattern.
LAUNCHER_INCLUDE = r"^(Test.*|.+[.$]Test.*|.*Tests?)$"


def selected(classes, includes, excludes):
    """The classes a launcher run with --scan-class-path would run: a class whose name matches one
    include pattern (the launcher's default when none is given) and no exclude pattern (Java's
    matches(): the whole name). A --select-class selection skips these filters, so a plan's lane
    runs them here, or it would run classes the sequential run never ran."""
    inc = [re.compile(r) for r in (includes or [LAUNCHER_INCLUDE])]
    exc = [re.compile(r) for r in excludes]
    return [c for c in classes
            if any(r.fullmatch(c) for r in inc) and not any(r.fullmatch(c) for r in exc)]


def cmd_plan_lane(path, lane, what):
    for l in load_plan(path)["lanes"]:
        if l["name"] == lane:
            print(l[what])


def cmd_plan_lane_selectors(path, lane, includes=(), excludes=()):
    """The launcher arguments that select a lane's tests, one a line: --select-class for each of
    its classes that these class-name patterns let through, or --select-method for each method of a
    lane that selects methods; a lane that selects classes leaves out, with --exclude-methodname,
    the methods of its classes that another lane runs."""
    plan = load_plan(path)
    lanes = plan["lanes"]
    for l in lanes:
        if l["name"] != lane:
            continue
        classes = selected(l["classes"], list(includes), list(excludes))
        if l.get("methods"):
            keep = set(classes)
            for m in l["methods"]:
                if m.split("#", 1)[0] in keep:
                    print("--select-method")
                    print(m)
            return
        for c in classes:
            print("--select-class")
            print(c)
        mine = set(l["classes"])
        elsewhere = sorted(m for o in lanes if o is not l for m in o.get("methods", [])
                           if m.split("#", 1)[0] in mine)
        if elsewhere:
            print("--exclude-methodname")
            print("^(?:" + "|".join(re.escape(m) for m in elsewhere) + r")(?:\(.*\))?$")


def cmd_plan_locked_classes(path):
    """The top-level classes that hold the plan's locks: the ones that declare its provider."""
    classes = set()
    for a in load_plan(path).get("lockAssignments", []):
        classes.add(a["className"].split("$", 1)[0])
    for c in sorted(classes):
        print(c)


def _read(path, default=""):
    try:
        with open(path) as fh:
            return fh.read().strip()
    except OSError:
        return default


def invocations(run_dir):
    """How often each test invocation (class and display name as the report gives them, with
    parameters and index) ran in one run."""
    seen = {}
    for f in sorted(glob.glob(os.path.join(run_dir, "reports", "*.xml"))):
        try:
            root = ET.parse(f).getroot()
        except ET.ParseError:
            continue
        for case in root.iter("testcase"):
            key = (case.get("classname", "?"), case.get("name", "?"))
            seen[key] = seen.get(key, 0) + 1
    return seen


def coverage(seq_runs, runs):
    """The tests of the sequential run against those of a run made of several launcher runs (a
    plan's lanes): how many ran, which sequential ones did not, which ran though the sequential
    run has no such test, and which ran more often than in the sequential run."""
    expected = invocations(seq_runs)
    got = {}
    for d in runs:
        for k, n in invocations(d).items():
            got[k] = got.get(k, 0) + n
    # a key the sequential run has twice (two invocations with one display name) must run twice
    missing = sorted(k for k, n in expected.items() if got.get(k, 0) < n)
    extra = sorted(k for k in got if k not in expected)
    twice = sorted(k for k, n in got.items() if k in expected and n > expected[k])
    return sum(got.values()), sum(expected.values()), missing, extra, twice


def coverage_line(seq_dir, dirs):
    ran, expected, missing, extra, twice = coverage(seq_dir, dirs)
    line = (f"  tests: {ran} ran, sequential {expected}; missing {len(missing)}, not in the"
            f" sequential run {len(extra)}, more often {len(twice)}")
    for label, keys in (("missing", missing), ("extra", extra), ("twice", twice)):
        for c, n in keys[:5]:
            line += f"\n    {label}: {c}#{n}"
    return line


def cmd_plan_compare(out):
    """Sequential, naive parallel and the plan, round by round: wall times and failures, measured
    and predicted, JVM starts predicted and made, and the load average when each run began."""
    plan = load_plan(os.path.join(out, "plan.json"))
    runs = os.path.join(out, "runs")
    seq = load_failures(os.path.join(runs, "seq"))
    names = sorted(os.listdir(runs))
    par = sorted((d for d in names if d.startswith("par-")), key=lambda d: int(d[4:]))
    rounds = sorted({int(re.match(r"plan(\d+)-", d).group(1))
                     for d in names if re.match(r"plan\d+-", d)})
    wall = lambda d: float(_read(os.path.join(runs, d, "wall_s"), "nan"))
    load = lambda d: _read(os.path.join(runs, d, "load")).split("load average:")[-1].strip()
    p = plan["predicted"]
    print(f"workers: {plan['workers']}; lanes: "
          + ", ".join(f"{l['name']} ({l['mode'].lower()}, {len(l['classes'])} classes)"
                      for l in plan["lanes"]))
    print(f"sequential:      {wall('seq'):8.1f} s measured  {p['serialSeconds']:8.1f} s predicted"
          f"  {len(seq)} failures")
    naive_walls, plan_walls, plan_only_total = [], [], 0
    for i in range(1, max(len(par), len(rounds)) + 1):
        d = f"par-{i}"
        if d in par:
            f = load_failures(os.path.join(runs, d))
            only = sorted(set(f) - set(seq))
            naive_walls.append(wall(d))
            print(f"naive {d:8s}  {wall(d):8.1f} s measured  {p['naiveParallelSeconds']:8.1f} s"
                  f" predicted  {len(f)} failures, {len(only)} parallel-only; 1 JVM"
                  f"  (load {load(d)})")
            print(coverage_line(os.path.join(runs, "seq"), [os.path.join(runs, d)]))
        if i in rounds:
            lanes = sorted(d for d in names if d.startswith(f"plan{i}-"))
            fails = {}
            for d in lanes:
                fails.update(load_failures(os.path.join(runs, d)))
            only = sorted(set(fails) - set(seq))
            plan_only_total += len(only)
            w = float(_read(os.path.join(runs, f"plan{i}_wall_s"), "nan"))
            gross = _read(os.path.join(runs, f"plan{i}_gross_s"))
            plan_walls.append(w)
            print(f"plan round {i:<3d}  {w:8.1f} s measured  {p['wallSeconds']:8.1f} s predicted"
                  f"  {len(fails)} failures, {len(only)} not in the sequential run;"
                  f" JVMs {len(lanes)} made, {p.get('jvmStarts', '?')} predicted"
                  f"  (load {load(lanes[0]) if lanes else '?'})"
                  + (f"; {gross} s with the script's work between runs" if gross else ""))
            print(coverage_line(os.path.join(runs, "seq"), [os.path.join(runs, d) for d in lanes]))
            for d in lanes:
                lane = d[len(f"plan{i}-"):]
                predicted = next((l["seconds"] for l in plan["lanes"] if l["name"] == lane), 0)
                print(f"  lane {lane:12s} {wall(d):8.1f} s measured, {predicted:8.1f} s of tests"
                      f" ({_read(os.path.join(runs, d, 'counts'))})")
            for t in only:
                print(f"  plan-only failure: {t}: {fails[t]}")
    if naive_walls and plan_walls:
        n = sum(naive_walls) / len(naive_walls)
        m = sum(plan_walls) / len(plan_walls)
        print(f"mean wall: naive {n:.1f} s, plan {m:.1f} s, plan/naive {m / n:.2f};"
              f" plan failures not in the sequential run: {plan_only_total}")


def cmd_fix_compare(out):
    """The suite before and after isolation-audit fix: tests run and failures, run by run."""
    runs = os.path.join(out, "runs")
    seq = load_failures(os.path.join(runs, "seq"))
    def order(prefix):
        names = [d for d in os.listdir(runs) if d.startswith(prefix)]
        return sorted(names, key=lambda d: int(d.rsplit("-", 1)[1]))
    fixed_union, naive_union = {}, {}
    print(f"fix: {open(os.path.join(out, 'fix', 'fix.txt')).read().strip().splitlines()[-1]}")
    print(f"fix again: {open(os.path.join(out, 'fix', 'fix-again.txt')).read().strip().splitlines()[-1]}")
    print(f"{'run':10} {'wall_s':>8} {'exit':>5} {'parallel-only':>13}  counts")
    for d in ["seq"] + order("par-") + order("fix-par-"):
        f = load_failures(os.path.join(runs, d))
        only = set(f) - set(seq)
        target = fixed_union if d.startswith("fix-") else naive_union
        if d != "seq":
            for t in only:
                target.setdefault(t, f[t])
        print(f"{d:10} {open(os.path.join(runs, d, 'wall_s')).read().strip():>8} "
              f"{open(os.path.join(runs, d, 'exit')).read().strip():>5} "
              f"{'' if d == 'seq' else len(only):>13}  "
              f"{open(os.path.join(runs, d, 'counts')).read().strip()}")
    print(f"parallel-only failures, union over the runs: before the fix {len(naive_union)}, "
          f"after it {len(fixed_union)}")
    for t in sorted(fixed_union):
        print(f"  still failing after the fix: {t}: {fixed_union[t]}")
    for t in sorted(set(naive_union) - set(fixed_union)):
        print(f"  gone after the fix: {t}")


def main(argv):
    if len(argv) >= 3 and argv[1] == "plan-stages":
        cmd_plan_stages(argv[2])
        return 0
    if len(argv) == 4 and argv[1] == "plan-lane-mode":
        cmd_plan_lane(argv[2], argv[3], "mode")
        return 0
    if len(argv) >= 4 and argv[1] == "plan-lane-selectors" and len(argv) % 2 == 0:
        includes, excludes = [], []
        for flag, rx in zip(argv[4::2], argv[5::2]):
            if flag not in ("--include", "--exclude"):
                print(__doc__, file=sys.stderr)
                return 2
            (includes if flag == "--include" else excludes).append(rx)
        cmd_plan_lane_selectors(argv[2], argv[3], includes, excludes)
        return 0
    if len(argv) == 3 and argv[1] == "plan-locked-classes":
        cmd_plan_locked_classes(argv[2])
        return 0
    if len(argv) == 3 and argv[1] == "plan-compare":
        cmd_plan_compare(argv[2])
        return 0
    if len(argv) == 3 and argv[1] == "fix-compare":
        cmd_fix_compare(argv[2])
        return 0
    if len(argv) != 3 or argv[1] not in ("failures", "compare", "excludes"):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1] == "failures":
        cmd_failures(argv[2])
    elif argv[1] == "excludes":
        cmd_excludes(argv[2])
    else:
        cmd_compare(argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
