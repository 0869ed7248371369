package io.github.isolationaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-commit check: one source file on its own, partners from the last full scan. */
class CheckCommandTest {

  private static final String SOURCE =
      """
      package a;

      import java.util.Locale;
      import org.junit.jupiter.api.Test;
      import org.junit.jupiter.api.parallel.Isolated;
      import org.junit.jupiter.api.parallel.ResourceLock;

      @Isolated
      class FooTest {
        @Test
        void setsMode() {
          System.setProperty("foo.mode", "fast");
        }
      }

      class BarTest {
        @Test
        @ResourceLock("java.lang.System.properties")
        void locked() {
          System.setProperty("bar.mode", "slow");
        }

        @Test
        void unlocked() {
          System.setProperty("baz.mode", variable());
          System.clearProperty("qux.mode");
          Locale.getDefault();
        }

        String variable() {
          return "x";
        }
      }
      """;

  /** The last full scan: another class reads qux.mode; FooTest's @Isolated was DEFENSIVE. */
  private static final String LAST_SCAN =
      """
      {"schemaVersion": 1, "tests": [
        {"id": "b.OtherTest#readsQux", "class": "b.OtherTest", "accesses": [
          {"resource": "SYSTEM_PROPERTY", "key": "qux.mode", "keyKind": "EXACT", "mode": "READ",
           "scope": "SHARED", "sensitivity": "HIGH"}]},
        {"id": "b.OtherTest#readsUnknown", "class": "b.OtherTest", "accesses": [
          {"resource": "SYSTEM_PROPERTY", "key": "?", "keyKind": "UNKNOWN", "mode": "READ",
           "scope": "SHARED", "sensitivity": "HIGH"}]}],
       "markers": [{"annotation": "org.junit.jupiter.api.parallel.Isolated", "class": "a.FooTest",
         "method": "", "verdict": "DEFENSIVE", "reason": "FooTest touches nothing shared.",
         "recommendation": "Remove @Isolated."}],
       "findings": []}
      """;

  private record Run(int exit, List<String> lines, String err) {}

  private static Run check(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString().lines().toList(), err.toString());
  }

  @Test
  void withoutTheLastScanUnlockedWritesAreNotesThatNeverFail(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("FooTest.java"), SOURCE);

    Run r = check("check", "--cache", dir.resolve("none.json").toString(), file.toString());
    assertThat(r.exit()).isEqualTo(2);

    // An empty scan cache: no last scan of this directory.
    Run plain = check("check", "--cache-dir", dir.resolve("cache").toString(), file.toString());
    assertThat(plain.exit()).as(plain.err()).isZero();
    // FooTest is under @Isolated and BarTest#locked holds a lock: the full scan judges those.
    assertThat(plain.lines())
        .hasSize(2)
        .allMatch(l -> l.contains(": note: unprotected-conflict: BarTest#unlocked writes"));
    assertThat(plain.lines().get(0))
        .startsWith(file + ":25: ")
        .contains("SYSTEM_PROPERTY baz.mode");
    assertThat(plain.lines().get(1))
        .startsWith(file + ":26: ")
        .contains("SYSTEM_PROPERTY qux.mode");
  }

  @Test
  void withTheLastScanAPartnerOnTheSameKeyFailsAndMarkersGetTheirVerdicts(@TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("FooTest.java"), SOURCE);
    Path cache = Files.writeString(dir.resolve("last.json"), LAST_SCAN);

    Run r = check("check", "--cache", cache.toString(), file.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    List<String> lines = new ArrayList<>(r.lines());
    assertThat(lines)
        .containsExactly(
            file
                + ":8: note: marker-defensive: FooTest touches nothing shared. Remove @Isolated."
                + " (from the last full scan)",
            file
                + ":26: error: unprotected-conflict: BarTest#unlocked writes SYSTEM_PROPERTY"
                + " qux.mode while 1 tests of other classes in the last full scan touch it"
                + " (b.OtherTest#readsQux), and nothing keeps them apart.");

    Run off =
        check(
            "check",
            "--cache",
            cache.toString(),
            "--rule",
            "unprotected-conflict=off",
            "--rule",
            "marker-defensive=off",
            file.toString());
    assertThat(off.exit()).isZero();
    assertThat(off.lines()).isEmpty();
  }

  /** The same last scan in the report's version 2 shape: accesses once, tests name their ids. */
  private static final String LAST_SCAN_V2 =
      """
      {"schemaVersion": 2, "tests": [
        {"id": "b.OtherTest#readsQux", "class": "b.OtherTest", "accesses": [
          {"access": 0, "evidence": 0}]},
        {"id": "b.OtherTest#readsUnknown", "class": "b.OtherTest", "accesses": [
          {"access": 1, "evidence": 0}]}],
       "accesses": [
         {"id": 0, "resource": "SYSTEM_PROPERTY", "key": "qux.mode", "keyKind": "EXACT",
          "mode": "READ", "scope": "SHARED", "sensitivity": "HIGH"},
         {"id": 1, "resource": "SYSTEM_PROPERTY", "key": "?", "keyKind": "UNKNOWN",
          "mode": "READ", "scope": "SHARED", "sensitivity": "HIGH"}],
       "markers": [], "findings": []}
      """;

  @Test
  void aVersion2ReportGivesTheSamePartners(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("FooTest.java"), SOURCE);
    Path cache = Files.writeString(dir.resolve("last.json"), LAST_SCAN_V2);

    Run r = check("check", "--cache", cache.toString(), file.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.lines())
        .containsExactly(
            file
                + ":26: error: unprotected-conflict: BarTest#unlocked writes SYSTEM_PROPERTY"
                + " qux.mode while 1 tests of other classes in the last full scan touch it"
                + " (b.OtherTest#readsQux), and nothing keeps them apart.");
  }

  @Test
  void theLastScanOfThisDirectoryComesFromTheScanCache(@TempDir Path dir) throws IOException {
    String fixtures = System.getProperty("fixtures.classes");
    String cacheDir = dir.resolve("cache").toString();
    Path file =
        Files.writeString(
            dir.resolve("NewTest.java"),
            """
            package c;

            class NewTest {
              @org.junit.jupiter.api.Test
              void literal() {
                System.setProperty("fixture.literal", "no");
              }
            }
            """);
    Run before = check("check", "--cache-dir", cacheDir, file.toString());
    assertThat(before.lines()).singleElement().asString().contains(": note: ");

    Run scan = check("scan", fixtures, "-q", "-f", "json", "--cache-dir", cacheDir);
    assertThat(scan.exit()).as(scan.err()).isIn(0, 1);
    Run after = check("check", "--cache-dir", cacheDir, file.toString());

    assertThat(after.exit()).as(after.err()).isEqualTo(1);
    assertThat(after.lines())
        .singleElement()
        .asString()
        .startsWith(
            file + ":6: error: unprotected-conflict: NewTest#literal writes SYSTEM_PROPERTY")
        .contains(
            "io.github.isolationaudit.fixtures.sysprop.SystemPropertyWritesTestCase#setsLiteralKey");
    // The same partners from the same scan's JSON report.
    Path report = dir.resolve("audit.json");
    Files.writeString(report, String.join("\n", scan.lines()));
    assertThat(check("check", "--cache", report.toString(), file.toString()).lines())
        .isEqualTo(after.lines());
    assertThat(check("check", "--no-cache", file.toString()).lines())
        .singleElement()
        .asString()
        .contains(": note: ");
  }

  @Test
  void checkHasItsOwnHelpAndVersionLikeEveryCommand() {
    Run help = check("check", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.lines().get(0)).startsWith("Usage: isolation-audit check ");
    assertThat(String.join("\n", help.lines())).contains("--cache-dir", "--no-cache", "--rule");
    assertThat(check("check", "--version").lines()).singleElement().asString().isNotBlank();
    Run bad = check("check", "--no-such-option");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("Unknown option: '--no-such-option'");
  }

  @Test
  void aFileThatDoesNotParseIsSaidAndSkipped(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("Broken.java"), "class Broken { void x( }");
    Run r = check("check", file.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.err()).contains(file + ": does not parse");
  }
}
