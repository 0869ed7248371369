#!/usr/bin/env bash
# Benchmark: the whole command-line run (JVM start, reading, analysis, JSON report written) against
# a bare ASM read of the same class files run as its own cold process (ScanBenchmark.java, "bare":
# every class file read and visited with ASM, code included, on all cores), alternating the two
# RUNS times and taking medians of wall time and peak resident memory (/usr/bin/time); then one
# cold in-process run that times the scan and the JSON writing apart. CPU seconds (user + sys) are
# printed besides wall seconds: on a shared, busy machine they are the steadier figure.
# Run by hand, not in CI (it wants the large corpus jars):
#   scripts/benchmark.sh [CORPUS_DIR]      (default: ./corpus-cache; jars are fetched when missing)
# Environment: RUNS (default 3), SUITES (default "hadoop-common trino-main camel-core"),
# JAVA_OPTS (for the scan, e.g. -Xmx1g), JAR (the CLI jar; default: this tree's), LAUNCHER
# ("isolation-audit", the default: the scan runs as ./isolation-audit runs it, with that launcher's
# JVM options and class data sharing archive beside the jar, written by an untimed first run when
# missing; "java": plain java -jar, as before the launcher had options).
# DESIGN.md's budget: the whole run at most 3x the bare read.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/corpus-cache}
runs=${RUNS:-3}
suites=${SUITES:-"hadoop-common trino-main camel-core"}
jar=${JAR:-$root/cli/target/isolation-audit.jar}
launcher=${LAUNCHER:-isolation-audit}
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package -pl cli -am)
fetch="$root/../shared/corpus/fetch.sh"

# suite -> Maven coordinates of its jars (tests first, then the production jars it exercises)
declare -A coords=(
  [commons-text]="org.apache.commons:commons-text:1.14.0:tests org.apache.commons:commons-text:1.14.0:"
  [hadoop-common]="org.apache.hadoop:hadoop-common:3.4.1:tests org.apache.hadoop:hadoop-common:3.4.1:"
  [trino-main]="io.trino:trino-main:422:tests io.trino:trino-main:422: io.trino:trino-spi:422:"
  [camel-core]="org.apache.camel:camel-core:4.10.0:tests $(for m in api base base-engine core-engine \
    core-languages core-model core-processor core-reifier management-api support util xml-jaxp \
    util-json cluster; do echo -n "org.apache.camel:camel-$m:4.10.0: "; done)"
)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
javac -nowarn -cp "$jar" -d "$tmp/bench" "$root/scripts/ScanBenchmark.java"

# The scan as a user runs it: the launcher of this tree with JAR, or plain java -jar.
scan() {
  if [ "$launcher" = java ]; then
    # shellcheck disable=SC2086
    java ${JAVA_OPTS:-} -jar "$jar" "$@"
  else
    ISOLATION_AUDIT_JAR="$jar" ISOLATION_AUDIT_JAVA_OPTS="${JAVA_OPTS:-}" "$root/isolation-audit" "$@"
  fi
}
export -f scan
export jar launcher root

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '%-14s %7s %8s %8s %6s %9s %9s %7s %8s %8s %8s %8s %9s %8s %8s\n' \
  suite classes bare_s run_s ratio bare_cpu run_cpu cpu_x bareMB runMB jsonMB again_s again_cpu scan_s json_s
for s in $suites; do
  files=()
  for c in ${coords[$s]}; do
    IFS=: read -r g a v cl <<<"$c"
    f="$corpus/$a-$v${cl:+-$cl}.jar"
    if [ ! -f "$f" ]; then
      mkdir -p "$corpus"
      bash "$fetch" "$corpus" "$c" >&2
    fi
    files+=("$f")
  done
  if [ "$launcher" != java ] && [ ! -f "${jar%.jar}.jsa" ]; then
    XDG_CACHE_HOME="$tmp/cache" scan scan -q --no-cache -f json -o "$tmp/report.json" "${files[@]}" || true
  fi
  : >"$tmp/bare"
  : >"$tmp/run"
  : >"$tmp/again"
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -o "$tmp/t" -f "%e %M %U %S" java -cp "$jar:$tmp/bench" ScanBenchmark bare "${files[@]}" >"$tmp/classes"
    cat "$tmp/t" >>"$tmp/bare"
    rm -rf "$tmp/cache"
    # An older jar without the scan cache ignores XDG_CACHE_HOME.
    XDG_CACHE_HOME="$tmp/cache" /usr/bin/time -o "$tmp/t" -f "%e %M %U %S" bash -c 'scan "$@"' scan scan -q -f json -o "$tmp/report.json" "${files[@]}" || true
    cat "$tmp/t" >>"$tmp/run"
    XDG_CACHE_HOME="$tmp/cache" /usr/bin/time -o "$tmp/t" -f "%e %M %U %S" bash -c 'scan "$@"' scan scan -q -f json -o "$tmp/again.json" "${files[@]}" || true
    cat "$tmp/t" >>"$tmp/again"
    cmp -s "$tmp/report.json" "$tmp/again.json" || echo "$s: the second run's report differs from the first's" >&2
  done
  classes=$(cut -d' ' -f1 "$tmp/classes")
  bare=$(cut -d' ' -f1 "$tmp/bare" | median)
  run=$(cut -d' ' -f1 "$tmp/run" | median)
  bareCpu=$(awk '{print $3 + $4}' "$tmp/bare" | median)
  runCpu=$(awk '{print $3 + $4}' "$tmp/run" | median)
  again=$(cut -d' ' -f1 "$tmp/again" | median)
  againCpu=$(awk '{print $3 + $4}' "$tmp/again" | median)
  bareMB=$(($(cut -d' ' -f2 "$tmp/bare" | median) / 1024))
  runMB=$(($(cut -d' ' -f2 "$tmp/run" | median) / 1024))
  jsonMB=$(awk "BEGIN {printf \"%.1f\", $(stat -c %s "$tmp/report.json") / 1048576}")
  # shellcheck disable=SC2086
  read -r scan json _ < <(java ${JAVA_OPTS:-} -cp "$jar:$tmp/bench" ScanBenchmark phases "${files[@]}")
  printf '%-14s %7s %8s %8s %6s %9s %9s %7s %8s %8s %8s %8s %9s %8.1f %8.1f\n' "$s" "$classes" "$bare" "$run" \
    "$(awk "BEGIN {printf \"%.2f\", $run / $bare}")" "$bareCpu" "$runCpu" \
    "$(awk "BEGIN {printf \"%.2f\", $runCpu / $bareCpu}")" "$bareMB" "$runMB" "$jsonMB" "$again" "$againCpu" \
    "$(awk "BEGIN {print $scan / 1000}")" "$(awk "BEGIN {print $json / 1000}")"
done
