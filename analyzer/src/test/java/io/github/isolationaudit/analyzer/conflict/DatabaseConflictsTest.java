package io.github.isolationaudit.analyzer.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.analyzer.IsolationAudit;
import io.github.isolationaudit.analyzer.ScanOptions;
import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.AccessMode;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Databases in the {@code database} fixtures: opening one is a use, what is executed on it writes
 * it; and a project's own JDBC driver runs for the tests that connect to a URL it accepts.
 */
class DatabaseConflictsTest {
  private static final String PKG = "io.github.isolationaudit.fixtures.database.";
  private static final String CONNECTS = PKG + "CountingDriver.CONNECTS";

  private static ScanResult result;

  @BeforeAll
  static void scan() {
    result =
        IsolationAudit.scan(
            ScanOptions.of(root().resolve("io/github/isolationaudit/fixtures/database")));
  }

  @Test
  void testsThatCreateAndDropATableRaceWithEachOtherAndWithItsReaders() {
    Conflict ledger = conflict("jdbc:h2:mem:ledger").orElseThrow();

    assertThat(ledger.certainty()).isEqualTo(Certainty.DEFINITE);
    assertThat(ledger.writers())
        .extracting(TestId::display)
        .contains(
            PKG + "SchemaOwnerTestCase#insertsAnEntry", PKG + "SchemaOwnerTestCase#startsEmpty");
    assertThat(ledger.readers())
        .extracting(TestId::display)
        .containsExactly(PKG + "SchemaUserTestCase#countsEntries");
  }

  @Test
  void aTableMadeOnceForAClassDoesNotMakeTheClassesTestsConflict() {
    // The CREATE in @BeforeAll runs once for SchemaPerClassTestCase; its tests only query. (Tests
    // of other classes that write a database not known make it a possible conflict.)
    assertThat(conflict("jdbc:h2:mem:catalog").map(Conflict::certainty))
        .isNotEqualTo(Optional.of(Certainty.DEFINITE));
  }

  @Test
  void testsThatOnlyConnectToANamedDatabaseDoNotConflict() {
    assertThat(conflict("jdbc:h2:mem:lobby")).isEmpty();
    assertThat(conflict("jdbc:h2:mem:orders")).isEmpty();
  }

  @Test
  void aConnectionAloneIsOnlyAPossiblePartnerOfATestThatWrites() {
    // createsTable writes jdbc:h2:mem:test; opensTheSameDatabaseWithOtherSettings only connects.
    Conflict test = conflict("jdbc:h2:mem:test").orElseThrow();
    assertThat(test.readers()).isEmpty();
    assertThat(test.possibleReaders()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void theCountingDriverRunsForTheTestsThatConnectToItsUrl() {
    Conflict connects =
        result.conflicts().stream()
            .filter(c -> c.key().value().equals(CONNECTS))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no conflict on " + CONNECTS));

    assertThat(connects.certainty()).isEqualTo(Certainty.DEFINITE);
    assertThat(connects.writers())
        .extracting(TestId::methodName)
        .contains("countsItsOwnConnections", "connectsThroughAPool")
        .doesNotContain("connectsToAnotherDatabaseThroughThePool", "connectsThroughTheFakeDriver");
  }

  @Test
  void aUrlThatNoDriverOfTheProjectAcceptsDoesNotRunOne() {
    assertThat(countingWrites("CountingDriverTestCase#connectsToAnotherDatabaseThroughThePool"))
        .isEmpty();
    assertThat(countingWrites("FakeDriverTestCase#connectsThroughTheFakeDriver")).isEmpty();
  }

  @Test
  void aUrlNotKnownRunsEveryDriverOfTheProjectOnlyPossibly() {
    List<Access> writes =
        countingWrites("CountingDriverTestCase#connectsThroughThePoolToAUrlNotKnown");
    assertThat(writes).isNotEmpty().allMatch(a -> a.confidence() == Confidence.LOW);
  }

  @Test
  void aConstantUrlThatTheDriverAcceptsRunsItDefinitely() {
    assertThat(countingWrites("CountingDriverTestCase#countsItsOwnConnections"))
        .isNotEmpty()
        .allMatch(a -> a.confidence() != Confidence.LOW);
    assertThat(countingWrites("CountingDriverTestCase#connectsThroughAPool"))
        .isNotEmpty()
        .allMatch(a -> a.confidence() != Confidence.LOW);
  }

  @Test
  void statementsTakeTheConfidenceOfWhatIsKnownOfTheirSqlAndDatabase() {
    assertThat(databaseWrites("SqlStatementsTestCase#insertsThroughAPreparedStatement"))
        .singleElement()
        .satisfies(a -> assertThat(a.confidence()).isEqualTo(Confidence.HIGH));
    assertThat(databaseWrites("SqlStatementsTestCase#runsSqlItDoesNotKnow"))
        .singleElement()
        .satisfies(a -> assertThat(a.confidence()).isEqualTo(Confidence.LOW));
    assertThat(databaseWrites("SqlStatementsTestCase#writesEachOfTwoDatabasesItOpens"))
        .hasSize(2)
        .allMatch(a -> a.confidence() == Confidence.LOW);
    assertThat(databaseWrites("SqlStatementsTestCase#executesWithoutAConnectionItNames"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.key().isExact()).isFalse();
              assertThat(a.confidence()).isEqualTo(Confidence.LOW);
            });
    assertThat(databaseWrites("SqlStatementsTestCase#onlySelects")).isEmpty();
    assertThat(databaseWrites("SqlStatementsTestCase#selectsThroughTheSameHelper")).isEmpty();
  }

  private static Optional<Conflict> conflict(String key) {
    return result.conflicts().stream()
        .filter(c -> c.resource() == ResourceKind.DATABASE && c.key().value().equals(key))
        .findFirst();
  }

  private static Footprint footprint(String test) {
    return result.footprints().stream()
        .filter(f -> f.test().id().display().equals(PKG + test))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no test " + test));
  }

  private static List<Access> countingWrites(String test) {
    return footprint(test).accesses().stream()
        .filter(a -> a.key().value().equals(CONNECTS) && a.mode() == AccessMode.WRITE)
        .toList();
  }

  private static List<Access> databaseWrites(String test) {
    return footprint(test).accesses().stream()
        .filter(a -> a.resource() == ResourceKind.DATABASE && a.mode() == AccessMode.WRITE)
        .toList();
  }

  private static Path root() {
    String property = System.getProperty("fixtures.classes");
    Objects.requireNonNull(property, "system property fixtures.classes is not set");
    return Path.of(property).toAbsolutePath().normalize();
  }
}
