package io.github.isolationaudit.analyzer.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Scans the {@code noise/locks} fixtures alone and checks both sides: tests that hold a static
 * final lock (or a class's monitor) across their whole use of a log that every method of it guards
 * with that lock race with nobody; a test that reads without the lock, tests that lock around
 * single operations, a lock field that is not final and a test outside the monitor keep their
 * conflicts.
 */
class HeldLocksTest {
  private static final String PACKAGE = "io.github.isolationaudit.fixtures.noise.locks";

  private static final class Scan {
    static final ScanResult RESULT = FixturePackages.scan(PACKAGE);
  }

  private static Optional<Conflict> staticField(String classAndField) {
    return Scan.RESULT.conflicts().stream()
        .filter(
            c ->
                c.resource() == ResourceKind.STATIC_FIELD
                    && c.key().value().equals(PACKAGE + "." + classAndField))
        .findFirst();
  }

  private static List<String> names(List<TestId> tests) {
    return tests.stream()
        .map(t -> t.className().substring(PACKAGE.length() + 1) + "#" + t.methodName())
        .toList();
  }

  @Test
  void testsHoldingTheLockAcrossTheirWholeUseRaceWithNobody() {
    assertThat(staticField("MessageLog.MESSAGES")).isEmpty();
  }

  @Test
  void testsHoldingAClassMonitorThatEveryMethodTakesRaceWithNobody() {
    assertThat(staticField("Registry.NAMES")).isEmpty();
  }

  @Test
  void holdersRaceOnlyWithTestsOutsideASection() {
    Conflict c = staticField("AuditLog.ENTRIES").orElseThrow();
    assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
    // The holders race only with the others; so does the per-operation test's every write (the
    // lock is taken around each), but it reads what it popped, so it stays a partner.
    assertThat(names(c.readerOnlyWriters()))
        .containsExactly(
            "AuditPerOperationTestCase#auditsWithoutHoldingTheLock",
            "HeldAuditTestCase#auditsOnce",
            "HeldAuditTestCase#auditsTwice");
    // Each holder races with the unlocked reader and the test that locks per operation, which
    // also race with each other; the two holders do not race with each other.
    assertThat(names(c.writerPartners()))
        .containsExactly(
            "AuditPerOperationTestCase#auditsWithoutHoldingTheLock",
            "UnlockedAuditReaderTestCase#seesAnEmptyLog");
    assertThat(names(c.readingWriters()))
        .containsExactly("AuditPerOperationTestCase#auditsWithoutHoldingTheLock");
    // Every racing pair has a partner in it: isolating or locking the partners keeps them apart.
    assertThat(c.writersRaceOnlyWithPartners()).isTrue();
  }

  @Test
  void testsThatLockAroundSingleOperationsStillRace() {
    Conflict c = staticField("EventLog.EVENTS").orElseThrow();
    assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
    assertThat(names(c.writers()))
        .containsExactly(
            "PerOperationTestCase#popsAnotherEvent", "PerOperationTestCase#popsItsOwnEvent");
    // Each write is made whole under the lock, but each test reads what it pops: the other's
    // clear or log can fall between its own log and pop, so each is the other's partner.
    assertThat(names(c.readingWriters()))
        .containsExactly(
            "PerOperationTestCase#popsAnotherEvent", "PerOperationTestCase#popsItsOwnEvent");
  }

  @Test
  void aLockFieldThatIsNotFinalProtectsNothing() {
    Conflict c = staticField("LooseLockLog.LINES").orElseThrow();
    assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
    assertThat(c.writers()).hasSize(2);
    assertThat(c.readerOnlyWriters()).isEmpty();
  }

  @Test
  void countersInSectionsStayPartnersOfDrawsFromAThreadSafeCounter() {
    Conflict c = staticField("Counters.CONNECTIONS").orElseThrow();
    assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
    // The draws race only with the counting tests; the counting tests stay their partners.
    assertThat(names(c.writerPartners()))
        .containsExactly("CountersTestCase#countsOne", "CountersTestCase#countsTwo");
    assertThat(names(c.readerOnlyWriters()))
        .contains("CountersTestCase#connects", "CountersTestCase#connectsAgain");
  }

  @Test
  void aReadLockProtectsNothing() {
    Conflict c = staticField("ReadLockLog.ROWS").orElseThrow();
    assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
    assertThat(c.writers()).hasSize(2);
    assertThat(c.readerOnlyWriters()).isEmpty();
  }

  @Test
  void aTestOutsideTheMonitorRacesWithTheOneInside() {
    Conflict c = staticField("Catalogue.NAMES").orElseThrow();
    assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
    assertThat(names(c.writers()))
        .containsExactly(
            "CatalogueTestCase#catalogsUnderTheMonitor", "CatalogueTestCase#catalogsWithoutIt");
    // The test in the monitor's section cannot be split by the other's add or size (each takes
    // the monitor around itself), but its section can fall between them: the other stays its
    // partner, and the pair races as before.
    assertThat(names(c.readingWriters())).containsExactly("CatalogueTestCase#catalogsWithoutIt");
    assertThat(names(c.writerPartners())).containsExactly("CatalogueTestCase#catalogsWithoutIt");
  }
}
