package io.github.isolationaudit.plan.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.isolationaudit.plan.history.DurationHistory;
import io.github.isolationaudit.plan.history.TestDuration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes given as a test report (JUnit XML from Surefire, Failsafe, Gradle or the console
 * launcher, or open-test-reporting events) are read into durations and problem entries: no
 * exception, no {@link Error}, no hang, no negative or non-finite duration, and no entity or DTD
 * that reaches outside the bytes. Replays {@code TestReportFuzzTestInputs/} in every build.
 */
class TestReportFuzzTest {

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void testReport(byte[] bytes) throws IOException {
    Path dir = Files.createTempDirectory("report-fuzz");
    try {
      // Both names a directory search finds: the format is told by the root element.
      Files.write(dir.resolve("TEST-com.example.FuzzTest.xml"), bytes);
      Files.write(dir.resolve("open-test-report.xml"), bytes);
      DurationHistory history = DurationHistory.read(List.of(dir));
      for (TestDuration d : history.all()) {
        if (!(d.seconds() >= 0) || Double.isInfinite(d.seconds())) {
          throw new AssertionError("a duration of " + d.seconds() + " s for " + d);
        }
      }
      history.classTotals();
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
