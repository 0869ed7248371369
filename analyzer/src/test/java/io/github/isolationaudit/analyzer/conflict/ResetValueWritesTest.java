package io.github.isolationaudit.analyzer.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.TestId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scans the {@code noise/resetvalue} fixtures alone and checks both sides: where a set-up resets a
 * static field to one constant and only a test method sets another value, that test is the one
 * writer and the tests reading after the reset are its partners, not each other's; a helper that
 * sets another value, or a test that reads without writing, keeps every writer racing.
 */
class ResetValueWritesTest {
  private static final String PACKAGE = "io.github.isolationaudit.fixtures.noise.resetvalue";

  private static final class Scan {
    static final ScanResult RESULT = FixturePackages.scan(PACKAGE);
  }

  private static Conflict conflict(String field) {
    return Scan.RESULT.conflicts().stream()
        .filter(
            c ->
                c.resource() == ResourceKind.STATIC_FIELD
                    && c.key().value().equals(PACKAGE + "." + field))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no conflict on " + field));
  }

  private static List<String> names(List<TestId> tests) {
    return FixturePackages.names(PACKAGE, tests);
  }

  @Test
  void theTestThatSetsAnotherValueIsTheOneWriterAndTheResettingReadersItsPartners() {
    Conflict c = conflict("ResetClockTestCase.clock");
    assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
    assertThat(names(c.writers())).containsExactly("ResetClockTestCase#usesAMockClock");
    // The test that only resets the field and never reads it counts as a reader: its reset lands
    // in the middle of the mock-clock test, but it meets no other reader.
    assertThat(names(c.writerPartners()))
        .containsExactly(
            "ResetClockTestCase#neverReadsTheClock",
            "ResetClockTestCase#readsTheClock",
            "ResetClockTestCase#readsTheClockToo");
    assertThat(names(c.readers())).containsAll(names(c.writerPartners()));
    assertThat(c.possibleReadersSample()).isEmpty();
  }

  @Test
  void anotherValueFromAHelperKeepsEveryWriterRacing() {
    Conflict c = conflict("HelperClockTestCase.clock");
    assertThat(names(c.writers()))
        .containsExactly("HelperClockTestCase#readsTheClock", "HelperClockTestCase#usesAMockClock");
  }

  @Test
  void aReaderThatDoesNotWriteKeepsEveryWriterRacing() {
    Conflict c = conflict("ReaderOnlyClockTestCase$Shared.clock");
    assertThat(names(c.writers()))
        .containsExactly(
            "ResettingWriterTestCase#readsAfterReset", "ResettingWriterTestCase#setsAnother");
    assertThat(names(c.readers())).containsExactly("ReaderOnlyClockTestCase#readsWithoutWriting");
  }
}
