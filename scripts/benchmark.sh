#!/usr/bin/env bash
# Benchmark: the scan of real test jars against a bare ASM read of the same class files, in the
# same run, on this machine. Reports wall time (median of RUNS runs, JVM start included in both),
# the ratio scan/bare, and the peak resident memory of each. Run by hand, not in CI:
#   scripts/benchmark.sh [CORPUS_DIR]      (default: ./corpus-cache; jars are fetched when missing)
# Environment: RUNS (default 3), SUITES (default "hadoop-common trino-main").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/corpus-cache}
runs=${RUNS:-3}
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
measure() { # prints "seconds kilobytes" of one command
  /usr/bin/time -o "$tmp/time" -f "%e %M" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }
  cat "$tmp/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# The baseline is compiled once, so its runs do not pay for compiling it.
javac -nowarn -cp "$jar" -d "$tmp/bare" "$root/scripts/BareAsmRead.java"
printf '%-15s %8s %10s %10s %7s %12s %12s\n' suite classes bare_s scan_s ratio bare_peakMB scan_peakMB
for s in $suites; do
  read -r coord file <<<"${coords[$s]}"
  if [ ! -f "$corpus/$file" ]; then
    mkdir -p "$corpus"
    bash "$fetch" "$corpus" "$coord" >&2
  fi
  classes=$(unzip -l "$corpus/$file" | grep -c '\.class$' || true)
  bare_t=(); bare_m=(); scan_t=(); scan_m=()
  for ((i = 0; i < runs; i++)); do
    read -r t m < <(measure java -cp "$jar:$tmp/bare" BareAsmRead "$corpus/$file")
    bare_t+=("$t"); bare_m+=("$m")
    read -r t m < <(measure java -jar "$jar" scan -q -f json -o "$tmp/report.json" "$corpus/$file")
    scan_t+=("$t"); scan_m+=("$m")
  done
  bt=$(printf '%s\n' "${bare_t[@]}" | median); st=$(printf '%s\n' "${scan_t[@]}" | median)
  bm=$(printf '%s\n' "${bare_m[@]}" | sort -n | tail -1); sm=$(printf '%s\n' "${scan_m[@]}" | sort -n | tail -1)
  # The baseline is compiled once, so its runs do not pay for compiling it.
javac -nowarn -cp "$jar" -d "$tmp/bare" "$root/scripts/BareAsmRead.java"
printf '%-15s %8s %10s %10s %7.2f %12d %12d\n' "$s" "$classes" "$bt" "$st" "$(echo "$st / $bt" | bc -l)" $((bm / 1024)) $((sm / 1024))
done
