package io.github.isolationaudit.analyzer.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.model.MarkerVerdict;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Marker verdicts carry the marker's reach as the scan worked it out (the plan reads it rather than
 * guessing from class names): whom it covers, and whether it runs its class on one thread.
 */
class CoverageTest {
  private static final String MARKERS = "io.github.isolationaudit.fixtures.markers.";

  private static final class Scan {
    static final ScanResult RESULT =
        IsolationAudit.scan(
            ScanOptions.of(root().resolve("io/github/isolationaudit/fixtures/markers")));
  }

  private static MarkerVerdict verdictOf(String className) {
    return Scan.RESULT.markers().stream()
        .filter(v -> v.marker().className().equals(MARKERS + className))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no verdict on " + className));
  }

  private static List<String> methods(List<TestId> tests) {
    return tests.stream().map(TestId::methodName).toList();
  }

  @Test
  void aChildrenLockCoversTheClassTestsWithoutRunningThemOnOneThread() {
    MarkerVerdict v = verdictOf("required.ChildrenLockTestCase");

    assertThat(methods(v.covered())).containsExactly("enablesTracing", "tracingIsOffByDefault");
    assertThat(v.oneThread()).isFalse();
  }

  @Test
  void aClassLevelSameThreadMarkerRunsItsClassOnOneThread() {
    MarkerVerdict v = verdictOf("insufficient.SameThreadWriterTestCase");

    assertThat(v.covered())
        .isNotEmpty()
        .allMatch(t -> t.className().equals(MARKERS + "insufficient.SameThreadWriterTestCase"));
    assertThat(v.oneThread()).isTrue();
  }

  @Test
  void aMarkerNothingActsOnCoversNothing() {
    // target = CHILDREN on a method: JUnit rejects it, so it holds no lock for anyone.
    MarkerVerdict v = verdictOf("legacy.ChildrenLockOnMethodTestCase");

    assertThat(v.covered()).isEmpty();
    assertThat(v.oneThread()).isFalse();
  }

  private static Path root() {
    String property = System.getProperty("fixtures.classes");
    Objects.requireNonNull(property, "system property fixtures.classes is not set");
    return Path.of(property).toAbsolutePath().normalize();
  }
}
