#!/usr/bin/env bash
# Measures real races of a published test suite and compares them with isolation-audit's report.
#
#   scripts/race-runs.sh G:A:V[:CLASSIFIER] [options] [-- LAUNCHER_ARGS...]
#
# Fetches the suite's tests jar and main jar from Maven Central, resolves its test dependencies
# (from the pom inside the tests jar, or the published pom), runs the suite with the JUnit console
# launcher once sequentially and K times in full parallel, lists the tests that fail only in
# parallel, scans the same jars with isolation-audit and says which of those failures the
# report's findings name. See scripts/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: race-runs.sh G:A:V[:CLASSIFIER] [options] [-- LAUNCHER_ARGS...]
  G:A:V[:CLASSIFIER]   the suite; CLASSIFIER of the tests jar, default "tests" (Kafka: "test")
options:
  -k, --runs K           parallel runs (default 3)
  -p, --parallelism N    threads of a parallel run (default 4)
  -t, --timeout SECS     time limit of one launcher run (default 900)
  -o, --out DIR          output directory (default ./race-runs/A-V)
  --deps G:A:V[:CLASSIFIER][,...]
                         extra test dependencies (needed when the pom does not list them,
                         e.g. a Gradle-built project whose published pom has no test scope)
  --launcher-version V   junit-platform-console-standalone version (default: matches the
                         suite's junit-jupiter; 1.13.4 for JUnit 4 suites, since the vintage
                         engine runs in parallel only from 1.12 on)
  --audit-jar FILE       isolation-audit jar (default: cli/target/isolation-audit.jar of this
                         checkout, built when missing)
  --audit-deps           give the scan the dependencies as --classpath too
  --jvm-opts "OPTS"      options of the launcher JVM (as Surefire's argLine), e.g.
                         "-Xmx2g --add-opens java.base/java.lang=ALL-UNNAMED"
  --drop-jars REGEX      leave the dependency jars whose file name matches REGEX off the class
                         path (a stale transitive copy shadowing a newer one)
  --par-config KEY=VALUE a further configuration parameter of the parallel runs, winning over
                         the defaults (repeatable), e.g. junit.vintage.execution.parallel.methods=false
  --no-pom-excludes      run the classes the pom's Surefire <excludes> leave out, too
  --skip-runs            reuse the runs already in the output directory (re-compare only)
  --plan                 also make isolation-audit's execution plan (durations from the
                         sequential run, --parallelism workers) and run it as a user would: its
                         locks provider and class orderer compiled and declared (the tests jar
                         gets the provider's interface, the one-line source edit), stage by
                         stage, the lanes of a stage side by side, one launcher JVM per lane;
                         the K naive parallel runs and K plan runs alternate (naive, plan,
                         naive, plan, ...); plan.txt compares the three modes (scripts/README.md)
  --plan-only            run only the plan, K times (reusing the sequential and parallel runs)
  --reuse-seq            with --plan: keep the sequential run already in the output directory
  --keep-plan-exports    with --plan or --plan-only: run OUT/plan.json and OUT/plan-exports as
                         they are (e.g. lock modes edited by hand for an experiment) instead of
                         making the plan again; they are only compiled and declared again
  --plan-args "ARGS"     further options of isolation-audit plan (e.g. --without-locks)
  --fix MODE             also fix the suite with isolation-audit fix and run it again: unpack
                         the -test-sources.jar, apply the scan's edits (MODE edits) or the
                         plan's locks provider (MODE locks-provider; JUnit 5.12+, so the
                         launcher is at least 1.13.4), check that a second fix changes nothing,
                         compile the sources with javac against the dependencies and the main
                         jar, package them with the tests jar's resources, and run that jar K
                         times in full parallel; fix.txt compares the runs
  -h, --help
LAUNCHER_ARGS go to every launcher run (e.g. --exclude-classname '.*IT').
Environment: MVN (default mvn), JAVA (default java), JAVAC and JAR (default javac, jar).
EOF
}

die() { echo "race-runs: $*" >&2; exit 2; }
log() { echo "[race-runs $(date -u +%H:%M:%S)] $*" >&2; }

root=$(cd "$(dirname "$0")/.." && pwd)
helper="$root/scripts/races/races.py"
MVN=${MVN:-mvn}
JAVA=${JAVA:-java}
JAVAC=${JAVAC:-javac}
JAR=${JAR:-jar}

# ---------------------------------------------------------------- options
coords="" runs=3 parallelism=4 timeout_s=900 out="" extra_deps="" launcher_version=""
audit_jar="" audit_deps=0 skip_runs=0 plan=0 plan_args="" reuse_seq=0 keep_exports=0 fix_mode="" pom_excludes=1 jvm_opts="" drop_jars="" par_extra=() launcher_extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    -k|--runs) runs=$2; shift 2 ;;
    -p|--parallelism) parallelism=$2; shift 2 ;;
    -t|--timeout) timeout_s=$2; shift 2 ;;
    -o|--out) out=$2; shift 2 ;;
    --deps) extra_deps=$2; shift 2 ;;
    --launcher-version) launcher_version=$2; shift 2 ;;
    --audit-jar) audit_jar=$2; shift 2 ;;
    --audit-deps) audit_deps=1; shift ;;
    --skip-runs) skip_runs=1; shift ;;
    --plan) plan=1; shift ;;
    --plan-only) plan=1; skip_runs=1; shift ;;
    --plan-args) plan_args=$2; shift 2 ;;
    --reuse-seq) reuse_seq=1; shift ;;
    --keep-plan-exports) keep_exports=1; shift ;;
    --fix) fix_mode=$2; shift 2
      case "$fix_mode" in edits|locks-provider) ;; *) die "--fix edits or --fix locks-provider" ;; esac ;;
    --no-pom-excludes) pom_excludes=0; shift ;;
    --jvm-opts) jvm_opts=$2; shift 2 ;;
    --drop-jars) drop_jars=$2; shift 2 ;;
    --par-config) par_extra+=("$2"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; launcher_extra=("$@"); break ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [ -z "$coords" ] || die "one suite at a time"; coords=$1; shift ;;
  esac
done
[ -n "$coords" ] || { usage >&2; exit 2; }
IFS=: read -r G A V CL <<<"$coords"
[ -n "$G" ] && [ -n "$A" ] && [ -n "$V" ] || die "coordinates are G:A:V[:CLASSIFIER]"
CL=${CL:-tests}
out=${out:-race-runs/$A-$V}
mkdir -p "$out"
out=$(cd "$out" && pwd)
jars="$out/jars" deps="$out/deps" tools="$out/tools"
mkdir -p "$jars" "$deps" "$tools"

# ---------------------------------------------------------------- fetching
# mvn_copy G:A:V[:TYPE[:CLASSIFIER]] DIR: one artifact, no transitive dependencies.
mvn_copy() {
  "$MVN" -B -q dependency:copy -Dartifact="$1" -DoutputDirectory="$2" -Dmdep.overWriteIfNewer=true \
    >"$out/mvn-copy.log" 2>&1 || { cat "$out/mvn-copy.log" >&2; die "cannot fetch $1"; }
}

fetch_jars() {
  tests_jar="$jars/$A-$V-$CL.jar" main_jar="$jars/$A-$V.jar"
  [ -f "$tests_jar" ] || { log "fetching $G:$A:$V:$CL"; mvn_copy "$G:$A:$V:jar:$CL" "$jars"; }
  [ -f "$main_jar" ] || { log "fetching $G:$A:$V"; mvn_copy "$G:$A:$V:jar" "$jars"; }
}

# The project's pom: the one inside the tests jar (Maven builds), else the published one.
project_pom() {
  local dir="$out/pom"
  mkdir -p "$dir"
  if unzip -o -q -j "$tests_jar" "META-INF/maven/$G/$A/pom.xml" -d "$dir" 2>/dev/null; then
    log "dependencies from the pom inside the tests jar"
  else
    log "no pom inside the tests jar: using the published $A-$V.pom"
    mvn_copy "$G:$A:$V:pom" "$dir"
    mv "$dir/$A-$V.pom" "$dir/pom.xml"
  fi
  pom="$dir/pom.xml"
}

# Extra dependencies: a throwaway pom listing them, copied with their own dependencies.
extra_pom() {
  local dir="$out/extra-pom" d g a v c
  mkdir -p "$dir"
  {
    echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
    echo '<groupId>race-runs</groupId><artifactId>extra</artifactId><version>1</version><dependencies>'
    for d in ${extra_deps//,/ }; do
      IFS=: read -r g a v c <<<"$d"
      echo "<dependency><groupId>$g</groupId><artifactId>$a</artifactId><version>$v</version>${c:+<classifier>$c</classifier>}</dependency>"
    done
    echo '</dependencies></project>'
  } >"$dir/pom.xml"
  echo "$dir/pom.xml"
}

resolve_deps() {
  # resolved before with the same --deps: keep
  project_pom
  if [ -f "$deps/.done" ] && [ "$(cat "$deps/.done")" = "$extra_deps" ]; then return; fi
  rm -f "$deps"/*.jar "$deps/.done"
  log "resolving test dependencies (mvn dependency:copy-dependencies -DincludeScope=test)"
  "$MVN" -B -q -f "$pom" dependency:copy-dependencies -DincludeScope=test -DoutputDirectory="$deps" \
    >"$out/mvn-deps.log" 2>&1 || { tail -40 "$out/mvn-deps.log" >&2; die "cannot resolve the test dependencies"; }
  if [ -n "$extra_deps" ]; then
    "$MVN" -B -q -f "$(extra_pom)" dependency:copy-dependencies -DoutputDirectory="$deps" \
      >>"$out/mvn-deps.log" 2>&1 || { tail -40 "$out/mvn-deps.log" >&2; die "cannot resolve --deps"; }
  fi
  echo "$extra_deps" >"$deps/.done"
}

# The launcher. Its standalone jar carries the Jupiter and Vintage engines (and JUnit 4), so the
# suite's own JUnit Platform/Jupiter/Vintage jars stay off the class path.
pick_launcher() {
  local jupiter junit4
  jupiter=$(ls "$deps" | sed -n 's/^junit-jupiter-api-\(5\.[0-9.]*\)\.jar$/\1/p' | head -1)
  junit4=$(ls "$deps" | grep -c -E '^junit-4\.[0-9.]+\.jar$' || true)
  flavour=""
  [ -n "$jupiter" ] && flavour="JUnit 5 ($jupiter)"
  [ "$junit4" -gt 0 ] && flavour="${flavour:+$flavour + }JUnit 4"
  [ -n "$flavour" ] || flavour="unknown (no junit-jupiter-api or junit 4 jar among the dependencies)"
  if [ -z "$launcher_version" ]; then
    if [ -n "$jupiter" ]; then launcher_version="1.${jupiter#5.}"; else launcher_version=1.13.4; fi
    if [ "$junit4" -gt 0 ]; then
      local minor=${launcher_version#1.}; minor=${minor%%.*}
      [ "$minor" -ge 12 ] || launcher_version=1.13.4
    fi
  fi
  if [ "$fix_mode" = locks-provider ] || [ "$plan" = 1 ]; then
    # ResourceLocksProvider is JUnit 5.12's (the plan's locks provider, the locks-provider fix);
    # the sources compile against the launcher's API.
    local fminor=${launcher_version#1.}; fminor=${fminor%%.*}
    [ "$fminor" -ge 12 ] || launcher_version=1.13.4
  fi
  launcher="$tools/junit-platform-console-standalone-$launcher_version.jar"
  [ -f "$launcher" ] || { log "fetching the console launcher $launcher_version"; \
    mvn_copy "org.junit.platform:junit-platform-console-standalone:$launcher_version" "$tools"; }
  classpath=$(ls "$deps"/*.jar | grep -v -E '/(junit-jupiter|junit-platform-|junit-vintage-engine)[^/]*\.jar$' \
    | { if [ -n "$drop_jars" ]; then grep -v -E "/[^/]*($drop_jars)[^/]*\$"; else cat; fi; } | tr '\n' ':')
  classpath="$classpath$main_jar:$tests_jar"
}

# The selection: the tests jar's classes, less the pom's Surefire excludes (as Surefire would).
select_tests() {
  selection=(--scan-class-path "$tests_jar")
  excludes=()
  if [ "$pom_excludes" = 1 ]; then
    local rx
    while IFS= read -r rx; do
      [ -n "$rx" ] && excludes+=("$rx") && selection+=(--exclude-classname "$rx")
    done < <(python3 "$helper" excludes "$pom")
  fi
}

# ---------------------------------------------------------------- running
SEQUENTIAL=(
  junit.jupiter.execution.parallel.enabled=false
  junit.vintage.execution.parallel.enabled=false
)
parallel_config() {
  PARALLEL=(
    junit.jupiter.execution.parallel.enabled=true
    junit.jupiter.execution.parallel.mode.default=concurrent
    junit.jupiter.execution.parallel.mode.classes.default=concurrent
    junit.jupiter.execution.parallel.config.strategy=fixed
    junit.jupiter.execution.parallel.config.fixed.parallelism="$parallelism"
    junit.vintage.execution.parallel.enabled=true
    junit.vintage.execution.parallel.classes=true
    junit.vintage.execution.parallel.methods=true
    junit.vintage.execution.parallel.pool-size="$parallelism"
  )
  # --par-config replaces a default of the same key (the launcher refuses a key twice)
  local kv i
  for kv in ${par_extra[@]+"${par_extra[@]}"}; do
    for i in "${!PARALLEL[@]}"; do
      [ "${PARALLEL[$i]%%=*}" != "${kv%%=*}" ] || unset 'PARALLEL[i]'
    done
    PARALLEL=("${PARALLEL[@]}" "$kv")
  done
}

# run_selection NAME SELECTOR_ARRAY_NAME [CONFIG_KEY=VALUE...]
# Runs one launcher invocation over the given selection with the given configuration parameters,
# into $out/runs/NAME: reports/ (JUnit XML), console.log, wall_s, exit, failures.tsv, counts.
# A later mode (an execution plan's lanes) calls it once per lane with its own selection.
run_selection() {
  local name=$1 sel_name=$2; shift 2
  local -n sel=$sel_name
  local dir="$out/runs/$name" args=() c start end rc cp="$classpath"
  [ -z "${run_classpath:-}" ] || cp="$run_classpath"
  rm -rf "$dir"; mkdir -p "$dir/reports"
  uptime >"$dir/load"
  for c in "$@"; do args+=("--config=$c"); done
  log "run $name ($# configuration parameters, see runs/$name/config)"
  start=$(date +%s.%N)
  set +e
  # shellcheck disable=SC2086 # jvm_opts is a list of words
  # in the run's own directory: tests write relative paths (target/test-data, ...)
  mkdir -p "$dir/cwd"
  # Everything on the JVM's own class path, as Surefire does: with the launcher's -cp the tests
  # live in a child class loader that Vintage's parallel worker threads do not get as their
  # context class loader (Hadoop's Configuration then finds no classes).
  (cd "$dir/cwd" && timeout "$timeout_s" "$JAVA" $jvm_opts -cp "$launcher:$cp" \
    org.junit.platform.console.ConsoleLauncher execute --disable-banner --details=summary \
    "${sel[@]}" --reports-dir "$dir/reports" "${args[@]}" \
    ${launcher_extra[@]+"${launcher_extra[@]}"}) >"$dir/console.log" 2>&1
  rc=$?
  set -e
  end=$(date +%s.%N)
  echo "$rc" >"$dir/exit"
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f\n", e - s }' >"$dir/wall_s"
  printf '%s\n' "$@" >"$dir/config"
  python3 "$helper" failures "$dir" >"$dir/failures.tsv"
  log "run $name: $(cat "$dir/counts") in $(cat "$dir/wall_s") s (exit $rc$([ "$rc" = 124 ] && echo ', TIMEOUT'))"
}

run_all() {
  parallel_config
  run_selection seq selection "${SEQUENTIAL[@]}"
  local i
  for i in $(seq 1 "$runs"); do
    run_selection "par-$i" selection "${PARALLEL[@]}"
  done
}

# ---------------------------------------------------------------- the execution plan
# Makes the plan from the sequential run's durations and prepares what a user applies: the locks
# provider and the class orderer compiled, and the provider declared on the classes that hold
# the plan's locks (an interface added to them in a copy of the tests jar: the one-line source
# edit, without sources).
plan_prepare() {
  audit_jar_ready
  parallel_config
  log "isolation-audit plan (durations from runs/seq/reports)"
  local exports="$out/plan-exports" classes="$out/plan-classes"
  if [ "$keep_exports" = 1 ]; then
    [ -f "$out/plan.json" ] && [ -f "$exports/isolationaudit/PlanLocks.java" ] \
      || die "--keep-plan-exports: no plan.json and plan-exports in $out"
    log "keeping plan.json and plan-exports as they are (--keep-plan-exports)"
    rm -rf "$classes"; mkdir -p "$classes"
  else
    rm -rf "$exports" "$classes"; mkdir -p "$exports" "$classes"
    # shellcheck disable=SC2086 # plan_args is a list of words
    "$JAVA" -jar "$audit_jar" plan -q "$tests_jar" "$main_jar" --reports "$out/runs/seq/reports" \
      --workers "$parallelism" $plan_args -f json -o "$out/plan.json" \
      --emit locks-provider,class-order,junit-properties --emit-dir "$exports"
    # shellcheck disable=SC2086
    "$JAVA" -jar "$audit_jar" plan -q "$tests_jar" "$main_jar" --reports "$out/runs/seq/reports" \
      --workers "$parallelism" $plan_args >"$out/plan-report.txt"
  fi
  cat >"$exports/isolationaudit/PlanLocked.java" <<'JAVA'
package isolationaudit;

import org.junit.jupiter.api.parallel.ResourceLock;

/** The annotation the locks-provider export asks for, on an interface the test classes get. */
@ResourceLock(providers = PlanLocks.class)
public interface PlanLocked {}
JAVA
  javac -nowarn -d "$classes" -cp "$launcher" "$exports"/isolationaudit/*.java \
    || die "cannot compile the plan's provider and orderer"
  python3 "$helper" plan-locked-classes "$out/plan.json" >"$out/plan-locked-classes.txt"
  local asm="$tools/asm-9.8.jar"
  local m2="${HOME}/.m2/repository/org/ow2/asm/asm/9.8/asm-9.8.jar"
  [ -f "$asm" ] || [ ! -f "$m2" ] || cp "$m2" "$asm"
  [ -f "$asm" ] || { log "fetching ASM (to declare the provider on the tests jar's classes)"; \
    mvn_copy "org.ow2.asm:asm:9.8" "$tools"; }
  plan_tests_jar="$out/plan-tests.jar"
  "$JAVA" -cp "$asm" "$root/scripts/races/AddInterface.java" "$tests_jar" "$plan_tests_jar" \
    isolationaudit.PlanLocked "$out/plan-locked-classes.txt" 2>>"$out/plan-prepare.log"
  tail -1 "$out/plan-prepare.log" >&2
  plan_order=$(sed -n 's/^junit.jupiter.testclass.order.default=//p' "$exports/junit-platform.properties")
}

# plan_round N: runs the plan once as it says, into runs/planN-LANE: stages one after another, the
# lanes of a stage at the same time, each lane one launcher JVM over its classes, with JUnit's
# parallel execution and the class order in a parallel lane and without them in a serial one.
plan_round() {
  local round=$1 stages lane stage start end
  # the class-name patterns of a scan: the pom's excludes and those of the launcher arguments
  local class_filters=() rx i
  for rx in ${excludes[@]+"${excludes[@]}"}; do class_filters+=(--exclude "$rx"); done
  for ((i = 0; i < ${#launcher_extra[@]}; i++)); do
    case ${launcher_extra[$i]} in
      --include-classname|-n) class_filters+=(--include "${launcher_extra[$((i + 1))]}") ;;
      --include-classname=*) class_filters+=(--include "${launcher_extra[$i]#*=}") ;;
      --exclude-classname|-N) class_filters+=(--exclude "${launcher_extra[$((i + 1))]}") ;;
      --exclude-classname=*) class_filters+=(--exclude "${launcher_extra[$i]#*=}") ;;
    esac
  done
  stages=$(python3 "$helper" plan-stages "$out/plan.json")
  rm -rf "$out/runs"/plan"$round"-*
  local run_classpath="${classpath%"$tests_jar"}$plan_tests_jar:$out/plan-classes"
  local order=()
  [ -z "$plan_order" ] || order=("junit.jupiter.testclass.order.default=$plan_order")
  # Each lane's mode and selection first, so that the round's time is the lanes' own.
  local -A lane_mode=() lane_array=()
  for lane in $stages; do
    local lane_sel=()
    lane_mode[$lane]=$(python3 "$helper" plan-lane-mode "$out/plan.json" "$lane")
    # --select-class skips the launcher's class-name include pattern (its excludes still
    # apply): the lane's classes are filtered here as --scan-class-path filters them
    # (a lane that selects methods gets --select-method; the others leave those methods out)
    while IFS= read -r c; do lane_sel+=("$c"); done \
      < <(python3 "$helper" plan-lane-selectors "$out/plan.json" "$lane" \
        ${class_filters[@]+"${class_filters[@]}"})
    for rx in ${excludes[@]+"${excludes[@]}"}; do lane_sel+=(--exclude-classname "$rx"); done
    declare -g -a "sel_$((++plan_lanes))"
    local -n target="sel_$plan_lanes"
    target=("${lane_sel[@]}")
    unset -n target
    lane_array[$lane]="sel_$plan_lanes"
  done
  # The round's wall time: per stage its slowest lane's launcher run (measured as run_selection
  # measures a naive run, JVM start to exit), summed over the stages; the gross time with this
  # script's own work between the runs (report parsing, logging) goes to planN_gross_s.
  local net=0 slowest
  start=$(date +%s.%N)
  while IFS= read -r stage; do
    log "plan round $round, stage: $stage"
    for lane in $stage; do
      if [ "${lane_mode[$lane]}" = PARALLEL ]; then
        run_selection "plan$round-$lane" "${lane_array[$lane]}" "${PARALLEL[@]}" ${order[@]+"${order[@]}"} &
      else
        run_selection "plan$round-$lane" "${lane_array[$lane]}" "${SEQUENTIAL[@]}" ${order[@]+"${order[@]}"} &
      fi
    done
    wait
    slowest=0
    for lane in $stage; do
      slowest=$(awk -v a="$slowest" -v b="$(cat "$out/runs/plan$round-$lane/wall_s")" \
        'BEGIN { print (b > a ? b : a) }')
    done
    net=$(awk -v a="$net" -v b="$slowest" 'BEGIN { print a + b }')
  done <<<"$stages"
  end=$(date +%s.%N)
  awk -v n="$net" 'BEGIN { printf "%.1f\n", n }' >"$out/runs/plan${round}_wall_s"
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f\n", e - s }' >"$out/runs/plan${round}_gross_s"
}
plan_lanes=0

# ---------------------------------------------------------------- isolation-audit fix
# Unpacks the test sources, applies isolation-audit fix to them (twice: the second run must change
# nothing), compiles them against the launcher's JUnit API, the dependencies and the main jar,
# packages the classes with the tests jar's resources, and runs the fixed jar K times in parallel.
run_fix() {
  audit_jar_ready
  parallel_config
  local dir="$out/fix" src="$out/fix/src/test/java" cls="$out/fix/classes" sources_jar
  sources_jar="$jars/$A-$V-test-sources.jar"
  [ -f "$sources_jar" ] || { log "fetching $G:$A:$V:test-sources"; \
    mvn_copy "$G:$A:$V:jar:test-sources" "$jars"; }
  rm -rf "$dir"; mkdir -p "$src" "$cls"
  unzip -q -o "$sources_jar" -d "$src"
  unzip -q -o "$tests_jar" -x '*.class' -d "$cls"
  local args=(fix --workers "$parallelism" "$tests_jar" "$main_jar" --sources "$src")
  [ "$fix_mode" = edits ] || args+=(--locks-provider)
  log "isolation-audit ${args[*]}"
  "$JAVA" -jar "$audit_jar" "${args[@]}" >"$dir/fix.txt" 2>"$dir/fix.log" \
    || { cat "$dir/fix.log" >&2; die "isolation-audit fix failed"; }
  "$JAVA" -jar "$audit_jar" "${args[@]}" >"$dir/fix-again.txt" 2>>"$dir/fix.log" \
    || die "the second isolation-audit fix failed"
  grep -q " 0 edits applied to 0 files" "$dir/fix-again.txt" \
    || die "the second fix changed the sources: $dir/fix-again.txt"
  log "$(tail -1 "$dir/fix.txt"); again: $(tail -1 "$dir/fix-again.txt")"
  find "$src" -name '*.java' | sort >"$dir/sources.txt"
  log "javac ($(wc -l <"$dir/sources.txt") sources)"
  "$JAVAC" -nowarn -proc:none -encoding UTF-8 -d "$cls" -cp "$launcher:${classpath%:"$tests_jar"}" \
    @"$dir/sources.txt" >"$dir/javac.log" 2>&1 \
    || { tail -30 "$dir/javac.log" >&2; die "the fixed sources do not compile (see $dir/javac.log)"; }
  fixed_jar="$dir/$A-$V-$CL-fixed.jar"
  rm -f "$fixed_jar"
  "$JAR" cf "$fixed_jar" -C "$cls" .
  local fixed_selection=(--scan-class-path "$fixed_jar") rx saved=$classpath
  for rx in ${excludes[@]+"${excludes[@]}"}; do fixed_selection+=(--exclude-classname "$rx"); done
  classpath="${classpath%:"$tests_jar"}:$fixed_jar"
  local i
  for i in $(seq 1 "$runs"); do
    run_selection "fix-par-$i" fixed_selection "${PARALLEL[@]}"
  done
  classpath=$saved
  python3 "$helper" fix-compare "$out" >"$out/fix.txt"
  cat "$out/fix.txt"
}

# ---------------------------------------------------------------- audit
audit_jar_ready() {
  if [ -z "$audit_jar" ]; then
    audit_jar="$root/cli/target/isolation-audit.jar"
    [ -f "$audit_jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package)
  fi
}

audit() {
  audit_jar_ready
  local cpargs=()
  if [ "$audit_deps" = 1 ]; then
    cpargs=(--classpath "$(ls "$deps"/*.jar | tr '\n' ':' | sed 's/:$//')")
  fi
  log "isolation-audit scan"
  "$JAVA" -jar "$audit_jar" scan -q "$tests_jar" "$main_jar" ${cpargs[@]+"${cpargs[@]}"} \
    -f json -o "$out/audit.json" || [ $? -eq 1 ] || die "isolation-audit failed"
}

# ---------------------------------------------------------------- main
fetch_jars
resolve_deps
pick_launcher
select_tests
{
  echo "suite: $G:$A:$V:$CL"
  echo "flavour: $flavour"
  echo "launcher: junit-platform-console-standalone $launcher_version"
  echo "parallel runs: $runs, parallelism $parallelism, timeout ${timeout_s}s"
  [ -z "$jvm_opts" ] || echo "JVM options: $jvm_opts"
  [ -z "$drop_jars" ] || echo "dropped from the class path: jars matching $drop_jars"
  [ ${#excludes[@]} -eq 0 ] || echo "excluded (pom's Surefire excludes): ${excludes[*]}"
  [ ${#launcher_extra[@]} -eq 0 ] || echo "launcher args: ${launcher_extra[*]}"
} >"$out/setup.txt"
if [ "$skip_runs" = 1 ]; then
  [ -d "$out/runs/seq" ] || die "--skip-runs: no runs in $out"
  if [ "$plan" = 1 ]; then
    plan_prepare
    for i in $(seq 1 "$runs"); do plan_round "$i"; done
  fi
elif [ "$plan" = 1 ]; then
  # One sitting: the plan from the sequential run, then naive and plan runs alternating, so
  # both see the same load on a shared machine.
  parallel_config
  if [ "$reuse_seq" = 0 ] || [ ! -f "$out/runs/seq/wall_s" ]; then
    run_selection seq selection "${SEQUENTIAL[@]}"
  fi
  rm -rf "$out/runs"/par-* "$out/runs"/plan*
  plan_prepare
  for i in $(seq 1 "$runs"); do
    run_selection "par-$i" selection "${PARALLEL[@]}"
    plan_round "$i"
  done
else
  run_all
fi
audit
python3 "$helper" compare "$out" >"$out/summary.txt"
cat "$out/summary.txt"
if [ "$plan" = 1 ]; then
  python3 "$helper" plan-compare "$out" >"$out/plan.txt"
  cat "$out/plan.txt"
fi
[ -z "$fix_mode" ] || run_fix
log "done: $out"
