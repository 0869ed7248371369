package io.github.isolationaudit.analyzer.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Scans the {@code noise/freshvalue} fixtures alone and checks both sides: set-ups that store an
 * equal new object built from constants make no conflict, also where a test hands it to code that
 * only reads it; content from a counter or a parameter, a test that changes the shared object or
 * hands it to code that does, two constructions in one field and an identity check keep their
 * definite conflicts.
 */
class FreshEquivalentWritesTest {
  private static final String PACKAGE = "io.github.isolationaudit.fixtures.noise.freshvalue";

  private static final class Scan {
    static final ScanResult RESULT = FixturePackages.scan(PACKAGE);
  }

  private static Optional<Conflict> conflict(ResourceKind resource, String key) {
    return Scan.RESULT.conflicts().stream()
        .filter(c -> c.resource() == resource && c.key().value().equals(key))
        .findFirst();
  }

  private static Optional<Conflict> staticField(String classAndField) {
    return conflict(ResourceKind.STATIC_FIELD, PACKAGE + "." + classAndField);
  }

  @Test
  void equalObjectsBuiltFromConstantsRaceWithNobody() {
    assertThat(staticField("BuilderSetUpTestCase.data")).isEmpty();
    assertThat(staticField("SingletonListSetUpTestCase.markers")).isEmpty();
    assertThat(
            conflict(ResourceKind.INSTANCE_FIELD, PACKAGE + ".SharedManagerTestNgTestCase.request"))
        .isEmpty();
  }

  @Test
  void contentFromACounterOrAParameterStillRaces() {
    assertThat(staticField("CounterContentTestCase.data"))
        .hasValueSatisfying(c -> assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE));
    assertThat(staticField("ParameterContentTestCase.data"))
        .hasValueSatisfying(c -> assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE));
  }

  @Test
  void aTestThatChangesTheSharedObjectStillRaces() {
    assertThat(staticField("MutatedByTestTestCase.data"))
        .hasValueSatisfying(c -> assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE));
    assertThat(staticField("MutatedByTestTestCase.names"))
        .hasValueSatisfying(c -> assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE));
  }

  @Test
  void anObjectHandedToCodeThatChangesItStillRaces() {
    assertThat(staticField("HandedOnStatsTestCase.stats"))
        .hasValueSatisfying(c -> assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE));
  }

  @Test
  void twoConstructionsInOneFieldStillRace() {
    assertThat(staticField("Holder.shared"))
        .hasValueSatisfying(c -> assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE));
  }

  @Test
  void anIdentityCheckStillRaces() {
    assertThat(staticField("IdentityTestCase.data"))
        .hasValueSatisfying(c -> assertThat(c.certainty()).isEqualTo(Certainty.DEFINITE));
  }
}
