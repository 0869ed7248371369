#!/usr/bin/env bash
# A fuzzing campaign over every reader of untrusted input: SECONDS (default 60) of coverage-guided
# fuzzing each, with Jazzer, through the @FuzzTest methods that `mvn verify` only replays.
#
#   scripts/fuzz.sh [SECONDS] [READER...]      readers: classFile source pom projectConfig
#                                              ruleCatalog testReport (default: all)
#
# Per reader it prints the executions, the coverage (libFuzzer's `cov`, covered edges, and `ft`,
# features) when fuzzing started from the committed inputs and when it stopped, and the crashes.
# A crash (an exception other than the reader's own error, an Error, a run past the 10 s bound)
# stops that reader and leaves its input as `crash-<sha1>` in the reader's committed inputs
# directory (src/test/resources/.../<Test>Inputs/<method>/): fix the cause, keep the file, and
# `mvn verify` replays it from then on. Logs go to target/fuzz/<reader>.log, the table to
# target/fuzz/summary.txt. The corpus a campaign grows is kept in <module>/.cifuzz-corpus/ (not
# committed), so the next campaign goes on from it.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
[[ $seconds =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh [SECONDS] [READER...]" >&2; exit 2; }

# reader | module | test class | classes to instrument for coverage (besides our own)
readers=(
  "classFile|analyzer|io.github.isolationaudit.analyzer.fuzz.ClassFileFuzzTest|org.objectweb.asm.**"
  "source|analyzer|io.github.isolationaudit.analyzer.fuzz.SourceFuzzTest|com.github.javaparser.**"
  "pom|analyzer|io.github.isolationaudit.analyzer.fuzz.MavenPomFuzzTest|"
  "projectConfig|rules|io.github.isolationaudit.rules.fuzz.YamlFuzzTest|com.fasterxml.jackson.**,org.yaml.snakeyaml.**"
  "ruleCatalog|rules|io.github.isolationaudit.rules.fuzz.YamlFuzzTest|com.fasterxml.jackson.**,org.yaml.snakeyaml.**"
  "testReport|plan|io.github.isolationaudit.plan.fuzz.TestReportFuzzTest|"
)
wanted=("$@")

out=target/fuzz
mkdir -p "$out"
echo "Building the test classes once ..."
./mvnw -B -ntp -q test-compile -pl analyzer,rules,plan -am

summary="$out/summary.txt"
printf '%-14s %8s %10s %8s %12s %12s %8s\n' reader seconds executions exec/s \
  "cov start>end" "ft start>end" crashes >"$summary"
for entry in "${readers[@]}"; do
  IFS='|' read -r method module class extra <<<"$entry"
  if ((${#wanted[@]})) && [[ " ${wanted[*]} " != *" $method "* ]]; then
    continue
  fi
  simple=${class##*.}
  package_dir=$(dirname "${class//.//}")
  inputs="$module/src/test/resources/$package_dir/${simple}Inputs/$method"
  crashes_before=$(find "$inputs" -maxdepth 1 -name 'crash-*' 2>/dev/null | wc -l)
  instrument="io.github.isolationaudit.**${extra:+,$extra}"
  log="$out/$method.log"
  echo "Fuzzing $method ($class#$method) for ${seconds}s ..."
  # One fuzz test per JVM (Jazzer fuzzes one target per run). JUnit's own timeout would count the
  # whole campaign as one invocation; libFuzzer's -timeout (from @Timeout) bounds each input.
  set +e
  JAZZER_FUZZ=1 ./mvnw -B -ntp test -pl "$module" -am \
    -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.hooks=true -Djazzer.max_duration="${seconds}s" -Djazzer.keep_going=1 \
    -Djazzer.instrument="$instrument" \
    -Djunit.jupiter.execution.timeout.mode=disabled >"$log" 2>&1
  status=$?
  set -e
  inited=$(grep -m1 -E '^#[0-9]+[[:space:]]+INITED' "$log" || true)
  last=$(grep -E '^#[0-9]+[[:space:]]+(DONE|NEW|REDUCE|pulse|INITED)' "$log" | tail -1 || true)
  executions=$(sed -nE 's/^Done ([0-9]+) runs in ([0-9]+) second.*/\1/p' "$log" | tail -1)
  spent=$(sed -nE 's/^Done ([0-9]+) runs in ([0-9]+) second.*/\2/p' "$log" | tail -1)
  if [[ -z $executions ]]; then # stopped by a crash: the last status line counts
    executions=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$last")
    spent="<$seconds"
  fi
  cov0=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$inited")
  ft0=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$inited")
  cov1=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  ft1=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
  rate=$(sed -nE 's/.* exec\/s: ([0-9]+).*/\1/p' <<<"$last")
  crashes_after=$(find "$inputs" -maxdepth 1 -name 'crash-*' 2>/dev/null | wc -l)
  crashes=$((crashes_after - crashes_before))
  if [[ -z $inited ]]; then
    echo "  $method: fuzzing did not start (exit $status); see $log"
    printf '%-14s %8s %10s %8s %12s %12s %8s\n' "$method" - - - - - "error" >>"$summary"
    continue
  fi
  printf '%-14s %8s %10s %8s %12s %12s %8s\n' "$method" "${spent:-$seconds}" "${executions:-?}" \
    "${rate:-?}" "${cov0}>${cov1}" "${ft0}>${ft1}" "$crashes" >>"$summary"
  if ((crashes > 0)); then
    echo "  $method: $crashes crash(es), reproducer(s) in $inputs:"
    grep -E '^== Java Exception|^Caused by|^\s+at io\.github' "$log" | head -8 | sed 's/^/    /'
  fi
done
echo
cat "$summary"
