package io.github.isolationaudit.analyzer.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.isolationaudit.model.Access;
import io.github.isolationaudit.model.Certainty;
import io.github.isolationaudit.model.Confidence;
import io.github.isolationaudit.model.Conflict;
import io.github.isolationaudit.model.Footprint;
import io.github.isolationaudit.model.ResourceKind;
import io.github.isolationaudit.model.ScanResult;
import io.github.isolationaudit.model.Sensitivity;
import io.github.isolationaudit.model.TestId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scans the {@code noise/failuremessages} fixtures alone and checks both sides: default-Locale
 * reads made only for a failure message (assertion messages of JUnit 5, JUnit 4, TestNG, AssertJ
 * and Hamcrest, a {@code Supplier<String>} lambda, an exception's message built in a local, a
 * validator's message) are LOW and no definite partner of the Locale writer; the formatted text
 * asserted as a value, or used both as the value and in the message, still races.
 */
class FailureMessageReadsTest {
  private static final String PACKAGE = "io.github.isolationaudit.fixtures.noise.failuremessages";

  private static final class Scan {
    static final ScanResult RESULT = FixturePackages.scan(PACKAGE);
  }

  private static Conflict localeConflict() {
    return Scan.RESULT.conflicts().stream()
        .filter(c -> c.resource() == ResourceKind.LOCALE && c.certainty() == Certainty.DEFINITE)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no definite LOCALE conflict"));
  }

  private static List<String> names(List<TestId> tests) {
    return FixturePackages.names(PACKAGE, tests);
  }

  private static List<Access> localeReads(String className, String method) {
    Footprint f =
        Scan.RESULT.footprints().stream()
            .filter(
                p ->
                    p.test().id().className().equals(PACKAGE + "." + className)
                        && p.test().id().methodName().equals(method))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no test " + className + "#" + method));
    return f.accesses().stream().filter(a -> a.resource() == ResourceKind.LOCALE).toList();
  }

  @Test
  void theWriterRacesOnlyWithTestsWhoseOutcomeTheLocaleDecides() {
    Conflict c = localeConflict();
    assertThat(names(c.writers())).containsExactly("LocaleWriterTestCase#switchesToGerman");
    assertThat(names(c.readers()))
        .containsExactly(
            "FormattedValueTestCase#assertJActualValue",
            "FormattedValueTestCase#assertsTheFormattedText",
            "FormattedValueTestCase#choosesTheTextOnOneBranchAndAssertsIt",
            "FormattedValueTestCase#keepsTheTextInAFieldAndSaysItInTheMessage",
            "FormattedValueTestCase#supplierUsedAsAValue",
            "FormattedValueTestCase#usesTheTextAsValueAndInTheMessage",
            "ReportedExceptionTestCase#assertsTheExceptionMessage");
  }

  @Test
  void whatAnExceptionsMessageReadsIsLowWhereOnlyTheReportAsksForIt() {
    assertThat(localeReads("ReportedExceptionTestCase", "letsTheExceptionPropagate"))
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.confidence()).isEqualTo(Confidence.LOW));
    assertThat(localeReads("ReportedExceptionTestCase", "assertsTheExceptionMessage"))
        .anySatisfy(
            a -> {
              assertThat(a.confidence()).isNotEqualTo(Confidence.LOW);
              assertThat(a.sensitivity()).isEqualTo(Sensitivity.HIGH);
            });
  }

  @Test
  void readsMadeOnlyForAFailureMessageAreLow() {
    for (String method :
        List.of(
            "failsWithFormattedMessage",
            "jupiterMessageLast",
            "junit4MessageFirst",
            "testNgMessageLast",
            "assertJDescription",
            "hamcrestReason",
            "exceptionMessageBuiltInALocal",
            "validatorMessage",
            "supplierMessage")) {
      assertThat(localeReads("MessageOnlyTestCase", method))
          .as(method)
          .isNotEmpty()
          .allSatisfy(a -> assertThat(a.sensitivity()).isEqualTo(Sensitivity.LOW));
    }
  }

  @Test
  void aFormattedValueThatIsAssertedStaysHigh() {
    for (String method :
        List.of(
            "assertsTheFormattedText",
            "usesTheTextAsValueAndInTheMessage",
            "assertJActualValue",
            "supplierUsedAsAValue",
            "keepsTheTextInAFieldAndSaysItInTheMessage",
            "choosesTheTextOnOneBranchAndAssertsIt")) {
      assertThat(localeReads("FormattedValueTestCase", method))
          .as(method)
          .anySatisfy(a -> assertThat(a.sensitivity()).isEqualTo(Sensitivity.HIGH));
    }
  }
}
