package io.github.isolationaudit.analyzer.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Scans the {@code logging} fixtures, whose {@code commons-logging.properties} names the tests' own
 * log: a failed MBean registration that production code only logs writes that log, so registering
 * tests race with the test that pops it unlocked, with the test that asserts it empty after its own
 * registration (it reads the name) and with a query of a name pattern; not with each other.
 */
class LoggedFailuresTest {
  private static final String PACKAGE = "io.github.isolationaudit.fixtures.logging";
  private static final String NAME =
      "javax.management.ObjectName:io.github.isolationaudit.fixtures:type=Pool";

  private static final class Scan {
    static final ScanResult RESULT =
        IsolationAudit.scan(ScanOptions.of(root().resolve(PACKAGE.replace('.', '/'))));
  }

  private static Path root() {
    String property = System.getProperty("fixtures.classes");
    Objects.requireNonNull(property, "system property fixtures.classes is not set");
    Path root = Path.of(property).toAbsolutePath().normalize();
    Path dir = root.resolve(PACKAGE.replace('.', '/'));
    if (!Files.isRegularFile(dir.resolve("commons-logging.properties"))) {
      throw new IllegalStateException("no logging fixtures under " + root);
    }
    return root;
  }

  private static Conflict conflict(ResourceKind resource, String key) {
    return Scan.RESULT.conflicts().stream()
        .filter(c -> c.resource() == resource && c.key().value().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no conflict on " + key));
  }

  private static List<String> names(List<TestId> tests) {
    return tests.stream()
        .map(t -> t.className().substring(PACKAGE.length() + 1) + "#" + t.methodName())
        .toList();
  }

  @Test
  void registrarsRaceOnlyWithTheTestsThatSeeTheName() {
    Conflict c = conflict(ResourceKind.JVM_GLOBAL, NAME);
    assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
    assertThat(names(c.readerOnlyWriters()))
        .contains("RegistersTestCase#registersOne", "RegistersTestCase#registersTwo");
    // The muted-log test reads the name through its own failure's log; the query through its
    // pattern.
    assertThat(names(c.writerPartners()))
        .containsExactlyInAnyOrder("MutedLogTestCase#logStaysEmpty", "QueriesTestCase#countsPools");
    assertThat(c.writersRaceOnlyWithPartners()).isTrue();
  }

  @Test
  void aFailureOnlyLoggedWritesTheConfiguredLog() {
    Conflict c = conflict(ResourceKind.STATIC_FIELD, PACKAGE + ".CapturingLog.MESSAGES");
    assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
    // Each push is made whole under the log's lock: the registrars race only with the test that
    // pops without the lock, not with each other, nor with the test that holds the lock across.
    assertThat(names(c.writers()))
        .contains("RegistersTestCase#registersOne", "RegistersTestCase#registersTwo");
    assertThat(names(c.readerOnlyWriters()))
        .contains("RegistersTestCase#registersOne", "RegistersTestCase#registersTwo");
    assertThat(names(c.writerPartners())).containsExactly("PopsLogTestCase#popsNothing");
  }

  @Test
  void aMessageBelowTheLevelWritesNothing() {
    Footprint traces =
        Scan.RESULT.footprints().stream()
            .filter(f -> f.test().id().methodName().equals("onlyTraces"))
            .findFirst()
            .orElseThrow();
    assertThat(traces.accesses()).noneMatch(a -> a.key().value().endsWith("MESSAGES"));
  }
}
