#!/usr/bin/env bash
# The precision audit of validation/precision/, reproduced with a given jar: scans the three corpus
# suites, writes the seed-1 worksheets (every finding, 20 writer-partner pairs, 20 marker verdicts,
# every 'remove' verdict) and the edits worksheet, and carries over the committed judgements of
# identical items, so that only new items are left to judge ("judgement: ?").
#
#   scripts/precision-audit.sh CORPUS_DIR [JAR] [OUT_DIR]
#
# CORPUS_DIR holds the corpus jars (trino-main-422*, trino-spi-422.jar, kafka-clients-3.9.0*,
# commons-dbcp2-2.13.0*); JAR defaults to cli/target/isolation-audit.jar, OUT_DIR to
# target/precision-audit. Needs python3 and sample-audit.py, the shared worksheet tool: set
# SAMPLE_AUDIT=/path/to/sample-audit.py, or have it on PATH. SUITES="kafka dbcp2" runs fewer.
# Per suite OUT_DIR gets SUITE.json (the report), SUITE-after.md and SUITE-edits-after.md (the
# worksheets with carried judgements) and the tallies; judge the '?' items, then copy the sheets
# over validation/precision/ and update its README.
set -euo pipefail

SEED=1 # the committed seed of validation/precision/: changing it draws other pairs and verdicts
PAIRS=20
VERDICTS=20

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus=${1:?usage: scripts/precision-audit.sh CORPUS_DIR [JAR] [OUT_DIR]}
jar=${2:-$root/cli/target/isolation-audit.jar}
out=${3:-$root/target/precision-audit}
judged=$root/validation/precision

sample_audit=${SAMPLE_AUDIT:-$(command -v sample-audit.py || true)}
if [[ -z "$sample_audit" || ! -f "$sample_audit" ]]; then
    echo "precision-audit: set SAMPLE_AUDIT to the shared sample-audit.py (not found on PATH)" >&2
    exit 2
fi
[[ -f "$jar" ]] || { echo "precision-audit: no jar at $jar (build it: ./mvnw -o -q -B package -DskipTests)" >&2; exit 2; }
mkdir -p "$out"

# Older jars have no --no-cache; a cached result would hide a changed analysis.
no_cache=()
if java -jar "$jar" scan --help 2>&1 | grep -q -- '--no-cache'; then
    no_cache=(--no-cache)
fi

suite_inputs() {
    case $1 in
        trino) echo "trino-main-422-tests.jar trino-main-422-test-sources.jar trino-main-422.jar trino-spi-422.jar" ;;
        kafka) echo "kafka-clients-3.9.0-test.jar kafka-clients-3.9.0-test-sources.jar kafka-clients-3.9.0.jar" ;;
        dbcp2) echo "commons-dbcp2-2.13.0-tests.jar commons-dbcp2-2.13.0-test-sources.jar commons-dbcp2-2.13.0.jar" ;;
        *) echo "precision-audit: unknown suite $1" >&2; exit 2 ;;
    esac
}

for suite in ${SUITES:-trino kafka dbcp2}; do
    inputs=()
    for name in $(suite_inputs "$suite"); do
        [[ -f "$corpus/$name" ]] || { echo "precision-audit: missing $corpus/$name" >&2; exit 2; }
        inputs+=("$corpus/$name")
    done
    sources=${inputs[1]}
    echo "== $suite: scanning" >&2
    nice java -jar "$jar" scan "${inputs[@]}" ${no_cache[@]+"${no_cache[@]}"} -f json -o "$out/$suite.json" >"$out/$suite-scan.log" 2>&1 \
        || { echo "precision-audit: scan failed, see $out/$suite-scan.log" >&2; exit 1; }
    python3 "$here/report-v1.py" "$out/$suite.json" >"$out/$suite-v1.json"
    python3 "$sample_audit" "$out/$suite-v1.json" --sources "$sources" --seed "$SEED" \
        --pairs "$PAIRS" --verdicts "$VERDICTS" >"$out/$suite-sheet.md"
    python3 "$here/precision_audit.py" edits "$out/$suite.json" "$sources" >"$out/$suite-edits-sheet.md"
    for kind in after edits-after; do
        sheet=$out/$suite-${kind/after/sheet}.md # SUITE-sheet.md, SUITE-edits-sheet.md
        if [[ -f "$judged/$suite-$kind.md" ]]; then
            python3 "$here/precision_audit.py" carry "$judged/$suite-$kind.md" "$sheet" >"$out/$suite-$kind.md"
        else
            cp "$sheet" "$out/$suite-$kind.md"
        fi
        python3 "$sample_audit" --tally "$out/$suite-$kind.md" | tee "$out/$suite-$kind-tally.txt"
    done
done
echo "worksheets in $out; judge the items still marked 'judgement: ?'" >&2
