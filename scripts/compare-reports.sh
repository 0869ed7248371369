#!/usr/bin/env bash
# Scans the corpus suites with two CLI jars (before and after a change) and compares the JSON
# reports: byte-identical or not, then the differences by category (compare_reports.py).
# Run by hand, not in CI (it wants the large corpus jars):
#   scripts/compare-reports.sh BEFORE_JAR AFTER_JAR CORPUS_DIR [OUT_DIR]
# CORPUS_DIR holds the tests jars and the production jars named below (shared/corpus/fetch.sh
# fetches them; an empty classifier fetches a production jar). Environment: SUITES (default all
# four), REUSE_BEFORE, SCAN_ARGS (extra scan flags, e.g. --all-reads), JAVA_OPTS.
set -euo pipefail
before=${1:?usage: compare-reports.sh BEFORE_JAR AFTER_JAR CORPUS_DIR [OUT_DIR]}
after=${2:?usage}
corpus=${3:?usage}
out=${4:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)
suites=${SUITES:-"commons-text trino-main camel-core hadoop-common"}
mkdir -p "$out"

inputs() {
  case $1 in
    commons-text) echo "commons-text-1.14.0-tests.jar commons-text-1.14.0.jar" ;;
    trino-main) echo "trino-main-422-tests.jar trino-main-422.jar trino-spi-422.jar" ;;
    hadoop-common) echo "hadoop-common-3.4.1-tests.jar hadoop-common-3.4.1.jar" ;;
    camel-core)
      local m
      echo -n "camel-core-4.10.0-tests.jar"
      for m in api base base-engine core-engine core-languages core-model core-processor \
        core-reifier management-api support util xml-jaxp util-json cluster; do
        echo -n " camel-$m-4.10.0.jar"
      done
      echo ;;
    *) echo "unknown suite $1" >&2; return 1 ;;
  esac
}

for s in $suites; do
  files=()
  for f in $(inputs "$s"); do files+=("$corpus/$f"); done
  for side in before after; do
    jar=$before; [ "$side" = after ] && jar=$after
    # REUSE_BEFORE=1 keeps a before report already in OUT_DIR (the before jar does not change).
    [ "$side" = before ] && [ "${REUSE_BEFORE:-0}" = 1 ] && [ -s "$out/$s.before.json" ] && continue
    # shellcheck disable=SC2086
    java ${JAVA_OPTS:-} -jar "$jar" scan -q -f json ${SCAN_ARGS:-} -o "$out/$s.$side.json" "${files[@]}" || true
  done
  echo "== $s"
  if cmp -s "$out/$s.before.json" "$out/$s.after.json"; then
    echo "byte-identical ($(stat -c %s "$out/$s.after.json") bytes)"
  else
    python3 "$here/compare_reports.py" "$out/$s.before.json" "$out/$s.after.json"
  fi
done
