package io.github.isolationaudit.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.Scope;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** By default the report leaves out reads of what no test writes, and says how many. */
class ReadFilterTest {
  private static final Path FIXTURES = Path.of(System.getProperty("fixtures.classes"));
  private static final ScanResult ALL =
      IsolationAudit.scan(ScanOptions.of(FIXTURES).withAllReads());
  private static final ScanResult DEFAULT = IsolationAudit.scan(ScanOptions.of(FIXTURES));

  private static List<Access> accesses(ScanResult r, AccessMode mode) {
    return r.footprints().stream()
        .flatMap(f -> f.accesses().stream())
        .filter(a -> a.mode() == mode)
        .toList();
  }

  @Test
  void writesAndConflictsAreTheSame() {
    assertThat(accesses(DEFAULT, AccessMode.WRITE))
        .containsExactlyElementsOf(accesses(ALL, AccessMode.WRITE));
    assertThat(DEFAULT.conflicts()).isEqualTo(ALL.conflicts());
  }

  @Test
  void everyReadLeftOutReadsSomethingNoTestWrites() {
    // Per-test values never conflict, so a write of one keeps no read.
    Set<String> written =
        accesses(ALL, AccessMode.WRITE).stream()
            .filter(a -> a.scope() != Scope.PER_TEST)
            .map(a -> a.resourceName() + " " + a.key().value())
            .collect(Collectors.toSet());
    List<Access> allReads = accesses(ALL, AccessMode.READ);
    List<Access> keptReads = accesses(DEFAULT, AccessMode.READ);
    assertThat(keptReads.size()).isLessThan(allReads.size());
    assertThat(DEFAULT.summary().readsOmitted()).isEqualTo(allReads.size() - keptReads.size());
    assertThat(ALL.summary().readsOmitted()).isZero();
    for (Footprint f : ALL.footprints()) {
      Footprint kept =
          DEFAULT.footprints().stream()
              .filter(k -> k.test().equals(f.test()))
              .findFirst()
              .orElseThrow();
      for (Access a : f.accesses()) {
        if (a.mode() == AccessMode.READ
            && !kept.accesses().contains(a)
            && a.key().isExact()
            && a.scope() != Scope.PER_TEST) {
          assertThat(written)
              .as("a read left out of %s", f.test().id())
              .doesNotContain(a.resourceName() + " " + a.key().value());
        }
      }
    }
  }

  @Test
  void aReadOfAWrittenKeyIsKept() {
    // SystemPropertyReadsTestCase reads keys that SystemPropertyWritesTestCase writes.
    assertThat(accesses(DEFAULT, AccessMode.READ))
        .anySatisfy(
            a -> {
              assertThat(a.resourceName()).isEqualTo("SYSTEM_PROPERTY");
              assertThat(a.key().isExact()).isTrue();
            });
  }
}
