#!/usr/bin/env bash
# Where a scan's time goes: runs the CLI jar under Java Flight Recorder and sums the CPU samples by
# phase (a sample counts for every phase on its stack) and by the method on top of the stack.
#   scripts/profile.sh CLI_JAR INPUT...        Environment: JAVA_OPTS, TOP (default 20)
set -euo pipefail
jar=${1:?usage: profile.sh CLI_JAR INPUT...}
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2086
# An empty scan cache: the analysis is profiled, not a cached answer.
XDG_CACHE_HOME="$tmp/cache" java ${JAVA_OPTS:-} -XX:StartFlightRecording=filename="$tmp/scan.jfr",settings=profile \
  -jar "$jar" scan -q -f json -o "$tmp/report.json" "$@" >/dev/null 2>&1 || true
jfr print --stack-depth 200 --events jdk.ExecutionSample "$tmp/scan.jfr" >"$tmp/samples.txt"
python3 - "$tmp/samples.txt" "${TOP:-20}" <<'PY'
import collections, re, sys
events = open(sys.argv[1]).read().split("jdk.ExecutionSample")[1:]
phases = [
    ("input reading", "InputResolver"), ("class parsing", "ClassFileParser.parse"),
    ("discovery", "TestDiscovery"), ("call graph", "CallGraph.expand"),
    ("sites", "FootprintAnalysis.sitesOf"), ("summaries", "MethodSummaries.<init>"),
    ("per-test search", "FootprintAnalysis$Search.run"),
    ("footprints, all", "FootprintAnalysis.analyse"),
    ("constant writes (own thread)", "ConstantWrites.of"),
    ("receiver mutations", "ReceiverMutations.<init>"), ("conflicts", "ConflictFinder"),
    ("markers", "MarkerDiscovery"), ("verdicts", "VerdictEngine"), ("sources", "analyzer.source"),
    ("JSON writing", "JsonReportRenderer"),
]
top, phase, total = collections.Counter(), collections.Counter(), 0
for ev in events:
    frames = re.findall(r"^\s+([\w$.<>/]+)\(", ev, re.M)
    if not frames:
        continue
    total += 1
    top[frames[0]] += 1
    for name, marker in phases:
        if any(marker in f for f in frames):
            phase[name] += 1
print(f"{total} samples")
for name, _ in phases:
    print(f"  {100 * phase[name] / max(total, 1):5.1f}%  {name}")
print("on top of the stack:")
for f, c in top.most_common(int(sys.argv[2])):
    print(f"  {100 * c / total:5.1f}%  {f}")
PY
