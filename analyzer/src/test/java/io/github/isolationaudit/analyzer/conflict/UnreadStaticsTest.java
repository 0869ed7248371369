package io.github.isolationaudit.analyzer.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Scans the {@code noise/unread} fixtures: stores into a static field that no code reads make no
 * conflict; stores into one that production code reads stay a definite conflict.
 */
class UnreadStaticsTest {
  private static final String PACKAGE = "io.github.isolationaudit.fixtures.noise.unread";

  private static final class Scan {
    static final ScanResult RESULT = FixturePackages.scan(PACKAGE);
  }

  private static Optional<Conflict> conflict(String field) {
    return Scan.RESULT.conflicts().stream()
        .filter(
            c ->
                c.resource() == ResourceKind.STATIC_FIELD
                    && c.key().value().equals(PACKAGE + ".Holder." + field))
        .findFirst();
  }

  @Test
  void storesIntoAFieldNoCodeReadsRaceWithNoOne() {
    assertThat(conflict("unused")).isEmpty();
  }

  @Test
  void storesIntoAFieldThatCodeReadsStillConflict() {
    assertThat(conflict("label"))
        .hasValueSatisfying(
            c -> {
              assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
              // FirstStoreTestCase reads what it stored (through Holder.describe): a writer that
              // reads, named apart from the writer that only stores.
              assertThat(c.readingWriters())
                  .extracting(t -> t.className().replace(PACKAGE + ".", "") + "#" + t.methodName())
                  .containsExactly("FirstStoreTestCase#labelsFirst");
              assertThat(c.readers()).isEmpty();
            });
  }
}
