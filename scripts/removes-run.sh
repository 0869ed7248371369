#!/bin/bash
# removes-run.sh REPORT.json TEST_SOURCES_JAR POM [WORK_DIR]
#
# Issue 9's "every 'remove' edit applied: the sequential run shows no new failure". Takes the
# removals a scan report proposes (REMOVE_ANNOTATION edits, and DEFENSIVE/LEGACY verdicts whose
# recommendation says to remove the marker or drop an ordering), unpacks the touched test classes
# from the test-sources jar twice (as published, and with the removals applied by
# scripts/removes/removes.py), compiles each copy in a Maven project made from POM (whose
# dependencies give the suite's test classpath: the published test-jar for helper classes, the
# test-scope dependencies of the suite's pom; see validation/removes/trino-main-422-pom.xml), runs
# both sequentially, once each, and prints per class: tests run and failures before / after.
# JUnit Jupiter classes run under surefire (forkCount 1, Jupiter parallel execution off), TestNG
# classes with TestNG's own runner (no -parallel). The compiled copies come first on the class
# path, ahead of the same classes in the test-jar. Exit 1 when a test fails after and not before
# or no longer runs. Nothing of the code under audit is loaded by the scanner; this script runs it.
# TESTNG_ARGS="-parallel instances -threadcount 2" runs the TestNG classes the way the suite's own
# build does (trino-main 422: parallel instances, 2 threads); then the suite's own checks run too
# (trino-testing-services refuses a class with @BeforeMethod that is not singleThreaded).
# Needs mvn, java 17, python3 and network access to Maven Central (or a filled ~/.m2).
set -euo pipefail
REPORT=$1; SOURCES=$2; POM=$3; WORK=${4:-$(mktemp -d)}
HERE=$(cd "$(dirname "$0")" && pwd)
PY="python3 $HERE/removes/removes.py"
mkdir -p "$WORK"; WORK=$(cd "$WORK" && pwd)
$PY select "$REPORT" > "$WORK/selection.tsv"
echo "removals: $(wc -l < "$WORK/selection.tsv")"; cat "$WORK/selection.tsv"
cut -f3 "$WORK/selection.tsv" | sort -u > "$WORK/files.txt"
for v in before after; do
  rm -rf "$WORK/$v"; mkdir -p "$WORK/$v/src/test/java"; cp "$POM" "$WORK/$v/pom.xml"
  (cd "$WORK/$v/src/test/java" && xargs unzip -q -o "$SOURCES" < "$WORK/files.txt")
done
$PY apply "$WORK/selection.tsv" "$WORK/after/src/test/java"
(cd "$WORK" && diff -ru before/src after/src > removes.diff || true)
JUNIT=$(awk -F'\t' '$1=="junit-jupiter"{print $2}' "$WORK/selection.tsv" | sort -u | paste -sd, -)
TESTNG=$(awk -F'\t' '$1=="testng"{print $2}' "$WORK/selection.tsv" | sort -u | paste -sd, -)
for v in before after; do
  cd "$WORK/$v"
  nice mvn -B -q -T 1 test-compile > "$WORK/compile-$v.log" 2>&1 || { echo "compile $v failed: $WORK/compile-$v.log"; exit 2; }
  [ -f "$WORK/cp.txt" ] || nice mvn -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" > /dev/null
  if [ -n "$JUNIT" ]; then
    nice mvn -B -T 1 surefire:test -DforkCount=1 -Dsurefire.failIfNoSpecifiedTests=false \
      -Dmaven.test.failure.ignore=true -Dtest="$JUNIT" > "$WORK/junit-$v.log" 2>&1 || true
  fi
  if [ -n "$TESTNG" ]; then
    nice java -Xmx1500m -cp "target/test-classes:$(cat "$WORK/cp.txt")" org.testng.TestNG \
      ${TESTNG_ARGS:-} -d "$WORK/$v/target/testng" -testclass "$TESTNG" > "$WORK/testng-$v.log" 2>&1 || true
  fi
  echo "$v: $(date)"
done
$PY tally "$WORK/before/target" "$WORK/after/target" "$WORK/selection.tsv"
