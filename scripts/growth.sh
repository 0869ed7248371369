#!/usr/bin/env bash
# Growth: how the whole scan (JVM start to JSON written) grows with the suite, on a synthetic suite
# (SyntheticSuite.java: deep test hierarchies, long recursive call chains, helpers shared by every
# test) at several sizes. Prints per size: test classes, class files, tests, wall and CPU seconds,
# peak resident memory, JSON size, and seconds per 1,000 test classes (flat when growth is linear).
# Run by hand:  scripts/growth.sh            Environment: SIZES (default "2500 5000 10000 20000"),
# JAVA_OPTS (default -Xmx1g: DESIGN.md wants 20,000 classes in a 1 GiB heap), ASM (the ASM jar),
# JAR (the CLI jar; default: this tree's). The scan runs as ./isolation-audit runs it (its JVM
# options, JAVA_OPTS after them); LAUNCHER=java runs plain java -jar instead.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sizes=${SIZES:-"2500 5000 10000 20000"}
opts=${JAVA_OPTS:--Xmx1g}
jar=${JAR:-$root/cli/target/isolation-audit.jar}
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package -pl cli -am)
asm=${ASM:-$(ls ~/.m2/repository/org/ow2/asm/asm/*/asm-*.jar | grep -v sources | sort -V | tail -1)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%8s %8s %8s %8s %8s %8s %8s %10s\n' classes files tests wall_s cpu_s rssMB jsonMB s_per_1k
for n in $sizes; do
  rm -rf "$tmp/suite" && mkdir -p "$tmp/suite"
  java -cp "$asm" "$root/scripts/SyntheticSuite.java" "$tmp/suite" "$n"
  files=$(find "$tmp/suite" -name '*.class' | wc -l)
  rm -rf "$tmp/cache"
  rm -f "$tmp/r.json"
  if [ "${LAUNCHER:-isolation-audit}" = java ]; then
    # shellcheck disable=SC2086
    XDG_CACHE_HOME="$tmp/cache" /usr/bin/time -o "$tmp/t" -f "%e %U %S %M" java $opts -jar "$jar" scan -q -f json -o "$tmp/r.json" "$tmp/suite" || true
  else
    XDG_CACHE_HOME="$tmp/cache" ISOLATION_AUDIT_JAR="$jar" ISOLATION_AUDIT_JAVA_OPTS="$opts" /usr/bin/time -o "$tmp/t" -f "%e %U %S %M" "$root/isolation-audit" scan -q -f json -o "$tmp/r.json" "$tmp/suite" || true
  fi
  # A failed run (out of memory) puts "Command exited with non-zero status N" before the figures.
  read -r wall user sys rss < <(tail -1 "$tmp/t")
  if [ ! -s "$tmp/r.json" ]; then
    printf '%8s %8s %8s %8s %8s %8s %s\n' "$n" "$files" - "$wall" \
      "$(awk "BEGIN {print $user + $sys}")" $((rss / 1024)) "no report: $(head -1 "$tmp/t")"
    continue
  fi
  tests=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['summary']['tests'])" "$tmp/r.json")
  printf '%8s %8s %8s %8s %8s %8s %8s %10s\n' "$n" "$files" "$tests" "$wall" \
    "$(awk "BEGIN {print $user + $sys}")" $((rss / 1024)) \
    "$(awk "BEGIN {printf \"%.1f\", $(stat -c %s "$tmp/r.json") / 1048576}")" \
    "$(awk "BEGIN {printf \"%.2f\", $wall * 1000 / $n}")"
done
