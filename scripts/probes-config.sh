#!/usr/bin/env bash
# Probes of the configuration side of issue 12: crafted configuration files, catalogs, build
# files and TestNG patterns, run against one or two builds of the command-line jar.
#
#   scripts/probes-config.sh [BEFORE_JAR] [AFTER_JAR]
#
# AFTER_JAR defaults to cli/target/isolation-audit.jar; without BEFORE_JAR only it is probed.
# Prints a Markdown table: probe, jar, exit code, wall time, peak RSS, and the first line of
# stderr or the report field the probe is about. Needs java, javac, jq and GNU time; the TestNG
# probe also needs a TestNG jar (found in ~/.m2, or given as TESTNG_JAR). Each run is cut off
# after PROBE_TIMEOUT seconds (default 120; exit 124 then). Inputs are made in a temporary
# directory that is removed at the end.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
after="${2:-${1:-$here/cli/target/isolation-audit.jar}}"
before="${2:+$1}"
timeout_s="${PROBE_TIMEOUT:-120}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

for tool in java javac jq /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "probes-config: $tool is needed" >&2; exit 2; }
done

# ---------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------
# Class files for scans that must get past reading inputs: one JUnit-less test class is enough,
# the probes are about configuration. A TestNG pair for the pattern probe.
testng_jar="${TESTNG_JAR:-$(ls ~/.m2/repository/org/testng/testng/*/testng-*.jar 2>/dev/null | grep -v sources | head -1 || true)}"
mkdir -p "$work/src/p"
cat >"$work/src/p/SeedTest.java" <<'EOF'
package p;
public class SeedTest {
  @org.testng.annotations.Test(groups = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
  public void seed() { System.setProperty("k", "v"); }
}
EOF
cat >"$work/src/p/CheckTest.java" <<'EOF'
package p;
public class CheckTest {
  @org.testng.annotations.Test(dependsOnGroups = "(.*a){12}b")
  public void check() { System.getProperty("k"); }
}
EOF
cat >"$work/src/p/PlainTest.java" <<'EOF'
package p;
public class PlainTest {
  public void plain() { System.setProperty("k", "v"); }
}
EOF
mkdir -p "$work/classes-plain" "$work/classes-testng"
javac -d "$work/classes-plain" "$work/src/p/PlainTest.java"
if [[ -n "$testng_jar" ]]; then
  javac -cp "$testng_jar" -d "$work/classes-testng" "$work/src/p/SeedTest.java" "$work/src/p/CheckTest.java"
fi

# A project: .git marks its root; target/test-classes holds the class files.
project() { # NAME [CLASSES] -> prints the project directory
  local d="$work/$1"
  mkdir -p "$d/.git" "$d/target/test-classes"
  cp -r "$work/${2:-classes-plain}/." "$d/target/test-classes/"
  echo "$d"
}

# 1. An automatically found configuration that names /etc/passwd.
p1="$(project passwd)"
echo "rules: [/etc/passwd]" >"$p1/.isolation-audit.yaml"

# 2a. A build.gradle with 1,000 includeTags literals on one line.
p2="$(project gradle-tags)"
{
  printf 'test { useJUnitPlatform { includeTags '
  for i in $(seq 1 1000); do printf "'t%d'," "$i"; done | sed 's/,$//'
  printf ' } }\n'
} >"$p2/build.gradle"

# 2b. The TestNG pair: (.*a){12}b against a 64-character group name.
p3="$(project testng-pattern classes-testng)"

# 3a. A Latin-1 pom.xml that declares its encoding and turns parallel execution on.
p4="$(project latin1-pom)"
printf '%s\n' '<?xml version="1.0" encoding="ISO-8859-1"?>' \
  '<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId>' \
  '<version>1</version><name>Caf\xe9</name><build><plugins><plugin>' \
  '<artifactId>maven-surefire-plugin</artifactId><configuration><configurationParameters>' \
  'junit.jupiter.execution.parallel.enabled=true' \
  'junit.jupiter.execution.parallel.mode.default=concurrent' \
  '</configurationParameters></configuration></plugin></plugins></build></project>' |
  sed 's/\\xe9/\xe9/' >"$p4/pom.xml"

# 3b. A Latin-1 build.gradle.
p5="$(project latin1-gradle)"
printf 'test {\n  // R\xe9sum\xe9\n  maxParallelForks = 2\n  systemProperty "junit.jupiter.execution.parallel.enabled", "true"\n}\n' >"$p5/build.gradle"

# 4. YAML: duplicate key, 5 for a boolean, an empty list item, a bad byte on line 3, a 20 MB
# one-line value, a --rules entry with arg: -5. 5. A typo.
yaml="$work/yaml"
mkdir -p "$yaml"
printf 'serialTags: [a]\nrules: []\nserialTags: [b]\n' >"$yaml/dup.yaml"
printf 'serialTags: [db]\nreplaceDefaultSerialTags: 5\n' >"$yaml/five.yaml"
printf 'serialTags:\n  - db\n  -\n' >"$yaml/empty-item.yaml"
printf 'serialTags: [db]\n# ok\n# caf\xe9\n' >"$yaml/bad-byte.yaml"
{ printf 'serialTags: ['; head -c 20000000 /dev/zero | tr '\0' a; printf ']\n'; } >"$yaml/huge.yaml"
printf 'sinks:\n  - id: acme.x\n    summary: s\n    remedy: r\n    resource: ENV\n    mode: READ\n    key: {arg: -5}\n    methods: [a.B#c]\n' >"$yaml/arg.yaml"
printf 'serialTag: [db]\n' >"$yaml/typo.yaml"
p6="$(project plain)"

# ---------------------------------------------------------------------------------------------
# Runs
# ---------------------------------------------------------------------------------------------
echo "| probe | jar | exit | wall s | peak RSS MB | message or report field |"
echo "|---|---|---|---|---|---|"

# probe NAME LABEL JAR FIELD ARGS...: FIELD is a jq filter over the JSON report, or - for the
# first line of stderr.
probe() {
  local name="$1" label="$2" jar="$3" field="$4"
  shift 4
  local out="$work/out.json" err="$work/err.txt" tm="$work/time.txt"
  set +e
  (cd "$work" && /usr/bin/time -f '%e %M' -o "$tm" timeout "$timeout_s" \
    java -jar "$jar" scan "$@" >"$out" 2>"$err")
  local code=$?
  set -e
  local wall rss msg
  wall="$(awk 'END {print $(NF-1)}' "$tm" 2>/dev/null || echo '?')"
  rss="$(awk 'END {printf "%d", $NF / 1024}' "$tm" 2>/dev/null || echo '?')"
  if [[ "$field" != "-" && -s "$out" ]] && jq -e . "$out" >/dev/null 2>&1; then
    msg="$(jq -c "$field" "$out" | cut -c1-300 || true)"
  else
    msg="$( (grep -v '^isolation-audit: \(using\|reading\|found\|computed\|judged\)' "$err" || true) |
      sed -n 1p | sed "s|$work|TMP|g" | cut -c1-300)"
  fi
  if [[ "$code" == 124 ]]; then msg="(cut off after ${timeout_s}s) $msg"; fi
  if grep -q 'root:x:0:0' "$err"; then msg="[prints /etc/passwd's content] $msg"; fi
  if grep -q 'at io\.github\|at java\.' "$err"; then msg="[stack trace] $msg"; fi
  msg="${msg//|/\\|}"
  echo "| $name | $label | $code | $wall | $rss | $msg |"
}

both() { # NAME FIELD ARGS...
  local name="$1" field="$2"
  shift 2
  if [[ -n "$before" ]]; then probe "$name" before "$before" "$field" "$@"; fi
  probe "$name" after "$after" "$field" "$@"
}

both "1 rules: [/etc/passwd], found automatically, -q" - -q "$p1/target"
both "2a build.gradle, 1,000 includeTags literals" '.configuration.includedGroups | length' -q -f json "$p2/target"
if [[ -n "$testng_jar" ]]; then
  both "2b TestNG dependsOnGroups (.*a){12}b" '[.problems[] | select(.kind == "INCOMPLETE_ANALYSIS") | .path + ": " + .message]' -q -f json "$p3/target"
fi
both "3a Latin-1 pom.xml, encoding declared" '.configuration | {parallelEnabled, methodsConcurrent, sources: (.sources | length)}' -q -f json "$p4/target"
both "3b Latin-1 build.gradle" '.configuration | {parallelEnabled, forks}' -q -f json "$p5/target"
both "4a duplicate key (--config)" - -q --config "$yaml/dup.yaml" "$p6/target"
both "4b 5 for a boolean (--config)" - -q --config "$yaml/five.yaml" "$p6/target"
both "4c empty list item (--config)" - -q --config "$yaml/empty-item.yaml" "$p6/target"
both "4d bad byte on line 3 (--config)" - -q --config "$yaml/bad-byte.yaml" "$p6/target"
both "4e 20 MB one-line value (--config)" - -q --config "$yaml/huge.yaml" "$p6/target"
both "4f --rules entry key: {arg: -5}" - -q --rules "$yaml/arg.yaml" "$p6/target"
both "5 typo serialTag (--config)" - -q --config "$yaml/typo.yaml" "$p6/target"
