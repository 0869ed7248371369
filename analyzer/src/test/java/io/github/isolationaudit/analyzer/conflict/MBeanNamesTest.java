package io.github.isolationaudit.analyzer.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Key;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** An MBean name is a JVM-wide resource: registering it races with the tests that look it up. */
class MBeanNamesTest {
  private static final String CLASS =
      "io.github.isolationaudit.fixtures.jvmglobal.MBeanNamesTestCase";
  private static final String NAME = "javax.management.ObjectName:fixtures:type=Counter";

  @Test
  void registeringANameRacesWithTheTestThatAsksForIt() {
    ScanResult result = scan();

    Conflict counter =
        result.conflicts().stream()
            .filter(c -> c.key().value().equals(NAME))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no conflict on " + NAME));

    assertThat(counter.certainty()).isEqualTo(Certainty.DEFINITE);
    assertThat(counter.writers())
        .extracting(TestId::methodName)
        .containsExactly("registersAndUnregistersAName");
    // The query of the domain's pattern the code spells out reads every name it matches, this
    // one definitely.
    assertThat(counter.readers())
        .extracting(TestId::methodName)
        .containsExactly("asksWhetherTheNameIsRegistered", "countsTheNamesOfADomain");
  }

  @Test
  void aQueryByANamePatternReadsEveryNameItMatches() {
    Access query =
        scan().footprints().stream()
            .filter(f -> f.test().id().display().equals(CLASS + "#countsTheNamesOfADomain"))
            .flatMap(f -> f.accesses().stream())
            .filter(a -> a.key().value().startsWith("javax.management.ObjectName:"))
            .findFirst()
            .orElseThrow();

    assertThat(query.key().kind()).isEqualTo(Key.Kind.PATTERN);
    assertThat(query.key().overlaps(Key.exact(NAME))).isTrue();
  }

  private static ScanResult scan() {
    String property = System.getProperty("fixtures.classes");
    Objects.requireNonNull(property, "system property fixtures.classes is not set");
    Path root = Path.of(property).toAbsolutePath().normalize();
    return IsolationAudit.scan(
        ScanOptions.of(root.resolve("io/github/isolationaudit/fixtures/jvmglobal")).withAllReads());
  }
}
