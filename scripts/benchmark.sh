#!/usr/bin/env bash
# Benchmark: our bytecode analysis against a bare ASM read (code included) of the same class
# files, in one JVM, after warm-up, alternating the two (ScanBenchmark.java); then the whole
# command line on the same jar: wall time (JVM start included) and peak resident memory.
# Run by hand, not in CI (it wants the large corpus jars):
#   scripts/benchmark.sh [CORPUS_DIR]      (default: ./corpus-cache; jars are fetched when missing)
# Environment: ROUNDS (default 15), SUITES (default "hadoop-common trino-main").
# DESIGN.md's budget: analysis at most 3x the bare read.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/corpus-cache}
rounds=${ROUNDS:-15}
suites=${SUITES:-"hadoop-common trino-main"}
jar="$root/cli/target/isolation-audit.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package -pl cli -am)
fetch="$root/../shared/corpus/fetch.sh"

declare -A coords=(
  [commons-text]="org.apache.commons:commons-text:1.14.0:tests commons-text-1.14.0-tests.jar"
  [kafka-clients]="org.apache.kafka:kafka-clients:3.9.0:test kafka-clients-3.9.0-test.jar"
  [hadoop-common]="org.apache.hadoop:hadoop-common:3.4.1:tests hadoop-common-3.4.1-tests.jar"
  [trino-main]="io.trino:trino-main:422:tests trino-main-422-tests.jar"
  [camel-core]="org.apache.camel:camel-core:4.10.0:tests camel-core-4.10.0-tests.jar"
)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
javac -nowarn -cp "$jar" -d "$tmp/bench" "$root/scripts/ScanBenchmark.java"

printf '%-14s %7s %9s %12s %6s %9s %7s %9s %8s\n' \
  suite classes bare_ms analysis_ms ratio scan_ms heapMB cli_wall_s cli_rssMB
for s in $suites; do
  read -r coord file <<<"${coords[$s]}"
  if [ ! -f "$corpus/$file" ]; then
    mkdir -p "$corpus"
    bash "$fetch" "$corpus" "$coord" >&2
  fi
  read -r classes bare analysis ratio scan heap < <(java -cp "$jar:$tmp/bench" ScanBenchmark "$corpus/$file" "$rounds")
  /usr/bin/time -o "$tmp/time" -f "%e %M" java -jar "$jar" scan -q -f json -o "$tmp/report.json" "$corpus/$file"
  read -r wall rss <"$tmp/time"
  printf '%-14s %7s %9s %12s %6s %9s %7s %9s %8d\n' "$s" "$classes" "$bare" "$analysis" "$ratio" "$scan" "$heap" "$wall" $((rss / 1024))
done
