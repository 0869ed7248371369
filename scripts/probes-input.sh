#!/usr/bin/env bash
# Hostile-input probes (issue 12, input side): crafted inputs that hung, crashed or misled the
# scan, each run through the command-line jar(s) given, one markdown table row per probe with
# the exit code, the problem entry (or stderr's first line), wall time and peak resident memory.
#
#   scripts/probes-input.sh [JAR...]        (default: cli/target/isolation-audit.jar)
#
# Give an older build's jar first to compare before and after. Every input is made in a temporary
# directory that is removed at the end; nothing needs root except that, when run as root, the
# unreadable-directory probe drops to user nobody (setpriv) so that permissions count.
# Environment: CORPUS (a directory holding hadoop-common-3.4.1-tests.jar) for the out-of-memory
# and output-lost-during-the-scan probes; they are skipped without it. PROBE_TIMEOUT (default
# 120 s).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jars=("$@")
[ ${#jars[@]} -gt 0 ] || jars=("$root/cli/target/isolation-audit.jar")
fixtures="$root/fixtures/target/classes"
sample="io/github/isolationaudit/fixtures/sysprop"
timeout=${PROBE_TIMEOUT:-120}
corpus=${CORPUS:-$root/corpus-cache}
big="$corpus/hadoop-common-3.4.1-tests.jar"
[ -d "$fixtures/$sample" ] || (cd "$root" && ./mvnw -q -B -ntp -DskipTests package -pl cli -am)

tmp=$(mktemp -d)
chmod 755 "$tmp"
cleanup() {
  chmod -R u+rwx "$tmp" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
good="$sample/SystemPropertiesObjectTestCase.class"
other="$sample/SystemPropertyReadsTestCase.class"

# A class directory holding one good test class, so "the rest is analysed" shows in the summary.
classes() {
  mkdir -p "$1/$(dirname "$good")" "$1/com"
  cp "$fixtures/$good" "$1/$good"
}

# A jar with a manifest (Class-Path optional) holding these files, from their directory.
jarwith() { # jar classpath dir files...
  local jar=$1 cp=$2 dir=$3
  shift 3
  printf 'Manifest-Version: 1.0\n%s' "${cp:+Class-Path: $cp
}" >"$tmp/manifest.txt"
  (cd "$dir" && jar cfm "$jar" "$tmp/manifest.txt" "$@")
}

# --- the crafted inputs ---------------------------------------------------------------------
p="$tmp/in"
mkdir -p "$p"

classes "$p/fifo-class"
mkfifo "$p/fifo-class/com/Pipe.class"

mkdir -p "$p/fifo-jar" "$p/jarsrc"
classes "$p/jarsrc"
jarwith "$p/fifo-jar/good-tests.jar" "" "$p/jarsrc" "$good"
mkfifo "$p/fifo-jar/pipe.jar"

classes "$p/devzero"
ln -s /dev/zero "$p/devzero/com/Zero.class"

classes "$p/bigclass"
{ printf '\xca\xfe\xba\xbe'; } >"$p/bigclass/com/Big.class"
truncate -s 3G "$p/bigclass/com/Big.class"

classes "$p/bigsource/target/test-classes"
mkdir -p "$p/bigsource/src/test/java/com"
truncate -s 3G "$p/bigsource/src/test/java/com/Huge.java"

mkdir -p "$p/bomb"
python3 - "$p/bomb/bomb-tests.jar" "$fixtures/$good" "$good" <<'EOF'
import sys, zipfile
jar, goodfile, goodname = sys.argv[1:4]
zeros = bytes(1 << 20)
with zipfile.ZipFile(jar, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    z.write(goodfile, goodname)
    for n in range(1, 7):
        with z.open(f"com/Bomb{n}.class", "w") as e:
            e.write(b"\xca\xfe\xba\xbe")
            for _ in range((1 << 10) - 1):  # just under 1 GiB each
                e.write(zeros)
EOF

# A test class with a marker, whose source holds a 4,000-term concatenation.
marked="io/github/isolationaudit/fixtures/markers/defensive/IsolatedPureTestCase"
mkdir -p "$p/deep/target/test-classes/$(dirname "$marked")" "$p/deep/src/test/java/$(dirname "$marked")"
cp "$fixtures/$marked.class" "$p/deep/target/test-classes/$marked.class"
{
  printf 'package %s;\nimport org.junit.jupiter.api.Test;\n' "$(dirname "$marked" | tr / .)"
  printf 'import org.junit.jupiter.api.parallel.Isolated;\n@Isolated\nclass IsolatedPureTestCase {\n'
  printf '  String s = "a"'
  for _ in $(seq 4000); do printf ' + "a"'; done
  printf ';\n  @Test\n  void sumsInvoiceLines() {}\n}\n'
} >"$p/deep/src/test/java/$marked.java"

classes "$p/locked"
mkdir -p "$p/locked/org/locked"
cp "$fixtures/$other" "$p/locked/org/locked/"
chmod 000 "$p/locked/org/locked"

classes "$p/rootlink"
ln -s / "$p/rootlink/com/root"

mkdir -p "$p/classpath" "$p/cpsrc/com"
classes "$p/cpsrc"
cp "$fixtures/$other" "$p/cpsrc/com/Placeholder.class"
jarwith "$p/classpath/other.jar" "" "$p/cpsrc" "$good"
jarwith "$p/classpath/x-tests.jar" "other.jar" "$p/cpsrc" com/Placeholder.class
mkdir -p "$p/classpath-usr"
jarwith "$p/classpath-usr/x-tests.jar" "/usr/" "$p/cpsrc" "$good"

# The same class name twice, with different code: the second copy is another fixture renamed.
classes "$p/dup-a"
mkdir -p "$p/dup-b/$(dirname "$good")"
cat >"$tmp/Rename.java" <<'EOF'
import java.nio.file.*;
import org.objectweb.asm.*;
public class Rename {
  public static void main(String[] a) throws Exception {
    ClassReader r = new ClassReader(Files.readAllBytes(Path.of(a[0])));
    ClassWriter w = new ClassWriter(0);
    r.accept(new ClassVisitor(Opcodes.ASM9, w) {
      @Override public void visit(int v, int acc, String n, String s, String sup, String[] i) {
        super.visit(v, acc, a[1], s, sup, i);
      }
    }, 0);
    Files.write(Path.of(a[2]), w.toByteArray());
  }
}
EOF
java -cp "${jars[0]}" "$tmp/Rename.java" "$fixtures/$other" "${good%.class}" "$p/dup-b/$good"

classes "$p/version"
cp "$fixtures/$good" "$p/version/com/Negative.class"
printf '\x80\x00' | dd of="$p/version/com/Negative.class" bs=1 seek=6 conv=notrunc status=none

mkdir -p "$p/out"
printf 'old' >"$p/out/real.json"

# --- running -------------------------------------------------------------------------------
row() { # name exit problem seconds kb
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$(($5 / 1024)) MB"
}

# Runs the jar with a timeout under /usr/bin/time; sets rc, secs, kb, err (stderr file).
runjar() { # jar args...
  local jar=$1
  shift
  err="$tmp/err"
  /usr/bin/time -f '%e %M' -o "$tmp/time" timeout "$timeout" java ${JAVA_OPTS:-} -jar "$jar" "$@" \
    >"$tmp/out" 2>"$err"
  rc=$?
  [ $rc -eq 124 ] && rc="124 (timeout ${timeout}s)"
  read -r secs kb < <(tail -n 1 "$tmp/time") || { secs=?; kb=0; }
  kb=${kb:-0}
}

# The first problem line that names this path, else stderr's first line; temp paths shortened.
problem() { # pattern
  local line
  line=$(grep -m1 -E "problem: .*$1" "$err" || true)
  [ -n "$line" ] || line=$(grep -m1 -v -E '^isolation-audit: (reading|found|computed|judged|using|wrote|read durations)' "$err" || true)
  line=${line//$tmp\/in\//}
  line=${line//$tmp\//}
  line=${line//|/\\|}
  printf '%s' "${line:0:300}" | tr -d '\r'
  local n
  n=$(wc -l <"$err")
  [ "$n" -gt 5 ] && printf ' (+%s stderr lines)' "$((n - 1))"
}

summary() { # the JSON report's class and test counts
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=d["summary"]; print("classFiles=%d tests=%d" % (s["classFiles"], s["tests"]))' "$1" 2>/dev/null || printf 'no report'
}

for jar in "${jars[@]}"; do
  echo
  echo "### $jar"
  echo
  echo '| probe | exit | problem entry / stderr | wall s | peak RSS |'
  echo '|---|---|---|---|---|'

  runjar "$jar" scan "$p/fifo-class"
  row "1 FIFO named com/Pipe.class" "$rc" "$(problem Pipe.class)" "$secs" "$kb"
  runjar "$jar" scan "$p/fifo-jar"
  row "1 FIFO named pipe.jar among jars" "$rc" "$(problem pipe.jar)" "$secs" "$kb"
  runjar "$jar" scan "$p/devzero"
  row "1 com/Zero.class -> /dev/zero" "$rc" "$(problem Zero.class)" "$secs" "$kb"
  runjar "$jar" scan "$p/bigclass"
  row "2 3 GB class file (sparse)" "$rc" "$(problem Big.class)" "$secs" "$kb"
  runjar "$jar" scan "$p/bigsource/target"
  row "2 3 GB source file next to the tests" "$rc" "$(problem Huge.java)" "$secs" "$kb"
  runjar "$jar" scan "$p/bomb/bomb-tests.jar"
  row "2 jar: 6 entries of 1 GiB zeros ($(($(stat -c %s "$p/bomb/bomb-tests.jar") / 1024)) KB)" "$rc" "$(problem Bomb)" "$secs" "$kb"
  runjar "$jar" scan "$p/deep/target"
  row "3 4,000-term concatenation with a marker" "$rc" "$(problem IsolatedPureTestCase.java)" "$secs" "$kb"
  if [ -f "$big" ]; then
    JAVA_OPTS=-Xmx48m runjar "$jar" scan -q "$big"
    row "3 OutOfMemoryError (-Xmx48m, hadoop-common tests)" "$rc" "$(problem xxxx)" "$secs" "$kb"
  fi
  if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
    cp "$jar" "$tmp/probe.jar" && chmod 644 "$tmp/probe.jar"
    err="$tmp/err"
    /usr/bin/time -f '%e %M' -o "$tmp/time" timeout "$timeout" setpriv --reuid=65534 --regid=65534 \
      --clear-groups java -XX:-UsePerfData -jar "$tmp/probe.jar" scan "$p/locked" >"$tmp/out" 2>"$err"
    rc=$?
    read -r secs kb < <(tail -n 1 "$tmp/time")
    row "4 unreadable subdirectory (as nobody)" "$rc" "$(problem org/locked)" "$secs" "$kb"
  else
    runjar "$jar" scan "$p/locked"
    row "4 unreadable subdirectory" "$rc" "$(problem org/locked)" "$secs" "$kb"
  fi
  runjar "$jar" scan "$p/rootlink"
  row "4 link com/root -> /" "$rc" "$(problem com/root)" "$secs" "$kb"
  runjar "$jar" scan -f json "$p/classpath/x-tests.jar"
  row "5 Class-Path: other.jar (holds a test)" "$rc" "$(summary "$tmp/out"); analysed: 1 class expected" "$secs" "$kb"
  runjar "$jar" scan -q "$p/classpath-usr/x-tests.jar"
  row "5 Class-Path: /usr/" "$rc" "$(problem xxxx)" "$secs" "$kb"
  runjar "$jar" scan -f json "$p/dup-a" "$p/dup-b"
  cp "$tmp/out" "$tmp/ab.json"
  dup=$(problem dup-b)
  runjar "$jar" scan -f json "$p/dup-b" "$p/dup-a"
  same=$(python3 -c 'import json,sys
a,b=(json.load(open(f)) for f in sys.argv[1:3])
for d in (a,b): d.pop("inputs",None)
print("same report both orders" if a==b else "reports DIFFER by input order")' "$tmp/ab.json" "$tmp/out" 2>/dev/null)
  row "6 same class in two inputs" "$rc" "$same; $dup" "$secs" "$kb"
  runjar "$jar" scan "$p/version"
  row "7 class major version 0x8000" "$rc" "$(problem Negative.class)" "$secs" "$kb"

  runjar "$jar" scan -q -o "$p/out/missing/dir/r.json" "$fixtures"
  row "8 -o in a missing directory" "$rc" "$(problem xxxx)" "$secs" "$kb"
  rm -rf "$p/out/missing"
  runjar "$jar" scan -q -o "$p/out" "$fixtures"
  row "8 -o a directory" "$rc" "$(problem xxxx)" "$secs" "$kb"
  printf 'old' >"$p/out/real.json"
  rm -f "$p/out/link.json"
  ln -s real.json "$p/out/link.json"
  runjar "$jar" scan -q -f json -o "$p/out/link.json" "$fixtures"
  link=$([ -L "$p/out/link.json" ] && echo "link kept" || echo "LINK REPLACED")
  target=$(grep -q schemaVersion "$p/out/real.json" && echo "target written" || echo "TARGET KEEPS OLD CONTENT")
  row "8 -o a symbolic link" "$rc" "$link, $target" "$secs" "$kb"
  rm -f "$p/out/link.json" "$p/out/fifo"
  mkfifo "$p/out/fifo"
  cat "$p/out/fifo" >"$p/out/fifo-read" 2>/dev/null &
  reader=$!
  runjar "$jar" scan -q -f json -o "$p/out/fifo" "$fixtures"
  sleep 1
  fifo=$([ -p "$p/out/fifo" ] && echo "still a FIFO" || echo "FIFO REPLACED by a file")
  got=$(grep -q schemaVersion "$p/out/fifo-read" 2>/dev/null && echo "reader got the report" || echo "reader got nothing")
  # A reader still waiting on a pipe that was replaced would wait forever.
  kill "$reader" 2>/dev/null
  wait "$reader" 2>/dev/null
  row "8 -o a FIFO" "$rc" "$fifo, $got" "$secs" "$kb"
  if [ -f "$big" ]; then
    rm -rf "$p/out/vanishing"
    mkdir -p "$p/out/vanishing"
    err="$tmp/err"
    /usr/bin/time -f '%e %M' -o "$tmp/time" timeout "$timeout" java -jar "$jar" scan -o "$p/out/vanishing/r.json" "$big" \
      >"$tmp/out" 2>"$err" &
    pid=$!
    for _ in $(seq 600); do grep -q 'found' "$err" 2>/dev/null && break; sleep 0.1; done
    # The directory becomes a file: the report can no longer be written where it was checked.
    rm -rf "$p/out/vanishing"
    touch "$p/out/vanishing"
    wait $pid
    rc=$?
    read -r secs kb < <(tail -n 1 "$tmp/time")
    row "8 -o directory replaced by a file during the scan" "$rc" "$(problem xxxx)" "$secs" "$kb"
  fi
done
