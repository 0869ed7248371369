package io.github.isolationaudit.analyzer.advice;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.model.Edit;
import io.github.isolationaudit.model.Finding;
import io.github.isolationaudit.model.ScanResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * "Make it an instance field of the test" only where that compiles: where only code with a test
 * instance at hand uses the static field, not a static nested class of the test.
 */
class InstanceFieldFixTest {
  private static final String PKG = "io.github.isolationaudit.fixtures.statics.";

  private static final ScanResult RESULT =
      IsolationAudit.scan(
          ScanOptions.of(
              Path.of(Objects.requireNonNull(System.getProperty("fixtures.classes")))
                  .toAbsolutePath()
                  .normalize()
                  .resolve("io/github/isolationaudit/fixtures/statics")));

  private static Finding finding(String key) {
    return RESULT.findings().stream()
        .filter(f -> f.key().value().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no finding on " + key));
  }

  private static List<String> texts(Finding f) {
    return f.edits().stream().map(Edit::text).toList();
  }

  @Test
  void aFieldThatAStaticNestedClassFillsGetsALockNotAnInstanceField() {
    Finding seen = finding(PKG + "NestedHandlerTestCase.SEEN");
    assertThat(texts(seen)).isNotEmpty().noneMatch(t -> t.contains("instance field"));
    assertThat(seen.recommendation()).doesNotContain("instance field");
  }

  @Test
  void aFieldThatOnlyTheTestsUseStillGetsTheInstanceField() {
    assertThat(texts(finding(PKG + "CounterTestCase.count")))
        .anyMatch(t -> t.contains("instance field"));
  }
}
