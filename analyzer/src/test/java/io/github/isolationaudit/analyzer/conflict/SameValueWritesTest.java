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
 * Scans the {@code noise/samevalue} fixtures alone (other families write the same defaults with
 * other values) and checks both sides: writers of one constant and readers that write it first make
 * no conflict; another value, a clear, a reader that does not write first, a new object, a map put
 * and a shared field that a test reads keep theirs.
 */
class SameValueWritesTest {
  private static final String PACKAGE = "io.github.isolationaudit.fixtures.noise.samevalue";

  private static final class Scan {
    static final ScanResult RESULT = FixturePackages.scan(PACKAGE);
  }

  private static Optional<Conflict> conflict(ResourceKind resource, String key) {
    return Scan.RESULT.conflicts().stream()
        .filter(c -> c.resource() == resource && c.key().value().equals(key))
        .findFirst();
  }

  private static List<String> names(List<TestId> tests) {
    return tests.stream()
        .map(t -> t.className().replace(PACKAGE + ".", "") + "#" + t.methodName())
        .toList();
  }

  @Test
  void writersOfOneConstantAndReadersThatWriteItFirstDoNotConflict() {
    assertThat(conflict(ResourceKind.SYSTEM_PROPERTY, "noise.samevalue.same"))
        .hasValueSatisfying(
            c -> {
              // Only the test that walks every property is a (possible) partner.
              assertThat(c.certainty()).isEqualTo(Certainty.POSSIBLE);
              assertThat(names(c.possibleReadersSample()))
                  .containsExactly("WholeSetReaderTestCase#listsEveryKey");
            });
    assertThat(conflict(ResourceKind.LOCALE, "java.util.Locale")).isEmpty();
    assertThat(conflict(ResourceKind.TIME_ZONE, "java.util.TimeZone")).isEmpty();
    assertThat(
            conflict(
                ResourceKind.STATIC_FIELD,
                "io.github.isolationaudit.fixtures.noise.samevalue.Settings.mode"))
        .isEmpty();
    assertThat(
            conflict(ResourceKind.INSTANCE_FIELD, PACKAGE + ".LifecycleFieldTestNgTestCase.name"))
        .isEmpty();
  }

  @Test
  void aReaderOfEveryKeyStillMeetsOtherWritersDefinitely() {
    assertThat(conflict(ResourceKind.SYSTEM_PROPERTY, "noise.samevalue.other"))
        .hasValueSatisfying(
            c -> assertThat(names(c.readers())).contains("WholeSetReaderTestCase#listsEveryKey"));
  }

  @Test
  void anotherValueOrAClearKeepsTheConflict() {
    assertThat(conflict(ResourceKind.SYSTEM_PROPERTY, "noise.samevalue.other"))
        .hasValueSatisfying(
            c ->
                assertThat(names(c.writers()))
                    .containsExactly(
                        "OtherValueTestCase#switchesOff", "OtherValueTestCase#switchesOn"));
    assertThat(conflict(ResourceKind.SYSTEM_PROPERTY, "noise.samevalue.other"))
        .hasValueSatisfying(c -> assertThat(c.reason()).doesNotContain("race only"));
    assertThat(
            conflict(
                ResourceKind.STATIC_FIELD,
                "io.github.isolationaudit.fixtures.noise.samevalue.Settings.level"))
        .hasValueSatisfying(
            c ->
                assertThat(names(c.writers()))
                    .containsExactly(
                        "OtherValueTestCase#usesTheHighLevel",
                        "OtherValueTestCase#usesTheLowLevel"));
    assertThat(conflict(ResourceKind.SYSTEM_PROPERTY, "noise.samevalue.cleared"))
        .hasValueSatisfying(
            c -> {
              assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
              assertThat(c.writers()).hasSize(3);
            });
  }

  @Test
  void aReaderThatDoesNotWriteFirstRacesWithTheWriters() {
    assertThat(conflict(ResourceKind.SYSTEM_PROPERTY, "noise.samevalue.read"))
        .hasValueSatisfying(
            c -> {
              assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE);
              assertThat(names(c.readers())).containsExactly("UnwrittenReaderTestCase#readsOnly");
              assertThat(c.reason()).contains("all race only with the tests that read it");
              assertThat(names(c.writers()))
                  .containsExactly(
                      "UnwrittenReaderTestCase#readsBeforeWriting",
                      "UnwrittenReaderTestCase#writesOn",
                      "UnwrittenReaderTestCase#writesOnToo");
              assertThat(names(c.readerOnlyWriters())).hasSize(3);
              // Each writer races with the test that reads before it writes, not the two that
              // only write the constant with each other: that test is a partner of the writers.
              assertThat(names(c.readingWriters()))
                  .containsExactly("UnwrittenReaderTestCase#readsBeforeWriting");
              assertThat(names(c.writerPartners()))
                  .containsExactly(
                      "UnwrittenReaderTestCase#readsBeforeWriting",
                      "UnwrittenReaderTestCase#readsOnly");
            });
  }

  @Test
  void newObjectsAndMapPutsAreNeverSameValue() {
    assertThat(
            conflict(
                ResourceKind.STATIC_FIELD,
                "io.github.isolationaudit.fixtures.noise.samevalue.Settings.holder"))
        .hasValueSatisfying(c -> assertThat(c.writers()).hasSize(2));
    assertThat(
            conflict(
                ResourceKind.STATIC_FIELD,
                "io.github.isolationaudit.fixtures.noise.samevalue.Settings.ENTRIES"))
        .hasValueSatisfying(c -> assertThat(c.writers()).hasSize(2));
  }

  @Test
  void setUpWritesOfAFieldNoTestReadsDoNotConflict() {
    assertThat(
            conflict(
                ResourceKind.INSTANCE_FIELD, PACKAGE + ".LifecycleFieldTestNgTestCase.spiller"))
        .isEmpty();
    assertThat(
            conflict(
                ResourceKind.INSTANCE_FIELD,
                PACKAGE + ".LifecycleFieldReaderTestNgTestCase.spiller"))
        .hasValueSatisfying(
            c -> {
              assertThat(names(c.readers())).isEmpty();
              assertThat(names(c.writers()))
                  .containsExactly(
                      "LifecycleFieldReaderTestNgTestCase#addsUp",
                      "LifecycleFieldReaderTestNgTestCase#usesTheSpiller");
            });
    assertThat(conflict(ResourceKind.INSTANCE_FIELD, PACKAGE + ".InnerReaderTestNgTestCase.handle"))
        .hasValueSatisfying(c -> assertThat(c.writers()).hasSize(2));
    assertThat(conflict(ResourceKind.INSTANCE_FIELD, PACKAGE + ".BodyFieldTestNgTestCase.scratch"))
        .hasValueSatisfying(c -> assertThat(c.writers()).hasSize(2));
  }
}
