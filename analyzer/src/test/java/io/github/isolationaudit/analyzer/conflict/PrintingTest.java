package io.github.isolationaudit.analyzer.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scans the {@code noise/printing} fixtures alone: a test that only prints to a standard stream
 * meets a test that captures it and reads what it caught, not one that swaps in a buffer nobody
 * reads; a test that saves or compares the stream meets every replacement.
 */
class PrintingTest {
  private static final String PACKAGE = "io.github.isolationaudit.fixtures.noise.printing";

  private static final class Scan {
    static final ScanResult RESULT = FixturePackages.scan(PACKAGE);
  }

  private static Conflict conflict(String key) {
    return Scan.RESULT.conflicts().stream()
        .filter(c -> c.resource() == ResourceKind.STDIO && c.key().value().equals(key))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> names(List<TestId> tests) {
    return FixturePackages.names(PACKAGE, tests);
  }

  private static List<String> sinks(String method, String key) {
    Footprint f =
        Scan.RESULT.footprints().stream()
            .filter(x -> x.test().id().methodName().equals(method))
            .findFirst()
            .orElseThrow();
    return f.accesses().stream()
        .filter(a -> a.key().value().equals(key))
        .map(Access::sinkId)
        .sorted()
        .toList();
  }

  @Test
  void printingMeetsNoSwapNobodyReads() {
    Conflict c = conflict("java.lang.System.err");
    assertThat(names(c.writers()))
        .containsExactly(
            "SilenceTestCase#silencesErrors", "SilenceTestCase#silencesWithANullStream");
    assertThat(names(c.readers())).containsExactly("SilenceTestCase#comparesTheStream");
    assertThat(c.possibleReaders()).isZero();
  }

  @Test
  void printingMeetsACapture() {
    Conflict c = conflict("java.lang.System.out");
    assertThat(names(c.writers())).containsExactly("CaptureTestCase#capturesTheGreeting");
    assertThat(names(c.readers())).containsExactly("CaptureTestCase#printsProgress");
  }

  @Test
  void theSinksSayWhichUseIsWhich() {
    assertThat(sinks("printsAWarning", "java.lang.System.err")).containsExactly("jdk.stderr-print");
    // The helper prints, then flushes with a read of its own.
    assertThat(sinks("printsThroughAHelper", "java.lang.System.err"))
        .containsExactly("jdk.stderr-flush", "jdk.stderr-print");
    assertThat(sinks("logsThroughAWriter", "java.lang.System.err"))
        .containsExactly("jdk.stderr-print");
    // A flush writes no text: no capture sees it.
    assertThat(sinks("onlyFlushes", "java.lang.System.out")).containsExactly("jdk.stdout-flush");
    // The stream saved and compared is a use of the stream; the helper's print beside it is not.
    assertThat(sinks("comparesTheStream", "java.lang.System.err"))
        .containsExactly("jdk.stderr-flush", "jdk.stderr-print", "jdk.stderr-read");
    assertThat(sinks("silencesErrors", "java.lang.System.err"))
        .containsExactly("jdk.stderr-replace-unread");
    assertThat(sinks("silencesWithANullStream", "java.lang.System.err"))
        .containsExactly("jdk.stderr-replace-unread");
    // A buffer kept in a local can be read: a capture. Putting the saved stream back is not.
    assertThat(sinks("capturesTheGreeting", "java.lang.System.out"))
        .containsExactly(
            "jdk.stdout-print",
            "jdk.stdout-read",
            "jdk.stdout-replace",
            "jdk.stdout-replace-unread");
  }
}
