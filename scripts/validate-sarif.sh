#!/usr/bin/env bash
# Scans a real suite with --format sarif and validates the file against the official SARIF 2.1.0
# schema (reports/src/test/resources/sarif/sarif-schema-2.1.0.json) with the JSON Schema library
# the tests use; prints the result, the size and the results per rule. Run by hand:
#   scripts/validate-sarif.sh [CORPUS_DIR]   (default ./corpus-cache: commons-dbcp2 2.13.0's tests
#                                             jar, its test-sources jar and its main jar)
# Or validate files you already have: SARIF_FILES="a.sarif b.sarif" scripts/validate-sarif.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/corpus-cache}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$root"
# Packages reports (and model) so that the test classpath resolves, then writes it down.
./mvnw -B -ntp -q -pl reports -am -DskipTests package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$out/cp.txt" >/dev/null
jar="$root/cli/target/isolation-audit.jar"
[ -f "$jar" ] || ./mvnw -B -ntp -q -DskipTests package -pl cli -am
files=${SARIF_FILES:-}
if [ -z "$files" ]; then
  v=commons-dbcp2-2.13.0
  files="$out/$v.sarif"
  java -jar "$jar" scan -q "$corpus/$v-tests.jar" "$corpus/$v.jar" \
    --sources "$corpus/$v-test-sources.jar" -f sarif -o "$files"
fi
java -Dslf4j.internal.verbosity=ERROR -cp "$(cat "$out/cp.txt")" scripts/ValidateSarif.java \
  reports/src/test/resources/sarif/sarif-schema-2.1.0.json $files
for f in $files; do
  python3 - "$f" <<'PY'
import json, os, sys, collections
f = sys.argv[1]
run = json.load(open(f))["runs"][0]
rules = collections.Counter(r["ruleId"] for r in run["results"])
located = sum(1 for r in run["results"]
              if r["locations"][0]["physicalLocation"]["artifactLocation"].get("uriBaseId"))
lines = sum(1 for r in run["results"] if "region" in r["locations"][0]["physicalLocation"])
print(f"{os.path.basename(f)}: {os.path.getsize(f)} bytes, {len(run['results'])} results "
      f"({located} with a project path, {lines} with a line), "
      f"{len(run['invocations'][0]['toolExecutionNotifications'])} notifications; "
      + ", ".join(f"{k} {v}" for k, v in sorted(rules.items())))
PY
done
