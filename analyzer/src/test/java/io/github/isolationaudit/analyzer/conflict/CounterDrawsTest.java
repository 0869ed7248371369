package io.github.isolationaudit.analyzer.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Drawing ids from an atomic counter is a thread-safe write: it races with a test that reads the
 * counter's value (definitely), not with other drawers alone.
 */
class CounterDrawsTest {
  private static final String CLASS =
      "io.github.isolationaudit.fixtures.statics.StaticCollectionsTestCase";

  @Test
  void aDrawRacesWithTheTestThatReadsTheCounter() {
    ScanResult result =
        IsolationAudit.scan(
            ScanOptions.of(root().resolve("io/github/isolationaudit/fixtures/statics")));

    Conflict sequence =
        result.conflicts().stream()
            .filter(c -> c.key().value().equals(CLASS + ".SEQUENCE"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no conflict on SEQUENCE"));

    assertThat(sequence.certainty()).isEqualTo(Certainty.DEFINITE);
    assertThat(sequence.writers()).extracting(TestId::methodName).containsExactly("takesNextId");
    assertThat(sequence.readers()).extracting(TestId::methodName).contains("readsCurrentId");
  }

  @Test
  void drawsOfTestsThatDoNotReadTheCounterDoNotConflictEvenAcrossLines() {
    ScanResult result =
        IsolationAudit.scan(
            ScanOptions.of(root().resolve("io/github/isolationaudit/fixtures/statics")));

    assertThat(result.conflicts())
        .noneMatch(c -> c.key().value().endsWith("NameDrawsTestCase.NAME_ID"));
  }

  private static Path root() {
    String property = System.getProperty("fixtures.classes");
    Objects.requireNonNull(property, "system property fixtures.classes is not set");
    return Path.of(property).toAbsolutePath().normalize();
  }
}
